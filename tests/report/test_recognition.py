import numpy as np
import pandas as pd

from unifyid.report import recognition_rate, stitch_labels


def _tiny():
    # Ann: web + app, same email -> stitched and resolved together.
    # Bob: web + store, no shared identifier (resolution joins him by name).
    # Cy: web + app, resolution misses him (two profiles).
    # Di: web only.
    frame = pd.DataFrame(
        {
            "source": ["web", "app", "web", "store", "web", "app", "web"],
            "email": ["ann@x", "ann@x", "bob@x", None, "cy@x", None, "di@x"],
            "phone": [None, None, None, "555", None, "777", None],
        }
    )
    profile = np.array(["A", "A", "B", "B", "C1", "C2", "D"], dtype=object)
    truth = np.array(["ann", "ann", "bob", "bob", "cy", "cy", "di"], dtype=object)
    return frame, profile, truth


def test_stitching_joins_shared_values_transitively():
    frame = pd.DataFrame({"email": ["a", "a", None, "b"], "phone": [None, "1", "1", None]})
    labels = stitch_labels(frame)
    assert labels[0] == labels[1] == labels[2]
    assert labels[3] != labels[0]


def test_recognition_rate_with_labels_is_known_by_eye():
    frame, profile, truth = _tiny()
    rate = recognition_rate(frame["source"], profile, stitch_labels(frame), truth=truth)
    # Ann, Bob, Cy are multi-channel; stitching unifies Ann only; resolution Ann and Bob.
    assert rate == {"before": 1 / 3, "after": 2 / 3, "customers": 3, "basis": "labels"} or (
        rate["customers"] == 3
        and abs(rate["before"] - 1 / 3) < 1e-6
        and abs(rate["after"] - 2 / 3) < 1e-6
    )


def test_recognition_rate_without_labels_uses_profiles():
    frame, profile, _ = _tiny()
    rate = recognition_rate(frame["source"], profile, stitch_labels(frame))
    # Multi-source profiles: A and B (C1, C2, D have one source each); stitching found A.
    assert rate["basis"] == "profiles" and rate["customers"] == 2
    assert rate["before"] == 0.5 and rate["after"] == 1.0


def test_partially_labelled_records_count_only_the_labelled():
    frame, profile, truth = _tiny()
    truth = truth.copy()
    truth[5] = None  # Cy's app record unlabelled: Cy is no longer seen in two channels
    rate = recognition_rate(frame["source"], profile, stitch_labels(frame), truth=truth)
    assert rate["customers"] == 2 and rate["after"] == 1.0


def test_summary_holds_the_recognition_rate(small_run):
    _, _, result = small_run
    rate = result.summary()["recognition_rate"]
    assert rate["basis"] == "profiles"
    assert 0.0 < rate["before"] < rate["after"] == 1.0


def test_folder_without_the_rate_gets_it_from_the_state(run_folder, tmp_path):
    """Output folders written before the rate existed: the report computes the same number."""
    import json
    import shutil

    from unifyid.report._run import RunData

    copy = tmp_path / "old-run"
    shutil.copytree(run_folder, copy)
    summary = json.loads((copy / "summary.json").read_text())
    expected = summary.pop("recognition_rate")
    (copy / "summary.json").write_text(json.dumps(summary))
    assert RunData.from_folder(copy).summary["recognition_rate"] == expected


def test_profile_codes_and_arrow_text_give_the_same_rate():
    """Callers may pass the profiles as integer codes, and text held by Arrow."""
    frame, profile, truth = _tiny()
    arrow = frame.astype({"email": "string[pyarrow]", "phone": "string[pyarrow]"})
    np.testing.assert_array_equal(stitch_labels(arrow), stitch_labels(frame))
    codes = pd.factorize(profile)[0]
    for labels in (None, truth):
        by_id = recognition_rate(frame["source"], profile, stitch_labels(frame), truth=labels)
        by_code = recognition_rate(frame["source"], codes, stitch_labels(arrow), truth=labels)
        assert by_code == by_id
