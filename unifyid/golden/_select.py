"""Choose, per field, the record whose value survives in each profile.

Rules turn the candidate records into integer sort keys; this module applies
them to all profiles at once. Instead of a full lexicographic sort, keys are
applied one at a time to the candidates grouped by profile: each pass keeps
the candidates at their profile's minimum and the passes stop as soon as
every profile has one candidate left. The record's rank in
``(source, record_id)`` order ends every tie, so choices never depend on the
input row order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..standardise._text import map_unique
from ._display import clean_texts
from ._rules import Candidates, SurvivorshipRule

__all__ = [
    "Pick",
    "ProfileRecords",
    "object_column",
    "pick_group",
    "pick_seen",
    "pick_single",
    "raw_column",
    "records",
]


@dataclass(frozen=True)
class ProfileRecords:
    """Per-record arrays shared by every field."""

    profile: np.ndarray  # profile code of each record (int64)
    by_profile: np.ndarray  # rows in profile code order (stable)
    profile_ids: np.ndarray  # profile id (str) of each code, sorted
    source: np.ndarray  # source code of each record, codes in name order
    sources: tuple[str, ...]
    record_id: np.ndarray  # str
    rank: np.ndarray  # position of each record in (source, record_id) order
    time: np.ndarray  # rank of the timestamp in time order, -1 when missing
    timestamp: np.ndarray  # standardised timestamp (str or None)

    @property
    def n_profiles(self) -> int:
        return len(self.profile_ids)


@dataclass(frozen=True)
class Pick:
    """The record chosen for one golden column of every profile."""

    column: str
    row: np.ndarray  # row of the chosen record per profile code, -1 when none
    label: str
    n_candidates: np.ndarray


def object_column(frame: pd.DataFrame, column: str) -> np.ndarray:
    """A standardised column as an object array with None for missing."""
    if column not in frame.columns:
        return np.full(len(frame), None, dtype=object)
    # The column's own missing mask (Arrow's validity bits for text) is
    # cheaper than testing every object.
    return frame[column].to_numpy(dtype=object, na_value=None)


def records(frame: pd.DataFrame, profile_id: np.ndarray) -> ProfileRecords:
    """Profile codes (in profile id order), source codes, tie-break and time ranks."""
    ids = pd.Series(profile_id, dtype=object).astype(str)
    codes, uniques = pd.factorize(ids)
    uniques = np.asarray(uniques, dtype=object)
    if len(uniques) and max(map(len, uniques)) <= 64:
        ordered = np.argsort(uniques.astype(str), kind="stable")  # fixed-width: fast sort
    else:
        ordered = np.argsort(uniques, kind="stable")
    position = np.empty(len(ordered), dtype=np.int64)
    position[ordered] = np.arange(len(ordered))
    profile, profile_ids = position[codes], uniques[ordered]
    source_names = frame["source"].astype(str).to_numpy(dtype=object)
    source, sources = pd.factorize(source_names, sort=True)
    record_id = frame["record_id"].astype(str).to_numpy(dtype=object)
    timestamp = object_column(frame, "timestamp")
    try:  # ISO strings parse in C; their time order is their text order
        time, _ = pd.factorize(np.asarray(timestamp, dtype="datetime64[s]"), sort=True)
    except (ValueError, TypeError):
        time, _ = pd.factorize(timestamp, sort=True)
    profile = profile.astype(np.int64)
    return ProfileRecords(
        profile=profile,
        by_profile=np.argsort(profile, kind="stable"),
        profile_ids=np.asarray(profile_ids, dtype=object),
        source=source.astype(np.int64),
        sources=tuple(str(s) for s in sources),
        record_id=record_id,
        rank=_record_rank(source, record_id),
        time=time.astype(np.int64),
        timestamp=timestamp,
    )


def _record_rank(source: np.ndarray, record_id: np.ndarray) -> np.ndarray:
    """Position of every record in ``(source, record_id)`` order (the final tie-break)."""
    n = len(source)
    if n > 1:
        later_source = source[1:] > source[:-1]
        same_source = source[1:] == source[:-1]
        later_id = np.asarray(record_id[1:] >= record_id[:-1], dtype=bool)
        if (later_source | (same_source & later_id)).all():
            return np.arange(n, dtype=np.int64)  # already sorted, as Prepared.frame is
    ids, _ = pd.factorize(record_id, sort=True)
    rank = np.empty(n, dtype=np.int64)
    rank[np.lexsort((ids, source))] = np.arange(n, dtype=np.int64)
    return rank


def _first_per_profile(
    recs: ProfileRecords, rows: np.ndarray, keys: list[np.ndarray]
) -> np.ndarray:
    """Row of the best candidate per profile code (-1 when none).

    ``keys`` are aligned with ``rows``, most significant first, smaller is
    better; the record's ``(source, record_id)`` rank ends every tie. Same
    answer as a lexicographic sort, but key by key: each pass keeps, per
    profile, the candidates at the profile's minimum, and stops as soon as
    every profile has one candidate left (O(candidates) per key).
    """
    winners = np.full(recs.n_profiles, -1, dtype=np.int64)
    if len(rows) == 0:
        return winners
    mask = np.zeros(len(recs.profile), dtype=bool)
    mask[rows] = True
    in_order = recs.by_profile[mask[recs.by_profile]]
    idx = (np.cumsum(mask) - 1)[in_order]  # candidate positions, grouped by profile
    profile = recs.profile[in_order]
    for key in [*keys, recs.rank[rows]]:
        starts = np.flatnonzero(np.r_[True, profile[1:] != profile[:-1]])
        if len(starts) == len(profile):
            break
        values = np.asarray(key)[idx]
        best = np.minimum.reduceat(values, starts)
        keep = values == np.repeat(best, np.diff(np.r_[starts, len(values)]))
        idx, profile = idx[keep], profile[keep]
    winners[profile] = rows[idx]
    return winners


def _candidates(
    recs: ProfileRecords,
    rows: np.ndarray,
    value: np.ndarray | list[np.ndarray],
    length: Callable[[], np.ndarray],
) -> Candidates:
    """Candidates at ``rows``; ``value`` is one standardised column or a group's columns."""

    def codes() -> np.ndarray:
        columns = value if isinstance(value, list) else [value]
        combined = np.zeros(len(rows), dtype=np.int64)
        for column in columns:
            code, uniques = pd.factorize(column[rows])
            combined = combined * (len(uniques) + 1) + (code + 1)
            combined = pd.factorize(combined)[0].astype(np.int64)
        return combined

    return Candidates(
        profile=recs.profile[rows],
        time=recs.time[rows],
        source=recs.source[rows],
        sources=recs.sources,
        value=codes,
        length=length,
    )


def _text_length(raw: np.ndarray | None, std: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Length of each value as written (standardised length where the raw is absent)."""
    length = _lengths(pd.Series(std[rows], dtype=object))
    if raw is not None:
        written = _lengths(pd.Series(clean_texts(raw[rows]), dtype=object))
        length = np.where(written >= 0, written, length)
    return np.maximum(length, 0)


def _lengths(texts: pd.Series) -> np.ndarray:
    """``len`` of each str, -1 where missing."""
    return map_unique(texts, len, missing=-1).to_numpy(dtype=np.int64)


def raw_column(raw: pd.DataFrame, column: str, rows: np.ndarray | None = None) -> np.ndarray | None:
    """Values as written of one semantic type (at ``rows`` if given), or None
    when no source has it.

    The rows are taken before the conversion to Python objects, which then
    covers only them.
    """
    if column not in raw.columns:
        return None
    values = raw[column]
    if rows is not None:
        values = values.take(rows)
    return values.to_numpy(dtype=object)


def pick_single(
    recs: ProfileRecords,
    column: str,
    std: np.ndarray,
    shared: np.ndarray | None,
    written: np.ndarray | Callable[[], np.ndarray | None] | None,
    rule: SurvivorshipRule,
    present: np.ndarray | None = None,
) -> Pick:
    """Choose one column on its own: shared values last, then the rule.

    ``written`` (the values as written) may be given as a function that
    returns them: only rules that rank by length read them. ``present`` is
    ``pd.notna(std)`` if the caller has it.
    """
    rows = np.flatnonzero(pd.notna(std) if present is None else present)
    pre = []
    if shared is not None and shared[rows].any():
        pre.append(shared[rows].astype(np.int8))

    def length() -> np.ndarray:
        return _text_length(written() if callable(written) else written, std, rows)

    cand = _candidates(recs, rows, std, length)
    row = _first_per_profile(recs, rows, [*pre, *rule.sort_keys(cand)])
    n_cand = np.bincount(recs.profile[rows], minlength=recs.n_profiles)
    return Pick(column, row, rule.label, n_cand)


def pick_group(
    recs: ProfileRecords,
    frame: pd.DataFrame,
    raw: pd.DataFrame,
    std: dict[str, np.ndarray],
    rule: SurvivorshipRule,
) -> list[Pick]:
    """Choose a field or field group; a group's columns come from one record if possible."""
    columns = list(std)
    if len(columns) == 1:
        (column,) = columns
        flag = f"{column}__shared"
        shared = (
            frame[flag].astype("boolean").fillna(False).to_numpy(dtype=bool)
            if flag in frame.columns
            else None
        )
        written = lambda: raw_column(raw, column)  # noqa: E731
        return [pick_single(recs, column, std[column], shared, written, rule)]
    present = {c: pd.notna(std[c]) for c in columns}
    rows = np.flatnonzero(np.logical_or.reduce(list(present.values())))
    completeness = np.sum([present[c][rows] for c in columns], axis=0).astype(np.int64)

    def length() -> np.ndarray:
        parts = [_text_length(raw_column(raw, c), std[c], rows) for c in columns]
        return np.sum(parts, axis=0)

    cand = _candidates(recs, rows, [std[c] for c in columns], length)
    anchor = _first_per_profile(recs, rows, [-completeness, *rule.sort_keys(cand)])
    has_anchor = anchor >= 0
    picks = []
    for c in columns:
        offers = has_anchor & present[c][np.maximum(anchor, 0)]
        row = np.where(offers, anchor, -1)
        n_cand = np.bincount(recs.profile[present[c]], minlength=recs.n_profiles)
        if (~offers & (n_cand > 0)).any():
            written = lambda c=c: raw_column(raw, c)  # noqa: E731
            fill = pick_single(recs, c, std[c], None, written, rule, present[c]).row
            row = np.where(offers, row, fill)
        picks.append(Pick(c, row, rule.label, n_cand))
    return picks


def pick_seen(recs: ProfileRecords) -> list[Pick]:
    """``first_seen`` and ``last_seen``: the records with the earliest and latest timestamp."""
    rows = np.flatnonzero(recs.time >= 0)
    time = recs.time[rows]
    n_cand = np.bincount(recs.profile[rows], minlength=recs.n_profiles)
    return [
        Pick("first_seen", _first_per_profile(recs, rows, [time]), "Earliest", n_cand),
        Pick("last_seen", _first_per_profile(recs, rows, [-time]), "Latest", n_cand),
    ]
