"""How people and systems write values down: typos, phone and date formats, junk.

Edits are applied to a drawn subset of the records only (a few percent), so
the per-value Python work stays small next to the vectorised rest.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = [
    "JUNK_EMAILS",
    "JUNK_PHONES",
    "PHONE_FORMATS",
    "blank",
    "format_phones",
    "inverse_cdf",
    "streams",
    "strftime",
    "text",
    "typos",
    "uuids",
]

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEAR: dict[str, str] = {}
for _r, _row in enumerate(_ROWS):
    for _i, _ch in enumerate(_row):
        near = _row[max(0, _i - 1) : _i] + _row[_i + 1 : _i + 2]
        for _rr in (_r - 1, _r + 1):
            if 0 <= _rr < len(_ROWS):
                near += _ROWS[_rr][max(0, _i - 1) : _i + 1]
        _NEAR[_ch] = near

#: Confusions of scanned or handwritten forms (store sign-up cards).
_OCR = {
    "rn": "m",
    "m": "rn",
    "l": "1",
    "1": "l",
    "O": "0",
    "0": "O",
    "o": "0",
    "S": "5",
    "5": "S",
    "B": "8",
    "e": "c",
    "c": "e",
    "h": "b",
    "u": "v",
    "n": "ri",
    "a": "o",
    "i": "l",
    "g": "q",
}

JUNK_EMAILS = np.array(
    [
        "test@test.com",
        "noemail@noemail.com",
        "none@none.com",
        "no@email.com",
        "na@na.com",
        "customer@store.com",
        "noemail@gmail.com",
        "x@x.com",
    ],
    dtype=object,
)
JUNK_PHONES = np.array(
    ["0000000000", "555-555-5555", "1234567890", "(999) 999-9999", "111-111-1111", "000-000-0000"],
    dtype=object,
)

#: The eight ways phones are written; ``{a}`` area code, ``{b}`` exchange, ``{c}`` line.
PHONE_FORMATS: tuple[str, ...] = (
    "({a}) {b}-{c}",
    "{a}-{b}-{c}",
    "{a}.{b}.{c}",
    "{a}{b}{c}",
    "+1 {a} {b} {c}",
    "1-{a}-{b}-{c}",
    "+1{a}{b}{c}",
    "{a} {b} {c}",
)


def text(values: object) -> pd.Series:
    """Values as a pyarrow-backed string Series (vectorised string operations; None = missing)."""
    if isinstance(values, pd.Series):
        return values.astype("string[pyarrow]").reset_index(drop=True)
    return pd.Series(np.asarray(values, dtype=object), dtype="string[pyarrow]")


def _edit(s: str, kind: int, u: float, v: float, ocr: bool) -> str:
    if not s:
        return s
    i = min(int(u * len(s)), len(s) - 1)
    if ocr:
        for k in range(len(s)):
            j = (i + k) % len(s)
            for src, dst in _OCR.items():
                if s.startswith(src, j):
                    return s[:j] + dst + s[j + len(src) :]
    if kind == 0 and len(s) > 2:  # dropped letter
        return s[:i] + s[i + 1 :]
    if kind == 1 and i < len(s) - 1:  # swapped neighbours
        return s[:i] + s[i + 1] + s[i] + s[i + 2 :]
    ch = s[i]
    near = _NEAR.get(ch.lower())
    if not near:
        return s[:i] + ch + s[i:]  # doubled character
    rep = near[int(v * len(near))]
    rep = rep.upper() if ch.isupper() else rep
    if kind == 2:  # hit the neighbouring key instead
        return s[:i] + rep + s[i + 1 :]
    return s[:i] + rep + s[i:]  # hit it as well


def typos(
    values: np.ndarray,
    rng: np.random.Generator,
    rate: float,
    *,
    ocr_share: float | np.ndarray = 0.0,
) -> np.ndarray:
    """One keyboard slip (or, for ``ocr_share`` of them, an OCR confusion) in ``rate`` of values."""
    out = values.copy()
    present = pd.notna(out)
    idx = np.flatnonzero(present & (rng.random(len(out)) < rate))
    if len(idx):
        kind = rng.integers(0, 4, len(idx))
        u, v = rng.random(len(idx)), rng.random(len(idx))
        ocr = rng.random(len(idx)) < np.broadcast_to(ocr_share, out.shape)[idx]
        out[idx] = [
            _edit(str(s), int(k), float(a), float(b), bool(o))
            for s, k, a, b, o in zip(out[idx], kind, u, v, ocr)
        ]
    return out


def blank(values: np.ndarray, rng: np.random.Generator, rate: float) -> np.ndarray:
    """Leave ``rate`` of the values empty."""
    out = values.copy()
    out[rng.random(len(out)) < rate] = None
    return out


def format_phones(numbers: np.ndarray, fmt: np.ndarray) -> np.ndarray:
    """10-digit numbers (0 = none) written in format ``fmt[i]`` of :data:`PHONE_FORMATS`."""
    out = np.full(len(numbers), None, dtype=object)
    digits = text(pd.Series(numbers).astype(str)).str.zfill(10)
    a, b, c = digits.str[:3], digits.str[3:6], digits.str[6:]
    has = numbers > 0
    for k, f in enumerate(PHONE_FORMATS):  # bounded: eight formats
        m = has & (fmt == k)
        if not m.any():
            continue
        pre, rest = f.split("{a}")
        mid, tail = rest.split("{b}")
        sep, _ = tail.split("{c}")
        out[m] = (pre + a[m] + mid + b[m] + sep + c[m]).to_numpy(dtype=object)
    return out


def strftime(values: np.ndarray, fmt: str) -> np.ndarray:
    """Epoch seconds (int) or dates (datetime64[D]) as text in ``fmt``, missing kept missing."""
    if np.issubdtype(values.dtype, np.datetime64):
        arr = pa.array(values.astype("datetime64[s]"), type=pa.timestamp("s"))
    else:
        arr = pa.array(values.astype(np.int64), type=pa.timestamp("s"))
    return pc.strftime(arr, format=fmt).to_numpy(zero_copy_only=False).astype(object)


def uuids(rng: np.random.Generator, n: int, *, upper: bool, dashes: bool = True) -> np.ndarray:
    """``n`` random UUID-shaped ids (advertising ids upper case, cookies lower case)."""
    digits = np.frombuffer(b"0123456789ABCDEF" if upper else b"0123456789abcdef", dtype="S1")
    raw = rng.integers(0, 256, size=(n, 16), dtype=np.uint8)
    nibbles = np.stack([raw >> 4, raw & 15], axis=2).reshape(n, 32)
    if not dashes:
        return digits[nibbles].view("S32").ravel().astype(str).astype(object)
    chars = np.full((n, 36), b"-", dtype="S1")
    at = np.r_[0:8, 9:13, 14:18, 19:23, 24:36]
    chars[:, at] = digits[nibbles]
    return chars.view("S36").ravel().astype(str).astype(object)


def inverse_cdf(weights: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Category of each uniform ``u`` under ``weights``.

    Drawing categories this way keeps a person's category while the weights
    stay, whoever else is drawn: conditions can be compared like with like.
    """
    cum = np.cumsum(weights)
    return np.minimum(np.searchsorted(cum / cum[-1], u, side="right"), len(cum) - 1)


def streams(rng: np.random.Generator, n: int) -> list[np.random.Generator]:
    """``n`` independent generators seeded from ``rng`` (one per stage of the drawing)."""
    return [np.random.default_rng(int(s)) for s in rng.integers(0, 2**63 - 1, size=n)]
