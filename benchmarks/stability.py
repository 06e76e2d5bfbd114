"""Profile-id stability when new records arrive: ``python -m benchmarks.stability``.

Holds back a share of the generator's records, resolves the rest, then adds
the held-back records to that run incrementally (``previous=State``). Reports
the share of profiles whose membership did not change that kept their id (the
target is at least 99%), how the others changed, the time of each run and
the F1 of the incremental result next to a full run on all records.
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
    base, delta = [], []
    for src in data.to_sources():
        frame = src.read()
        cut = rng.permutation(len(frame))
        n_base = round(len(frame) * (1 - new_share))
        for out, rows in ((base, cut[:n_base]), (delta, cut[n_base:])):
            out.append(
                uid.Source(
                    src.name, frame.iloc[np.sort(rows)], id=src.id, columns=dict(src.columns)
                )
            )
    t0 = time.perf_counter()
    resolver = uid.Resolver()
    first = resolver.resolve(base)
    # The state is what the earlier run leaves behind (the CLI writes it with its outputs).
    state = uid.State.from_result(first, resolver)
    t1 = time.perf_counter()
    second = uid.Resolver().resolve(delta, previous=state)
    t2 = time.perf_counter()
    full = uid.Resolver().resolve(data.to_sources())
    t3 = time.perf_counter()

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
        "base_run_s": round(t1 - t0, 2),
        "incremental_run_s": round(t2 - t1, 2),
        "full_run_s": round(t3 - t2, 2),
        "incremental_share_of_full": round((t2 - t1) / (t3 - t2), 3),
        "incremental_stages_s": {k: round(v, 2) for k, v in second.timings.items()},
        "f1_incremental": round(uid.evaluate(second.profiles, data.truth)["f1"], 4),
        "f1_full": round(uid.evaluate(full.profiles, data.truth)["f1"], 4),
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
