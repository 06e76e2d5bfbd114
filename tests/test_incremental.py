"""Incremental runs: only the profiles new records touch are re-resolved."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import unifyid as uid
from unifyid.datasets import make_customers

COLUMNS = {"email": "email", "first": "first_name", "last": "last_name", "dob": "dob"}


def people(rows):
    return pd.DataFrame(rows, columns=["id", "email", "first", "last", "dob"])


def base_frame(n=300, seed=0):
    """Strangers with personal emails, plus a kiosk email shared by many of them."""
    rng = np.random.default_rng(seed)
    firsts = ["ann", "bob", "carl", "dora", "eve", "fay", "gus", "hal", "ida", "jon", "kim"]
    rows = []
    for k in range(n):
        email = "kiosk@store.com" if k % 10 == 0 else f"user{k}@mail.org"
        first = firsts[k % len(firsts)]
        dob = f"19{50 + k % 40}-0{1 + k % 9}-1{k % 9}"
        rows.append((f"w{k}", email, first, f"surname{k}", dob))
        if k % 3 == 1:  # a second account of the same person, other email
            rows.append((f"w{k}b", f"other{k}@mail.org", first, f"surname{k}", dob))
    rng.shuffle(rows)
    return people(rows)


def resolve_pair(base, delta, **params):
    """A full run on ``base``, then ``delta`` added to it with ``params``."""
    resolver = uid.Resolver()
    first = resolver.resolve([uid.Source("web", base, id="id", columns=COLUMNS)])
    state = uid.State.from_result(first, resolver)
    second = uid.Resolver(**params).resolve(
        [uid.Source("web", delta, id="id", columns=COLUMNS)], previous=state
    )
    return first, second


def ids(result):
    return result.profiles.set_index(["source", "record_id"])["profile_id"]


def test_profiles_no_new_record_touches_are_carried_over_unchanged():
    base = base_frame()
    delta = people([("n1", "user7@mail.org", "hal", "surname7", "1957-08-17")])
    first, second = resolve_pair(base, delta)
    before, after = ids(first), ids(second)
    assert len(after) == len(before) + 1
    joined = after.loc[before.index]
    # Only the profile of w7 can change; it grows and keeps its id.
    assert (joined == before).all()
    assert after[("web", "n1")] == before[("web", "w7")]
    assert second.changes["event"].tolist() == ["grown"]
    # Carried-over links stay in the edges, with their comparison levels.
    assert len(second.edges) >= len(first.edges[first.edges["linked"]])


def test_an_earlier_hub_value_stays_a_hub_for_new_records():
    base = base_frame()
    assert (base["email"] == "kiosk@store.com").sum() == 30
    delta = people(
        [
            ("n1", "kiosk@store.com", "zoe", "quill", "1990-01-01"),
            ("n2", "kiosk@store.com", "yan", "rook", "1991-02-02"),
        ]
    )
    first, second = resolve_pair(base, delta)
    assert "kiosk@store.com" in set(first.hubs["value"])
    after = ids(second)
    assert after[("web", "n1")] != after[("web", "n2")]
    hub = second.hubs[second.hubs["value"] == "kiosk@store.com"]
    assert hub["kind"].tolist() == ["hub"] and hub["n_records"].item() == 32


def test_a_resubmitted_record_replaces_its_earlier_version():
    base = base_frame()
    changed = base[base["id"] == "w5"].assign(email="w5-new@mail.org")
    first, second = resolve_pair(base, changed)
    assert len(second.profiles) == len(first.profiles)
    golden = second.golden.set_index("profile_id")
    assert golden.loc[ids(second)[("web", "w5")], "email"] == "w5-new@mail.org"


def test_overrides_reach_records_outside_the_touched_profiles():
    base = base_frame()
    delta = people([("n1", "fresh@mail.org", "una", "vale", "1980-03-03")])
    pins = uid.Overrides(must_link=[(("web", "n1"), ("web", "w11"))])
    _, second = resolve_pair(base, delta, overrides=pins)
    after = ids(second)
    assert after[("web", "n1")] == after[("web", "w11")]


def test_fresh_ids_never_collide_with_ids_outside_the_working_set():
    data = make_customers(n_records=2000, seed=11)
    sources = data.to_sources()
    resolver = uid.Resolver()
    first = resolver.resolve(sources[:-1])
    second = uid.Resolver().resolve(sources[-1:], previous=uid.State.from_result(first, resolver))
    profiles = second.profiles
    per_id = profiles.groupby("profile_id").size()
    clusters = profiles.groupby("profile_id")["record_id"].agg(frozenset)
    assert clusters.index.is_unique and per_id.sum() == data.n_records


def test_state_files_from_another_run_are_refused(tmp_path):
    base = base_frame()
    resolver = uid.Resolver()
    first = resolver.resolve([uid.Source("web", base, id="id", columns=COLUMNS)])
    uid.State.from_result(first, resolver).write(tmp_path)
    first.profiles.iloc[:-1].to_parquet(tmp_path / "profiles.parquet", index=False)
    with pytest.raises(uid.RunFolderError, match=r"profiles\.parquet does not match _SUCCESS"):
        uid.State.read(tmp_path)


def test_new_records_from_a_source_with_other_columns_join_an_earlier_run():
    # The earlier run saw emails; the new batch is a store export without any.
    base = base_frame(n=60)
    store = pd.DataFrame(
        {
            "pos": ["s1", "s2"],
            "first": ["hal", "zed"],
            "last": ["surname7", "nobody"],
            "dob": ["1957-08-17", "1990-01-01"],
        }
    )
    resolver = uid.Resolver()
    first = resolver.resolve([uid.Source("web", base, id="id", columns=COLUMNS)])
    state = uid.State.from_result(first, resolver)
    store_columns = {"first": "first_name", "last": "last_name", "dob": "dob"}
    second = uid.Resolver().resolve(
        [uid.Source("store", store, id="pos", columns=store_columns)], previous=state
    )
    after = ids(second)
    assert len(after) == len(ids(first)) + 2
    assert after[("store", "s1")] == ids(first)[("web", "w7")]
    assert after[("store", "s2")] not in set(ids(first))


def test_an_id_never_passes_to_another_persons_profile():
    # Ann has four records, Bob three. Two of Ann's records come back changed:
    # the account now belongs to Bob (his email, name and birth date). The
    # profile that holds them is Bob's, and Ann's id stays with her other two.
    ann = [(f"a{k}", "ann.lee@mail.org", "ann", "lee", "1980-01-01") for k in range(1, 5)]
    bob = [(f"b{k}", "bob.ray@mail.org", "bob", "ray", "1970-02-02") for k in range(1, 4)]
    base = pd.concat([base_frame(n=60), people(ann + bob)], ignore_index=True)
    moved = people([(f"a{k}", "bob.ray@mail.org", "bob", "ray", "1970-02-02") for k in (1, 2)])
    first, second = resolve_pair(base, moved)
    before, after = ids(first), ids(second)
    ann_id, bob_id = before[("web", "a3")], before[("web", "b1")]
    assert before[("web", "a1")] == ann_id != bob_id
    assert after[("web", "a3")] == after[("web", "a4")] == ann_id
    assert after[("web", "a1")] == after[("web", "a2")] == after[("web", "b1")] == bob_id


# -- removal -------------------------------------------------------------------


@pytest.fixture(scope="module")
def earlier():
    """A full run on ``base_frame()`` and its state."""
    base = base_frame()
    resolver = uid.Resolver()
    first = resolver.resolve([uid.Source("web", base, id="id", columns=COLUMNS)])
    return base, first, uid.State.from_result(first, resolver)


def test_a_removed_record_leaves_its_profile_and_the_golden_record_is_rebuilt(earlier):
    _, first, state = earlier
    before = ids(first)
    pid = before[("web", "w7")]
    assert before[("web", "w7b")] == pid
    second = uid.Resolver().resolve(
        [], previous=state, removed=pd.DataFrame({"source": ["web"], "record_id": ["w7b"]})
    )
    after = ids(second)
    assert ("web", "w7b") not in after.index and len(after) == len(before) - 1
    assert after[("web", "w7")] == pid
    golden = second.golden.set_index("profile_id").loc[pid]
    assert golden["n_records"] == 1 and golden["email"] == "user7@mail.org"
    assert second.changes[["event", "new_id", "records_affected"]].values.tolist() == [
        ["shrunk", pid, 1]
    ]
    # Everything else is as it was.
    assert (after.drop(("web", "w7")) == before.drop([("web", "w7"), ("web", "w7b")])).all()


def test_a_profile_left_without_records_disappears(earlier):
    _, first, state = earlier
    pid = ids(first)[("web", "w3")]
    assert (ids(first) == pid).sum() == 1
    second = uid.Resolver().resolve([], previous=state, removed=[("web", "w3")])
    assert pid not in set(second.profiles["profile_id"])
    assert pid not in set(second.golden["profile_id"])
    removed = second.changes[second.changes["event"] == "removed"]
    assert removed["old_ids"].tolist() == [pid]


def test_new_records_and_removals_in_one_run(earlier):
    _, first, state = earlier
    delta = people([("n1", "user7@mail.org", "hal", "surname7", "1957-08-17")])
    second = uid.Resolver().resolve(
        [uid.Source("web", delta, id="id", columns=COLUMNS)],
        previous=state,
        removed=[("web", "w7b"), ("web", "w3")],
    )
    after, before = ids(second), ids(first)
    assert len(after) == len(before) - 1
    assert after[("web", "n1")] == after[("web", "w7")] == before[("web", "w7")]


def test_a_profile_split_by_a_removal_keeps_its_id_on_the_larger_part():
    networkx = pytest.importorskip("networkx")
    data = make_customers(n_records=2000, seed=4)
    resolver = uid.Resolver()
    first = resolver.resolve(data.to_sources())
    linked = first.edges[first.edges["linked"]]
    graph = networkx.Graph(
        list(
            zip(
                zip(linked["source_l"], linked["record_id_l"]),
                zip(linked["source_r"], linked["record_id_r"]),
            )
        )
    )
    before = ids(first)
    # One record per profile whose removal disconnects the profile's links.
    chosen = list({before[k]: k for k in sorted(networkx.articulation_points(graph))}.values())
    second = uid.Resolver().resolve(
        [], previous=uid.State.from_result(first, resolver), removed=chosen
    )
    after = ids(second)
    assert "split" in set(second.changes["event"])
    for key in chosen:
        rest = before[before == before[key]].index.drop(key)
        parts = after.loc[rest].value_counts()
        assert parts.get(before[key], 0) == parts.max()


def test_removal_errors_name_the_source_never_the_record_id(earlier):
    base, _, state = earlier
    with pytest.raises(uid.ConfigError, match="needs previous"):
        uid.Resolver().resolve(
            [uid.Source("web", base, id="id", columns=COLUMNS)], removed=[("web", "w1")]
        )
    with pytest.raises(uid.ConfigError, match=r"2 record id.* of source 'web'") as err:
        uid.Resolver().resolve(
            [], previous=state, removed=[("web", "secret-1"), ("web", "secret-2"), ("web", "w1")]
        )
    assert "secret" not in str(err.value)
    with pytest.raises(uid.ConfigError, match="source 'crm' is not in the previous run") as err:
        uid.Resolver().resolve([], previous=state, removed=[("crm", "secret-3")])
    assert "secret" not in str(err.value)
    with pytest.raises(uid.ConfigError, match="missing column"):
        uid.Resolver().resolve([], previous=state, removed=pd.DataFrame({"id": ["w1"]}))
    again = people([("w1", "user1@mail.org", "bob", "surname1", "1951-02-11")])
    with pytest.raises(uid.ConfigError, match=r"1 of source 'web'.*not both"):
        uid.Resolver().resolve(
            [uid.Source("web", again, id="id", columns=COLUMNS)],
            previous=state,
            removed=[("web", "w1")],
        )


def fresh_people(n):
    """People no earlier record resembles (own names, emails and birth dates)."""
    return people(
        [
            (f"n{k}", f"fresh{k}@new.org", "zed", f"newname{k}", f"2001-0{1 + k % 9}-2{k % 9}")
            for k in range(n)
        ]
    )


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_removal_invariants(earlier, data):
    _, first, state = earlier
    keys = sorted(ids(first).index)
    gone = data.draw(st.lists(st.sampled_from(keys), max_size=25, unique=True))
    n_new = data.draw(st.integers(0, 3))
    sources = [uid.Source("web", fresh_people(n_new), id="id", columns=COLUMNS)] if n_new else []
    if not sources and not gone:
        return
    second = uid.Resolver().resolve(sources, previous=state, removed=gone)
    before, after = ids(first), ids(second)
    # Every record that is not removed appears exactly once; removed ones never.
    expected = (set(keys) - set(gone)) | {("web", f"n{k}") for k in range(n_new)}
    assert not after.index.duplicated().any()
    assert set(after.index) == expected
    # Profiles that lost no record keep their id and their records.
    touched = set(before.loc[gone])
    for key in keys:
        if before[key] not in touched:
            assert after[key] == before[key]
    # A profile that lost records keeps its id on the part holding most of the rest.
    for pid in touched:
        rest = [k for k in before[before == pid].index if k not in set(gone)]
        if rest:
            parts = after.loc[rest].value_counts()
            assert parts.get(pid, 0) == parts.max()
