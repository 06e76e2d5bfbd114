"""Which given names are clearly a man's or a woman's: Eric and Erica are two people.

A one-letter difference between two given names usually is a typo, but not
when one name is a man's and the other a woman's (Eric / Erica, Paul / Paula,
Daniel / Danielle): twins and spouses carry such pairs. The sex of a name is
read from the 1990 US Census given-name tables (the shares of men and women
carrying it), which the synthetic generator also ships; a name held by both
sexes (Jordan, Chris) or absent from the tables has no sex here.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from ._census_names import men_and_women

__all__ = ["name_sex"]

#: Share of one sex among the people carrying a name, for the name to be that sex's.
_CLEAR = 0.95


@lru_cache(maxsize=1)
def _sex_of() -> dict[str, str]:
    men, women = men_and_women()
    out = {}
    for name in men.keys() | women.keys():
        m, w = men.get(name, 0.0), women.get(name, 0.0)
        if m >= _CLEAR * (m + w):
            out[name] = "m"
        elif w >= _CLEAR * (m + w):
            out[name] = "f"
    return out


def name_sex(values: np.ndarray) -> np.ndarray:
    """``"m"``, ``"f"`` or ``""`` (either, or unknown) per standardised given name."""
    return pd.Series(values, dtype=object).map(_sex_of()).fillna("").to_numpy(dtype=object)
