"""The built-in matcher set, chosen from the columns the sources provide."""

from __future__ import annotations

from collections.abc import Collection

from ._address import PLACE_COLUMNS, PlaceMatch
from ._base import Matcher
from ._date import DateMatch
from ._identifier import EmailMatch, ExactMatch, IdentifierMatch, PhoneMatch
from ._name import FirstNameMatch, LastNameMatch

__all__ = ["default_matchers"]


def default_matchers(columns: Collection[str]) -> list[Matcher]:
    """One built-in matcher per standardised column present in the data.

    ``full_name`` never appears here: standardisation splits it into
    ``first_name`` and ``last_name``. Street, postcode and city are one fact,
    compared by one ``PlaceMatch`` (which also reads the locality inferred
    from postcodes and phone prefixes), so a place is never counted twice.
    """
    present = set(columns)
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
