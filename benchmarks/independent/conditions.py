"""The knobs of the independent generator, their defaults and what each one moves."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

import pandas as pd

from benchmarks.independent.names import ORIGINS

__all__ = ["DEFAULT_ORIGIN_MIX", "T0", "T1", "Conditions"]

#: Records fall between these two instants (epoch seconds, UTC).
T0 = int(pd.Timestamp("2019-01-01", tz="UTC").timestamp())
T1 = int(pd.Timestamp("2025-12-31", tz="UTC").timestamp())

#: Share of people by origin (a US retailer's customers in large cities).
DEFAULT_ORIGIN_MIX: dict[str, float] = {
    "anglo": 0.46,
    "hispanic": 0.18,
    "korean": 0.05,
    "chinese": 0.06,
    "indian": 0.05,
    "vietnamese": 0.04,
    "arabic": 0.05,
    "east_european": 0.05,
    "italian": 0.06,
}


@dataclass(frozen=True)
class Conditions:
    """Every knob of :func:`~benchmarks.independent.make_independent`, with its default.

    Shares of people unless said otherwise; rates are per record and field.
    """

    #: mean records per person (1M records ~ 350k people at the default)
    records_per_person: float = 2.86
    #: people who live with family: same surname, address and landline, often one email or tablet
    household_share: float = 0.35
    #: people who are one of twins (same birth date, surname, address; similar first names)
    twin_share: float = 0.01
    #: people whose surname changes between older and newer records (marriage)
    married_change_share: float = 0.06
    #: of those, share who write a hyphenated double surname afterwards
    hyphen_share: float = 0.3
    #: people who move: later records carry a new address (and often a new landline)
    move_share: float = 0.15
    #: share of store records that carry an email or phone at all (support tickets:
    #: halfway between this and 1; web and app accounts always have a login)
    contact_share: float = 0.6
    #: share of people by origin (missing origins get 0; normalised)
    origin_mix: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_ORIGIN_MIX))
    #: share of records that belong to frequent customers: people with 20 to
    #: ``frequent_max_records`` near-identical support tickets or store orders
    frequent_share: float = 0.01
    #: most records one frequent customer has (20 .. this many, log-uniform)
    frequent_max_records: int = 300
    #: records whose email or phone is a junk value (test@test.com, 0000000000, ...)
    junk_share: float = 0.01
    #: store records that carry the store's default phone instead of the customer's
    default_phone_share: float = 0.03
    #: app records made on an in-store kiosk (a few device ids shared by thousands)
    kiosk_share: float = 0.02
    #: app records of household members made on the family tablet
    shared_device_share: float = 0.3
    #: typo rate per text field and record (keyboard slips; OCR confusions in store forms)
    typo_rate: float = 0.04
    #: records with first and last name swapped
    swap_share: float = 0.015
    #: records with the first name as an initial only
    initial_share: float = 0.02
    #: people who go by a nickname or an English name in some channels
    nickname_share: float = 0.3
    #: rate at which an optional field is left empty
    missing_rate: float = 0.08
    #: people who use a second email address in some records
    second_email_share: float = 0.2

    def __post_init__(self) -> None:
        for f in fields(self):
            v = getattr(self, f.name)
            if f.name == "origin_mix":
                unknown = set(v) - set(ORIGINS)
                if unknown or not v or sum(v.values()) <= 0 or min(v.values()) < 0:
                    raise ValueError(
                        f"origin_mix: expected non-negative shares over {list(ORIGINS)}, "
                        f"got keys {sorted(v)}."
                    )
            elif f.name == "records_per_person":
                if not 1.0 <= v <= 50.0:
                    raise ValueError(f"records_per_person must be in [1, 50], got {v}.")
            elif f.name == "frequent_max_records":
                if not 20 <= v <= 5000:
                    raise ValueError(f"frequent_max_records must be in [20, 5000], got {v}.")
            elif not 0.0 <= v <= 1.0:
                raise ValueError(f"{f.name} must be a share in [0, 1], got {v}.")

    @classmethod
    def from_kwargs(cls, **kwargs: Any) -> Conditions:
        """Build from keyword arguments, naming any unknown knob."""
        known = {f.name for f in fields(cls)}
        unknown = set(kwargs) - known
        if unknown:
            raise TypeError(f"unknown condition(s) {sorted(unknown)}; known: {sorted(known)}.")
        return cls(**kwargs)

    def origin_shares(self) -> tuple[list[str], list[float]]:
        """Origins and their normalised shares."""
        names = [o for o in ORIGINS if self.origin_mix.get(o, 0) > 0]
        total = sum(self.origin_mix[o] for o in names)
        return names, [self.origin_mix[o] / total for o in names]
