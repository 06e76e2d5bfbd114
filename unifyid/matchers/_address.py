"""Matchers for postal addresses: street, city, postcode."""

from __future__ import annotations

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from ._base import Matcher
from ._levels import first_true_level
from ._similarity import jaro_winkler, map_unique, pair_scores

__all__ = ["CityMatch", "LocalityMatch", "PostcodeMatch", "StreetMatch"]


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
        area = map_unique(lv, lambda v: v[:k]) == map_unique(rv, lambda v: v[:k])
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
        sort = pair_scores(lv, rv, fuzz.token_sort_ratio) / 100.0
        tset = pair_scores(lv, rv, fuzz.token_set_ratio) / 100.0
        same_number = map_unique(lv, _house_number) == map_unique(rv, _house_number)
        same_number &= map_unique(lv, _house_number) != ""
        return first_true_level([lv == rv, sort >= 0.9, same_number & (tset >= 0.7)], len(lv))


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
    prefix points to in this data; see ``unifyid._locality``). Levels: ``same
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
                levels[pd.notna(left[col]) & pd.notna(right[col])] = 0
        return levels
