"""Invariants under any row order: record conservation and identical profile ids."""

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import unifyid as uid
from unifyid.datasets import make_customers

DATA = make_customers(n_records=600, seed=5)


def shuffled_sources(seed):
    rng = np.random.default_rng(seed)
    out = []
    for name, frame in DATA.sources.items():
        schema = DATA.schemas[name]
        perm = rng.permutation(len(frame))
        out.append(
            uid.Source(
                name,
                frame.iloc[perm].reset_index(drop=True),
                id=schema["id"],
                columns=schema["columns"],
            )
        )
    order = rng.permutation(len(out))
    return [out[k] for k in order]


BASELINE = uid.Resolver().resolve(shuffled_sources(0)).profiles


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 10_000))
def test_any_row_order_gives_the_same_profiles(seed):
    profiles = uid.Resolver().resolve(shuffled_sources(seed)).profiles
    assert len(profiles) == DATA.n_records
    assert not profiles.duplicated(["source", "record_id"]).any()
    pd.testing.assert_frame_equal(profiles, BASELINE)


@settings(max_examples=10, deadline=None)
@given(
    st.lists(
        st.sampled_from(["ann@x.com", "bob@y.org", None, "test@test.com", "", "  "]),
        min_size=1,
        max_size=12,
    ),
    st.lists(st.sampled_from(["Ann", "Bob", None, "A.", "ann"]), min_size=1, max_size=12),
)
def test_every_record_kept_whatever_the_values(emails, names):
    n = min(len(emails), len(names))
    df = pd.DataFrame({"id": [str(k) for k in range(n)], "e": emails[:n], "f": names[:n]})
    result = uid.Resolver().resolve(
        [uid.Source("s", df, id="id", columns={"e": "email", "f": "first_name"})]
    )
    assert sorted(result.profiles["record_id"]) == sorted(df["id"])
