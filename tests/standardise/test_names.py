"""Tests for person names, full-name splitting and nickname keys."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unifyid.standardise import nickname_key, nickname_keys, person_name, split_full_name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  ANN ", "ann"),
        ("José", "jose"),
        ("Dr. Ann Lee", "ann lee"),
        ("Lee Jr.", "lee"),
        ("Henry VIII", "henry viii"),
        ("Henry III", "henry"),
        ("Smith-Jones", "smith jones"),
        ("O'Brien", "obrien"),
        ("O' Brien", "obrien"),
        ("D’Angelo", "dangelo"),
        ("Mr.", None),
        ("Dame", "dame"),  # a surname, not only a title
        ("Mrs. Dame", "dame"),
        ("", None),
        (None, None),
    ],
)
def test_person_name(raw, expected):
    assert person_name(pd.Series([raw], dtype=object)).tolist() == [expected]


@pytest.mark.parametrize(
    ("raw", "first", "last"),
    [
        ("Ann Lee", "ann", "lee"),
        ("Lee, Ann", "ann", "lee"),
        ("ANN LEE", "ann", "lee"),
        ("Ann L.", "ann", "l"),
        ("A. Lee", "a", "lee"),
        ("Dr. Ann Marie Lee", "ann", "lee"),
        ("Lee, Ann Marie", "ann", "lee"),
        ("Lee", None, "lee"),
        ("van der Berg, Jan", "jan", "van der berg"),
        ("Jan van der Berg", "jan", "van der berg"),
        ("Maria da Silva", "maria", "da silva"),
        ("Ludwig van Beethoven", "ludwig", "van beethoven"),
        ("Van Morrison", "van", "morrison"),
        ("Ann Lee, Jr.", "ann", "lee"),
        ("Ann Smith-Jones", "ann", "smith jones"),
        ("Mary-Jane Watson", "mary jane", "watson"),
        ("Seán O'Brien", "sean", "obrien"),
        ("Mrs.", None, None),
        ("", None, None),
        (None, None, None),
    ],
)
def test_split_full_name(raw, first, last):
    out = split_full_name(pd.Series([raw], dtype=object))
    assert list(out.columns) == ["first_name", "last_name"]
    assert out.iloc[0].tolist() == [first, last]


def test_split_full_name_keeps_index():
    s = pd.Series(["Ann Lee", None, "Ann Lee"], index=["x", "y", "z"])
    out = split_full_name(s)
    assert out.index.tolist() == ["x", "y", "z"]
    assert out["last_name"].tolist() == ["lee", None, "lee"]


def test_split_parts_agree_with_person_name():
    raw = pd.Series(["Dr. Mary-Jane O'Brien", "José van der Berg"])
    parts = split_full_name(raw)
    assert person_name(parts["first_name"]).tolist() == parts["first_name"].tolist()
    assert person_name(parts["last_name"]).tolist() == parts["last_name"].tolist()


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Bob", "robert"),
        ("robby", "robert"),
        ("Robert", "robert"),
        ("liz", "elizabeth"),
        ("Betty", "elizabeth"),
        ("eliza", "elizabeth"),
        ("peggy", "margaret"),
        ("Bill", "william"),
        ("dick", "richard"),
        ("Kate", "katherine"),
        ("catherine", "katherine"),
        ("jack", "john"),
        ("jon", "jonathan"),
        ("mike", "michael"),
        ("alex", "alexander"),
        ("sam", "samuel"),
        ("chris", "christopher"),
        ("pat", "patricia"),
        ("terry", "terence"),
        ("jo", "joanna"),
        ("lisa", "lisa"),
        ("liam", "liam"),
        ("zephyr", "zephyr"),
        ("", None),
        (None, None),
    ],
)
def test_nickname_key(raw, key):
    assert nickname_key(pd.Series([raw], dtype=object)).tolist() == [key]


def test_a_title_joined_by_a_hyphen_is_dropped_like_any_title():
    # Standardising twice gives the same name (hyphens become spaces in between).
    assert person_name(pd.Series(["Smith-Jr", "Mary-Jane"])).tolist() == ["smith", "mary jane"]


def test_nickname_keys():
    assert nickname_keys("alex") == {"alexander", "alexandra"}
    assert nickname_keys("Sam") == {"samuel", "samantha"}
    assert nickname_keys("lisa") == {"lisa", "elizabeth"}
    assert nickname_keys("robert") == {"robert"}
    assert nickname_keys("zephyr") == {"zephyr"}
    assert nickname_keys(None) == frozenset()


@settings(database=None, max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.text(), st.none()), max_size=15))
def test_names_shape_idempotence_and_no_raise(values):
    s = pd.Series(values, dtype=object)
    out = person_name(s)
    assert out.index.equals(s.index) and out.dtype == object
    assert person_name(out).tolist() == out.tolist()
    parts = split_full_name(s)
    assert parts.index.equals(s.index)
    keys = nickname_key(s)
    assert nickname_key(keys).tolist() == keys.tolist()
    for v, key in zip(values, keys, strict=True):
        assert key is None or key in nickname_keys(v)


def test_nickname_key_of_a_name_written_in_parts_is_idempotent():
    """A name written in parts ("E:VE") keys to its group like the name written whole."""
    keys = nickname_key(pd.Series(["E:VE", "E Ve", "Eve"], dtype=object))
    assert keys.tolist() == ["evelyn"] * 3
    assert nickname_key(keys).tolist() == keys.tolist()
    assert nickname_keys("E Ve") == nickname_keys("eve")


def test_nickname_key_of_parts_that_run_together_into_no_name_is_missing():
    keys = nickname_key(pd.Series(["M:D:0", "M D"], dtype=object))
    assert nickname_key(keys).tolist() == keys.tolist()


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet="aAzZ jrJRsSmdDMiIvx-'.,\t", max_size=20)
    | st.sampled_from(["Mr", "DR", "Sir", "dame", "Ann Lee", "Miss Jr", "jr iii", "Ann  Lee"])
)
def test_plain_ascii_fast_path_gives_the_folded_tokens(text):
    from unifyid.standardise._names import _folded_tokens, _tokens

    assert _tokens(text) == _folded_tokens(text)
