"""One Parquet writer, so every file has the same schema on every pandas version."""

from __future__ import annotations

import os

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

__all__ = ["ParquetParts", "write_parquet"]


def write_parquet(frame: pd.DataFrame | pa.Table, path: str | os.PathLike[str]) -> None:
    """Write ``frame`` without its index; text columns are Arrow ``string``.

    ``frame`` may also be an Arrow table (with its pandas metadata), built
    without a round trip through Python objects.

    pandas 3 stores text as ``large_string`` by default and pandas 2 as
    ``string``; readers of our files (Spark, DuckDB, Arrow-typed schemas)
    should see one type, whatever pandas wrote them.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "t.parquet"
    >>> write_parquet(pd.DataFrame({"a": ["x", None]}), path)
    >>> str(pq.read_schema(path).field("a").type)
    'string'
    """
    pq.write_table(_arrow(frame), path)


class ParquetParts:
    """One Parquet file written from consecutive parts of a table (frames with the
    same columns), each part as it comes, so that no part needs to be kept.

    The file equals ``write_parquet`` of the parts concatenated: its schema and
    pandas metadata are the first part's (later parts are cast to it), with
    one or more row groups per part. Call ``close`` after the last part.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = path
        self._writer: pq.ParquetWriter | None = None

    def write(self, frame: pd.DataFrame | pa.Table) -> None:
        """Append the rows of ``frame``."""
        table = _arrow(frame)
        if self._writer is None:
            self._writer = pq.ParquetWriter(self.path, table.schema)
        elif not table.schema.equals(self._writer.schema, check_metadata=False):
            table = table.cast(self._writer.schema)
        self._writer.write_table(table)

    def close(self) -> None:
        """Finish the file (an error if no part was written)."""
        if self._writer is None:
            raise ValueError(f"no part was written to {self.path}")
        self._writer.close()


def _arrow(frame: pd.DataFrame | pa.Table) -> pa.Table:
    """``frame`` as the Arrow table written: text as ``string``, pandas metadata kept."""
    if isinstance(frame, pa.Table):
        table = frame
    else:
        table = pa.Table.from_pandas(frame, preserve_index=False)
    fields = [
        f.with_type(pa.string()) if pa.types.is_large_string(f.type) else f for f in table.schema
    ]
    return table.cast(pa.schema(fields, metadata=table.schema.metadata))
