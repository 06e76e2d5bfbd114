"""Precision and recall from a few labels, with confidence intervals.

Two kinds of labels are accepted:

* **labelled pairs** (a few hundred, e.g. a reviewed clerical sample): each
  pair has a ``match_probability`` and a yes/no ``label``, and optionally a
  ``weight`` (how many pairs of its probability band it stands for, as the
  review sample writes). At a threshold ``t`` a pair is declared a match when
  its probability is at least ``t``; precision is the (weighted) share of
  declared matches that are true, recall the share of true matches declared.
  Intervals are **Wilson score intervals**: unlike the normal (Wald)
  interval they stay inside [0, 1] and keep close to their nominal coverage
  with small counts and shares near 1, which is where precision lives. With
  weights, the counts are replaced by Kish's effective sample size.
* **a labelled subset of records** (``source``, ``record_id``, ``entity_id``):
  pairwise precision and recall of the clustering among those records, with
  a **bootstrap over entities** (percentile interval). Pairs of one customer
  are not independent, so entities, not pairs, are resampled.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .._errors import SchemaError
from ._chart import Chart
from ._deps import pyplot

__all__ = [
    "estimate_from_records",
    "pair_labels_from_truth",
    "threshold_chart",
    "threshold_curves",
    "wilson_interval",
]

Z95 = 1.959964


def wilson_interval(successes: float, n: float, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of a proportion; ``(0, 1)`` when ``n`` is 0.

    Examples
    --------
    >>> lo, hi = wilson_interval(95, 100)
    >>> round(lo, 3), round(hi, 3)
    (0.888, 0.978)
    """
    if n <= 0:
        return 0.0, 1.0
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return float(max(0.0, centre - half)), float(min(1.0, centre + half))


def _weighted_share(hit: np.ndarray, w: np.ndarray) -> tuple[float, float, float, int]:
    """Share of ``hit`` weighted by ``w``, its Wilson interval (Kish n) and the raw count."""
    if len(w) == 0 or w.sum() <= 0:
        return float("nan"), 0.0, 1.0, 0
    share = float((w * hit).sum() / w.sum())
    n_eff = float(w.sum() ** 2 / (w * w).sum())
    lo, hi = wilson_interval(share * n_eff, n_eff)
    return share, lo, hi, len(w)


def _check_pairs(pairs: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    missing = [c for c in ("match_probability", "label") if c not in pairs.columns]
    if missing:
        raise SchemaError([f"labelled pairs: missing column(s) {missing}"])
    p = pairs["match_probability"].to_numpy(np.float64)
    y = pairs["label"].astype(bool).to_numpy()
    w = (
        pairs["weight"].to_numpy(np.float64)
        if "weight" in pairs.columns
        else np.ones(len(pairs), dtype=np.float64)
    )
    return p, y, w


def threshold_curves(
    pairs: pd.DataFrame, thresholds: Sequence[float] | None = None
) -> pd.DataFrame:
    """Precision and recall at each threshold from labelled pairs, with 95% Wilson intervals.

    Parameters
    ----------
    pairs : pandas.DataFrame
        ``match_probability``, ``label`` (bool) and optionally ``weight``.
    thresholds : sequence of float, optional
        Default: 0.05, 0.10, ..., 0.95.

    Returns
    -------
    pandas.DataFrame
        ``threshold``, ``precision``, ``precision_low``, ``precision_high``,
        ``recall``, ``recall_low``, ``recall_high``, ``n_declared``, ``n_true``.
    """
    p, y, w = _check_pairs(pairs)
    grid = np.round(np.arange(0.05, 0.951, 0.05), 2) if thresholds is None else thresholds
    rows = []
    for t in grid:
        declared = p >= t
        prec = _weighted_share(y[declared], w[declared])
        rec = _weighted_share(declared[y], w[y])
        rows.append((float(t), *prec[:3], *rec[:3], prec[3], rec[3]))
    cols = ["threshold", "precision", "precision_low", "precision_high"]
    cols += ["recall", "recall_low", "recall_high", "n_declared", "n_true"]
    return pd.DataFrame(rows, columns=cols)


def threshold_chart(curves: pd.DataFrame, threshold: float | None = None) -> Chart:
    """Precision and recall against the threshold, with their interval bands."""
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(7, 3.2))
    t = curves["threshold"]
    for name, colour in (("precision", "#2a7ab9"), ("recall", "#c8553d")):
        ax.plot(t, curves[name], color=colour, label=name, marker=".")
        ax.fill_between(t, curves[f"{name}_low"], curves[f"{name}_high"], color=colour, alpha=0.2)
    if threshold is not None:
        ax.axvline(threshold, color="#222222", linestyle="--", linewidth=1)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("match probability threshold")
    ax.set_ylabel("share (95% interval)")
    ax.set_title(f"Precision and recall from {int(curves['n_true'].max() or 0)} true-match labels")
    ax.legend(fontsize=8, frameon=False, loc="lower left")
    return Chart(fig, "Precision and recall against the threshold")


def pair_labels_from_truth(edges: pd.DataFrame, truth: pd.DataFrame) -> pd.DataFrame:
    """Label the scored pairs whose two records both have a known ``entity_id``."""
    t = truth.astype({"source": str, "record_id": str}).set_index(["source", "record_id"])
    ent = t["entity_id"]
    left = pd.MultiIndex.from_arrays(
        [edges["source_l"].astype(str), edges["record_id_l"].astype(str)]
    )
    right = pd.MultiIndex.from_arrays(
        [edges["source_r"].astype(str), edges["record_id_r"].astype(str)]
    )
    el = ent.reindex(left).to_numpy(dtype=object)
    er = ent.reindex(right).to_numpy(dtype=object)
    known = pd.notna(el) & pd.notna(er)
    out = edges.loc[known].copy()
    out["label"] = el[known] == er[known]
    return out.reset_index(drop=True)


def estimate_from_records(
    profiles: pd.DataFrame,
    truth: pd.DataFrame,
    *,
    n_boot: int = 1000,
    level: float = 0.95,
    seed: int = 0,
) -> dict[str, float | int]:
    """Pairwise precision and recall among a labelled subset of records, with bootstrap intervals.

    Only pairs of labelled records count. Each entity contributes its true
    pairs, its correct pairs and its share of predicted pairs (pairs with a
    record of another entity count half to each); resampling entities
    with replacement reweights these contributions (see the module docstring).

    Returns
    -------
    dict
        ``precision``, ``precision_low``, ``precision_high``, ``recall``,
        ``recall_low``, ``recall_high``, ``records``, ``entities``.
    """
    keys = ["source", "record_id"]
    merged = (
        profiles[[*keys, "profile_id"]]
        .astype(str)
        .merge(truth[[*keys, "entity_id"]].astype(str), on=keys)
    )
    if merged.empty:
        raise SchemaError(["labelled records: none of them is in the profiles"])
    e, _ = pd.factorize(merged["entity_id"])
    c, _ = pd.factorize(merged["profile_id"])
    cells = pd.DataFrame({"e": e, "c": c}).value_counts().rename("n").reset_index()
    n_ec = cells["n"].to_numpy(np.float64)
    a_c = np.bincount(c).astype(np.float64)[cells["c"].to_numpy()]
    b_e = np.bincount(e).astype(np.float64)
    correct = np.bincount(cells["e"], weights=n_ec * (n_ec - 1) / 2, minlength=len(b_e))
    predicted = np.bincount(
        cells["e"], weights=n_ec * (n_ec - 1) / 2 + n_ec * (a_c - n_ec) / 2, minlength=len(b_e)
    )
    true = b_e * (b_e - 1) / 2
    rng = np.random.default_rng(seed)
    draws = rng.multinomial(len(b_e), np.full(len(b_e), 1 / len(b_e)), size=n_boot).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        prec_b = (draws @ correct) / (draws @ predicted)
        rec_b = (draws @ correct) / (draws @ true)
    alpha = (1 - level) / 2
    out: dict[str, float | int] = {}
    for name, point, boot in (
        ("precision", correct.sum() / predicted.sum() if predicted.sum() else 1.0, prec_b),
        ("recall", correct.sum() / true.sum() if true.sum() else 1.0, rec_b),
    ):
        boot = boot[np.isfinite(boot)]
        out[name] = float(point)
        out[f"{name}_low"] = float(np.quantile(boot, alpha)) if len(boot) else 0.0
        out[f"{name}_high"] = float(np.quantile(boot, 1 - alpha)) if len(boot) else 1.0
    out["records"] = len(merged)
    out["entities"] = len(b_e)
    return out
