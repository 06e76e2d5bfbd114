"""Blocking rules: which standardised columns must agree for a pair to be compared."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._arrays import column_codes
from .._errors import ConfigError
from .._types import type_names
from ._duplicates import DUPLICATE_RULE, duplicate_star, representatives
from ._pairs import (
    combine_codes,
    in_big_groups,
    node_pairs,
    pairs_within_groups,
    split_block_pairs,
)
from ._parallel import run_rules

#: Second keys that split an over-large block (sub-blocks, sorted neighbourhood).
#: Encoded data (see ``unifyid.encode``) has the digests of the same columns.
SECOND_KEYS: tuple[str, ...] = (
    "dob",
    "postcode",
    "phone",
    "email",
    "city",
    "dob_hmac",
    "postcode_hmac",
    "phone_hmac",
    "email_hmac",
    "city_clk",
)
NEIGHBOUR_WINDOW = 4

#: Columns of ``BlockingStats.per_rule``.
STATS_COLUMNS = (
    "rule",
    "pairs",
    "records_in_capped_blocks",
    "pairs_in_capped_blocks",
    "pairs_uncompared",
    "records_unpaired",
)

__all__ = [
    "DEFAULT_BLOCKING_RULES",
    "BlockingRule",
    "BlockingStats",
    "candidate_pairs",
    "default_blocking_rules",
]


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
#: that survive typos in any single field. No rule pairs records on phonetic
#: codes of both names alone: at 1M records of unseen data it added 0.9M
#: candidate pairs (11% of all) for no change in F1 on that data, on Febrl3,
#: Febrl4 or on the generator (within 0.0001); typos in one name are met by
#: the one-letter-out variants, and both names spelt otherwise by the rules
#: on identifiers, dates and places.
DEFAULT_BLOCKING_RULES: tuple[BlockingRule, ...] = tuple(
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


def default_blocking_rules() -> tuple[BlockingRule, ...]:
    """``DEFAULT_BLOCKING_RULES`` plus one rule per identifier type registered beyond
    the built-ins (see ``unifyid._types``), placed after the built-in identifiers.

    ``DEFAULT_BLOCKING_RULES`` itself keeps the built-in vocabulary, as the
    other lists computed at import do.
    """
    built_in = [r for r in DEFAULT_BLOCKING_RULES if len(r.columns) == 1]
    known = {r.columns[0] for r in built_in}
    added = [
        BlockingRule((t,))
        for t in type_names(kind="identifier", encoding="plain")
        if t not in known
    ]
    if not added:
        return DEFAULT_BLOCKING_RULES
    at = DEFAULT_BLOCKING_RULES.index(BlockingRule(("customer_id",))) + 1
    return (*DEFAULT_BLOCKING_RULES[:at], *added, *DEFAULT_BLOCKING_RULES[at:])


@dataclass(frozen=True)
class BlockingStats:
    """Pairs per rule, what the size cap left uncompared, and the exact-duplicate pairs.

    ``per_rule`` has one row per rule: ``pairs`` it produced,
    ``records_in_capped_blocks`` (records in blocks over the cap),
    ``pairs_in_capped_blocks`` (all pairs those blocks hold),
    ``pairs_uncompared`` (of those, the pairs neither sub-blocking nor the
    sorted neighbourhood reached) and ``records_unpaired`` (records of capped
    blocks that got no pair there: they carry none of the second keys). For a
    rule with a column of several keys per record, pairs are counted per
    shared key, so a pair sharing two capped keys counts twice. A last row,
    ``(exact duplicates)``, counts the pairs joining each copy of a record to
    its representative.
    """

    per_rule: pd.DataFrame
    n_pairs: int
    #: Per rule, its columns and the sorted keys ``i * n + j`` of its own pairs.
    rule_keys: list[tuple[tuple[str, ...], np.ndarray]]
    #: Per row, the row it was blocked through (itself unless an exact duplicate).
    representative: np.ndarray


def candidate_pairs(
    frame: pd.DataFrame,
    rules: Sequence[BlockingRule],
    *,
    max_block_size: int,
    only: np.ndarray | None = None,
    collapse_duplicates: bool = True,
    n_jobs: int | None = None,
) -> tuple[np.ndarray, np.ndarray, BlockingStats]:
    """Union of the pairs of every rule, as sorted row-number arrays ``(i, j)``, ``i < j``.

    Exact duplicates (see ``_duplicates``) are blocked once, through their
    first copy, which every other copy is paired with; ``collapse_duplicates``
    turns this off. A block still over ``max_block_size`` is not paired
    exhaustively but split by each of ``SECOND_KEYS`` not in the rule: sub-blocks
    within the cap are paired in full, larger ones by sorted neighbourhood (see
    ``split_block_pairs``); what stays uncompared is counted per rule.
    ``only`` (a boolean mask of rows) keeps the pairs with at least one such
    row, for adding new records to an earlier run: blocks without one are
    never paired. Rules are independent: with ``n_jobs`` (see
    ``unifyid._processes``) they are shared between processes (see
    ``unifyid.block._parallel``), with the same result.
    """
    n = len(frame)
    column_codes: dict[str, np.ndarray] = {}
    for rule in rules:
        absent = [c for c in rule.columns if c not in frame.columns]
        if absent:
            raise ConfigError(
                f"blocking rule {rule.name!r} uses unknown column(s) {absent}; "
                f"available: {sorted(frame.columns)}."
            )
    # Every single-valued key column is coded here, once: forked children share the codes.
    column_codes_for(frame, rules, column_codes)
    rep = (
        representatives(frame, column_codes)
        if collapse_duplicates
        else np.arange(n, dtype=np.int64)
    )
    shared = _Shared(frame, column_codes, {}, rep == np.arange(n), only, max_block_size)
    found, keyed = run_rules(
        _rule_costs(frame, rules, column_codes),
        lambda k, keyed: _rule_pairs(shared, rules[k], keyed),
        n,
        COUNT_COLUMNS,
        n_jobs=n_jobs,
    )
    rule_keys = [(rule.columns, keys) for rule, (keys, _) in zip(rules, found)]
    rows = [{"rule": rule.name, **counts} for rule, (_, counts) in zip(rules, found)]
    # Copies of a record that some rule can block: paired with their representative.
    di, dj = duplicate_star(np.where(keyed[rep], rep, np.arange(n)))
    if only is not None:
        di, dj = di[only[di] | only[dj]], dj[only[di] | only[dj]]
    rows.append({"rule": DUPLICATE_RULE, "pairs": len(di), "records_in_capped_blocks": 0})
    # The union of the rules' own keys: no rule's row pairs are held meanwhile.
    union = _union_keys([keys for _, keys in rule_keys] + [di * n + dj])
    left, right = union // max(n, 1), union % max(n, 1)
    per_rule = pd.DataFrame(rows, columns=list(STATS_COLUMNS)).fillna(0)
    per_rule = per_rule.astype({c: np.int64 for c in STATS_COLUMNS[1:]})
    stats = BlockingStats(
        per_rule=per_rule, n_pairs=len(left), rule_keys=rule_keys, representative=rep
    )
    return left, right, stats


#: Counts of ``BlockingStats.per_rule`` that one rule's pairing yields.
COUNT_COLUMNS = STATS_COLUMNS[1:]


@dataclass(frozen=True)
class _Shared:
    """What every rule reads: the frame, its key columns' codes and the run's settings."""

    frame: pd.DataFrame
    column_codes: dict[str, np.ndarray]
    #: Second keys' sorted codes, filled when a block first goes over the cap.
    sort_keys: dict[str, np.ndarray]
    is_rep: np.ndarray
    only: np.ndarray | None
    max_block_size: int


def _rule_pairs(
    shared: _Shared, rule: BlockingRule, keyed: np.ndarray
) -> tuple[np.ndarray, dict[str, int]]:
    """One rule's sorted pair keys ``i * n + j`` and its counts; flags in ``keyed``
    the records that have the rule's key."""
    frame, only, max_block_size = shared.frame, shared.only, shared.max_block_size
    n = len(frame)
    record, codes, node = _rule_codes(frame, rule.columns, shared.column_codes)
    at = record if record is not None else slice(None)
    keyed[(record if record is not None else np.arange(n))[codes >= 0]] = True
    # Copies are blocked through their representative, so they do not fill blocks.
    codes = np.where(shared.is_rep[at], codes, -1)
    if only is not None:
        touched = np.zeros(int(codes.max(initial=-1)) + 2, dtype=bool)
        touched[codes[only[at] & (codes >= 0)]] = True
        codes = np.where((codes >= 0) & touched[codes], codes, -1)
    if record is None:
        i, j, skipped = pairs_within_groups(codes, max_size=max_block_size)
    else:
        assert node is not None
        i, j, skipped = _record_pairs_within_groups(codes, record, node, n, max_block_size)
    parts_of_rule = [(i, j)]
    over = {"pairs_in_capped_blocks": 0, "pairs_uncompared": 0, "records_unpaired": 0}
    if skipped:
        sort_keys = shared.sort_keys
        for c in SECOND_KEYS:
            if c in frame.columns and c not in sort_keys:
                sort_keys[c] = pd.factorize(frame[c], sort=True)[0]
        keys = [key[at] for c, key in sort_keys.items() if c not in rule.columns]
        a, b, over = split_block_pairs(
            codes, keys, max_size=max_block_size, window=NEIGHBOUR_WINDOW, record=record
        )
        parts_of_rule.append((a, b))
    if record is not None:
        parts_of_rule[1:] = [_to_records(a, b, record) for a, b in parts_of_rule[1:]]
        big = record[in_big_groups(codes, max_block_size)]
        skipped = int(np.count_nonzero(np.bincount(big, minlength=n)))
    if only is not None:
        parts_of_rule = [(a, b) for a, b in parts_of_rule if len(a)]
        parts_of_rule = [(a[only[a] | only[b]], b[only[a] | only[b]]) for a, b in parts_of_rule]
    if len(parts_of_rule) == 1 and record is not None and only is None:
        i, j = parts_of_rule[0]
        keys = i * n + j  # already distinct and sorted
    elif len(parts_of_rule) > 1 or record is not None:
        keys = _union_keys([i * n + j for i, j in parts_of_rule])
    elif parts_of_rule:
        i, j = parts_of_rule[0]
        keys = np.sort(i * n + j, kind="stable")
    else:
        keys = np.zeros(0, dtype=np.int64)
    counts = {"pairs": len(keys), "records_in_capped_blocks": skipped, **over}
    return keys, {c: int(counts[c]) for c in COUNT_COLUMNS}


def _rule_costs(
    frame: pd.DataFrame, rules: Sequence[BlockingRule], column_codes: dict[str, np.ndarray]
) -> list[float]:
    """Each rule's key rows, an estimate of its cost: records with every single-valued
    key, times the keys per record of a multi-valued one (from a sample)."""
    costs = []
    for rule in rules:
        has = np.ones(len(frame), dtype=bool)
        per_record = 1.0
        for c in rule.columns:
            if c in column_codes:
                has &= column_codes[c] >= 0
            else:
                per_record *= _keys_per_record(frame[c].to_numpy(dtype=object))
        costs.append(float(np.count_nonzero(has)) * per_record)
    return costs


def _keys_per_record(values: np.ndarray, sample: int = 1000) -> float:
    """Mean number of keys of the records holding some, over evenly spaced records."""
    step = max(1, len(values) // sample)
    lengths = [len(v) for v in values[::step] if isinstance(v, (tuple, list, np.ndarray))]
    return float(np.mean(lengths)) if lengths else 1.0


def column_codes_for(
    frame: pd.DataFrame, rules: Sequence[BlockingRule], cache: dict[str, np.ndarray]
) -> dict[str, np.ndarray]:
    """Fill ``cache`` with the ``pd.factorize`` codes of the rules' single-valued columns."""
    for rule in rules:
        for c in rule.columns:
            if c not in cache and not _is_key_lists(frame[c]):
                cache[c] = column_codes(frame[c])
    return cache


def _is_key_lists(column: pd.Series) -> bool:
    """Whether a column holds several keys per record; only object columns can."""
    return column.dtype == object and _holds_key_lists(column.to_numpy(dtype=object))


def _rule_codes(
    frame: pd.DataFrame, columns: Sequence[str], cache: dict[str, np.ndarray]
) -> tuple[np.ndarray | None, np.ndarray, np.ndarray | None]:
    """Group codes of a rule's keys, and for a multi-valued key the record and the
    node of each key row.

    One key column of a rule may hold several keys per record (tuples or lists,
    such as the spellings one letter away from a name); such a record then
    stands in every block of its keys. Records with the same values in the
    rule's columns hold the same keys: they form one *node*. ``record`` and
    ``node`` are ``None`` when each record has one key row. ``cache`` keeps
    each single-valued column's codes, which several rules share.
    """
    multi = [c for c in columns if c not in cache and _is_key_lists(frame[c])]
    if len(multi) > 1:
        raise ConfigError(
            f"blocking rule {'+'.join(columns)!r}: at most one column may hold several "
            f"keys per record, got {multi}."
        )
    for c in columns:
        if c not in multi and c not in cache:
            cache[c] = column_codes(frame[c])
    single = [cache[c] for c in columns if c not in multi]
    if not multi:
        return None, combine_codes(*single), None
    record, element, value = _explode(frame[multi[0]].to_numpy(dtype=object))
    if not single:
        return record, element, value[record]
    whole = combine_codes(*single)
    other = whole[record]
    ok = other >= 0
    codes = np.full(len(record), -1, dtype=np.int64)
    width = int(element.max(initial=-1)) + 1
    codes[ok] = pd.factorize(other[ok] * width + element[ok], sort=False)[0]
    # Per record (fewer than key rows), then per key row.
    node = whole * (int(value.max(initial=-1)) + 1) + value
    return record, codes, node[record]


def _explode(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One row per (record, key) of a column of key tuples: the records and the key
    codes; and per record, the code of its whole tuple (``-1``: none).

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
    keys = key_codes[np.repeat(first[codes[rows]], per_row) + within]
    return record, keys, codes.astype(np.int64)


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


def _union_keys(keys: list[np.ndarray]) -> np.ndarray:
    """Sorted distinct values of the concatenated key arrays, sorted in place.

    Each rule's keys come sorted: the stable sort merges the runs (see ``distinct``).
    """
    if not keys:
        return np.zeros(0, dtype=np.int64)
    out = np.concatenate(keys)
    if len(out) == 0:
        return out
    out.sort(kind="stable")
    return out[np.r_[True, out[1:] != out[:-1]]]


#: Key-row pairs per chunk of a multi-valued rule: records sharing several of
#: their keys pair once per shared key, so the rows' pairs are deduplicated
#: chunk by chunk rather than all held at once.
_CHUNK_PAIRS = 4_000_000


def _record_pairs_within_groups(
    codes: np.ndarray, record: np.ndarray, node: np.ndarray, n_records: int, max_size: int
) -> tuple[np.ndarray, np.ndarray, int]:
    """``pairs_within_groups`` of key rows, as the distinct record pairs, sorted."""
    keys, skipped = node_pairs(
        codes, record, node, n_records, max_size=max_size, max_pairs=_CHUNK_PAIRS
    )
    return keys // n_records, keys % n_records, skipped


def _to_records(
    left: np.ndarray, right: np.ndarray, record: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of key rows as record pairs ``i < j`` (repeats left to ``union_pairs``)."""
    a, b = record[left], record[right]
    keep = a != b
    a, b = a[keep], b[keep]
    return np.minimum(a, b), np.maximum(a, b)
