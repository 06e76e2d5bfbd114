"""Shared recordlinkage set-up: candidate pairs (blocking) and comparison features.

The data are the stacked layout of :func:`benchmarks.data.union_frame`. Candidate
pairs are the union of standard blocks (each exact identifier, then name, date
of birth and postcode pairs); a block key whose blocks would give more than
``max(1e6, 10 n)`` pairs is left out (and reported), as an expert who looked
at block sizes would. On a ``link`` task (Febrl4) only pairs across the two
files are formed. Features follow recordlinkage's Febrl examples: Jaro-Winkler
on names and street, exact on dates, identifiers, postcode and city (city is
left out of the ECM model: see ``ECM_LEFT_OUT``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from benchmarks.data import Materialised, union_frame
from benchmarks.tools._common import EXPERT_BLOCKS, clusters_from_pairs, note

__all__ = ["candidate_pairs", "clusters", "features", "prepare"]

BLOCK_KEYS: tuple[tuple[str, ...], ...] = (*EXPERT_BLOCKS, ("dob", "postcode"))
STRING_COLS = ("first_name", "last_name", "street")
#: Left out of the ECM model only: city repeats what postcode and street say, and
#: ECM assumes features independent given the class (Splink's Febrl4 tutorial
#: leaves further location columns out for the same reason).
ECM_LEFT_OUT = ("city",)
EXACT_COLS = ("dob", "email", "phone", "postcode", "city", "loyalty_id", "device_id", "customer_id")


def prepare(m: Materialised) -> tuple[pd.DataFrame, list[str]]:
    """The stacked frame (index = position) and the columns filled often enough to use."""
    u = union_frame(m)
    present = [c for c in (*STRING_COLS, *EXACT_COLS) if u[c].notna().mean() > 0.01]
    return u, present


def _pairs_in_blocks(u: pd.DataFrame, cols: tuple[str, ...]) -> int:
    sizes = u.dropna(subset=list(cols)).groupby(list(cols), sort=False).size()
    return int((sizes * (sizes - 1) // 2).sum())


def candidate_pairs(u: pd.DataFrame, present: list[str], task: str) -> pd.MultiIndex:
    """Union of the blocks of every usable key, within the pair budget."""
    import recordlinkage

    budget = max(1_000_000, 10 * len(u))
    indexer = recordlinkage.Index()
    used = []
    for cols in BLOCK_KEYS:
        if not set(cols) <= set(present):
            continue
        n_pairs = _pairs_in_blocks(u, cols)
        if n_pairs > budget:
            note(f"block {'+'.join(cols)} left out: {n_pairs:,} pairs > {budget:,}")
            continue
        indexer.block(list(cols))
        used.append("+".join(cols))
    note(f"blocks: {', '.join(used)}")
    if task == "link":
        sources = u["source"].unique()
        a = u[u["source"] == sources[0]]
        b = u[u["source"] != sources[0]]
        pairs = indexer.index(a, b)
    else:
        pairs = indexer.index(u)
    note(f"{len(pairs):,} candidate pairs")
    return pairs


def features(
    u: pd.DataFrame, present: list[str], pairs: pd.MultiIndex, task: str, *, binary: bool
) -> pd.DataFrame:
    """Comparison vectors; ``binary`` thresholds string similarity at 0.85 (for ECM)."""
    import recordlinkage

    cmp = recordlinkage.Compare()
    for col in present:
        if binary and col in ECM_LEFT_OUT:
            continue
        if col in STRING_COLS:
            cmp.string(
                col, col, method="jarowinkler", threshold=0.85 if binary else None, label=col
            )
        else:
            cmp.exact(col, col, label=col)
    if task == "link":
        sources = u["source"].unique()
        return cmp.compute(pairs, u[u["source"] == sources[0]], u[u["source"] != sources[0]])
    return cmp.compute(pairs, u)


def clusters(u: pd.DataFrame, matches: pd.MultiIndex) -> pd.DataFrame:
    """Connected components of the predicted matches."""
    left = np.asarray(matches.get_level_values(0), dtype=np.int64)
    right = np.asarray(matches.get_level_values(1), dtype=np.int64)
    return clusters_from_pairs(u["uid"], left, right)
