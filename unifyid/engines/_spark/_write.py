"""Write a Spark DataFrame as (partitioned) Parquet, atomically where the filesystem allows.

On a local or mounted filesystem the dataset is written the way every unifyid
output folder is (see ``unifyid._atomic``): into a hidden staging folder beside
the target, then a ``_SUCCESS.json`` marker listing each file's checksum is
written last and the folder is swapped in whole. A failed write leaves the
previous folder as it was.

Object stores (``s3://``, ``gs://``, ``abfss://``, ...) have no atomic rename,
so a folder cannot be swapped in. There each write goes to its own run folder,
``<target>/<run id>/``, and its ``_SUCCESS.json`` marker is written last:
a reader takes the newest run folder that has a marker and never sees a half
written one. Earlier run folders are left for the store's retention rules.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..._atomic import MARKER, StagedFolder, new_run_id
from ..._errors import ConfigError

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, DataFrameWriter

__all__ = ["is_local_path", "write_partitioned"]

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


def is_local_path(target: str | os.PathLike[str]) -> bool:
    """Whether ``target`` names a local (or mounted) folder rather than an object-store URI.

    >>> is_local_path("out/profiles"), is_local_path("file:///tmp/x"), is_local_path("s3://b/x")
    (True, True, False)
    """
    match = _SCHEME.match(os.fspath(target))
    return match is None or match.group(1).lower() == "file" or len(match.group(1)) == 1


def write_partitioned(
    df: DataFrame,
    target: str | os.PathLike[str],
    *,
    partition_by: Sequence[str] = (),
    run_id: str | None = None,
) -> str:
    """Write ``df`` as a Parquet dataset at ``target``, complete or not at all.

    Parameters
    ----------
    df
        The table to write; it is computed once, by the write.
    target
        A local folder, replaced whole (it must be new, empty or an earlier
        unifyid output: other folders are refused, never deleted), or an
        object-store URI, under which a new run folder is written.
    partition_by
        Columns to partition the dataset by (``col=value`` sub-folders).
    run_id
        The run id recorded in the marker (and naming the run folder on an
        object store); a new one by default.

    Returns
    -------
    str
        The folder that holds the finished dataset and its ``_SUCCESS.json``.

    Raises
    ------
    ConfigError
        A partition column is not a column of ``df``.
    OutputError
        The local target cannot be written or is a folder unifyid did not write.
    """
    missing = [c for c in partition_by if c not in df.columns]
    if missing:
        raise ConfigError(
            f"cannot partition the Parquet output by {missing}: not among its columns "
            f"{list(df.columns)}."
        )
    run_id = run_id or new_run_id()
    extra = {"format": "parquet", "partition_by": list(partition_by)}
    if is_local_path(target):
        return str(_write_local(df, target, partition_by, run_id, extra))
    return _write_run_folder(df, os.fspath(target), partition_by, run_id, extra)


def _writer(df: DataFrame, partition_by: Sequence[str]) -> DataFrameWriter:
    writer = df.write.mode("overwrite")
    return writer.partitionBy(*partition_by) if partition_by else writer


def _write_local(
    df: DataFrame,
    target: str | os.PathLike[str],
    partition_by: Sequence[str],
    run_id: str,
    extra: dict[str, Any],
) -> Path:
    path = os.fspath(target)
    if path.lower().startswith("file:"):
        path = re.sub(r"^file:(//)?", "", path, flags=re.IGNORECASE)
    folder = Path(path)
    # Everything in an earlier output belongs to that output and is replaced whole
    # (a partition that no longer exists must not survive); an existing folder
    # without a marker must be empty.
    previous = {p.name for p in folder.iterdir()} if (folder / MARKER).is_file() else set()
    with StagedFolder(folder, owned=previous, run_id=run_id) as stage:
        _writer(df, partition_by).parquet(stage.path.as_uri())
        _drop_checksums(stage.path)
        stage.commit(extra)
    return stage.target


def _drop_checksums(folder: Path) -> None:
    """Remove the ``.crc`` side files Hadoop's local filesystem writes beside each file."""
    for crc in folder.rglob(".*.crc"):
        crc.unlink()


def _write_run_folder(
    df: DataFrame, target: str, partition_by: Sequence[str], run_id: str, extra: dict[str, Any]
) -> str:
    run = f"{target.rstrip('/')}/{run_id}"
    _writer(df, partition_by).parquet(run)
    from ... import __version__

    marker = {
        "run_id": run_id,
        "unifyid_version": __version__,
        "finished_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        **extra,
    }
    _put_text(df, f"{run}/{MARKER}", json.dumps(marker, indent=2))
    return run


def _put_text(df: DataFrame, uri: str, text: str) -> None:
    """Write one small file through Spark's Hadoop filesystem (the store's own client)."""
    session = df.sparkSession
    jvm = getattr(getattr(session, "_sc", None), "_jvm", None)
    if jvm is None:
        raise ConfigError(
            "writing unifyid outputs to an object store needs a classic Spark session "
            "(not Spark Connect); write to a mounted folder instead."
        )
    path = jvm.org.apache.hadoop.fs.Path(uri)
    fs = path.getFileSystem(session._jsc.hadoopConfiguration())
    stream = fs.create(path, True)
    try:
        stream.write(bytearray(text.encode("utf-8")))
    finally:
        stream.close()
