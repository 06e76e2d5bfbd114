"""Comparison vectors: run every matcher over aligned record pairs, once per distinct pair.

Records repeat their values (a customer's duplicate accounts, common names, a
shared postcode), so the candidate pairs hold far fewer distinct pairs of the
values a matcher reads than pairs of records. Each column is coded to integers
once per record, each matcher's pairs are reduced to their distinct pairs of
codes, the matcher compares one representative record pair per distinct pair,
and the levels are scattered back. Pairs missing a value the matcher needs get
the null level without being compared (the contract of ``Matcher``). Levels are
identical to comparing every pair: a matcher sees only the values it reads.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from .._processes import n_processes
from ..matchers import Matcher
from ..matchers._base import KnownMissing, known_missing, split_at_else
from ..matchers._levels import shared_column
from ._fork import parts, shared_array, workers

__all__ = ["RecordCodes", "compare_pairs", "random_pairs"]

_CHUNK = 1_000_000

#: Fewest distinct pairs of one matcher compared in several processes: a
#: fork costs ~0.05 s at a million records, comparing 50,000 pairs ~0.1 s.
MIN_FORK_DISTINCT = 50_000


def _needed_columns(m: Matcher, frame: pd.DataFrame) -> list[str]:
    cols = [*m.columns, *getattr(m, "optional_columns", ())]
    cols += [shared_column(c) for c in m.columns]
    return [c for c in dict.fromkeys(cols) if c in frame.columns]


class RecordCodes:
    """Integer codes of record values (``-1`` missing), per column and per column set.

    Coded on first use and kept: one object serves every comparison of a batch
    of records (candidates, random pairs, pairs inside profiles) as long as
    the frame's columns are not changed.
    """

    def __init__(self, frame: pd.DataFrame) -> None:
        self._frame = frame
        self._single: dict[str, tuple[np.ndarray, int]] = {}
        self._plain: dict[str, pd.Series] = {}
        self._missing: dict[str, tuple[np.ndarray, bool]] = {}
        self._uniques: dict[str, np.ndarray] = {}
        self._text: set[str] = set()
        self._combined: dict[tuple[tuple[str, ...], tuple[str, ...]], np.ndarray] = {}

    def plain(self, cols: Sequence[str]) -> pd.DataFrame:
        """The columns with text held as Python objects (None where missing).

        Matchers read values as object arrays; converting each text column
        once here, not once per matcher and chunk, saves a pass over every
        pair. Each distinct text is one Python object shared by all records
        holding it (built from the column's codes): far less memory than one
        object per record, and hashing it in the matchers' factorisations is
        done once per value. Columns of other dtypes are returned as they are.
        """
        for col in cols:
            if col not in self._plain:
                s = self._frame[col]
                if pd.api.types.is_string_dtype(s.dtype) and s.dtype != object:
                    codes, _ = self.column(col)
                    values = np.append(self._uniques[col], None)  # code -1: None
                    s = pd.Series(values[codes], index=s.index, dtype=object)
                    self._text.add(col)
                self._plain[col] = s
        return pd.DataFrame({col: self._plain[col] for col in cols}, copy=False)

    def missing(self, col: str) -> tuple[np.ndarray, bool]:
        """Per record, whether its plain value is missing (``pd.isna``); whether all are None."""
        if col not in self._missing:
            values = self.plain([col])[col]
            if col in self._text:  # built from the codes, None at code -1
                self._missing[col] = (self.column(col)[0] < 0, True)
                return self._missing[col]
            values = values.to_numpy(dtype=object)
            missing = pd.isna(values)
            clean = not missing.any() or all(v is None for v in values[missing])
            self._missing[col] = (missing, clean)
        return self._missing[col]

    def column(self, col: str) -> tuple[np.ndarray, int]:
        """Codes of one column and their number of distinct values."""
        if col not in self._single:
            codes, uniques = pd.factorize(self._frame[col], use_na_sentinel=True)
            self._single[col] = (codes.astype(np.int32, copy=False), len(uniques))
            self._uniques[col] = np.asarray(uniques, dtype=object)
        return self._single[col]

    def combined(self, required: Sequence[str], optional: Sequence[str]) -> np.ndarray:
        """Dense codes ``0 ..`` of the combinations of the columns' values per record.

        ``-1`` where a ``required`` column is missing. Kept per column set, as
        every comparison of the batch asks again (read only: do not modify).
        """
        key = (tuple(required), tuple(optional))
        if key not in self._combined:
            self._combined[key] = self._combine(required, optional)
        return self._combined[key]

    def _combine(self, required: Sequence[str], optional: Sequence[str]) -> np.ndarray:
        code = np.zeros(len(self._frame), dtype=np.int64)
        n_codes = 1
        for col in [*required, *optional]:
            c, k = self.column(col)
            if n_codes * (k + 1) >= 2**62:
                code, n_codes = _dense(code)
            code = code * (k + 1) + (c.astype(np.int64) + 1)
            n_codes *= k + 1
        code, _ = _dense(code)
        for col in required:
            code[self.column(col)[0] < 0] = -1
        return code


def _dense(code: np.ndarray) -> tuple[np.ndarray, int]:
    """Renumber codes to ``0 .. n_distinct - 1``."""
    dense, uniques = pd.factorize(code, sort=False)
    return dense.astype(np.int64, copy=False), len(uniques)


def compare_pairs(
    frame: pd.DataFrame,
    left: np.ndarray,
    right: np.ndarray,
    matchers: Sequence[Matcher],
    *,
    codes: RecordCodes | None = None,
    n_jobs: int | None = None,
) -> np.ndarray:
    """Levels of every matcher (columns) for every pair ``(left[k], right[k])`` (rows).

    ``codes`` (of this ``frame``) saves coding the columns again on each call.
    ``n_jobs``: processes sharing the comparisons (see
    ``unifyid._processes.n_processes``: by default a second one on Linux for
    matchers with many distinct pairs, while a core is idle). Each
    matcher's distinct pairs are found here, then split between this
    process and forked children; the levels are the same whatever the number.
    """
    n = len(left)
    out = np.zeros((n, len(matchers)), dtype=np.int8)
    if n == 0:
        return out
    codes = RecordCodes(frame) if codes is None else codes
    # Everything the comparisons read is built first, so that forked children
    # share it and later comparisons of the batch reuse it.
    passes = [split_at_else(m) or (m, None) for m in matchers]
    plans = [[_plan(frame, p, codes) for p in ps if p is not None] for ps in passes]
    for k, (first, *settle) in enumerate(plans):
        out[:, k] = _compare_distinct(*first, left, right, n_jobs=n_jobs)
        if settle:
            # A matcher with else_columns: only the pairs at "else" read them.
            rows = np.flatnonzero(out[:, k] == len(matchers[k].levels))
            out[rows, k] = _compare_distinct(*settle[0], left[rows], right[rows], n_jobs=n_jobs)
    return out


#: What comparing one matcher reads: its columns as plain values, the record
#: codes of those columns, the matcher, and the columns' missing values.
_Plan = tuple[pd.DataFrame, np.ndarray, Matcher, dict[str, tuple[np.ndarray, bool]]]


def _plan(frame: pd.DataFrame, m: Matcher, codes: RecordCodes) -> _Plan:
    cols = _needed_columns(m, frame)
    required = [c for c in m.columns if c in frame.columns]
    if len(required) < len(m.columns):
        # Let the matcher report the missing column.
        m.compare(frame.iloc[:0], frame.iloc[:0])
    if m.handles_missing:
        record = codes.combined([], cols)
    else:
        record = codes.combined(required, [c for c in cols if c not in required])
    missing = {c: codes.missing(c) for c in cols}
    return codes.plain(cols), record, m, missing


def _distinct(
    record: np.ndarray, left: np.ndarray, right: np.ndarray, symmetric: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs to compare, their distinct pairs of record codes, a representative of each.

    Returns ``todo`` (the pairs with both codes known), ``inverse`` (the
    distinct pair of each of them) and ``rep`` (a pair holding each distinct
    pair). Pairs are ordered unless ``symmetric``.
    """
    lc, rc = record[left], record[right]
    todo = np.flatnonzero((lc >= 0) & (rc >= 0))
    if len(todo) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return todo, empty, empty
    n_codes = int(record.max()) + 1
    lc, rc = lc[todo], rc[todo]
    if symmetric:
        # Swapping the sides gives the same level: compare each unordered pair once.
        lc, rc = np.minimum(lc, rc), np.maximum(lc, rc)
    key = lc * n_codes + rc
    del lc, rc
    inverse, distinct = pd.factorize(key, sort=False)
    # A representative record pair per distinct pair of codes.
    # (Any pair of a group will do: they hold the same values in every column read.)
    rep = np.empty(len(distinct), dtype=np.int64)
    rep[inverse] = todo
    return todo, inverse, rep


def _compare_distinct(
    sub: pd.DataFrame,
    record: np.ndarray,
    m: Matcher,
    missing: dict[str, tuple[np.ndarray, bool]] | None,
    left: np.ndarray,
    right: np.ndarray,
    *,
    n_jobs: int | None = 1,
) -> np.ndarray:
    """One matcher's levels, comparing each distinct pair of record codes once.

    With several processes, forked children compare their shares of the
    distinct pairs and write the levels into shared memory (a child that
    fails leaves its share to this process).
    """
    levels = np.zeros(len(left), dtype=np.int8)
    todo, inverse, rep = _distinct(record, left, right, m.symmetric)
    if len(todo) == 0:
        return levels
    plan = (sub, record, m, missing)
    n_parts = n_processes(len(rep), n_jobs, minimum=MIN_FORK_DISTINCT)
    if n_parts == 1:
        found = np.empty(len(rep), dtype=np.int8)
        _compare_reps(plan, rep, left, right, (0, len(rep)), found)
    else:
        found = shared_array(len(rep), np.int8)
        bounds = parts(len(rep), n_parts)

        def work(part: int, done: Callable[[int], None]) -> None:
            _compare_reps(plan, rep, left, right, bounds[part], found)
            done(0)

        with workers(n_parts, work) as team:
            _compare_reps(plan, rep, left, right, bounds[0], found)
            for c, ok in enumerate(team.wait(0), start=1):
                if not ok:
                    _compare_reps(plan, rep, left, right, bounds[c], found)
    levels[todo] = found[inverse]
    return levels


def _compare_reps(
    plan: _Plan,
    rep: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    bounds: tuple[int, int],
    found: np.ndarray,
) -> None:
    """Levels of the representative pairs ``rep[start:stop]``, into ``found[start:stop]``."""
    sub, _, m, missing = plan
    start, stop = bounds
    for at in range(start, stop, _CHUNK):
        r = rep[at : min(at + _CHUNK, stop)]
        lr, rr = left[r], right[r]
        lf = sub.take(lr)
        rf = sub.take(rr)
        lf.index = rf.index = pd.RangeIndex(len(r))
        if missing is None:
            found[at : at + len(r)] = m.compare(lf, rf)
            continue
        # The records' missing values are known: matchers need not look for them.
        hint = KnownMissing(
            lf,
            rf,
            {c: (mask[lr], mask[rr]) for c, (mask, _) in missing.items()},
            frozenset(c for c, (_, clean) in missing.items() if clean),
        )
        with known_missing(hint):
            found[at : at + len(r)] = m.compare(lf, rf)


def random_pairs(n_records: int, n_pairs: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Uniformly drawn record pairs ``i != j`` (for estimating u, the non-match agreement)."""
    rng = np.random.default_rng(seed)
    if n_records < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    total = n_records * (n_records - 1) // 2
    n_pairs = int(min(n_pairs, total))
    i = rng.integers(0, n_records, n_pairs)
    j = rng.integers(0, n_records - 1, n_pairs)
    j = np.where(j >= i, j + 1, j)
    return np.minimum(i, j), np.maximum(i, j)
