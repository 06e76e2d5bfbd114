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
