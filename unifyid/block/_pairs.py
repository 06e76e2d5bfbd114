"""Candidate pairs from group codes, vectorised.

Records sharing a blocking key form a group; every pair inside a group is a
candidate. Groups larger than a cap are skipped (their key is too common to
discriminate, and they would make the pair count quadratic), and counted.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import numpy as np
import pandas as pd

from .._arrays import distinct

__all__ = [
    "combine_codes",
    "group_codes",
    "in_big_groups",
    "neighbour_pairs",
    "node_pairs",
    "pair_chunks",
    "pairs_within_groups",
    "split_block_pairs",
    "union_pairs",
]


def group_codes(*columns: np.ndarray) -> np.ndarray:
    """One int64 code per row for the combination of the key columns; -1 if any is missing."""
    return combine_codes(*(pd.factorize(col, sort=False)[0] for col in columns))


def combine_codes(*codes: np.ndarray) -> np.ndarray:
    """One int64 code per row for a combination of per-column codes (-1: missing)."""
    n = len(codes[0])
    combined = np.zeros(n, dtype=np.int64)
    missing = np.zeros(n, dtype=bool)
    for col in codes:
        missing |= col < 0
        combined = combined * (int(col.max(initial=-1)) + 2) + col
        # Re-factorise so the running code stays small whatever the number of columns.
        combined, _ = pd.factorize(combined, sort=False)
        combined = combined.astype(np.int64)
    combined[missing] = -1
    return combined


def pairs_within_groups(codes: np.ndarray, *, max_size: int) -> tuple[np.ndarray, np.ndarray, int]:
    """All pairs ``(i, j)``, ``i < j``, of rows sharing a code, skipping groups over ``max_size``.

    Returns the left and right row numbers and the number of rows in skipped
    groups. Works in ``max_group_size`` vectorised passes over the sorted rows,
    each over the rows of the groups still large enough, so the work grows
    with the number of pairs rather than rows times the largest group.
    """
    skipped, chunks = pair_chunks(codes, max_size=max_size)
    parts = list(chunks)
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, skipped
    left, right = parts[0]
    return left, right, skipped


def pair_chunks(
    codes: np.ndarray, *, max_size: int, max_pairs: int | None = None
) -> tuple[int, Iterator[tuple[np.ndarray, np.ndarray]]]:
    """``pairs_within_groups`` in chunks of whole groups, each of about ``max_pairs`` pairs.

    Returns the number of rows in skipped groups and an iterator over the
    chunks' ``(left, right)`` row pairs (one chunk if ``max_pairs`` is None).
    Chunks bound the memory of rules whose pairs repeat heavily before
    deduplication (records sharing several keys of a multi-valued column).
    """
    rows = np.flatnonzero(codes >= 0)
    if len(rows) == 0:
        return 0, iter(())
    # Stable: rows stay ascending within a group, so every pair comes out as i < j.
    order = rows[np.argsort(codes[rows], kind="stable")]
    sorted_codes = codes[order]
    starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])
    sizes = np.diff(np.r_[starts, len(order)])
    too_big = sizes > max_size
    skipped = int(sizes[too_big].sum())
    keep_group = (sizes >= 2) & ~too_big
    if not keep_group.any():
        return skipped, iter(())
    group_of = np.repeat(np.arange(len(sizes)), sizes)
    keep = keep_group[group_of]
    order, group_of = order[keep], group_of[keep]
    kept_sizes = sizes[keep_group]
    first = np.r_[0, np.cumsum(kept_sizes)]
    if max_pairs is None:
        bounds = np.array([0, len(kept_sizes)])
    else:
        done = np.cumsum(kept_sizes * (kept_sizes - 1) // 2)
        marks = np.arange(max_pairs, int(done[-1]), max_pairs)
        bounds = np.unique(np.r_[0, np.searchsorted(done, marks, side="right"), len(kept_sizes)])
    sizes_of_rows = sizes[group_of]

    def chunks() -> Iterator[tuple[np.ndarray, np.ndarray]]:
        for g0, g1 in itertools.pairwise(bounds.tolist()):
            at = slice(first[g0], first[g1])
            yield _offset_pairs(
                order[at], group_of[at], sizes_of_rows[at], int(kept_sizes[g0:g1].max())
            )

    return skipped, chunks()


def _offset_pairs(
    order: np.ndarray, group_of: np.ndarray, size_of: np.ndarray, largest: int
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of rows of the same group, rows sorted by group and ascending within one."""
    left_parts, right_parts = [], []
    for offset in range(1, largest):
        if offset > 1:
            # Groups of ``offset`` rows or fewer have no pair this far apart.
            big = size_of > offset
            order, group_of, size_of = order[big], group_of[big], size_of[big]
        same = group_of[offset:] == group_of[:-offset]
        left_parts.append(order[:-offset][same])
        right_parts.append(order[offset:][same])
    left = np.concatenate(left_parts).astype(np.int64, copy=False)
    del left_parts
    right = np.concatenate(right_parts).astype(np.int64, copy=False)
    return left, right


def in_big_groups(codes: np.ndarray, max_size: int) -> np.ndarray:
    """Whether each row's group (code ``-1``: none) holds more than ``max_size`` rows."""
    ok = codes >= 0
    sizes = np.bincount(codes[ok]) if ok.any() else np.zeros(0, dtype=np.int64)
    big = np.zeros(len(codes), dtype=bool)
    big[ok] = sizes[codes[ok]] > max_size
    return big


def neighbour_pairs(
    codes: np.ndarray, sort_key: np.ndarray, *, min_size: int, window: int
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of close neighbours inside groups larger than ``min_size``.

    A key too common to pair exhaustively ("john" + "smith") still narrows
    the search: inside such a group, rows sorted by a second key (date of
    birth, postcode) are paired with the next ``window - 1`` rows, a sorted
    neighbourhood per block. Rows without the second key are left out.
    Pairs grow linearly with the group, not quadratically.
    """
    rows = np.flatnonzero(in_big_groups(codes, min_size) & (sort_key >= 0))
    empty = np.zeros(0, dtype=np.int64)
    if len(rows) < 2:
        return empty, empty
    order = rows[np.lexsort((rows, sort_key[rows], codes[rows]))]
    group = codes[order]
    lefts, rights = [], []
    for offset in range(1, window):
        same = group[offset:] == group[:-offset]
        lefts.append(order[:-offset][same])
        rights.append(order[offset:][same])
    left, right = np.concatenate(lefts), np.concatenate(rights)
    return np.minimum(left, right).astype(np.int64), np.maximum(left, right).astype(np.int64)


def split_block_pairs(
    codes: np.ndarray,
    keys: list[np.ndarray],
    *,
    max_size: int,
    window: int,
    record: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, dict[str, int]]:
    """Pairs inside the groups over ``max_size``, found through second keys; and what is missed.

    Each second key (codes sorted by value, ``-1``: missing) splits an
    over-large group into sub-blocks: those within ``max_size`` are paired in
    full, and the whole group is also paired by sorted neighbourhood on the key
    (``neighbour_pairs``), which reaches across sub-blocks and into those still
    too large. Returns the row pairs and three counts: ``pairs_in_capped_blocks``
    (all pairs of the over-large groups), ``pairs_uncompared`` (those not
    returned) and ``records_unpaired`` (rows, or distinct ``record`` of rows,
    left without any pair: they carry none of the keys).
    """
    big = np.flatnonzero(in_big_groups(codes, max_size))
    sub_codes = pd.factorize(codes[big], sort=False)[0].astype(np.int64)
    parts = []
    for key in keys:
        sub_key = key[big]
        a, b, _ = pairs_within_groups(combine_codes(sub_codes, sub_key), max_size=max_size)
        parts.append((a, b))
        parts.append(neighbour_pairs(sub_codes, sub_key, min_size=max_size, window=window))
    i, j = union_pairs(parts, len(big))
    sizes = np.bincount(sub_codes).astype(np.int64) if len(big) else np.zeros(0, dtype=np.int64)
    possible = int((sizes * (sizes - 1) // 2).sum())
    paired = np.zeros(len(big), dtype=bool)
    paired[i] = True
    paired[j] = True
    alone = big[~paired]
    if record is not None:
        alone = distinct(record[alone])
    counts = {
        "pairs_in_capped_blocks": possible,
        "pairs_uncompared": possible - len(i),
        "records_unpaired": len(alone),
    }
    return big[i], big[j], counts


def union_pairs(
    parts: list[tuple[np.ndarray, np.ndarray]], n_records: int
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct pairs over all blocking rules, sorted by ``(i, j)``."""
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    keys = distinct(np.concatenate([i * n_records + j for i, j in parts]))
    return keys // n_records, keys % n_records


def node_pairs(
    codes: np.ndarray,
    record: np.ndarray,
    node: np.ndarray,
    n_records: int,
    *,
    max_size: int,
    max_pairs: int,
) -> tuple[np.ndarray, int]:
    """Sorted keys ``i * n_records + j`` (``i < j``) of the records sharing a group of
    key rows within ``max_size`` rows, and the rows in groups over it.

    Key rows carry a group (``codes``, ``-1``: none), their ``record`` and
    their ``node``: the records of one node hold the same rows (the same
    keys). Two records sharing several keys would pair once per key; here
    the nodes are paired instead, once per pair of nodes, and each pair of
    nodes is expanded to its records (at most ``max_pairs`` at a time), so
    no record pair is made twice. The pairs are those of
    ``pairs_within_groups`` on the rows, mapped to their records.
    """
    ok = codes >= 0
    size_of = np.zeros(len(codes), dtype=np.int64)
    if ok.any():
        size_of[ok] = np.bincount(codes[ok])[codes[ok]]
    skipped = int(np.count_nonzero(size_of > max_size))
    small = np.flatnonzero(ok & (size_of >= 2) & (size_of <= max_size))
    if len(small) == 0:
        return np.zeros(0, dtype=np.int64), skipped
    local, nodes = pd.factorize(node[small], sort=False)
    n_nodes = len(nodes)
    local = local.astype(np.int64)
    # Each node's records, sorted by node then record (both ascending).
    held = distinct(local * n_records + record[small])
    members = held % n_records
    first = np.searchsorted(held // n_records, np.arange(n_nodes))
    count = np.diff(np.r_[first, len(held)])
    keys = []
    # Records of one node share every group of it: all their pairs.
    a, b, _ = pairs_within_groups(held // n_records, max_size=max_size)
    keys.append(members[a] * n_records + members[b])
    # Pairs of nodes sharing a group, each once, then their records' pairs.
    entry = distinct(codes[small] * n_nodes + local)
    ea, eb, _ = pairs_within_groups(entry // n_nodes, max_size=max_size)
    both = distinct((entry % n_nodes)[ea] * n_nodes + (entry % n_nodes)[eb])
    u, v = both // n_nodes, both % n_nodes
    total = count[u] * count[v]
    ends = np.cumsum(total)
    bounds = (
        np.unique(
            np.r_[0, np.searchsorted(ends, np.arange(max_pairs, ends[-1], max_pairs)), len(u)]
        )
        if len(u)
        else np.zeros(1, dtype=np.int64)
    )
    for lo, hi in itertools.pairwise(bounds.tolist()):
        cu, cv, ct = u[lo:hi], v[lo:hi], total[lo:hi]
        pair = np.repeat(np.arange(len(cu)), ct)
        within = np.arange(int(ct.sum())) - np.repeat(np.cumsum(ct) - ct, ct)
        width = count[cv][pair]
        left = members[first[cu][pair] + within // width]
        right = members[first[cv][pair] + within % width]
        keys.append(np.minimum(left, right) * n_records + np.maximum(left, right))
    return distinct(np.concatenate(keys)), skipped
