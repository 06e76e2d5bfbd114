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
import pandas as pd

from .._types import type_names
from ..matchers import Matcher

__all__ = [
    "AMBIGUOUS_REASON",
    "HOUSEHOLD_NAMES",
    "HouseholdEvidence",
    "ambiguous_members",
    "household_evidence",
    "identifier_agrees",
]

_MIN_PAIRS = 50
#: Households show as first names that differ at shared addresses (same surname
#: and postcode) far more often than at shared personal identifiers, where a
#: differing name is noise (a typo beyond repair, an English name, a swap).
#: Measured (address rate / identifier rate, excess): Febrl3 1.0 / 0.00 and
#: Febrl4 1.6 / 0.06 (no households; there the rules cost 0.007-0.018 F1);
#: independent data with 10-60% of people in households 2.1-10.6 / 0.05-0.19,
#: the lowest where frequent customers' noisy names raise the identifier rate;
#: the built-in generator about 400 / 0.43. Missing households costs more
#: (precision 0.984 -> 0.946 when frequent customers hid them), so the bar
#: sits nearer the household side's low end than Febrl's high end.
_RATIO = 2.0
_EXCESS = 0.04
#: Why a nameless record was kept from a household it cannot be placed in.
AMBIGUOUS_REASON = "cannot-link: no first name beside a household of that surname and place"
#: First names the data shows for one surname in one locality from which a
#: record without a first name can no longer be placed with one of them.
HOUSEHOLD_NAMES = 2


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


#: Levels saying two records share an address or a postcode: of the place
#: matcher, or of a postcode matcher in a user's own matcher set.
_SAME_POSTCODE = {
    "place": (
        "same street, postcode and town",
        "same street and postcode",
        "same street",
        "same postcode, no street to compare",
        "same postcode and town, different street",
        "same postcode, different street",
    ),
    "postcode": ("exact",),
}


def _same_postcode(gamma: np.ndarray, matchers: Sequence[Matcher]) -> np.ndarray:
    out = np.zeros(len(gamma), dtype=bool)
    for name, labels in _SAME_POSTCODE.items():
        for label in labels:
            out |= _at(gamma, matchers, name, label)
    return out


def identifier_agrees(gamma: np.ndarray, matchers: Sequence[Matcher]) -> np.ndarray:
    """True where some personal identifier agrees exactly (not a shared value)."""
    agrees = np.zeros(len(gamma), dtype=bool)
    for name in type_names(kind="identifier", encoding="plain"):  # registered ones too
        agrees |= _at(gamma, matchers, name, "exact")
    return agrees


def household_evidence(
    gamma: np.ndarray, matchers: Sequence[Matcher], counts: np.ndarray | None = None
) -> HouseholdEvidence:
    """Compare first-name disagreement at shared addresses and at shared identifiers.

    ``counts``: how many pairs each row of ``gamma`` stands for, when the rows
    are distinct comparison patterns (as the Spark engine counts them).
    """
    names = [m.name for m in matchers]
    if "first_name" not in names:
        return HouseholdEvidence(0, float("nan"), 0, float("nan"), detected=True)
    weight = np.ones(len(gamma), dtype=np.int64) if counts is None else counts
    has_first = gamma[:, names.index("first_name")] != 0
    differs = _at(gamma, matchers, "first_name", "else")
    address = _at(gamma, matchers, "last_name", "exact") & _same_postcode(gamma, matchers)
    identifier = identifier_agrees(gamma, matchers)
    a, i = address & has_first, identifier & has_first
    n_a, n_i = int(weight[a].sum()), int(weight[i].sum())
    rate_a = int(weight[a & differs].sum()) / n_a if n_a else float("nan")
    rate_i = int(weight[i & differs].sum()) / n_i if n_i else float("nan")
    if n_a < _MIN_PAIRS or n_i < _MIN_PAIRS:
        detected = True
    else:
        detected = rate_a >= _RATIO * rate_i and rate_a - rate_i >= _EXCESS
    return HouseholdEvidence(n_a, rate_a, n_i, rate_i, detected)


def ambiguous_members(
    frame: pd.DataFrame,
    left: np.ndarray,
    right: np.ndarray,
    gamma: np.ndarray,
    matchers: Sequence[Matcher],
) -> np.ndarray:
    """Pairs where a record without a first name meets a household it cannot be placed in.

    A store receipt with only a surname and an address agrees on both with
    every member of the household living there. Where the data shows two or
    more first names for that surname in that locality, linking the receipt to
    one of them is a guess, unless a personal identifier agrees.
    """
    out = np.zeros(len(left), dtype=bool)
    first_col = "first_key" if "first_key" in frame else "first_name"
    if not {first_col, "last_name", "locality"} <= set(frame.columns):
        return out
    first, last, place = frame[first_col], frame["last_name"], frame["locality"]
    nameless = first.isna().to_numpy()
    # Only pairs with one nameless record and no agreeing identifier can qualify:
    # look up household sizes for their named records alone.
    maybe = (nameless[left] ^ nameless[right]) & ~identifier_agrees(gamma, matchers)
    if not maybe.any():
        return out
    named_side = np.where(nameless[left], right, left)[maybe]
    rows, at = np.unique(named_side, return_inverse=True)
    named = first.notna() & last.notna() & place.notna()
    people = (
        frame.loc[named, [first_col, "last_name", "locality"]]
        .drop_duplicates()
        .groupby(["last_name", "locality"])
        .size()
    )
    where = pd.MultiIndex.from_arrays([last.iloc[rows], place.iloc[rows]])
    members = people.reindex(where).fillna(0).to_numpy(np.int64)
    out[maybe] = members[at.reshape(-1)] >= HOUSEHOLD_NAMES
    return out
