"""A record without a first name is not guessed into one member of a household."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import unifyid as uid
from unifyid.datasets import make_customers
from unifyid.graph._households import ambiguous_members
from unifyid.matchers import default_matchers
from unifyid.score import compare_pairs


def _frame() -> pd.DataFrame:
    # Two Thaxtons live in Chicago (Carol and Bob); one Okafor lives in Miami.
    return pd.DataFrame(
        {
            "first_name": ["carol", "bob", None, "ada", None, None],
            "first_key": ["carol", "robert", None, "ada", None, None],
            "last_name": ["thaxton", "thaxton", "thaxton", "okafor", "okafor", "thaxton"],
            "locality": ["chicago", "chicago", "chicago", "miami", "miami", "chicago"],
            "email": [None, None, None, None, None, None],
            "phone": [None, None, None, None, None, None],
        }
    )


def test_a_nameless_record_beside_a_household_is_ambiguous_unless_an_identifier_agrees():
    frame = _frame()
    frame.loc[[1, 5], "phone"] = "+13125550100"
    matchers = default_matchers(frame.columns)
    left, right = np.array([0, 1, 3, 0, 2]), np.array([2, 5, 4, 1, 5])
    gamma = compare_pairs(frame, left, right, matchers)
    got = ambiguous_members(frame, left, right, gamma, matchers)
    # Carol/receipt: ambiguous; Bob/receipt sharing a phone: fine; the lone Okafor: fine;
    # two named people or two nameless receipts: not this rule's business.
    assert got.tolist() == [True, False, False, False, False]


@pytest.fixture(scope="module")
def edges() -> pd.DataFrame:
    return uid.Resolver().resolve(make_customers(4000, seed=5).to_sources()).edges


@pytest.mark.parametrize(
    "reason",
    [
        "no first name beside a household",  # a receipt that could be either member
        "two similar given names",  # twins Mason and Madison
    ],
)
def test_resolver_keeps_household_members_apart_and_says_why(edges, reason):
    held = edges["cut_reason"].fillna("").str.contains(reason)
    assert held.any()
    assert not edges.loc[held, "linked"].any()
