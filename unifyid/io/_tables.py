"""Read one source's records: a DataFrame, Arrow table or polars frame, or a file.

Files are CSV, TSV (either optionally gzip-compressed) or Parquet. CSV is read
by Arrow's parser, every column as text (record keys like ``00123`` and phone
numbers must not become numbers), only an empty field as missing. The reader
is strict where pandas guesses: a row with the wrong number of fields (a
truncated last line, an unterminated quote, a bare carriage return splitting
a row) is an error naming its line, not a row padded with nulls or a phantom
record. Text must be UTF-8 (or carry a UTF-16 byte-order mark); a check before
parsing names the byte offset and line of the first byte that is not. Errors
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

from .._errors import SourceError, SourceNotFoundError

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
        raise SourceNotFoundError(f"Source {source!r}: file not found: {path}")
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


_CHUNK = 1 << 20


def _check_utf8(path: Path, where: str) -> None:
    """Raise naming the byte offset and line of the first byte that is not UTF-8 text.

    A NUL byte counts as not text: it is what UTF-16 without a byte-order mark
    looks like, and it would otherwise pass as valid UTF-8.
    """
    done = 0  # bytes checked before ``pending``
    lines = 1  # line number at ``done``
    pending = b""
    with pa.input_stream(str(path), compression="detect") as stream:
        while True:
            chunk = stream.read(_CHUNK)
            data = pending + chunk
            try:
                data.decode("utf-8")
                good, bad = len(data), None
            except UnicodeDecodeError as exc:
                cut = bool(chunk) and exc.reason == "unexpected end of data"
                good, bad = exc.start, (None if cut else exc.start)
            nul = data.find(b"\0", 0, good)
            if nul >= 0:
                bad = nul
            if bad is not None:
                line = lines + data.count(b"\n", 0, bad)
                hint = (
                    "a NUL byte (UTF-16 without a byte-order mark?)"
                    if data[bad] == 0
                    else "not UTF-8 (latin-1 or Windows-1252?)"
                )
                raise SourceError(
                    f"{where}: the file is not UTF-8 text: byte {done + bad} (line {line}) is "
                    f"{hint}; re-save it as UTF-8."
                )
            if not chunk:
                return
            lines += data.count(b"\n", 0, good)
            done += good
            pending = data[good:]


def _read_text(path: Path, delimiter: str, where: str) -> pd.DataFrame:
    encoding = _encoding(path)
    if encoding != "utf-16":
        _check_utf8(path, where)
    read = pacsv.ReadOptions(encoding=encoding)
    bad_rows: list[tuple[int, int, str]] = []

    def on_bad_row(row: Any) -> str:
        bad_rows.append((row.expected_columns, row.actual_columns, row.text))
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
        expected, got, text = bad_rows[0]
        line, why = _locate(path, encoding, text, got < expected)
        raise SourceError(
            f"{where}: {len(bad_rows)} row(s) have the wrong number of fields (expected "
            f"{expected}; the first, {line}, has {got}): {why}. Fix the file; no row was read."
        )
    return table.to_pandas()


def _locate(path: Path, encoding: str, text: str, short: bool) -> tuple[str, str]:
    """Where a bad row starts (``"line N"``) and its likely cause, found from its text.

    Arrow does not number rows when values may hold line breaks; the row's
    text is looked up at a line start instead. Read only when a file is bad.
    """
    with pa.input_stream(str(path), compression="detect") as stream:
        data = stream.read().decode(encoding, errors="replace").lstrip("\ufeff")
    pos, start = -1, 0
    while text:
        pos = data.find(text, start)
        end = pos + len(text)
        if pos < 0 or (
            (pos == 0 or data[pos - 1] in "\r\n") and (end == len(data) or data[end] in "\r\n")
        ):
            break
        start = pos + 1
    line = f"line {data.count(chr(10), 0, pos) + 1}" if pos >= 0 else "a row"
    if text.count('"') % 2:
        why = "an unterminated quote"
    elif _bare_cr(data, pos - 1) or _bare_cr(data, pos + len(text)):
        why = "a bare carriage return (CR) inside an unquoted field splits a line there"
    elif short and pos >= 0 and not data[pos + len(text) :].strip("\r\n"):
        why = "a truncated last line"
    elif short:
        why = "a short row: a truncated line or a line break inside an unquoted field"
    else:
        why = "a row with extra fields (a delimiter inside an unquoted value?)"
    return line, why


def _bare_cr(data: str, at: int) -> bool:
    """Whether ``data[at]`` is a carriage return that is not part of a CRLF."""
    return 0 <= at < len(data) and data[at] == "\r" and data[at + 1 : at + 2] != "\n"


def _describe(exc: BaseException, ending: str) -> str:
    """What went wrong, in words that quote no data."""
    text = str(exc)
    if "Empty CSV file" in text or "Empty file" in text:
        return "the file is empty (not even a header line)."
    if "UTF8" in text or "UTF-16" in text or isinstance(exc, UnicodeError):
        return "the file is not readable text in its declared encoding; re-save it as UTF-8."
    if ending in (".parquet", ".pq"):
        return "not a readable Parquet file (damaged or not Parquet)."
    if ending.endswith(".gz"):
        return "not a readable gzip file (damaged or not compressed)."
    return f"cannot be read as {ending.lstrip('.').upper()} ({type(exc).__name__})."
