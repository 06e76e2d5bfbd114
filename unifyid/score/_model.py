"""``FittedModel``: what fitting learns, in one typed object.

The score stage's fit returns it; ``Resolver`` keeps its fields as the learned
attributes (``matchers_``, ``m_``, ``u_``, ``lambda_``, ``source_shifts_``,
``n_iter_``, ``households_``), a saved model reads back into it, and an incremental run
applies the earlier run's model through it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..graph._priors import PairPriors
from ._fellegi_sunter import level_weights
from ._source_priors import pair_groups, shift_table
from ._weights import pair_bits, pair_contributions

if TYPE_CHECKING:
    from ..graph._households import HouseholdEvidence
    from ..matchers import Matcher

__all__ = ["FittedModel"]


@dataclass(frozen=True)
class FittedModel:
    """Per matcher m and u per level, the prior and how the data was judged.

    ``households`` is ``None`` when not measured (a model saved before it was).
    ``source_shifts`` moves the prior of pairs of two sources, in bits (see
    ``unifyid.score._source_priors``); pairs of other sources use the prior.
    """

    matchers: list[Matcher]
    m: dict[str, np.ndarray]
    u: dict[str, np.ndarray]
    lambda_: float
    n_iter: int
    households: HouseholdEvidence | None = None
    source_shifts: Mapping[tuple[str, str], float] = field(default_factory=dict)

    @classmethod
    def of(cls, fitted: Any) -> FittedModel:
        """The model held by a fitted ``Resolver`` (read from its learned attributes)."""
        return cls(
            matchers=list(fitted.matchers_),
            m=fitted.m_,
            u=fitted.u_,
            lambda_=fitted.lambda_,
            n_iter=fitted.n_iter_,
            households=getattr(fitted, "households_", None),
            source_shifts=getattr(fitted, "source_shifts_", {}),
        )

    @property
    def prior(self) -> float:
        """The prior as log2 odds of a match, in bits."""
        return math.log2(self.lambda_ / (1.0 - self.lambda_))

    def pair_prior(
        self, sources: pd.Series | np.ndarray, left: np.ndarray, right: np.ndarray
    ) -> float | np.ndarray:
        """The prior in bits of each pair of records ``left``, ``right`` (positions in
        ``sources``, each record's source): the prior moved by its sources' shift.
        Without shifts, the prior itself (one number)."""
        priors = self.pair_priors(sources, left, right)
        return priors if isinstance(priors, float) else priors.values()

    def pair_priors(
        self, sources: pd.Series | np.ndarray, left: np.ndarray, right: np.ndarray
    ) -> float | PairPriors:
        """``pair_prior``, kept small: the pairs' sources and a table of their priors."""
        if not self.source_shifts:
            return self.prior
        codes, names = pd.factorize(pd.Series(sources, copy=False), sort=False)
        table = shift_table(self.source_shifts, [str(v) for v in names]) + self.prior
        small = codes.astype(np.min_scalar_type(max(len(names) - 1, 0)))
        return PairPriors(pair_groups(small, left, right, len(names)), table.ravel())

    def contributions(
        self, tf: dict[str, np.ndarray], left: np.ndarray, right: np.ndarray, gamma: np.ndarray
    ) -> np.ndarray:
        """Each matcher's weight in bits per pair (term-frequency adjusted).

        Large batches are shared between two processes (see
        ``pair_contributions``); the weights are the same.
        """
        return pair_contributions(tf, left, right, gamma, self.matchers, *self._tables())

    def evidence(
        self, tf: dict[str, np.ndarray], left: np.ndarray, right: np.ndarray, gamma: np.ndarray
    ) -> np.ndarray:
        """Summed bits per pair, without the prior: the row sums of ``contributions``,
        made in chunks of pairs so that the pairs x matchers matrix is never held."""
        return pair_bits(tf, left, right, gamma, self.matchers, *self._tables())

    def _tables(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Per matcher (in order), its level weights and its u."""
        names = [m.name for m in self.matchers]
        weights = [level_weights(self.m[k], self.u[k]) for k in names]
        return weights, [self.u[k] for k in names]
