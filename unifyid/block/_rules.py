"""Blocking rules: which standardised columns must agree for a pair to be compared."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._errors import ConfigError
from ._pairs import group_codes, neighbour_pairs, pairs_within_groups, union_pairs

#: Second keys that order an over-large block for its sorted neighbourhood.
NEIGHBOUR_KEYS: tuple[str, ...] = ("dob", "postcode", "phone", "email")
NEIGHBOUR_WINDOW = 4

__all__ = ["DEFAULT_RULES", "BlockingRule", "BlockingStats", "candidate_pairs"]


@dataclass(frozen=True)
class BlockingRule:
    """Records that agree exactly on all ``columns`` become candidate pairs.

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
    for rule in rules:
        absent = [c for c in rule.columns if c not in frame.columns]
        if absent:
            raise ConfigError(
                f"blocking rule {rule.name!r} uses unknown column(s) {absent}; "
                f"available: {sorted(frame.columns)}."
            )
        codes = group_codes(*(frame[c].to_numpy(dtype=object) for c in rule.columns))
        if only is not None:
            touched = np.zeros(int(codes.max()) + 2, dtype=bool)
            touched[codes[only & (codes >= 0)]] = True
            codes = np.where((codes >= 0) & touched[codes], codes, -1)
        i, j, skipped = pairs_within_groups(codes, max_size=max_block_size)
        parts_of_rule = [(i, j)]
        if skipped:
            parts_of_rule += [
                neighbour_pairs(codes, key, min_size=max_block_size, window=NEIGHBOUR_WINDOW)
                for c, key in sort_keys.items()
                if c not in rule.columns
            ]
        if only is not None:
            parts_of_rule = [(a, b) for a, b in parts_of_rule if len(a)]
            parts_of_rule = [(a[only[a] | only[b]], b[only[a] | only[b]]) for a, b in parts_of_rule]
        if len(parts_of_rule) > 1:
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
