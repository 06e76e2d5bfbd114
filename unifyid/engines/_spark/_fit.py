"""The fit stage on Spark: m, u and the prior as the local ``fit_model`` learns them.

Only small aggregates reach the driver, which runs the local code on them:
- u from random pairs: ``random_pairs`` draws positions on the driver, Spark
  compares them (``spark_compare_pairs``) and counts each matcher's levels;
- m by one EM session per training rule: each rule's pairs (those over
  ``_SESSION_PAIRS`` ranked on Spark, the local draw of ranks joined back)
  counted per comparison pattern, then ``m_from_sessions`` on the counts;
- the prior's fixed point and each refining pass of u as aggregations on
  Spark over the candidates counted per distinct (levels, summed weight),
  materialised once per value of u. Term-frequency terms make that frame
  large (on the generator, 9k rows for 20k candidate pairs, 54k for 133k),
  so it never leaves the executors: each step of the fixed point is one
  sum over it, each refining pass one row of sums per matcher and level.
The weights per pair come from the local ``pair_weights`` on each batch.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ...block._rules import BlockingRule
from ...compare import random_pairs
from ...graph._households import household_evidence
from ...matchers import Matcher
from ...matchers._levels import shared_column
from ...score import U_REFINE_PASSES, FittedModel, level_weights, pair_weights, u_from_counts
from ...score._training import (
    _MIN_SESSION_PAIRS,
    m_from_sessions,
    prior_fixed_point,
    rule_base_columns,
    rule_trains,
    session_off,
    session_sample,
)
from ._compare import gamma_columns, spark_compare_pairs
from ._records import ROW, with_row_numbers
from ._source_priors import spark_source_shifts
from ._terms import SparkTerms, spark_term_frequencies
from ._workers import batches_in_one_process

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

__all__ = ["SparkFit", "spark_fit"]


@dataclass(frozen=True)
class SparkFit:
    """The model and, per candidate pair, its levels and contributions under it.

    ``pairs`` holds ``left``, ``right``, the level columns ``g0 ..``, each
    matcher's contribution in bits ``w0 ..`` (float) and their sum ``bits``
    (double), as the local fit's contributions; it is lazy (the caller
    checkpoints or writes it). ``terms`` are the records' term frequencies,
    which the graph stage scores pairs with again.
    """

    model: FittedModel
    pairs: DataFrame
    terms: SparkTerms


def spark_fit(
    records: DataFrame,
    gamma: DataFrame,
    rule_pairs: DataFrame,
    representative: DataFrame,
    rules: Sequence[BlockingRule],
    matchers: Sequence[Matcher],
    *,
    n_random_pairs: int,
    max_iter: int,
    random_state: int,
) -> SparkFit:
    """The local ``fit_model`` on Spark.

    ``records`` are the profiled records (``spark_profile_values``), ``gamma`` the
    candidates' levels (``spark_compare_pairs``), ``rule_pairs`` and
    ``representative`` those of ``spark_candidate_pairs`` over ``rules``.
    """
    from pyspark.sql import functions as F

    matchers = list(matchers)
    names = [mt.name for mt in matchers]
    n_levels = [mt.n_levels for mt in matchers]
    terms = spark_term_frequencies(records, matchers, representative)
    scored = _with_terms(gamma, terms).localCheckpoint()
    n = records.count()
    n_total = n * (n - 1) // 2

    spark = records.sparkSession
    ri, rj = random_pairs(n, n_random_pairs, random_state)
    drawn = spark.createDataFrame(pd.DataFrame({"left": ri, "right": rj}))
    gamma_r = spark_compare_pairs(records, drawn, matchers)
    marked = gamma.select("left", "right", F.lit(True).alias("__cand"))
    gamma_r = gamma_r.join(marked, on=["left", "right"], how="left")
    all_r, outside_r = _level_counts(gamma_r, n_levels)
    u = [u_from_counts(c) for c in all_r]
    n_out_r = int(outside_r[0].sum()) if len(outside_r) else 0
    rest = [c / max(n_out_r, 1) for c in outside_r]

    sessions = _sessions(records, scored, rule_pairs, rules, matchers, random_state)
    m, n_iter = m_from_sessions(sessions, matchers, u, max_iter=max_iter)
    m_by_name = dict(zip(names, m))
    u_by_name = dict(zip(names, u))

    def weights() -> tuple[list[np.ndarray], list[np.ndarray]]:
        return [level_weights(m_by_name[k], u_by_name[k]) for k in names], [
            u_by_name[k] for k in names
        ]

    columns = _Columns(matchers, terms.keys, terms.columns)
    weighed = _weighed(scored, columns, *weights())
    patterns, counts = weighed.patterns(columns.levels)
    households = household_evidence(patterns, matchers, counts)
    model = FittedModel(matchers, m_by_name, u_by_name, weighed.prior(n_total), n_iter)
    n_outside = n_total - weighed.n_pairs
    for _ in range(U_REFINE_PASSES):
        inside = weighed.non_match_sums(n_levels, model.prior)
        for k, name in enumerate(names):
            u_by_name[name] = u_from_counts(inside[k] + n_outside * rest[k])
        weighed = _weighed(scored, columns, *weights())
        model = replace(model, lambda_=weighed.prior(n_total))
    pairs = _contributions(scored, columns, *weights())
    shifts = spark_source_shifts(records, pairs, model.prior)
    return SparkFit(replace(model, households=households, source_shifts=shifts), pairs, terms)


@dataclass(frozen=True)
class _Columns:
    """The matchers and where a batch of scored pairs holds their levels and frequencies."""

    matchers: list[Matcher]
    #: The local ``tf`` keys and the columns holding them (no DataFrame: this goes to workers).
    tf_keys: tuple[str, ...]
    tf_columns: tuple[str, ...]

    @property
    def levels(self) -> list[str]:
        return gamma_columns(self.matchers)

    def weights(
        self, batch: pd.DataFrame, level_w: list[np.ndarray], u: list[np.ndarray]
    ) -> tuple[np.ndarray, np.ndarray]:
        """Each pair's levels and contributions (the local ``pair_weights``) in one batch."""
        b = len(batch)
        tf = {
            key: np.concatenate(
                [
                    batch[f"l__{c}"].to_numpy(dtype=np.float64, na_value=np.nan),
                    batch[f"r__{c}"].to_numpy(dtype=np.float64, na_value=np.nan),
                ]
            )
            for key, c in zip(self.tf_keys, self.tf_columns)
        }
        gamma = batch[self.levels].to_numpy(dtype=np.int8)
        rows = np.arange(b, dtype=np.int64)
        return gamma, pair_weights(tf, rows, rows + b, gamma, self.matchers, level_w, u)


def _with_terms(gamma: DataFrame, terms: SparkTerms) -> DataFrame:
    """The candidates' levels with both records' term frequencies beside them."""
    from pyspark.sql import functions as F

    tf = terms.frame
    left = tf.select(F.col(ROW).alias("left"), *(F.col(c).alias(f"l__{c}") for c in terms.columns))
    right = tf.select(
        F.col(ROW).alias("right"), *(F.col(c).alias(f"r__{c}") for c in terms.columns)
    )
    return gamma.join(left, on="left", how="left").join(right, on="right", how="left")


def _level_counts(
    gamma_r: DataFrame, n_levels: list[int]
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Per matcher, its level counts among the random pairs, all and outside the candidates."""
    from pyspark.sql import functions as F

    names = [f"g{k}" for k in range(len(n_levels))]  # as ``gamma_columns`` names them
    stacked = F.explode(
        F.array(
            *(F.struct(F.lit(k).alias("k"), F.col(g).alias("level")) for k, g in enumerate(names))
        )
    )
    outside = F.col("__cand").isNull().alias("outside")
    rows = (
        gamma_r.select(stacked.alias("s"), outside)
        .groupBy(F.col("s.k").alias("k"), F.col("s.level").alias("level"), "outside")
        .count()
        .collect()
    )
    every = [np.zeros(nl, dtype=np.int64) for nl in n_levels]
    out = [np.zeros(nl, dtype=np.int64) for nl in n_levels]
    for r in rows:
        every[r["k"]][r["level"]] += r["count"]
        if r["outside"]:
            out[r["k"]][r["level"]] += r["count"]
    return every, out


def _sessions(
    records: DataFrame,
    scored: DataFrame,
    rule_pairs: DataFrame,
    rules: Sequence[BlockingRule],
    matchers: list[Matcher],
    seed: int,
) -> list[tuple[list[int], np.ndarray, np.ndarray]]:
    """Each training rule's EM session as ``train_m`` builds it: (off, patterns, counts).

    A rule's pairs lose those whose left record's value of a blocked
    identifier is shared; a session over ``_SESSION_PAIRS`` keeps the pairs
    at the ranks (in ``(left, right)`` order) that the local draw chooses.
    """
    from pyspark.sql import functions as F

    names = gamma_columns(matchers)
    shared = [c for c in records.columns if c.endswith("__shared")]
    flags = records.select(F.col(ROW).alias("left"), *shared)
    keyed = {}
    for k, rule in enumerate(rules):
        if not rule_trains(rule.columns):
            continue
        keys = rule_pairs.where(F.col("rule") == k).select("left", "right")
        cut = [shared_column(c) for c in sorted(rule_base_columns(rule.columns))]
        cut = [c for c in cut if c in shared]
        if cut:
            keys = keys.join(flags.select("left", *cut), on="left")
            for c in cut:
                keys = keys.where(~F.col(c))
        keyed[k] = keys.select("left", "right")
    if not keyed:
        return []
    parts = [keys.select(F.lit(k).alias("rule")) for k, keys in keyed.items()]
    union = parts[0]
    for p in parts[1:]:
        union = union.unionByName(p)
    sizes = {r["rule"]: r["count"] for r in union.groupBy("rule").count().collect()}
    rng = np.random.default_rng(seed)
    chosen = []
    spark = records.sparkSession
    for k, keys in keyed.items():
        if sizes.get(k, 0) < _MIN_SESSION_PAIRS:
            continue
        at = session_sample(rng, sizes[k])
        if at is not None:
            ranked = with_row_numbers(keys, ["left", "right"], name="__rank")
            ranks = spark.createDataFrame(pd.DataFrame({"__rank": at.astype(np.int64)}))
            keys = ranked.join(ranks, on="__rank").select("left", "right")
        off = session_off(rules[k].columns, matchers)
        levels = [F.lit(0).alias(g) if j in off else F.col(g) for j, g in enumerate(names)]
        session = keys.join(scored, on=["left", "right"])
        chosen.append((k, off, session.select(F.lit(k).alias("rule"), *levels)))
    if not chosen:
        return []
    union = chosen[0][2]
    for _, _, p in chosen[1:]:
        union = union.unionByName(p)
    rows = union.groupBy("rule", *names).count().collect()
    out = []
    for k, off, _ in chosen:
        mine = sorted((r for r in rows if r["rule"] == k), key=lambda r: tuple(r[g] for g in names))
        patterns = np.array([[r[g] for g in names] for r in mine], dtype=np.int8)
        counts = np.array([r["count"] for r in mine], dtype=np.int64)
        out.append((off, patterns.reshape(-1, len(names)), counts))
    return out


@dataclass(frozen=True)
class _Weighed:
    """The candidates under one u, on Spark: ``g0 ..``, summed weight ``bits`` and count ``n``.

    One row per distinct (levels, bits), materialised where the pairs are
    (``localCheckpoint``); the driver receives only sums over it.
    """

    frame: DataFrame
    #: How many candidate pairs the rows stand for.
    n_pairs: int

    def prior(self, n_total: int, *, max_iter: int = 200) -> float:
        """``estimate_prior`` with each step's sum of posteriors taken on Spark: the
        local fixed point, one small aggregation job per step (it settles in a handful)."""
        return prior_fixed_point(self._posterior_sums, self.n_pairs, n_total, max_iter=max_iter)

    def _posterior_sums(self, prior_bits: float) -> float:
        """The candidates' summed posteriors of matching under a prior (one Spark job)."""
        from pyspark.sql import functions as F

        logit = F.least(F.greatest(F.col("bits") + F.lit(prior_bits), F.lit(-60.0)), F.lit(60.0))
        post = F.lit(1.0) / (F.lit(1.0) + F.pow(F.lit(2.0), -logit))
        total = self.frame.agg(F.sum(post * F.col("n")).alias("s")).first()["s"]
        return float(total or 0.0)

    def non_match_sums(self, n_levels: list[int], prior: float) -> list[np.ndarray]:
        """Per matcher and level, the candidates' summed posteriors of not matching (one job)."""
        from pyspark.sql import functions as F

        logit = F.least(F.greatest(F.col("bits") + F.lit(prior), F.lit(-60.0)), F.lit(60.0))
        weight = F.col("n") / (F.lit(1.0) + F.pow(F.lit(2.0), logit))
        sums = [
            F.sum(F.when(F.col(f"g{k}") == level, weight)).alias(f"s{k}_{level}")
            for k, nl in enumerate(n_levels)
            for level in range(nl)
        ]
        row = self.frame.agg(*sums).first()
        return [
            np.array([row[f"s{k}_{level}"] or 0.0 for level in range(nl)], dtype=np.float64)
            for k, nl in enumerate(n_levels)
        ]

    def patterns(self, levels: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """The candidates' distinct level patterns and their counts (bounded by the levels)."""
        from pyspark.sql import functions as F

        rows = self.frame.groupBy(*levels).agg(F.sum("n").alias("n")).toPandas()
        patterns = rows[levels].to_numpy(dtype=np.int8).reshape(-1, len(levels))
        return patterns, rows["n"].to_numpy(dtype=np.int64)


def _weighed(
    scored: DataFrame, columns: _Columns, level_w: list[np.ndarray], u: list[np.ndarray]
) -> _Weighed:
    """The candidates counted per distinct levels and summed weight, kept on Spark.

    Term-frequency terms make the rows many (about 0.4 per pair on the
    generator), so they stay on the executors and the fixed point and the
    refining sums run as aggregations over them.
    """
    from pyspark.sql import functions as F

    levels = columns.levels

    def distinct(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            if len(batch) == 0:
                continue
            gamma, contrib = columns.weights(batch, level_w, u)
            out = pd.DataFrame(gamma.astype(np.int32), columns=levels)
            out["bits"] = contrib.sum(axis=1, dtype=np.float64)
            yield (
                out.groupby([*levels, "bits"], sort=False, dropna=False)
                .size()
                .reset_index(name="n")
            )

    schema = ", ".join([*(f"{g} int" for g in levels), "bits double", "n long"])
    frame = (
        scored.mapInPandas(batches_in_one_process(distinct), schema)
        .groupBy(*levels, "bits")
        .agg(F.sum("n").alias("n"))
        .localCheckpoint()
    )
    n_pairs = frame.agg(F.sum("n").alias("n")).first()["n"]
    return _Weighed(frame, int(n_pairs or 0))


def _contributions(
    scored: DataFrame, columns: _Columns, level_w: list[np.ndarray], u: list[np.ndarray]
) -> DataFrame:
    """``left``, ``right``, levels, each matcher's contribution and their sum, per pair."""
    levels = columns.levels
    ws = [f"w{k}" for k in range(len(levels))]
    schema = ", ".join(
        ["left long", "right long", *(f"{g} int" for g in levels), *(f"{w} float" for w in ws)]
    )

    def contributions(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            if len(batch) == 0:
                continue
            _, contrib = columns.weights(batch, level_w, u)
            out = batch[["left", "right", *levels]].copy()
            for k, w in enumerate(ws):
                out[w] = contrib[:, k]
            out["bits"] = contrib.sum(axis=1, dtype=np.float64)
            yield out

    return scored.mapInPandas(batches_in_one_process(contributions), f"{schema}, bits double")
