"""Match weights per pair: level weights, term-frequency adjustments, prior."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from .._arrays import column_codes
from .._processes import n_processes
from ..compare._fork import shared_array, split_range
from ..matchers import Matcher
from ._joint_names import JOINT_COLUMNS, JOINT_KEY, shared_by_strangers, with_name_association

__all__ = [
    "TF_CLIP_BITS",
    "pair_bits",
    "pair_contributions",
    "pair_weights",
    "record_term_frequencies",
]

#: Pairs per chunk of the per-pair corrections.
_CHUNK = 1_000_000

#: Bound on the term-frequency adjustment, in bits: one rare value must not
#: outweigh all other evidence.
TF_CLIP_BITS = 8.0


def record_term_frequencies(
    frame: pd.DataFrame, matchers: Sequence[Matcher]
) -> dict[str, np.ndarray]:
    """Per record, the frequency of its value in each column a matcher adjusts for.

    Computed once per batch of records and reused for every set of pairs.
    """
    out: dict[str, np.ndarray] = {}
    codes: dict[str, np.ndarray] = {}
    for m in matchers:
        col = m.tf_column
        if m.tf_level is None or col is None or col not in frame.columns or col in out:
            continue
        codes[col] = column_codes(frame[col])
        known = codes[col] >= 0
        counts = np.bincount(codes[col][known]).astype(float)
        freq = np.full(len(frame), np.nan)
        freq[known] = counts[codes[col][known]] / max(counts.sum(), 1.0)
        out[col] = freq
    joint = shared_by_strangers(frame, JOINT_COLUMNS, codes)
    if joint is not None:
        out[JOINT_KEY] = with_name_association(
            joint, *(out[c] for c in JOINT_COLUMNS), *(codes[c] for c in JOINT_COLUMNS)
        )
    return out


def pair_weights(
    tf: dict[str, np.ndarray],
    left: np.ndarray,
    right: np.ndarray,
    gamma: np.ndarray,
    matchers: Sequence[Matcher],
    level_weights: Sequence[np.ndarray],
    u_random: Sequence[np.ndarray],
) -> np.ndarray:
    """Each matcher's contribution in bits, one row per pair (float32).

    A pair agreeing exactly on a value ``v`` at a matcher's ``tf_level`` gets
    ``log2(u_exact / tf(v))`` added: rarer than average values count more,
    common ones less (Smith vs Zebrowski, a family phone vs a personal one).
    A near agreement (a typo, a nickname) never weighs more than an exact
    agreement on the commoner of its two values would: "Rdoriguez" is not a
    rarer, stronger "Rodriguez". A pair agreeing on both first and last name is
    then weighed down to how often strangers in the data share that full name
    (see ``_joint_correction``).
    ``tf`` comes from :func:`record_term_frequencies` (empty: no adjustment).
    """
    # Column-major: each matcher's column is written contiguously.
    contrib = np.zeros(gamma.shape, dtype=np.float32, order="F")
    for k, m in enumerate(matchers):
        base = level_weights[k]
        g = np.ascontiguousarray(gamma[:, k])
        weight = base[g]
        contrib[:, k] = weight
        if m.tf_level is None or m.tf_column not in tf:
            continue
        values_tf = tf[m.tf_column]
        u_exact = u_random[k][m.tf_level]
        exact = g == m.tf_level
        at = np.flatnonzero(exact)
        if len(at):
            contrib[at, k] += _tf_bits(u_exact, values_tf[left[at]])
        near = np.flatnonzero(~exact & (weight > 0))
        del weight, exact
        if len(near):
            cap = base[m.tf_level] + _tf_bits(
                u_exact, _commoner(values_tf, left[near], right[near])
            )
            contrib[near, k] = np.minimum(contrib[near, k], cap)
    _joint_correction(contrib, tf, left, right, gamma, matchers, level_weights)
    return contrib


def pair_bits(
    tf: dict[str, np.ndarray],
    left: np.ndarray,
    right: np.ndarray,
    gamma: np.ndarray,
    matchers: Sequence[Matcher],
    level_weights: Sequence[np.ndarray],
    u_random: Sequence[np.ndarray],
    *,
    n_jobs: int | None = None,
) -> np.ndarray:
    """Each pair's summed contribution in bits (float64): the row sums of
    :func:`pair_weights`, computed in chunks of pairs so that the full
    pairs x matchers matrix is never held. ``n_jobs``: processes sharing
    the pairs (see ``unifyid._processes.n_processes``)."""
    n = len(left)
    several = n_processes(n, n_jobs) > 1
    out = shared_array(n, np.float64) if several else np.empty(n, dtype=np.float64)

    def keep(start: int, stop: int, contrib: np.ndarray) -> None:
        contrib.sum(axis=1, dtype=np.float64, out=out[start:stop])

    _in_chunks(
        (tf, left, right, gamma, matchers, level_weights, u_random), n_jobs if several else 1, keep
    )
    return out


def pair_contributions(
    tf: dict[str, np.ndarray],
    left: np.ndarray,
    right: np.ndarray,
    gamma: np.ndarray,
    matchers: Sequence[Matcher],
    level_weights: Sequence[np.ndarray],
    u_random: Sequence[np.ndarray],
    *,
    n_jobs: int | None = None,
) -> np.ndarray:
    """:func:`pair_weights` of every pair, computed in chunks shared between processes.

    The same values (column-major float32), with per-chunk temporaries only.
    """
    n, k = gamma.shape
    several = n_processes(n, n_jobs) > 1
    # Column-major, as pair_weights builds it: (matchers, pairs) transposed.
    out = (shared_array((k, n), np.float32) if several else np.empty((k, n), np.float32)).T

    def keep(start: int, stop: int, contrib: np.ndarray) -> None:
        out[start:stop] = contrib

    _in_chunks(
        (tf, left, right, gamma, matchers, level_weights, u_random), n_jobs if several else 1, keep
    )
    return out


def _in_chunks(
    args: tuple, n_jobs: int | None, keep: Callable[[int, int, np.ndarray], None]
) -> None:
    """:func:`pair_weights` of chunks of the pairs (``args`` as its own), each handed to
    ``keep(start, stop, contributions)``, the chunks shared between ``n_jobs`` processes."""
    tf, left, right, gamma, matchers, level_weights, u_random = args

    def run(begin: int, end: int) -> None:
        for start in range(begin, end, _CHUNK):
            stop = min(start + _CHUNK, end)
            contrib = pair_weights(
                tf,
                left[start:stop],
                right[start:stop],
                gamma[start:stop],
                matchers,
                level_weights,
                u_random,
            )
            keep(start, stop, contrib)

    split_range(len(left), n_jobs, run)


def _commoner(freq: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Per pair, the frequency of the commoner of its two values (NaN only if both are)."""
    return np.fmax(freq[left], freq[right])


def _tf_bits(u_exact: float, freq: np.ndarray) -> np.ndarray:
    """``log2(u_exact / freq)`` clipped to ``TF_CLIP_BITS``; 0 where the frequency is unknown."""
    with np.errstate(divide="ignore", invalid="ignore"):
        adj = np.log2(u_exact / freq)
    return np.nan_to_num(np.clip(adj, -TF_CLIP_BITS, TF_CLIP_BITS), nan=0.0).astype(np.float32)


def _joint_correction(
    contrib: np.ndarray,
    tf: dict[str, np.ndarray],
    left: np.ndarray,
    right: np.ndarray,
    gamma: np.ndarray,
    matchers: Sequence[Matcher],
    level_weights: Sequence[np.ndarray],
) -> None:
    """Lower the weight of pairs agreeing on a combination strangers often share.

    The separate adjustments price an agreement on Maria and on Garcia as if
    the names were drawn independently; where the data shows the combination
    is held by more people than that (see ``_joint_names``), the
    excess is taken off, split evenly over the matchers involved. Near
    agreements (Jose Rdoriguez) are priced by the commoner of the two names.
    Never raised.
    """
    if JOINT_KEY not in tf:
        return
    ks = [
        k
        for k, m in enumerate(matchers)
        if m.tf_column in JOINT_COLUMNS and m.tf_level is not None and m.tf_column in tf
    ]
    if len(ks) != len(JOINT_COLUMNS):
        return
    agree = np.logical_and.reduce(
        [(gamma[:, k] == matchers[k].tf_level) | (level_weights[k][gamma[:, k]] > 0) for k in ks]
    )
    found = np.flatnonzero(agree)
    del agree
    # In chunks: the per-pair temporaries stay small whatever the number of pairs.
    for start in range(0, len(found), _CHUNK):
        at = found[start : start + _CHUNK]
        li, ri = left[at], right[at]
        independent = np.prod([_commoner(tf[matchers[k].tf_column], li, ri) for k in ks], axis=0)
        shared = _commoner(tf[JOINT_KEY], li, ri)
        with np.errstate(divide="ignore", invalid="ignore"):
            excess = np.log2(independent / shared)
        fix = np.minimum(0.0, np.nan_to_num(excess, nan=0.0, posinf=0.0, neginf=0.0))
        for k in ks:
            contrib[at, k] += (fix / len(ks)).astype(np.float32)
