"""Stable profile ids across runs and a change log that accounts for every id."""

import numpy as np
import pandas as pd

import unifyid as uid
from unifyid.datasets import make_customers
from unifyid.graph._reconcile import reconcile_ids


def run(labels, previous, keys):
    src = pd.Series([k[0] for k in keys])
    rid = pd.Series([k[1] for k in keys])
    return reconcile_ids(src, rid, np.asarray(labels), previous)


def prev_table(assign):
    return pd.DataFrame(
        [(s, r, p) for (s, r), p in assign.items()], columns=["source", "record_id", "profile_id"]
    )


KEYS = [("a", "1"), ("a", "2"), ("a", "3"), ("a", "4"), ("a", "5")]


def test_unchanged_and_grown_profiles_keep_their_ids():
    prev = prev_table({KEYS[0]: "P", KEYS[1]: "P", KEYS[2]: "Q"})
    ids, log = run([0, 0, 1, 1, 2], prev, KEYS)
    assert ids[0] == ids[1] == "P" and ids[2] == ids[3] == "Q"
    assert set(log["event"]) == {"grown", "new"}
    assert log.loc[log["event"] == "grown", "new_id"].tolist() == ["Q"]


def test_merge_keeps_the_larger_profile_id_and_logs_the_other():
    prev = prev_table({KEYS[0]: "P", KEYS[1]: "P", KEYS[2]: "Q"})
    ids, log = run([0, 0, 0, 1, 2], prev, KEYS)
    assert ids[0] == ids[2] == "P"
    merged = log[log["event"] == "merged"]
    assert merged["new_id"].tolist() == ["P"] and merged["old_ids"].tolist() == ["Q"]


def test_split_keeps_id_on_the_larger_part_and_gives_the_rest_fresh_unique_ids():
    prev = prev_table({KEYS[0]: "P", KEYS[1]: "P", KEYS[2]: "P"})
    ids, log = run([0, 1, 1, 2, 3], prev, KEYS)
    assert ids[1] == ids[2] == "P"
    assert ids[0] != "P" and len(set(ids)) == 4
    split = log[log["event"] == "split"]
    assert split["new_id"].tolist() == [ids[0]] and split["old_ids"].tolist() == ["P"]


def test_every_vanished_id_is_in_the_log():
    prev = prev_table({KEYS[0]: "P", KEYS[1]: "Q", KEYS[2]: "R", ("b", "9"): "S"})
    ids, log = run([0, 0, 0, 1, 2], prev, KEYS)
    vanished = {"P", "Q", "R", "S"} - set(ids)
    logged = {o for v in log["old_ids"] for o in v.split(",") if o}
    assert vanished <= logged
    assert "removed" in set(log["event"])  # S's only record is gone


def test_rerun_with_previous_is_identical_and_new_records_keep_old_ids():
    data = make_customers(n_records=2000, seed=4)
    first = uid.Resolver().resolve(data.to_sources())
    again = uid.Resolver().resolve(data.to_sources(), previous=first.profiles)
    pd.testing.assert_frame_equal(first.profiles, again.profiles)
    assert again.changes.empty

    # Hold back 10% of records, then add them.
    rng = np.random.default_rng(0)
    base_sources, full_sources = [], data.to_sources()
    for src in full_sources:
        frame = src.read()
        keep = frame.iloc[np.sort(rng.permutation(len(frame))[: int(len(frame) * 0.9)])]
        base_sources.append(uid.Source(src.name, keep, id=src.id, columns=dict(src.columns)))
    base = uid.Resolver().resolve(base_sources)
    grown = uid.Resolver().resolve(full_sources, previous=base.profiles)
    before = base.profiles.groupby("profile_id")["record_id"].apply(frozenset)
    merged = grown.profiles.merge(base.profiles, on=["source", "record_id"], suffixes=("", "_old"))
    kept = (merged["profile_id"] == merged["profile_id_old"]).mean()
    assert kept > 0.95
    vanished = set(before.index) - set(grown.profiles["profile_id"])
    logged = {o for v in grown.changes["old_ids"] for o in v.split(",") if o}
    assert vanished <= logged
