"""Find identifier values that are not personal, from the data itself.

An email, phone or device id normally belongs to one customer. Some are used
by several: a family email, a household landline, a shared tablet (a few
people), or a store's default phone and a kiosk device (many strangers). We
estimate how many different people use each value by comparing the records
that carry it: two of them are different people when their first names are
clearly different (not a nickname, initial, typo or the two names swapped)
and their birth dates do not agree. The people are the groups of records that
could all be one person (records joined when they are not clearly different),
so a customer's many typos or a name written surname first do not count as
more people:

* ``shared``: two different first names — the value still links, at a
  separate, weaker comparison level whose weight the model learns;
* ``hub``: three or more different people, or more distinct identities
  (first name and birth date) than any one customer plausibly has — the value
  is blanked for matching and blocking, so it can never chain strangers
  together.

A hub is a value shared by many *people*, not many records: 300 support
tickets of one customer under one email and name are one identity, so their
email stays personal, while a store's default phone on the records of
hundreds of strangers carries hundreds of first names and is a hub. Records
with neither a first name nor a birth date are told apart by their surname
and personal identifiers instead.

Explicit ``blocklist`` values are always hubs; ``allowlist`` values never are.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import numpy as np
import pandas as pd

from .._arrays import column_codes
from .._types import type_names
from ..block import pairs_within_groups
from ..block._pairs import combine_codes
from ..graph._components import components
from ..matchers._levels import shared_column
from ..matchers._name import names_nested
from ..matchers._similarity import jaro_winkler, map_distinct_values

__all__ = ["HUB_COLUMNS", "flag_shared_values", "people_columns"]

HUB_COLUMNS = ("value", "column", "kind", "n_records", "n_people")


def flag_shared_values(
    frame: pd.DataFrame,
    *,
    hub_people: int = 3,
    hub_records: int = 50,
    blocklist: Mapping[str, Collection[str]] | None = None,
    allowlist: Mapping[str, Collection[str]] | None = None,
) -> pd.DataFrame:
    """Blank hub values and add ``<column>__shared`` flags, in place; return the report.

    Returns
    -------
    pandas.DataFrame
        One row per non-personal value: ``column``, ``value``, ``kind`` (``hub``
        or ``shared``), ``n_records`` carrying it, ``n_people`` estimated.
    """
    reports = []
    identity = _identity_codes(frame)
    # Registered identifier types too, plain ones first (see ``unifyid._types``).
    plain = type_names(kind="identifier", encoding="plain")
    for col in (*plain, *type_names(kind="identifier", encoding="digest")):
        if col not in frame.columns:
            continue
        values = frame[col]
        flag = np.zeros(len(frame), dtype=bool)
        if values.notna().sum() == 0:
            frame[shared_column(col)] = flag
            continue
        codes, uniques = pd.factorize(values, sort=False)
        n_records = np.bincount(codes[codes >= 0], minlength=len(uniques))
        first_rows = _first_of_each_identity(codes, identity)
        n_identities = np.bincount(codes[first_rows], minlength=len(uniques))
        one_each = np.full(len(codes), -1, dtype=np.int64)
        one_each[first_rows] = codes[first_rows]
        n_people = _people_per_value(frame, one_each, len(uniques), hub_records)
        hub = (n_people >= hub_people) | (n_identities > hub_records)
        shared = (n_people == 2) & ~hub
        blocked = set((blocklist or {}).get(col, ()))
        allowed = set((allowlist or {}).get(col, ()))
        if blocked or allowed:
            names = pd.Index(uniques)
            hub |= names.isin(list(blocked))
            keep = names.isin(list(allowed))
            hub &= ~keep
            shared &= ~keep
        if hub.any() or shared.any():
            kind = np.where(hub, "hub", "shared")
            sel = hub | shared
            reports.append(
                pd.DataFrame(
                    {
                        "value": np.asarray(uniques, dtype=object)[sel],
                        "column": col,
                        "kind": kind[sel],
                        "n_records": n_records[sel],
                        "n_people": n_people[sel],
                    }
                )
            )
        row_hub = (codes >= 0) & hub[np.maximum(codes, 0)]
        flag = (codes >= 0) & shared[np.maximum(codes, 0)]
        frame[col] = values.where(~row_hub, None)
        frame[shared_column(col)] = flag
    if not reports:
        return pd.DataFrame(columns=list(HUB_COLUMNS))
    report = pd.concat(reports, ignore_index=True)[list(HUB_COLUMNS)]
    return report.sort_values(
        ["column", "n_records", "value"], ascending=[True, False, True], ignore_index=True
    )


def _identity_codes(frame: pd.DataFrame) -> np.ndarray:
    """One code per record for who it could be: its first name key and birth date.

    A record with neither is told apart by its surname and personal
    identifiers instead (not device ids, which change by session), so a kiosk
    device on a thousand name-less accounts with different emails still shows
    a thousand identities. Missing parts count as a value.
    """
    first, dob = (_ENCODED_FIRST, "dob_hmac") if _encoded(frame) else ("first_key", "dob")
    named = _combined(frame, (first, dob))
    if named is None:
        return np.zeros(len(frame), dtype=np.int64)
    has_name = np.zeros(len(frame), dtype=bool)
    for c in (first, dob):
        if c in frame.columns:
            has_name |= frame[c].notna().to_numpy()
    if has_name.all():
        return named
    rows = np.flatnonzero(~has_name)
    columns = _apart_columns(encoded=_encoded(frame))
    other = _combined(frame.iloc[rows][[c for c in columns if c in frame.columns]], columns)
    if other is None:
        return named
    named[rows] = int(named.max(initial=0)) + 1 + other
    return named


#: Identifiers that change by session (a cookie, an advertising id): they do not
#: tell a nameless record's owner from another.
_SESSION_IDENTIFIERS = ("device_id", "device_id_hmac")


def _apart_columns(*, encoded: bool) -> tuple[str, ...]:
    """Columns telling records without a first name or birth date apart: the surname
    and the personal identifiers (every registered identifier type but device ids)."""
    ids = type_names(kind="identifier", encoding="digest" if encoded else "plain")
    last = "last_name_clk" if encoded else "last_name"
    return (last, *(c for c in ids if c not in _SESSION_IDENTIFIERS))


def people_columns() -> tuple[str, ...]:
    """Record columns ``flag_shared_values`` reads besides the identifier it judges."""
    return ("first_key", "dob", "first_name", "first_phonetic", *_apart_columns(encoded=False))


def _combined(frame: pd.DataFrame, columns: tuple[str, ...]) -> np.ndarray | None:
    """One code per record for its values of ``columns`` (missing is a value); None if absent."""
    parts = [column_codes(frame[c]) for c in columns if c in frame.columns]
    if not parts:
        return None
    return combine_codes(*(np.where(p < 0, p.max(initial=-1) + 1, p) for p in parts))


def _first_of_each_identity(codes: np.ndarray, identity: np.ndarray) -> np.ndarray:
    """Rows carrying a value (``codes >= 0``), one per distinct (value, identity)."""
    rows = np.flatnonzero(codes >= 0)
    key = codes[rows] * (int(identity.max(initial=0)) + 1) + identity[rows]
    _, first = np.unique(key, return_index=True)
    return rows[np.sort(first)]


def _people_per_value(
    frame: pd.DataFrame, codes: np.ndarray, n_values: int, cap: int
) -> np.ndarray:
    """Estimated number of different people per value (at least 1).

    ``codes`` marks one record per distinct identity of each value (others
    ``-1``), so the pairs examined grow with the people, not with the records.
    Two identities are one person unless their first names clearly differ and
    their birth dates do not agree; the people are the groups that this joins
    (connected components), so a customer's typos ("Melissa", "Meilssa") and a
    name written surname first join that customer instead of each counting as
    another person.
    """
    people = np.ones(n_values, dtype=np.int64)
    encoded = _encoded(frame)
    first_col, dob_col = (_ENCODED_FIRST, "dob_hmac") if encoded else ("first_key", "dob")
    if first_col not in frame.columns:
        return people
    first = frame[first_col].to_numpy(dtype=object)
    named = np.flatnonzero((codes >= 0) & pd.notna(first))
    i, j, _ = pairs_within_groups(np.where(pd.notna(first), codes, -1), max_size=cap)
    if len(i) == 0:
        return people
    differ = _names_differ(frame, first, i, j, encoded)
    if dob_col in frame.columns:
        dob = frame[dob_col].to_numpy(dtype=object)
        differ &= ~((dob[i] == dob[j]) & pd.notna(dob[i]))
    if not differ.any():
        return people
    # People: identities joined by "could be one person"; counted per value
    # that has at least one clear difference (the others stay at one).
    conflicted = np.zeros(n_values, dtype=bool)
    conflicted[codes[i[differ]]] = True
    same = ~differ
    label = components(len(codes), i[same], j[same])
    rows = named[conflicted[codes[named]]]
    groups = pd.DataFrame({"code": codes[rows], "person": label[rows]}).drop_duplicates()
    counts = groups.groupby("code").size()
    people[counts.index.to_numpy()] = counts.to_numpy()
    return people


def _names_differ(
    frame: pd.DataFrame, first: np.ndarray, i: np.ndarray, j: np.ndarray, encoded: bool
) -> np.ndarray:
    """Whether the first names of records ``i`` and ``j`` clearly belong to two people.

    Not when one is an initial, a typo or a nickname of the other, when one is
    the other with a second given name (Son / Van Son Minh), or when the two
    records hold the same two names in swapped places (a name written surname
    first).
    """
    if encoded:
        return _encoded_names_differ(frame, i, j)
    differ = jaro_winkler(first[i], first[j]) < 0.8
    differ &= (map_distinct_values(first[i], len) > 1) & (map_distinct_values(first[j], len) > 1)
    if "first_name" not in frame.columns:
        return differ
    given = frame["first_name"].to_numpy(dtype=object)
    rows = np.flatnonzero(differ & pd.notna(given[i]) & pd.notna(given[j]))
    differ[rows] = ~names_nested(given[i[rows]], given[j[rows]])
    if "last_name" in frame.columns:
        last = frame["last_name"].to_numpy(dtype=object)
        rows = np.flatnonzero(differ)
        a, b = i[rows], j[rows]
        swapped = (given[a] == last[b]) & (last[a] == given[b]) & pd.notna(last[a])
        differ[rows[swapped]] = False
    return differ


#: In encoded data (see ``unifyid.encode``), the first name's CLK stands for it.
_ENCODED_FIRST = "first_name_clk"
#: A CLK with at most this many bits set encodes a single letter (two bigrams).
_INITIAL_BITS = 40


def _encoded(frame: pd.DataFrame) -> bool:
    return _ENCODED_FIRST in frame.columns


def _encoded_names_differ(frame: pd.DataFrame, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Clearly different encoded first names: another nickname group, Dice below 0.6,
    and neither one an initial."""
    from ..encode._bloom import decode_clks, dice

    clk = frame[_ENCODED_FIRST].to_numpy(dtype=object)
    differ = dice(clk[i], clk[j]) < 0.6
    if "first_key_hmac" in frame.columns:
        group = frame["first_key_hmac"].to_numpy(dtype=object)
        differ &= ~((group[i] == group[j]) & pd.notna(group[i]))
    codes, uniques = pd.factorize(np.concatenate([clk[i], clk[j]]), sort=False)
    bits = np.bitwise_count(decode_clks(uniques)).sum(axis=1) if len(uniques) else np.zeros(0)
    longer = bits[codes] > _INITIAL_BITS
    return differ & longer[: len(i)] & longer[len(i) :]
