"""The public contract shared by every standardiser."""

import numpy as np
import pandas as pd

import unifyid.standardise as std

_SERIES_FUNCS = (
    std.fold_text,
    std.email,
    std.phone,
    std.person_name,
    std.nickname_key,
    std.date_of_birth,
    std.timestamp,
    std.postcode,
    std.street,
    std.street_number,
    std.city,
    std.country,
    std.identifier,
)

_MESSY = pd.Series(
    [None, np.nan, pd.NA, pd.NaT, "", "   ", 0, 12.5, True, "x", "Ann Lee", b"bytes", [1]],
    index=list(range(20, 7, -1)),
    dtype=object,
)


def test_public_names():
    assert sorted(std.__all__) == std.__all__
    for name in std.__all__:
        assert callable(getattr(std, name))


def test_every_function_keeps_shape_and_never_raises():
    for func in _SERIES_FUNCS:
        out = func(_MESSY)
        assert isinstance(out, pd.Series), func.__name__
        assert out.index.equals(_MESSY.index), func.__name__
        assert out.dtype == object, func.__name__
        assert all(v is None or isinstance(v, str) for v in out), func.__name__
        assert out.iloc[:6].isna().all(), func.__name__  # missing and blank stay missing
    for func in (std.is_junk_email, std.is_junk_phone):
        out = func(_MESSY)
        assert out.dtype == bool and out.index.equals(_MESSY.index)
        assert not out.iloc[:6].any()
    parts = std.split_full_name(_MESSY)
    assert parts.index.equals(_MESSY.index)
    assert list(parts.columns) == ["first_name", "last_name"]


def test_empty_series():
    empty = pd.Series([], dtype=object)
    for func in _SERIES_FUNCS:
        assert len(func(empty)) == 0
    assert len(std.split_full_name(empty)) == 0
