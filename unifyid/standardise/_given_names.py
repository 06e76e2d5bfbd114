"""Reference given names: the 1990 US Census given-name tables, and nicknames.

The tables (which the synthetic generator also ships) give, per name, the
share of men or women carrying it. They tell a name's sex (see ``_sex``) and
which words are given names at all, to read ``joemanning@`` as Joe Manning.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from ._nicknames import NICKNAME_GROUPS
from ._text import fold_str

__all__ = ["census_shares", "known_given_names"]

_MALE, _FEMALE = "male_first_names.tsv", "female_first_names.tsv"


def census_shares(file: str) -> dict[str, float]:
    """Folded name -> percent of the population of one sex carrying it."""
    text = resources.files("unifyid.datasets").joinpath("_data", file).read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {fold_str(name): float(pct) for name, pct in rows}


@lru_cache(maxsize=1)
def men_and_women() -> tuple[dict[str, float], dict[str, float]]:
    """The census shares of men's and of women's given names."""
    return census_shares(_MALE), census_shares(_FEMALE)


@lru_cache(maxsize=1)
def known_given_names() -> frozenset[str]:
    """Every census given name and every name of the nickname table."""
    men, women = men_and_women()
    nick = {word.strip(":") for line in NICKNAME_GROUPS.splitlines() for word in line.split()}
    return frozenset(men) | frozenset(women) | frozenset(nick)
