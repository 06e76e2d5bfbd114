"""Integrity of the country alias table."""

import re

import pandas as pd

from unifyid.standardise import country
from unifyid.standardise._countries import COUNTRY_ALIASES


def test_aliases_are_well_formed_and_map_to_their_code():
    codes = set()
    for line in COUNTRY_ALIASES.strip().splitlines():
        code, sep, aliases = line.partition(":")
        assert sep == ":" and re.fullmatch(r"[A-Z]{2}", code)
        codes.add(code)
        names = [a.strip() for a in aliases.split(",")]
        assert all(re.fullmatch(r"[a-z ]+", n) for n in names), line
        assert country(pd.Series(names)).tolist() == [code] * len(names)
    assert len(codes) >= 40
