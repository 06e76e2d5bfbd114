"""Command line: write an independent data set as files a user would hand over.

``python -m benchmarks.independent --records N --seed S --out DIR [--format csv|parquet]
[--condition key=value ...]`` writes one file per source, ``truth.parquet``,
``schema.json`` (the benchmarks' layout, so ``python -m benchmarks run --data DIR
--truth DIR/truth.parquet`` reads it) and ``customers.toml``, which
``unifyid resolve DIR/customers.toml --out OUT`` runs as it is.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import fields
from pathlib import Path
from typing import Any

from benchmarks.data import Materialised, write
from benchmarks.independent import Conditions, make_independent

__all__ = ["main", "parse_condition", "write_config"]


def parse_condition(text: str) -> tuple[str, Any]:
    """``key=value`` into a knob and its typed value.

    ``origin_mix`` takes ``anglo:0.8,hispanic:0.2`` (or the same as a JSON object).
    """
    key, sep, value = text.partition("=")
    key = key.strip()
    types = {f.name: f.type for f in fields(Conditions)}
    if not sep or key not in types:
        raise ValueError(f"--condition expects key=value with key one of {sorted(types)}.")
    if key == "origin_mix":
        value = value.strip()
        if value.startswith("{"):
            return key, {k: float(v) for k, v in json.loads(value).items()}
        pairs = (item.split(":") for item in value.split(",") if item.strip())
        return key, {k.strip(): float(v) for k, v in pairs}
    if types[key] in ("int", int):
        return key, int(value)
    return key, float(value)


def write_config(m: Materialised, out: Path, fmt: str) -> Path:
    """``customers.toml`` for ``unifyid resolve``: one ``[[source]]`` per file."""
    lines = [f"# {m.name}: {m.records} records; run: unifyid resolve customers.toml --out OUT", ""]
    for src, schema in m.schemas.items():
        lines += [
            "[[source]]",
            f'name = "{src}"',
            f'path = "{src}.{fmt}"',
            f'id = "{schema["id"]}"',
            "[source.columns]",
            *(f'"{col}" = "{typ}"' for col, typ in schema["columns"].items()),
            "",
        ]
    path = out / "customers.toml"
    path.write_text("\n".join(lines))
    return path


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    p = argparse.ArgumentParser(
        prog="python -m benchmarks.independent",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--records", type=int, required=True, help="total records over all sources")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--out", type=Path, required=True, help="output folder (new, empty or an earlier output)"
    )
    p.add_argument("--format", choices=["csv", "parquet"], default="csv")
    p.add_argument(
        "--condition",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a knob of the generator, e.g. contact_share=0.3 or origin_mix=anglo:0.9,korean:0.1",
    )
    args = p.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        conditions = dict(parse_condition(c) for c in args.condition)
    except ValueError as exc:
        p.error(str(exc))
    if args.out.exists() and any(args.out.iterdir()) and not (args.out / "schema.json").exists():
        p.error(f"--out {args.out} is a folder with other files in it; give a new or empty one.")
    t0 = time.perf_counter()
    try:
        m = make_independent(args.records, seed=args.seed, **conditions)
    except (TypeError, ValueError) as exc:
        p.error(str(exc))
    t1 = time.perf_counter()
    key = f"make_independent(n_records={args.records},seed={args.seed},{conditions})"
    write(m, args.out, key=key, fmt=args.format)
    write_config(m, args.out, args.format)
    t2 = time.perf_counter()
    people = m.truth["entity_id"].nunique() if m.truth is not None else 0
    print(
        f"{m.records} records of {people} people in {args.out} "
        f"(generated in {t1 - t0:.1f} s, written in {t2 - t1:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
