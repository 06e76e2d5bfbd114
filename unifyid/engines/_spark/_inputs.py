"""Sources on Spark: what each source's records are, and the checks the local engine makes.

A source given as a Spark DataFrame, or as a Parquet file or folder, is read by
Spark and never brought to the driver; other sources (pandas frames, CSV files)
are read as the local engine reads them. Every source is checked as the local
engine checks it (missing columns, empty sources, missing or duplicate ids), the
Spark ones by one aggregation each.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Union

import pandas as pd

from ..._errors import SourceNotFoundError
from ..._source import Source
from ...standardise._validate import SourceFacts, check_source_facts, source_facts

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["check_sources", "source_frames"]

Frame = Union[pd.DataFrame, "DataFrame"]


def source_frames(spark: SparkSession, sources: Sequence[Source]) -> list[Frame]:
    """Each source's records: a Spark DataFrame where Spark reads them, else pandas."""
    out: list[Frame] = []
    for src in sources:
        sdf = src.spark_frame
        path = src.path
        if sdf is not None:
            out.append(sdf)
        elif path is not None and (path.suffix.lower() == ".parquet" or path.is_dir()):
            if not path.exists():
                raise SourceNotFoundError(f"source {src.name!r}: file not found: {path}")
            out.append(spark.read.parquet(str(path)))
        else:
            out.append(src.read())
    return out


def check_sources(sources: Sequence[Source], frames: Sequence[Frame]) -> None:
    """The local engine's source checks, on pandas and Spark frames alike.

    The facts of each table are counted where it lives (one aggregation per
    Spark frame); the verdicts and messages are the local engine's.

    Raises
    ------
    SchemaError
        Listing every problem of every source at once.
    """
    facts = [
        source_facts(s, f) if isinstance(f, pd.DataFrame) else _spark_facts(s, f)
        for s, f in zip(sources, frames)
    ]
    check_source_facts(sources, facts)


def _spark_facts(src: Source, sdf: DataFrame) -> SourceFacts:
    """Row count, records without an id and repeated ids: one aggregation."""
    from pyspark.sql import functions as F

    columns = tuple(sdf.columns)
    if src.id not in columns:
        n = sdf.count()
        return SourceFacts(columns, n, None, None)
    key = F.trim(F.col(src.id).cast("string"))
    present = F.when(key != "", key)
    row = sdf.agg(
        F.count(F.lit(1)).alias("n"),
        F.count(present).alias("with_id"),
        F.countDistinct(present).alias("distinct_ids"),
    ).first()
    return SourceFacts(
        columns, row["n"], row["n"] - row["with_id"], row["with_id"] - row["distinct_ids"]
    )
