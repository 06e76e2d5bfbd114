"""Parse a text date or timestamp column one detected format at a time.

Parsing each distinct value on its own (``dateutil``) costs tens of
microseconds per value, and event timestamps are nearly all distinct: a
million-row ``MM/DD/YYYY HH:MM`` column took minutes. Instead, the formats
a column is written in are detected on an evenly spaced sample, and the whole
column is parsed with one vectorised ``pandas.to_datetime(format=...)`` call
per detected format, each on what the previous ones left. Decisions:

* candidates are the common numeric and month-name layouts, each alone or
  followed by a 24-hour or 12-hour (``am``/``pm``) time, with or without
  seconds; ``guess_datetime_format`` adds whatever else the sample shows;
* numeric ``a/b/y`` dates: month-first unless the column shows day-first
  evidence (some sampled value reads only day-first and none only
  month-first), the rule :func:`date_of_birth` uses. Values impossible in
  the chosen order are then read in the other one;
* two-digit years are the most recent such year not in the future
  (``24`` is 2024, ``75`` is 1975);
* what no detected format reads is parsed value by value only when it
  carries a four-digit year, and only for the first
  :data:`MAX_LOOSE_VALUES` such distinct values; the rest stay unparsed
  (missing, and counted as unparseable by the caller).
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from itertools import product

import numpy as np
import pandas as pd
from pandas.tseries.api import guess_datetime_format

__all__ = ["MAX_LOOSE_VALUES", "parse_formats"]

#: Distinct values per column parsed one by one when no detected format reads them.
MAX_LOOSE_VALUES = 2_000
_SAMPLE = 400
_FIRST_LOOK = 25
_MAX_ROUNDS = 12
_DATES = (
    "%m/%d/%Y",
    "%d/%m/%Y",
    "%m-%d-%Y",
    "%d-%m-%Y",
    "%m.%d.%Y",
    "%d.%m.%Y",
    "%m/%d/%y",
    "%d/%m/%y",
    "%m-%d-%y",
    "%d-%m-%y",
    "%m.%d.%y",
    "%d.%m.%y",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%Y%m%d",
    "%d %b %Y",
    "%d %B %Y",
    "%d-%b-%Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%b %d %Y",
    "%B %d %Y",
)
_TIMES = ("", " %H:%M", " %H:%M:%S", " %I:%M %p", " %I:%M:%S %p", " %I:%M%p")
_CANDIDATES = (*(d + t for d, t in product(_DATES, _TIMES)), "%Y%m%d%H%M%S")
_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def _twin(fmt: str) -> str | None:
    """The same format with day and month swapped, for numeric dates."""
    if "%d" not in fmt or "%m" not in fmt or fmt.startswith("%Y"):
        return None
    return fmt.replace("%d", "\0").replace("%m", "%d").replace("\0", "%m")


def _day_first(fmt: str) -> bool:
    return "%m" in fmt and "%d" in fmt and fmt.index("%d") < fmt.index("%m")


def _parse(values: pd.Series, fmt: str) -> pd.Series:
    """One vectorised parse; naive values are UTC, two-digit years not in the future."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = pd.to_datetime(values, format=fmt, utc=True, errors="coerce")
    if "%y" in fmt:
        future = parsed.dt.year > dt.date.today().year
        if future.any():
            parsed[future] = parsed[future] - pd.DateOffset(years=100)
    return parsed


def _sample(values: pd.Series) -> pd.Series:
    if len(values) <= _SAMPLE:
        return values
    step = len(values) / _SAMPLE
    return values.iloc[(np.arange(_SAMPLE) * step).astype(np.int64)]


def _candidates(sample: pd.Series, tried: set[str]) -> list[str]:
    guessed: list[str] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for text in sample.iloc[:: max(1, len(sample) // 20)]:
            fmt = guess_datetime_format(text)
            if fmt is not None and fmt not in guessed:
                guessed.append(fmt)
    return [f for f in (*_CANDIDATES, *guessed) if f not in tried]


def _choose(sample: pd.Series, candidates: list[str]) -> str | None:
    """The candidate that reads most sampled values, month-first unless the sample objects."""
    # A first look at a few values rules out most candidates cheaply.
    few = sample.iloc[:: max(1, len(sample) // _FIRST_LOOK)]
    alive = [f for f in candidates if _parse(few, f).notna().any()]
    alive += [t for t in map(_twin, alive) if t in candidates and t not in alive]
    if not alive:
        alive = candidates
    hits = {fmt: _parse(sample, fmt).notna().to_numpy() for fmt in alive}
    candidates = alive
    best = max(candidates, key=lambda f: int(hits[f].sum()))
    if not hits[best].any():
        return None
    twin = _twin(best)
    if _day_first(best) and twin in hits and (hits[twin] & ~hits[best]).any():
        return twin  # the column contradicts itself: month-first, as for dates of birth
    return best


def parse_formats(texts: pd.Series) -> pd.Series:
    """Parse stripped text values to UTC timestamps; NaT where nothing reads them.

    Parameters
    ----------
    texts : pandas.Series
        Distinct non-empty strings (object dtype).

    Returns
    -------
    pandas.Series
        ``datetime64[ns, UTC]``, same index; NaT for values no format reads.
    """
    out = pd.Series(pd.NaT, index=texts.index, dtype="datetime64[ns, UTC]")
    left = texts
    tried: set[str] = set()
    for _ in range(_MAX_ROUNDS):
        if left.empty:
            break
        sample = _sample(left)
        fmt = _choose(sample, _candidates(sample, tried))
        if fmt is None:
            break
        tried.add(fmt)
        parsed = _parse(left, fmt)
        ok = parsed.notna()
        out[parsed.index[ok]] = parsed[ok]
        left = left[~ok]
        twin = _twin(fmt)
        if twin is not None and twin not in tried and not left.empty:
            # Values impossible in the chosen order are read in the other one.
            tried.add(twin)
            parsed = _parse(left, twin)
            ok = parsed.notna()
            out[parsed.index[ok]] = parsed[ok]
            left = left[~ok]
    loose = left[left.str.contains(_FOUR_DIGIT_YEAR)].iloc[:MAX_LOOSE_VALUES]
    for key, text in loose.items():
        out[key] = _parse_loose(text)
    return out


def _parse_loose(text: str) -> pd.Timestamp:
    """Last resort, one value: whatever ``pandas.to_datetime`` makes of it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return pd.to_datetime(text, utc=True)
        except (ValueError, TypeError, OverflowError):
            return pd.NaT
