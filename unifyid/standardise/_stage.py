"""The standardise stage: validate the sources and bring them into one standardised frame.

Every record of every source becomes exactly one row, sorted by
``(source, record_id)`` so that everything downstream is independent of the
input row order. Values that cannot be parsed or are known placeholders become
missing and are counted per source and column, never dropped with their record.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._errors import ConfigError
from .._schema import PLAIN_TYPES
from .._source import Source
from .._types import type_names
from ._assemble import assemble
from ._email_names import names_from_email
from ._keys import add_blocking_keys
from ._parallel import object_values, standardise_each
from ._per_source import RAW_PREFIX
from ._validate import validate_sources

__all__ = ["STANDARD_COLUMNS", "Prepared", "fill_names_from_email", "standardise_sources"]

log = logging.getLogger("unifyid")

#: Columns of the standardised frame, besides ``source`` and ``record_id``: every
#: plain semantic type but ``full_name`` (split into first and last) and ``extra``.
#: Encoded types (see ``unifyid.encode``) are added only when a source has them.
STANDARD_COLUMNS: tuple[str, ...] = tuple(t for t in PLAIN_TYPES if t not in ("full_name", "extra"))


def standard_columns() -> tuple[str, ...]:
    """``STANDARD_COLUMNS``, then the plain types registered beyond the built-in ones."""
    added = (t for t in type_names(encoding="plain") if t not in PLAIN_TYPES)
    return (*STANDARD_COLUMNS, *added)


@dataclass(frozen=True)
class Prepared:
    """The standardised records and what standardisation observed.

    ``frame`` has one row per input record: ``source``, ``record_id`` and the
    standardised columns, plus the blocking keys derived from them
    (``first_key``, phonetic codes; see ``add_blocking_keys``).
    ``raw`` is row-aligned with ``frame`` and holds, per semantic type, the
    value as the source wrote it (for golden records). ``quality`` counts, per
    source and column, the values present, unparseable and junk. ``extras``
    holds the carried-along columns.
    """

    frame: pd.DataFrame
    raw: pd.DataFrame
    quality: pd.DataFrame
    extras: pd.DataFrame
    columns_present: tuple[str, ...]


def standardise_sources(
    sources: Sequence[Source],
    *,
    region: str = "US",
    frames: Sequence[pd.DataFrame] | None = None,
) -> Prepared:
    """Validate and standardise the sources into one frame: the standardise stage.

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
    validate_sources(sources, frames)
    parts, quality, extras = [], [], []
    standardised = standardise_each(sources, frames, region=region)
    for src, df, (part, q, order) in zip(sources, frames, standardised):
        parts.append(part)
        quality.extend(q)
        extra_cols = [c for c, t in src.columns.items() if t == "extra"]
        if extra_cols:
            ex = df.reset_index(drop=True)[extra_cols].copy()
            ids = np.empty(len(order), dtype=object)
            ids[order] = object_values(part["record_id"])  # back in the source's row order
            ex.insert(0, "record_id", ids)
            ex.insert(0, "source", src.name)
            extras.append(ex)
    columns = standard_columns()
    frame = assemble(parts, columns)
    frame["source"] = frame["source"].astype("category")
    raw_cols = [c for c in frame.columns if c.startswith(RAW_PREFIX)]
    raw = frame[["source", "record_id", *raw_cols]].rename(
        columns=lambda c: c.removeprefix(RAW_PREFIX)
    )
    frame = frame.drop(columns=raw_cols)
    fill_names_from_email(frame, raw)
    add_blocking_keys(frame)
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
    encoded = (*type_names(encoding="digest"), *type_names(encoding="clk"))  # registered too
    present = tuple(c for c in (*columns, *encoded) if c in frame and frame[c].notna().any())
    extras_df = (
        pd.concat(extras, ignore_index=True)
        if extras
        else pd.DataFrame(columns=["source", "record_id"])
    )
    log.info("standardised %d records: %.1fs", len(frame), time.perf_counter() - t1)
    return Prepared(
        frame=frame, raw=raw, quality=quality_df, extras=extras_df, columns_present=present
    )


def fill_names_from_email(frame: pd.DataFrame, raw: pd.DataFrame) -> None:
    """Fill missing name parts from the email where it clearly names its owner.

    ``first_name_from_email`` / ``last_name_from_email`` mark them (golden
    records skip them).
    """
    frame["first_name_from_email"] = np.zeros(len(frame), dtype=bool)
    frame["last_name_from_email"] = np.zeros(len(frame), dtype=bool)
    if "email" in raw.columns:
        usable = raw["email"].where(frame["email"].notna())  # junk addresses name nobody
        first, last, first_read, last_read = names_from_email(
            frame["first_name"], frame["last_name"], usable
        )
        frame["first_name"], frame["last_name"] = first, last
        frame["first_name_from_email"] = first_read
        frame["last_name_from_email"] = last_read
