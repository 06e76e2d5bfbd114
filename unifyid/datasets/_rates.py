"""The rates that control every hard case of the synthetic customer generator.

They live in one module so that the documentation, the generator and the tests
agree. Population rates are drawn once per person or household; channel rates
once per record of that channel. ``unifyid.datasets.Dataset.hard_cases`` reports
how many records and people each hard case actually produced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = [
    "CASUAL_NICKNAME",
    "CHANNELS",
    "CHANNEL_RATES",
    "POPULATION",
    "ChannelRates",
    "PopulationRates",
]

CHANNELS: tuple[str, ...] = ("web", "app", "support", "store")


@dataclass(frozen=True)
class PopulationRates:
    """Per-person and per-household rates."""

    #: P(household of 1..5 people), per household. About 31% of people share
    #: an address with at least one other customer.
    household_size: tuple[float, ...] = (0.86, 0.07, 0.04, 0.02, 0.01)
    #: Multi-person households that are families (shared surname); the rest are
    #: flatmates with unrelated names.
    family: float = 0.85
    #: In a family, the second adult keeps their own surname.
    partner_own_surname: float = 0.25
    #: Multi-person households with a landline that members give out.
    landline: float = 0.35
    #: Family households with one mailbox several members use.
    family_email: float = 0.25
    #: Multi-person households with a shared tablet seen by the app and the website.
    family_tablet: float = 0.2
    #: Family households whose two youngest members are twins (same birth date).
    twins: float = 0.1
    #: Twins whose given names are near-identical ("Daniel"/"Danielle").
    similar_twin_names: float = 0.4
    #: Single-person households given one of a dozen very common full names.
    common_full_name: float = 0.015
    #: People who move house; records after the move date carry the new address.
    mover: float = 0.1
    #: Movers who leave for another city (the rest move within their city).
    move_city: float = 0.5
    #: People who switch to a new mailbox; records after the switch use it.
    email_change: float = 0.08
    #: People whose given name has nicknames and who go by one of them.
    goes_by_nickname: float = 0.5
    #: Addresses with an apartment or unit number.
    apartment: float = 0.3
    #: P(appearing in 1, 2, 3, 4 channels).
    n_channels: tuple[float, ...] = (0.52, 0.27, 0.14, 0.07)
    #: Relative popularity of each channel (web, app, support, store).
    channel_weight: tuple[float, ...] = (0.34, 0.22, 0.14, 0.3)


@dataclass(frozen=True)
class ChannelRates:
    """Per-record rates of one channel; ``missing`` maps a field to its missing rate."""

    extra_account: tuple[float, float]  # P(2nd account), P(3rd account | 2nd)
    nickname: float  # record uses the nickname, for people who go by one
    name_typo: float
    name_swap: float
    accent_drop: float  # for names with accents
    upper: float
    lower: float
    spaces: float
    junk_email: float = 0.0
    family_email: float = 0.0  # for members of households with a family mailbox
    alt_email: float = 0.0
    email_variant: float = 0.0  # gmail dots / +tag / case, for gmail users
    email_typo: float = 0.0
    junk_phone: float = 0.0
    store_phone: float = 0.0  # the store's own number typed in as the customer's
    landline: float = 0.0  # household landline instead of the mobile
    junk_device: float = 0.0  # the shared demo device id
    family_device: float = 0.0  # household tablet instead of the own device
    public_device: float = 0.0  # a library / kiosk computer
    street_typo: float = 0.0
    dob_error: float = 0.0
    zip_lost_zero: float = 0.0  # ZIP codes starting with 0 stored as a number
    missing: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))


#: A person without a nickname habit still uses one this often.
CASUAL_NICKNAME = 0.03

POPULATION = PopulationRates()

CHANNEL_RATES: MappingProxyType = MappingProxyType(
    {
        "web": ChannelRates(
            extra_account=(0.07, 0.12),
            nickname=0.35,
            name_typo=0.03,
            name_swap=0.01,
            accent_drop=0.3,
            upper=0.02,
            lower=0.08,
            spaces=0.03,
            junk_email=0.015,
            family_email=0.5,
            alt_email=0.12,
            email_variant=0.15,
            email_typo=0.01,
            family_device=0.4,
            public_device=0.01,
            missing=MappingProxyType(
                {
                    "email": 0.01,
                    "first_name": 0.1,
                    "last_name": 0.12,
                    "postcode": 0.25,
                    "cookie_id": 0.15,
                    "marketing_opt_in": 0.05,
                }
            ),
        ),
        "app": ChannelRates(
            extra_account=(0.04, 0.1),
            nickname=0.7,
            name_typo=0.03,
            name_swap=0.02,
            accent_drop=0.4,
            upper=0.02,
            lower=0.05,
            spaces=0.03,
            junk_email=0.01,
            family_email=0.4,
            alt_email=0.15,
            email_variant=0.2,
            email_typo=0.01,
            junk_phone=0.01,
            junk_device=0.01,
            family_device=0.4,
            missing=MappingProxyType(
                {"email": 0.15, "phone": 0.2, "full_name": 0.08, "device_id": 0.05}
            ),
        ),
        "support": ChannelRates(
            extra_account=(0.15, 0.25),
            nickname=0.6,
            name_typo=0.04,
            name_swap=0.02,
            accent_drop=0.5,
            upper=0.05,
            lower=0.1,
            spaces=0.05,
            junk_email=0.02,
            family_email=0.3,
            alt_email=0.1,
            email_variant=0.1,
            email_typo=0.015,
            junk_phone=0.015,
            landline=0.4,
            missing=MappingProxyType({"name": 0.05, "email": 0.2, "phone": 0.3, "city": 0.5}),
        ),
        "store": ChannelRates(
            extra_account=(0.06, 0.12),
            nickname=0.5,
            name_typo=0.03,
            name_swap=0.015,
            accent_drop=0.7,
            upper=0.25,
            lower=0.02,
            spaces=0.04,
            junk_phone=0.02,
            store_phone=0.04,
            landline=0.5,
            street_typo=0.05,
            dob_error=0.01,
            zip_lost_zero=0.3,
            missing=MappingProxyType(
                {
                    "loyalty_id": 0.3,
                    "first": 0.03,
                    "last": 0.03,
                    "phone": 0.25,
                    "dob": 0.4,
                    "address": 0.3,
                }
            ),
        ),
    }
)
