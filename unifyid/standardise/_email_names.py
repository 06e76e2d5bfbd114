"""Names read from an email address, for records that lack part of the name.

A web account with only a surname and ``rebecca.dempsey@hotmail.com``, or an
app login with no name and ``jones.reina@yahoo.com``, names its owner in the
address. Reading that name lets such records meet the person's other records
in name blocks and name comparisons. Only common shapes are read: two words
split by ``.``, ``_`` or ``-``; the known part of the name followed or
preceded by the missing one (``kathleentoth``); the first name's initial and
the surname (``jsmith``); a lone word as the given name of a known surname
(``gary567``). A known given name may appear in its formal spelling (Jack
writes ``johnhayes``). A name part written as an initial (``Ann M.``) is completed
by an address that spells a name with that initial (``ann.moss``). A missing
given name spelt only by its initial (``dfreund`` beside Freund) is read as
that initial: it tells family members apart without claiming a name. A
guessed word that names nobody matches nothing, so a wrong read costs little.
Without any name, an address that starts with a known given name (from the
census tables and the nickname groups) is read as that name and, when at
least three letters follow, the surname (``joemanning93``). Other addresses
without a known part or separator are left alone.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from rapidfuzz.distance import DamerauLevenshtein

from ._census_names import known_given_names
from ._names import nickname_keys
from ._text import map_unique

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
    present are never changed, except that an initial may be completed to a
    name it starts (``Ann M.`` with ``ann.moss@``).
    """
    first_v = first.to_numpy(dtype=object).copy()
    last_v = last.to_numpy(dtype=object).copy()
    mail = email.to_numpy(dtype=object)
    short_first = _is_initial(first_v)
    short_last = _is_initial(last_v)
    need = np.flatnonzero(
        pd.notna(mail) & (pd.isna(first_v) | pd.isna(last_v) | short_first | short_last)
    )
    first_read = np.zeros(len(first_v), dtype=bool)
    last_read = np.zeros(len(first_v), dtype=bool)
    for i in need:
        f = first_v[i] if isinstance(first_v[i], str) and not short_first[i] else None
        la = last_v[i] if isinstance(last_v[i], str) and not short_last[i] else None
        got = _read(str(mail[i]), f, la)
        if got is None:
            continue
        new_first, new_last = got
        if f is None and _completes(first_v[i], new_first):
            first_v[i], first_read[i] = new_first, True
        if la is None and _completes(last_v[i], new_last):
            last_v[i], last_read[i] = new_last, True
    return (
        pd.Series(first_v, index=first.index, dtype=object),
        pd.Series(last_v, index=last.index, dtype=object),
        first_read,
        last_read,
    )


def _completes(present: object, read: str | None) -> bool:
    """Whether ``read`` fills a missing part or completes an initial (``Ann M.`` with
    ``ann.moss@``); an initial is never replaced by another name, nor by itself."""
    if not read or read == present:
        return False
    return not isinstance(present, str) or read.startswith(present)


def _is_initial(values: np.ndarray) -> np.ndarray:
    """True where a name part is a single letter (``Ann M.``)."""
    single = map_unique(pd.Series(values, dtype=object), lambda v: len(v) == 1, missing=False)
    return single.to_numpy(dtype=bool)


def _read(email: str, first: str | None, last: str | None) -> tuple[str | None, str | None] | None:
    """The (first, last) the address spells beside the known part; None when unclear."""
    local = email.split("@", 1)[0].split("+", 1)[0].lower()
    words = [w for w in _SEPARATORS.split(re.sub(r"\d+", "", local)) if w]
    if not all(_WORD.fullmatch(w) for w in words) or not words:
        return None
    known = first or last
    if known is None:
        if len(words) == 2:
            return words[0], words[1]
        return _given_then_surname(words[0]) if len(words) == 1 else None
    known = known.replace(" ", "").replace("-", "")
    # Jack writes johnhayes@: a given name may appear as its formal spelling.
    spellings = [known, *sorted(nickname_keys(first) - {known})] if first else [known]
    other: str | None = None
    if len(words) == 2:
        for spelling in spellings:
            if spelling in words:
                other = words[1] if words[0] == spelling else words[0]
                break
    elif len(words) == 1:
        (word,) = words
        other = _beside(word, spellings)
        if other is None and first and word.startswith(first[0]) and len(word) > _MIN_WHOLE:
            other = word[1:]  # jsmith: the first name's initial, then the surname
        elif other is None and last and _initial_then(word, known):
            other = word[0]  # mlockbrook beside Lockbro0k: an initial, the surname misspelt
        elif other is None and last and len(word) >= _MIN_WHOLE and not _holds(word, known):
            other = word  # gary567 with surname Mackinnon: the given name alone
    if other is None or other == known:
        return None
    if len(other) < _MIN_LENGTH:
        # dfreund beside the surname Freund: the given name's initial, nothing more.
        return (other, None) if not first and len(known) >= _MIN_WHOLE else None
    return (None, other) if first else (other, None)


def _given_then_surname(word: str) -> tuple[str, str | None] | None:
    """``joemanning`` as (joe, manning), ``julie`` as (julie, None): the longest known
    given name the word starts with, and what follows when that is a word too."""
    names = known_given_names()
    for cut in range(len(word), _MIN_WHOLE - 1, -1):
        rest = word[cut:]
        if word[:cut] in names and (not rest or len(rest) >= _MIN_WHOLE):
            return word[:cut], rest or None
    return None


def _initial_then(word: str, surname: str) -> bool:
    """Whether ``word`` is one letter, then ``surname`` within one edit (mlockbrook, Lockbro0k)."""
    return len(surname) >= _MIN_WHOLE and DamerauLevenshtein.distance(word[1:], surname) <= 1


def _holds(word: str, surname: str) -> bool:
    """Whether ``word`` contains all but at most two letters of ``surname`` in one run:
    then it spells the surname, not a given name alone."""
    run = max(_MIN_WHOLE + 1, len(surname) - 2)
    return any(surname[k : k + run] in word for k in range(len(surname) - run + 1))


def _beside(word: str, spellings: list[str]) -> str | None:
    """What ``word`` holds before or after the first spelling it starts or ends with."""
    for spelling in spellings:
        if word.startswith(spelling):
            return word[len(spelling) :]
        if word.endswith(spelling):
            return word[: -len(spelling)]
    return None
