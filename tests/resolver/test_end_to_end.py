"""The end-to-end contract: every record in exactly one profile, quality, explanations."""

import json

import pandas as pd
import pytest

import unifyid as uid
from unifyid.datasets import make_customers


@pytest.fixture(scope="module")
def data():
    return make_customers(n_records=3000, seed=11)


@pytest.fixture(scope="module")
def result(data):
    return uid.Resolver().resolve(data.to_sources())


def test_every_record_lands_in_exactly_one_profile(data, result):
    prof = result.profiles
    assert list(prof.columns) == ["source", "record_id", "profile_id"]
    assert len(prof) == data.n_records
    assert not prof.duplicated(["source", "record_id"]).any()
    keys = set(zip(data.truth["source"], data.truth["record_id"]))
    assert set(zip(prof["source"], prof["record_id"])) == keys
    assert all(isinstance(v, str) for v in prof["profile_id"].head())


def test_quality_on_unseen_synthetic_data(data, result):
    scores = uid.evaluate(result.profiles, data.truth)
    assert scores["f1"] >= 0.85, scores
    assert scores["largest_cluster"] <= 40


def test_edges_carry_each_matchers_contribution(result):
    edges = result.edges
    assert {
        "source_l",
        "record_id_l",
        "source_r",
        "record_id_r",
        "match_weight",
        "match_probability",
        "linked",
    } <= set(edges.columns)
    weights = [c for c in edges.columns if c.endswith("_weight") and c != "match_weight"]
    assert weights
    assert edges["linked"].any()


def test_explain_shows_members_links_and_confidence(result):
    sizes = result.profiles.groupby("profile_id").size()
    pid = sizes[sizes >= 2].index[0]
    exp = result.explain(pid)
    assert len(exp.records) == sizes[pid]
    assert exp.links["linked"].sum() >= sizes[pid] - 1
    assert 0.0 < exp.confidence <= 1.0
    text = str(exp)
    assert pid in text and "links" in text
    assert "<h4>" in exp._repr_html_()
    with pytest.raises(KeyError):
        result.explain("p-unknown")


def test_fit_then_predict_and_save_load_roundtrip(data, tmp_path):
    sources = data.to_sources()
    resolver = uid.Resolver().fit(sources)
    assert 0 < resolver.lambda_ < 1 and resolver.n_iter_ >= 1
    path = tmp_path / "model.json"
    resolver.save(path)
    doc = json.loads(path.read_text())
    assert doc["format"] == "unifyid-model/1" and "first_name" in doc["m"]
    loaded = uid.Resolver.load(path)
    a = resolver.predict(sources).profiles
    b = loaded.predict(sources).profiles
    pd.testing.assert_frame_equal(a, b)


def test_hubs_report_lists_non_personal_values(result):
    assert {"value", "column", "kind", "n_records", "n_people"} <= set(result.hubs.columns)
    assert (result.hubs["kind"] == "hub").any()


def test_stage_seconds_count_the_value_frequencies_under_fit(monkeypatch):
    # Counting the values' frequencies runs between compare and fit; its time
    # belongs to the fit (as on Spark), not to no stage at all.
    import time

    import unifyid._resolver as resolver_module

    counted = resolver_module.distinct_term_frequencies

    def slow(*args, **kwargs):
        time.sleep(2.0)
        return counted(*args, **kwargs)

    monkeypatch.setattr(resolver_module, "distinct_term_frequencies", slow)
    small = make_customers(n_records=300, seed=2)
    seconds = uid.Resolver().resolve(small.to_sources()).summary()["seconds"]
    assert list(seconds)[:5] == ["standardise", "hubs", "block", "compare", "fit"]
    assert seconds["fit"] >= 2.0
