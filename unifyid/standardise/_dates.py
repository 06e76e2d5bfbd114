"""Dates of birth and event timestamps.

Dates of birth arrive in every format a form or an export can produce. Each
distinct value is parsed on its own (a column may mix "1984-03-07" and
"7 Mar 1984"), with vectorised fast paths for the ISO and compact
``YYYYMMDD`` forms (the Febrl data sets use the latter) before per-value
patterns. Decisions:

* purely numeric ``a/b/yyyy`` dates are ambiguous (dd/mm or mm/dd). With
  ``dayfirst=None`` the order is decided once per column: day-first if some
  value has a first part above 12 and none has a second part above 12;
  otherwise month-first (the US convention, also the default when the
  column gives no evidence either way or contradicts itself). Values that
  are impossible under the chosen order give None;
* two-digit years are read as the most recent matching year that is not in
  the future (in 2025: ``84`` is 1984, ``05`` is 2005, ``30`` is 1930);
* a date of birth must lie between 1900-01-01 and today; anything else
  (impossible dates, placeholder years such as 0001) gives None;
* ``YYYYMMDD`` digit strings (and integers) are read year first only.

Timestamps are normalised to naive UTC ISO-8601 strings, second precision.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import warnings
from typing import Any

import numpy as np
import pandas as pd

from ._text import as_text, map_unique

__all__ = ["date_of_birth", "timestamp"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        ],
        start=1,
    )
    for name in names.split()
}
_TIME = r"(?:(?:t|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:am|pm|z|utc|[+-]\d{2}:?\d{2})?)?"
_SEP = r"[\s\-/.,]*"
_YMD = re.compile(rf"(\d{{4}})[-/.](\d{{1,2}})[-/.](\d{{1,2}}){_TIME}")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_NUMERIC = re.compile(rf"(\d{{1,2}})([-/.\s])(\d{{1,2}})\2(\d{{4}}|\d{{2}}){_TIME}")
_DMY_TEXT = re.compile(
    rf"(\d{{1,2}})(?:st|nd|rd|th)?{_SEP}([a-z]{{3,9}})\.?{_SEP}(\d{{4}}|\d{{2}})"
)
_MDY_TEXT = re.compile(
    rf"([a-z]{{3,9}})\.?{_SEP}(\d{{1,2}})(?:st|nd|rd|th)?[\s\-/.,]+(\d{{4}}|\d{{2}})"
)
_YMD_TEXT = re.compile(rf"(\d{{4}}){_SEP}([a-z]{{3,9}})\.?{_SEP}(\d{{1,2}})")
_WEEKDAY = re.compile(r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+")
_DIGITS = re.compile(r"[+-]?\d+(?:\.\d*)?")
_OFFSET = re.compile(r"\d:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$")
#: Epoch values below this (1973-03-03) are codes or junk, not event times.
_MIN_EPOCH_SECONDS = 1e8


def _full_year(year: str, today: dt.date) -> int:
    value = int(year)
    if len(year) > 2:
        return value
    return 2000 + value if 2000 + value <= today.year else 1900 + value


def _birth_date(year: int, month: int, day: int, today: dt.date) -> str | None:
    if not 1900 <= year <= today.year:
        return None
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    return value.isoformat() if value <= today else None


def _text_date(text: str, today: dt.date) -> tuple[int, int, int] | None:
    """(year, month, day) of a value with a month name, else None."""
    text = _WEEKDAY.sub("", text, count=1) if _WEEKDAY.match(text) else text
    for pattern, order in ((_DMY_TEXT, "dmy"), (_MDY_TEXT, "mdy"), (_YMD_TEXT, "ymd")):
        match = pattern.fullmatch(text)
        if match is None:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        month = _MONTHS.get(parts["m"])
        if month is None:
            continue
        return (_full_year(parts["y"], today), month, int(parts["d"]))
    return None


def _dob_batch(values: list[Any], dayfirst: bool | None) -> list[str | None]:
    today = dt.date.today()
    out: list[str | None] = [None] * len(values)
    texts: dict[int, str] = {}
    for i, value in enumerate(values):
        if isinstance(value, np.datetime64):
            value = pd.Timestamp(value)
        if isinstance(value, dt.date):  # also datetime and pandas.Timestamp
            out[i] = _birth_date(value.year, value.month, value.day, today)
        else:
            text = as_text(value)
            if text is not None:
                texts[i] = text.lower()
    if not texts:
        return out

    # Vectorised fast paths: ISO dates, then YYYYMMDD.
    raw = pd.Series(list(texts.values()), index=list(texts.keys()), dtype=object)
    iso = pd.to_datetime(raw, format="%Y-%m-%d", errors="coerce")
    rest = raw[iso.isna()]
    compact = rest[rest.str.fullmatch(r"\d{8}")]
    parsed = pd.concat(
        [iso[iso.notna()], pd.to_datetime(compact, format="%Y%m%d", errors="coerce")]
    )
    parsed = parsed[parsed.notna()]
    done = set(parsed.index)
    parsed = parsed[(parsed.dt.year >= 1900) & (parsed <= pd.Timestamp(today))]
    iso_days = np.datetime_as_string(parsed.to_numpy(dtype="datetime64[D]"), unit="D")
    for i, text in zip(parsed.index, iso_days.tolist(), strict=True):
        out[i] = text

    # Per-value patterns for the rest; numeric a/b/y dates wait for the
    # column-level day/month decision.
    numeric: list[tuple[int, int, int, int]] = []
    for i, text in texts.items():
        if i in done:
            continue
        match = _YMD.fullmatch(text)
        if match is not None:
            year, month, day = (int(g) for g in match.groups())
            out[i] = _birth_date(year, month, day, today)
            continue
        match = _NUMERIC.fullmatch(text)
        if match is not None:
            first, _, second, year = match.groups()
            numeric.append((i, int(first), int(second), _full_year(year, today)))
            continue
        parts = _text_date(text, today)
        if parts is not None:
            out[i] = _birth_date(*parts, today)
    if numeric:
        if dayfirst is None:
            first_over = any(a > 12 for _, a, _, _ in numeric)
            second_over = any(b > 12 for _, _, b, _ in numeric)
            dayfirst = first_over and not second_over
        for i, a, b, year in numeric:
            day, month = (a, b) if dayfirst else (b, a)
            out[i] = _birth_date(year, month, day, today)
    return out


def date_of_birth(s: pd.Series, dayfirst: bool | None = None) -> pd.Series:
    """Standardise dates of birth to ``"YYYY-MM-DD"``.

    Accepts ISO ("1984-03-07"), compact ("19840307"), numeric ("07/03/1984",
    "3/7/84"), textual ("7 Mar 1984", "March 7, 1984") values and date,
    datetime or Timestamp objects, mixed within a column.

    Parameters
    ----------
    s : pandas.Series
        Raw dates of birth.
    dayfirst : bool or None, default None
        Order of purely numeric dates: True for dd/mm, False for mm/dd, None
        to decide from the column (see module notes).

    Returns
    -------
    pandas.Series
        Object dtype of ``"YYYY-MM-DD"`` str or None (missing, unparseable,
        impossible, before 1900 or in the future), same index.

    Examples
    --------
    >>> raw = pd.Series(["1984-03-07", "19840307", "March 7, 1984", "7 Mar 1984", "1984-02-30"])
    >>> date_of_birth(raw).tolist()
    ['1984-03-07', '1984-03-07', '1984-03-07', '1984-03-07', None]
    >>> date_of_birth(pd.Series(["07/03/1984", "25/12/1990"])).tolist()  # day-first column
    ['1984-03-07', '1990-12-25']
    >>> date_of_birth(pd.Series(["3/7/84"])).tolist()  # no evidence: month-first
    ['1984-03-07']
    """
    return map_unique(s, lambda values: _dob_batch(values, dayfirst), batch=True)


_EPOCH_SCALE = ((1e11, 1.0), (1e14, 1e3), (1e17, 1e6))  # seconds, ms, us; else ns
_EPOCH_RANGE = (-2_208_988_800.0, 4_133_980_799.0)  # 1900-01-01 .. 2100-12-31


def _epoch_seconds(number: float) -> float:
    for bound, scale in _EPOCH_SCALE:
        if abs(number) < bound:
            return number / scale
    return number / 1e9


def _timestamp_batch(values: list[Any]) -> list[str | None]:
    out: list[str | None] = [None] * len(values)
    stamps: dict[int, pd.Timestamp] = {}
    seconds: dict[int, float] = {}
    texts: dict[int, str] = {}
    for i, value in enumerate(values):
        if isinstance(value, (dt.date, np.datetime64)):
            stamp = pd.Timestamp(value)
            if 1900 <= stamp.year <= 2100:
                stamps[i] = (
                    stamp.tz_localize("UTC") if stamp.tz is None else stamp.tz_convert("UTC")
                )
            continue
        text = value.strip() if isinstance(value, str) else as_text(value)
        if not text:
            continue
        if text[-1].isdigit() and _DIGITS.fullmatch(text):
            if _COMPACT.fullmatch(text) or (len(text) == 14 and text.isdigit()):
                # YYYYMMDD or YYYYMMDDHHMMSS rather than an epoch in 1970-73.
                texts[i] = text
                continue
            number = float(text)
            if math.isfinite(number) and abs(number) >= _MIN_EPOCH_SECONDS:
                epoch = _epoch_seconds(number)
                if _EPOCH_RANGE[0] <= epoch <= _EPOCH_RANGE[1]:
                    seconds[i] = epoch
        else:
            texts[i] = text

    parts = []
    if seconds:
        parts.append(
            pd.to_datetime(pd.Series(seconds, dtype=float), unit="s", utc=True, errors="coerce")
        )
    if texts:
        raw = pd.Series(texts, dtype=object)
        # pandas lets the offset of one value leak into later naive values,
        # so values with and without an explicit offset are parsed apart.
        aware = raw.str.contains(_OFFSET, regex=True)
        iso = pd.concat(
            [
                pd.to_datetime(raw[~aware], format="ISO8601", utc=True, errors="coerce"),
                pd.to_datetime(raw[aware], format="ISO8601", utc=True, errors="coerce"),
            ]
        )
        for i in iso.index[iso.isna()]:
            iso[i] = _parse_loose(raw[i])
        parts.append(iso)
    if stamps:
        parts.append(pd.Series(stamps))
    if not parts:
        return out
    parsed = pd.concat(parts)
    parsed = pd.to_datetime(parsed, utc=True, errors="coerce")
    parsed = parsed[parsed.notna() & (parsed.dt.year >= 1900) & (parsed.dt.year <= 2100)]
    naive = parsed.dt.tz_localize(None).to_numpy(dtype="datetime64[s]")
    for i, text in zip(parsed.index, np.datetime_as_string(naive, unit="s").tolist(), strict=True):
        out[i] = text
    return out


def _parse_loose(text: str) -> pd.Timestamp | Any:
    """Last resort for non-ISO timestamps that still carry a four-digit year."""
    compact = text.strip()
    if len(compact) == 14 and compact.isdigit():
        return pd.to_datetime(compact, format="%Y%m%d%H%M%S", utc=True, errors="coerce")
    if not re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", text):
        return pd.NaT
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return pd.to_datetime(text, utc=True)
        except (ValueError, TypeError, OverflowError):
            return pd.NaT


def timestamp(s: pd.Series) -> pd.Series:
    """Standardise event timestamps to UTC ``"YYYY-MM-DDTHH:MM:SS"``.

    Accepts ISO-8601 strings (with or without offset; naive values are taken
    as UTC), epoch numbers (seconds; values above 1e11, 1e14 and 1e17 are
    read as milliseconds, microseconds and nanoseconds; values below 1e8, i.e.
    before March 1973, are codes rather than times and give None), ``YYYYMMDD`` and
    ``YYYYMMDDHHMMSS`` digit strings, and datetime objects. Sub-second
    precision is dropped; years outside 1900..2100 give None.

    Parameters
    ----------
    s : pandas.Series
        Raw timestamps.

    Returns
    -------
    pandas.Series
        Object dtype of str or None, same index.

    Examples
    --------
    >>> raw = pd.Series(["2024-05-01T12:30:00+02:00", "2024-05-01 10:30", 1714559400, "junk"])
    >>> timestamp(raw).tolist()
    ['2024-05-01T10:30:00', '2024-05-01T10:30:00', '2024-05-01T10:30:00', None]
    """
    return map_unique(s, _timestamp_batch, batch=True)
