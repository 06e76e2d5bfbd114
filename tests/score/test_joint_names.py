"""The joint name frequency where a full name's namesakes cannot be counted."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from unifyid.matchers import FirstNameMatch, LastNameMatch
from unifyid.score import record_term_frequencies
from unifyid.score._joint_names import JOINT_KEY, with_name_association


def _sources() -> pd.DataFrame:
    """Nguyen holders share given names with each other; the background does not.

    Three Thi Nguyens and three Van Nguyens in each of two sources (told apart
    by their emails), so those two full names are counted; one Quoc Nguyen and
    one Quoc Smith, held by one person each, are not. 4,000 background people
    with names of their own, and Smith with 40 different given names.
    """
    rows = []
    for source in ("web", "store"):
        for name in ("thi", "van"):
            rows += [(source, name, "nguyen", f"{name}{k}@{source}.example") for k in range(3)]
    rows += [("web", "quoc", "nguyen", "qn@example.com"), ("store", "quoc", "nguyen", None)]
    rows += [("web", "quoc", "smith", "qs@example.com")]
    rows += [("store", f"given{i}", "smith", f"gs{i}@example.com") for i in range(40)]
    rows += [("web", "quoc", f"surname{i}", None) for i in range(20)]
    rows += [("web", f"given{i}", f"surname{i}", None) for i in range(4000)]
    return pd.DataFrame(rows, columns=["source", "first_name", "last_name", "email"])


def _at(frame: pd.DataFrame, first: str, last: str) -> int:
    return int(np.flatnonzero((frame["first_name"] == first) & (frame["last_name"] == last))[0])


def test_an_uncounted_name_under_a_surname_whose_names_go_together_is_priced_commoner():
    frame = _sources()
    tf = record_term_frequencies(frame, [FirstNameMatch(), LastNameMatch()])
    joint, first, last = tf[JOINT_KEY], tf["first_name"], tf["last_name"]
    thi = _at(frame, "thi", "nguyen")
    # Counted: three Thi Nguyens in the second source, two of them strangers.
    assert joint[thi] > 10 * first[thi] * last[thi]
    quoc = _at(frame, "quoc", "nguyen")
    # Not counted (one person), but raised above the product of its names.
    assert joint[quoc] > first[quoc] * last[quoc]
    assert joint[quoc] < joint[thi]
    # Neither Smith nor the background has a counted full name: nothing to go on,
    # even for a given name that Nguyen holders also bear.
    assert np.isnan(joint[_at(frame, "quoc", "smith")])
    assert np.isnan(joint[_at(frame, "given3", "smith")])
    assert np.isnan(joint[_at(frame, "given3", "surname3")])


def test_without_counted_names_nothing_is_filled():
    joint = np.full(4, np.nan)
    freq = np.full(4, 0.01)
    codes = np.array([0, 1, 2, -1])
    assert np.isnan(with_name_association(joint, freq, freq, codes, codes)).all()


_rows = st.lists(
    st.tuples(
        st.integers(-1, 3),
        st.integers(-1, 3),
        st.one_of(st.just(np.nan), st.floats(1e-6, 1e-2)),
    ),
    min_size=1,
    max_size=30,
)


def _arrays(rows: list) -> tuple[np.ndarray, ...]:
    first = np.array([f for f, _, _ in rows])
    last = np.array([g for _, g, _ in rows])
    # One counted value per full name, as the counting gives it; NaN where a name is missing.
    per_name = {(f, g): u for f, g, u in rows}
    joint = np.array(
        [per_name[(f, g)] if f >= 0 and g >= 0 else np.nan for f, g in zip(first, last)]
    )
    first_freq = np.where(first >= 0, 0.01 * (first + 1), np.nan)
    last_freq = np.where(last >= 0, 0.02 * (last + 1), np.nan)
    return joint, first_freq, last_freq, first, last


@given(_rows)
def test_counted_names_are_kept_and_filled_ones_only_raised(rows):
    joint, first_freq, last_freq, first, last = _arrays(rows)
    filled = with_name_association(joint, first_freq, last_freq, first, last)
    counted = ~np.isnan(joint)
    assert filled[counted].tolist() == joint[counted].tolist()
    new = np.isnan(joint) & ~np.isnan(filled)
    assert (filled[new] > first_freq[new] * last_freq[new]).all()
    assert np.isnan(filled[(first < 0) | (last < 0)]).all()


@given(_rows)
def test_the_association_does_not_depend_on_record_order(rows):
    joint, first_freq, last_freq, first, last = _arrays(rows)
    order = np.random.default_rng(len(rows)).permutation(len(rows))
    got = with_name_association(joint, first_freq, last_freq, first, last)
    shuffled = with_name_association(
        joint[order], first_freq[order], last_freq[order], first[order], last[order]
    )
    np.testing.assert_allclose(shuffled, got[order], rtol=1e-12)
