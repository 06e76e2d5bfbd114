"""Keep profile ids stable across runs, and log every change to them.

CRM, marketing and support systems key on profile ids, so a rerun must not
rename customers. Given the previous run's ``(source, record_id, profile_id)``
table and this run's clusters:

* ids are handed out one (old id, new profile) pair at a time, the pair
  sharing the most records first (ties: the larger new profile, then the
  larger old profile, then the smallest id), each old id and each new
  profile taken once. So an old id stays with the new profile holding most
  of its old records, a profile that is unchanged or only grows keeps its
  id, and a new profile holding records of several old ones (a merge) keeps
  the id of the one that contributes most of its records; the others are
  logged as ``merged``;
* an old id never passes to a new profile that holds more records of
  another old profile: when a new record bridges part of profile A into
  profile B, B's id stays on the bridged profile (B contributes more) and
  A's id moves to the largest remaining part of A — the records the
  earlier run gave A, and that a full run keeps together apart from B;
* the other parts of a split old profile get fresh ids (``split``);
* a profile with no old records gets a fresh id (``new``); a fresh id is the
  hash of the profile's anchor record, made unique against every id in use.

The change log has one row per new profile that is not an unchanged old one,
and one row per old id that disappeared, so every vanished id is accounted for.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._ids import _hash_id

__all__ = ["CHANGE_COLUMNS", "reconcile_ids"]

CHANGE_COLUMNS = ["event", "old_ids", "new_id", "records_affected"]


def reconcile_ids(
    sources: pd.Series,
    record_ids: pd.Series,
    labels: np.ndarray,
    previous: pd.DataFrame,
    *,
    taken: pd.Index | None = None,
) -> tuple[np.ndarray, pd.DataFrame]:
    """Profile id per record, reusing ``previous`` ids, and the change log.

    ``sources``/``record_ids``/``labels`` are row-aligned and sorted by
    ``(source, record_id)``; ``labels`` are cluster labels. ``taken`` lists
    ids in use elsewhere (profiles outside ``previous``): fresh ids avoid them.
    """
    prev = previous.astype({"source": str, "record_id": str, "profile_id": str})
    pos = _positions(
        sources.astype(str).to_numpy(dtype=object),
        record_ids.astype(str).to_numpy(dtype=object),
        prev["source"].to_numpy(dtype=object),
        prev["record_id"].to_numpy(dtype=object),
    )
    prev_ids = np.r_[prev["profile_id"].to_numpy(dtype=object), None]
    old = prev_ids[np.where(pos >= 0, pos, len(prev))]
    # Cluster codes 0..k-1 in sorted label order; the anchor is a cluster's first row.
    label_codes, label_index = pd.factorize(labels, sort=True)
    _, anchor_of = np.unique(label_codes, return_index=True)

    # Old-id / new-cluster overlap counts.
    has_old = np.flatnonzero(old != None)  # noqa: E711
    overlap = pd.DataFrame({"old": old[has_old], "new": label_codes[has_old]})
    overlap = overlap.groupby(["old", "new"]).size().rename("n").reset_index()
    overlap["anchor"] = anchor_of[overlap["new"].to_numpy()]
    winner = _assign(overlap, np.bincount(label_codes), prev.groupby("profile_id").size())

    n_clusters = len(label_index)
    ids = np.empty(n_clusters, dtype=object)
    ids[winner.index.to_numpy()] = winner.to_numpy()
    used = set(prev["profile_id"])
    src = sources.astype(str).to_numpy()
    rid = record_ids.astype(str).to_numpy()
    for c in np.flatnonzero(pd.isna(ids)):
        r = anchor_of[c]
        candidate, k = _hash_id(src[r], rid[r]), 1
        while candidate in used or (taken is not None and candidate in taken):
            k += 1
            candidate = _hash_id(src[r], f"{rid[r]}#{k}")
        ids[c] = candidate
        used.add(candidate)
    profile_id = ids[label_codes]
    return profile_id, _change_log(
        overlap, label_codes, ids, winner, prev, present=set(old[has_old])
    )


def _assign(overlap: pd.DataFrame, new_size: np.ndarray, old_size: pd.Series) -> pd.Series:
    """Old id per new cluster (index: cluster code), matched greedily by shared records.

    The pairs sharing the most records go first (ties: larger new cluster,
    larger old profile, smallest id, first anchor); a pair is taken when
    neither its old id nor its cluster is taken yet.
    """
    order = overlap.assign(
        new_size=new_size[overlap["new"].to_numpy()],
        old_size=overlap["old"].map(old_size).to_numpy(),
    ).sort_values(
        ["n", "new_size", "old_size", "old", "anchor"],
        ascending=[False, False, False, True, True],
        kind="stable",
    )
    taken_old: set[str] = set()
    taken_new: set[int] = set()
    pairs: dict[int, str] = {}
    for old, new in zip(order["old"].tolist(), order["new"].tolist()):
        if old in taken_old or new in taken_new:
            continue
        taken_old.add(old)
        taken_new.add(new)
        pairs[new] = old
    index = pd.Index(list(pairs), dtype=np.int64, name="new")
    return pd.Series(list(pairs.values()), index=index, dtype=object, name="old").sort_index()


def _positions(
    src: np.ndarray, rid: np.ndarray, prev_src: np.ndarray, prev_rid: np.ndarray
) -> np.ndarray:
    """Row of each ``(src, rid)`` key among the previous keys, or -1 (hashing, no sorting)."""
    n = len(src)
    s_codes, _ = pd.factorize(np.r_[src, prev_src])
    r_codes, r_uniques = pd.factorize(np.r_[rid, prev_rid])
    key = s_codes.astype(np.int64) * (len(r_uniques) + 1) + r_codes
    return pd.Index(key[n:]).get_indexer(key[:n])


def _change_log(
    overlap: pd.DataFrame,
    codes: np.ndarray,
    ids: np.ndarray,
    winner: pd.Series,
    prev: pd.DataFrame,
    *,
    present: set,
) -> pd.DataFrame:
    """Vectorised over clusters: one row per changed profile and per vanished id."""
    sizes = np.bincount(codes, minlength=len(ids))
    prev_sizes = prev.groupby("profile_id").size()
    table = pd.DataFrame({"new": np.arange(len(ids)), "new_id": ids, "size": sizes})
    n_old = overlap.groupby("new").size().reindex(table["new"], fill_value=0).to_numpy()
    table["kept"] = table["new"].isin(winner.index)
    own = overlap.merge(winner.rename("win").reset_index(), on="new")
    own = own[own["old"] == own["win"]].set_index("new")["n"]
    table["from_own"] = own.reindex(table["new"], fill_value=0).to_numpy()
    table["prev_size"] = table["new_id"].map(prev_sizes).fillna(0).astype(int).to_numpy()
    others = overlap.merge(winner.rename("win").reset_index(), on="new", how="left")
    others = (
        others[others["old"] != others["win"]]
        .groupby("new")["old"]
        .agg(lambda s: ",".join(sorted(s)))
    )
    table["others"] = others.reindex(table["new"], fill_value="").to_numpy()

    new = table[n_old == 0].assign(event="new", old_ids="", records_affected=lambda t: t["size"])
    split = table[(n_old > 0) & ~table["kept"]].assign(
        event="split", old_ids=lambda t: t["others"], records_affected=lambda t: t["size"]
    )
    kept = table[table["kept"]]
    merged = kept[kept["others"] != ""].assign(
        event="merged",
        old_ids=lambda t: t["others"],
        records_affected=lambda t: t["size"] - t["from_own"],
    )
    same_set = kept[kept["others"] == ""]
    changed = same_set[(same_set["size"] != same_set["prev_size"])]
    resized = changed.assign(
        event=np.where(changed["size"] > changed["prev_size"], "grown", "shrunk"),
        old_ids=changed["new_id"],
        records_affected=(changed["size"] - changed["prev_size"]).abs(),
    )
    gone = sorted(set(prev_sizes.index) - present)
    removed = pd.DataFrame(
        {
            "event": "removed",
            "old_ids": gone,
            "new_id": "",
            "records_affected": prev_sizes.reindex(gone).to_numpy(dtype=int),
        }
    )
    parts = [p[CHANGE_COLUMNS] for p in (new, split, merged, resized) if len(p)]
    log = pd.concat([*parts, removed], ignore_index=True) if parts else removed
    log["records_affected"] = log["records_affected"].astype(int)
    return log.sort_values(["event", "new_id", "old_ids"], ignore_index=True)
