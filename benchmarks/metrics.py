"""Clustering quality from cluster labels (the library's own scorer), plus alignment.

The scorer lives in ``unifyid._evaluate`` so that ``unifyid.evaluate`` and the
benchmarks compute the same numbers; this module adds :func:`align_labels`.
What follows is the scorer's definition, repeated for readers of the benchmarks.

Every metric here is computed from the *contingency table* of true entity
against predicted cluster: ``n_ij`` = number of records of true entity ``i``
placed in predicted cluster ``j``. Pair counts follow from it, because the
number of record pairs inside a group of ``n`` records is ``C(n, 2)``:

* predicted pairs  ``P = sum_j C(a_j, 2)``   (``a_j`` = size of cluster ``j``)
* true pairs       ``T = sum_i C(b_i, 2)``   (``b_i`` = size of entity ``i``)
* correct pairs    ``TP = sum_ij C(n_ij, 2)``

so the cost is one ``np.unique`` over the records (``O(n log n)`` time,
``O(n)`` memory), whatever the sizes of the clusters: a million records with
a giant wrong cluster is as cheap to score as a perfect answer.

Definitions
-----------
precision
    ``TP / P``: share of predicted same-customer pairs that are right.
    With no predicted pair at all it is 1.0 (nothing claimed, nothing wrong).
recall
    ``TP / T``: share of true same-customer pairs that were found.
    With no true pair at all it is 1.0.
f1
    Harmonic mean of the two; 0.0 when both are 0.
exact_entity_share
    Share of true entities (customers, singletons included) whose records form
    exactly one predicted cluster: nothing missing, nothing foreign.
overmerged_cluster_share
    Share of predicted clusters *with at least two records* that contain
    records of more than one true entity. Singletons are left out of the
    denominator because they can never mix people, and counting them would
    make the share depend on how many customers have one record.
    0.0 when no predicted cluster has two records.
largest_cluster
    Number of records in the largest predicted cluster.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from unifyid._evaluate import ClusterScores, score_labels

__all__ = ["ClusterScores", "align_labels", "score_labels"]


def align_labels(truth: pd.DataFrame, predicted: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Join a tool's clusters onto the truth by ``(source, record_id)``.

    Parameters
    ----------
    truth : DataFrame(source, record_id, entity_id)
    predicted : DataFrame(source, record_id, cluster_id)

    Returns
    -------
    (DataFrame(source, record_id, entity_id, cluster_id), int)
        One row per true record, and the number of records the tool did not
        return. A missing record is scored as a singleton cluster of its own,
        which is what a user of that tool would get: an unresolved record.

    Raises
    ------
    ValueError
        The tool returned the same record twice, or records not in the input.
    """
    key = ["source", "record_id"]
    t = truth[[*key, "entity_id"]].astype({"source": str, "record_id": str})
    p = predicted[[*key]].astype(str)
    dup = int(p.duplicated(key).sum())
    if dup:
        raise ValueError(f"the tool returned {dup} record(s) more than once.")
    p["cluster_id"] = pd.factorize(predicted["cluster_id"].to_numpy())[0].astype(np.int64)
    merged = t.merge(p, on=key, how="left", validate="one_to_one")
    extra = len(p) - int(merged["cluster_id"].notna().sum())
    if extra:
        raise ValueError(f"the tool returned {extra} record(s) that are not in the input.")
    missing = merged["cluster_id"].isna().to_numpy()
    n_missing = int(missing.sum())
    codes = merged["cluster_id"].to_numpy(dtype=float, na_value=-1).astype(np.int64)
    codes[missing] = len(p) + np.arange(n_missing)  # each missing record: its own cluster
    merged["cluster_id"] = codes
    return merged, n_missing
