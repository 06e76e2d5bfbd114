"""Built-in matchers: each level on hand-made pairs, and the contract for all."""

import numpy as np
import pandas as pd
import pytest

import unifyid as uid
from unifyid.matchers import (
    DateMatch,
    EmailMatch,
    ExactMatch,
    FirstNameMatch,
    IdentifierMatch,
    LastNameMatch,
    PhoneMatch,
    default_matchers,
)
from unifyid.matchers._address import CityMatch, PostcodeMatch, StreetMatch

ALL_COLUMNS = [
    "first_name",
    "last_name",
    "dob",
    "email",
    "phone",
    "street",
    "city",
    "postcode",
    "country",
    "device_id",
    "loyalty_id",
    "customer_id",
]


def keyed(*names):
    """First names with their nickname keys, as standardisation gives them."""
    first = pd.Series(names)
    return {"first_name": list(first), "first_key": list(uid.standardise.nickname_key(first))}


def labels(m, left, right):
    out = m.compare(pd.DataFrame(left), pd.DataFrame(right))
    return [m.level_labels()[k] for k in out]


@pytest.mark.parametrize("m", default_matchers(ALL_COLUMNS), ids=lambda m: m.name)
def test_every_builtin_passes_the_contract(m):
    uid.check_matcher(m)


def test_first_name_levels():
    m = FirstNameMatch()
    left = {
        "first_name": ["ann", "bob", "jonathn", "a", "lee", "mary", "anna"],
        "first_key": ["ann", "robert", "jonathn", "a", "lee", "mary", "anna"],
        "last_name": ["lee", "ray", "x", "lee", "ann", "x", "x"],
    }
    right = {
        "first_name": ["ann", "robert", "jonathan", "ann", "ann", "zoe", None],
        "first_key": ["ann", "robert", "jonathan", "ann", "ann", "zoe", None],
        "last_name": ["lee", "ray", "x", "lee", "lee", "x", "x"],
    }
    assert labels(m, left, right) == [
        "exact",
        "same nickname group",
        "jaro-winkler >= 0.92",
        "initial",
        "swapped with last name",
        "else",
        "null",
    ]


def test_two_nicknames_of_one_name_are_their_own_level():
    # Jim / Jimmy (or Jack / Johnny) are two diminutives of one formal name: weaker
    # evidence than Jim / James, which household members with related names share.
    left = keyed("jim", "jack", "jim", "steve")
    right = keyed("jimmy", "johnny", "james", "stephen")
    assert labels(FirstNameMatch(), left, right) == [
        "two nicknames of one name",
        "two nicknames of one name",
        "same nickname group",
        "same nickname group",
    ]


def test_two_similar_known_given_names_are_their_own_level():
    # Mason / Madison are two names (twins, siblings); Stephen / Stephna is a typo.
    m = FirstNameMatch()
    left = {"first_name": ["mason", "stephen", "jeffrey"], "last_name": ["x"] * 3}
    right = {"first_name": ["madison", "stephna", "jefrey"], "last_name": ["x"] * 3}
    assert labels(m, left, right) == [
        "two similar given names",
        "jaro-winkler >= 0.92",
        "jaro-winkler >= 0.92",
    ]


def test_a_misspelt_nickname_still_matches_its_group():
    left = keyed("dcik", "dcik", "been", "zork")
    right = keyed("richard", "rich", "benjamin", "richard")
    # dick (misspelt) against richard and rich; ben with a letter added; no name.
    assert labels(FirstNameMatch(), left, right) == ["same nickname group"] * 3 + ["else"]


def test_two_equal_initials_agree_as_initials_not_as_names():
    # "Frances G." and "Frances G.": a shared initial says little about the surname,
    # so it must not earn the (frequency-adjusted) weight of an exact name.
    left = {"first_name": ["j", "j", "frances"], "last_name": ["g", "h", "g"]}
    right = {"first_name": ["j", "k", "frances"], "last_name": ["g", "gibbs", "h"]}
    assert labels(FirstNameMatch(), left, right) == ["initial", "else", "exact"]
    assert labels(LastNameMatch(), left, right) == ["initial", "else", "else"]


def test_a_first_name_that_is_the_other_records_surname_says_nothing():
    # "Milan" with no surname against "Brennan Milan": perhaps swapped, so not
    # a clearly different first name (which would keep them apart as family).
    left = {"first_name": ["milan", "milan"], "last_name": [None, "cole"]}
    right = {"first_name": ["brennan", "brennan"], "last_name": ["milan", "milan"]}
    assert labels(FirstNameMatch(), left, right) == ["null", "else"]


def test_a_typo_in_a_short_name_is_a_typo():
    m = FirstNameMatch()
    left = {"first_name": ["amy", "ira", "amy", "ben", "kim"]}
    right = {"first_name": ["aym", "iar", "yma", "bn", "tim"]}
    # Jaro-Winkler alone scores amy / aym as "else"; yma swaps letters that are not
    # neighbours; bn is one letter short of ben and no name; kim and tim are two names.
    assert labels(m, left, right) == ["jaro-winkler >= 0.92"] * 2 + ["else"] + [
        "jaro-winkler >= 0.92",
        "else",
    ]


def test_a_mans_and_a_womans_name_are_not_typos_of_each_other():
    # Twins and spouses: Eric / Erica. A name either sex carries (Jordan, Chris)
    # or an unknown one keeps the typo level; two same-sex spellings the census
    # knows (Sara / Sarah) have their own level.
    left = {"first_name": ["eric", "paul", "jordan", "sara", "jon", "zorblax"]}
    right = {"first_name": ["erica", "paula", "jordyn", "sarah", "john", "zorblaxa"]}
    for side in (left, right):
        side["last_name"] = ["x"] * 6
    assert labels(FirstNameMatch(), left, right) == [
        "else",
        "else",
        "jaro-winkler >= 0.92",
        "two similar given names",
        "same nickname group",
        "jaro-winkler >= 0.92",
    ]


def test_a_diminutive_of_several_groups_matches_each_of_them():
    # The nickname key gives "liam" and "ted" one group each; the matcher knows all.
    left = keyed("liam", "ted", "ted", "liam")
    right = keyed("william", "theodore", "edward", "robert")
    assert labels(FirstNameMatch(), left, right) == ["same nickname group"] * 3 + ["else"]


def test_swapped_names_with_an_initial_or_a_nickname():
    m = FirstNameMatch()
    left = {"first_name": ["janelle", "harris", "janelle"], "last_name": ["s", "dick", "t"]}
    right = {"first_name": ["saari", "richard", "saari"], "last_name": ["janelle", "harris", "jan"]}
    assert labels(m, left, right) == ["swapped with last name", "swapped with last name", "else"]
    # Both names agree, so the last-name matcher counts its half too.
    last = labels(LastNameMatch(), left, right)
    assert last == ["swapped with first name", "swapped with first name", "else"]


def test_swapped_names_with_a_typo_at_the_start():
    # Xerald Cronin / Cronin Jerald: Jaro-Winkler misses a first-letter typo.
    left = {"first_name": ["xerald", "javir"], "last_name": ["cronin", None]}
    right = {"first_name": ["cronin", "reyes"], "last_name": ["jerald", "javier"]}
    # The second pair: Javir with no surname against Reyes Javier may be swapped.
    assert labels(FirstNameMatch(), left, right) == ["swapped with last name", "null"]


def test_last_name_levels():
    m = LastNameMatch()
    left = {
        "last_name": ["lee", "smith", "smith", "garcia", "neil"],
        "first_name": ["a", "b", "c", "d", "e"],
    }
    right = {
        "last_name": ["lee", "smiht", "smith jones", "okafor", "heil"],
        "first_name": ["a", "b", "c", "d", "e"],
    }
    assert labels(m, left, right) == [
        "exact",
        "jaro-winkler >= 0.92",
        "one contains the other",
        "else",
        "two similar surnames",
    ]
    swapped = labels(
        m,
        {"last_name": ["lee"], "first_name": ["ann"]},
        {"last_name": ["ann"], "first_name": ["lee"]},
    )
    assert swapped == ["swapped with first name"]


def test_date_levels():
    m = DateMatch()
    left = {"dob": ["1984-03-07", "1984-03-07", "1984-03-07", "1984-03-07", "1984-03-07"]}
    right = {"dob": ["1984-03-07", "1984-07-03", "1984-03-08", "1984-03-27", "1990-01-01"]}
    assert labels(m, left, right) == [
        "exact",
        "day and month swapped",
        "one digit different",
        "one digit different",
        "else",
    ]


def test_email_levels_and_shared_values():
    m = EmailMatch()
    left = pd.DataFrame(
        {
            "email": ["ann@x.com", "ann@x.com", "annlee@x.com", "annalee7@aol.com", "zed@q.com"],
            "email__shared": [False, True, False, False, False],
        }
    )
    right = pd.DataFrame(
        {
            "email": ["ann@x.com", "ann@x.com", "anlee@x.com", "annalee7@yahoo.com", "amy@r.org"],
            "email__shared": [False, True, False, False, False],
        }
    )
    out = [m.level_labels()[k] for k in m.compare(left, right)]
    assert out == ["exact", "exact, shared value", "within one edit", "same local part", "else"]


def test_an_email_edit_that_the_names_explain_is_not_a_typo():
    m = EmailMatch()
    left = pd.DataFrame(
        {
            "email": ["amyheil@gmail.com", "amyheil@gmail.com", "jonhlee@x.com"],
            "first_name": ["amy", "amy", "john"],
            "last_name": ["heil", "heil", "lee"],
        }
    )
    right = pd.DataFrame(
        {
            "email": ["amyneil@gmail.com", "amyneil@gmail.com", "johnlee@x.com"],
            "first_name": ["amy", "amy", "john"],
            # Amy Neil is another person; a typo in the address of one Amy Heil is
            # still a typo; the names do not explain "jonh".
            "last_name": ["neil", "heil", "lee"],
        }
    )
    assert [m.level_labels()[k] for k in m.compare(left, right)] == [
        "else",
        "within one edit",
        "within one edit",
    ]


def test_device_ids_of_different_kinds_are_not_compared():
    dev = next(m for m in default_matchers(ALL_COLUMNS) if m.name == "device_id")
    left = {"device_id": ["GA1.2.11.22", "GA1.2.11.22", "6D05C807-598F-D8F7-A9F5-8C79745B7CE8"]}
    right = {"device_id": ["GA1.2.33.44", "4F28F319-E474-8A0D-29BB-2053FD471977", "GA1.2.11.22"]}
    # A web cookie and a mobile advertising id name different systems: no evidence.
    assert labels(dev, left, right) == ["else", "null", "null"]
    plain = IdentifierMatch("device_id")
    assert labels(plain, left, right) == ["else", "else", "else"]


def test_identifier_and_phone():
    dev = IdentifierMatch("device_id")
    assert labels(dev, {"device_id": ["d1", "d1"]}, {"device_id": ["d1", "d2"]}) == [
        "exact",
        "else",
    ]
    ph = PhoneMatch()
    assert labels(
        ph, {"phone": ["+14155550134", "+14155550134"]}, {"phone": ["+14155550134", "+14155550143"]}
    ) == ["exact", "within one edit"]


def test_address_levels():
    assert labels(
        PostcodeMatch(),
        {"postcode": ["02134", "02134", "02134"]},
        {"postcode": ["02134", "02139", "60601"]},
    ) == ["exact", "same first 3 characters", "else"]
    assert labels(
        StreetMatch(),
        {"street": ["12 oak st", "12 oakley st", "12 oak st apt 4", "1 elm rd"]},
        {"street": ["12 oak st", "12 oakly st", "12 oak st", "9 high st"]},
    ) == ["exact", "token sort >= 0.9", "same house number, similar street", "else"]
    assert labels(
        CityMatch(),
        {"city": ["boston", "boston", "boston"]},
        {"city": ["boston", "bostn", "chicago"]},
    ) == ["exact", "jaro-winkler >= 0.9", "else"]


def test_exact_match_without_tf():
    m = ExactMatch("country", tf=False)
    assert m.tf_level is None
    assert labels(m, {"country": ["US", "US"]}, {"country": ["US", "GB"]}) == ["exact", "else"]


def test_default_matchers_follow_columns_present():
    names = [m.name for m in default_matchers(["email", "last_name"])]
    assert names == ["last_name", "email"]


def test_bad_thresholds_fail_at_construction():
    with pytest.raises(uid.ConfigError, match="thresholds"):
        FirstNameMatch(high=0.7, low=0.8)


def test_missing_column_is_named():
    with pytest.raises(uid.ConfigError, match="'email'"):
        EmailMatch().compare(pd.DataFrame({"x": ["a"]}), pd.DataFrame({"x": ["a"]}))


def test_large_input_is_chunked_consistently():
    m = FirstNameMatch()
    rng = np.random.default_rng(0)
    pool = np.array(["ann", "anne", "bob", "robert", "zoe"], dtype=object)
    left = pd.DataFrame({"first_name": pool[rng.integers(0, 5, 5000)]})
    right = pd.DataFrame({"first_name": pool[rng.integers(0, 5, 5000)]})
    whole = m.compare(left, right)
    assert np.array_equal(whole[:10], m.compare(left.iloc[:10], right.iloc[:10]))


def test_a_saved_model_knows_every_public_built_in_matcher_class():
    from unifyid.io._model import _BUILT_IN
    from unifyid.matchers import _address, _date, _encoded, _identifier, _name

    scanned = {
        name
        for module in (_address, _date, _encoded, _identifier, _name)
        for name in module.__all__
        if isinstance(getattr(module, name), type)
    }
    assert set(_BUILT_IN) == scanned


def test_the_default_sets_keep_their_order():
    from unifyid._schema import ENCODED_TYPES, PLAIN_TYPES
    from unifyid.matchers import default_matchers

    assert [m.name for m in default_matchers(PLAIN_TYPES)] == [
        "first_name",
        "last_name",
        "dob",
        "email",
        "phone",
        "place",
        "country",
        "device_id",
        "loyalty_id",
        "customer_id",
    ]
    assert [m.name for m in default_matchers(ENCODED_TYPES)] == [
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
