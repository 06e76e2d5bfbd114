"""Reading encoded columns back: values of the wrong shape are unparseable."""

from __future__ import annotations

import pandas as pd

from .._schema import CLK_TYPES
from ._bloom import N_BITS
from ._hmac import DIGEST_HEX_CHARS

__all__ = ["encoded_values"]

_DIGEST = rf"[0-9a-f]{{{DIGEST_HEX_CHARS}}}"
# base64 of N_BITS / 8 bytes: 4 characters per 3 bytes, padded.
_CLK_CHARS = 4 * -(-(N_BITS // 8) // 3)
_CLK = rf"[A-Za-z0-9+/]{{{_CLK_CHARS - 2}}}[A-Za-z0-9+/=]{{2}}"


def encoded_values(semantic: str, raw: pd.Series) -> pd.Series:
    """The column's values where they have the shape of its encoding, else ``None``.

    A digest is 32 lowercase hex digits, a CLK the base64 of a 1024-bit
    filter; anything else (plain text in an encoded column, a truncated
    value) is treated as missing and counted as unparseable.
    """
    text = raw.astype(object).where(raw.notna(), None)
    text = text.map(lambda v: v.strip() if isinstance(v, str) else None)
    pattern = _CLK if semantic in CLK_TYPES else _DIGEST
    ok = text.map(lambda v: v is not None).astype(bool)
    if ok.any():
        ok[ok] = text[ok].astype(str).str.fullmatch(pattern).to_numpy(dtype=bool)
    return text.where(ok, None).astype(object)
