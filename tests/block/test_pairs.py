"""Candidate pair generation: groups, caps, union, determinism."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from unifyid.block import (
    BlockingRule,
    candidate_pairs,
    group_codes,
    pairs_within_groups,
    union_pairs,
)
from unifyid.block._pairs import node_pairs, pair_chunks


def brute_force(codes, max_size):
    counts = pd.Series(codes[codes >= 0]).value_counts()
    pairs = set()
    for i in range(len(codes)):
        for j in range(i + 1, len(codes)):
            if codes[i] >= 0 and codes[i] == codes[j] and counts[codes[i]] <= max_size:
                pairs.add((i, j))
    return pairs


@given(st.lists(st.integers(-1, 6), max_size=40), st.integers(2, 8))
def test_pairs_within_groups_equals_brute_force(codes, max_size):
    codes = np.array(codes, dtype=np.int64)
    i, j, skipped = pairs_within_groups(codes, max_size=max_size)
    assert set(zip(i.tolist(), j.tolist())) == brute_force(codes, max_size)
    assert np.all(i < j)
    counts = pd.Series(codes[codes >= 0]).value_counts()
    assert skipped == int(counts[counts > max_size].sum())


@given(st.lists(st.integers(-1, 6), max_size=40), st.integers(2, 8), st.integers(1, 12))
def test_pair_chunks_split_the_same_pairs_by_whole_groups(codes, max_size, max_pairs):
    codes = np.array(codes, dtype=np.int64)
    i, j, skipped = pairs_within_groups(codes, max_size=max_size)
    chunked_skipped, chunks = pair_chunks(codes, max_size=max_size, max_pairs=max_pairs)
    chunks = list(chunks)
    pairs = [p for a, b in chunks for p in zip(a.tolist(), b.tolist())]
    assert chunked_skipped == skipped
    assert sorted(pairs) == sorted(zip(i.tolist(), j.tolist()))
    groups = [{int(codes[a]) for a in np.r_[left, right]} for left, right in chunks]
    assert all(not (g & h) for k, g in enumerate(groups) for h in groups[k + 1 :])


def test_group_codes_treat_any_missing_part_as_no_key():
    a = np.array(["x", "x", "y", None], dtype=object)
    b = np.array(["1", "1", "1", "1"], dtype=object)
    codes = group_codes(a, b)
    assert codes[0] == codes[1] != codes[2]
    assert codes[3] == -1


def test_union_is_distinct_and_sorted():
    i, j = union_pairs([(np.array([0, 1]), np.array([2, 3])), (np.array([0]), np.array([2]))], 4)
    assert list(zip(i.tolist(), j.tolist())) == [(0, 2), (1, 3)]


def test_candidate_pairs_reports_per_rule_and_caps_blocks():
    frame = pd.DataFrame(
        {
            "last_name": ["lee", "lee", "lee", "kim", "kim", None],
            "postcode": ["1", "1", "2", "3", "3", "3"],
        }
    )
    left, right, stats = candidate_pairs(
        frame,
        [BlockingRule(("last_name",)), BlockingRule(("postcode",))],
        max_block_size=2,
        collapse_duplicates=False,
    )
    # "lee" (3 records > cap 2) is paired by sorted neighbourhood on postcode (window 4: all
    # three pairs); the kim pair is kept; postcode "3" (3 records) has no second key: skipped.
    assert list(zip(left.tolist(), right.tolist())) == [(0, 1), (0, 2), (1, 2), (3, 4)]
    assert stats.per_rule["records_in_capped_blocks"].tolist() == [3, 3, 0]
    # Postcode "3": 3 pairs over the cap, none reached, the 3 records left unpaired.
    assert stats.per_rule["pairs_uncompared"].tolist() == [0, 3, 0]
    assert stats.per_rule["records_unpaired"].tolist() == [0, 3, 0]


def test_blocking_rule_rejects_a_bare_string():
    import pytest

    import unifyid as uid

    with pytest.raises(uid.ConfigError, match="tuple"):
        BlockingRule("email")


def test_over_large_blocks_pair_sorted_neighbours_linearly():
    from unifyid.block import neighbour_pairs

    codes = np.zeros(10, dtype=np.int64)  # one block of 10 > cap
    dob = np.array([5, 1, 5, 2, 9, 1, -1, 3, 4, 2])  # -1: no second key
    i, j = neighbour_pairs(codes, dob, min_size=3, window=2)
    pairs = set(zip(i.tolist(), j.tolist()))
    assert len(pairs) == 8  # 9 rows with a key, each paired with its next neighbour
    assert (1, 5) in pairs and (3, 9) in pairs and (0, 2) in pairs  # equal second keys are adjacent
    assert all(6 not in p for p in pairs)


def test_capped_rule_still_finds_pairs_sharing_a_second_key():
    frame = pd.DataFrame(
        {
            "last_name": ["smith"] * 6,
            "dob": [
                "1980-01-01",
                "1990-05-05",
                "1980-01-01",
                "1970-03-03",
                "2000-01-01",
                "1960-02-02",
            ],
        }
    )
    left, right, _ = candidate_pairs(frame, [BlockingRule(("last_name",))], max_block_size=3)
    assert (0, 2) in set(zip(left.tolist(), right.tolist()))
    assert len(left) < 15  # not all pairs of the block


_keys = st.one_of(st.none(), st.lists(st.sampled_from("abcd"), max_size=3, unique=True))


@given(
    st.lists(st.tuples(_keys, st.one_of(st.none(), st.sampled_from("xy"))), max_size=25),
    st.booleans(),
)
def test_a_column_of_several_keys_pairs_records_sharing_any_key(rows, as_lists):
    keys = [None if k is None else (list(k) if as_lists else tuple(k)) for k, _ in rows]
    frame = pd.DataFrame({"keys": pd.Series(keys, dtype=object), "zone": [z for _, z in rows]})
    left, right, stats = candidate_pairs(
        frame, [BlockingRule(("keys", "zone"))], max_block_size=100, collapse_duplicates=False
    )
    expected = {
        (i, j)
        for i in range(len(rows))
        for j in range(i + 1, len(rows))
        if keys[i]
        and keys[j]
        and rows[i][1] is not None
        and rows[i][1] == rows[j][1]
        and set(keys[i]) & set(keys[j])
    }
    assert set(zip(left.tolist(), right.tolist())) == expected
    assert np.all(left < right) and len(set(zip(left.tolist(), right.tolist()))) == len(left)
    assert stats.per_rule["pairs"].tolist() == [len(expected), 0]


def test_several_keys_with_new_records_only_pair_those():
    frame = pd.DataFrame({"keys": [("ann", "an"), ("an", "anne"), ("bo",), ("anne",)]})
    only = np.array([False, False, False, True])
    left, right, _ = candidate_pairs(frame, [BlockingRule(("keys",))], max_block_size=10, only=only)
    assert list(zip(left.tolist(), right.tolist())) == [(1, 3)]


@pytest.mark.parametrize("n", [0, 2])
def test_an_empty_working_set_or_one_without_new_records_gives_no_pairs(n):
    # A run that only removes records may leave nothing to re-check.
    frame = pd.DataFrame({"last": ["lee"] * n, "keys": [("ann", "an")] * n}, dtype=object)
    rules = [BlockingRule(("last",)), BlockingRule(("keys",))]
    left, right, stats = candidate_pairs(
        frame, rules, max_block_size=10, only=np.zeros(n, dtype=bool)
    )
    assert len(left) == len(right) == 0
    assert stats.per_rule["pairs"].sum() == 0


def test_a_rule_may_hold_one_column_of_several_keys():
    import pytest

    import unifyid as uid

    frame = pd.DataFrame({"a": [("x",), ("y",)], "b": [("x",), ("y",)]})
    with pytest.raises(uid.ConfigError, match="at most one column"):
        candidate_pairs(frame, [BlockingRule(("a", "b"))], max_block_size=10)


def test_a_typo_in_either_name_still_finds_the_pair():
    """Records that share no key but a name one typo away are compared."""
    import unifyid as uid

    web = pd.DataFrame(
        {"id": ["w1", "w2"], "first": ["carolyn", "george"], "last": ["wertz", "jones"]}
    )
    store = pd.DataFrame(
        {"id": ["s1", "s2"], "first": ["acrolyn", "george"], "last": ["wertz", "jonxs"]}
    )
    cols = {"first": "first_name", "last": "last_name"}
    result = uid.Resolver().resolve(
        [
            uid.Source("web", web, id="id", columns=cols),
            uid.Source("store", store, id="id", columns=cols),
        ]
    )
    pairs = set(zip(result.edges["record_id_l"], result.edges["record_id_r"]))
    assert {tuple(sorted(p)) for p in pairs} >= {("s1", "w1"), ("s2", "w2")}


def test_many_shared_keys_pair_once_across_chunks(monkeypatch):
    import unifyid.block._rules as rules

    monkeypatch.setattr(rules, "_CHUNK_PAIRS", 3)
    keys = [("a", "b", "c"), ("a", "b"), ("b", "c"), ("c",), None, ("a", "b", "c")]
    frame = pd.DataFrame({"keys": pd.Series(keys, dtype=object)})
    left, right, stats = candidate_pairs(
        frame, [BlockingRule(("keys",))], max_block_size=100, collapse_duplicates=False
    )
    expected = {
        (i, j)
        for i in range(len(keys))
        for j in range(i + 1, len(keys))
        if keys[i] and keys[j] and set(keys[i]) & set(keys[j])
    }
    assert list(zip(left.tolist(), right.tolist())) == sorted(expected)
    assert stats.per_rule["pairs"].tolist() == [len(expected), 0]


@given(
    keys=st.lists(st.lists(st.integers(0, 6), max_size=4), min_size=1, max_size=12),
    node_of=st.lists(st.integers(0, 11), min_size=30, max_size=30),
    dropped=st.lists(st.booleans(), min_size=30, max_size=30),
    max_size=st.integers(2, 8),
)
def test_node_pairs_are_the_rows_pairs_as_records(keys, node_of, dropped, max_size):
    """Pairing nodes and expanding them gives the records' pairs of pairing every
    key row (each pair once), and counts the rows of groups over the cap alike."""
    # Records of one node hold its keys (repeats allowed, as variants can repeat);
    # a dropped record (a copy blocked through another) holds none.
    rows = [
        (rec, key, node % len(keys))
        for rec, node in enumerate(node_of)
        if not dropped[rec]
        for key in keys[node % len(keys)]
    ]
    record = np.array([r for r, _, _ in rows], dtype=np.int64)
    codes = np.array([k for _, k, _ in rows], dtype=np.int64)
    node = np.array([n for _, _, n in rows], dtype=np.int64)
    found, skipped = node_pairs(codes, record, node, 30, max_size=max_size, max_pairs=5)
    skipped_rows, chunks = pair_chunks(codes, max_size=max_size)
    expected = {
        (min(record[a], record[b]), max(record[a], record[b]))
        for left, right in chunks
        for a, b in zip(left, right)
        if record[a] != record[b]
    }
    assert skipped == skipped_rows
    assert found.tolist() == sorted(i * 30 + j for i, j in expected)
