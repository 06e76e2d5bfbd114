"""Graph stage: scored pairs in, profiles out.

``cluster`` links pairs whose match probability clears the threshold and no
cannot-link rule vetoes, forces the user's overrides, takes connected
components, splits those holding conflicting records at their weakest links,
places lone records that carry only a name (see ``_attach``) and gives every
profile an id (kept from an earlier run where it can be).
It is a function of the compared batch, the fitted model and four
parameters, so the full and the incremental run share it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..compare import RecordCodes, Scored, compare_pairs
from ._attach import attach_name_only, carries_no_identifier
from ._components import components
from ._constraints import ENCODED_CANNOT_LINK, CannotLink, cannot_link_mask, default_cannot_link
from ._households import AMBIGUOUS_REASON, ambiguous_members
from ._ids import profile_ids
from ._known import KnownPairs
from ._overrides import Overrides, identifier_limit_conflicts, pair_rows
from ._priors import PairPriors, prior_bits
from ._reconcile import CHANGE_COLUMNS, reconcile_ids
from ._refine import (
    MAX_CUT_BITS,
    PINNED_CAPACITY,
    Conflicts,
    find_conflicts,
    split_conflicts,
)

if TYPE_CHECKING:
    from ..matchers import Matcher
    from ..score import FittedModel

__all__ = [
    "CUT_REASON",
    "ClusterSettings",
    "Clustering",
    "PairLinks",
    "cannot_link_rules",
    "cluster",
    "conflict_evaluator",
    "link_pairs",
    "refine",
]

#: Components up to this size have all their pairs compared for conflicts.
REFINE_MAX_SIZE = 500

#: Why a link was cut when its component was split.
CUT_REASON = "weak link between conflicting records"


@dataclass(frozen=True)
class ClusterSettings:
    """The ``Resolver`` parameters the graph stage reads."""

    threshold: float
    cannot_link: Sequence[CannotLink] | None = None
    overrides: Overrides | None = None
    identifier_limits: Mapping[str, int] | None = None

    @classmethod
    def of(cls, resolver: Any) -> ClusterSettings:
        """The settings of a ``Resolver`` (read from its parameters): the one way to build them."""
        return cls(
            threshold=resolver.threshold,
            cannot_link=resolver.cannot_link,
            overrides=resolver.overrides,
            identifier_limits=resolver.identifier_limits,
        )


@dataclass(frozen=True)
class Clustering:
    """Per record its profile id; per candidate pair its scores, link and reason."""

    profile_id: np.ndarray
    changes: pd.DataFrame
    contributions: np.ndarray
    weight: np.ndarray
    probability: np.ndarray
    linked: np.ndarray
    reason: np.ndarray


def cannot_link_rules(
    cannot_link: Sequence[CannotLink] | None, model: FittedModel
) -> tuple[CannotLink, ...]:
    """The rules in force: the user's, or the defaults where the data shows households."""
    if cannot_link is not None:
        return tuple(cannot_link)
    found = model.households
    if found is not None and not found.detected:
        return ()
    if compares_encoded(model.matchers):
        return ENCODED_CANNOT_LINK
    return default_cannot_link(model.matchers)


def guards_households(
    cannot_link: Sequence[CannotLink] | None,
    rules: Sequence[CannotLink],
    matchers: Sequence[Matcher],
) -> bool:
    """Whether the default plain-text rules are in force (``rules``, as
    ``cannot_link_rules`` chose them), so household members without a first
    name are also kept apart (see ``ambiguous_members``)."""
    return cannot_link is None and bool(rules) and not compares_encoded(matchers)


def compares_encoded(matchers: Sequence[Matcher]) -> bool:
    """Whether the matchers compare encoded sources (see ``unifyid.encode``)."""
    return any(m.name == "first_name" and "first_name_clk" in m.columns for m in matchers)


def cluster(
    scored: Scored,
    model: FittedModel,
    settings: ClusterSettings,
    timings: dict[str, float],
    *,
    previous: pd.DataFrame | None = None,
    focus: np.ndarray | None = None,
    taken: pd.Index | None = None,
    contrib: np.ndarray | None = None,
    n_records: int | None = None,
) -> Clustering:
    """Cluster one compared batch into profiles (see the module docstring).

    ``previous`` (profiles of an earlier run) keeps their ids; ``focus`` limits
    conflict checks to components holding those records; ``taken`` are ids
    not to reuse; ``contrib`` are the candidates' contributions if known;
    ``n_records`` is how many records the run holds (default: the batch's).
    Adds the ``score`` and ``graph`` times to ``timings``.
    """
    t = time.perf_counter()
    matchers = model.matchers
    frame = scored.prepared.frame
    if contrib is None:
        contrib = model.contributions(scored.tf, scored.left, scored.right, scored.gamma)
    rules = cannot_link_rules(settings.cannot_link, model)
    unsure = None
    if guards_households(settings.cannot_link, rules, matchers):
        unsure = ambiguous_members(frame, scored.left, scored.right, scored.gamma, matchers)
    prior = model.pair_priors(frame["source"], scored.left, scored.right)
    links = link_pairs(contrib, prior, scored.gamma, matchers, rules, settings.threshold, unsure)
    known = KnownPairs(len(frame), scored.left, scored.right, links.bits, links.rule)
    linked, reason = links.linked, links.reason
    timings["score"] = time.perf_counter() - t
    t = time.perf_counter()
    labels = components(len(frame), scored.left[linked], scored.right[linked])
    evaluate = conflict_evaluator(frame, known, model, rules, scored.tf, codes=scored.codes)
    strength = links.strength()
    pinned_apart = _apply_overrides(settings.overrides, scored, linked, reason, strength)
    if pinned_apart is not None:
        labels = components(len(frame), scored.left[linked], scored.right[linked])
    labels = refine(
        frame,
        scored.left,
        scored.right,
        linked,
        reason,
        strength,
        labels,
        evaluate,
        pinned_apart=pinned_apart,
        identifier_limits=settings.identifier_limits,
        focus=focus,
    )
    del known, evaluate, strength  # before the weights and probabilities are made
    labels = attach_name_only(
        carries_no_identifier(frame),
        scored.left,
        scored.right,
        links.shifted_bits(model.prior),
        linked,
        reason,
        labels,
        threshold=settings.threshold,
        n_records=len(frame) if n_records is None else n_records,
    )
    if previous is None:
        pids = profile_ids(frame["source"], frame["record_id"], labels)
        changes = pd.DataFrame(columns=CHANGE_COLUMNS)
    else:
        pids, changes = reconcile_ids(
            frame["source"], frame["record_id"], labels, previous, taken=taken
        )
    timings["graph"] = time.perf_counter() - t
    return Clustering(
        profile_id=pids,
        changes=changes,
        contributions=contrib,
        weight=links.weight,
        probability=links.probability,
        linked=linked,
        reason=reason,
    )


@dataclass(frozen=True)
class PairLinks:
    """Per candidate pair: its evidence, veto, reason and link; weight and probability.

    The weight (prior plus evidence) and the probability are computed when
    asked, not held: the graph stage peaks in memory while these links are
    alive, and at a million records each would be 60 MB more.
    """

    bits: np.ndarray
    prior: float | np.ndarray | PairPriors
    #: Index of the first cannot-link rule the pair violates, or -1.
    rule: np.ndarray
    reason: np.ndarray
    linked: np.ndarray

    @property
    def weight(self) -> np.ndarray:
        """The match weight in bits: the prior plus the evidence."""
        return prior_bits(self.prior) + self.bits

    @property
    def probability(self) -> np.ndarray:
        """The match probability of the weight."""
        return _probability(self.weight)

    def shift(self, prior: float) -> float | np.ndarray:
        """Each pair's prior less the shared ``prior``: its pair of sources' shift."""
        return prior_bits(self.prior) - prior

    def shifted_bits(self, prior: float) -> np.ndarray:
        """The evidence plus each pair's shift: where a profile's size stands for the prior."""
        shift = self.shift(prior)
        if np.isscalar(shift):
            return self.bits if shift == 0 else self.bits + shift
        shift += self.bits  # a new array: add in place
        return shift

    def strength(self) -> np.ndarray:
        """Each pair's capacity in minimum cuts: its weight, floored at 0, plus 1."""
        return np.maximum(self.weight, 0.0) + 1.0


def _probability(weight: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp2(-np.clip(weight, -60, 60)))


def link_pairs(
    contrib: np.ndarray,
    prior: float | np.ndarray | PairPriors,
    gamma: np.ndarray,
    matchers: Sequence[Matcher],
    rules: Sequence[CannotLink],
    threshold: float,
    unsure: np.ndarray | None = None,
) -> PairLinks:
    """Score pairs and link those over ``threshold`` that no rule vetoes.

    ``unsure`` marks pairs kept apart as ambiguous household members (see
    ``ambiguous_members``); it is a function of each pair and of household
    sizes, so either engine may compute it.
    """
    bits = contrib.sum(axis=1, dtype=np.float64)
    rule_names = _rule_names(rules)
    veto = cannot_link_mask(gamma, matchers, rules)
    rule = veto.copy()
    reason = rule_names[np.where(veto >= 0, veto, len(rules))]
    if unsure is not None:
        veto[unsure & (veto < 0)] = len(rules)
        reason[unsure & (reason == None)] = AMBIGUOUS_REASON  # noqa: E711
    linked = (_probability(prior_bits(prior) + bits) >= threshold) & (veto < 0)
    return PairLinks(bits, prior, rule, reason, linked)


def _rule_names(rules: Sequence[CannotLink]) -> np.ndarray:
    """The reason of each rule's veto, then ``None`` (no rule) last."""
    return np.array([f"cannot-link: {r.name}" for r in rules] + [None], dtype=object)


def conflict_evaluator(
    frame: pd.DataFrame,
    known: KnownPairs,
    model: FittedModel,
    rules: Sequence[CannotLink],
    tf: dict[str, np.ndarray],
    *,
    codes: RecordCodes | None = None,
) -> Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """``evaluate(i, j)`` for ``find_conflicts``: evidence and violated rule of record pairs.

    Candidate pairs were scored already (``known``): only the others are compared.
    """
    matchers = model.matchers
    rule_names = _rule_names(rules)

    def evaluate(i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        evidence, found, new = known.lookup(i, j)
        gamma = compare_pairs(frame, i[new], j[new], matchers, codes=codes)
        found[new] = cannot_link_mask(gamma, matchers, rules)
        evidence[new] = model.evidence(tf, i[new], j[new], gamma)
        return evidence, rule_names[np.where(found >= 0, found, len(rules))]

    return evaluate


def refine(
    frame: pd.DataFrame,
    left: np.ndarray,
    right: np.ndarray,
    linked: np.ndarray,
    reason: np.ndarray,
    strength: np.ndarray,
    labels: np.ndarray,
    evaluate: Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]],
    *,
    pinned_apart: Conflicts | None = None,
    identifier_limits: Mapping[str, int] | None = None,
    focus: np.ndarray | None = None,
) -> np.ndarray:
    """Cut components holding conflicting records; return the new component labels.

    Conflicts, in priority order: the user's cannot-link pairs, identifier
    limits, then cannot-link rules and evidence between any two records of a
    component of 3 to ``REFINE_MAX_SIZE`` records; the last give way where
    separating the records would cut more than ``MAX_CUT_BITS``. Cut pairs get
    ``linked`` False and ``CUT_REASON`` in place. Components never interact, so
    the same call on any set of whole components gives the same cuts.
    """
    limit_i, limit_j, limit_why = identifier_limit_conflicts(
        frame, labels, identifier_limits or {}, max_size=REFINE_MAX_SIZE
    )
    conflicts = Conflicts.concat(
        *([pinned_apart] if pinned_apart is not None else []),
        Conflicts(limit_i, limit_j, limit_why),
        find_conflicts(labels, evaluate, max_size=REFINE_MAX_SIZE, focus=focus),
    )
    cut = split_conflicts(labels, left, right, linked, strength, conflicts, max_cut=MAX_CUT_BITS)
    if len(cut):
        linked[cut] = False
        reason[cut] = CUT_REASON
        labels = components(len(frame), left[linked], right[linked])
    return labels


def _apply_overrides(
    overrides: Overrides | None,
    scored: Scored,
    linked: np.ndarray,
    reason: np.ndarray,
    strength: np.ndarray,
) -> Conflicts | None:
    """Force must-link pairs in (uncuttable), cannot-link pairs out; return the latter."""
    if overrides is None:
        return None
    frame = scored.prepared.frame
    n = len(frame)
    keys = scored.left * n + scored.right
    i, j = pair_rows(frame, overrides.must_link, "must_link")
    at = np.searchsorted(keys, i * n + j)
    linked[at] = True
    reason[at] = "must-link (override)"
    strength[at] = PINNED_CAPACITY
    i, j = pair_rows(frame, overrides.cannot_link, "cannot_link")
    at = np.searchsorted(keys, i * n + j)
    linked[at] = False
    reason[at] = "cannot-link (override)"
    why = np.full(len(i), "cannot-link (override)", dtype=object)
    return Conflicts(i, j, why, hard=np.ones(len(i), dtype=bool))
