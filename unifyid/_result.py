"""``Result``: the profiles, the scored edges and the means to explain them."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd
import pyarrow as pa

from ._arrays import distinct
from ._explain import Explanation, explain_profile
from ._processes import current_n_jobs
from .golden import SurvivorshipRule
from .golden._build import build_golden
from .golden._parallel import golden_parts
from .matchers import Matcher
from .report._card import card_html, card_text
from .report._plots import ResultPlots
from .report._run import result_summary_extras
from .standardise._text import arrow_text as _arrow_text

if TYPE_CHECKING:
    import os

    from ._resolver import Resolver
    from .compare import Scored
    from .graph import Clustering
    from .score import FittedModel

__all__ = ["EDGE_MIN_PROBABILITY", "Result", "run_result"]

#: Scored pairs below this match probability are left out of ``Result.edges``
#: (they are the bulk of the candidates and explain nothing).
EDGE_MIN_PROBABILITY = 0.01


@dataclass(frozen=True, eq=False)
class Result:
    """What ``Resolver.resolve`` returns. Tables are built on first access.

    Attributes
    ----------
    profiles : pandas.DataFrame
        ``source``, ``record_id``, ``profile_id``: every input record exactly once.
    golden, lineage : pandas.DataFrame
        One best record per profile, and the source record and rule of each value.
    edges : pandas.DataFrame
        Scored candidate pairs with probability >= 0.01: both record keys,
        ``match_weight`` (bits), ``match_probability``, ``linked``,
        ``cut_reason``, and per matcher its level label and weight.
    hubs : pandas.DataFrame
        Identifier values found to be shared (``shared``) or non-personal (``hub``).
    quality : pandas.DataFrame
        Per source column: values present, unparseable and junk.
    blocking : pandas.DataFrame
        Per blocking rule: pairs, records in blocks over the size cap, the
        pairs those blocks hold and how many stayed uncompared, and records
        left without a pair there; a last row counts exact-duplicate pairs.
    changes : pandas.DataFrame
        When resolved with ``previous=``: ``event`` (new, grown, shrunk,
        merged, split, removed), ``old_ids``, ``new_id``, ``records_affected``.
    timings : dict
        Seconds per stage.
    n_jobs : int or None
        Processes that building the tables may use: the resolver's
        ``n_jobs`` in force where the result was made (see ``unifyid._processes``).
    """

    frame: pd.DataFrame
    raw: pd.DataFrame
    extras: pd.DataFrame
    golden_rules: Mapping[str, SurvivorshipRule] | None
    profile_id: np.ndarray
    left: np.ndarray
    right: np.ndarray
    gamma: np.ndarray
    contributions: np.ndarray
    weight: np.ndarray
    probability: np.ndarray
    linked: np.ndarray
    reason: np.ndarray
    matchers: tuple[Matcher, ...]
    hubs: pd.DataFrame
    quality: pd.DataFrame
    blocking: pd.DataFrame
    changes: pd.DataFrame
    timings: Mapping[str, float] = field(default_factory=dict)
    n_jobs: int | None = field(default_factory=current_n_jobs)

    @cached_property
    def profiles(self) -> pd.DataFrame:
        """One row per input record: ``source``, ``record_id``, ``profile_id`` (all strings)."""
        text_dtype = pd.Series(["text"]).dtype  # what pandas makes of a column of str
        arrow = (
            _arrow_text(self.frame["record_id"]) if not isinstance(text_dtype, np.dtype) else None
        )
        if arrow is None:  # object strings (pandas 2), or record ids that are not Arrow text
            return pd.DataFrame(
                {
                    "source": self.frame["source"].astype(str).to_numpy(),
                    "record_id": self.frame["record_id"].astype(str).to_numpy(),
                    "profile_id": self.profile_id.astype(str),
                }
            )
        # pandas 3: the same str columns, built in Arrow without a Python string per record.
        source = self.frame["source"]
        if isinstance(source.dtype, pd.CategoricalDtype) and len(source.cat.categories):
            names = pa.array([str(c) for c in source.cat.categories], type=pa.string())
            sources = names.take(pa.array(source.cat.codes.to_numpy()))
        else:
            sources = pa.array(source.astype(str).to_numpy(dtype=object), type=pa.string())
        try:
            ids = pa.array(self.profile_id, type=pa.string())
        except (pa.ArrowException, TypeError, ValueError):  # ids that are not all str
            ids = pa.array(self.profile_id.astype(str).astype(object), type=pa.string())
        return pd.DataFrame(
            {
                "source": pd.array(sources, dtype=text_dtype),
                "record_id": pd.array(arrow, dtype=text_dtype),
                "profile_id": pd.array(ids, dtype=text_dtype),
            }
        )

    @cached_property
    def _golden_tables(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        return self._build_golden_tables()

    def _golden_tables_once(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Golden and lineage: the kept ones if built before, else built and not kept
        (for writing them out once without holding them afterwards)."""
        if "_golden_tables" in self.__dict__:  # cached_property's slot
            return self._golden_tables
        return self._build_golden_tables()

    @contextlib.contextmanager
    def _golden_parts(
        self,
    ) -> Iterator[Iterator[tuple[pd.DataFrame, pd.DataFrame | pa.Table]]]:
        """Golden and lineage in consecutive parts of whole profiles (for writing
        them with bounded memory), built in up to ``n_jobs`` processes (the child
        is forked on entering the block; a lineage part it built comes as the
        Arrow table written); the kept tables as one part if built before."""
        if "_golden_tables" in self.__dict__ or "first_name_bands" in self.frame.columns:
            yield (self._golden_tables_once() for _ in range(1))
            return
        with golden_parts(
            self.frame,
            self.raw,
            self.extras,
            self.profile_id,
            rules=self.golden_rules,
            n_jobs=self.n_jobs,
            arrow_lineage=True,
        ) as parts:
            yield parts

    def _build_golden_tables(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Golden and lineage, built anew (``_golden_tables`` keeps them)."""
        if "first_name_bands" in self.frame.columns:  # encoded sources
            from .encode._golden import encoded_golden

            return encoded_golden(
                self.frame, self.raw, self.extras, self.profile_id, rules=self.golden_rules
            )
        return build_golden(
            self.frame, self.raw, self.extras, self.profile_id, rules=self.golden_rules
        )

    @property
    def golden(self) -> pd.DataFrame:
        """One best record per profile (survivorship rules; see ``unifyid.golden``)."""
        return self._golden_tables[0]

    @property
    def lineage(self) -> pd.DataFrame:
        """Where each golden value came from: ``profile_id``, ``field``, ``value``,
        ``source``, ``record_id``, ``rule``, ``n_candidates``."""
        return self._golden_tables[1]

    @cached_property
    def edges(self) -> pd.DataFrame:
        """Scored pairs above ``EDGE_MIN_PROBABILITY`` with each matcher's contribution."""
        keep = np.flatnonzero(self.probability >= EDGE_MIN_PROBABILITY)
        return self._edge_table(keep)

    def decisive_edge_rows(self) -> np.ndarray:
        """Candidate pairs of ``edges`` that are linked or kept apart (a cut reason)."""
        kept = self.probability >= EDGE_MIN_PROBABILITY
        return np.flatnonzero(kept & (self.linked | pd.notna(self.reason)))

    def _cut_links(self) -> np.ndarray:
        """Per candidate pair, whether it scored as a match (0.5 or more) but was kept
        apart with a reason (a veto, an override or a cut); a linked pair with a
        reason (pinned, or a name-only join) is a link, not a cut."""
        return (self.reason != None) & ~self.linked & (self.probability >= 0.5)  # noqa: E711

    def _edge_table(self, rows: np.ndarray) -> pd.DataFrame:
        # Taken from the frame's own (Arrow-backed) arrays: no Python strings.
        src = self.frame["source"].astype(str).array
        rid = self.frame["record_id"].array
        li, ri = self.left[rows], self.right[rows]
        table = {
            "source_l": src.take(li),
            "record_id_l": rid.take(li),
            "source_r": src.take(ri),
            "record_id_r": rid.take(ri),
            "match_weight": self.weight[rows].astype(np.float32),
            "match_probability": self.probability[rows].astype(np.float32),
            "linked": self.linked[rows],
            "cut_reason": self.reason[rows],
        }
        for k, m in enumerate(self.matchers):
            labels = pd.Categorical.from_codes(
                self.gamma[rows, k], categories=list(m.level_labels())
            )
            table[f"{m.name}_level"] = labels
            table[f"{m.name}_weight"] = self.contributions[rows, k]
        return pd.DataFrame(table)

    @property
    def n_profiles(self) -> int:
        """Number of distinct profiles."""
        return int(pd.unique(self.profile_id).size)

    def explain(self, profile_id: str) -> Explanation:
        """Why these records are one customer: members, links, cut links, confidence.

        Raises
        ------
        KeyError
            The profile id is not in this result.
        """
        members = np.flatnonzero(self.profile_id == profile_id)
        if len(members) == 0:
            raise KeyError(f"unknown profile_id {profile_id!r}")
        return explain_profile(self, profile_id, members)

    def write(
        self,
        out_dir: str | os.PathLike[str],
        *,
        resolver: Resolver | None = None,
        edges: Literal["decisive", "all", "none"] = "decisive",
        state: bool = True,
    ) -> dict[str, Path]:
        """Write the output folder ``unifyid resolve --out`` writes, and return its paths.

        ``profiles``, ``golden``, ``lineage``, ``edges``, ``hubs``, ``quality``,
        ``changes`` (Parquet) and ``summary.json``; with the fitted ``resolver``
        and ``state=True`` also ``state/``, what a later run continues from.
        ``edges`` is ``"decisive"`` (linked pairs and those kept apart),
        ``"all"`` or ``"none"``, as ``--edges``. The folder appears only when
        complete and replaces an earlier run's folder as a whole.
        """
        from .io._outputs import write_outputs

        return write_outputs(self, out_dir, resolver=resolver, edges=edges, state=state)

    def summary(self) -> dict[str, object]:
        """Counts a pipeline logs after each run (no customer values)."""
        counts, extras = self._summary_counts
        return {
            **counts,
            "seconds": {k: round(v, 3) for k, v in self.timings.items()},
            **extras,
        }

    @cached_property
    def _summary_counts(self) -> tuple[dict[str, object], dict[str, object]]:
        """The counts of ``summary`` (computed once: writing the outputs and the
        CLI both ask for them), and the report's extra keys."""
        prof = self.profiles
        profile, _ = pd.factorize(prof["profile_id"])
        n_profiles = int(profile.max()) + 1 if len(profile) else 0
        source_code, source_names = pd.factorize(prof["source"])
        per_source = np.bincount(source_code, minlength=len(source_names))
        n_src = max(len(source_names), 1)
        pairs = distinct(profile.astype(np.int64) * n_src + source_code)  # (profile, source)
        channels = np.bincount(pairs // n_src, minlength=n_profiles)
        sizes = np.bincount(profile, minlength=n_profiles)
        counts = {
            "records": len(profile),
            "records_per_source": dict(
                sorted((str(name), int(n)) for name, n in zip(source_names, per_source))
            ),
            "profiles": n_profiles,
            "multi_channel_profiles": int((channels > 1).sum()),
            "largest_profile": int(sizes.max()) if n_profiles else 0,
            "candidate_pairs": len(self.left),
            "links": int(self.linked.sum()),
            "links_cut": int(self._cut_links().sum()),
            "hub_values": int((self.hubs["kind"] == "hub").sum()) if len(self.hubs) else 0,
        }
        return counts, result_summary_extras(self, profile)

    # -- display (implemented in unifyid.report) ---------------------------
    @cached_property
    def plot(self) -> ResultPlots:
        """Charts of this result: ``result.plot.weights()``, ``.waterfall()``, ``.sizes()``,
        ``.overlap()``, ``.at_risk()``, ``.thresholds(labels)`` (need ``unifyid[report]``)."""
        return ResultPlots(self)

    def _repr_html_(self) -> str:
        return card_html(self.summary(), self.quality, self.hubs)

    def __repr__(self) -> str:
        return card_text(self.summary(), self.quality, self.hubs)


def run_result(
    scored: Scored,
    found: Clustering,
    model: FittedModel,
    *,
    golden_rules: Mapping[str, SurvivorshipRule] | None,
    timings: Mapping[str, float],
) -> Result:
    """The result of a full run: the compared batch, its clustering and the model applied."""
    prepared = scored.prepared
    return Result(
        frame=prepared.frame,
        raw=prepared.raw,
        extras=prepared.extras,
        golden_rules=golden_rules,
        profile_id=found.profile_id,
        left=scored.left,
        right=scored.right,
        gamma=scored.gamma,
        contributions=found.contributions,
        weight=found.weight,
        probability=found.probability,
        linked=found.linked,
        reason=found.reason,
        matchers=tuple(model.matchers),
        hubs=scored.hubs,
        quality=prepared.quality,
        blocking=scored.blocking,
        changes=found.changes,
        timings=timings,
    )
