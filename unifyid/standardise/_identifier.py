"""Exact identifiers: device ids, loyalty numbers, customer numbers.

Identifiers are compared exactly, so only formatting noise is removed:
surrounding whitespace and runs of inner whitespace, and the ``.0`` that a
numeric reader appends (``123.0`` -> ``"123"``, both for float values and
for strings such as ``"123.0"`` written out from a float column). Case is
kept because identifiers can be case-sensitive.

Placeholders are dropped: empty strings, ``null``, ``none``, ``nan``,
``n/a``, ``na``, ``nil``, ``undefined``, ``-`` and values whose letters and
digits are all zeros (``0``, ``000000``, and the all-zero device advertising
id ``00000000-0000-0000-0000-000000000000`` that phones report when tracking
is limited).
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from ._text import as_text, map_unique

__all__ = ["identifier"]

_PLACEHOLDERS = frozenset(
    {"", "null", "none", "nan", "n/a", "na", "nil", "undefined", "-", "--", "#n/a", "<na>", "nat"}
)
_FLOAT_STRING = re.compile(r"(\d+)\.0+")
_ALNUM = re.compile(r"[^0-9A-Za-z]+")


def _identifier_str(value: Any) -> str | None:
    text = as_text(value)
    if text is None:
        return None
    text = " ".join(text.split())
    if text.lower() in _PLACEHOLDERS:
        return None
    match = _FLOAT_STRING.fullmatch(text)
    if match is not None:
        text = match.group(1)
    core = _ALNUM.sub("", text)
    if core and set(core) == {"0"}:
        return None
    return text


def identifier(s: pd.Series) -> pd.Series:
    """Standardise exact identifiers (see module notes).

    Parameters
    ----------
    s : pandas.Series
        Raw identifiers of any dtype.

    Returns
    -------
    pandas.Series
        Object dtype of str or None (missing or placeholder), same index.

    Examples
    --------
    >>> identifier(pd.Series([" AB  12 ", 123.0, "123.0", "NULL", "0", "-", "aB9"])).tolist()
    ['AB 12', '123', '123', None, None, None, 'aB9']
    """
    return map_unique(s, _identifier_str)
