"""Comparing distinct value pairs once gives the levels of comparing every pair."""

import numpy as np
import pandas as pd

from unifyid.compare import RecordCodes
from unifyid.matchers import DateMatch, matcher
from unifyid.score import compare_pairs, pattern_counts

_CALLS: list[int] = []


@matcher(columns=["city"], levels=["same", "same initial", "else"])
def city_initial(left, right):
    _CALLS.append(len(left["city"]))
    lv, rv = left["city"], right["city"]
    initial = np.array([a[:1] == b[:1] for a, b in zip(lv, rv)], dtype=bool)
    return np.where(lv == rv, 1, np.where(initial, 2, 3))


def _frame(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    cities = np.array(["austin", "albany", "boston", None], dtype=object)
    dobs = np.array(["1984-03-07", "1984-07-03", "1985-03-07", None], dtype=object)
    return pd.DataFrame({"city": cities[rng.integers(0, 4, n)], "dob": dobs[rng.integers(0, 4, n)]})


def _row(frame: pd.DataFrame, i: int) -> pd.DataFrame:
    return frame.iloc[[i]].reset_index(drop=True)


def test_levels_equal_comparing_every_pair_one_by_one():
    frame = _frame(300, seed=3)
    rng = np.random.default_rng(4)
    left, right = rng.integers(0, 300, 2000), rng.integers(0, 300, 2000)
    matchers = [city_initial, DateMatch()]
    _CALLS.clear()
    got = compare_pairs(frame, left, right, matchers, codes=RecordCodes(frame))
    # Distinct (left value, right value) pairs with both present: at most 3 x 3.
    assert sum(_CALLS) <= 9
    for k, m in enumerate(matchers):
        one_by_one = [
            m.compare(_row(frame, i), _row(frame, j))[0] for i, j in zip(left[:200], right[:200])
        ]
        assert got[:200, k].tolist() == one_by_one
    missing = frame["city"].isna().to_numpy()
    assert (got[missing[left] | missing[right], 0] == 0).all()


@matcher(columns=["city"], levels=["left first", "else"], symmetric=False)
def city_order(left, right):
    return np.where(left["city"] < right["city"], 1, 2)


@matcher(columns=["dob"], levels=["same", "else"])
def dob_optional_city(left, right):
    return np.where(left["dob"] == right["dob"], 1, 2)


dob_optional_city.optional_columns = ("city",)


def test_text_and_object_columns_with_missing_values_and_one_sided_matchers():
    frame = _frame(200, seed=5)
    frame["city"] = frame["city"].astype("str")  # NaN for missing
    frame["dob"] = frame["dob"].where(frame["dob"].notna(), np.nan).astype(object)
    rng = np.random.default_rng(6)
    left, right = rng.integers(0, 200, 1500), rng.integers(0, 200, 1500)
    matchers = [city_initial, city_order, dob_optional_city]
    got = compare_pairs(frame, left, right, matchers, codes=RecordCodes(frame))
    for k, m in enumerate(matchers):
        one_by_one = [
            m.compare(_row(frame, i), _row(frame, j))[0] for i, j in zip(left[:150], right[:150])
        ]
        assert got[:150, k].tolist() == one_by_one


def test_plain_text_shares_one_object_per_value_and_none_for_missing():
    frame = pd.DataFrame({"city": pd.Series(["austin", None, "boston", "austin"], dtype="str")})
    codes = RecordCodes(frame)
    plain = codes.plain(["city"])["city"]
    assert plain.tolist() == ["austin", None, "boston", "austin"]
    assert plain[0] is plain[3]
    missing, clean = codes.missing("city")
    assert missing.tolist() == [False, True, False, False] and clean


def test_no_pairs_and_shared_codes():
    frame = _frame(10, seed=1)
    empty = np.zeros(0, dtype=np.int64)
    assert compare_pairs(frame, empty, empty, [city_initial]).shape == (0, 1)
    codes = RecordCodes(frame)
    a = compare_pairs(frame, np.arange(9), np.arange(1, 10), [city_initial], codes=codes)
    b = compare_pairs(frame, np.arange(9), np.arange(1, 10), [city_initial])
    assert np.array_equal(a, b)


def test_pattern_counts_match_numpy_unique_rows():
    rng = np.random.default_rng(0)
    gamma = rng.integers(0, 5, (5000, 6)).astype(np.int8)
    gamma[:, 2] = 0
    patterns, counts = pattern_counts(gamma)
    expected, expected_counts = np.unique(gamma, axis=0, return_counts=True)
    assert np.array_equal(patterns, expected) and np.array_equal(counts, expected_counts)
    assert patterns.dtype == gamma.dtype


def test_surname_reasons_are_read_only_for_pairs_whose_surnames_differ():
    """LastNameMatch reads email and phone apart (else_columns): same levels as compare()."""
    from unifyid.matchers import LastNameMatch

    rng = np.random.default_rng(7)
    n = 400
    pick = lambda values: np.array(values, dtype=object)[rng.integers(0, len(values), n)]  # noqa: E731
    frame = pd.DataFrame(
        {
            "last_name": pick(["lee", "li", "smith", "smith jones", "ann", "garcia", None]),
            "first_name": pick(["ann", "anne", "lee", "maria", "smith", None]),
            "email": pick(["annsmith@x.org", "ann.lee@x.org", "m.garcia@y.com", None]),
            "phone": pick(["+14155550134", "+14155550135", None]),
            "email__shared": pick([True, False, False]),
            "phone__shared": pick([False]),
        }
    )
    left, right = rng.integers(0, n, 3000), rng.integers(0, n, 3000)
    m = LastNameMatch()
    got = compare_pairs(frame, left, right, [m], codes=RecordCodes(frame))[:, 0]
    whole = m.compare(
        frame.iloc[left].reset_index(drop=True), frame.iloc[right].reset_index(drop=True)
    )
    assert got.tolist() == whole.tolist()
    # The reasons changed some levels: pairs with different surnames made null.
    differ = frame["last_name"].to_numpy()[left] != frame["last_name"].to_numpy()[right]
    assert (
        (got == 0)
        & differ
        & frame["last_name"].notna().to_numpy()[left]
        & frame["last_name"].notna().to_numpy()[right]
    ).any()
