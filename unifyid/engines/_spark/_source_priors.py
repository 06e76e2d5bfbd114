"""The prior per pair of sources on Spark: the local ``source_shifts`` as group sums.

The candidates are reduced to one row per pair of sources and distinct
evidence with its count, checkpointed; each step of the fixed point is then
one small aggregation for all pairs of sources at once, and the steps and
stopping rule are the local ones (``prior_fixed_points``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ...score._source_priors import pair_totals, shifts_from_priors
from ...score._training import prior_fixed_points
from ._records import ROW

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

__all__ = ["spark_source_shifts"]


def spark_source_shifts(
    records: DataFrame, pairs: DataFrame, prior_bits: float
) -> dict[tuple[str, str], float]:
    """Shifts in bits from the prior per pair of sources; ``pairs`` holds ``left``,
    ``right`` (record rows) and each candidate's evidence ``bits``."""
    from pyspark.sql import functions as F

    counts = {
        str(r["source"]): int(r["count"]) for r in records.groupBy("source").count().collect()
    }
    names = sorted(counts)
    k = len(names)
    if k < 2:
        return {}
    code = F.create_map(*[F.lit(v) for i, name in enumerate(names) for v in (name, i)])
    coded = records.select(F.col(ROW), code[F.col("source")].alias("code"))
    side_l = coded.select(F.col(ROW).alias("left"), F.col("code").alias("__cl"))
    side_r = coded.select(F.col(ROW).alias("right"), F.col("code").alias("__cr"))
    grouped = (
        pairs.select("left", "right", "bits")
        .join(side_l, on="left")
        .join(side_r, on="right")
        .select(
            (F.least("__cl", "__cr") * F.lit(k) + F.greatest("__cl", "__cr")).alias("group"),
            "bits",
        )
        .groupBy("group", "bits")
        .agg(F.count("*").alias("n"))
        .localCheckpoint()
    )
    n_candidates = _by_group(grouped.groupBy("group").agg(F.sum("n").alias("s")), k)

    def posterior_sums(priors: np.ndarray) -> np.ndarray:
        shift = F.create_map(*[F.lit(v) for g in range(k * k) for v in (g, float(priors[g]))])
        logit = F.least(
            F.greatest(F.col("bits") + shift[F.col("group")], F.lit(-60.0)), F.lit(60.0)
        )
        post = F.lit(1.0) / (F.lit(1.0) + F.pow(F.lit(2.0), -logit))
        return _by_group(grouped.groupBy("group").agg(F.sum(post * F.col("n")).alias("s")), k)

    totals = pair_totals([counts[name] for name in names])
    lambdas = prior_fixed_points(posterior_sums, n_candidates, totals)
    return shifts_from_priors(names, lambdas, n_candidates, prior_bits)


def _by_group(sums: DataFrame, k: int) -> np.ndarray:
    """A per-group sum collected into an array over all ``k * k`` groups (0 where none)."""
    out = np.zeros(k * k, dtype=np.float64)
    for row in sums.collect():
        out[int(row["group"])] = float(row["s"] or 0.0)
    return out
