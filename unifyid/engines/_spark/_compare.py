"""Comparisons on Spark: the local ``compare_pairs`` per partition of pairs.

The candidate pairs are joined to the columns the matchers read, for both
sides, and each Arrow batch of pairs is compared by the local
``compare_pairs`` with the same matcher objects, on a small frame holding
the batch's left records then its right records. A matcher sees only the
values of the pair it compares, so the levels equal the local ones.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ...compare._pairs import _needed_columns, compare_pairs
from ...matchers import Matcher
from ._records import ROW
from ._workers import batches_in_one_process

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

__all__ = ["gamma_columns", "spark_compare_pairs"]


def gamma_columns(matchers: Sequence[Matcher]) -> list[str]:
    """The names of the level columns, one per matcher, in matcher order."""
    return [f"g{k}" for k in range(len(matchers))]


def spark_compare_pairs(
    records: DataFrame, pairs: DataFrame, matchers: Sequence[Matcher]
) -> DataFrame:
    """``left``, ``right`` and one level column per matcher (``g0 ..``) for every pair."""
    from pyspark.sql import functions as F

    matchers = list(matchers)
    header = pd.DataFrame(columns=records.columns)
    needed = list(dict.fromkeys(c for m in matchers for c in _needed_columns(m, header)))
    side = records.select(ROW, *needed)
    left = side.select(F.col(ROW).alias("left"), *(F.col(c).alias(f"l__{c}") for c in needed))
    right = side.select(F.col(ROW).alias("right"), *(F.col(c).alias(f"r__{c}") for c in needed))
    joined = pairs.select("left", "right").join(left, on="left").join(right, on="right")
    names = gamma_columns(matchers)
    schema = ", ".join(["left long", "right long", *(f"{g} int" for g in names)])

    def compare(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for b in batches:
            n = len(b)
            if n == 0:
                continue
            frame = pd.DataFrame(
                {c: np.concatenate([_values(b[f"l__{c}"]), _values(b[f"r__{c}"])]) for c in needed}
            )
            rows = np.arange(n, dtype=np.int64)
            gamma = compare_pairs(frame, rows, rows + n, matchers)
            out = pd.DataFrame({"left": b["left"].to_numpy(), "right": b["right"].to_numpy()})
            for k, g in enumerate(names):
                out[g] = gamma[:, k].astype(np.int32)
            yield out

    return joined.mapInPandas(batches_in_one_process(compare), schema)


def _values(column: pd.Series) -> np.ndarray:
    """A batch column as the local frame holds it: text as objects with None, numbers as is."""
    if pd.api.types.is_string_dtype(column.dtype) or column.dtype == object:
        values = column.astype(object).to_numpy()
        return np.where(pd.isna(values), None, values)
    return column.to_numpy()
