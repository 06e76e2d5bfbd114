"""Exact duplicates blocked once, and over-large blocks split rather than dropped."""

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from unifyid.block import (
    DUPLICATE_RULE,
    BlockingRule,
    candidate_pairs,
    representatives,
    split_block_pairs,
)
from unifyid.graph import components


def test_identical_identity_fields_share_a_representative():
    frame = pd.DataFrame(
        {
            "source": ["a", "b", "a", "a"],
            "record_id": ["1", "2", "3", "4"],
            "timestamp": ["t1", "t2", "t3", "t4"],
            "email": ["x@y.z", "x@y.z", "x@y.z", None],
            "first_name": ["ann", "ann", "anne", None],
            "first_key": ["ann", "ann", "ann", None],  # derived from first_name: not compared
            "dob": [None, None, None, None],
        }
    )
    assert representatives(frame).tolist() == [0, 0, 2, 3]


def test_records_without_any_blocking_key_are_not_paired_as_copies():
    frame = pd.DataFrame({"email": [None, None, "a@b.c", "a@b.c"], "note": ["x", "x", "y", "y"]})
    left, right, stats = candidate_pairs(frame, [BlockingRule(("email",))], max_block_size=10)
    assert list(zip(left.tolist(), right.tolist())) == [(2, 3)]
    assert stats.per_rule.set_index("rule").loc[DUPLICATE_RULE, "pairs"] == 1


def test_many_copies_do_not_fill_a_block_over_the_cap():
    """300 copies of one record and one other record with its email: 300 pairs, none capped."""
    n = 300
    frame = pd.DataFrame(
        {
            "email": ["ann@x.org"] * (n + 1),
            "last_name": ["lee"] * n + ["lee"],
            "postcode": ["1"] * n + ["2"],
        }
    )
    rules = [BlockingRule(("email",)), BlockingRule(("last_name",))]
    left, right, stats = candidate_pairs(frame, rules, max_block_size=50)
    labels = components(len(frame), left, right)
    assert len(set(labels.tolist())) == 1
    assert len(left) == n  # 299 copies to their representative, and the representative to row n
    assert stats.per_rule["records_in_capped_blocks"].sum() == 0
    assert stats.per_rule["pairs_uncompared"].sum() == 0


_row = st.tuples(
    st.one_of(st.none(), st.sampled_from("ab")),
    st.one_of(st.none(), st.sampled_from("xyz")),
    st.one_of(st.none(), st.sampled_from("12")),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_row, max_size=30))
def test_collapsing_copies_keeps_the_same_groups_of_candidates(rows):
    """Without a cap, candidates with and without collapsing connect the same records."""
    frame = pd.DataFrame(rows, columns=["email", "last_name", "postcode"], dtype=object)
    rules = [BlockingRule(("email",)), BlockingRule(("last_name", "postcode"))]
    n = len(frame)
    plain = candidate_pairs(frame, rules, max_block_size=100, collapse_duplicates=False)
    collapsed = candidate_pairs(frame, rules, max_block_size=100)
    a = components(n, plain[0], plain[1])
    b = components(n, collapsed[0], collapsed[1])
    # Same partition: each group of one holds the records of exactly one group of the other.
    pairs = pd.DataFrame({"a": a, "b": b}).drop_duplicates()
    assert pairs["a"].is_unique and pairs["b"].is_unique
    assert len(collapsed[0]) <= len(plain[0])


def test_a_new_copy_of_an_earlier_record_pairs_with_its_representative():
    frame = pd.DataFrame({"email": ["a@b.c", "a@b.c", "a@b.c"], "last_name": ["lee", "lee", "kim"]})
    only = np.array([False, True, False])
    left, right, _ = candidate_pairs(
        frame, [BlockingRule(("email",))], max_block_size=10, only=only
    )
    assert list(zip(left.tolist(), right.tolist())) == [(0, 1)]


def test_an_over_large_block_is_split_by_second_keys_and_what_is_left_is_counted():
    # One block of 8 rows over a cap of 3; dob splits it into {0,1,2}, {3,4,5,6} and row 7
    # has no dob.
    codes = np.zeros(8, dtype=np.int64)
    dob = np.array([0, 0, 0, 1, 1, 1, 1, -1])
    i, j, counts = split_block_pairs(codes, [dob], max_size=3, window=2)
    pairs = set(zip(i.tolist(), j.tolist()))
    assert {(0, 1), (0, 2), (1, 2)} <= pairs  # the small sub-block in full
    assert all(7 not in p for p in pairs)
    assert counts["pairs_in_capped_blocks"] == 28
    assert counts["pairs_uncompared"] == 28 - len(pairs)
    assert counts["records_unpaired"] == 1


def test_capped_blocks_report_pairs_left_uncompared_per_rule():
    frame = pd.DataFrame(
        {
            "last_name": ["smith"] * 60,
            "dob": [f"19{k % 30:02d}" for k in range(60)],
            "street": [f"{k} main st" for k in range(60)],  # no two records identical
        }
    )
    frame.loc[:9, "dob"] = None  # ten records with nothing to split the block by
    left, right, stats = candidate_pairs(frame, [BlockingRule(("last_name",))], max_block_size=50)
    row = stats.per_rule.iloc[0]
    assert row["records_in_capped_blocks"] == 60
    assert row["pairs_in_capped_blocks"] == 60 * 59 // 2
    assert row["pairs_uncompared"] == 60 * 59 // 2 - row["pairs"]
    assert row["records_unpaired"] == 10
    # Records sharing the second key are all paired (sub-blocks of 2 within the cap).
    found = set(zip(left.tolist(), right.tolist()))
    assert (10, 40) in found and (29, 59) in found
