"""The Spark graph and golden stages give the local engine's profiles and golden records."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from unifyid import Resolver
from unifyid.datasets import make_customers
from unifyid.golden._build import build_golden
from unifyid.graph import ClusterSettings, cluster
from unifyid.score import FittedModel

N_RECORDS = 2_000


def _local_scored(resolver: Resolver, n: int, seed: int):
    """The local pipeline up to the fitted model: the compared batch and the model."""
    sources = make_customers(n, seed=seed).to_sources()
    scored, _ = resolver._score_inputs(sources, matchers=None)
    resolver._fit_scored(scored)
    return scored, FittedModel.of(resolver)


def _on_spark(spark, scored):
    """The local frame (with its term frequencies) and compared pairs as Spark tables."""
    from unifyid.engines._spark._compare import gamma_columns
    from unifyid.engines._spark._records import from_pandas

    frame = scored.prepared.frame.copy()
    tf_columns = {key: f"tf{k}" for k, key in enumerate(scored.tf)}
    for key, column in tf_columns.items():
        frame[column] = scored.tf[key]
    frame.insert(0, "row", np.arange(len(frame), dtype=np.int64))
    pairs = pd.DataFrame({"left": scored.left, "right": scored.right})
    for k, g in enumerate(gamma_columns(scored.matchers)):
        pairs[g] = scored.gamma[:, k].astype(np.int32)
    return from_pandas(spark, frame), from_pandas(spark, pairs), tf_columns


@pytest.fixture(scope="module")
def households(spark):
    """Default settings on customer data: households detected, default cannot-link rules."""
    resolver = Resolver()
    scored, model = _local_scored(resolver, N_RECORDS, seed=11)
    return resolver, scored, model, _on_spark(spark, scored)


@pytest.mark.spark
@pytest.mark.parametrize("limits", [None, {"email": 1, "phone": 1}])
def test_profile_ids_and_pairs_equal_local(households, limits):
    from unifyid.engines._spark._cluster import spark_cluster

    resolver, scored, model, (records, pairs, tf_columns) = households
    assert model.households is None or model.households.detected
    settings = ClusterSettings(threshold=resolver.threshold, identifier_limits=limits)
    want = cluster(scored, model, settings, {})
    got = spark_cluster(records, pairs, model, settings, term_frequencies=tf_columns)

    ids = got.records.select("row", "profile_id").toPandas().sort_values("row")
    assert ids["row"].tolist() == list(range(len(scored.prepared.frame)))
    assert ids["profile_id"].tolist() == want.profile_id.tolist()
    reasons = set(want.reason[~pd.isna(want.reason)])
    assert any(r.startswith("cannot-link") for r in reasons)  # vetoes were exercised
    assert "weak link between conflicting records" in reasons  # and splitting
    if limits:  # the limits split profiles that the rules alone keep
        plain = cluster(scored, model, ClusterSettings(threshold=resolver.threshold), {})
        assert len(set(want.profile_id)) > len(set(plain.profile_id))

    table = got.pairs.toPandas().sort_values(["left", "right"])
    assert table["left"].tolist() == scored.left.tolist()
    assert table["right"].tolist() == scored.right.tolist()
    np.testing.assert_array_equal(table["probability"].to_numpy(), want.probability)
    np.testing.assert_array_equal(table["weight"].to_numpy(), want.weight)
    np.testing.assert_array_equal(table["linked"].to_numpy(bool), want.linked)
    assert table["reason"].map(lambda r: None if pd.isna(r) else r).tolist() == list(want.reason)


def _text(table: pd.DataFrame) -> pd.DataFrame:
    """Text as objects with None for missing, so both engines' tables compare cell by cell."""
    out = table.copy()
    for c in out.columns:
        if c not in ("n_records", "n_candidates"):
            values = out[c].astype(object).to_numpy()
            out[c] = np.where(pd.isna(values), None, values)
        else:
            out[c] = out[c].astype(np.int64)
    return out


@pytest.mark.spark
def test_golden_and_lineage_equal_local(spark, households):
    from unifyid.engines._spark._cluster import spark_cluster
    from unifyid.engines._spark._golden import spark_golden
    from unifyid.engines._spark._records import from_pandas

    resolver, scored, model, (records, pairs, tf_columns) = households
    settings = ClusterSettings(threshold=resolver.threshold)
    want = cluster(scored, model, settings, {})
    prepared = scored.prepared
    golden, lineage = build_golden(prepared.frame, prepared.raw, prepared.extras, want.profile_id)

    got = spark_cluster(records, pairs, model, settings, term_frequencies=tf_columns)
    raw = prepared.raw.copy()
    raw.insert(0, "row", np.arange(len(raw), dtype=np.int64))
    spark_g, spark_l = spark_golden(
        got.records.drop(*tf_columns.values()),
        from_pandas(spark, raw),
        from_pandas(spark, prepared.extras),
    )
    assert len(prepared.extras.columns) > 2  # free columns are carried
    got_g = spark_g.toPandas().sort_values("profile_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(_text(got_g), _text(golden))
    keys = ["profile_id", "field"]
    got_l = spark_l.toPandas().sort_values(keys).reset_index(drop=True)
    pd.testing.assert_frame_equal(
        _text(got_l), _text(lineage.sort_values(keys).reset_index(drop=True))
    )


def _attach_case(seed: int):
    """Profiles of 2 to 60 records with an email, then lone records, most with only a name.

    Each lone record has pairs of random evidence with random records; a few
    pairs are vetoed. Rows are in ``(source, record_id)`` order, as the local frame.
    """
    rng = np.random.default_rng(seed)
    sizes = rng.integers(2, 60, 12)
    n_grouped, n_lone = int(sizes.sum()), 120
    n = n_grouped + n_lone
    labels = np.r_[np.repeat(np.arange(len(sizes)), sizes), len(sizes) + np.arange(n_lone)]
    email = np.array([f"e{k}@x.com" for k in labels], dtype=object)
    email[n_grouped:][rng.random(n_lone) < 0.8] = None
    frame = pd.DataFrame(
        {"source": "s", "record_id": [f"r{k:04d}" for k in range(n)], "email": email}
    )
    inner_l = np.flatnonzero(labels[:-1] == labels[1:])  # chains inside the profiles
    lone = np.repeat(np.arange(n_grouped, n), 4)
    other = rng.integers(0, n, len(lone))
    keys = np.unique(
        np.r_[inner_l * n + inner_l + 1, np.minimum(lone, other) * n + np.maximum(lone, other)]
    )
    keys = keys[keys // n != keys % n]
    left, right = keys // n, keys % n
    inner = labels[left] == labels[right]
    bits = np.where(inner, 30.0, rng.uniform(0.0, 16.0, len(keys)))
    reason = np.where(~inner & (rng.random(len(keys)) < 0.1), "cannot-link: r", None)
    return frame, labels, left, right, bits, inner, reason.astype(object)


@pytest.mark.spark
@pytest.mark.parametrize("seed", [0, 1])
def test_name_only_records_join_the_profiles_the_local_stage_joins(spark, seed):
    from unifyid.engines._spark._cluster import attach_on_spark
    from unifyid.engines._spark._records import from_pandas
    from unifyid.graph import profile_ids
    from unifyid.graph._attach import attach_name_only, carries_no_identifier

    frame, labels, left, right, bits, linked, reason = _attach_case(seed)
    n = len(frame)
    before = profile_ids(frame["source"], frame["record_id"], labels)
    want_linked, want_reason = linked.copy(), reason.copy()
    after = attach_name_only(
        carries_no_identifier(frame),
        left,
        right,
        bits,
        want_linked,
        want_reason,
        labels,
        threshold=0.7,
        n_records=n,
    )
    want = profile_ids(frame["source"], frame["record_id"], after)
    assert (want != before).sum() >= 5  # records were joined and anchors moved

    records = from_pandas(spark, frame.assign(row=np.arange(n, dtype=np.int64)))
    assigned = from_pandas(
        spark, pd.DataFrame({"row": np.arange(n, dtype=np.int64), "profile_id": before})
    )
    scored = from_pandas(
        spark,
        pd.DataFrame(
            {
                "left": left,
                "right": right,
                "bits": bits - 0.5,
                "shift": np.full(len(bits), 0.5),  # the pair's sources' prior is 0.5 bits up
                "linked": linked,
                "reason": reason,
            }
        ),
    )
    ids, joins = attach_on_spark(records, assigned, scored, threshold=0.7)
    got = ids.toPandas().sort_values("row")
    assert got["profile_id"].tolist() == want.tolist()
    pairs = joins.toPandas().sort_values(["left", "right"])
    joined = np.flatnonzero(want_linked & ~linked)
    assert pairs["left"].tolist() == left[joined].tolist()
    assert pairs["right"].tolist() == right[joined].tolist()
