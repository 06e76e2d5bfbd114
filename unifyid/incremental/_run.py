"""Add new or changed records to an earlier run without redoing it.

A nightly run on a table that changed by 1% should cost about 1% of a full
run, so the work is confined to a *working set*:

1. the new records, standardised alone;
2. every earlier record sharing a blocking key (or an identifier value)
   with one of them: the blocks a new record falls in are then complete, so
   its candidate pairs, block-size caps and hub counts are those a full run
   would see;
3. every member of the profiles those records belong to, and of profiles
   that lost a resubmitted or removed record (``unifyid.incremental._removal``) or hold
   a record named in an override, so a touched profile is re-clustered whole.

Only pairs involving a new record, or an earlier record that was linked to
one that left, are compared; the earlier links inside the working set come
back from the state with their comparison levels. Hub flags
are recomputed only for values that new records carry (values the earlier
run found to be hubs stay hubs); term frequencies count every record; new
records take their locality from place tables learned on the earlier
records that share their postcode or phone prefix, plus the new ones.
Profiles outside the working set, their links and ids are carried over
untouched, so ``Result.changes`` lists exactly what this run changed.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from .._errors import ConfigError
from .._result import Result
from .._schema import ENCODED_TYPES
from .._source import Source
from .._types import type_names
from ..block import block_records, default_rules, representatives
from ..compare import Scored, compare_pairs
from ..graph import ClusterSettings, cluster
from ..graph._overrides import override_rows
from ..matchers._levels import shared_column
from ..score import FittedModel
from ..standardise import Prepared, standardise_sources
from ..values import (
    HUB_COLUMNS,
    add_locality,
    distinct_term_frequencies,
    flag_shared_values,
    locality_share,
    phone_prefix,
)
from ._removal import Removed, check_not_resubmitted, empty_batch, removed_keys, removed_rows
from ._state import State

if TYPE_CHECKING:
    from .._resolver import Resolver

__all__ = ["resolve_incremental"]


def resolve_incremental(
    resolver: Resolver,
    sources: Sequence[Source],
    previous: State,
    removed: Removed | None = None,
) -> tuple[Result, FittedModel]:
    """Resolve ``sources`` (new or changed records) on top of ``previous`` (see module docstring).

    The earlier run's fitted model is applied (with the households ``resolver``
    found, if that run recorded none); ``resolver`` supplies its parameters.
    ``previous`` must be a :class:`State` and ``sources`` plain (not encoded).
    ``removed`` names earlier records to drop; ``sources`` may then be empty. Returns the result
    and the model it applied: the earlier one, its prior scaled to the new
    number of record pairs.
    """
    _refuse_encoded(sources)
    state = _check_previous(previous)
    earlier = FittedModel.of(state.resolver)
    if earlier.households is None:
        earlier = replace(earlier, households=getattr(resolver, "households_", None))
    t0 = time.perf_counter()
    matchers = list(earlier.matchers)
    old = state.frame
    gone = np.zeros(len(old), dtype=bool)
    if removed is not None:
        gone = removed_rows(old, removed_keys(removed))
    if removed is None:
        new = standardise_sources(sources, region=resolver.region)
    else:
        # A run that removes records may bring no new ones (empty files): empty
        # sources are left out, which a run without removals refuses.
        if not all(isinstance(s, Source) for s in sources):
            standardise_sources(sources, region=resolver.region)  # raises, naming what is wrong
        read = [(s, s.read()) for s in sources]
        kept = [(s, f) for s, f in read if len(f)]
        if kept:
            new = standardise_sources(
                [s for s, _ in kept], region=resolver.region, frames=[f for _, f in kept]
            )
        else:
            new = empty_batch(old, state.raw, state.extras)
    timings = {"standardise": time.perf_counter() - t0}

    t = time.perf_counter()
    replaced = _resubmitted(old, new.frame)
    check_not_resubmitted(gone, replaced, old)
    # A removed record leaves like a resubmitted one's old version, without a successor.
    replaced |= gone
    rules = list(resolver.blocking) if resolver.blocking else default_rules(new.frame)
    identifiers = type_names(kind="identifier", encoding="plain")
    key_sets = [r.columns for r in rules] + [(c,) for c in identifiers]
    near = _sharing_a_key(old, new.frame, key_sets) & ~replaced
    pcode, pid_names = pd.factorize(state.profiles["profile_id"].to_numpy(dtype=object))
    touched = np.zeros(len(pid_names), dtype=bool)
    touched[pcode[near | replaced]] = True
    touched[pcode[_override_rows(old, resolver)]] = True
    work_old = np.flatnonzero(touched[pcode] & ~replaced)
    timings["select"] = time.perf_counter() - t

    t = time.perf_counter()
    work, is_new, order = _working_frame(old, new.frame, work_old)
    n_work_old = len(work_old)
    hubs = _flag_hubs(resolver, work, is_new, state.hubs)
    _add_new_locality(work, is_new, old, near, replaced)
    rest = np.ones(len(old), dtype=bool)
    rest[work_old] = False
    rest &= ~replaced
    combined = _concat_frames(old, work, np.flatnonzero(rest))
    tf = distinct_term_frequencies(combined, matchers, representatives(combined))
    offset = int(rest.sum())
    timings["hubs"] = time.perf_counter() - t

    t = time.perf_counter()
    row_l, row_r, link_gamma = state.link_rows(matchers)
    position = np.full(len(old), -1, dtype=np.int64)
    where = np.empty(len(order), dtype=np.int64)
    where[order] = np.arange(len(order))
    position[work_old] = where[:n_work_old]
    # Earlier records linked to one that leaves are blocked again, like new ones:
    # copies of a record are linked through their first copy only, so the others
    # must not fall apart when that one is resubmitted or removed.
    again = is_new.copy()
    again[position[row_l[replaced[row_r] & ~replaced[row_l]]]] = True
    again[position[row_r[replaced[row_l] & ~replaced[row_r]]]] = True
    left, right, stats = block_records(
        work,
        rules,
        max_block_size=resolver.max_block_size,
        pinned=override_rows(work, resolver.overrides),
        only=again,
    )
    timings["block"] = time.perf_counter() - t
    t = time.perf_counter()
    gamma = compare_pairs(work, left, right, matchers)
    # Earlier links inside the working set, with the levels stored in the state
    # (those compared again above are taken from this run's comparison).
    inside = (position[row_l] >= 0) & (position[row_r] >= 0)
    kl, kr = position[row_l[inside]], position[row_r[inside]]
    compared = np.isin(
        np.minimum(kl, kr) * len(work) + np.maximum(kl, kr), left * len(work) + right
    )
    inside[np.flatnonzero(inside)[compared]] = False
    kl, kr = kl[~compared], kr[~compared]
    left = np.r_[left, np.minimum(kl, kr)]
    right = np.r_[right, np.maximum(kl, kr)]
    gamma = np.concatenate([gamma, link_gamma[inside]])
    by_pair = np.lexsort((right, left))
    left, right, gamma = left[by_pair], right[by_pair], gamma[by_pair]
    timings["compare"] = time.perf_counter() - t

    n_old, n = len(old), len(combined)
    model = replace(earlier, lambda_=earlier.lambda_ * (n_old * (n_old - 1)) / max(n * (n - 1), 1))
    prepared = Prepared(work, new.raw, new.quality, new.extras, new.columns_present)
    scored = Scored(
        prepared,
        matchers,
        hubs,
        left,
        right,
        gamma,
        stats.per_rule,
        [],
        {c: v[offset:] for c, v in tf.items()},
    )
    # Resubmitted records keep their keys, so their earlier ids count too.
    previous = state.profiles.iloc[np.flatnonzero(touched[pcode])]
    settings = ClusterSettings.of(resolver)
    sub = cluster(
        scored,
        model,
        settings,
        timings,
        previous=previous,
        focus=again,
        taken=pd.Index(pid_names),
        n_records=n,
    )

    # Everything outside the working set is carried over as it was.
    t = time.perf_counter()
    keep = ~inside & rest[row_l] & rest[row_r]
    new_row = np.cumsum(rest) - 1
    left = np.r_[new_row[row_l[keep]], scored.left + offset]
    right = np.r_[new_row[row_r[keep]], scored.right + offset]
    gamma = np.concatenate([link_gamma[keep], scored.gamma])
    contrib = model.contributions(tf, left, right, gamma)
    prior = model.pair_prior(combined["source"], left, right)
    weight = prior + contrib.sum(axis=1, dtype=np.float64)
    n_kept = int(keep.sum())
    work_raw = pd.concat([state.raw.iloc[work_old], new.raw], ignore_index=True).iloc[order]
    raw = pd.concat([state.raw[rest], work_raw], ignore_index=True)
    result = Result(
        frame=combined,
        raw=raw,
        extras=_concat_extras(
            state.extras, new.extras, new.frame, old.loc[gone, ["source", "record_id"]]
        ),
        golden_rules=resolver.golden_rules,
        profile_id=np.r_[state.profiles["profile_id"].to_numpy(dtype=object)[rest], sub.profile_id],
        left=left,
        right=right,
        gamma=gamma,
        contributions=contrib,
        weight=weight,
        probability=1.0 / (1.0 + np.exp2(-np.clip(weight, -60, 60))),
        # Carried-over links stay linked: the profiles they hold did not change.
        linked=np.r_[np.ones(n_kept, dtype=bool), sub.linked],
        reason=np.r_[np.full(n_kept, None, dtype=object), sub.reason],
        matchers=tuple(matchers),
        hubs=hubs,
        quality=new.quality,
        blocking=scored.blocking,
        changes=sub.changes,
        timings={**timings, "combine": time.perf_counter() - t},
    )
    return result, model


def _resubmitted(old: pd.DataFrame, new: pd.DataFrame) -> np.ndarray:
    """Earlier records that arrive again (same source and record id): they are replaced."""
    keys = set(zip(new["source"].astype(str), new["record_id"].astype(str)))
    return _rows_with_keys(old, keys)


def _rows_with_keys(frame: pd.DataFrame, keys: set[tuple[str, str]]) -> np.ndarray:
    """Boolean mask of the rows whose ``(source, record_id)`` is in ``keys``.

    Record ids (text in every prepared frame) are matched first, in one hashed
    pass; the source only on hits.
    """
    out = np.zeros(len(frame), dtype=bool)
    hit = np.flatnonzero(frame["record_id"].isin({r for _, r in keys}).to_numpy())
    if len(hit):
        src = frame["source"].iloc[hit].astype(str).to_numpy()
        rid = frame["record_id"].iloc[hit].astype(str).to_numpy()
        out[hit] = [k in keys for k in zip(src, rid)]
    return out


def _sharing_a_key(
    old: pd.DataFrame, new: pd.DataFrame, key_sets: Sequence[tuple[str, ...]]
) -> np.ndarray:
    """Earlier records whose value combination on some key set a new record also has.

    Each column is first reduced to the earlier rows holding a value some new
    record holds (one hash lookup per row); combinations are then matched on
    those few rows only.
    """
    holds: dict[str, np.ndarray] = {}

    def holds_new_value(col: str) -> np.ndarray:
        if col not in holds:
            values = pd.unique(new[col].dropna().to_numpy(dtype=object))
            holds[col] = (
                old[col].isin(values).to_numpy() if len(values) else np.zeros(len(old), bool)
            )
        return holds[col]

    found = np.zeros(len(old), dtype=bool)
    for cols in dict.fromkeys(key_sets):
        if any(c not in old.columns or c not in new.columns for c in cols):
            continue
        maybe = np.logical_and.reduce([holds_new_value(c) for c in cols])
        if len(cols) == 1:
            found |= maybe
            continue
        rows = np.flatnonzero(maybe & ~found)
        if len(rows) == 0:
            continue
        wanted = pd.MultiIndex.from_frame(new[list(cols)].dropna())
        have = pd.MultiIndex.from_frame(old[list(cols)].iloc[rows])
        found[rows[have.isin(wanted)]] = True
    return found


def _override_rows(old: pd.DataFrame, resolver: Resolver) -> np.ndarray:
    """Earlier records named in an override: their profiles are always re-checked."""
    if resolver.overrides is None:
        return np.zeros(len(old), dtype=bool)
    pairs = (*resolver.overrides.must_link, *resolver.overrides.cannot_link)
    return _rows_with_keys(old, {k for pair in pairs for k in pair})


def _working_frame(
    old: pd.DataFrame, new: pd.DataFrame, rows: np.ndarray
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Earlier records ``rows`` and the new ones in one frame sorted by (source, record_id).

    Returns the frame, which of its rows are new, and the order applied to
    ``[old rows..., new rows...]``.
    """
    part = old.iloc[rows]
    fill = {c: (False if c.endswith("__shared") else None) for c in part.columns}
    new = new.assign(**{c: v for c, v in fill.items() if c not in new.columns})
    both = _concat_frames(part, new[list(part.columns)])
    order = np.lexsort(
        (both["record_id"].to_numpy(dtype=str), both["source"].astype(str).to_numpy())
    )
    is_new = np.r_[np.zeros(len(part), dtype=bool), np.ones(len(new), dtype=bool)][order]
    return both.iloc[order].reset_index(drop=True), is_new, order


def _concat_frames(
    a: pd.DataFrame, b: pd.DataFrame, a_rows: np.ndarray | None = None
) -> pd.DataFrame:
    """Rows ``a_rows`` of ``a`` (default: all) followed by ``b``; ``source`` stays categorical.

    Text columns are copied once into one block: a frame-wide ``pd.concat``
    copies twice and checks every value of a column empty on one side,
    which costs seconds at a million rows.
    """
    rows = np.arange(len(a)) if a_rows is None else a_rows
    n_a = len(rows)
    plain = [c for c in a.columns if a[c].dtype == object and b[c].dtype == object]
    block = np.empty((len(plain), n_a + len(b)), dtype=object)
    for k, col in enumerate(plain):
        block[k, :n_a] = a[col].to_numpy()[rows]
        block[k, n_a:] = b[col].to_numpy()
    out = pd.DataFrame(block.T, columns=plain, dtype=object, copy=False)
    for at, col in enumerate(a.columns):
        if col in plain:
            continue
        if col == "source":
            values = union_categoricals(
                [a[col].iloc[rows].astype("category"), b[col].astype("category")],
                ignore_order=True,
            )
        else:
            values = pd.concat([a[col].iloc[rows], b[col]], ignore_index=True)
        out.insert(at, col, values)
    return out


def _flag_hubs(
    resolver: Resolver, work: pd.DataFrame, is_new: np.ndarray, previous: pd.DataFrame
) -> pd.DataFrame:
    """Hub and shared flags for the values new records carry; others keep their flags."""
    blocklist: dict[str, list[str]] = {
        c: list(v) for c, v in (resolver.hub_blocklist or {}).items()
    }
    earlier_hubs = previous[previous["kind"] == "hub"]
    for col, values in earlier_hubs.groupby("column")["value"]:
        blocklist.setdefault(str(col), []).extend(values)
    identifiers = type_names(kind="identifier", encoding="plain")
    before = {
        c: work[shared_column(c)].to_numpy(dtype=bool).copy()
        for c in identifiers
        if shared_column(c) in work.columns
    }
    new_values = {c: set(work.loc[is_new, c].dropna()) for c in identifiers if c in work.columns}
    report = flag_shared_values(
        work,
        hub_people=resolver.hub_people,
        hub_records=resolver.hub_records,
        blocklist=blocklist,
        allowlist=resolver.hub_allowlist,
    )
    for col, flags in before.items():
        other = ~work[col].isin(new_values.get(col, set())).to_numpy() & ~is_new
        work.loc[other, shared_column(col)] = flags[other]

    # The report: earlier rows, except for values seen again, which are re-counted
    # (an earlier hub's earlier records no longer carry it, so their count is added).
    def seen(table: pd.DataFrame) -> np.ndarray:
        if not len(table):
            return np.zeros(0, dtype=bool)
        return np.array(
            [v in new_values.get(c, ()) for c, v in zip(table["column"], table["value"])],
            dtype=bool,
        )

    again = seen(previous)
    fresh = report[seen(report)].copy()
    if len(fresh) and again.any():
        earlier = previous[again & (previous["kind"] == "hub").to_numpy()]
        earlier = earlier.set_index(["column", "value"])["n_records"]
        add = pd.MultiIndex.from_frame(fresh[["column", "value"]]).map(earlier.get)
        fresh["n_records"] += np.nan_to_num(np.asarray(add, dtype=float)).astype(np.int64)
    out = pd.concat([previous[~again], fresh], ignore_index=True)
    return out[list(HUB_COLUMNS)].sort_values(
        ["column", "n_records", "value"], ascending=[True, False, True], ignore_index=True
    )


def _add_new_locality(
    work: pd.DataFrame,
    is_new: np.ndarray,
    old: pd.DataFrame,
    near: np.ndarray,
    replaced: np.ndarray,
) -> None:
    """Locality for the new records, learned from earlier records that share their place keys."""
    cols = [c for c in ("city", "postcode", "phone") if c in old.columns]
    fresh = work.loc[is_new, cols].copy()
    teach = np.zeros(len(old), dtype=bool)
    if "postcode" in cols:
        teach |= old["postcode"].isin(fresh["postcode"].dropna()).to_numpy()
    if "phone" in cols:
        # Phone prefixes of the earlier records near a new one (computing them for
        # every earlier record would cost as much as the rest of the run).
        rows = np.flatnonzero(near)
        prefixes = set(phone_prefix(fresh["phone"]).dropna())
        teach[rows[phone_prefix(old["phone"].iloc[rows]).isin(prefixes).to_numpy()]] = True
    sample = pd.concat([old.loc[teach & ~replaced, cols], fresh], ignore_index=True)
    add_locality(fresh, learn_from=sample)
    work.loc[is_new, "locality"] = fresh["locality"].to_numpy(dtype=object)
    work.loc[is_new, "locality_from"] = fresh["locality_from"].to_numpy(dtype=object)
    everyone = pd.concat([old.loc[~replaced, "locality"], fresh["locality"]], ignore_index=True)
    work.loc[is_new, "locality_share"] = locality_share(fresh["locality"], counted=everyone)


def _concat_extras(
    old: pd.DataFrame, new: pd.DataFrame, new_frame: pd.DataFrame, removed: pd.DataFrame
) -> pd.DataFrame:
    """Free columns of the earlier records (minus resubmitted and removed ones) and the new ones."""
    if len(old) and (len(new) or len(removed)):
        gone = _resubmitted(old, pd.concat([new_frame[["source", "record_id"]], removed]))
        old = old[~gone]
    if not len(new):
        return old
    if not len(old):
        return new
    return pd.concat([old, new], ignore_index=True)


def _refuse_encoded(sources: Sequence[Source]) -> None:
    """Incremental runs do not support encoded sources (yet): say so instead of
    quietly blocking them with the plain rules."""
    encoded = sorted(
        s.name
        for s in sources
        if isinstance(s, Source) and set(s.columns.values()) & set(ENCODED_TYPES)
    )
    if encoded:
        raise ConfigError(
            f"source(s) {encoded} are encoded; resolving with previous= (--previous) "
            "does not support encoded sources: resolve all encoded records in one run."
        )


def _check_previous(previous: object) -> State:
    if not isinstance(previous, State):
        raise ConfigError(
            "previous must be the State of an earlier run (State.read(folder) or "
            f"State.from_result(result, resolver)), got {type(previous).__name__}."
        )
    return previous
