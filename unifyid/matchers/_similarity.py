"""Vectorised string similarity over aligned value arrays, computed once per unique pair.

Customer columns repeat values heavily (surnames, cities, postcodes), so the
candidate pairs hold far fewer distinct value pairs than rows. We factorise both
sides, score each distinct unordered pair once with rapidfuzz's C++ ``cpdist``
(which releases the GIL and uses all cores), and scatter the scores back.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein, JaroWinkler

__all__ = ["damerau_distance", "jaro_winkler", "map_unique", "pair_map", "pair_scores"]


def pair_scores(
    left: np.ndarray,
    right: np.ndarray,
    scorer: Callable[..., float],
    *,
    dtype: type = np.float32,
) -> np.ndarray:
    """Score ``scorer(left[i], right[i])`` for every i, once per distinct unordered pair.

    The scorer must be symmetric (all rapidfuzz similarities used here are).
    """
    n = len(left)
    if n == 0:
        return np.zeros(0, dtype=dtype)
    ua, ub, inverse = _distinct_pairs(left, right)
    scores = process.cpdist(list(ua), list(ub), scorer=scorer, workers=-1, dtype=dtype)
    return scores[inverse]


def pair_map(left: np.ndarray, right: np.ndarray, func: Callable[[str, str], bool]) -> np.ndarray:
    """Boolean ``func(left[i], right[i])`` evaluated once per distinct unordered pair.

    For rare, irregular checks that no C++ scorer offers; call it on a
    pre-filtered subset of pairs so that the Python work stays small.
    """
    if len(left) == 0:
        return np.zeros(0, dtype=bool)
    ua, ub, inverse = _distinct_pairs(left, right)
    values = np.fromiter((func(a, b) for a, b in zip(ua, ub)), dtype=bool, count=len(ua))
    return values[inverse]


def _distinct_pairs(
    left: np.ndarray, right: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct unordered value pairs of two aligned arrays, and the map back to rows."""
    n = len(left)
    codes, uniques = pd.factorize(np.concatenate([left, right]), sort=False)
    lc = codes[:n].astype(np.int64)
    rc = codes[n:].astype(np.int64)
    lo = np.minimum(lc, rc)
    hi = np.maximum(lc, rc)
    key = lo * len(uniques) + hi
    inverse, ukey = pd.factorize(key, sort=False)
    return uniques[ukey // len(uniques)], uniques[ukey % len(uniques)], inverse


def jaro_winkler(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Jaro-Winkler similarity in [0, 1] for aligned string arrays."""
    return pair_scores(left, right, JaroWinkler.normalized_similarity)


def damerau_distance(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Damerau-Levenshtein edit distance (transpositions count as one edit)."""
    return pair_scores(left, right, DamerauLevenshtein.distance, dtype=np.int32)


def map_unique(values: np.ndarray, func: Callable[[str], object]) -> np.ndarray:
    """Apply ``func`` once per distinct value of an object array and broadcast back."""
    codes, uniques = pd.factorize(values, sort=False)
    mapped = np.array([func(u) for u in uniques], dtype=object)
    if len(mapped) == 0:
        return np.empty(len(values), dtype=object)
    return mapped[codes]
