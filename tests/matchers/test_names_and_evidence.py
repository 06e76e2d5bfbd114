"""Names beyond English, surname changes, and email edits that the names explain."""

import pandas as pd
import pytest

import unifyid as uid
from unifyid.matchers import EmailMatch, FirstNameMatch, LastNameMatch
from unifyid.standardise._romanised import same_syllables, syllables


def labels(m, left, right):
    out = m.compare(pd.DataFrame(left), pd.DataFrame(right))
    return [m.level_labels()[k] for k in out]


def names(first, last):
    """Standardised first names, their keys and surnames, as preparation gives them."""
    std = uid.standardise.person_name(pd.Series(first))
    return {
        "first_name": list(std),
        "first_key": list(uid.standardise.nickname_key(std)),
        "last_name": list(uid.standardise.person_name(pd.Series(last))),
    }


def test_a_given_name_written_in_parts_or_whole_is_one_name():
    m = FirstNameMatch()
    left = names(["Young-Bae", "Young Bae", "Mary Jane"], ["Jung", "Jung", "Lee"])
    right = names(["Youngbae", "YoungBae", "Maryjane"], ["Jung", "Jung", "Lee"])
    assert labels(m, left, right) == ["exact", "exact", "exact"]
    # One key for all three spellings, so the name blocks find them together.
    assert left["first_key"] == right["first_key"] == ["youngbae", "youngbae", "maryjane"]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("yongsik", "youngsik", True),
        ("hyunjin", "hyeonjin", True),
        ("minjun", "minjoon", True),
        ("yongsik", "yongho", False),
        ("wonju", "wonjun", False),
        ("xiaoming", "xiaomin", False),
        ("jun", "junho", None),
        ("hyemin", "hye", None),
        ("robert", "roberta", None),
        ("jun", "jin", None),
    ],
)
def test_romanised_names_compare_by_syllable(a, b, same):
    assert same_syllables(a, b) is same
    assert same_syllables(b, a) is same


def test_syllables_split_run_together_and_spaced_names_alike():
    assert syllables("young bae") == syllables("youngbae") == ("young", "bae")
    assert syllables("jennifer") is None


def test_romanised_names_a_syllable_apart_are_two_names():
    m = FirstNameMatch()
    left = names(["Yongsik", "Wonju", "Yongsik", "Yong Ju"], ["Jung", "Jung", "Jung", "Kim"])
    right = names(["Yongho", "Wonjun", "Youngsik", "Yong Joo"], ["Jung", "Jung", "Jung", "Kim"])
    typo = "jaro-winkler >= 0.92"
    assert labels(m, left, right) == ["else", "two similar given names", typo, typo]


def test_western_names_keep_their_levels():
    """Western names and typos that happen to split into syllables (Tina / Tian)
    are compared by letters where no surname is Korean or Chinese."""
    m = FirstNameMatch()
    left = names(["Tina", "Tina", "Jose", "Jonathn"], ["Smith", "Brown", "Ruiz", "Lee"])
    right = names(["Dina", "Tian", "Joose", "Jonathan"], ["Smith", "Brown", "Ruiz", "Lee"])
    typo = "jaro-winkler >= 0.92"
    assert labels(m, left, right) == ["two similar given names", typo, typo, typo]


def test_a_different_surname_with_a_reason_says_nothing():
    m = LastNameMatch()
    left = {
        "last_name": ["lee", "lee", "lee", "lee", "lee"],
        "email": ["ann@x.com", "fam@x.com", "annsmith@x.com", "ann@x.com", None],
        "email__shared": [False, True, False, False, False],
        "phone": [None, None, None, None, "+15550100"],
        "phone__shared": [False, False, False, False, False],
    }
    right = {
        "last_name": ["smith", "smith", "smith", "smith", "smith"],
        "email": ["ann@x.com", "fam@x.com", "ann@y.com", "bob@y.com", None],
        "email__shared": [False, True, False, False, False],
        "phone": [None, None, None, None, "+15550100"],
        "phone__shared": [False, False, False, False, False],
    }
    # A personal email on both; a shared (family) email is no reason; the maiden
    # name in the address; nothing; a personal phone on both.
    assert labels(m, left, right) == ["null", "else", "null", "else", "null"]


def test_a_different_surname_without_contact_details_is_else():
    m = LastNameMatch()
    assert labels(m, {"last_name": ["lee"]}, {"last_name": ["smith"]}) == ["else"]


def test_an_email_digit_separator_or_initial_apart_is_no_typo():
    m = EmailMatch()
    left = {
        "email": [
            "jsmith@x.com",
            "jsmith@x.com",
            "jsmith1@x.com",
            "john_smith@x.com",
            "jsmith@x.com",
        ],
        "first_name": ["john"] * 5,
        "last_name": ["smith"] * 5,
    }
    right = {
        "email": [
            "msmith@x.com",
            "jsmith1@x.com",
            "jsmith2@x.com",
            "johnsmith@x.com",
            "jsmtih@x.com",
        ],
        "first_name": ["mary", "john", "john", "john", "john"],
        "last_name": ["smith"] * 5,
    }
    # Mary's initial; a digit added; a digit changed; a separator dropped (two
    # mailboxes namesakes hold, john_smith@ and johnsmith@); a real typo.
    typo = "within one edit"
    assert labels(m, left, right) == ["else", "else", "else", "else", typo]
    separators = {"email": ["ann.lee@x.com", "ann-lee@x.com", "annlee@x.com"]}
    others = {"email": ["ann_lee@x.com", "annlee@x.com", "anlee@x.com"]}
    assert labels(m, separators, others) == ["else", "else", typo]


def test_a_given_name_with_or_without_a_second_one_has_its_own_level():
    """Son / Van Son Minh is neither the same name nor a different one: its weight is learned."""
    m = FirstNameMatch()
    left = names(["Son", "Amina", "Hieu"], ["Bui", "Fakhar", "Nguyen"])
    right = names(["Van Son Minh", "Amina Fatima", "Kevin"], ["Bui", "Fakhar", "Nguyen"])
    assert labels(m, left, right) == ["one contains the other"] * 2 + ["else"]


def test_an_email_used_under_a_given_name_with_and_without_its_second_part_is_personal():
    frame = pd.DataFrame(
        {
            "email": ["sbui@example.com"] * 3,
            "first_name": ["son", "van son minh", "son"],
            "first_key": ["son", "vansonminh", "son"],
            "first_phonetic": ["SN", "FNSNMN", "SN"],
        }
    )
    from unifyid.values import flag_shared_values

    report = flag_shared_values(frame)
    assert report.empty and not frame["email__shared"].any()
