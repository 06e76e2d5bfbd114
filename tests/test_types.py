"""The semantic type registry: the vocabulary lists are views of it, unchanged."""

from __future__ import annotations

import pytest

from unifyid import _schema
from unifyid._errors import ConfigError
from unifyid._types import (
    SemanticType,
    register_semantic_type,
    registered_types,
    registry_restored,
    semantic_type,
    type_names,
)

#: The vocabulary as it was written out by hand before the registry: same values, same order.
_BEFORE = {
    "IDENTIFIER_TYPES": ("email", "phone", "device_id", "loyalty_id", "customer_id"),
    "NAME_TYPES": ("first_name", "last_name", "full_name"),
    "PLAIN_TYPES": (
        "email",
        "phone",
        "first_name",
        "last_name",
        "full_name",
        "dob",
        "street",
        "city",
        "postcode",
        "country",
        "device_id",
        "loyalty_id",
        "customer_id",
        "timestamp",
        "extra",
    ),
    "DIGEST_TYPES": (
        "email_hmac",
        "email_local_hmac",
        "phone_hmac",
        "device_id_hmac",
        "loyalty_id_hmac",
        "customer_id_hmac",
        "dob_hmac",
        "dob_swap_hmac",
        "first_key_hmac",
        "postcode_hmac",
    ),
    "CLK_TYPES": ("first_name_clk", "last_name_clk", "street_clk", "city_clk"),
    "ENCODED_IDENTIFIER_TYPES": (
        "email_hmac",
        "phone_hmac",
        "device_id_hmac",
        "loyalty_id_hmac",
        "customer_id_hmac",
    ),
}


@pytest.mark.parametrize("name", sorted(_BEFORE))
def test_each_list_is_the_vocabulary_it_was(name):
    assert getattr(_schema, name) == _BEFORE[name]


def test_encoded_and_semantic_types_are_the_lists_joined():
    encoded = (*_BEFORE["DIGEST_TYPES"], *_BEFORE["CLK_TYPES"])
    assert encoded == _schema.ENCODED_TYPES
    assert (*_BEFORE["PLAIN_TYPES"], *encoded) == _schema.SEMANTIC_TYPES
    assert tuple(t.name for t in registered_types()) == _schema.SEMANTIC_TYPES


def test_an_unknown_type_or_kind_is_named():
    with pytest.raises(ConfigError, match="'member_no'"):
        semantic_type("member_no")
    with pytest.raises(ConfigError, match="unknown kind 'loyalty'"):
        SemanticType("member_no", "loyalty")


def test_a_registered_type_is_listed_last_and_removed_on_restore():
    with registry_restored():
        register_semantic_type(SemanticType("member_no", "identifier", standardiser="identifier"))
        assert type_names(kind="identifier", encoding="plain")[-1] == "member_no"
        with pytest.raises(ConfigError, match="already registered"):
            register_semantic_type(SemanticType("member_no", "identifier"))
    assert "member_no" not in type_names()
