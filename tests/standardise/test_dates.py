"""Tests for dates of birth and timestamps."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unifyid.standardise import date_of_birth, timestamp


@pytest.mark.parametrize(
    "raw",
    [
        "1984-03-07",
        "1984-3-7",
        "1984/03/07",
        "1984-03-07T00:00:00Z",
        "1984-03-07 00:00:00",
        "19840307",
        19840307,
        19840307.0,
        "7 Mar 1984",
        "7-Mar-84",
        "07 March 1984",
        "7th March 1984",
        "March 7, 1984",
        "Mar. 7 1984",
        "Wed, 7 Mar 1984",
        "1984 Mar 7",
        "3/7/84",
        "03/07/1984",
        "03-07-1984",
        pd.Timestamp("1984-03-07"),
        dt.date(1984, 3, 7),
        dt.datetime(1984, 3, 7, 23, 59),
        np.datetime64("1984-03-07"),
    ],
)
def test_date_of_birth_formats(raw):
    assert date_of_birth(pd.Series([raw], dtype=object)).tolist() == ["1984-03-07"]


@pytest.mark.parametrize(
    "raw",
    ["1984-02-30", "1899-12-31", "0001-01-01", "2999-01-01", "13/13/1984", "garbage", "", "1984"],
)
def test_date_of_birth_rejects(raw):
    assert date_of_birth(pd.Series([raw])).tolist() == [None]


def test_future_dates_are_rejected():
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert date_of_birth(pd.Series([tomorrow.isoformat()])).tolist() == [None]


def test_day_first_inferred_from_column():
    s = pd.Series(["07/03/1984", "25/12/1990"])
    assert date_of_birth(s).tolist() == ["1984-03-07", "1990-12-25"]


def test_month_first_inferred_from_column():
    s = pd.Series(["03/07/1984", "12/25/1990"])
    assert date_of_birth(s).tolist() == ["1984-03-07", "1990-12-25"]


def test_no_or_conflicting_evidence_is_month_first():
    assert date_of_birth(pd.Series(["03/07/1984"])).tolist() == ["1984-03-07"]
    s = pd.Series(["25/12/1990", "12/25/1990"])
    assert date_of_birth(s).tolist() == [None, "1990-12-25"]


def test_explicit_dayfirst_overrides_inference():
    s = pd.Series(["03/07/1984", "12/25/1990"])
    assert date_of_birth(s, dayfirst=True).tolist() == ["1984-07-03", None]


def test_two_digit_year_pivot():
    this_year = dt.date.today().year % 100
    past = f"{this_year - 1:02d}" if this_year else "99"
    expected = 2000 + this_year - 1 if this_year else 1999
    out = date_of_birth(pd.Series(["1/2/85", f"1/2/{past}", f"1/2/{this_year + 1:02d}"]))
    assert out.tolist() == ["1985-01-02", f"{expected}-01-02", f"19{this_year + 1:02d}-01-02"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-05-01T12:30:00+02:00", "2024-05-01T10:30:00"),
        ("2024-05-01T10:30:00Z", "2024-05-01T10:30:00"),
        ("2024-05-01T10:30:00.999Z", "2024-05-01T10:30:00"),
        ("2024-05-01 10:30", "2024-05-01T10:30:00"),
        ("2024-05-01", "2024-05-01T00:00:00"),
        ("20240501", "2024-05-01T00:00:00"),
        ("20240501103000", "2024-05-01T10:30:00"),
        (1714559400, "2024-05-01T10:30:00"),
        (1714559400.7, "2024-05-01T10:30:00"),
        ("1714559400", "2024-05-01T10:30:00"),
        (1714559400000, "2024-05-01T10:30:00"),
        (pd.Timestamp("2024-05-01 06:30", tz="US/Eastern"), "2024-05-01T10:30:00"),
        (dt.datetime(2024, 5, 1, 10, 30), "2024-05-01T10:30:00"),
        ("May 1, 2024 10:30 AM", "2024-05-01T10:30:00"),
        ("12", None),
        ("junk", None),
        ("", None),
        (None, None),
    ],
)
def test_timestamp(raw, expected):
    assert timestamp(pd.Series([raw], dtype=object)).tolist() == [expected]


def test_timestamp_naive_values_are_not_shifted_by_aware_neighbours():
    s = pd.Series(["2024-05-01T12:30:00+02:00", "2024-05-01 10:30"])
    assert timestamp(s).tolist() == ["2024-05-01T10:30:00", "2024-05-01T10:30:00"]


_dates = st.dates(dt.date(1900, 1, 1), dt.date(2020, 12, 31))
_rendered = st.builds(
    lambda d, f: d.strftime(f),
    _dates,
    st.sampled_from(["%Y-%m-%d", "%Y%m%d", "%m/%d/%Y", "%d %b %Y", "%B %d, %Y"]),
)


@settings(database=None, max_examples=150, deadline=None)
@given(st.lists(st.one_of(_rendered, st.text(), st.none(), st.integers()), max_size=12))
def test_dates_shape_idempotence_and_no_raise(values):
    s = pd.Series(values, dtype=object)
    out = date_of_birth(s)
    assert out.index.equals(s.index) and out.dtype == object
    assert date_of_birth(out).tolist() == out.tolist()
    ts = timestamp(s)
    assert ts.index.equals(s.index)
    assert timestamp(ts).tolist() == ts.tolist()


@settings(database=None, max_examples=100, deadline=None)
@given(_dates)
def test_iso_and_textual_forms_agree(day):
    s = pd.Series([day.isoformat(), day.strftime("%d %B %Y"), day.strftime("%Y%m%d")])
    assert date_of_birth(s).tolist() == [day.isoformat()] * 3
