"""Names read from an email address for records that lack part of their name."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import unifyid as uid
from unifyid.standardise import names_from_email


def _read(first, last, email):
    f, la, fr, lr = names_from_email(pd.Series([first]), pd.Series([last]), pd.Series([email]))
    return f.iat[0], la.iat[0], bool(fr[0]), bool(lr[0])


@pytest.mark.parametrize(
    ("first", "last", "email", "expected"),
    [
        (None, "dempsey", "Rebecca.Dempsey@hotmail.com", ("rebecca", "dempsey", True, False)),
        (None, "toth", "kathleentoth116@gmail.com", ("kathleen", "toth", True, False)),
        ("reina", None, "jones.reina@yahoo.com", ("reina", "jones", False, True)),
        ("betty", None, "bettybriones@gmail.com", ("betty", "briones", False, True)),
        (None, None, "jones_reina88@yahoo.com", ("jones", "reina", True, True)),
        ("lois", None, "lredman@aol.com", ("lois", "redman", False, True)),
        (None, "mackinnon", "gary567@outlook.com", ("gary", "mackinnon", True, False)),
        # An initial, then the surname misspelt in the record: the initial only.
        (None, "lockbro0k", "mlockbrook39@gmail.com", ("m", "lockbro0k", True, False)),
        # A given name may appear in its formal spelling (Jack writes johnhayes@).
        ("jack", None, "johnhayes@gmail.com", ("jack", "hayes", False, True)),
        ("jack", None, "john.hayes@gmail.com", ("jack", "hayes", False, True)),
        # A missing given name spelt only by its initial is read as that initial.
        (None, "hunter", "rhunter@yahoo.com", ("r", "hunter", True, False)),
        # An initial is completed by the name the address spells with it.
        ("frances", "g", "frances.gibbs@aol.com", ("frances", "gibbs", False, True)),
        ("mildred", "s", "mildredstorey@yahoo.com", ("mildred", "storey", False, True)),
        ("b", "bloom", "beatrice.bloom@gmail.com", ("beatrice", "bloom", True, False)),
        # Without a name, a known given name starting the address is read, and the rest.
        (None, None, "joemanning93@gmail.com", ("joe", "manning", True, True)),
        (None, None, "christinasmith@gmail.com", ("christina", "smith", True, True)),
        (None, None, "julie778@yahoo.com", ("julie", None, True, False)),
    ],
)
def test_clear_names_are_read(first, last, email, expected):
    assert _read(first, last, email) == expected


@pytest.mark.parametrize(
    ("first", "last", "email"),
    [
        (None, "li", "rli@yahoo.com"),  # too short a surname to tell an initial from a name
        ("frances", "g", "frances.moss@aol.com"),  # another initial: not this name
        ("b", "bloom", "bbloom74@gmail.com"),  # the initial the record already holds
        (None, None, "teamcoats44@yahoo.com"),  # no separator, no known given name first
        (None, None, "jmanning@gmail.com"),  # an initial and a surname: too uncertain alone
        (None, "hermann", "the.hermanns.home@me.com"),  # three words
        ("kayla", None, "kayla145@yahoo.com"),  # nothing beyond the known name
        (None, "lockbrook", "xlockbrookhome@me.com"),  # holds the surname: not a given name
        (None, None, None),
    ],
)
def test_unclear_addresses_are_left_alone(first, last, email):
    assert _read(first, last, email) == (first, last, False, False)


@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.sampled_from(["ann", "bob", "li"])),
            st.one_of(st.none(), st.sampled_from(["lee", "smith", "o"])),
            st.one_of(st.none(), st.from_regex(r"[a-z.\-_0-9]{1,12}@x\.com", fullmatch=True)),
        ),
        max_size=20,
    )
)
def test_present_names_are_never_changed(rows):
    """A name is kept as written; an initial may only be completed to a name it starts."""
    frame = pd.DataFrame(rows, columns=["first", "last", "email"], dtype=object)
    first, last, first_read, last_read = names_from_email(
        frame["first"], frame["last"], frame["email"]
    )
    for i, (f, la, _) in enumerate(rows):
        sides = ((f, first.iat[i], first_read[i]), (la, last.iat[i], last_read[i]))
        for given_, got, read in sides:
            if given_ is None:
                assert (got is not None) == read
            elif len(given_) == 1 and read:
                assert got.startswith(given_) and len(got) > 1
            else:
                assert got == given_ and not read


def _dempseys(email: str) -> list[uid.Source]:
    """A web account with a surname and an email; two store visits with the full name."""
    web = pd.DataFrame({"id": ["w1"], "last": ["Dempsey"], "email": [email]})
    store = pd.DataFrame(
        {
            "id": ["s1", "s2"],
            "first": ["Rebecca", "Rebecca"],
            "last": ["Dempsey", "Dempsey"],
            "dob": ["1980-02-03", "1980-02-03"],
        }
    )
    return [
        uid.Source("web", web, id="id", columns={"last": "last_name", "email": "email"}),
        uid.Source(
            "store",
            store,
            id="id",
            columns={"first": "first_name", "last": "last_name", "dob": "dob"},
        ),
    ]


def test_a_surname_only_record_meets_its_owner_through_the_email():
    # Three records teach the model little, so its probabilities stay modest.
    resolver = uid.Resolver(threshold=0.5)
    named = resolver.resolve(_dempseys("rebecca.dempsey@hotmail.com"))
    assert named.profiles["profile_id"].nunique() == 1
    unnamed = resolver.resolve(_dempseys("rd77@hotmail.com"))
    assert unnamed.profiles["profile_id"].nunique() == 2


def test_a_name_read_from_an_email_never_becomes_the_golden_name():
    web = pd.DataFrame({"id": ["w1"], "email": ["jones.reina@yahoo.com"]})
    result = uid.Resolver().resolve([uid.Source("web", web, id="id", columns={"email": "email"})])
    assert result.frame[["first_name", "last_name"]].values.tolist() == [["jones", "reina"]]
    assert result.golden[["first_name", "last_name"]].isna().all(axis=None)
