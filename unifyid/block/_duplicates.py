"""Exact duplicates: records whose standardised identity fields are all equal.

A customer with 300 support tickets under the same name, email and phone is
300 copies of one identity. Blocking them as 300 records makes every block
they share 300 records larger, which pushes it over the size cap (and their
values over the hub limit) although they hold one person. Instead each group
of identical records is blocked once, through its first record (the
*representative*), and every other copy is paired with that representative
only: a star of ``k - 1`` pairs instead of ``k (k - 1) / 2``. The copies are
still scored like any pair, so they keep their own edge and explanation, and
golden records still see every record.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .._arrays import column_codes

__all__ = ["DUPLICATE_RULE", "NOT_IDENTITY", "duplicate_star", "representatives"]

#: The ``result.blocking`` row of the pairs joining copies to their representative.
DUPLICATE_RULE = "(exact duplicates)"

#: Columns that say where a record comes from or when, not who it is.
NOT_IDENTITY = frozenset({"source", "record_id", "timestamp"})

#: Derived blocking keys and the column each is computed from: they add nothing
#: to the comparison when that column is present.
_DERIVED = {
    "first_key": "first_name",
    "first_phonetic": "first_name",
    "first_initial": "first_name",
    "first_variants": "first_name",
    "last_phonetic": "last_name",
    "last_variants": "last_name",
    "name_pair": "last_name",
    "email_local": "email",
}


def representatives(
    frame: pd.DataFrame, cache: Mapping[str, np.ndarray] | None = None
) -> np.ndarray:
    """For each row, the first row with the same value in every identity column.

    A row is its own representative unless an earlier row is identical to it
    on every column but ``NOT_IDENTITY`` (missing values compare equal). Key
    columns derived from another column present are skipped. ``cache`` holds
    already computed ``pd.factorize`` codes of some columns.
    """
    n = len(frame)
    columns = [
        c
        for c in frame.columns
        if c not in NOT_IDENTITY and not (c in _DERIVED and _DERIVED[c] in frame.columns)
    ]
    if n == 0 or not columns:
        return np.arange(n, dtype=np.int64)
    # Missing values are a value here (code -1 -> its own code), unlike in blocking.
    group = np.zeros(n, dtype=np.int64)
    bound = 1
    for c in columns:
        codes = _codes(frame[c], cache)
        width = int(codes.max(initial=-1)) + 2
        if bound * width >= 2**62:  # re-number only when the running code would overflow
            group = pd.factorize(group, sort=False)[0].astype(np.int64)
            bound = int(group.max(initial=0)) + 1
        group = group * width + (codes + 1)
        bound *= width
    group = pd.factorize(group, sort=False)[0].astype(np.int64)
    first = np.full(int(group.max()) + 1, n, dtype=np.int64)
    np.minimum.at(first, group, np.arange(n, dtype=np.int64))
    return first[group]


def duplicate_star(rep: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs ``(representative, copy)`` for every row that is a copy (``i < j``)."""
    copies = np.flatnonzero(rep != np.arange(len(rep)))
    return rep[copies].astype(np.int64), copies.astype(np.int64)


def _codes(column: pd.Series, cache: Mapping[str, np.ndarray] | None) -> np.ndarray:
    if cache is not None and column.name in cache:
        return cache[str(column.name)]
    if column.dtype == bool:
        return column.to_numpy().astype(np.int64)
    try:
        return column_codes(column)
    except TypeError:  # key lists (unhashable): compare them as tuples
        values = column.to_numpy(dtype=object)
        as_tuples = np.empty(len(values), dtype=object)
        for k, v in enumerate(values):
            as_tuples[k] = tuple(v) if isinstance(v, (list, np.ndarray)) else v
        return pd.factorize(as_tuples, sort=False)[0].astype(np.int64)
