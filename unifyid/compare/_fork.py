"""Forked worker processes for stages whose parts are independent (compare, the fit's sums).

The matchers and the weights are Python code over numpy arrays: they hold the
GIL, so threads do not run them side by side. A forked child shares the
parent's memory (copy on write): it reads the records, codes and pairs
already built, computes its part and writes the result into an anonymous
shared buffer; nothing is pickled either way. Results are the same as in one
process, because every part is computed by the same code on the same inputs.

Forking is used on Linux only, and only while the process runs no other
Python thread (a lock held by another thread would stay held in the child).
Elsewhere (macOS and Windows start processes by spawning, which would copy
everything) the work runs in one process.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import mmap
import os
import signal
from collections.abc import Callable, Iterator, Sequence

import numpy as np

from .._processes import n_processes

__all__ = [
    "Workers",
    "parts",
    "shared_array",
    "split_range",
    "workers",
]


def shared_array(shape: int | tuple[int, ...], dtype: type | np.dtype) -> np.ndarray:
    """A zeroed array in anonymous shared memory: a forked child's writes are seen here.

    Only the pages written take memory; the mapping is released with the array.
    """
    dtype = np.dtype(dtype)
    count = int(np.prod(shape))
    buffer = mmap.mmap(-1, max(count * dtype.itemsize, 1))
    return np.frombuffer(buffer, dtype=dtype, count=count).reshape(shape)


def parts(n: int, n_parts: int) -> list[tuple[int, int]]:
    """``n_parts`` contiguous ``(start, stop)`` ranges covering ``0 .. n``, sizes within one."""
    bounds = np.linspace(0, n, n_parts + 1).astype(np.int64)
    return [(int(a), int(b)) for a, b in itertools.pairwise(bounds)]


class Workers:
    """The forked children of a job; part ``0`` is this process's own."""

    def __init__(self, pids: Sequence[int], pipes: Sequence[int]) -> None:
        self._pids = list(pids)
        self._pipes = list(pipes)
        self._done = [-1] * len(pids)
        self._failed = [False] * len(pids)

    @property
    def n_parts(self) -> int:
        """Parts of the job: the children and this process."""
        return len(self._pids) + 1

    def wait(self, step: int) -> list[bool]:
        """Block until every child has finished ``step`` (or stopped); whether each did."""
        for c, fd in enumerate(self._pipes):
            while not self._failed[c] and self._done[c] < step:
                data = _read_exactly(fd, 4)
                if data is None:
                    self._failed[c] = True
                else:
                    self._done[c] = int.from_bytes(data, "little")
        return [self._done[c] >= step for c in range(len(self._pids))]

    def close(self) -> None:
        """Stop children still running and reap them."""
        for c, pid in enumerate(self._pids):
            with contextlib.suppress(ProcessLookupError):  # done or not, it is not needed
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
            os.close(self._pipes[c])
        self._pids, self._pipes = [], []


def _read_exactly(fd: int, n: int) -> bytes | None:
    data = b""
    while len(data) < n:
        chunk = os.read(fd, n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


@contextlib.contextmanager
def workers(n_parts: int, work: Callable[[int, Callable[[int], None]], None]) -> Iterator[Workers]:
    """Fork ``n_parts - 1`` children, child ``c`` running ``work(c + 1, done)``.

    ``done(step)`` tells the parent that the child finished step ``step``
    (steps count up from 0); the parent waits for a step with
    ``Workers.wait``. A child never returns into the caller: it exits when
    ``work`` returns or raises, and one that fails is seen as not having
    done its remaining steps (the parent then does them itself).
    """
    pids: list[int] = []
    pipes: list[int] = []
    try:
        for part in range(1, n_parts):
            read_fd, write_fd = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child
                _run_child(part, work, read_fd, write_fd)
            os.close(write_fd)
            pids.append(pid)
            pipes.append(read_fd)
        team = Workers(pids, pipes)
    except BaseException:
        Workers(pids, pipes).close()
        raise
    try:
        yield team
    finally:
        team.close()


def _run_child(
    part: int, work: Callable[[int, Callable[[int], None]], None], read_fd: int, write_fd: int
) -> None:
    status = 1
    try:
        os.close(read_fd)
        # Objects made before the fork are not collected here: the collector
        # would touch (and so copy) every page holding one.
        gc.freeze()

        def done(step: int) -> None:
            os.write(write_fd, int(step).to_bytes(4, "little"))

        work(part, done)
        status = 0
    except BaseException:  # the parent does what the child could not
        status = 1
    finally:
        os._exit(status)


def split_range(n: int, n_jobs: int | None, run: Callable[[int, int], None]) -> None:
    """Call ``run(start, stop)`` over parts of ``0 .. n``, in up to ``n_jobs`` processes.

    ``run`` must write its results where every process sees them (a
    ``shared_array`` when more than one process runs). A part whose child
    failed is run again here.
    """
    n_parts = n_processes(n, n_jobs)
    bounds = parts(n, n_parts)
    if n_parts == 1:
        run(*bounds[0])
        return

    def work(part: int, done: Callable[[int], None]) -> None:
        run(*bounds[part])
        done(0)

    with workers(n_parts, work) as team:
        run(*bounds[0])
        for part, ok in enumerate(team.wait(0), start=1):
            if not ok:
                run(*bounds[part])
