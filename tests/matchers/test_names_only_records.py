"""Records with only a first name, a last name and a city: romanised Korean names
sharing a few surnames must not chain, nor repeated identical records absorb others."""

import numpy as np
import pandas as pd
import pytest

import unifyid as uid
from unifyid.standardise._census_names import census_shares

# No two of these are spellings of one syllable, so two people's names differ.
SYLLABLES = [
    "young", "jun", "ho", "sik", "ju", "bae", "min", "soo", "hyun", "jae", "sung", "seok",
    "chul", "hee", "jin", "woo", "kyung", "dong", "sang", "eun", "ji", "hye", "won", "tae",
]  # fmt: skip
KOREAN_SURNAMES = ["Kim", "Lee", "Park", "Jung", "Choi"]
KOREAN_CITIES = ["Seoul", "Seoul", "Seoul", "Suwon", "Busan"]
US_CITIES = ["Los Angeles", "New York", "Chicago", "Houston", "Boston"]
GREENBERG = ("Robert J.", "Greenberg", "Los Angeles")


def _korean(rng: np.random.Generator, n: int) -> list[tuple[str, str, str, str]]:
    """Distinct people; each writes the given name hyphenated, spaced or run together."""
    rows, seen = [], set()
    while len(seen) < n:
        a, b = (str(x) for x in rng.choice(SYLLABLES, 2, replace=False))
        person = (a, b, str(rng.choice(KOREAN_SURNAMES)), str(rng.choice(KOREAN_CITIES)))
        if person in seen:
            continue
        seen.add(person)
        for _ in range(rng.integers(1, 5)):
            given = [f"{a.title()}-{b.title()}", f"{a.title()} {b.title()}", f"{a.title()}{b}"]
            rows.append((given[rng.integers(0, 3)], person[2], person[3], f"k{len(seen)}"))
    return rows


def _american(rng: np.random.Generator, n: int) -> list[tuple[str, str, str, str]]:
    """People drawn from the census tables, a few records each, a few with a typo."""
    first = {**census_shares("male_first_names.tsv"), **census_shares("female_first_names.tsv")}
    last = census_shares("surnames.tsv")
    fw = np.array(list(first.values())) / sum(first.values())
    lw = np.array(list(last.values())) / sum(last.values())
    rows = []
    for p in range(n):
        f, s = str(rng.choice(list(first), p=fw)), str(rng.choice(list(last), p=lw))
        city = str(rng.choice(US_CITIES))
        for _ in range(rng.integers(1, 5)):
            g = f
            if len(g) > 4 and rng.random() < 0.1:
                i = int(rng.integers(1, len(g) - 2))
                g = g[:i] + g[i + 1] + g[i] + g[i + 2 :]
            rows.append((g.title(), s.title(), city, f"a{p}"))
    return rows


@pytest.fixture(scope="module")
def resolved() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    rows = _american(rng, 800) + _korean(rng, 250) + [(*GREENBERG, "greenberg")] * 30
    others = [("Robert", "Green"), ("Roberta", "Greenberg"), ("Richard", "Greenberg")]
    rows += [(f, s, "Los Angeles", f"{f} {s}") for f, s in others for _ in range(2)]
    df = pd.DataFrame(rows, columns=["first", "last", "city", "person"])
    df.insert(0, "id", [f"r{i}" for i in range(len(df))])
    columns = {"first": "first_name", "last": "last_name", "city": "city"}
    result = uid.Resolver().resolve([uid.Source("people", df, id="id", columns=columns)])
    return result.profiles.merge(df, left_on="record_id", right_on="id")


def test_korean_people_sharing_surnames_do_not_chain(resolved):
    korean = resolved[resolved["person"].str.startswith("k")]
    people_per_profile = korean.groupby("profile_id")["person"].nunique()
    assert people_per_profile.max() == 1
    # Each person's hyphenated, spaced and run-together spellings come together.
    profiles_per_person = korean.groupby("person")["profile_id"].nunique()
    assert (profiles_per_person == 1).mean() >= 0.95


def test_identical_records_stay_one_profile_of_one_name(resolved):
    same = resolved[resolved["person"] == "greenberg"]
    assert same["profile_id"].nunique() == 1
    profile = resolved[resolved["profile_id"] == same["profile_id"].iloc[0]]
    assert set(profile["person"]) == {"greenberg"}
