"""Cannot-link rules: comparison outcomes that rule out one person, whatever the score."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from .._errors import ConfigError
from ..matchers import Matcher

__all__ = ["DEFAULT_CANNOT_LINK", "CannotLink", "cannot_link_mask"]


@dataclass(frozen=True)
class CannotLink:
    """Two records can never be one customer when every condition holds.

    ``when`` maps a matcher name to the level labels that count as conflict,
    e.g. ``{"first_name": ("else",), "dob": ("else",)}``: different first
    names *and* different dates of birth (household members, not typos).
    Conditions on matchers absent from the resolver are never met.

    Examples
    --------
    >>> CannotLink({"first_name": ("else",), "dob": ("else",)}).name
    'first_name=else & dob=else'
    """

    when: Mapping[str, tuple[str, ...]]
    name: str = field(default="")

    def __post_init__(self) -> None:
        if not isinstance(self.when, Mapping) or not self.when:
            raise ConfigError(f"CannotLink: `when` must map matcher names to levels, got {self.when!r}.")
        norm = {}
        for k, v in self.when.items():
            levels = (v,) if isinstance(v, str) else tuple(v)
            if not levels or not all(isinstance(x, str) for x in levels):
                raise ConfigError(f"CannotLink: levels of {k!r} must be level labels, got {v!r}.")
            norm[str(k)] = levels
        object.__setattr__(self, "when", MappingProxyType(norm))
        if not self.name:
            label = " & ".join(f"{k}={'|'.join(v)}" for k, v in norm.items())
            object.__setattr__(self, "name", label)


#: Household members and twins share address, phone, email and even birthday;
#: their first names (beyond nicknames, initials and typos) tell them apart.
DEFAULT_CANNOT_LINK: tuple[CannotLink, ...] = (
    CannotLink({"first_name": ("else",), "dob": ("else",)}),
    CannotLink({"first_name": ("else",), "last_name": ("else",)}),
)


def cannot_link_mask(
    gamma: np.ndarray, matchers: Sequence[Matcher], rules: Sequence[CannotLink]
) -> np.ndarray:
    """Index of the first rule each pair violates, or -1."""
    out = np.full(len(gamma), -1, dtype=np.int16)
    index = {m.name: k for k, m in enumerate(matchers)}
    for r, rule in enumerate(rules):
        hit = np.ones(len(gamma), dtype=bool)
        for name, labels in rule.when.items():
            k = index.get(name)
            if k is None:
                hit[:] = False
                break
            all_labels = matchers[k].level_labels()
            unknown = [lab for lab in labels if lab not in all_labels]
            if unknown:
                raise ConfigError(
                    f"CannotLink {rule.name!r}: matcher {name!r} has no level(s) {unknown}; "
                    f"its levels are {list(all_labels)}."
                )
            codes = [all_labels.index(lab) for lab in labels]
            hit &= np.isin(gamma[:, k], codes)
        out[(out < 0) & hit] = r
    return out
