"""Names read from an email address, for records that lack part of the name.

A web account with only a surname and ``rebecca.dempsey@hotmail.com``, or an
app login with no name and ``jones.reina@yahoo.com``, names its owner in the
address. Reading that name lets such records meet the person's other records
in name blocks and name comparisons. Only common shapes are read: two words
split by ``.``, ``_`` or ``-``; the known part of the name followed or
preceded by the missing one (``kathleentoth``); the first name's initial and
the surname (``jsmith``); a lone word as the given name of a known surname
(``gary567``). A guessed word that names nobody matches nothing, so a wrong
read costs little. Addresses without a known part or separator, and initials
of the missing part (``rhunter``), are left alone.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = ["names_from_email"]

_SEPARATORS = re.compile(r"[._\-]+")
_WORD = re.compile(r"[a-z]{2,}")
_MIN_LENGTH = 2
_MIN_WHOLE = 3  # a whole word or initial-stripped word read as a name


def names_from_email(
    first: pd.Series, last: pd.Series, email: pd.Series
) -> tuple[pd.Series, pd.Series, np.ndarray, np.ndarray]:
    """Fill missing standardised first and last names from the as-written email.

    Returns the completed first and last names and two boolean arrays marking
    the first and the last names that were read from the email. Names already
    present are never changed.
    """
    first_v = first.to_numpy(dtype=object).copy()
    last_v = last.to_numpy(dtype=object).copy()
    mail = email.to_numpy(dtype=object)
    need = np.flatnonzero(pd.notna(mail) & (pd.isna(first_v) | pd.isna(last_v)))
    first_read = np.zeros(len(first_v), dtype=bool)
    last_read = np.zeros(len(first_v), dtype=bool)
    for i in need:
        f = first_v[i] if isinstance(first_v[i], str) else None
        la = last_v[i] if isinstance(last_v[i], str) else None
        got = _read(str(mail[i]), f, la)
        if got is None:
            continue
        new_first, new_last = got
        if f is None and new_first:
            first_v[i], first_read[i] = new_first, True
        if la is None and new_last:
            last_v[i], last_read[i] = new_last, True
    return (
        pd.Series(first_v, index=first.index, dtype=object),
        pd.Series(last_v, index=last.index, dtype=object),
        first_read,
        last_read,
    )


def _read(email: str, first: str | None, last: str | None) -> tuple[str | None, str | None] | None:
    """The (first, last) the address spells beside the known part; None when unclear."""
    local = email.split("@", 1)[0].split("+", 1)[0].lower()
    words = [w for w in _SEPARATORS.split(re.sub(r"\d+", "", local)) if w]
    if not all(_WORD.fullmatch(w) for w in words) or not words:
        return None
    known = first or last
    if known is None:
        return (words[0], words[1]) if len(words) == 2 else None
    known = known.replace(" ", "").replace("-", "")
    other: str | None = None
    if len(words) == 2 and known in words:
        other = words[1] if words[0] == known else words[0]
    elif len(words) == 1:
        (word,) = words
        if word.startswith(known):
            other = word[len(known) :]
        elif word.endswith(known):
            other = word[: -len(known)]
        elif first and word.startswith(first[0]) and len(word) > _MIN_WHOLE:
            other = word[1:]  # jsmith: the first name's initial, then the surname
        elif last and len(word) >= _MIN_WHOLE:
            other = word  # gary567 with surname Mackinnon: the given name alone
    if other is None or len(other) < _MIN_LENGTH or other == known:
        return None
    return (None, other) if first else (other, None)
