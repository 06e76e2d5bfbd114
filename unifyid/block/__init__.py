"""Blocking: candidate pairs from several keys, with block-size caps."""

from ._duplicates import DUPLICATE_RULE, representatives
from ._pairs import (
    group_codes,
    neighbour_pairs,
    pairs_within_groups,
    split_block_pairs,
    union_pairs,
)
from ._rules import DEFAULT_BLOCKING_RULES, BlockingRule, BlockingStats, candidate_pairs

__all__ = [
    "DEFAULT_BLOCKING_RULES",
    "DUPLICATE_RULE",
    "BlockingRule",
    "BlockingStats",
    "candidate_pairs",
    "group_codes",
    "neighbour_pairs",
    "pairs_within_groups",
    "representatives",
    "split_block_pairs",
    "union_pairs",
]
