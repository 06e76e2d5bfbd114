"""Match weights per pair: level weights, term-frequency adjustments, prior."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..matchers import Matcher
from ._comparisons import term_frequencies

__all__ = ["TF_CLIP_BITS", "pair_weights", "record_term_frequencies"]

#: Bound on the term-frequency adjustment, in bits: one rare value must not
#: outweigh all other evidence.
TF_CLIP_BITS = 8.0


def record_term_frequencies(
    frame: pd.DataFrame, matchers: Sequence[Matcher]
) -> dict[str, np.ndarray]:
    """Per record, the frequency of its value in each column a matcher adjusts for.

    Computed once per batch of records and reused for every set of pairs.
    """
    out = {}
    for m in matchers:
        col = m.tf_column
        if m.tf_level is None or col is None or col not in frame.columns or col in out:
            continue
        values = frame[col]
        out[col] = values.map(term_frequencies(values)).to_numpy(dtype=float, na_value=np.nan)
    return out


def pair_weights(
    tf: dict[str, np.ndarray],
    left: np.ndarray,
    gamma: np.ndarray,
    matchers: Sequence[Matcher],
    level_weights: Sequence[np.ndarray],
    u_random: Sequence[np.ndarray],
) -> np.ndarray:
    """Each matcher's contribution in bits, one row per pair (float32).

    A pair agreeing exactly on a value ``v`` at a matcher's ``tf_level`` gets
    ``log2(u_exact / tf(v))`` added: rarer than average values count more,
    common ones less (Smith vs Zebrowski, a family phone vs a personal one).
    Only the left record's value is read: at the exact level both are equal.
    ``tf`` comes from :func:`record_term_frequencies` (empty: no adjustment).
    """
    contrib = np.zeros(gamma.shape, dtype=np.float32)
    for k, m in enumerate(matchers):
        contrib[:, k] = level_weights[k][gamma[:, k]]
        if m.tf_level is None or m.tf_column not in tf:
            continue
        at = np.flatnonzero(gamma[:, k] == m.tf_level)
        if len(at) == 0:
            continue
        tf_at = tf[m.tf_column][left[at]]
        adj = np.log2(u_random[k][m.tf_level] / tf_at)
        adj = np.nan_to_num(np.clip(adj, -TF_CLIP_BITS, TF_CLIP_BITS), nan=0.0)
        contrib[at, k] += adj.astype(np.float32)
    return contrib
