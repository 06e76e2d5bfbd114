"""Sources standardised in worker processes give the frame standardised here."""

from __future__ import annotations

import multiprocessing

import numpy as np
import pandas as pd
import pytest

import unifyid as uid
from unifyid.datasets import make_customers
from unifyid.standardise import _parallel, standardise_sources

needs_fork = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="no fork on this platform"
)


def _prepared(sources, monkeypatch, *, parallel: bool):
    monkeypatch.setattr(_parallel, "_workers", _two_workers if parallel else _one_worker)
    return standardise_sources(sources)


def _two_workers(frames):
    return 2


def _one_worker(frames):
    return 1


def _assert_same(a, b):
    for name in ("frame", "raw", "quality", "extras"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_exact=True)
    assert a.columns_present == b.columns_present


@needs_fork
def test_workers_give_the_same_prepared_records(monkeypatch):
    sources = make_customers(n_records=1_500, seed=3).to_sources()
    serial = _prepared(sources, monkeypatch, parallel=False)
    parallel = _prepared(sources, monkeypatch, parallel=True)
    _assert_same(serial, parallel)


@needs_fork
def test_columns_that_are_not_all_text_survive_the_trip(monkeypatch):
    """A phone column of numbers (raw values kept as numbers), a free column of
    mixed types, and a column a source lacks: same frame either way."""
    a = pd.DataFrame(
        {
            "id": [3, 1, 2],
            "phone": [4155550134.0, np.nan, 4155550199.0],
            "name": ["Ann Lee", None, "Bob Stone"],
            "note": [1, "x", None],
        }
    )
    b = pd.DataFrame(
        {"key": ["b2", "b1"], "mail": ["ann@x.com", "  "], "dob": ["1990-01-02", None]}
    )
    sources = [
        uid.Source(
            "a", a, id="id", columns={"phone": "phone", "name": "full_name", "note": "extra"}
        ),
        uid.Source("b", b, id="key", columns={"mail": "email", "dob": "dob"}),
    ]
    serial = _prepared(sources, monkeypatch, parallel=False)
    parallel = _prepared(sources, monkeypatch, parallel=True)
    _assert_same(serial, parallel)
    assert serial.frame["record_id"].tolist() == ["1", "2", "3", "b1", "b2"]
    # Each source is sorted by id on its own: its extra values stay with their ids.
    extras = dict(zip(serial.extras["record_id"], serial.extras["note"]))
    assert extras == {"3": 1, "1": "x", "2": None}
    # Sources come in the order of their names, whatever order they are given in.
    reverse = _prepared(sources[::-1], monkeypatch, parallel=True)
    pd.testing.assert_frame_equal(reverse.frame, serial.frame, check_exact=True)


def test_one_source_or_few_records_stay_in_this_process():
    frames = [pd.DataFrame({"x": range(10)}), pd.DataFrame({"x": range(10)})]
    assert _parallel._workers(frames[:1]) == 1
    assert _parallel._workers(frames) == 1  # far below PARALLEL_RECORDS
