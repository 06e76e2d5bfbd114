"""goldenmatch as a new user runs it: ``dedupe_df`` with no configuration.

Zero-config mode profiles the columns, picks matchkeys, blocking and a
threshold itself, and returns golden records; the benchmark reads its clusters.
Offline: no LLM, no analytics, no cross-run memory (see ``_goldenmatch``).
"""

from __future__ import annotations

import pandas as pd

from benchmarks.data import load
from benchmarks.tools import _goldenmatch as g
from benchmarks.tools._common import main, note

CONFIG = "dedupe_df(table, exclude_columns=[source, record_id, uid]); zero-config, offline"


def run(data_dir: str) -> pd.DataFrame:
    """Deduplicate the data set in ``data_dir`` with goldenmatch's zero-config mode."""
    g.offline()
    import goldenmatch as gm

    u, tbl = g.table(load(data_dir))
    result = gm.dedupe_df(tbl, exclude_columns=g.BOOKKEEPING)
    kinds = [f"{mk.type}:{mk.name}" for mk in (result.config.matchkeys or [])]
    note(f"auto-config chose {', '.join(kinds) or 'no matchkey'}")
    return g.clusters(u, result)


if __name__ == "__main__":
    main(run, CONFIG)
