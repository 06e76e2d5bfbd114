"""Records on Spark: row numbers equal to the local engine's row positions.

The local engine sorts the standardised records by ``(source, record_id)``
and numbers them from 0; pairs, rules and clusters all speak of those
numbers. On Spark the same numbers come from a global sort (ranks counted
per partition, then offset by the sizes of the partitions before), never
from a window over a single partition.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import reduce
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["ROW", "from_pandas", "to_pandas", "with_row_numbers"]

#: The column holding a record's row position (its rank in ``(source, record_id)`` order).
ROW = "row"


def with_row_numbers(df: DataFrame, order: Sequence[str], *, name: str = ROW) -> DataFrame:
    """``df`` with a long column ``name``: each row's rank, from 0, in ``order``.

    Sorted by range partitions and materialised (``localCheckpoint``, which
    also cuts the lineage of what came before); each row's rank is its
    position in its partition plus the sizes of the partitions before it,
    counted in one small job. No step holds all rows in one partition and no
    row goes through Python. The keys must be unique (ties get an arbitrary
    order).
    """
    from pyspark.sql import functions as F

    mid = "__mid"
    ordered = df.sort(*order).withColumn(mid, F.monotonically_increasing_id()).localCheckpoint()
    part = F.shiftright(F.col(mid), 33)  # the partition index, in the id's upper bits
    sizes = sorted(
        (r["p"], r["n"])
        for r in ordered.groupBy(part.alias("p")).agg(F.count("*").alias("n")).collect()
    )
    starts, total = [], 0
    for p, n in sizes:
        starts += [F.lit(p), F.lit(total)]
        total += n
    start = F.create_map(*starts)[part] if starts else F.lit(0)
    rank = F.col(mid) - F.shiftleft(part, 33) + start
    return ordered.withColumn(name, rank.cast("long")).drop(mid)


def from_pandas(spark: SparkSession, frame: pd.DataFrame) -> DataFrame:
    """A pandas frame on Spark; text and object columns as strings (None stays null)."""
    columns = {}
    for c in frame.columns:
        s = frame[c]
        if isinstance(s.dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(s.dtype):
            values = s.astype(object).to_numpy()
            columns[c] = pd.Series(
                np.where(pd.isna(values), None, values), index=frame.index, dtype=object
            )
        else:
            columns[c] = s
    return spark.createDataFrame(pd.DataFrame(columns, index=frame.index))


def to_pandas(df: DataFrame) -> pd.DataFrame:
    """A Spark frame as pandas, with text as Python objects (None where missing).

    For tests and small results only: it brings every row to the driver.
    """
    out = df.toPandas()
    for c in out.columns:
        if pd.api.types.is_string_dtype(out[c].dtype):
            values = out[c].astype(object).to_numpy()
            out[c] = pd.Series(np.where(pd.isna(values), None, values), dtype=object)
    return out


# -- value profile: hub and shared identifier values, locality -----------------


def spark_profile_values(
    records: DataFrame,
    *,
    hub_people: int = 3,
    hub_records: int = 50,
    blocklist: dict | None = None,
    allowlist: dict | None = None,
    buckets: int = 8,
) -> DataFrame:
    """``records`` after the local ``flag_shared_values`` and ``add_locality``.

    Every identifier value is stacked with the columns that tell people apart
    and grouped by (column, value hash) into ``buckets`` groups per column,
    each handed whole to the local ``flag_shared_values`` (it decides per
    value, so a group of whole values gets the same answer); values carried
    by one record are dropped there first, unless blocklisted. The verdicts
    come back in one join: hubs blanked, ``<column>__shared`` flags added.
    Locality then follows from small tables broadcast to the records (see
    ``_with_locality``).
    """
    from pyspark.sql import functions as F

    from ..._types import type_names
    from ...matchers._levels import shared_column
    from ...values._hubs import people_columns

    columns = [c for c in type_names(kind="identifier", encoding="plain") if c in records.columns]
    if not columns:
        return _with_locality(records).localCheckpoint()
    people = [c for c in people_columns() if c in records.columns]
    stacked = reduce(
        lambda a, b: a.unionByName(b),
        [
            records.where(F.col(col).isNotNull()).select(
                F.lit(k).alias("__col"),
                F.col(col).alias("__value"),
                ROW,
                *people,
            )
            for k, col in enumerate(columns)
        ],
    )
    bucket = F.pmod(F.hash("__value"), F.lit(buckets))
    verdicts = stacked.groupBy("__col", bucket.alias("__bucket")).applyInPandas(
        _hub_verdicts(columns, people, hub_people, hub_records, blocklist, allowlist),
        f"{ROW} long, __col int, hub boolean",
    )
    per_row = verdicts.groupBy(ROW).agg(
        *(
            F.max(F.when(F.col("__col") == k, F.col("hub").cast("int"))).alias(f"__hub_{col}")
            for k, col in enumerate(columns)
        )
    )
    out = records.join(per_row, on=ROW, how="left")
    for col in columns:
        verdict = F.col(f"__hub_{col}")
        hub = F.coalesce(verdict == 1, F.lit(False))
        out = out.withColumn(col, F.when(hub, F.lit(None).cast("string")).otherwise(F.col(col)))
        out = out.withColumn(shared_column(col), verdict.isNotNull() & ~hub)
    out = out.drop(*(f"__hub_{c}" for c in columns))
    return _with_locality(out).localCheckpoint()


def _hub_verdicts(
    columns: list[str],
    people: list[str],
    hub_people: int,
    hub_records: int,
    blocklist: dict | None,
    allowlist: dict | None,
) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """Per group of whole values of one column: the rows whose value is a hub or shared."""
    from ..._types import type_names
    from ...matchers._levels import shared_column
    from ...values._hubs import flag_shared_values

    others = [c for c in type_names(kind="identifier", encoding="plain") if c in people]

    def flags(batch: pd.DataFrame) -> pd.DataFrame:
        k = int(batch["__col"].iloc[0])
        col = columns[k]
        value = batch["__value"].astype(object)
        listed = list((blocklist or {}).get(col, ()))
        keep = value.duplicated(keep=False) | value.isin(listed)
        batch = batch[keep.to_numpy()].sort_values(ROW).reset_index(drop=True)
        frame = pd.DataFrame({c: batch[c].astype(object) for c in people if c != col})
        named = [c for c in ("first_key", "dob") if c in frame.columns]
        if named and frame[named].notna().any(axis=1).all():
            # Every record is told apart by name or birth date: the other
            # identifiers are not read, so they are not flagged in vain.
            frame = frame.drop(columns=[c for c in others if c in frame.columns])
        frame[col] = batch["__value"].astype(object)
        flag_shared_values(
            frame,
            hub_people=hub_people,
            hub_records=hub_records,
            blocklist=blocklist,
            allowlist=allowlist,
        )
        hub = frame[col].isna().to_numpy()
        shared = frame[shared_column(col)].to_numpy(dtype=bool)
        sel = hub | shared
        return pd.DataFrame(
            {
                ROW: batch[ROW].to_numpy()[sel],
                "__col": np.full(int(sel.sum()), k, np.int32),
                "hub": hub[sel],
            }
        )

    return flags


def _with_locality(records: DataFrame) -> DataFrame:
    """Add ``locality``, ``locality_from`` and ``locality_share`` as ``add_locality`` does.

    The majority city of each postcode and phone prefix is decided by the
    local ``majority_locality`` on the records of whole keys (grouped by key hash);
    the share of each locality is a group count over the total. Both tables
    have a row per key or locality, far fewer than records, and are
    broadcast to the records instead of shuffling them.
    """
    from pyspark.sql import functions as F

    from ...values._locality import majority_locality

    if "city" not in records.columns:
        return (
            records.withColumn("locality", F.lit(None).cast("string"))
            .withColumn("locality_from", F.lit(None).cast("string"))
            .withColumn("locality_share", F.lit(float("nan")))
        )
    locality = F.col("city")
    origin = F.when(F.col("city").isNotNull(), F.lit("city"))
    keys = []
    if "postcode" in records.columns:
        keys.append(("postcode", F.col("postcode")))
    if "phone" in records.columns:
        keys.append(("phone", F.substring(F.col("phone"), 1, 5)))
    out = records
    for name, key in keys:
        out = out.withColumn(f"__key_{name}", key)
    if keys:
        pairs = reduce(
            lambda a, b: a.union(b),
            [
                records.select(F.lit(name).alias("kind"), key.alias("key"), "city").where(
                    F.col("key").isNotNull() & F.col("city").isNotNull()
                )
                for name, key in keys
            ],
        )

        def majority(batch: pd.DataFrame) -> pd.DataFrame:
            table = majority_locality(batch["key"].astype(object), batch["city"].astype(object))
            return pd.DataFrame(
                {
                    "kind": batch["kind"].iloc[0],
                    "key": table.index.to_numpy(dtype=object),
                    "city": table.to_numpy(dtype=object),
                }
            )

        tables = (
            pairs.groupBy("kind", F.pmod(F.hash("key"), F.lit(8)).alias("__bucket"))
            .applyInPandas(majority, "kind string, key string, city string")
            .localCheckpoint()
        )
        for name, _ in keys:
            table = tables.where(F.col("kind") == name).select(
                F.col("key").alias(f"__key_{name}"), F.col("city").alias(f"__city_{name}")
            )
            out = out.join(F.broadcast(table), on=f"__key_{name}", how="left")
            inferred = F.col(f"__city_{name}")
            origin = F.when(locality.isNull() & inferred.isNotNull(), F.lit(name)).otherwise(origin)
            locality = F.coalesce(locality, inferred)
    out = out.withColumn("locality", locality).withColumn("locality_from", origin)
    out = out.drop(*(f"__{p}_{n}" for n, _ in keys for p in ("key", "city"))).localCheckpoint()
    counts = (
        out.where(F.col("locality").isNotNull())
        .groupBy("locality")
        .agg(F.count("*").alias("__n"))
        .localCheckpoint()
    )
    total = counts.agg(F.sum("__n")).first()[0] or 0
    shares = counts.select("locality", (F.col("__n") / F.lit(float(total))).alias("locality_share"))
    out = out.join(F.broadcast(shares), on="locality", how="left").withColumn(
        "locality_share", F.coalesce(F.col("locality_share"), F.lit(float("nan")))
    )
    return out.select(*records.columns, "locality", "locality_from", "locality_share")
