"""Blocking keys for encoded data: exact digests, and LSH bands over CLK bits.

Two CLKs of similar values share most of their set bits. MinHash over the
set bit positions turns that into exact keys: for each of ``BANDS`` bands,
``ROWS`` random permutations of the bit positions each give the smallest
permuted position of a set bit, and the band's key is those ``ROWS`` numbers.
Two filters share a band key with probability ``J ** ROWS`` (``J`` the
Jaccard similarity of their bits), and some band key with
``1 - (1 - J ** ROWS) ** BANDS``: about 0.97 for a one-letter typo in a
name (``J`` near 0.65), under 0.1 for unrelated names. The permutations are
public and fixed: they act on bits that are already keyed.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from ..block._rules import BlockingRule
from ._bloom import N_BITS, decode_clks
from ._columns import encoded_identifiers

__all__ = ["BANDS", "ENCODED_RULES", "ROWS", "add_band_keys", "band_keys", "encoded_rules"]

BANDS = 10
ROWS = 3
_SEED = 20240617

#: Derived band-key columns and the CLK each comes from.
BAND_COLUMNS = {
    "first_name_bands": "first_name_clk",
    "last_name_bands": "last_name_clk",
    "street_bands": "street_clk",
}

#: Blocking rules of encoded data, mirroring the plain defaults: exact
#: identifiers, then name, date and place combinations that survive a typo
#: in any one field. A CLK is itself an exact key of its standardised value.
ENCODED_RULES: tuple[BlockingRule, ...] = tuple(
    BlockingRule(c)
    for c in (
        ("email_hmac",),
        ("phone_hmac",),
        ("device_id_hmac",),
        ("loyalty_id_hmac",),
        ("customer_id_hmac",),
        ("email_local_hmac",),
        ("first_key_hmac", "last_name_clk"),
        ("name_pair_key",),
        ("first_key_hmac", "last_name_bands"),
        ("last_name_clk", "first_name_bands"),
        ("first_name_bands", "dob_hmac"),
        ("last_name_bands", "dob_hmac"),
        ("first_key_hmac", "dob_hmac"),
        ("last_name_clk", "postcode_hmac"),
        ("first_key_hmac", "postcode_hmac"),
        ("street_clk", "postcode_hmac"),
        ("dob_hmac", "postcode_hmac"),
        ("first_key_hmac", "street_clk"),
    )
)


def encoded_rules(columns: set[str] | frozenset[str] | list[str]) -> list[BlockingRule]:
    """The encoded rules whose columns the frame holds, with one rule per registered
    identifier's digest after the built-in identifier rules."""
    have = set(columns)
    added = [BlockingRule((c,)) for c in encoded_identifiers() if c in have]
    at = ENCODED_RULES.index(BlockingRule(("customer_id_hmac",))) + 1
    rules = (*ENCODED_RULES[:at], *added, *ENCODED_RULES[at:])
    return [r for r in rules if set(r.columns) <= have]


def _permutations() -> np.ndarray:
    rng = np.random.default_rng(_SEED)
    return np.stack([rng.permutation(N_BITS) for _ in range(BANDS * ROWS)]).astype(np.int16)


def band_keys(values: np.ndarray) -> np.ndarray:
    """The ``BANDS`` band keys of each distinct CLK (rows), as int64."""
    perms = _permutations()
    out = np.empty((len(values), BANDS), dtype=np.int64)
    shift = np.arange(ROWS, dtype=np.int64) * 10
    step = 2048
    for s in range(0, len(values), step):
        bits = np.unpackbits(decode_clks(values[s : s + step]), axis=1).astype(bool)
        mins = np.stack([np.where(bits, p, N_BITS).min(axis=1) for p in perms], axis=1).astype(
            np.int64
        )
        rows = (mins.reshape(len(bits), BANDS, ROWS) << shift).sum(axis=2)
        out[s : s + step] = rows + (np.arange(BANDS, dtype=np.int64) << (10 * ROWS))
    return out


def _band_column(clk_values: pd.Series) -> np.ndarray:
    out = np.full(len(clk_values), None, dtype=object)
    present = clk_values.notna().to_numpy()
    if present.any():
        codes, uniques = pd.factorize(clk_values[present], sort=False)
        keys = band_keys(np.asarray(uniques, dtype=object))
        per_value = np.empty(len(uniques), dtype=object)
        per_value[:] = [tuple(row) for row in keys.tolist()]
        out[present] = per_value[codes]
    return out


def _pair_key(first: pd.Series, last: pd.Series) -> np.ndarray:
    """An order-free key of the two name CLKs, so swapped name fields still meet."""
    out = np.full(len(first), None, dtype=object)
    f = first.to_numpy(dtype=object)
    lst = last.to_numpy(dtype=object)
    both = pd.notna(f) & pd.notna(lst)
    for k in np.flatnonzero(both):
        lo, hi = sorted((f[k], lst[k]))
        out[k] = hashlib.blake2b(f"{lo}|{hi}".encode("ascii"), digest_size=16).hexdigest()
    return out


def add_band_keys(frame: pd.DataFrame) -> None:
    """Add the band-key columns and ``name_pair_key`` (``None`` where the CLK is missing)."""
    for column, source in BAND_COLUMNS.items():
        if source in frame.columns:
            frame[column] = _band_column(frame[source])
        else:
            frame[column] = np.full(len(frame), None, dtype=object)
    if "first_name_clk" in frame.columns and "last_name_clk" in frame.columns:
        frame["name_pair_key"] = _pair_key(frame["first_name_clk"], frame["last_name_clk"])
    else:
        frame["name_pair_key"] = np.full(len(frame), None, dtype=object)
