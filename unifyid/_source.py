"""``Source``: one channel's table and the mapping of its columns to semantic types."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from ._errors import ConfigError, SourceError
from ._types import type_names

__all__ = ["Source"]


class Source:
    """A table of customer records from one channel, with its column mapping.

    Parameters
    ----------
    name : str
        Short name of the channel (``"web"``, ``"store"``); appears in every output.
    data : pandas.DataFrame, pyarrow.Table, polars.DataFrame, pyspark DataFrame or path
        The records, or the path of a ``.csv``, ``.tsv`` (either may end in
        ``.gz``) or ``.parquet`` file read when resolving. Text files are read
        as UTF-8 text, every column as text. A Spark DataFrame is resolved
        with ``Resolver(engine="spark")``, which also reads Parquet paths
        with Spark (so they may be folders or object-store URIs).
    id : str
        Column holding the record key, unique and non-empty within the source.
    columns : mapping of str to str
        Source column name -> semantic type (see ``unifyid.SEMANTIC_TYPES``).
        Several columns may share a type (two phone columns): the first
        non-empty value is compared, all of them are used to find candidates.

    Raises
    ------
    ConfigError
        The name is empty, a semantic type is unknown or the mapping is empty.

    Examples
    --------
    >>> import pandas as pd, unifyid as uid
    >>> df = pd.DataFrame({"cid": ["1", "2"], "mail": ["a@x.com", None]})
    >>> uid.Source("web", df, id="cid", columns={"mail": "email"})
    Source('web', DataFrame[2 rows], id='cid', columns={'mail': 'email'})
    """

    __slots__ = ("_columns", "_data", "_id", "_name")

    def __init__(
        self,
        name: str,
        data: pd.DataFrame | str | os.PathLike[str],
        *,
        id: str,
        columns: Mapping[str, str],
    ) -> None:
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f"Source name must be a non-empty string, got {name!r}.")
        if isinstance(data, (str, os.PathLike)):
            data = Path(data)
        elif _is_spark_frame(data):
            pass  # read by the Spark engine; never brought to this process
        elif not isinstance(data, pd.DataFrame):
            from .io._tables import frame_from  # io imports this module

            try:
                data = frame_from(data, name)
            except SourceError as exc:
                raise ConfigError(str(exc)) from None
        if not isinstance(id, str) or not id:
            raise ConfigError(f"Source {name!r}: id must name the record-key column, got {id!r}.")
        if not isinstance(columns, Mapping) or not columns:
            raise ConfigError(
                f"Source {name!r}: columns must map at least one source column to a semantic type."
            )
        known = type_names()
        unknown = {c: t for c, t in columns.items() if t not in known}
        if unknown:
            listed = ", ".join(f"{c!r} -> {t!r}" for c, t in unknown.items())
            raise ConfigError(
                f"Source {name!r}: unknown semantic type(s) {listed}; "
                f"valid types are {', '.join(known)}."
            )
        self._name = name
        self._data = data
        self._id = id
        self._columns = MappingProxyType(dict(columns))

    @property
    def name(self) -> str:
        """The channel name."""
        return self._name

    @property
    def id(self) -> str:
        """The record-key column."""
        return self._id

    @property
    def columns(self) -> Mapping[str, str]:
        """Source column -> semantic type (read-only)."""
        return self._columns

    @property
    def path(self) -> Path | None:
        """The file this source reads, or ``None`` for an in-memory frame."""
        return self._data if isinstance(self._data, Path) else None

    def read(self) -> pd.DataFrame:
        """Return the records as a DataFrame (reading the file if the source is a path).

        Raises
        ------
        SourceError
            The file is missing, empty, damaged, not UTF-8, has rows with the
            wrong number of fields, or is not CSV, TSV or Parquet.
        """
        if isinstance(self._data, pd.DataFrame):
            return self._data
        if _is_spark_frame(self._data):
            raise ConfigError(
                f"source {self._name!r} is a Spark DataFrame: resolve it with "
                "Resolver(engine='spark') (or unifyid resolve --engine spark)."
            )
        from .io._tables import read_file  # io imports this module

        return read_file(self._data, self._name)

    @property
    def spark_frame(self) -> object | None:
        """The Spark DataFrame this source holds, or ``None``."""
        return self._data if _is_spark_frame(self._data) else None

    def __repr__(self) -> str:
        if isinstance(self._data, pd.DataFrame):
            data = f"DataFrame[{len(self._data)} rows]"
        elif _is_spark_frame(self._data):
            data = "SparkDataFrame"
        else:
            data = repr(str(self._data))
        return f"Source({self._name!r}, {data}, id={self._id!r}, columns={dict(self._columns)!r})"


def _is_spark_frame(data: object) -> bool:
    """A pyspark DataFrame (classic or Spark Connect), recognised without importing pyspark."""
    kind = type(data)
    return kind.__name__ == "DataFrame" and kind.__module__.startswith("pyspark.")
