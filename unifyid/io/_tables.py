"""Read one source's records: a DataFrame, Arrow table or polars frame, or a file.

Files are CSV, TSV (either optionally gzip-compressed) or Parquet. CSV is read
by Arrow's parser, every column as text (record keys like ``00123`` and phone
numbers must not become numbers), only an empty field as missing. The reader
is strict where pandas guesses: a row with the wrong number of fields (a
truncated last line, an unterminated quote, a bare carriage return splitting
a row) is an error, not a row padded with nulls or a phantom record. Errors
name the source and the file and never quote the data.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from .._errors import SourceError

__all__ = ["FILE_FORMATS", "frame_from", "read_file"]

#: File name endings read, and the field delimiter of the text formats.
FILE_FORMATS: dict[str, str | None] = {
    ".csv": ",",
    ".csv.gz": ",",
    ".tsv": "\t",
    ".tsv.gz": "\t",
    ".parquet": None,
    ".pq": None,
}

_BOMS = ((b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"), (b"\xef\xbb\xbf", "utf-8-sig"))


def frame_from(data: Any, source: str) -> pd.DataFrame:
    """The records of an in-memory table as a pandas DataFrame.

    Accepts pandas, a ``pyarrow.Table`` and a polars ``DataFrame`` (detected
    without importing polars: a polars frame means polars is loaded).
    """
    if isinstance(data, pd.DataFrame):
        return data
    if isinstance(data, pa.Table):
        return data.to_pandas()
    polars = sys.modules.get("polars")
    if polars is not None and isinstance(data, polars.DataFrame):
        return data.to_arrow().to_pandas()
    raise SourceError(
        f"Source {source!r}: data must be a pandas DataFrame, a pyarrow Table, "
        f"a polars DataFrame or a file path, got {type(data).__name__}."
    )


def file_format(path: Path) -> str | None:
    """The ``FILE_FORMATS`` key of a file name, or ``None`` if it is not read."""
    name = path.name.lower()
    return next((ending for ending in FILE_FORMATS if name.endswith(ending)), None)


def read_file(path: Path, source: str) -> pd.DataFrame:
    """Read a CSV, TSV or Parquet file; raise :class:`SourceError` naming source and file."""
    ending = file_format(path)
    where = f"Source {source!r}: {path.name}"
    if ending is None:
        raise SourceError(
            f"Source {source!r}: cannot read {path.name!r}; supported formats are "
            f"{', '.join(FILE_FORMATS)}."
        )
    if not path.is_file():
        raise SourceError(f"Source {source!r}: file not found: {path}")
    delimiter = FILE_FORMATS[ending]
    try:
        if delimiter is None:
            return pq.read_table(path).to_pandas()
        return _read_text(path, delimiter, where)
    except SourceError:
        raise
    except (pa.ArrowException, OSError, UnicodeError, ValueError) as exc:
        raise SourceError(f"{where}: {_describe(exc, ending)}") from None


def _encoding(path: Path) -> str:
    with pa.input_stream(str(path), compression="detect") as stream:
        head = stream.read(4)
    return next((enc for bom, enc in _BOMS if head.startswith(bom)), "utf8")


def _read_text(path: Path, delimiter: str, where: str) -> pd.DataFrame:
    encoding = _encoding(path)
    read = pacsv.ReadOptions(encoding=encoding)
    bad_rows: list[tuple[int, int]] = []

    def on_bad_row(row: Any) -> str:
        bad_rows.append((row.expected_columns, row.actual_columns))
        return "skip"

    parse = pacsv.ParseOptions(
        delimiter=delimiter, newlines_in_values=True, invalid_row_handler=on_bad_row
    )
    names = pacsv.open_csv(path, read_options=read, parse_options=parse).schema.names
    bad_rows.clear()  # the header read may have met the first block's bad rows already
    if len(set(names)) < len(names):
        repeated = sorted({n for n in names if names.count(n) > 1})
        raise SourceError(f"{where}: repeated column name(s) {repeated} in the header.")
    convert = pacsv.ConvertOptions(
        column_types=dict.fromkeys(names, pa.string()),
        null_values=[""],
        strings_can_be_null=True,
        quoted_strings_can_be_null=True,
    )
    table = pacsv.read_csv(path, read_options=read, parse_options=parse, convert_options=convert)
    if bad_rows:
        expected, got = bad_rows[0]
        raise SourceError(
            f"{where}: {len(bad_rows)} row(s) have the wrong number of fields (expected "
            f"{expected}, first bad row has {got}): a truncated line, an unterminated quote "
            "or a line break inside an unquoted field. Fix the file; no row was read."
        )
    return table.to_pandas()


def _describe(exc: BaseException, ending: str) -> str:
    """What went wrong, in words that quote no data."""
    text = str(exc)
    if "Empty CSV file" in text or "Empty file" in text:
        return "the file is empty (not even a header line)."
    if "UTF8" in text or isinstance(exc, UnicodeError):
        return "the file is not UTF-8 text (latin-1 or Windows-1252?); re-save it as UTF-8."
    if ending in (".parquet", ".pq"):
        return "not a readable Parquet file (damaged or not Parquet)."
    if ending.endswith(".gz"):
        return "not a readable gzip file (damaged or not compressed)."
    return f"cannot be read as {ending.lstrip('.').upper()} ({type(exc).__name__})."
