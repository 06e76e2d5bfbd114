"""Reference names: the 1990 US Census name tables, and the nickname groups.

The given-name tables give, per name, the share of men or of women carrying
it; the surname table the 10,000 commonest surnames. They tell a name's sex
(see ``_sex``), which words are given names at all (to read ``joemanning@``
as Joe Manning), and whether two similar names are both real names (Mason /
Madison, Neil / Heil) rather than a name and its typo. The synthetic
generator draws its people from the same tables.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from ._nicknames import NICKNAME_GROUPS
from ._text import fold_str

__all__ = ["census_shares", "known_given_names", "known_surnames", "men_and_women"]

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


@lru_cache(maxsize=1)
def known_surnames() -> frozenset[str]:
    """The census surnames (the 10,000 most common)."""
    return frozenset(census_shares("surnames.tsv"))
