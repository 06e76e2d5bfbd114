"""The people behind the records: households, names, addresses, contacts and life events.

Everything is drawn per person as numpy arrays (household members then take
the head's surname, origin, address and landline); records are
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
from benchmarks.independent.noise import inverse_cdf, streams, text
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
    household: np.ndarray  # the person heading the household (themselves when alone)
    head: np.ndarray  # bool: heads a household
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
    addresses: pd.DataFrame  # 2n rows (homes, then homes to move to): city, zip, ...


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
    """Who heads each person's household (themselves if living alone), and who is a twin.

    Families fill a fixed random order of people from its front and twins from
    its back, so raising ``household_share`` adds families without reshuffling
    the people already in one.
    """
    perm = rng.permutation(n)
    sizes = rng.choice([2, 3, 4, 5], size=n // 2 + 1, p=[0.45, 0.27, 0.19, 0.09])
    n_twins = 2 * int(n * cond.twin_share / 2)
    n_fam = min(int(n * cond.household_share), n - n_twins)
    k = int(np.searchsorted(np.cumsum(sizes), n_fam))
    fam = sizes[: k + 1].copy()
    fam[-1] -= int(fam.sum()) - n_fam
    fam = fam[fam > 0]
    head_of = np.arange(n)
    starts = np.repeat(np.cumsum(fam) - fam, fam)
    head_of[perm[:n_fam]] = perm[starts]
    twins = perm[n - n_twins :]
    head_of[twins[1::2]] = twins[0::2]
    is_twin = np.zeros(n, dtype=bool)
    is_twin[twins] = True
    return head_of, is_twin


def _phone(rng: np.random.Generator, area: np.ndarray) -> np.ndarray:
    exch = rng.integers(201, 990, len(area))
    exch = np.where(exch % 100 == 11, exch + 1, exch)  # no N11 exchanges
    return area * 10_000_000 + exch * 10_000 + rng.integers(0, 10_000, len(area))


def _addresses(rng: np.random.Generator, origin: np.ndarray) -> pd.DataFrame:
    """Two addresses per person: a home (rows ``0..n-1``) and one to move to (``n..2n-1``)."""
    from benchmarks.independent.places import STREET_TYPES, STREETS

    c = cities()
    n = len(origin)
    u = rng.random(2 * n)
    city = np.empty(2 * n, np.int64)
    for o in np.unique(origin):  # bounded: one lookup per origin
        m = np.flatnonzero(origin == o)
        city[m] = inverse_cdf(origin_city_weights(o), u[m])
    city[n:] = inverse_cdf(c.weight, u[n:])
    # ZIPs within a city are unequal too: a few dense ones hold many people.
    zk = np.floor(c.n_zips[city] * rng.power(0.7, 2 * n)).astype(np.int64)
    number = np.where(
        rng.random(2 * n) < 0.7, rng.integers(1, 1000, 2 * n), rng.integers(1000, 20000, 2 * n)
    )
    unit = np.where(
        rng.random(2 * n) < 0.25,
        pd.Series(rng.integers(1, 30, 2 * n)).astype(str).to_numpy(dtype=object)
        + rng.choice(np.array(["", "A", "B", "C", "D"], dtype=object), 2 * n),
        None,
    )
    return pd.DataFrame(
        {
            "city": city,
            "zip": c.zip_start[city] + zk,
            "plus4": rng.integers(1, 10_000, 2 * n),
            "number": number,
            "street": rng.integers(0, len(STREETS), 2 * n),
            "street_type": rng.choice(len(STREET_TYPES), 2 * n, p=_STREET_TYPE_P),
            "unit": unit,
        }
    )


_STREET_TYPE_P = np.array([0.3, 0.2, 0.12, 0.06, 0.12, 0.07, 0.05, 0.03, 0.03, 0.02])


def _draw_names(u: np.ndarray, origin, sex, sp: Spellings) -> tuple:
    """Given name rows (or two syllables) from three uniforms per person."""
    n = len(origin)
    given = np.full(n, -1, np.int64)
    syl1 = np.full(n, -1, np.int64)
    syl2 = np.full(n, -1, np.int64)
    for o in np.unique(origin):  # bounded: origins x sexes
        if o in _SYLLABIC:
            m = np.flatnonzero(origin == o)
            at, t = sp.syllable_off[o]
            syl1[m] = at + inverse_cdf(t.weights, u[0, m])
            syl2[m] = at + inverse_cdf(t.weights, u[1, m])
            if o == "chinese":  # a third have a one-syllable given name
                syl2[m[u[2, m] < 0.3]] = -1
            continue
        for s in ("m", "f"):
            m = np.flatnonzero((origin == o) & (sex == s))
            at, t = sp.given_off[(o, s)]
            given[m] = at + inverse_cdf(t.weights, u[0, m])
    return given, syl1, syl2


def _draw_surnames(u: np.ndarray, origin, sp: Spellings) -> np.ndarray:
    out = np.empty(len(origin), np.int64)
    for o in np.unique(origin):
        m = np.flatnonzero(origin == o)
        at, t = sp.surname_off[o]
        out[m] = at + inverse_cdf(t.weights, u[m])
    return out


def _area_codes(city: np.ndarray, u: np.ndarray) -> np.ndarray:
    c = cities()
    n_area = np.array([len(a) for a in c.area_codes])
    tab = np.array([list(a) + [a[0]] * (max(n_area) - len(a)) for a in c.area_codes])
    return tab[city, (u * n_area[city]).astype(np.int64)]


def _nicknames(rng: np.random.Generator, cond, origin, sex, given, sp: Spellings) -> np.ndarray:
    """A name some people go by: a nickname, or an English name for some Asian people."""
    n = len(origin)
    u = rng.random((3, n))
    canon = np.where(given >= 0, sp.given[np.maximum(given, 0), 0], None)
    table = {k: v.split("|") for k, v in NICKNAMES.items()}
    wants = u[0] < cond.nickname_share
    out = np.full(n, None, dtype=object)
    pick = np.flatnonzero(pd.Series(canon).isin(set(table)).to_numpy() & wants)
    out[pick] = [table[g][int(k * len(table[g]))] for g, k in zip(canon[pick], u[1, pick])]
    asian = np.flatnonzero(np.isin(origin, ["korean", "chinese", "vietnamese"]) & wants)
    at_m, tm = sp.given_off[("anglo", "m")]
    at_f, tf = sp.given_off[("anglo", "f")]
    eng_m = sp.given[at_m + inverse_cdf(tm.weights, u[2, asian]), 0]
    eng_f = sp.given[at_f + inverse_cdf(tf.weights, u[2, asian]), 0]
    out[asian] = np.where(sex[asian] == "m", eng_m, eng_f)
    return out


_STAGES = (
    "counts",
    "households",
    "origin",
    "names",
    "surnames",
    "marriage",
    "dob",
    "places",
    "phones",
    "nicknames",
    "emails",
    "ids",
    "channels",
)


def draw_people(rng: np.random.Generator, n_records: int, cond: Conditions) -> People:
    """Draw everyone behind ``n_records`` records under ``cond``.

    Each stage draws from its own stream, and categories come from one uniform
    per person, so moving one knob changes what it governs and little else:
    the grid of conditions compares like with like.
    """
    sp = spellings()
    r = dict(zip(_STAGES, streams(rng, len(_STAGES))))
    counts, frequent = _counts(r["counts"], n_records, cond)
    n = len(counts)
    me = np.arange(n)
    head_of, is_twin = _households(r["households"], n, cond)
    head = head_of == me
    multi = np.bincount(head_of, minlength=n)[head_of] > 1
    names, shares = cond.origin_shares()
    own_origin = np.array(names, dtype=object)[inverse_cdf(np.array(shares), r["origin"].random(n))]
    origin = own_origin[head_of]
    partner_origin = own_origin[(me + 1) % n]  # someone else's origin, for marriages

    rn = r["names"]
    sex = np.where(rn.random(n) < 0.5, "m", "f").astype(object)
    same = is_twin & ~head & (rn.random(n) < 0.5)  # half the twins: same sex
    sex[same] = sex[head_of[same]]
    given, syl1, syl2 = _draw_names(rn.random((3, n)), origin, sex, sp)
    given_var = (
        np.where(rn.random(n) < 0.75, 0, rn.integers(0, 8, n)) % sp.given_nv[np.maximum(given, 0)]
    )
    syl_form = rn.integers(0, 4, n)

    # Surnames: the head's, except partners who kept their own (not twins).
    rs = r["surnames"]
    u = rs.random((4, n))
    own_surname = _draw_surnames(u[0], origin, sp)
    keep = multi & ~head & ~is_twin & (u[1] < 0.2)
    surname = np.where(keep, own_surname, own_surname[head_of])
    own2 = np.where((origin == "hispanic") & (u[2] < 0.3), _draw_surnames(u[3], origin, sp), -1)
    surname2 = np.where(keep, own2, own2[head_of])
    surname_var = np.where(rs.random(n) < 0.8, 0, rs.integers(0, 8, n)) % sp.surname_nv[surname]

    # Marriage: a new surname (of any origin) from a time on; some hyphenate.
    u = r["marriage"].random((3, n))
    married = u[0] < cond.married_change_share
    new_surname = np.where(married, _draw_surnames(u[1], partner_origin, sp), -1)
    hyphenate = married & (u[2] < cond.hyphen_share)
    married_at = np.where(married, r["marriage"].integers(T0, T1, n), T1 + 1)

    # Birth dates: adults 18-90; twins share one.
    age_days = r["dob"].integers(18 * 365, 90 * 365, n)
    dob = np.datetime64("2025-06-30") - age_days.astype("timedelta64[D]")
    dob = np.where(is_twin, dob[head_of], dob)

    # Addresses: the head's home; movers go to their own second address.
    rp = r["places"]
    addresses = _addresses(rp, own_origin)
    moves = rp.random(n) < cond.move_share
    address = head_of.copy()
    new_address = np.where(moves, n + me, -1)
    moved_at = np.where(moves, rp.integers(T0, T1, n), T1 + 1)

    # Phones: a mobile each; a landline per household, a new one for some movers.
    rph = r["phones"]
    city = addresses["city"].to_numpy()
    u = rph.random((5, n))
    mobile = np.where(u[0] < 0.92, _phone(rph, _area_codes(city[address], u[1])), 0)
    land = np.where(u[2] < 0.45, _phone(rph, _area_codes(city[me], u[1])), 0)
    landline = land[head_of]
    new_land = np.where(u[3] < 0.5, _phone(rph, _area_codes(city[n + me], u[4])), 0)
    new_landline = np.where(moves, new_land, landline)

    nickname = _nicknames(r["nicknames"], cond, origin, sex, given, sp)

    # Emails: a pattern and a domain; families often share the convention.
    canon_given = np.where(given >= 0, sp.given[np.maximum(given, 0), 0], None)
    first_for_email = np.where(
        syl1 >= 0,
        (
            text(sp.syllable[np.maximum(syl1, 0), 0])
            + text(sp.syllable[np.maximum(syl2, 0), 0]).str.lower().where(syl2 >= 0, "")
        ).to_numpy(dtype=object),
        canon_given,
    )
    re_ = r["emails"]
    use_nick = pd.notna(nickname) & (re_.random(n) < 0.4)
    first_for_email = np.where(use_nick, nickname, first_for_email)
    email, email2, family_email = draw_emails(
        re_,
        cond,
        first=first_for_email,
        last=sp.surname[surname, 0],
        dob=dob,
        head_of=head_of,
        multi=multi,
    )
    ids = draw_ids(r["ids"], head_of, multi)

    # Channels: each person leans to some channels; frequent ones live in one.
    rc = r["channels"]
    base = np.array([0.28, 0.22, 0.20, 0.30])
    channel_p = rc.gamma(base * 1.5, size=(n, 4)) + 1e-9
    main = np.where(rc.random(n) < 0.6, 2, 3)
    channel_p[frequent] = 0.01
    channel_p[frequent, main[frequent]] = 1.0
    channel_p /= channel_p.sum(axis=1, keepdims=True)

    return People(
        n_records=counts,
        frequent=frequent,
        household=head_of,
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
