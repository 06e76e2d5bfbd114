"""Time the Spark engine against the local engine, with peak memory.

Generates ``N`` records with the project's generator (or the independent
data set) and runs, on the local engine and on Spark in local mode, either
standardisation, the value profile (hubs and locality) and blocking
(``--mode stages``) or the whole pipeline with its outputs written
(``--mode pipeline``: ``Resolver().resolve`` then ``Result.write``, beside
``Resolver(engine="spark").resolve`` then ``SparkResult.write``, whose
written profiles are then compared). It prints the seconds of each stage
and the peak resident memory: of this process for the local engine, of this
process plus Spark's JVM and Python workers (all descendants) for Spark.

    python -m benchmarks.spark --records 100000 --cores 2
    python -m benchmarks.spark --records 100000 --mode pipeline
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
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
    from unifyid.engines._spark._block import spark_candidate_pairs
    from unifyid.engines._spark._records import spark_profile_values
    from unifyid.engines._spark._standardise import standardised_records

    times: dict[str, Any] = {}
    spark = _timed(times, "session", lambda: _start_spark(cores))
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


def _start_spark(cores: int) -> Any:
    """A local session with ``cores`` cores and ``SPARK_MEM`` of driver memory (default 8g)."""
    from unifyid.engines._spark import spark_session
    from unifyid.engines._spark._session import local_config

    memory = os.environ.get("SPARK_MEM", "8g")
    spark = spark_session({**local_config(cores), "spark.driver.memory": memory})
    spark.sparkContext.setLogLevel("ERROR")
    return spark


class SparkProgress:
    """Prints memory, the engine function the driver is in and Spark's running tasks.

    Every ``interval`` seconds: where a long run spends its time, or stalls.
    """

    def __init__(self, spark: Any, interval: float = 60.0) -> None:
        self.spark, self.interval = spark, interval
        self._main = threading.get_ident()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _where(self) -> str:
        frame = sys._current_frames().get(self._main)
        while frame is not None:
            name = frame.f_code.co_filename
            if "unifyid" in name and "engines" in name:
                return f"{Path(name).stem}.{frame.f_code.co_name}:{frame.f_lineno}"
            frame = frame.f_back
        return "outside the engine"

    def _run(self) -> None:
        t0 = time.perf_counter()
        tracker = self.spark.sparkContext.statusTracker()
        while not self._stop.wait(self.interval):
            infos = [tracker.getStageInfo(i) for i in tracker.getActiveStageIds()]
            done = sum(i.numCompletedTasks for i in infos if i is not None)
            total = sum(i.numTasks for i in infos if i is not None)
            rss = tree_rss(os.getpid()) / 2**30
            print(
                f"    [{time.perf_counter() - t0:6.0f} s, RSS {rss:.1f} GB] {self._where()}, "
                f"{len(infos)} Spark stages running ({done}/{total} tasks)",
                flush=True,
            )

    def __enter__(self) -> SparkProgress:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _stage_times(times: dict[str, Any], timings: dict[str, float]) -> None:
    """Copy a result's seconds per stage into ``times`` (as ``stage:NAME``) and print them."""
    for name, seconds in timings.items():
        times[f"stage:{name}"] = round(seconds, 2)
        print(f"    {name:<12} {seconds:8.2f} s", flush=True)


def run_local_pipeline(sources: list, out: Path, max_block_size: int) -> dict[str, Any]:
    """``Resolver().resolve`` and ``Result.write`` (without the state folder)."""
    import unifyid as uid

    resolver = uid.Resolver(max_block_size=max_block_size)
    times: dict[str, Any] = {}
    result = _timed(times, "resolve", lambda: resolver.resolve(sources))
    _stage_times(times, dict(result.timings))
    _timed(times, "write", lambda: result.write(out, state=False))
    times["pairs"] = len(result.left)
    return times


def run_spark_pipeline(sources: list, out: Path, max_block_size: int, cores: int) -> dict[str, Any]:
    """``Resolver(engine="spark").resolve`` and ``SparkResult.write`` on a local session."""
    import unifyid as uid

    resolver = uid.Resolver(engine="spark", max_block_size=max_block_size)
    times: dict[str, Any] = {}
    spark = _timed(times, "session", lambda: _start_spark(cores))
    with SparkProgress(spark):
        result = _timed(times, "resolve", lambda: resolver.resolve(sources))
        _stage_times(times, dict(result.timings))
        _timed(times, "write", lambda: result.write(out))
    spark.stop()
    return times


def _written_profiles(path: Path) -> Any:
    """A written ``profiles`` table (file or partitioned folder), sorted by record."""
    import pandas as pd

    frame = pd.read_parquet(path, columns=["source", "record_id", "profile_id"])
    frame = frame.astype({"source": str, "record_id": str, "profile_id": str})
    return frame.sort_values(["source", "record_id"], ignore_index=True)


def same_profiles(local_out: Path, spark_out: Path) -> bool:
    """Whether both engines wrote every record with the same profile id."""
    local = _written_profiles(local_out / "profiles.parquet")
    spark = _written_profiles(spark_out / "profiles")
    return local.equals(spark)


def run_pipeline(
    sources: list, engines: list[str], max_block_size: int, cores: int
) -> dict[str, Any]:
    """Both engines' whole pipelines on ``sources``, outputs written and compared."""
    result: dict[str, Any] = {"mode": "pipeline"}
    work = Path(tempfile.mkdtemp(prefix="unifyid-spark-bench-"))
    try:
        for engine in engines:
            print(f"{engine}, whole pipeline:", flush=True)
            out = work / engine
            t0 = time.perf_counter()
            with PeakMemory() as memory:
                if engine == "local":
                    times = run_local_pipeline(sources, out, max_block_size)
                else:
                    times = run_spark_pipeline(sources, out, max_block_size, cores)
            times["wall"] = round(time.perf_counter() - t0, 2)
            # The steps' CPU seconds, each taken while Spark's JVM still ran.
            steps = ("session", "resolve", "write")
            times["wall_cpu"] = round(sum(times.get(f"{k}_cpu", 0.0) for k in steps), 2)
            times["peak_rss_mb"] = round(memory.peak / 2**20)
            print(
                f"  wall {times['wall']:.1f} s (CPU {times['wall_cpu']:.1f} s), "
                f"peak RSS {times['peak_rss_mb']:,} MB",
                flush=True,
            )
            result[engine] = times
        if {"local", "spark"} <= set(engines):
            result["same_profiles"] = same_profiles(work / "local", work / "spark")
            print(f"identical profile ids: {result['same_profiles']}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return result


def run_stages(
    sources: list, frames: list, engines: list[str], max_block_size: int, cores: int
) -> dict[str, Any]:
    """Both engines' standardise, value profile and blocking on ``sources``."""
    result: dict[str, Any] = {"mode": "stages"}
    for engine in engines:
        print(f"{engine}, {sum(len(f) for f in frames):,} records:", flush=True)
        with PeakMemory() as memory:
            if engine == "local":
                times = run_local(sources, frames, max_block_size)
            else:
                times = run_spark(sources, frames, max_block_size, cores)
        times["peak_rss_mb"] = round(memory.peak / 2**20)
        print(f"  peak RSS {times['peak_rss_mb']:,} MB, {times['pairs']:,} pairs", flush=True)
        result[engine] = times
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--data", choices=["generator", "independent"], default="generator")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--max-block-size", type=int, default=50)
    parser.add_argument("--engines", default="local,spark", help="comma-separated")
    parser.add_argument(
        "--mode",
        choices=["stages", "pipeline"],
        default="stages",
        help="three stages, or the whole pipeline with outputs written and compared",
    )
    parser.add_argument("--out", type=Path, help="append the result as one JSON line")
    args = parser.parse_args(argv)

    sources = _sources(args.records, args.data, args.seed)
    frames = [s.read() for s in sources]
    result: dict[str, Any] = {"records": sum(len(f) for f in frames), "data": args.data}
    engines = args.engines.split(",")
    if args.mode == "pipeline":
        del frames  # each engine reads the sources itself
        result.update(run_pipeline(sources, engines, args.max_block_size, args.cores))
    else:
        result.update(run_stages(sources, frames, engines, args.max_block_size, args.cores))
    if args.out is not None:
        with args.out.open("a") as f:
            f.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
