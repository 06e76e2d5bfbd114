"""Postal addresses: postcode, street, house number, city and country.

Addresses are typed by hand on every channel, so the standard forms remove
what varies without changing the place: case, accents, punctuation, and the
long or short spelling of street types, unit designators and directions
(USPS Publication 28 abbreviations). Decisions:

* postcodes are upper-cased with spaces and punctuation removed
  (``"SW1A 1AA"`` -> ``"SW1A1AA"``); US ZIP+4 is cut to the five-digit ZIP.
  Leading zeros lost by a numeric reader (``2134`` for ``"02134"``) are
  restored only when the column looks like five-digit codes: at least 95 %
  of its distinct values are 3 to 5 digits and at least half are exactly 5
  digits (US ZIP codes, also German, French, Spanish or Italian codes);
* every unit designator (apartment, apt, unit, suite, ste, flat, ``#``)
  becomes ``apt``, so "Apt 4", "Unit 4" and "#4" agree;
* hyphens and apostrophes are removed from streets and cities
  (``"St. John's Rd"`` -> ``"st johns rd"``);
* in cities saint/sainte/mount/fort become st/ste/mt/ft;
* countries map to ISO 3166-1 alpha-2 codes; unknown values give None.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import phonenumbers

from ._countries import COUNTRY_ALIASES
from ._text import as_text, fold_str, map_unique

__all__ = ["city", "country", "postcode", "street", "street_number"]

_NOT_ALNUM = re.compile(r"[^0-9A-Z]+")

# fmt: off
_STREET_WORDS = {
    # street types
    "street": "st", "str": "st", "road": "rd", "avenue": "ave", "av": "ave", "avn": "ave",
    "boulevard": "blvd", "blv": "blvd", "boul": "blvd", "drive": "dr", "drv": "dr",
    "lane": "ln", "court": "ct", "crt": "ct", "place": "pl", "terrace": "ter", "terr": "ter",
    "circle": "cir", "highway": "hwy", "parkway": "pkwy", "pky": "pkwy", "square": "sq",
    "crescent": "cres", "close": "cl", "trail": "trl", "expressway": "expy", "freeway": "fwy",
    "alley": "aly", "mount": "mt", "mountain": "mtn", "heights": "hts", "point": "pt",
    "plaza": "plz", "route": "rte", "center": "ctr", "centre": "ctr", "junction": "jct",
    "gardens": "gdns", "grove": "grv", "saint": "st",
    # unit designators
    "apartment": "apt", "unit": "apt", "suite": "apt", "ste": "apt", "flat": "apt",
    "floor": "fl", "room": "rm",
    # directions
    "north": "n", "south": "s", "east": "e", "west": "w", "northeast": "ne",
    "northwest": "nw", "southeast": "se", "southwest": "sw",
    # ordinal street names
    "first": "1st", "second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th",
    "sixth": "6th", "seventh": "7th", "eighth": "8th", "ninth": "9th", "tenth": "10th",
}
# fmt: on
_CITY_WORDS = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft"}
_PO_BOX = re.compile(r"\b(?:p\s?o|post office)\s+box\b")
_UNIT = re.compile(r"\bapt(?:\s+\S+)?")
_LEADING_NUMBER = re.compile(r"\s*(\d+)")


# --- postcode ----------------------------------------------------------------


def _clean_postcode(value: Any) -> str | None:
    text = as_text(value)
    if text is None:
        return None
    cleaned = _NOT_ALNUM.sub("", text.upper())
    if len(cleaned) == 9 and cleaned.isdigit():
        return cleaned[:5]  # ZIP+4; no other country uses nine-digit codes
    return cleaned or None


def _postcode_batch(values: list[Any]) -> list[str | None]:
    cleaned = [_clean_postcode(v) for v in values]
    present = [c for c in cleaned if c is not None]
    if not present:
        return cleaned
    short_numeric = sum(c.isdigit() and 3 <= len(c) <= 5 for c in present)
    five_digit = sum(c.isdigit() and len(c) == 5 for c in present)
    if postcode_zero_padding(len(present), short_numeric, five_digit):
        cleaned = _zero_padded(cleaned)
    return cleaned


def _zero_padded(cleaned: list[str | None]) -> list[str | None]:
    return [c.zfill(5) if c is not None and c.isdigit() and 3 <= len(c) < 5 else c for c in cleaned]


def postcode_zero_padding(n_present: int, n_short_numeric: int, n_five_digit: int) -> bool:
    """Whether a column's lost leading zeros are restored, from counts of its distinct values.

    ``n_present`` distinct values clean to a postcode, ``n_short_numeric`` of
    them are 3 to 5 digits and ``n_five_digit`` exactly 5 (see module notes).
    """
    return n_present > 0 and (
        n_short_numeric >= 0.95 * n_present and n_five_digit >= 0.5 * n_present
    )


def postcode_kind(value: Any) -> tuple[bool, bool] | None:
    """Whether a raw value counts as short numeric and as five-digit; None if no postcode.

    The per-value part of the column's zero-padding decision, for engines that
    count distinct values in pieces (see :func:`postcode_zero_padding`).
    """
    c = _clean_postcode(value)
    if c is None:
        return None
    return (c.isdigit() and 3 <= len(c) <= 5, c.isdigit() and len(c) == 5)


def postcode_padded(s: pd.Series, pad: bool) -> pd.Series:
    """:func:`postcode` with the column's zero-padding already decided."""

    def clean(values: list[Any]) -> list[str | None]:
        cleaned = [_clean_postcode(v) for v in values]
        return _zero_padded(cleaned) if pad else cleaned

    return map_unique(s, clean, batch=True)


def postcode(s: pd.Series) -> pd.Series:
    """Standardise postcodes: upper case, no spaces or punctuation.

    Parameters
    ----------
    s : pandas.Series
        Raw postcodes (strings, or numbers when read by a numeric parser).

    Returns
    -------
    pandas.Series
        Object dtype of str or None, same index. ZIP+4 becomes the five-digit
        ZIP; lost leading zeros are restored in columns of five-digit codes
        (see module notes).

    Examples
    --------
    >>> postcode(pd.Series(["94110-1234", "02139", 2134, "10001"])).tolist()
    ['94110', '02139', '02134', '10001']
    >>> postcode(pd.Series(["sw1a 1aa", "EC1A-1BB", 2000])).tolist()
    ['SW1A1AA', 'EC1A1BB', '2000']
    """
    return map_unique(s, _postcode_batch, batch=True)


# --- street ------------------------------------------------------------------


def _street_str(value: Any) -> str | None:
    text = as_text(value)
    if text is None:
        return None
    folded = fold_str(text.replace("#", " apt "))
    if folded is None:
        return None
    folded = _PO_BOX.sub("po box", folded.replace("'", "").replace("-", " "))
    words: list[str] = []
    for token in folded.split():
        word = _STREET_WORDS.get(token, token)
        if not (word == "apt" and words and words[-1] == "apt"):
            words.append(word)
    return " ".join(words) or None


def street(s: pd.Series) -> pd.Series:
    """Standardise street lines for comparison.

    Folded with :func:`~unifyid.standardise.fold_text`, street types, unit
    designators, directions and ordinal numbers abbreviated (street -> st,
    avenue -> ave, suite/unit/# -> apt, north -> n, first -> 1st),
    punctuation removed and spaces collapsed.

    Parameters
    ----------
    s : pandas.Series
        Raw street lines.

    Returns
    -------
    pandas.Series
        Object dtype of str or None, same index.

    Examples
    --------
    >>> street(pd.Series(["123 North Main Street, Apt. #4B", "123 N. Main St #4b"])).tolist()
    ['123 n main st apt 4b', '123 n main st apt 4b']
    """
    return map_unique(s, _street_str)


def _street_number_str(value: Any) -> str | None:
    standard = _street_str(value)
    if standard is None:
        return None
    match = _LEADING_NUMBER.match(_UNIT.sub(" ", standard))
    return match.group(1) if match else None


def street_number(s: pd.Series) -> pd.Series:
    """Extract the house number at the start of a street line.

    A unit designator and its number are skipped wherever they stand
    ("Apt 4, 12 Oak Rd" -> "12"); a letter suffix is not part of the number
    ("12B" -> "12").

    Parameters
    ----------
    s : pandas.Series
        Raw street lines.

    Returns
    -------
    pandas.Series
        Object dtype of digit str or None (no leading number), same index.

    Examples
    --------
    >>> raw = pd.Series(["123 Main St", "Apt 4, 12 Oak Rd", "12B High St", "PO Box 9"])
    >>> street_number(raw).tolist()
    ['123', '12', '12', None]
    """
    return map_unique(s, _street_number_str)


# --- city --------------------------------------------------------------------


def _city_str(value: Any) -> str | None:
    text = as_text(value)
    folded = None if text is None else fold_str(text)
    if folded is None:
        return None
    tokens = folded.replace("'", "").replace("-", " ").split()
    return " ".join(_CITY_WORDS.get(t, t) for t in tokens) or None


def city(s: pd.Series) -> pd.Series:
    """Standardise city names.

    Parameters
    ----------
    s : pandas.Series
        Raw city names.

    Returns
    -------
    pandas.Series
        Object dtype of str or None, same index: folded, hyphens and
        apostrophes removed, saint/sainte/mount/fort -> st/ste/mt/ft.

    Examples
    --------
    >>> city(pd.Series(["Saint Louis", "St. Louis", "Winston-Salem", "MÜNCHEN"])).tolist()
    ['st louis', 'st louis', 'winston salem', 'munchen']
    """
    return map_unique(s, _city_str)


# --- country -----------------------------------------------------------------


def _country_key(text: str) -> str | None:
    folded = fold_str(text.replace(".", "").replace("'", ""))
    if folded is None:
        return None
    return folded.replace("-", " ")


def _build_countries() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in COUNTRY_ALIASES.strip().splitlines():
        code, _, aliases = line.partition(":")
        for alias in aliases.split(","):
            alias = alias.strip()
            table[alias] = code.strip()
            table.setdefault(alias.replace(" ", ""), code.strip())
    return table


_COUNTRIES = _build_countries()
_REGIONS = frozenset(r for r in phonenumbers.SUPPORTED_REGIONS if r.isalpha() and len(r) == 2)


def _country_str(value: Any) -> str | None:
    text = as_text(value)
    key = None if text is None else _country_key(text)
    if key is None:
        return None
    if key.startswith("the "):
        key = key[4:]
    code = _COUNTRIES.get(key) or _COUNTRIES.get(key.replace(" ", ""))
    if code is None and len(key) == 2 and key.upper() in _REGIONS:
        code = key.upper()
    return code


def country(s: pd.Series) -> pd.Series:
    """Map country names and codes to ISO 3166-1 alpha-2 codes.

    Parameters
    ----------
    s : pandas.Series
        Raw country values: names ("United States", "Deutschland"), alpha-2
        or alpha-3 codes, common variants ("U.S.", "UK", "England").

    Returns
    -------
    pandas.Series
        Object dtype of upper-case alpha-2 str or None (missing or unknown),
        same index.

    Examples
    --------
    >>> country(pd.Series(["United States", "U.S.", "usa", "England", "GB", "Narnia"])).tolist()
    ['US', 'US', 'US', 'GB', 'GB', None]
    """
    return map_unique(s, _country_str)
