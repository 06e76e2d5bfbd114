"""Golden records in chunks of whole profiles, for writing them with bounded memory.

Survivorship looks at one profile at a time, so building the golden records
of a group of whole profiles gives exactly their rows of the full tables
(the Spark engine relies on the same property, per bucket of profiles).
Building them a few hundred thousand records at a time keeps the per-record
work arrays (Python strings of every candidate value, ranks, codes) small:
at a million records the whole build holds about a gigabyte of them at once.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import numpy as np
import pandas as pd

from ._build import build_golden
from ._rules import SurvivorshipRule

__all__ = ["CHUNK_RECORDS", "GoldenChunks", "golden_chunks"]

#: Records per chunk (a chunk always holds whole profiles, so it may hold more).
CHUNK_RECORDS = 250_000

#: The frame columns ``build_golden`` reads besides the standardised fields.
_KEYS = ("source", "record_id", "timestamp")


def golden_chunks(
    frame: pd.DataFrame,
    raw: pd.DataFrame,
    extras: pd.DataFrame,
    profile_id: np.ndarray,
    *,
    rules: Mapping[str, SurvivorshipRule] | None = None,
    chunk_records: int = CHUNK_RECORDS,
) -> Iterator[tuple[pd.DataFrame, pd.DataFrame]]:
    """``build_golden``'s golden and lineage tables in consecutive parts.

    Each part covers a run of whole profiles in ``profile_id`` order; the
    parts concatenated are ``build_golden(frame, raw, extras, profile_id,
    rules=rules)`` row for row. Yields at least one part (empty tables
    when there are no records).

    Raises
    ------
    ConfigError
        As ``build_golden``.
    """
    plan = GoldenChunks(frame, raw, extras, profile_id, rules=rules, chunk_records=chunk_records)
    for k in range(plan.n_chunks):
        yield plan.build(k)


class GoldenChunks:
    """The chunks of whole profiles that ``golden_chunks`` builds, each buildable alone
    (so that chunks can be shared between processes; see ``unifyid.golden._parallel``).

    Chunk ``k`` holds the profiles whose records, in profile id order, end
    before ``(k + 1) * chunk_records``. Inputs that are not split (one chunk's
    worth of records, missing profile ids, extras rows not found) are one
    chunk, built by ``build_golden`` as a whole, which also reports their errors.
    """

    def __init__(
        self,
        frame: pd.DataFrame,
        raw: pd.DataFrame,
        extras: pd.DataFrame,
        profile_id: np.ndarray,
        *,
        rules: Mapping[str, SurvivorshipRule] | None = None,
        chunk_records: int = CHUNK_RECORDS,
    ) -> None:
        self._inputs = (frame, raw, extras)
        self._rules = rules
        self._ids = ids = np.asarray(profile_id, dtype=object).ravel()
        self._rows: list[tuple[np.ndarray, np.ndarray | None]] | None = None
        n = len(frame)
        if n <= chunk_records or len(ids) != n or pd.isna(ids).any():
            return
        codes, uniques = pd.factorize(pd.Series(ids, dtype=object).astype(str))
        rank = np.empty(len(uniques), dtype=np.int64)
        rank[np.argsort(np.asarray(uniques, dtype=str), kind="stable")] = np.arange(len(uniques))
        profile = rank[codes]  # position of each record's profile in profile id order
        sizes = np.bincount(profile, minlength=len(uniques))
        chunk_of_profile = (np.cumsum(sizes) - 1) // chunk_records
        chunk = chunk_of_profile[profile]
        extra_rows = _extras_rows(frame, extras)
        if extra_rows is not None and (extra_rows < 0).any():
            return  # build_golden names the problem
        self._columns = _needed_columns(frame)
        self._rows = [
            (
                np.flatnonzero(chunk == k),
                None if extra_rows is None else np.flatnonzero(chunk[extra_rows] == k),
            )
            for k in np.unique(chunk)
        ]

    @property
    def n_chunks(self) -> int:
        """How many chunks (at least one, with empty tables when there are no records)."""
        return 1 if self._rows is None else len(self._rows)

    @property
    def n_records(self) -> int:
        """Records of all chunks."""
        return len(self._inputs[0])

    def build(self, k: int) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Golden and lineage of chunk ``k``: its rows of ``build_golden``'s tables."""
        frame, raw, extras = self._inputs
        if self._rows is None:
            return build_golden(frame, raw, extras, self._ids, rules=self._rules)
        rows, extra_rows = self._rows[k]
        mine = extras if extra_rows is None else extras.iloc[extra_rows]
        return build_golden(
            frame[self._columns].take(rows).reset_index(drop=True),
            raw.take(rows).reset_index(drop=True),
            mine.reset_index(drop=True),
            self._ids[rows],
            rules=self._rules,
        )


def _needed_columns(frame: pd.DataFrame) -> list[str]:
    """The columns of ``frame`` that golden records read (the blocking keys are not)."""
    from ._fields import golden_fields

    wanted = set(_KEYS)
    for spec in golden_fields():
        for c in spec.columns:
            wanted |= {c, f"{c}_from_email", f"{c}__shared"}
    return [c for c in frame.columns if c in wanted]


def _extras_rows(frame: pd.DataFrame, extras: pd.DataFrame) -> np.ndarray | None:
    """Row of ``frame`` of every extras row, or None when extras has no rows or columns.

    Rows that are not found once in ``frame`` get -1 (``build_golden`` reports them).
    Only the sources that have extras are looked up.
    """
    if len(extras) == 0 or not {"source", "record_id"} <= set(extras.columns):
        return None
    out = np.full(len(extras), -1, dtype=np.int64)
    wanted = extras["source"].astype(str).to_numpy(dtype=object)
    source = frame["source"]
    if isinstance(source.dtype, pd.CategoricalDtype):
        names = [str(c) for c in source.cat.categories]
        codes = source.cat.codes.to_numpy()
    else:
        codes, uniques = pd.factorize(source.astype(str))
        names = [str(c) for c in uniques]
    record_ids = extras["record_id"].astype(str).to_numpy(dtype=object)
    for name in pd.unique(wanted):
        if name not in names:
            continue
        rows = np.flatnonzero(codes == names.index(name))
        index = pd.Index(frame["record_id"].take(rows).astype(str).to_numpy(dtype=object))
        if not index.is_unique:
            continue  # build_golden reports the repeated records
        mine = np.flatnonzero(wanted == name)
        found = index.get_indexer(record_ids[mine])
        out[mine] = np.where(found >= 0, rows[np.maximum(found, 0)], -1)
    return out
