"""Invariance and scale: golden records never depend on the input row order."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from unifyid.golden import Longest, MostFrequent, MostRecent, SourcePriority
from unifyid.golden._build import build_golden
from unifyid.golden._fields import GOLDEN_COLUMNS

# Small pools make ties, shared values and missing values frequent.
_EMAILS = [None, "ann@x.com", "bob@x.com", "fam@x.com"]
_TIMES = [None, "2020-01-01T00:00:00", "2021-05-05T10:00:00", "2021-05-05T10:00:00"]
_FIRST = [None, "ann", "bob"]
_LAST = [None, "lee", "smith"]
_STREETS = [None, ("12 oak rd", "12 Oak Rd"), ("12 oak rd apt 4", " 12 Oak Rd, Apt 4")]
_RULES = [
    MostRecent(),
    MostFrequent(),
    Longest(),
    SourcePriority(("web", "app")),
    MostRecent(then=SourcePriority(("store",))),
]

record = st.fixed_dictionaries(
    {
        "source": st.sampled_from(["app", "store", "web"]),
        "profile": st.sampled_from(["p1", "p2", "p3"]),
        "email": st.sampled_from(_EMAILS),
        "email__shared": st.booleans(),
        "timestamp": st.sampled_from(_TIMES),
        "first_name": st.sampled_from(_FIRST),
        "last_name": st.sampled_from(_LAST),
        "street": st.sampled_from(_STREETS),
        "opt_in": st.sampled_from([None, "Y", "N"]),
    }
)


def _numbered(rows: list[dict]) -> list[dict]:
    out = []
    for k, r in enumerate(rows):
        street = r["street"]
        out.append(
            {
                **r,
                "record_id": f"r{k}",
                "street": street and street[0],
                "raw": {"street": street and street[1], "first_name": r["first_name"]},
                "extra": {"opt_in": r["opt_in"]},
            }
        )
    return out


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(record, min_size=1, max_size=25).map(_numbered),
    rule=st.sampled_from(_RULES),
    seed=st.integers(0, 2**32 - 1),
)
def test_shuffling_rows_changes_nothing(tables, rows, rule, seed):
    frame, raw, extras, profile_id = tables(rows)
    rules = {"email": rule, "name": rule, "address": rule, "extra": rule}
    golden, lineage = build_golden(frame, raw, extras, profile_id, rules=rules)
    order = np.random.default_rng(seed).permutation(len(frame))
    shuffled = build_golden(
        frame.iloc[order],
        raw.iloc[order],
        extras.sample(frac=1.0, random_state=seed % 2**31),
        profile_id[order],
        rules=rules,
    )
    pd.testing.assert_frame_equal(shuffled[0], golden)
    pd.testing.assert_frame_equal(shuffled[1], lineage)
    assert golden.profile_id.tolist() == sorted(set(profile_id))
    assert golden.n_records.sum() == len(frame)


def test_scale_smoke():
    """200k records in 100k profiles run through every field (no timing assertion)."""
    n, n_profiles = 200_000, 100_000
    rng = np.random.default_rng(0)
    profile = rng.integers(0, n_profiles, n)
    source = rng.choice(np.array(["app", "store", "support", "web"], dtype=object), n)
    seconds = rng.integers(1.5e9, 1.7e9, n).astype("datetime64[s]")
    timestamp = np.datetime_as_string(seconds).astype(object)
    timestamp[rng.random(n) < 0.1] = None

    def pool(prefix: str, size: int, missing: float) -> np.ndarray:
        values = np.array([f"{prefix}{k}" for k in range(size)], dtype=object)
        out = values[(profile * 7 + rng.integers(0, 3, n)) % size]
        out[rng.random(n) < missing] = None
        return out

    frame = pd.DataFrame(
        {
            "source": source,
            "record_id": np.char.add("r", np.arange(n).astype(str)).astype(object),
            "first_name": pool("first", 5_000, 0.2),
            "last_name": pool("last", 20_000, 0.1),
            "email": pool("user", 150_000, 0.3),
            "phone": pool("+1415", 150_000, 0.5),
            "street": pool("street ", 80_000, 0.6),
            "city": pool("city ", 1_000, 0.5),
            "postcode": pool("9", 5_000, 0.5),
            "dob": pool("19", 30_000, 0.5),
            "timestamp": timestamp,
        }
    ).sort_values(["source", "record_id"], ignore_index=True)
    frame["email__shared"] = rng.random(n) < 0.01
    raw = frame[["source", "record_id"]].assign(first_name=frame["first_name"].str.upper())
    extras = frame.loc[frame.source == "web", ["source", "record_id"]].assign(opt_in="Y")
    profile_id = np.char.add("p", profile.astype(str)).astype(object)
    golden, lineage = build_golden(frame, raw, extras, profile_id)
    assert len(golden) == len(np.unique(profile)) and golden.profile_id.is_unique
    assert golden.columns.tolist() == [*GOLDEN_COLUMNS, "opt_in"]
    assert int(golden.n_records.sum()) == n
    assert len(lineage) == int(
        golden.drop(columns=["profile_id", "n_records", "sources"]).notna().sum().sum()
    )
