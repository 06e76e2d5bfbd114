"""Assemble the golden and lineage tables from the chosen records."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._arrays import distinct, object_frame
from ._fields import golden_columns
from ._select import Pick, ProfileRecords

__all__ = ["LINEAGE_COLUMNS", "golden_table", "lineage_table"]

#: Columns of the lineage table, in order.
LINEAGE_COLUMNS = ("profile_id", "field", "value", "source", "record_id", "rule", "n_candidates")


def _sources_text(recs: ProfileRecords) -> np.ndarray:
    """Comma-joined sorted source names of every profile."""
    n_src = len(recs.sources)
    if n_src <= 62:  # one bit per source
        mask = np.zeros(recs.n_profiles, dtype=np.int64)
        for k in range(n_src):
            mask[recs.profile[recs.source == k]] |= np.int64(1) << k
        codes, uniques = pd.factorize(mask)
        joined = [
            ",".join(name for k, name in enumerate(recs.sources) if (int(m) >> k) & 1)
            for m in uniques
        ]
        return np.asarray(joined, dtype=object)[codes]
    pairs = distinct(np.asarray(recs.profile * n_src + recs.source))
    names = np.asarray(recs.sources, dtype=object)[pairs % n_src]
    text = pd.Series(names).groupby(pairs // n_src).agg(",".join)
    return text.reindex(range(recs.n_profiles)).to_numpy(dtype=object)


def golden_table(
    recs: ProfileRecords, picks: list[Pick], values: dict[str, np.ndarray]
) -> pd.DataFrame:
    """One row per profile: counts, sources, then each pick's values (None where no pick)."""
    n = recs.n_profiles
    table: dict[str, np.ndarray] = {
        "profile_id": recs.profile_ids,
        "n_records": np.bincount(recs.profile, minlength=n).astype(np.int64),
        "sources": _sources_text(recs),
    }
    for pick in picks:
        column = np.full(n, None, dtype=object)
        column[pick.row >= 0] = values[pick.column]
        table[pick.column] = column
    fixed_order = golden_columns()
    fixed = [c for c in fixed_order if c in table]
    extra = [c for c in table if c not in fixed_order]
    return object_frame({c: table[c] for c in [*fixed, *extra]})


def lineage_table(
    recs: ProfileRecords, picks: list[Pick], values: dict[str, np.ndarray]
) -> pd.DataFrame:
    """Lineage rows in profile order, then golden column order, without a sort.

    Entry (field k, profile p) goes to ``offset[p] + (fields before k that p
    has)``: a scatter, O(fields x profiles).
    """
    order_of = {c: k for k, c in enumerate([*golden_columns(), *(p.column for p in picks)])}
    picks = sorted(picks, key=lambda p: order_of[p.column])
    has = np.array([p.row >= 0 for p in picks], dtype=np.int8).reshape(len(picks), -1)
    before = np.cumsum(has, axis=0, dtype=np.int32) - has
    per_profile = has.sum(axis=0, dtype=np.int64)
    offset = np.cumsum(per_profile) - per_profile
    total = int(per_profile.sum())
    profile = np.empty(total, dtype=np.int64)
    row = np.empty(total, dtype=np.int64)
    n_cand = np.empty(total, dtype=np.int64)
    field = np.empty(total, dtype=np.int16)  # codes into the pick list
    value = np.empty(total, dtype=object)
    for k, pick in enumerate(picks):
        chosen = np.flatnonzero(has[k])
        at = offset[chosen] + before[k, chosen]
        profile[at] = chosen
        row[at] = pick.row[chosen]
        n_cand[at] = pick.n_candidates[chosen]
        field[at] = k
        value[at] = values[pick.column]
    names = np.asarray(recs.sources, dtype=object)
    table = {
        "profile_id": recs.profile_ids[profile],
        "field": np.array([p.column for p in picks], dtype=object)[field],
        "value": value,
        "source": names[recs.source[row]] if total else np.empty(0, dtype=object),
        "record_id": recs.record_id[row],
        "rule": np.array([p.label for p in picks], dtype=object)[field],
        "n_candidates": n_cand,
    }
    return object_frame(table)
