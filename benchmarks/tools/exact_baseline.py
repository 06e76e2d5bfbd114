"""Deterministic baseline: records sharing an exact normalised email, phone or loyalty id.

This is the stitching many customer-data platforms do out of the box: any two
records with the same e-mail (lower-cased, trimmed), the same phone (digits
only, last ten) or the same loyalty id are one customer, transitively. No
fuzzy matching, no junk-value filter, no names.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from benchmarks.data import load, union_frame
from benchmarks.tools._common import clusters_from_pairs, main

CONFIG = "union-find over exact normalised email | phone (digits, last 10) | loyalty_id"
KEYS = ("email", "phone", "loyalty_id")


def run(data_dir: str) -> pd.DataFrame:
    """Cluster the data set in ``data_dir``; see the module docstring."""
    u = union_frame(load(data_dir))
    left, right = [], []
    pos = np.arange(len(u))
    for key in KEYS:
        vals = u[key]
        has = vals.notna().to_numpy()
        if not has.any():
            continue
        codes, _ = pd.factorize(vals[has])
        first = pd.Series(pos[has]).groupby(codes).transform("first").to_numpy()
        left.append(pos[has])
        right.append(first)
    li = np.concatenate(left) if left else np.empty(0, dtype=np.int64)
    ri = np.concatenate(right) if right else np.empty(0, dtype=np.int64)
    return clusters_from_pairs(u["uid"], li, ri)


if __name__ == "__main__":
    main(run, CONFIG)
