"""Very long values (junk, pasted text) cost memory and time linear in their length."""

import logging
import tracemalloc

import numpy as np
import pandas as pd
import pytest

import unifyid as uid
from unifyid import standardise as std
from unifyid.matchers._similarity import damerau_distance
from unifyid.standardise import _phone

LENGTH = 30_000
COLUMNS = {"first": "first_name", "last": "last_name", "dob": "dob", "email": "email"}


def long_names(n, seed=0):
    rng = np.random.default_rng(seed)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    return ["".join(rng.choice(letters, LENGTH)) for _ in range(n)]


def test_eighty_records_with_30000_letter_names_resolve_in_little_memory(tmp_path, caplog):
    n = 80
    frame = pd.DataFrame(
        {
            "id": [f"r{k}" for k in range(n)],
            "first": long_names(n, seed=1),
            "last": long_names(n, seed=2),
            "dob": [f"19{50 + k % 40}-01-0{1 + k % 9}" for k in range(n)],
            "email": [f"user{k}@mail.org" for k in range(n)],
        }
    )
    resolver = uid.Resolver()
    tracemalloc.start()
    try:
        with caplog.at_level(logging.WARNING, logger="unifyid"):
            result = resolver.resolve([uid.Source("web", frame, id="id", columns=COLUMNS)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 100e6, f"peak {peak / 1e6:.0f} MB"
    profiles = result.profiles
    assert len(profiles) == n and not profiles.duplicated(["source", "record_id"]).any()
    assert set(profiles["record_id"]) == set(frame["id"])
    # The warning counts the long names and names the column, never a value.
    warned = " ".join(r.getMessage() for r in caplog.records)
    assert "80 first_name value(s)" in warned and "80 last_name value(s)" in warned
    assert frame["first"].iloc[0][:20] not in warned

    uid.State.from_result(result, resolver).write(tmp_path)
    size = sum(f.stat().st_size for f in (tmp_path / "state").iterdir())
    assert size < 10 * n * LENGTH, f"state of {size / 1e6:.0f} MB"
    again = uid.State.read(tmp_path)
    assert again.frame["first_variants"].map(len).eq(1).all()


def test_short_names_keep_their_one_letter_out_keys():
    frame = pd.DataFrame({"id": ["a", "b"], "first": ["Jonathan", "Jonathn"], "last": ["Li", "Li"]})
    result = uid.Resolver().resolve(
        [uid.Source("web", frame, id="id", columns={"first": "first_name", "last": "last_name"})]
    )
    variants = result.frame["first_variants"].tolist()
    assert "jonathn" in variants[0] and len(variants[0]) == 9


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("x" * 500, "x" * 500, 0),
        ("x" * 250 + "ab" + "y" * 250, "x" * 250 + "ba" + "y" * 250, 1),  # swapped
        ("x" * 250 + "a" + "y" * 250, "x" * 250 + "b" + "y" * 250, 1),  # changed
        ("x" * 250 + "a" + "y" * 250, "x" * 250 + "y" * 250, 1),  # dropped
        ("x" * 250 + "ab" + "y" * 250, "x" * 250 + "cd" + "y" * 250, 2),
        ("ab" * 300, "ba" * 300, 2),
        ("jon", "joan", 1),
        ("jon", "jane", 2),
    ],
)
def test_edit_distance_up_to_one_edit_on_any_length(a, b, expected):
    got = damerau_distance(np.array([a, b], dtype=object), np.array([b, a], dtype=object))
    assert got.tolist() == [expected, expected]


def test_edit_distance_of_long_values_takes_linear_time():
    rng = np.random.default_rng(3)
    a, b = ("".join(rng.choice(list("abc"), 200_000)) for _ in range(2))
    # The full Damerau-Levenshtein distance of these would take minutes.
    assert damerau_distance(np.array([a], dtype=object), np.array([b], dtype=object))[0] == 2


def test_map_unique_raises_memory_error_instead_of_dropping_values():
    def explode(value):
        raise MemoryError

    with pytest.raises(MemoryError):
        std.map_unique(pd.Series(["a", "b"]), explode)
    with pytest.raises(MemoryError):
        std.map_unique(pd.Series(["a", "b"]), explode, batch=True)


def test_phone_parser_raises_memory_error(monkeypatch):
    def explode(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(_phone, "_parse_general", explode)
    with pytest.raises(MemoryError):
        std.phone(pd.Series(["+44 20 7946 0958"]))
