"""Survivorship rules from TOML values: the one-to-one mapping and strict errors."""

from __future__ import annotations

import sys

import pytest

from unifyid import ConfigError
from unifyid.golden import (
    Longest,
    MostFrequent,
    MostRecent,
    SourcePriority,
)
from unifyid.golden._config import rule_from_config, rules_from_config

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@pytest.mark.parametrize(
    ("spec", "rule"),
    [
        ("most_recent", MostRecent()),
        ("most_frequent", MostFrequent()),
        ("longest", Longest()),
        ({"source_priority": ["store", "app"]}, SourcePriority(("store", "app"))),
        (["most_recent"], MostRecent()),
        (["most_recent", "longest"], MostRecent(then=Longest())),
        (
            ["most_frequent", {"source_priority": ["store"]}, "most_recent"],
            MostFrequent(then=SourcePriority(("store",), then=MostRecent())),
        ),
    ],
)
def test_specs_map_one_to_one_onto_rules(spec, rule):
    assert rule_from_config(spec) == rule


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("newest", r"unknown survivorship rule 'newest'; allowed: \"most_recent\""),
        ("MostRecent", "unknown survivorship rule 'MostRecent'"),
        ({"priority": ["store"]}, r"single key 'source_priority', got keys \['priority'\]"),
        ({"source_priority": "store"}, "source_priority must be a list of source names, got str"),
        ({"source_priority": []}, "non-empty"),
        ({"source_priority": ["store", "store"]}, "twice"),
        ([], "empty list"),
        ([["most_recent"]], "holds rules, not lists"),
        (3, "got int 3"),
    ],
)
def test_bad_specs_name_the_value_and_the_allowed_ones(spec, message):
    with pytest.raises(ConfigError, match=message):
        rule_from_config(spec)


def test_a_golden_table_from_toml():
    doc = tomllib.loads(
        """
        [golden]
        email = "most_recent"
        name = ["most_frequent", { source_priority = ["store", "app"] }]
        opt_in = "longest"
        """
    )
    rules = rules_from_config(doc["golden"], extra_columns=["opt_in"])
    assert rules == {
        "email": MostRecent(),
        "name": MostFrequent(then=SourcePriority(("store", "app"))),
        "opt_in": Longest(),
    }


def test_every_problem_of_a_golden_table_is_reported_at_once():
    with pytest.raises(ConfigError) as info:
        rules_from_config(
            {"emial": "most_recent", "phone": "newest", "city": "longest", "extra": "longest"}
        )
    message = str(info.value)
    assert "unknown field 'emial'; known fields: ['name', 'email'" in message
    assert "phone: unknown survivorship rule 'newest'" in message
    assert "'city' is chosen together with street, city, postcode" in message
    assert "extra: " not in message  # the rule of every free column is a known field


def test_free_columns_must_be_declared():
    with pytest.raises(ConfigError, match="unknown field 'opt_in'"):
        rules_from_config({"opt_in": "longest"})


def test_a_golden_table_must_be_a_table():
    with pytest.raises(ConfigError, match=r"\[golden\] must be a table.*got list"):
        rules_from_config(["most_recent"])
