"""Graph stage: scored pairs in, profiles out.

``cluster`` links pairs whose match probability clears the threshold and no
cannot-link rule vetoes, forces the user's overrides, takes connected
components, splits those holding conflicting records at their weakest links
and gives every profile an id (kept from an earlier run where it can be).
It is a function of the compared batch, the fitted model and four
parameters, so the full and the incremental run share it.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..compare import Scored, compare_pairs
from ._components import components
from ._constraints import DEFAULT_CANNOT_LINK, ENCODED_CANNOT_LINK, CannotLink, cannot_link_mask
from ._households import AMBIGUOUS_REASON, ambiguous_members
from ._ids import profile_ids
from ._known import KnownPairs
from ._overrides import Overrides, identifier_limit_conflicts, pair_rows
from ._reconcile import CHANGE_COLUMNS, reconcile_ids
from ._refine import PINNED_CAPACITY, Conflicts, find_conflicts, split_conflicts

if TYPE_CHECKING:
    from ..score import FittedModel

__all__ = ["ClusterSettings", "Clustering", "cannot_link_rules", "cluster"]

#: Components up to this size have all their pairs compared for conflicts.
REFINE_MAX_SIZE = 500


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
    prior: float


def cannot_link_rules(
    cannot_link: Sequence[CannotLink] | None, model: FittedModel
) -> tuple[CannotLink, ...]:
    """The rules in force: the user's, or the defaults where the data shows households."""
    if cannot_link is not None:
        return tuple(cannot_link)
    found = model.households
    if found is not None and not found.detected:
        return ()
    if any(m.name == "first_name" and "first_name_clk" in m.columns for m in model.matchers):
        return ENCODED_CANNOT_LINK
    return DEFAULT_CANNOT_LINK


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
) -> Clustering:
    """Cluster one compared batch into profiles (see the module docstring).

    ``previous`` (profiles of an earlier run) keeps their ids; ``focus`` limits
    conflict checks to components holding those records; ``taken`` are ids
    not to reuse; ``contrib`` are the candidates' contributions if known.
    Adds the ``score`` and ``graph`` times to ``timings``.
    """
    t = time.perf_counter()
    matchers = model.matchers
    frame = scored.prepared.frame
    if contrib is None:
        contrib = model.contributions(scored.tf, scored.left, scored.right, scored.gamma)
    prior = model.prior
    bits = contrib.sum(axis=1, dtype=np.float64)
    weight = prior + bits
    prob = 1.0 / (1.0 + np.exp2(-np.clip(weight, -60, 60)))
    rules = cannot_link_rules(settings.cannot_link, model)
    rule_names = np.array([f"cannot-link: {r.name}" for r in rules] + [None], dtype=object)
    veto = cannot_link_mask(scored.gamma, matchers, rules)
    known = KnownPairs(len(frame), scored.left, scored.right, bits, veto.copy())
    reason = rule_names[np.where(veto >= 0, veto, len(rules))]
    if rules is DEFAULT_CANNOT_LINK:
        unsure = ambiguous_members(frame, scored.left, scored.right, scored.gamma, matchers)
        veto[unsure & (veto < 0)] = len(rules)
        reason[unsure & (reason == None)] = AMBIGUOUS_REASON  # noqa: E711
    linked = (prob >= settings.threshold) & (veto < 0)
    timings["score"] = time.perf_counter() - t
    t = time.perf_counter()
    labels = components(len(frame), scored.left[linked], scored.right[linked])

    def evaluate(i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        # Candidate pairs were scored already: only the others are compared.
        evidence, found, new = known.lookup(i, j)
        gamma = compare_pairs(frame, i[new], j[new], matchers, codes=scored.codes)
        found[new] = cannot_link_mask(gamma, matchers, rules)
        evidence[new] = model.evidence(scored.tf, i[new], j[new], gamma)
        return evidence, rule_names[np.where(found >= 0, found, len(rules))]

    strength = np.maximum(weight, 0.0) + 1.0
    pinned_apart = _apply_overrides(settings.overrides, scored, linked, reason, strength)
    if pinned_apart is not None:
        labels = components(len(frame), scored.left[linked], scored.right[linked])
    limit_i, limit_j, limit_why = identifier_limit_conflicts(
        frame, labels, settings.identifier_limits or {}, max_size=REFINE_MAX_SIZE
    )
    conflicts = Conflicts.concat(
        *([pinned_apart] if pinned_apart is not None else []),
        Conflicts(limit_i, limit_j, limit_why),
        find_conflicts(labels, evaluate, max_size=REFINE_MAX_SIZE, focus=focus),
    )
    cut = split_conflicts(labels, scored.left, scored.right, linked, strength, conflicts)
    if len(cut):
        linked[cut] = False
        reason[cut] = "weak link between conflicting records"
        labels = components(len(frame), scored.left[linked], scored.right[linked])
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
        weight=weight,
        probability=prob,
        linked=linked,
        reason=reason,
        prior=prior,
    )


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
