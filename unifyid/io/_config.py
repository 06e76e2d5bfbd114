"""Read a TOML run configuration into ``Source`` and ``Resolver`` objects.

The file mirrors the Python API one to one; it is the only place that turns
text into configuration, so the two can never disagree.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._errors import ConfigError
from .._source import Source
from ..block import BlockingRule
from ..golden._config import rules_from_config
from ..graph import CannotLink
from ..graph._overrides import Overrides

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["RunConfig", "read_config"]

_SOURCE_KEYS = {"name", "path", "id", "columns"}
_RESOLVER_KEYS = {
    "threshold",
    "max_block_size",
    "hub_people",
    "hub_records",
    "region",
    "n_random_pairs",
    "max_iter",
    "random_state",
    "blocking",
    "cannot_link",
    "overrides",
    "identifier_limits",
    "hub_blocklist",
    "hub_allowlist",
    "engine",
    "n_jobs",
}


@dataclass(frozen=True)
class RunConfig:
    """Sources and resolver settings read from one TOML file."""

    path: Path
    sources: list[Source]
    resolver_params: dict[str, Any]

    def resolver(self):  # type: ignore[no-untyped-def]
        """A new ``Resolver`` with the file's ``[resolver]`` settings."""
        from .._resolver import Resolver

        return Resolver(**self.resolver_params)


def read_config(path: str | os.PathLike[str]) -> RunConfig:
    """Parse a run configuration; paths of sources are relative to the file.

    Raises
    ------
    ConfigError
        Naming the file, the section and the key at fault.
    """
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"config file not found: {path}")
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text; TOML files must be UTF-8.") from None
    unknown = set(doc) - {"source", "resolver", "golden"}
    if unknown:
        raise ConfigError(
            f"{path}: unknown section(s) {sorted(unknown)}; "
            "expected [[source]], [resolver] and [golden]."
        )
    raw_sources = doc.get("source")
    if not isinstance(raw_sources, list) or not raw_sources:
        raise ConfigError(f"{path}: needs at least one [[source]] table.")
    sources = [_source(path, k, s) for k, s in enumerate(raw_sources, start=1)]
    params = _resolver(path, doc.get("resolver", {}))
    if "golden" in doc:
        extra = sorted({c for s in sources for c, t in s.columns.items() if t == "extra"})
        try:
            params["golden_rules"] = rules_from_config(doc["golden"], extra_columns=extra)
        except ConfigError as exc:
            raise ConfigError(f"{path}: [golden]: {exc}") from None
    return RunConfig(path=path, sources=sources, resolver_params=params)


def _source(path: Path, k: int, table: Any) -> Source:
    where = f"{path}: [[source]] #{k}"
    if not isinstance(table, dict):
        raise ConfigError(f"{where} must be a table.")
    unknown = set(table) - _SOURCE_KEYS
    missing = {"name", "path", "id", "columns"} - set(table)
    if unknown or missing:
        raise ConfigError(
            f"{where}: "
            + "; ".join(
                p
                for p in (
                    f"unknown key(s) {sorted(unknown)}" if unknown else "",
                    f"missing key(s) {sorted(missing)}" if missing else "",
                )
                if p
            )
            + f". Expected keys: {sorted(_SOURCE_KEYS)}."
        )
    for key in ("name", "path", "id"):
        if not isinstance(table[key], str) or not table[key]:
            raise ConfigError(
                f"{where}: {key} must be a non-empty string, got {type(table[key]).__name__}."
            )
    if not isinstance(table["columns"], dict):
        raise ConfigError(
            f"{where} ({table['name']!r}): [source.columns] must map column names to types."
        )
    data_path = Path(table["path"])
    if not data_path.is_absolute():
        data_path = path.parent / data_path
    return Source(table["name"], data_path, id=table["id"], columns=table["columns"])


def _resolver(path: Path, table: Any) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [resolver] must be a table.")
    unknown = set(table) - _RESOLVER_KEYS
    if unknown:
        raise ConfigError(
            f"{path}: [resolver] has unknown key(s) {sorted(unknown)}; "
            f"known keys: {sorted(_RESOLVER_KEYS)}."
        )
    params = dict(table)
    if "blocking" in params:
        rules = params["blocking"]
        if not isinstance(rules, list) or not all(isinstance(r, list) for r in rules):
            raise ConfigError(f"{path}: [resolver] blocking must be a list of column lists.")
        params["blocking"] = [BlockingRule(tuple(r)) for r in rules]
    if "cannot_link" in params:
        rules = params["cannot_link"]
        if not isinstance(rules, list) or not all(isinstance(r, dict) for r in rules):
            raise ConfigError(
                f"{path}: [resolver] cannot_link must be a list of tables "
                'like {{first_name = ["else"], dob = ["else"]}}.'
            )
        params["cannot_link"] = [CannotLink(r) for r in rules]
    if "overrides" in params:
        if not isinstance(params["overrides"], str):
            raise ConfigError(
                f"{path}: [resolver] overrides must be the path of a CSV or Parquet file."
            )
        pins = Path(params["overrides"])
        params["overrides"] = Overrides.read(pins if pins.is_absolute() else path.parent / pins)
    return params
