"""Adapter that turns a recordlinkage compare feature into a unifyid matcher."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from .._errors import ConfigError
from ._base import Matcher

__all__ = ["RecordLinkageMatcher"]


class RecordLinkageMatcher(Matcher):
    """Use a ``recordlinkage.compare`` feature (``String``, ``Numeric``, ``Date``...) as a matcher.

    The feature's similarity in [0, 1] is binned into levels by ``thresholds``
    (descending): level 1 is ``similarity >= thresholds[0]``, and so on, with a
    final ``else`` level. The feature's labels name unifyid's standardised
    columns (``first_name``, ``street``, ...).

    Parameters
    ----------
    feature : recordlinkage.base.BaseCompareFeature
        A compare feature, e.g. ``String("street", "street", method="jarowinkler")``.
    name : str
        Name of the matcher in outputs.
    thresholds : sequence of float
        Strictly decreasing similarity cut-offs in (0, 1].

    Examples
    --------
    >>> from recordlinkage.compare import String
    >>> import unifyid as uid
    >>> m = uid.RecordLinkageMatcher(String("street", "street", method="jarowinkler"),
    ...                              name="street_jw", thresholds=(1.0, 0.85))
    >>> uid.check_matcher(m)
    """

    def __init__(
        self, feature: Any, *, name: str, thresholds: Sequence[float] = (1.0, 0.8)
    ) -> None:
        labels_left = getattr(feature, "labels_left", None)
        labels_right = getattr(feature, "labels_right", None)
        if labels_left is None or not hasattr(feature, "compute"):
            raise ConfigError(
                f"RecordLinkageMatcher {name!r}: expected a recordlinkage compare feature, "
                f"got {type(feature).__name__}."
            )
        ts = tuple(float(t) for t in thresholds)
        if not ts or any(not 0 < t <= 1 for t in ts) or list(ts) != sorted(set(ts), reverse=True):
            raise ConfigError(
                f"RecordLinkageMatcher {name!r}: thresholds must be strictly decreasing "
                f"values in (0, 1], got {list(thresholds)}."
            )
        left = [labels_left] if isinstance(labels_left, str) else list(labels_left)
        right = [labels_right] if isinstance(labels_right, str) else list(labels_right)
        self.feature = feature
        self.name = name
        self.thresholds = ts
        self.columns = tuple(dict.fromkeys(left + right))
        self.levels = (*(f"similarity >= {t:g}" for t in ts), "else")
        self._init_params = {"feature": type(feature).__name__, "name": name, "thresholds": ts}

    def _compare(self, left: dict[str, np.ndarray], right: dict[str, np.ndarray]) -> np.ndarray:
        n = len(next(iter(left.values())))
        pairs = pd.MultiIndex.from_arrays([np.arange(n), np.arange(n)])
        sim = np.asarray(
            self.feature.compute(pairs, pd.DataFrame(left), pd.DataFrame(right)), dtype=float
        ).reshape(-1)
        out = np.full(n, len(self.thresholds) + 1, dtype=np.int8)
        for level in range(len(self.thresholds), 0, -1):
            out[sim >= self.thresholds[level - 1] - 1e-9] = level
        return out
