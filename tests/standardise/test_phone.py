"""Tests for phone standardisation and placeholder detection."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unifyid.standardise import is_junk_phone, phone, phone_and_junk
from unifyid.standardise._phone import _main_part, _parse_general


@pytest.mark.parametrize(
    "raw",
    [
        "(415) 555-0134",
        "415.555.0134",
        "415-555-0134",
        "4155550134",
        "1-415-555-0134",
        "+1 415 555 0134",
        "+14155550134",
        "00 1 415 555 0134",
        "011 1 415 555 0134",
        "415 555 0134 ext. 12",
        "415-555-0134 x12",
        "(415) 555-0134 #12",
        4155550134,
        4155550134.0,
    ],
)
def test_us_formats_give_one_e164(raw):
    assert phone(pd.Series([raw], dtype=object)).tolist() == ["+14155550134"]


@pytest.mark.parametrize(
    ("raw", "region", "expected"),
    [
        ("+44 20 7946 0958", "US", "+442079460958"),
        ("+44 (0)20 7946 0958", "US", "+442079460958"),
        ("0044 20 7946 0958", "US", "+442079460958"),
        ("44 20 7946 0958", "US", "+442079460958"),  # "+" forgotten
        ("020 7946 0958", "GB", "+442079460958"),
        ("07700 900123", "GB", "+447700900123"),
        ("(416) 555-0134", "US", "+14165550134"),  # Canada through the general path
        ("1-800-FLOWERS", "US", "+18003569377"),
        ("555-0134", "US", None),  # local number without area code
        ("not a phone", "US", None),
        ("", "US", None),
        (None, "US", None),
    ],
)
def test_other_forms(raw, region, expected):
    assert phone(pd.Series([raw], dtype=object), region=region).tolist() == [expected]


def test_strict_keeps_only_valid_numbers():
    # 555 is not an assigned area code: possible length, not valid.
    raw = pd.Series(["(555) 234-5678", "(415) 555-0134"])
    assert phone(raw).tolist() == ["+15552345678", "+14155550134"]
    assert phone(raw, strict=True).tolist() == [None, "+14155550134"]


@pytest.mark.parametrize(
    "raw",
    [
        "0000000000",
        "000-000-0000",
        "1111111111",
        "9999999999",
        "555-555-5555",
        "+1 555 555 5555",
        "1234567890",
        "123-456-7890",
        "0123456789",
        "9876543210",
        "12345",
        "n/a",
        "none",
    ],
)
def test_junk_phones_are_flagged_and_dropped(raw):
    s = pd.Series([raw])
    assert is_junk_phone(s).tolist() == [True]
    assert phone(s).tolist() == [None]


@pytest.mark.parametrize("raw", ["(415) 555-0134", "+44 20 7946 0958", None, ""])
def test_real_or_missing_phones_are_not_junk(raw):
    assert is_junk_phone(pd.Series([raw], dtype=object)).tolist() == [False]


_nanp = st.builds(
    lambda fmt, a, e, n: fmt.format(a=a, e=e, n=f"{n:04d}"),
    st.sampled_from(
        [
            "({a}) {e}-{n}",
            "{a}{e}{n}",
            "1{a}{e}{n}",
            "+1 {a} {e} {n}",
            "00 1 {a}.{e}.{n}",
            "{a}-{e}-{n} ext 7",
        ]
    ),
    st.integers(100, 999),
    st.integers(100, 999),
    st.integers(0, 9999),
)


@settings(database=None, max_examples=300, deadline=None)
@given(_nanp, st.booleans())
def test_fast_path_agrees_with_general_path(raw, strict):
    fast = phone(pd.Series([raw]), strict=strict)[0]
    if is_junk_phone(pd.Series([raw]))[0]:
        assert fast is None
    else:
        assert fast == _parse_general(_main_part(raw), "US", strict)


@settings(database=None, max_examples=200, deadline=None)
@given(st.lists(st.one_of(_nanp, st.text(), st.none(), st.integers()), max_size=12))
def test_phone_shape_idempotence_and_no_raise(values):
    s = pd.Series(values, dtype=object, index=range(len(values))[::-1])
    out = phone(s)
    assert out.index.equals(s.index) and out.dtype == object
    assert all(v is None or (isinstance(v, str) and v.startswith("+")) for v in out)
    assert phone(out).tolist() == out.tolist()
    assert is_junk_phone(s).dtype == bool


_PHONE_LIKE = st.one_of(
    st.from_regex(
        r"\+?(00)?1?[ (.-]?[2-9]\d{2}[ ).-]?\d{3}[ .-]?\d{4}( ?(x|ext\.?) ?\d{1,4})?",
        fullmatch=True,
    ),
    st.from_regex(r"\+?\d{6,14}", fullmatch=True),
    st.sampled_from(["000-000-0000", "555-555-5555", "1234567890", "n/a", "", "  "]),
    st.text(max_size=15),
    st.none(),
    st.integers(),
)


@settings(database=None, max_examples=200, deadline=None)
@given(st.lists(_PHONE_LIKE, max_size=12), st.sampled_from(["US", "GB", "DE"]), st.booleans())
def test_phone_and_junk_equals_the_two_functions(values, region, strict):
    s = pd.Series(values, dtype=object)
    numbers, junk = phone_and_junk(s, region=region, strict=strict)
    assert numbers.tolist() == phone(s, region=region, strict=strict).tolist()
    assert junk.tolist() == is_junk_phone(s).tolist()
    assert numbers.index.equals(s.index) and junk.dtype == bool
