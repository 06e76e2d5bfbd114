"""Conflict splitting: the exact minimum cuts agree with networkx's."""

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import unifyid as uid
from unifyid import ConfigError
from unifyid._processes import fork_available, processes
from unifyid.graph import _refine, components
from unifyid.graph._refine import PINNED_CAPACITY, Conflicts, split_conflicts


def _networkx_cut(labels, left, right, linked, strength, conflicts, max_cut=None):
    """Reference: one networkx graph per component, ``minimum_cut`` per connected pair.

    A record with more conflicts in its part than its partner is cut from all
    of its partners at once (a virtual source joined to each partner). A
    conflict that yields is left where its cut exceeds ``max_cut``.
    """
    cut = []
    order = np.argsort(labels[conflicts.left], kind="stable")
    graphs = {}
    for e in np.flatnonzero(linked):
        g = graphs.setdefault(int(labels[left[e]]), nx.Graph())
        g.add_edge(int(left[e]), int(right[e]), capacity=float(strength[e]), edge=int(e))
    hard = conflicts.hard_flags()
    yields = conflicts.yield_flags()
    partners = {}
    for a, b, h in zip(conflicts.left.tolist(), conflicts.right.tolist(), hard):
        if not h:
            partners.setdefault(a, []).append(b)
            partners.setdefault(b, []).append(a)

    def connected(graph, a, b):
        return a in graph and b in graph and nx.has_path(graph, a, b)

    for k in order:
        a, b = int(conflicts.left[k]), int(conflicts.right[k])
        graph = graphs.get(int(labels[a]))
        if graph is None or not connected(graph, a, b):
            continue
        sources, sink = [a], b
        if not hard[k]:
            same_a = [x for x in partners[a] if connected(graph, a, x)]
            same_b = [x for x in partners[b] if connected(graph, b, x)]
            if len(same_b) > len(same_a):
                sources = same_b
            elif len(same_a) > 1:
                sources, sink = same_a, a
        flow = graph.copy()
        for x in sources:
            flow.add_edge("source", x)  # no capacity: unbounded
        value, (side, _) = nx.minimum_cut(flow, "source", sink, capacity="capacity")
        if value >= PINNED_CAPACITY and len(sources) > 1:
            value, (side, _) = nx.minimum_cut(graph, a, b, capacity="capacity")
        if yields[k] and max_cut is not None and max_cut < value < PINNED_CAPACITY:
            continue
        if value >= PINNED_CAPACITY:
            if hard[k]:
                raise uid.ConfigError("contradiction")
            continue
        for u, v in [(u, v) for u, v in graph.edges() if (u in side) != (v in side)]:
            cut.append(graph.edges[u, v]["edge"])
            graph.remove_edge(u, v)
    return np.array(sorted(set(cut)), dtype=np.int64)


@st.composite
def _graphs(draw):
    n = draw(st.integers(2, 12))
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] != p[1]),
            min_size=1,
            max_size=30,
        )
    )
    keys = sorted({(min(p), max(p)) for p in pairs})
    left = np.array([k[0] for k in keys], dtype=np.int64)
    right = np.array([k[1] for k in keys], dtype=np.int64)
    # Few distinct capacities, so that ties between minimum cuts are common;
    # sometimes fractional ones as real match weights are.
    pool = draw(
        st.sampled_from([[1.0, 2.0, 3.0], [1.0, 1.0, 2.5], [1.25, 3.0 / 7.0 + 1, 9.1, 17.3]])
    )
    strength = np.array([draw(st.sampled_from(pool)) for _ in keys])
    linked = np.array([draw(st.integers(0, 4)) > 0 for _ in keys])
    ends = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] != p[1]),
            min_size=1,
            max_size=6,
        )
    )
    ca = np.array([min(p) for p in ends], dtype=np.int64)
    cb = np.array([max(p) for p in ends], dtype=np.int64)
    return n, left, right, linked, strength, ca, cb


@settings(max_examples=300, deadline=None)
@given(_graphs())
def test_cuts_match_networkx_on_random_graphs(graph):
    n, left, right, linked, strength, ca, cb = graph
    labels = components(n, left[linked], right[linked])
    conflicts = Conflicts(ca, cb, np.full(len(ca), "x", dtype=object))
    expected = _networkx_cut(labels, left, right, linked, strength, conflicts)
    got = split_conflicts(labels, left, right, linked, strength, conflicts)
    assert got.tolist() == expected.tolist()
    # and the conflicting pairs end up apart
    keep = linked.copy()
    keep[got] = False
    after = components(n, left[keep], right[keep])
    assert not np.any(after[ca] == after[cb])


@settings(max_examples=200, deadline=None)
@given(_graphs(), st.sampled_from([1.0, 2.5, 4.0]), st.integers(0, 2**6 - 1))
def test_conflicts_that_yield_match_networkx_under_a_cut_bound(graph, max_cut, flags):
    n, left, right, linked, strength, ca, cb = graph
    labels = components(n, left[linked], right[linked])
    yields = np.array([bool(flags >> k & 1) for k in range(len(ca))])
    conflicts = Conflicts(ca, cb, np.full(len(ca), "x", dtype=object), yields=yields)
    expected = _networkx_cut(labels, left, right, linked, strength, conflicts, max_cut)
    got = split_conflicts(labels, left, right, linked, strength, conflicts, max_cut=max_cut)
    assert got.tolist() == expected.tolist()
    keep = linked.copy()
    keep[got] = False
    after = components(n, left[keep], right[keep])
    # Conflicts that do not yield are always settled.
    assert not np.any((after[ca] == after[cb]) & ~yields)


def test_a_record_bound_by_many_strong_links_outweighs_a_rule_conflict():
    # Records 0-4 of one customer, each pair linked at 31 (a near-certain
    # link); record 5, another person, shares only a weak link with 4.
    left = np.array([0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 4])
    right = np.array([1, 2, 3, 4, 2, 3, 4, 3, 4, 4, 5])
    strength = np.array([31.0] * 10 + [3.0])
    linked = np.ones(len(left), dtype=bool)
    labels = np.zeros(6, dtype=np.int64)

    def conflicts(a, b, **flags):
        return Conflicts(np.array(a), np.array(b), np.full(len(a), "x", dtype=object), **flags)

    soft = {"yields": np.ones(1, dtype=bool)}
    # A typo'd given name puts 0 in conflict with 3: separating them would cut
    # four near-certain links (124 bits), so the conflict gives way.
    typo = conflicts([0], [3], **soft)
    assert split_conflicts(labels, left, right, linked, strength, typo, max_cut=120.0).size == 0
    # Without a bound, record 3 is cut from the four records it is bound to.
    unbounded = split_conflicts(labels, left, right, linked, strength, typo)
    assert set(unbounded.tolist()) == {2, 5, 7, 9}
    # A conflict with the weakly linked other person is settled within the bound.
    other = conflicts([0], [5], **soft)
    got = split_conflicts(labels, left, right, linked, strength, other, max_cut=120.0)
    assert got.tolist() == [10]
    # The user's own cannot-link pairs and conflicts that do not yield never give way.
    hard = conflicts([0], [3], hard=np.ones(1, dtype=bool))
    assert len(split_conflicts(labels, left, right, linked, strength, hard, max_cut=120.0)) == 4
    rule = conflicts([0], [3])
    assert len(split_conflicts(labels, left, right, linked, strength, rule, max_cut=120.0)) == 4


def test_cut_picks_weakest_edge_nearest_the_second_record_on_ties():
    # path 0 - 1 - 2 - 3 with equal capacities: the edge next to 3 goes
    left, right = np.array([0, 1, 2]), np.array([1, 2, 3])
    labels = np.zeros(4, dtype=np.int64)
    conflicts = Conflicts(np.array([0]), np.array([3]), np.array(["x"], dtype=object))
    got = split_conflicts(labels, left, right, np.ones(3, dtype=bool), np.ones(3), conflicts)
    assert got.tolist() == [2]


def test_one_record_in_conflict_with_many_is_cut_off_alone():
    # A customer's records 0-3 and 4-7 (each group a chain of strong links,
    # joined by strong links 3-4) and one odd record 8 (a junk name) linked
    # to 4-7. Record 8 conflicts with 0, 1, 2 and 3, whose own links are
    # weak: cutting each of them off in turn would be cheaper per pair, but it
    # would shatter the customer. Cut from all four at once, 8 goes alone.
    left = np.array([0, 1, 2, 3, 4, 5, 6, 4, 5, 6, 7])
    right = np.array([1, 2, 3, 4, 5, 6, 7, 8, 8, 8, 8])
    strength = np.array([2.0, 2.0, 2.0, 9.0, 9.0, 9.0, 9.0, 1.5, 1.5, 1.5, 1.5])
    linked = np.ones(len(left), dtype=bool)
    labels = np.zeros(9, dtype=np.int64)
    conflicts = Conflicts(
        np.array([0, 1, 2, 3]), np.array([8, 8, 8, 8]), np.full(4, "x", dtype=object)
    )
    got = split_conflicts(labels, left, right, linked, strength, conflicts)
    assert sorted(got.tolist()) == [7, 8, 9, 10]  # the four links of record 8
    keep = linked.copy()
    keep[got] = False
    after = components(9, left[keep], right[keep])
    assert len(set(after[:8].tolist())) == 1 and after[8] != after[0]


def test_pinned_edges_are_never_cut_and_contradictions_raise():
    left, right = np.array([0, 1]), np.array([1, 2])
    labels = np.zeros(3, dtype=np.int64)
    strength = np.array([PINNED_CAPACITY, PINNED_CAPACITY])
    soft = Conflicts(np.array([0]), np.array([2]), np.array(["x"], dtype=object))
    linked = np.ones(2, dtype=bool)
    assert split_conflicts(labels, left, right, linked, strength, soft).tolist() == []
    hard = Conflicts(soft.left, soft.right, soft.reason, hard=np.array([True]))
    with pytest.raises(uid.ConfigError, match="contradict"):
        split_conflicts(labels, left, right, linked, strength, hard)


def test_pairs_already_apart_or_outside_the_graph_cut_nothing():
    left, right = np.array([0, 2]), np.array([1, 3])
    labels = components(5, left, right)
    conflicts = Conflicts(np.array([0, 0]), np.array([2, 4]), np.array(["x", "y"], dtype=object))
    got = split_conflicts(labels, left, right, np.ones(2, dtype=bool), np.ones(2), conflicts)
    assert got.tolist() == []


@pytest.mark.parametrize("seed", range(20))
def test_cuts_match_networkx_on_dense_components(seed):
    # Near-cliques of duplicates chained by weaker links, as real profiles are.
    rng = np.random.default_rng(seed)
    n = int(rng.integers(10, 40))
    keys = sorted(
        {
            (int(min(a, b)), int(max(a, b)))
            for a, b in rng.integers(0, n, (n * 4, 2))
            if a != b and (abs(int(a) - int(b)) < 6 or rng.random() < 0.1)
        }
    )
    left = np.array([k[0] for k in keys], dtype=np.int64)
    right = np.array([k[1] for k in keys], dtype=np.int64)
    strength = np.round(rng.choice([1.0, 4.5, 12.25, 30.0], len(keys)) + rng.random(len(keys)), 1)
    linked = np.ones(len(keys), dtype=bool)
    labels = components(n, left, right)
    ca = rng.integers(0, n, 15)
    cb = rng.integers(0, n, 15)
    ok = ca != cb
    ca, cb = np.minimum(ca, cb)[ok], np.maximum(ca, cb)[ok]
    conflicts = Conflicts(ca, cb, np.full(len(ca), "x", dtype=object))
    expected = _networkx_cut(labels, left, right, linked, strength, conflicts)
    got = split_conflicts(labels, left, right, linked, strength, conflicts)
    assert got.tolist() == expected.tolist()


def test_cut_is_minimal_where_float_flows_are_not():
    # With these capacities networkx's float preflow leaves a saturated arc a
    # rounding error short of full and reports a cut of 88.52 for a flow of
    # 81.25; the exact integer flow cuts exactly the flow value.
    edges = [(0, 1), (0, 2), (0, 3), (0, 4), (0, 5), (0, 7), (1, 2), (1, 4), (1, 5)]
    edges += [(1, 6), (2, 4), (2, 5), (2, 7), (4, 6), (5, 6), (5, 7), (6, 7)]
    a, b, c, d = 1.2110688474994742, 20.888040389808136, 46.07564162614625, 19.133311714603664
    strength = np.array([a, b, c, c, b, d, d, c, b, a, b, a, d, a, a, a, d])
    left = np.array([e[0] for e in edges])
    right = np.array([e[1] for e in edges])
    graph = nx.Graph()
    for (u, v), s in zip(edges, strength):
        graph.add_edge(u, v, capacity=float(s))
    flow = nx.maximum_flow_value(graph, 1, 2, capacity="capacity")
    conflicts = Conflicts(np.array([1]), np.array([2]), np.array(["x"], dtype=object))
    labels = np.zeros(8, dtype=np.int64)
    got = split_conflicts(labels, left, right, np.ones(len(edges), dtype=bool), strength, conflicts)
    assert strength[got].sum() == pytest.approx(flow, abs=1e-9)


def _many_components(n_components=80, size=7, seed=0):
    """Rings of ``size`` records with random chords and strengths, conflicts in each."""
    rng = np.random.default_rng(seed)
    left, right, ca, cb = [], [], [], []
    for c in range(n_components):
        base = c * size
        for k in range(size):
            left.append(base + k)
            right.append(base + (k + 1) % size)
        for _ in range(3):
            a, b = sorted(rng.choice(size, 2, replace=False))
            left.append(base + a)
            right.append(base + b)
        for _ in range(1 + c % 3):
            a, b = sorted(rng.choice(size, 2, replace=False))
            ca.append(base + a)
            cb.append(base + b)
    left, right = np.array(left), np.array(right)
    lo, hi = np.minimum(left, right), np.maximum(left, right)
    strength = rng.integers(1, 40, len(lo)).astype(float)
    linked = np.ones(len(lo), dtype=bool)
    labels = components(n_components * size, lo, hi)
    yields = rng.random(len(ca)) < 0.5
    conflicts = Conflicts(
        np.array(ca), np.array(cb), np.full(len(ca), "x", dtype=object), yields=yields
    )
    return labels, lo, hi, linked, strength, conflicts


def test_two_processes_cut_the_edges_of_one(monkeypatch):
    graph = _many_components()
    with processes(1):
        one = split_conflicts(*graph, max_cut=60.0)
    assert len(one) > 0
    forks = []
    workers = _refine.workers

    def counted(n_parts, work):
        forks.append(n_parts)
        return workers(n_parts, work)

    monkeypatch.setattr(_refine, "workers", counted)
    with processes(2):
        two = split_conflicts(*graph, max_cut=60.0)
    assert two.tolist() == one.tolist()
    assert forks == ([2] if fork_available() else [])


def test_contradicting_overrides_raise_whichever_process_meets_them():
    # Every component holds a must-link its user's cannot-link contradicts.
    labels, left, right, linked, strength, _ = _many_components(n_components=6)
    strength = strength.copy()
    first = np.searchsorted(labels[left], np.unique(labels))  # one edge per component
    strength[first] = PINNED_CAPACITY
    hard = Conflicts(
        left[first],
        right[first],
        np.full(len(first), "x", dtype=object),
        hard=np.ones(len(first), dtype=bool),
    )
    with processes(2), pytest.raises(ConfigError, match="contradict"):
        split_conflicts(labels, left, right, linked, strength, hard)
    with processes(1), pytest.raises(ConfigError, match="contradict"):
        split_conflicts(labels, left, right, linked, strength, hard)
