"""Candidate pair generation: groups, caps, union, determinism."""

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from unifyid.block import (
    BlockingRule,
    candidate_pairs,
    group_codes,
    pairs_within_groups,
    union_pairs,
)


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
        frame, [BlockingRule(("last_name",)), BlockingRule(("postcode",))], max_block_size=2
    )
    # "lee" has 3 records > cap 2: skipped; the kim pair is kept; postcode "3" (3 records) skipped.
    assert list(zip(left.tolist(), right.tolist())) == [(0, 1), (3, 4)]
    assert stats.per_rule["records_in_capped_blocks"].tolist() == [3, 3]


def test_blocking_rule_rejects_a_bare_string():
    import pytest

    import unifyid as uid

    with pytest.raises(uid.ConfigError, match="tuple"):
        BlockingRule("email")
