"""The built-in matcher set, chosen from the columns the sources provide."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from .._types import type_names
from ._address import (
    PLACE_COLUMNS,
    CityMatch,
    LocalityMatch,
    PlaceMatch,
    PostcodeMatch,
    StreetMatch,
)
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

__all__ = [
    "DEFAULT_MATCHERS",
    "ENCODED_MATCHERS",
    "DefaultMatcher",
    "built_in_classes",
    "default_matchers",
    "encoded_matchers",
]


@dataclass(frozen=True)
class DefaultMatcher:
    """One matcher of a built-in set: the semantic types it compares and how it is made.

    It is chosen when one of ``types`` is present; ``make`` gets those
    present, in the order of ``types``.
    """

    types: tuple[str, ...]
    make: Callable[[tuple[str, ...]], Matcher]


def _single(make: Callable[[], Matcher], column: str) -> DefaultMatcher:
    return DefaultMatcher((column,), lambda _present: make())


#: The plain built-in matchers, in the order of their gamma columns (and so of
#: a saved model's parameters). ``full_name`` never appears: standardisation
#: splits it into ``first_name`` and ``last_name``. Street, postcode and city
#: are one fact, compared by one ``PlaceMatch`` (which also reads the locality
#: inferred from postcodes and phone prefixes), so a place is never counted twice.
DEFAULT_MATCHERS: tuple[DefaultMatcher, ...] = (
    _single(FirstNameMatch, "first_name"),
    _single(LastNameMatch, "last_name"),
    _single(DateMatch, "dob"),
    _single(EmailMatch, "email"),
    _single(PhoneMatch, "phone"),
    DefaultMatcher(PLACE_COLUMNS, lambda present: PlaceMatch(columns=present)),
    _single(lambda: ExactMatch("country", tf=False), "country"),
    _single(lambda: IdentifierMatch("device_id", kinds=True), "device_id"),
    _single(lambda: IdentifierMatch("loyalty_id"), "loyalty_id"),
    _single(lambda: IdentifierMatch("customer_id", typo=True), "customer_id"),
)

#: The built-in matchers of encoded data (see ``unifyid.encode``), in gamma order.
ENCODED_MATCHERS: tuple[DefaultMatcher, ...] = (
    _single(EncodedFirstNameMatch, "first_name_clk"),
    _single(lambda: DiceMatch("last_name_clk", swapped_with="first_name_clk"), "last_name_clk"),
    _single(EncodedDateMatch, "dob_hmac"),
    _single(EncodedEmailMatch, "email_hmac"),
    _single(lambda: DigestMatch("phone_hmac"), "phone_hmac"),
    DefaultMatcher(("street_clk", "postcode_hmac", "city_clk"), lambda _: EncodedPlaceMatch()),
    _single(lambda: DigestMatch("device_id_hmac"), "device_id_hmac"),
    _single(lambda: DigestMatch("loyalty_id_hmac"), "loyalty_id_hmac"),
    _single(lambda: DigestMatch("customer_id_hmac"), "customer_id_hmac"),
)


def _identifier_entries(
    table: tuple[DefaultMatcher, ...], encoding: str, make: Callable[[str], Matcher]
) -> tuple[DefaultMatcher, ...]:
    """The table, then one matcher per registered identifier type it does not cover."""
    covered = {t for entry in table for t in entry.types}
    added = tuple(
        _single(lambda name=name: make(name), name)
        for name in type_names(kind="identifier", encoding=encoding)
        if name not in covered
    )
    return (*table, *added)


def _chosen(table: tuple[DefaultMatcher, ...], present: set[str]) -> list[Matcher]:
    out = []
    for entry in table:
        found = tuple(t for t in entry.types if t in present)
        if found:
            out.append(entry.make(found))
    return out


def default_matchers(columns: Collection[str]) -> list[Matcher]:
    """One built-in matcher per fact present in the data, in ``DEFAULT_MATCHERS`` order.

    Identifier types registered beyond the built-in ones (see
    ``unifyid._types``) follow, one ``IdentifierMatch`` each. Encoded data
    gets :func:`encoded_matchers`.
    """
    present = set(columns)
    if any(t in present for entry in ENCODED_MATCHERS for t in entry.types):
        return encoded_matchers(present)
    return _chosen(_identifier_entries(DEFAULT_MATCHERS, "plain", IdentifierMatch), present)


def encoded_matchers(columns: Collection[str]) -> list[Matcher]:
    """The built-in matchers of encoded data (see ``unifyid.encode``), one per fact present.

    They carry their plain counterparts' names, so a source is either plain
    or encoded: a run never mixes the two.
    """
    table = _identifier_entries(ENCODED_MATCHERS, "digest", DigestMatch)
    return _chosen(table, set(columns))


#: Built-in matchers of no default set: the parts ``PlaceMatch`` is made of,
#: for users composing their own set.
_PARTS: tuple[type[Matcher], ...] = (CityMatch, LocalityMatch, PostcodeMatch, StreetMatch)


def built_in_classes() -> dict[str, type[Matcher]]:
    """The built-in matcher classes by name: those of the default sets, then the parts.

    A saved model rebuilds these from their parameters.
    """
    made = [entry.make(entry.types) for entry in (*DEFAULT_MATCHERS, *ENCODED_MATCHERS)]
    return {k.__name__: k for k in (*(type(m) for m in made), *_PARTS)}
