"""Profile-id stability when new records arrive: ``python -m benchmarks stability``.

Holds back a share of the generator's records, resolves the rest, then
resolves everything with the first run's profiles as ``previous``. Reports the
share of profiles whose membership did not change that kept their id (the
target is at least 99%), how the others changed, and the time of each run.
"""

from __future__ import annotations

import json
import time

import numpy as np
import pandas as pd


def measure(n_records: int, new_share: float, seed: int = 0) -> dict[str, object]:
    """Run the two resolutions and compare their profile ids."""
    import unifyid as uid
    from unifyid.datasets import make_customers

    data = make_customers(n_records=n_records, seed=seed)
    rng = np.random.default_rng(seed)
    full = data.to_sources()
    base = []
    for src in full:
        frame = src.read()
        keep = np.sort(rng.permutation(len(frame))[: round(len(frame) * (1 - new_share))])
        base.append(uid.Source(src.name, frame.iloc[keep], id=src.id, columns=dict(src.columns)))
    t0 = time.perf_counter()
    first = uid.Resolver().resolve(base)
    t1 = time.perf_counter()
    second = uid.Resolver().resolve(full, previous=first.profiles)
    t2 = time.perf_counter()

    def members(profiles: pd.DataFrame) -> pd.Series:
        keys = profiles["source"] + "\x1f" + profiles["record_id"]
        return keys.groupby(profiles["profile_id"]).agg(frozenset)

    before, after = members(first.profiles), members(second.profiles)
    same = pd.Series(after.index, index=after.to_numpy())
    unchanged = [(pid, same[m]) for pid, m in before.items() if m in same.index]
    kept = sum(old == new for old, new in unchanged)
    return {
        "records": n_records,
        "new_share": new_share,
        "profiles_before": len(before),
        "profiles_after": len(after),
        "unchanged_membership": len(unchanged),
        "unchanged_kept_id": kept,
        "kept_share": kept / max(len(unchanged), 1),
        "changes": second.changes["event"].value_counts().to_dict(),
        "first_run_s": round(t1 - t0, 2),
        "second_run_s": round(t2 - t1, 2),
    }


def main(argv: list[str] | None = None) -> int:
    import argparse

    p = argparse.ArgumentParser(prog="python -m benchmarks.stability", description=__doc__)
    p.add_argument("--records", type=int, default=100_000)
    p.add_argument("--new-share", type=float, default=0.10)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    print(json.dumps(measure(args.records, args.new_share, args.seed), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
