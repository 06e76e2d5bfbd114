"""Survivorship rules: which record's value a golden record keeps.

A rule ranks the records of a profile that offer a value for a field; the
best-ranked record's value survives. Rules are small immutable value objects,
validated at construction. A rule never loops over profiles: it turns the
candidate records of all profiles into integer sort keys ("smaller is
better"), and the builder sorts once by ``(profile, *keys, source, record_id)``
and keeps the first record of every profile. The last key, the record's
position in ``(source, record_id)`` order, makes every choice deterministic
whatever the input row order.

A rule may name the rule that breaks its ties with ``then``:
``MostRecent(then=SourcePriority(("store", "app")))`` keeps the latest value
and, between records of the same second (or without a timestamp), the one of
the preferred source.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from .._errors import ConfigError

__all__ = [
    "Candidates",
    "Longest",
    "MostFrequent",
    "MostRecent",
    "SourcePriority",
    "SurvivorshipRule",
]


class Candidates:
    """The records offering a value for one field, as arrays a rule ranks on.

    Parameters
    ----------
    profile : numpy.ndarray
        Profile code (int64) of every candidate record.
    time : numpy.ndarray
        Rank of the record's ``timestamp`` in time order (int64); -1 when missing.
    source : numpy.ndarray
        Code (int64) of the record's source into ``sources``.
    sources : tuple of str
        Source names in name order.
    value : callable
        Returns the code (int64) of each candidate's standardised value; two
        candidates agree exactly when their codes are equal. Called only by
        rules that need it.
    length : callable
        Returns the length (int64) of each candidate's value as written.
    """

    def __init__(
        self,
        profile: np.ndarray,
        time: np.ndarray,
        source: np.ndarray,
        sources: tuple[str, ...],
        value: Callable[[], np.ndarray],
        length: Callable[[], np.ndarray],
    ) -> None:
        self.profile = profile
        self.time = time
        self.source = source
        self.sources = sources
        self._value = value
        self._length = length

    def __len__(self) -> int:
        return len(self.profile)

    @cached_property
    def value(self) -> np.ndarray:
        """Code of each candidate's standardised value."""
        return np.asarray(self._value(), dtype=np.int64)

    @cached_property
    def length(self) -> np.ndarray:
        """Length of each candidate's value as the source wrote it."""
        return np.asarray(self._length(), dtype=np.int64)

    @cached_property
    def count(self) -> np.ndarray:
        """How many records of the same profile offer the same value."""
        if len(self) == 0:
            return np.zeros(0, dtype=np.int64)
        key = self.profile * (int(self.value.max()) + 1) + self.value
        codes, _ = pd.factorize(key)
        return np.bincount(codes)[codes].astype(np.int64)


@dataclass(frozen=True)
class SurvivorshipRule(ABC):
    """Base of survivorship rules; subclasses define ``_own_keys`` and ``_own_label``.

    Parameters
    ----------
    then : SurvivorshipRule, optional
        Breaks the ties this rule leaves. Whatever remains tied goes to the
        record first in ``(source, record_id)`` order.
    """

    then: SurvivorshipRule | None = field(default=None, kw_only=True)

    def __post_init__(self) -> None:
        if self.then is not None and not isinstance(self.then, SurvivorshipRule):
            raise ConfigError(
                f"{type(self).__name__}(then=...) expects a survivorship rule "
                f"(MostRecent, MostFrequent, SourcePriority, Longest) or None, "
                f"got {type(self.then).__name__}"
            )

    @abstractmethod
    def _own_keys(self, c: Candidates) -> list[np.ndarray]:
        """Sort keys of this rule alone, most significant first, smaller is better."""

    def _fallback_keys(self, c: Candidates) -> list[np.ndarray]:
        """Keys applied after ``then`` (a rule's built-in tie-break)."""
        return []

    @abstractmethod
    def _own_label(self) -> str:
        """Short name of this rule alone, as shown in lineage."""

    def sort_keys(self, c: Candidates) -> list[np.ndarray]:
        """Integer sort keys for the candidates, most significant first, smaller is better."""
        keys = self._own_keys(c)
        if self.then is not None:
            keys += self.then.sort_keys(c)
        return keys + self._fallback_keys(c)

    @property
    def label(self) -> str:
        """The rule as named in lineage, e.g. ``"MostRecent then Longest"``."""
        own = self._own_label()
        return own if self.then is None else f"{own} then {self.then.label}"

    def _then_repr(self) -> str:
        return "" if self.then is None else f"then={self.then!r}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._then_repr()})"


def _recency(c: Candidates) -> np.ndarray:
    # Time ranks are >= 0 and -1 when missing: negated, the latest comes first
    # and records without a timestamp come last.
    return -c.time


@dataclass(frozen=True, repr=False)
class MostRecent(SurvivorshipRule):
    """Keep the value of the record with the latest ``timestamp``.

    Records without a timestamp rank after all records with one. Suited to
    values that change over time (email, phone, address, device).

    Examples
    --------
    >>> MostRecent()
    MostRecent()
    >>> MostRecent(then=Longest()).label
    'MostRecent then Longest'
    """

    def _own_keys(self, c: Candidates) -> list[np.ndarray]:
        return [_recency(c)]

    def _own_label(self) -> str:
        return "MostRecent"


@dataclass(frozen=True, repr=False)
class MostFrequent(SurvivorshipRule):
    """Keep the value most records of the profile agree on (standardised).

    Ties go to ``then`` if given, then to the most recent record. Suited to
    values that do not change, where a keying error is outvoted (name, date of
    birth, loyalty number).

    Examples
    --------
    >>> MostFrequent().label
    'MostFrequent'
    """

    def _own_keys(self, c: Candidates) -> list[np.ndarray]:
        return [-c.count]

    def _fallback_keys(self, c: Candidates) -> list[np.ndarray]:
        return [_recency(c)]

    def _own_label(self) -> str:
        return "MostFrequent"


@dataclass(frozen=True, repr=False)
class SourcePriority(SurvivorshipRule):
    """Keep the value of the most trusted source that has one.

    Parameters
    ----------
    order : sequence of str
        Source names, most trusted first. Sources not listed rank after the
        listed ones, in name order.
    then : SurvivorshipRule, optional
        Breaks ties between records of one source.

    Raises
    ------
    ConfigError
        ``order`` is not a non-empty sequence of distinct, non-empty names.

    Examples
    --------
    >>> rule = SourcePriority(["store", "app"])
    >>> rule
    SourcePriority(('store', 'app'))
    >>> rule.label
    'SourcePriority(store>app)'
    """

    order: tuple[str, ...]

    def __post_init__(self) -> None:
        super().__post_init__()
        order = self.order
        if isinstance(order, (str, bytes)) or not hasattr(order, "__iter__"):
            raise ConfigError(
                "SourcePriority(order) expects a sequence of source names, "
                f"got {type(order).__name__}"
            )
        order = tuple(order)
        bad = [type(s).__name__ for s in order if not isinstance(s, str) or not s.strip()]
        if not order or bad:
            raise ConfigError(
                "SourcePriority(order) expects a non-empty sequence of non-empty source "
                f"names, got {len(order)} item(s)"
                + (f" including non-names of type(s) {sorted(set(bad))}" if bad else "")
            )
        repeated = sorted({s for s in order if order.count(s) > 1})
        if repeated:
            raise ConfigError(f"SourcePriority(order) names a source twice: {repeated}")
        object.__setattr__(self, "order", order)

    def _own_keys(self, c: Candidates) -> list[np.ndarray]:
        rank = {name: k for k, name in enumerate(self.order)}
        unlisted = len(self.order)
        # c.sources is in name order, so unlisted sources keep name order.
        by_code = np.array(
            [rank.get(name, unlisted + k) for k, name in enumerate(c.sources)], dtype=np.int64
        )
        return [by_code[c.source]] if len(by_code) else [c.source]

    def _own_label(self) -> str:
        return f"SourcePriority({'>'.join(self.order)})"

    def __repr__(self) -> str:
        then = self._then_repr()
        return f"SourcePriority({self.order!r}{', ' + then if then else ''})"


@dataclass(frozen=True, repr=False)
class Longest(SurvivorshipRule):
    """Keep the most complete value: the longest as the source wrote it.

    For a field group (name, address) the lengths of its parts are added.
    Suited to free text where more is more information (a street line with
    the apartment number).

    Examples
    --------
    >>> Longest(then=MostRecent())
    Longest(then=MostRecent())
    """

    def _own_keys(self, c: Candidates) -> list[np.ndarray]:
        return [-c.length]

    def _own_label(self) -> str:
        return "Longest"
