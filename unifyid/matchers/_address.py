"""Matchers for postal addresses: one joint place comparison, and the single-field ones.

``PlaceMatch`` (the default) reads street, postcode, city and the locality
inferred from postcodes and phone prefixes as one fact, with one ordered set
of levels. The single-field matchers (``StreetMatch``, ``PostcodeMatch``,
``CityMatch``, ``LocalityMatch``) remain for user-chosen matcher sets and
models saved before; used together they count one place several times.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from .._errors import ConfigError
from ._base import Matcher, present
from ._levels import first_true_level
from ._similarity import damerau_distance, jaro_winkler, map_distinct_values, pair_scores

__all__ = [
    "PLACE_COLUMNS",
    "CityMatch",
    "LocalityMatch",
    "PlaceMatch",
    "PostcodeMatch",
    "StreetMatch",
]


class PostcodeMatch(Matcher):
    """Compare postcodes: ``exact`` (frequency-adjusted), ``same area`` (first
    ``area_chars`` characters), ``else``."""

    def __init__(self, *, area_chars: int = 3, name: str = "postcode") -> None:
        self.name = name
        self.area_chars = area_chars
        self.columns = ("postcode",)
        self.levels = ("exact", f"same first {area_chars} characters", "else")
        self.tf_level = 1
        self.tf_column = "postcode"
        self._init_params = {"area_chars": area_chars, "name": name}

    def _compare(self, left: dict[str, np.ndarray], right: dict[str, np.ndarray]) -> np.ndarray:
        lv, rv = left["postcode"], right["postcode"]
        k = self.area_chars
        area = map_distinct_values(lv, lambda v: v[:k]) == map_distinct_values(rv, lambda v: v[:k])
        return first_true_level([lv == rv, area], len(lv))


class StreetMatch(Matcher):
    """Compare standardised street lines.

    Levels: ``exact`` (frequency-adjusted), ``token sort >= 0.9`` (small typos,
    word order), ``same house number, similar street`` (token set >= 0.7),
    ``else``.
    """

    def __init__(self, *, name: str = "street") -> None:
        self.name = name
        self.columns = ("street",)
        self.levels = ("exact", "token sort >= 0.9", "same house number, similar street", "else")
        self.tf_level = 1
        self.tf_column = "street"
        self._init_params = {"name": name}

    def _compare(self, left: dict[str, np.ndarray], right: dict[str, np.ndarray]) -> np.ndarray:
        lv, rv = left["street"], right["street"]
        return first_true_level([lv == rv, *_street_similar(lv, rv)], len(lv))


def _street_similar(lv: np.ndarray, rv: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Small typos or word order (token sort >= 0.9); same house number, similar street."""
    sort = pair_scores(lv, rv, fuzz.token_sort_ratio) / 100.0
    tset = pair_scores(lv, rv, fuzz.token_set_ratio) / 100.0
    number_l, number_r = (
        map_distinct_values(lv, _house_number),
        map_distinct_values(rv, _house_number),
    )
    same_number = (number_l == number_r) & (number_l != "")
    return sort >= 0.9, same_number & (tset >= 0.7)


def _house_number(street: str) -> str:
    first = street.split(" ", 1)[0]
    return first if first[:1].isdigit() else ""


class CityMatch(Matcher):
    """Compare cities: ``exact`` (frequency-adjusted), ``jaro-winkler >= 0.9``, ``else``."""

    def __init__(self, *, name: str = "city") -> None:
        self.name = name
        self.columns = ("city",)
        self.levels = ("exact", "jaro-winkler >= 0.9", "else")
        self.tf_level = 1
        self.tf_column = "city"
        self._init_params = {"name": name}

    def _compare(self, left: dict[str, np.ndarray], right: dict[str, np.ndarray]) -> np.ndarray:
        lv, rv = left["city"], right["city"]
        return first_true_level([lv == rv, jaro_winkler(lv, rv) >= 0.9], len(lv))


class LocalityMatch(Matcher):
    """Compare where two records live when their own columns cannot tell.

    Reads ``locality`` (a record's city, or the city its postcode or phone
    prefix points to in this data; see ``unifyid.values``). Levels: ``same
    place`` (frequency-adjusted, like the city: New York says less than
    Boise), ``else``. A pair gets the null level when the city or postcode
    matchers already compare it (both records have a city, or both a
    postcode), so no evidence is counted twice.
    """

    def __init__(self, *, name: str = "locality") -> None:
        self.name = name
        self.columns = ("locality",)
        self.optional_columns = ("locality_from", "postcode", "city")
        self.levels = ("same place", "else")
        self.tf_level = 1
        self.tf_column = "locality"
        self._init_params = {"name": name}

    def _compare(self, left: dict[str, np.ndarray], right: dict[str, np.ndarray]) -> np.ndarray:
        lv, rv = left["locality"], right["locality"]
        levels = np.where(lv == rv, 1, 2).astype(np.int8)
        for col in ("city", "postcode"):
            if col in left and col in right:
                levels[present(left[col]) & present(right[col])] = 0
        return levels


#: The place columns a ``PlaceMatch`` may read, finest first.
PLACE_COLUMNS: tuple[str, ...] = ("street", "postcode", "city")

#: Town sizes, as the share of records holding the town: bands a factor of 4
#: (2 bits) wide, so a town's weight is within about a bit of what its own
#: frequency would give. Fixed powers of two, so no data set's cities decide
#: them; the open bands at both ends keep every level populated enough for
#: its weight to be learned (narrower end bands left some nearly empty, and
#: a nearly empty level gets a wild weight).
_TOWN_BANDS: tuple[tuple[float, str], ...] = (
    (1 / 16, "same town, over 1/16 of records"),
    (1 / 64, "same town, 1/64 to 1/16 of records"),
    (1 / 256, "same town, 1/256 to 1/64 of records"),
    (0.0, "same town, under 1/256 of records"),
)


class PlaceMatch(Matcher):
    """Where two records live, as one comparison: the finest place both carry decides.

    Street, postcode and city describe one fact; counting their agreements
    separately adds the evidence of one place two or three times (two
    strangers in one ZIP code also share its city). Levels, strongest first:

    1. ``same street, postcode and town``;
    2. ``same street`` where nothing contradicts it: the postcode agrees,
       or the towns agree (a mistyped postcode), or neither postcodes nor
       towns disagree;
    3. ``same postcode, no street to compare``;
    4. ``same postcode and town, different street`` (neighbours, not one
       address);
    5. ``same postcode, different street`` (the towns differ or are unknown);
    6-9. ``same town``, in four bands of how common the town is (see
       ``locality_share``): strangers share New York far more often than
       Boise;
    10. ``different address, same town`` (a move across town, a mistyped
        postcode: weak evidence either way);
    11. ``different``: the finest place both records carry disagrees.

    Levels 1 and 2, and 4 and 5, differ only in whether the town agrees too.
    Where a postcode implies its town (most real data), nearly all pairs take
    the first of each and the town adds nothing; where the two are drawn
    independently (Febrl), the town's agreement is evidence of its own. The
    split lets the data say which, instead of assuming either.

    The town is a record's city, else the city its postcode or phone prefix
    points to (``unifyid.values``). A town read off a phone number is not
    used when the two phone numbers agree (within one edit): the phone
    matcher has counted that fact already.
    The null level means no place detail can be compared. Streets agree on
    an exact match, a token sort ratio >= 0.9 or the same house number with
    a token set ratio >= 0.7; towns on equality or Jaro-Winkler >= 0.9.
    ``columns`` are the place columns the data holds (a subset of
    ``PLACE_COLUMNS``); ``locality``, ``locality_from``, ``locality_share``
    and ``phone`` are read when present.
    """

    handles_missing = True

    def __init__(self, *, columns: tuple[str, ...] = PLACE_COLUMNS, name: str = "place") -> None:
        columns = tuple(columns)
        unknown = [c for c in columns if c not in PLACE_COLUMNS]
        if not columns or unknown or len(set(columns)) != len(columns):
            raise ConfigError(
                f"PlaceMatch {name!r}: columns must be distinct names among "
                f"{list(PLACE_COLUMNS)}, got {list(columns)}."
            )
        self.name = name
        self.columns = tuple(c for c in PLACE_COLUMNS if c in columns)
        self.optional_columns = ("locality", "locality_from", "locality_share", "phone")
        self.levels = (
            "same street, postcode and town",
            "same street",
            "same postcode, no street to compare",
            "same postcode and town, different street",
            "same postcode, different street",
            *(label for _, label in _TOWN_BANDS),
            "different address, same town",
            "different",
        )
        self._init_params = {"columns": self.columns, "name": name}

    def _compare(self, left: dict[str, np.ndarray], right: dict[str, np.ndarray]) -> np.ndarray:
        n = len(next(iter(left.values())))
        street_both, street_agree = _agreement(left, right, "street", _streets_agree)
        post_both, post_agree = _agreement(left, right, "postcode", np.equal)
        phones_agree = _phones_agree(left, right)
        town_l, share_l = _town(left, phones_agree)
        town_r, share_r = _town(right, phones_agree)
        town_both = present(town_l) & present(town_r)
        town_agree = np.zeros(n, dtype=bool)
        town_agree[town_both] = _towns_agree(town_l[town_both], town_r[town_both])
        street_differs = street_both & ~street_agree
        post_differs = post_both & ~post_agree
        town_differs = town_both & ~town_agree
        share = np.fmax(share_l, share_r)  # the commoner town of a near agreement
        share = np.where(np.isnan(share), 1.0, share)  # size unknown: says least
        town_only = town_agree & ~street_both & ~post_both
        conditions = [
            street_agree & post_agree & town_agree,
            street_agree & (post_agree | (~town_differs & (town_agree | ~post_differs))),
            post_agree & ~street_both,
            post_agree & street_differs & town_agree,
            post_agree & street_differs,
            *_banded(town_only, share, _TOWN_BANDS),
            town_agree,
            street_both | post_both | town_both,  # "different"
        ]
        levels = first_true_level(conditions, n)
        levels[levels > len(self.levels)] = 0  # nothing to compare
        return levels


def _agreement(
    left: dict[str, np.ndarray],
    right: dict[str, np.ndarray],
    column: str,
    agree: Callable[[np.ndarray, np.ndarray], np.ndarray],
) -> tuple[np.ndarray, np.ndarray]:
    """Where both records hold ``column``, and where they also agree on it."""
    if column not in left:
        n = len(next(iter(left.values())))
        return np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    lv, rv = left[column], right[column]
    both = present(lv) & present(rv)
    out = np.zeros(len(lv), dtype=bool)
    if both.any():
        out[both] = agree(lv[both], rv[both])
    return both, out


def _streets_agree(lv: np.ndarray, rv: np.ndarray) -> np.ndarray:
    close, same_number = _street_similar(lv, rv)
    return (lv == rv) | close | same_number


def _towns_agree(lv: np.ndarray, rv: np.ndarray) -> np.ndarray:
    return (lv == rv) | (jaro_winkler(lv, rv) >= 0.9)


def _banded(
    where: np.ndarray, value: np.ndarray, bands: tuple[tuple[float, str], ...]
) -> list[np.ndarray]:
    """``where``, split by which band (floors, highest first) ``value`` falls in."""
    out, upper = [], np.inf
    for floor, _label in bands:
        out.append(where & (value >= floor) & (value < upper))
        upper = floor
    return out


def _number(side: dict[str, np.ndarray], column: str, n: int) -> np.ndarray:
    """A numeric column of one side as floats (NaN where missing or not a number)."""
    if column not in side:
        return np.full(n, np.nan)
    return pd.to_numeric(pd.Series(side[column]), errors="coerce").to_numpy(
        dtype=np.float64, na_value=np.nan
    )


def _phones_agree(left: dict[str, np.ndarray], right: dict[str, np.ndarray]) -> np.ndarray:
    """Where a town read off a phone meets a phone number within one edit of its own."""
    n = len(next(iter(left.values())))
    out = np.zeros(n, dtype=bool)
    if not {"phone", "locality_from"} <= left.keys():
        return out
    lp, rp = left["phone"], right["phone"]
    at = np.flatnonzero(
        ((left["locality_from"] == "phone") | (right["locality_from"] == "phone"))
        & present(lp)
        & present(rp)
    )
    if len(at):
        out[at] = damerau_distance(lp[at], rp[at]) <= 1
    return out


def _town(side: dict[str, np.ndarray], phones_agree: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each record's town and the town's share of records (NaN: unknown)."""
    n = len(phones_agree)
    if "locality" in side:
        town = side["locality"].copy()
        share = _number(side, "locality_share", n)
        if "locality_from" in side:
            town[(side["locality_from"] == "phone") & phones_agree] = None
    elif "city" in side:
        town, share = side["city"].copy(), np.full(n, np.nan)
    else:
        town, share = np.full(n, None, dtype=object), np.full(n, np.nan)
    return town, share
