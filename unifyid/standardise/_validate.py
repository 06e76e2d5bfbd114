"""Source checks before standardisation: every schema problem of every source at once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .._errors import SchemaError
from .._source import Source
from .._types import type_names
from ._text import arrow_text, distinct_text

__all__ = [
    "SourceFacts",
    "check_source_facts",
    "id_strings",
    "source_facts",
    "validate_sources",
]


def id_strings(values: pd.Series) -> pd.Series:
    """Record keys as strings; integral floats (``12.0`` from a CSV) become ``"12"``."""
    if pd.api.types.is_float_dtype(values):
        as_int = values.dropna()
        if (as_int == np.floor(as_int)).all():
            return values.map(lambda v: None if pd.isna(v) else str(int(v)))
    arrow = arrow_text(values)
    if arrow is not None:
        # Arrow-backed text (pandas 3): strip each distinct value once.
        codes, uniques = distinct_text(arrow)
        table = np.empty(len(uniques) + 1, dtype=object)
        table[: len(uniques)] = [v.strip() for v in uniques.tolist()]
        return pd.Series(table[codes], index=values.index, name=values.name, dtype=object)
    if values.dtype == object and pd.api.types.infer_dtype(values, skipna=True) == "string":
        try:
            text = pa.array(values.to_numpy(), type=pa.string(), from_pandas=True)
        except (pa.ArrowException, UnicodeError):
            pass  # e.g. lone surrogates: the per-value path below
        else:
            stripped = pc.utf8_trim_whitespace(text).to_numpy(zero_copy_only=False)
            return pd.Series(stripped, index=values.index, name=values.name, dtype=object)
    out = values.astype(object).where(values.notna(), None)
    return out.map(lambda v: None if v is None else str(v).strip())


@dataclass(frozen=True)
class SourceFacts:
    """What the source checks need to know of one source's table, however it is held.

    ``ids_missing`` and ``ids_repeated`` count records without an id and ids
    seen before (``None`` when the id column is absent). Each engine counts
    them its own way (pandas here, a Spark aggregation on Spark); the
    verdicts and their messages are :func:`check_sources`'.
    """

    columns: tuple[str, ...]
    n_records: int
    ids_missing: int | None
    ids_repeated: int | None


def source_facts(src: Source, df: pd.DataFrame) -> SourceFacts:
    """The facts of a source read into a pandas frame."""
    if src.id not in df.columns or len(df) == 0:
        return SourceFacts(tuple(str(c) for c in df.columns), len(df), None, None)
    ids = id_strings(df[src.id])
    given = ids.notna() & (ids != "")
    return SourceFacts(
        tuple(str(c) for c in df.columns),
        len(df),
        int((~given).sum()),
        int(ids[given].duplicated().sum()),
    )


def validate_sources(sources: Sequence[Source], frames: list[pd.DataFrame]) -> None:
    """Every schema problem of every source at once (:class:`SchemaError`)."""
    check_source_facts(sources, [source_facts(s, df) for s, df in zip(sources, frames)])


def check_source_facts(sources: Sequence[Source], facts: Sequence[SourceFacts]) -> None:
    """Refuse, listing every problem at once: repeated source names, an empty source,
    mapped columns not found, records without an id or with a repeated one, an id
    column also mapped to a type, and encoded columns mixed with plain ones."""
    problems: list[str] = []
    names = [s.name for s in sources]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        problems.append(f"source names must be unique; repeated: {dupes}")
    for src, fact in zip(sources, facts):
        where = f"source {src.name!r}" + (f" ({src.path.name})" if src.path is not None else "")
        if fact.n_records == 0:
            problems.append(f"{where} is empty (0 records)")
            continue
        absent = [c for c in (src.id, *src.columns) if c not in fact.columns]
        if absent:
            problems.append(
                f"{where}: mapped column(s) {absent} not found; "
                f"available columns: {list(fact.columns)}"
            )
        if fact.ids_missing:
            problems.append(
                f"{where}, id column {src.id!r}: {fact.ids_missing} record(s) have no id"
            )
        if fact.ids_repeated:
            problems.append(
                f"{where}, id column {src.id!r}: {fact.ids_repeated} duplicate id(s); "
                "record ids must be unique within a source"
            )
        if src.id in src.columns:
            problems.append(
                f"{where}: the id column {src.id!r} is also mapped to a semantic type; "
                "pass it as id= only (map a copy of it to customer_id to compare it)"
            )
    problems += _mixed_encodings(sources)
    if problems:
        raise SchemaError(problems)


#: Plain types an encoded source may carry beside its encoded columns.
_BESIDE_ENCODED = frozenset({"timestamp", "extra"})


def _mixed_encodings(sources: Sequence[Source]) -> list[str]:
    """Encoded and plain columns are never compared with each other: refuse a mix."""
    encoded, plain = [], []
    encoded_types = {*type_names(encoding="digest"), *type_names(encoding="clk")}  # registered too
    for src in sources:
        types = set(src.columns.values())
        if types & encoded_types:
            encoded.append(src.name)
            mixed = sorted(
                c
                for c, t in src.columns.items()
                if t in type_names(encoding="plain") and t not in _BESIDE_ENCODED
            )
            if mixed:
                return [
                    f"source {src.name!r} maps encoded and plain columns ({mixed} are plain); "
                    "encode all its columns with unifyid encode"
                ]
        elif types - _BESIDE_ENCODED:
            plain.append(src.name)
    if encoded and plain:
        return [
            f"sources {encoded} are encoded and {plain} are plain; encoded records can only "
            "be resolved with encoded ones (encode every source with the same key)"
        ]
    return []
