"""unifyid with its default settings: no tuning, no labels, no link-type hint.

Each source file is handed over with its own schema, exactly as a user would
write it, and ``uid.Resolver().resolve(sources).profiles`` is the answer.
"""

from __future__ import annotations

import pandas as pd

from benchmarks.data import load
from benchmarks.tools._common import main

CONFIG = "Resolver() defaults; per-source schemas as given"


def run(data_dir: str) -> pd.DataFrame:
    """Resolve the data set in ``data_dir`` with ``uid.Resolver()``."""
    import unifyid as uid

    m = load(data_dir)
    sources = [
        uid.Source(name, df, id=m.schemas[name]["id"], columns=m.schemas[name]["columns"])
        for name, df in m.sources.items()
    ]
    result = uid.Resolver().resolve(sources)
    profiles = result.profiles
    return pd.DataFrame(
        {
            "source": profiles["source"].astype(str),
            "record_id": profiles["record_id"].astype(str),
            "cluster_id": profiles["profile_id"].astype(str),
        }
    )


if __name__ == "__main__":
    main(run, CONFIG)
