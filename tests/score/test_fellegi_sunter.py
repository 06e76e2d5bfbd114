"""EM recovers m, u and lambda from comparison patterns of a known mixture."""

import numpy as np

from unifyid.score import estimate, pattern_counts, random_pairs, weights_table


def simulate(n, lam, m, u, seed=0):
    rng = np.random.default_rng(seed)
    is_match = rng.random(n) < lam
    cols = []
    for mk, uk in zip(m, u):
        probs = np.where(is_match[:, None], mk[1:], uk[1:])
        cum = probs.cumsum(axis=1)
        draw = (rng.random(n)[:, None] > cum).sum(axis=1) + 1
        cols.append(draw)
    return np.stack(cols, axis=1).astype(np.int8)


def test_em_recovers_a_known_mixture():
    m = [np.array([1, 0.9, 0.08, 0.02]), np.array([1, 0.85, 0.15]), np.array([1, 0.95, 0.05])]
    u = [np.array([1, 0.01, 0.09, 0.9]), np.array([1, 0.05, 0.95]), np.array([1, 0.02, 0.98])]
    gamma = simulate(200_000, 0.2, m, u)
    patterns, counts = pattern_counts(gamma)
    params = estimate(patterns, counts, u, [4, 3, 3])
    assert params.converged
    assert abs(params.lam - 0.2) < 0.01
    for got, want in zip(params.m, m):
        assert np.allclose(got[1:], want[1:], atol=0.02)
    w = weights_table(params)
    assert all(wk[0] == 0 for wk in w)
    assert w[0][1] > 5 and w[0][3] < -3


def test_random_pairs_are_distinct_ordered_and_seeded():
    i, j = random_pairs(100, 1000, seed=1)
    assert np.all(i < j) and j.max() < 100
    i2, j2 = random_pairs(100, 1000, seed=1)
    assert np.array_equal(i, i2) and np.array_equal(j, j2)
    assert len(random_pairs(3, 1000, seed=0)[0]) == 3
