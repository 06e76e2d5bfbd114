"""Run every (data set, tool) pair in a fresh subprocess, measure it, score it.

One process per run, so that import cost, wall time and peak memory belong to
one tool only. Wall time is measured around the process. Peak resident memory
is the larger of the child's own high-water mark (``VmHWM``, reported by the
child) and the largest sum sampled every 50 ms over its process tree (which
also covers helper processes and runs that never finish). A run that fails or
passes its time limit becomes a row with ``status`` and ``error``, never an
exception: the suite always finishes and reports what it has.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pandas as pd

from benchmarks import data as bdata
from benchmarks.machine import machine_info
from benchmarks.metrics import align_labels, score_labels
from benchmarks.report import write_outputs
from benchmarks.tools import ToolSpec, select

__all__ = ["TIMEOUTS", "run_one", "run_suite"]

#: Per-run time limit in seconds, by suite.
TIMEOUTS: dict[str, float] = {"smoke": 120.0, "quick": 300.0, "full": 1800.0, "custom": 1800.0}

REPO_ROOT = Path(__file__).resolve().parent.parent

#: Seconds between samples of a run's memory. Walking the process tree is not
#: free: sampled every 50 ms, unifyid's 1M CLI run took 85 s instead of 65 s
#: (2 cores; the tool itself timed 63 s run alone).
SAMPLE_SECONDS = 0.5


def _installed(spec: ToolSpec) -> list[str]:
    """The packages of ``spec`` that cannot be imported here."""
    return [mod for mod in spec.requires if importlib.util.find_spec(mod) is None]


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its descendants now, in MiB (0 if gone)."""
    try:
        import psutil

        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except Exception:  # psutil missing or the process just ended
        return 0.0
    total = 0
    for p in procs:
        with contextlib.suppress(Exception):
            total += p.memory_info().rss
    return total / 2**20


def _spawn(cmd: list[str], log: Path, timeout: float) -> tuple[int, float, float, bool]:
    """Run ``cmd``; return (exit code, wall seconds, sampled peak RSS in MiB, timed out).

    The child's memory is sampled every ``SAMPLE_SECONDS`` over its whole
    process tree. The child also reports its own exact high-water mark
    (``VmHWM``), which the caller prefers; ``ru_maxrss`` from ``wait4`` is not used, because Linux
    carries the parent's high-water mark across ``fork``/``exec`` into it.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    done = threading.Event()
    peak = [0.0]
    with log.open("wb") as fh:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            stdout=fh,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=REPO_ROOT,
            start_new_session=True,
        )

        def sample() -> None:
            while not done.wait(SAMPLE_SECONDS):
                peak[0] = max(peak[0], _tree_rss_mb(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        timed_out = False
        try:
            code = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            code = proc.wait()
        wall = time.perf_counter() - t0
        done.set()
        sampler.join()
    return code, wall, peak[0], timed_out


def _tail(path: Path, lines: int = 6) -> str:
    text = path.read_text(errors="replace").strip().splitlines() if path.exists() else []
    return " | ".join(line.strip() for line in text[-lines:])[-600:]


def run_one(
    spec: ToolSpec, data_dir: Path, out_dir: Path, timeout: float, truth: pd.DataFrame | None
) -> dict[str, Any]:
    """Run one tool on one materialised data set and return its result row."""
    meta = json.loads((data_dir / "schema.json").read_text())
    row: dict[str, Any] = {
        "dataset": meta["name"],
        "records": int(meta["records"]),
        "tool": spec.name,
        "config": "",
        "precision": None,
        "recall": None,
        "f1": None,
        "exact_entity_share": None,
        "overmerged_cluster_share": None,
        "largest_cluster": None,
        "wall_s": None,
        "peak_rss_mb": None,
        "status": "ok",
        "error": None,
        "run_s": None,
        "clusters": None,
        "missing_records": None,
        "notes": [],
    }
    missing = _installed(spec)
    if missing:
        row.update(status="not installed", error=f"missing package(s): {', '.join(missing)}")
        return row
    if spec.needs_labels and not (data_dir / "truth.parquet").exists():
        row.update(status="skipped", error="needs labels; the data set has none")
        return row
    runs = out_dir / "runs" / meta["name"]
    runs.mkdir(parents=True, exist_ok=True)
    out_file = runs / f"{spec.module}.parquet"
    side = Path(f"{out_file}.json")
    for stale in (out_file, side):
        stale.unlink(missing_ok=True)
    log = out_dir / "logs" / f"{meta['name']}__{spec.module}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", f"benchmarks.tools.{spec.module}", str(data_dir), str(out_file)]
    code, wall, rss, timed_out = _spawn(cmd, log, timeout)
    row.update(wall_s=round(wall, 2), peak_rss_mb=round(rss, 1))
    if side.exists():
        info = json.loads(side.read_text())
        row.update(config=info["config"], notes=info["notes"], run_s=round(info["run_s"], 2))
        row["peak_rss_mb"] = round(max(rss, info.get("peak_rss_mb") or 0.0), 1)
    if timed_out:
        row.update(status="timeout", error=f"no answer within {timeout:.0f} s")
        return row
    if code != 0 or not out_file.exists():
        row.update(status="failed", error=f"exit {code}: {_tail(log)}")
        return row
    if truth is None:
        return row
    try:
        merged, n_missing = align_labels(truth, pd.read_parquet(out_file))
        scores = score_labels(merged["entity_id"], merged["cluster_id"])
    except ValueError as exc:
        row.update(status="failed", error=f"invalid output: {exc}")
        return row
    row.update(
        precision=round(scores.precision, 4),
        recall=round(scores.recall, 4),
        f1=round(scores.f1, 4),
        exact_entity_share=round(scores.exact_entity_share, 4),
        overmerged_cluster_share=round(scores.overmerged_cluster_share, 4),
        largest_cluster=scores.largest_cluster,
        clusters=scores.predicted_clusters,
        missing_records=n_missing,
    )
    return row


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def run_suite(
    suite: str,
    out: Path,
    *,
    tools: str | None = None,
    data: Path | None = None,
    truth: Path | None = None,
    timeout: float | None = None,
    argv: list[str] | None = None,
) -> list[dict[str, Any]]:
    """Materialise the suite's data once, run every tool on it, write the reports.

    With ``data``/``truth`` given, the user's data set replaces the suite's.
    Returns the result rows (also written to ``out/results.json``).
    """
    out.mkdir(parents=True, exist_ok=True)
    specs = select(tools)
    if data is not None:
        suite = "custom"  # the user's data replaces the suite's; so does its time limit
    limit = timeout or TIMEOUTS.get(suite, TIMEOUTS["custom"])
    machine = machine_info(suite=suite, argv=argv, timeout_s=limit)
    (out / "machine.json").write_text(json.dumps(machine, indent=2) + "\n")
    data_root = out / "data"
    if data is not None:
        if truth is None:
            raise ValueError("--data needs --truth: the benchmark scores against labels.")
        dirs = [bdata.import_user_data(Path(data), Path(truth), data_root)]
    else:
        dirs = []
        for ds in bdata.suite_datasets(suite):
            _log(f"[data] {ds.name}")
            dirs.append(bdata.materialise(ds, data_root))
    rows: list[dict[str, Any]] = []
    for d in dirs:
        meta = json.loads((d / "schema.json").read_text())
        truth = bdata.load_truth(d)
        for spec in specs:
            _log(f"[run] {meta['name']} ({meta['records']:,} records) / {spec.name} ...")
            row = run_one(spec, d, out, limit, truth)
            rows.append(row)
            _log(
                f"      {row['status']}: f1={row['f1']} wall={row['wall_s']}s "
                f"rss={row['peak_rss_mb']}MB {row['error'] or ''}"
            )
            (out / "results.json").write_text(json.dumps(rows, indent=2) + "\n")
    write_outputs(out, rows, machine)
    return rows
