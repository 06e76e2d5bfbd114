"""Clustering quality against known truth, without enumerating record pairs.

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

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from ._errors import SchemaError

__all__ = ["ClusterScores", "evaluate", "score_labels"]


@dataclass(frozen=True)
class ClusterScores:
    """Scores of one predicted clustering against the truth (see module docstring)."""

    records: int
    true_entities: int
    predicted_clusters: int
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    precision: float
    recall: float
    f1: float
    exact_entity_share: float
    overmerged_cluster_share: float
    largest_cluster: int

    def as_dict(self) -> dict[str, float | int]:
        """The scores as a plain dict (JSON-ready)."""
        return asdict(self)


def _pairs(counts: np.ndarray) -> int:
    """``sum C(n, 2)`` over an array of group sizes, exactly (Python ints)."""
    c = counts.astype(np.int64)
    return int((c * (c - 1) // 2).sum())


def score_labels(truth: np.ndarray | pd.Series, predicted: np.ndarray | pd.Series) -> ClusterScores:
    """Score predicted cluster labels against true entity labels, record by record.

    Parameters
    ----------
    truth, predicted : array-like of the same length
        For each record, the id of its true entity and of its predicted cluster.
        Labels may be of any hashable type; only equality matters.

    Returns
    -------
    ClusterScores

    Raises
    ------
    ValueError
        The two label arrays differ in length or contain missing values.

    Examples
    --------
    >>> s = score_labels(["a", "a", "b", "b"], [1, 1, 1, 2])
    >>> s.precision, s.recall, s.exact_entity_share, s.overmerged_cluster_share
    (0.3333333333333333, 0.5, 0.0, 1.0)
    """
    t = pd.Series(np.asarray(truth, dtype=object) if not isinstance(truth, pd.Series) else truth)
    p = pd.Series(
        np.asarray(predicted, dtype=object) if not isinstance(predicted, pd.Series) else predicted
    )
    if len(t) != len(p):
        raise ValueError(f"truth has {len(t)} labels but predicted has {len(p)}.")
    if t.isna().any() or p.isna().any():
        raise ValueError("labels must not be missing (NaN/None).")
    n = len(t)
    t_codes, t_uniques = pd.factorize(t.to_numpy(), sort=False)
    p_codes, p_uniques = pd.factorize(p.to_numpy(), sort=False)
    n_t, n_p = len(t_uniques), len(p_uniques)

    b = np.bincount(t_codes, minlength=n_t)  # entity sizes
    a = np.bincount(p_codes, minlength=n_p)  # cluster sizes
    # Non-zero cells of the contingency table, one per (entity, cluster) that meet.
    key = t_codes.astype(np.int64) * max(n_p, 1) + p_codes.astype(np.int64)
    cells, n_ij = np.unique(key, return_counts=True)
    cell_t = cells // max(n_p, 1)
    cell_p = cells % max(n_p, 1)

    true_pairs = _pairs(b)
    pred_pairs = _pairs(a)
    correct = _pairs(n_ij)
    precision = correct / pred_pairs if pred_pairs else 1.0
    recall = correct / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    # An entity is recovered exactly when one cell holds all of it and all of its cluster.
    exact = (n_ij == b[cell_t]) & (n_ij == a[cell_p])
    exact_share = float(exact.sum()) / n_t if n_t else 1.0

    entities_per_cluster = np.bincount(cell_p, minlength=n_p)
    multi = a >= 2
    n_multi = int(multi.sum())
    overmerged = float((entities_per_cluster[multi] > 1).sum()) / n_multi if n_multi else 0.0

    return ClusterScores(
        records=n,
        true_entities=n_t,
        predicted_clusters=n_p,
        true_pairs=true_pairs,
        predicted_pairs=pred_pairs,
        correct_pairs=correct,
        precision=float(precision),
        recall=float(recall),
        f1=float(f1),
        exact_entity_share=exact_share,
        overmerged_cluster_share=overmerged,
        largest_cluster=int(a.max()) if n_p else 0,
    )


def evaluate(profiles: pd.DataFrame, truth: pd.DataFrame) -> dict[str, float | int]:
    """Score ``profiles`` (as in ``Result.profiles``) against ``truth``.

    Parameters
    ----------
    profiles : pandas.DataFrame
        ``source``, ``record_id``, ``profile_id``.
    truth : pandas.DataFrame
        ``source``, ``record_id``, ``entity_id``: the real customer of each record.

    Returns
    -------
    dict
        The fields of :class:`ClusterScores` (see the module docstring):
        ``precision``, ``recall``, ``f1``, ``exact_entity_share``,
        ``overmerged_cluster_share``, ``largest_cluster`` and the counts.

    Raises
    ------
    SchemaError
        Some records appear in only one of the two tables.

    Examples
    --------
    >>> import pandas as pd
    >>> ids = ["1", "2", "3"]
    >>> p = pd.DataFrame({"source": "s", "record_id": ids, "profile_id": ["a", "a", "b"]})
    >>> t = pd.DataFrame({"source": "s", "record_id": ids, "entity_id": ["x", "x", "x"]})
    >>> evaluate(p, t)["recall"]
    0.3333333333333333
    """
    keys = ["source", "record_id"]
    merged = (
        profiles[[*keys, "profile_id"]]
        .astype(str)
        .merge(truth[[*keys, "entity_id"]].astype(str), on=keys, how="outer", indicator=True)
    )
    unmatched = int((merged["_merge"] != "both").sum())
    if unmatched:
        raise SchemaError(
            [f"evaluate(): {unmatched} record(s) appear in only one of profiles and truth"]
        )
    return score_labels(merged["entity_id"], merged["profile_id"]).as_dict()
