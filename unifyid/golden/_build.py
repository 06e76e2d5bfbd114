"""Build golden records and their lineage from resolved, standardised records.

For every field, the records of a profile that offer a value are ranked by
the field's survivorship rule and the best one's value survives; lineage
keeps which record and rule produced it. The work is vectorised over all
profiles: per field, one sort of the candidate records by
``(profile, shared, completeness, *rule keys, source, record_id)`` and the
first record of each profile wins. Nothing depends on the input row order.

Candidates are the records whose **standardised** value is present, so junk
and unparseable values (None after standardisation) never survive, and hub
values (blanked by hub detection) neither. Values flagged as shared
(``<field>__shared``) rank after every personal value of the profile, so a
family email survives only when the profile has no email of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._errors import ConfigError
from ..standardise._text import map_unique
from ._display import clean_text, extra_text, name_display, raw_display
from ._fields import DISPLAY, FIELDS, GOLDEN_COLUMNS, extra_golden_names, resolve_rules
from ._rules import Candidates, Rule

__all__ = ["LINEAGE_COLUMNS", "build_golden"]

#: Columns of the lineage table, in order.
LINEAGE_COLUMNS = ("profile_id", "field", "value", "source", "record_id", "rule", "n_candidates")


@dataclass(frozen=True)
class _Records:
    """Per-record arrays shared by every field."""

    profile: np.ndarray  # profile code of each record (int64)
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
class _Pick:
    """The record chosen for one golden column of every profile."""

    column: str
    row: np.ndarray  # row of the chosen record per profile code, -1 when none
    label: str
    n_candidates: np.ndarray


def build_golden(
    frame: pd.DataFrame,
    raw: pd.DataFrame,
    extras: pd.DataFrame,
    profile_id: np.ndarray,
    rules: Mapping[str, Rule] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One golden record per profile, and where each of its values came from.

    Parameters
    ----------
    frame : pandas.DataFrame
        Standardised records (``Prepared.frame``): ``source``, ``record_id``,
        the standardised semantic columns and optional ``<field>__shared``
        flags. Missing semantic columns count as all missing.
    raw : pandas.DataFrame
        Row-aligned with ``frame`` (``Prepared.raw``): values as written, per
        semantic type.
    extras : pandas.DataFrame
        ``source``, ``record_id`` and the free columns (``Prepared.extras``);
        may have no rows or no free columns.
    profile_id : numpy.ndarray
        Profile id of every record, aligned with ``frame``.
    rules : mapping of str to Rule, optional
        Overrides of ``DEFAULT_RULES`` per field: ``name``, ``email``,
        ``phone``, ``dob``, ``address``, ``country``, ``device_id``,
        ``loyalty_id``, ``customer_id``, ``extra`` (all free columns) or a
        free column's golden name.

    Returns
    -------
    golden : pandas.DataFrame
        One row per profile, sorted by ``profile_id``: ``profile_id``,
        ``n_records``, ``sources`` (comma-joined, sorted), ``first_name``,
        ``last_name``, ``email``, ``phone``, ``dob``, ``street``, ``city``,
        ``postcode``, ``country``, ``device_id``, ``loyalty_id``,
        ``customer_id``, ``first_seen``, ``last_seen``, then the free columns
        (named ``extra_<name>`` when the name is taken). All str or None
        except ``n_records`` (int64); every column is present even when no
        record has a value.
    lineage : pandas.DataFrame
        One row per golden value that is not None, sorted by profile then
        golden column order: ``profile_id``, ``field`` (golden column),
        ``value`` (as in golden), ``source`` and ``record_id`` of the record
        it came from, ``rule`` (e.g. ``"MostRecent"``,
        ``"SourcePriority(store>app)"``, ``"Earliest"``/``"Latest"`` for
        ``first_seen``/``last_seen``) and ``n_candidates``, the number of
        records of the profile that offered a value for the field.

    Raises
    ------
    ConfigError
        Misaligned inputs, missing profile ids, unknown fields in ``rules``
        or values that are not rules.

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "source": ["store", "web"], "record_id": ["s1", "w1"],
    ...     "email": ["ann@x.com", "ann.lee@y.com"],
    ...     "first_name": ["ann", "ann"], "last_name": ["lee", "lee"],
    ...     "timestamp": ["2021-01-01T00:00:00", "2024-05-01T09:30:00"]})
    >>> raw = pd.DataFrame({"source": ["store", "web"], "record_id": ["s1", "w1"],
    ...                     "first_name": ["ANN", "Ann"], "last_name": ["LEE", "Lee"]})
    >>> extras = pd.DataFrame(columns=["source", "record_id"])
    >>> golden, lineage = build_golden(frame, raw, extras, np.array(["p1", "p1"], dtype=object))
    >>> golden[["profile_id", "n_records", "first_name", "last_name", "email"]]
      profile_id  n_records first_name last_name          email
    0         p1          2        Ann       Lee  ann.lee@y.com
    >>> lineage.loc[lineage.field == "email", ["source", "record_id", "rule", "n_candidates"]]
      source record_id        rule  n_candidates
    2    web        w1  MostRecent             2

    Notes
    -----
    Cost per field is one sort of the records offering a value, O(n log n);
    display values are computed for the chosen records only. 1M records in
    500k profiles take a few seconds for all fields; memory is a few
    arrays of n integers per field plus the outputs.
    """
    frame, raw, extras, profile_id = _check_inputs(frame, raw, extras, profile_id)
    recs = _records(frame, profile_id)
    extra_cols = [c for c in extras.columns if c not in ("source", "record_id")]
    extra_names = extra_golden_names(extra_cols)
    rules_by_key = resolve_rules(rules, list(extra_names.values()))

    picks: list[_Pick] = []
    values: dict[str, np.ndarray] = {}
    for spec in FIELDS:
        rule = rules_by_key[spec.key]
        std = {c: _object_column(frame, c) for c in spec.columns}
        for pick in _pick_group(recs, frame, raw, std, rule):
            picks.append(pick)
            values[pick.column] = _display(pick, std[pick.column], raw)
    for pick in _pick_seen(recs):
        picks.append(pick)
        values[pick.column] = recs.timestamp[pick.row[pick.row >= 0]]
    for column, text in _align_extras(recs, frame, extras, extra_cols).items():
        name = extra_names[column]
        pick = _pick_single(recs, name, text, None, text, rules_by_key[name])
        picks.append(pick)
        values[name] = text[pick.row[pick.row >= 0]]

    golden = _golden_table(recs, picks, values)
    lineage = _lineage_table(recs, picks, values)
    return golden, lineage


def _check_inputs(
    frame: object, raw: object, extras: object, profile_id: object
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, np.ndarray]:
    problems = []
    for name, value in (("frame", frame), ("raw", raw), ("extras", extras)):
        if not isinstance(value, pd.DataFrame):
            problems.append(f"{name} must be a pandas DataFrame, got {type(value).__name__}")
    if problems:
        raise ConfigError("build_golden: " + "; ".join(problems))
    assert isinstance(frame, pd.DataFrame) and isinstance(raw, pd.DataFrame)
    assert isinstance(extras, pd.DataFrame)
    for name, table in (("frame", frame), ("extras", extras)):
        missing = [c for c in ("source", "record_id") if c not in table.columns]
        if missing and not (name == "extras" and len(table.columns) == 0):
            problems.append(
                f"{name} lacks column(s) {missing}; available: {[str(c) for c in table.columns]}"
            )
    ids = np.asarray(profile_id, dtype=object).ravel()
    if len(raw) != len(frame) or len(ids) != len(frame):
        problems.append(
            f"raw ({len(raw)} rows) and profile_id ({len(ids)}) must be row-aligned "
            f"with frame ({len(frame)} rows)"
        )
    elif "record_id" in raw.columns and "record_id" in frame.columns:
        same = np.asarray(raw["record_id"], dtype=object) == np.asarray(
            frame["record_id"], dtype=object
        )
        if not np.asarray(same, dtype=bool).all():
            problems.append("raw is not row-aligned with frame (record_id differs)")
    n_missing = int(pd.isna(ids).sum()) if len(ids) else 0
    if n_missing:
        problems.append(f"profile_id is missing for {n_missing} record(s)")
    if problems:
        raise ConfigError("build_golden: " + "; ".join(problems))
    if len(extras.columns) == 0:
        extras = pd.DataFrame(columns=["source", "record_id"])
    return frame.reset_index(drop=True), raw.reset_index(drop=True), extras, ids


def _object_column(frame: pd.DataFrame, column: str) -> np.ndarray:
    """A standardised column as an object array with None for missing."""
    if column not in frame.columns:
        return np.full(len(frame), None, dtype=object)
    values = frame[column].to_numpy(dtype=object)
    missing = pd.isna(values)
    if missing.any():
        values = values.copy()
        values[missing] = None
    return values


def _records(frame: pd.DataFrame, profile_id: np.ndarray) -> _Records:
    ids = pd.Series(profile_id, dtype=object).astype(str)
    profile, profile_ids = pd.factorize(ids, sort=True)
    source_names = frame["source"].astype(str).to_numpy(dtype=object)
    source, sources = pd.factorize(source_names, sort=True)
    record_id = frame["record_id"].astype(str).to_numpy(dtype=object)
    timestamp = _object_column(frame, "timestamp")
    time, _ = pd.factorize(timestamp, sort=True)
    return _Records(
        profile=profile.astype(np.int64),
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


def _first_per_profile(recs: _Records, rows: np.ndarray, keys: list[np.ndarray]) -> np.ndarray:
    """Row of the best candidate per profile code (-1 when none) after sorting by keys."""
    winners = np.full(recs.n_profiles, -1, dtype=np.int64)
    if len(rows) == 0:
        return winners
    profile = recs.profile[rows]
    order = np.lexsort([recs.rank[rows], *reversed(keys), profile])
    ordered = profile[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    winners[ordered[first]] = rows[order[first]]
    return winners


def _candidates(
    recs: _Records, rows: np.ndarray, value: np.ndarray | list[np.ndarray], length
) -> Candidates:  # type: ignore[no-untyped-def]
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
    standard = pd.Series(std[rows], dtype=object).str.len()
    if raw is None:
        return standard.fillna(0).to_numpy(dtype=np.int64)
    written = map_unique(pd.Series(raw[rows], dtype=object), clean_text).str.len()
    return written.fillna(standard).fillna(0).to_numpy(dtype=np.int64)


def _raw_column(raw: pd.DataFrame, column: str) -> np.ndarray | None:
    return raw[column].to_numpy(dtype=object) if column in raw.columns else None


def _pick_single(
    recs: _Records,
    column: str,
    std: np.ndarray,
    shared: np.ndarray | None,
    written: np.ndarray | None,
    rule: Rule,
) -> _Pick:
    """Choose one column on its own: shared values last, then the rule."""
    rows = np.flatnonzero(pd.notna(std))
    pre = []
    if shared is not None and shared[rows].any():
        pre.append(shared[rows].astype(np.int8))
    cand = _candidates(recs, rows, std, lambda: _text_length(written, std, rows))
    row = _first_per_profile(recs, rows, [*pre, *rule.sort_keys(cand)])
    n_cand = np.bincount(recs.profile[rows], minlength=recs.n_profiles)
    return _Pick(column, row, rule.label, n_cand)


def _pick_group(
    recs: _Records,
    frame: pd.DataFrame,
    raw: pd.DataFrame,
    std: dict[str, np.ndarray],
    rule: Rule,
) -> list[_Pick]:
    """Choose a field or field group; a group's columns come from one record if possible."""
    columns = list(std)
    if len(columns) == 1:
        (column,) = columns
        flag = f"{column}__shared"
        shared = frame[flag].fillna(False).to_numpy(dtype=bool) if flag in frame else None
        return [_pick_single(recs, column, std[column], shared, _raw_column(raw, column), rule)]
    present = {c: pd.notna(std[c]) for c in columns}
    rows = np.flatnonzero(np.logical_or.reduce(list(present.values())))
    completeness = np.sum([present[c][rows] for c in columns], axis=0).astype(np.int64)

    def length() -> np.ndarray:
        parts = [_text_length(_raw_column(raw, c), std[c], rows) for c in columns]
        return np.sum(parts, axis=0)

    cand = _candidates(recs, rows, [std[c] for c in columns], length)
    anchor = _first_per_profile(recs, rows, [-completeness, *rule.sort_keys(cand)])
    has_anchor = anchor >= 0
    picks = []
    for c in columns:
        row = np.where(has_anchor, anchor, -1)
        lacking = has_anchor & ~present[c][np.maximum(anchor, 0)]
        n_cand = np.bincount(recs.profile[present[c]], minlength=recs.n_profiles)
        if (lacking & (n_cand > 0)).any():
            fill = _pick_single(recs, c, std[c], None, _raw_column(raw, c), rule).row
            row = np.where(lacking, fill, row)
        picks.append(_Pick(c, row, rule.label, n_cand))
    return picks


def _pick_seen(recs: _Records) -> list[_Pick]:
    rows = np.flatnonzero(recs.time >= 0)
    time = recs.time[rows]
    n_cand = np.bincount(recs.profile[rows], minlength=recs.n_profiles)
    return [
        _Pick("first_seen", _first_per_profile(recs, rows, [time]), "Earliest", n_cand),
        _Pick("last_seen", _first_per_profile(recs, rows, [-time]), "Latest", n_cand),
    ]


def _display(pick: _Pick, std: np.ndarray, raw: pd.DataFrame) -> np.ndarray:
    """Golden values of the chosen records (see ``_display`` for the forms)."""
    rows = pick.row[pick.row >= 0]
    kind = DISPLAY.get(pick.column, "standard")
    written = _raw_column(raw, pick.column)
    written = None if written is None else written[rows]
    if kind == "name":
        full = _raw_column(raw, "full_name")
        return name_display(std[rows], written, None if full is None else full[rows])
    if kind == "raw":
        return raw_display(std[rows], written)
    return std[rows]


def _align_extras(
    recs: _Records, frame: pd.DataFrame, extras: pd.DataFrame, columns: list[str]
) -> dict[str, np.ndarray]:
    """Each free column as text aligned with the frame rows (None where absent)."""
    if not columns:
        return {}
    keys = pd.MultiIndex.from_arrays([frame["source"].astype(str).to_numpy(), recs.record_id])
    wanted = pd.MultiIndex.from_arrays(
        [extras["source"].astype(str).to_numpy(), extras["record_id"].astype(str).to_numpy()]
    )
    if wanted.has_duplicates:
        raise ConfigError("build_golden: extras repeat a (source, record_id)")
    position = keys.get_indexer(wanted)
    unknown = int((position < 0).sum())
    if unknown:
        raise ConfigError(f"build_golden: extras hold {unknown} record(s) that are not in frame")
    out = {}
    for column in columns:
        text = np.full(len(frame), None, dtype=object)
        text[position] = map_unique(extras[column], extra_text).to_numpy(dtype=object)
        out[column] = text
    return out


def _sources_text(recs: _Records) -> np.ndarray:
    """Comma-joined sorted source names of every profile."""
    n_src = max(len(recs.sources), 1)
    pairs = np.unique(recs.profile * n_src + recs.source)
    profile, source = pairs // n_src, pairs % n_src
    names = np.asarray(recs.sources, dtype=object)
    if n_src <= 52:  # bit sets are exact in float64 up to 2**53
        mask = np.bincount(profile, weights=2.0 ** source, minlength=recs.n_profiles)
        codes, uniques = pd.factorize(mask.astype(np.int64))
        joined = [",".join(names[[(int(m) >> k) & 1 == 1 for k in range(n_src)]]) for m in uniques]
        return np.asarray(joined, dtype=object)[codes] if len(codes) else np.empty(0, object)
    text = pd.Series(names[source]).groupby(profile).agg(",".join)
    return text.reindex(range(recs.n_profiles)).to_numpy(dtype=object)


def _golden_table(recs: _Records, picks: list[_Pick], values: dict[str, np.ndarray]) -> pd.DataFrame:
    n = recs.n_profiles
    table: dict[str, np.ndarray] = {
        "profile_id": recs.profile_ids,
        "n_records": np.bincount(recs.profile, minlength=n).astype(np.int64),
        "sources": _sources_text(recs),
    }
    for pick in picks:
        column = np.full(n, None, dtype=object)
        column[pick.row >= 0] = values[pick.column]
        table[pick.column] = column
    fixed = [c for c in GOLDEN_COLUMNS if c in table]
    extra = [c for c in table if c not in GOLDEN_COLUMNS]
    return pd.DataFrame({c: table[c] for c in [*fixed, *extra]})


def _lineage_table(
    recs: _Records, picks: list[_Pick], values: dict[str, np.ndarray]
) -> pd.DataFrame:
    order_of = {c: k for k, c in enumerate([*GOLDEN_COLUMNS, *(p.column for p in picks)])}
    picks = sorted(picks, key=lambda p: order_of[p.column])
    profile, field, rows, value, rule, n_cand = [], [], [], [], [], []
    for pick in picks:
        chosen = np.flatnonzero(pick.row >= 0)
        profile.append(chosen)
        field.append(np.full(len(chosen), pick.column, dtype=object))
        rows.append(pick.row[chosen])
        value.append(values[pick.column])
        rule.append(np.full(len(chosen), pick.label, dtype=object))
        n_cand.append(pick.n_candidates[chosen])
    if not picks:
        return pd.DataFrame({c: [] for c in LINEAGE_COLUMNS})
    profile_all = np.concatenate(profile)
    order = np.argsort(profile_all, kind="stable")
    row = np.concatenate(rows)[order]
    names = np.asarray(recs.sources, dtype=object)
    return pd.DataFrame(
        {
            "profile_id": recs.profile_ids[profile_all[order]],
            "field": np.concatenate(field)[order],
            "value": np.concatenate(value)[order],
            "source": names[recs.source[row]] if len(row) else np.empty(0, dtype=object),
            "record_id": recs.record_id[row],
            "rule": np.concatenate(rule)[order],
            "n_candidates": np.concatenate(n_cand)[order].astype(np.int64),
        }
    )
