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
        values = frame[col]
        has = values.notna().to_numpy()
        if not has.any():
            continue
        rows = np.flatnonzero(has)
        codes, _ = pd.factorize(values.to_numpy(dtype=object)[has])
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
    sources = np.asarray(sources, dtype=object)
    profile = np.asarray(profile, dtype=object)
    stitched = np.asarray(stitched)
    if truth is None:
        entity, basis = profile, "profiles"
        keep = np.ones(len(profile), dtype=bool)
    else:
        entity, basis = np.asarray(truth, dtype=object), "labels"
        keep = pd.notna(entity)
    entity_codes = pd.factorize(entity[keep])[0]
    table = pd.DataFrame(
        {
            "source": pd.factorize(sources[keep])[0],
            "profile": pd.factorize(profile[keep])[0],
            "stitched": pd.factorize(stitched[keep])[0],
        }
    )
    # One cluster per entity <=> its smallest and largest cluster code agree (cheaper than
    # counting distinct codes per group).
    per = table.groupby(entity_codes).agg(["min", "max"])
    multi = (per[("source", "min")] != per[("source", "max")]).to_numpy()
    customers = int(multi.sum())
    if customers == 0:
        return {"before": None, "after": None, "customers": 0, "basis": basis}
    one = {
        c: (per[(c, "min")] == per[(c, "max")]).to_numpy()[multi] for c in ("profile", "stitched")
    }
    return {
        "before": round(float(one["stitched"].mean()), 6),
        "after": round(float(one["profile"].mean()), 6),
        "customers": customers,
        "basis": basis,
    }
