"""Split profiles that hold records which cannot be one customer.

Connected components chain: A links to B, B to C, and A and C end up in one
profile although nothing was compared between them. For every component of
three or more records we therefore compare *all* its record pairs (components
are small, so this costs little), and where two members conflict — a
cannot-link rule fires, or the evidence against them is overwhelming — we cut
the component between them at its weakest links: a minimum cut on the linked
edges with match weights as capacities (networkx, per component). Repeat until
no conflicting pair shares a component.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx
import numpy as np

from .._errors import ConfigError
from ..block import pairs_within_groups

__all__ = ["Conflicts", "split_conflicts"]

#: Evidence (bits, prior excluded) below which two records conflict outright.
CONFLICT_BITS = -10.0

#: Capacity of a must-link edge: a minimum cut that would need one is refused.
PINNED_CAPACITY = 1e12


@dataclass(frozen=True)
class Conflicts:
    """Pairs inside components that may not share a profile, and why."""

    left: np.ndarray
    right: np.ndarray
    reason: np.ndarray  # object array of human-readable reasons
    #: True for the user's own cannot-link pairs: if only a must-link edge could
    #: separate them, the overrides contradict each other. Other conflicts then
    #: give way to the must-link.
    hard: np.ndarray | None = None

    @classmethod
    def concat(cls, *parts: Conflicts) -> Conflicts:
        """Join conflict lists; earlier parts are resolved first (higher priority)."""
        return cls(
            np.concatenate([p.left for p in parts]).astype(np.int64),
            np.concatenate([p.right for p in parts]).astype(np.int64),
            np.concatenate([p.reason for p in parts]).astype(object),
            np.concatenate([p.hard_flags() for p in parts]),
        )

    def hard_flags(self) -> np.ndarray:
        return np.zeros(len(self.left), dtype=bool) if self.hard is None else self.hard


def find_conflicts(
    labels: np.ndarray,
    evaluate: Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]],
    *,
    max_size: int,
    focus: np.ndarray | None = None,
) -> Conflicts:
    """All conflicting pairs inside components of 3 to ``max_size`` records.

    With ``focus`` (a boolean mask of rows), only components holding such a
    row are checked: those an incremental run changed.

    ``evaluate(i, j)`` returns, per pair, the evidence in bits and the name of
    the violated cannot-link rule (or ``None``).
    """
    sizes = np.bincount(labels)
    check = sizes[labels] >= 3
    if focus is not None:
        touched = np.zeros(len(sizes), dtype=bool)
        touched[labels[focus]] = True
        check &= touched[labels]
    codes = np.where(check, labels, -1)
    i, j, _ = pairs_within_groups(codes, max_size=max_size)
    if len(i) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return Conflicts(empty, empty, np.zeros(0, dtype=object))
    evidence, rule = evaluate(i, j)
    overwhelming = np.where(evidence < CONFLICT_BITS, "evidence against", None)
    reason = np.where(rule != None, rule, overwhelming)  # noqa: E711
    hit = reason != None  # noqa: E711
    return Conflicts(i[hit], j[hit], reason[hit])


def split_conflicts(
    labels: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    linked: np.ndarray,
    strength: np.ndarray,
    conflicts: Conflicts,
) -> np.ndarray:
    """Indices of linked edges to cut so that no conflicting pair shares a component.

    ``strength`` is each edge's capacity (higher = harder to cut). Works one
    affected component at a time; the cut set of each is a minimum cut
    between a conflicting pair, repeated until all pairs are separated.
    """
    if len(conflicts.left) == 0:
        return np.zeros(0, dtype=np.int64)
    edge_ids = np.flatnonzero(linked)
    comp_of_edge = labels[left[edge_ids]]
    cut: list[int] = []
    order = np.argsort(comp_of_edge, kind="stable")
    edge_ids, comp_of_edge = edge_ids[order], comp_of_edge[order]
    # Conflicts grouped by component, keeping their priority order inside each.
    comp_of_conflict = labels[conflicts.left]
    corder = np.argsort(comp_of_conflict, kind="stable")
    c_left, c_right = conflicts.left[corder], conflicts.right[corder]
    c_hard = conflicts.hard_flags()[corder]
    comp_sorted = comp_of_conflict[corder]
    for comp in np.unique(comp_sorted):
        lo, hi = np.searchsorted(comp_of_edge, [comp, comp + 1])
        graph = nx.Graph()
        for e in edge_ids[lo:hi]:
            graph.add_edge(int(left[e]), int(right[e]), capacity=float(strength[e]), edge=int(e))
        clo, chi = np.searchsorted(comp_sorted, [comp, comp + 1])
        pairs = [
            (int(a), int(b), bool(h))
            for a, b, h in zip(c_left[clo:chi], c_right[clo:chi], c_hard[clo:chi])
        ]
        cut.extend(_separate(graph, pairs))
    return np.array(sorted(set(cut)), dtype=np.int64)


def _separate(graph: nx.Graph, pairs: list[tuple[int, int, bool]]) -> list[int]:
    """Cut minimum-capacity edge sets until every pair lies in different parts.

    Pairs are handled in the order given (overrides, then identifier limits,
    then rules and evidence), which is deterministic.
    """
    removed: list[int] = []
    for a, b, hard in pairs:
        if a not in graph or b not in graph or not nx.has_path(graph, a, b):
            continue
        value, (side_a, _) = nx.minimum_cut(graph, a, b, capacity="capacity")
        if value >= PINNED_CAPACITY:
            if hard:
                raise ConfigError(
                    "overrides contradict each other: must-link pairs join records that a "
                    "cannot-link pair keeps apart."
                )
            continue  # the user's must-link outranks rules and evidence
        crossing = [(u, v) for u, v in graph.edges() if (u in side_a) != (v in side_a)]
        for u, v in crossing:
            removed.append(graph.edges[u, v]["edge"])
            graph.remove_edge(u, v)
    return removed
