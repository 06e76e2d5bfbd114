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
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pandas as pd
import pyarrow as pa

from .._atomic import StagedFolder
from .._errors import ConfigError, OutputError
from .._result import Result
from ..incremental._state import State
from ._parquet import ParquetParts, write_parquet

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
    """Write the result's tables, then the state's while the golden records are built.

    The edges and profiles are built and written first, one at a time (each
    holds a few hundred megabytes at a million records while written).
    Encoding and compressing Parquet releases the GIL, so a background
    writer then writes the state files and each lineage part while this
    thread builds the golden records, part by part (with a forked child
    building every other part where the process policy allows, see
    ``unifyid.golden._parallel``): both cores work, and the memory held at
    once stays below that of building the golden records whole.
    """
    stage = staged.open()
    names = [name for name in _TABLES if edges != "none" or name != "edges"]
    paths = {name: stage / f"{name}.parquet" for name in names}
    paths["summary"] = stage / "summary.json"
    tables: dict[str, Callable[[], pd.DataFrame | pa.Table]] = {
        "profiles": lambda: result.profiles,
        "edges": lambda: _edges(result, edges),
        "hubs": lambda: result.hubs.astype({"value": str}) if len(result.hubs) else result.hubs,
        "quality": lambda: result.quality,
        "changes": lambda: result.changes.astype(str),
    }
    for name, table in tables.items():
        if name in paths:
            _return_freed_memory()
            _write_one(paths[name], table)
    jobs: list[tuple[Path, Callable[[], pd.DataFrame | pa.Table]]] = []
    if resolver is not None and state:
        kept = State.from_result(result, resolver)
        paths["state"] = kept.write_model(stage)
        # profiles.parquet is written above, from the same table.
        jobs += [(paths["state"] / name, table) for name, table in kept.tables().items()]
    _return_freed_memory()
    # The golden records' child process is forked before the writer thread starts.
    with (
        result._golden_parts() as parts,
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="unifyid-write") as writer,
    ):
        done = [writer.submit(_write_one, path, table) for path, table in jobs]
        done += _write_golden(parts, paths["golden"], paths["lineage"], writer)
        paths["summary"].write_text(json.dumps(result.summary(), indent=2), encoding="utf-8")
        for job in done:
            job.result()  # the first failure, raised here
    return {name: staged.target / path.relative_to(stage) for name, path in paths.items()}


def _write_golden(
    parts: Iterator[tuple[pd.DataFrame, pd.DataFrame | pa.Table]],
    golden_path: Path,
    lineage_path: Path,
    writer: ThreadPoolExecutor,
) -> list[Future[None]]:
    """Build golden and lineage in parts of whole profiles (see ``unifyid.golden``);
    the writer writes each lineage part while the next is built.

    At most one lineage part waits for the writer, so memory holds about two
    parts, not the whole table; the golden records (one row per profile) are
    gathered and written as one table.
    """
    t = time.perf_counter()
    lineage = ParquetParts(lineage_path)
    golden: list[pd.DataFrame] = []
    done: list[Future[None]] = []
    n_lineage = 0
    for part, lineage_part in parts:
        golden.append(part)
        n_lineage += len(lineage_part)
        if done:
            done[-1].result()  # the previous part is written
        done.append(writer.submit(lineage.write, lineage_part))
        del part, lineage_part
    done.append(writer.submit(lineage.close))
    table = golden[0] if len(golden) == 1 else pd.concat(golden, ignore_index=True)
    golden.clear()
    log.info("built golden records: %d profiles, %.1fs", len(table), _since(t))
    done.append(writer.submit(_write_one, golden_path, table))
    log_lineage = writer.submit(lambda: log.info("wrote %s: %d rows", lineage_path.name, n_lineage))
    return [*done, log_lineage]


def _write_one(path: Path, table: Callable[[], pd.DataFrame | pa.Table] | pd.DataFrame) -> None:
    t = time.perf_counter()
    frame = table if isinstance(table, pd.DataFrame) else table()
    write_parquet(frame, path)
    log.info("wrote %s: %d rows, %.1fs", path.name, len(frame), _since(t))


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
