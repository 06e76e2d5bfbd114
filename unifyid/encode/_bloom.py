"""Cryptographic long-term keys (CLKs): keyed Bloom-filter encodings of text values.

A value is split into the bigrams of its padded form (``"_ann_"`` gives
``_a an nn n_``); each bigram sets ``HASHES_PER_BIGRAM`` bits of an
``N_BITS``-bit filter, at positions from double hashing of the bigram's
HMAC-SHA256 under the field's subkey. Two spellings sharing most bigrams
share most bits, so the Dice coefficient of their filters,
``2 |A & B| / (|A| + |B|)``, measures their similarity without revealing
either value.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = [
    "HASHES_PER_BIGRAM",
    "N_BITS",
    "bigrams",
    "clk",
    "clks",
    "decode_clks",
    "dice",
    "overlap",
]

#: Filter length in bits (stored as 128 bytes, base64).
N_BITS = 1024
#: Bit positions set per bigram.
HASHES_PER_BIGRAM = 20
_PAD = "_"


def bigrams(value: str) -> list[str]:
    """The distinct bigrams of the padded value, in order of first appearance."""
    padded = f"{_PAD}{value}{_PAD}"
    return list(dict.fromkeys(padded[i : i + 2] for i in range(len(padded) - 1)))


def _positions(gram: str, subkey: bytes) -> np.ndarray:
    """``HASHES_PER_BIGRAM`` positions ``(h1 + i * h2) mod N_BITS`` from the bigram's HMAC."""
    mac = hmac.new(subkey, gram.encode("utf-8"), hashlib.sha256).digest()
    h1 = np.uint64(int.from_bytes(mac[:8], "big"))
    h2 = np.uint64(int.from_bytes(mac[8:16], "big") | 1)
    steps = np.arange(HASHES_PER_BIGRAM, dtype=np.uint64)
    # uint64 arithmetic wraps modulo 2**64, which N_BITS divides.
    return ((h1 + steps * h2) % np.uint64(N_BITS)).astype(np.int64)


def clk(value: str, subkey: bytes, *, _cache: dict[str, np.ndarray] | None = None) -> str:
    """The CLK of one value, base64."""
    bits = np.zeros(N_BITS, dtype=bool)
    for gram in bigrams(value):
        if _cache is None:
            bits[_positions(gram, subkey)] = True
            continue
        pos = _cache.get(gram)
        if pos is None:
            pos = _cache[gram] = _positions(gram, subkey)
        bits[pos] = True
    return base64.b64encode(np.packbits(bits).tobytes()).decode("ascii")


def clks(values: pd.Series, subkey: bytes) -> pd.Series:
    """The CLK of every present value (``None`` stays ``None``), each distinct value once."""
    out = np.full(len(values), None, dtype=object)
    present = values.notna().to_numpy()
    if present.any():
        codes, uniques = pd.factorize(values[present].astype(str), sort=False)
        cache: dict[str, np.ndarray] = {}
        done = np.array([clk(v, subkey, _cache=cache) for v in uniques], dtype=object)
        out[present] = done[codes]
    return pd.Series(out, index=values.index, dtype=object)


def decode_clks(values: Sequence[str] | np.ndarray) -> np.ndarray:
    """Filters as a ``(len(values), N_BITS // 8)`` uint8 array."""
    raw = b"".join(base64.b64decode(v) for v in values)
    return np.frombuffer(raw, dtype=np.uint8).reshape(len(values), N_BITS // 8)


def overlap(left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, ...]:
    """Bits set in both of aligned CLKs (base64), and in each; once per distinct pair."""
    n = len(left)
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    codes, uniques = pd.factorize(np.concatenate([left, right]), sort=False)
    filters = decode_clks(uniques)
    counts = np.bitwise_count(filters).sum(axis=1, dtype=np.int64)
    a, b = codes[:n], codes[n:]
    pair_codes, first = np.unique(a.astype(np.int64) * len(uniques) + b, return_inverse=True)
    pa, pb = pair_codes // len(uniques), pair_codes % len(uniques)
    common = np.empty(len(pair_codes), dtype=np.int64)
    step = 50_000
    for s in range(0, len(pair_codes), step):
        sel = slice(s, s + step)
        both = np.bitwise_and(filters[pa[sel]], filters[pb[sel]])
        common[sel] = np.bitwise_count(both).sum(axis=1, dtype=np.int64)
    return common[first], counts[a], counts[b]


def dice(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Dice coefficient ``2 |A & B| / (|A| + |B|)`` of aligned CLKs (base64 strings)."""
    common, n_left, n_right = overlap(left, right)
    total = n_left + n_right
    return np.where(total > 0, 2.0 * common / np.maximum(total, 1), 0.0)
