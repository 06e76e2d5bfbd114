"""recordlinkage, supervised: the same candidate pairs, logistic regression on labels.

Runs only where labels exist. The model is trained on the true labels of a
random half (seed 0) of the candidate pairs, with the similarities as numbers
(not thresholded), then predicts every candidate pair; scores are reported on
all records, so half of the scored pairs were seen in training (optimistic,
and said so in the report). Pairs never blocked together cannot be found.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from benchmarks.data import load
from benchmarks.tools import _recordlinkage as rl
from benchmarks.tools._common import main, note

CONFIG = (
    "same Index as recordlinkage-ecm; Compare with raw Jaro-Winkler similarities; "
    "LogisticRegressionClassifier trained on labels of 50% of candidate pairs (seed 0), "
    "scored on all records (optimistic)"
)


def run(data_dir: str) -> pd.DataFrame:
    """Cluster the data set in ``data_dir`` with blocking + logistic regression."""
    import recordlinkage

    m = load(data_dir, with_truth=True)
    if m.truth is None:
        raise SystemExit("recordlinkage-logistic needs labels (truth.parquet)")
    u, present = rl.prepare(m)
    pairs = rl.candidate_pairs(u, present, m.task)
    if len(pairs) == 0:
        return rl.clusters(u, pairs)
    x = rl.features(u, present, pairs, m.task, binary=False)
    ent = m.truth.assign(uid=m.truth["source"] + "|" + m.truth["record_id"])
    entity = u["uid"].map(ent.set_index("uid")["entity_id"]).to_numpy()
    li = np.asarray(pairs.get_level_values(0), dtype=np.int64)
    ri = np.asarray(pairs.get_level_values(1), dtype=np.int64)
    is_match = entity[li] == entity[ri]
    train = np.random.default_rng(0).random(len(pairs)) < 0.5
    note(f"trained on {int(train.sum()):,} pairs, {int((train & is_match).sum()):,} true links")
    if not (train & is_match).any() or (train & is_match).all():
        raise SystemExit("training half has a single class; nothing to learn")
    model = recordlinkage.LogisticRegressionClassifier()
    model.fit(x[train], pairs[train & is_match])
    matches = model.predict(x)
    return rl.clusters(u, matches)


if __name__ == "__main__":
    main(run, CONFIG)
