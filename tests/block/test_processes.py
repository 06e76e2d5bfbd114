"""Blocking rules shared between processes give the pairs and statistics of one process."""

from __future__ import annotations

import os
import sys

import numpy as np
import pandas as pd
import pytest

from unifyid import ConfigError
from unifyid._processes import deal_out, fork_available
from unifyid.block import BlockingRule, _parallel, _rules, candidate_pairs, default_rules
from unifyid.datasets import make_customers
from unifyid.standardise import standardise_sources

pytestmark = pytest.mark.skipif(
    not hasattr(os, "memfd_create") or not sys.platform.startswith("linux"),
    reason="forks on Linux",
)

#: Small enough that name blocks go over it and are split by second keys.
CAP = 6


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return standardise_sources(make_customers(n_records=3_000, seed=5).to_sources()).frame


def _assert_same(one, many) -> None:
    (l1, r1, s1), (l2, r2, s2) = one, many
    assert np.array_equal(l1, l2) and np.array_equal(r1, r2)
    pd.testing.assert_frame_equal(s1.per_rule, s2.per_rule, check_exact=True)
    assert s1.n_pairs == s2.n_pairs
    assert np.array_equal(s1.representative, s2.representative)
    assert [c for c, _ in s1.rule_keys] == [c for c, _ in s2.rule_keys]
    for (_, a), (_, b) in zip(s1.rule_keys, s2.rule_keys):
        assert a.dtype == b.dtype and np.array_equal(a, b)


@pytest.mark.parametrize("n_jobs", [2, 3])
def test_processes_give_the_pairs_and_statistics_of_one(frame, n_jobs):
    rules = default_rules(frame)
    one = candidate_pairs(frame, rules, max_block_size=CAP, n_jobs=1)
    many = candidate_pairs(frame, rules, max_block_size=CAP, n_jobs=n_jobs)
    _assert_same(one, many)
    per_rule = one[2].per_rule.set_index("rule")
    # The case covered: a multi-valued key with blocks over the cap, and copies.
    assert per_rule.loc["last_name+first_variants", "records_in_capped_blocks"] > 0
    assert per_rule.loc["last_name+first_variants", "pairs"] > 0
    assert (one[2].representative != np.arange(len(frame))).any()


def test_processes_keep_only_the_flagged_records_pairs(frame):
    rules = default_rules(frame)
    only = np.zeros(len(frame), dtype=bool)
    only[::7] = True
    one = candidate_pairs(frame, rules, max_block_size=CAP, only=only, n_jobs=1)
    _assert_same(one, candidate_pairs(frame, rules, max_block_size=CAP, only=only, n_jobs=2))
    assert (only[one[0]] | only[one[1]]).all()


def test_a_failing_child_leaves_its_rules_to_the_parent(frame, monkeypatch):
    rules = default_rules(frame)
    one = candidate_pairs(frame, rules, max_block_size=CAP, n_jobs=1)
    parent = os.getpid()
    pair_rule = _rules._rule_pairs

    def parent_only(shared, rule, keyed):
        if os.getpid() != parent:
            raise RuntimeError("a child cannot pair")
        return pair_rule(shared, rule, keyed)

    monkeypatch.setattr(_rules, "_rule_pairs", parent_only)
    _assert_same(one, candidate_pairs(frame, rules, max_block_size=CAP, n_jobs=2))


def test_a_rule_error_reaches_the_caller_and_no_child_is_left(frame):
    both = BlockingRule(("first_variants", "last_variants"))
    with pytest.raises(ConfigError, match="at most one column"):
        candidate_pairs(frame, [BlockingRule(("email",)), both], max_block_size=CAP, n_jobs=2)
    if fork_available():  # else an earlier test's Spark session (its JVM a child) runs
        with pytest.raises(ChildProcessError):
            os.waitpid(-1, os.WNOHANG)


def test_small_inputs_stay_in_one_process(frame, monkeypatch):
    def no_fork(*args, **kwargs):
        raise AssertionError("forked for a small input")

    monkeypatch.setattr(_parallel, "workers", no_fork)
    assert len(frame) < _parallel.MIN_FORK_RECORDS
    candidate_pairs(frame, default_rules(frame), max_block_size=CAP)
    if fork_available():  # asked for, it forks (never beside a running thread)
        with pytest.raises(AssertionError, match="forked"):
            candidate_pairs(frame, default_rules(frame), max_block_size=CAP, n_jobs=2)


def test_rules_are_dealt_out_by_cost():
    # Two costly rules go to different processes; the cheap ones fill the lighter share.
    costs = [1, 7, 1, 1, 6, 1, 1]
    shares = deal_out(costs, 2)
    assert sorted(k for share in shares for k in share) == list(range(7))
    assert [sum(costs[k] for k in share) for share in shares] == [9, 9]
    assert all(share == sorted(share) for share in shares)
    assert (1 in shares[0]) != (4 in shares[0])
    assert deal_out([3, 3], 3) == [[0], [1], []]
