"""``result.plot`` and ``resolver.plot``: the charts as methods, as in ``DataFrame.plot``."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..graph._overrides import RecordKey
from ._chart import Chart
from ._charts import m_u_chart, pick_pair, waterfall_chart, weight_histogram
from ._labels import pair_labels_from_truth, threshold_chart, threshold_curves
from ._profile_charts import at_risk_chart, cluster_size_chart, overlap_chart
from ._risk import profiles_at_risk
from ._run import RunData, model_of_resolver

if TYPE_CHECKING:
    from .._resolver import Resolver
    from .._result import Result

__all__ = ["ResolverPlots", "ResultPlots", "RunPlots"]


class RunPlots:
    """Every chart of one run (a ``Result`` in memory or an output folder)."""

    def __init__(self, run: RunData) -> None:
        self.run = run

    def weights(self) -> Chart:
        """Histogram of match weights with the threshold."""
        return weight_histogram(self.run)

    def m_u(self) -> Chart:
        """m and u per matcher level and the weight each level carries.

        Raises
        ------
        ValueError
            The run carries no fitted model (use ``resolver.plot.m_u()``).
        """
        if self.run.model is None:
            raise ValueError("m and u need the fitted model: use resolver.plot.m_u().")
        return m_u_chart(self.run.model)

    def waterfall(self, left: RecordKey | None = None, right: RecordKey | None = None) -> Chart:
        """One pair's weights, prior to total; default: the pair closest to the threshold.

        ``left`` and ``right`` are ``(source, record_id)`` keys of a scored pair.

        Raises
        ------
        KeyError
            The two records were not scored as a pair (or below probability 0.01).
        """
        if left is None or right is None:
            return waterfall_chart(self.run, pick_pair(self.run))
        return waterfall_chart(self.run, self._pair_row(left, right))

    def sizes(self) -> Chart:
        """Distribution of profile sizes."""
        return cluster_size_chart(self.run)

    def overlap(self) -> Chart:
        """Source-by-source overlap matrix of the profiles."""
        return overlap_chart(self.run)

    @cached_property
    def risk(self) -> pd.DataFrame:
        """The profiles at risk (see ``profiles_at_risk`` in ``_risk``)."""
        return profiles_at_risk(self.run)

    def at_risk(self) -> Chart:
        """Profiles at risk: low confidence, cut links, splits at conflicts or limits."""
        return at_risk_chart(self.risk, self.run.summary.get("profiles", 0))

    def thresholds(self, labels: pd.DataFrame) -> Chart:
        """Precision and recall against the threshold, with 95% intervals.

        ``labels`` is either labelled pairs (``match_probability``, ``label``,
        optional ``weight``; e.g. ``review_labels(read_review(path))``) or a
        labelled subset of records (``source``, ``record_id``, ``entity_id``).
        """
        if "entity_id" in labels.columns:
            labels = pair_labels_from_truth(self.run.edges, labels)
        return threshold_chart(threshold_curves(labels), self.run.threshold)

    def _pair_row(self, left: RecordKey, right: RecordKey) -> int:
        e = self.run.edges
        for a, b in ((left, right), (right, left)):
            hit = np.flatnonzero(
                (e["source_l"].astype(str) == str(a[0]))
                & (e["record_id_l"].astype(str) == str(a[1]))
                & (e["source_r"].astype(str) == str(b[0]))
                & (e["record_id_r"].astype(str) == str(b[1]))
            )
            if len(hit):
                return int(hit[0])
        raise KeyError("these two records were not scored as a pair (or scored below p=0.01).")


class ResultPlots(RunPlots):
    """``result.plot``: the charts of a result in memory (see :class:`RunPlots`)."""

    def __init__(self, result: Result) -> None:
        self._result = result

    @cached_property
    def run(self) -> RunData:  # type: ignore[override]
        """The result's tables, built on first use."""
        return RunData.from_result(self._result)


class ResolverPlots:
    """``resolver.plot``: charts of the fitted model."""

    def __init__(self, resolver: Resolver) -> None:
        self._resolver = resolver

    def m_u(self) -> Chart:
        """m and u per matcher level and the weight each level carries."""
        return m_u_chart(model_of_resolver(self._resolver))
