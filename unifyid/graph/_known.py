"""The candidate pairs' evidence and cannot-link rule, looked up by pair during refinement."""

from __future__ import annotations

import numpy as np

__all__ = ["KnownPairs"]


class KnownPairs:
    """The scored candidate pairs' evidence and cannot-link rule, looked up by pair."""

    def __init__(
        self, n: int, left: np.ndarray, right: np.ndarray, bits: np.ndarray, rule: np.ndarray
    ) -> None:
        self._n = n
        keys = left.astype(np.int64) * n + right
        self._order = None if np.all(keys[1:] > keys[:-1]) else np.argsort(keys, kind="stable")
        self._keys = keys if self._order is None else keys[self._order]
        self._bits, self._rule = bits, rule

    def lookup(self, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Evidence and rule index of pairs ``i < j`` (``-1``: none), and which are unknown."""
        evidence = np.zeros(len(i), dtype=np.float64)
        rule = np.full(len(i), -1, dtype=np.int64)
        if len(self._keys) == 0:
            return evidence, rule, np.ones(len(i), dtype=bool)
        keys = i.astype(np.int64) * self._n + j
        # Binary search in key order walks the table front to back (cache-friendly):
        # several times faster than searching in the callers' order.
        by_key = np.argsort(keys)
        pos = np.empty(len(keys), dtype=np.intp)
        pos[by_key] = np.searchsorted(self._keys, keys[by_key])
        np.minimum(pos, len(self._keys) - 1, out=pos)
        hit = self._keys[pos] == keys
        rows = pos[hit] if self._order is None else self._order[pos[hit]]
        evidence[hit] = self._bits[rows]
        rule[hit] = self._rule[rows]
        return evidence, rule, ~hit
