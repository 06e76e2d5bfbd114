"""build_golden: candidates, field groups, display values, schema, lineage, errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from unifyid import ConfigError
from unifyid.golden import Longest, MostFrequent, MostRecent
from unifyid.golden._build import LINEAGE_COLUMNS, build_golden
from unifyid.golden._fields import GOLDEN_COLUMNS

T1, T2, T3 = "2020-01-01T00:00:00", "2022-06-01T12:00:00", "2024-03-01T08:00:00"


def origin(lineage: pd.DataFrame, profile: str, field: str) -> tuple[str, str]:
    row = lineage[(lineage.profile_id == profile) & (lineage.field == field)]
    assert len(row) == 1, row
    return row.iloc[0].source, row.iloc[0].record_id


def value(golden: pd.DataFrame, profile: str, column: str) -> object:
    return golden.set_index("profile_id").at[profile, column]


def rec(source: str, record_id: str, profile: str, **values: object) -> dict:
    return {"source": source, "record_id": record_id, "profile": profile, **values}


# --- candidates ------------------------------------------------------------------


def test_a_junk_email_never_survives_even_when_most_recent(golden_of):
    # prepare() leaves junk and unparseable values as None in the frame.
    golden, lineage = golden_of(
        [
            rec("web", "w1", "p", email="ann@x.com", timestamp=T1),
            rec("app", "a1", "p", email=None, timestamp=T3, raw={"email": "test@test.com"}),
            rec("app", "a2", "q", email=None, timestamp=T3, raw={"email": "none@none.com"}),
        ]
    )
    assert value(golden, "p", "email") == "ann@x.com"
    assert origin(lineage, "p", "email") == ("web", "w1")
    assert value(golden, "q", "email") is None
    assert not ((lineage.profile_id == "q") & (lineage.field == "email")).any()


def test_a_shared_value_survives_only_when_the_profile_has_no_personal_one(golden_of):
    golden, lineage = golden_of(
        [
            rec("web", "w1", "p", email="family@x.com", email__shared=True, timestamp=T3),
            rec("store", "s1", "p", email="ann@x.com", timestamp=T1),
            rec("web", "w2", "q", email="family@x.com", email__shared=True, timestamp=T3),
        ]
    )
    assert value(golden, "p", "email") == "ann@x.com"
    assert value(golden, "q", "email") == "family@x.com"
    assert lineage.set_index(["profile_id", "field"]).at[("p", "email"), "n_candidates"] == 2


# --- field groups ------------------------------------------------------------------


def test_first_and_last_name_come_from_one_record(golden_of):
    golden, lineage = golden_of(
        [
            rec("store", "s1", "p", first_name="ann", last_name="lee", timestamp=T1),
            rec("web", "w1", "p", first_name="ann", last_name="lee", timestamp=T2),
            rec("app", "a1", "p", first_name="ann", last_name="smith", timestamp=T3),
            rec("app", "a2", "p", last_name="smith", timestamp=T3),
            rec("support", "c1", "p", first_name="annie", timestamp=T3),
        ]
    )
    assert (value(golden, "p", "first_name"), value(golden, "p", "last_name")) == ("Ann", "Lee")
    assert origin(lineage, "p", "first_name") == origin(lineage, "p", "last_name") == ("web", "w1")


def test_a_name_part_no_complete_record_has_is_filled_from_another_record(golden_of):
    golden, lineage = golden_of(
        [
            rec("web", "w1", "p", first_name="ann", timestamp=T3),
            rec("store", "s1", "p", last_name="lee", timestamp=T1),
        ]
    )
    assert (value(golden, "p", "first_name"), value(golden, "p", "last_name")) == ("Ann", "Lee")
    assert origin(lineage, "p", "first_name") == ("web", "w1")
    assert origin(lineage, "p", "last_name") == ("store", "s1")


def test_the_address_is_one_unit_from_the_latest_complete_record(golden_of):
    def addr(street, city, postcode, raw_street=None):
        raw = {"street": raw_street} if raw_street else {}
        return {"street": street, "city": city, "postcode": postcode, "raw": raw}

    rows = [
        rec("store", "s1", "p", timestamp=T1, **addr("1 elm st", "boston", "02110", "1 Elm St")),
        rec("web", "w1", "p", timestamp=T2, **addr("9 oak rd", "salem", "01970", "9 Oak Rd")),
        rec("support", "c1", "p", timestamp=T3, **addr(None, "denver", None)),
        rec("web", "w2", "p", timestamp=T3, **addr(None, None, "80202")),
    ]
    golden, lineage = golden_of(rows)
    got = [value(golden, "p", c) for c in ("street", "city", "postcode")]
    assert got == ["9 Oak Rd", "Salem", "01970"]
    assert {origin(lineage, "p", c) for c in ("street", "city", "postcode")} == {("web", "w1")}
    assert value(golden, "p", "country") is None


# --- display values ----------------------------------------------------------------


def test_display_values(golden_of):
    golden, _ = golden_of(
        [
            rec(
                "store",
                "s1",
                "p",
                first_name="ann",
                last_name="obrien",
                email="ann@x.com",
                city="new york",
                street="12 oak rd apt 4",
                raw={
                    "first_name": "  ANN ",
                    "last_name": "O'BRIEN",
                    "email": " ANN@X.COM ",
                    "city": " new   york ",
                    "street": " 12  Oak Rd  Apt 4 ",
                },
            ),
            rec(
                "app",
                "a1",
                "q",
                first_name="mary jane",
                last_name="van der berg",
                raw={"full_name": "van der Berg, Mary-Jane"},
            ),
            rec("app", "a2", "r", first_name="ann", last_name="lee", raw={"first_name": "Dr. Ann"}),
        ]
    )
    p = golden.set_index("profile_id")
    assert p.loc["p", ["first_name", "last_name", "email", "city", "street"]].tolist() == [
        "Ann",
        "O'Brien",
        "ann@x.com",
        "New York",
        "12 Oak Rd Apt 4",
    ]
    assert p.loc["q", ["first_name", "last_name"]].tolist() == ["Mary-Jane", "van der Berg"]
    assert p.loc["r", ["first_name", "last_name"]].tolist() == ["Ann", "Lee"]


# --- schema and lineage -----------------------------------------------------------


def test_one_row_per_profile_with_a_stable_schema(golden_of):
    golden, lineage = golden_of(
        [
            rec("web", "w1", "p2", email="b@x.com", timestamp=T1),
            rec("store", "s1", "p2", timestamp=T3),
            rec("app", "a1", "p1"),
            rec("web", "w2", "p10", extra={"opt_in": True}),
        ]
    )
    assert golden.columns.tolist() == [*GOLDEN_COLUMNS, "opt_in"]
    assert golden.profile_id.tolist() == ["p1", "p10", "p2"]
    assert golden.n_records.tolist() == [1, 1, 2]
    assert golden.n_records.dtype == np.int64
    assert all(dtype == np.dtype(object) for dtype in golden.drop(columns="n_records").dtypes)
    assert golden.sources.tolist() == ["app", "web", "store,web"]
    p1 = golden.set_index("profile_id").loc["p1"].drop(["n_records", "sources"])
    assert all(v is None for v in p1)  # None, not NaN
    assert golden.loc[2, ["first_seen", "last_seen"]].tolist() == [T1, T3]
    assert value(golden, "p10", "opt_in") == "True"
    assert lineage.columns.tolist() == list(LINEAGE_COLUMNS)
    assert lineage[["profile_id", "field", "rule"]].values.tolist() == [
        ["p10", "opt_in", "MostRecent"],
        ["p2", "email", "MostRecent"],
        ["p2", "first_seen", "Earliest"],
        ["p2", "last_seen", "Latest"],
    ]
    assert lineage.loc[3, ["source", "record_id", "value", "n_candidates"]].tolist() == [
        "store",
        "s1",
        T3,
        2,
    ]


def test_lineage_values_are_the_golden_values(golden_of):
    golden, lineage = golden_of(
        [
            rec("web", "w1", "p", first_name="ann", raw={"first_name": "ANN"}, email="a@x.com"),
            rec("store", "s1", "q", city="boston", raw={"city": "Boston"}, timestamp=T2),
        ]
    )
    long = golden.drop(columns=["n_records", "sources"]).melt("profile_id", var_name="field")
    long = long.dropna().sort_values(["profile_id", "field"]).reset_index(drop=True)
    got = lineage[["profile_id", "field", "value"]].sort_values(["profile_id", "field"])
    pd.testing.assert_frame_equal(got.reset_index(drop=True), long, check_dtype=False)


def test_no_records_gives_empty_tables_with_the_schema(tables):
    frame, raw, extras, profile_id = tables([])
    golden, lineage = build_golden(frame, raw, extras, profile_id)
    assert golden.columns.tolist() == list(GOLDEN_COLUMNS) and len(golden) == 0
    assert lineage.columns.tolist() == list(LINEAGE_COLUMNS) and len(lineage) == 0


# --- free columns -------------------------------------------------------------------


def test_free_columns_are_carried_with_most_recent_by_default(golden_of):
    rows = [
        rec("web", "w1", "p", timestamp=T1, extra={"opt_in": "Y", "email": "old"}),
        rec("web", "w2", "p", timestamp=T3, extra={"opt_in": "N", "email": None}),
        rec("web", "w3", "p", timestamp=T2, extra={"opt_in": "N", "email": " mid "}),
        rec("store", "s1", "p", timestamp=T3),
    ]
    golden, lineage = golden_of(rows)
    assert golden.columns.tolist()[-2:] == ["opt_in", "extra_email"]
    assert value(golden, "p", "opt_in") == "N"
    assert origin(lineage, "p", "opt_in") == ("web", "w2")
    assert value(golden, "p", "extra_email") == "mid"
    golden, _ = golden_of(rows, {"extra": MostFrequent(), "extra_email": Longest()})
    assert value(golden, "p", "opt_in") == "N"
    assert value(golden, "p", "extra_email") == "old"
    golden, _ = golden_of(rows, {"opt_in": MostRecent(then=MostFrequent())})
    assert value(golden, "p", "opt_in") == "N"


# --- errors -------------------------------------------------------------------------


def test_rules_are_checked(golden_of):
    rows = [rec("web", "w1", "p", extra={"opt_in": "Y"})]
    with pytest.raises(ConfigError, match=r"'street' is chosen together .* 'address'"):
        golden_of(rows, {"street": Longest()})
    with pytest.raises(ConfigError, match=r"unknown field 'emial'; known fields: .*'opt_in'"):
        golden_of(rows, {"emial": Longest()})
    with pytest.raises(ConfigError, match=r"rules\['email'\] must be a survivorship rule"):
        golden_of(rows, {"email": "most_recent"})
    with pytest.raises(ConfigError, match="first_seen and last_seen"):
        golden_of(rows, {"timestamp": MostRecent()})


def test_inputs_are_checked(tables):
    frame, raw, extras, profile_id = tables(
        [rec("web", "w1", "p", extra={"x": 1}), rec("web", "w2", "p")]
    )
    with pytest.raises(ConfigError, match="row-aligned"):
        build_golden(frame, raw, extras, profile_id[:1])
    with pytest.raises(ConfigError, match="row-aligned"):
        build_golden(frame, raw.iloc[::-1], extras, profile_id)
    with pytest.raises(ConfigError, match="missing for 1 record"):
        build_golden(frame, raw, extras, np.array(["p", None], dtype=object))
    with pytest.raises(ConfigError, match=r"lacks column\(s\) \['record_id'\]"):
        build_golden(frame.drop(columns="record_id"), raw, extras, profile_id)
    with pytest.raises(ConfigError, match="raw must be a pandas DataFrame"):
        build_golden(frame, None, extras, profile_id)  # type: ignore[arg-type]
    unknown = extras.assign(record_id="w9")
    with pytest.raises(ConfigError, match="1 record"):
        build_golden(frame, raw, unknown, profile_id)


def test_tables_round_trip_through_parquet(golden_of, tmp_path):
    golden, lineage = golden_of(
        [
            rec("web", "w1", "p", email="a@x.com", timestamp=T1, extra={"opt_in": True}),
            rec("store", "s1", "q", extra={"opt_in": None}),
        ]
    )
    for name, table in (("golden", golden), ("lineage", lineage)):
        table.to_parquet(tmp_path / f"{name}.parquet", index=False)
        back = pd.read_parquet(tmp_path / f"{name}.parquet")
        assert back.columns.tolist() == table.columns.tolist()
        assert (
            back.astype(object).where(back.notna(), None).values.tolist() == table.values.tolist()
        )
