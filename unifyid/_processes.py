"""How many processes a job may use: one policy for every stage that forks.

The stages' hot loops are Python over numpy arrays and hold the GIL, so a
second core is used by forking a child (``unifyid.compare._fork``, the
standardise stage's workers). A fork pays only for large jobs, only where
forking is safe, and only when a core is free: on a machine whose other work
keeps the cores busy, a second process adds copying and memory and saves no
time. ``Resolver(n_jobs=...)`` sets the policy for its runs (:func:`processes`);
an engine whose workers own the cores runs everything in one process
(:func:`one_process`).
"""

from __future__ import annotations

import contextlib
import heapq
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from contextvars import ContextVar

__all__ = [
    "DEFAULT_MAX_PROCESSES",
    "MIN_FORK_PAIRS",
    "check_n_jobs",
    "current_n_jobs",
    "deal_out",
    "fork_available",
    "n_processes",
    "one_process",
    "processes",
]

#: Fewest pairs for which a second process pays (forking and its page tables
#: cost ~0.1 s at a million records; below this the whole stage takes less).
MIN_FORK_PAIRS = 200_000

#: Most processes used unless asked for more: each adds its working memory.
DEFAULT_MAX_PROCESSES = 2

#: The ``n_jobs`` in force where a call passes ``None`` (set by :func:`processes`).
_N_JOBS: ContextVar[int | None] = ContextVar("unifyid_n_jobs", default=None)


def check_n_jobs(n_jobs: int | None) -> None:
    """Refuse anything but ``None`` or a whole number of processes of at least 1."""
    if n_jobs is not None and (
        isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs < 1
    ):
        raise ValueError(f"n_jobs must be None or a whole number of at least 1, got {n_jobs!r}.")


@contextlib.contextmanager
def processes(n_jobs: int | None) -> Iterator[None]:
    """Inside the block, jobs that leave ``n_jobs`` to the caller use this one:
    ``None`` decides by size and idle cores, ``1`` never forks, ``k`` uses up to ``k``."""
    check_n_jobs(n_jobs)
    token = _N_JOBS.set(n_jobs)
    try:
        yield
    finally:
        _N_JOBS.reset(token)


def current_n_jobs() -> int | None:
    """The ``n_jobs`` set by the innermost :func:`processes` block (``None`` outside one):
    what a result built there keeps for the work it does later, such as writing."""
    return _N_JOBS.get()


def one_process() -> contextlib.AbstractContextManager[None]:
    """Run every job inside the block in this process: for code that runs where a
    fork is unwelcome, such as an engine's own worker processes (Spark's Python
    workers), which already use the machine's cores."""
    return processes(1)


def fork_available() -> bool:
    """Whether a child can be forked safely here (Linux, no other Python thread running)."""
    return (
        sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1
    )


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _idle_cores() -> int:
    """Cores left idle by the load of the last minute, this process's own counted.

    On a machine whose other work keeps the cores busy, a second process
    only adds its copying and memory: measured on a machine shared with
    other work, a run at 300,000 records took 1.4 s more CPU time (of 20 s)
    and no less wall time.
    """
    try:
        load = os.getloadavg()[0]
    except OSError:  # pragma: no cover - no load average
        return 0
    return max(0, int(_cores() - max(load, 1.0) + 0.5))


def n_processes(n_pairs: int, n_jobs: int | None, *, minimum: int = MIN_FORK_PAIRS) -> int:
    """How many processes share a job of ``n_pairs`` pairs.

    ``n_jobs=None`` takes the one set by :func:`processes` (an explicit
    ``n_jobs`` is capped by it when that is 1). Left ``None``, it uses up to
    two processes when the job is large enough to pay for the fork
    (``minimum`` pairs), forking is safe and a core is idle (see
    ``_idle_cores``); ``1`` always runs in this process; ``k > 1`` asks for
    ``k`` processes (still one where forking is unavailable).
    """
    check_n_jobs(n_jobs)
    context = _N_JOBS.get()
    if n_jobs is None or context == 1:
        n_jobs = context
    if n_jobs == 1 or not fork_available():
        return 1
    if n_jobs is None:
        if n_pairs < minimum:
            return 1
        return max(1, min(DEFAULT_MAX_PROCESSES, 1 + _idle_cores()))
    return n_jobs


def deal_out(costs: Sequence[float], n_parts: int) -> list[list[int]]:
    """Items per process, costliest first to the least loaded (ties: lower part),
    each share in item order."""
    load = [(0.0, part) for part in range(n_parts)]
    shares: list[list[int]] = [[] for _ in range(n_parts)]
    for k in sorted(range(len(costs)), key=lambda k: (-costs[k], k)):
        total, part = heapq.heappop(load)
        shares[part].append(k)
        heapq.heappush(load, (total + float(costs[k]), part))
    return [sorted(share) for share in shares]
