"""The Spark engine's stages give exactly what the local engine gives, on generator data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from unifyid.block import DEFAULT_BLOCKING_RULES, candidate_pairs
from unifyid.compare import compare_pairs
from unifyid.datasets import make_customers
from unifyid.matchers._defaults import default_matchers
from unifyid.score._fellegi_sunter import pattern_counts
from unifyid.score._training import rule_base_columns, rule_trains
from unifyid.standardise import standardise_sources as prepare
from unifyid.values import add_locality, flag_shared_values

N_RECORDS = 2_000
SMALL_CAP = 3  # small enough that many default-rule blocks go over it


@pytest.fixture(scope="module")
def local():
    """The local engine's frame after value profiling, and what standardisation made of it."""
    sources = make_customers(N_RECORDS, seed=7).to_sources()
    frames = [s.read() for s in sources]
    prepared = prepare(sources, frames=frames)
    standardised = prepared.frame.copy()
    frame = prepared.frame
    flag_shared_values(frame)
    add_locality(frame)
    return {
        "sources": sources,
        "frames": frames,
        "standardised": standardised,
        "frame": frame,
        "matchers": default_matchers(prepared.columns_present),
    }


@pytest.fixture(scope="module")
def on_spark(spark, local):
    from unifyid.engines._spark._records import spark_profile_values
    from unifyid.engines._spark._standardise import standardised_records

    records = standardised_records(spark, local["sources"], frames=local["frames"])
    return {"standardised": records, "profiled": spark_profile_values(records)}


@pytest.fixture(scope="module")
def spark_blocking(on_spark):
    """Spark's blocking of the profiled records, per block size cap (computed once each)."""
    from unifyid.engines._spark._block import spark_candidate_pairs

    done = {}

    def blocking(cap: int):
        if cap not in done:
            rules = list(DEFAULT_BLOCKING_RULES)
            done[cap] = spark_candidate_pairs(on_spark["profiled"], rules, max_block_size=cap)
        return done[cap]

    return blocking


def _pandas(df) -> pd.DataFrame:
    from unifyid.engines._spark._records import to_pandas

    return to_pandas(df).sort_values("row").reset_index(drop=True)


def _assert_same_frame(local: pd.DataFrame, got: pd.DataFrame) -> None:
    assert got["row"].tolist() == list(range(len(local)))
    assert [c for c in got.columns if c != "row"] == list(local.columns)
    for c in local.columns:
        want = local[c].astype(object).to_numpy()
        have = got[c].to_numpy(dtype=object)
        if c.endswith("_variants"):
            have = np.array([None if v is None else tuple(v) for v in have], dtype=object)
        else:
            want = np.where(pd.isna(want), None, want)
            have = np.where(pd.isna(have), None, have)
        differ = [k for k, (a, b) in enumerate(zip(want, have)) if a != b]
        assert not differ, f"column {c}: {len(differ)} rows differ, first at row {differ[0]}"


def test_standardised_records_equal_local_frame(local, on_spark):
    _assert_same_frame(local["standardised"], _pandas(on_spark["standardised"]))


def test_value_profile_equals_hubs_and_locality(local, on_spark):
    _assert_same_frame(local["frame"], _pandas(on_spark["profiled"]))


def _pair_set(left, right) -> set[tuple[int, int]]:
    return set(zip(np.asarray(left).tolist(), np.asarray(right).tolist()))


@pytest.mark.parametrize("cap", [50, SMALL_CAP])
def test_candidate_pairs_and_stats_equal_local(local, spark_blocking, cap):
    rules = list(DEFAULT_BLOCKING_RULES)
    li, lj, stats = candidate_pairs(local["frame"], rules, max_block_size=cap)
    got = spark_blocking(cap)
    pairs = got.pairs.toPandas()
    assert len(pairs) == len(li)
    assert _pair_set(pairs["left"], pairs["right"]) == _pair_set(li, lj)
    pd.testing.assert_frame_equal(got.per_rule, stats.per_rule)
    if cap == SMALL_CAP:
        assert stats.per_rule["pairs_in_capped_blocks"].sum() > 0  # sub-blocking was exercised
    by_rule = got.rule_pairs.toPandas()
    n = len(local["frame"])
    for k, (_, keys) in enumerate(stats.rule_keys):
        mine = by_rule[by_rule["rule"] == k]
        assert _pair_set(mine["left"], mine["right"]) == _pair_set(keys // n, keys % n)


def test_levels_and_pattern_counts_equal_local(local, on_spark, spark_blocking):
    from unifyid.engines._spark._compare import gamma_columns, spark_compare_pairs
    from unifyid.engines._spark._counts import session_pattern_counts

    frame, matchers, rules = local["frame"], local["matchers"], list(DEFAULT_BLOCKING_RULES)
    li, lj, stats = candidate_pairs(frame, rules, max_block_size=SMALL_CAP)
    want = compare_pairs(frame, li, lj, matchers)
    blocking = spark_blocking(SMALL_CAP)
    gamma = spark_compare_pairs(on_spark["profiled"], blocking.pairs, matchers).localCheckpoint()
    got = gamma.toPandas().sort_values(["left", "right"])
    assert got["left"].tolist() == li.tolist() and got["right"].tolist() == lj.tolist()
    np.testing.assert_array_equal(got[gamma_columns(matchers)].to_numpy(), want)

    # The EM sessions of ``train_m`` (without its subsampling of large sessions).
    n = len(frame)
    shared = {
        c[: -len("__shared")]: frame[c].to_numpy(bool) for c in frame if c.endswith("__shared")
    }
    expected = []
    for columns, keys in stats.rule_keys:
        if not rule_trains(columns):
            continue
        blocked = rule_base_columns(columns)
        for col in blocked & set(shared):
            keys = keys[~shared[col][keys // n]]
        if len(keys) < 20:
            continue
        session = want[np.searchsorted(li * n + lj, keys)].copy()
        session[:, [k for k, m in enumerate(matchers) if blocked & set(m.columns)]] = 0
        expected.append((tuple(columns), *pattern_counts(session)))
    sessions = session_pattern_counts(
        on_spark["profiled"], gamma, blocking.rule_pairs, rules, matchers
    )
    assert len(sessions) == len(expected) > 0
    for s, (columns, patterns, counts) in zip(sessions, expected):
        assert s.columns == columns
        np.testing.assert_array_equal(s.patterns, patterns)
        np.testing.assert_array_equal(s.counts, counts)


def test_column_level_decisions_equal_local(spark):
    """Whole-column decisions (day-first dates, lost zeros, timestamp layouts, float ids) hold."""
    from unifyid import Source
    from unifyid.engines._spark._standardise import standardised_records

    n = 60
    rng = np.random.default_rng(3)
    days, months = rng.integers(1, 29, n), rng.integers(1, 13, n)
    shop = pd.DataFrame(
        {
            "id": np.arange(n, dtype=float) + 1.0,  # integral floats: "1", not "1.0"
            "name": [f"Ann{chr(97 + k % 26)} Lee" for k in range(n)],
            "dob": [f"{d:02d}/{m:02d}/1980" for d, m in zip(days, months)],  # day-first column
            "zip": [10001 + k if k % 3 else 2134 + k for k in range(n)],  # lost leading zeros
            "seen": [
                f"{d:02d}/{m:02d}/2021 10:{k % 60:02d}"
                for k, (d, m) in enumerate(zip(days, months))
            ],
            "iso": ["2022-01-02T03:04:05Z" if k % 2 else None for k in range(n)],
        }
    )
    web = pd.DataFrame(
        {
            "id": np.arange(n) + 0.5,  # not integral: kept as written
            "dob": [f"{m}/{d}/85" for d, m in zip(days, months)],  # no evidence: month-first
            "seen": [f"{m:02d}/{d:02d}/2021" for d, m in zip(days, months)],
        }
    )
    types = {"name": "full_name", "dob": "dob", "zip": "postcode", "seen": "timestamp"}
    sources = [
        Source("shop", shop, id="id", columns={**types, "iso": "timestamp"}),
        Source("web", web, id="id", columns={"dob": "dob", "seen": "timestamp"}),
    ]
    frames = [shop, web]
    want = prepare(sources, frames=frames).frame
    got = standardised_records(spark, sources, frames=frames)
    _assert_same_frame(want, _pandas(got))
    shop_rows = want["source"] == "shop"
    assert want.loc[shop_rows, "postcode"].str.len().eq(5).all()
    assert want["timestamp"].notna().all() and want["dob"].notna().all()
