"""Helper turning ordered boolean conditions into comparison levels."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

__all__ = ["exact_first", "first_true_level", "shared_column", "take_rows"]


def first_true_level(conditions: Sequence[np.ndarray], n: int) -> np.ndarray:
    """Level of each pair: 1 + index of the first true condition, else ``len + 1``.

    Conditions are listed from the strongest agreement down, so a pair takes the
    strongest level it qualifies for.
    """
    out = np.full(n, len(conditions) + 1, dtype=np.int8)
    for level in range(len(conditions), 0, -1):
        out[np.asarray(conditions[level - 1], dtype=bool)] = level
    return out


def shared_column(column: str) -> str:
    """Name of the flag column marking values shared by several different people."""
    return f"{column}__shared"


def take_rows(columns: dict[str, np.ndarray], rows: np.ndarray) -> dict[str, np.ndarray]:
    """The given rows of every column of a matcher's aligned value arrays.

    Kernels settle the common level first (most candidate pairs agree exactly)
    and run their costlier checks on the remaining rows only.
    """
    return {c: v[rows] for c, v in columns.items()}


def exact_first(
    left: dict[str, np.ndarray],
    right: dict[str, np.ndarray],
    exact: np.ndarray,
    initial: np.ndarray,
    inexact: Callable[[dict[str, np.ndarray], dict[str, np.ndarray], np.ndarray], np.ndarray],
) -> np.ndarray:
    """Level 1 where ``exact``; ``inexact(left, right, initial)`` of the other rows.

    Most candidate pairs agree exactly on a name: the costlier checks (fuzzy
    scores, reference tables, nicknames) run on the rest only.
    """
    levels = np.ones(len(exact), dtype=np.int8)
    rest = np.flatnonzero(~exact)
    if len(rest):
        levels[rest] = inexact(take_rows(left, rest), take_rows(right, rest), initial[rest])
    return levels
