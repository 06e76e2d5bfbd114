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


_WHEN = pd.to_datetime(
    np.random.default_rng(7).integers(1_400_000_000, 1_750_000_000, 3_000), unit="s"
)


def _expect(when: pd.DatetimeIndex, unit: str) -> list[str]:
    return list(np.datetime_as_string(when.floor(unit).to_numpy(dtype="datetime64[s]"), "s"))


@pytest.mark.parametrize(
    ("fmt", "unit"),
    [
        ("%m/%d/%Y %H:%M", "min"),
        ("%m/%d/%Y %H:%M:%S", "s"),
        ("%m/%d/%Y %I:%M %p", "min"),
        ("%d.%m.%Y", "D"),
        ("%d.%m.%Y %H:%M", "min"),
        ("%d/%m/%Y %H:%M", "min"),
        ("%m/%d/%y", "D"),
        ("%m/%d/%y %H:%M", "min"),
        ("%Y%m%d", "D"),
        ("%Y-%m-%dT%H:%M:%SZ", "s"),
        ("%Y-%m-%dT%H:%M:%S+00:00", "s"),
        ("%Y-%m-%d %H:%M:%S", "s"),
        ("%d %b %Y %H:%M", "min"),
        ("%b %d, %Y", "D"),
    ],
)
def test_timestamp_column_formats(fmt, unit):
    """Each whole-column layout parses every value, day-first ones included."""
    s = pd.Series(_WHEN.strftime(fmt), dtype=object)
    assert timestamp(s).tolist() == _expect(_WHEN, unit)


def test_timestamp_epoch_columns():
    seconds = _WHEN.as_unit("s").asi8.astype(np.int64)
    expected = _expect(_WHEN, "s")
    assert timestamp(pd.Series(seconds)).tolist() == expected
    assert timestamp(pd.Series(seconds.astype(str), dtype=object)).tolist() == expected
    assert timestamp(pd.Series(seconds * 1000)).tolist() == expected


def test_timestamp_offsets_convert_to_utc():
    s = pd.Series(["2024-05-01T12:30:00+02:00", "2024-05-01T05:30:00-05:00"])
    assert timestamp(s).tolist() == ["2024-05-01T10:30:00"] * 2


def test_timestamp_mixed_column():
    """ISO, epoch strings and MM/DD/YYYY HH:MM in one column all parse."""
    rng = np.random.default_rng(3)
    layouts = [
        _WHEN.strftime("%m/%d/%Y %H:%M"),
        _WHEN.strftime("%Y-%m-%dT%H:%M:%SZ"),
        pd.Index(_WHEN.as_unit("s").asi8.astype(str)),
        _WHEN.strftime("%d %b %Y %H:%M"),
    ]
    pick = rng.integers(0, len(layouts), len(_WHEN))
    s = pd.Series([layouts[k][i] for i, k in enumerate(pick)], dtype=object)
    expected = [
        _expect(_WHEN[i : i + 1], "min" if k in (0, 3) else "s")[0] for i, k in enumerate(pick)
    ]
    assert timestamp(s).tolist() == expected


def test_timestamp_ambiguous_order_follows_the_column():
    """Month-first unless the column shows day-first evidence, as for dates of birth."""
    us = pd.Series(["03/07/2024 10:30", "12/25/2024 08:00"])
    assert timestamp(us).tolist() == ["2024-03-07T10:30:00", "2024-12-25T08:00:00"]
    eu = pd.Series(["03/07/2024 10:30", "25/12/2024 08:00"])
    assert timestamp(eu).tolist() == ["2024-07-03T10:30:00", "2024-12-25T08:00:00"]
    # Contradicting evidence: month-first, and the value impossible that way read day-first.
    both = pd.Series(["03/07/2024 10:30", "25/12/2024 08:00", "12/25/2024 08:00"])
    assert timestamp(both).tolist() == [
        "2024-03-07T10:30:00",
        "2024-12-25T08:00:00",
        "2024-12-25T08:00:00",
    ]


def test_timestamp_two_digit_years_are_not_in_the_future():
    this_year = dt.date.today().year % 100
    s = pd.Series([f"01/02/{this_year:02d} 10:00", f"01/02/{(this_year + 1) % 100:02d} 10:00"])
    assert timestamp(s).tolist() == [
        f"20{this_year:02d}-01-02T10:00:00",
        f"19{(this_year + 1) % 100:02d}-01-02T10:00:00",
    ]


def test_timestamp_unparseable_values_stay_missing_in_place():
    s = pd.Series(["05/01/2024 10:30", "not a date", "13/45/2024 10:30", None, "05/02/2024 11:00"])
    assert timestamp(s).tolist() == [
        "2024-05-01T10:30:00",
        None,
        None,
        None,
        "2024-05-02T11:00:00",
    ]


def test_timestamp_leftovers_parsed_one_by_one_are_bounded(monkeypatch):
    from unifyid.standardise import _formats

    calls = []
    real = _formats._parse_loose
    monkeypatch.setattr(_formats, "_parse_loose", lambda t: calls.append(t) or real(t))
    monkeypatch.setattr(_formats, "MAX_LOOSE_VALUES", 5)
    odd = pd.Series([f"2024 day {i} of something" for i in range(50)])
    assert timestamp(odd).isna().all()
    assert len(calls) == 5


def test_day_month_order_is_decided_per_layout():
    """A column mixing DD.MM.YYYY and MM/DD/YY reads each layout its own way."""
    s = pd.Series(["14.01.1972", "02.12.1959", "09/23/50", "11/03/68"])
    assert date_of_birth(s).tolist() == ["1972-01-14", "1959-12-02", "1950-09-23", "1968-11-03"]
