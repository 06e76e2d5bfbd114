"""Clustering quality from cluster labels (the library's own scorer), plus alignment.

The scorer lives in ``unifyid._evaluate`` (its docstring defines every
metric: precision, recall and F1 over record pairs from the contingency
table, exact-entity share, over-merged cluster share, largest cluster) so
that ``unifyid.evaluate`` and the benchmarks compute the same numbers; this
module adds :func:`align_labels`.
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
