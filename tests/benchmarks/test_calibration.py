"""Reliability tables: hand-counted bins, per-level blocks, and a real resolver run."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.calibration import (
    _main,
    calibration_error,
    pair_is_match,
    reliability,
    reliability_table,
)


def test_bins_count_pairs_mean_prediction_and_observed_share() -> None:
    p = np.array([0.001, 0.002, 0.6, 0.65, 0.995, 0.9999])
    y = np.array([False, True, True, False, True, True])
    t = reliability(p, y)
    assert t["bin"].tolist() == ["[0, 0.01)", "[0.5, 0.7)", "[0.99, 0.999)", "[0.999, 1)"]
    assert t["pairs"].tolist() == [2, 2, 1, 1]
    assert t["mean_predicted"].tolist() == pytest.approx([0.0015, 0.625, 0.995, 0.9999])
    assert t["observed_share"].tolist() == [0.5, 0.5, 1.0, 1.0]
    assert t["gap"].tolist() == pytest.approx([0.4985, -0.125, 0.005, 0.0001])
    # pair-weighted mean of |gap|
    assert calibration_error(t) == pytest.approx((2 * 0.4985 + 2 * 0.125 + 0.005 + 0.0001) / 6)


def test_probability_one_falls_in_the_last_bin_and_groups_get_their_own_blocks() -> None:
    p = np.array([1.0, 0.0, 1.0])
    y = np.array([True, False, False])
    t = reliability(p, y, group=np.array(["a", "b", "b"], dtype=object))
    assert t["group"].tolist() == ["all", "all", "a", "b", "b"]
    assert t.loc[t["group"] == "b", "observed_share"].tolist() == [0.0, 0.0]
    assert t.loc[0, "bin"] == "[0, 0.01)" and t.loc[1, "bin"] == "[0.999, 1)"


def test_bad_input_is_named() -> None:
    with pytest.raises(ValueError, match="differ in length"):
        reliability(np.array([0.5]), np.array([True, False]))
    with pytest.raises(ValueError, match="increasing"):
        reliability(np.array([0.5]), np.array([True]), edges=[0.0, 0.5, 0.5, 1.0])


@pytest.fixture(scope="module")
def resolved():
    import unifyid as uid
    from unifyid.datasets import make_customers

    data = make_customers(2000, seed=3)
    return uid.Resolver().resolve(data.to_sources()), data.truth


def test_table_of_a_resolver_run_covers_every_candidate_pair(resolved) -> None:
    result, truth = resolved
    t = reliability_table(result, truth, by="place")
    everything = t[t["group"] == "all"]
    assert everything["pairs"].sum() == len(result.left)
    levels = t[t["group"] != "all"]
    assert levels["pairs"].sum() == len(result.left)
    place = next(m for m in result.matchers if m.name == "place")
    assert set(levels["group"]) <= {f"place: {lab}" for lab in place.level_labels()}
    # The pairs at the top are nearly all right, those at the bottom nearly all wrong.
    assert everything["observed_share"].iloc[-1] > 0.9
    assert everything["observed_share"].iloc[0] < 0.1
    with pytest.raises(KeyError, match="no matcher 'nope'"):
        reliability_table(result, truth, by="nope")


def test_a_record_missing_from_the_truth_is_its_own_entity(resolved) -> None:
    result, truth = resolved
    linked = np.flatnonzero(pair_is_match(result, truth))
    i = result.left[linked[0]]
    frame = result.frame
    drop = (truth["source"].astype(str) == str(frame["source"].iloc[i])) & (
        truth["record_id"].astype(str) == str(frame["record_id"].iloc[i])
    )
    assert not pair_is_match(result, truth[~drop])[linked[0]]


def test_command_line_prints_the_table(capsys) -> None:
    assert _main(["--records", "1500", "--seed", "2"]) == 0
    out = capsys.readouterr().out
    assert "calibration error" in out
    assert "place: same postcode, no street to compare" in out
