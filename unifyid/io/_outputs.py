"""Write a run's outputs as Parquet files (the CLI's public file contract)."""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pandas as pd

from .._errors import ConfigError
from .._result import Result
from .._state import STATE_FILES, State
from ._parquet import write_parquet

if TYPE_CHECKING:
    from .._resolver import Resolver

__all__ = ["EDGE_CHOICES", "write_outputs"]

log = logging.getLogger("unifyid")

#: What ``edges.parquet`` holds: the pairs that decide profiles (linked, or
#: kept apart by a rule or a cut), every scored pair above the edge
#: probability floor, or nothing.
EDGE_CHOICES = ("decisive", "all", "none")


def write_outputs(
    result: Result,
    out_dir: str | os.PathLike[str],
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
    """
    if edges not in EDGE_CHOICES:
        raise ConfigError(f"edges must be one of {list(EDGE_CHOICES)}, got {edges!r}.")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {
        "profiles": out / "profiles.parquet",
        "edges": out / "edges.parquet",
        "hubs": out / "hubs.parquet",
        "quality": out / "quality.parquet",
        "changes": out / "changes.parquet",
        "golden": out / "golden.parquet",
        "lineage": out / "lineage.parquet",
        "summary": out / "summary.json",
    }
    if edges == "none":
        del paths["edges"]
        if (out / "edges.parquet").is_file():
            (out / "edges.parquet").unlink()  # a stale table from an earlier run misleads
    tables = {
        "profiles": lambda: result.profiles,
        "edges": lambda: _edges(result, edges),
        "hubs": lambda: result.hubs.astype({"value": str}) if len(result.hubs) else result.hubs,
        "quality": lambda: result.quality,
        "changes": lambda: result.changes.astype(str),
        "golden": lambda: result.golden,
        "lineage": lambda: result.lineage,
    }
    for name, table in tables.items():
        if name in paths:
            t = time.perf_counter()
            frame = table()
            write_parquet(frame, paths[name])
            log.info("wrote %s: %d rows, %.1fs", paths[name].name, len(frame), _since(t))
    paths["summary"].write_text(json.dumps(result.summary(), indent=2), encoding="utf-8")
    if resolver is not None and state:
        t = time.perf_counter()
        paths["state"] = State.from_result(result, resolver).write(out)
        log.info("wrote state/: %.1fs", _since(t))
    elif not state:
        _remove_stale_state(out)
    return paths


def _remove_stale_state(out: Path) -> None:
    """Drop an earlier run's state files: they no longer match ``profiles.parquet``."""
    folder = out / "state"
    if not folder.is_dir():
        return
    for name in STATE_FILES:
        (folder / name).unlink(missing_ok=True)
    if not any(folder.iterdir()):
        folder.rmdir()


def _edges(result: Result, which: str) -> pd.DataFrame:
    table = result.edges
    if which == "all":
        return table
    decisive = table["linked"].to_numpy() | table["cut_reason"].notna().to_numpy()
    return table[decisive].reset_index(drop=True)


def _since(t: float) -> float:
    return time.perf_counter() - t
