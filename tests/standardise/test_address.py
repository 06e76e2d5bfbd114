"""Tests for postcode, street, house number, city and country."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unifyid.standardise import city, country, postcode, street, street_number


def test_postcode_basic_forms():
    s = pd.Series(["sw1a 1aa", "SW1A-1AA", "k1a 0b1", " 75008 "])
    assert postcode(s).tolist() == ["SW1A1AA", "SW1A1AA", "K1A0B1", "75008"]


def test_zip_plus_four_is_cut():
    s = pd.Series(["94110-1234", "94110 1234", "941101234", "94110"])
    assert postcode(s).tolist() == ["94110"] * 4


def test_leading_zeros_restored_in_five_digit_columns():
    s = pd.Series([2134, 2134.0, "02139", "10001", "94110", 501, None])
    assert postcode(s).tolist() == ["02134", "02134", "02139", "10001", "94110", "00501", None]


def test_leading_zeros_not_invented_elsewhere():
    # Four-digit codes (Australia, Denmark, ...) stay as they are.
    assert postcode(pd.Series([2000, 3000, "0800"])).tolist() == ["2000", "3000", "0800"]
    mixed = pd.Series(["SW1A 1AA", "EC1A 1BB", 2134, "10001"])
    assert postcode(mixed).tolist() == ["SW1A1AA", "EC1A1BB", "2134", "10001"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("123 North Main Street, Apt. #4B", "123 n main st apt 4b"),
        ("123 N. Main St #4b", "123 n main st apt 4b"),
        ("123 N Main St Suite 4B", "123 n main st apt 4b"),
        ("123 N Main St Unit 4B", "123 n main st apt 4b"),
        ("45 Avenue Road", "45 ave rd"),
        ("7 Boulevard Haussmann", "7 blvd haussmann"),
        ("1 Elm Drive", "1 elm dr"),
        ("9 Oak Lane", "9 oak ln"),
        ("2 King's Court", "2 kings ct"),
        ("3 First Place", "3 1st pl"),
        ("P.O. Box 12", "po box 12"),
        ("Straße 5", "strasse 5"),
        ("", None),
        (None, None),
    ],
)
def test_street(raw, expected):
    assert street(pd.Series([raw], dtype=object)).tolist() == [expected]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("123 Main St", "123"),
        ("  12B High St", "12"),
        ("12-14 Main St", "12"),
        ("Apt 4, 12 Oak Rd", "12"),
        ("#4 12 Oak Rd", "12"),
        ("Main St", None),
        ("PO Box 9", None),
        (None, None),
    ],
)
def test_street_number(raw, expected):
    assert street_number(pd.Series([raw], dtype=object)).tolist() == [expected]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Saint Louis", "st louis"),
        ("St. Louis", "st louis"),
        ("ST LOUIS", "st louis"),
        ("Winston-Salem", "winston salem"),
        ("Coeur d'Alene", "coeur dalene"),
        ("Fort Worth", "ft worth"),
        ("Ft. Worth", "ft worth"),
        ("São Paulo", "sao paulo"),
        ("  ", None),
    ],
)
def test_city(raw, expected):
    assert city(pd.Series([raw])).tolist() == [expected]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("United States", "US"),
        ("USA", "US"),
        ("U.S.", "US"),
        ("U.S.A.", "US"),
        ("us", "US"),
        ("United States of America", "US"),
        ("United Kingdom", "GB"),
        ("UK", "GB"),
        ("GB", "GB"),
        ("Great Britain", "GB"),
        ("England", "GB"),
        ("Deutschland", "DE"),
        ("DEU", "DE"),
        ("The Netherlands", "NL"),
        ("España", "ES"),
        ("fi", "FI"),
        ("LI", "LI"),  # any alpha-2 code known to libphonenumber
        ("Narnia", None),
        ("XX", None),
        ("", None),
        (None, None),
    ],
)
def test_country(raw, expected):
    assert country(pd.Series([raw], dtype=object)).tolist() == [expected]


_anything = st.lists(st.one_of(st.text(), st.none(), st.integers(), st.floats()), max_size=12)


@settings(database=None, max_examples=150, deadline=None)
@given(_anything)
def test_address_shape_idempotence_and_no_raise(values):
    s = pd.Series(values, dtype=object)
    for func in (postcode, street, city, country):
        out = func(s)
        assert out.index.equals(s.index) and out.dtype == object
        assert all(v is None or isinstance(v, str) for v in out)
        assert func(out).tolist() == out.tolist(), func.__name__
    numbers = street_number(s)
    assert all(v is None or v.isdigit() for v in numbers)
