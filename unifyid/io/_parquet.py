"""One Parquet writer, so every file has the same schema on every pandas version."""

from __future__ import annotations

import os

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

__all__ = ["write_parquet"]


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
    if isinstance(frame, pa.Table):
        table = frame
    else:
        table = pa.Table.from_pandas(frame, preserve_index=False)
    fields = [
        f.with_type(pa.string()) if pa.types.is_large_string(f.type) else f for f in table.schema
    ]
    pq.write_table(table.cast(pa.schema(fields, metadata=table.schema.metadata)), path)
