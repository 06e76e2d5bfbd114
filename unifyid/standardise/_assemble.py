"""All sources' standardised columns into one frame, sorted by ``(source, record_id)``."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa

from .._types import type_names
from ._parallel import object_values
from ._per_source import RAW_PREFIX

__all__ = ["assemble"]


def assemble(
    parts: list[dict[str, pd.Series | pa.Array]], standard_columns: Sequence[str]
) -> pd.DataFrame:
    """One frame of all sources, sorted by ``(source, record_id)``.

    Each part is one source, already sorted by record id (``standardise_each``),
    so the parts are put in the order of their source names, and nothing is
    sorted here. Built column by column from object arrays: a column a source
    lacks is all None there (``pandas.concat`` of frames with all-None columns checks
    every cell and cost seconds at a million rows). A column that every
    source holding it gives as an Arrow string array (standardised in a
    worker process) is put together in Arrow, without a Python string per
    value; the frame is the same.
    """
    names = ["source", "record_id", *standard_columns]
    encoded = (*type_names(encoding="digest"), *type_names(encoding="clk"))  # registered too
    names += [t for t in encoded if any(t in part for part in parts)]
    for part in parts:
        names += [c for c in part if c.startswith(RAW_PREFIX) and c not in names]
    parts = sorted(parts, key=_source_name)
    lengths = [len(part["source"]) for part in parts]
    text_dtype = pd.Series(["text"]).dtype  # what pandas makes of a column of str
    columns = {}
    for name in names:
        given = [part[name] for part in parts if name in part]
        if given and all(isinstance(c, pa.Array) for c in given):
            chunks = [
                part[name] if name in part else pa.nulls(n, pa.string())
                for part, n in zip(parts, lengths)
            ]
            columns[name] = _arrow_text_column(pa.concat_arrays(chunks), text_dtype)
            continue
        values = np.concatenate(
            [
                object_values(part[name]) if name in part else np.full(n, None, dtype=object)
                for part, n in zip(parts, lengths)
            ]
        )
        columns[name] = _text_column(values, text_dtype)
    return pd.DataFrame(columns)


def _source_name(part: dict[str, pd.Series | pa.Array]) -> str:
    """The name of the one source a part holds (parts are never empty: validated)."""
    first = part["source"][0]
    return str(first.as_py() if isinstance(first, pa.Scalar) else first)


def _arrow_text_column(
    text: pa.Array, text_dtype: object
) -> np.ndarray | pd.api.extensions.ExtensionArray:
    """``_text_column`` of the values of an Arrow string array."""
    if isinstance(text_dtype, np.dtype) or text.null_count == len(text):
        return text.to_numpy(zero_copy_only=False)  # object strings, or all None
    return pd.array(text, dtype=text_dtype)


def _text_column(
    values: np.ndarray, text_dtype: object
) -> np.ndarray | pd.api.extensions.ExtensionArray:
    """The column pandas would build from an object array, built in Arrow where it is text.

    With pandas' Arrow-backed string dtype (pandas 3), a column of str and
    None becomes that dtype; converting it straight from Arrow skips pandas'
    per-value check. Anything else (all missing, other objects, pandas 2's
    object strings) is left to the DataFrame constructor as before.
    """
    if isinstance(text_dtype, np.dtype):  # object strings (pandas 2)
        return values
    try:
        text = pa.array(values, from_pandas=True)
    except (pa.ArrowException, UnicodeError, TypeError, ValueError):
        return values
    if not pa.types.is_string(text.type) or text.null_count == len(text):
        return values
    return pd.array(text, dtype=text_dtype)
