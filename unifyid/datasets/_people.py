"""The synthetic population: people, households, addresses and contact points.

Everything here exists once per person or per household, before any channel
record is written: the truth the channel records are noisy views of. Names are
drawn with their census population shares, households share an address (and
sometimes a landline, a mailbox and a tablet), twins share a birth date, movers
get a second address. Personal emails and phone numbers are unique across
people, so every identifier shared by two people is shared on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from ._names_data import (
    COMMON_FULL_NAMES,
    FEMALE_FIRST_NAMES,
    LAST_NAMES,
    MALE_FIRST_NAMES,
    NICKNAMES,
    TWIN_NAME_PAIRS,
    census_table,
)
from ._noise import fold_ascii, pick
from ._places_data import CITIES, EMAIL_DOMAINS, FAMILY_EMAIL_PATTERNS, STREET_NAMES, STREET_TYPES
from ._rates import POPULATION as RATES

__all__ = ["Address", "People", "make_people"]

REFERENCE_DATE = np.datetime64("2025-01-01", "D")
#: Exchanges 200-999 without the N11 service codes and the 555 directory range.
_EXCHANGES = np.array([e for e in range(200, 1000) if e % 100 != 11 and e != 555])
_CITY_WEIGHTS = np.array([c[2] for c in CITIES])
_ALL_AREA_CODES = np.array(sorted({a for c in CITIES for a in c[3]}))
#: Patterns of a personal mailbox: {0} given, {1} surname, {2} initial,
#: {3} birth year (2 digits), {4} number, {5} the nickname or given name.
_EMAIL_PATTERNS = (
    ("{0}.{1}", 0.24),
    ("{0}{1}", 0.15),
    ("{2}{1}", 0.14),
    ("{0}_{1}", 0.05),
    ("{0}{1}{3}", 0.1),
    ("{1}.{0}", 0.05),
    ("{0}{4}", 0.1),
    ("{2}{1}{4}", 0.08),
    ("{5}{1}", 0.05),
    ("{0}.{1}{4}", 0.04),
)


@dataclass(frozen=True)
class Address:
    """A column-wise address book; indices point into the place tables."""

    number: np.ndarray  # house number
    direction: np.ndarray  # index into DIRECTIONS, -1 for none
    street: np.ndarray  # index into STREET_NAMES
    stype: np.ndarray  # index into STREET_TYPES
    unit: np.ndarray  # apartment ("4B") or None
    city: np.ndarray  # index into CITIES
    zip: np.ndarray  # five-digit ZIP code

    def take(self, idx: np.ndarray) -> Address:
        """The addresses at positions ``idx``."""
        return Address(*(getattr(self, f.name)[idx] for f in fields(self)))

    def where(self, mask: np.ndarray, other: Address) -> Address:
        """``other`` where ``mask`` is true, else ``self``."""
        return Address(
            *(np.where(mask, getattr(other, f.name), getattr(self, f.name)) for f in fields(self))
        )


@dataclass(frozen=True)
class People:
    """One array entry per person; households and twins link people together."""

    household: np.ndarray  # household index
    household_size: np.ndarray
    first: np.ndarray  # canonical given name
    last: np.ndarray
    nickname: np.ndarray  # preferred informal given name, or None
    goes_by: np.ndarray  # uses the nickname habitually
    dob: np.ndarray  # datetime64[D]
    twin: np.ndarray
    address: Address
    new_address: Address  # equal to ``address`` unless ``mover``
    mover: np.ndarray
    mobile: np.ndarray  # 10-digit number
    landline: np.ndarray  # household landline, 0 for none
    email: np.ndarray
    alt_email: np.ndarray  # second personal mailbox
    new_email: np.ndarray  # mailbox after a change
    extra_email: np.ndarray  # mailbox of a third account in one channel
    email_change: np.ndarray
    family_email: np.ndarray  # household mailbox or None
    device: np.ndarray  # phone used with the app
    cookie: np.ndarray  # browser cookie seen by the website
    tablet_device: np.ndarray  # household tablet in the app, or None
    tablet_cookie: np.ndarray  # household tablet in the browser, or None

    @property
    def n(self) -> int:
        """Number of people."""
        return int(self.first.size)


_MALE = census_table("male_first_names.tsv", MALE_FIRST_NAMES, tail_from=200)
_FEMALE = census_table("female_first_names.tsv", FEMALE_FIRST_NAMES, tail_from=200)
_LAST = census_table("surnames.tsv", LAST_NAMES, tail_from=2000)


def _first_names(rng: np.random.Generator, female: np.ndarray) -> np.ndarray:
    male = pick(rng, _MALE[0], female.size, _MALE[1])
    fem = pick(rng, _FEMALE[0], female.size, _FEMALE[1])
    return np.where(female, fem, male)


def _addresses(rng: np.random.Generator, n: int, city: np.ndarray | None = None) -> Address:
    """Random addresses (in ``city`` when given)."""
    if city is None:
        city = rng.choice(len(CITIES), size=n, p=_CITY_WEIGHTS / _CITY_WEIGHTS.sum())
    number = np.exp(rng.uniform(np.log(5), np.log(9999), n)).astype(np.int64)
    direction = np.where(rng.random(n) < 0.1, rng.integers(0, 4, n), -1)
    street = rng.integers(0, len(STREET_NAMES), n)
    tw = np.array([t[2] for t in STREET_TYPES])
    stype = rng.choice(len(tw), size=n, p=tw / tw.sum())
    apt = rng.random(n) < RATES.apartment
    apt_no = rng.integers(1, 40, n)
    apt_letter = rng.integers(0, 8, n)
    unit = np.full(n, None, dtype=object)
    unit[apt] = [
        f"{a}{'ABCDEF'[b] if b < 6 else ''}"
        for a, b in zip(apt_no[apt].tolist(), apt_letter[apt].tolist(), strict=True)
    ]
    u = rng.random(n)
    last2 = rng.integers(0, 100, n)
    zips = np.array(
        [
            f"{z[int(x * len(z))]}{d:02d}"
            for z, x, d in zip(
                (CITIES[c][4] for c in city.tolist()),
                u.tolist(),
                last2.tolist(),
                strict=True,
            )
        ],
        dtype=object,
    )
    return Address(number, direction, street, stype, unit, city, zips)


def _phone_numbers(rng: np.random.Generator, city: np.ndarray, local: float) -> np.ndarray:
    """Valid US numbers; a share ``local`` carry an area code of the home city."""
    n = city.size
    u = rng.random(n)
    codes = [CITIES[c][3] for c in city.tolist()]
    own = np.array(
        [a[int(x * len(a))] for a, x in zip(codes, u.tolist(), strict=True)], dtype=np.int64
    )
    own = own.reshape(n)
    other = _ALL_AREA_CODES[rng.integers(0, _ALL_AREA_CODES.size, n)]
    area = np.where(rng.random(n) < local, own, other)
    exch = _EXCHANGES[rng.integers(0, _EXCHANGES.size, n)]
    return area * 10_000_000 + exch * 10_000 + rng.integers(0, 10_000, n)


def _dedupe_numbers(rng: np.random.Generator, numbers: np.ndarray) -> np.ndarray:
    """Redraw the last four digits of repeated numbers until all are unique."""
    numbers = numbers.copy()
    while True:
        dup = pd.Series(numbers).duplicated().to_numpy()
        if not dup.any():
            return numbers
        numbers[dup] = numbers[dup] // 10_000 * 10_000 + rng.integers(0, 10_000, dup.sum())


def _token(values: np.ndarray) -> np.ndarray:
    """ASCII, lower-case, punctuation-free name tokens for email local parts."""
    cache = {
        v: fold_ascii(v).lower().replace("'", "").replace("-", "").replace(" ", "")
        for v in dict.fromkeys(values.tolist())
    }
    return np.array([cache[v] for v in values.tolist()], dtype=object)


def _emails(
    rng: np.random.Generator, f: np.ndarray, s: np.ndarray, k: np.ndarray, yy: np.ndarray
) -> np.ndarray:
    """One personal mailbox per person from a weighted pattern and provider."""
    n = f.size
    pw = np.array([p[1] for p in _EMAIL_PATTERNS])
    pattern = rng.choice(len(pw), size=n, p=pw / pw.sum())
    num = rng.integers(1, 1000, n)
    dw = np.array([d[1] for d in EMAIL_DOMAINS])
    domain = pick(rng, [d[0] for d in EMAIL_DOMAINS], n, dw)
    out = np.empty(n, dtype=object)
    for p, (template, _) in enumerate(_EMAIL_PATTERNS):
        idx = np.flatnonzero(pattern == p)
        out[idx] = [
            template.format(a, b, a[:1], y, m, c) + "@" + d
            for a, b, c, y, m, d in zip(
                f[idx],
                s[idx],
                k[idx],
                yy[idx].tolist(),
                num[idx].tolist(),
                domain[idx],
                strict=True,
            )
        ]
    # gmail does not accept underscores in user names
    gmail = np.flatnonzero(domain == "gmail.com")
    out[gmail] = [e.replace("_", ".") for e in out[gmail]]
    return out


def _canonical(email: str) -> str:
    """The mailbox an address delivers to (gmail ignores case and dots)."""
    low = email.lower()
    if low.endswith("@gmail.com"):
        return low[:-10].replace(".", "") + "@gmail.com"
    return low


def _dedupe_emails(rng: np.random.Generator, emails: np.ndarray) -> np.ndarray:
    """Append digits to the local part of repeated mailboxes until all are distinct."""
    emails = emails.copy()
    keys = np.array([_canonical(e) for e in emails.tolist()], dtype=object)
    while True:
        idx = np.flatnonzero(pd.Series(keys).duplicated().to_numpy())
        if not idx.size:
            return emails
        nums = rng.integers(1, 10_000, idx.size)
        emails[idx] = [
            e.replace("@", f"{m}@", 1) for e, m in zip(emails[idx], nums.tolist(), strict=True)
        ]
        keys[idx] = [_canonical(e) for e in emails[idx]]


def _uuids(rng: np.random.Generator, n: int) -> np.ndarray:
    h = rng.bytes(16 * n).hex().upper()
    return np.array(
        [
            f"{h[i : i + 8]}-{h[i + 8 : i + 12]}-{h[i + 12 : i + 16]}-"
            f"{h[i + 16 : i + 20]}-{h[i + 20 : i + 32]}"
            for i in range(0, 32 * n, 32)
        ],
        dtype=object,
    )


def _cookies(rng: np.random.Generator, n: int) -> np.ndarray:
    """Google-Analytics-style client ids: ``GA1.2.<random>.<first-visit epoch>``."""
    client = rng.integers(100_000_000, 2_147_483_647, n)
    first_visit = rng.integers(1_540_000_000, 1_735_000_000, n)
    return np.array(
        [f"GA1.2.{c}.{t}" for c, t in zip(client.tolist(), first_visit.tolist(), strict=True)],
        dtype=object,
    )


def _twin_names(
    rng: np.random.Generator, first: np.ndarray, female: np.ndarray, a: np.ndarray, b: np.ndarray
) -> None:
    """Give twins ``a`` and ``b`` distinct, sometimes near-identical, given names."""
    similar = rng.random(a.size) < RATES.similar_twin_names
    pair = rng.integers(0, len(TWIN_NAME_PAIRS), a.size)
    flip = rng.random(a.size) < 0.5
    for i in np.flatnonzero(similar):
        x, y = TWIN_NAME_PAIRS[pair[i]]
        first[a[i]], first[b[i]] = (y, x) if flip[i] else (x, y)
    same = np.flatnonzero(~similar & (first[a] == first[b]))
    while same.size:  # independent draws that collided: redraw the second twin
        first[b[same]] = _first_names(rng, female[b[same]])
        same = same[first[a[same]] == first[b[same]]]


def make_people(rng: np.random.Generator, household_sizes: np.ndarray) -> People:
    """Draw the population for households of the given sizes (people in household order)."""
    n_hh = household_sizes.size
    hh = np.repeat(np.arange(n_hh), household_sizes)
    n = hh.size
    start = np.cumsum(household_sizes) - household_sizes
    pos = np.arange(n) - start[hh]
    size = household_sizes[hh]
    multi_hh = household_sizes > 1
    family_hh = multi_hh & (rng.random(n_hh) < RATES.family)
    twins_hh = family_hh & (rng.random(n_hh) < RATES.twins)
    family, twins_home = family_hh[hh], twins_hh[hh]

    # Names: family members share the household surname, flatmates do not.
    female = rng.random(n) < 0.5
    first = _first_names(rng, female)
    own_last = pick(rng, _LAST[0], n, _LAST[1])
    hh_last = own_last[start]
    keeps_own = (pos == 1) & (rng.random(n) < RATES.partner_own_surname)
    twin = twins_home & (pos >= size - 2)
    last = np.where(family & ~(keeps_own & ~twin), hh_last[hh], own_last)
    common = (size == 1) & (rng.random(n) < RATES.common_full_name)
    full = rng.integers(0, len(COMMON_FULL_NAMES), n)
    first[common] = [COMMON_FULL_NAMES[i][0] for i in full[common]]
    last[common] = [COMMON_FULL_NAMES[i][1] for i in full[common]]
    twin_a = start[twins_hh] + household_sizes[twins_hh] - 2
    _twin_names(rng, first, female, twin_a, twin_a + 1)

    # Birth dates: the household head is an adult, a partner of similar age,
    # children 22-38 years younger; twins share one birth date.
    head_age = 18 + 67 * rng.beta(1.6, 2.2, n_hh)
    own_age = 18 + 67 * rng.beta(1.6, 2.2, n)
    age = np.where(family & (pos == 1), head_age[hh] + rng.normal(0, 4, n), own_age)
    age = np.where(family & (pos >= 2), head_age[hh] - rng.uniform(22, 38, n), age)
    age = np.where(pos == 0, head_age[hh], age)
    age = np.clip(age, np.where(family & (pos >= 2), 14, 18), 95)
    days = (age * 365.25).astype(np.int64)
    days[twin_a + 1] = days[twin_a]
    dob = REFERENCE_DATE - days.astype("timedelta64[D]")

    # Addresses are per household; movers get a new one of their own.
    home = _addresses(rng, n_hh).take(hh)
    mover = rng.random(n) < RATES.mover
    same_city = rng.random(n) >= RATES.move_city
    fresh = _addresses(rng, n)
    fresh_local = _addresses(rng, n, city=home.city)
    new_home = home.where(mover, fresh.where(same_city, fresh_local))

    # Phones: unique mobiles, one landline for some households.
    has_landline = multi_hh & (rng.random(n_hh) < RATES.landline)
    numbers = _dedupe_numbers(
        rng,
        np.concatenate(
            [_phone_numbers(rng, home.city, 0.8), _phone_numbers(rng, home.city[start], 1.0)]
        ),
    )
    mobile, landline = numbers[:n], np.where(has_landline, numbers[n:], 0)[hh]

    # Mailboxes: primary, second, after a change, third account; family mailboxes.
    nickname = np.full(n, None, dtype=object)
    nick_options = [NICKNAMES.get(f) for f in first.tolist()]
    u = rng.random(n)
    has_nick = np.array([o is not None for o in nick_options], dtype=bool)
    nickname[has_nick] = [
        o[int(x * len(o))]
        for o, x in zip(
            (nick_options[i] for i in np.flatnonzero(has_nick)), u[has_nick], strict=True
        )
    ]
    goes_by = has_nick & (rng.random(n) < RATES.goes_by_nickname)
    f_tok, l_tok = _token(first), _token(last)
    k_tok = np.where(goes_by, _token(np.where(has_nick, nickname, first)), f_tok)
    yy = np.array([f"{y % 100:02d}" for y in dob.astype("datetime64[Y]").astype(int) + 1970])
    fam_mail = family_hh & (rng.random(n_hh) < RATES.family_email)
    fam_pattern = pick(rng, FAMILY_EMAIL_PATTERNS, n_hh)
    fam_num = rng.integers(0, 100, n_hh)
    fam_domain = pick(rng, [d[0] for d in EMAIL_DOMAINS], n_hh)
    hh_tok = l_tok[start]
    family_local = [
        p.format(last=t) + (f"{m}" if m < 50 else "")
        for p, t, m in zip(fam_pattern, hh_tok, fam_num.tolist(), strict=True)
    ]
    family_mailbox = np.array(
        [f"{loc}@{d}" for loc, d in zip(family_local, fam_domain, strict=True)], dtype=object
    )
    all_mail = _dedupe_emails(
        rng,
        np.concatenate(
            [
                _emails(rng, f_tok, l_tok, k_tok, yy),
                _emails(rng, f_tok, l_tok, k_tok, yy),
                _emails(rng, f_tok, l_tok, k_tok, yy),
                _emails(rng, f_tok, l_tok, k_tok, yy),
                family_mailbox,
            ]
        ),
    )
    family_email = np.where(fam_mail, all_mail[4 * n :], None)[hh]

    # Devices: own phone and browser; a shared tablet in some households.
    tablet = multi_hh & (rng.random(n_hh) < RATES.family_tablet)
    return People(
        household=hh,
        household_size=size,
        first=first,
        last=last,
        nickname=nickname,
        goes_by=goes_by,
        dob=dob,
        twin=twin,
        address=home,
        new_address=new_home,
        mover=mover,
        mobile=mobile,
        landline=landline,
        email=all_mail[:n],
        alt_email=all_mail[n : 2 * n],
        new_email=all_mail[2 * n : 3 * n],
        extra_email=all_mail[3 * n : 4 * n],
        email_change=rng.random(n) < RATES.email_change,
        family_email=family_email,
        device=_uuids(rng, n),
        cookie=_cookies(rng, n),
        tablet_device=np.where(tablet, _uuids(rng, n_hh), None)[hh],
        tablet_cookie=np.where(tablet, _cookies(rng, n_hh), None)[hh],
    )
