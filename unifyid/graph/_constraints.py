"""Cannot-link rules: comparison outcomes that rule out one person, whatever the score."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from .._errors import ConfigError, mask
from .._types import type_names
from ..matchers import Matcher

__all__ = ["ENCODED_CANNOT_LINK", "CannotLink", "cannot_link_mask", "default_cannot_link"]


def _levels_map(owner: str, value: object) -> Mapping[str, tuple[str, ...]]:
    if not isinstance(value, Mapping):
        raise ConfigError(
            f"CannotLink: `{owner}` must map matcher names to level labels, got {mask(value)}."
        )
    norm = {}
    for k, v in value.items():
        levels = (v,) if isinstance(v, str) else tuple(v)  # type: ignore[arg-type]
        if not levels or not all(isinstance(x, str) for x in levels):
            raise ConfigError(
                f"CannotLink: levels of {k!r} in `{owner}` must be level labels, got {mask(v)}."
            )
        norm[str(k)] = levels
    return MappingProxyType(norm)


@dataclass(frozen=True)
class CannotLink:
    """Two records can never be one customer when every ``when`` condition holds
    and no ``unless`` condition does.

    Both map a matcher name to level labels, e.g. ``when={"first_name":
    "else"}``: clearly different first names (beyond nicknames, initials and
    typos); ``unless={"email": "exact"}``: except when a personal email
    agrees. A ``when`` condition on a matcher the resolver lacks is never met;
    so is an ``unless`` condition.

    Examples
    --------
    >>> CannotLink({"first_name": "else"}, unless={"email": "exact"}).name
    'first_name=else unless email=exact'
    """

    when: Mapping[str, tuple[str, ...]]
    unless: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    name: str = field(default="")

    def __post_init__(self) -> None:
        when = _levels_map("when", self.when)
        if not when:
            raise ConfigError("CannotLink: `when` needs at least one condition.")
        unless = _levels_map("unless", self.unless)
        object.__setattr__(self, "when", when)
        object.__setattr__(self, "unless", unless)
        if not self.name:
            label = " & ".join(f"{k}={'|'.join(v)}" for k, v in when.items())
            if unless:
                label += " unless " + " or ".join(f"{k}={'|'.join(v)}" for k, v in unless.items())
            object.__setattr__(self, "name", label)


#: Levels of a personal identifier that say two records are one customer's:
#: an exact agreement; a keyed customer number with one digit wrong is still
#: that customer's.
_AGREES = {"customer_id": ("exact", "within one edit")}


def default_cannot_link(matchers: Sequence[Matcher]) -> tuple[CannotLink, ...]:
    """The default rules for these matchers: names and birth dates that clearly differ.

    Household members and twins share address, surname, phone, even a
    birthday; a clearly different first name (beyond nicknames, initials,
    typos and swapped fields), or two similar names that are both real given
    names (twins Mason and Madison), tells them apart, and so does a clearly
    different birth date (a parent and a child of one name), unless a
    personal identifier (one the data does not show to be shared) agrees
    exactly. Personal identifiers are the matchers of every registered plain
    identifier type (``unifyid._types``), so a registered type counts with no
    other edit. Applied by default only where the data shows households (see
    ``household_evidence``).
    """
    levels = {m.name: m.level_labels() for m in matchers}
    unless = {}
    for name in type_names(kind="identifier", encoding="plain"):
        labels = _AGREES.get(name, ("exact",))
        if name in levels:  # a matcher of the resolver's: only levels it has
            labels = tuple(x for x in labels if x in levels[name])
        if labels:
            unless[name] = labels
    return (
        CannotLink({"first_name": ("else", "two similar given names")}, unless=unless),
        CannotLink({"dob": ("else",)}, unless=unless),
    )


_ENCODED_ID_AGREES = {
    c: ("exact",) for c in ("email", "phone", "device_id", "loyalty_id", "customer_id")
}

#: The same protection for encoded sources, whose matchers have fewer levels:
#: a clearly different first name (Dice below every threshold and another
#: nickname group) or birth date, unless a personal identifier digest agrees.
ENCODED_CANNOT_LINK: tuple[CannotLink, ...] = (
    CannotLink({"first_name": ("else",)}, unless=_ENCODED_ID_AGREES),
    CannotLink({"dob": ("else",)}, unless=_ENCODED_ID_AGREES),
)


def cannot_link_mask(
    gamma: np.ndarray, matchers: Sequence[Matcher], rules: Sequence[CannotLink]
) -> np.ndarray:
    """Index of the first rule each pair violates, or -1."""
    out = np.full(len(gamma), -1, dtype=np.int16)
    index = {m.name: k for k, m in enumerate(matchers)}

    def holds(rule: CannotLink, name: str, labels: tuple[str, ...]) -> np.ndarray:
        k = index.get(name)
        if k is None:
            return np.zeros(len(gamma), dtype=bool)
        all_labels = matchers[k].level_labels()
        unknown = [lab for lab in labels if lab not in all_labels]
        if unknown:
            raise ConfigError(
                f"CannotLink {rule.name!r}: matcher {name!r} has no level(s) {unknown}; "
                f"its levels are {list(all_labels)}."
            )
        return np.isin(gamma[:, k], [all_labels.index(lab) for lab in labels])

    for r, rule in enumerate(rules):
        hit = np.ones(len(gamma), dtype=bool)
        for name, labels in rule.when.items():
            hit &= holds(rule, name, labels)
        for name, labels in rule.unless.items():
            hit &= ~holds(rule, name, labels)
        out[(out < 0) & hit] = r
    return out
