"""Write a run's outputs as Parquet files (the CLI's public file contract)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from .._result import Result
from .._state import State
from ._parquet import write_parquet

if TYPE_CHECKING:
    from .._resolver import Resolver

__all__ = ["write_outputs"]


def write_outputs(
    result: Result, out_dir: str | os.PathLike[str], *, resolver: Resolver | None = None
) -> dict[str, Path]:
    """Write ``profiles``, ``golden``, ``lineage``, ``edges``, ``hubs``, ``quality``,
    ``changes`` (Parquet) and ``summary.json``; with the fitted ``resolver``,
    also the ``state/`` folder a later run continues from (``--previous``).

    ``profiles.parquet`` has exactly the string columns ``source``,
    ``record_id``, ``profile_id``, one row per input record.
    """
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
    write_parquet(result.profiles, paths["profiles"])
    write_parquet(result.edges, paths["edges"])
    hubs = result.hubs.astype({"value": str}) if len(result.hubs) else result.hubs
    write_parquet(hubs, paths["hubs"])
    write_parquet(result.quality, paths["quality"])
    write_parquet(result.changes.astype(str), paths["changes"])
    write_parquet(result.golden, paths["golden"])
    write_parquet(result.lineage, paths["lineage"])
    paths["summary"].write_text(json.dumps(result.summary(), indent=2), encoding="utf-8")
    if resolver is not None:
        paths["state"] = State.from_result(result, resolver).write(out)
    return paths
