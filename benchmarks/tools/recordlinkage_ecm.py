"""recordlinkage, unsupervised: blocking, binary comparison features, ECM classifier.

See :mod:`benchmarks.tools._recordlinkage` for the blocks and features. The
ECM classifier (Fellegi-Sunter fitted by expectation-conditional maximisation)
labels candidate pairs; matched pairs are closed transitively into clusters.
"""

from __future__ import annotations

import pandas as pd

from benchmarks.data import load
from benchmarks.tools import _recordlinkage as rl
from benchmarks.tools._common import main

CONFIG = (
    "Index: union of blocks on ids, first+last, last+dob, first+dob, last+postcode, dob+postcode "
    "(block keys over max(1e6, 10n) pairs left out); Compare: Jaro-Winkler >= 0.85 on "
    "names/street, exact on the rest but city (correlated with postcode/street); "
    "ECMClassifier; connected components"
)


def run(data_dir: str) -> pd.DataFrame:
    """Cluster the data set in ``data_dir`` with blocking + ECM."""
    import recordlinkage

    m = load(data_dir)
    u, present = rl.prepare(m)
    pairs = rl.candidate_pairs(u, present, m.task)
    if len(pairs) == 0:
        return rl.clusters(u, pairs)
    x = rl.features(u, present, pairs, m.task, binary=True)
    x = x.loc[:, x.nunique() > 1]  # a constant feature carries no evidence for ECM
    matches = recordlinkage.ECMClassifier(binarize=None).fit_predict(x)
    return rl.clusters(u, matches)


if __name__ == "__main__":
    main(run, CONFIG)
