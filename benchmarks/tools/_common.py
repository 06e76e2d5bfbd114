"""What every tool module shares: the subprocess entry point and graph clustering.

``main(run, config)`` is what ``python -m benchmarks.tools.<tool> DATA_DIR
OUT_FILE`` executes: it calls ``run(DATA_DIR)``, checks the shape of the answer
and writes it to ``OUT_FILE`` (Parquet) with a ``OUT_FILE.json`` side file
holding the configuration actually used and the time spent inside ``run``.
Wall time and peak memory of the whole process are measured by the parent.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["EXPERT_BLOCKS", "clusters_from_pairs", "main", "note"]

#: Blocking keys an expert writes for customer data, shared by every peer's
#: configuration: exact identifiers, then name, birth-date and postcode pairs.
#: Each tool adds its own extra passes to these.
EXPERT_BLOCKS: tuple[tuple[str, ...], ...] = (
    ("email",),
    ("phone",),
    ("loyalty_id",),
    ("device_id",),
    ("customer_id",),
    ("first_name", "last_name"),
    ("last_name", "dob"),
    ("first_name", "dob"),
    ("last_name", "postcode"),
)

_NOTES: list[str] = []


def note(text: str) -> None:
    """Record a decision made at run time (e.g. a blocking pass dropped); it is reported."""
    _NOTES.append(text)


def clusters_from_pairs(
    uids: pd.Series, left: np.ndarray | pd.Series, right: np.ndarray | pd.Series
) -> pd.DataFrame:
    """Connected components of matched pairs, as ``DataFrame(source, record_id, cluster_id)``.

    ``uids`` are ``"source|record_id"`` strings; ``left``/``right`` hold positions
    into ``uids`` (or the uid strings themselves) of the pairs judged a match.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(uids)
    pos = pd.Series(np.arange(n), index=pd.Index(uids.to_numpy()))
    li = np.asarray(left)
    ri = np.asarray(right)
    if li.dtype.kind not in "iu":
        li = pos.loc[li].to_numpy()
        ri = pos.loc[ri].to_numpy()
    graph = coo_matrix((np.ones(len(li), dtype=np.int8), (li, ri)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    parts = uids.str.split("|", n=1, expand=True)
    return pd.DataFrame({"source": parts[0], "record_id": parts[1], "cluster_id": labels})


def _peak_rss_mb() -> float | None:
    """This process's peak resident memory in MiB (``VmHWM`` on Linux)."""
    import resource

    own = None
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                own = int(line.split()[1]) / 1024.0
    if own is None:  # not Linux: ru_maxrss is in bytes on macOS, KiB elsewhere
        scale = 2**20 if sys.platform == "darwin" else 1024
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale
    return own


def main(run: Callable[[str], pd.DataFrame], config: str) -> None:
    """Run a tool on ``argv[1]`` and write its clusters to ``argv[2]``."""
    if len(sys.argv) != 3:
        raise SystemExit(f"usage: python -m {run.__module__} DATA_DIR OUT_FILE")
    data_dir, out_file = sys.argv[1], Path(sys.argv[2])
    t0 = time.perf_counter()
    result = run(data_dir)
    run_s = time.perf_counter() - t0
    missing = {"source", "record_id", "cluster_id"} - set(result.columns)
    if missing:
        raise SystemExit(f"{run.__module__}.run returned no column(s) {sorted(missing)}")
    out = result[["source", "record_id", "cluster_id"]].astype(
        {"source": str, "record_id": str, "cluster_id": str}
    )
    out.to_parquet(out_file, index=False)
    side = {"config": config, "notes": _NOTES, "run_s": run_s, "peak_rss_mb": _peak_rss_mb()}
    Path(f"{out_file}.json").write_text(json.dumps(side, indent=2) + "\n")
