"""All sources' standardised columns into one frame, sorted by ``(source, record_id)``."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa

from .._types import type_names
from ._per_source import RAW_PREFIX

__all__ = ["assemble"]


def assemble(parts: list[dict[str, pd.Series]], standard_columns: Sequence[str]) -> pd.DataFrame:
    """One frame of all sources, sorted by ``(source, record_id)``.

    Built column by column from object arrays: a column a source lacks is
    all None there (``pandas.concat`` of frames with all-None columns checks
    every cell and cost seconds at a million rows).
    """
    names = ["source", "record_id", *standard_columns]
    encoded = (*type_names(encoding="digest"), *type_names(encoding="clk"))  # registered too
    names += [t for t in encoded if any(t in part for part in parts)]
    for part in parts:
        names += [c for c in part if c.startswith(RAW_PREFIX) and c not in names]
    lengths = [len(part["source"]) for part in parts]
    columns = {
        name: np.concatenate(
            [
                part[name].to_numpy(dtype=object)
                if name in part
                else np.full(n, None, dtype=object)
                for part, n in zip(parts, lengths)
            ]
        )
        for name in names
    }
    keys = pd.DataFrame({"source": columns["source"], "record_id": columns["record_id"]})
    order = keys.sort_values(["source", "record_id"], kind="stable").index.to_numpy()
    text_dtype = pd.Series(["text"]).dtype  # what pandas makes of a column of str
    return pd.DataFrame(
        {name: _text_column(values[order], text_dtype) for name, values in columns.items()}
    )


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
