"""The people behind the records: households, names, addresses, contacts and life events.

Everything is drawn per household or per person as numpy arrays; records are
laid out later (:mod:`.records`). Life events (marriage, a move, a new phone)
happen at a time, so records before and after them differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from benchmarks.independent.conditions import T0, T1, Conditions
from benchmarks.independent.contacts import draw_emails, draw_ids
from benchmarks.independent.names import (
    NICKNAMES,
    NameTable,
    given_table,
    surname_table,
    syllable_table,
)
from benchmarks.independent.noise import text
from benchmarks.independent.places import cities, origin_city_weights

__all__ = ["T0", "T1", "People", "Spellings", "draw_people", "spellings"]


_SYLLABIC = ("korean", "chinese")


@dataclass(frozen=True)
class Spellings:
    """All name tables stacked into one matrix each, with offsets per table."""

    given: np.ndarray  # object (n, w): spellings, padded with the first
    given_nv: np.ndarray
    given_off: dict[tuple[str, str], tuple[int, NameTable]]
    surname: np.ndarray
    surname_nv: np.ndarray
    surname_off: dict[str, tuple[int, NameTable]]
    syllable: np.ndarray
    syllable_nv: np.ndarray
    syllable_off: dict[str, tuple[int, NameTable]]


def _stack(tables: dict) -> tuple[np.ndarray, np.ndarray, dict]:
    width = max(t.spellings.shape[1] for t in tables.values())
    blocks, nv, off, at = [], [], {}, 0
    for key, t in tables.items():
        sp = t.spellings
        if sp.shape[1] < width:
            sp = np.concatenate([sp, np.repeat(sp[:, :1], width - sp.shape[1], 1)], axis=1)
        blocks.append(sp)
        nv.append(t.n_variants)
        off[key] = (at, t)
        at += len(sp)
    return np.concatenate(blocks), np.concatenate(nv), off


@lru_cache(maxsize=1)
def spellings() -> Spellings:
    """The stacked name tables (built once)."""
    from benchmarks.independent.names import ORIGINS

    g = {(o, s): given_table(o, s) for o in ORIGINS if o not in _SYLLABIC for s in ("m", "f")}
    su = {o: surname_table(o) for o in ORIGINS}
    sy = {o: syllable_table(o) for o in _SYLLABIC}
    return Spellings(*_stack(g), *_stack(su), *_stack(sy))


@dataclass
class People:
    """One row per person (arrays of equal length) and per household."""

    n_records: np.ndarray  # records each person has
    frequent: np.ndarray  # bool
    household: np.ndarray  # household index
    head: np.ndarray  # bool: first member of the household
    origin: np.ndarray  # object
    sex: np.ndarray  # object "m"/"f"
    given: np.ndarray  # row in Spellings.given, -1 for syllabic names
    given_var: np.ndarray  # preferred spelling column
    syl1: np.ndarray  # rows in Spellings.syllable (-1 unless syllabic)
    syl2: np.ndarray
    syl_form: np.ndarray  # preferred way of joining the syllables
    nickname: np.ndarray  # object: a name they go by in some channels, or None
    surname: np.ndarray  # row in Spellings.surname (birth surname)
    surname_var: np.ndarray
    surname2: np.ndarray  # second (Hispanic double) surname, -1 if none
    new_surname: np.ndarray  # surname after marriage, -1 if none
    hyphenate: np.ndarray  # bool: writes "Old-New" after marriage
    married_at: np.ndarray  # epoch seconds (T1+1 when never)
    dob: np.ndarray  # datetime64[D]
    address: np.ndarray  # row in the address table (before a move)
    new_address: np.ndarray  # -1 when they never move
    moved_at: np.ndarray
    mobile: np.ndarray  # int64 10-digit, 0 when none
    landline: np.ndarray  # household landline before the move, 0 when none
    new_landline: np.ndarray
    email: np.ndarray  # object
    email2: np.ndarray  # object or None
    family_email: np.ndarray  # object or None (household's shared address)
    device: np.ndarray  # object: phone advertising id
    new_device: np.ndarray  # object: after a phone change, None if none
    device_at: np.ndarray
    tablet: np.ndarray  # object or None: household tablet
    cookie: np.ndarray  # object: main browser cookie
    family_cookie: np.ndarray  # object or None
    loyalty: np.ndarray  # object or None (a family card for some households)
    channel_p: np.ndarray  # float (n, 4): preference for web, app, support, store
    addresses: pd.DataFrame  # city, zip, plus4, number, street, street_type, unit


def _zipf_pmf(a: float, cap: int) -> np.ndarray:
    k = np.arange(1, cap + 1, dtype=float)
    p = k**-a
    return p / p.sum()


def _counts(rng: np.random.Generator, n_records: int, cond: Conditions) -> tuple:
    """Records per person: heavy-tailed, plus a few frequent customers; sum = n_records."""
    est_people = max(1, round(n_records / cond.records_per_person))
    lo, hi = np.log(20), np.log(cond.frequent_max_records)
    freq = np.exp(rng.uniform(lo, hi, 1 + int(n_records * cond.frequent_share / 20)))
    freq = freq.astype(np.int64)
    target = min(n_records * cond.frequent_share, n_records / 2)
    freq = freq[: int(np.searchsorted(np.cumsum(freq), target, side="right"))]
    rest = n_records - int(freq.sum())
    base_mean = rest / max(1, est_people - len(freq))
    # Truncated Zipf over 1..40 whose mean matches: solve for the exponent.
    lo_a, hi_a = 1.01, 8.0
    for _ in range(40):
        mid = (lo_a + hi_a) / 2
        m = float((_zipf_pmf(mid, 40) * np.arange(1, 41)).sum())
        lo_a, hi_a = (mid, hi_a) if m > base_mean else (lo_a, mid)
    pmf = _zipf_pmf((lo_a + hi_a) / 2, 40)
    base = 1 + rng.choice(40, size=int(rest / max(base_mean, 1.0) * 1.3) + 10, p=pmf)
    cum = np.cumsum(base)
    k = int(np.searchsorted(cum, rest))
    base = base[: k + 1].copy()
    base[-1] -= int(cum[k] - rest)
    counts = np.concatenate([freq, base])
    frequent = np.zeros(len(counts), dtype=bool)
    frequent[: len(freq)] = True
    order = rng.permutation(len(counts))
    return counts[order], frequent[order]


def _households(rng: np.random.Generator, n: int, cond: Conditions) -> tuple:
    """Household index per person, whether the person heads it, and twin pairs."""
    perm = rng.permutation(n)
    n_twins = 2 * int(n * cond.twin_share / 2)
    n_fam = int(n * cond.household_share)
    sizes = rng.choice([2, 3, 4, 5], size=n_fam // 2 + 1, p=[0.45, 0.27, 0.19, 0.09])
    sizes = sizes[: int(np.searchsorted(np.cumsum(sizes), n_fam)) + 1]
    n_fam = min(int(sizes.sum()), n - n_twins)
    hh_sizes = np.concatenate(
        [np.full(n_twins // 2, 2), sizes, np.ones(max(0, n - n_twins - int(sizes.sum())), np.int64)]
    )
    hh_sizes = hh_sizes[hh_sizes > 0]
    while hh_sizes.sum() > n:  # trim the family sizes to the people there are
        hh_sizes = hh_sizes[:-1]
    hh_sizes = np.concatenate([hh_sizes, np.ones(n - int(hh_sizes.sum()), np.int64)])
    hh_of_slot = np.repeat(np.arange(len(hh_sizes)), hh_sizes)
    starts = np.concatenate([[0], np.cumsum(hh_sizes)[:-1]])
    head_slot = np.zeros(n, dtype=bool)
    head_slot[starts] = True
    household = np.empty(n, np.int64)
    head = np.empty(n, bool)
    household[perm] = hh_of_slot
    head[perm] = head_slot
    twin_hh = np.arange(len(hh_sizes)) < n_twins // 2
    return household, head, hh_sizes, twin_hh


def _phone(rng: np.random.Generator, area: np.ndarray) -> np.ndarray:
    exch = rng.integers(201, 990, len(area))
    exch = np.where(exch % 100 == 11, exch + 1, exch)  # no N11 exchanges
    return area * 10_000_000 + exch * 10_000 + rng.integers(0, 10_000, len(area))


def _addresses(rng: np.random.Generator, origin_hh: np.ndarray, n_extra: int) -> pd.DataFrame:
    """One address per household, then ``n_extra`` more for movers."""
    c = cities()
    n = len(origin_hh) + n_extra
    city = np.empty(n, np.int64)
    for o in np.unique(origin_hh):  # bounded: one draw per origin
        m = np.flatnonzero(origin_hh == o)
        city[m] = rng.choice(len(c.name), size=len(m), p=origin_city_weights(o))
    city[len(origin_hh) :] = rng.choice(len(c.name), size=n_extra, p=c.weight)
    # ZIPs within a city are unequal too: a few dense ones hold many people.
    zk = np.floor(c.n_zips[city] * rng.power(0.7, n)).astype(np.int64)
    from benchmarks.independent.places import STREET_TYPES, STREETS

    number = np.where(rng.random(n) < 0.7, rng.integers(1, 1000, n), rng.integers(1000, 20000, n))
    unit = np.where(
        rng.random(n) < 0.25,
        pd.Series(rng.integers(1, 30, n)).astype(str).to_numpy(dtype=object)
        + rng.choice(np.array(["", "A", "B", "C", "D"], dtype=object), n),
        None,
    )
    return pd.DataFrame(
        {
            "city": city,
            "zip": c.zip_start[city] + zk,
            "plus4": rng.integers(1, 10_000, n),
            "number": number,
            "street": rng.integers(0, len(STREETS), n),
            "street_type": rng.choice(len(STREET_TYPES), n, p=_STREET_TYPE_P),
            "unit": unit,
        }
    )


_STREET_TYPE_P = np.array([0.3, 0.2, 0.12, 0.06, 0.12, 0.07, 0.05, 0.03, 0.03, 0.02])


def _draw_names(rng, origin, sex, sp: Spellings) -> tuple:
    n = len(origin)
    given = np.full(n, -1, np.int64)
    syl1 = np.full(n, -1, np.int64)
    syl2 = np.full(n, -1, np.int64)
    for o in np.unique(origin):  # bounded: origins x sexes
        if o in _SYLLABIC:
            m = np.flatnonzero(origin == o)
            at, t = sp.syllable_off[o]
            syl1[m] = at + rng.choice(len(t.weights), len(m), p=t.weights)
            syl2[m] = at + rng.choice(len(t.weights), len(m), p=t.weights)
            if o == "chinese":  # a third have a one-syllable given name
                one = m[rng.random(len(m)) < 0.3]
                syl2[one] = -1
            continue
        for s in ("m", "f"):
            m = np.flatnonzero((origin == o) & (sex == s))
            at, t = sp.given_off[(o, s)]
            given[m] = at + rng.choice(len(t.weights), len(m), p=t.weights)
    return given, syl1, syl2


def _draw_surnames(rng, origin, sp: Spellings) -> np.ndarray:
    out = np.empty(len(origin), np.int64)
    for o in np.unique(origin):
        m = np.flatnonzero(origin == o)
        at, t = sp.surname_off[o]
        out[m] = at + rng.choice(len(t.weights), len(m), p=t.weights)
    return out


def draw_people(rng: np.random.Generator, n_records: int, cond: Conditions) -> People:
    """Draw everyone behind ``n_records`` records under ``cond``."""
    sp = spellings()
    counts, frequent = _counts(rng, n_records, cond)
    n = len(counts)
    household, head, hh_sizes, twin_hh = _households(rng, n, cond)
    n_hh = len(hh_sizes)
    names, shares = cond.origin_shares()
    origin_hh = np.array(names, dtype=object)[rng.choice(len(names), n_hh, p=shares)]
    origin = origin_hh[household]
    is_twin = twin_hh[household]
    multi = hh_sizes[household] > 1
    sex = np.where(rng.random(n) < 0.5, "m", "f").astype(object)

    given, syl1, syl2 = _draw_names(rng, origin, sex, sp)
    given_var = (
        np.where(rng.random(n) < 0.75, 0, rng.integers(0, 8, n)) % sp.given_nv[np.maximum(given, 0)]
    )
    syl_form = rng.integers(0, 4, n)

    # Surnames: the household's, except partners who kept their own (not twins).
    hh_surname = _draw_surnames(rng, origin_hh, sp)
    surname = hh_surname[household]
    own = multi & ~head & ~is_twin & (rng.random(n) < 0.2)
    surname[own] = _draw_surnames(rng, origin[own], sp)
    surname_var = np.where(rng.random(n) < 0.8, 0, rng.integers(0, 8, n)) % sp.surname_nv[surname]
    surname2 = np.full(n, -1, np.int64)
    dbl = np.flatnonzero((origin == "hispanic") & (rng.random(n) < 0.3))
    surname2[dbl] = _draw_surnames(rng, origin[dbl], sp)

    # Marriage: a new surname (of any origin) from a time on; some hyphenate.
    married = rng.random(n) < cond.married_change_share
    new_surname = np.full(n, -1, np.int64)
    partner_origin = np.array(names, dtype=object)[rng.choice(len(names), n, p=shares)]
    new_surname[married] = _draw_surnames(rng, partner_origin[married], sp)
    hyphenate = married & (rng.random(n) < cond.hyphen_share)
    married_at = np.where(married, rng.integers(T0, T1, n), T1 + 1)

    # Birth dates: adults 18-90; twins share one.
    age_days = rng.integers(18 * 365, 90 * 365, n)
    dob = np.datetime64("2025-06-30") - age_days.astype("timedelta64[D]")
    twin_first = pd.Series(np.arange(n)).groupby(household).transform("min").to_numpy()
    dob = np.where(is_twin, dob[twin_first], dob)
    if is_twin.any():  # twins: a first name of the same initial where possible
        tw = np.flatnonzero(is_twin & ~head)
        tw_sib = twin_first[tw]
        same_sex = rng.random(len(tw)) < 0.5
        sex[tw[same_sex]] = sex[tw_sib[same_sex]]

    # Addresses: one per household; movers get a second.
    moves = rng.random(n) < cond.move_share
    addresses = _addresses(rng, origin_hh, int(moves.sum()))
    address = household.copy()
    new_address = np.full(n, -1, np.int64)
    new_address[moves] = n_hh + np.arange(int(moves.sum()))
    moved_at = np.where(moves, rng.integers(T0, T1, n), T1 + 1)

    c = cities()
    area_of_city = np.array([a[0] for a in c.area_codes])
    n_area = np.array([len(a) for a in c.area_codes])
    area_tab = np.zeros((len(c.area_codes), max(n_area)), np.int64)
    for i, a in enumerate(c.area_codes):
        area_tab[i] = list(a) + [a[0]] * (area_tab.shape[1] - len(a))
    city_p = addresses["city"].to_numpy()[address]
    area = area_tab[city_p, rng.integers(0, 8, n) % n_area[city_p]]
    mobile = np.where(rng.random(n) < 0.92, _phone(rng, area), 0)
    hh_city = addresses["city"].to_numpy()[:n_hh]
    hh_land = np.where(rng.random(n_hh) < 0.45, _phone(rng, area_of_city[hh_city]), 0)
    landline = hh_land[household]
    new_city = addresses["city"].to_numpy()[np.maximum(new_address, 0)]
    new_landline = np.where(moves & (rng.random(n) < 0.5), _phone(rng, area_of_city[new_city]), 0)
    new_landline = np.where(moves, new_landline, landline)

    # Nicknames and English names.
    canon_given = np.where(given >= 0, sp.given[np.maximum(given, 0), 0], None)
    nick_tab = {k: v.split("|") for k, v in NICKNAMES.items()}
    has_nick = pd.Series(canon_given).isin(set(nick_tab)).to_numpy()
    wants = rng.random(n) < cond.nickname_share
    nickname = np.full(n, None, dtype=object)
    pick = np.flatnonzero(has_nick & wants)
    choice = rng.integers(0, 4, len(pick))
    nickname[pick] = [nick_tab[g][k % len(nick_tab[g])] for g, k in zip(canon_given[pick], choice)]
    asian = np.flatnonzero(np.isin(origin, ["korean", "chinese", "vietnamese"]) & wants)
    at_m, tm = sp.given_off[("anglo", "m")]
    at_f, tf = sp.given_off[("anglo", "f")]
    eng_m = sp.given[at_m + rng.choice(len(tm.weights), len(asian), p=tm.weights), 0]
    eng_f = sp.given[at_f + rng.choice(len(tf.weights), len(asian), p=tf.weights), 0]
    nickname[asian] = np.where(sex[asian] == "m", eng_m, eng_f)

    # Emails: a pattern and a domain; families often share the convention.
    head_of = pd.Series(np.where(head, np.arange(n), n)).groupby(household).transform("min")
    head_of = head_of.to_numpy()
    first_for_email = np.where(
        syl1 >= 0,
        (
            text(sp.syllable[np.maximum(syl1, 0), 0])
            + text(sp.syllable[np.maximum(syl2, 0), 0]).str.lower().where(syl2 >= 0, "")
        ).to_numpy(dtype=object),
        canon_given,
    )
    use_nick = pd.notna(nickname) & (rng.random(n) < 0.4)
    first_for_email = np.where(use_nick, nickname, first_for_email)
    email, email2, family_email = draw_emails(
        rng,
        cond,
        first=first_for_email,
        last=sp.surname[surname, 0],
        dob=dob,
        household=household,
        head_of=head_of,
        family_surname=sp.surname[hh_surname, 0],
        hh_sizes=hh_sizes,
    )
    ids = draw_ids(rng, household, head_of, hh_sizes)

    # Channels: each person leans to some channels; frequent ones live in one.
    base = np.array([0.28, 0.22, 0.20, 0.30])
    channel_p = rng.gamma(base * 1.5, size=(n, 4)) + 1e-9
    main = np.where(rng.random(n) < 0.6, 2, 3)
    channel_p[frequent] = 0.01
    channel_p[frequent, main[frequent]] = 1.0
    channel_p /= channel_p.sum(axis=1, keepdims=True)

    return People(
        n_records=counts,
        frequent=frequent,
        household=household,
        head=head,
        origin=origin,
        sex=sex,
        given=given,
        given_var=given_var,
        syl1=syl1,
        syl2=syl2,
        syl_form=syl_form,
        nickname=nickname,
        surname=surname,
        surname_var=surname_var,
        surname2=surname2,
        new_surname=new_surname,
        hyphenate=hyphenate,
        married_at=married_at,
        dob=dob,
        address=address,
        new_address=new_address,
        moved_at=moved_at,
        mobile=mobile,
        landline=landline,
        new_landline=new_landline,
        email=email,
        email2=email2,
        family_email=family_email,
        device=ids["device"],
        new_device=ids["new_device"],
        device_at=ids["device_at"],
        tablet=ids["tablet"],
        cookie=ids["cookie"],
        family_cookie=ids["family_cookie"],
        loyalty=ids["loyalty"],
        channel_p=channel_p,
        addresses=addresses,
    )
