"""The built-in matcher set, chosen from the columns the sources provide."""

from __future__ import annotations

from collections.abc import Collection

from ._address import CityMatch, LocalityMatch, PostcodeMatch, StreetMatch
from ._base import Matcher
from ._date import DateMatch
from ._identifier import EmailMatch, ExactMatch, IdentifierMatch, PhoneMatch
from ._name import FirstNameMatch, LastNameMatch

__all__ = ["default_matchers"]


def default_matchers(columns: Collection[str]) -> list[Matcher]:
    """One built-in matcher per standardised column present in the data.

    ``full_name`` never appears here: standardisation splits it into
    ``first_name`` and ``last_name``.
    """
    present = set(columns)
    table: list[tuple[str, Matcher]] = [
        ("first_name", FirstNameMatch()),
        ("last_name", LastNameMatch()),
        ("dob", DateMatch()),
        ("email", EmailMatch()),
        ("phone", PhoneMatch()),
        ("street", StreetMatch()),
        ("city", CityMatch()),
        ("postcode", PostcodeMatch()),
        ("country", ExactMatch("country", tf=False)),
        ("device_id", IdentifierMatch("device_id", kinds=True)),
        ("loyalty_id", IdentifierMatch("loyalty_id")),
        ("customer_id", IdentifierMatch("customer_id", typo=True)),
    ]
    chosen = [m for column, m in table if column in present]
    if "city" in present and present & {"postcode", "phone"}:
        # Place inferred from postcodes and phone prefixes (see unifyid._locality).
        chosen.append(LocalityMatch())
    return chosen
