"""Unsupervised training that is not fooled by blocking.

Candidate pairs are chosen *because* they agree on some key, so among them
non-matches agree on that key far more often than strangers do. EM run over
all candidates at once therefore mistakes "same common name" for evidence.
Instead, as Splink does, we train one EM session per blocking rule, on that
rule's pairs only, with the matchers reading the rule's columns switched off;
u is fixed at its value among random pairs. Each matcher's m is the average of
its estimates over the sessions that could see it, weighted by how many
expected matches each estimate rests on.

Only rules keyed on something *personal* train: a first name, or an
identifier value not shared by several people. Rules keyed on an address or
a surname alone gather household members, who agree on everything but first
name and birth date; EM would take them for matches and learn that matches
often disagree on first names.

The prior (share of matches among *all* record pairs) follows from the
trained m and u by a fixed point over the candidates: the expected number of
matches is the sum of the candidates' posteriors, since pairs outside every
block are, to a very good approximation, non-matches.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from .._types import type_names
from ..matchers import Matcher
from ._fellegi_sunter import _initial_m, estimate, pattern_counts

__all__ = [
    "estimate_prior",
    "m_from_sessions",
    "personal_columns",
    "posteriors_into",
    "prior_fixed_point",
    "prior_fixed_points",
    "rule_base_columns",
    "rule_trains",
    "session_off",
    "session_sample",
    "train_m",
]

#: Derived blocking columns and the standardised columns they stem from.
_DERIVED = {
    "first_key": ("first_name",),
    "first_phonetic": ("first_name",),
    "first_initial": ("first_name",),
    "last_phonetic": ("last_name",),
    "name_pair": ("first_name", "last_name"),
    "email_local": ("email",),
    "first_variants": ("first_name",),
    "last_variants": ("last_name",),
    # Encoded data (see ``unifyid.encode``).
    "first_key_hmac": ("first_name_clk", "first_key_hmac"),
    "first_name_bands": ("first_name_clk",),
    "last_name_bands": ("last_name_clk",),
    "street_bands": ("street_clk",),
    "name_pair_key": ("first_name_clk", "last_name_clk"),
    "email_local_hmac": ("email_hmac",),
}

_SESSION_PAIRS = 200_000

#: Sessions with fewer pairs (after dropping shared values) do not train.
_MIN_SESSION_PAIRS = 20

#: Rules on one-letter-out spellings pair, typos apart, the very names the
#: exact-name rules pair: their sessions would learn the same m a second time
#: (measured: same weights, 0.5 s more at 100k records), so they do not train.
_UNTRAINED = frozenset({"first_variants", "last_variants"})

#: Columns besides identifiers that single out a person (see ``personal_columns``).
_PERSONAL_NAMES = ("first_name", "first_name_clk")


def personal_columns() -> frozenset[str]:
    """Columns that single out a person: the first name and every registered identifier
    type, plain or digest (identifier values are personal unless flagged shared)."""
    return frozenset((*_PERSONAL_NAMES, *type_names(kind="identifier")))


def rule_base_columns(rule_columns: Sequence[str]) -> set[str]:
    out: set[str] = set()
    for c in rule_columns:
        out.update(_DERIVED.get(c, (c,)))
    return out


def train_m(
    gamma: np.ndarray,
    pair_keys: np.ndarray,
    rule_pairs: Sequence[tuple[Sequence[str], np.ndarray]],
    shared: dict[str, np.ndarray],
    matchers: Sequence[Matcher],
    u_random: Sequence[np.ndarray],
    *,
    max_iter: int,
    seed: int,
) -> tuple[list[np.ndarray], int]:
    """m per matcher from one EM session per blocking rule; also the total EM iterations.

    ``pair_keys`` are the sorted keys ``i * n + j`` of the rows of ``gamma``;
    ``rule_pairs`` gives, per rule, its columns and its own pair keys;
    ``shared`` flags, per identifier column, the records whose value is shared.
    """
    rng = np.random.default_rng(seed)
    sessions = []
    n_records = len(next(iter(shared.values()))) if shared else 0
    for columns, keys in rule_pairs:
        if not rule_trains(columns):
            continue
        blocked = rule_base_columns(columns)
        for col in blocked & set(shared):
            keys = keys[~shared[col][keys // max(n_records, 1)]]
        if len(keys) < _MIN_SESSION_PAIRS:
            continue
        chosen = session_sample(rng, len(keys))
        if chosen is not None:
            keys = np.sort(keys[chosen])
        rows = np.searchsorted(pair_keys, keys)
        session = gamma[rows].copy()
        off = session_off(columns, matchers)
        session[:, off] = 0
        sessions.append((off, *pattern_counts(session)))
    return m_from_sessions(sessions, matchers, u_random, max_iter=max_iter)


def rule_trains(columns: Sequence[str]) -> bool:
    """Whether a rule on ``columns`` has its own EM session (keyed on something personal)."""
    return bool(rule_base_columns(columns) & personal_columns()) and not _UNTRAINED & set(columns)


def session_off(columns: Sequence[str], matchers: Sequence[Matcher]) -> list[int]:
    """The matchers a rule's session switches off: those reading the rule's columns."""
    blocked = rule_base_columns(columns)
    return [k for k, m in enumerate(matchers) if blocked & set(m.columns)]


def session_sample(rng: np.random.Generator, n_keys: int) -> np.ndarray | None:
    """Positions, among a session's sorted pair keys, of those it trains on (None: all).

    A session over more than ``_SESSION_PAIRS`` pairs trains on that many,
    drawn without replacement from ``rng``, which the sessions share in rule order.
    """
    if n_keys <= _SESSION_PAIRS:
        return None
    return rng.choice(n_keys, _SESSION_PAIRS, replace=False)


def m_from_sessions(
    sessions: Sequence[tuple[Sequence[int], np.ndarray, np.ndarray]],
    matchers: Sequence[Matcher],
    u_random: Sequence[np.ndarray],
    *,
    max_iter: int,
) -> tuple[list[np.ndarray], int]:
    """m per matcher from the sessions' pattern counts; also the total EM iterations.

    Each session is (matchers switched off, patterns, counts), the patterns
    sorted as ``pattern_counts`` sorts them. Each matcher's m is the average of
    its estimates, weighted by the expected matches each rests on.
    """
    n_levels = [m.n_levels for m in matchers]
    sums = [np.zeros(n) for n in n_levels]
    weight = np.zeros(len(matchers))
    total_iter = 0
    for off, patterns, counts in sessions:
        params = estimate(
            patterns, counts, list(u_random), n_levels, max_iter=max_iter, fixed_u=list(u_random)
        )
        total_iter += params.n_iter
        for k in range(len(matchers)):
            if k in off or not params.evidence or params.evidence[k] <= 0:
                continue
            sums[k] += params.evidence[k] * params.m[k]
            weight[k] += params.evidence[k]
    m = []
    for k, n in enumerate(n_levels):
        if weight[k] > 0:
            mk = sums[k] / weight[k]
            mk[0] = 1.0
        else:
            mk = _initial_m(n)
        m.append(mk)
    return m, total_iter


def estimate_prior(
    bits: np.ndarray,
    n_total_pairs: int,
    *,
    max_iter: int = 200,
    counts: np.ndarray | None = None,
) -> float:
    """Share of matches among all pairs, by a fixed point over the candidates' posteriors.

    ``bits`` is each candidate's summed match weight without the prior; or,
    with ``counts``, each distinct weight and how many candidates have it.
    """
    n_bits = len(bits) if counts is None else int(counts.sum())
    post = np.empty(len(bits), dtype=np.float64)

    def posterior_sum(prior_bits: float) -> float:
        posteriors_into(post, bits, prior_bits)
        return float(post.sum() if counts is None else post @ counts)

    return prior_fixed_point(posterior_sum, n_bits, n_total_pairs, max_iter=max_iter)


def posteriors_into(out: np.ndarray, bits: np.ndarray, prior: float | np.ndarray) -> None:
    """Each pair's posterior of matching, ``1 / (1 + exp2(-clip(prior + bits)))``, written
    into ``out``: one buffer for every step of a fixed point, no new array per step."""
    np.add(bits, prior, out=out)
    np.clip(out, -60, 60, out=out)
    np.negative(out, out=out)
    np.exp2(out, out=out)
    np.add(out, 1.0, out=out)
    np.divide(1.0, out, out=out)


def prior_fixed_point(
    posterior_sum: Callable[[float], float],
    n_candidates: int,
    n_total_pairs: int,
    *,
    max_iter: int = 200,
) -> float:
    """The prior's fixed point, lambda <- (candidates' summed posteriors) / all pairs.

    ``posterior_sum(prior_bits)`` sums the candidates' posteriors of matching
    under a prior of ``prior_bits`` (log2 odds); each engine supplies its own
    (numpy here, an aggregation on Spark), the steps and stopping rule are these.
    """
    found = prior_fixed_points(
        lambda bits: np.array([posterior_sum(float(bits[0]))]),
        np.array([n_candidates]),
        np.array([n_total_pairs]),
        max_iter=max_iter,
    )
    return float(found[0])


def prior_fixed_points(
    posterior_sums: Callable[[np.ndarray], np.ndarray],
    n_candidates: np.ndarray,
    n_total_pairs: np.ndarray,
    *,
    max_iter: int = 200,
) -> np.ndarray:
    """:func:`prior_fixed_point` for several groups of pairs at once, each on its own.

    ``posterior_sums(prior_bits)`` takes one prior per group and returns each
    group's summed posteriors, so an engine makes one pass per step for all
    groups. A group stops where its own stopping rule holds, so each result
    is the one the single fixed point gives that group.
    """
    n_cand = np.asarray(n_candidates, dtype=np.float64)
    n_tot = np.asarray(n_total_pairs, dtype=np.float64)
    empty = (n_cand == 0) | (n_tot <= 0)
    out = np.full(len(n_cand), 1e-9)
    lam = np.minimum(0.5, 0.1 * n_cand / np.where(empty, 1.0, n_tot))
    active = ~empty
    for _ in range(max_iter):
        if not active.any():
            break
        bits = np.log2(np.where(active, lam, 0.5) / (1 - np.where(active, lam, 0.5)))
        total = np.asarray(posterior_sums(bits), dtype=np.float64)
        new = np.clip(total / np.where(active, n_tot, 1.0), 1e-12, 0.5)
        done = active & (np.abs(new - lam) <= 1e-6 * lam)
        out[done] = new[done]
        active &= ~done
        lam = np.where(active, new, lam)
    out[active] = lam[active]
    return out
