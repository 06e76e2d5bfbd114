"""How unifyid's defaults hold up as the independent data get harder, one knob at a time.

``python -m benchmarks.grid --records N --out DIR [--seed S] [--only NAME,...]``
draws :func:`benchmarks.independent.make_independent` data at the defaults and
with one condition moved (households, marriages, contact details, origins,
frequent customers), resolves each with ``uid.Resolver()`` defaults and writes
``DIR/grid.md`` (a markdown table) and ``DIR/grid.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.data import Materialised
from benchmarks.metrics import align_labels, score_labels

__all__ = ["GRID", "main", "run_grid"]

_EVEN = {
    o: 1 / 9
    for o in (
        "anglo",
        "hispanic",
        "korean",
        "chinese",
        "indian",
        "vietnamese",
        "arabic",
        "east_european",
        "italian",
    )
}

#: (name, conditions): the defaults, then one knob moved down and up.
GRID: tuple[tuple[str, dict[str, Any]], ...] = (
    ("defaults", {}),
    ("household_share=0.1", {"household_share": 0.1}),
    ("household_share=0.6", {"household_share": 0.6}),
    ("married_change_share=0", {"married_change_share": 0.0}),
    ("married_change_share=0.2", {"married_change_share": 0.2}),
    ("contact_share=0.3", {"contact_share": 0.3}),
    ("contact_share=0.95", {"contact_share": 0.95}),
    ("origin_mix=mostly anglo", {"origin_mix": {"anglo": 0.9, "hispanic": 0.1}}),
    ("origin_mix=even over 9", {"origin_mix": _EVEN}),
    ("frequent_share=0", {"frequent_share": 0.0}),
    ("frequent_share=0.05", {"frequent_share": 0.05}),
)


def _resolve(m: Materialised) -> tuple[dict[str, Any], float]:
    import unifyid as uid

    t0 = time.perf_counter()
    profiles = uid.Resolver().resolve(m.to_sources()).profiles
    wall = time.perf_counter() - t0
    predicted = profiles[["source", "record_id"]].astype(str)
    predicted["cluster_id"] = profiles["profile_id"].astype(str)
    assert m.truth is not None
    merged, _ = align_labels(m.truth, predicted)
    return score_labels(merged["entity_id"], merged["cluster_id"]).as_dict(), wall


def run_grid(
    n_records: int, out: Path, *, seed: int = 0, only: list[str] | None = None
) -> list[dict[str, Any]]:
    """Resolve every grid point and write ``grid.md`` and ``grid.json`` to ``out``."""
    from benchmarks.independent import make_independent

    out.mkdir(parents=True, exist_ok=True)
    points = [(name, c) for name, c in GRID if only is None or name in only]
    if only is not None and len(points) != len(only):
        known = [name for name, _ in GRID]
        raise ValueError(f"--only: unknown grid point(s); known: {known}.")
    rows = []
    for name, conditions in points:
        m = make_independent(n_records, seed=seed, **conditions)
        scores, wall = _resolve(m)
        rows.append({"condition": name, "seed": seed, **scores, "wall_s": round(wall, 1)})
        print(
            f"{name}: F1 {scores['f1']:.3f} precision {scores['precision']:.3f} "
            f"recall {scores['recall']:.3f} in {wall:.1f} s",
            flush=True,
        )
        (out / "grid.json").write_text(json.dumps(rows, indent=2) + "\n")
    (out / "grid.md").write_text(table(rows, n_records, seed))
    return rows


def table(rows: list[dict[str, Any]], n_records: int, seed: int) -> str:
    """The grid as a markdown table, with the command that made it."""
    lines = [
        f"`python -m benchmarks.grid --records {n_records} --seed {seed}`: "
        "`uid.Resolver()` defaults on `make_independent` data, one condition moved at a time.",
        "",
        "| condition | records | people | F1 | precision | recall | mixed profiles "
        "| largest | wall s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['condition']} | {r['records']:,} | {r['true_entities']:,} | {r['f1']:.3f} "
            f"| {r['precision']:.3f} | {r['recall']:.3f} | {r['overmerged_cluster_share']:.3f} "
            f"| {r['largest_cluster']:,} | {r['wall_s']:.1f} |"
        )
    lines += [
        "",
        "mixed profiles: share of profiles with two or more records that hold more "
        "than one true person.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    p = argparse.ArgumentParser(prog="python -m benchmarks.grid", description=__doc__)
    p.add_argument("--records", type=int, default=100_000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--only", default=None, help="comma-separated grid point names")
    args = p.parse_args(sys.argv[1:] if argv is None else argv)
    only = [s.strip() for s in args.only.split(",")] if args.only else None
    rows = run_grid(args.records, args.out, seed=args.seed, only=only)
    print((args.out / "grid.md").read_text())
    return 0 if rows else 1


if __name__ == "__main__":
    raise SystemExit(main())
