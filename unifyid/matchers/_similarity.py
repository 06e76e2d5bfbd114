"""Vectorised string similarity over aligned value arrays, computed once per unique pair.

Customer columns repeat values heavily (surnames, cities, postcodes), so the
candidate pairs hold far fewer distinct value pairs than rows. We factorise both
sides, score each distinct unordered pair once with rapidfuzz's C++ ``cpdist``
(which releases the GIL and uses all cores), and scatter the scores back.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable

import numpy as np
import pandas as pd
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein, JaroWinkler

__all__ = [
    "damerau_distance",
    "factorize_values",
    "jaro_winkler",
    "map_distinct_values",
    "pair_map",
    "pair_scores",
]


def pair_scores(
    left: np.ndarray,
    right: np.ndarray,
    scorer: Callable[..., float],
    *,
    dtype: type = np.float32,
) -> np.ndarray:
    """Score ``scorer(left[i], right[i])`` for every i, once per distinct unordered pair.

    The scorer must be symmetric (all rapidfuzz similarities used here are).
    Values longer than ``_LONG_TEXT`` characters are scored on their first
    ``_LONG_TEXT``: these scorers cost time in the product of the lengths,
    and no identity value is that long (such values are junk or pasted text).
    """
    n = len(left)
    if n == 0:
        return np.zeros(0, dtype=dtype)
    uniques, lo, hi, inverse = _distinct_code_pairs(left, right)
    uniques = _truncated(uniques)
    scores = process.cpdist(
        list(uniques[lo]), list(uniques[hi]), scorer=scorer, workers=-1, dtype=dtype
    )
    return scores[inverse]


#: Longest text the similarity scorers see whole (see ``pair_scores``).
_LONG_TEXT = 1000


def _truncated(values: np.ndarray) -> np.ndarray:
    """The values cut to ``_LONG_TEXT`` characters (``values`` itself if none is longer)."""
    if not (_lengths(values) > _LONG_TEXT).any():
        return values
    return np.array([v[:_LONG_TEXT] if isinstance(v, str) else v for v in values], dtype=object)


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
    uniques, lo, hi, inverse = _distinct_code_pairs(left, right)
    return uniques[lo], uniques[hi], inverse


def _distinct_code_pairs(
    left: np.ndarray, right: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The distinct values, the distinct unordered pairs as codes into them, the map back.

    Per-value work (lengths, truncation) can then be done once per distinct
    value rather than once per distinct pair.
    """
    n = len(left)
    codes, uniques = factorize_values(np.concatenate([left, right]))
    lc = codes[:n].astype(np.int64)
    rc = codes[n:].astype(np.int64)
    lo = np.minimum(lc, rc)
    hi = np.maximum(lc, rc)
    key = lo * len(uniques) + hi
    inverse, ukey = pd.factorize(key, sort=False)
    return uniques, ukey // len(uniques), ukey % len(uniques), inverse


def jaro_winkler(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Jaro-Winkler similarity in [0, 1] for aligned string arrays."""
    return pair_scores(left, right, JaroWinkler.normalized_similarity)


#: Values up to this length are compared in C++; longer ones by the linear check.
_SHORT = 64


def damerau_distance(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Damerau-Levenshtein edit distance (transpositions count as one edit), capped at 2.

    Every caller only asks whether two values are equal, one edit apart or
    further, so distances above 1 read 2. The full distance costs time in the
    product of the lengths: two 30,000-letter values would take seconds per
    pair. Short values go to rapidfuzz with a cutoff of one edit; long ones
    to a check linear in their length.
    """
    n = len(left)
    if n == 0:
        return np.zeros(0, dtype=np.int32)
    uniques, lo, hi, inverse = _distinct_code_pairs(left, right)
    ua, ub = uniques[lo], uniques[hi]
    out = np.empty(len(ua), dtype=np.int32)
    value_lengths = _lengths(uniques)
    lengths = np.maximum(value_lengths[lo], value_lengths[hi])
    short = np.flatnonzero(lengths <= _SHORT)
    if len(short):
        out[short] = process.cpdist(
            list(ua[short]),
            list(ub[short]),
            scorer=DamerauLevenshtein.distance,
            score_cutoff=1,
            workers=-1,
            dtype=np.int32,
        )
    for k in np.flatnonzero(lengths > _SHORT):
        out[k] = _edits_upto_one(ua[k], ub[k])
    return np.minimum(out, 2)[inverse]


def _edits_upto_one(a: str, b: str) -> int:
    """0 if equal, 1 if one edit apart (Damerau: a transposition is one edit), else 2.

    Linear in the length: past the common prefix, one edit leaves the rest
    equal, which string comparison checks in C.
    """
    if a == b:
        return 0
    if abs(len(a) - len(b)) > 1:
        return 2
    i = _common_prefix(a, b)
    if len(a) == len(b):
        if a[i + 1 :] == b[i + 1 :]:
            return 1  # one substitution
        swapped = i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i]
        return 1 if swapped and a[i + 2 :] == b[i + 2 :] else 2
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return 1 if longer[i + 1 :] == shorter[i:] else 2


def _length(value: object) -> int:
    return len(value) if isinstance(value, str) else 0


def _lengths(values: np.ndarray) -> np.ndarray:
    """``_length`` of every value (0 for what is not text)."""
    if pd.api.types.infer_dtype(values, skipna=False) == "string":  # all text: plain len
        return np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    return np.fromiter(map(_length, values), dtype=np.int64, count=len(values))


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by binary search on slices (C comparisons)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def map_distinct_values(values: np.ndarray, func: Callable[[str], object]) -> np.ndarray:
    """Apply ``func`` once per distinct value of an object array and broadcast back."""
    codes, uniques = factorize_values(values)
    mapped = np.array([func(u) for u in uniques], dtype=object)
    if len(mapped) == 0:
        return np.empty(len(values), dtype=object)
    return mapped[codes]


def factorize_values(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``pd.factorize(values, sort=False)``, hashing each distinct Python object once.

    The matchers' value arrays repeat a few objects many times over (the
    compare stage builds each distinct text once, see
    ``unifyid.compare.RecordCodes.plain``): the objects are told apart by
    their addresses, an integer factorisation, and only the distinct objects
    are then factorised by value. Codes and uniques are those of
    ``pd.factorize``, whether or not equal values share one object.
    """
    if not isinstance(values, np.ndarray) or values.dtype != object or values.ndim != 1:
        return pd.factorize(values, sort=False)
    by_object, _ = pd.factorize(_addresses(values), sort=False)
    # Codes are numbered in order of first appearance: a code's first row is
    # where the running maximum first reaches it.
    highest = np.maximum.accumulate(by_object) if len(values) else by_object
    first = np.flatnonzero(np.diff(highest, prepend=-1) > 0)
    codes, uniques = pd.factorize(values[first], sort=False)
    return codes[by_object], uniques


def _addresses(values: np.ndarray) -> np.ndarray:
    """The address of each element's object (an object array holds pointers to them).

    Valid while ``values`` holds the objects; used only to tell objects apart.
    """
    values = np.ascontiguousarray(values)
    out = np.empty(len(values), dtype=np.intp)
    ctypes.memmove(out.ctypes.data, values.ctypes.data, out.nbytes)
    return out
