"""``RunData``: what the charts and the report read, from a ``Result`` or an output folder.

Both the notebook methods and ``unifyid report`` draw from this one view, so
a chart looks the same wherever it is drawn.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from .._errors import ConfigError
from .._types import type_names
from ._recognition import recognition_rate, stitch_labels

if TYPE_CHECKING:
    from .._resolver import Resolver
    from .._result import Result

__all__ = ["MatcherModel", "RunData", "result_summary_extras"]

KEYS_L = ["source_l", "record_id_l"]
KEYS_R = ["source_r", "record_id_r"]


@dataclass(frozen=True)
class MatcherModel:
    """One matcher's fitted parameters: level labels, m and u per level."""

    name: str
    levels: list[str]
    m: np.ndarray
    u: np.ndarray

    @property
    def weights(self) -> np.ndarray:
        """Bits per level, ``log2(m / u)``; 0 for the null level (as the scorer uses)."""
        from ..score._fellegi_sunter import level_weights

        return level_weights(np.asarray(self.m, float), np.asarray(self.u, float))


@dataclass(frozen=True)
class RunData:
    """The tables of one run that the charts use.

    ``edges`` is ``Result.edges`` (pairs with probability >= 0.01) and
    ``row_l``/``row_r`` their record rows in ``profiles``; ``weights`` holds the
    match weight of every candidate pair when known (else of ``edges``).
    """

    profiles: pd.DataFrame
    edges: pd.DataFrame
    row_l: np.ndarray
    row_r: np.ndarray
    weights: np.ndarray
    threshold: float | None
    hubs: pd.DataFrame
    quality: pd.DataFrame
    summary: dict[str, Any]
    model: list[MatcherModel] | None = None
    changes: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: The prior of each pair of sources with its own (see :func:`source_priors`).
    source_priors: pd.DataFrame = field(default_factory=pd.DataFrame)

    @cached_property
    def profile_codes(self) -> tuple[np.ndarray, np.ndarray]:
        """Integer code of each record's profile, and the profile ids (factorised once)."""
        codes, ids = pd.factorize(self.profiles["profile_id"])
        return codes.astype(np.int64), np.asarray(ids, dtype=object)

    @property
    def matcher_names(self) -> list[str]:
        """Matchers with a ``<name>_weight`` column in ``edges``, in order."""
        return [
            c[: -len("_weight")]
            for c in self.edges.columns
            if c.endswith("_weight") and c != "match_weight"
        ]

    @classmethod
    def from_result(cls, result: Result, resolver: Resolver | None = None) -> RunData:
        """The view of a result in memory (the fitted ``resolver`` adds m and u)."""
        keep = np.flatnonzero(result.probability >= 0.01)
        return cls(
            profiles=result.profiles,
            edges=result.edges,
            row_l=result.left[keep],
            row_r=result.right[keep],
            weights=np.asarray(result.weight, dtype=np.float64),
            threshold=(
                float(resolver.threshold) if resolver is not None else infer_threshold(result)
            ),
            hubs=result.hubs,
            quality=result.quality,
            summary=result.summary(),
            model=model_of_resolver(resolver) if resolver is not None else None,
            changes=result.changes,
            source_priors=(
                source_priors(resolver.lambda_, resolver.source_shifts_)
                if resolver is not None
                else pd.DataFrame()
            ),
        )

    @classmethod
    def from_folder(cls, folder: str | os.PathLike[str]) -> RunData:
        """Read a run's output folder (``unifyid resolve --out``).

        Raises
        ------
        ConfigError
            The folder lacks ``profiles.parquet``, ``edges.parquet`` or ``summary.json``.
        """
        base = Path(folder)
        needed = ["profiles.parquet", "edges.parquet", "summary.json"]
        missing = [n for n in needed if not (base / n).is_file()]
        if missing:
            raise ConfigError(
                f"{base}: not the output folder of a unifyid run (missing {missing})."
            )
        profiles = pd.read_parquet(base / "profiles.parquet")
        edges = pd.read_parquet(base / "edges.parquet")
        summary = json.loads((base / "summary.json").read_text(encoding="utf-8"))
        index = pd.Index(_keys(profiles["source"], profiles["record_id"]))
        row_l = index.get_indexer(_keys(edges["source_l"], edges["record_id_l"]))
        row_r = index.get_indexer(_keys(edges["source_r"], edges["record_id_r"]))
        if (row_l < 0).any() or (row_r < 0).any():
            raise ConfigError(f"{base}: edges.parquet names records not in profiles.parquet.")
        model_doc = _read_model(base / "state" / "model.json")
        if "recognition_rate" not in summary and (base / "state" / "records.parquet").is_file():
            records = base / "state" / "records.parquet"
            present = set(pq.read_schema(records).names)
            identifiers = type_names(kind="identifier", encoding="plain")
            frame = pd.read_parquet(records, columns=[c for c in identifiers if c in present])
            summary["recognition_rate"] = recognition_rate(
                profiles["source"].to_numpy(), profiles["profile_id"].to_numpy(),
                stitch_labels(frame),
            )  # fmt: skip
        return cls(
            profiles=profiles,
            edges=edges,
            row_l=row_l.astype(np.int64),
            row_r=row_r.astype(np.int64),
            weights=edges["match_weight"].to_numpy(np.float64),
            threshold=(model_doc or {}).get("params", {}).get("threshold"),
            hubs=_read_optional(base / "hubs.parquet"),
            quality=_read_optional(base / "quality.parquet"),
            summary=summary,
            model=_model_from_doc(model_doc) if model_doc else None,
            changes=_read_optional(base / "changes.parquet"),
            source_priors=(
                source_priors(
                    float(model_doc["lambda"]),
                    {(a, b): bits for a, b, bits in model_doc.get("source_shifts", [])},
                )
                if model_doc
                else pd.DataFrame()
            ),
        )


def infer_threshold(result: Result) -> float | None:
    """The lowest probability at which the model alone linked a pair (the threshold in effect)."""
    by_score = result.linked & np.equal(result.reason, None)
    return float(result.probability[by_score].min()) if by_score.any() else None


def source_priors(lambda_: float, shifts: Mapping[tuple[str, str], float]) -> pd.DataFrame:
    """Per pair of sources with its own prior, likeliest first: the shift from the
    shared prior in bits, and how many of these sources' record pairs there are
    per pair that is one customer.

    >>> source_priors(1 / 1001, {("web", "web"): -1.0, ("store", "web"): 1.0})
            sources  shift_bits  pairs_per_match
    0   store + web         1.0              501
    1  web (inside)        -1.0             2001
    """
    rows = sorted(shifts.items(), key=lambda item: -item[1])
    shift = np.array([bits for _, bits in rows], dtype=np.float64)
    odds = lambda_ / (1.0 - lambda_) * np.exp2(shift)
    return pd.DataFrame(
        {
            "sources": [f"{a} + {b}" if a != b else f"{a} (inside)" for (a, b), _ in rows],
            "shift_bits": shift,
            "pairs_per_match": np.rint((1.0 + odds) / odds).astype(np.int64),
        }
    )


def model_of_resolver(resolver: Resolver) -> list[MatcherModel]:
    """m and u of a fitted resolver, per matcher."""
    resolver._check_fitted()
    return [
        MatcherModel(m.name, list(m.level_labels()), resolver.m_[m.name], resolver.u_[m.name])
        for m in resolver.matchers_
    ]


def result_summary_extras(result: Result, profile: np.ndarray | None = None) -> dict[str, Any]:
    """The keys ``Result.summary()`` adds for reports: the recognition rate.

    ``profile``: the profiles as integer codes, if the caller has them (or the ids).
    """
    return {
        "recognition_rate": recognition_rate(
            pd.factorize(result.frame["source"])[0],
            result.profile_id if profile is None else profile,
            stitch_labels(result.frame),
        )
    }


def weight_of_probability(p: float) -> float:
    """Match weight in bits of a probability (the threshold on the weight axis)."""
    p = min(max(p, 1e-12), 1 - 1e-12)
    return math.log2(p / (1 - p))


def _keys(source: pd.Series, record_id: pd.Series) -> np.ndarray:
    return (source.astype(str) + "\x1f" + record_id.astype(str)).to_numpy()


def _read_optional(path: Path) -> pd.DataFrame:
    return pd.read_parquet(path) if path.is_file() else pd.DataFrame()


def _read_model(path: Path) -> dict[str, Any] | None:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def _model_from_doc(doc: dict[str, Any]) -> list[MatcherModel]:
    return [
        MatcherModel(
            spec["name"],
            list(spec["levels"]),
            np.asarray(doc["m"][spec["name"]], float),
            np.asarray(doc["u"][spec["name"]], float),
        )
        for spec in doc["matchers"]
    ]
