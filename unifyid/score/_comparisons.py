"""Comparison vectors: run every matcher over aligned record pairs, in chunks."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..matchers import Matcher
from ..matchers._levels import shared_column

__all__ = ["compare_pairs", "random_pairs"]

_CHUNK = 1_000_000


def _needed_columns(m: Matcher, frame: pd.DataFrame) -> list[str]:
    cols = [*m.columns, *getattr(m, "optional_columns", ())]
    cols += [shared_column(c) for c in m.columns]
    return [c for c in dict.fromkeys(cols) if c in frame.columns]


def compare_pairs(
    frame: pd.DataFrame, left: np.ndarray, right: np.ndarray, matchers: Sequence[Matcher]
) -> np.ndarray:
    """Levels of every matcher (columns) for every pair ``(left[k], right[k])`` (rows)."""
    n = len(left)
    out = np.zeros((n, len(matchers)), dtype=np.int8)
    columns = [_needed_columns(m, frame) for m in matchers]
    for start in range(0, n, _CHUNK):
        li = left[start : start + _CHUNK]
        ri = right[start : start + _CHUNK]
        for k, (m, cols) in enumerate(zip(matchers, columns)):
            sub = frame[cols]
            lf = sub.take(li).reset_index(drop=True)
            rf = sub.take(ri).reset_index(drop=True)
            out[start : start + len(li), k] = m.compare(lf, rf)
    return out


def random_pairs(n_records: int, n_pairs: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Uniformly drawn record pairs ``i != j`` (for estimating u, the non-match agreement)."""
    rng = np.random.default_rng(seed)
    if n_records < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    total = n_records * (n_records - 1) // 2
    n_pairs = int(min(n_pairs, total))
    i = rng.integers(0, n_records, n_pairs)
    j = rng.integers(0, n_records - 1, n_pairs)
    j = np.where(j >= i, j + 1, j)
    return np.minimum(i, j), np.maximum(i, j)
