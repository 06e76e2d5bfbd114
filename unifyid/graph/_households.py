"""Does the data hold households? Measured, not assumed.

Different first names on two records can mean two people or one person with
a badly keyed name. Which one is common depends on the data: in customer data,
records that share a surname and postcode often belong to different members
of one household; in data whose only noise is keying errors, first names
disagree as often there as anywhere else. We compare the share of clearly
different first names among candidate pairs that share surname and postcode
with the share among pairs that share a personal identifier (the keying-error
baseline). Households exist when the first share is far higher.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..matchers import Matcher

__all__ = ["HouseholdEvidence", "household_evidence"]

_IDENTIFIERS = ("email", "phone", "device_id", "loyalty_id", "customer_id")
_MIN_PAIRS = 50


@dataclass(frozen=True)
class HouseholdEvidence:
    """Shares of clearly different first names, and the verdict.

    ``detected`` is also true when there are too few pairs to tell: keeping
    possible household members apart is the safer error.
    """

    address_pairs: int
    address_first_name_differs: float
    identifier_pairs: int
    identifier_first_name_differs: float
    detected: bool


def _at(gamma: np.ndarray, matchers: Sequence[Matcher], name: str, label: str) -> np.ndarray:
    for k, m in enumerate(matchers):
        if m.name == name and label in m.level_labels():
            return gamma[:, k] == m.level_labels().index(label)
    return np.zeros(len(gamma), dtype=bool)


def household_evidence(gamma: np.ndarray, matchers: Sequence[Matcher]) -> HouseholdEvidence:
    """Compare first-name disagreement at shared addresses and at shared identifiers."""
    names = [m.name for m in matchers]
    if "first_name" not in names:
        return HouseholdEvidence(0, float("nan"), 0, float("nan"), detected=True)
    has_first = gamma[:, names.index("first_name")] != 0
    differs = _at(gamma, matchers, "first_name", "else")
    address = _at(gamma, matchers, "last_name", "exact") & _at(gamma, matchers, "postcode", "exact")
    identifier = np.zeros(len(gamma), dtype=bool)
    for name in _IDENTIFIERS:
        identifier |= _at(gamma, matchers, name, "exact")
    a, i = address & has_first, identifier & has_first
    rate_a = float(differs[a].mean()) if a.any() else float("nan")
    rate_i = float(differs[i].mean()) if i.any() else float("nan")
    if a.sum() < _MIN_PAIRS or i.sum() < _MIN_PAIRS:
        detected = True
    else:
        detected = rate_a >= 3 * rate_i and rate_a - rate_i >= 0.10
    return HouseholdEvidence(int(a.sum()), rate_a, int(i.sum()), rate_i, detected)
