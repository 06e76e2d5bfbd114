"""unifyid as a nightly job runs it: ``unifyid resolve CONFIG --out DIR``.

The data set's files are handed over through a TOML config, exactly as a user
writes one, and the whole job runs: reading the files, resolving, and writing
every output (profiles, golden records, lineage, edges, hubs, quality, the
state a later run continues from). Its wall time is the end-to-end number to
hold against speed targets; ``unifyid`` (the Python API on frames already
in memory) shows the resolution alone.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pandas as pd

from benchmarks.tools._common import main

CONFIG = "unifyid resolve CONFIG --out DIR: defaults, every output written"


def _toml(data_dir: Path) -> str:
    meta = json.loads((data_dir / "schema.json").read_text())
    lines = []
    for name, spec in meta["sources"].items():
        lines += [
            "[[source]]",
            f"name = {json.dumps(name)}",
            f"path = {json.dumps(str((data_dir / spec['file']).resolve()))}",
            f"id = {json.dumps(spec['id'])}",
            "[source.columns]",
            *(f"{json.dumps(col)} = {json.dumps(kind)}" for col, kind in spec["columns"].items()),
            "",
        ]
    return "\n".join(lines)


def run(data_dir: str) -> pd.DataFrame:
    """Run the command line on ``data_dir`` and read back ``profiles.parquet``."""
    from unifyid.cli import main as cli

    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "customers.toml"
        config.write_text(_toml(Path(data_dir)), encoding="utf-8")
        out = Path(tmp) / "out"
        code = cli(["resolve", str(config), "--out", str(out)])
        if code != 0:
            raise RuntimeError(f"unifyid resolve exited with {code}")
        profiles = pd.read_parquet(out / "profiles.parquet")
    return pd.DataFrame(
        {
            "source": profiles["source"].astype(str),
            "record_id": profiles["record_id"].astype(str),
            "cluster_id": profiles["profile_id"].astype(str),
        }
    )


if __name__ == "__main__":
    main(run, CONFIG)
