"""``make_customers``: a synthetic, fully labelled cross-channel customer base.

The generator draws a US population (``_people``) and writes each person's
records into four channels, each with its own schema and habits:

- **web** (id ``web_id``): email, first_name, last_name, postcode,
  cookie_id (device_id), signup_ts (timestamp), marketing_opt_in (extra).
- **app** (id ``app_user_id``): email, phone ("+14155550134" or digits),
  full_name ("Ann Lee", "Lee, Ann", "Ann L."), device_id, last_login (timestamp).
- **support** (id ``ticket_contact_id``): name (full_name), email, phone in
  free text ("(415) 555-0134", "+1 415 555 0134", "415.555.0134",
  "00 1 415 555 0134"), city in free text ("NYC", "Boston, MA"), created_at.
- **store** (id ``pos_customer_id``): loyalty_id, first, last, phone, dob,
  street, city, zip (postcode), updated (timestamp).

Store birth dates mix three formats row by row: ISO ``1984-03-07``, US
month-first ``03/07/1984`` (the slash format is *always* month-first in this
source) and ``7 Mar 1984``. Store ZIP codes that start with 0 (Boston,
Providence, New Jersey) sometimes lost it in a spreadsheet ("2139"). All
values are strings; missing values are ``None``.

The rates of the hard cases live in ``_rates``; every record showing one is
tagged in ``Dataset.tags`` (the tags and their meaning are in ``TAGS``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._dataset import Dataset
from ._fields import (
    Records,
    Tags,
    address_of,
    device_column,
    dob_column,
    email_column,
    given_names,
    phone_column,
    street_column,
    surnames,
    text_noise,
)
from ._noise import bernoulli, case_noise
from ._people import Address, People, make_people
from ._places_data import CITIES, CITY_ALIASES
from ._rates import CHANNEL_RATES, CHANNELS, POPULATION

__all__ = ["SCHEMAS", "TAGS", "make_customers"]

#: Each tag, what a tagged record shows.
TAGS: dict[str, str] = {
    "household": "the person shares an address with other customers",
    "household_email": "the household's shared mailbox",
    "household_phone": "the household's shared landline",
    "household_device": "the household's shared tablet",
    "twin": "the person has a twin (same surname, birth date and address)",
    "common_name": "the person's full name is shared by at least 5 people",
    "moved": "the address after the person moved house",
    "email_changed": "the mailbox the person switched to",
    "email_alt": "the person's second mailbox, on their main account",
    "email_variant": "a gmail dot/+tag variant or an upper-cased email",
    "nickname": "a nickname instead of the given name",
    "typo": "a typo in a name, street or email",
    "name_swap": "given name and surname swapped",
    "accent_dropped": "a name without its accents or punctuation (Jose, OBrien)",
    "junk_email": "a placeholder email (test@test.com, ...)",
    "junk_phone": "a placeholder phone (0000000000, 555-555-5555, ...)",
    "junk_device": "the demo device id shared by unrelated app users",
    "store_default_phone": "a store's own phone number",
    "public_device": "a kiosk / library browser shared by strangers",
    "duplicate_account": "a second or third account of the person in this channel",
    "dob_error": "a mistyped birth date",
}

SCHEMAS: dict[str, dict] = {
    "web": {
        "id": "web_id",
        "columns": {
            "email": "email",
            "first_name": "first_name",
            "last_name": "last_name",
            "postcode": "postcode",
            "cookie_id": "device_id",
            "signup_ts": "timestamp",
            "marketing_opt_in": "extra",
        },
    },
    "app": {
        "id": "app_user_id",
        "columns": {
            "email": "email",
            "phone": "phone",
            "full_name": "full_name",
            "device_id": "device_id",
            "last_login": "timestamp",
        },
    },
    "support": {
        "id": "ticket_contact_id",
        "columns": {
            "name": "full_name",
            "email": "email",
            "phone": "phone",
            "city": "city",
            "created_at": "timestamp",
        },
    },
    "store": {
        "id": "pos_customer_id",
        "columns": {
            "loyalty_id": "loyalty_id",
            "first": "first_name",
            "last": "last_name",
            "phone": "phone",
            "dob": "dob",
            "street": "street",
            "city": "city",
            "zip": "postcode",
            "updated": "timestamp",
        },
    },
}

_ID_FORMATS = {"web": "W{:08d}", "app": "u{:07d}", "support": "SC-{:07d}", "store": "{:09d}"}
_T0 = np.datetime64("2019-01-01T00:00:00", "s").astype(np.int64)
_T1 = np.datetime64("2024-12-31T23:59:59", "s").astype(np.int64)
#: Phone style weights per channel (indices into ``_noise.PHONE_STYLES``).
_APP_PHONE = (0.6, 0.4)
_SUPPORT_PHONE = (0.03, 0.1, 0.3, 0.12, 0.12, 0.1, 0.05, 0.08, 0.1)
_STORE_PHONE = (0.0, 0.1, 0.5, 0.4)


def _channel_accounts(rng: np.random.Generator, n: int) -> np.ndarray:
    """Accounts per person and channel, shape (n, 4): a channel set, then duplicates."""
    k = rng.choice(4, size=n, p=POPULATION.n_channels) + 1
    w = np.log(np.asarray(POPULATION.channel_weight))
    keys = w - np.log(-np.log(rng.random((n, 4))))  # Gumbel top-k: weighted, no replacement
    member = np.argsort(np.argsort(-keys, axis=1), axis=1) < k[:, None]
    counts = member.astype(np.int64)
    for c, name in enumerate(CHANNELS):
        p2, p3 = CHANNEL_RATES[name].extra_account
        second = rng.random(n) < p2
        counts[:, c] += member[:, c] * second * (1 + (rng.random(n) < p3))
    return counts


def _layout(rng: np.random.Generator, n_records: int) -> tuple[np.ndarray, np.ndarray]:
    """Household sizes and accounts per person adding up to exactly ``n_records`` rows."""
    sizes_p = np.asarray(POPULATION.household_size)
    n_households = max(16, int(n_records / 2.3))
    while True:
        sizes = rng.choice(sizes_p.size, size=n_households, p=sizes_p) + 1
        counts = _channel_accounts(rng, int(sizes.sum()))
        per_household = np.add.reduceat(counts.sum(axis=1), np.cumsum(sizes) - sizes)
        cum = np.cumsum(per_household)
        last = int(np.searchsorted(cum, n_records))
        if last < n_households:
            break
        n_households *= 2
    sizes = sizes[: last + 1]
    counts = counts[: sizes.sum()]
    over = int(cum[last] - n_records)
    while over > 0:  # drop one account of each of the last people who have several
        several = np.flatnonzero(counts.sum(axis=1) > 1)[-over:]
        if not several.size:
            break
        counts[several, np.argmax(counts[several], axis=1)] -= 1
        over -= several.size
    return sizes, counts


def _records(rng: np.random.Generator, counts: np.ndarray, people: People) -> dict[str, Records]:
    """Expand account counts into records with timestamps and life-stage flags."""
    n_people = counts.shape[0]
    raw = {}
    for c, name in enumerate(CHANNELS):
        cnt = counts[:, c]
        p = np.repeat(np.arange(n_people), cnt)
        acc = np.arange(p.size) - np.repeat(np.cumsum(cnt) - cnt, cnt)
        raw[name] = (p, acc, rng.integers(_T0, _T1, p.size))
    # A move (email switch) falls between a person's first and last record of the
    # channels that show an address (an email), so that both versions appear.
    moments = {}
    for key, chans in (("move", ("web", "support", "store")), ("mail", ("web", "app", "support"))):
        p = np.concatenate([raw[c][0] for c in chans])
        ts = np.concatenate([raw[c][2] for c in chans])
        lo, hi = np.full(n_people, _T1), np.full(n_people, _T0)
        np.minimum.at(lo, p, ts)
        np.maximum.at(hi, p, ts)
        u = rng.random(n_people)
        moments[key] = np.where(lo < hi, lo + u * (hi - lo), _T0 + u * (_T1 - _T0))
    moved = np.where(people.mover, moments["move"], np.inf)
    switched = np.where(people.email_change, moments["mail"], np.inf)
    return {
        name: Records(p, acc, ts.astype("datetime64[s]"), ts > moved[p], ts > switched[p])
        for name, (p, acc, ts) in raw.items()
    }


def _when(rec: Records, unit: str, sep: str = " ", suffix: str = "") -> np.ndarray:
    text = np.datetime_as_string(rec.ts, unit=unit).astype(object)
    if sep != "T" and unit != "D":
        text = np.array([t.replace("T", sep) for t in text.tolist()], dtype=object)
    return text + suffix if suffix else text


def _split_names(
    rng: np.random.Generator,
    people: People,
    rec: Records,
    name: str,
    tags: Tags,
    has_first: np.ndarray,
    has_last: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Given name and surname columns; swapped on some rows that show both."""
    r = CHANNEL_RATES[name]
    first = given_names(rng, people, rec, r, tags, has_first)
    last = surnames(rng, people, rec, r, tags, has_last)
    swap = has_first & has_last & bernoulli(rng, rec.n, r.name_swap)
    tags.add("name_swap", swap)
    return np.where(swap, last, first), np.where(swap, first, last)


def _full_names(
    rng: np.random.Generator,
    people: People,
    rec: Records,
    name: str,
    tags: Tags,
    present: np.ndarray,
    forms: tuple[float, ...],
) -> np.ndarray:
    """Full names: "Ann Lee" or, with ``forms`` weights, "Lee, Ann", "Ann L.", "Ann"."""
    w = np.asarray(forms, dtype=float)
    form = rng.choice(w.size, size=rec.n, p=w / w.sum())
    # "Ann Lee" may come out swapped as "Lee Ann"; the other forms are unambiguous.
    first, last = _split_names(
        rng, people, rec, name, tags, present & (form == 0), present & (form == 0)
    )
    first2 = given_names(rng, people, rec, CHANNEL_RATES[name], tags, present & (form > 0))
    last2 = surnames(rng, people, rec, CHANNEL_RATES[name], tags, present & (form == 1))
    first, last = np.where(form == 0, first, first2), np.where(form == 0, last, last2)
    templates = ("{0} {1}", "{1}, {0}", "{0} {2}.", "{0}")
    out = np.array(
        [
            templates[k].format(f, s, s[:1])
            for f, s, k in zip(first.tolist(), last.tolist(), form.tolist(), strict=True)
        ],
        dtype=object,
    )
    return _blank(text_noise(out, rng, CHANNEL_RATES[name]), ~present)


def _person_tags(people: People, rec: Records, tags: Tags, common: np.ndarray) -> None:
    tags.add("household", people.household_size[rec.p] > 1)
    tags.add("twin", people.twin[rec.p])
    tags.add("common_name", common[rec.p])
    tags.add("duplicate_account", rec.acc > 0)


def _present(rng: np.random.Generator, name: str, column: str, n: int) -> np.ndarray:
    """Rows where ``column`` of channel ``name`` holds a value."""
    return ~bernoulli(rng, n, CHANNEL_RATES[name].missing.get(column, 0.0))


def _city_names(addr: Address) -> np.ndarray:
    return np.array([CITIES[c][0] for c in addr.city.tolist()], dtype=object)


def _web(
    rng: np.random.Generator, people: People, rec: Records, tags: Tags
) -> dict[str, np.ndarray]:
    r, n = CHANNEL_RATES["web"], rec.n
    has_first, has_last = (
        _present(rng, "web", "first_name", n),
        _present(rng, "web", "last_name", n),
    )
    first, last = _split_names(rng, people, rec, "web", tags, has_first, has_last)
    addr = address_of(people, rec)
    zips = addr.zip.copy()
    plus4 = np.flatnonzero(bernoulli(rng, n, 0.03))
    zips[plus4] = [
        f"{z}-{x:04d}"
        for z, x in zip(zips[plus4], rng.integers(0, 10_000, plus4.size).tolist(), strict=True)
    ]
    has_zip = _present(rng, "web", "postcode", n)
    tags.add("moved", rec.post_move & has_zip)
    opt_in = np.where(bernoulli(rng, n, 0.4), "Y", "N").astype(object)
    return {
        "email": email_column(rng, people, rec, r, tags, "email"),
        "first_name": _blank(text_noise(first, rng, r), ~has_first),
        "last_name": _blank(text_noise(last, rng, r), ~has_last),
        "postcode": _blank(zips, ~has_zip),
        "cookie_id": device_column(
            rng, rec, r, tags, people.cookie[rec.p], people.tablet_cookie[rec.p], "cookie_id"
        ),
        "signup_ts": _when(rec, "s", "T", "Z"),
        "marketing_opt_in": _blank(opt_in, ~_present(rng, "web", "marketing_opt_in", n)),
    }


def _app(
    rng: np.random.Generator, people: People, rec: Records, tags: Tags
) -> dict[str, np.ndarray]:
    r, n = CHANNEL_RATES["app"], rec.n
    has_name = _present(rng, "app", "full_name", n)
    return {
        "email": email_column(rng, people, rec, r, tags, "email"),
        "phone": phone_column(rng, people, rec, r, tags, _APP_PHONE),
        "full_name": _full_names(rng, people, rec, "app", tags, has_name, (0.8, 0.1, 0.1)),
        "device_id": device_column(
            rng, rec, r, tags, people.device[rec.p], people.tablet_device[rec.p], "device_id"
        ),
        "last_login": _when(rec, "s"),
    }


def _support(
    rng: np.random.Generator, people: People, rec: Records, tags: Tags
) -> dict[str, np.ndarray]:
    r, n = CHANNEL_RATES["support"], rec.n
    has_name = _present(rng, "support", "name", n)
    full = _full_names(rng, people, rec, "support", tags, has_name, (0.85, 0.1, 0.0, 0.05))
    # Free-text city: the name, an informal alias ("NYC", "Philly") or "City, ST".
    addr = address_of(people, rec)
    city = _city_names(addr)
    state = np.array([CITIES[c][1] for c in addr.city.tolist()], dtype=object)
    form, u = rng.random(n), rng.random(n)
    aliases = [CITY_ALIASES.get(c, (c,)) for c in city.tolist()]
    alias = np.array(
        [a[int(x * len(a))] for a, x in zip(aliases, u.tolist(), strict=True)], dtype=object
    )
    city = np.where(form < 0.15, alias, np.where(form < 0.3, city + ", " + state, city))
    has_city = _present(rng, "support", "city", n)
    tags.add("moved", rec.post_move & has_city)
    return {
        "name": full,
        "email": email_column(rng, people, rec, r, tags, "email"),
        "phone": phone_column(rng, people, rec, r, tags, _SUPPORT_PHONE),
        "city": _blank(case_noise(city, rng, r.upper, r.lower), ~has_city),
        "created_at": _when(rec, "m"),
    }


def _store(
    rng: np.random.Generator, people: People, rec: Records, tags: Tags
) -> dict[str, np.ndarray]:
    r, n = CHANNEL_RATES["store"], rec.n
    has_first, has_last = _present(rng, "store", "first", n), _present(rng, "store", "last", n)
    first, last = _split_names(rng, people, rec, "store", tags, has_first, has_last)
    has_addr = _present(rng, "store", "address", n)
    addr = address_of(people, rec)
    street = text_noise(street_column(rng, addr, r, tags, has_addr), rng, r)
    city = case_noise(_city_names(addr), rng, r.upper, r.lower)
    # Leading zeros lost when the ZIP column went through a spreadsheet.
    zero = np.array([z.startswith("0") for z in addr.zip.tolist()], dtype=bool)
    lost = np.flatnonzero(zero & bernoulli(rng, n, r.zip_lost_zero))
    zips = addr.zip.copy()
    zips[lost] = [z.lstrip("0") for z in zips[lost]]
    tags.add("moved", rec.post_move & has_addr)
    # Unique card numbers: one random number per bucket of a shuffled range.
    step = max(1, 899_999_999 // max(n, 1))
    loyalty = 100_000_000 + rng.permutation(n) * step + rng.integers(0, step, n)
    return {
        "loyalty_id": _blank(
            np.array([f"LY{x}" for x in loyalty.tolist()], dtype=object),
            ~_present(rng, "store", "loyalty_id", n),
        ),
        "first": _blank(text_noise(first, rng, r), ~has_first),
        "last": _blank(text_noise(last, rng, r), ~has_last),
        "phone": phone_column(rng, people, rec, r, tags, _STORE_PHONE),
        "dob": dob_column(rng, people.dob[rec.p], r, tags),
        "street": _blank(street, ~has_addr),
        "city": _blank(city, ~has_addr),
        "zip": _blank(zips, ~has_addr),
        "updated": _when(rec, "D"),
    }


def _blank(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
    out = np.asarray(values, dtype=object).copy()
    out[mask] = None
    return out


_RENDER = {"web": _web, "app": _app, "support": _support, "store": _store}


def make_customers(n_records: int = 50_000, seed: int = 0) -> Dataset:
    """Generate a labelled customer base spread over web, app, support and store.

    Parameters
    ----------
    n_records : int, default 50_000
        Total number of rows over the four sources (met exactly for all but tiny sizes).
    seed : int, default 0
        Seed of ``numpy.random.default_rng``; the same seed gives identical frames.

    Returns
    -------
    Dataset
        ``sources`` and ``schemas`` for ``web``, ``app``, ``support`` and ``store``,
        ``truth`` mapping every record to its person, and ``tags`` marking the
        hard cases (households, twins, nicknames, junk identifiers, ...).

    Notes
    -----
    Population rates (``_rates.PopulationRates``): about 31% of people share an
    address with 1-4 other customers; 85% of those households are families
    sharing a surname, 35% of households share a landline, 25% of families a
    mailbox and 20% of households a tablet. 10% of families have twins (40% of
    them with near-identical names). 1.5% of single people carry one of twelve
    very common full names ("John Smith", "Maria Garcia"). 10% of people move
    house, 8% switch mailbox; half of those whose name has nicknames go by one.
    52% of people use one channel, 27% two, 14% three, 7% all four; duplicate
    accounts: 7% of web users, 4% app, 15% support, 6% store.

    Record rates (``_rates.CHANNEL_RATES``): name typos 3-4%, swapped names
    1-2%, junk emails 1-2%, junk phones 1-2%, the store's own phone on 4% of
    store records, the demo device on 1% of app records, a kiosk browser on 1%
    of web records, gmail dot/+tag variants on 10-20% of gmail addresses, email
    typos 1-1.5%, street typos 5%. ``Dataset.hard_cases`` counts the result.

    Examples
    --------
    >>> from unifyid.datasets import make_customers
    >>> data = make_customers(n_records=2_000, seed=1)
    >>> data.n_records, sorted(data.sources)
    (2000, ['app', 'store', 'support', 'web'])
    >>> len(data.truth) == data.n_records
    True
    """
    if isinstance(n_records, bool) or not isinstance(n_records, (int, np.integer)) or n_records < 1:
        raise ValueError(f"n_records must be a positive integer, got {n_records!r}.")
    rng = np.random.default_rng(seed)
    sizes, counts = _layout(rng, int(n_records))
    people = make_people(rng, sizes)
    records = _records(rng, counts, people)
    name_key = pd.Series(people.first).str.cat(pd.Series(people.last), sep="\x00")
    common = (name_key.map(name_key.value_counts()) >= 5).to_numpy()
    entity = np.array([f"E{i:07d}" for i in rng.permutation(people.n).tolist()], dtype=object)

    sources: dict[str, pd.DataFrame] = {}
    truth: dict[str, list[np.ndarray]] = {"source": [], "record_id": [], "entity_id": []}
    tagged: dict[str, list[np.ndarray]] = {"source": [], "record_id": [], "tag": []}
    for name in CHANNELS:
        rec = records[name]
        tags = Tags(rec.n)
        _person_tags(people, rec, tags, common)
        columns = _RENDER[name](rng, people, rec, tags)
        order = rng.permutation(rec.n)  # rows of one person must not sit together
        ids = np.array([_ID_FORMATS[name].format(i + 1) for i in range(rec.n)], dtype=object)
        frame = pd.DataFrame({SCHEMAS[name]["id"]: ids}, dtype=object)
        for col, values in columns.items():
            frame[col] = values[order]
        sources[name] = frame
        truth["source"].append(np.full(rec.n, name, dtype=object))
        truth["record_id"].append(ids)
        truth["entity_id"].append(entity[rec.p[order]])
        for tag in TAGS:
            mask = tags.masks.get(tag)
            hit = ids[np.flatnonzero(mask[order])] if mask is not None else ids[:0]
            tagged["source"].append(np.full(hit.size, name, dtype=object))
            tagged["record_id"].append(hit)
            tagged["tag"].append(np.full(hit.size, tag, dtype=object))
    return Dataset(
        name=f"customers-{int(n_records)}-seed{seed}",
        sources=sources,
        schemas={k: {"id": v["id"], "columns": dict(v["columns"])} for k, v in SCHEMAS.items()},
        truth=pd.DataFrame({k: np.concatenate(v) for k, v in truth.items()}, dtype=object),
        tags=pd.DataFrame({k: np.concatenate(v) for k, v in tagged.items()}, dtype=object),
    )
