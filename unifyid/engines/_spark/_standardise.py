"""Standardisation on Spark: each source column standardised on its distinct values.

Every mapped column of every source is reduced to its distinct raw values,
which the project's own per-column standardiser (``_standardise_column``,
``split_full_name``) maps in ``mapInPandas``; the results are joined back to
the records. Standardisers that decide something for the whole column (the
day/month order of numeric dates of birth, restoring lost leading zeros of
postcodes, the formats of a timestamp column) get all of the column's
distinct values in one call, in the order the local engine sees them (first
appearance in the source), so they decide exactly as it does. The helper
columns (nickname keys, phonetic codes, names read from the email) are
computed per record batch by the local ``_names_from_email`` and
``add_blocking_keys``, which look at one record or one distinct name at a time.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import reduce
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..._errors import ConfigError
from ..._schema import ENCODED_TYPES
from ..._source import Source
from ...block._keys import add_blocking_keys
from ...standardise import split_full_name
from ...standardise._per_source import _standardise_column
from ...standardise._per_source import is_present as _present
from ...standardise._stage import STANDARD_COLUMNS, _names_from_email
from ...standardise._validate import id_strings as _id_strings
from ...standardise._validate import validate_sources as _validate
from ._records import ROW, from_pandas, with_row_numbers

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["DERIVED_COLUMNS", "standardised_records"]

#: Standardisers whose result for one value depends on the column's other values.
WHOLE_COLUMN = frozenset({"dob", "postcode", "timestamp"})

#: Columns added by ``_names_from_email`` and ``add_blocking_keys``, after the
#: standardised ones, with their Spark types.
DERIVED_COLUMNS: tuple[tuple[str, str], ...] = (
    ("first_name_from_email", "boolean"),
    ("last_name_from_email", "boolean"),
    ("first_key", "string"),
    ("first_phonetic", "string"),
    ("last_phonetic", "string"),
    ("first_initial", "string"),
    ("email_local", "string"),
    ("first_variants", "array<string>"),
    ("last_variants", "array<string>"),
    ("name_pair", "string"),
)

_POS = "__pos"
_RAW_EMAIL = "raw__email"


def standardised_records(
    spark: SparkSession,
    sources: Sequence[Source],
    *,
    region: str = "US",
    frames: Sequence[pd.DataFrame] | None = None,
) -> DataFrame:
    """The standardised records of ``sources``: the local ``prepare(...).frame`` on Spark.

    One row per record with a long ``row`` column (its local row position)
    and the same columns and values as the local frame (``source`` as text).
    ``frames`` are the sources' records when already read (pandas for now).

    Raises
    ------
    SchemaError
        Listing every schema problem of every source, as the local engine does.
    ConfigError
        A source maps encoded columns (not supported on Spark yet).
    """
    from pyspark.sql import functions as F

    frames = [s.read() for s in sources] if frames is None else list(frames)
    _validate(sources, frames)
    encoded = [s.name for s in sources if set(s.columns.values()) & set(ENCODED_TYPES)]
    if encoded:
        raise ConfigError(f"sources {encoded} are encoded; the Spark engine reads plain sources.")
    with_email = any("email" in s.columns.values() for s in sources)
    parts = [_one_source(spark, s, df, region=region) for s, df in zip(sources, frames)]
    names = ["source", "record_id", *STANDARD_COLUMNS] + ([_RAW_EMAIL] if with_email else [])
    parts = [
        p.select(
            *[(p[c] if c in p.columns else F.lit(None).cast("string")).alias(c) for c in names]
        )
        for p in parts
    ]
    records = with_row_numbers(
        reduce(lambda a, b: a.unionByName(b), parts), ["source", "record_id"]
    )
    # The plan of every column's standardisation ends here (its lineage is cut).
    return _derived(records, with_email=with_email).localCheckpoint()


def _one_source(spark: SparkSession, src: Source, df: pd.DataFrame, *, region: str) -> DataFrame:
    """Record ids and standardised columns of one source (only those it maps)."""
    from pyspark.sql import functions as F

    mapped = [(c, t) for c, t in src.columns.items() if t != "extra"]
    raw = pd.DataFrame({f"c{k}": df[c].to_numpy() for k, (c, _) in enumerate(mapped)})
    raw["id"] = df[src.id].to_numpy()
    raw[_POS] = np.arange(len(df), dtype=np.int64)
    sdf = from_pandas(spark, raw)
    out = _record_ids(sdf).withColumn("source", F.lit(src.name))
    values: dict[str, list] = {}
    full_names: list[tuple] = []
    raw_emails: list = []
    for k, (_, semantic) in enumerate(mapped):
        c = f"c{k}"
        table = _standardised_values(sdf, c, semantic, region=region)
        out = out.join(table, on=c, how="left") if table is not None else out
        if semantic == "full_name":
            full_names.append((F.col(f"{c}__first"), F.col(f"{c}__last")))
            continue
        values.setdefault(semantic, []).append(F.col(f"{c}__std"))
        if semantic == "email":
            raw_emails.append(F.col(f"{c}__raw"))
    for first, last in full_names:
        values.setdefault("first_name", []).append(first)
        values.setdefault("last_name", []).append(last)
    # Several columns of one type: the first non-empty value wins (full names last).
    columns = [F.coalesce(*cols).alias(name) for name, cols in values.items()]
    if raw_emails:
        columns.append(F.coalesce(*raw_emails).alias(_RAW_EMAIL))
    return out.select("source", "record_id", *columns)


def _record_ids(sdf: DataFrame) -> DataFrame:
    """``record_id`` as the local engine writes it (integral floats without ``.0``)."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    is_float = isinstance(sdf.schema["id"].dataType, (T.DoubleType, T.FloatType))
    integral = True
    if is_float:
        # Decided on the whole column, as ``_id_strings`` does.
        v = F.col("id")
        integral = sdf.where(v.isNotNull() & ~F.isnan(v) & (v != F.floor(v))).limit(1).count() == 0

    def ids(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for b in batches:
            v = b["id"]
            if is_float and not integral:
                text = v.astype(object).map(lambda x: None if pd.isna(x) else str(x).strip())
            else:
                text = _id_strings(v)
            yield pd.DataFrame({_POS: b[_POS], "record_id": text.to_numpy(dtype=object)})

    schema = f"{_POS} long, record_id string"
    keep = [c for c in sdf.columns if c != "id"]
    return sdf.select(_POS, "id").mapInPandas(ids, schema).join(sdf.select(*keep), on=_POS)


def _standardised_values(sdf: DataFrame, c: str, semantic: str, *, region: str) -> DataFrame | None:
    """Per distinct raw value of column ``c``: its standardised value(s), keyed by ``c``."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    raw_type = sdf.schema[c].dataType
    if isinstance(raw_type, T.NullType):
        return None
    fields = [T.StructField(c, raw_type)]
    if semantic == "full_name":
        fields += [
            T.StructField(f"{c}__first", T.StringType()),
            T.StructField(f"{c}__last", T.StringType()),
        ]
    else:
        fields += [
            T.StructField(f"{c}__std", T.StringType()),
            T.StructField(f"{c}__raw", T.StringType()),
        ]
    schema = T.StructType(fields)

    def standardise(batch: pd.DataFrame) -> pd.DataFrame:
        raw = batch[c].astype(object).reset_index(drop=True)
        if semantic == "full_name":
            parts = split_full_name(raw)
            return pd.DataFrame(
                {
                    c: batch[c].to_numpy(),
                    f"{c}__first": parts["first_name"].to_numpy(dtype=object),
                    f"{c}__last": parts["last_name"].to_numpy(dtype=object),
                }
            )
        std, _ = _standardise_column(semantic, raw, region=region)
        present = _present(raw).to_numpy(dtype=bool)
        text = np.where(present, raw.map(str).to_numpy(dtype=object), None)
        return pd.DataFrame(
            {c: batch[c].to_numpy(), f"{c}__std": std.to_numpy(dtype=object), f"{c}__raw": text}
        )

    distinct = sdf.where(F.col(c).isNotNull()).groupBy(c).agg(F.min(_POS).alias("first"))
    if semantic in WHOLE_COLUMN:
        # All distinct values in one call, in order of first appearance, as locally.
        def whole(batch: pd.DataFrame) -> pd.DataFrame:
            return standardise(batch.sort_values("first", kind="stable"))

        return distinct.withColumn("__all", F.lit(0)).groupBy("__all").applyInPandas(whole, schema)

    def batches(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for b in frames:
            if len(b):
                yield standardise(b)

    return distinct.mapInPandas(batches, schema)


def _derived(records: DataFrame, *, with_email: bool) -> DataFrame:
    """Add the local helper columns (per record batch) and drop the raw email."""
    base = ["source", "record_id", *STANDARD_COLUMNS]
    schema = ", ".join(
        [f"{ROW} long", *(f"{c} string" for c in base), *(f"{c} {t}" for c, t in DERIVED_COLUMNS)]
    )
    names = [ROW, *base, *(c for c, _ in DERIVED_COLUMNS)]

    def derive(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for b in frames:
            if not len(b):
                continue
            b = b.reset_index(drop=True)
            frame = pd.DataFrame({c: b[c].astype(object) for c in base})
            raw = pd.DataFrame({"email": b[_RAW_EMAIL].astype(object)}) if with_email else frame[[]]
            _names_from_email(frame, raw)
            add_blocking_keys(frame)
            frame[ROW] = b[ROW].to_numpy()
            for c in ("first_variants", "last_variants"):
                frame[c] = [None if v is None else list(v) for v in frame[c]]
            yield frame[names]

    return records.mapInPandas(derive, schema)
