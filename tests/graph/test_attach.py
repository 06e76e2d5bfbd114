"""Lone records that carry only a name join the profile most likely to be theirs."""

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from unifyid.graph._attach import (
    ATTACH_REASON,
    attach_name_only,
    carries_no_identifier,
    choose_profiles,
)


def _choose(rows, *, n_records=10_000, threshold=0.7):
    record, partner, profile, size, bits = (np.array(c) for c in zip(*rows))
    return choose_profiles(
        record, partner, profile, size, bits, n_records=n_records, threshold=threshold
    )


def test_a_record_joins_the_profile_that_holds_most_of_its_name():
    # Same evidence with a frequent customer (200 records) and a namesake (2).
    # Odds: 2**8.5 * 200 / 9999 = 7.2 against 0.07: a share of 0.87.
    joins = _choose([(7, 1, 0, 200, 8.0), (7, 2, 0, 200, 8.5), (7, 300, 1, 2, 8.5)])
    assert joins.tolist() == [False, True, False]  # the strongest pair into the profile


def test_two_namesakes_of_equal_weight_leave_the_record_alone():
    assert not _choose([(7, 1, 0, 50, 9.0), (7, 60, 1, 50, 9.0)]).any()


def test_weak_evidence_or_a_high_threshold_leave_the_record_alone():
    assert not _choose([(7, 1, 0, 200, 6.0)]).any()  # odds 1.3: a share of 0.56
    assert _choose([(7, 1, 0, 200, 8.0)]).all()  # odds 5.1: 0.84
    assert not _choose([(7, 1, 0, 200, 8.0)], threshold=0.9).any()


def test_a_lone_partner_is_never_joined():
    assert not _choose([(7, 8, 3, 1, 40.0)]).any()
    assert not _choose([(7, 1, 0, 200, 8.0)], n_records=1).any()


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 4),  # record
            st.integers(10, 30),  # partner
            st.floats(-5, 25, allow_nan=False),  # bits
        ),
        min_size=1,
        max_size=40,
    ),
    st.randoms(use_true_random=False),
)
def test_joins_do_not_depend_on_the_order_of_pairs(rows, rnd):
    # Partners 10..30 sit in profiles of partner // 5, of partner % 7 * 20 + 1 records.
    table = [(r, p, p // 5, (p // 5) % 7 * 20 + 1, b) for r, p, b in rows]
    shuffled = table.copy()
    rnd.shuffle(shuffled)

    def joined(t):
        mask = _choose(t, n_records=500)
        return sorted((t[k][0], t[k][1]) for k in np.flatnonzero(mask))

    first = joined(table)
    assert first == joined(shuffled)
    assert len({r for r, _ in first}) == len(first)  # one join per record at most


def test_only_lone_records_without_identifiers_join_and_never_across_a_veto():
    # Rows 0-3: a frequent customer's profile; 4: a lone name-only ticket;
    # 5: a lone record with an email; 6: a lone name-only ticket whose pair is vetoed.
    frame = pd.DataFrame(
        {
            "first_name": ["sergei"] * 7,
            "email": ["s@x.com"] * 4 + [None, "t@y.com", None],
            "phone": [None] * 7,
        }
    )
    no_id = carries_no_identifier(frame)
    assert no_id.tolist() == [False] * 4 + [True, False, True]
    left = np.array([0, 1, 2, 0, 1, 2])
    right = np.array([1, 2, 3, 4, 5, 6])
    bits = np.array([30.0, 30.0, 30.0, 6.0, 6.0, 6.0])
    linked = np.array([True, True, True, False, False, False])
    reason = np.array([None, None, None, None, None, "cannot-link: x"], dtype=object)
    labels = np.array([0, 0, 0, 0, 1, 2, 3])
    new = attach_name_only(
        no_id, left, right, bits, linked, reason, labels, threshold=0.7, n_records=10
    )
    # Odds 2**6 * 4 / 9 = 28: a share of 0.97.
    assert new.tolist() == [0, 0, 0, 0, 0, 2, 3]
    assert labels.tolist() == [0, 0, 0, 0, 1, 2, 3]  # the labels given are not changed
    assert linked.tolist() == [True, True, True, True, False, False]
    assert reason[3] == ATTACH_REASON and reason[4] is None


def test_encoded_identifiers_count_as_identifiers():
    frame = pd.DataFrame(
        {
            "first_name_clk": ["a", "b", "c"],
            "city_clk": ["x", "y", "z"],
            "email_hmac": ["h", None, None],
            "street_clk": [None, "s", None],
        }
    )
    assert carries_no_identifier(frame).tolist() == [False, False, True]
