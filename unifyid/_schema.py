"""The semantic vocabulary that sources map their own columns onto."""

from __future__ import annotations

__all__ = ["IDENTIFIER_TYPES", "NAME_TYPES", "SEMANTIC_TYPES"]

#: Exact identifiers: two records sharing one are strong evidence of one customer,
#: unless the value is junk or a hub (shared by many people).
IDENTIFIER_TYPES: tuple[str, ...] = ("email", "phone", "device_id", "loyalty_id", "customer_id")

NAME_TYPES: tuple[str, ...] = ("first_name", "last_name", "full_name")

#: Every semantic type a source column may be mapped to. ``extra`` marks a
#: free column that is carried along unchanged (for golden records).
SEMANTIC_TYPES: tuple[str, ...] = (
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
