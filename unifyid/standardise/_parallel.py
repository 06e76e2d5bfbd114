"""Standardise several sources at once, in forked worker processes.

The standardisers run Python once per distinct value of each column, so one
core does all the work of the stage. Sources are independent (every
decision that looks across rows, such as the day/month order of a date
column or postcode padding, is taken per source column), so each source can
be standardised in its own process and the results are the same as one
after the other. Workers are forked: they see the sources, their records
and any registered semantic types without pickling them, and they send back
text columns as Arrow arrays (their buffers, not a Python object per value).
Where ``fork`` is missing (Windows, or macOS by policy), with one source, few
records, no free core or ``Resolver(n_jobs=1)``, the sources are standardised
here, one after the other (see ``unifyid._processes``).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .._processes import n_processes
from .._source import Source
from ._per_source import standardise_source

__all__ = ["PARALLEL_RECORDS", "object_values", "standardise_each"]

#: Fewest records for which the sources are standardised in worker processes
#: (below it, starting the workers costs more than it saves).
PARALLEL_RECORDS = 100_000

#: A standardised column: the Series, or its values as an Arrow string array.
Column = pd.Series | pa.Array

#: The sources and records the forked workers read (set only while they run).
_WORK: tuple[Sequence[Source], Sequence[pd.DataFrame], str] | None = None


def standardise_each(
    sources: Sequence[Source], frames: Sequence[pd.DataFrame], *, region: str
) -> list[tuple[dict[str, Column], list[dict], np.ndarray]]:
    """``standardise_source`` of every source, in order: columns, quality rows, and
    the order of the source's rows that sorts them by record id.

    The columns come sorted by record id (each worker sorts its own source,
    so the assembled frame needs no sort of all records). Text columns of
    sources standardised in a worker come back as Arrow ``string`` arrays
    (``None`` as null); ``unifyid.standardise._assemble`` takes either form.
    """
    workers = _workers(frames)
    if workers < 2:
        return [
            _sorted_by_id(*standardise_source(s, df, region=region))
            for s, df in zip(sources, frames)
        ]
    global _WORK
    _WORK = (sources, frames, region)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            # Largest first, so that the last one to finish is a small one.
            order = sorted(range(len(frames)), key=lambda k: -len(frames[k]))
            done = {k: pool.submit(_standardise_one, k) for k in order}
            return [done[k].result() for k in range(len(frames))]
    finally:
        _WORK = None


def _workers(frames: Sequence[pd.DataFrame]) -> int:
    """Worker processes for these sources: one per source, as many as the process
    policy allows (``unifyid._processes``: large enough, a core free, ``n_jobs``)."""
    if len(frames) < 2:
        return 1
    total = sum(len(f) for f in frames)
    return min(n_processes(total, None, minimum=PARALLEL_RECORDS), len(frames))


def _standardise_one(k: int) -> tuple[dict[str, Column], list[dict], np.ndarray]:
    """In a worker: standardise source ``k``, sort it, pack its text columns for the trip."""
    assert _WORK is not None, "standardise workers are forked from standardise_each"
    sources, frames, region = _WORK
    part, quality, order = _sorted_by_id(*standardise_source(sources[k], frames[k], region=region))
    return {name: _packed(column) for name, column in part.items()}, quality, order


def _sorted_by_id(
    part: dict[str, pd.Series], quality: list[dict]
) -> tuple[dict[str, pd.Series], list[dict], np.ndarray]:
    """One source's columns sorted by record id (ids are unique: validated), and the
    order of its rows that does it. Text sorts by code point, as ``str`` compares."""
    ids = part["record_id"]
    try:
        order = pc.sort_indices(pa.array(ids.to_numpy(), type=pa.string())).to_numpy()
    except (pa.ArrowException, TypeError, ValueError, UnicodeError):
        order = np.argsort(ids.to_numpy(dtype=object), kind="stable")
    sorted_part = {name: column.take(order).reset_index(drop=True) for name, column in part.items()}
    return sorted_part, quality, order


def _packed(column: pd.Series) -> Column:
    """An object column of str and None as an Arrow string array; other columns as they are."""
    if column.dtype != object:
        return column
    try:
        # No from_pandas: a NaN or any other non-str value keeps the column as it is.
        return pa.array(column.to_numpy(), type=pa.string())
    except (pa.ArrowException, TypeError, ValueError, UnicodeError):
        return column


def object_values(column: Column) -> np.ndarray:
    """A standardised column's values as an object array (str or None)."""
    if isinstance(column, pa.Array):
        return column.to_numpy(zero_copy_only=False)
    return column.to_numpy(dtype=object)
