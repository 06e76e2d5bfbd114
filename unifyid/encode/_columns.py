"""Which encoded columns each standardised column becomes, and how.

Identifiers and dates become keyed digests; names and places CLKs. Helper
digests are written only where an encoded matcher reads them:

* ``email_local_hmac``: the local part of a distinctive address (5+
  characters with a digit), for the email matcher's "same local part" level
  and its blocking rule;
* ``dob_swap_hmac``: the birth date with day and month exchanged, under the
  birth date's subkey, for the "day and month swapped" level;
* ``first_key_hmac``: the first name's nickname group, for the "same
  nickname group" level and the blocking rules keyed on first names.

Country, timestamps and free ``extra`` columns are not written: they are not
compared, and a timestamp or a free text column can single a customer out.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from .._types import type_names
from ._bloom import clks
from ._hmac import digests
from ._key import EncodingKey

__all__ = ["ENCODINGS", "encode_frame", "encoded_identifiers", "encodings"]

_DIGIT = re.compile(r"\d")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _local_part(email: str) -> str | None:
    local = email.split("@", 1)[0]
    return local if len(local) >= 5 and _DIGIT.search(local) else None


def _swapped(date: str) -> str | None:
    """``YYYY-DD-MM`` of ``YYYY-MM-DD`` where that is a different valid date."""
    m = _DATE.fullmatch(date)
    if not m:
        return None
    year, month, day = m.groups()
    if day == month or int(day) > 12:
        return None
    return f"{year}-{day}-{month}"


def _mapped(values: pd.Series, func: Callable[[str], str | None]) -> pd.Series:
    codes, uniques = pd.factorize(values, sort=False)
    done = np.array([func(v) for v in uniques] + [None], dtype=object)
    return pd.Series(done[codes], index=values.index, dtype=object)


#: Encoded column -> (standardised column it is computed from, subkey label,
#: "hmac" or "clk", optional transform of the standardised value).
ENCODINGS: dict[str, tuple[str, str, str, Callable[[str], str | None] | None]] = {
    "email_hmac": ("email", "email", "hmac", None),
    "email_local_hmac": ("email", "email_local", "hmac", _local_part),
    "phone_hmac": ("phone", "phone", "hmac", None),
    "device_id_hmac": ("device_id", "device_id", "hmac", None),
    "loyalty_id_hmac": ("loyalty_id", "loyalty_id", "hmac", None),
    "customer_id_hmac": ("customer_id", "customer_id", "hmac", None),
    "dob_hmac": ("dob", "dob", "hmac", None),
    # Same subkey as dob_hmac: a swapped digest must equal the other record's digest.
    "dob_swap_hmac": ("dob", "dob", "hmac", _swapped),
    "first_key_hmac": ("first_key", "first_key", "hmac", None),
    "postcode_hmac": ("postcode", "postcode", "hmac", None),
    # One subkey for both name parts, so that names written in each other's
    # fields can be compared.
    "first_name_clk": ("first_name", "name", "clk", None),
    "last_name_clk": ("last_name", "name", "clk", None),
    "street_clk": ("street", "street", "clk", None),
    "city_clk": ("city", "city", "clk", None),
}


def encoded_identifiers() -> dict[str, str]:
    """Digest column -> plain column of every identifier type registered beyond the
    built-ins whose digest is registered too (``register_semantic_type`` does both)."""
    covered = {plain for plain, *_ in ENCODINGS.values()}
    digests_ = set(type_names(kind="identifier", encoding="digest"))
    return {
        f"{t}_hmac": t
        for t in type_names(kind="identifier", encoding="plain")
        if t not in covered and f"{t}_hmac" in digests_
    }


def encodings() -> dict[str, tuple[str, str, str, Callable[[str], str | None] | None]]:
    """``ENCODINGS`` and a digest, under its own subkey, per registered identifier type."""
    added = {enc: (plain, plain, "hmac", None) for enc, plain in encoded_identifiers().items()}
    return {**ENCODINGS, **added}


def encode_frame(frame: pd.DataFrame, key: EncodingKey) -> pd.DataFrame:
    """The encoded columns of a standardised frame (row-aligned; all-missing ones left out)."""
    out: dict[str, pd.Series] = {}
    for column, (plain, label, kind, transform) in encodings().items():
        if plain not in frame.columns:
            continue
        values = frame[plain].astype(object).where(frame[plain].notna(), None)
        if not values.notna().any():
            continue
        if transform is not None:
            values = _mapped(values, transform)
        subkey = key.subkey(label)
        encoded = digests(values, subkey) if kind == "hmac" else clks(values, subkey)
        if encoded.notna().any():
            out[column] = encoded
    return pd.DataFrame(out, index=frame.index)
