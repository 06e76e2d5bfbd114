"""Command line: ``python -m benchmarks run|report``.

``run --suite smoke|quick|full --out DIR [--tools a,b] [--data DIR --truth FILE]``
    materialise the data, run every tool in its own process, write
    ``DIR/results.json``, ``results.md``, ``machine.json`` and ``chart.png``.
``report DIR``
    rewrite the results section of ``benchmarks/README.md`` from ``DIR``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from benchmarks.tools import TOOLS


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run a suite and write its results")
    run.add_argument("--suite", choices=["smoke", "quick", "full"], default="quick")
    run.add_argument("--out", type=Path, required=True, help="output folder")
    run.add_argument(
        "--tools",
        default=None,
        help=f"comma-separated subset of: {', '.join(t.name for t in TOOLS)}",
    )
    run.add_argument(
        "--data",
        type=Path,
        default=None,
        help="folder with schema.json and the source files of your own data",
    )
    run.add_argument(
        "--truth",
        type=Path,
        default=None,
        help="CSV or Parquet file with source, record_id, entity_id",
    )
    run.add_argument(
        "--timeout",
        type=float,
        default=None,
        help="time limit per run in seconds (default by suite)",
    )
    rep = sub.add_parser("report", help="write a run's table and chart into benchmarks/README.md")
    rep.add_argument("dir", type=Path)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    args = _parser().parse_args(argv)
    if args.command == "report":
        from benchmarks.report import update_readme

        print(update_readme(args.dir))
        return 0
    from benchmarks.runner import run_suite

    if (args.data is None) != (args.truth is None):
        _parser().error("--data and --truth go together")
    rows = run_suite(
        args.suite,
        args.out,
        tools=args.tools,
        data=args.data,
        truth=args.truth,
        timeout=args.timeout,
        argv=argv,
    )
    print((args.out / "results.md").read_text())
    return 0 if rows else 1


if __name__ == "__main__":
    raise SystemExit(main())
