"""Source checks before standardisation: every schema problem of every source at once."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .._errors import SchemaError
from .._source import Source
from .._types import type_names
from ._text import arrow_text, distinct_text

__all__ = ["id_strings", "validate_sources"]


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


def validate_sources(sources: Sequence[Source], frames: list[pd.DataFrame]) -> None:
    problems: list[str] = []
    names = [s.name for s in sources]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        problems.append(f"source names must be unique; repeated: {dupes}")
    for src, df in zip(sources, frames):
        where = f"source {src.name!r}" + (f" ({src.path.name})" if src.path is not None else "")
        if len(df) == 0:
            problems.append(f"{where} is empty (0 records)")
            continue
        available = [str(c) for c in df.columns]
        absent = [c for c in (src.id, *src.columns) if c not in df.columns]
        if absent:
            problems.append(
                f"{where}: mapped column(s) {absent} not found; available columns: {available}"
            )
        if src.id in df.columns:
            ids = id_strings(df[src.id])
            empty = int((ids.isna() | (ids == "")).sum())
            if empty:
                problems.append(f"{where}, id column {src.id!r}: {empty} record(s) have no id")
            n_dup = int(ids[ids.notna() & (ids != "")].duplicated().sum())
            if n_dup:
                problems.append(
                    f"{where}, id column {src.id!r}: {n_dup} duplicate id(s); "
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
