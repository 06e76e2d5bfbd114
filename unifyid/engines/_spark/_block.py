"""Blocking on Spark: the local candidate pairs, as joins and group counts.

Each rule's blocks are the groups of records sharing its key (a record with
several keys, such as one-letter-out spellings, stands in each of their
blocks). The keys of all rules are stacked into one table, ``(rule, key)``,
so every rule is sized, paired and counted by the same few shuffles rather
than jobs of its own. Blocks within the cap are paired by a self-join; blocks
over it are handed, one block per group, to the local ``split_block_pairs``
(sub-blocks and sorted neighbourhood on the second keys), which pairs a block
on its own. Exact duplicates are blocked through their representative, the
first row identical to them, and each copy is paired with it, as locally.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
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
    seconds = [c for c in SECOND_KEYS if c in columns]
    used = list(dict.fromkeys(c for rule in rules for c in rule.columns))
    base = records.select(
        ROW,
        *dict.fromkeys((*used, *seconds)),
        F.min(ROW).over(Window.partitionBy(*identity)).alias("rep"),
    ).localCheckpoint()
    rep = base.select(ROW, "rep")
    keys = reduce(
        lambda a, b: a.unionByName(b), [_rule_keys(base, k, r) for k, r in enumerate(rules)]
    )
    # Each rule's blocks are the representatives sharing its key.
    sized = (
        keys.where(F.col("rep") == F.col("record"))
        .withColumn("size", F.count("*").over(Window.partitionBy("rule", "key")))
        .where(F.col("size") >= 2)
        .localCheckpoint()
    )
    small = sized.where(F.col("size") <= max_block_size).select("rule", "key", "record")
    a, b = small.alias("a"), small.alias("b")
    joined = a.join(b, on=["rule", "key"]).where(F.col("a.record") < F.col("b.record"))
    pairs = joined.select("rule", F.col("a.record").alias("left"), F.col("b.record").alias("right"))
    big = sized.where(F.col("size") > max_block_size)
    rows = big.join(base.select(F.col(ROW).alias("record"), *seconds), on="record")
    by_rule = [[c for c in seconds if c not in rule.columns] for rule in rules]
    found = (
        rows.groupBy("rule", "key")
        .applyInPandas(
            lambda g: _split_block(g, by_rule, max_block_size),
            "rule int, kind int, a long, b long",
        )
        .localCheckpoint()
    )
    split = found.where(F.col("kind") == 0).select(
        "rule", F.col("a").alias("left"), F.col("b").alias("right")
    )
    rule_pairs = pairs.unionByName(split).distinct().localCheckpoint()
    # Records with a key of any rule; their copies are paired with them.
    keyed = keys.select(F.col("record").alias("rep")).distinct()
    dup = rep.where(F.col("rep") != F.col(ROW)).join(keyed, on="rep")
    dup = dup.select(F.col("rep").alias("left"), F.col(ROW).alias("right")).localCheckpoint()
    per_rule = _per_rule(rules, sized, found, rule_pairs, dup, max_block_size)
    candidates = rule_pairs.select("left", "right").union(dup).distinct()
    return SparkBlocking(candidates, rule_pairs.select("rule", "left", "right"), rep, per_rule)


def _rule_keys(base: DataFrame, k: int, rule: BlockingRule) -> DataFrame:
    """One row per (record, key) of rule ``k``: ``rule``, ``record``, ``rep``, ``key``.

    ``key`` is the array of the rule's values (all present), so the keys of
    rules of different lengths stack in one column.
    """
    from pyspark.sql import functions as F

    out = base.select(F.col(ROW).alias("record"), "rep", *rule.columns)
    parts = []
    for n, c in enumerate(rule.columns):
        col: Column = F.col(c)
        if c in _ARRAY_COLUMNS:
            out = out.withColumn(f"k{n}", F.explode(col))
        else:
            out = out.withColumn(f"k{n}", col)
        parts.append(F.col(f"k{n}"))
    present = reduce(lambda p, q: p & q, [p.isNotNull() for p in parts])
    return out.where(present).select(
        F.lit(k).alias("rule"), "record", "rep", F.array(*parts).alias("key")
    )


def _per_rule(
    rules: Sequence[BlockingRule],
    sized: DataFrame,
    found: DataFrame,
    rule_pairs: DataFrame,
    dup: DataFrame,
    max_block_size: int,
) -> pd.DataFrame:
    """The local per-rule statistics, from three small aggregations."""
    from pyspark.sql import functions as F

    big = sized.where(F.col("size") > max_block_size)
    capped = {
        r["rule"]: r
        for r in big.groupBy("rule")
        .agg(
            F.countDistinct("record").alias("records"),
            # Each block's rows add up size * (size - 1): twice its pairs.
            F.sum(F.col("size") - 1).alias("twice_pairs"),
        )
        .collect()
    }
    split = {
        r["rule"]: r
        for r in found.groupBy("rule")
        .agg(
            F.sum(F.when(F.col("kind") == 2, F.col("a"))).alias("returned"),
            F.countDistinct(F.when(F.col("kind") == 1, F.col("a"))).alias("unpaired"),
        )
        .collect()
    }
    counts = dict(rule_pairs.groupBy("rule").count().collect())
    rows = []
    for k, rule in enumerate(rules):
        row = {"rule": rule.name, "pairs": counts.get(k, 0)}
        row |= {"records_in_capped_blocks": 0, "pairs_in_capped_blocks": 0}
        row |= {"pairs_uncompared": 0, "records_unpaired": 0}
        if k in capped:
            possible = capped[k]["twice_pairs"] // 2
            row["records_in_capped_blocks"] = capped[k]["records"]
            row["pairs_in_capped_blocks"] = possible
            row["pairs_uncompared"] = possible - (split[k]["returned"] or 0)
            row["records_unpaired"] = split[k]["unpaired"]
        rows.append(row)
    rows.append({"rule": DUPLICATE_RULE, "pairs": dup.count(), "records_in_capped_blocks": 0})
    per_rule = pd.DataFrame(rows, columns=list(STATS_COLUMNS)).fillna(0)
    return per_rule.astype({c: np.int64 for c in STATS_COLUMNS[1:]})


def _split_block(
    group: pd.DataFrame, seconds_by_rule: list[list[str]], max_block_size: int
) -> pd.DataFrame:
    """One over-large block through the local ``split_block_pairs``.

    Rows ascend by record, as in the local key rows; second keys are coded in
    sorted value order within the block, which keeps their local order.
    """
    rule = int(group["rule"].iloc[0])
    seconds = seconds_by_rule[rule]
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
            "rule": np.full(len(kind), rule, dtype=np.int32),
            "kind": kind,
            "a": np.r_[a, alone, n_returned].astype(np.int64),
            "b": np.r_[b, alone, 0].astype(np.int64),
        }
    )
