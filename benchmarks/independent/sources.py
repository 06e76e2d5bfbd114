"""The four channels' own tables: each has its schema, its formats and its habits.

``web``      account_id, email, first_name, last_name, signup_ts (ISO ``...Z``), cookie_id, postcode
``app``      user_id, email, phone, full_name ("First Last"), ad_id, event_time (epoch s), dob (ISO)
``support``  ticket_id, customer_name ("Last, First"), email, phone, city (free text),
             created (``MM/DD/YYYY HH:MM``), subject
``store``    receipt_id, loyalty_no, first, last, phone, email, birth_date (``DD.MM.YYYY`` or
             ``MM/DD/YY``), street, city, zip (5 or 9 digits)

Every column is a string; an empty value is ``None``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from benchmarks.independent.noise import blank, streams, strftime, text, typos
from benchmarks.independent.people import People
from benchmarks.independent.places import STREET_TYPES, STREETS, cities
from benchmarks.independent.records import APP, SOURCES, STORE, SUPPORT, WEB, Records

__all__ = ["SCHEMAS", "render"]

SCHEMAS: dict[str, dict[str, Any]] = {
    "web": {
        "id": "account_id",
        "columns": {
            "email": "email",
            "first_name": "first_name",
            "last_name": "last_name",
            "signup_ts": "timestamp",
            "cookie_id": "device_id",
            "postcode": "postcode",
        },
    },
    "app": {
        "id": "user_id",
        "columns": {
            "email": "email",
            "phone": "phone",
            "full_name": "full_name",
            "ad_id": "device_id",
            "event_time": "timestamp",
            "dob": "dob",
        },
    },
    "support": {
        "id": "ticket_id",
        "columns": {
            "customer_name": "full_name",
            "email": "email",
            "phone": "phone",
            "city": "city",
            "created": "timestamp",
            "subject": "extra",
        },
    },
    "store": {
        "id": "receipt_id",
        "columns": {
            "loyalty_no": "loyalty_id",
            "first": "first_name",
            "last": "last_name",
            "phone": "phone",
            "email": "email",
            "birth_date": "dob",
            "street": "street",
            "city": "city",
            "zip": "postcode",
        },
    },
}

_SUBJECTS = np.array(
    [
        "Order not received",
        "Refund request",
        "Wrong size",
        "Damaged item",
        "Change delivery address",
        "Loyalty points missing",
        "Cannot log in",
        "Cancel order",
        "Billing question",
        "Product question",
    ],
    dtype=object,
)


def _s(values: Any) -> pd.Series:
    return text(values)


def _case(rng: np.random.Generator, v: np.ndarray, lower: float, upper: float) -> np.ndarray:
    s = _s(v)
    u = rng.random(len(v))
    s = s.where(~(u < lower), s.str.lower())
    s = s.where(~((u >= lower) & (u < lower + upper)), s.str.upper())
    return s.to_numpy(dtype=object)


def _join(a: np.ndarray, sep: str, b: np.ndarray) -> np.ndarray:
    """``a + sep + b``, or whichever of the two is there."""
    sa, sb = _s(a), _s(b)
    both = (sa + sep + sb).where(sa.notna() & sb.notna())
    return both.fillna(sa).fillna(sb).to_numpy(dtype=object)


def _zip5(z: np.ndarray) -> pd.Series:
    return text(pd.Series(z).astype(str)).str.zfill(5)


def _web(rng, r: Records, p: People, m: np.ndarray, miss: float) -> pd.DataFrame:
    addr = p.addresses.iloc[r.address[m]]
    return pd.DataFrame(
        {
            "email": _case(rng, r.email[m], 0.0, 0.02),
            "first_name": blank(_case(rng, r.first[m], 0.15, 0.03), rng, miss / 2),
            "last_name": blank(_case(rng, r.last[m], 0.15, 0.03), rng, miss / 2),
            "signup_ts": strftime(r.time[m], "%Y-%m-%dT%H:%M:%SZ"),
            "cookie_id": blank(r.cookie[m], rng, 0.1),
            "postcode": blank(_zip5(addr["zip"].to_numpy()).to_numpy(dtype=object), rng, 0.25),
        }
    )


def _app(rng, r: Records, m: np.ndarray, miss: float) -> pd.DataFrame:
    dob = strftime(r.dob[m], "%Y-%m-%d")
    u = rng.random(int(m.sum()))  # an app login is an email, a phone or both
    return pd.DataFrame(
        {
            "email": np.where(u < 0.15 + miss, None, r.email[m]),
            "phone": np.where((u > 0.6) & (u < 0.9), None, r.phone[m]),
            "full_name": _join(r.first[m], " ", r.last[m]),
            "ad_id": blank(r.device[m], rng, 0.1),
            "event_time": pd.Series(r.time[m]).astype(str).to_numpy(dtype=object),
            "dob": blank(dob, rng, 0.35),
        }
    )


def _city_text(rng, city: np.ndarray, lower: float) -> np.ndarray:
    """How people write a city: any of its names, sometimes lower case or with the state."""
    c = cities()
    width = max(len(v) for v in c.variants)
    tab = np.array([list(v) + [v[0]] * (width - len(v)) for v in c.variants], dtype=object)
    nv = np.array([len(v) for v in c.variants])
    k = np.where(rng.random(len(city)) < 0.7, 0, rng.integers(0, width, len(city))) % nv[city]
    s = _s(tab[city, k])
    with_state = rng.random(len(city)) < 0.15
    s = s.where(~with_state, s + ", " + _s(c.state[city]))
    out = _case(rng, s.to_numpy(dtype=object), lower, 0.05)
    return typos(out, rng, 0.02)


def _support(rng, r: Records, p: People, m: np.ndarray, miss: float) -> pd.DataFrame:
    first, last = _case(rng, r.first[m], 0.1, 0.05), _case(rng, r.last[m], 0.1, 0.05)
    comma = _join(last, ", ", first)
    plain = _join(first, " ", last)
    name = np.where(rng.random(len(first)) < 0.85, comma, plain)
    city = p.addresses["city"].to_numpy()[r.address[m]]
    return pd.DataFrame(
        {
            "customer_name": name,
            "email": blank(r.email[m], rng, miss),
            "phone": blank(r.phone[m], rng, miss),
            "city": blank(_city_text(rng, city, 0.2), rng, 0.3),
            "created": strftime(r.time[m], "%m/%d/%Y %H:%M"),
            "subject": rng.choice(_SUBJECTS, int(m.sum())),
        }
    )


def _street(rng, a: pd.DataFrame) -> np.ndarray:
    n = len(a)
    width = max(len(t) for t in STREET_TYPES)
    ttab = np.array([list(t) + [t[0]] * (width - len(t)) for t in STREET_TYPES], dtype=object)
    tn = np.array([len(t) for t in STREET_TYPES])
    st = a["street_type"].to_numpy()
    k = np.where(rng.random(n) < 0.6, 0, rng.integers(0, width, n)) % tn[st]
    name = np.asarray(STREETS, dtype=object)[a["street"].to_numpy()]
    line = (
        _s(a["number"].astype(str).to_numpy(dtype=object)) + " " + _s(name) + " " + _s(ttab[st, k])
    )
    unit = _s(a["unit"].to_numpy())
    unit_word = _s(rng.choice(np.array(["Apt ", "Apt. ", "#", "Unit "], dtype=object), n))
    has_unit = unit.notna() & (rng.random(n) < 0.8)
    line = line.where(~has_unit, line + " " + unit_word + unit)
    return typos(line.to_numpy(dtype=object), rng, 0.03, ocr_share=0.5)


def _store(rng, r: Records, p: People, m: np.ndarray, miss: float) -> pd.DataFrame:
    n = int(m.sum())
    a = p.addresses.iloc[r.address[m]].reset_index(drop=True)
    upper = rng.random(n) < 0.4
    first = np.where(upper, _s(r.first[m]).str.upper(), r.first[m])
    last = np.where(upper, _s(r.last[m]).str.upper(), r.last[m])
    d = r.dob[m]
    dob = np.where(rng.random(n) < 0.6, strftime(d, "%d.%m.%Y"), strftime(d, "%m/%d/%y"))
    z5 = _zip5(a["zip"].to_numpy())
    p4 = text(pd.Series(a["plus4"].to_numpy()).astype(str)).str.zfill(4)
    u = rng.random(n)
    zipc = np.where(u < 0.7, z5, np.where(u < 0.9, z5 + "-" + p4, z5 + p4)).astype(object)
    city = _city_text(rng, a["city"].to_numpy(), 0.1)
    city = np.where(upper, _s(city).str.upper(), city)
    street = _street(rng, a)
    street = np.where(upper, _s(street).str.upper(), street)
    loyalty = np.where(rng.random(n) < 0.8, r.loyalty[m], None)
    # Without contact details a receipt keeps the name and either the city or the ZIP.
    bare = ~r.has_contact[m]
    keep_city = rng.random(n) < 0.5
    street = np.where(bare, None, street)
    dob = np.where(bare, None, dob)
    city = np.where(bare & ~keep_city, None, city)
    zipc = np.where(bare & keep_city, None, zipc)
    loyalty = np.where(bare & (rng.random(n) < 0.5), None, loyalty)
    email = np.where(rng.random(n) < 0.35, r.email[m], None)
    return pd.DataFrame(
        {
            "loyalty_no": loyalty,
            "first": blank(first.astype(object), rng, miss / 2),
            "last": blank(last.astype(object), rng, miss / 2),
            "phone": blank(r.phone[m], rng, miss),
            "email": email,
            "birth_date": blank(dob.astype(object), rng, 0.3),
            "street": blank(street.astype(object), rng, miss),
            "city": blank(city.astype(object), rng, miss),
            "zip": blank(zipc, rng, miss),
        }
    )


_ID_FORMATS = {
    "web": lambda k: "W" + pd.Series(k + 1_000_000).astype(str),
    "app": lambda k: pd.Series(k + 5_000_000).astype(str),
    "support": lambda k: "TCK-" + pd.Series(k + 1).astype(str).str.zfill(8),
    "store": lambda k: "R" + pd.Series(k + 70_000_000).astype(str).str.zfill(10),
}


def render(
    rng: np.random.Generator, r: Records, p: People, missing_rate: float
) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """Each channel's table (rows shuffled, ids assigned) and the truth over all of them."""
    frames, truth = {}, []
    gens = streams(rng, len(SOURCES))  # one stream per channel
    builders = {
        WEB: lambda g, m: _web(g, r, p, m, missing_rate),
        APP: lambda g, m: _app(g, r, m, missing_rate),
        SUPPORT: lambda g, m: _support(g, r, p, m, missing_rate),
        STORE: lambda g, m: _store(g, r, p, m, missing_rate),
    }
    for code, name in enumerate(SOURCES):
        m = r.source == code
        df = builders[code](gens[code], m).reset_index(drop=True)
        order = gens[code].permutation(len(df))
        ids = _ID_FORMATS[name](np.arange(len(df))).to_numpy(dtype=object)
        df = df.iloc[order].reset_index(drop=True)
        df.insert(0, SCHEMAS[name]["id"], ids)
        entity = r.person[m][order]
        frames[name] = df.astype(object).where(df.notna(), None)
        truth.append(
            pd.DataFrame(
                {
                    "source": name,
                    "record_id": ids,
                    "entity_id": ("P" + text(pd.Series(entity).astype(str)).str.zfill(7)).to_numpy(
                        dtype=object
                    ),
                }
            )
        )
    return frames, pd.concat(truth, ignore_index=True)
