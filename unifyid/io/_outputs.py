"""Write a run's outputs as Parquet files (the CLI's public file contract).

The folder is written atomically (see ``unifyid._atomic``): built beside its
target, completed by ``_SUCCESS.json`` and swapped in whole, so a failed or
killed run never leaves partial or mixed outputs.
"""

from __future__ import annotations

import ctypes
import functools
import json
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pandas as pd

from .._atomic import StagedFolder
from .._errors import ConfigError, OutputError
from .._result import Result
from ..incremental._state import State
from ._parquet import write_parquet

if TYPE_CHECKING:
    from .._resolver import Resolver

__all__ = ["EDGE_CHOICES", "OUTPUT_NAMES", "output_folder", "write_outputs"]

log = logging.getLogger("unifyid")

#: What ``edges.parquet`` holds: the pairs that decide profiles (linked, or
#: kept apart by a rule or a cut), every scored pair above the edge
#: probability floor, or nothing.
EDGE_CHOICES = ("decisive", "all", "none")

_TABLES = ("profiles", "edges", "hubs", "quality", "changes", "golden", "lineage")

#: The entries of an output folder that a run writes (and replaces).
OUTPUT_NAMES = (*(f"{name}.parquet" for name in _TABLES), "summary.json", "state")


def output_folder(out_dir: str | os.PathLike[str], *, keep: tuple[str, ...] = ()) -> StagedFolder:
    """The staged output folder ``write_outputs`` fills; open it early (``with``) to
    check that ``out_dir`` can be written before the run computes anything.

    ``keep`` names entries of an existing folder that are not outputs but are
    carried over (the demo's ``data/``).
    """
    return StagedFolder(out_dir, owned=OUTPUT_NAMES, keep=keep)


def write_outputs(
    result: Result,
    out_dir: str | os.PathLike[str] | StagedFolder,
    *,
    resolver: Resolver | None = None,
    edges: Literal["decisive", "all", "none"] = "decisive",
    state: bool = True,
) -> dict[str, Path]:
    """Write ``profiles``, ``golden``, ``lineage``, ``edges``, ``hubs``, ``quality``,
    ``changes`` (Parquet) and ``summary.json``; with the fitted ``resolver``
    and ``state=True``, also the ``state/`` folder a later run continues from
    (``--previous``).

    ``profiles.parquet`` has exactly the string columns ``source``,
    ``record_id``, ``profile_id``, one row per input record. ``edges`` picks
    the pairs written to ``edges.parquet`` (see :data:`EDGE_CHOICES`): by
    default the linked pairs and those kept apart, which explain every
    profile; ``"all"`` adds the scored pairs that were neither (at a million
    records about a third more rows); ``"none"`` skips the file.

    The folder is replaced as a whole (files of an earlier run that this run
    does not write are gone) and appears only when complete, with its
    ``_SUCCESS.json`` marker. Given an open :func:`output_folder`, the files
    go into its staging folder and the caller's ``with`` block publishes them.
    Returns the published paths.
    """
    if edges not in EDGE_CHOICES:
        raise ConfigError(f"edges must be one of {list(EDGE_CHOICES)}, got {edges!r}.")
    if isinstance(out_dir, StagedFolder):
        return _write(result, out_dir, resolver=resolver, edges=edges, state=state)
    with output_folder(out_dir) as staged:
        return _write(result, staged, resolver=resolver, edges=edges, state=state)


def _write(
    result: Result,
    staged: StagedFolder,
    *,
    resolver: Resolver | None,
    edges: str,
    state: bool,
) -> dict[str, Path]:
    """Write the files into the staging folder; a failing disk is an :class:`OutputError`."""
    try:
        return _write_files(result, staged, resolver=resolver, edges=edges, state=state)
    except OutputError:
        raise
    except OSError as exc:  # disk full, permissions, quota (Arrow's IO errors are OSErrors)
        reason = exc.strerror or type(exc).__name__
        raise OutputError(f"cannot write the outputs for {staged.target}: {reason}.") from None


def _write_files(
    result: Result,
    staged: StagedFolder,
    *,
    resolver: Resolver | None,
    edges: str,
    state: bool,
) -> dict[str, Path]:
    stage = staged.open()
    names = [name for name in _TABLES if edges != "none" or name != "edges"]
    paths = {name: stage / f"{name}.parquet" for name in names}
    paths["summary"] = stage / "summary.json"
    golden: list[pd.DataFrame] = []  # golden and lineage, once built

    def golden_table(k: int) -> pd.DataFrame:
        if not golden:
            golden.extend(result._golden_tables_once())
        frame, golden[k] = golden[k], pd.DataFrame()  # written once: not kept after
        return frame

    tables = {
        "profiles": lambda: result.profiles,
        "edges": lambda: _edges(result, edges),
        "hubs": lambda: result.hubs.astype({"value": str}) if len(result.hubs) else result.hubs,
        "quality": lambda: result.quality,
        "changes": lambda: result.changes.astype(str),
        "golden": lambda: golden_table(0),
        "lineage": lambda: golden_table(1),
    }
    for name, table in tables.items():
        if name in paths:
            t = time.perf_counter()
            _return_freed_memory()
            frame = table()
            write_parquet(frame, paths[name])
            log.info("wrote %s: %d rows, %.1fs", paths[name].name, len(frame), _since(t))
            del frame
    paths["summary"].write_text(json.dumps(result.summary(), indent=2), encoding="utf-8")
    if resolver is not None and state:
        t = time.perf_counter()
        _return_freed_memory()
        # profiles.parquet is written above, from the same table.
        paths["state"] = State.from_result(result, resolver).write_files(stage, profiles=False)
        log.info("wrote state/: %.1fs", _since(t))
    return {name: staged.target / path.relative_to(stage) for name, path in paths.items()}


def _edges(result: Result, which: str) -> pd.DataFrame:
    if which == "all" or "edges" in result.__dict__:  # "all", or already built
        table = result.edges
        if which == "all":
            return table
        decisive = table["linked"].to_numpy() | table["cut_reason"].notna().to_numpy()
        return table[decisive].reset_index(drop=True)
    # Only the decisive rows are built (same rows, order and types as filtering
    # Result.edges); the full table is neither built nor kept in memory.
    return result._edge_table(result.decisive_edge_rows())


def _return_freed_memory() -> None:
    """Hand memory freed by the stages before back to the operating system.

    glibc keeps freed heap pages for reuse; after matching, hundreds of
    megabytes of them sit between the arrays a run still holds, and building
    the output tables would add its own memory on top of them (at 1M records
    the peak of a run). A no-op where the C library is not glibc.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None


def _since(t: float) -> float:
    return time.perf_counter() - t
