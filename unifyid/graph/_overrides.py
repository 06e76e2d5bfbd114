"""User decisions that always win: records pinned together or apart, identifier limits.

Overrides are keyed by ``(source, record_id)``, so a file of them stays valid
from one run to the next and survives any change to the data around it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .._errors import ConfigError, mask

__all__ = ["Overrides", "identifier_limit_conflicts", "override_rows", "pair_rows"]

RecordKey = tuple[str, str]
_COLUMNS = ["action", "source_l", "record_id_l", "source_r", "record_id_r"]
_ACTIONS = ("must_link", "cannot_link")


@dataclass(frozen=True)
class Overrides:
    """Pairs of records that must, or must never, share a profile.

    Examples
    --------
    >>> o = Overrides(must_link=[(("web", "1"), ("store", "9"))])
    >>> len(o.must_link), len(o.cannot_link)
    (1, 0)
    """

    must_link: tuple[tuple[RecordKey, RecordKey], ...] = ()
    cannot_link: tuple[tuple[RecordKey, RecordKey], ...] = ()

    def __init__(
        self,
        must_link: Iterable[tuple[RecordKey, RecordKey]] = (),
        cannot_link: Iterable[tuple[RecordKey, RecordKey]] = (),
    ) -> None:
        object.__setattr__(self, "must_link", _norm("must_link", must_link))
        object.__setattr__(self, "cannot_link", _norm("cannot_link", cannot_link))
        both = {frozenset(p) for p in self.must_link} & {frozenset(p) for p in self.cannot_link}
        if both:
            raise ConfigError(
                f"Overrides: {len(both)} pair(s) are both must_link and cannot_link; "
                "each pair needs one decision."
            )

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> Overrides:
        """Build from a table with columns ``action`` (must_link or cannot_link),
        ``source_l``, ``record_id_l``, ``source_r``, ``record_id_r``."""
        missing = [c for c in _COLUMNS if c not in frame.columns]
        if missing:
            raise ConfigError(
                f"overrides: missing column(s) {missing}; expected {_COLUMNS}, "
                f"found {list(map(str, frame.columns))}."
            )
        bad = sorted(set(frame["action"].astype(str)) - set(_ACTIONS))
        if bad:
            raise ConfigError(f"overrides: unknown action(s) {bad}; use one of {list(_ACTIONS)}.")
        pairs = {a: [] for a in _ACTIONS}  # type: dict[str, list]
        for row in frame.astype(str).itertuples(index=False):
            pairs[row.action].append(
                ((row.source_l, row.record_id_l), (row.source_r, row.record_id_r))
            )
        return cls(must_link=pairs["must_link"], cannot_link=pairs["cannot_link"])

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> Overrides:
        """Read overrides from a CSV or Parquet file (see :meth:`from_frame`)."""
        path = Path(path)
        if not path.is_file():
            raise ConfigError(f"overrides file not found: {path}")
        try:
            if path.suffix.lower() == ".csv":
                frame = pd.read_csv(path, dtype=str, keep_default_na=False)
            else:
                frame = pd.read_parquet(path)
        except (ValueError, UnicodeError, OSError) as exc:  # pandas' and Arrow's parse errors
            raise ConfigError(
                f"overrides file {path}: cannot be read ({type(exc).__name__}); it must be a "
                "UTF-8 CSV or a Parquet file."
            ) from None
        return cls.from_frame(frame)


def _norm(what: str, pairs: Iterable[tuple[RecordKey, RecordKey]]) -> tuple:
    out = []
    for pair in pairs:
        try:
            (sa, ra), (sb, rb) = pair
        except (TypeError, ValueError):
            raise ConfigError(
                f"Overrides.{what}: each pair must be ((source, record_id), (source, record_id)), "
                f"got {mask(pair)}."
            ) from None
        out.append(((str(sa), str(ra)), (str(sb), str(rb))))
    return tuple(out)


def pair_rows(
    frame: pd.DataFrame, pairs: tuple[tuple[RecordKey, RecordKey], ...], what: str
) -> tuple[np.ndarray, np.ndarray]:
    """Row numbers ``(i, j)``, ``i < j``, of record-key pairs; unknown keys raise."""
    if not pairs:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    index = pd.MultiIndex.from_arrays([frame["source"].astype(str), frame["record_id"].astype(str)])
    left = index.get_indexer(pd.MultiIndex.from_tuples([p[0] for p in pairs]))
    right = index.get_indexer(pd.MultiIndex.from_tuples([p[1] for p in pairs]))
    unknown = int((left < 0).sum() + (right < 0).sum())
    if unknown:
        raise ConfigError(
            f"overrides ({what}): {unknown} record key(s) are not in the input sources; "
            "keys are (source name, record id)."
        )
    keep = left != right
    left, right = left[keep], right[keep]
    return np.minimum(left, right).astype(np.int64), np.maximum(left, right).astype(np.int64)


def identifier_limit_conflicts(
    frame: pd.DataFrame, labels: np.ndarray, limits: Mapping[str, int], *, max_size: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Record pairs that break an identifier limit, in the limits' priority order.

    In a profile with more distinct values of ``column`` than its limit, the
    values held by most records (ties: smallest value) are kept; every record
    holding another value conflicts with the records holding the first one.
    """
    lefts, rights, reasons = [], [], []
    for column, limit in limits.items():
        if column not in frame.columns:
            continue
        values = frame[column].to_numpy(dtype=object)
        has = pd.notna(values)
        table = pd.DataFrame(
            {"label": labels[has], "value": values[has], "row": np.flatnonzero(has)}
        )
        counts = table.groupby(["label", "value"]).size().rename("n").reset_index()
        counts = counts.sort_values(["label", "n", "value"], ascending=[True, False, True])
        counts["rank"] = counts.groupby("label").cumcount()
        over = counts.groupby("label")["rank"].max() >= limit
        counts = counts[counts["label"].isin(over[over].index)]
        if counts.empty:
            continue
        table = table.merge(counts[["label", "value", "rank"]], on=["label", "value"])
        keepers = table[table["rank"] == 0]
        excess = table[table["rank"] >= limit]
        pairs = keepers.merge(excess, on="label", suffixes=("_k", "_x"))
        # Components larger than max_size are left to the size-independent checks.
        sizes = np.bincount(labels)
        pairs = pairs[sizes[pairs["label"].to_numpy()] <= max_size]
        lefts.append(pairs["row_k"].to_numpy(np.int64))
        rights.append(pairs["row_x"].to_numpy(np.int64))
        reasons.append(
            np.full(len(pairs), f"identifier limit: at most {limit} {column}", dtype=object)
        )
    if not lefts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=object)
    return np.concatenate(lefts), np.concatenate(rights), np.concatenate(reasons)


def override_rows(
    frame: pd.DataFrame, overrides: Overrides | None
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Row pairs of the pinned pairs (must-link, then cannot-link); none without overrides.

    They are compared and scored like candidates, so that explanations can show them.
    """
    if overrides is None:
        return []
    return [
        pair_rows(frame, overrides.must_link, "must_link"),
        pair_rows(frame, overrides.cannot_link, "cannot_link"),
    ]
