"""Comparing in two processes gives the levels of one; a failing or erring process is handled."""

import os
import sys
import threading

import numpy as np
import pandas as pd
import pytest

from unifyid import ConfigError
from unifyid._processes import MIN_FORK_PAIRS, n_processes
from unifyid.compare import RecordCodes, compare_pairs
from unifyid.compare._fork import shared_array, workers
from unifyid.matchers import DateMatch, FirstNameMatch, LastNameMatch, matcher

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or not sys.platform.startswith("linux"), reason="forks on Linux"
)


def _people(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    first = np.array(["maria", "jose", "jon", "john", "ann", "anne", None], dtype=object)
    last = np.array(["garcia", "garica", "smith", "smyth", "lee", None], dtype=object)
    dob = np.array(["1984-03-07", "1984-07-03", "1985-03-07", None], dtype=object)
    frame = pd.DataFrame(
        {
            "first_name": first[rng.integers(0, len(first), n)],
            "last_name": last[rng.integers(0, len(last), n)],
            "dob": dob[rng.integers(0, len(dob), n)],
        }
    )
    # Many distinct pairs: suffixed surnames.
    frame.loc[::3, "last_name"] = [f"garcia{k % 97}" for k in range(len(frame.loc[::3]))]
    return frame


def _pairs(n: int, k: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    i, j = rng.integers(0, n, k), rng.integers(0, n, k)
    keep = i != j
    return np.minimum(i, j)[keep], np.maximum(i, j)[keep]


MATCHERS = [FirstNameMatch(), LastNameMatch(), DateMatch()]


@pytest.mark.parametrize("n_jobs", [2, 3])
def test_processes_give_the_levels_of_one(n_jobs):
    frame = _people(3000, seed=1)
    left, right = _pairs(3000, 20_000, seed=2)
    one = compare_pairs(frame, left, right, MATCHERS, codes=RecordCodes(frame), n_jobs=1)
    many = compare_pairs(frame, left, right, MATCHERS, codes=RecordCodes(frame), n_jobs=n_jobs)
    assert np.array_equal(one, many)
    assert (one > 0).any(axis=0).all()


_PARENT = os.getpid()


@matcher(columns=["dob"], levels=["same", "else"])
def dob_parent_only(left, right):
    if os.getpid() != _PARENT:
        raise RuntimeError("a child cannot compare")
    return np.where(left["dob"] == right["dob"], 1, 2)


def test_a_failing_child_leaves_its_share_to_the_parent():
    frame = _people(2000, seed=3)
    left, right = _pairs(2000, 10_000, seed=4)
    matchers = [DateMatch(), dob_parent_only]
    one = compare_pairs(frame, left, right, matchers, n_jobs=1)
    assert np.array_equal(compare_pairs(frame, left, right, matchers, n_jobs=2), one)


@matcher(columns=["dob"], levels=["same", "else"])
def broken(left, right):
    raise ConfigError("broken matcher: fix its function")


def test_a_matcher_error_reaches_the_caller_and_no_child_is_left():
    frame = _people(500, seed=5)
    left, right = _pairs(500, 2000, seed=6)
    with pytest.raises(ConfigError, match="broken matcher"):
        compare_pairs(frame, left, right, [DateMatch(), broken], n_jobs=2)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_one_process_when_small_asked_or_threads_run():
    assert n_processes(MIN_FORK_PAIRS - 1, None) == 1
    assert n_processes(10**9, 1) == 1
    assert n_processes(10, 2) == 2
    with pytest.raises(ValueError, match="n_jobs"):
        n_processes(10, 0)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert n_processes(10**9, 2) == 1
    finally:
        stop.set()
        thread.join()


def test_children_write_shared_memory_and_report_steps():
    out = shared_array((3, 4), np.int64)

    def work(part, done):
        for step in range(3):
            out[step, part] = 10 * step + part
            done(step)

    with workers(4, work) as team:
        assert team.n_parts == 4
        assert team.wait(2) == [True, True, True]
    assert out[:, 1:].tolist() == [[1, 2, 3], [11, 12, 13], [21, 22, 23]]


def test_two_processes_by_default_only_while_a_core_is_idle(monkeypatch):
    import unifyid._processes as fork

    monkeypatch.setattr(fork, "_cores", lambda: 2)
    monkeypatch.setattr(fork.os, "getloadavg", lambda: (1.1, 1.0, 1.0))
    assert n_processes(10**9, None) == 2
    monkeypatch.setattr(fork.os, "getloadavg", lambda: (2.5, 1.0, 1.0))
    assert n_processes(10**9, None) == 1
    assert n_processes(10**9, 2) == 2  # asked for: not second-guessed


def test_a_resolvers_n_jobs_sets_the_default_and_one_process_wins(monkeypatch):
    import unifyid._processes as fork

    monkeypatch.setattr(fork, "_cores", lambda: 2)
    monkeypatch.setattr(fork.os, "getloadavg", lambda: (1.0, 1.0, 1.0))
    with fork.processes(1):
        assert n_processes(10**9, None) == 1
        assert n_processes(10**9, 2) == 1  # an engine's worker: never forks
    with fork.processes(2):
        assert n_processes(10, None) == 2  # asked for, whatever the size
    with pytest.raises(ValueError, match="n_jobs"):
        fork.check_n_jobs(0)


def test_one_process_keeps_every_job_in_this_process():
    """As in Spark's Python workers, whose cores belong to Spark."""
    from unifyid._processes import one_process

    with one_process():
        assert n_processes(10**8, None) == 1
        assert n_processes(10**8, 2) == 1
    assert n_processes(10**8, 2) in (1, 2)  # two where forking is available
