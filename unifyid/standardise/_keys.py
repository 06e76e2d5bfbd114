"""Blocking keys: the columns derived from the standardised ones that the rules name.

Nickname keys, phonetic codes, initials, the email's local part, one-letter-out
name spellings, an order-free name pair and (for encoded data) LSH band keys.
The blocking rules (``unifyid.block``) name them, and the value profile, the
household check and the matchers read ``first_key`` and ``first_phonetic``
too, so they are made here, as the last step of standardisation, and every
later stage depends on this one rather than on each other.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import jellyfish
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .._schema import ENCODED_TYPES
from ._names import nickname_key
from ._text import codes_and_values, map_unique

__all__ = ["MAX_VARIANT_LENGTH", "VARIANT_COLUMNS", "add_blocking_keys", "add_name_variants"]

log = logging.getLogger("unifyid")

#: Names longer than this many characters get no one-letter-out blocking keys:
#: a name of n letters has n such spellings of n - 1 letters each, so their
#: memory grows with the square of the length (a 30,000-letter name would need
#: gigabytes). No real name comes near; such values are junk or pasted text,
#: and still block and match on their exact spelling.
MAX_VARIANT_LENGTH = 64


def add_blocking_keys(frame: pd.DataFrame) -> None:
    """Add the blocking key columns to a standardised frame, in place."""
    # Each name column is factorized once; every helper maps its distinct values.
    first_names, first_take = _distinct_names(frame["first_name"])
    last_names, last_take = _distinct_names(frame["last_name"])
    frame["first_key"] = first_take(nickname_key(first_names))
    frame["first_phonetic"] = map_unique(frame["first_key"], _phonetic)
    frame["last_phonetic"] = last_take(map_unique(last_names, _phonetic))
    frame["first_initial"] = first_take(map_unique(first_names, lambda v: v[:1]))
    frame["email_local"] = map_unique(frame["email"], _email_local)
    too_long = lambda v: len(v) > MAX_VARIANT_LENGTH  # noqa: E731
    _warn_long_names(
        frame,
        {
            "first_name": first_take(map_unique(first_names, too_long, missing=False), False),
            "last_name": last_take(map_unique(last_names, too_long, missing=False), False),
        },
    )
    frame["first_variants"] = first_take(map_unique(first_names, _one_letter_out))
    frame["last_variants"] = last_take(map_unique(last_names, _one_letter_out))
    # Order-free name key, so "Lee Ann" / "Ann Lee" (swapped fields) share a block.
    both = (frame["first_name"].notna() & frame["last_name"].notna()).to_numpy()
    first = frame["first_name"].to_numpy(dtype=object)[both]
    last = frame["last_name"].to_numpy(dtype=object)[both]
    swap = first > last
    lo, hi = np.where(swap, last, first), np.where(swap, first, last)
    pair = np.full(len(frame), None, dtype=object)
    if len(lo):
        pair[both] = _joined(lo, hi)
    frame["name_pair"] = pair
    if any(t in frame.columns for t in ENCODED_TYPES):
        from ..encode._lsh import add_band_keys  # encode imports this module

        add_band_keys(frame)


def _distinct_names(
    column: pd.Series,
) -> tuple[pd.Series, Callable[..., pd.Series]]:
    """The distinct non-missing values of a column, and a function taking the
    results mapped from them (a Series in the same order) back to the rows."""
    codes, values = codes_and_values(column)
    distinct = pd.Series(values, dtype=object)

    def take(mapped: pd.Series, missing: object = None) -> pd.Series:
        table = np.empty(len(values) + 1, dtype=object)
        table[: len(values)] = mapped.to_numpy(dtype=object)
        table[len(values)] = missing
        rows = table[codes] if len(codes) else np.empty(0, dtype=object)
        return pd.Series(rows, index=column.index, name=column.name, dtype=object)

    return distinct, take


def _joined(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """``"lo|hi"`` per row, joined in Arrow."""
    try:
        joined = pc.binary_join_element_wise(
            pa.array(lo, type=pa.string()), pa.array(hi, type=pa.string()), "|"
        )
    except (pa.ArrowException, UnicodeError):
        return np.array([f"{a}|{b}" for a, b in zip(lo, hi)], dtype=object)
    return joined.to_numpy(zero_copy_only=False)


def _phonetic(value: str) -> str | None:
    code = jellyfish.metaphone(value.replace(" ", "").replace("-", ""))
    return code or None


#: Blocking keys derived from the names alone: the state does not store them
#: (they are a third of its records table) but rebuilds them on reading.
VARIANT_COLUMNS = ("first_variants", "last_variants")


def add_name_variants(frame: pd.DataFrame) -> None:
    """Add the one-letter-out spellings of the first and last names (blocking keys)."""
    frame["first_variants"] = map_unique(frame["first_name"], _one_letter_out)
    frame["last_variants"] = map_unique(frame["last_name"], _one_letter_out)


def _warn_long_names(frame: pd.DataFrame, flags: dict[str, pd.Series]) -> None:
    """Log how many names are too long for one-letter-out keys (counts only, no values).

    ``flags`` marks, per name column, the values longer than ``MAX_VARIANT_LENGTH``.
    """
    for col in ("first_name", "last_name"):
        too_long = flags[col].astype(bool)
        if too_long.any():
            sources = sorted(frame.loc[too_long.to_numpy(), "source"].astype(str).unique())
            log.warning(
                "%d %s value(s) longer than %d characters (source(s): %s) get no "
                "one-letter-out blocking keys; they block on their exact spelling only",
                int(too_long.sum()),
                col,
                MAX_VARIANT_LENGTH,
                ", ".join(sources),
            )


def _one_letter_out(name: str) -> tuple[str, ...]:
    """The name and, from four letters up, every spelling with one letter left out.

    Two spellings one typo apart (a dropped, added, changed or swapped letter)
    share one of these keys, so blocking on them finds typos in either name.
    Names longer than ``MAX_VARIANT_LENGTH`` keep only their own spelling.
    """
    if len(name) < 4 or len(name) > MAX_VARIANT_LENGTH:
        return (name,)
    return tuple(sorted({name} | {name[:i] + name[i + 1 :] for i in range(len(name))}))


def _email_local(email: str) -> str | None:
    local = email.split("@", 1)[0]
    return local if len(local) >= 5 else None
