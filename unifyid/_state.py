"""``State``: what a run leaves behind so that the next one can build on it.

A nightly job resolves the full tables once; afterwards each run passes only
the new or changed records with the previous ``State``. The state holds the
standardised records (with their as-written values and free columns), the
links that held profiles together, the profile ids and the fitted model. The
next run standardises only the new records, compares only pairs that involve
one of them, re-checks only the profiles they touch and keeps every other
profile and id as it was.

On disk it is the ``state/`` folder beside a run's outputs (``unifyid resolve
... --out DIR`` writes it; ``--previous DIR`` reads it).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ._errors import ConfigError

if TYPE_CHECKING:
    from ._resolver import Resolver
    from ._result import Result

__all__ = ["State"]

_FILES = ("records.parquet", "raw.parquet", "extras.parquet", "links.parquet", "model.json")


@dataclass(frozen=True)
class State:
    """The reusable outcome of a run (see the module docstring)."""

    frame: pd.DataFrame
    raw: pd.DataFrame
    extras: pd.DataFrame
    links: pd.DataFrame  # source_l, record_id_l, source_r, record_id_r
    profiles: pd.DataFrame  # source, record_id, profile_id
    resolver: Resolver

    @classmethod
    def from_result(cls, result: Result, resolver: Resolver) -> State:
        """The state of a finished run, in memory."""
        linked = result.linked
        src = result.frame["source"].astype(str).to_numpy()
        rid = result.frame["record_id"].to_numpy(dtype=object)
        links = pd.DataFrame(
            {
                "source_l": src[result.left[linked]],
                "record_id_l": rid[result.left[linked]],
                "source_r": src[result.right[linked]],
                "record_id_r": rid[result.right[linked]],
            }
        )
        helper = [c for c in result.frame.columns if c.endswith("__shared")]
        return cls(
            frame=result.frame.drop(columns=helper),
            raw=result.raw,
            extras=result.extras,
            links=links,
            profiles=result.profiles,
            resolver=resolver,
        )

    def write(self, folder: str | os.PathLike[str]) -> Path:
        """Write the state to ``folder/state/`` (profiles go to ``folder/profiles.parquet``)."""
        out = Path(folder) / "state"
        out.mkdir(parents=True, exist_ok=True)
        self.frame.to_parquet(out / "records.parquet", index=False)
        self.raw.astype(object).to_parquet(out / "raw.parquet", index=False)
        # Free columns arrive in any type; text keeps them all in one Parquet schema.
        self.extras.astype(str).where(self.extras.notna(), None).to_parquet(
            out / "extras.parquet", index=False
        )
        self.links.to_parquet(out / "links.parquet", index=False)
        self.profiles.to_parquet(Path(folder) / "profiles.parquet", index=False)
        self.resolver.save(out / "model.json")
        return out

    @classmethod
    def read(cls, folder: str | os.PathLike[str]) -> State:
        """Read the state a run wrote to ``folder``.

        Raises
        ------
        ConfigError
            The folder is not the output folder of a unifyid run.
        """
        from ._resolver import Resolver

        base = Path(folder)
        missing = [f for f in _FILES if not (base / "state" / f).is_file()]
        if missing or not (base / "profiles.parquet").is_file():
            raise ConfigError(
                f"{base}: not the output folder of a unifyid run "
                f"(missing state/{', state/'.join(missing) or ''} or profiles.parquet)."
            )
        state = base / "state"
        frame = pd.read_parquet(state / "records.parquet")
        frame["source"] = frame["source"].astype("category")
        return cls(
            frame=frame,
            raw=pd.read_parquet(state / "raw.parquet"),
            extras=pd.read_parquet(state / "extras.parquet"),
            links=pd.read_parquet(state / "links.parquet"),
            profiles=pd.read_parquet(base / "profiles.parquet"),
            resolver=Resolver.load(state / "model.json"),
        )
