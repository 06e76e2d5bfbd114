"""Blocking stage: candidate pairs from several keys, with block-size caps.

The stage's entry point is :func:`block_records` (:func:`candidate_pairs` with
the default rules and the pinned pairs). The key columns its rules name
(``first_key``, phonetic codes, name variants) are made by the standardise
stage (``unifyid.standardise.add_blocking_keys``).
"""

from ._duplicates import DUPLICATE_RULE, representatives
from ._pairs import (
    group_codes,
    neighbour_pairs,
    pairs_within_groups,
    split_block_pairs,
    union_pairs,
)
from ._rules import (
    DEFAULT_BLOCKING_RULES,
    BlockingRule,
    BlockingStats,
    candidate_pairs,
    default_blocking_rules,
)
from ._stage import block_records, default_rules

__all__ = [
    "DEFAULT_BLOCKING_RULES",
    "DUPLICATE_RULE",
    "BlockingRule",
    "BlockingStats",
    "block_records",
    "candidate_pairs",
    "default_blocking_rules",
    "default_rules",
    "group_codes",
    "neighbour_pairs",
    "pairs_within_groups",
    "representatives",
    "split_block_pairs",
    "union_pairs",
]
