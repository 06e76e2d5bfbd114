"""Clerical review: a stratified sample of uncertain pairs to CSV, and the verdicts back.

The sample is drawn per probability band, so that a reviewer sees the
borderline pairs and also some of the confident ones (the only way to learn
that a confident band is wrong). Each row carries ``weight``, the number of
pairs of its band it stands for, so that estimates from the reviewed sample
(:func:`unifyid.report.threshold_curves`) describe all pairs, not the sample.
The reviewer fills ``decision`` with ``match`` or ``non-match`` (``unsure`` or
blank rows are ignored). The reviewed file then gives labels for evaluation
(:func:`review_labels`) and must-link / cannot-link pairs for the next run
(:func:`review_overrides`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .._errors import ConfigError
from ..graph._overrides import Overrides
from ..standardise._stage import STANDARD_COLUMNS
from ._risk import profile_confidence
from ._run import RunData

if TYPE_CHECKING:
    from .._result import Result

__all__ = ["REVIEW_BANDS", "read_review", "review_labels", "review_overrides", "review_sample"]

#: Probability band edges of the stratified sample.
REVIEW_BANDS = (0.01, 0.2, 0.4, 0.6, 0.8, 0.95, 0.99, 1.0)

_YES = {"match", "yes", "y", "1", "true", "same"}
_NO = {"non-match", "nonmatch", "no-match", "no", "n", "0", "false", "different"}
_SKIP = {"", "unsure", "skip", "?"}
_PAIR = ["source_l", "record_id_l", "source_r", "record_id_r"]
_PAIR_KEYS = ("source", "record_id", "timestamp")


def review_sample(
    run: RunData | Result,
    records: pd.DataFrame | None = None,
    *,
    per_band: int = 50,
    profiles: int = 50,
    bands: Sequence[float] = REVIEW_BANDS,
    seed: int = 0,
) -> pd.DataFrame:
    """Uncertain pairs and profiles for review, both records side by side.

    Parameters
    ----------
    run : Result or RunData
        A result in memory, or a run read with ``RunData.from_folder``.
    records : pandas.DataFrame, optional
        Record values row-aligned with ``run.profiles``; default: the
        result's standardised records (required with ``RunData``, e.g.
        ``state/records.parquet``). Standard columns are shown side by side.
    per_band : int
        Pairs drawn per probability band (all of them when a band has fewer).
    profiles : int
        Profiles drawn among those with the lowest confidence; each shows its
        weakest necessary link.
    """
    if not isinstance(run, RunData):
        records = run.frame if records is None else records
        run = RunData.from_result(run)
    if records is None:
        raise ValueError("review_sample: pass records= (row-aligned with the run's profiles).")
    rng = np.random.default_rng(seed)
    p = run.edges["match_probability"].to_numpy(np.float64)
    band = np.digitize(p, bands) - 1
    chosen, weight, label = [], [], []
    for b in range(len(bands) - 1):
        rows = np.flatnonzero(band == b)
        take = rng.choice(rows, size=min(per_band, len(rows)), replace=False) if len(rows) else rows
        chosen.append(np.sort(take))
        weight.append(np.full(len(take), len(rows) / max(len(take), 1)))
        label.append(np.full(len(take), f"{bands[b]:g}-{bands[b + 1]:g}", dtype=object))
    pair_rows = np.concatenate(chosen)
    out = _side_by_side(run, records, pair_rows)
    out.insert(0, "kind", "pair")
    out.insert(1, "band", np.concatenate(label))
    out.insert(2, "weight", np.concatenate(weight))
    weakest = _weakest_links(run, profiles)
    if len(weakest):
        extra = _side_by_side(run, records, weakest)
        extra.insert(0, "kind", "profile")
        extra.insert(1, "band", "lowest confidence")
        extra.insert(2, "weight", np.nan)
        out = pd.concat([out, extra], ignore_index=True)
    out.insert(0, "review_id", np.arange(1, len(out) + 1))
    out["decision"] = ""
    return out


def _weakest_links(run: RunData, n: int) -> np.ndarray:
    """Edge rows holding the ``n`` least confident multi-record profiles together."""
    if n <= 0 or len(run.edges) == 0:
        return np.zeros(0, dtype=np.int64)
    conf = profile_confidence(run)
    sizes = run.profiles["profile_id"].value_counts()
    multi = conf[sizes.reindex(conf.index).to_numpy() > 1].nsmallest(n)
    pid = run.profiles["profile_id"].to_numpy()
    edge_pid = pid[run.row_l]
    p = run.edges["match_probability"].to_numpy(np.float64)
    linked = run.edges["linked"].to_numpy(bool)
    target = multi.reindex(edge_pid).to_numpy()
    hit = np.flatnonzero(linked & np.isclose(p, target, rtol=0, atol=1e-9))
    first = pd.Series(hit).groupby(edge_pid[hit]).first()
    return first.to_numpy(np.int64)


def _side_by_side(run: RunData, records: pd.DataFrame, rows: np.ndarray) -> pd.DataFrame:
    e = run.edges.iloc[rows]
    pid = run.profiles["profile_id"].to_numpy()
    out = e[[*_PAIR, "match_probability", "match_weight", "linked"]].reset_index(drop=True)
    out["profile_id_l"] = pid[run.row_l[rows]]
    out["profile_id_r"] = pid[run.row_r[rows]]
    fields = [c for c in STANDARD_COLUMNS if c in records.columns and c not in _PAIR_KEYS]
    left = records.iloc[run.row_l[rows]].reset_index(drop=True)
    right = records.iloc[run.row_r[rows]].reset_index(drop=True)
    for col in fields:
        if left[col].isna().all() and right[col].isna().all():
            continue
        out[f"{col}_l"] = left[col].to_numpy()
        out[f"{col}_r"] = right[col].to_numpy()
    return out


def read_review(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a reviewed CSV; ``label`` is True (match), False (non-match) or missing.

    Raises
    ------
    ConfigError
        The file lacks the pair or ``decision`` columns, or a decision is not
        one of match / non-match / unsure (the message gives the row number).
    """
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"review file not found: {path}")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in [*_PAIR, "decision", "match_probability"] if c not in table.columns]
    if missing:
        raise ConfigError(f"review file {path.name}: missing column(s) {missing}.")
    decision = table["decision"].str.strip().str.lower()
    bad = ~decision.isin(_YES | _NO | _SKIP)
    if bad.any():
        rows = (np.flatnonzero(bad.to_numpy()) + 2).tolist()[:5]
        raise ConfigError(
            f"review file {path.name}: decision must be match, non-match or unsure; "
            f"line(s) {rows} hold something else."
        )
    label = pd.Series(pd.NA, index=table.index, dtype="boolean")
    label[decision.isin(_YES)] = True
    label[decision.isin(_NO)] = False
    table["label"] = label
    table["match_probability"] = pd.to_numeric(table["match_probability"])
    if "weight" in table.columns:
        table["weight"] = pd.to_numeric(table["weight"], errors="coerce")
    return table


def review_labels(reviewed: pd.DataFrame) -> pd.DataFrame:
    """The decided sampled pairs as labels for :func:`threshold_curves` (with weights).

    Profile rows (not drawn at random) are left out: they would bias the estimate.
    """
    keep = reviewed["label"].notna()
    if "kind" in reviewed.columns:
        keep &= reviewed["kind"] == "pair"
    cols = [*_PAIR, "match_probability", "label"]
    cols += ["weight"] if "weight" in reviewed.columns else []
    out = reviewed.loc[keep, cols].reset_index(drop=True)
    out["label"] = out["label"].astype(bool)
    return out


def review_overrides(reviewed: pd.DataFrame) -> Overrides:
    """Must-link (match) and cannot-link (non-match) for the next run's ``Resolver(overrides=)``.

    ``Overrides(...).cannot_link``/``must_link`` pairs can be written in the
    overrides CSV form with :func:`overrides_frame`.
    """
    decided = reviewed[reviewed["label"].notna()]
    pairs = {
        label: [
            ((r.source_l, r.record_id_l), (r.source_r, r.record_id_r))
            for r in decided[decided["label"] == label][_PAIR].astype(str).itertuples(index=False)
        ]
        for label in (True, False)
    }
    return Overrides(must_link=pairs[True], cannot_link=pairs[False])


def overrides_frame(overrides: Overrides) -> pd.DataFrame:
    """Overrides as the table ``Overrides.from_frame`` reads (``action`` and the two keys)."""
    rows = [
        (action, *left, *right)
        for action, pairs in (
            ("must_link", overrides.must_link),
            ("cannot_link", overrides.cannot_link),
        )
        for left, right in pairs
    ]
    return pd.DataFrame(rows, columns=["action", *_PAIR])
