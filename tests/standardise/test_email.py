"""Tests for e-mail standardisation and placeholder detection."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unifyid.standardise import email, is_junk_email


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Ann.Lee@Example.COM ", "ann.lee@example.com"),
        ("ann.lee+shop@gmail.com", "annlee@gmail.com"),
        ("A.N.N.Lee@googlemail.com", "annlee@gmail.com"),
        ("bob+news@work.co.uk", "bob@work.co.uk"),
        ("bob.smith@work.co.uk", "bob.smith@work.co.uk"),
        ("mailto:ann@x.org", "ann@x.org"),
        ("<ann@x.org>", "ann@x.org"),
        ("ann@x.org.", "ann@x.org"),
        ("ann@mü.de", "ann@mü.de"),
        ("ann@@x.org", None),
        ("ann@x@y.org", None),
        ("ann lee@x.org", None),
        ("ann@localhost", None),
        ("ann@x .org", None),
        ("ann@x..org", None),
        ("@x.org", None),
        ("+tag@x.org", None),
        ("no at sign", None),
        ("", None),
        (None, None),
        (12, None),
    ],
)
def test_email(raw, expected):
    assert email(pd.Series([raw], dtype=object)).tolist() == [expected]


@pytest.mark.parametrize(
    "raw",
    [
        "test@test.com",
        "noemail@shop.com",
        "none@gmail.com",
        "na@na.com",
        "no@email.com",
        "x@x.com",
        "asdf@asdf.com",
        "NoReply@shop.com",
        "do-not-reply@shop.com",
        "unknown@gmail.com",
        "null@yahoo.com",
        "xxx@yahoo.com",
        "aaaa@gmail.com",
        "ann@example.com",
        "ann@example.org",
        "ann@mailinator.com",
        "n/a",
        "none",
    ],
)
def test_junk_emails(raw):
    assert is_junk_email(pd.Series([raw])).tolist() == [True]


@pytest.mark.parametrize("raw", ["ann.lee@gmail.com", "j@acme.com", "bob@work.co.uk", None, ""])
def test_real_or_missing_emails_are_not_junk(raw):
    assert is_junk_email(pd.Series([raw], dtype=object)).tolist() == [False]


def test_junk_flags_are_bool_with_same_index():
    s = pd.Series(["test@test.com", None], index=["a", "b"])
    out = is_junk_email(s)
    assert out.dtype == bool
    assert out.index.tolist() == ["a", "b"]


_emails = st.builds(
    lambda local, domain, tld: f"{local}@{domain}.{tld}",
    st.from_regex(r"[A-Za-z0-9._+-]{0,12}", fullmatch=True),
    st.from_regex(r"[A-Za-z0-9-]{1,10}", fullmatch=True),
    st.sampled_from(["com", "org", "co.uk", "DE"]),
)


@settings(database=None, max_examples=200, deadline=None)
@given(st.lists(st.one_of(_emails, st.text(), st.none()), max_size=15))
def test_email_shape_idempotence_and_no_raise(values):
    s = pd.Series(values, dtype=object)
    out = email(s)
    assert out.index.equals(s.index) and out.dtype == object
    assert email(out).tolist() == out.tolist()
    assert all(v is None or (isinstance(v, str) and v.count("@") == 1) for v in out)
    assert is_junk_email(s).dtype == bool


@settings(database=None, max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.from_regex(
                r"[A-Za-z0-9.+_-]{1,10}@[a-z]{1,8}\.(com|org|test|co\.uk)", fullmatch=True
            ),
            st.sampled_from(["test@test.com", "noemail@shop.com", "aaa@x.com", "n/a", "x@x.com"]),
            st.text(max_size=12),
            st.none(),
        ),
        max_size=12,
    )
)
def test_junk_of_standardised_addresses_matches_raw_verdict(values):
    s = pd.Series(values, dtype=object)
    canonical = email(s)
    fast = is_junk_email(canonical, standardised=True) & canonical.notna()
    assert fast.tolist() == (is_junk_email(s) & canonical.notna()).tolist()
