"""Overrides and identifier limits always win, and explanations say why links were cut."""

import pandas as pd
import pytest

import unifyid as uid


def people():
    # Two Ann Lees sharing one email (a family account) and one loyalty card each;
    # "Bob Ray" is a stranger.
    df = pd.DataFrame(
        {
            "id": ["1", "2", "3", "4"],
            "first": ["Ann", "Ann", "Ann", "Bob"],
            "last": ["Lee", "Lee", "Lee", "Ray"],
            "email": ["ann.lee@x.com", "ann.lee@x.com", "ann.lea@x.com", "bob@ray.org"],
            "card": ["L1", "L1", "L2", "L9"],
        }
    )
    return [
        uid.Source(
            "shop",
            df,
            id="id",
            columns={
                "first": "first_name",
                "last": "last_name",
                "email": "email",
                "card": "loyalty_id",
            },
        )
    ]


def groups(result):
    prof = result.profiles
    return sorted(sorted(g) for g in prof.groupby("profile_id")["record_id"].apply(list))


def test_must_and_cannot_link_pairs_always_win():
    base = groups(uid.Resolver().resolve(people()))
    assert ["1", "2", "3"] in base
    pins = uid.Overrides(
        must_link=[(("shop", "4"), ("shop", "1"))], cannot_link=[(("shop", "3"), ("shop", "1"))]
    )
    result = uid.Resolver(overrides=pins).resolve(people())
    got = groups(result)
    assert not any({"1", "3"} <= set(g) for g in got)
    assert any({"1", "4"} <= set(g) for g in got)
    edges = result.edges
    assert "cannot-link (override)" in set(edges["cut_reason"].dropna())


def test_a_pinned_link_is_shown_as_a_link_with_its_reason_not_as_a_cut():
    pins = uid.Overrides(must_link=[(("shop", "4"), ("shop", "1"))])
    result = uid.Resolver(overrides=pins).resolve(people())
    pid = result.profiles.set_index("record_id").loc["4", "profile_id"]
    links, _, cut = str(result.explain(pid)).partition("cut links:")
    assert "shop:1 ~ shop:4" in links and "linked=True  (must-link (override))" in links
    assert "shop:1 ~ shop:4" not in cut


def test_identifier_limit_splits_at_weakest_link_and_explains_it():
    result = uid.Resolver(identifier_limits={"loyalty_id": 1}).resolve(people())
    got = groups(result)
    assert ["1", "2"] in got and ["3"] in got
    pid = result.profiles.set_index("record_id").loc["3", "profile_id"]
    exp = result.explain(pid)
    assert len(exp.cut) >= 1
    assert "conflicting" in " ".join(exp.cut["cut_reason"])


def test_overrides_with_unknown_records_are_named():
    pins = uid.Overrides(must_link=[(("shop", "404"), ("shop", "1"))])
    with pytest.raises(uid.ConfigError, match="not in the input sources"):
        uid.Resolver(overrides=pins).resolve(people())


def test_contradicting_overrides_are_refused():
    with pytest.raises(uid.ConfigError, match="both must_link and cannot_link"):
        uid.Overrides(must_link=[(("a", "1"), ("a", "2"))], cannot_link=[(("a", "2"), ("a", "1"))])
    pins = uid.Overrides(
        must_link=[(("shop", "1"), ("shop", "3")), (("shop", "3"), ("shop", "2"))],
        cannot_link=[(("shop", "1"), ("shop", "2"))],
    )
    with pytest.raises(uid.ConfigError, match="contradict"):
        uid.Resolver(overrides=pins).resolve(people())


def test_overrides_file_roundtrip(tmp_path):
    pd.DataFrame(
        {
            "action": ["must_link"],
            "source_l": ["shop"],
            "record_id_l": ["4"],
            "source_r": ["shop"],
            "record_id_r": ["1"],
        }
    ).to_csv(tmp_path / "pins.csv", index=False)
    pins = uid.Overrides.read(tmp_path / "pins.csv")
    assert pins.must_link == ((("shop", "4"), ("shop", "1")),)
    bad = tmp_path / "bad.csv"
    pd.DataFrame(
        {
            "action": ["merge"],
            "source_l": ["s"],
            "record_id_l": ["1"],
            "source_r": ["s"],
            "record_id_r": ["2"],
        }
    ).to_csv(bad, index=False)
    with pytest.raises(uid.ConfigError, match="unknown action"):
        uid.Overrides.read(bad)


def test_hub_blocklist_stops_a_value_from_linking():
    result = uid.Resolver(hub_blocklist={"email": ["ann.lee@x.com"]}).resolve(people())
    hubs = result.hubs
    assert ((hubs["column"] == "email") & (hubs["kind"] == "hub")).any()
