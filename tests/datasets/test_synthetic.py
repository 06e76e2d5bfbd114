"""Tests of the synthetic customer generator ``unifyid.datasets.make_customers``."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import unifyid
from unifyid import SEMANTIC_TYPES
from unifyid.datasets import Dataset, _people, make_customers
from unifyid.datasets import _names_data as names
from unifyid.datasets import _places_data as places
from unifyid.datasets._synthetic import TAGS

JUNK_EMAILS = {e for e, _ in places.JUNK_EMAILS}


@pytest.fixture(scope="module")
def data() -> Dataset:
    return make_customers(n_records=30_000, seed=0)


@pytest.fixture(scope="module")
def records(data: Dataset) -> pd.DataFrame:
    """All sources stacked on their truth: source, record_id, entity_id + columns."""
    frames = []
    for name, frame in data.sources.items():
        f = frame.rename(columns={data.schemas[name]["id"]: "record_id"})
        frames.append(f.assign(source=name))
    stacked = pd.concat(frames, ignore_index=True)
    return stacked.merge(data.truth, on=["source", "record_id"], validate="one_to_one")


def _tagged(data: Dataset, records: pd.DataFrame, tag: str, source: str | None = None):
    keys = data.tags[data.tags["tag"] == tag][["source", "record_id"]]
    out = records.merge(keys, on=["source", "record_id"])
    return out if source is None else out[out["source"] == source]


def _gmail_key(email: str) -> str:
    local, _, domain = email.lower().partition("@")
    if domain == "gmail.com":
        local = local.split("+", 1)[0].replace(".", "")
    return f"{local}@{domain}"


# --- shape, determinism, truth -------------------------------------------------


def test_same_seed_gives_identical_frames():
    a, b = make_customers(3_000, seed=5), make_customers(3_000, seed=5)
    assert a.name == b.name == "customers-3000-seed5"
    for name in a.sources:
        pd.testing.assert_frame_equal(a.sources[name], b.sources[name])
    pd.testing.assert_frame_equal(a.truth, b.truth)
    pd.testing.assert_frame_equal(a.tags, b.tags)
    c = make_customers(3_000, seed=6)
    assert not a.sources["web"].equals(c.sources["web"])


@pytest.mark.parametrize("n", [200, 1_000, 7_777])
def test_size_within_tolerance(n):
    data = make_customers(n, seed=1)
    assert abs(data.n_records - n) <= 0.02 * n
    assert data.n_records == sum(len(f) for f in data.sources.values()) == len(data.truth)


def test_rejects_bad_sizes():
    for bad in (0, -5, 2.5, True):
        with pytest.raises(ValueError, match="n_records"):
            make_customers(bad)


def test_sources_and_schemas(data):
    assert sorted(data.sources) == ["app", "store", "support", "web"]
    assert data.n_records == 30_000
    for name, frame in data.sources.items():
        schema = data.schemas[name]
        assert schema["id"] in frame.columns
        assert schema["id"] not in schema["columns"]
        assert set(schema["columns"]) <= set(frame.columns)
        assert set(schema["columns"].values()) <= set(SEMANTIC_TYPES)
        assert frame[schema["id"]].is_unique
        assert frame[schema["id"]].map(type).eq(str).all()
        values = frame.to_numpy().ravel()
        # text or missing (None on pandas 2, NaN in pandas 3's string columns)
        assert all(isinstance(v, str) or pd.isna(v) for v in values)


def test_truth_covers_every_record_once(data):
    truth = data.truth
    assert list(truth.columns) == ["source", "record_id", "entity_id"]
    assert not truth.duplicated(["source", "record_id"]).any()
    assert truth.notna().all().all()
    for name, frame in data.sources.items():
        ids = truth.loc[truth["source"] == name, "record_id"]
        assert set(ids) == set(frame[data.schemas[name]["id"]])
        assert len(ids) == len(frame)
    tag_keys = data.tags.merge(truth, on=["source", "record_id"], how="left")
    assert tag_keys["entity_id"].notna().all()
    assert set(data.tags["tag"]) <= set(TAGS)


def test_to_sources(data):
    sources = data.to_sources()
    assert [s.name for s in sources] == list(data.sources)
    assert all(isinstance(s, unifyid.Source) for s in sources)
    web = sources[0]
    assert web.id == "web_id" and web.columns["cookie_id"] == "device_id"
    assert web.read() is data.sources["web"]


def test_channel_overlap(records):
    channels = records.groupby("entity_id")["source"].nunique()
    assert 0.4 < (channels == 1).mean() < 0.7
    assert (channels >= 2).mean() > 0.25
    assert (channels == 4).any()


def test_duplicate_accounts_use_different_emails(data, records):
    web = records[records["source"] == "web"].dropna(subset=["email"])
    web = web[~web["email"].isin(JUNK_EMAILS)]
    per_person = web.groupby("entity_id").agg(n=("record_id", "size"), mails=("email", "nunique"))
    several = per_person[per_person["n"] > 1]
    assert len(several) > 50
    assert (several["mails"] > 1).mean() > 0.9
    assert data.hard_cases["duplicate_account"]["records"] > 0


def test_hard_case_summary(data):
    summary = data.hard_cases
    assert set(summary) == set(TAGS)
    for tag, counts in summary.items():
        assert counts["records"] >= counts["entities"] >= 1, tag


# --- the hard cases ----------------------------------------------------------


def test_households_share_address_and_email(data, records):
    store = _tagged(data, records, "household", "store").dropna(subset=["street", "zip"])
    house = store["street"].str.split().str[0]
    groups = store.assign(house=house).groupby(["zip", "house"])["entity_id"].nunique()
    assert (groups >= 2).sum() >= 10
    shared = _tagged(data, records, "household_email").dropna(subset=["email"])
    mailbox = shared["email"].map(_gmail_key)
    per_mailbox = shared.assign(key=mailbox).groupby("key")["entity_id"].nunique()
    assert (per_mailbox >= 2).sum() >= 5


def test_twins_share_surname_dob_and_address(data, records):
    twins = _tagged(data, records, "twin", "store").dropna(subset=["dob", "last", "first"])
    twins = twins.assign(surname=twins["last"].str.strip().str.lower())
    pairs = twins.groupby(["surname", "dob"]).agg(
        people=("entity_id", "nunique"), firsts=("first", lambda s: s.str.lower().nunique())
    )
    assert ((pairs["people"] >= 2) & (pairs["firsts"] >= 2)).any()


def test_common_names_belong_to_many_strangers(records):
    split = records[records["source"].isin(["web", "store"])]
    first = split["first_name"].fillna(split["first"])
    last = split["last_name"].fillna(split["last"])
    people = split.assign(full=first + " " + last).groupby("full")["entity_id"].nunique()
    assert people.max() >= 5
    assert people.get("John Smith", 0) + people.get("Maria Garcia", 0) >= 2


def test_junk_identifiers_attach_to_many_people(records):
    per_email = records.groupby("email")["entity_id"].nunique()
    assert per_email[per_email.index.isin(JUNK_EMAILS)].max() >= 10
    digits = records["phone"].str.replace(r"\D", "", regex=True)
    per_phone = records.assign(d=digits).groupby("d")["entity_id"].nunique()
    assert per_phone.get("3127864400", 0) >= 10  # a store's own number
    assert per_phone.get("0000000000", 0) >= 5
    per_device = records.groupby("device_id")["entity_id"].nunique()
    assert per_device["00000000-0000-0000-0000-000000000000"] >= 10
    per_cookie = records.groupby("cookie_id")["entity_id"].nunique()
    assert per_cookie.max() >= 5  # a kiosk browser


def test_family_tablet_is_shared(data, records):
    tablets = _tagged(data, records, "household_device")
    device = tablets["device_id"].fillna(tablets["cookie_id"])
    assert (tablets.assign(d=device).groupby("d")["entity_id"].nunique() >= 2).any()


def test_nicknames_of_one_person(data, records):
    tagged = _tagged(data, records, "nickname")
    variants = {n.lower(): c.lower() for c, group in names.NICKNAMES.items() for n in group}
    first = records["first_name"].fillna(records["first"]).str.strip().str.lower()
    given = records.assign(given=first).dropna(subset=["given"])
    found = 0
    for _, group in given[given["entity_id"].isin(tagged["entity_id"])].groupby("entity_id"):
        seen = set(group["given"])
        found += any(variants.get(g) in seen for g in seen)
    assert found >= 5


def test_moves_show_old_and_new_address(data, records):
    moved = _tagged(data, records, "moved", "store").dropna(subset=["zip"])
    store = records[records["source"] == "store"].dropna(subset=["zip"])
    before = store[
        store["entity_id"].isin(moved["entity_id"]) & ~store["record_id"].isin(moved["record_id"])
    ]
    both = moved.merge(before, on="entity_id", suffixes=("_new", "_old"))
    assert (both["zip_new"] != both["zip_old"]).any()
    assert (both["updated_new"] > both["updated_old"]).all()


def test_email_variants_and_changes(data, records):
    variants = _tagged(data, records, "email_variant").dropna(subset=["email"])
    assert variants["email"].str.contains(r"\+|[A-Z]", regex=True).any()
    mails = records.dropna(subset=["email"])
    keyed = mails.assign(key=mails["email"].map(_gmail_key))
    same_box = keyed.groupby(["entity_id", "key"])["email"].nunique()
    assert (same_box >= 2).sum() >= 20  # one mailbox spelled two ways
    assert data.hard_cases["email_changed"]["entities"] >= 20


def test_typos_accents_and_swaps(data, records):
    for tag in ("typo", "accent_dropped", "name_swap"):
        assert data.hard_cases[tag]["records"] >= 10, tag
    dropped = _tagged(data, records, "accent_dropped")
    text = dropped[["first_name", "last_name", "full_name", "name", "first", "last"]]
    assert text.stack().dropna().map(str.isascii).any()


def test_phone_numbers_are_valid_us_numbers(records):
    phonenumbers = pytest.importorskip("phonenumbers")
    digits = records["phone"].dropna().str.replace(r"\D", "", regex=True).str[-10:]
    sample = digits[~digits.isin({"0000000000", "1234567890", "5555555555", "9999999999"})]
    for number in sample.sample(500, random_state=0):
        assert phonenumbers.is_valid_number(phonenumbers.parse(number, "US")), number
    area_codes = {a for city in places.CITIES for a in city[3]}
    for area in area_codes:
        assert phonenumbers.is_valid_number(phonenumbers.parse(f"{area}2345678", "US"))


def test_store_formats(records):
    store = records[records["source"] == "store"]
    dob = store["dob"].dropna()
    iso = dob.str.fullmatch(r"\d{4}-\d{2}-\d{2}")
    us = dob.str.fullmatch(r"(0[1-9]|1[0-2])/\d{2}/\d{4}")  # month-first
    text = dob.str.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{4}")
    assert (iso | us | text).all() and iso.any() and us.any() and text.any()
    assert store["zip"].dropna().str.fullmatch(r"\d{4,5}").all()
    assert store["street"].dropna().str.contains(r"\b(?:St|Ave|Street|Avenue)\b").any()
    assert store["street"].dropna().str.contains(r"Apt|#|Unit").any()


def test_full_name_forms(records):
    app = records.loc[records["source"] == "app", "full_name"].dropna().str.strip()
    assert app.str.contains(r"^[^,]+, [^,]+$").any()  # "Lee, Ann"
    assert app.str.contains(r" [A-Za-z]\.$").any()  # "Ann L."


def test_name_tables():
    firsts = names.MALE_FIRST_NAMES + names.FEMALE_FIRST_NAMES
    assert len(firsts) >= 300 and len(names.LAST_NAMES) >= 500
    assert len(set(names.LAST_NAMES)) == len(names.LAST_NAMES)
    assert {"José", "Zoë", "Müller", "O'Brien", "Smith-Jones"} <= set(firsts + names.LAST_NAMES)
    assert len(names.NICKNAMES) >= 40
    assert all(c in firsts for c in names.NICKNAMES)
    assert re.fullmatch(r"\w+", "".join(places.STREET_NAMES).replace(" ", ""))


def test_names_repeat_as_often_as_in_the_census():
    # How often strangers share a name decides how ambiguous names-only evidence is.
    for table, weights in (_people._MALE, _people._FEMALE, _people._LAST):
        assert len(set(table)) == len(table) == weights.size
        assert weights.sum() == pytest.approx(1.0)
    surnames, weights = _people._LAST
    assert len(surnames) >= 10_000
    assert 5e-4 < float((weights**2).sum()) < 1e-3  # the 1990 census: 7e-4
    assert weights[:100].sum() == pytest.approx(0.19, abs=0.02)
    assert {"O'Brien", "Müller", "Smith-Jones"} <= set(surnames)
    assert {"José", "Zoë"} <= set(_people._MALE[0] + _people._FEMALE[0])


def test_name_frequencies_are_skewed(records):
    last = records["last"].dropna().str.strip().str.title()
    counts = last.value_counts()
    assert counts.iloc[0] > 20 * np.median(counts.to_numpy())


@settings(max_examples=12, deadline=None)
@given(n=st.integers(min_value=60, max_value=1_500), seed=st.integers(0, 2**32 - 1))
def test_invariants_hold_for_any_size_and_seed(n, seed):
    data = make_customers(n, seed=seed)
    assert data.n_records == n
    assert len(data.truth) == n and not data.truth.duplicated(["source", "record_id"]).any()
    for name, frame in data.sources.items():
        assert frame[data.schemas[name]["id"]].is_unique
        assert set(data.schemas[name]["columns"]) <= set(frame.columns)
