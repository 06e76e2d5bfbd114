"""The similarity helpers' factorisation: the codes of ``pd.factorize``, objects shared or not."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from unifyid.matchers._similarity import factorize_values, map_distinct_values, pair_scores


def _fresh(text: str) -> str:
    """An equal string that is a different object."""
    return "".join(list(text))


@pytest.mark.parametrize("seed", range(20))
def test_factorize_values_equals_pandas(seed: int) -> None:
    rng = np.random.default_rng(seed)
    shared = ["ann", "bob", "ann lee"]
    pool = [None, np.nan, pd.NA, 1, 1.0, True, *shared]
    values = np.empty(int(rng.integers(0, 40)), dtype=object)
    for k in range(len(values)):
        v = pool[rng.integers(0, len(pool))]
        values[k] = _fresh(v) if isinstance(v, str) and rng.random() < 0.5 else v
    codes, uniques = factorize_values(values)
    want_codes, want_uniques = pd.factorize(values, sort=False)
    assert codes.tolist() == want_codes.tolist()
    assert len(uniques) == len(want_uniques)
    assert all(a is b for a, b in zip(uniques, want_uniques))


def test_helpers_see_equal_values_as_one_whether_shared_or_not() -> None:
    left = np.array(["smith", _fresh("smith"), "smyth"], dtype=object)
    right = np.array([_fresh("smyth"), "smyth", _fresh("smith")], dtype=object)
    calls: list[str] = []
    out = map_distinct_values(left, lambda v: calls.append(v) or v.upper())
    assert out.tolist() == ["SMITH", "SMITH", "SMYTH"] and sorted(calls) == ["smith", "smyth"]
    scores = pair_scores(left, right, lambda a, b, **_: float(a == b))
    assert scores.tolist() == [0.0, 0.0, 0.0]


def test_non_object_arrays_are_factorised_as_pandas_does() -> None:
    values = np.array([3, 1, 3, 2])
    codes, uniques = factorize_values(values)
    assert codes.tolist() == [0, 1, 0, 2] and uniques.tolist() == [3, 1, 2]
