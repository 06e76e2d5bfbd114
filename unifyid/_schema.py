"""The semantic vocabulary that sources map their own columns onto."""

from __future__ import annotations

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
IDENTIFIER_TYPES: tuple[str, ...] = ("email", "phone", "device_id", "loyalty_id", "customer_id")

NAME_TYPES: tuple[str, ...] = ("first_name", "last_name", "full_name")

#: Every plain semantic type a source column may be mapped to. ``extra`` marks a
#: free column that is carried along unchanged (for golden records).
PLAIN_TYPES: tuple[str, ...] = (
    "email",
    "phone",
    "first_name",
    "last_name",
    "full_name",
    "dob",
    "street",
    "city",
    "postcode",
    "country",
    "device_id",
    "loyalty_id",
    "customer_id",
    "timestamp",
    "extra",
)

#: Keyed digests written by ``unifyid encode`` (HMAC-SHA256, 128 bits, hex):
#: equal values give equal digests, nothing else is learnt from them. Helper
#: digests keep partial evidence: the email's local part, the birth date
#: with day and month swapped, the first name's nickname group.
DIGEST_TYPES: tuple[str, ...] = (
    "email_hmac",
    "email_local_hmac",
    "phone_hmac",
    "device_id_hmac",
    "loyalty_id_hmac",
    "customer_id_hmac",
    "dob_hmac",
    "dob_swap_hmac",
    "first_key_hmac",
    "postcode_hmac",
)

#: Keyed Bloom-filter encodings (cryptographic long-term keys, base64) of
#: values compared by similarity: two spellings share most of their bits.
CLK_TYPES: tuple[str, ...] = ("first_name_clk", "last_name_clk", "street_clk", "city_clk")

#: The encoded identifiers: personal unless the data shows them shared.
ENCODED_IDENTIFIER_TYPES: tuple[str, ...] = (
    "email_hmac",
    "phone_hmac",
    "device_id_hmac",
    "loyalty_id_hmac",
    "customer_id_hmac",
)

#: Every encoded semantic type; a source holds either these or plain types.
ENCODED_TYPES: tuple[str, ...] = (*DIGEST_TYPES, *CLK_TYPES)


#: Every semantic type a source column may be mapped to: plain or encoded.
SEMANTIC_TYPES: tuple[str, ...] = (*PLAIN_TYPES, *ENCODED_TYPES)
