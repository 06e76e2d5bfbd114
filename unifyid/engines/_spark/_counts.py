"""Comparison-pattern counts on Spark, for EM on the driver.

The local ``train_m`` runs one EM session per blocking rule that singles a
person out, on that rule's pairs (less those whose left record's value of a
blocked identifier is shared), with the matchers reading the rule's columns
switched off. EM needs only how often each pattern of levels occurs, so
each session is counted here as (pattern, count) rows, grouped on Spark and
small enough to collect: at most the product of the matchers' level counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ...block._rules import BlockingRule
from ...matchers import Matcher
from ...matchers._levels import shared_column
from ...score._training import rule_base_columns, rule_trains
from ._compare import gamma_columns
from ._records import ROW

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

__all__ = ["SessionCounts", "session_pattern_counts"]


@dataclass(frozen=True)
class SessionCounts:
    """One rule's EM session: its columns, the matchers switched off, its patterns and counts.

    ``patterns`` (int8, one row per distinct pattern, sorted as
    ``pattern_counts`` sorts them) and ``counts`` are what ``estimate`` takes.
    """

    columns: tuple[str, ...]
    off: tuple[int, ...]
    patterns: np.ndarray
    counts: np.ndarray


def session_pattern_counts(
    records: DataFrame,
    gamma: DataFrame,
    rule_pairs: DataFrame,
    rules: Sequence[BlockingRule],
    matchers: Sequence[Matcher],
) -> list[SessionCounts]:
    """Per training rule (as ``train_m`` chooses them), its pattern counts over all its pairs.

    ``gamma`` holds ``left``, ``right`` and the level columns of
    ``spark_compare_pairs``; ``rule_pairs`` holds ``rule``, ``left``, ``right``.
    Unlike ``train_m``, no session is subsampled: counting every pair costs
    the cluster little and the driver nothing more.
    """
    from pyspark.sql import functions as F

    names = gamma_columns(matchers)
    shared = [c for c in records.columns if c.endswith("__shared")]
    flags = records.select(F.col(ROW).alias("left"), *shared)
    out = []
    for k, rule in enumerate(rules):
        if not rule_trains(rule.columns):
            continue
        blocked = rule_base_columns(rule.columns)
        keys = rule_pairs.where(F.col("rule") == k).select("left", "right")
        cut = [shared_column(c) for c in sorted(blocked) if shared_column(c) in shared]
        if cut:
            keys = keys.join(flags.select("left", *cut), on="left")
            for c in cut:
                keys = keys.where(~F.col(c))
        off = tuple(j for j, m in enumerate(matchers) if blocked & set(m.columns))
        levels = [F.lit(0).alias(g) if j in off else F.col(g) for j, g in enumerate(names)]
        session = keys.select("left", "right").join(gamma, on=["left", "right"]).select(*levels)
        rows = session.groupBy(*names).count().collect()
        if sum(r["count"] for r in rows) < 20:
            continue
        rows = sorted(rows, key=lambda r: tuple(r[g] for g in names))
        patterns = np.array([[r[g] for g in names] for r in rows], dtype=np.int8)
        counts = np.array([r["count"] for r in rows], dtype=np.int64)
        out.append(
            SessionCounts(tuple(rule.columns), off, patterns.reshape(-1, len(names)), counts)
        )
    return out
