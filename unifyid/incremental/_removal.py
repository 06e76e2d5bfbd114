"""Records deleted upstream leave the profiles of an earlier run.

An incremental run (``Resolver.resolve(sources, previous=state, removed=...)``)
takes the ``(source, record_id)`` keys of records that no longer exist. They
are dropped from the earlier run like a resubmitted record's old version, but
without a replacement: their profiles are re-clustered from the links that
remain, so a profile held together only through a removed record splits, a
profile left without records disappears (``removed`` in ``Result.changes``)
and the golden records are rebuilt from what is left. Id reconciliation keeps
a split profile's id on the part holding most of its earlier records. Hub
decisions of the earlier run stay as they were (a full run re-counts them).

This module turns the user's list into a row mask of the earlier records and
checks it; errors name the source, never a record id.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._errors import ConfigError
from ..standardise._stage import STANDARD_COLUMNS, Prepared
from ..standardise._validate import id_strings

__all__ = [
    "Removed",
    "check_not_resubmitted",
    "empty_batch",
    "read_removed",
    "removed_keys",
    "removed_rows",
]

#: What ``removed=`` accepts: a table with ``source`` and ``record_id`` columns,
#: or ``(source, record_id)`` pairs.
Removed = pd.DataFrame | Iterable[tuple[Any, Any]]

_COLUMNS = ("source", "record_id")


def read_removed(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a CSV/TSV/Parquet file of removed records (``source``, ``record_id``).

    Raises
    ------
    SourceError
        The file is missing or unreadable.
    ConfigError
        A column is missing.
    """
    from ..io._tables import read_file  # io imports the resolver, which imports this module

    frame = read_file(Path(path), "removed records")
    _check_columns(frame, f"the removed-records file {Path(path).name}")
    return frame


def removed_keys(removed: Removed) -> pd.DataFrame:
    """The removed records as a ``source``/``record_id`` text table, duplicates dropped.

    Raises
    ------
    ConfigError
        A column is missing, a key is empty, or the input is no table or pairs.
    """
    if isinstance(removed, pd.DataFrame):
        _check_columns(removed, "removed")
        frame = removed[list(_COLUMNS)].reset_index(drop=True)
    else:
        if isinstance(removed, (str, bytes)):
            raise ConfigError("removed must be a DataFrame or (source, record_id) pairs.")
        try:
            pairs = [tuple(p) for p in removed]
        except TypeError:
            raise ConfigError(
                "removed must be a DataFrame with columns source and record_id, "
                "or a list of (source, record_id) pairs."
            ) from None
        if any(len(p) != 2 for p in pairs):
            raise ConfigError("removed: every entry must be a (source, record_id) pair.")
        frame = pd.DataFrame(pairs, columns=list(_COLUMNS), dtype=object)
    if frame.isna().any().any():
        raise ConfigError("removed: every row needs a source and a record_id (empty ones found).")
    keys = pd.DataFrame(
        {
            "source": frame["source"].astype(str).to_numpy(dtype=object),
            "record_id": id_strings(frame["record_id"]).astype(str).to_numpy(dtype=object),
        }
    )
    return keys.drop_duplicates(ignore_index=True)


def removed_rows(earlier: pd.DataFrame, keys: pd.DataFrame) -> np.ndarray:
    """Boolean mask of the rows of ``earlier`` (a state's records) named in ``keys``.

    Raises
    ------
    ConfigError
        Some keys are not records of the earlier run: the message names each
        source and how many of its ids are unknown, never the ids.
    """
    index = pd.MultiIndex.from_arrays(
        [earlier["source"].astype(str).to_numpy(), earlier["record_id"].astype(str).to_numpy()]
    )
    wanted = pd.MultiIndex.from_frame(keys[list(_COLUMNS)])
    at = index.get_indexer(wanted)
    unknown = keys[at < 0]
    if len(unknown):
        known_sources = set(index.get_level_values(0))
        problems = []
        for source, group in unknown.groupby("source", sort=True):
            if source in known_sources:
                problems.append(
                    f"{len(group)} record id(s) of source {source!r} are not in the previous run"
                )
            else:
                problems.append(f"source {source!r} is not in the previous run")
        raise ConfigError(f"removed: {'; '.join(problems)}.")
    mask = np.zeros(len(earlier), dtype=bool)
    mask[at] = True
    return mask


def check_not_resubmitted(
    removed: np.ndarray, resubmitted: np.ndarray, earlier: pd.DataFrame
) -> None:
    """A record cannot be removed and sent again in one run.

    Raises
    ------
    ConfigError
        Naming the sources concerned and how many records, never their ids.
    """
    both = removed & resubmitted
    if both.any():
        counts = earlier["source"].astype(str)[both].value_counts().sort_index()
        listed = ", ".join(f"{n} of source {s!r}" for s, n in counts.items())
        raise ConfigError(
            f"removed: {listed} record(s) are also among the new records; "
            "remove a record or resubmit it, not both."
        )


def empty_batch(earlier: pd.DataFrame, raw: pd.DataFrame, extras: pd.DataFrame) -> Prepared:
    """No new records (a run that only removes), shaped like the earlier run's."""
    quality = pd.DataFrame(
        columns=["source", "column", "semantic_type", "n_present", "n_unparseable", "n_junk"]
    )
    present = tuple(c for c in STANDARD_COLUMNS if c in earlier and earlier[c].notna().any())
    return Prepared(
        frame=earlier.iloc[:0].reset_index(drop=True),
        raw=raw.iloc[:0].reset_index(drop=True),
        quality=quality,
        extras=extras.iloc[:0].reset_index(drop=True),
        columns_present=present,
    )


def _check_columns(frame: pd.DataFrame, what: str) -> None:
    missing = [c for c in _COLUMNS if c not in frame.columns]
    if missing:
        raise ConfigError(f"{what}: missing column(s) {missing}; expected source and record_id.")
