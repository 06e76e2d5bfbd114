"""Fellegi–Sunter model: m and u per comparison level, learned without labels.

``u`` (how often non-matching records agree at a level) starts from uniformly
drawn random pairs, where matches are negligible. ``m`` (how often true matches
do), ``u`` among candidate pairs and the share ``lambda`` of matches among
candidates are then found by expectation–maximisation over the distinct
comparison patterns of the candidate pairs — a few thousand patterns stand for
millions of pairs, so EM costs milliseconds. Scores are the posterior
log-odds of a match among the candidates, in bits.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = [
    "FSParams",
    "estimate",
    "level_weights",
    "pattern_counts",
    "u_from_counts",
    "weights_table",
]

_EPS = 1e-6


@dataclass
class FSParams:
    """Learned parameters: ``m[k]``, ``u[k]`` arrays per matcher (index = level)."""

    m: list[np.ndarray]
    u: list[np.ndarray]
    lam: float
    n_iter: int
    converged: bool
    #: Per matcher, expected number of matches with a non-null level (how much
    #: evidence its m estimate rests on).
    evidence: list[float] | None = None


def pattern_counts(gamma: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows of the comparison matrix and how often each occurs."""
    if len(gamma) == 0:
        return gamma, np.zeros(0, dtype=np.int64)
    # Rows packed into one integer (mixed radix, first column most significant),
    # so that sorting the keys sorts the rows: same patterns, same order as
    # ``np.unique(gamma, axis=0)``, without its slow sort of row records.
    radix = np.maximum(gamma.max(axis=0).astype(np.int64), 0) + 1
    if np.any(gamma < 0) or float(np.prod(radix.astype(float))) >= 2.0**62:
        patterns, counts = np.unique(gamma, axis=0, return_counts=True)
        return patterns, counts
    place = np.cumprod(np.r_[radix[1:], 1][::-1])[::-1]
    keys = gamma.astype(np.int64) @ place
    ukeys, counts = np.unique(keys, return_counts=True)
    patterns = ((ukeys[:, None] // place) % radix).astype(gamma.dtype)
    return patterns, counts


def _level_probs(
    gamma: np.ndarray, counts: np.ndarray, weight: np.ndarray, n_levels: int
) -> np.ndarray:
    """Share of (weighted) pairs at each non-null level; level 0 keeps probability 1."""
    sums = np.bincount(gamma, weights=counts * weight, minlength=n_levels).astype(float)
    sums[0] = 0.0
    total = sums.sum()
    probs = (sums + 0.5) / (total + 0.5 * (n_levels - 1))
    probs = np.clip(probs, _EPS, 1.0)
    probs[0] = 1.0
    return probs


def _initial_m(n_levels: int) -> np.ndarray:
    """Prior m: matches mostly agree at the strongest level, rarely at 'else'."""
    m = np.empty(n_levels)
    m[0] = 1.0
    k = n_levels - 1
    raw = 0.5 ** np.arange(k, dtype=float)
    raw[-1] = 0.05
    m[1:] = raw / raw.sum()
    return m


def estimate(
    patterns: np.ndarray,
    counts: np.ndarray,
    u_random: list[np.ndarray],
    n_levels: list[int],
    *,
    max_iter: int = 100,
    tol: float = 1e-6,
    fixed_m: list[np.ndarray] | None = None,
    fixed_u: list[np.ndarray] | None = None,
) -> FSParams:
    """EM over comparison patterns; ``fixed_m`` / ``fixed_u`` (from labels) are kept as given."""
    n_match = len(n_levels)
    m = [fm.copy() for fm in fixed_m] if fixed_m else [_initial_m(n) for n in n_levels]
    u = [fu.copy() for fu in fixed_u] if fixed_u else [uu.copy() for uu in u_random]
    lam = 0.1
    counts = counts.astype(float)
    n_iter, converged = 0, False
    if len(patterns) == 0:
        return FSParams(m, u, lam, 0, True)
    for n_iter in range(1, max_iter + 1):  # noqa: B007 - n_iter is reported
        log_m = np.zeros(len(patterns))
        log_u = np.zeros(len(patterns))
        for k in range(n_match):
            g = patterns[:, k]
            log_m += np.log(m[k][g])
            log_u += np.log(u[k][g])
        log_odds = np.log(lam) - np.log1p(-lam) + log_m - log_u
        w = 1.0 / (1.0 + np.exp(-np.clip(log_odds, -700, 700)))
        new_lam = float(np.clip((counts * w).sum() / counts.sum(), _EPS, 1 - _EPS))
        new_m = (
            m
            if fixed_m
            else [_level_probs(patterns[:, k], counts, w, n_levels[k]) for k in range(n_match)]
        )
        new_u = (
            u
            if fixed_u
            else [
                _level_probs(patterns[:, k], counts, 1.0 - w, n_levels[k]) for k in range(n_match)
            ]
        )
        delta = abs(new_lam - lam) + max(
            float(np.max(np.abs(a - b))) for a, b in zip(new_m + new_u, m + u)
        )
        m, u, lam = new_m, new_u, new_lam
        if delta < tol:
            converged = True
            break
    evidence = [float((counts * w * (patterns[:, k] != 0)).sum()) for k in range(n_match)]
    return FSParams(m=m, u=u, lam=lam, n_iter=n_iter, converged=converged, evidence=evidence)


def level_weights(m: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Match weight in bits per level, ``log2(m / u)``; 0 for the null level."""
    w = np.log2(m / u)
    w[0] = 0.0
    return w


def weights_table(params: FSParams) -> list[np.ndarray]:
    """:func:`level_weights` of every matcher of ``params``."""
    return [level_weights(m, u) for m, u in zip(params.m, params.u)]


#: Pseudo-pairs drawn from a generic prior (strangers rarely agree) added to
#: the u counts: negligible on real data, decisive on a handful of records.
U_PSEUDO_PAIRS = 10_000


def _u_reference(n_levels: int) -> np.ndarray:
    """Generic u: each agreement level 1 in 1,000 pairs, the rest at "else"."""
    ref = np.full(n_levels, 1e-3)
    ref[0] = 0.0
    ref[-1] = 1.0 - ref[1:-1].sum()
    return ref


def u_from_counts(counts: np.ndarray) -> np.ndarray:
    """Non-match pair counts per level to u, smoothed by ``U_PSEUDO_PAIRS``; level 0 keeps 1."""
    probs = counts.astype(float).copy()
    probs[0] = 0.0
    probs = (probs + U_PSEUDO_PAIRS * _u_reference(len(probs))) / (probs.sum() + U_PSEUDO_PAIRS)
    probs[0] = 0.0
    probs /= probs.sum()
    probs[0] = 1.0
    return probs
