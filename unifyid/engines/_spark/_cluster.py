"""The graph stage on Spark: pair scores and vetoes, components, refinement and profile ids.

Each batch of pairs is scored by the local ``link_pairs`` (mapInPandas);
linked pairs go to the distributed ``connected_components``; then whole
components, grouped into buckets, are refined by the local ``refine`` with
their own records and pairs (one cogrouped applyInPandas), which also gives
their profile ids. Components never interact, so every step gives exactly
what the local ``cluster`` gives. Records that link to nothing are their own
profile. Lone records that carry only a name are then placed by the local
``choose_profiles`` per record (grouped applyInPandas), and profiles that
gained records get their new anchor's id. Nothing is collected to the driver.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ...graph import cannot_link_rules, components, guards_households, profile_ids
from ...graph._attach import ATTACH_REASON, choose_profiles, identifying_columns
from ...graph._cluster import (
    CUT_REASON,
    ClusterSettings,
    conflict_evaluator,
    link_pairs,
    refine,
)
from ...graph._households import HOUSEHOLD_NAMES, identifier_agrees
from ...graph._known import KnownPairs
from ._compare import _values, gamma_columns
from ._components import connected_components
from ._records import ROW
from ._workers import batches_in_one_process, groups_in_one_process

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

    from ...score import FittedModel

__all__ = ["SparkClustering", "attach_on_spark", "spark_cluster"]

#: Columns of the scored pairs table.
PAIR_COLUMNS = ("left", "right", "weight", "probability", "linked", "reason")


@dataclass(frozen=True)
class SparkClustering:
    """``records`` with a ``profile_id`` column; ``pairs`` with their scores, link and reason."""

    records: DataFrame
    pairs: DataFrame


def spark_cluster(
    records: DataFrame,
    pairs: DataFrame,
    model: FittedModel,
    settings: ClusterSettings,
    *,
    term_frequencies: Mapping[str, str] | None = None,
    buckets: int | None = None,
) -> SparkClustering:
    """Cluster compared pairs into profiles, as the local ``cluster`` does.

    Parameters
    ----------
    records
        The standardised records with their ``row`` number (the local row order).
    pairs
        ``left``, ``right`` and the level columns of ``spark_compare_pairs``.
    model, settings
        The fitted model and the graph parameters, as for the local ``cluster``.
    term_frequencies
        Term-frequency key (as in ``Scored.tf``) to the ``records`` column holding it.
    buckets
        Groups of whole components refined together (default: the session's
        shuffle partitions).
    """
    from pyspark.sql import functions as F

    if settings.overrides is not None and (
        settings.overrides.must_link or settings.overrides.cannot_link
    ):
        raise NotImplementedError("the Spark engine does not apply overrides yet")
    session = records.sparkSession
    if buckets is None:
        buckets = int(session.conf.get("spark.sql.shuffle.partitions") or 8)
    tf_cols = dict(term_frequencies or {})
    rules = cannot_link_rules(settings.cannot_link, model)
    households = guards_households(settings.cannot_link, rules, model.matchers)
    first_col = "first_key" if "first_key" in records.columns else "first_name"
    households = households and {first_col, "last_name", "locality"} <= set(records.columns)

    side = records.select(
        ROW, "source", *(F.col(c).alias(f"tf{k}") for k, c in enumerate(tf_cols.values()))
    )
    if households:
        side = side.join(_household_sizes(records, first_col), on=ROW)
    extra = [c for c in side.columns if c != ROW]
    left = side.select(F.col(ROW).alias("left"), *(F.col(c).alias(f"l__{c}") for c in extra))
    right = side.select(F.col(ROW).alias("right"), *(F.col(c).alias(f"r__{c}") for c in extra))
    joined = pairs.join(left, on="left").join(right, on="right")
    score = _scorer(model, settings, rules, list(tf_cols), households)
    schema = (
        "left long, right long, bits double, shift double, weight double, "
        "probability double, rule int, linked boolean, reason string"
    )
    scored = joined.mapInPandas(batches_in_one_process(score), schema).localCheckpoint()

    links = scored.where("linked").select("left", "right")
    labels = connected_components(links)
    in_comp = records.join(labels.withColumnRenamed("node", ROW), on=ROW)
    in_comp = in_comp.withColumn("__bucket", F.pmod(F.hash("component"), F.lit(buckets)))
    lab_l = labels.select(F.col("node").alias("left"), F.col("component").alias("__cl"))
    lab_r = labels.select(F.col("node").alias("right"), F.col("component").alias("__cr"))
    inner = (
        scored.select("left", "right", "bits", "weight", "rule", "linked", "reason")
        .join(lab_l, on="left")
        .join(lab_r, on="right")
        .where(F.col("__cl") == F.col("__cr"))
        .withColumn("__bucket", F.pmod(F.hash("__cl"), F.lit(buckets)))
        .drop("__cl", "__cr")
    )
    refined = (
        in_comp.groupBy("__bucket")
        .cogroup(inner.groupBy("__bucket"))
        .applyInPandas(
            groups_in_one_process(_refiner(model, settings, rules, tf_cols)),
            "row long, profile_id string, cut long",
        )
        .localCheckpoint()
    )
    ids = refined.where(F.col("cut").isNull()).select(ROW, "profile_id")
    cuts = refined.where(F.col("cut").isNotNull()).select(
        F.col(ROW).alias("left"), F.col("cut").alias("right"), F.lit(True).alias("__cut")
    )
    alone = records.join(labels.withColumnRenamed("node", ROW), on=ROW, how="left_anti")
    alone_ids = alone.select(ROW, "source", "record_id").mapInPandas(
        _own_profiles, "row long, profile_id string"
    )
    assigned, joins = attach_on_spark(
        records, ids.unionByName(alone_ids), scored, threshold=settings.threshold
    )
    out_records = records.join(assigned, on=ROW)
    cut = F.coalesce(F.col("__cut"), F.lit(False))
    joined = F.coalesce(F.col("__joined"), F.lit(False))
    out_pairs = (
        scored.join(cuts, on=["left", "right"], how="left")
        .join(joins, on=["left", "right"], how="left")
        .select(
            "left",
            "right",
            "weight",
            "probability",
            ((F.col("linked") & ~cut) | joined).alias("linked"),
            F.when(cut, F.lit(CUT_REASON))
            .when(joined, F.lit(ATTACH_REASON))
            .otherwise(F.col("reason"))
            .alias("reason"),
        )
    )
    return SparkClustering(out_records, out_pairs)


def attach_on_spark(
    records: DataFrame, assigned: DataFrame, scored: DataFrame, *, threshold: float
) -> tuple[DataFrame, DataFrame]:
    """The local ``attach_name_only`` on Spark tables: lone name-only records join a profile.

    ``assigned`` holds each record's ``row`` and ``profile_id`` after
    refinement, ``scored`` the pairs' ``bits``, ``shift`` (from the shared prior to
    their sources' prior), ``linked`` and ``reason``.
    The choice per record is the local ``choose_profiles`` over that record's
    pairs; profiles that gain records get the id of their new anchor, as
    ``profile_ids`` gives it. Returns the new ``(row, profile_id)`` table and
    the joining pairs (``left``, ``right``, ``__joined``).
    """
    from pyspark.sql import functions as F

    n_records = records.count()
    no_id = F.lit(True)
    for name in identifying_columns(records.columns):
        no_id = no_id & F.col(name).isNull()
    sizes = assigned.groupBy("profile_id").agg(F.count(F.lit(1)).alias("__size"))
    placed = assigned.join(sizes, on="profile_id")
    lone = (
        placed.where(F.col("__size") == 1)
        .join(records.select(ROW, no_id.alias("__no_id")), on=ROW)
        .where("__no_id")
        .select(F.col(ROW).alias("record"))
    )
    usable = scored.where(~F.col("linked") & F.col("reason").isNull()).select(
        "left", "right", (F.col("bits") + F.col("shift")).alias("bits")
    )
    sides = [
        usable.select("left", "right", F.col(a).alias("record"), F.col(b).alias("partner"), "bits")
        for a, b in (("left", "right"), ("right", "left"))
    ]
    target = placed.select(
        F.col(ROW).alias("partner"), F.col("profile_id").alias("profile"), "__size"
    )
    rows = sides[0].unionByName(sides[1]).join(lone, on="record").join(target, on="partner")
    chosen = (
        rows.groupBy("record")
        .applyInPandas(
            _chooser(n_records, threshold),
            "left long, right long, record long, profile string",
        )
        .localCheckpoint()
    )
    joins = chosen.select("left", "right", F.lit(True).alias("__joined"))
    moved = chosen.select(F.col("record").alias(ROW), F.col("profile").alias("__to"))
    regrouped = assigned.join(moved, on=ROW, how="left").select(
        ROW, "profile_id", F.coalesce("__to", "profile_id").alias("__group")
    )
    grown = chosen.select(F.col("profile").alias("__group")).distinct()
    anchors = (
        regrouped.join(grown, on="__group")
        .groupBy("__group")
        .agg(F.min(ROW).alias(ROW))
        .join(records.select(ROW, "source", "record_id"), on=ROW)
    )
    new_ids = anchors.mapInPandas(_own_profiles, "row long, profile_id string").join(
        anchors.select(ROW, "__group"), on=ROW
    )
    out = regrouped.join(
        new_ids.select("__group", F.col("profile_id").alias("__new")), on="__group", how="left"
    ).select(ROW, F.coalesce("__new", "profile_id").alias("profile_id"))
    return out, joins


def _chooser(n_records: int, threshold: float):
    """The grouped function choosing one record's profile with the local ``choose_profiles``."""

    def run(rows: pd.DataFrame) -> pd.DataFrame:
        joins = choose_profiles(
            rows["record"].to_numpy(np.int64),
            rows["partner"].to_numpy(np.int64),
            rows["profile"].astype(object).to_numpy(),
            rows["__size"].to_numpy(np.int64),
            rows["bits"].to_numpy(np.float64),
            n_records=n_records,
            threshold=threshold,
        )
        return rows.loc[joins, ["left", "right", "record", "profile"]]

    return run


def _household_sizes(records: DataFrame, first_col: str) -> DataFrame:
    """Per record: whether it lacks a first name, and the number of first names the
    data shows for its surname in its locality (as ``ambiguous_members`` counts them)."""
    from pyspark.sql import functions as F

    named = records.where(
        F.col(first_col).isNotNull()
        & F.col("last_name").isNotNull()
        & F.col("locality").isNotNull()
    )
    people = (
        named.select(first_col, "last_name", "locality")
        .distinct()
        .groupBy("last_name", "locality")
        .agg(F.count("*").alias("__people"))
    )
    return (
        records.select(ROW, first_col, "last_name", "locality")
        .join(people, on=["last_name", "locality"], how="left")
        .select(
            ROW,
            F.col(first_col).isNull().alias("nameless"),
            F.coalesce(F.col("__people"), F.lit(0)).cast("long").alias("people"),
        )
    )


def _scorer(model, settings, rules, tf_keys, households):
    """The mapInPandas function scoring one batch of pairs with the local ``link_pairs``."""
    matchers = model.matchers
    names = gamma_columns(matchers)

    def score(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for b in batches:
            n = len(b)
            if n == 0:
                continue
            gamma = b[names].to_numpy(dtype=np.int8)
            tf = {
                key: np.concatenate(
                    [b[f"l__tf{k}"].to_numpy(np.float64), b[f"r__tf{k}"].to_numpy(np.float64)]
                )
                for k, key in enumerate(tf_keys)
            }
            rows = np.arange(n, dtype=np.int64)
            contrib = model.contributions(tf, rows, rows + n, gamma)
            unsure = None
            if households:
                # As ``ambiguous_members``: one side nameless, no identifier agreeing,
                # and the named side's surname and place show several first names.
                nl = b["l__nameless"].to_numpy(bool)
                nr = b["r__nameless"].to_numpy(bool)
                people = np.where(nl, b["r__people"], b["l__people"]).astype(np.int64)
                maybe = (nl ^ nr) & ~identifier_agrees(gamma, matchers)
                unsure = maybe & (people >= HOUSEHOLD_NAMES)
            sources = np.concatenate(
                [b["l__source"].to_numpy(object), b["r__source"].to_numpy(object)]
            )
            prior = model.pair_prior(sources, rows, rows + n)
            links = link_pairs(contrib, prior, gamma, matchers, rules, settings.threshold, unsure)
            yield pd.DataFrame(
                {
                    "left": b["left"].to_numpy(np.int64),
                    "right": b["right"].to_numpy(np.int64),
                    "bits": links.bits,
                    "shift": np.broadcast_to(links.shift(model.prior), n).astype(np.float64),
                    "weight": links.weight,
                    "probability": links.probability,
                    "rule": links.rule.astype(np.int32),
                    "linked": links.linked,
                    "reason": links.reason,
                }
            )

    return score


def _refiner(model, settings, rules, tf_cols):
    """The cogrouped function refining a bucket of whole components with the local code."""

    def run(recs: pd.DataFrame, prs: pd.DataFrame) -> pd.DataFrame:
        if len(recs) == 0:
            return pd.DataFrame({"row": [], "profile_id": [], "cut": []})
        recs = recs.sort_values(ROW, kind="stable").reset_index(drop=True)
        rows = recs[ROW].to_numpy(np.int64)
        frame = _local_frame(recs, exclude={ROW, "component", "__bucket", *tf_cols.values()})
        tf = {k: recs[c].to_numpy(np.float64) for k, c in tf_cols.items()}
        prs = prs.sort_values(["left", "right"], kind="stable").reset_index(drop=True)
        left = np.searchsorted(rows, prs["left"].to_numpy(np.int64))
        right = np.searchsorted(rows, prs["right"].to_numpy(np.int64))
        linked = prs["linked"].to_numpy(bool).copy()
        reason = prs["reason"].astype(object).to_numpy().copy()
        weight = prs["weight"].to_numpy(np.float64)
        strength = np.maximum(weight, 0.0) + 1.0
        known = KnownPairs(
            len(frame), left, right, prs["bits"].to_numpy(np.float64), prs["rule"].to_numpy()
        )
        labels = components(len(frame), left[linked], right[linked])
        evaluate = conflict_evaluator(frame, known, model, rules, tf)
        before = linked.copy()
        labels = refine(
            frame,
            left,
            right,
            linked,
            reason,
            strength,
            labels,
            evaluate,
            identifier_limits=settings.identifier_limits,
        )
        pids = profile_ids(frame["source"], frame["record_id"], labels)
        cut = np.flatnonzero(before & ~linked)
        return pd.DataFrame(
            {
                "row": np.concatenate([rows, rows[left[cut]]]),
                "profile_id": np.concatenate([pids, np.full(len(cut), None, dtype=object)]),
                "cut": pd.array([None] * len(rows) + rows[right[cut]].tolist(), dtype="Int64"),
            }
        )

    return run


def _local_frame(batch: pd.DataFrame, *, exclude: set[str]) -> pd.DataFrame:
    """A Spark batch of records as the local frame holds them (text as objects, tuples)."""
    out = {}
    for c in batch.columns:
        if c in exclude:
            continue
        values = _values(batch[c])
        if c.endswith("_variants"):
            values = np.array([None if v is None else tuple(v) for v in values], dtype=object)
        out[c] = values
    return pd.DataFrame(out)


def _own_profiles(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """Records that link to nothing: each its own profile."""
    for b in batches:
        if len(b) == 0:
            continue
        labels = np.arange(len(b), dtype=np.int64)
        pids = profile_ids(b["source"].astype(object), b["record_id"].astype(object), labels)
        yield pd.DataFrame({"row": b[ROW].to_numpy(np.int64), "profile_id": pids})
