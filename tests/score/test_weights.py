"""Term-frequency adjustments, including names that strangers share together."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from unifyid.matchers import FirstNameMatch, LastNameMatch
from unifyid.score import pair_weights, record_term_frequencies
from unifyid.score._joint_names import people_per_cell


def _people() -> pd.DataFrame:
    """Eight Maria Garcias in each source; one Xavier Quill with two web accounts."""
    rows = [("web", "maria", "garcia")] * 8 + [("store", "maria", "garcia")] * 8
    rows += [("web", "xavier", "quill")] * 2 + [("store", "xavier", "quill")]
    # Common first and last names on their own, so that Maria Garcia's parts look ordinary.
    rows += [("web", "maria", f"surname{i}") for i in range(40)]
    rows += [("store", f"given{i}", "garcia") for i in range(40)]
    rows += [("web", f"given{i}", f"surname{i}") for i in range(8000)]
    return pd.DataFrame(rows, columns=["source", "first_name", "last_name"])


def _name_weight(frame: pd.DataFrame, tf: dict, left: int, right: int) -> float:
    matchers = [FirstNameMatch(), LastNameMatch()]
    exact = [m.tf_level for m in matchers]
    gamma = np.array([exact], dtype=np.int8)
    levels = [np.zeros(m.n_levels) for m in matchers]
    u = [np.full(m.n_levels, 0.01) for m in matchers]
    contrib = pair_weights(tf, np.array([left]), np.array([right]), gamma, matchers, levels, u)
    return float(contrib.sum())


def test_a_full_name_many_strangers_share_weighs_less_than_its_parts_suggest():
    frame = _people()
    tf = record_term_frequencies(frame, [FirstNameMatch(), LastNameMatch()])
    parts_only = {k: v for k, v in tf.items() if k in ("first_name", "last_name")}
    maria = int(np.flatnonzero(frame["last_name"] == "garcia")[0])
    joint, independent = (
        _name_weight(frame, tf, maria, maria + 1),
        _name_weight(frame, parts_only, maria, maria + 1),
    )
    # Another Maria Garcia in 7 of the web's 8,050 records, against the parts'
    # independent (48/8,499)**2: about 27 times as common, 4.8 bits.
    assert joint < independent - 4


def test_one_persons_duplicate_accounts_do_not_make_a_name_common():
    frame = _people()
    tf = record_term_frequencies(frame, [FirstNameMatch(), LastNameMatch()])
    parts_only = {k: v for k, v in tf.items() if k in ("first_name", "last_name")}
    xavier = int(np.flatnonzero(frame["first_name"] == "xavier")[0])
    assert _name_weight(frame, tf, xavier, xavier + 1) == _name_weight(
        frame, parts_only, xavier, xavier + 1
    )


def test_a_frequent_customers_records_count_as_one_person_holding_their_name():
    # Emley Thornwick: 20 receipts and 10 web records, bound by one email and
    # postcode (some carry neither); nobody else holds the name.
    frame = _people().assign(email=None, postcode=None, dob=None)
    emley = pd.DataFrame(
        {
            "source": ["store"] * 20 + ["web"] * 10,
            "first_name": "emley",
            "last_name": "thornwick",
            "email": (["et@example.com", None] * 15),
            "postcode": (["44101"] * 10 + [None] * 20),
            "dob": None,
        }
    )
    frame = pd.concat([frame, emley], ignore_index=True)
    tf = record_term_frequencies(frame, [FirstNameMatch(), LastNameMatch()])
    parts_only = {k: v for k, v in tf.items() if k in ("first_name", "last_name")}
    at = int(np.flatnonzero(frame["first_name"] == "emley")[0])
    assert np.isnan(tf["first_name+last_name"][at])
    assert _name_weight(frame, tf, at, at + 1) == _name_weight(frame, parts_only, at, at + 1)


def test_strangers_sharing_a_name_still_count_as_many_when_their_details_differ():
    frame = _people()
    frame["dob"] = [f"19{i % 100:02d}-01-{i % 28 + 1:02d}" for i in range(len(frame))]
    tf = record_term_frequencies(frame, [FirstNameMatch(), LastNameMatch()])
    parts_only = {k: v for k, v in tf.items() if k in ("first_name", "last_name")}
    maria = int(np.flatnonzero(frame["last_name"] == "garcia")[0])
    assert _name_weight(frame, tf, maria, maria + 1) < (
        _name_weight(frame, parts_only, maria, maria + 1) - 4
    )


def test_a_name_written_surname_first_counts_with_the_name_in_order():
    # Two strangers each wrote Maria Garcia surname first; the eight Maria
    # Garcias of each source make the full name common in either order.
    swapped = pd.DataFrame(
        [("web", "garcia", "maria"), ("store", "garcia", "maria")],
        columns=["source", "first_name", "last_name"],
    )
    frame = pd.concat([_people(), swapped], ignore_index=True)
    tf = record_term_frequencies(frame, [FirstNameMatch(), LastNameMatch()])
    parts_only = {k: v for k, v in tf.items() if k in ("first_name", "last_name")}
    web, store = len(frame) - 2, len(frame) - 1
    maria = int(np.flatnonzero(frame["last_name"] == "garcia")[0])
    assert tf["first_name+last_name"][web] == tf["first_name+last_name"][maria]
    # "garcia" is a rare given name and "maria" a rare surname: counted apart,
    # the swapped pair would weigh as two rare names.
    assert _name_weight(frame, tf, web, store) < _name_weight(frame, parts_only, web, store) - 4


def test_a_given_name_written_apart_counts_with_the_name_run_together():
    written = [("web", "young bae", "kim"), ("store", "youngbae", "kim")] * 6
    frame = pd.concat(
        [_people(), pd.DataFrame(written, columns=["source", "first_name", "last_name"])],
        ignore_index=True,
    )
    tf = record_term_frequencies(frame, [FirstNameMatch(), LastNameMatch()])
    joint = tf["first_name+last_name"][-len(written) :]
    # Six people in each source hold the name: counted, and the same for both spellings.
    assert np.isfinite(joint).all() and len(set(joint)) == 1


def test_people_per_cell_joins_records_sharing_any_separating_value():
    where = np.array([0, 0, 0, 0, 1, 1, 1, 2, 2])
    email = np.array(["a", "a", "b", None, "c", "d", None, None, None], dtype=object)
    phone = np.array([None, "1", "1", None, "2", "3", None, None, None], dtype=object)
    # Cell 0: emails a and b joined through the second record (a, phone 1); the fourth
    # carries nothing. Cell 1: two people. Cell 2: nothing to tell, one person.
    assert people_per_cell(where, 3, [email, phone]).tolist() == [1.0, 2.0, 1.0]
    # Emails alone: a and b are two people.
    assert people_per_cell(where, 3, [email]).tolist() == [2.0, 2.0, 1.0]
    # Without separating fields every record counts.
    assert people_per_cell(where, 3, []).tolist() == [4.0, 3.0, 2.0]
    # Fields no record of these cells carries: as for records carrying none.
    nothing = np.full(len(where), None, dtype=object)
    assert people_per_cell(where, 3, [nothing]).tolist() == [1.0, 1.0, 1.0]
    # A cell's count does not depend on the other cells passed with it.
    assert people_per_cell(where[7:] - 2, 1, [email[7:], phone[7:]]).tolist() == [1.0]


@given(st.lists(st.tuples(st.integers(0, 3), st.sampled_from([None, "x", "y", "z"])), min_size=1))
def test_people_per_cell_does_not_depend_on_record_order(rows):
    where = np.array([w for w, _ in rows])
    values = np.array([v for _, v in rows], dtype=object)
    order = np.random.default_rng(len(rows)).permutation(len(rows))
    assert people_per_cell(where, 4, [values]).tolist() == (
        people_per_cell(where[order], 4, [values[order]]).tolist()
    )


def test_single_source_data_gets_no_joint_adjustment():
    frame = _people().assign(source="crm")
    tf = record_term_frequencies(frame, [FirstNameMatch(), LastNameMatch()])
    assert np.isnan(tf["first_name+last_name"]).all()


def test_a_typo_of_a_common_name_weighs_no_more_than_the_name_itself():
    # "Rdoriguez" is rare only because it is misspelt; it must not count as a rare name.
    matcher = LastNameMatch()
    levels = [np.zeros(matcher.n_levels)]
    levels[0][1], levels[0][2] = 6.0, 7.0  # exact, jaro-winkler >= high
    u = [np.full(matcher.n_levels, 0.01)]
    tf = {"last_name": np.array([0.05, 0.00001])}  # rodriguez, rdoriguez

    def weight(level: int, left: int, right: int) -> float:
        gamma = np.array([[level]], dtype=np.int8)
        args = (np.array([left]), np.array([right]), gamma, [matcher], levels, u)
        return float(pair_weights(tf, *args)[0, 0])

    exact = weight(1, 0, 0)
    assert exact == pytest.approx(6.0 + np.log2(0.01 / 0.05), abs=1e-4)
    assert weight(2, 1, 0) == pytest.approx(exact, abs=1e-4)
    # A near agreement between two rare values keeps its own weight.
    tf["last_name"][0] = 0.00001
    assert weight(2, 1, 0) == pytest.approx(7.0)


def _random_pairs(seed: int):
    """Random pairs of ``_people`` with random levels, and the pieces ``pair_weights`` reads."""
    frame = _people()
    matchers = [FirstNameMatch(), LastNameMatch()]
    tf = record_term_frequencies(frame, matchers)
    rng = np.random.default_rng(seed)
    n = 5000
    left = rng.integers(0, len(frame), n)
    right = rng.integers(0, len(frame), n)
    gamma = np.stack([rng.integers(0, m.n_levels, n) for m in matchers], axis=1).astype(np.int8)
    levels = [np.linspace(-3.0, 9.0, m.n_levels) for m in matchers]
    u = [np.full(m.n_levels, 0.01) for m in matchers]
    return tf, left, right, gamma, matchers, levels, u


def test_pair_bits_are_the_row_sums_of_pair_weights_bit_for_bit(monkeypatch):
    import unifyid.score._weights as weights

    args = _random_pairs(0)
    whole = pair_weights(*args).sum(axis=1, dtype=np.float64)
    monkeypatch.setattr(weights, "_CHUNK", 777)  # several chunks, the last one short
    bits = weights.pair_bits(*args)
    assert bits.dtype == np.float64
    assert np.array_equal(bits, whole)
    if weights.n_processes(len(whole), 2) == 2:  # where processes can be forked: the same in two
        assert np.array_equal(weights.pair_bits(*args, n_jobs=2), whole)


def test_contributions_in_chunks_and_processes_are_pair_weights_bit_for_bit(monkeypatch):
    import unifyid.score._weights as weights

    args = _random_pairs(1)
    whole = pair_weights(*args)
    monkeypatch.setattr(weights, "_CHUNK", 777)
    for n_jobs in (1, 2):
        got = weights.pair_contributions(*args, n_jobs=n_jobs)
        assert got.dtype == np.float32 and got.shape == whole.shape
        assert np.array_equal(got, whole)
