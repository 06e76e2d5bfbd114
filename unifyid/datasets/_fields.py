"""Column renderers shared by the synthetic channels.

Each renderer turns the truth about the people behind a channel's records into
one column as that channel would store it (names with nicknames, typos and
case noise; emails with junk, family and gmail variants; phones in the
channel's formats; addresses; birth dates) and records which hard case each
row exhibits in a :class:`Tags` collector.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._noise import (
    bernoulli,
    case_noise,
    email_typo,
    fold_ascii,
    format_phones,
    gmail_variant,
    pick,
    space_noise,
    typo,
)
from ._people import Address, People
from ._places_data import DIRECTIONS, JUNK_EMAILS, JUNK_PHONES, STREET_NAMES, STREET_TYPES
from ._rates import CASUAL_NICKNAME, ChannelRates

__all__ = [
    "DEMO_DEVICE",
    "KIOSK_COOKIES",
    "STORE_PHONES",
    "Records",
    "Tags",
    "address_of",
    "device_column",
    "dob_column",
    "email_column",
    "given_names",
    "phone_column",
    "street_column",
    "surnames",
    "text_noise",
]

#: The shared demo device that many unrelated app sessions report.
DEMO_DEVICE = "00000000-0000-0000-0000-000000000000"
#: Browsers of public library / in-store kiosk computers.
KIOSK_COOKIES = tuple(f"GA1.2.{n}.1546300800" for n in (100000001, 100000002, 100000003))
#: The stores' own (valid) numbers, typed by staff when a customer gives none.
STORE_PHONES = np.array([3127864400, 4159823300, 2127365500], dtype=np.int64)
_JUNK_EMAILS = [e for e, _ in JUNK_EMAILS]
_JUNK_EMAIL_W = np.array([w for _, w in JUNK_EMAILS])
_JUNK_PHONES = [e for e, _ in JUNK_PHONES]
_JUNK_PHONE_W = np.array([w for _, w in JUNK_PHONES])
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_GMAIL_TAGS = ("shop", "news", "promo", "web", "deals", "orders")


@dataclass(frozen=True)
class Records:
    """The records of one channel: who, which account, when, and which life stage."""

    p: np.ndarray  # person index
    acc: np.ndarray  # 0 for the person's main account in this channel, 1+ duplicates
    ts: np.ndarray  # datetime64[s]
    post_move: np.ndarray  # the record postdates the person's move
    post_change: np.ndarray  # the record postdates the person's email change

    @property
    def n(self) -> int:
        return int(self.p.size)


class Tags:
    """Boolean masks, one per hard-case tag, over the rows of one channel."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.masks: dict[str, np.ndarray] = {}

    def add(self, tag: str, mask: np.ndarray) -> None:
        old = self.masks.get(tag)
        self.masks[tag] = mask.copy() if old is None else old | mask

    def clear(self, tags: tuple[str, ...], where: np.ndarray) -> None:
        """Drop ``tags`` on rows where the value they describe went missing."""
        for tag in tags:
            if tag in self.masks:
                self.masks[tag] = self.masks[tag] & ~where


def _missing(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
    out = values.copy()
    out[mask] = None
    return out


def _plain(name: str) -> str:
    """A name as a system without accents or punctuation keeps it: "OBrien", "Jose"."""
    return fold_ascii(name).replace("'", "").replace("-", " ")


def _fold(
    values: np.ndarray, rng: np.random.Generator, rate: float, present: np.ndarray, tags: Tags
) -> np.ndarray:
    """Drop accents and punctuation from a share ``rate`` of the names that have them."""
    fancy = np.array([_plain(v) != v for v in values.tolist()], dtype=bool)
    mask = fancy & present & bernoulli(rng, values.size, rate)
    out = values.copy()
    out[mask] = [_plain(v) for v in values[mask]]
    tags.add("accent_dropped", mask)
    return out


def given_names(
    rng: np.random.Generator,
    people: People,
    rec: Records,
    r: ChannelRates,
    tags: Tags,
    present: np.ndarray,
) -> np.ndarray:
    """Given names with nicknames, dropped accents and typos (tagged where ``present``)."""
    p = rec.p
    has = people.nickname[p] != None  # noqa: E711 - element-wise on an object array
    rate = np.where(people.goes_by[p], r.nickname, CASUAL_NICKNAME)
    use = has & present & bernoulli(rng, rec.n, rate)
    tags.add("nickname", use)
    out = np.where(use, people.nickname[p], people.first[p])
    out = _fold(out, rng, r.accent_drop, present, tags)
    mask = present & bernoulli(rng, rec.n, r.name_typo)
    tags.add("typo", mask)
    return typo(out, mask, rng)


def surnames(
    rng: np.random.Generator,
    people: People,
    rec: Records,
    r: ChannelRates,
    tags: Tags,
    present: np.ndarray,
) -> np.ndarray:
    """Surnames with dropped accents and typos (tagged where ``present``)."""
    out = _fold(people.last[rec.p], rng, r.accent_drop, present, tags)
    mask = present & bernoulli(rng, rec.n, r.name_typo)
    tags.add("typo", mask)
    return typo(out, mask, rng)


def text_noise(values: np.ndarray, rng: np.random.Generator, r: ChannelRates) -> np.ndarray:
    """Case and whitespace noise of a typed-in text column."""
    return space_noise(case_noise(values, rng, r.upper, r.lower), rng, r.spaces)


def email_column(
    rng: np.random.Generator, people: People, rec: Records, r: ChannelRates, tags: Tags, col: str
) -> np.ndarray:
    """Emails: main, second or new mailbox; family, junk, gmail variants, typos."""
    n, p = rec.n, rec.p
    # Per person and channel: does the main account use the second mailbox (and
    # a duplicate account the first one)? Third accounts use a third mailbox.
    swap = bernoulli(rng, people.n, r.alt_email)[p]
    alt = np.where(rec.acc == 0, swap, ~swap)
    out = np.where(alt, people.alt_email[p], people.email[p])
    changed = (rec.acc == 0) & rec.post_change
    out = np.where(changed, people.new_email[p], out)
    new = (rec.acc >= 2) | changed
    out = np.where(rec.acc >= 2, people.extra_email[p], out)
    has_family = people.family_email[p] != None  # noqa: E711
    family = has_family & bernoulli(rng, n, r.family_email)
    out = np.where(family, people.family_email[p], out)
    junk = bernoulli(rng, n, r.junk_email)
    out = np.where(junk, pick(rng, _JUNK_EMAILS, n, _JUNK_EMAIL_W), out)
    tags.add("email_alt", alt & (rec.acc == 0) & ~new & ~family & ~junk)
    tags.add("email_changed", changed & ~family & ~junk)
    tags.add("household_email", family & ~junk)
    tags.add("junk_email", junk)

    u = rng.random(n)
    gmail = np.array([e.endswith("@gmail.com") for e in out.tolist()], dtype=bool)
    variant = gmail & ~junk & bernoulli(rng, n, r.email_variant)
    labels = pick(rng, _GMAIL_TAGS, n)
    out[variant] = [
        gmail_variant(e, x, t)
        for e, x, t in zip(out[variant], u[variant], labels[variant], strict=True)
    ]
    upper = ~junk & ~variant & bernoulli(rng, n, 0.03)
    out[upper] = [e.upper() for e in out[upper]]
    tags.add("email_variant", variant | upper)
    bad = ~junk & bernoulli(rng, n, r.email_typo)
    ops, letters = rng.integers(0, 4, n), rng.integers(0, 26, n)
    out[bad] = [
        email_typo(e, o, x, _LETTERS[c])
        for e, o, x, c in zip(
            out[bad], ops[bad].tolist(), u[bad].tolist(), letters[bad].tolist(), strict=True
        )
    ]
    tags.add("typo", bad)
    gone = bernoulli(rng, n, r.missing.get(col, 0.0))
    tags.clear(("email_alt", "email_changed", "household_email", "junk_email"), gone)
    tags.clear(("email_variant",), gone)
    return _missing(out, gone)


def phone_column(
    rng: np.random.Generator,
    people: People,
    rec: Records,
    r: ChannelRates,
    tags: Tags,
    style_weights: tuple[float, ...],
) -> np.ndarray:
    """Phones in the channel's formats: mobile, household landline, store number, junk."""
    n, p = rec.n, rec.p
    digits = people.mobile[p]
    land = (people.landline[p] > 0) & ~rec.post_move & bernoulli(rng, n, r.landline)
    digits = np.where(land, people.landline[p], digits)
    hub = bernoulli(rng, n, r.store_phone)
    digits = np.where(hub, STORE_PHONES[rng.integers(0, STORE_PHONES.size, n)], digits)
    w = np.asarray(style_weights, dtype=float)
    out = format_phones(digits, rng.choice(w.size, size=n, p=w / w.sum()))
    junk = bernoulli(rng, n, r.junk_phone)
    out = np.where(junk, pick(rng, _JUNK_PHONES, n, _JUNK_PHONE_W), out)
    tags.add("household_phone", land & ~hub & ~junk)
    tags.add("store_default_phone", hub & ~junk)
    tags.add("junk_phone", junk)
    gone = bernoulli(rng, n, r.missing.get("phone", 0.0))
    tags.clear(("household_phone", "store_default_phone", "junk_phone"), gone)
    return _missing(out, gone)


def device_column(
    rng: np.random.Generator,
    rec: Records,
    r: ChannelRates,
    tags: Tags,
    own: np.ndarray,
    tablet: np.ndarray,
    col: str,
) -> np.ndarray:
    """Device ids: own device, the household tablet, the demo device or a kiosk."""
    n = rec.n
    family = (tablet != None) & bernoulli(rng, n, r.family_device)  # noqa: E711
    out = np.where(family, tablet, own)
    junk = bernoulli(rng, n, r.junk_device)
    out = np.where(junk, DEMO_DEVICE, out)
    public = ~junk & bernoulli(rng, n, r.public_device)
    out = np.where(public, pick(rng, KIOSK_COOKIES, n), out)
    tags.add("household_device", family & ~junk & ~public)
    tags.add("junk_device", junk)
    tags.add("public_device", public)
    gone = bernoulli(rng, n, r.missing.get(col, 0.0))
    tags.clear(("household_device", "junk_device", "public_device"), gone)
    return _missing(out, gone)


def address_of(people: People, rec: Records) -> Address:
    """The address each record shows: the new one after the person's move."""
    return people.address.take(rec.p).where(rec.post_move, people.new_address.take(rec.p))


def street_column(
    rng: np.random.Generator, addr: Address, r: ChannelRates, tags: Tags, present: np.ndarray
) -> np.ndarray:
    """US street lines: "123 Oak Street", "123 Oak St.", "12 N Main St Apt 4B", ..."""
    n = addr.number.size
    kind = rng.random((n, 3))
    type_form = np.where(kind[:, 0] < 0.45, 0, np.where(kind[:, 0] < 0.85, 1, 2))
    unit_form = (kind[:, 2] * 5).astype(int)
    unit_fmt = (" Apt {}", " Apt. {}", " #{}", " Unit {}", ", Apt {}")
    out = []
    for num, d, s, t, unit, tf, df, uf in zip(
        addr.number.tolist(),
        addr.direction.tolist(),
        addr.street.tolist(),
        addr.stype.tolist(),
        addr.unit.tolist(),
        type_form.tolist(),
        (kind[:, 1] < 0.5).tolist(),
        unit_form.tolist(),
        strict=True,
    ):
        full, abbr, _ = STREET_TYPES[t]
        suffix = full if tf == 0 else abbr + ("." if tf == 2 and abbr != full else "")
        prefix = "" if d < 0 else DIRECTIONS[d][0 if df else 1] + " "
        line = f"{num} {prefix}{STREET_NAMES[s]} {suffix}"
        out.append(line + unit_fmt[uf].format(unit) if unit else line)
    values = np.array(out, dtype=object)
    mask = present & bernoulli(rng, n, r.street_typo)
    tags.add("typo", mask)
    return typo(values, mask, rng)


def dob_column(
    rng: np.random.Generator, dob: np.ndarray, r: ChannelRates, tags: Tags
) -> np.ndarray:
    """Birth dates in mixed formats: ISO, US month-first "03/07/1984", "7 Mar 1984"."""
    n = dob.size
    year = dob.astype("datetime64[Y]").astype(np.int64) + 1970
    month_start = dob.astype("datetime64[M]")
    month = month_start.astype(np.int64) % 12 + 1
    day = (dob - month_start.astype("datetime64[D]")).astype(np.int64) + 1
    err = bernoulli(rng, n, r.dob_error)
    swap = err & (day <= 12) & (day != month)
    shift = err & ~swap
    day, month = np.where(swap, month, day), np.where(swap, day, month)
    day = np.where(shift, np.where(day > 1, day - 1, day + 1), day)
    tags.add("dob_error", err)
    form = rng.choice(3, size=n, p=[0.4, 0.45, 0.15])
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    out = np.array(
        [
            f"{y}-{m:02d}-{d:02d}"
            if f == 0
            else (f"{m:02d}/{d:02d}/{y}" if f == 1 else f"{d} {months[m - 1]} {y}")
            for y, m, d, f in zip(
                year.tolist(), month.tolist(), day.tolist(), form.tolist(), strict=True
            )
        ],
        dtype=object,
    )
    gone = bernoulli(rng, n, r.missing.get("dob", 0.0))
    tags.clear(("dob_error",), gone)
    return _missing(out, gone)
