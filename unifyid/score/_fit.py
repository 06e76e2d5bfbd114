"""Score stage, fit: m by EM per blocking rule, u from random pairs then refined, the priors.

No labels: u starts from random pairs (almost all non-matches), m is learned
by EM on the candidate pairs, and u and the prior are then refined together
(see ``U_REFINE_PASSES``). Last, each pair of sources gets its own prior
(``unifyid.score._source_priors``).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ..compare import Scored, compare_pairs, random_pairs
from ..graph._households import household_evidence
from ._fellegi_sunter import level_weights, u_from_counts
from ._model import FittedModel
from ._source_priors import source_shifts
from ._training import estimate_prior, train_m
from ._weights import pair_bits

__all__ = ["U_REFINE_PASSES", "fit_model"]

#: Passes refining u and the prior together after EM. u depends on each pair's
#: posterior of not matching, which depends on u and the prior: three passes
#: let the fixed point settle (the prior moves little after the second), and
#: each costs one sweep over the candidate pairs.
U_REFINE_PASSES = 3


def fit_model(
    scored: Scored, *, n_random_pairs: int, max_iter: int, random_state: int
) -> tuple[FittedModel, np.ndarray]:
    """Learn m, u and the prior from one batch; return the model and the candidates' contributions.

    The contributions (bits per candidate pair and matcher) come from the last
    refining pass, so applying the model to the same batch need not redo them.
    """
    matchers = scored.matchers
    frame = scored.prepared.frame
    n = len(frame)
    ri, rj = random_pairs(n, n_random_pairs, random_state)
    gamma_r = compare_pairs(frame, ri, rj, matchers, codes=scored.codes)
    n_levels = [m.n_levels for m in matchers]
    u = [u_from_counts(np.bincount(gamma_r[:, k], minlength=nl)) for k, nl in enumerate(n_levels)]
    shared = {
        c[: -len("__shared")]: frame[c].to_numpy(dtype=bool)
        for c in frame.columns
        if c.endswith("__shared")
    }
    cand_keys = scored.left * n + scored.right
    m, n_iter = train_m(
        scored.gamma,
        cand_keys,
        scored.rule_keys,
        shared,
        matchers,
        u,
        max_iter=max_iter,
        seed=random_state,
    )
    names = [mt.name for mt in matchers]
    m_by_name = dict(zip(names, m))
    u_by_name = dict(zip(names, u))
    n_total = n * (n - 1) // 2

    def chunked_bits() -> np.ndarray:
        weights = [level_weights(m_by_name[k], u_by_name[k]) for k in names]
        u_now = [u_by_name[k] for k in names]
        return pair_bits(
            scored.tf, scored.left, scored.right, scored.gamma, matchers, weights, u_now
        )

    # The passes before the last need only each pair's summed bits: they are
    # computed in chunks, so the full contributions matrix is built once.
    bits = chunked_bits()
    model = FittedModel(list(matchers), m_by_name, u_by_name, estimate_prior(bits, n_total), n_iter)
    # u, refined: every pair agreeing on a blocking key is a candidate, so the
    # candidates' non-match mass is counted exactly (weighted by each pair's
    # posterior of not matching); random pairs outside the candidates stand
    # for the rest. Rare agreement (a personal email) then gets the tiny u it
    # has, not the sampling floor of a random sample that contains matches.
    rand_keys = ri * n + rj
    pos = np.minimum(np.searchsorted(cand_keys, rand_keys), max(len(cand_keys) - 1, 0))
    outside = cand_keys[pos] != rand_keys if len(cand_keys) else np.ones(len(ri), dtype=bool)
    n_outside = n_total - len(cand_keys)
    rest = [
        np.bincount(gamma_r[outside, k], minlength=n_levels[k]) / max(outside.sum(), 1)
        for k in range(len(names))
    ]
    del cand_keys, rand_keys, pos, outside
    contrib = np.empty((0, len(names)), dtype=np.float32)
    for step in range(U_REFINE_PASSES):
        non_match = 1.0 / (1.0 + np.exp2(np.clip(model.prior + bits, -60, 60)))
        for k, name in enumerate(names):
            inside = np.bincount(scored.gamma[:, k], weights=non_match, minlength=n_levels[k])
            u_by_name[name] = u_from_counts(inside + n_outside * rest[k])
        del non_match
        if step < U_REFINE_PASSES - 1:
            bits = chunked_bits()
        else:
            contrib = model.contributions(scored.tf, scored.left, scored.right, scored.gamma)
            bits = contrib.sum(axis=1, dtype=np.float64)
        model = replace(model, lambda_=estimate_prior(bits, n_total))
    households = household_evidence(scored.gamma, model.matchers)
    shifts = source_shifts(bits, frame["source"], scored.left, scored.right, model.prior)
    return replace(model, households=households, source_shifts=shifts), contrib
