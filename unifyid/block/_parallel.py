"""Blocking rules shared between forked processes: each rule's pairs in one process.

A rule's pairs depend only on the frame and the key columns' codes, which are
computed before forking, so a child forked afterwards reads them without a
copy (see ``unifyid.compare._fork``) and computes its rules exactly as this
process would. Rules differ a lot in cost (a rule on name variants holds
about seven key rows per record), so the rules are dealt out by their
estimated cost, not their number. Results are the same for any number of
processes: every rule is computed by the same code on the same inputs, and
the caller puts them back in rule order.

A child's result is a variable-length array per rule, known only once the
rule has run. It goes back in a memory file (``os.memfd_create``, made before
the fork, so both processes hold it): the child sizes and fills it, the
parent maps it once the child reports done and reads the arrays where they
lie, with no pickling, no pipe copy and nothing on disk; the memory goes
when the arrays do. A child that fails leaves its rules to this process.
"""

from __future__ import annotations

import mmap
import os
from collections.abc import Callable, Sequence

import numpy as np

from .._processes import deal_out, n_processes
from ..compare._fork import workers

__all__ = ["MIN_FORK_RECORDS", "run_rules"]

#: Fewest records for which the rules are shared between processes: blocking
#: 50,000 records takes ~0.5 s, forking ~0.02 s.
MIN_FORK_RECORDS = 50_000

#: One rule's result: its sorted pair keys and its counts.
RuleResult = tuple[np.ndarray, dict[str, int]]

#: ``run(k, keyed)``: rule ``k``'s result; flags in ``keyed`` the records it keys.
RunRule = Callable[[int, np.ndarray], RuleResult]


def run_rules(
    costs: Sequence[float],
    run: RunRule,
    n_records: int,
    count_names: Sequence[str],
    *,
    n_jobs: int | None = None,
) -> tuple[list[RuleResult], np.ndarray]:
    """Every rule's ``run`` result, in rule order, and the records any rule keys.

    ``costs`` (one per rule) balance the processes' shares; ``count_names``
    are the counts each result holds. The rules run in up to ``n_jobs``
    processes (the policy of ``unifyid._processes``).
    """
    n_parts = n_processes(n_records, n_jobs, minimum=MIN_FORK_RECORDS)
    if n_parts > 1 and not hasattr(os, "memfd_create"):  # pragma: no cover - not Linux
        n_parts = 1
    n_parts = min(n_parts, len(costs))
    keyed = np.zeros(n_records, dtype=bool)
    if n_parts <= 1:
        return [run(k, keyed) for k in range(len(costs))], keyed
    shares = deal_out(costs, n_parts)
    results: list[RuleResult | None] = [None] * len(costs)
    files = [os.memfd_create("unifyid-block-rules") for _ in range(n_parts - 1)]
    try:

        def work(part: int, done: Callable[[int], None]) -> None:
            mine = np.zeros(n_records, dtype=bool)
            found = [run(k, mine) for k in shares[part]]
            _write(files[part - 1], found, mine, count_names)
            done(0)

        with workers(n_parts, work) as team:
            for k in shares[0]:
                results[k] = run(k, keyed)
            for part, ok in enumerate(team.wait(0), start=1):
                file = files[part - 1]
                read = _read(file, len(shares[part]), n_records, count_names) if ok else None
                if read is not None:
                    found, theirs = read
                    keyed |= theirs
                else:
                    found = [run(k, keyed) for k in shares[part]]
                for k, result in zip(shares[part], found):
                    results[k] = result
    finally:
        for fd in files:
            os.close(fd)
    return [r for r in results if r is not None], keyed


def _write(fd: int, found: list[RuleResult], keyed: np.ndarray, count_names: Sequence[str]) -> None:
    """In the child: the results into memory file ``fd``: a header of lengths and
    counts, the keyed flags, then every rule's keys."""
    header = np.array(
        [[len(keys), *(counts[c] for c in count_names)] for keys, counts in found],
        dtype=np.int64,
    ).reshape(len(found), 1 + len(count_names))
    flags = np.zeros(_padded(len(keyed)), dtype=np.uint8)
    flags[: len(keyed)] = keyed
    with open(fd, "wb", closefd=False) as out:
        for array in (header, flags, *(np.ascontiguousarray(keys) for keys, _ in found)):
            out.write(memoryview(array).cast("B"))


def _read(
    fd: int, n_rules: int, n_records: int, count_names: Sequence[str]
) -> tuple[list[RuleResult], np.ndarray] | None:
    """In the parent: a child's results from ``fd`` (``None`` if incomplete), the key
    arrays viewing the file's memory (mapped copy-on-write: writable like any array)."""
    size = os.fstat(fd).st_size
    width = 1 + len(count_names)
    at = n_rules * width * 8 + _padded(n_records)
    if size < at:
        return None
    buffer = mmap.mmap(fd, size, access=mmap.ACCESS_COPY)
    header = np.frombuffer(buffer, dtype=np.int64, count=n_rules * width).reshape(n_rules, width)
    if size != at + int(header[:, 0].sum()) * 8:
        return None
    keyed = np.frombuffer(buffer, dtype=bool, count=n_records, offset=header.nbytes)
    found: list[RuleResult] = []
    for row in header.tolist():
        keys = np.frombuffer(buffer, dtype=np.int64, count=row[0], offset=at)
        at += keys.nbytes
        found.append((keys, dict(zip(count_names, row[1:]))))
    return found, keyed


def _padded(n: int) -> int:
    """``n`` rounded up to whole 8-byte words, so the keys that follow stay aligned."""
    return -(-n // 8) * 8
