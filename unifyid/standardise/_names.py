"""Person names: folding, splitting full names, and nickname groups.

Decisions, all chosen so that the same person written differently on two
channels gives the same strings:

* names are folded with :func:`~unifyid.standardise.fold_text` (lower-case
  ASCII for Latin script);
* honorifics and suffixes (mr, mrs, ms, miss, mx, dr, prof, rev, sir, dame,
  jr, sr, ii, iii, iv, phd, md, esq) are removed wherever they stand;
* apostrophes are removed inside a name (O'Brien -> obrien, also when typed
  "O' Brien");
* a hyphen becomes a space (Smith-Jones -> "smith jones"), so the hyphenated
  and the spaced spelling agree; :func:`split_full_name` still treats a
  hyphenated name as one name before replacing the hyphen;
* in a full name the first token is the first name and the last token, with
  any surname particles before it (van, von, de, der, da, di, le, la, del,
  ...), is the last name; middle names are dropped because other channels
  rarely record them. "Lee, Ann" (comma form) is last name first;
* a single name ("Lee") is taken as a last name, the more informative field;
* initials are kept as one letter ("Ann L." -> last name "l") so matchers can
  compare initials.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from ._nicknames import NICKNAME_GROUPS, PREFERRED
from ._text import as_text, fold_str, map_unique, unique_results

__all__ = ["nickname_key", "nickname_keys", "person_name", "split_full_name"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TITLES = _words(
    "mr mrs ms miss mx mister dr prof rev fr sir dame jr jnr sr snr ii iii iv phd md esq"
)
_PARTICLES = _words(
    "van von de der den da di du del della dei des dos das do le la lo st ste ten ter "
    "bin ibn bint al el"
)
_SURNAME_TITLES = frozenset({"dame", "sir", "miss"})
_APOSTROPHE_GAP = re.compile(r"'\s+")


def _tokens(text: str | None) -> list[str]:
    """Name tokens of raw text: folded, titles removed, hyphens kept inside tokens.

    A value that is nothing but a title that is also a surname (Dame, Sir,
    Miss) keeps it; a bare "Mr" or "Dr" stays empty.
    """
    if text is None:
        return []
    if text.isascii() and text.replace(" ", "").isalpha():
        # Plain ASCII words, as most names are: folding only lower-cases them
        # and there are no hyphens or apostrophes to handle (_folded_tokens
        # gives the same tokens; the tests check it).
        words = text.lower().split()
        kept = [t for t in words if t not in _TITLES]
        return kept or [t for t in words if t in _SURNAME_TITLES]
    return _folded_tokens(text)


def _folded_tokens(text: str) -> list[str]:
    """:func:`_tokens` of any text, through :func:`fold_str`."""
    folded = fold_str(text)
    if folded is None:
        return []
    if "'" in folded:
        folded = _APOSTROPHE_GAP.sub("'", folded).replace("'", "")
    tokens = [t for t in (raw.strip("-") for raw in folded.split()) if t]
    # A title joined by a hyphen ("Smith-Jr") is still a title once hyphens become spaces.
    kept = [
        t
        for t in ("-".join(p for p in raw.split("-") if p and p not in _TITLES) for raw in tokens)
        if t
    ]
    return kept or [t for t in tokens if t in _SURNAME_TITLES]


def _join(tokens: list[str]) -> str | None:
    return " ".join(tokens).replace("-", " ") or None


def person_name_str(value: Any) -> str | None:
    """Standardised form of one name value (see :func:`person_name`).

    Examples
    --------
    >>> person_name_str("Dr. Mary-Jane O'Brien, Jr.")
    'mary jane obrien'
    """
    return _join(_tokens(as_text(value)))


def person_name(s: pd.Series) -> pd.Series:
    """Standardise first, last or full names.

    Parameters
    ----------
    s : pandas.Series
        Raw names.

    Returns
    -------
    pandas.Series
        Object dtype of lower-case str (ASCII for Latin script) or None, same
        index. Honorifics and suffixes are removed, apostrophes dropped,
        hyphens replaced by spaces (see module notes).

    Examples
    --------
    >>> person_name(pd.Series(["  JOSÉ ", "Mrs. Smith-Jones", "O'Neil", "Jr.", None])).tolist()
    ['jose', 'smith jones', 'oneil', None, None]
    """
    return map_unique(s, person_name_str)


def _split_str(value: Any) -> tuple[str | None, str | None]:
    text = as_text(value)
    if text is None:
        return (None, None)
    if "," in text:
        left, _, right = text.partition(",")
        last, first = _tokens(left), _tokens(right)
        if last and first:
            return (_join(first[:1]), _join(last))
        tokens = last or first  # "Ann Lee, Jr." or ", Ann"
    else:
        tokens = _tokens(text)
    if not tokens:
        return (None, None)
    if len(tokens) == 1:
        return (None, _join(tokens))
    start = len(tokens) - 1
    while start > 1 and tokens[start - 1] in _PARTICLES:
        start -= 1
    return (_join(tokens[:1]), _join(tokens[start:]))


def split_full_name(s: pd.Series) -> pd.DataFrame:
    """Split full names into standardised first and last names.

    Parameters
    ----------
    s : pandas.Series
        Raw full names: "Ann Lee", "Lee, Ann", "Dr. Ann Marie Lee",
        "Jan van der Berg", "van der Berg, Jan", "Lee".

    Returns
    -------
    pandas.DataFrame
        Columns ``first_name`` and ``last_name`` (object dtype, str or None),
        same index as ``s``. Middle names are dropped; a single name is a last
        name; surname particles stay with the last name (see module notes).

    Examples
    --------
    >>> raw = pd.Series(["Dr. Ann Marie Lee", "van der Berg, Jan", "Jan van der Berg", "Lee", None])
    >>> split_full_name(raw).values.tolist()
    [['ann', 'lee'], ['jan', 'van der berg'], ['jan', 'van der berg'], [None, 'lee'], [None, None]]
    """
    if not isinstance(s, pd.Series):
        s = pd.Series(s, dtype=object)
    codes, pairs = unique_results(s, _split_str, missing=(None, None))
    # Split the pairs of the distinct values, then take each part by code.
    first = np.array([p[0] for p in pairs], dtype=object)
    last = np.array([p[1] for p in pairs], dtype=object)
    return pd.DataFrame(
        {
            "first_name": pd.Series(first[codes], index=s.index, dtype=object),
            "last_name": pd.Series(last[codes], index=s.index, dtype=object),
        }
    )


def _build_index() -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    groups: dict[str, list[str]] = {}
    for line in NICKNAME_GROUPS.strip().splitlines():
        key, _, members = line.partition(":")
        groups.setdefault(key.strip(), []).extend(members.split())
    memberships: dict[str, list[str]] = {}
    for key, members in groups.items():
        for name in (key, *members):
            memberships.setdefault(name, []).append(key)
    primary: dict[str, str] = {}
    for name, keys in memberships.items():
        if name in groups:
            primary[name] = name
        else:
            primary[name] = PREFERRED.get(name, keys[0])
    all_keys = {name: frozenset(keys) for name, keys in memberships.items()}
    return primary, all_keys


_PRIMARY, _ALL_KEYS = _build_index()

#: Names that belong to several nickname groups (ted: edward and theodore).
SEVERAL_GROUPS: frozenset[str] = frozenset(n for n, keys in _ALL_KEYS.items() if len(keys) > 1)


def _nickname_key_str(value: Any) -> str | None:
    name = person_name_str(value)
    if name is None:
        return None
    name = without_middle_initial(name)
    if name in _PRIMARY:
        return _PRIMARY[name]
    # Written in parts ("E Ve", "Young Bae"): key as the name written whole,
    # unless the parts run together are no name ("M D" reads as a title).
    joined = name.replace(" ", "")
    if joined in _PRIMARY:
        return _PRIMARY[joined]
    return joined if person_name_str(joined) == joined else None


def without_middle_initial(name: str) -> str:
    """A standardised first name without a trailing middle initial ("robert j" -> "robert")."""
    head, _, tail = name.rpartition(" ")
    return head if head and len(tail) == 1 else name


def nickname_key(first_names: pd.Series) -> pd.Series:
    """Map first names to the canonical name of their nickname group.

    bob, bobby, rob, robbie and robert all give "robert"; liz, beth, betty,
    eliza and elizabeth give "elizabeth". A diminutive shared by several
    groups (alex, sam, chris, pat, terry, jo) gets one deterministic key; use
    :func:`nickname_keys` for all of them. A name that is also a given name
    in its own right (lisa, liam, nancy, sandra) keys to itself. Names not in
    the table map to themselves, run together: a given name written in
    parts (Young-Bae, Young Bae) keys as it does written whole (Youngbae).
    A trailing middle initial is left out (Robert J. keys as Robert).

    Parameters
    ----------
    first_names : pandas.Series
        First names, raw or standardised (they are standardised again with
        :func:`person_name`, which is idempotent).

    Returns
    -------
    pandas.Series
        Object dtype of str or None, same index.

    Examples
    --------
    >>> nickname_key(pd.Series(["Bob", "robert", "Betty", "lisa", "Zephyr", None])).tolist()
    ['robert', 'robert', 'elizabeth', 'lisa', 'zephyr', None]
    >>> nickname_key(pd.Series(["Young-Bae", "Young Bae", "Youngbae"])).tolist()
    ['youngbae', 'youngbae', 'youngbae']
    """
    return map_unique(first_names, _nickname_key_str)


def nickname_keys(name: Any) -> frozenset[str]:
    """All nickname-group keys of one first name.

    Parameters
    ----------
    name : str
        A first name, raw or standardised.

    Returns
    -------
    frozenset of str
        Every group the name belongs to (as canonical or diminutive); the
        name itself, run together, for names not in the table; empty for
        missing values.

    Examples
    --------
    >>> sorted(nickname_keys("Alex"))
    ['alexander', 'alexandra']
    >>> sorted(nickname_keys("lisa")), sorted(nickname_keys("Zephyr"))
    (['elizabeth', 'lisa'], ['zephyr'])
    """
    standard = person_name_str(name)
    if standard is None:
        return frozenset()
    standard = without_middle_initial(standard)
    if standard in _ALL_KEYS:
        return _ALL_KEYS[standard]
    joined = standard.replace(" ", "")
    return _ALL_KEYS.get(joined, frozenset({joined}))


def _build_members() -> dict[str, frozenset[str]]:
    members: dict[str, set[str]] = {}
    for name, keys in _ALL_KEYS.items():
        for key in keys:
            members.setdefault(key, set()).add(name)
    return {key: frozenset(names) for key, names in members.items()}


_MEMBERS = _build_members()


def nickname_relatives(name: str) -> frozenset[str]:
    """Every name sharing a nickname group with a standardised first name (itself included)."""
    out: set[str] = {name}
    for key in _ALL_KEYS.get(name, ()):
        out |= _MEMBERS[key]
    return frozenset(out)
