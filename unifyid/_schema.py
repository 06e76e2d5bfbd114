"""The semantic vocabulary that sources map their own columns onto.

Each list is a view of the built-in entries of the type registry
(``unifyid._types``), computed once at import, in registry order.
"""

from __future__ import annotations

from ._types import type_names

__all__ = [
    "CLK_TYPES",
    "DIGEST_TYPES",
    "ENCODED_IDENTIFIER_TYPES",
    "ENCODED_TYPES",
    "IDENTIFIER_TYPES",
    "NAME_TYPES",
    "PLAIN_TYPES",
    "SEMANTIC_TYPES",
]

#: Exact identifiers: two records sharing one are strong evidence of one customer,
#: unless the value is junk or a hub (shared by many people).
IDENTIFIER_TYPES: tuple[str, ...] = type_names(kind="identifier", encoding="plain")

NAME_TYPES: tuple[str, ...] = type_names(kind="name", encoding="plain")

#: Every plain semantic type a source column may be mapped to. ``extra`` marks a
#: free column that is carried along unchanged (for golden records).
PLAIN_TYPES: tuple[str, ...] = type_names(encoding="plain")

#: Keyed digests written by ``unifyid encode`` (HMAC-SHA256, 128 bits, hex):
#: equal values give equal digests, nothing else is learnt from them. Helper
#: digests keep partial evidence: the email's local part, the birth date
#: with day and month swapped, the first name's nickname group.
DIGEST_TYPES: tuple[str, ...] = type_names(encoding="digest")

#: Keyed Bloom-filter encodings (cryptographic long-term keys, base64) of
#: values compared by similarity: two spellings share most of their bits.
CLK_TYPES: tuple[str, ...] = type_names(encoding="clk")

#: The encoded identifiers: personal unless the data shows them shared.
ENCODED_IDENTIFIER_TYPES: tuple[str, ...] = type_names(kind="identifier", encoding="digest")

#: Every encoded semantic type; a source holds either these or plain types.
ENCODED_TYPES: tuple[str, ...] = (*DIGEST_TYPES, *CLK_TYPES)


#: Every semantic type a source column may be mapped to: plain or encoded.
SEMANTIC_TYPES: tuple[str, ...] = (*PLAIN_TYPES, *ENCODED_TYPES)
