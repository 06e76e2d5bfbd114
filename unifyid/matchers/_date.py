"""Matcher for dates of birth in the standard ``YYYY-MM-DD`` form."""

from __future__ import annotations

import numpy as np

from ._base import Matcher
from ._levels import first_true_level
from ._similarity import damerau_distance, map_distinct_values

__all__ = ["DateMatch"]


class DateMatch(Matcher):
    """Compare dates of birth, knowing the typical keying errors.

    Levels: ``exact`` (frequency-adjusted, so placeholder dates such as
    1900-01-01 count for little), ``day and month swapped``, ``one digit
    different``, ``same year and month``, ``else``.

    Examples
    --------
    >>> import pandas as pd
    >>> m = DateMatch()
    >>> left = pd.DataFrame({"dob": ["1984-03-07", "1984-03-07", "1984-03-07", None]})
    >>> right = pd.DataFrame({"dob": ["1984-03-07", "1984-07-03", "1985-03-07", "1984-03-07"]})
    >>> m.compare(left, right).tolist()
    [1, 2, 3, 0]
    """

    def __init__(self, column: str = "dob", *, name: str = "dob") -> None:
        self.name = name
        self.columns = (column,)
        self.levels = (
            "exact",
            "day and month swapped",
            "one digit different",
            "same year and month",
            "else",
        )
        self.tf_level = 1
        self.tf_column = column
        self._init_params = {"column": column, "name": name}

    def _compare(self, left: dict[str, np.ndarray], right: dict[str, np.ndarray]) -> np.ndarray:
        c = self.columns[0]
        lv, rv = left[c], right[c]
        exact = lv == rv
        swapped = map_distinct_values(lv, _swap_day_month) == rv
        digits = (
            damerau_distance(map_distinct_values(lv, _digits), map_distinct_values(rv, _digits))
            <= 1
        )
        same_month = map_distinct_values(lv, _year_month) == map_distinct_values(rv, _year_month)
        return first_true_level([exact, swapped & ~exact, digits, same_month], len(lv))


def _swap_day_month(d: str) -> str:
    return f"{d[:4]}-{d[8:10]}-{d[5:7]}" if len(d) == 10 else d


def _digits(d: str) -> str:
    return d.replace("-", "")


def _year_month(d: str) -> str:
    return d[:7]
