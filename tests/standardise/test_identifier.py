"""Tests for exact identifiers."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unifyid.standardise import identifier


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (" AB  12 ", "AB 12"),
        ("aB9", "aB9"),
        (123, "123"),
        (123.0, "123"),
        ("123.0", "123"),
        ("123.5", "123.5"),
        ("GA1.2.345.678", "GA1.2.345.678"),
        ("00123", "00123"),
        ("NULL", None),
        ("None", None),
        ("nan", None),
        ("N/A", None),
        ("-", None),
        ("0", None),
        ("0000", None),
        ("00000000-0000-0000-0000-000000000000", None),
        ("", None),
        (None, None),
        (float("nan"), None),
    ],
)
def test_identifier(raw, expected):
    assert identifier(pd.Series([raw], dtype=object)).tolist() == [expected]


@settings(database=None, max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.text(), st.none(), st.integers(), st.floats()), max_size=12))
def test_identifier_shape_idempotence_and_no_raise(values):
    s = pd.Series(values, dtype=object)
    out = identifier(s)
    assert out.index.equals(s.index) and out.dtype == object
    assert identifier(out).tolist() == out.tolist()
