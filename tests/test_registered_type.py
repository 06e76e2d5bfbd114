"""A semantic type added in one place: the registry entry is all a new identifier needs."""

from __future__ import annotations

import pandas as pd
import pytest

import unifyid as uid
from unifyid._types import SemanticType, register_semantic_type, registry_restored
from unifyid.matchers import IdentifierMatch, default_matchers


@pytest.fixture
def member_no():
    """A throwaway identifier type, registered for one test and removed after it."""
    with registry_restored():
        register_semantic_type(SemanticType("member_no", "identifier", standardiser="identifier"))
        yield "member_no"


def _sources() -> list[uid.Source]:
    web = pd.DataFrame(
        {
            "id": ["w1", "w2", "w3"],
            "first": ["Ann", "Bob", "Carla"],
            "last": ["Lee", "Stone", "Diaz"],
            "member": [" M-1001 ", "M-2002", "null"],
        }
    )
    store = pd.DataFrame(
        {
            "id": ["s1", "s2"],
            "first": ["Ann", "Robert"],
            "last": ["Lee", "Stone"],
            "member": ["M-1001", "M-2002"],
        }
    )
    columns = {"first": "first_name", "last": "last_name", "member": "member_no"}
    return [
        uid.Source("web", web, id="id", columns=columns),
        uid.Source("store", store, id="id", columns=columns),
    ]


def test_a_registered_identifier_is_accepted_matched_and_golden(member_no):
    resolver = uid.Resolver(hub_allowlist={member_no: ["M-2002"]})
    result = resolver.resolve(_sources())
    assert member_no in [m.name for m in resolver.matchers_]

    frame = result.frame.set_index("record_id")
    assert frame.loc["w1", member_no] == frame.loc["s1", member_no] == "M-1001"
    assert pd.isna(frame.loc["w3", member_no])  # a placeholder is junk, not a value
    assert f"{member_no}__shared" in result.frame.columns  # checked for hub values
    assert result.quality.set_index(["source", "column"]).loc[("web", "member"), "n_junk"] == 1

    matchers = default_matchers(["first_name", "last_name", member_no])
    assert [m.name for m in matchers] == ["first_name", "last_name", member_no]
    assert isinstance(matchers[-1], IdentifierMatch)

    golden = result.golden
    assert "M-1001" in set(golden[member_no])
    assert golden.columns.get_loc(member_no) < golden.columns.get_loc("first_seen")


def test_without_the_entry_the_type_is_unknown():
    with pytest.raises(uid.ConfigError, match="member_no"):
        _sources()


def test_a_registered_identifier_is_personal_evidence_in_the_cannot_link_rules(member_no):
    """Exact agreement on it excuses a different first name, as an email's does."""
    from unifyid.graph import default_cannot_link

    matchers = default_matchers(["first_name", "last_name", "dob", member_no])
    first_name_rule, dob_rule = default_cannot_link(matchers)
    assert first_name_rule.unless[member_no] == ("exact",)
    assert dob_rule.unless[member_no] == ("exact",)
    # the built-in identifiers keep their place and levels
    assert list(first_name_rule.unless)[:5] == [
        "email",
        "phone",
        "device_id",
        "loyalty_id",
        "customer_id",
    ]
    assert first_name_rule.unless["customer_id"] == ("exact", "within one edit")


def test_a_registered_identifier_tells_nameless_records_apart_for_hubs(member_no):
    from unifyid.values._hubs import people_columns

    assert member_no in people_columns()
    assert "device_id" not in people_columns()


def test_a_registered_identifier_is_blocked_on_and_trains_the_model(member_no):
    from unifyid.block import DEFAULT_BLOCKING_RULES, BlockingRule, default_blocking_rules
    from unifyid.score._training import personal_columns, rule_trains

    rules = default_blocking_rules()
    names = [r.name for r in rules]
    assert names.index(member_no) == names.index("customer_id") + 1
    assert len(rules) == len(DEFAULT_BLOCKING_RULES) + 1
    assert member_no in personal_columns() and rule_trains((member_no,))

    # Records sharing a member number are paired by its rule.
    result = uid.Resolver().resolve(_sources())
    blocking = result.blocking.set_index("rule")
    assert blocking.loc[member_no, "pairs"] >= 1
    assert BlockingRule((member_no,)) not in DEFAULT_BLOCKING_RULES  # built-ins unchanged


def test_a_registered_identifier_is_encoded_and_matched_in_encoded_sources(member_no):
    """Its keyed digest is registered with it: written by the encoder, blocked and
    matched on, and kept (as encoded) in encoded golden records."""
    encoded = uid.encode_sources(_sources(), b"an example secret of 32+ bytes, not for real use")
    digest = f"{member_no}_hmac"
    assert all(digest in src.columns.values() for src in encoded)
    assert "M-1001" not in encoded[0].read().to_csv()

    resolver = uid.Resolver()
    result = resolver.resolve(encoded)
    assert member_no in [m.name for m in resolver.matchers_]  # the plain name, as built-ins
    assert digest in set(result.blocking["rule"])
    assert digest in result.golden.columns
