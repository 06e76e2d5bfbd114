"""Records of the people: which channel, when, and what each record says about them.

Values here are still clean (one spelling choice, one address, one number);
:mod:`.sources` writes them in each channel's own format. Which values a
record carries follows from its time (before or after a marriage, a move, a
new phone) and from who shares what (family email, tablet, store phone).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from benchmarks.independent.conditions import Conditions
from benchmarks.independent.noise import (
    JUNK_EMAILS,
    JUNK_PHONES,
    format_phones,
    streams,
    text,
    typos,
    uuids,
)
from benchmarks.independent.people import T0, T1, People, spellings

__all__ = ["SOURCES", "Records", "lay_out"]

#: The four channels, in the order of ``People.channel_p``.
SOURCES: tuple[str, ...] = ("web", "app", "support", "store")
WEB, APP, SUPPORT, STORE = range(4)

#: How often a nickname shows up when the person has one, per channel.
_NICK_P = np.array([0.6, 0.6, 0.5, 0.15])


@dataclass
class Records:
    """One entry per record; strings are ``None`` where the record has no value."""

    person: np.ndarray
    source: np.ndarray
    time: np.ndarray  # epoch seconds
    first: np.ndarray
    last: np.ndarray
    email: np.ndarray
    phone: np.ndarray  # written form (object), format chosen per channel
    dob: np.ndarray  # datetime64[D]
    address: np.ndarray  # row in People.addresses
    device: np.ndarray
    cookie: np.ndarray
    loyalty: np.ndarray
    has_contact: np.ndarray  # bool


def _channels(rng: np.random.Generator, p: People, person: np.ndarray) -> np.ndarray:
    cum = np.cumsum(p.channel_p, axis=1)[person]
    src = (rng.random(len(person))[:, None] > cum).sum(axis=1)
    src = np.minimum(src, 3)
    # A frequent customer's first record is their web account (or app sign-up).
    first = np.r_[True, person[1:] != person[:-1]]
    fr = first & p.frequent[person]
    src[fr] = np.where(rng.random(int(fr.sum())) < 0.7, WEB, APP)
    return src


def _times(rng: np.random.Generator, p: People, person: np.ndarray) -> np.ndarray:
    t = rng.integers(T0, T1, len(person))
    # Frequent customers' records crowd into a year of their own.
    start = rng.integers(T0, T1 - 365 * 86400, len(p.frequent))[person]
    fr = p.frequent[person]
    t[fr] = start[fr] + rng.integers(0, 365 * 86400, int(fr.sum()))
    return t


def _first_names(rng, p: People, person, source) -> np.ndarray:
    sp = spellings()
    n = len(person)
    g = p.given[person]
    out = np.empty(n, dtype=object)
    tab = g >= 0
    nv = sp.given_nv[np.maximum(g, 0)]
    var = np.where(rng.random(n) < 0.15, rng.integers(0, 8, n), p.given_var[person]) % nv
    out[tab] = sp.given[g[tab], var[tab]]
    # Syllabic names: each syllable's romanisation and the way they are joined vary.
    syl = np.flatnonzero(~tab)
    s1, s2 = p.syl1[person[syl]], p.syl2[person[syl]]
    k = len(syl)
    v1 = np.where(rng.random(k) < 0.25, rng.integers(0, 8, k), 0) % sp.syllable_nv[s1]
    v2 = (
        np.where(rng.random(k) < 0.25, rng.integers(0, 8, k), 0) % sp.syllable_nv[np.maximum(s2, 0)]
    )
    a = text(sp.syllable[s1, v1])
    b = text(sp.syllable[np.maximum(s2, 0), v2])
    form = np.where(rng.random(k) < 0.6, p.syl_form[person[syl]], rng.integers(0, 4, k))
    joined = np.select(
        [form == 0, form == 1, form == 2],
        [(a + "-" + b).to_numpy(), (a + " " + b).to_numpy(), (a + b.str.lower()).to_numpy()],
        (a + "-" + b.str.lower()).to_numpy(),
    )
    out[syl] = np.where(s2 >= 0, joined, a.to_numpy())
    # Vietnamese middle names ("Van Minh", "Thi Huong") in some records.
    vn = np.flatnonzero((p.origin[person] == "vietnamese") & (rng.random(n) < 0.25))
    mid = np.where(p.sex[person[vn]] == "m", "Van ", "Thi ")
    out[vn] = mid + out[vn].astype(str)
    nick = p.nickname[person]
    use = pd.notna(nick) & (rng.random(n) < _NICK_P[source])
    out[use] = nick[use]
    return out


def _surnames(rng, p: People, person, source, time) -> np.ndarray:
    sp = spellings()
    n = len(person)
    sur = p.surname[person]
    often = np.isin(p.origin[person], ["korean", "chinese", "arabic"])
    rnd = rng.random(n) < np.where(often, 0.25, 0.08)
    var = np.where(rnd, rng.integers(0, 8, n), p.surname_var[person]) % sp.surname_nv[sur]
    base = sp.surname[sur, var]
    out = base.copy()
    new = p.new_surname[person]
    # After marriage: the new name; a store profile is sometimes never updated.
    after = (new >= 0) & (time > p.married_at[person])
    after &= ~((source == STORE) & (rng.random(n) < 0.3))
    hy = after & p.hyphenate[person] & (rng.random(n) < 0.8)
    out[after] = sp.surname[new[after], 0]
    out[hy] = base[hy] + "-" + sp.surname[new[hy], 0]
    s2 = p.surname2[person]
    dbl = (s2 >= 0) & ~after
    u = rng.random(n)
    two = dbl & (u < 0.5)
    hyd = dbl & (u >= 0.5) & (u < 0.65)
    out[two] = base[two] + " " + sp.surname[s2[two], 0]
    out[hyd] = base[hyd] + "-" + sp.surname[s2[hyd], 0]
    return out


def _emails(rng, p: People, person, cond: Conditions) -> np.ndarray:
    n = len(person)
    out = p.email[person].copy()
    e2 = p.email2[person]
    use2 = pd.notna(e2) & (rng.random(n) < 0.4)
    out[use2] = e2[use2]
    fam = p.family_email[person]
    usef = pd.notna(fam) & (rng.random(n) < 0.4)
    out[usef] = fam[usef]
    junk = rng.random(n) < cond.junk_share
    out[junk] = JUNK_EMAILS[rng.integers(0, len(JUNK_EMAILS), int(junk.sum()))]
    return out


_PHONE_FMT_P = {  # by channel: web has none
    APP: [0.05, 0.05, 0.02, 0.1, 0.05, 0.03, 0.65, 0.05],
    SUPPORT: [0.18, 0.18, 0.1, 0.18, 0.08, 0.08, 0.1, 0.1],
    STORE: [0.3, 0.1, 0.05, 0.45, 0.02, 0.03, 0.02, 0.03],
}


def _phones(rng, p: People, person, source, time, address, cond: Conditions) -> np.ndarray:
    n = len(person)
    moved = time > p.moved_at[person]
    land = np.where(moved, p.new_landline[person], p.landline[person])
    mob = p.mobile[person]
    number = np.where((land > 0) & ((mob == 0) | (rng.random(n) < 0.3)), land, mob)
    fmt = np.zeros(n, np.int64)
    for ch, probs in _PHONE_FMT_P.items():  # bounded: three channels
        m = source == ch
        fmt[m] = rng.choice(8, int(m.sum()), p=probs)
    out = format_phones(number, fmt)
    # The store's own number when the customer gives none: one per city, or the chain's.
    store = np.flatnonzero((source == STORE) & (rng.random(n) < cond.default_phone_share))
    city = p.addresses["city"].to_numpy()[address[store]]
    default = np.where(
        rng.random(len(store)) < 0.5,
        "(800) 555-0199",
        pd.Series(city).map(lambda c: f"({200 + (c * 37) % 700}) 555-01{c % 100:02d}").to_numpy(),
    )
    out[store] = default
    junk = rng.random(n) < cond.junk_share
    out[junk] = JUNK_PHONES[rng.integers(0, len(JUNK_PHONES), int(junk.sum()))]
    return out


def _devices(rng, p: People, person, time, cond: Conditions) -> np.ndarray:
    n = len(person)
    after = pd.notna(p.new_device[person]) & (time > p.device_at[person])
    out = np.where(after, p.new_device[person], p.device[person])
    tab = p.tablet[person]
    use = pd.notna(tab) & (rng.random(n) < cond.shared_device_share)
    out[use] = tab[use]
    kiosks = uuids(rng, 12, upper=True)
    k = rng.random(n) < cond.kiosk_share
    out[k] = kiosks[rng.integers(0, len(kiosks), int(k.sum()))]
    return out


def _cookies(rng, p: People, person) -> np.ndarray:
    n = len(person)
    out = p.cookie[person].copy()
    fresh = np.flatnonzero(rng.random(n) < 0.35)
    out[fresh] = uuids(rng, len(fresh), upper=False, dashes=False)
    fam = p.family_cookie[person]
    use = pd.notna(fam) & (rng.random(n) < 0.3)
    out[use] = fam[use]
    return out


_STEPS = (
    "channels",
    "times",
    "first",
    "last",
    "edits",
    "moves",
    "emails",
    "phones",
    "contact",
    "dob",
    "devices",
    "cookies",
)


def lay_out(rng: np.random.Generator, p: People, cond: Conditions) -> Records:
    """Spread each person's records over channels and time and fill in their values.

    Each step draws from its own stream, so a knob moves its own step only.
    """
    r = dict(zip(_STEPS, streams(rng, len(_STEPS))))
    person = np.repeat(np.arange(len(p.n_records)), p.n_records)
    n = len(person)
    source = _channels(r["channels"], p, person)
    time = _times(r["times"], p, person)
    first = _first_names(r["first"], p, person, source)
    last = _surnames(r["last"], p, person, source, time)
    # Swapped fields and initials, then typos (store cards are scanned: OCR slips).
    re_ = r["edits"]
    u = re_.random((3, n))
    swap = u[0] < cond.swap_share
    first[swap], last[swap] = last[swap], first[swap].copy()
    ini = np.flatnonzero(u[1] < cond.initial_share)
    dot = u[2][ini] < 0.5
    first[ini] = (text(first[ini]).str[:1] + np.where(dot, ".", "")).to_numpy(dtype=object)
    ocr = np.where(source == STORE, 0.5, 0.0)
    first = typos(first, re_, cond.typo_rate, ocr_share=ocr)
    last = typos(last, re_, cond.typo_rate, ocr_share=ocr)

    rm = r["moves"]
    moved = (p.new_address[person] >= 0) & (time > p.moved_at[person])
    moved &= ~((source == STORE) & (rm.random(n) < 0.2))  # a stale store profile
    address = np.where(moved, p.new_address[person], p.address[person])

    email = _emails(r["emails"], p, person, cond)
    email = typos(email, r["emails"], cond.typo_rate / 2)
    phone = _phones(r["phones"], p, person, source, time, address, cond)
    # Web and app accounts log in with an email or a phone; a support ticket
    # mostly has a way to answer; a till receipt often has neither.
    u = r["contact"].random(n)
    cs = cond.contact_share
    has_contact = np.select(
        [source == STORE, source == SUPPORT], [u < cs, u < (1 + cs) / 2], default=True
    )
    email[~has_contact] = None
    phone[~has_contact] = None
    dob = p.dob[person].copy()
    swap_dm = r["dob"].random(n) < 0.01  # day and month swapped on entry
    d = pd.DatetimeIndex(dob[swap_dm])
    ok = d.day <= 12
    dob_sw = pd.to_datetime({"year": d.year[ok], "month": d.day[ok], "day": d.month[ok]})
    dob[np.flatnonzero(swap_dm)[ok]] = dob_sw.to_numpy(dtype="datetime64[D]")
    return Records(
        person=person,
        source=source,
        time=time,
        first=first,
        last=last,
        email=email,
        phone=phone,
        dob=dob,
        address=address,
        device=_devices(r["devices"], p, person, time, cond),
        cookie=_cookies(r["cookies"], p, person),
        loyalty=p.loyalty[person],
        has_contact=has_contact,
    )
