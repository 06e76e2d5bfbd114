"""Encoded matchers honour the matcher contract and give the intended levels."""

import pandas as pd
import pytest

import unifyid as uid
from unifyid.encode._bloom import clk
from unifyid.matchers._defaults import encoded_matchers
from unifyid.matchers._encoded import (
    DiceMatch,
    EncodedDateMatch,
    EncodedEmailMatch,
    EncodedFirstNameMatch,
    EncodedPlaceMatch,
)

SUBKEY = b"m" * 32


@pytest.mark.parametrize("m", encoded_matchers(uid.ENCODED_TYPES), ids=lambda m: m.name)
def test_check_matcher(m):
    uid.check_matcher(m)


def test_encoded_matchers_carry_the_plain_names():
    names = [m.name for m in encoded_matchers(uid.ENCODED_TYPES)]
    assert names == [
        "first_name",
        "last_name",
        "dob",
        "email",
        "phone",
        "place",
        "device_id",
        "loyalty_id",
        "customer_id",
    ]


def test_first_name_levels():
    kate, katie, bob, robert = (clk(v, SUBKEY) for v in ("katharine", "katherine", "bob", "robert"))
    left = pd.DataFrame(
        {"first_name_clk": [kate, kate, bob, kate], "first_key_hmac": ["k", "k", "r", "k"]}
    )
    right = pd.DataFrame(
        {"first_name_clk": [kate, katie, robert, robert], "first_key_hmac": ["k", "x", "r", "r"]}
    )
    labels = EncodedFirstNameMatch().level_labels()
    got = [labels[k] for k in EncodedFirstNameMatch().compare(left, right)]
    assert got == ["exact", "dice >= 0.8", "same nickname group", "else"]


def test_initial_and_swapped_fields_agree():
    john, j, lee = (clk(v, SUBKEY) for v in ("john", "j", "lee"))
    left = pd.DataFrame({"first_name_clk": [j, j, john], "last_name_clk": [lee, lee, lee]})
    right = pd.DataFrame(
        {"first_name_clk": [john, clk("mary", SUBKEY), lee], "last_name_clk": [lee, lee, john]}
    )
    labels = EncodedFirstNameMatch().level_labels()
    got = [labels[k] for k in EncodedFirstNameMatch().compare(left, right)]
    assert got == ["initial", "else", "swapped with last name"]
    last = DiceMatch("last_name_clk", swapped_with="first_name_clk")
    assert last.compare(left, right).tolist()[2] == 0  # counted once, by the first name


def test_last_name_and_date_and_email_levels():
    smith, smyth = clk("smith", SUBKEY), clk("smyth", SUBKEY)
    m = DiceMatch("last_name_clk", thresholds=(0.9, 0.5))
    levels = m.compare(
        pd.DataFrame({"last_name_clk": [smith, smith]}),
        pd.DataFrame({"last_name_clk": [smith, smyth]}),
    )
    assert levels.tolist() == [1, 3]
    d = EncodedDateMatch().compare(
        pd.DataFrame({"dob_hmac": ["a", "a", "a"], "dob_swap_hmac": ["b", "b", None]}),
        pd.DataFrame({"dob_hmac": ["a", "b", "c"], "dob_swap_hmac": [None, None, None]}),
    )
    assert d.tolist() == [1, 2, 3]
    e = EncodedEmailMatch().compare(
        pd.DataFrame({"email_hmac": ["x", "x", "x"], "email_local_hmac": ["l", "l", None]}),
        pd.DataFrame({"email_hmac": ["x", "y", "y"], "email_local_hmac": ["l", "l", None]}),
    )
    assert e.tolist() == [1, 3, 4]


def test_place_levels_and_null_without_common_part():
    street = clk("12 oak st", SUBKEY)
    left = pd.DataFrame(
        {
            "street_clk": [street, street, None, None],
            "postcode_hmac": ["p", "q", "p", None],
            "city_clk": [None, None, None, None],
        }
    )
    right = pd.DataFrame(
        {
            "street_clk": [street, street, street, street],
            "postcode_hmac": ["p", "p", "p", "p"],
            "city_clk": [None, None, None, None],
        }
    )
    labels = EncodedPlaceMatch().level_labels()
    got = [labels[k] for k in EncodedPlaceMatch().compare(left, right)]
    assert got == [
        "same street and postcode",
        "same street",
        "same postcode, no street to compare",
        "null",
    ]
