"""Stable profile ids across runs and a change log that accounts for every id."""

import numpy as np
import pandas as pd
import pytest

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


def split_sources(data, share, seed=0):
    """The generator's sources as (base, held-back delta)."""
    rng = np.random.default_rng(seed)
    base, delta = [], []
    for src in data.to_sources():
        frame = src.read()
        cut = rng.permutation(len(frame))
        n_base = int(len(frame) * (1 - share))
        for out, rows in ((base, cut[:n_base]), (delta, cut[n_base:])):
            out.append(
                uid.Source(
                    src.name, frame.iloc[np.sort(rows)], id=src.id, columns=dict(src.columns)
                )
            )
    return base, delta


def test_resubmitting_everything_changes_nothing():
    data = make_customers(n_records=2000, seed=4)
    resolver = uid.Resolver()
    first = resolver.resolve(data.to_sources())
    again = uid.Resolver().resolve(
        data.to_sources(), previous=uid.State.from_result(first, resolver)
    )
    pd.testing.assert_frame_equal(first.profiles, again.profiles)
    assert again.changes.empty


def test_incremental_run_matches_a_full_run_and_keeps_ids():
    data = make_customers(n_records=3000, seed=4)
    base_sources, delta = split_sources(data, 0.1)
    resolver = uid.Resolver()
    base = resolver.resolve(base_sources)
    grown = uid.Resolver().resolve(delta, previous=uid.State.from_result(base, resolver))
    assert len(grown.profiles) == data.n_records
    assert not grown.profiles.duplicated(["source", "record_id"]).any()

    # Old records keep their ids unless their profile merged or split.
    merged = grown.profiles.merge(base.profiles, on=["source", "record_id"], suffixes=("", "_old"))
    assert (merged["profile_id"] == merged["profile_id_old"]).mean() > 0.95
    vanished = set(base.profiles["profile_id"]) - set(grown.profiles["profile_id"])
    logged = {o for v in grown.changes["old_ids"] for o in v.split(",") if o}
    assert vanished <= logged

    # The clustering is close to a full run on base + delta with the same model.
    full = uid.evaluate(grown.profiles, data.truth)["f1"]
    reference = uid.evaluate(uid.Resolver().resolve(data.to_sources()).profiles, data.truth)["f1"]
    assert abs(full - reference) < 0.03


def test_state_roundtrip_through_files(tmp_path):
    data = make_customers(n_records=1500, seed=6)
    base_sources, delta = split_sources(data, 0.2)
    resolver = uid.Resolver()
    base = resolver.resolve(base_sources)
    uid.State.from_result(base, resolver).write(tmp_path)
    state = uid.State.read(tmp_path)
    assert len(state.frame) == len(base.profiles)
    grown = uid.Resolver().resolve(delta, previous=state)
    assert len(grown.profiles) == data.n_records
    with pytest.raises(uid.ConfigError, match="not the output folder"):
        uid.State.read(tmp_path / "nope")


def test_a_bridged_part_never_takes_the_id_of_the_profile_it_left():
    # P (a1..a4) and Q (b1..b3); a new record bridges a1, a2 into Q's person.
    # Q contributes most of the bridged profile, so it keeps Q's id; P's id
    # stays on a3, a4 (its records a full run keeps apart from Q).
    keys = [("web", k) for k in ("a1", "a2", "a3", "a4", "b1", "b2", "b3", "n1")]
    prev = prev_table({**{keys[k]: "P" for k in range(4)}, **{keys[k]: "Q" for k in (4, 5, 6)}})
    ids, log = run([0, 0, 1, 1, 0, 0, 0, 0], prev, keys)
    assert ids[4] == ids[0] == "Q"
    assert ids[2] == ids[3] == "P"
    merged = log[log["event"] == "merged"]
    assert merged["new_id"].tolist() == ["Q"] and merged["old_ids"].tolist() == ["P"]


def test_ties_go_to_the_larger_new_profile_then_the_smallest_id():
    keys = [("web", k) for k in ("a1", "a2", "a3", "a4")]
    # P's two records end up in profiles of one and two records: the larger wins.
    prev = prev_table({keys[0]: "P", keys[2]: "P"})
    ids, _ = run([0, 1, 1, 2], prev, keys)
    assert ids[2] == "P" and ids[0] != "P"
    # Two old ids with one record each in one new profile: the smallest id wins.
    prev = prev_table({keys[0]: "R", keys[1]: "Q"})
    ids, _ = run([0, 0, 1, 2], prev, keys)
    assert ids[0] == ids[1] == "Q"
