"""The registry of semantic types: each type declared once, every list derived from it.

A semantic type is what a source says one of its columns holds. Its record
says which kind of fact it is (an identifier, a name part, a date, a place,
...), whether it is plain text or an encoding written by ``unifyid encode``,
and which column standardiser of ``unifyid.standardise`` reads it. The lists
in ``unifyid._schema``, the standardisation dispatch, the default matchers and
the golden fields all read this registry, so a new identifier type is one
entry here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ._errors import ConfigError

__all__ = [
    "KINDS",
    "SemanticType",
    "register_semantic_type",
    "registered_types",
    "semantic_type",
    "type_names",
]

#: The kinds of fact a semantic type holds. ``identifier``: exact identifiers,
#: strong evidence of one customer unless junk or shared; ``helper``: partial
#: evidence derived from another encoded type (never mapped on its own).
KINDS: tuple[str, ...] = (
    "identifier",
    "name",
    "date",
    "place",
    "country",
    "timestamp",
    "extra",
    "helper",
)

#: How the values are written: as the customer gave them, as keyed digests
#: (HMAC-SHA256, hex) or as keyed Bloom-filter encodings (base64).
VALUE_ENCODINGS: tuple[str, ...] = ("plain", "digest", "clk")


@dataclass(frozen=True)
class SemanticType:
    """One semantic type: its name, kind, encoding and column standardiser.

    ``standardiser`` names an entry of ``unifyid.standardise``'s column
    standardisers (``None``: the column is not standardised on its own, as
    ``full_name``, split into first and last name, and ``extra``).
    """

    name: str
    kind: str
    encoding: str = "plain"
    standardiser: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ConfigError(
                f"semantic type {self.name!r}: unknown kind {self.kind!r}; kinds are {list(KINDS)}"
            )
        if self.encoding not in VALUE_ENCODINGS:
            raise ConfigError(
                f"semantic type {self.name!r}: unknown encoding {self.encoding!r}; "
                f"encodings are {list(VALUE_ENCODINGS)}"
            )


def _plain(name: str, kind: str, standardiser: str | None) -> SemanticType:
    return SemanticType(name, kind, "plain", standardiser)


def _digest(name: str, kind: str) -> SemanticType:
    return SemanticType(name, kind, "digest", "encoded")


def _clk(name: str, kind: str) -> SemanticType:
    return SemanticType(name, kind, "clk", "encoded")


#: The built-in types, in the order every derived list keeps.
_BUILT_IN: tuple[SemanticType, ...] = (
    _plain("email", "identifier", "email"),
    _plain("phone", "identifier", "phone"),
    _plain("first_name", "name", "person_name"),
    _plain("last_name", "name", "person_name"),
    _plain("full_name", "name", None),
    _plain("dob", "date", "date_of_birth"),
    _plain("street", "place", "street"),
    _plain("city", "place", "city"),
    _plain("postcode", "place", "postcode"),
    _plain("country", "country", "country"),
    _plain("device_id", "identifier", "identifier"),
    _plain("loyalty_id", "identifier", "identifier"),
    _plain("customer_id", "identifier", "identifier"),
    _plain("timestamp", "timestamp", "timestamp"),
    _plain("extra", "extra", None),
    # Keyed digests: equal values give equal digests, nothing else is learnt
    # from them. Helper digests keep partial evidence: the email's local
    # part, the birth date with day and month swapped, the first name's
    # nickname group.
    _digest("email_hmac", "identifier"),
    _digest("email_local_hmac", "helper"),
    _digest("phone_hmac", "identifier"),
    _digest("device_id_hmac", "identifier"),
    _digest("loyalty_id_hmac", "identifier"),
    _digest("customer_id_hmac", "identifier"),
    _digest("dob_hmac", "date"),
    _digest("dob_swap_hmac", "helper"),
    _digest("first_key_hmac", "helper"),
    _digest("postcode_hmac", "place"),
    # Keyed Bloom-filter encodings of values compared by similarity.
    _clk("first_name_clk", "name"),
    _clk("last_name_clk", "name"),
    _clk("street_clk", "place"),
    _clk("city_clk", "place"),
)

_registry: dict[str, SemanticType] = {t.name: t for t in _BUILT_IN}


def registered_types() -> tuple[SemanticType, ...]:
    """Every registered semantic type, built-ins first, in registration order."""
    return tuple(_registry.values())


def semantic_type(name: str) -> SemanticType:
    """The registered type called ``name``.

    Raises
    ------
    ConfigError
        No type of that name is registered.
    """
    try:
        return _registry[name]
    except KeyError:
        raise ConfigError(
            f"unknown semantic type {name!r}; valid types are {', '.join(_registry)}"
        ) from None


def type_names(*, kind: str | None = None, encoding: str | None = None) -> tuple[str, ...]:
    """Names of the registered types of one kind and/or encoding, in registry order.

    Examples
    --------
    >>> type_names(kind="name", encoding="plain")
    ('first_name', 'last_name', 'full_name')
    """
    return tuple(
        t.name
        for t in _registry.values()
        if (kind is None or t.kind == kind) and (encoding is None or t.encoding == encoding)
    )


def register_semantic_type(new: SemanticType) -> None:
    """Add a semantic type after the registered ones.

    A plain ``identifier`` with the ``identifier`` standardiser is then
    accepted by ``Source``, standardised, compared by an ``IdentifierMatch``
    of its name, blocked on and kept in golden records, like ``loyalty_id``;
    its keyed digest ``<name>_hmac`` is registered with it, so ``unifyid
    encode`` writes it and encoded sources match on it. Lists
    computed at import (``unifyid.SEMANTIC_TYPES`` and its siblings) keep the
    built-in vocabulary.

    Raises
    ------
    ConfigError
        A type of that name is already registered.
    """
    if new.name in _registry:
        raise ConfigError(f"semantic type {new.name!r} is already registered")
    _registry[new.name] = new
    digest = f"{new.name}_hmac"
    if new.kind == "identifier" and new.encoding == "plain" and digest not in _registry:
        # Its keyed digest, so that ``unifyid encode`` writes it and encoded
        # sources may map it, as for the built-in identifiers.
        _registry[digest] = _digest(digest, "identifier")


@contextmanager
def registry_restored() -> Iterator[None]:
    """Restore the registry as it was on entry when the block ends (for tests)."""
    saved = dict(_registry)
    try:
        yield
    finally:
        _registry.clear()
        _registry.update(saved)
