"""Survivorship rules: value objects, and the value each one keeps."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from unifyid import ConfigError
from unifyid.golden import Longest, MostFrequent, MostRecent, SourcePriority, SurvivorshipRule


def origin(lineage: pd.DataFrame, profile: str, field: str) -> tuple[str, str, str, int]:
    row = lineage[(lineage.profile_id == profile) & (lineage.field == field)]
    assert len(row) == 1, row
    r = row.iloc[0]
    return r.source, r.record_id, r.rule, int(r.n_candidates)


def value(golden: pd.DataFrame, profile: str, column: str) -> object:
    return golden.set_index("profile_id").at[profile, column]


def rec(source: str, record_id: str, profile: str, **values: object) -> dict:
    return {"source": source, "record_id": record_id, "profile": profile, **values}


T1, T2, T3 = "2020-01-01T00:00:00", "2022-06-01T12:00:00", "2024-03-01T08:00:00"


# --- value objects -------------------------------------------------------------


def test_reprs_and_labels_are_readable():
    assert repr(MostRecent()) == "MostRecent()"
    assert repr(MostFrequent(then=Longest())) == "MostFrequent(then=Longest())"
    rule = SourcePriority(("store", "app"), then=MostRecent())
    assert repr(rule) == "SourcePriority(('store', 'app'), then=MostRecent())"
    assert rule.label == "SourcePriority(store>app) then MostRecent"
    assert Longest().label == "Longest"


def test_rules_are_frozen_hashable_values():
    assert SourcePriority(["web", "app"]) == SourcePriority(("web", "app"))
    assert len({MostRecent(), MostRecent(), Longest()}) == 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        MostRecent().then = Longest()  # type: ignore[misc]


@pytest.mark.parametrize(
    ("order", "message"),
    [
        ("store", "sequence of source names"),
        ((), "non-empty"),
        (("store", 3), "int"),
        (("store", " "), "non-empty"),
        (("web", "web"), "twice"),
        (None, "NoneType"),
    ],
)
def test_source_priority_is_validated_at_construction(order, message):
    with pytest.raises(ConfigError, match=message):
        SourcePriority(order)


def test_then_must_be_a_rule():
    with pytest.raises(ConfigError, match=r"then=.*str"):
        MostRecent(then="longest")  # type: ignore[arg-type]


def test_the_base_rule_is_abstract():
    with pytest.raises(TypeError):
        SurvivorshipRule()  # type: ignore[abstract]


# --- what each rule keeps ----------------------------------------------------


def test_most_recent_keeps_the_latest_value(golden_of):
    golden, lineage = golden_of(
        [
            rec("web", "w1", "p", email="a@x.com", timestamp=T1),
            rec("store", "s1", "p", email="b@x.com", timestamp=T3),
            rec("app", "a1", "p", email="c@x.com"),  # no timestamp: ranks last
        ]
    )
    assert value(golden, "p", "email") == "b@x.com"
    assert origin(lineage, "p", "email") == ("store", "s1", "MostRecent", 3)


def test_most_recent_tie_goes_to_smallest_source_and_record(golden_of):
    rows = [
        rec("web", "w1", "p", email="a@x.com", timestamp=T2),
        rec("app", "a2", "p", email="b@x.com", timestamp=T2),
        rec("app", "a10", "p", email="c@x.com", timestamp=T2),
    ]
    golden, lineage = golden_of(rows)
    # "a10" < "a2" as strings: record ids are compared as text.
    assert value(golden, "p", "email") == "c@x.com"
    assert origin(lineage, "p", "email")[:2] == ("app", "a10")
    golden, lineage = golden_of(rows, {"email": MostRecent(then=SourcePriority(["web"]))})
    assert value(golden, "p", "email") == "a@x.com"
    assert origin(lineage, "p", "email")[2] == "MostRecent then SourcePriority(web)"


def test_most_frequent_outvotes_a_typo_and_points_at_the_latest_agreeing_record(golden_of):
    golden, lineage = golden_of(
        [
            rec("store", "s1", "p", dob="1980-01-02", timestamp=T1),
            rec("web", "w1", "p", dob="1980-01-02", timestamp=T2),
            rec("app", "a1", "p", dob="1980-02-01", timestamp=T3),
        ]
    )
    assert value(golden, "p", "dob") == "1980-01-02"
    assert origin(lineage, "p", "dob") == ("web", "w1", "MostFrequent", 3)


def test_most_frequent_tie_goes_to_most_recent_then_smallest_record(golden_of):
    golden, _ = golden_of(
        [
            rec("store", "s1", "p", dob="1980-01-02", timestamp=T1),
            rec("web", "w1", "p", dob="1980-02-01", timestamp=T3),
            rec("app", "a1", "q", dob="1990-01-01", timestamp=T2),
            rec("web", "w2", "q", dob="1991-01-01", timestamp=T2),
        ]
    )
    assert value(golden, "p", "dob") == "1980-02-01"
    assert value(golden, "q", "dob") == "1990-01-01"


def test_source_priority_keeps_the_first_listed_source_with_a_value(golden_of):
    rows = [
        rec("web", "w1", "p", phone="+14155550101", timestamp=T3),
        rec("app", "a1", "p", phone="+14155550102", timestamp=T1),
        rec("store", "s1", "p", timestamp=T3),
        rec("support", "c1", "q", phone="+14155550103"),
        rec("app", "a2", "q", phone="+14155550104"),
    ]
    rule = SourcePriority(("store", "app", "web", "support"))
    golden, lineage = golden_of(rows, {"phone": rule})
    assert value(golden, "p", "phone") == "+14155550102"  # store has none: app is next
    assert origin(lineage, "p", "phone") == ("app", "a1", rule.label, 2)
    assert rule.label == "SourcePriority(store>app>web>support)"
    # Unlisted sources rank last, in name order: app before support.
    golden, _ = golden_of(rows, {"phone": SourcePriority(["web"])})
    assert value(golden, "q", "phone") == "+14155550104"


def test_longest_keeps_the_most_complete_value_as_written(golden_of):
    rows = [
        rec("store", "s1", "p", street="12 oak rd", raw={"street": "12 Oak Road"}, timestamp=T3),
        rec("web", "w1", "p", street="12 oak rd apt 4", raw={"street": "12 Oak Rd, Apt 4"}),
    ]
    golden, lineage = golden_of(rows, {"address": Longest()})
    assert value(golden, "p", "street") == "12 Oak Rd, Apt 4"
    assert origin(lineage, "p", "street") == ("web", "w1", "Longest", 2)
    golden, _ = golden_of(rows)  # default for the address: the latest
    assert value(golden, "p", "street") == "12 Oak Road"


def test_the_field_table_gives_the_golden_columns_and_default_rules():
    from unifyid.golden._fields import DEFAULT_SURVIVORSHIP_RULES, GOLDEN_COLUMNS

    assert (
        *("profile_id", "n_records", "sources", "first_name", "last_name", "email", "phone"),
        *("dob", "street", "city", "postcode", "country", "device_id", "loyalty_id"),
        *("customer_id", "first_seen", "last_seen"),
    ) == GOLDEN_COLUMNS
    assert {k: type(r).__name__ for k, r in DEFAULT_SURVIVORSHIP_RULES.items()} == {
        "name": "MostFrequent",
        "email": "MostRecent",
        "phone": "MostRecent",
        "dob": "MostFrequent",
        "address": "MostRecent",
        "country": "MostFrequent",
        "device_id": "MostRecent",
        "loyalty_id": "MostFrequent",
        "customer_id": "MostFrequent",
        "extra": "MostRecent",
    }
    assert list(DEFAULT_SURVIVORSHIP_RULES) == [
        *("name", "email", "phone", "dob", "address", "country"),
        *("device_id", "loyalty_id", "customer_id", "extra"),
    ]
