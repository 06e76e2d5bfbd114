"""Golden records built in two processes: a forked child builds every other chunk.

Chunks of whole profiles are independent (``unifyid.golden._chunks``), and
building one is Python over numpy arrays that holds the GIL, so a second
core is used by forking a child (``unifyid.compare._fork``) that builds the
odd chunks while this process builds the even ones and hands every chunk
on in order. The tables are those of one process, built by the same code
on the same rows; a child that fails leaves its chunks to this process.

The child sends each chunk's tables back as Arrow IPC files in a private
temporary folder (readable by this user only: they hold customer values).
Arrow writes a column's buffers as they are, with no Python object per
value to pickle (a chunk's lineage holds a few million strings), and reads
them back in one copy; a
file rather than a pipe lets the child finish and free a chunk without
waiting for this process to read it, and holds at most the chunks it is
ahead by. Only columns whose round trip is exact are sent: text (``str``
or ``None``) of object columns and numpy numbers and booleans; a chunk with
anything else is built here. For writing, a lineage part can stay the
Arrow table that ``write_parquet`` would make of it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from .._processes import n_processes
from ..compare._fork import workers
from ._chunks import CHUNK_RECORDS, GoldenChunks
from ._rules import SurvivorshipRule

__all__ = ["golden_parts"]

log = logging.getLogger("unifyid")

Parts = Iterator[tuple[pd.DataFrame, pd.DataFrame | pa.Table]]

#: Schema metadata key holding what rebuilds the pandas table exactly.
_META = b"unifyid.frame"


@contextlib.contextmanager
def golden_parts(
    frame: pd.DataFrame,
    raw: pd.DataFrame,
    extras: pd.DataFrame,
    profile_id: np.ndarray,
    *,
    rules: Mapping[str, SurvivorshipRule] | None = None,
    n_jobs: int | None = None,
    chunk_records: int = CHUNK_RECORDS,
    arrow_lineage: bool = False,
) -> Iterator[Parts]:
    """``golden_chunks``' parts, in order, with the chunks shared between processes.

    With ``arrow_lineage``, the lineage of a chunk built by the child comes
    as the Arrow table that ``write_parquet`` would make of it (for writing
    it without turning its text into Python objects and back).

    The child is forked on entering the block (before the caller starts any
    thread, which would rule forking out) and stopped on leaving it. One
    chunk, ``n_jobs=1``, no idle core or no ``fork`` (see
    ``unifyid._processes``): every chunk is built here, one at a time.

    Raises
    ------
    ConfigError
        As ``build_golden``.
    """
    n = len(frame)
    n_parts = 1
    if n > chunk_records:  # one chunk's worth of records or fewer never forks
        n_parts = min(2, n_processes(n, n_jobs, minimum=chunk_records + 1))
    if n_parts == 2:
        # An even number of chunks of equal size (none larger than asked for),
        # so that both processes have the same work: 300k records are two
        # chunks of 150k, not 250k and 50k. The tables do not depend on it.
        pairs = -(-n // (2 * chunk_records))
        chunk_records = -(-n // (2 * pairs))
    chunks = GoldenChunks(frame, raw, extras, profile_id, rules=rules, chunk_records=chunk_records)
    if n_parts == 1 or chunks.n_chunks == 1:
        yield (chunks.build(k) for k in range(chunks.n_chunks))
        return
    theirs = list(range(1, chunks.n_chunks, 2))  # the child's chunks, step j is theirs[j]
    log.info("building golden records: %d parts in 2 processes", chunks.n_chunks)
    with tempfile.TemporaryDirectory(prefix="unifyid-golden-") as folder:
        files = Path(folder)

        def work(part: int, done: Callable[[int], None]) -> None:
            for step, k in enumerate(theirs):
                golden, lineage = chunks.build(k)
                _send(golden, files / f"golden-{k}.arrow")
                if arrow_lineage:
                    _save(
                        pa.Table.from_pandas(lineage, preserve_index=False),
                        files / f"lineage-{k}.arrow",
                    )
                else:
                    _send(lineage, files / f"lineage-{k}.arrow")
                del golden, lineage
                done(step)

        with workers(2, work) as team:
            yield _in_order(chunks, theirs, team.wait, files, arrow_lineage)


def _in_order(
    chunks: GoldenChunks,
    theirs: list[int],
    wait: Callable[[int], list[bool]],
    files: Path,
    arrow_lineage: bool,
) -> Parts:
    """Every chunk in order: the even ones built here, the child's read back
    (or built here when the child could not)."""
    for k in range(chunks.n_chunks):
        if k in theirs and wait(theirs.index(k))[0]:
            lineage = files / f"lineage-{k}.arrow"
            yield (
                _received(files / f"golden-{k}.arrow"),
                _loaded(lineage) if arrow_lineage else _received(lineage),
            )
        else:
            yield chunks.build(k)


def _send(table: pd.DataFrame, path: Path) -> None:
    """Write ``table`` as an Arrow IPC file that ``_received`` turns back into it.

    Raises ``TypeError`` for a column whose round trip would not be exact
    (in the child: the chunk is then built by the parent).
    """
    arrays = []
    for name in table.columns:
        column = table[name]
        if column.dtype == object:
            # No from_pandas: NaN or any other non-str value is refused, not made null.
            arrays.append(pa.array(column.to_numpy(), type=pa.string()))
        elif isinstance(column.dtype, np.dtype) and column.dtype.kind in "iufb":
            arrays.append(pa.array(column.to_numpy()))
        else:
            raise TypeError(f"column {name!r} of type {column.dtype} is not sent")
    index = table.index
    if not (isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1):
        if not (isinstance(index.dtype, np.dtype) and index.dtype.kind == "i"):
            raise TypeError(f"an index of type {index.dtype} is not sent")
        arrays.append(pa.array(index.to_numpy()))
    meta = {
        "columns": [str(c) for c in table.columns],
        "dtypes": [str(t) for t in table.dtypes],
        "index": len(arrays) > len(table.columns),
    }
    if not all(isinstance(c, str) for c in table.columns):
        raise TypeError("only tables with text column names are sent")
    names = [f"c{i}" for i in range(len(arrays))]
    _save(pa.table(arrays, names=names).replace_schema_metadata({_META: json.dumps(meta)}), path)


def _received(path: Path) -> pd.DataFrame:
    """The table ``_send`` wrote to ``path`` (the file is removed once read)."""
    batch = _loaded(path)
    meta = json.loads(batch.schema.metadata[_META])
    n = len(meta["columns"])
    index = pd.Index(batch.column(n).to_numpy()) if meta["index"] else pd.RangeIndex(batch.num_rows)
    data = {
        name: pd.Series(
            batch.column(i).to_numpy(zero_copy_only=False),  # text: str and None
            index=index,
            dtype=np.dtype(dtype),  # object stays object (pandas 3 would infer str)
            copy=False,
        )
        for i, (name, dtype) in enumerate(zip(meta["columns"], meta["dtypes"]))
    }
    return pd.DataFrame(data, index=index, columns=meta["columns"])


def _save(table: pa.Table, path: Path) -> None:
    """Write ``table`` as an Arrow IPC file, complete once it has its name."""
    tmp = path.with_suffix(".tmp")
    with pa.OSFile(str(tmp), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    tmp.rename(path)


def _loaded(path: Path) -> pa.Table:
    """The Arrow table ``_save`` wrote to ``path``, in memory; the file is removed."""
    with pa.OSFile(str(path), "rb") as source:
        table = pa.ipc.open_file(source).read_all()
    path.unlink()
    return table
