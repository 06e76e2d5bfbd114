"""The prior per pair of sources: its fixed point, its shifts and where it applies."""

import numpy as np
import pandas as pd
import pytest

from unifyid.score import FittedModel
from unifyid.score._source_priors import (
    MIN_SOURCE_PAIR_CANDIDATES,
    pair_totals,
    shift_table,
    source_shifts,
)
from unifyid.score._training import estimate_prior, prior_fixed_point, prior_fixed_points


def test_fixed_points_of_several_groups_equal_each_groups_own():
    rng = np.random.default_rng(0)
    groups = [rng.normal(-2, 8, size) for size in (500, 2_000, 50, 0)]
    totals = np.array([10**6, 4 * 10**7, 10**5, 10**6])

    def sums(priors):
        out = []
        for bits, prior in zip(groups, priors):
            out.append((1.0 / (1.0 + np.exp2(-np.clip(bits + prior, -60, 60)))).sum())
        return np.array(out)

    together = prior_fixed_points(sums, np.array([len(g) for g in groups]), totals)
    alone = [estimate_prior(g, int(t)) for g, t in zip(groups, totals)]
    assert together == pytest.approx(alone, rel=1e-12)
    assert together[3] == prior_fixed_point(lambda b: 0.0, 0, 10**6) == 1e-9


def test_pairs_per_pair_of_sources():
    # Sources of 3 and 4 records: 3 pairs inside the first, 12 across, 6 inside the second.
    assert pair_totals([3, 4]).tolist() == [3, 12, 12, 6]


def _two_sources(n_per_source=400, inside=120, across=120):
    """Candidates inside source "a" mostly match (strong evidence); across "a" and "b",
    the same evidence is rarer and weaker."""
    rng = np.random.default_rng(1)
    sources = pd.Series(["a"] * n_per_source + ["b"] * n_per_source)
    left_in = rng.integers(0, n_per_source, inside)
    right_in = (left_in + 1 + rng.integers(0, n_per_source - 1, inside)) % n_per_source
    left_x = rng.integers(0, n_per_source, across)
    right_x = n_per_source + rng.integers(0, n_per_source, across)
    left = np.r_[np.minimum(left_in, right_in), left_x]
    right = np.r_[np.maximum(left_in, right_in), right_x]
    bits = np.r_[rng.normal(20, 2, inside), rng.normal(8, 4, across)]
    return sources, left, right, bits


def test_sources_whose_records_match_more_get_a_higher_prior():
    enough = 2 * MIN_SOURCE_PAIR_CANDIDATES
    sources, left, right, bits = _two_sources(inside=enough, across=enough)
    n = len(sources)
    prior = np.log2(estimate_prior(bits, n * (n - 1) // 2))
    shifts = source_shifts(bits, sources, left, right, prior)
    assert shifts[("a", "a")] > 0 > shifts[("a", "b")]
    assert ("b", "b") not in shifts  # no candidates inside "b": the shared prior


def test_too_few_candidates_keep_the_shared_prior():
    few = MIN_SOURCE_PAIR_CANDIDATES - 1
    sources, left, right, bits = _two_sources(inside=few, across=2 * MIN_SOURCE_PAIR_CANDIDATES)
    shifts = source_shifts(bits, sources, left, right, -10.0)
    assert set(shifts) == {("a", "b")}


def test_one_source_has_no_shifts():
    sources, left, right, bits = _two_sources()
    one = pd.Series(["a"] * len(sources))
    assert source_shifts(bits, one, left, right, -10.0) == {}


def test_shift_table_is_symmetric_and_zero_for_sources_never_seen():
    table = shift_table({("a", "b"): -1.5, ("a", "a"): 2.0}, ["b", "c", "a"])
    assert table[0, 2] == table[2, 0] == -1.5
    assert table[2, 2] == 2.0
    assert table[1].tolist() == [0.0, 0.0, 0.0]


def test_pair_prior_moves_the_prior_by_each_pairs_sources():
    model = FittedModel([], {}, {}, lambda_=2**-11, n_iter=0)
    assert model.pair_prior(pd.Series(["a", "b"]), np.array([0]), np.array([1])) == model.prior
    shifted = FittedModel([], {}, {}, 2**-11, 0, source_shifts={("a", "b"): -2.0, ("b", "b"): 1.0})
    sources = pd.Series(["b", "a", "b", "c"], dtype="category")
    got = shifted.pair_prior(sources, np.array([0, 1, 0, 0]), np.array([1, 0, 2, 3]))
    base = shifted.prior
    assert got.tolist() == pytest.approx([base - 2.0, base - 2.0, base + 1.0, base])
