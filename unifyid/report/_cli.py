"""The ``unifyid report`` subcommand (the ``cli`` module only wires it in)."""

from __future__ import annotations

import argparse
from pathlib import Path

__all__ = ["add_report_command", "run_report_command"]


def add_report_command(sub: argparse._SubParsersAction) -> None:
    """Add ``report OUTDIR --html FILE [--labels CSV]`` to the command's subparsers."""
    p = sub.add_parser(
        "report", help="write a self-contained HTML match-quality report of a run's output folder"
    )
    p.add_argument("outdir", type=Path, help="output folder of `unifyid resolve` or `demo`")
    p.add_argument("--html", type=Path, required=True, help="HTML file to write")
    p.add_argument(
        "--labels",
        type=Path,
        help="reviewed CSV (from review_sample) or CSV of source, record_id, entity_id: "
        "adds precision and recall against the threshold",
    )


def run_report_command(args: argparse.Namespace) -> int:
    """Build the report; print where it went, how long it took and its size."""
    from ._html import build_report

    done = build_report(args.outdir, args.html, labels=args.labels)
    print(f"report written to {args.html} ({done['bytes'] / 1e6:.2f} MB, {done['seconds']:.1f}s)")
    return 0
