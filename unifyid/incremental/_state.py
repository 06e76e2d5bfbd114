"""``State``: what a run leaves behind so that the next one can build on it.

A nightly job resolves the full tables once; afterwards each run passes only
the new or changed records with the previous ``State``. The state holds the
standardised records (with their as-written values and free columns), the
links that held profiles together with their comparison levels, the hub
decisions, the profile ids and the fitted model. The next run standardises
only the new records, compares only pairs that involve one of them,
re-checks only the profiles they touch and keeps every other profile, link
and id as it was (see ``unifyid.incremental``).

On disk it is the ``state/`` folder beside a run's outputs (``unifyid resolve
... --out DIR`` writes it; ``--previous DIR`` reads it).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa

from .._errors import ConfigError, RunFolderError
from ..standardise._keys import VARIANT_COLUMNS, add_name_variants

if TYPE_CHECKING:
    from .._resolver import Resolver
    from .._result import Result
    from ..matchers import Matcher

__all__ = ["STATE_FILES", "State"]

#: The files of the ``state/`` folder.
STATE_FILES = (
    "records.parquet",
    "raw.parquet",
    "extras.parquet",
    "links.parquet",
    "hubs.parquet",
    "model.json",
)


@dataclass(frozen=True)
class State:
    """The reusable outcome of a run (see the module docstring).

    ``frame``, ``raw`` and ``profiles`` are row-aligned. ``links`` holds the
    record keys of every link, their row numbers ``row_l``/``row_r`` in
    ``frame`` and, per matcher, the comparison level (``level__<matcher>``),
    so a later run does not compare them again. ``hubs`` is the run's
    ``Result.hubs``.
    """

    frame: pd.DataFrame
    raw: pd.DataFrame
    extras: pd.DataFrame
    links: pd.DataFrame
    profiles: pd.DataFrame  # source, record_id, profile_id
    resolver: Resolver
    hubs: pd.DataFrame

    @classmethod
    def from_result(cls, result: Result, resolver: Resolver) -> State:
        """The state of a finished run, in memory."""
        linked = np.flatnonzero(result.linked)  # the candidate arrays are long: index once
        # Row numbers into records.parquet name both records; the smallest
        # integer type that holds them keeps the largest state table compact.
        rows = np.int32 if len(result.frame) < np.iinfo(np.int32).max else np.int64
        columns = {
            "row_l": result.left[linked].astype(rows),
            "row_r": result.right[linked].astype(rows),
        }
        levels = result.gamma[linked].reshape(len(linked), len(result.matchers))
        for k, m in enumerate(result.matchers):
            columns[_level_column(m.name)] = np.ascontiguousarray(levels[:, k])
        links = pd.DataFrame(columns)
        return cls(
            frame=result.frame,
            raw=result.raw,
            extras=result.extras,
            links=links,
            profiles=result.profiles,
            resolver=resolver,
            hubs=result.hubs,
        )

    def link_rows(self, matchers: Sequence[Matcher]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Row numbers of the linked pairs and their levels, one column per matcher.

        Raises
        ------
        ConfigError
            The state was written with other matchers than ``matchers``.
        """
        missing = [m.name for m in matchers if _level_column(m.name) not in self.links.columns]
        if missing:
            raise ConfigError(
                f"the previous run's state has no comparison levels for matcher(s) {missing}; "
                "resolve with the previous run's model, or run a full resolution."
            )
        gamma = np.stack(
            [self.links[_level_column(m.name)].to_numpy(dtype=np.int8) for m in matchers], axis=1
        ).reshape(len(self.links), len(matchers))
        return (
            self.links["row_l"].to_numpy(dtype=np.int64),
            self.links["row_r"].to_numpy(dtype=np.int64),
            gamma,
        )

    def write(self, folder: str | os.PathLike[str]) -> Path:
        """Write the state to ``folder/state/`` (profiles go to ``folder/profiles.parquet``).

        Like every output folder, ``folder`` is written atomically and completed
        by a ``_SUCCESS.json`` marker (see ``unifyid._atomic``); returns ``folder/state``.
        """
        from .._atomic import StagedFolder

        with StagedFolder(folder, owned=("state", "profiles.parquet")) as staged:
            self.write_files(staged.path)
        return staged.target / "state"

    def write_files(self, folder: Path, *, profiles: bool = True) -> Path:
        """Write the state files into ``folder`` as they are (no staging, no marker);
        ``profiles=False`` leaves out ``profiles.parquet`` (already written there)."""
        from ..io._parquet import write_parquet  # io imports this module

        out = self.write_model(folder)
        for name, table in self.tables().items():
            write_parquet(table(), out / name)
        if profiles:
            write_parquet(self.profiles, Path(folder) / "profiles.parquet")
        return out

    def write_model(self, folder: Path) -> Path:
        """Create ``folder/state/`` and write ``model.json`` there; returns the state folder."""
        out = Path(folder) / "state"
        out.mkdir(parents=True, exist_ok=True)
        self.resolver.save(out / "model.json")
        return out

    def tables(self) -> dict[str, Callable[[], pd.DataFrame | pa.Table]]:
        """The Parquet files of ``state/`` by name, each table built when called
        (so that a writer can build and write them one at a time)."""
        # The name variants are rebuilt on reading (see ``VARIANT_COLUMNS``).
        variants = [c for c in VARIANT_COLUMNS if c in self.frame]
        return {
            "records.parquet": lambda: self.frame.drop(columns=variants),
            "raw.parquet": lambda: _text_table(self.raw),
            # Free columns arrive in any type; text keeps them all in one Parquet schema.
            "extras.parquet": lambda: self.extras.astype(str).where(self.extras.notna(), None),
            "links.parquet": lambda: self.links,
            "hubs.parquet": lambda: self.hubs.astype({"value": str}),
        }

    @classmethod
    def read(cls, folder: str | os.PathLike[str]) -> State:
        """Read the state a run wrote to ``folder``.

        Raises
        ------
        RunFolderError
            The folder is not the output folder of a finished unifyid run: no
            state files, no ``_SUCCESS.json`` marker, or files that no longer
            match it.
        """
        from .._atomic import read_marker
        from .._resolver import Resolver

        base = Path(folder)
        missing = [f for f in STATE_FILES if not (base / "state" / f).is_file()]
        if missing or not (base / "profiles.parquet").is_file():
            raise RunFolderError(
                f"{base}: not the output folder of a unifyid run "
                f"(missing state/{', state/'.join(missing) or ''} or profiles.parquet)."
            )
        read_marker(base, required=["profiles.parquet", *(f"state/{f}" for f in STATE_FILES)])
        state = base / "state"
        frame = pd.read_parquet(state / "records.parquet")
        frame["source"] = frame["source"].astype("category")
        if not set(VARIANT_COLUMNS) & set(frame.columns):
            add_name_variants(frame)
        profiles = pd.read_parquet(base / "profiles.parquet")
        links = pd.read_parquet(state / "links.parquet")
        if len(profiles) != len(frame) or not {"row_l", "row_r"} <= set(links.columns):
            raise RunFolderError(
                f"{base}: profiles.parquet and state/ do not belong to the same run "
                "(or were written by another unifyid version); run a full resolution."
            )
        return cls(
            frame=frame,
            raw=pd.read_parquet(state / "raw.parquet"),
            extras=pd.read_parquet(state / "extras.parquet"),
            links=links,
            profiles=profiles,
            resolver=Resolver.load(state / "model.json"),
            hubs=pd.read_parquet(state / "hubs.parquet"),
        )


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Every column as text or None, so one Parquet schema holds them.

    Sources disagree on types: a phone read as a number from Parquet and as
    text from CSV lands in one raw column.
    """
    out = {}
    for name, column in frame.items():
        kind = pd.api.types.infer_dtype(column, skipna=True)
        if kind in ("string", "empty"):
            out[name] = column.astype(object).where(column.notna(), None)
            continue
        text = column.map(_text, na_action="ignore").astype(object)
        out[name] = text.where(column.notna(), None)
    return pd.DataFrame(out, index=frame.index, dtype=object)


def _text_table(frame: pd.DataFrame) -> pa.Table:
    """``_as_text(frame)`` as the Arrow table that ``write_parquet`` makes of it.

    Arrow-backed text columns are taken over as they are instead of being
    turned into Python strings and back; the pandas metadata is the one the
    object columns of ``_as_text`` give (made from a one-row sample of each
    column's first value), so the file is the same.
    """
    fast = [
        name
        for name, column in frame.items()
        if isinstance(column.dtype, pd.StringDtype)
        and column.dtype.storage == "pyarrow"
        and column.notna().any()
    ]
    if not fast:
        return pa.Table.from_pandas(_as_text(frame), preserve_index=False)
    slow = _as_text(frame[[c for c in frame.columns if c not in fast]])
    taken = pa.Table.from_pandas(frame[fast], preserve_index=False)
    rest = pa.Table.from_pandas(slow, preserve_index=False)
    arrays, sample = {}, {}
    for name in frame.columns:
        if name in fast:
            arrays[name] = taken.column(name).cast(pa.string())
            present = frame[name].notna().to_numpy()
            sample[name] = [frame[name].iloc[int(np.argmax(present))]]
        else:
            arrays[name] = rest.column(name)
            present = slow[name].notna().to_numpy()
            sample[name] = [slow[name].iloc[int(np.argmax(present))] if present.any() else None]
    template = pa.Table.from_pandas(pd.DataFrame(sample, dtype=object), preserve_index=False)
    fields = [template.schema.field(name).with_type(arrays[name].type) for name in arrays]
    return pa.table(list(arrays.values()), schema=pa.schema(fields, template.schema.metadata))


def _text(value: object) -> str:
    """A value as text; an integral float (4146383083.0 from a column with gaps) as an integer."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _level_column(matcher: str) -> str:
    return f"level__{matcher}"
