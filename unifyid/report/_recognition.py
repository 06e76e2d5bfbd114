"""The recognition rate: how many customers seen in several channels are one profile.

Definition
----------
A *multi-channel customer* is a customer with records in two or more
sources. The recognition rate is the share of multi-channel customers whose
records all sit in one cluster. It is measured for two clusterings of the
same records:

``before``
    Exact identifier stitching: records sharing a standardised value of any
    identifier column (email, phone, device id, loyalty id, customer id) are
    joined, transitively. Values found to be hubs are left out (they are
    blanked during standardisation), as any sensible stitching would.
``after``
    The resolved profiles.

Who the customers are is known only with labels:

* **with labels** (``truth``: ``source``, ``record_id``, ``entity_id`` for all
  or some records), the customers are the labelled entities, restricted to
  the labelled records, and both rates are measured;
* **without labels**, the resolved profiles stand for the customers (they are
  the best estimate there is), so the multi-channel customers are the
  profiles spanning two or more sources, ``after`` is 1 by construction and
  ``before`` says how many of them exact stitching alone had already found.
  ``basis`` records which of the two was used.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from .._arrays import column_codes
from .._types import type_names

__all__ = ["DEFINITION", "recognition_rate", "stitch_labels"]

#: The definition in one paragraph, for the report.
DEFINITION = (
    "The share of customers seen in two or more channels whose records are all in one "
    "cluster: before resolution, by exact identifier stitching (records sharing a "
    "standardised email, phone, device id, loyalty id or customer id, hubs excluded, joined "
    "transitively); after, by the resolved profiles. With labels the customers are the "
    "labelled ones; without labels the resolved profiles spanning two or more sources stand "
    "for them, so 'after' is 1 by construction and 'before' is the share of them that exact "
    "stitching alone had already found."
)


def stitch_labels(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> np.ndarray:
    """Cluster labels of exact identifier stitching: records sharing any value are joined.

    ``columns`` defaults to every registered plain identifier type.
    """
    if columns is None:
        columns = type_names(kind="identifier", encoding="plain")
    n = len(frame)
    lefts, rights = [], []
    for col in columns:
        if col not in frame.columns:
            continue
        # The column's own factorisation (Arrow's for text): no Python strings.
        codes = column_codes(frame[col])
        rows = np.flatnonzero(codes >= 0)
        if len(rows) == 0:
            continue
        codes = codes[rows]
        # Link every record to the first record holding the same value (a star per value).
        first = np.full(codes.max() + 1, -1, dtype=np.int64)
        order = np.arange(len(codes))[::-1]
        first[codes[order]] = rows[order]
        lefts.append(rows)
        rights.append(first[codes])
    if not lefts or n == 0:
        return np.arange(n, dtype=np.int64)
    left, right = np.concatenate(lefts), np.concatenate(rights)
    graph = coo_matrix((np.ones(len(left), dtype=np.int8), (left, right)), shape=(n, n))
    return connected_components(graph, directed=False)[1].astype(np.int64)


def recognition_rate(
    sources: np.ndarray,
    profile: np.ndarray,
    stitched: np.ndarray,
    *,
    truth: np.ndarray | None = None,
) -> dict[str, object]:
    """The recognition rate before (``stitched``) and after (``profile``) resolution.

    Parameters
    ----------
    sources, profile, stitched : array-like, one value per record
        Source name, resolved profile and exact-stitching cluster of each record.
    truth : array-like, optional
        True customer of each record; missing (None/NaN) where not labelled.

    Returns
    -------
    dict
        ``before``, ``after`` (shares, None when there is no multi-channel
        customer), ``customers`` (multi-channel customers counted), ``basis``
        (``"labels"`` or ``"profiles"``). See the module docstring.

    Examples
    --------
    >>> r = recognition_rate(["web", "app", "web"], ["p", "p", "q"], [0, 1, 2])
    >>> r["before"], r["after"], r["customers"]
    (0.0, 1.0, 1)
    """
    sources = np.asarray(sources)
    profile = np.asarray(profile)
    stitched = np.asarray(stitched)
    if truth is None:
        entity, basis = profile, "profiles"
        keep = np.ones(len(profile), dtype=bool)
    else:
        entity, basis = np.asarray(truth, dtype=object), "labels"
        keep = pd.notna(entity)
    entity_codes, entities = pd.factorize(entity[keep])
    n_entities = len(entities)

    def in_one(values: np.ndarray) -> np.ndarray:
        # One code per entity <=> its smallest and largest code agree (cheaper than
        # counting distinct codes per group).
        codes = pd.factorize(values[keep])[0]
        low = np.full(n_entities, np.iinfo(np.int64).max, dtype=np.int64)
        high = np.full(n_entities, -1, dtype=np.int64)
        np.minimum.at(low, entity_codes, codes)
        np.maximum.at(high, entity_codes, codes)
        return low == high

    multi = ~in_one(sources)
    customers = int(multi.sum())
    if customers == 0:
        return {"before": None, "after": None, "customers": 0, "basis": basis}
    one = {"profile": in_one(profile)[multi], "stitched": in_one(stitched)[multi]}
    return {
        "before": round(float(one["stitched"].mean()), 6),
        "after": round(float(one["profile"].mean()), 6),
        "customers": customers,
        "basis": basis,
    }
