"""Split profiles that hold records which cannot be one customer.

Connected components chain: A links to B, B to C, and A and C end up in one
profile although nothing was compared between them. For every component of
three or more records we therefore compare *all* its record pairs (components
are small, so this costs little), and where two members conflict — a
cannot-link rule fires, or the evidence against them is overwhelming — we cut
the component between them at its weakest links: a minimum cut on the linked
edges with match weights as capacities (per component, in exact integer
arithmetic: the minimum cut nearest the second record of the pair). Repeat until
no conflicting pair shares a component.

A conflict the rules or the evidence found is a strong sign, not a proof: a
given name with a typo or a second given name ("Lihh Anh" / "Thi Linh Anh"),
or an alias used in some channels, trips the first-name rule too. Where
separating the two records would cut more than ``MAX_CUT_BITS`` of evidence
(several near-certain links bind them, through other records), the conflict
gives way and the records stay together; the pair stays unlinked in the
edges, with its reason. The user's own cannot-link pairs and identifier
limits never give way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .._errors import ConfigError
from .._processes import deal_out, n_processes
from ..block import pairs_within_groups
from ..compare._fork import shared_array, workers

__all__ = ["Conflicts", "split_conflicts"]

#: Conflicts from which a forked child shares the cutting (see ``split_conflicts``).
#: Cutting took 0.3 s for 27,000 conflicts at 100k records and 4.6 s for
#: 651,000 at 1M (larger profiles hold more); a fork costs a few tens of ms.
MIN_FORK_CONFLICTS = 50_000

#: Evidence (bits, prior excluded) below which two records conflict outright.
CONFLICT_BITS = -10.0

#: Capacity of a must-link edge: a minimum cut that would need one is refused.
PINNED_CAPACITY = 1e12

#: The most evidence (capacities: match weight, floored at 0, plus 1, in bits)
#: a cut may remove to settle a conflict that rules or evidence found: about four
#: near-certain links. Measured on unseen data at 100k records, cutting whatever
#: it takes lost 0.006 F1 (0.947 / 0.954 / 0.953 with no bound / 60 / 120 bits),
#: with no change on the generator's households and twins or on Febrl.
MAX_CUT_BITS = 120.0


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
    #: True for conflicts that give way to a cut larger than ``split_conflicts``'
    #: ``max_cut`` (those the rules and evidence found; see ``MAX_CUT_BITS``).
    yields: np.ndarray | None = None

    @classmethod
    def concat(cls, *parts: Conflicts) -> Conflicts:
        """Join conflict lists; earlier parts are resolved first (higher priority)."""
        return cls(
            np.concatenate([p.left for p in parts]).astype(np.int64),
            np.concatenate([p.right for p in parts]).astype(np.int64),
            np.concatenate([p.reason for p in parts]).astype(object),
            np.concatenate([p.hard_flags() for p in parts]),
            np.concatenate([p.yield_flags() for p in parts]),
        )

    def hard_flags(self) -> np.ndarray:
        return np.zeros(len(self.left), dtype=bool) if self.hard is None else self.hard

    def yield_flags(self) -> np.ndarray:
        return np.zeros(len(self.left), dtype=bool) if self.yields is None else self.yields


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
    has_rule = rule != None  # noqa: E711
    hit = has_rule | (evidence < CONFLICT_BITS)
    # Reasons are built for the conflicting pairs only (few), not for all pairs.
    reason = np.where(has_rule[hit], rule[hit], "evidence against").astype(object)
    return Conflicts(i[hit], j[hit], reason, yields=np.ones(int(hit.sum()), dtype=bool))


def split_conflicts(
    labels: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    linked: np.ndarray,
    strength: np.ndarray,
    conflicts: Conflicts,
    *,
    max_cut: float | None = None,
) -> np.ndarray:
    """Indices of linked edges to cut so that no conflicting pair shares a component.

    ``strength`` is each edge's capacity (higher = harder to cut). Works one
    affected component at a time; the cut set of each is a minimum cut
    between a conflicting pair, repeated until all pairs are separated, except
    that a conflict flagged to yield stays unresolved where its minimum cut
    exceeds ``max_cut`` (None: no bound).
    """
    if len(conflicts.left) == 0:
        return np.zeros(0, dtype=np.int64)
    edge_ids = np.flatnonzero(linked)
    comp_of_edge = labels[left[edge_ids]]
    order = np.argsort(comp_of_edge, kind="stable")
    edge_ids, comp_of_edge = edge_ids[order], comp_of_edge[order]
    # Conflicts grouped by component, keeping their priority order inside each.
    comp_of_conflict = labels[conflicts.left]
    corder = np.argsort(comp_of_conflict, kind="stable")
    c_left, c_right = conflicts.left[corder], conflicts.right[corder]
    c_hard = conflicts.hard_flags()[corder]
    c_yields = conflicts.yield_flags()[corder]
    comp_sorted = comp_of_conflict[corder]
    comps = np.unique(comp_sorted)
    e_lo = np.searchsorted(comp_of_edge, comps)
    e_hi = np.searchsorted(comp_of_edge, comps + 1)
    c_lo = np.searchsorted(comp_sorted, comps)
    c_hi = np.searchsorted(comp_sorted, comps + 1)
    # Capacities as exact integers: every double is an integer times a power of
    # two, so one common power turns them all into integers without rounding and
    # the flow arithmetic below is exact.
    mantissa, exponent = np.frexp(np.asarray(strength, dtype=np.float64)[edge_ids])
    whole = np.ldexp(mantissa, 53).astype(np.int64)
    power = exponent.astype(np.int64) - 53
    base = int(power.min()) if len(power) else 0
    pinned = _exact(PINNED_CAPACITY, base)
    bound = pinned if max_cut is None else min(_exact(max_cut, base), pinned)
    n_parts = n_processes(len(c_left), None, minimum=MIN_FORK_CONFLICTS)
    cut = shared_array(len(edge_ids), np.bool_) if n_parts > 1 else np.zeros(len(edge_ids), bool)

    def split(ks: np.ndarray) -> None:
        """Cut components ``ks`` apart; mark the edges cut in ``cut``."""
        for k in ks.tolist():
            lo, hi = int(e_lo[k]), int(e_hi[k])
            ids = edge_ids[lo:hi]
            pieces = _Pieces(
                left[ids],
                right[ids],
                [int(w) << int(p - base) for w, p in zip(whole[lo:hi], power[lo:hi])],
            )
            clo, chi = int(c_lo[k]), int(c_hi[k])
            removed = pieces.separate(
                c_left[clo:chi].tolist(),
                c_right[clo:chi].tolist(),
                c_hard[clo:chi].tolist(),
                c_yields[clo:chi].tolist(),
                pinned,
                bound,
            )
            cut[lo + np.asarray(removed, dtype=np.int64)] = True

    if n_parts == 1:
        split(np.arange(len(comps)))
    else:
        # Components are independent: a forked child cuts its share (dealt by
        # cost) and marks its edges in shared memory. A child that fails, or a
        # contradiction in the overrides it meets, leaves its share to this process.
        shares = deal_out(((e_hi - e_lo) * (c_hi - c_lo)).tolist(), n_parts)

        def work(part: int, done: Callable[[int], None]) -> None:
            split(np.array(shares[part], dtype=np.int64))
            done(0)

        with workers(n_parts, work) as team:
            split(np.array(shares[0], dtype=np.int64))
            for part, ok in enumerate(team.wait(0), start=1):
                if not ok:
                    split(np.array(shares[part], dtype=np.int64))
    return np.sort(edge_ids[cut]).astype(np.int64)


def _exact(value: float, base: int) -> int:
    """``value`` as an integer multiple of ``2 ** base`` (rounded up if finer)."""
    numerator, denominator = float(value).as_integer_ratio()
    scaled = numerator * 2 ** (-base) if base <= 0 else numerator // 2**base
    return -(-scaled // denominator)


class _Pieces:
    """One component's linked edges, cut apart by exact minimum cuts.

    Each undirected edge ``k`` is the arc pair ``2k`` (left to right) and
    ``2k + 1`` (right to left), both with the edge's capacity. The cut between
    ``a`` and ``b`` is the minimum cut whose ``b`` side is smallest: the records
    that can still reach ``b`` in the residual network of a maximum flow. That
    cut depends only on the graph (not on the flow algorithm); it is the one
    networkx's ``minimum_cut`` reports, except where networkx's floating-point
    flow leaves a saturated arc a rounding error short of full and then reports
    a cut larger than the flow (exact integers cannot).
    """

    def __init__(self, left: np.ndarray, right: np.ndarray, capacity: list[int]) -> None:
        nodes, ends = np.unique(np.concatenate([left, right]), return_inverse=True)
        n_edges = len(left)
        self.local = {int(v): i for i, v in enumerate(nodes.tolist())}
        self.n = len(nodes)
        tail = ends.reshape(2, n_edges)
        # head of arc 2k is right[k], of arc 2k + 1 left[k]
        self.head = np.column_stack([tail[1], tail[0]]).reshape(-1).tolist()
        self.cap = [c for c in capacity for _ in (0, 1)]
        self.alive = [True] * n_edges
        adj: list[list[int]] = [[] for _ in range(self.n)]
        for k, (u, v) in enumerate(zip(tail[0].tolist(), tail[1].tolist())):
            adj[u].append(2 * k)
            adj[v].append(2 * k + 1)
        self.adj = adj
        self.piece = [0] * self.n
        self._label()

    def _label(self) -> None:
        """Number the connected pieces of the edges still alive."""
        piece = [-1] * self.n
        adj, head, cap = self.adj, self.head, self.cap
        for start in range(self.n):
            if piece[start] >= 0:
                continue
            piece[start] = start
            stack = [start]
            while stack:
                x = stack.pop()
                for a in adj[x]:
                    if cap[a]:
                        y = head[a]
                        if piece[y] < 0:
                            piece[y] = start
                            stack.append(y)
        self.piece = piece

    def separate(
        self,
        lefts: list[int],
        rights: list[int],
        hards: list[bool],
        yields: list[bool],
        pinned: int,
        bound: int,
    ) -> list[int]:
        """Cut minimum-capacity edge sets until every pair lies in different parts.

        Pairs are handled in the order given (overrides, then identifier limits,
        then rules and evidence), which is deterministic. A record in conflict
        with several others of its part is cut from all of them at once (one
        cut with those records as sources): one odd record, such as a junk
        name among a customer's thirty records, is then cut off alone, rather
        than each of its partners being cut off in turn where that is cheaper.
        A pair that ``yields`` is left together where the cut exceeds ``bound``.
        """
        removed: list[int] = []
        local = self.local
        ends = [(local.get(a), local.get(b)) for a, b in zip(lefts, rights)]
        partners: dict[int, list[int]] = {}
        for (s, t), hard in zip(ends, hards):
            if s is not None and t is not None and not hard:
                partners.setdefault(s, []).append(t)
                partners.setdefault(t, []).append(s)
        must_link = pinned in self.cap  # pinned links are never cut
        # Records known to be bound by more than ``bound`` (a minimum cut between
        # them exceeded it), as a union-find. Cut values are transitive (the cut
        # between a and c is at least the smaller of a-b and b-c), so a conflict
        # whose ends, or a source and the sink, share a class is skipped without
        # a flow, as the flow would decide. A record's partners are the sources of
        # every conflict it is cut off in, so the multi-source flows that exceeded
        # the bound are remembered too. Both are valid until the next cut.
        parent: dict[int, int] = {}
        over: set[tuple[int, tuple[int, ...]]] = set()

        def find(x: int) -> int:
            root = x
            while parent.get(root, root) != root:
                root = parent[root]
            while x != root:
                parent[x], x = root, parent.get(x, x)
            return root

        for (s, t), hard, give in zip(ends, hards, yields):
            if s is None or t is None or self.piece[s] != self.piece[t]:
                continue
            sources, sink_end = [s], t
            if not hard:
                piece = self.piece
                same_s = [x for x in partners[s] if piece[x] == piece[s]]
                same_t = [x for x in partners[t] if piece[x] == piece[t]]
                if len(same_t) > len(same_s):
                    sources = same_t  # t's partners stay together; t is cut off
                elif len(same_s) > 1:
                    sources, sink_end = same_s, s
            # A conflict that yields needs the flow only up to the bound; a must-link
            # in the component would need the full value (see below).
            enough = bound if give and not must_link else None
            if enough is not None:
                if (sink_end, tuple(sources)) in over:
                    continue
                end = find(sink_end)
                if parent and any(find(x) == end for x in sources):
                    continue
            value, sink = self._min_cut(sources, sink_end, enough)
            if value >= pinned and len(sources) > 1:
                # A must-link holds one of the partners: separate this pair alone.
                value, sink = self._min_cut([s], t)
            if give and bound < value < pinned:
                if len(sources) == 1:
                    parent[find(sources[0])] = find(sink_end)
                else:
                    over.add((sink_end, tuple(sources)))
                continue  # bound by more evidence than the conflict outweighs
            if value >= pinned:
                if hard:
                    raise ConfigError(
                        "overrides contradict each other: must-link pairs join records that a "
                        "cannot-link pair keeps apart."
                    )
                continue  # the user's must-link outranks rules and evidence
            head, cap, alive = self.head, self.cap, self.alive
            for k in range(len(alive)):
                if alive[k] and sink[head[2 * k]] != sink[head[2 * k + 1]]:
                    alive[k] = False
                    cap[2 * k] = cap[2 * k + 1] = 0
                    removed.append(k)
            parent.clear()
            over.clear()
            self._label()
        return removed

    def _min_cut(
        self, sources: list[int], t: int, enough: int | None = None
    ) -> tuple[int, list[bool]]:
        """Maximum flow from ``sources`` to ``t`` and the nodes that can still reach ``t``.

        Several sources are joined by a virtual node with arcs to each that no
        cut can take (their capacity exceeds all capacities together). With
        ``enough``, the flow stops once it exceeds that value (records bound
        more strongly than a conflict can outweigh need no exact cut): the value
        returned is then only a lower bound, and the nodes are not computed.
        """
        adj, head = self.adj, self.head
        residual = self.cap.copy()
        value = 0
        n = self.n
        if len(sources) == 1:
            (s,) = sources
        else:
            s = n
            n += 1
            adj = [*adj, []]
            head = head.copy()
            unbounded = sum(residual) + 1
            for x in sources:
                adj[s].append(len(head))
                head.append(x)  # virtual -> x
                head.append(s)  # x -> virtual (no capacity: arcs only leave the virtual node)
                residual.extend((unbounded, 0))
        while True:
            # Dinic: levels by breadth-first search, then a blocking flow along
            # shortest paths only (exact integer capacities).
            level = [-1] * n
            level[s] = 0
            queue = [s]
            for x in queue:
                deeper = level[x] + 1
                for a in adj[x]:
                    if residual[a]:
                        y = head[a]
                        if level[y] < 0:
                            level[y] = deeper
                            queue.append(y)
            if level[t] < 0:
                break
            nxt = [0] * n
            path: list[int] = []
            x = s
            while True:
                if x == t:
                    push = min([residual[a] for a in path])
                    for a in path:
                        residual[a] -= push
                        residual[a ^ 1] += push
                    value += push
                    if enough is not None and value > enough:
                        return value, []
                    path.clear()
                    x = s
                    continue
                arcs = adj[x]
                i = nxt[x]
                deeper = level[x] + 1
                while i < len(arcs):
                    a = arcs[i]
                    if residual[a] and level[head[a]] == deeper:
                        break
                    i += 1
                nxt[x] = i
                if i < len(arcs):
                    path.append(arcs[i])
                    x = head[arcs[i]]
                    continue
                # dead end: no more shortest paths through x
                if not path:
                    break
                level[x] = -1
                x = head[path.pop() ^ 1]
                nxt[x] += 1
        sink = [False] * n
        sink[t] = True
        stack = [t]
        while stack:
            y = stack.pop()
            for a in adj[y]:
                # arc a runs y -> x; x reaches y if the opposite arc has room
                x = head[a]
                if not sink[x] and residual[a ^ 1]:
                    sink[x] = True
                    stack.append(x)
        return value, sink
