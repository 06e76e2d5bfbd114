"""Validate the sources and bring them into one standardised frame.

Every record of every source becomes exactly one row, sorted by
``(source, record_id)`` so that everything downstream is independent of the
input row order. Values that cannot be parsed or are known placeholders become
missing and are counted per source and column, never dropped with their record.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import jellyfish
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import standardise as std
from ._errors import ConfigError, SchemaError
from ._schema import ENCODED_TYPES, PLAIN_TYPES
from ._source import Source
from .standardise._text import arrow_text, codes_and_values, distinct_text

__all__ = ["STANDARD_COLUMNS", "VARIANT_COLUMNS", "Prepared", "add_name_variants", "prepare"]

log = logging.getLogger("unifyid")

_RAW = "raw__"

#: Names longer than this many characters get no one-letter-out blocking keys:
#: a name of n letters has n such spellings of n - 1 letters each, so their
#: memory grows with the square of the length (a 30,000-letter name would need
#: gigabytes). No real name comes near; such values are junk or pasted text,
#: and still block and match on their exact spelling.
MAX_VARIANT_LENGTH = 64

#: Columns of the standardised frame, besides ``source`` and ``record_id``: every
#: plain semantic type but ``full_name`` (split into first and last) and ``extra``.
#: Encoded types (see ``unifyid.encode``) are added only when a source has them.
STANDARD_COLUMNS: tuple[str, ...] = tuple(t for t in PLAIN_TYPES if t not in ("full_name", "extra"))


@dataclass(frozen=True)
class Prepared:
    """The standardised records and what standardisation observed.

    ``frame`` has one row per input record: ``source``, ``record_id`` and the
    standardised columns, plus derived helper columns (``first_key``,
    phonetic codes). ``raw`` is row-aligned with ``frame`` and holds, per
    semantic type, the value as the source wrote it (for golden records).
    ``quality`` counts, per source and column, the values present,
    unparseable and junk. ``extras`` holds the carried-along columns.
    """

    frame: pd.DataFrame
    raw: pd.DataFrame
    quality: pd.DataFrame
    extras: pd.DataFrame
    columns_present: tuple[str, ...]


def _id_strings(values: pd.Series) -> pd.Series:
    """Record keys as strings; integral floats (``12.0`` from a CSV) become ``"12"``."""
    if pd.api.types.is_float_dtype(values):
        as_int = values.dropna()
        if (as_int == np.floor(as_int)).all():
            return values.map(lambda v: None if pd.isna(v) else str(int(v)))
    arrow = arrow_text(values)
    if arrow is not None:
        # Arrow-backed text (pandas 3): strip each distinct value once.
        codes, uniques = distinct_text(arrow)
        table = np.empty(len(uniques) + 1, dtype=object)
        table[: len(uniques)] = [v.strip() for v in uniques.tolist()]
        return pd.Series(table[codes], index=values.index, name=values.name, dtype=object)
    if values.dtype == object and pd.api.types.infer_dtype(values, skipna=True) == "string":
        try:
            text = pa.array(values.to_numpy(), type=pa.string(), from_pandas=True)
        except (pa.ArrowException, UnicodeError):
            pass  # e.g. lone surrogates: the per-value path below
        else:
            stripped = pc.utf8_trim_whitespace(text).to_numpy(zero_copy_only=False)
            return pd.Series(stripped, index=values.index, name=values.name, dtype=object)
    out = values.astype(object).where(values.notna(), None)
    return out.map(lambda v: None if v is None else str(v).strip())


def _validate(sources: Sequence[Source], frames: list[pd.DataFrame]) -> None:
    problems: list[str] = []
    names = [s.name for s in sources]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        problems.append(f"source names must be unique; repeated: {dupes}")
    for src, df in zip(sources, frames):
        where = f"source {src.name!r}" + (f" ({src.path.name})" if src.path is not None else "")
        if len(df) == 0:
            problems.append(f"{where} is empty (0 records)")
            continue
        available = [str(c) for c in df.columns]
        absent = [c for c in (src.id, *src.columns) if c not in df.columns]
        if absent:
            problems.append(
                f"{where}: mapped column(s) {absent} not found; available columns: {available}"
            )
        if src.id in df.columns:
            ids = _id_strings(df[src.id])
            empty = int((ids.isna() | (ids == "")).sum())
            if empty:
                problems.append(f"{where}, id column {src.id!r}: {empty} record(s) have no id")
            n_dup = int(ids[ids.notna() & (ids != "")].duplicated().sum())
            if n_dup:
                problems.append(
                    f"{where}, id column {src.id!r}: {n_dup} duplicate id(s); "
                    "record ids must be unique within a source"
                )
        if src.id in src.columns:
            problems.append(
                f"{where}: the id column {src.id!r} is also mapped to a semantic type; "
                "pass it as id= only (map a copy of it to customer_id to compare it)"
            )
    problems += _mixed_encodings(sources)
    if problems:
        raise SchemaError(problems)


#: Plain types an encoded source may carry beside its encoded columns.
_BESIDE_ENCODED = frozenset({"timestamp", "extra"})


def _mixed_encodings(sources: Sequence[Source]) -> list[str]:
    """Encoded and plain columns are never compared with each other: refuse a mix."""
    encoded, plain = [], []
    for src in sources:
        types = set(src.columns.values())
        if types & set(ENCODED_TYPES):
            encoded.append(src.name)
            mixed = sorted(
                c for c, t in src.columns.items() if t in PLAIN_TYPES and t not in _BESIDE_ENCODED
            )
            if mixed:
                return [
                    f"source {src.name!r} maps encoded and plain columns ({mixed} are plain); "
                    "encode all its columns with unifyid encode"
                ]
        elif types - _BESIDE_ENCODED:
            plain.append(src.name)
    if encoded and plain:
        return [
            f"sources {encoded} are encoded and {plain} are plain; encoded records can only "
            "be resolved with encoded ones (encode every source with the same key)"
        ]
    return []


def _standardise_column(
    semantic: str, raw: pd.Series, *, region: str
) -> tuple[pd.Series, pd.Series]:
    """Standardised values and a junk mask for one source column."""
    no_junk = pd.Series(False, index=raw.index)
    if semantic == "email":
        values = std.email(raw)
        junk = std.is_junk_email(values, standardised=True) & values.notna()
        return values.where(~junk, None), junk
    if semantic == "phone":
        return std.phone_and_junk(raw, region=region)
    if semantic in ("first_name", "last_name"):
        return std.person_name(raw), no_junk
    if semantic == "dob":
        return std.date_of_birth(raw), no_junk
    if semantic == "timestamp":
        return std.timestamp(raw), no_junk
    if semantic == "street":
        return std.street(raw), no_junk
    if semantic == "city":
        return std.city(raw), no_junk
    if semantic == "postcode":
        return std.postcode(raw), no_junk
    if semantic == "country":
        return std.country(raw), no_junk
    if semantic in ENCODED_TYPES:
        from .encode._check import encoded_values  # encode imports this module

        return encoded_values(semantic, raw), no_junk
    if semantic in ("device_id", "loyalty_id", "customer_id"):
        # Placeholders ("0", "null", an all-zero advertising id) are junk, not unparseable.
        values = std.identifier(raw)
        return values, values.isna() & _present(raw)
    raise ConfigError(f"no standardiser for semantic type {semantic!r}")


def _present(raw: pd.Series) -> pd.Series:
    """True where a value is given: not missing and not only whitespace."""
    arrow = arrow_text(raw)
    if arrow is not None:
        # Arrow-backed text (pandas 3): check each distinct value once.
        codes, uniques = distinct_text(arrow)
        table = np.zeros(len(uniques) + 1, dtype=bool)
        table[: len(uniques)] = [v.strip() != "" for v in uniques.tolist()]
        return pd.Series(table[codes], index=raw.index, name=raw.name)
    if raw.dtype == object and pd.api.types.infer_dtype(raw, skipna=True) == "string":
        try:
            text = pa.array(raw.to_numpy(), type=pa.string(), from_pandas=True)
        except (pa.ArrowException, UnicodeError):
            pass  # e.g. lone surrogates: the per-value check below
        else:
            given = pc.greater(pc.utf8_length(pc.utf8_trim_whitespace(text)), 0)
            flags = given.fill_null(False).to_numpy(zero_copy_only=False)
            return pd.Series(flags, index=raw.index)
    text = raw.astype(object).where(raw.notna(), None)
    return text.map(lambda v: v is not None and str(v).strip() != "")


def _one_source(
    src: Source, df: pd.DataFrame, *, region: str
) -> tuple[dict[str, pd.Series], list[dict]]:
    """The standardised columns of one source (only those it has) and its quality rows."""
    n = len(df)
    index = pd.RangeIndex(n)
    df = df.reset_index(drop=True)
    out: dict[str, pd.Series] = {
        "source": pd.Series(np.full(n, src.name, dtype=object), index=index),
        "record_id": _id_strings(df[src.id]),
    }
    quality: list[dict] = []
    full_names: list[pd.DataFrame] = []
    for column, semantic in src.columns.items():
        if semantic == "extra":
            continue
        raw = df[column]
        present = _present(raw)
        raw_col = _RAW + semantic
        raw_text = raw.astype(object).where(present, None)
        out[raw_col] = (
            raw_text if raw_col not in out else out[raw_col].where(out[raw_col].notna(), raw_text)
        )
        if semantic == "full_name":
            parts = std.split_full_name(raw)
            values = parts["first_name"].where(parts["first_name"].notna(), parts["last_name"])
            full_names.append(parts)
            junk = pd.Series(False, index=index)
        else:
            values, junk = _standardise_column(semantic, raw, region=region)
            # Several columns of one type: the first non-empty value wins.
            out[semantic] = (
                values
                if semantic not in out
                else out[semantic].where(out[semantic].notna(), values)
            )
        unparseable = present & values.isna() & ~junk
        quality.append(
            {
                "source": src.name,
                "column": str(column),
                "semantic_type": semantic,
                "n_present": int(present.sum()),
                "n_unparseable": int(unparseable.sum()),
                "n_junk": int(junk.sum()),
            }
        )
    for parts in full_names:
        for part in ("first_name", "last_name"):
            out[part] = (
                parts[part] if part not in out else out[part].where(out[part].notna(), parts[part])
            )
    return out, quality


def _assemble(parts: list[dict[str, pd.Series]]) -> pd.DataFrame:
    """One frame of all sources, sorted by ``(source, record_id)``.

    Built column by column from object arrays: a column a source lacks is
    all None there (``pandas.concat`` of frames with all-None columns checks
    every cell and cost seconds at a million rows).
    """
    names = ["source", "record_id", *STANDARD_COLUMNS]
    names += [t for t in ENCODED_TYPES if any(t in part for part in parts)]
    for part in parts:
        names += [c for c in part if c.startswith(_RAW) and c not in names]
    lengths = [len(part["source"]) for part in parts]
    columns = {
        name: np.concatenate(
            [
                part[name].to_numpy(dtype=object)
                if name in part
                else np.full(n, None, dtype=object)
                for part, n in zip(parts, lengths)
            ]
        )
        for name in names
    }
    keys = pd.DataFrame({"source": columns["source"], "record_id": columns["record_id"]})
    order = keys.sort_values(["source", "record_id"], kind="stable").index.to_numpy()
    text_dtype = pd.Series(["text"]).dtype  # what pandas makes of a column of str
    return pd.DataFrame(
        {name: _text_column(values[order], text_dtype) for name, values in columns.items()}
    )


def _text_column(
    values: np.ndarray, text_dtype: object
) -> np.ndarray | pd.api.extensions.ExtensionArray:
    """The column pandas would build from an object array, built in Arrow where it is text.

    With pandas' Arrow-backed string dtype (pandas 3), a column of str and
    None becomes that dtype; converting it straight from Arrow skips pandas'
    per-value check. Anything else (all missing, other objects, pandas 2's
    object strings) is left to the DataFrame constructor as before.
    """
    if isinstance(text_dtype, np.dtype):  # object strings (pandas 2)
        return values
    try:
        text = pa.array(values, from_pandas=True)
    except (pa.ArrowException, UnicodeError, TypeError, ValueError):
        return values
    if not pa.types.is_string(text.type) or text.null_count == len(text):
        return values
    return pd.array(text, dtype=text_dtype)


def prepare(
    sources: Sequence[Source],
    *,
    region: str = "US",
    frames: Sequence[pd.DataFrame] | None = None,
) -> Prepared:
    """Validate and standardise the sources into one frame.

    ``frames`` are the sources' records when the caller has read them already.

    Raises
    ------
    SchemaError
        Listing every schema problem of every source at once.
    SourceError
        A source file is missing or unreadable.
    """
    if not sources:
        raise ConfigError("resolve() needs at least one Source.")
    bad = [type(s).__name__ for s in sources if not isinstance(s, Source)]
    if bad:
        raise ConfigError(f"expected unifyid.Source objects, got {bad}.")
    t0 = time.perf_counter()
    frames = [s.read() for s in sources] if frames is None else list(frames)
    log.info(
        "read %d source(s): %d records, %.1fs",
        len(frames),
        sum(len(f) for f in frames),
        time.perf_counter() - t0,
    )
    t1 = time.perf_counter()
    _validate(sources, frames)
    parts, quality, extras = [], [], []
    for src, df in zip(sources, frames):
        part, q = _one_source(src, df, region=region)
        parts.append(part)
        quality.extend(q)
        extra_cols = [c for c, t in src.columns.items() if t == "extra"]
        if extra_cols:
            ex = df.reset_index(drop=True)[extra_cols].copy()
            ex.insert(0, "record_id", part["record_id"].to_numpy())
            ex.insert(0, "source", src.name)
            extras.append(ex)
    frame = _assemble(parts)
    frame["source"] = frame["source"].astype("category")
    raw_cols = [c for c in frame.columns if c.startswith(_RAW)]
    raw = frame[["source", "record_id", *raw_cols]].rename(columns=lambda c: c.removeprefix(_RAW))
    frame = frame.drop(columns=raw_cols)
    _add_derived(frame, raw)
    quality_df = pd.DataFrame(
        quality,
        columns=["source", "column", "semantic_type", "n_present", "n_unparseable", "n_junk"],
    )
    for row in quality_df.itertuples():
        if row.n_unparseable:
            log.warning(
                "source %r, column %r (%s): %d of %d values could not be parsed; "
                "treated as missing",
                row.source,
                row.column,
                row.semantic_type,
                row.n_unparseable,
                row.n_present,
            )
    present = tuple(
        c for c in (*STANDARD_COLUMNS, *ENCODED_TYPES) if c in frame and frame[c].notna().any()
    )
    extras_df = (
        pd.concat(extras, ignore_index=True)
        if extras
        else pd.DataFrame(columns=["source", "record_id"])
    )
    log.info("standardised %d records: %.1fs", len(frame), time.perf_counter() - t1)
    return Prepared(
        frame=frame, raw=raw, quality=quality_df, extras=extras_df, columns_present=present
    )


def _add_derived(frame: pd.DataFrame, raw: pd.DataFrame) -> None:
    """Helper columns for matchers and blocking: nickname keys and phonetic codes.

    Missing name parts are first read from the email where it clearly names its
    owner; ``first_name_from_email`` / ``last_name_from_email`` mark them
    (golden records skip them).
    """
    frame["first_name_from_email"] = np.zeros(len(frame), dtype=bool)
    frame["last_name_from_email"] = np.zeros(len(frame), dtype=bool)
    if "email" in raw.columns:
        usable = raw["email"].where(frame["email"].notna())  # junk addresses name nobody
        first, last, first_read, last_read = std.names_from_email(
            frame["first_name"], frame["last_name"], usable
        )
        frame["first_name"], frame["last_name"] = first, last
        frame["first_name_from_email"] = first_read
        frame["last_name_from_email"] = last_read
    # Each name column is factorized once; every helper maps its distinct values.
    first_names, first_take = _distinct_names(frame["first_name"])
    last_names, last_take = _distinct_names(frame["last_name"])
    frame["first_key"] = first_take(std.nickname_key(first_names))
    frame["first_phonetic"] = std.map_unique(frame["first_key"], _phonetic)
    frame["last_phonetic"] = last_take(std.map_unique(last_names, _phonetic))
    frame["first_initial"] = first_take(std.map_unique(first_names, lambda v: v[:1]))
    frame["email_local"] = std.map_unique(frame["email"], _email_local)
    too_long = lambda v: len(v) > MAX_VARIANT_LENGTH  # noqa: E731
    _warn_long_names(
        frame,
        {
            "first_name": first_take(std.map_unique(first_names, too_long, missing=False), False),
            "last_name": last_take(std.map_unique(last_names, too_long, missing=False), False),
        },
    )
    frame["first_variants"] = first_take(std.map_unique(first_names, _one_letter_out))
    frame["last_variants"] = last_take(std.map_unique(last_names, _one_letter_out))
    # Order-free name key, so "Lee Ann" / "Ann Lee" (swapped fields) share a block.
    both = (frame["first_name"].notna() & frame["last_name"].notna()).to_numpy()
    first = frame["first_name"].to_numpy(dtype=object)[both]
    last = frame["last_name"].to_numpy(dtype=object)[both]
    swap = first > last
    lo, hi = np.where(swap, last, first), np.where(swap, first, last)
    pair = np.full(len(frame), None, dtype=object)
    if len(lo):
        pair[both] = _joined(lo, hi)
    frame["name_pair"] = pair
    if any(t in frame.columns for t in ENCODED_TYPES):
        from .encode._lsh import add_band_keys  # encode imports this module

        add_band_keys(frame)


def _distinct_names(
    column: pd.Series,
) -> tuple[pd.Series, Callable[..., pd.Series]]:
    """The distinct non-missing values of a column, and a function taking the
    results mapped from them (a Series in the same order) back to the rows."""
    codes, values = codes_and_values(column)
    distinct = pd.Series(values, dtype=object)

    def take(mapped: pd.Series, missing: object = None) -> pd.Series:
        table = np.empty(len(values) + 1, dtype=object)
        table[: len(values)] = mapped.to_numpy(dtype=object)
        table[len(values)] = missing
        rows = table[codes] if len(codes) else np.empty(0, dtype=object)
        return pd.Series(rows, index=column.index, name=column.name, dtype=object)

    return distinct, take


def _joined(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """``"lo|hi"`` per row, joined in Arrow."""
    try:
        joined = pc.binary_join_element_wise(
            pa.array(lo, type=pa.string()), pa.array(hi, type=pa.string()), "|"
        )
    except (pa.ArrowException, UnicodeError):
        return np.array([f"{a}|{b}" for a, b in zip(lo, hi)], dtype=object)
    return joined.to_numpy(zero_copy_only=False)


def _phonetic(value: str) -> str | None:
    code = jellyfish.metaphone(value.replace(" ", "").replace("-", ""))
    return code or None


#: Blocking keys derived from the names alone: the state does not store them
#: (they are a third of its records table) but rebuilds them on reading.
VARIANT_COLUMNS = ("first_variants", "last_variants")


def add_name_variants(frame: pd.DataFrame) -> None:
    """Add the one-letter-out spellings of the first and last names (blocking keys)."""
    frame["first_variants"] = std.map_unique(frame["first_name"], _one_letter_out)
    frame["last_variants"] = std.map_unique(frame["last_name"], _one_letter_out)


def _warn_long_names(frame: pd.DataFrame, flags: dict[str, pd.Series]) -> None:
    """Log how many names are too long for one-letter-out keys (counts only, no values).

    ``flags`` marks, per name column, the values longer than ``MAX_VARIANT_LENGTH``.
    """
    for col in ("first_name", "last_name"):
        too_long = flags[col].astype(bool)
        if too_long.any():
            sources = sorted(frame.loc[too_long.to_numpy(), "source"].astype(str).unique())
            log.warning(
                "%d %s value(s) longer than %d characters (source(s): %s) get no "
                "one-letter-out blocking keys; they block on their exact spelling only",
                int(too_long.sum()),
                col,
                MAX_VARIANT_LENGTH,
                ", ".join(sources),
            )


def _one_letter_out(name: str) -> tuple[str, ...]:
    """The name and, from four letters up, every spelling with one letter left out.

    Two spellings one typo apart (a dropped, added, changed or swapped letter)
    share one of these keys, so blocking on them finds typos in either name.
    Names longer than ``MAX_VARIANT_LENGTH`` keep only their own spelling.
    """
    if len(name) < 4 or len(name) > MAX_VARIANT_LENGTH:
        return (name,)
    return tuple(sorted({name} | {name[:i] + name[i + 1 :] for i in range(len(name))}))


def _email_local(email: str) -> str | None:
    local = email.split("@", 1)[0]
    return local if len(local) >= 5 else None
