"""The independent generator: shape, truth, formats, determinism and what each knob moves."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from benchmarks.independent import make_independent
from benchmarks.independent.__main__ import main, parse_condition
from unifyid._schema import SEMANTIC_TYPES

N = 4_000


@pytest.fixture(scope="module")
def data():
    return make_independent(N, seed=3)


def _column(m, typ: str) -> pd.Series:
    """Every value of one semantic type over all sources."""
    parts = [
        m.sources[src][col]
        for src, s in m.schemas.items()
        for col, t in s["columns"].items()
        if t == typ
    ]
    return pd.concat(parts, ignore_index=True)


def test_counts_ids_and_truth_cover_every_record_once(data) -> None:
    assert data.records == N
    assert data.task == "link_and_dedupe"
    assert set(data.sources) == {"web", "app", "support", "store"}
    keys = []
    for src, df in data.sources.items():
        ids = df[data.schemas[src]["id"]]
        assert ids.is_unique and ids.notna().all()
        keys.append(pd.DataFrame({"source": src, "record_id": ids.astype(str)}))
    keys = pd.concat(keys, ignore_index=True)
    truth = data.truth
    assert len(truth) == N
    assert not truth.duplicated(["source", "record_id"]).any()
    merged = keys.merge(truth, on=["source", "record_id"], how="outer", indicator=True)
    assert (merged["_merge"] == "both").all()


def test_schemas_map_to_semantic_types_and_values_are_strings(data) -> None:
    for src, schema in data.schemas.items():
        df = data.sources[src]
        assert set(schema["columns"]) | {schema["id"]} == set(df.columns)
        assert set(schema["columns"].values()) <= set(SEMANTIC_TYPES)
        for col in df.columns:
            present = df[col].dropna()
            assert present.map(type).eq(str).all(), (src, col)


def test_same_seed_same_data_other_seed_other_data() -> None:
    a, b = make_independent(1_500, seed=7), make_independent(1_500, seed=7)
    c = make_independent(1_500, seed=8)
    for src in a.sources:
        pd.testing.assert_frame_equal(a.sources[src], b.sources[src])
    pd.testing.assert_frame_equal(a.truth, b.truth)
    assert not a.sources["web"].equals(c.sources["web"])


def test_formats_of_each_channel(data) -> None:
    s = data.sources
    assert s["support"]["created"].str.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d").all()
    assert s["web"]["signup_ts"].str.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ").all()
    assert s["app"]["event_time"].str.fullmatch(r"\d{9,10}").all()
    assert s["app"]["dob"].dropna().str.fullmatch(r"\d{4}-\d\d-\d\d").all()
    dob = s["store"]["birth_date"].dropna()
    assert dob.str.fullmatch(r"\d\d\.\d\d\.\d{4}").any()
    assert dob.str.fullmatch(r"\d\d/\d\d/\d\d").any()
    assert s["support"]["customer_name"].str.contains(", ", regex=False).mean() > 0.5
    zips = s["store"]["zip"].dropna()
    assert zips.str.fullmatch(r"\d{5}").any() and zips.str.fullmatch(r"\d{5}-?\d{4}").any()
    phones = _column(data, "phone").dropna()
    patterns = [
        r"\(\d{3}\) \d{3}-\d{4}",
        r"\d{3}-\d{3}-\d{4}",
        r"\d{3}\.\d{3}\.\d{4}",
        r"\d{10}",
        r"\+1 \d{3} \d{3} \d{4}",
        r"1-\d{3}-\d{3}-\d{4}",
        r"\+1\d{10}",
        r"\d{3} \d{3} \d{4}",
    ]
    for pat in patterns:
        assert phones.str.fullmatch(pat).any(), pat


def test_records_per_person_are_heavy_tailed_with_frequent_customers(data) -> None:
    sizes = data.truth.groupby("entity_id").size()
    assert sizes.median() <= 2
    assert 2.0 < sizes.mean() < 4.5
    assert sizes.max() >= 20
    none = make_independent(N, seed=3, frequent_share=0.0)
    assert none.truth.groupby("entity_id").size().max() <= 41


def test_contact_share_moves_emails_and_phones() -> None:
    low = make_independent(3_000, seed=1, contact_share=0.2)
    high = make_independent(3_000, seed=1, contact_share=0.9)
    for src in ("store", "support"):  # web and app accounts always carry a login
        for col in ("email", "phone"):
            lo = low.sources[src][col].notna().sum()
            hi = high.sources[src][col].notna().sum()
            assert lo < 0.7 * hi, (src, col)
    bare = low.sources["store"][["phone", "email", "street", "birth_date"]].isna().all(axis=1)
    assert bare.mean() > 0.5


def test_origin_mix_moves_names() -> None:
    korean = make_independent(2_000, seed=2, origin_mix={"korean": 1.0})
    anglo = make_independent(2_000, seed=2, origin_mix={"anglo": 1.0})
    common = {"Kim", "Gim", "Lee", "Yi", "Rhee", "Rhie", "Park", "Pak", "Bak"}
    k = _column(korean, "last_name").dropna().str.title().isin(common).mean()
    a = _column(anglo, "last_name").dropna().str.title().isin(common).mean()
    assert k > 0.3 and a < 0.02


def test_household_and_marriage_knobs_move_shared_surnames() -> None:
    def shared_address_people(m) -> int:
        web = m.sources["store"].assign(record_id=m.sources["store"]["receipt_id"])
        t = m.truth[m.truth["source"] == "store"].merge(web, on="record_id")
        t = t.dropna(subset=["street"])
        per = t.groupby(t["street"].str.lower())["entity_id"].nunique()
        return int((per > 1).sum())

    none = make_independent(4_000, seed=5, household_share=0.0, twin_share=0.0)
    many = make_independent(4_000, seed=5, household_share=0.8)
    assert shared_address_people(many) > 3 * max(1, shared_address_people(none))

    def surnames_per_person(m) -> float:
        last = pd.concat(
            [
                m.sources["web"][["account_id", "last_name"]].set_axis(["record_id", "l"], axis=1),
                m.sources["store"][["receipt_id", "last"]].set_axis(["record_id", "l"], axis=1),
            ]
        )
        t = m.truth.merge(last, on="record_id").dropna(subset=["l"])
        return float(t.groupby("entity_id")["l"].nunique().mean())

    kw = dict(typo_rate=0.0, swap_share=0.0, household_share=0.0)
    flat = make_independent(4_000, seed=6, married_change_share=0.0, **kw)
    wed = make_independent(4_000, seed=6, married_change_share=0.6, **kw)
    assert surnames_per_person(wed) > surnames_per_person(flat) + 0.05


def test_unknown_or_bad_conditions_are_named() -> None:
    with pytest.raises(TypeError, match="unknown condition"):
        make_independent(100, colour="red")
    with pytest.raises(ValueError, match="contact_share"):
        make_independent(100, contact_share=1.5)
    with pytest.raises(ValueError, match="origin_mix"):
        make_independent(100, origin_mix={"martian": 1.0})
    assert parse_condition("origin_mix=anglo:0.9,korean:0.1") == (
        "origin_mix",
        {"anglo": 0.9, "korean": 0.1},
    )
    assert parse_condition("frequent_max_records=80") == ("frequent_max_records", 80)


def test_cli_writes_csv_truth_schema_and_a_config_unifyid_reads(tmp_path: Path) -> None:
    out = tmp_path / "ind"
    args = ["--records", "800", "--seed", "1", "--out", str(out)]
    assert main([*args, "--condition", "contact_share=0.5"]) == 0
    for src in ("web", "app", "support", "store"):
        assert (out / f"{src}.csv").exists()
    meta = json.loads((out / "schema.json").read_text())
    assert meta["records"] == 800 and meta["task"] == "link_and_dedupe"
    truth = pd.read_parquet(out / "truth.parquet")
    assert len(truth) == 800
    from unifyid.io._config import read_config

    cfg = read_config(out / "customers.toml")
    assert [s.name for s in cfg.sources] == ["web", "app", "support", "store"]
    for source in cfg.sources:
        assert dict(source.columns) == meta["sources"][source.name]["columns"]
        assert source.id == meta["sources"][source.name]["id"]


def test_moving_one_knob_keeps_the_people_and_the_rest() -> None:
    base = make_independent(3_000, seed=4)
    moved = make_independent(3_000, seed=4, contact_share=0.2)
    sizes = base.truth.groupby("entity_id").size()
    pd.testing.assert_series_equal(sizes, moved.truth.groupby("entity_id").size())
    pd.testing.assert_series_equal(
        base.sources["app"]["full_name"], moved.sources["app"]["full_name"]
    )
    assert not base.sources["store"]["phone"].equals(moved.sources["store"]["phone"])


def test_junk_shared_and_default_identifiers_are_there(data) -> None:
    emails = _column(data, "email").dropna().str.lower()
    assert emails.isin(["test@test.com", "noemail@noemail.com", "none@none.com"]).any()
    phones = _column(data, "phone").dropna()
    assert (phones == "(800) 555-0199").sum() >= 5  # the chain's own number
    ads = data.sources["app"]["ad_id"].dropna()
    kiosks = make_independent(2_000, seed=1, kiosk_share=0.3)
    owners = kiosks.truth.merge(
        kiosks.sources["app"][["user_id", "ad_id"]].rename(columns={"user_id": "record_id"}),
        on="record_id",
    )
    assert owners.groupby("ad_id")["entity_id"].nunique().max() >= 5  # a kiosk
    assert ads.str.fullmatch(r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}").all()


def test_korean_given_names_come_in_several_romanisations() -> None:
    m = make_independent(3_000, seed=9, origin_mix={"korean": 1.0}, nickname_share=0.0)
    first = m.sources["app"]["full_name"].dropna().str.split(" ").str[0]
    assert first.str.contains("-", regex=False).any()  # "Young-Bae"
    assert first.str.fullmatch(r"[A-Z][a-z]+[a-z]{2,}").any()  # "Youngbae"
    last = _column(m, "last_name").dropna().str.title()
    assert {"Lee", "Yi"} <= set(last) or {"Park", "Pak"} <= set(last)


def test_cli_never_replaces_a_folder_it_did_not_write(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(SystemExit):
        main(["--records", "50", "--out", str(tmp_path)])
    assert (tmp_path / "notes.txt").read_text() == "keep me"
