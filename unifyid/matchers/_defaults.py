"""The built-in matcher set, chosen from the columns the sources provide."""

from __future__ import annotations

from collections.abc import Collection

from ._address import PLACE_COLUMNS, PlaceMatch
from ._base import Matcher
from ._date import DateMatch
from ._encoded import (
    DiceMatch,
    DigestMatch,
    EncodedDateMatch,
    EncodedEmailMatch,
    EncodedFirstNameMatch,
    EncodedPlaceMatch,
)
from ._identifier import EmailMatch, ExactMatch, IdentifierMatch, PhoneMatch
from ._name import FirstNameMatch, LastNameMatch

__all__ = ["default_matchers", "encoded_matchers"]


def default_matchers(columns: Collection[str]) -> list[Matcher]:
    """One built-in matcher per standardised column present in the data.

    ``full_name`` never appears here: standardisation splits it into
    ``first_name`` and ``last_name``. Street, postcode and city are one fact,
    compared by one ``PlaceMatch`` (which also reads the locality inferred
    from postcodes and phone prefixes), so a place is never counted twice.
    """
    present = set(columns)
    if present & _ENCODED:
        return encoded_matchers(present)
    place = tuple(c for c in PLACE_COLUMNS if c in present)
    table: list[tuple[bool, Matcher]] = [
        ("first_name" in present, FirstNameMatch()),
        ("last_name" in present, LastNameMatch()),
        ("dob" in present, DateMatch()),
        ("email" in present, EmailMatch()),
        ("phone" in present, PhoneMatch()),
        (bool(place), PlaceMatch(columns=place or PLACE_COLUMNS)),
        ("country" in present, ExactMatch("country", tf=False)),
        ("device_id" in present, IdentifierMatch("device_id", kinds=True)),
        ("loyalty_id" in present, IdentifierMatch("loyalty_id")),
        ("customer_id" in present, IdentifierMatch("customer_id", typo=True)),
    ]
    return [m for wanted, m in table if wanted]


_ENCODED = frozenset(
    (
        "email_hmac",
        "phone_hmac",
        "device_id_hmac",
        "loyalty_id_hmac",
        "customer_id_hmac",
        "dob_hmac",
        "first_name_clk",
        "last_name_clk",
        "street_clk",
        "postcode_hmac",
        "city_clk",
    )
)


def encoded_matchers(columns: Collection[str]) -> list[Matcher]:
    """The built-in matchers of encoded data (see ``unifyid.encode``), one per fact present.

    They carry their plain counterparts' names, so a source is either plain
    or encoded: a run never mixes the two.
    """
    present = set(columns)
    table: list[tuple[bool, Matcher]] = [
        ("first_name_clk" in present, EncodedFirstNameMatch()),
        (
            "last_name_clk" in present,
            DiceMatch("last_name_clk", swapped_with="first_name_clk"),
        ),
        ("dob_hmac" in present, EncodedDateMatch()),
        ("email_hmac" in present, EncodedEmailMatch()),
        ("phone_hmac" in present, DigestMatch("phone_hmac")),
        (bool(present & {"street_clk", "postcode_hmac", "city_clk"}), EncodedPlaceMatch()),
        ("device_id_hmac" in present, DigestMatch("device_id_hmac")),
        ("loyalty_id_hmac" in present, DigestMatch("loyalty_id_hmac")),
        ("customer_id_hmac" in present, DigestMatch("customer_id_hmac")),
    ]
    return [m for wanted, m in table if wanted]
