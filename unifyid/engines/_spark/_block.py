"""Blocking on Spark: the local candidate pairs, as joins and group counts.

Each rule's blocks are the groups of records sharing its key (a record with
several keys, such as one-letter-out spellings, stands in each of their
blocks). Blocks within the cap are paired by a self-join; blocks over it are
handed, one block per group, to the local ``split_block_pairs`` (sub-blocks
and sorted neighbourhood on the second keys), which pairs a block on its own.
Exact duplicates are blocked through their representative, the first row
identical to them, and each copy is paired with it, as locally.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ...block._duplicates import _DERIVED, DUPLICATE_RULE, NOT_IDENTITY
from ...block._pairs import split_block_pairs
from ...block._rules import NEIGHBOUR_WINDOW, SECOND_KEYS, STATS_COLUMNS, BlockingRule
from ._records import ROW

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame

__all__ = ["SparkBlocking", "spark_candidate_pairs"]

_ARRAY_COLUMNS = ("first_variants", "last_variants")


@dataclass(frozen=True)
class SparkBlocking:
    """Candidate pairs, each rule's own pairs and the per-rule statistics.

    ``pairs`` has ``left < right`` row numbers, distinct; ``rule_pairs`` has
    ``rule`` (index into the rules), ``left``, ``right``; ``representative``
    has ``row`` and ``rep``. ``per_rule`` is small and collected.
    """

    pairs: DataFrame
    rule_pairs: DataFrame
    representative: DataFrame
    per_rule: pd.DataFrame


def spark_candidate_pairs(
    records: DataFrame, rules: Sequence[BlockingRule], *, max_block_size: int
) -> SparkBlocking:
    """The local ``candidate_pairs(frame, rules, max_block_size=...)`` on Spark."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    columns = records.columns
    identity = [
        c
        for c in columns
        if c != ROW and c not in NOT_IDENTITY and not (c in _DERIVED and _DERIVED[c] in columns)
    ]
    rep = records.select(
        ROW, F.min(ROW).over(Window.partitionBy(*identity)).alias("rep")
    ).localCheckpoint()
    base = records.join(rep, on=ROW).localCheckpoint()
    keyed_parts, rule_frames, rows = [], [], []
    for k, rule in enumerate(rules):
        keys = _rule_keys(base, rule)
        keyed_parts.append(keys.select("record").distinct())
        pairs, stats = _rule_pairs(
            keys.where(F.col("rep") == F.col("record")), rule, base, columns, max_block_size
        )
        pairs = pairs.distinct().localCheckpoint()
        rule_frames.append(pairs.withColumn("rule", F.lit(k)))
        rows.append({"rule": rule.name, "pairs": pairs.count(), **stats})
    keyed = keyed_parts[0]
    for p in keyed_parts[1:]:
        keyed = keyed.union(p)
    keyed = keyed.distinct().withColumnRenamed("record", "rep")
    dup = rep.where(F.col("rep") != F.col(ROW)).join(keyed, on="rep")
    dup = dup.select(F.col("rep").alias("left"), F.col(ROW).alias("right"))
    rows.append({"rule": DUPLICATE_RULE, "pairs": dup.count(), "records_in_capped_blocks": 0})
    rule_pairs = rule_frames[0]
    for f in rule_frames[1:]:
        rule_pairs = rule_pairs.unionByName(f)
    pairs = rule_pairs.select("left", "right").union(dup).distinct()
    per_rule = pd.DataFrame(rows, columns=list(STATS_COLUMNS)).fillna(0)
    per_rule = per_rule.astype({c: np.int64 for c in STATS_COLUMNS[1:]})
    return SparkBlocking(pairs, rule_pairs.select("rule", "left", "right"), rep, per_rule)


def _rule_keys(base: DataFrame, rule: BlockingRule) -> DataFrame:
    """One row per (record, key) of a rule: ``record``, ``rep`` and ``k0 ..`` (non-null)."""
    from pyspark.sql import functions as F

    cols = []
    for n, c in enumerate(rule.columns):
        col: Column = F.col(c)
        if c in _ARRAY_COLUMNS:
            col = F.explode(col)
        cols.append(col.alias(f"k{n}"))
    keys = base.select(F.col(ROW).alias("record"), "rep", *cols)
    present = None
    for n in range(len(rule.columns)):
        cond = F.col(f"k{n}").isNotNull()
        present = cond if present is None else present & cond
    return keys.where(present)


def _rule_pairs(
    keys: DataFrame,
    rule: BlockingRule,
    base: DataFrame,
    columns: list[str],
    max_block_size: int,
) -> tuple[DataFrame, dict[str, int]]:
    """A rule's record pairs (``left < right``, with repeats) and its capped-block counts."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    key_cols = [f"k{n}" for n in range(len(rule.columns))]
    sized = keys.withColumn("size", F.count("*").over(Window.partitionBy(*key_cols))).cache()
    small = sized.where((F.col("size") >= 2) & (F.col("size") <= max_block_size))
    a, b = small.alias("a"), small.alias("b")
    joined = a.join(b, on=[F.col(f"a.{c}") == F.col(f"b.{c}") for c in key_cols])
    joined = joined.where(F.col("a.record") < F.col("b.record"))
    pairs = joined.select(F.col("a.record").alias("left"), F.col("b.record").alias("right"))
    big = sized.where(F.col("size") > max_block_size)
    stats = {"pairs_in_capped_blocks": 0, "pairs_uncompared": 0, "records_unpaired": 0}
    big_sizes = big.groupBy(*key_cols).agg(F.count("*").alias("n")).cache()
    if big_sizes.limit(1).count() == 0:
        stats["records_in_capped_blocks"] = 0
        return pairs, stats
    seconds = [c for c in SECOND_KEYS if c in columns and c not in rule.columns]
    rows = big.join(base.select(F.col(ROW).alias("record"), *seconds), on="record")
    found = (
        rows.groupBy(*key_cols)
        .applyInPandas(
            lambda g: _split_block(g, seconds, max_block_size), "kind int, a long, b long"
        )
        .cache()
    )
    split = found.where(F.col("kind") == 0).select(
        F.col("a").alias("left"), F.col("b").alias("right")
    )
    possible = big_sizes.agg(F.sum(F.col("n") * (F.col("n") - 1) / 2)).first()[0]
    returned = found.where(F.col("kind") == 2).agg(F.sum("a")).first()[0] or 0
    stats["pairs_in_capped_blocks"] = int(possible)
    stats["pairs_uncompared"] = int(possible) - int(returned)
    stats["records_unpaired"] = found.where(F.col("kind") == 1).select("a").distinct().count()
    stats["records_in_capped_blocks"] = big.select("record").distinct().count()
    return pairs.union(split), stats


def _split_block(group: pd.DataFrame, seconds: list[str], max_block_size: int) -> pd.DataFrame:
    """One over-large block through the local ``split_block_pairs``.

    Rows ascend by record, as in the local key rows; second keys are coded in
    sorted value order within the block, which keeps their local order.
    """
    group = group.sort_values("record").reset_index(drop=True)
    record = group["record"].to_numpy(dtype=np.int64)
    codes = np.zeros(len(group), dtype=np.int64)
    keys = [pd.factorize(group[c].astype(object).to_numpy(), sort=True)[0] for c in seconds]
    i, j, counts = split_block_pairs(
        codes, keys, max_size=max_block_size, window=NEIGHBOUR_WINDOW, record=record
    )
    n_returned = counts["pairs_in_capped_blocks"] - counts["pairs_uncompared"]
    a, b = record[i], record[j]
    keep = a != b
    a, b = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
    paired = np.zeros(len(group), dtype=bool)
    paired[i] = paired[j] = True
    alone = np.unique(record[~paired])
    kind = np.r_[np.zeros(len(a)), np.ones(len(alone)), 2].astype(np.int32)
    return pd.DataFrame(
        {
            "kind": kind,
            "a": np.r_[a, alone, n_returned].astype(np.int64),
            "b": np.r_[b, alone, 0].astype(np.int64),
        }
    )
