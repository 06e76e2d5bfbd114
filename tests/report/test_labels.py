import numpy as np
import pandas as pd

from unifyid.report import estimate_from_records, threshold_curves
from unifyid.report._labels import wilson_interval


def test_wilson_interval_edges():
    assert wilson_interval(0, 0) == (0.0, 1.0)
    lo, hi = wilson_interval(20, 20)
    assert hi == 1.0 and 0.8 < lo < 0.9  # no collapse to a zero-width interval at 100%


def test_pair_intervals_cover_known_truth():
    """300 labelled pairs per trial: the 95% intervals hold the true values ~95% of the time."""
    rng = np.random.default_rng(0)
    n_pop = 200_000
    prob = rng.beta(0.6, 0.6, n_pop)
    truth = rng.random(n_pop) < prob  # calibrated scores
    t = 0.5
    true_precision = truth[prob >= t].mean()
    true_recall = (prob[truth] >= t).mean()
    cover_p = cover_r = 0
    trials = 300
    for _ in range(trials):
        pick = rng.choice(n_pop, 300, replace=False)
        pairs = pd.DataFrame({"match_probability": prob[pick], "label": truth[pick]})
        row = threshold_curves(pairs, [t]).iloc[0]
        cover_p += row.precision_low <= true_precision <= row.precision_high
        cover_r += row.recall_low <= true_recall <= row.recall_high
    assert 0.90 <= cover_p / trials <= 0.99
    assert 0.90 <= cover_r / trials <= 0.99


def test_weighted_sample_estimates_the_population():
    """A band-stratified sample with weights estimates precision of all pairs, not the sample."""
    rng = np.random.default_rng(1)
    prob = np.concatenate([rng.uniform(0.01, 0.5, 90_000), rng.uniform(0.5, 1, 10_000)])
    truth = rng.random(len(prob)) < prob
    true_recall = (prob[truth] >= 0.5).mean()
    low, high = np.flatnonzero(prob < 0.5), np.flatnonzero(prob >= 0.5)
    pick = np.concatenate([rng.choice(low, 200), rng.choice(high, 200)])
    weight = np.where(prob[pick] < 0.5, len(low) / 200, len(high) / 200)
    pairs = pd.DataFrame({"match_probability": prob[pick], "label": truth[pick], "weight": weight})
    row = threshold_curves(pairs, [0.5]).iloc[0]
    assert row.recall_low <= true_recall <= row.recall_high
    unweighted = threshold_curves(pairs.drop(columns="weight"), [0.5]).iloc[0]
    assert abs(row.recall - true_recall) < abs(unweighted.recall - true_recall)


def test_record_subset_bootstrap_covers_full_truth(small_run):
    import unifyid as uid

    data, _, result = small_run
    full = uid.evaluate(result.profiles, data.truth)
    # Label whole customers (a labelled subset of records, sampled by customer).
    entities = data.truth["entity_id"].drop_duplicates().sample(frac=0.5, random_state=0)
    subset = data.truth[data.truth["entity_id"].isin(entities)]
    est = estimate_from_records(result.profiles, subset, n_boot=500)
    assert est["precision_low"] <= full["precision"] <= est["precision_high"]
    assert est["recall_low"] <= full["recall"] <= est["recall_high"]
    assert est["entities"] == len(entities)
