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

from ..._errors import SchemaError, SourceNotFoundError
from ..._source import Source
from ...standardise._validate import validate_sources

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

    Raises
    ------
    SchemaError
        Listing every problem of every source at once.
    """
    problems: list[str] = []
    local = [(s, f) for s, f in zip(sources, frames) if isinstance(f, pd.DataFrame)]
    try:
        validate_sources([s for s, _ in local], [f for _, f in local])
    except SchemaError as exc:
        problems += exc.problems
    names = [s.name for s in sources]
    if len(local) < len(sources) and len(set(names)) < len(names):
        dupes = sorted({n for n in names if names.count(n) > 1})
        problems.append(f"source names must be unique; repeated: {dupes}")
    for src, sdf in zip(sources, frames):
        if not isinstance(sdf, pd.DataFrame):
            problems += _spark_problems(src, sdf)
    if problems:
        raise SchemaError(list(dict.fromkeys(problems)))


def _spark_problems(src: Source, sdf: DataFrame) -> list[str]:
    """Empty source, absent columns, missing and duplicate ids: one aggregation."""
    from pyspark.sql import functions as F

    where = f"source {src.name!r}"
    available = list(sdf.columns)
    absent = [c for c in (src.id, *src.columns) if c not in available]
    if absent:
        return [f"{where}: mapped column(s) {absent} not found; available columns: {available}"]
    problems: list[str] = []
    if src.id in src.columns:
        problems.append(
            f"{where}: the id column {src.id!r} is also mapped to a semantic type; "
            "pass it as id= only (map a copy of it to customer_id to compare it)"
        )
    key = F.trim(F.col(src.id).cast("string"))
    present = F.when(key != "", key)
    row = sdf.agg(
        F.count(F.lit(1)).alias("n"),
        F.count(present).alias("with_id"),
        F.countDistinct(present).alias("distinct_ids"),
    ).first()
    if row["n"] == 0:
        return [*problems, f"{where} is empty (0 records)"]
    if row["n"] > row["with_id"]:
        problems.append(
            f"{where}, id column {src.id!r}: {row['n'] - row['with_id']} record(s) have no id"
        )
    if row["with_id"] > row["distinct_ids"]:
        problems.append(
            f"{where}, id column {src.id!r}: {row['with_id'] - row['distinct_ids']} duplicate "
            "id(s); record ids must be unique within a source"
        )
    return problems
