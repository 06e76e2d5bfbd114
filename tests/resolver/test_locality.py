"""Place inferred from postcodes and phone prefixes, learned from the data itself."""

import numpy as np
import pandas as pd
import pytest

import unifyid as uid
from unifyid.matchers._address import LocalityMatch
from unifyid.values import add_locality


def _values(column: pd.Series) -> list:
    """The column's values, missing as None (pandas 3's text columns hold NaN)."""
    return [None if pd.isna(v) else v for v in column]


def test_locality_is_learned_from_records_holding_both():
    frame = pd.DataFrame(
        {
            "city": ["boston", "boston", None, None, "austin", None, None],
            "postcode": ["02134", "02134", "02134", None, None, None, "99999"],
            "phone": [
                None,
                "+16175550100",
                None,
                "+16175550199",
                "+15125550100",
                "+18005550100",
                None,
            ],
        },
    )
    add_locality(frame)
    assert _values(frame["locality"]) == [
        "boston",
        "boston",
        "boston",
        None,
        "austin",
        None,
        None,
    ]
    assert _values(frame["locality_from"]) == ["city", "city", "postcode", None, "city", None, None]
    # one record per phone prefix is not enough to learn it
    frame2 = pd.DataFrame(
        {
            "city": ["boston", "boston", None],
            "postcode": [None, None, None],
            "phone": ["+16175550100", "+16175550111", "+16175550199"],
        }
    )
    add_locality(frame2)
    assert _values(frame2["locality"]) == ["boston", "boston", "boston"]
    assert frame2["locality_from"].tolist()[-1] == "phone"


def test_locality_match_defers_to_city_and_postcode_matchers():
    m = LocalityMatch()
    uid.check_matcher(m)
    left = pd.DataFrame(
        {
            "locality": ["boston", "boston", "boston"],
            "city": ["boston", None, None],
            "postcode": [None, "02134", None],
        }
    )
    right = pd.DataFrame(
        {
            "locality": ["boston", "boston", "austin"],
            "city": ["boston", None, None],
            "postcode": [None, "02139", None],
        }
    )
    assert m.compare(left, right).tolist() == [0, 0, 2]


def test_locality_share_says_how_common_each_records_town_is():
    frame = pd.DataFrame(
        {
            "city": ["boston", "boston", None, "austin", None],
            "postcode": ["02134", "02134", "02134", None, None],
        }
    )
    add_locality(frame)
    # four records hold a locality: Boston three times (one inferred), Austin once
    assert frame["locality_share"].tolist()[:4] == [0.75, 0.75, 0.75, 0.25]
    assert np.isnan(frame["locality_share"].iloc[4])
    no_city = pd.DataFrame({"postcode": ["02134"]})
    add_locality(no_city)
    assert no_city["locality"].tolist() == [None]
    assert np.isnan(no_city["locality_share"].iloc[0])


def test_new_records_get_their_town_share_from_every_record():
    web = pd.DataFrame(
        {
            "id": [f"w{i}" for i in range(6)],
            "first": ["ann", "bob", "cy", "di", "ed", "flo"],
            "last": ["lee", "ray", "ng", "ho", "ma", "xu"],
            "city": ["boston", "boston", "boston", "austin", "boston", "austin"],
        }
    )
    cols = {"first": "first_name", "last": "last_name", "city": "city"}
    resolver = uid.Resolver()
    first = resolver.resolve([uid.Source("web", web.iloc[:4], id="id", columns=cols)])
    state = uid.State.from_result(first, resolver)
    later = resolver.resolve(
        [uid.Source("web", web.iloc[4:], id="id", columns=cols)], previous=state
    )
    share = dict(zip(later.frame["record_id"], later.frame["locality_share"], strict=True))
    assert share["w4"] == pytest.approx(4 / 6)
    assert share["w5"] == pytest.approx(2 / 6)
