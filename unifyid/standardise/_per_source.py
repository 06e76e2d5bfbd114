"""Standardise one source: its mapped columns to canonical values, with quality counts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .._errors import ConfigError
from .._source import Source
from .._types import semantic_type
from ._address import city, country, postcode, street
from ._dates import date_of_birth, timestamp
from ._email import email, is_junk_email
from ._identifier import identifier
from ._names import person_name, split_full_name
from ._phone import phone_and_junk
from ._text import arrow_text, distinct_text
from ._validate import id_strings

__all__ = [
    "RAW_PREFIX",
    "is_present",
    "standardise_column_values",
    "standardise_source",
    "written_text",
]

#: Prefix of the columns holding each semantic type's value as the source wrote it.
RAW_PREFIX = "raw__"


def _email_and_junk(raw: pd.Series, *, region: str) -> tuple[pd.Series, pd.Series]:
    values = email(raw)
    junk = is_junk_email(values, standardised=True) & values.notna()
    return values.where(~junk, None), junk


def _identifier_and_junk(raw: pd.Series, *, region: str) -> tuple[pd.Series, pd.Series]:
    # Placeholders ("0", "null", an all-zero advertising id) are junk, not unparseable.
    values = identifier(raw)
    return values, values.isna() & is_present(raw)


def _no_junk(standardise: Callable[[pd.Series], pd.Series]) -> ColumnStandardiser:
    def standardise_column(raw: pd.Series, *, region: str) -> tuple[pd.Series, pd.Series]:
        return standardise(raw), pd.Series(False, index=raw.index)

    return standardise_column


#: A column standardiser: raw values to standardised values and a junk mask.
ColumnStandardiser = Callable[..., tuple[pd.Series, pd.Series]]

#: The column standardisers a semantic type names (``SemanticType.standardiser``).
COLUMN_STANDARDISERS: Mapping[str, ColumnStandardiser] = MappingProxyType(
    {
        "email": _email_and_junk,
        "phone": phone_and_junk,
        "person_name": _no_junk(person_name),
        "date_of_birth": _no_junk(date_of_birth),
        "timestamp": _no_junk(timestamp),
        "street": _no_junk(street),
        "city": _no_junk(city),
        "postcode": _no_junk(postcode),
        "country": _no_junk(country),
        "identifier": _identifier_and_junk,
    }
)


def standardise_column_values(
    semantic: str, raw: pd.Series, *, region: str
) -> tuple[pd.Series, pd.Series]:
    """Standardised values and a junk mask for one source column."""
    name = semantic_type(semantic).standardiser
    if name == "encoded":
        from ..encode._check import encoded_values  # encode imports this module

        return encoded_values(semantic, raw), pd.Series(False, index=raw.index)
    if name not in COLUMN_STANDARDISERS:
        raise ConfigError(f"no standardiser for semantic type {semantic!r}")
    return COLUMN_STANDARDISERS[name](raw, region=region)


def is_present(raw: pd.Series) -> pd.Series:
    """True where a value is given: not missing and not only whitespace."""
    arrow = arrow_text(raw)
    if arrow is not None:
        # Arrow-backed text (pandas 3): check each distinct value once.
        codes, uniques = distinct_text(arrow)
        table = np.zeros(len(uniques) + 1, dtype=bool)
        table[: len(uniques)] = [v.strip() != "" for v in uniques.tolist()]
        return pd.Series(table[codes], index=raw.index, name=raw.name)
    if raw.dtype == object and pd.api.types.infer_dtype(raw, skipna=True) == "string":
        try:
            text = pa.array(raw.to_numpy(), type=pa.string(), from_pandas=True)
        except (pa.ArrowException, UnicodeError):
            pass  # e.g. lone surrogates: the per-value check below
        else:
            given = pc.greater(pc.utf8_length(pc.utf8_trim_whitespace(text)), 0)
            flags = given.fill_null(False).to_numpy(zero_copy_only=False)
            return pd.Series(flags, index=raw.index)
    text = raw.astype(object).where(raw.notna(), None)
    return text.map(lambda v: v is not None and str(v).strip() != "")


def written_text(raw: pd.Series, present: pd.Series | None = None) -> pd.Series:
    """Values as the source wrote them, as text (None where blank), for golden records.

    Numbers become their text; a float column of whole numbers (integers that
    missing values turned into floats) reads ``4155550134``, not
    ``4155550134.0``. Both engines keep raw values this way, so golden records
    show the same text whichever engine ran and however the source was stored.
    """
    given = (is_present(raw) if present is None else present).to_numpy(dtype=bool)
    values = raw.to_numpy(dtype=object)[given]
    if pd.api.types.is_float_dtype(raw.dtype) and len(values):
        numbers = values.astype(np.float64)
        if np.isfinite(numbers).all() and (numbers == np.floor(numbers)).all():
            values = numbers.astype(np.int64)
    out = np.full(len(raw), None, dtype=object)
    out[given] = [v if isinstance(v, str) else str(v) for v in values]
    return pd.Series(out, index=raw.index, dtype=object)


def standardise_source(
    src: Source, df: pd.DataFrame, *, region: str
) -> tuple[dict[str, pd.Series], list[dict]]:
    """The standardised columns of one source (only those it has) and its quality rows."""
    n = len(df)
    index = pd.RangeIndex(n)
    df = df.reset_index(drop=True)
    out: dict[str, pd.Series] = {
        "source": pd.Series(np.full(n, src.name, dtype=object), index=index),
        "record_id": id_strings(df[src.id]),
    }
    quality: list[dict] = []
    full_names: list[pd.DataFrame] = []
    for column, semantic in src.columns.items():
        if semantic == "extra":
            continue
        raw = df[column]
        present = is_present(raw)
        raw_col = RAW_PREFIX + semantic
        raw_text = written_text(raw, present)
        out[raw_col] = (
            raw_text if raw_col not in out else out[raw_col].where(out[raw_col].notna(), raw_text)
        )
        if semantic == "full_name":
            parts = split_full_name(raw)
            values = parts["first_name"].where(parts["first_name"].notna(), parts["last_name"])
            full_names.append(parts)
            junk = pd.Series(False, index=index)
        else:
            values, junk = standardise_column_values(semantic, raw, region=region)
            # Several columns of one type: the first non-empty value wins.
            out[semantic] = (
                values
                if semantic not in out
                else out[semantic].where(out[semantic].notna(), values)
            )
        unparseable = present & values.isna() & ~junk
        quality.append(
            {
                "source": src.name,
                "column": str(column),
                "semantic_type": semantic,
                "n_present": int(present.sum()),
                "n_unparseable": int(unparseable.sum()),
                "n_junk": int(junk.sum()),
            }
        )
    for parts in full_names:
        for part in ("first_name", "last_name"):
            out[part] = (
                parts[part] if part not in out else out[part].where(out[part].notna(), parts[part])
            )
    return out, quality
