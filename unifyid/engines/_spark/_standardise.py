"""Standardisation on Spark: every source standardised in one pass over its records.

The project's own per-column standardisers (``standardise_column_values``,
``split_full_name``) and helper columns (``fill_names_from_email``,
``add_blocking_keys``) run per record
batch in ``mapInPandas``: they map each distinct value on its own, so a batch
gives what the whole column gives. Standardisers that decide something for
the whole column are split: the decision's evidence (the day/month order of
numeric dates of birth, restoring lost leading zeros of postcodes, whether a
float id column is integral) is gathered by one small aggregation over all
sources and handed to every batch. Timestamps that read on their own (ISO,
epochs) are standardised per batch; the layouts of the rest are detected on
a sample of the column in order of first appearance, so those values (none,
in most data) go to one call per column, after the records are numbered.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import reduce
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..._errors import ConfigError
from ..._schema import ENCODED_TYPES
from ..._source import Source
from ...standardise import split_full_name
from ...standardise._address import postcode_kind, postcode_padded, postcode_zero_padding
from ...standardise._dates import (
    date_of_birth_in_order,
    dob_day_first,
    dob_layout_evidence,
    timestamp_formatted,
    timestamp_unformatted,
)
from ...standardise._keys import add_blocking_keys
from ...standardise._per_source import is_present as _present
from ...standardise._per_source import standardise_column_values, written_text
from ...standardise._stage import STANDARD_COLUMNS, fill_names_from_email
from ...standardise._text import codes_and_values
from ...standardise._validate import id_strings as _id_strings
from ._inputs import check_sources, source_frames
from ._records import ROW, from_pandas, with_row_numbers

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["DERIVED_COLUMNS", "standardised_records"]

#: Columns added by ``fill_names_from_email`` and ``add_blocking_keys``, after the
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
#: Records per Arrow batch while standardising (see ``_arrow_batch_size``).
ARROW_BATCH = 200_000
_BASE = ("source", "record_id", *STANDARD_COLUMNS)
#: Prefixes of the columns carrying raw values and free columns through standardisation.
_RAW = "raw__"
_EXTRA = "extra__"
#: Evidence rows: per source and column, ``or`` evidence per key, or one row per distinct value.
_EVIDENCE = "src int, k int, kind string, key string, a boolean, b boolean"


def standardised_records(
    spark: SparkSession,
    sources: Sequence[Source],
    *,
    region: str = "US",
    frames: Sequence[pd.DataFrame] | None = None,
) -> DataFrame:
    """The standardised records of ``sources`` on Spark: the local
    ``standardise_sources(...).frame`` (the first of :func:`standardised_tables`)."""
    return standardised_tables(spark, sources, region=region, frames=frames)[0]


def standardised_tables(
    spark: SparkSession,
    sources: Sequence[Source],
    *,
    region: str = "US",
    frames: Sequence[pd.DataFrame] | None = None,
) -> tuple[DataFrame, DataFrame, DataFrame]:
    """The standardised records, the raw values and the free columns of ``sources``:
    the local ``Prepared.frame``, ``raw`` (with ``row``) and ``extras`` on Spark.

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

    frames = source_frames(spark, sources) if frames is None else list(frames)
    check_sources(sources, frames)
    encoded = [s.name for s in sources if set(s.columns.values()) & set(ENCODED_TYPES)]
    if encoded:
        raise ConfigError(f"sources {encoded} are encoded; the Spark engine reads plain sources.")
    with_email = any("email" in s.columns.values() for s in sources)
    raws = [
        _raw_records(spark, s, df) if isinstance(df, pd.DataFrame) else _spark_raw_records(s, df)
        for s, df in zip(sources, frames)
    ]
    n_stamps = max(sum(t == "timestamp" for _, t in _mapped(s)) for s in sources)
    with _arrow_batch_size(spark, ARROW_BATCH):
        decisions = _decisions(sources, raws)
        parts = [
            _one_source(
                s,
                sdf,
                decisions.get(n, {}),
                region=region,
                with_email=with_email,
                n_stamps=n_stamps,
            )
            for n, (s, sdf) in enumerate(zip(sources, raws))
        ]
        # Standardised once, before the sort samples its input to range-partition it.
        standardised = reduce(
            lambda a, b: a.unionByName(b, allowMissingColumns=True), parts
        ).localCheckpoint()
    records = with_row_numbers(standardised, ["source", "record_id"])
    names = [ROW, *_BASE, *(c for c, _ in DERIVED_COLUMNS)]
    raw_types = list(dict.fromkeys(t for s in sources for _, t in _mapped(s)))
    raw = records.select(ROW, "source", "record_id", *(F.col(_RAW + t).alias(t) for t in raw_types))
    extra_columns = list(dict.fromkeys(c for s in sources for c in _extra_columns(s)))
    extras = standardised.select(
        "source", "record_id", *(F.col(_EXTRA + c).alias(c) for c in extra_columns)
    )
    return _with_timestamps(records, n_stamps).select(*names), raw, extras


@contextmanager
def _arrow_batch_size(spark: SparkSession, rows: int) -> Iterator[None]:
    """Arrow batches of up to ``rows`` records for the Python steps run meanwhile.

    Each batch standardises its own distinct values, so few large batches
    repeat less work than Spark's default of 10,000 records; the session's
    own setting is restored afterwards.
    """
    key = "spark.sql.execution.arrow.maxRecordsPerBatch"
    before = spark.conf.get(key, None)
    spark.conf.set(key, str(rows))
    try:
        yield
    finally:
        if before is None:
            spark.conf.unset(key)
        else:
            spark.conf.set(key, before)


def _mapped(src: Source) -> list[tuple[str, str]]:
    return [(c, t) for c, t in src.columns.items() if t != "extra"]


def _extra_columns(src: Source) -> list[str]:
    """The source's free columns, carried along to golden records."""
    return [str(c) for c, t in src.columns.items() if t == "extra"]


def _raw_records(spark: SparkSession, src: Source, df: pd.DataFrame) -> DataFrame:
    """A source's id, mapped columns (``c0``, ``c1`` ..), free columns (``e0`` ..) and
    row position."""
    raw = pd.DataFrame({f"c{k}": df[c].to_numpy() for k, (c, _) in enumerate(_mapped(src))})
    for k, c in enumerate(c for c, t in src.columns.items() if t == "extra"):
        raw[f"e{k}"] = df[c].to_numpy()
    raw["id"] = df[src.id].to_numpy()
    raw[_POS] = np.arange(len(df), dtype=np.int64)
    return from_pandas(spark, raw)


def _spark_raw_records(src: Source, sdf: DataFrame) -> DataFrame:
    """As :func:`_raw_records`, for a source Spark reads; its position is Spark's row
    order (first appearance, for the column-level decisions, follows the partitions)."""
    from pyspark.sql import functions as F

    mapped = [F.col(c).alias(f"c{k}") for k, (c, _) in enumerate(_mapped(src))]
    extra = [F.col(c).alias(f"e{k}") for k, c in enumerate(_extra_columns(src))]
    return sdf.select(
        *mapped, *extra, F.col(src.id).alias("id"), F.monotonically_increasing_id().alias(_POS)
    )


def _batch_column(batch: pd.DataFrame, name: str, integral: bool) -> pd.Series:
    """A raw column of a batch; integers keep their type where nulls made them floats."""
    values = batch[name]
    if integral and pd.api.types.is_float_dtype(values.dtype):
        return values.astype("Int64")
    return values


def _integral_columns(sdf: DataFrame) -> set[str]:
    from pyspark.sql import types as T

    kinds = (T.ByteType, T.ShortType, T.IntegerType, T.LongType)
    return {f.name for f in sdf.schema.fields if isinstance(f.dataType, kinds)}


def _decisions(sources: Sequence[Source], raws: list[DataFrame]) -> dict[int, dict[Any, Any]]:
    """The column-level decisions of every source, from one small aggregation.

    Per source ``n``: ``decisions[n][k]`` is the day/month order per layout of
    dob column ``k`` or whether postcode column ``k`` is zero-padded, and
    ``decisions[n]["id"]`` whether a float id column is integral.
    """
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    parts = []
    for n, (src, sdf) in enumerate(zip(sources, raws)):
        float_id = isinstance(sdf.schema["id"].dataType, (T.DoubleType, T.FloatType))
        wanted = {k: t for k, (_, t) in enumerate(_mapped(src)) if t in ("dob", "postcode")}
        wanted = {k: t for k, t in wanted.items() if f"c{k}" in sdf.columns}
        if not wanted and not float_id:
            continue
        columns = [f"c{k}" for k in wanted] + (["id"] if float_id else [])
        integral = _integral_columns(sdf)
        parts.append(
            sdf.select(*columns).mapInPandas(_evidence(n, wanted, float_id, integral), _EVIDENCE)
        )
    if not parts:
        return {}
    evidence = reduce(lambda a, b: a.union(b), parts)
    # Distinct values once each (postcodes), ``or`` per key (layouts, float ids).
    per_key = evidence.groupBy("src", "k", "kind", "key").agg(
        F.max("a").alias("a"), F.max("b").alias("b")
    )
    layout = F.when(F.col("kind") == "or", F.col("key"))
    rows = (
        per_key.groupBy("src", "k", "kind", layout.alias("layout"))
        .agg(
            F.count("*").alias("n"),
            F.sum(F.col("a").cast("long")).alias("a"),
            F.sum(F.col("b").cast("long")).alias("b"),
        )
        .collect()
    )
    found: dict[int, dict[Any, Any]] = {}
    for r in rows:
        mine = found.setdefault(r["src"], {})
        if r["k"] < 0:
            mine["id"] = r["a"] == 0
        elif r["kind"] == "distinct":
            mine[r["k"]] = postcode_zero_padding(r["n"], r["a"], r["b"])
        else:
            sep, digits = r["layout"].split("|")
            evidence_k = mine.setdefault(r["k"], {})
            evidence_k[(sep, int(digits))] = (r["a"] > 0, r["b"] > 0)
    for mine in found.values():
        for k, value in mine.items():
            if isinstance(value, dict):
                mine[k] = dob_day_first(value)
    return found


def _evidence(n: int, wanted: dict[int, str], float_id: bool, integral: set[str]):
    """Per record batch: the evidence rows of the source's whole-column decisions."""

    def rows(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for b in batches:
            out: list[tuple] = []
            for k, semantic in wanted.items():
                raw = _batch_column(b, f"c{k}", f"c{k}" in integral).reset_index(drop=True)
                if semantic == "dob":
                    for (sep, digits), (a, bb) in dob_layout_evidence(raw).items():
                        out.append((n, k, "or", f"{sep}|{digits}", a, bb))
                    continue
                _, values = codes_and_values(raw)
                for v in values:
                    kind = postcode_kind(v)
                    if kind is not None:
                        out.append((n, k, "distinct", _key(v), *kind))
            if float_id:
                v = b["id"].dropna()
                out.append((n, -1, "or", "", bool((v != np.floor(v)).any()), False))
            yield pd.DataFrame(out, columns=["src", "k", "kind", "key", "a", "b"])

    return rows


def _key(value: Any) -> str:
    """A distinct raw value as text: values of one column are equal when their texts are."""
    return value if isinstance(value, str) else repr(value)


def _one_source(
    src: Source,
    sdf: DataFrame,
    decisions: dict[Any, Any],
    *,
    region: str,
    with_email: bool,
    n_stamps: int,
) -> DataFrame:
    """A source's records, standardised with its helper columns, in one ``mapInPandas``.

    Its ``j``-th timestamp column comes as ``__ts{j}`` (where it reads on its
    own), ``__tskey{j}`` and ``__tstext{j}`` (the raw value and its text where
    its layout is left to detect), with the row's ``__pos`` in the source.
    """
    mapped = _mapped(src)
    integral = _integral_columns(sdf)
    stamps = [f"__{p}{j}" for j in range(n_stamps) for p in ("ts", "tskey", "tstext")]
    schema = ", ".join(
        [
            *(f"{c} string" for c in _BASE),
            *(f"{c} {t}" for c, t in DERIVED_COLUMNS),
            *(f"{c} string" for c in stamps),
            f"{_POS} long",
        ]
    )
    raw_types = list(dict.fromkeys(t for _, t in mapped))
    extra_columns = _extra_columns(src)
    kept = [*(_RAW + t for t in raw_types), *(_EXTRA + c for c in extra_columns)]
    schema += "".join(f", `{c}` string" for c in kept)
    names = [*_BASE, *(c for c, _ in DERIVED_COLUMNS), *stamps, _POS, *kept]
    name = src.name
    ids_integral = decisions.get("id", True)

    def standardise(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for b in batches:
            if not len(b):
                continue
            b = b.reset_index(drop=True)
            out: dict[str, pd.Series] = {
                "source": pd.Series(np.full(len(b), name, dtype=object)),
                "record_id": _record_ids(b["id"], ids_integral),
            }
            emails: pd.Series | None = None
            full_names = []
            none = np.full(len(b), None, dtype=object)
            stamp_columns = dict.fromkeys(stamps, none)
            j = 0
            as_written: dict[str, pd.Series] = {}
            for k, (_, semantic) in enumerate(mapped):
                raw = _batch_column(b, f"c{k}", f"c{k}" in integral)
                _coalesce(as_written, semantic, written_text(raw))
                if semantic == "email":
                    text = raw.astype(object).where(_present(raw), None)
                    emails = text if emails is None else emails.where(emails.notna(), text)
                if semantic == "full_name":
                    full_names.append(split_full_name(raw))
                    continue
                if semantic == "timestamp":
                    std, text = timestamp_unformatted(raw)
                    keys = none.copy()
                    left = text.notna().to_numpy()
                    keys[left] = [_key(v) for v in raw.astype(object).to_numpy()[left]]
                    stamp_columns[f"__ts{j}"] = std.to_numpy(dtype=object)
                    stamp_columns[f"__tskey{j}"] = keys
                    stamp_columns[f"__tstext{j}"] = text.to_numpy(dtype=object)
                    j += 1
                    continue
                if semantic == "dob":
                    values = date_of_birth_in_order(raw, decisions.get(k, {}))
                elif semantic == "postcode":
                    values = postcode_padded(raw, decisions.get(k, False))
                else:
                    values, _ = standardise_column_values(semantic, raw, region=region)
                _coalesce(out, semantic, values)
            for parts in full_names:
                for part in ("first_name", "last_name"):
                    _coalesce(out, part, parts[part])
            frame = pd.DataFrame(
                {
                    c: out[c].to_numpy(dtype=object)
                    if c in out
                    else np.full(len(b), None, dtype=object)
                    for c in _BASE
                }
            )
            if emails is None:
                emails = pd.Series(np.full(len(b), None, dtype=object))
            raw = pd.DataFrame({"email": emails}) if with_email else frame[[]]
            fill_names_from_email(frame, raw)
            add_blocking_keys(frame)
            for c in ("first_variants", "last_variants"):
                frame[c] = [None if v is None else list(v) for v in frame[c]]
            for c, values in stamp_columns.items():
                frame[c] = values
            frame[_POS] = b[_POS].to_numpy()
            for t, values in as_written.items():
                frame[_RAW + t] = values.to_numpy(dtype=object)
            for k, c in enumerate(extra_columns):
                frame[_EXTRA + c] = written_text(b[f"e{k}"]).to_numpy(dtype=object)
            yield frame[names]

    return sdf.mapInPandas(standardise, schema)


def _coalesce(out: dict[str, pd.Series], column: str, values: pd.Series) -> None:
    """Several columns of one type: the first non-empty value wins."""
    values = values.reset_index(drop=True)
    out[column] = values if column not in out else out[column].where(out[column].notna(), values)


def _record_ids(values: pd.Series, integral: bool) -> pd.Series:
    """``record_id`` as the local engine writes it (integral floats without ``.0``)."""
    if pd.api.types.is_float_dtype(values.dtype) and not integral:
        return values.astype(object).map(lambda x: None if pd.isna(x) else str(x).strip())
    return _id_strings(values).reset_index(drop=True)


def _with_timestamps(records: DataFrame, n_stamps: int) -> DataFrame:
    """``timestamp`` of each record: its sources' timestamp columns, the first present wins.

    Values whose layout is left to detect are grouped per source and column,
    and their texts, in order of first appearance, go to one
    ``timestamp_formatted`` call per column, as the local engine reads them.
    """
    from pyspark.sql import functions as F

    if n_stamps == 0:
        return records.withColumn("timestamp", F.lit(None).cast("string"))
    left = reduce(
        lambda a, b: a.unionByName(b),
        [
            records.where(F.col(f"__tskey{j}").isNotNull()).select(
                "source",
                F.lit(j).alias("j"),
                F.col(f"__tskey{j}").alias("key"),
                F.col(f"__tstext{j}").alias("text"),
                _POS,
            )
            for j in range(n_stamps)
        ],
    )
    first = left.groupBy("source", "j", "key").agg(
        F.min(_POS).alias("first"), F.min("text").alias("text")
    )

    def formatted(batch: pd.DataFrame) -> pd.DataFrame:
        batch = batch.sort_values("first", kind="stable").reset_index(drop=True)
        return pd.DataFrame(
            {
                "source": batch["source"],
                "j": batch["j"],
                "key": batch["key"],
                "fixed": timestamp_formatted(batch["text"]),
            }
        )

    table = (
        first.groupBy("source", "j")
        .applyInPandas(formatted, "source string, j int, key string, fixed string")
        .localCheckpoint()
    )
    found = bool(table.limit(1).count())
    columns = []
    for j in range(n_stamps):
        value = F.col(f"__ts{j}")
        if found:
            fixes = table.where(F.col("j") == j).select(
                "source", F.col("key").alias(f"__tskey{j}"), F.col("fixed").alias(f"__fixed{j}")
            )
            records = records.join(F.broadcast(fixes), on=["source", f"__tskey{j}"], how="left")
            value = F.coalesce(value, F.col(f"__fixed{j}"))
        columns.append(value)
    return records.withColumn("timestamp", F.coalesce(*columns))
