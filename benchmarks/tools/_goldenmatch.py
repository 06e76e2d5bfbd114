"""Shared goldenmatch set-up: offline environment, input table, clusters back.

goldenmatch is run offline: its opt-in usage analytics stay off, its LLM
paths stay off (no provider keys are visible to it) and its cross-run
auto-config memory (a file in the home folder) is disabled, so every run
starts from the same state and can be reproduced. Both goldenmatch runs get
the stacked layout of :func:`benchmarks.data.union_frame` without the
bookkeeping columns (source, record_id, uid are excluded from matching).
"""

from __future__ import annotations

import os
from typing import Any

import pandas as pd

from benchmarks.data import Materialised, union_frame

__all__ = ["BOOKKEEPING", "clusters", "offline", "table"]

BOOKKEEPING = ["source", "record_id", "uid"]


def offline() -> None:
    """Environment for an offline, memory-less, reproducible goldenmatch run."""
    os.environ["GOLDENMATCH_ANALYTICS"] = "0"
    os.environ["GOLDENMATCH_AUTOCONFIG_LLM"] = "0"
    os.environ["GOLDENMATCH_AUTOCONFIG_MEMORY"] = "0"
    os.environ["GOLDENMATCH_SUGGEST_ON_DEDUPE"] = "0"
    for key in (
        "OPENAI_API_KEY",
        "ANTHROPIC_API_KEY",
        "OPENAI_API_KEY_PERSONAL",
        "POSTHOG_API_KEY",
    ):
        os.environ.pop(key, None)


def table(m: Materialised) -> tuple[pd.DataFrame, Any]:
    """The stacked frame (empty columns dropped) and the same as an Arrow table."""
    import pyarrow as pa

    u = union_frame(m)
    empty = [c for c in u.columns if c not in BOOKKEEPING and u[c].isna().all()]
    u = u.drop(columns=empty).reset_index(drop=True)
    return u, pa.Table.from_pandas(u, preserve_index=False)


def clusters(u: pd.DataFrame, result: Any) -> pd.DataFrame:
    """Cluster ids per record from a ``DedupeResult`` (members are row positions)."""
    label = pd.Series(-1, index=range(len(u)), dtype="int64")
    for cid, info in result.clusters.items():
        label.iloc[list(info["members"])] = int(cid)
    unassigned = label < 0  # a record in no cluster is its own profile
    label[unassigned] = -1 - pd.Series(range(int(unassigned.sum())), index=label[unassigned].index)
    return pd.DataFrame(
        {"source": u["source"], "record_id": u["record_id"], "cluster_id": label.astype(str)}
    )
