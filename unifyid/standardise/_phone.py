"""Phone numbers: E.164 form for exact matching, and placeholder detection.

Parsing uses Google's libphonenumber metadata (the ``phonenumbers`` package)
with a default region for numbers written in national form. The rules:

* an ``00`` international prefix is read as ``+`` (``"00 1 415 555 0134"``),
  in every region, because customers type it whatever their country;
* extensions (``x12``, ``ext. 12``, ``#12``) are dropped: E.164 has none and
  the main line is what identifies a household or person;
* a number valid for the metadata (``is_valid_number``) is kept;
* when the national reading is not even of a possible length, the digits are
  retried as an international number (``"44 20 7946 0958"`` typed without
  its ``+``) and kept if that reading is valid;
* otherwise a number of exactly possible length for its country is kept too,
  unless ``strict=True``. Metadata lags newly opened ranges, and fictional or
  test ranges are common in sample data; a possible-but-unassigned number is
  still a consistent key, and typos fail to match anyway. Local-only numbers
  (seven-digit US numbers without an area code) are not possible E.164
  numbers and give None.

Placeholders (``0000000000``, ``1234567890``, ``555-555-5555``, fewer than
seven digits) give None and are flagged by :func:`is_junk_phone`.

North American numbers (``+1`` numbers, or national numbers with
``region="US"``) take a fast path that builds the E.164 string directly
(``phonenumbers.parse`` costs about 10 microseconds per value); it gives the
same result as the general path, which the tests check.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd
import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat
from phonenumbers.phonenumberutil import ValidationResult

from ._text import as_text, map_unique, unique_results

__all__ = ["is_junk_phone", "phone", "phone_and_junk"]

_EXTENSION = re.compile(
    r"(?:;\s*ext=|#|(?<![a-z])(?:extension|extn|ext|x))\.?\s*:?\s*\d{1,7}\s*$", re.IGNORECASE
)
_FORMATTING = re.compile(r"[\s().\-/\u00a0\u2010-\u2015]+")
_NANP_INTERNATIONAL = re.compile(r"\+1([2-9]\d{2}[2-9]\d{6})")
_NANP_NATIONAL = re.compile(r"1?([2-9]\d{2}[2-9]\d{6})")
_NON_DIGIT = re.compile(r"\D")
_LETTER = re.compile(r"[a-zA-Z]")
_ASCENDING = "01234567890123456789"
_DESCENDING = _ASCENDING[::-1]


def _main_part(text: str) -> str:
    """The number without its extension, formatting removed, ``00`` -> ``+``."""
    if "x" in text or "X" in text or "#" in text or ";" in text:  # every extension marker
        text = _EXTENSION.sub("", text)
    compact = _FORMATTING.sub("", text)
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    return compact


def _digits(compact: str) -> str:
    if _LETTER.search(compact) and sum(ch.isdigit() for ch in compact) >= 3:
        # Vanity numbers such as 1-800-FLOWERS.
        compact = phonenumbers.convert_alpha_characters_in_number(compact)
    return _NON_DIGIT.sub("", compact)


def _junk_digits(digits: str) -> bool:
    if len(digits) < 7:
        return True
    cores = [digits, digits[-10:]]
    if digits[0] in "01":
        cores.append(digits[1:])  # country code 1 or a trunk prefix 0
    for core in cores:
        if len(core) < 7:
            continue
        if core.count(core[0]) == len(core) or core in _ASCENDING or core in _DESCENDING:
            return True
    return False


def _is_junk(value: Any) -> bool:
    text = as_text(value)
    if text is None:
        return False
    return _junk_digits(_digits(_main_part(text)))


def _format(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def _parse_general(compact: str, region: str, strict: bool) -> str | None:
    """Full libphonenumber path for one number (see module notes)."""
    try:
        number = phonenumbers.parse(compact, region)
    except NumberParseException:
        return None
    if phonenumbers.is_valid_number(number):
        return _format(number)
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason != ValidationResult.IS_POSSIBLE and not compact.startswith("+"):
        try:
            alternative = phonenumbers.parse("+" + compact, None)
        except NumberParseException:
            alternative = None
        if alternative is not None and phonenumbers.is_valid_number(alternative):
            return _format(alternative)
    if not strict and reason == ValidationResult.IS_POSSIBLE:
        return _format(number)
    return None


def _phone_str(value: Any, region: str, strict: bool, nanp_national: bool) -> str | None:
    text = as_text(value)
    if text is None:
        return None
    return _phone_compact(_main_part(text), region, strict, nanp_national)


def _phone_and_junk(
    value: Any, region: str, strict: bool, nanp_national: bool
) -> tuple[str | None, bool]:
    """E.164 form and placeholder verdict of one raw value, from one clean-up."""
    text = as_text(value)
    if text is None:
        return None, False
    compact = _main_part(text)
    if _junk_digits(_digits(compact)):
        return None, True
    return _phone_compact(compact, region, strict, nanp_national, checked=True), False


def _phone_compact(
    compact: str, region: str, strict: bool, nanp_national: bool, *, checked: bool = False
) -> str | None:
    """E.164 form of a cleaned-up number; ``checked``: already known not to be junk."""
    match = _NANP_INTERNATIONAL.fullmatch(compact)
    if match is None and nanp_national:
        match = _NANP_NATIONAL.fullmatch(compact)
    if match is not None:
        national = match.group(1)
        # Same verdict as on all digits: a leading 1 never makes a number junk.
        if not checked and _junk_digits(national):
            return None
        if not strict:
            return "+1" + national
        # is_valid_number already tries every NANP region (US, CA, the
        # Caribbean), and a ten-digit NANP number is always of possible length,
        # so the general path could not do better.
        number = phonenumbers.PhoneNumber(country_code=1, national_number=int(national))
        return "+1" + national if phonenumbers.is_valid_number(number) else None
    if not checked and _junk_digits(_digits(compact)):
        return None
    try:
        return _parse_general(compact, region, strict)
    except MemoryError:
        raise  # running short of memory is no unparseable number
    except Exception:
        return None


def phone(s: pd.Series, region: str = "US", *, strict: bool = False) -> pd.Series:
    """Standardise phone numbers to E.164 (``"+14155550134"``).

    Parameters
    ----------
    s : pandas.Series
        Raw phone values in national (``"(415) 555-0134"``, ``"415.555.0134"``)
        or international (``"+1 415 555 0134"``, ``"00 1 415 555 0134"``) form.
    region : str, default "US"
        ISO 3166 alpha-2 region assumed for numbers written without a country
        code.
    strict : bool, default False
        Keep only numbers that ``phonenumbers.is_valid_number`` accepts. By
        default numbers of possible length for their country are kept too
        (see module notes).

    Returns
    -------
    pandas.Series
        Object dtype of E.164 str or None (missing, unparseable or a
        placeholder), same index.

    Examples
    --------
    >>> raw = pd.Series(["(415) 555-0134", "+1 415 555 0134 ext. 9", "00 44 20 7946 0958",
    ...                  "555-555-5555", "12", None])
    >>> phone(raw).tolist()
    ['+14155550134', '+14155550134', '+442079460958', None, None, None]
    >>> phone(pd.Series(["020 7946 0958"]), region="GB").tolist()
    ['+442079460958']
    """
    region = (region or "").upper() or "US"
    nanp_national = region == "US"
    return map_unique(s, lambda v: _phone_str(v, region, strict, nanp_national))


def phone_and_junk(
    s: pd.Series, region: str = "US", *, strict: bool = False
) -> tuple[pd.Series, pd.Series]:
    """:func:`phone` and :func:`is_junk_phone` in one pass over the distinct values.

    Placeholders give None in the first result and True in the second; the
    two results equal the two functions' (the tests check it).
    """
    region = (region or "").upper() or "US"
    nanp_national = region == "US"
    if not isinstance(s, pd.Series):
        s = pd.Series(s, dtype=object)
    codes, both = unique_results(s, lambda v: _phone_and_junk(v, region, strict, nanp_national))
    # Split the pairs of the distinct values (None where the value failed or
    # is missing), then take each part by code.
    value_of = np.full(len(both), None, dtype=object)
    junk_of = np.zeros(len(both), dtype=bool)
    given = pd.notna(both)
    if given.any():
        pairs = both[given]
        value_of[given] = [p[0] for p in pairs]
        junk_of[given] = [p[1] for p in pairs]
    values = value_of[codes] if len(codes) else np.full(0, None, dtype=object)
    junk = junk_of[codes] if len(codes) else np.zeros(0, dtype=bool)
    return (
        pd.Series(values, index=s.index, name=s.name, dtype=object),
        pd.Series(junk, index=s.index, name=s.name),
    )


def is_junk_phone(raw_series: pd.Series) -> pd.Series:
    """Flag placeholder phone values that must not link customers.

    Junk: fewer than seven digits (including text without digits such as
    ``"n/a"``), one repeated digit (``0000000000``, ``555-555-5555``), or a
    run of consecutive digits (``1234567890``, ``0123456789``, ``9876543210``).
    A leading country code ``1`` or trunk ``0`` and any extension are ignored.

    Parameters
    ----------
    raw_series : pandas.Series
        Raw phone values.

    Returns
    -------
    pandas.Series
        Bool dtype, same index; missing values are False.

    Examples
    --------
    >>> raw = pd.Series(["000-000-0000", "+1 123 456 7890", "12345", "(415) 555-0134", None])
    >>> is_junk_phone(raw).tolist()
    [True, True, True, False, False]
    """
    return map_unique(raw_series, _is_junk, missing=False).astype(bool)
