"""Profiles at risk: held by a weak link, next to a cut link, or split at a conflict."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import minimum_spanning_tree

from ._run import RunData

__all__ = ["LOW_CONFIDENCE", "profile_confidence", "profiles_at_risk"]

#: A profile whose weakest necessary link is below this probability is flagged.
LOW_CONFIDENCE = 0.9

_SPLIT = "weak link between conflicting records"


def profile_confidence(run: RunData) -> pd.Series:
    """Per profile, the probability of the weakest link in its strongest spanning tree.

    The same number as ``Explanation.confidence``, for every profile at once: a
    maximum spanning forest of the linked pairs (one sparse call), then the
    minimum probability of its edges per profile. Single records get 1.0.
    """
    n = len(run.profiles)
    linked = run.edges["linked"].to_numpy(bool)
    p = run.edges["match_probability"].to_numpy(np.float64)[linked]
    i, j = run.row_l[linked], run.row_r[linked]
    # Largest probability = smallest cost; the offset keeps p == 1 from vanishing.
    cost = coo_matrix((2.0 - p, (i, j)), shape=(n, n)).tocsr()
    tree = minimum_spanning_tree(cost).tocoo()
    prob = 2.0 - tree.data
    codes, ids = run.profile_codes
    weakest = np.ones(len(ids))
    np.minimum.at(weakest, codes[tree.row], prob)
    return pd.Series(weakest, index=pd.Index(ids, name="profile_id"), name="confidence")


def profiles_at_risk(run: RunData, *, low_confidence: float = LOW_CONFIDENCE) -> pd.DataFrame:
    """One row per flagged profile: ``profile_id``, ``records``, ``confidence`` and flags.

    Flags: ``low_confidence`` (weakest necessary link below ``low_confidence``),
    ``cut_link`` (a pair scored as a match was vetoed by a cannot-link rule or
    override) and ``split`` (a link was cut to separate conflicting records:
    an identifier limit, or records that contradict each other).
    """
    codes, ids = run.profile_codes
    conf = profile_confidence(run)
    reason = run.edges["cut_reason"]
    scored_match = run.edges["match_probability"].to_numpy() >= 0.5
    cut = reason.notna().to_numpy() & scored_match & ~run.edges["linked"].to_numpy(bool)
    split = cut & (reason == _SPLIT).to_numpy()
    vetoed = cut & ~split
    table = pd.DataFrame({"confidence": conf})
    table["records"] = np.bincount(codes, minlength=len(ids))
    for name, mask in (("cut_link", vetoed), ("split", split)):
        touched = np.zeros(len(ids), dtype=bool)
        touched[codes[run.row_l[mask]]] = True
        touched[codes[run.row_r[mask]]] = True
        table[name] = touched
    table["low_confidence"] = table["confidence"] < low_confidence
    flagged = table[table[["low_confidence", "cut_link", "split"]].any(axis=1)]
    flagged = flagged.rename_axis("profile_id").reset_index()
    cols = ["profile_id", "records", "confidence", "low_confidence", "cut_link", "split"]
    return flagged[cols].sort_values(["confidence", "records"], ascending=[True, False])
