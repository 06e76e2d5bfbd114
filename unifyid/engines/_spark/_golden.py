"""Golden records on Spark: the local ``build_golden`` per bucket of whole profiles.

A golden record depends only on its profile's records (ranks, time order and
source order are compared within a profile), so each bucket of whole
profiles, handed to the local code with its raw values and free columns,
gives the local rows. The output schema is the local code's on no records.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ...golden import SurvivorshipRule
from ...golden._build import build_golden
from ._cluster import _local_frame
from ._records import ROW

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

__all__ = ["spark_golden"]

_RAW = "raw__"
_EXTRA = "extra__"


def spark_golden(
    records: DataFrame,
    raw: DataFrame,
    extras: DataFrame,
    *,
    rules: Mapping[str, SurvivorshipRule] | None = None,
    buckets: int | None = None,
) -> tuple[DataFrame, DataFrame]:
    """Golden records and lineage per profile, equal to the local ``build_golden``'s.

    ``records`` are the standardised records with ``row`` and ``profile_id``;
    ``raw`` the values as written with the same ``row``; ``extras`` the free
    columns keyed by ``source`` and ``record_id``.
    """
    from pyspark.sql import functions as F

    session = records.sparkSession
    if buckets is None:
        buckets = int(session.conf.get("spark.sql.shuffle.partitions") or 8)
    frame_cols = [c for c in records.columns if c not in (ROW, "profile_id")]
    raw_cols = [c for c in raw.columns if c != ROW]
    extra_cols = [c for c in extras.columns if c not in ("source", "record_id")]
    joined = records.join(raw.select(ROW, *(F.col(c).alias(_RAW + c) for c in raw_cols)), on=ROW)
    if extra_cols:
        renamed = extras.select(
            "source", "record_id", *(F.col(c).alias(_EXTRA + c) for c in extra_cols)
        )
        joined = joined.join(renamed, on=["source", "record_id"], how="left")
    joined = joined.withColumn("__bucket", F.pmod(F.hash("profile_id"), F.lit(buckets)))

    golden_cols, lineage_cols = _columns(frame_cols, raw_cols, extra_cols, rules)
    counts = {"n_records", "n_candidates"}
    out_cols = [f"g__{c}" for c in golden_cols] + [f"l__{c}" for c in lineage_cols]
    schema = ", ".join(f"`{c}` {'long' if c[3:] in counts else 'string'}" for c in out_cols)

    def build(batch: pd.DataFrame) -> pd.DataFrame:
        batch = batch.sort_values(ROW, kind="stable").reset_index(drop=True)
        frame = _local_frame(batch[frame_cols], exclude=set())
        raw_frame = _local_frame(
            batch[[_RAW + c for c in raw_cols]].rename(columns=lambda c: c[len(_RAW) :]),
            exclude=set(),
        )
        ex = _local_frame(
            batch[["source", "record_id", *(_EXTRA + c for c in extra_cols)]].rename(
                columns=lambda c: c.removeprefix(_EXTRA)
            ),
            exclude=set(),
        )
        pid = batch["profile_id"].to_numpy(dtype=object)
        golden, lineage = build_golden(frame, raw_frame, ex, pid, rules=rules)
        both = pd.concat([golden.add_prefix("g__"), lineage.add_prefix("l__")], ignore_index=True)
        for c in both.columns:
            if c[3:] in counts:
                both[c] = both[c].astype("Int64")
            else:
                values = both[c].astype(object).to_numpy()
                both[c] = np.where(pd.isna(values), None, values)
        return both[out_cols]

    done = joined.groupBy("__bucket").applyInPandas(build, schema).localCheckpoint()
    golden = done.where(F.col("g__profile_id").isNotNull()).select(
        *(F.col(f"`g__{c}`").alias(c) for c in golden_cols)
    )
    lineage = done.where(F.col("l__profile_id").isNotNull()).select(
        *(F.col(f"`l__{c}`").alias(c) for c in lineage_cols)
    )
    return golden, lineage


def _columns(
    frame_cols: list[str], raw_cols: list[str], extra_cols: list[str], rules
) -> tuple[list[str], list[str]]:
    """The local code's golden and lineage columns, from a run on no records."""
    frame = pd.DataFrame({c: pd.Series([], dtype=object) for c in frame_cols})
    raw = pd.DataFrame({c: pd.Series([], dtype=object) for c in raw_cols})
    extras = pd.DataFrame(
        {c: pd.Series([], dtype=object) for c in ("source", "record_id", *extra_cols)}
    )
    golden, lineage = build_golden(frame, raw, extras, np.zeros(0, dtype=object), rules=rules)
    return list(golden.columns), list(lineage.columns)
