"""Dates of birth and event timestamps.

Dates of birth arrive in every format a form or an export can produce. Each
distinct value is parsed on its own (a column may mix "1984-03-07" and
"7 Mar 1984"), with vectorised fast paths for the ISO and compact
``YYYYMMDD`` forms (the Febrl data sets use the latter) before per-value
patterns. Decisions:

* purely numeric ``a/b/yyyy`` dates are ambiguous (dd/mm or mm/dd). With
  ``dayfirst=None`` the order is decided once per column and layout (the
  separator and the number of year digits: a column mixing ``DD.MM.YYYY``
  from one system with ``MM/DD/YY`` from another reads each its own way):
  day-first if some value has a first part above 12 and none has a second
  part above 12;
  otherwise month-first (the US convention, also the default when the
  column gives no evidence either way or contradicts itself). Values that
  are impossible under the chosen order give None;
* two-digit years are read as the most recent matching year that is not in
  the future (in 2025: ``84`` is 1984, ``05`` is 2005, ``30`` is 1930);
* a date of birth must lie between 1900-01-01 and today; anything else
  (impossible dates, placeholder years such as 0001) gives None;
* ``YYYYMMDD`` digit strings (and integers) are read year first only.

Timestamps are normalised to naive UTC ISO-8601 strings, second precision.
Event timestamps are nearly all distinct, so they are parsed by column, not
by value: epoch numbers and ISO-8601 in one vectorised call each, other
layouts (``MM/DD/YYYY HH:MM``, ``DD.MM.YYYY``, ``MM/DD/YY``, month names)
one vectorised call per format detected on a sample (see ``_formats``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ._formats import parse_formats
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
# Arrow (RE2) patterns, matched anywhere unless anchored.
_DIGITS = r"^[+-]?\d+(?:\.\d+)?$"
_COMPACT_STAMP = r"^(?:\d{8}|\d{14})$"
_OFFSET = r"\d:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$"
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
    out, numeric = _dob_parsed(values)
    if numeric:
        _apply_order(out, numeric, _day_first_by_layout(numeric, dayfirst))
    return out


#: A numeric ``a/b/y`` date waiting for its column's day/month order:
#: (position, first part, second part, full year, layout).
_Numeric = tuple[int, int, int, int, tuple[str, int]]


def _apply_order(
    out: list[str | None], numeric: list[_Numeric], order: dict[tuple[str, int], bool]
) -> None:
    """Fill ``out`` with the numeric dates read in ``order`` (month-first where absent)."""
    today = dt.date.today()
    for i, a, b, year, layout in numeric:
        day, month = (a, b) if order.get(layout, False) else (b, a)
        out[i] = _birth_date(year, month, day, today)


def _dob_parsed(values: list[Any]) -> tuple[list[str | None], list[_Numeric]]:
    """Dates of birth read on their own, and the numeric ones left for the column's order."""
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
        return out, []

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
    numeric: list[tuple[int, int, int, int, tuple[str, int]]] = []
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
            first, sep, second, year = match.groups()
            layout = (sep, len(year))
            numeric.append((i, int(first), int(second), _full_year(year, today), layout))
            continue
        parts = _text_date(text, today)
        if parts is not None:
            out[i] = _birth_date(*parts, today)
    return out, numeric


def dob_layout_evidence(s: pd.Series) -> dict[tuple[str, int], tuple[bool, bool]]:
    """Per layout of the column's numeric dates: some first part above 12, some second part.

    The evidence :func:`date_of_birth` decides the day/month order on
    (``dayfirst=None``); evidence of parts of a column combines by ``or``,
    so an engine can gather it in pieces and decide with :func:`dob_day_first`.
    """
    found: dict[tuple[str, int], tuple[bool, bool]] = {}

    def look(values: list[Any]) -> list[None]:
        for _, a, b, _, layout in _dob_parsed(values)[1]:
            first, second = found.get(layout, (False, False))
            found[layout] = (first or a > 12, second or b > 12)
        return [None] * len(values)

    map_unique(s, look, batch=True)
    return found


def dob_day_first(
    evidence: dict[tuple[str, int], tuple[bool, bool]],
) -> dict[tuple[str, int], bool]:
    """The day/month order per layout that :func:`date_of_birth` chooses on this evidence."""
    return {layout: first and not second for layout, (first, second) in evidence.items()}


def date_of_birth_in_order(s: pd.Series, order: dict[tuple[str, int], bool]) -> pd.Series:
    """:func:`date_of_birth` with the day/month order per layout already decided."""

    def parse(values: list[Any]) -> list[str | None]:
        out, numeric = _dob_parsed(values)
        _apply_order(out, numeric, order)
        return out

    return map_unique(s, parse, batch=True)


def _day_first_by_layout(
    numeric: list[tuple[int, int, int, int, tuple[str, int]]], dayfirst: bool | None
) -> dict[tuple[str, int], bool]:
    """Day-first or not per layout (separator, year digits) of the numeric dates."""
    layouts = {layout for *_, layout in numeric}
    if dayfirst is not None:
        return dict.fromkeys(layouts, dayfirst)
    first_over = {layout for _, a, _, _, layout in numeric if a > 12}
    second_over = {layout for _, _, b, _, layout in numeric if b > 12}
    return {layout: layout in first_over and layout not in second_over for layout in layouts}


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


def _timestamp_batch(values: list[Any]) -> np.ndarray:
    parts, rest = _timestamp_parsed(values)
    if len(rest):
        parts.append(parse_formats(rest))
    return _timestamp_strings(len(values), parts)


def _timestamp_parsed(values: list[Any]) -> tuple[list[pd.Series], pd.Series]:
    """Timestamps each value gives on its own, and the texts left for format detection.

    Both are indexed by position in ``values``; the texts keep their order.
    """
    kind = pd.api.types.infer_dtype(values, skipna=False)
    if kind in ("string", "integer"):
        texts = pd.Series(values, dtype=object)
        if kind == "integer":
            texts = texts.astype(str)
        stamps = pd.Series([], dtype="datetime64[ns, UTC]")
    else:
        texts, stamps = _split_objects(values)
    # String checks run in Arrow (C++), not one Python call per value.
    arrow = pc.utf8_trim_whitespace(pa.array(texts.to_numpy(), type=pa.string()))
    keep = np.flatnonzero(_flags(pc.greater(pc.utf8_length(arrow), 0)))
    arrow = arrow.take(pa.array(keep))
    index = texts.index.to_numpy()[keep]
    strings = arrow.to_numpy(zero_copy_only=False)
    digits = _flags(pc.match_substring_regex(arrow, _DIGITS))
    # YYYYMMDD or YYYYMMDDHHMMSS rather than an epoch in 1970-73.
    compact = digits & _flags(pc.match_substring_regex(arrow, _COMPACT_STAMP))
    aware = _flags(pc.match_substring_regex(arrow, _OFFSET))
    number = digits & ~compact
    parts = [_epochs(pd.Series(strings[number], index=index[number]).astype(float)), stamps]
    text = ~number
    if text.any():
        # pandas lets the offset of one value leak into later naive values,
        # so values with and without an explicit offset are parsed apart.
        iso = pd.concat(
            [
                _iso(pd.Series(strings[mask], index=index[mask]))
                for mask in (text & ~aware & ~compact, text & aware)
            ]
        )
        iso = iso[iso.notna()]
        parts.append(iso)
        rest = text & ~np.isin(index, iso.index.to_numpy())
        return parts, pd.Series(strings[rest], index=index[rest])
    return parts, pd.Series([], dtype=object)


def _timestamp_strings(n: int, parts: list[pd.Series]) -> np.ndarray:
    """``n`` standardised timestamps (None where no part has one) from parsed parts."""
    out = np.full(n, None, dtype=object)
    parts = [p for p in parts if len(p)]
    if not parts:
        return out
    parsed = pd.concat(parts)
    parsed = parsed[parsed.notna() & (parsed.dt.year >= 1900) & (parsed.dt.year <= 2100)]
    naive_utc = parsed.dt.tz_localize(None).to_numpy(dtype="datetime64[s]")
    out[parsed.index.to_numpy()] = np.datetime_as_string(naive_utc, unit="s").astype(object)
    return out


def timestamp_unformatted(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """:func:`timestamp` of the values that read on their own, and the text of the rest.

    Per row: the standardised timestamp of a value that is an epoch number,
    ISO-8601, a compact digit string or a datetime (None otherwise), and the
    stripped text of a value whose layout must be detected on the column
    (None otherwise). An engine that splits a column can standardise the
    former in pieces and pass the texts of the column's distinct values, in
    order of first appearance, to :func:`timestamp_formatted`.
    """

    def look(values: list[Any]) -> list[tuple[Any, Any]]:
        parts, rest = _timestamp_parsed(values)
        left = np.full(len(values), None, dtype=object)
        left[rest.index.to_numpy()] = rest.to_numpy(dtype=object)
        return list(zip(_timestamp_strings(len(values), parts), left))

    both = map_unique(s, look, batch=True, missing=(None, None)).to_numpy(dtype=object)
    std = np.array([v[0] if isinstance(v, tuple) else None for v in both], dtype=object)
    text = np.array([v[1] if isinstance(v, tuple) else None for v in both], dtype=object)
    return pd.Series(std, index=s.index), pd.Series(text, index=s.index)


def timestamp_formatted(texts: pd.Series) -> np.ndarray:
    """The standardised timestamps of the texts :func:`timestamp_unformatted` left.

    ``texts`` are those of a column's distinct values in order of first
    appearance: the layouts are detected on them as :func:`timestamp` does.
    """
    texts = pd.Series(texts.to_numpy(dtype=object), dtype=object)
    return _timestamp_strings(len(texts), [parse_formats(texts)] if len(texts) else [])


def _flags(mask: pa.Array) -> np.ndarray:
    return mask.to_numpy(zero_copy_only=False).astype(bool)


def _iso(texts: pd.Series) -> pd.Series:
    if texts.empty:
        return pd.Series([], dtype="datetime64[ns, UTC]")
    return pd.to_datetime(texts, format="ISO8601", utc=True, errors="coerce")


def _epochs(numbers: pd.Series) -> pd.Series:
    """Epoch numbers (seconds, ms, us or ns by magnitude) as UTC timestamps."""
    numbers = numbers[np.isfinite(numbers) & (numbers.abs() >= _MIN_EPOCH_SECONDS)]
    magnitude = numbers.abs()
    scale = np.select(
        [magnitude < bound for bound, _ in _EPOCH_SCALE],
        [s for _, s in _EPOCH_SCALE],
        default=1e9,
    )
    seconds = numbers / scale
    seconds = seconds[(seconds >= _EPOCH_RANGE[0]) & (seconds <= _EPOCH_RANGE[1])]
    return pd.to_datetime(seconds, unit="s", utc=True, errors="coerce")


def _split_objects(values: list[Any]) -> tuple[pd.Series, pd.Series]:
    """Texts and UTC timestamps of a column that is not all strings."""
    stamps: dict[int, pd.Timestamp] = {}
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
        if text:
            texts[i] = text
    return (
        pd.Series(texts, dtype=object),
        pd.Series(stamps, dtype="datetime64[ns, UTC]"),
    )


def timestamp(s: pd.Series) -> pd.Series:
    """Standardise event timestamps to UTC ``"YYYY-MM-DDTHH:MM:SS"``.

    Accepts ISO-8601 strings (with or without offset; naive values are taken
    as UTC), epoch numbers (seconds; values above 1e11, 1e14 and 1e17 are
    read as milliseconds, microseconds and nanoseconds; values below 1e8, i.e.
    before March 1973, are codes rather than times and give None), ``YYYYMMDD`` and
    ``YYYYMMDDHHMMSS`` digit strings, datetime objects, and numeric or
    month-name layouts such as ``MM/DD/YYYY HH:MM``, ``DD.MM.YYYY`` or
    ``MM/DD/YY`` (formats detected per column: numeric dates are month-first
    unless the column shows day-first evidence; two-digit years are not in
    the future). Sub-second precision is dropped; years outside 1900..2100
    give None.

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
