"""Keyed digests of exact values: HMAC-SHA256 under a field's subkey, 128 bits, hex.

Equal standardised values give equal digests under one key; without the key
nobody can test a guessed value against a digest (no dictionary attack), and
with another key the digests share nothing.
"""

from __future__ import annotations

import hashlib
import hmac

import numpy as np
import pandas as pd

__all__ = ["DIGEST_HEX_CHARS", "digest", "digests"]

#: Digests are truncated to 128 bits: 32 hex digits.
DIGEST_HEX_CHARS = 32


def digest(value: str, subkey: bytes) -> str:
    """The digest of one value: the first 128 bits of ``HMAC-SHA256(subkey, value)``, hex."""
    mac = hmac.new(subkey, value.encode("utf-8"), hashlib.sha256)
    return mac.hexdigest()[:DIGEST_HEX_CHARS]


def digests(values: pd.Series, subkey: bytes) -> pd.Series:
    """Digest of every present value (``None`` stays ``None``), each distinct value once."""
    out = np.full(len(values), None, dtype=object)
    present = values.notna().to_numpy()
    if present.any():
        codes, uniques = pd.factorize(values[present].astype(str), sort=False)
        done = np.array([digest(v, subkey) for v in uniques], dtype=object)
        out[present] = done[codes]
    return pd.Series(out, index=values.index, dtype=object)
