"""The prior the graph stage scores each pair with, kept small."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["PairPriors", "prior_bits"]


@dataclass(frozen=True)
class PairPriors:
    """Each pair's prior in bits, kept as its pair of sources (a byte per pair at
    few sources) and those pairs' priors: at a million records 8 MB, not 60.

    >>> PairPriors(np.array([0, 1, 1], dtype=np.uint8), np.array([-12.0, -10.5])).values()
    array([-12. , -10.5, -10.5])
    """

    groups: np.ndarray
    #: The prior in bits of each pair of sources, indexed by ``groups``.
    table: np.ndarray

    def values(self) -> np.ndarray:
        """The priors of the pairs, one float per pair."""
        return self.table[self.groups]


def prior_bits(prior: float | np.ndarray | PairPriors) -> float | np.ndarray:
    """A prior as numbers: one for all pairs, or one per pair."""
    return prior.values() if isinstance(prior, PairPriors) else prior
