"""Integrity of the nickname table."""

import re

from unifyid.standardise import nickname_keys
from unifyid.standardise._names import _ALL_KEYS, _PRIMARY
from unifyid.standardise._nicknames import NICKNAME_GROUPS, PREFERRED


def _lines():
    return [line.partition(":") for line in NICKNAME_GROUPS.strip().splitlines()]


def test_table_size_and_format():
    keys = {key.strip() for key, _, _ in _lines()}
    assert len(keys) >= 200
    for key, sep, members in _lines():
        assert sep == ":"
        names = [key.strip(), *members.split()]
        assert all(re.fullmatch(r"[a-z]+", n) for n in names), names
        assert len(set(names)) == len(names), names


def test_every_canonical_name_keys_to_itself():
    for key, _, _ in _lines():
        assert _PRIMARY[key.strip()] == key.strip()


def test_primary_key_is_one_of_the_names_groups():
    for name, key in _PRIMARY.items():
        assert key in _ALL_KEYS[name], name
        assert key in nickname_keys(name)


def test_preferred_entries_are_ambiguous_members():
    for name, key in PREFERRED.items():
        assert len(_ALL_KEYS[name]) > 1, name
        assert key in _ALL_KEYS[name], name
