"""Tests for the shared text helpers: map_unique and fold_text."""

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unifyid.standardise import fold_text, map_unique
from unifyid.standardise._text import as_text, fold_str


def test_map_unique_keeps_index_name_and_missing():
    s = pd.Series(["a", None, np.nan, pd.NA, "b", "a"], index=[5, 3, 9, 1, 7, 2], name="col")
    out = map_unique(s, str.upper)
    assert out.index.tolist() == [5, 3, 9, 1, 7, 2]
    assert out.name == "col"
    assert out.dtype == object
    assert out.tolist() == ["A", None, None, None, "B", "A"]


def test_map_unique_calls_func_once_per_distinct_value():
    calls: list[str] = []

    def func(v: str) -> str:
        calls.append(v)
        return v

    map_unique(pd.Series(["x", "y", "x", "x", None, "y"]), func)
    assert sorted(calls) == ["x", "y"]


def test_map_unique_batch_mode_sees_all_uniques():
    seen: list[list] = []

    def func(values: list) -> list:
        seen.append(values)
        return [len(v) for v in values]

    out = map_unique(pd.Series(["aa", "b", "aa"]), func, batch=True)
    assert seen == [["aa", "b"]]
    assert out.tolist() == [2, 1, 2]


def test_map_unique_value_that_raises_becomes_missing():
    def func(v):
        if v == "bad":
            raise ValueError("boom")
        return v

    out = map_unique(pd.Series(["ok", "bad"]), func)
    assert out.tolist() == ["ok", None]


def test_map_unique_missing_value_and_tuples():
    out = map_unique(pd.Series(["a", None]), lambda v: (v, v), missing=(None, None))
    assert out.tolist() == [("a", "a"), (None, None)]


def test_map_unique_never_merges_values_that_differ_after_a_nul():
    # pandas' string hashing stops at NUL: "" and "\x00x" would share one result.
    s = pd.Series(["", "\x00x", "ab\x00", "ab", None], dtype=object)
    assert map_unique(s, len).tolist() == [0, 2, 3, 2, None]


def test_map_unique_empty_and_non_series_input():
    assert map_unique(pd.Series([], dtype=object), str.upper).tolist() == []
    assert map_unique(["a", None], str.upper).tolist() == ["A", None]


def test_map_unique_works_on_arrow_strings_and_categories():
    arrow = pd.Series(["x", None, "x"], dtype="string[pyarrow]")
    assert map_unique(arrow, str.upper).tolist() == ["X", None, "X"]
    cat = pd.Series(["x", "y"], dtype="category")
    assert map_unique(cat, str.upper).tolist() == ["X", "Y"]


@pytest.mark.parametrize("dtype", ["string[pyarrow]", pd.ArrowDtype(pa.large_string())])
def test_map_unique_on_arrow_text_matches_object_path(dtype):
    raw = ["", "\x00x", "ab\x00", "ab", None, " ab ", "ab", "\x00x"]
    s = pd.Series(raw, dtype=dtype, index=range(10, 18), name="col")
    out = map_unique(s, lambda v: f"<{v}>")
    expected = map_unique(
        pd.Series(raw, dtype=object, index=range(10, 18), name="col"), lambda v: f"<{v}>"
    )
    assert out.equals(expected)
    assert out.dtype == object and out.name == "col"
    seen: list[list] = []
    map_unique(s, lambda values: seen.append(values) or values, batch=True)
    assert seen == [["", "\x00x", "ab\x00", "ab", " ab "]]  # first-appearance order


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("José", "jose"),
        ("Müller", "muller"),
        ("Zoë", "zoe"),
        ("Straße", "strasse"),
        ("Øyvind", "oyvind"),
        ("  ANN   LEE  ", "ann lee"),
        ("O’Brien", "o'brien"),
        ("O`Brien", "o'brien"),
        ("Smith–Jones", "smith-jones"),
        ("Lee,Ann", "lee ann"),
        ("a_b", "a b"),
        ("Ann - Lee", "ann lee"),
        ("!!!", None),
        ("   ", None),
        ("Иван", "иван"),
    ],
)
def test_fold_text(raw, expected):
    assert fold_text(pd.Series([raw])).tolist() == [expected]


def test_as_text_handles_numbers_and_missing():
    assert as_text(12) == "12"
    assert as_text(12.0) == "12"
    assert as_text(12.5) == "12.5"
    assert as_text(np.int64(7)) == "7"
    assert as_text(float("inf")) is None
    assert as_text(pd.NaT) is None
    assert as_text(True) is None


@settings(database=None, max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.text(), st.none(), st.integers(), st.floats()), max_size=20))
def test_fold_text_shape_and_idempotence(values):
    s = pd.Series(values, dtype=object, index=range(100, 100 + len(values)))
    out = fold_text(s)
    assert out.index.equals(s.index)
    assert all(v is None or isinstance(v, str) for v in out)
    again = fold_text(out)
    assert again.tolist() == out.tolist()


@settings(database=None, max_examples=200, deadline=None)
@given(st.text())
def test_fold_str_output_alphabet(text):
    out = fold_str(text)
    if out is not None:
        assert out == out.strip()
        assert "  " not in out
        assert all(ch.isalnum() or ch in " -'" for ch in out)
