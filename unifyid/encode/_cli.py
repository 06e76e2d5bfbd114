"""The ``unifyid encode`` subcommand (the ``cli`` module only wires it in).

``unifyid encode CONFIG --key-file KEY --out DIR`` writes one Parquet file of
encoded records per source of the config and ``DIR/config.toml`` listing them,
so that ``unifyid resolve DIR/config.toml --out RESULTS`` resolves them. The
folder holds no plain customer value and no key material; it may be handed
to whoever runs the resolution.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .._source import Source

__all__ = ["add_encode_command", "run_encode_command", "write_encoded"]

#: ``[resolver]`` settings carried into the encoded config: numbers only. Rules
#: and lists naming plain values (hub lists, overrides, blocking, cannot-link)
#: would leak them or no longer apply.
_CARRIED = (
    "threshold",
    "max_block_size",
    "hub_people",
    "hub_records",
    "n_random_pairs",
    "max_iter",
    "random_state",
)


def add_encode_command(sub: argparse._SubParsersAction) -> None:
    """Add ``encode CONFIG --key-file KEY --out DIR`` to the command's subparsers."""
    p = sub.add_parser(
        "encode",
        help="write keyed, privacy-preserving encodings of a config's sources "
        "and a config to resolve them",
    )
    p.add_argument("config", type=Path, help="TOML file with the plain [[source]] tables")
    p.add_argument(
        "--key-file",
        type=Path,
        required=True,
        help="file holding the shared secret (at least 32 random bytes, e.g. 64 hex digits)",
    )
    p.add_argument("--out", type=Path, required=True, help="output folder (created if needed)")


def run_encode_command(args: argparse.Namespace) -> int:
    """Encode the config's sources into ``args.out``; print what was written."""
    from ..io import read_config
    from ._key import load_key
    from ._sources import encode_sources

    key = load_key(args.key_file)  # first: a bad key fails before any work
    config = read_config(args.config)
    region = config.resolver_params.get("region", "US")
    encoded = encode_sources(config.sources, key, region=region)
    params = {k: v for k, v in config.resolver_params.items() if k in _CARRIED}
    path = write_encoded(encoded, args.out, resolver_params=params)
    n = sum(len(s.read()) for s in encoded)
    print(f"encoded {n} records of {len(encoded)} source(s); config written to {path}")
    return 0


def _file_name(name: str, taken: set[str]) -> str:
    stem = re.sub(r"[^A-Za-z0-9_.-]", "_", name).strip(".") or "source"
    candidate, k = f"{stem}.parquet", 2
    while candidate in taken:
        candidate, k = f"{stem}_{k}.parquet", k + 1
    taken.add(candidate)
    return candidate


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)  # a valid TOML basic string


def write_encoded(
    sources: Sequence[Source],
    out: str | Path,
    *,
    resolver_params: Mapping[str, Any] | None = None,
) -> Path:
    """Write encoded sources as Parquet files and ``config.toml``; return the config's path."""
    from .._atomic import StagedFolder
    from ..io._parquet import write_parquet

    lines = [
        "# Encoded sources written by `unifyid encode`: keyed digests and Bloom-filter",
        "# encodings, no plain values. Resolve with `unifyid resolve config.toml --out DIR`.",
        "",
    ]
    taken: set[str] = set()
    files = [(src, _file_name(src.name, taken)) for src in sources]
    # The folder appears complete or not at all, like every output folder.
    with StagedFolder(out, owned={"config.toml", *taken}) as staged:
        for src, file_name in files:
            write_parquet(src.read(), staged.path / file_name)
            lines += [
                "[[source]]",
                f"name = {_toml_value(src.name)}",
                f"path = {_toml_value(file_name)}",
                f"id = {_toml_value(src.id)}",
                "",
                "[source.columns]",
                *(f"{_toml_value(c)} = {_toml_value(t)}" for c, t in src.columns.items()),
                "",
            ]
        if resolver_params:
            lines += [
                "[resolver]",
                *(f"{k} = {_toml_value(v)}" for k, v in resolver_params.items()),
            ]
            lines.append("")
        (staged.path / "config.toml").write_text("\n".join(lines), encoding="utf-8")
    return staged.target / "config.toml"
