"""Records carrying only a name join the profile most likely to be theirs, on unseen data.

The independent generator (written without reading unifyid's) gives frequent
customers support tickets and receipts that carry a name and little else.
"""

import numpy as np
import pytest

import unifyid as uid
from benchmarks.independent import make_independent
from unifyid.graph._attach import ATTACH_REASON, IDENTIFYING_COLUMNS


@pytest.fixture(scope="module")
def resolved():
    data = make_independent(20_000, seed=1)
    return data, uid.Resolver().resolve(data.to_sources())


def test_name_only_records_join_profiles_and_mostly_their_own_person(resolved):
    data, result = resolved
    edges = result.edges
    joined = edges[edges["cut_reason"] == ATTACH_REASON]
    assert len(joined) >= 5
    assert joined["linked"].all()
    truth = data.truth.set_index(data.truth["source"] + ":" + data.truth["record_id"].astype(str))
    person = truth["entity_id"]
    left = person.reindex(joined["source_l"] + ":" + joined["record_id_l"].astype(str))
    right = person.reindex(joined["source_r"] + ":" + joined["record_id_r"].astype(str))
    assert np.mean(left.to_numpy() == right.to_numpy()) >= 0.6


def test_a_joined_record_carries_no_identifier_and_shares_its_partners_profile(resolved):
    _, result = resolved

    def keys(source, record_id):
        return source.astype(str) + ":" + record_id.astype(str)

    frame = result.frame.set_index(keys(result.frame["source"], result.frame["record_id"]))
    profiles = result.profiles
    profile = profiles.set_index(keys(profiles["source"], profiles["record_id"]))["profile_id"]
    edges = result.edges
    joined = edges[edges["cut_reason"] == ATTACH_REASON]
    left = keys(joined["source_l"], joined["record_id_l"])
    right = keys(joined["source_r"], joined["record_id_r"])
    assert (profile.reindex(left).to_numpy() == profile.reindex(right).to_numpy()).all()
    present = [c for c in IDENTIFYING_COLUMNS if c in frame.columns]
    bare = frame[present].isna().all(axis=1)
    # One side of every joining pair is the name-only record.
    assert (bare.reindex(left).to_numpy() | bare.reindex(right).to_numpy()).all()
