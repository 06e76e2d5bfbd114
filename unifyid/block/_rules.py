"""Blocking rules: which standardised columns must agree for a pair to be compared."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._errors import ConfigError
from ._pairs import (
    combine_codes,
    in_big_groups,
    neighbour_pairs,
    pairs_within_groups,
    union_pairs,
)

#: Second keys that order an over-large block for its sorted neighbourhood.
NEIGHBOUR_KEYS: tuple[str, ...] = ("dob", "postcode", "phone", "email")
NEIGHBOUR_WINDOW = 4

__all__ = ["DEFAULT_RULES", "BlockingRule", "BlockingStats", "candidate_pairs"]


@dataclass(frozen=True)
class BlockingRule:
    """Records that agree exactly on all ``columns`` become candidate pairs.

    One of the columns may hold several keys per record (a tuple or list):
    records then pair when they share any of them. The default rules use this
    for the spellings of a name with one letter left out (``first_variants``,
    ``last_variants``), which two spellings one typo apart always share.

    Examples
    --------
    >>> BlockingRule(("last_name", "postcode"))
    BlockingRule(columns=('last_name', 'postcode'))
    """

    columns: tuple[str, ...]

    def __post_init__(self) -> None:
        cols = self.columns
        if isinstance(cols, str) or not cols or not all(isinstance(c, str) for c in cols):
            raise ConfigError(
                f"BlockingRule: columns must be a non-empty tuple of column names, got {cols!r}."
            )
        object.__setattr__(self, "columns", tuple(cols))

    @property
    def name(self) -> str:
        return "+".join(self.columns)


#: Default rules: exact identifiers, then name, date and address combinations
#: that survive typos in any single field.
DEFAULT_RULES: tuple[BlockingRule, ...] = tuple(
    BlockingRule(c)
    for c in (
        ("email",),
        ("phone",),
        ("device_id",),
        ("loyalty_id",),
        ("customer_id",),
        ("email_local",),
        ("first_key", "last_name"),
        ("name_pair",),
        ("first_phonetic", "last_phonetic"),
        ("last_phonetic", "dob"),
        ("first_key", "dob"),
        ("last_name", "postcode"),
        ("first_key", "postcode"),
        ("street", "postcode"),
        ("dob", "postcode"),
        ("first_initial", "last_phonetic", "city"),
        ("first_key", "street"),
        ("last_name", "first_variants"),
        ("first_key", "last_variants"),
    )
)


@dataclass(frozen=True)
class BlockingStats:
    """How many pairs each rule produced and how many records sat in capped blocks."""

    per_rule: pd.DataFrame
    n_pairs: int
    #: Per rule, its columns and the sorted keys ``i * n + j`` of its own pairs.
    rule_keys: list[tuple[tuple[str, ...], np.ndarray]]


def candidate_pairs(
    frame: pd.DataFrame,
    rules: Sequence[BlockingRule],
    *,
    max_block_size: int,
    only: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, BlockingStats]:
    """Union of the pairs of every rule, as sorted row-number arrays ``(i, j)``, ``i < j``.

    Blocks over ``max_block_size`` are not paired exhaustively but by sorted
    neighbourhood on each of ``NEIGHBOUR_KEYS`` (see ``neighbour_pairs``).
    ``only`` (a boolean mask of rows) keeps the pairs with at least one such
    row, for adding new records to an earlier run: blocks without one are
    never paired.
    """
    parts, rows, rule_keys = [], [], []
    sort_keys = {
        c: pd.factorize(frame[c], sort=True)[0] for c in NEIGHBOUR_KEYS if c in frame.columns
    }
    column_codes: dict[str, np.ndarray] = {}
    for rule in rules:
        absent = [c for c in rule.columns if c not in frame.columns]
        if absent:
            raise ConfigError(
                f"blocking rule {rule.name!r} uses unknown column(s) {absent}; "
                f"available: {sorted(frame.columns)}."
            )
        record, codes = _rule_codes(frame, rule.columns, column_codes)
        at = record if record is not None else slice(None)
        if only is not None:
            touched = np.zeros(int(codes.max()) + 2, dtype=bool)
            touched[codes[only[at] & (codes >= 0)]] = True
            codes = np.where((codes >= 0) & touched[codes], codes, -1)
        i, j, skipped = pairs_within_groups(codes, max_size=max_block_size)
        parts_of_rule = [(i, j)]
        if skipped:
            parts_of_rule += [
                neighbour_pairs(codes, key[at], min_size=max_block_size, window=NEIGHBOUR_WINDOW)
                for c, key in sort_keys.items()
                if c not in rule.columns
            ]
        if record is not None:
            parts_of_rule = [_to_records(a, b, record) for a, b in parts_of_rule]
            big = record[in_big_groups(codes, max_block_size)]
            skipped = int(np.count_nonzero(np.bincount(big, minlength=len(frame))))
        if only is not None:
            parts_of_rule = [(a, b) for a, b in parts_of_rule if len(a)]
            parts_of_rule = [(a[only[a] | only[b]], b[only[a] | only[b]]) for a, b in parts_of_rule]
        if len(parts_of_rule) > 1 or record is not None:
            i, j = union_pairs(parts_of_rule, len(frame))
        elif parts_of_rule:
            i, j = parts_of_rule[0]
        else:
            i = j = np.zeros(0, dtype=np.int64)
        parts.append((i, j))
        rule_keys.append((rule.columns, np.sort(i * len(frame) + j)))
        rows.append({"rule": rule.name, "pairs": len(i), "records_in_capped_blocks": skipped})
    left, right = union_pairs(parts, len(frame))
    stats = BlockingStats(per_rule=pd.DataFrame(rows), n_pairs=len(left), rule_keys=rule_keys)
    return left, right, stats


def _rule_codes(
    frame: pd.DataFrame, columns: Sequence[str], cache: dict[str, np.ndarray]
) -> tuple[np.ndarray | None, np.ndarray]:
    """Group codes of a rule's keys, and for a multi-valued key the record of each key row.

    One key column of a rule may hold several keys per record (tuples or lists,
    such as the spellings one letter away from a name); such a record then
    stands in every block of its keys. ``record`` is ``None`` when each record
    has one key row. ``cache`` keeps each single-valued column's codes, which
    several rules share.
    """
    values = {c: frame[c].to_numpy(dtype=object) for c in columns}
    multi = [c for c, v in values.items() if _holds_key_lists(v)]
    if len(multi) > 1:
        raise ConfigError(
            f"blocking rule {'+'.join(columns)!r}: at most one column may hold several "
            f"keys per record, got {multi}."
        )
    for c in columns:
        if c not in multi and c not in cache:
            cache[c] = pd.factorize(values[c], sort=False)[0].astype(np.int64)
    single = [cache[c] for c in columns if c not in multi]
    if not multi:
        return None, combine_codes(*single)
    record, element = _explode(values[multi[0]])
    if not single:
        return record, element
    other = combine_codes(*single)[record]
    ok = other >= 0
    codes = np.full(len(record), -1, dtype=np.int64)
    width = int(element.max(initial=-1)) + 1
    codes[ok] = pd.factorize(other[ok] * width + element[ok], sort=False)[0]
    return record, codes


def _explode(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One row per (record, key) of a column of key tuples: the records and the key codes.

    Works on the distinct tuples, so the Python work grows with the number of
    distinct values, not of records.
    """
    try:
        codes, uniques = pd.factorize(values, sort=False)
    except TypeError:  # lists or arrays, not tuples
        codes, uniques = pd.factorize(_as_tuples(values), sort=False)
    lengths = np.array([len(t) for t in uniques], dtype=np.int64)
    flat = np.array([k for t in uniques for k in t], dtype=object)
    key_codes = pd.factorize(flat, sort=False)[0].astype(np.int64)
    first = np.cumsum(lengths) - lengths
    rows = np.flatnonzero(codes >= 0)
    per_row = lengths[codes[rows]]
    record = np.repeat(rows, per_row)
    within = np.arange(len(record)) - np.repeat(np.cumsum(per_row) - per_row, per_row)
    return record, key_codes[np.repeat(first[codes[rows]], per_row) + within]


def _holds_key_lists(values: np.ndarray) -> bool:
    """Whether a key column holds several keys per record (tuples, lists, arrays)."""
    for v in values:
        if v is not None and not (isinstance(v, float) and np.isnan(v)):
            return isinstance(v, (tuple, list, np.ndarray))
    return False


def _as_tuples(values: np.ndarray) -> np.ndarray:
    """Lists and arrays of keys (as read back from Parquet) as hashable tuples."""
    out = np.empty(len(values), dtype=object)
    for k, v in enumerate(values):
        out[k] = tuple(v) if isinstance(v, (list, np.ndarray)) else v
    return out


def _to_records(
    left: np.ndarray, right: np.ndarray, record: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of key rows as record pairs ``i < j`` (repeats left to ``union_pairs``)."""
    a, b = record[left], record[right]
    keep = a != b
    a, b = a[keep], b[keep]
    return np.minimum(a, b), np.maximum(a, b)
