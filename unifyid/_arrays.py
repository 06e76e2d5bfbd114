"""Array helpers for the hot paths."""

from __future__ import annotations

import numpy as np

__all__ = ["distinct"]


def distinct(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values of an integer array.

    Sorting and masking repeats: plain ``np.unique`` takes a hash-based path
    that is about 30 times slower on large int64 arrays (NumPy 2.4, 12 million
    pair keys: 7 s against 0.2 s).

    >>> distinct(np.array([3, 1, 3, 2])).tolist()
    [1, 2, 3]
    """
    out = np.sort(values)
    if len(out) == 0:
        return out
    return out[np.r_[True, out[1:] != out[:-1]]]
