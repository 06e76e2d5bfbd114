import pandas as pd
import pytest

import unifyid as uid
from unifyid import ConfigError
from unifyid.report import (
    read_review,
    review_labels,
    review_overrides,
    review_sample,
    threshold_curves,
)
from unifyid.report._review import overrides_frame


def _reviewed(small_run, tmp_path):
    data, _, result = small_run
    sample = review_sample(result, per_band=15, profiles=10, seed=1)
    # A "reviewer" who knows the truth fills the decisions.
    entity = data.truth.astype(str).set_index(["source", "record_id"])["entity_id"]
    el = entity.reindex(pd.MultiIndex.from_frame(sample[["source_l", "record_id_l"]])).to_numpy()
    er = entity.reindex(pd.MultiIndex.from_frame(sample[["source_r", "record_id_r"]])).to_numpy()
    sample["decision"] = ["match" if a == b else "non-match" for a, b in zip(el, er)]
    sample.loc[sample.index[:3], "decision"] = "unsure"
    path = tmp_path / "review.csv"
    sample.to_csv(path, index=False)
    return sample, path


def test_sample_is_stratified_and_side_by_side(small_run):
    _, _, result = small_run
    sample = review_sample(result, per_band=10, profiles=5)
    pairs = sample[sample["kind"] == "pair"]
    assert pairs.groupby("band").size().max() <= 10
    assert pairs["band"].nunique() >= 5
    assert (sample["kind"] == "profile").sum() == 5
    assert {"email_l", "email_r", "first_name_l", "first_name_r", "decision"} <= set(sample)
    # Weights restore the band sizes.
    p = result.edges["match_probability"]
    band = pairs.iloc[0]["band"]
    lo, hi = (float(x) for x in band.split("-"))
    assert pairs[pairs["band"] == band]["weight"].sum() == pytest.approx(
        ((p >= lo) & (p < hi)).sum()
    )


def test_review_round_trips_into_labels_and_overrides(small_run, tmp_path):
    sample, path = _reviewed(small_run, tmp_path)
    reviewed = read_review(path)
    labels = review_labels(reviewed)
    decided = sample[(sample["kind"] == "pair") & (sample["decision"] != "unsure")]
    assert len(labels) == len(decided)
    assert labels["label"].sum() == (decided["decision"] == "match").sum()
    curves = threshold_curves(labels)
    assert curves["precision"].notna().any()

    overrides = review_overrides(reviewed)
    n_match = (reviewed["label"] == True).sum()  # noqa: E712
    assert len(overrides.must_link) == n_match
    assert len(overrides.must_link) + len(overrides.cannot_link) == reviewed["label"].notna().sum()
    # The overrides CSV form reads back to the same Overrides.
    csv = tmp_path / "overrides.csv"
    overrides_frame(overrides).to_csv(csv, index=False)
    assert uid.Overrides.read(csv) == overrides


def test_overrides_apply_in_the_next_run(small_run, tmp_path):
    data, _, _ = small_run
    _, path = _reviewed(small_run, tmp_path)
    overrides = review_overrides(read_review(path))
    result = uid.Resolver(overrides=overrides).resolve(data.to_sources())
    pid = result.profiles.set_index(["source", "record_id"])["profile_id"]
    for a, b in overrides.must_link:
        assert pid[a] == pid[b]
    for a, b in overrides.cannot_link:
        assert pid[a] != pid[b]


def test_bad_decision_names_the_line_not_the_value(tmp_path):
    path = tmp_path / "r.csv"
    pd.DataFrame(
        {
            "source_l": ["web"], "record_id_l": ["1"], "source_r": ["app"],
            "record_id_r": ["2"], "match_probability": ["0.5"], "decision": ["perhaps"],
        }
    ).to_csv(path, index=False)  # fmt: skip
    with pytest.raises(ConfigError, match=r"line\(s\) \[2\]") as err:
        read_review(path)
    assert "perhaps" not in str(err.value)
