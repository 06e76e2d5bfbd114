"""Golden records built in two processes are those of one; a failing child is covered."""

from __future__ import annotations

import os
import sys

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from unifyid import Resolver
from unifyid._processes import fork_available, one_process
from unifyid.datasets import make_customers
from unifyid.golden import _parallel
from unifyid.golden._build import build_golden
from unifyid.golden._parallel import golden_parts

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or not sys.platform.startswith("linux"), reason="forks on Linux"
)


@pytest.fixture
def forking():
    """Tests of the child itself need a fork, which a running thread forbids (a
    Spark session left by an earlier test in the same run, whose JVM is also a
    child of this process): they run where nothing else does."""
    if not fork_available():
        pytest.skip("another thread runs in this process: the policy refuses to fork")


@pytest.fixture(scope="module")
def result():
    data = make_customers(n_records=1200, seed=3)
    return Resolver(n_jobs=1).resolve(data.to_sources())


def _parts(result, n_jobs, chunk_records, profile_id=None):
    profile_id = result.profile_id if profile_id is None else profile_id
    with golden_parts(
        result.frame,
        result.raw,
        result.extras,
        profile_id,
        n_jobs=n_jobs,
        chunk_records=chunk_records,
    ) as parts:
        got = list(parts)
    golden = pd.concat([g for g, _ in got], ignore_index=True)
    lineage = pd.concat([lin for _, lin in got], ignore_index=True)
    return len(got), golden, lineage


@pytest.mark.parametrize("chunk_records", [150, 400])
def test_two_processes_build_the_tables_of_one(result, chunk_records, monkeypatch):
    forks = []
    workers = _parallel.workers
    monkeypatch.setattr(_parallel, "workers", lambda *a: forks.append(a) or workers(*a))
    n, golden, lineage = _parts(result, 2, chunk_records)
    assert len(forks) == (1 if fork_available() else 0)  # never beside a running thread
    whole, whole_lineage = build_golden(result.frame, result.raw, result.extras, result.profile_id)
    assert n > 2
    pd.testing.assert_frame_equal(golden, whole)
    pd.testing.assert_frame_equal(lineage, whole_lineage.reset_index(drop=True))
    one = _parts(result, 1, chunk_records)
    pd.testing.assert_frame_equal(golden, one[1])
    pd.testing.assert_frame_equal(lineage, one[2])


def test_records_of_no_profile_are_built_in_one_process(result):
    """Missing profile ids are not split in chunks: build_golden sees them whole."""
    profile_id = result.profile_id.copy()
    profile_id[::7] = None
    with pytest.raises(Exception) as one:
        build_golden(result.frame, result.raw, result.extras, profile_id)
    with pytest.raises(type(one.value), match=str(one.value)[:30]):
        _parts(result, 2, 150, profile_id)


def test_one_profile_per_record_and_an_empty_input(result):
    ids = np.array([f"p{k:05d}" for k in range(len(result.frame))], dtype=object)
    _, golden, lineage = _parts(result, 2, 100, ids)
    whole, whole_lineage = build_golden(result.frame, result.raw, result.extras, ids)
    pd.testing.assert_frame_equal(golden, whole)
    pd.testing.assert_frame_equal(lineage, whole_lineage.reset_index(drop=True))
    empty = result.frame.iloc[:0]
    with golden_parts(empty, result.raw.iloc[:0], result.extras.iloc[:0], ids[:0], n_jobs=2) as p:
        (only,) = list(p)
    assert len(only[0]) == 0 and len(only[1]) == 0


_PARENT = os.getpid()


def test_a_failing_child_leaves_its_chunks_to_the_parent(result, monkeypatch, forking):
    send = _parallel._send
    sent_here = []

    def send_in_parent_only(table, path):
        if os.getpid() != _PARENT:
            raise RuntimeError("a child cannot send")
        sent_here.append(path)
        send(table, path)

    monkeypatch.setattr(_parallel, "_send", send_in_parent_only)
    n, golden, lineage = _parts(result, 2, 150)
    _, one_golden, one_lineage = _parts(result, 1, 150)
    assert n > 2 and not sent_here
    pd.testing.assert_frame_equal(golden, one_golden)
    pd.testing.assert_frame_equal(lineage, one_lineage)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child is left behind


def test_a_small_input_or_one_job_never_forks(result, monkeypatch):
    def no_fork(*args, **kwargs):
        raise AssertionError("forked")

    monkeypatch.setattr(_parallel, "workers", no_fork)
    assert _parts(result, 2, 10**6)[0] == 1  # one chunk
    assert _parts(result, 1, 150)[0] > 2  # n_jobs=1
    with one_process():  # as in Spark's Python workers
        assert _parts(result, 2, 150)[0] > 2
    import unifyid._processes as policy

    monkeypatch.setattr(policy, "_idle_cores", lambda: 0)
    assert _parts(result, None, 150)[0] > 2  # left to the policy: no core is idle


def test_tables_that_cannot_round_trip_exactly_are_refused(tmp_path):
    index = pd.Index([3, 9])
    good = pd.DataFrame(
        {"a": pd.Series(["x", None], index=index, dtype=object), "n": [1, 2], "f": [0.5, np.nan]},
        index=index,
    )
    _parallel._send(good, tmp_path / "good.arrow")
    pd.testing.assert_frame_equal(_parallel._received(tmp_path / "good.arrow"), good)
    for bad in (
        pd.DataFrame({"a": pd.Series(["x", np.nan], dtype=object)}),  # NaN is not None
        pd.DataFrame({"a": pd.Series(["x", 1], dtype=object)}),
        pd.DataFrame({"a": pd.Categorical(["x"])}),
        pd.DataFrame({"a": pd.Series(["x"], dtype="string")}),  # would come back object
    ):
        with pytest.raises((TypeError, pa.ArrowException)):
            _parallel._send(bad, tmp_path / "bad.arrow")


def test_a_resolvers_n_jobs_reaches_its_result():
    data = make_customers(n_records=300, seed=4)
    assert Resolver(n_jobs=1).resolve(data.to_sources()).n_jobs == 1
    assert Resolver(n_jobs=2).resolve(data.to_sources()).n_jobs == 2
    assert Resolver().resolve(data.to_sources()).n_jobs is None


def test_lineage_as_arrow_is_what_would_be_written(result):
    """The writer's lineage parts from the child: the Arrow tables of the frames of one process."""
    with golden_parts(
        result.frame, result.raw, result.extras, result.profile_id, n_jobs=1, chunk_records=150
    ) as parts:
        one = [pa.Table.from_pandas(lin, preserve_index=False) for _, lin in parts]
    with golden_parts(
        result.frame,
        result.raw,
        result.extras,
        result.profile_id,
        n_jobs=2,
        chunk_records=150,
        arrow_lineage=True,
    ) as parts:
        two = [lin for _, lin in parts]
    assert len(two) == len(one) > 2
    # The child's parts come as Arrow tables (no child beside a running thread).
    assert any(isinstance(lin, pa.Table) for lin in two) == fork_available()
    for a, b in zip(one, two):
        b = b if isinstance(b, pa.Table) else pa.Table.from_pandas(b, preserve_index=False)
        assert a.equals(b) and a.schema.equals(b.schema, check_metadata=True)
