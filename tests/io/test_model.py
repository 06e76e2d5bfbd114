"""Saved models keep every setting they were fitted with."""

import json

import pandas as pd
import pytest

import unifyid as uid


def sources():
    df = pd.DataFrame(
        {
            "id": ["1", "2", "3"],
            "f": ["Ann", "Ann", "Bob"],
            "l": ["Lee", "Lee", "Ray"],
            "e": ["a@x.com", "a@x.com", "b@y.com"],
        }
    )
    return [
        uid.Source("s", df, id="id", columns={"f": "first_name", "l": "last_name", "e": "email"})
    ]


def test_settings_survive_save_and_load(tmp_path):
    rule = uid.CannotLink({"first_name": "else"}, unless={"email": "exact"})
    fitted = uid.Resolver(
        cannot_link=[rule],
        identifier_limits={"email": 2},
        blocking=[uid.BlockingRule(("email",))],
        threshold=0.7,
    ).fit(sources())
    fitted.save(tmp_path / "m.json")
    loaded = uid.Resolver.load(tmp_path / "m.json")
    assert loaded.cannot_link == [rule]
    assert loaded.identifier_limits == {"email": 2}
    assert loaded.threshold == 0.7 and loaded.blocking == [uid.BlockingRule(("email",))]
    assert json.loads((tmp_path / "m.json").read_text())["format"] == "unifyid-model/1"


def test_user_matchers_must_be_passed_again(tmp_path):
    @uid.matcher(columns=["email"], levels=["same", "else"], name="mail_same")
    def same(left, right):
        return (left["email"] != right["email"]).astype(int) + 1

    fitted = uid.Resolver(matchers=[same]).fit(sources())
    fitted.save(tmp_path / "m.json")
    with pytest.raises(uid.ConfigError, match="mail_same"):
        uid.Resolver.load(tmp_path / "m.json")
    assert uid.Resolver.load(tmp_path / "m.json", matchers=[same]).matchers_ == [same]


def test_not_a_model_file(tmp_path):
    (tmp_path / "x.json").write_text('{"format": "other"}')
    with pytest.raises(uid.ConfigError, match="not a unifyid model"):
        uid.Resolver.load(tmp_path / "x.json")


def test_save_before_fit_raises():
    with pytest.raises(uid.NotFittedError):
        uid.Resolver().save("never.json")


def test_a_model_saved_with_other_levels_asks_to_fit_again(tmp_path):
    uid.Resolver().fit(sources()).save(tmp_path / "m.json")
    doc = json.loads((tmp_path / "m.json").read_text())
    doc["matchers"][0]["levels"] = doc["matchers"][0]["levels"][:-1]
    (tmp_path / "m.json").write_text(json.dumps(doc))
    with pytest.raises(uid.ConfigError, match="fit the resolver again"):
        uid.Resolver.load(tmp_path / "m.json")


def test_priors_per_pair_of_sources_survive_save_and_load(tmp_path):
    from unifyid.datasets import make_customers

    fitted = uid.Resolver().fit(make_customers(n_records=1500, seed=4).to_sources())
    assert fitted.source_shifts_  # four sources: pairs of them with their own prior
    fitted.save(tmp_path / "m.json")
    loaded = uid.Resolver.load(tmp_path / "m.json")
    assert loaded.source_shifts_ == fitted.source_shifts_
    # A model saved before the priors per pair of sources loads with the shared prior only.
    doc = json.loads((tmp_path / "m.json").read_text())
    del doc["source_shifts"]
    (tmp_path / "old.json").write_text(json.dumps(doc))
    assert uid.Resolver.load(tmp_path / "old.json").source_shifts_ == {}
