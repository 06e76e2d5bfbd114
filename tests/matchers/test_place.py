"""The place matcher: one comparison of street, postcode and town, each fact counted once."""

import itertools
import json

import numpy as np
import pandas as pd
import pytest

import unifyid as uid
from unifyid.graph._households import household_evidence
from unifyid.matchers import PlaceMatch, default_matchers
from unifyid.matchers._address import (
    PLACE_COLUMNS,
    CityMatch,
    LocalityMatch,
    PostcodeMatch,
    StreetMatch,
)

ALL_COLUMNS = ["first_name", "last_name", "dob", "email", "phone", "street", "city", "postcode"]


def labels(m, left, right):
    out = m.compare(pd.DataFrame(left), pd.DataFrame(right))
    return [m.level_labels()[k] for k in out]


def side(street, postcode, city, share=None, phone=None, origin=None):
    """One record's place columns as standardisation and ``add_locality`` give them."""
    return {
        "street": street,
        "postcode": postcode,
        "city": city,
        "locality": city,
        "locality_from": origin or ("city" if city else None),
        "locality_share": share,
        "phone": phone,
    }


def table(*records):
    return {c: [r[c] for r in records] for c in records[0]}


@pytest.mark.parametrize(
    "columns",
    [c for k in range(1, 4) for c in itertools.combinations(PLACE_COLUMNS, k)],
    ids="+".join,
)
def test_every_column_subset_passes_the_contract(columns):
    uid.check_matcher(PlaceMatch(columns=columns))


@pytest.mark.parametrize(
    "m", [StreetMatch(), PostcodeMatch(), CityMatch(), LocalityMatch()], ids=lambda m: m.name
)
def test_single_field_matchers_kept_for_own_sets_still_pass_the_contract(m):
    uid.check_matcher(m)


def test_the_finest_place_both_records_carry_decides_the_level():
    pairs = [
        (side("12 oak st", "02134", "boston"), side("12 oak st", "02134", "boston")),
        (side("12 oak st", None, "boston"), side("12 oak st", "02139", "boston")),
        (side(None, "02134", "boston"), side("12 oak st", "02134", "boston")),
        # Michele Baggio and Michele Tabacu: one ZIP code and its city, two streets.
        (side("12 oak st", "02134", "boston"), side("9 elm rd", "02134", "boston")),
        (side("12 oak st", "02134", None), side("9 elm rd", "02134", "boston")),
        (side(None, None, "boston", 0.2), side("9 elm rd", None, "boston", 0.2)),
        (side(None, None, "boston", 0.05), side(None, "02134", "boston", 0.05)),
        (side(None, None, "boise", 0.01), side(None, None, "boise", 0.01)),
        (side(None, None, "tiny", 0.001), side(None, None, "tiny", 0.001)),
        (side("12 oak st", "02134", "boston"), side("9 elm rd", "02139", "boston")),
        (side(None, "02134", "boston"), side(None, "60601", "chicago")),
        (side("12 oak st", "02134", "boston"), side("12 oak st", "60601", "chicago")),
        (side(None, None, None), side("12 oak st", "02134", "boston")),
    ]
    left, right = table(*(a for a, _ in pairs)), table(*(b for _, b in pairs))
    assert labels(PlaceMatch(), left, right) == [
        "same street, postcode and town",
        "same street",
        "same postcode, no street to compare",
        "same postcode and town, different street",
        "same postcode, different street",
        "same town, over 1/16 of records",
        "same town, 1/64 to 1/16 of records",
        "same town, 1/256 to 1/64 of records",
        "same town, under 1/256 of records",
        "different address, same town",
        "different",
        "different",
        "null",
    ]


def test_a_near_town_name_is_weighed_as_the_commoner_town():
    left = table(side(None, None, "new york", 0.2))
    right = table(side(None, None, "new york ny", 0.001))
    assert labels(PlaceMatch(), left, right) == ["same town, over 1/16 of records"]


def test_a_town_read_off_a_phone_is_not_counted_again_when_the_phones_agree():
    app = side(None, None, "chicago", 0.01, phone="+13125550100", origin="phone")
    same = side(None, None, "chicago", 0.01, phone="+13125550100")
    typo = side(None, None, "chicago", 0.01, phone="+13125550109")
    other = side(None, None, "chicago", 0.01, phone="+13125557777")
    no_phone = side(None, None, "chicago", 0.01)
    left, right = table(app, app, app, app), table(same, typo, other, no_phone)
    assert labels(PlaceMatch(), left, right) == [
        "null",
        "null",
        "same town, 1/256 to 1/64 of records",
        "same town, 1/256 to 1/64 of records",
    ]


def test_without_locality_columns_the_city_is_the_town():
    m = PlaceMatch(columns=("city",))
    got = labels(m, {"city": ["boston", "boston", None]}, {"city": ["boston", "austin", "x"]})
    # The town's size is unknown: it is weighed as the least telling band.
    assert got == ["same town, over 1/16 of records", "different", "null"]


def test_bad_columns_fail_at_construction():
    with pytest.raises(uid.ConfigError, match="columns"):
        PlaceMatch(columns=("street", "email"))
    with pytest.raises(uid.ConfigError, match="columns"):
        PlaceMatch(columns=())


def test_one_default_matcher_reads_the_place():
    place = [m for m in default_matchers(ALL_COLUMNS) if set(m.columns) & set(PLACE_COLUMNS)]
    assert [m.name for m in place] == ["place"]
    assert place[0].columns == ("street", "postcode", "city")
    only_city = default_matchers(["first_name", "city"])
    assert [m.name for m in only_city] == ["first_name", "place"]
    assert only_city[1].columns == ("city",)
    assert [m.name for m in default_matchers(["email"])] == ["email"]


def _household_levels(address_differs: float, identifier_differs: float, n: int):
    """``n`` pairs agreeing on surname and postcode, then ``n`` agreeing on an email,
    with the given shares of clearly different first names; and the matchers."""
    matchers = default_matchers(["first_name", "last_name", "email", "postcode"])
    names = [m.name for m in matchers]
    first, last, email, place = (
        names.index(n) for n in ("first_name", "last_name", "email", "place")
    )
    gamma = np.zeros((2 * n, len(matchers)), dtype=np.int8)
    gamma[:n, last] = 1
    gamma[:n, place] = matchers[place].level_labels().index("same postcode, no street to compare")
    gamma[n:, email] = 1
    other = matchers[first].n_levels - 1  # else: clearly different first names
    gamma[:n, first] = np.where(np.arange(n) < round(address_differs * n), other, 1)
    gamma[n:, first] = np.where(np.arange(n) < round(identifier_differs * n), other, 1)
    return gamma, matchers


def test_households_are_detected_from_the_place_levels():
    # Same surname and postcode: half the first names differ; same email: none do.
    gamma, matchers = _household_levels(0.5, 0.0, 200)
    found = household_evidence(gamma, matchers)
    assert found.address_pairs == 200
    assert found.address_first_name_differs == pytest.approx(0.5)
    assert found.detected


@pytest.mark.parametrize(
    ("address_differs", "identifier_differs", "detected"),
    [
        (0.14, 0.035, True),  # households hidden among frequent customers' noisy names
        (0.09, 0.04, True),  # few households (10% of people)
        (0.14, 0.087, False),  # Febrl4: name corruptions everywhere, no households
        (0.15, 0.15, False),  # Febrl3
    ],
)
def test_households_are_told_from_noise_by_the_rates_of_differing_first_names(
    address_differs, identifier_differs, detected
):
    gamma, matchers = _household_levels(address_differs, identifier_differs, 1000)
    assert household_evidence(gamma, matchers).detected is detected


@pytest.fixture(scope="module")
def fitted():
    from unifyid.datasets import make_customers

    return uid.Resolver().fit(make_customers(1500, seed=4).to_sources())


def test_a_saved_model_with_other_place_levels_is_refused(fitted, tmp_path):
    path = tmp_path / "model.json"
    fitted.save(path)
    assert [m.name for m in uid.Resolver.load(path).matchers_] == [m.name for m in fitted.matchers_]
    doc = json.loads(path.read_text())
    spec = next(s for s in doc["matchers"] if s["name"] == "place")
    spec["levels"] = ["null", "exact", "else"]
    path.write_text(json.dumps(doc))
    with pytest.raises(uid.ConfigError, match="'place' was saved with levels"):
        uid.Resolver.load(path)
