"""Stable profile ids: derived from a profile's anchor record, not from row order."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

__all__ = ["profile_ids"]


def _hash_id(source: str, record_id: str) -> str:
    digest = hashlib.blake2b(f"{source}\x1f{record_id}".encode(), digest_size=8).hexdigest()
    return f"p-{digest}"


def profile_ids(sources: pd.Series, record_ids: pd.Series, labels: np.ndarray) -> np.ndarray:
    """One id per record: the hash of the smallest ``(source, record_id)`` in its cluster.

    The frame is sorted by ``(source, record_id)``, so the first row of each
    cluster is its anchor. The same records always give the same id, whatever
    the row order of the input or the other records present.
    """
    n = len(labels)
    if n == 0:
        return np.zeros(0, dtype=object)
    _, anchor_rows, inverse = np.unique(labels, return_index=True, return_inverse=True)
    src = sources.to_numpy(dtype=object)[anchor_rows].tolist()
    rid = record_ids.to_numpy(dtype=object)[anchor_rows].tolist()
    ids = np.array([_hash_id(s, r) for s, r in zip(src, rid)], dtype=object)
    return ids[inverse.reshape(-1)]
