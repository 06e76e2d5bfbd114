"""The Spark engine's fit gives the local engine's m, u and prior, on generator data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from unifyid.block import DEFAULT_BLOCKING_RULES, candidate_pairs
from unifyid.compare import RecordCodes, Scored, compare_pairs
from unifyid.datasets import make_customers
from unifyid.matchers._defaults import default_matchers
from unifyid.score import estimate_prior, fit_model
from unifyid.score._joint_names import JOINT_KEY
from unifyid.score._training import rule_trains
from unifyid.standardise import standardise_sources as prepare
from unifyid.values import add_locality, distinct_term_frequencies, flag_shared_values

N_RECORDS = 2_000
#: Small enough that the larger EM sessions are subsampled, as at scale.
SESSION_PAIRS = 400
FIT = {"n_random_pairs": 20_000, "max_iter": 100, "random_state": 3}


@pytest.fixture(scope="module")
def fitted(spark):
    """The local fit and the Spark fit of the same generator data, sessions subsampled."""
    from unifyid.engines._spark._block import spark_candidate_pairs
    from unifyid.engines._spark._compare import spark_compare_pairs
    from unifyid.engines._spark._fit import spark_fit
    from unifyid.engines._spark._records import spark_profile_values
    from unifyid.engines._spark._standardise import standardised_records

    sources = make_customers(N_RECORDS, seed=11).to_sources()
    frames = [s.read() for s in sources]
    prepared = prepare(sources, frames=frames)
    frame = prepared.frame
    hubs = flag_shared_values(frame)
    add_locality(frame)
    matchers = default_matchers(prepared.columns_present)
    rules = list(DEFAULT_BLOCKING_RULES)
    left, right, stats = candidate_pairs(frame, rules, max_block_size=50)
    codes = RecordCodes(frame)
    gamma = compare_pairs(frame, left, right, matchers, codes=codes)
    tf = distinct_term_frequencies(frame, matchers, stats.representative)
    scored = Scored(
        prepared, matchers, hubs, left, right, gamma, stats.per_rule, stats.rule_keys, tf, codes
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("unifyid.score._training._SESSION_PAIRS", SESSION_PAIRS)
        local, contrib = fit_model(scored, **FIT)

        records = spark_profile_values(standardised_records(spark, sources, frames=frames))
        blocking = spark_candidate_pairs(records, rules, max_block_size=50)
        levels = spark_compare_pairs(records, blocking.pairs, matchers).localCheckpoint()
        got = spark_fit(
            records,
            levels,
            blocking.rule_pairs,
            blocking.representative,
            rules,
            matchers,
            **FIT,
        )
    # Training rules over the cap (before dropping shared values).
    sampled = sum(rule_trains(c) and len(keys) > SESSION_PAIRS for c, keys in stats.rule_keys)
    return {
        "local": local,
        "contrib": contrib,
        "scored": scored,
        "got": got,
        "records": records,
        "blocking": blocking,
        "sampled": sampled,
    }


def test_m_u_and_prior_equal_local(fitted):
    local, got = fitted["local"], fitted["got"].model
    assert fitted["sampled"] > 0  # the subsampling of large sessions was exercised
    assert [m.name for m in got.matchers] == [m.name for m in local.matchers]
    for name in local.m:
        np.testing.assert_allclose(got.m[name], local.m[name], rtol=1e-9, atol=0, err_msg=name)
        np.testing.assert_allclose(got.u[name], local.u[name], rtol=1e-9, atol=0, err_msg=name)
    assert got.lambda_ == pytest.approx(local.lambda_, rel=1e-9)
    assert got.n_iter == local.n_iter
    assert got.households == local.households


def test_priors_per_pair_of_sources_equal_local(fitted):
    local, got = fitted["local"], fitted["got"].model
    assert len(local.source_shifts) >= 3  # the four sources' pairs with enough candidates
    assert set(got.source_shifts) == set(local.source_shifts)
    for pair, shift in local.source_shifts.items():
        assert got.source_shifts[pair] == pytest.approx(shift, abs=1e-6), pair


def test_pair_contributions_equal_local(fitted):
    pairs = fitted["got"].pairs.toPandas().sort_values(["left", "right"])
    scored = fitted["scored"]
    assert pairs["left"].tolist() == scored.left.tolist()
    assert pairs["right"].tolist() == scored.right.tolist()
    weights = pairs[[f"w{k}" for k in range(len(scored.matchers))]].to_numpy()
    np.testing.assert_allclose(weights, fitted["contrib"], rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(
        pairs["bits"], fitted["contrib"].sum(axis=1, dtype=np.float64), rtol=1e-6, atol=1e-6
    )


def test_term_frequencies_equal_local(fitted):
    from unifyid.engines._spark._terms import spark_term_frequencies

    scored = fitted["scored"]
    terms = spark_term_frequencies(
        fitted["records"], scored.matchers, fitted["blocking"].representative
    )
    got = terms.frame.toPandas().sort_values("row")
    assert got["row"].tolist() == list(range(len(scored.prepared.frame)))
    for key, column in zip(terms.keys, terms.columns):
        have = got[column].to_numpy(dtype=float, na_value=np.nan)
        want = scored.tf.get(key, np.full(len(have), np.nan))
        if key == JOINT_KEY:
            # Names' associations are means summed in Spark's order: equal to rounding.
            np.testing.assert_allclose(have, want, rtol=1e-12, atol=0, err_msg=key)
        else:
            np.testing.assert_array_equal(have, want, err_msg=key)
    assert set(scored.tf) <= set(terms.keys)


def test_prior_without_candidates_is_the_local_floor(spark):
    from unifyid.engines._spark._fit import _Weighed

    empty = spark.createDataFrame([], "g0 int, bits double, n long")
    assert _Weighed(empty, 0).prior(1_000) == estimate_prior(np.empty(0), 1_000)


def test_prior_from_counted_weights_equals_local(spark):
    from unifyid.engines._spark._fit import _Weighed

    rng = np.random.default_rng(0)
    bits = np.round(rng.normal(-5, 12, 300), 3)
    counts = rng.integers(1, 40, 300)
    rows = [(int(b > 0), float(b), int(c)) for b, c in zip(bits, counts)]
    frame = spark.createDataFrame(rows, "g0 int, bits double, n long")
    got = _Weighed(frame, int(counts.sum())).prior(200_000)
    assert got == pytest.approx(estimate_prior(bits, 200_000, counts=counts), rel=1e-12)


def test_names_written_surname_first_get_the_local_joint_frequency(spark):
    """A full name counts however written on both engines (``joint_cells``)."""
    from unifyid.engines._spark._records import ROW
    from unifyid.engines._spark._terms import spark_term_frequencies
    from unifyid.matchers import FirstNameMatch, LastNameMatch
    from unifyid.score import record_term_frequencies

    rng = np.random.default_rng(5)
    given = ["maria", "garcia", "lee", "ann", "kim", "jose", "young bae", "youngbae"]
    names = rng.choice(given, size=(600, 2))
    frame = pd.DataFrame(
        {
            "source": rng.choice(["web", "store", "app"], 600),
            "first_name": names[:, 0],
            "last_name": names[:, 1],
            "dob": [f"19{i % 70:02d}-01-01" for i in range(600)],
        }
    )
    matchers = [FirstNameMatch(), LastNameMatch()]
    want = record_term_frequencies(frame, matchers)[JOINT_KEY]
    first, last = (frame[c].str.replace(" ", "") for c in ("first_name", "last_name"))
    cell = np.minimum(first, last) + "|" + np.maximum(first, last)
    # Both orders of a name, and given names written apart and run together,
    # are held, and share their cell's frequency.
    assert (frame["first_name"] == "young bae").any() and (frame["first_name"] == "youngbae").any()
    assert (frame["first_name"] > frame["last_name"]).any()
    assert (frame["first_name"] < frame["last_name"]).any()
    assert pd.Series(want).groupby(cell).nunique().max() == 1
    records = spark.createDataFrame(frame.assign(**{ROW: np.arange(len(frame))}))
    representative = records.select(ROW, records[ROW].alias("rep"))
    terms = spark_term_frequencies(records, matchers, representative)
    got = terms.frame.toPandas().sort_values(ROW)[terms.columns[terms.keys.index(JOINT_KEY)]]
    np.testing.assert_allclose(got.to_numpy(dtype=float, na_value=np.nan), want, rtol=1e-12)
