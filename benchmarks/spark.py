"""Time the Spark engine's stages against the local engine's, with peak memory.

Generates ``N`` records with the project's generator (or the independent
data set), runs standardisation, the value profile (hubs and locality) and
blocking on the local engine and on Spark in local mode, and prints the
seconds of each stage and the peak resident memory: of this process for
the local engine, of this process plus Spark's JVM and Python workers (all
descendants) for Spark.

    python -m benchmarks.spark --records 100000 --cores 2
"""

from __future__ import annotations

import argparse
import json
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

_PAGE = os.sysconf("SC_PAGE_SIZE")
_TICKS = os.sysconf("SC_CLK_TCK")


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


def _rss(pid: int) -> int:
    try:
        return int((Path("/proc") / str(pid) / "statm").read_text().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _cpu(pid: int) -> float:
    """CPU seconds of ``pid`` and of its children that have ended (user + system)."""
    try:
        fields = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(f) for f in fields[11:15]) / _TICKS


def tree_cpu(root: int) -> float:
    """CPU seconds of ``root`` and all its descendants, living or ended."""
    tree, total, todo = _children(), 0.0, [root]
    while todo:
        pid = todo.pop()
        total += _cpu(pid)
        todo.extend(tree.get(pid, ()))
    return total


def tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants."""
    tree, total, todo = _children(), 0, [root]
    while todo:
        pid = todo.pop()
        total += _rss(pid)
        todo.extend(tree.get(pid, ()))
    return total


class PeakMemory:
    """Samples the resident memory of this process and its descendants in a thread."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval, self.peak = interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(os.getpid()))
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, tree_rss(os.getpid()))


def _timed(results: dict[str, Any], name: str, step: Callable[[], Any]) -> Any:
    """Run ``step``; record its wall seconds and the CPU seconds of all processes involved.

    CPU seconds (this process, Spark's JVM and Python workers) say what a
    stage costs even when other work shares the machine and stretches wall time.
    """
    c0, t0 = tree_cpu(os.getpid()), time.perf_counter()
    out = step()
    results[name] = round(time.perf_counter() - t0, 2)
    results[f"{name}_cpu"] = round(tree_cpu(os.getpid()) - c0, 2)
    print(f"  {name:<12} {results[name]:8.2f} s  (CPU {results[f'{name}_cpu']:8.2f} s)", flush=True)
    return out


def _sources(records: int, data: str, seed: int) -> list:
    if data == "independent":
        from benchmarks.independent import make_independent

        return make_independent(records, seed=seed).to_sources()
    from unifyid.datasets import make_customers

    return make_customers(records, seed=seed).to_sources()


def run_local(sources: list, frames: list, max_block_size: int) -> dict[str, Any]:
    """The local engine's standardise, value profile and blocking."""
    from unifyid.block import DEFAULT_BLOCKING_RULES, candidate_pairs
    from unifyid.standardise import standardise_sources as prepare
    from unifyid.values import add_locality, flag_shared_values

    times: dict[str, Any] = {}
    frame = _timed(times, "standardise", lambda: prepare(sources, frames=frames).frame)

    def profile() -> None:
        flag_shared_values(frame)
        add_locality(frame)

    _timed(times, "profile", profile)
    i, _, _ = _timed(
        times,
        "blocking",
        lambda: candidate_pairs(frame, list(DEFAULT_BLOCKING_RULES), max_block_size=max_block_size),
    )
    times["pairs"] = len(i)
    return times


def run_spark(sources: list, frames: list, max_block_size: int, cores: int) -> dict[str, Any]:
    """The same stages on Spark in local mode (each stage's output materialised)."""
    from unifyid.block import DEFAULT_BLOCKING_RULES
    from unifyid.engines._spark import spark_session
    from unifyid.engines._spark._block import spark_candidate_pairs
    from unifyid.engines._spark._records import spark_profile_values
    from unifyid.engines._spark._session import local_config
    from unifyid.engines._spark._standardise import standardised_records

    times: dict[str, Any] = {}
    spark = _timed(
        times,
        "session",
        lambda: spark_session(
            {**local_config(cores), "spark.driver.memory": os.environ.get("SPARK_MEM", "8g")}
        ),
    )
    spark.sparkContext.setLogLevel("ERROR")
    records = _timed(
        times, "standardise", lambda: standardised_records(spark, sources, frames=frames)
    )
    profiled = _timed(times, "profile", lambda: spark_profile_values(records))

    def block() -> int:
        rules = list(DEFAULT_BLOCKING_RULES)
        got = spark_candidate_pairs(profiled, rules, max_block_size=max_block_size)
        return got.pairs.localCheckpoint().count()

    times["pairs"] = _timed(times, "blocking", block)
    spark.stop()
    return times


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--data", choices=["generator", "independent"], default="generator")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--max-block-size", type=int, default=50)
    parser.add_argument("--engines", default="local,spark", help="comma-separated")
    parser.add_argument("--out", type=Path, help="append the result as one JSON line")
    args = parser.parse_args(argv)

    sources = _sources(args.records, args.data, args.seed)
    frames = [s.read() for s in sources]
    result: dict[str, Any] = {"records": sum(len(f) for f in frames), "data": args.data}
    for engine in args.engines.split(","):
        print(f"{engine}, {result['records']:,} records:", flush=True)
        with PeakMemory() as memory:
            if engine == "local":
                times = run_local(sources, frames, args.max_block_size)
            else:
                times = run_spark(sources, frames, args.max_block_size, args.cores)
        times["peak_rss_mb"] = round(memory.peak / 2**20)
        print(f"  peak RSS {times['peak_rss_mb']:,} MB, {times['pairs']:,} pairs", flush=True)
        result[engine] = times
    if args.out is not None:
        with args.out.open("a") as f:
            f.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
