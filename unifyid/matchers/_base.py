"""The matcher contract: aligned columns of candidate pairs in, one level per pair out.

A matcher compares the two records of each candidate pair on one or a few
standardised columns and returns a *comparison level* per pair:

* level ``0`` is the null level: a value is missing on either side, so the pair
  carries no evidence either way (weight 0);
* levels ``1 .. len(levels)`` follow ``levels`` in order, from the strongest
  agreement down to the last one, which is always the disagreement ("else").

The base class owns the plumbing (column selection, missing values, chunking,
caching of repeated value pairs); a subclass writes only the vectorised kernel
``_compare(left, right)`` over non-missing pairs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from .._errors import ConfigError
from ._similarity import _addresses

__all__ = ["FunctionMatcher", "Matcher", "matcher", "present", "split_at_else"]

LEVEL_DTYPE = np.int8


class Matcher:
    """Base class of every matcher.

    Subclasses set ``columns`` and ``levels`` (usually in ``__init__`` from their
    parameters), and implement ``_compare``. Constructors only validate and
    store parameters, so a matcher is a small immutable value object.

    Attributes
    ----------
    name : str
        Unique name of the matcher inside a resolver (used in outputs).
    columns : tuple of str
        The standardised columns the matcher reads.
    levels : tuple of str
        Human labels of the non-null levels, strongest first, "else" last.
    tf_level : int or None
        The level (1-based) whose weight is adjusted by the frequency of the
        agreeing value (an exact match on a rare value is stronger evidence).
    tf_column : str or None
        The column whose value frequencies drive that adjustment.
    symmetric : bool
        Whether swapping left and right gives the same levels (checked by
        ``check_matcher``).
    """

    name: str
    columns: tuple[str, ...]
    levels: tuple[str, ...]
    #: Columns read when present (may hold missing values); never cause the null level.
    optional_columns: tuple[str, ...] = ()
    tf_level: int | None = None
    tf_column: str | None = None
    symmetric: bool = True
    #: Whether a pair with a missing value is still passed to the kernel.
    handles_missing: ClassVar[bool] = False
    #: Pairs per chunk, to bound memory on very large candidate sets.
    chunk_size: ClassVar[int] = 2_000_000
    #: Optional columns read only to settle pairs the others leave at "else"
    #: (the surname matcher's email and phone: reasons for a change of name).
    #: The compare stage then finds most pairs' levels once per distinct pair
    #: of the other columns' values (see :func:`split_at_else`). A matcher
    #: naming them implements ``_settle_else``.
    else_columns: ClassVar[tuple[str, ...]] = ()

    # -- public API ---------------------------------------------------------
    @property
    def n_levels(self) -> int:
        """Number of levels including the null level 0."""
        return len(self.levels) + 1

    def level_labels(self) -> tuple[str, ...]:
        """All level labels, index-aligned with the returned level codes."""
        return ("null", *self.levels)

    def compare(self, left: pd.DataFrame, right: pd.DataFrame) -> np.ndarray:
        """Return the comparison level of every aligned pair (``left[i]`` vs ``right[i]``).

        Parameters
        ----------
        left, right : pandas.DataFrame
            The two sides of the candidate pairs, row-aligned, holding at least
            ``self.columns``.

        Returns
        -------
        numpy.ndarray of int8
            One level per pair, in ``0 .. n_levels - 1``.
        """
        missing = [c for c in self.columns if c not in left.columns or c not in right.columns]
        if missing:
            raise ConfigError(
                f"Matcher {self.name!r} needs column(s) {missing}; "
                f"available: {sorted(set(left.columns) & set(right.columns))}."
            )
        if len(left) != len(right):
            raise ConfigError(
                f"Matcher {self.name!r}: left and right must be aligned, "
                f"got {len(left)} and {len(right)} rows."
            )
        n = len(left)
        out = np.zeros(n, dtype=LEVEL_DTYPE)
        if n == 0:
            return out
        lcols, rcols = {}, {}
        present = np.ones(n, dtype=bool)
        known = _KNOWN_MISSING.get()
        if known is not None and not (known.left is left and known.right is right):
            known = None
        for c in self.columns:
            lcols[c], l_missing = _values_and_missing(left[c], known and known.get(c, 0))
            rcols[c], r_missing = _values_and_missing(right[c], known and known.get(c, 1))
            if not self.handles_missing:
                present &= ~(l_missing | r_missing)
        for c in self.optional_columns:
            if c in left.columns and c in right.columns:
                lcols[c] = _values_and_missing(left[c], known and known.get(c, 0))[0]
                rcols[c] = _values_and_missing(right[c], known and known.get(c, 1))[0]
        idx = np.flatnonzero(present)
        every_row = len(idx) == n  # chunks are then slices: views, not copies
        for start in range(0, len(idx), self.chunk_size):
            stop = min(start + self.chunk_size, len(idx))
            sel = slice(start, stop) if every_row else idx[start:stop]
            lv = {c: v[sel] for c, v in lcols.items()}
            rv = {c: v[sel] for c, v in rcols.items()}
            levels = np.asarray(self._compare(lv, rv))
            if levels.shape != (stop - start,):
                raise ConfigError(
                    f"Matcher {self.name!r} returned shape {levels.shape} for {stop - start} pairs."
                )
            out[sel] = levels.astype(LEVEL_DTYPE, copy=False)
        return out

    # -- to implement -------------------------------------------------------
    def _compare(self, left: dict[str, np.ndarray], right: dict[str, np.ndarray]) -> np.ndarray:
        """Levels ``1 .. len(levels)`` for pairs whose values are all present.

        A kernel may also return ``0`` for a pair that carries no evidence on
        this matcher (e.g. names the first-name matcher already counted).
        """
        raise NotImplementedError

    def _settle_else(self, left: dict[str, np.ndarray], right: dict[str, np.ndarray]) -> np.ndarray:
        """Levels of pairs the columns other than ``else_columns`` leave at "else".

        ``_compare`` must equal its levels without ``else_columns``, with this
        applied to the pairs at "else" (checked by ``check_matcher``).
        """
        raise NotImplementedError

    # -- value-object plumbing ---------------------------------------------
    def get_params(self) -> dict[str, Any]:
        """The constructor parameters, for saving and for ``repr``."""
        return dict(self._params)

    @property
    def _params(self) -> dict[str, Any]:
        return getattr(self, "_init_params", {})

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self._params.items())
        return f"{type(self).__name__}({args})"

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self._params == other._params  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self).__name__, tuple(sorted(map(repr, self._params.items())))))


class _Pass(Matcher):
    """One of the two passes of a matcher with ``else_columns`` (see :func:`split_at_else`)."""

    def __init__(self, inner: Matcher, *, settle: bool) -> None:
        self.name = inner.name
        self.columns = inner.columns
        self.levels = inner.levels
        self.symmetric = inner.symmetric
        self._inner = inner
        self._settle = settle
        late = set(inner.else_columns)
        self.optional_columns = tuple(c for c in inner.optional_columns if (c in late) == settle)

    def _compare(self, left: dict[str, np.ndarray], right: dict[str, np.ndarray]) -> np.ndarray:
        if self._settle:
            return self._inner._settle_else(left, right)
        return self._inner._compare(left, right)


def split_at_else(m: Matcher) -> tuple[Matcher, Matcher] | None:
    """The two passes of a matcher declaring ``else_columns``, or None.

    The first compares every pair without those columns; the second settles
    the pairs the first leaves at "else", reading them. Together they give
    the levels of ``m.compare``, with the first pass deduplicated on fewer
    columns. None also for a matcher that overrides ``compare`` (the passes
    run the base class's), or that sees missing values.
    """
    if not m.else_columns or m.handles_missing or type(m).compare is not Matcher.compare:
        return None
    return _Pass(m, settle=False), _Pass(m, settle=True)


class KnownMissing:
    """Where the values of two aligned frames are missing, known before comparing them.

    ``missing`` maps a column to its left and right masks (``pd.isna`` of the
    values); ``clean`` names the columns whose missing values are already
    ``None``. Callers that have coded their records once (see
    ``unifyid.score.compare_pairs``) pass this through :func:`known_missing`,
    which spares every matcher a ``pd.isna`` pass over Python objects.
    """

    def __init__(
        self,
        left: pd.DataFrame,
        right: pd.DataFrame,
        missing: Mapping[str, tuple[np.ndarray, np.ndarray]],
        clean: frozenset[str],
    ) -> None:
        self.left, self.right = left, right
        self._missing, self._clean = missing, clean

    def get(self, column: str, side: int) -> tuple[np.ndarray, bool] | None:
        """The mask of one side (0 left, 1 right) and whether missing values are None."""
        if column not in self._missing:
            return None
        return self._missing[column][side], column in self._clean


_KNOWN_MISSING: ContextVar[KnownMissing | None] = ContextVar("known_missing", default=None)


@contextmanager
def known_missing(hint: KnownMissing) -> Iterator[None]:
    """Within the block, ``Matcher.compare`` of ``hint``'s two frames uses its masks."""
    token = _KNOWN_MISSING.set(hint)
    try:
        yield
    finally:
        _KNOWN_MISSING.reset(token)


def _values_and_missing(
    s: pd.Series, known: tuple[np.ndarray, bool] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Values as an object array with None for every missing value, and where they are.

    Same as ``to_numpy(dtype=object, na_value=None)`` and ``isna``, in one pass.
    ``known``: the ``isna`` mask already computed, and whether the missing
    values are already None.
    """
    values = s.to_numpy(dtype=object)
    if known is not None:
        missing, clean = known
        if clean or not missing.any():
            return values, missing
    else:
        missing = pd.isna(values)
    if missing.any():
        values = values.copy()
        values[missing] = None
    return values, missing


def present(values: np.ndarray) -> np.ndarray:
    """Where a kernel's values are present (``pd.notna``), for arrays ``_compare`` received.

    ``Matcher.compare`` hands kernels None for every missing value, so on
    their object arrays (and copies holding None) this is a test of identity
    against None, without a ``pd.isna`` pass over Python objects.
    """
    if not isinstance(values, np.ndarray) or values.dtype != object or values.ndim != 1:
        return pd.notna(values)
    return _addresses(values) != id(None)


class FunctionMatcher(Matcher):
    """A matcher made from a plain function by :func:`matcher`."""

    def __init__(
        self,
        func: Callable[[dict[str, np.ndarray], dict[str, np.ndarray]], np.ndarray],
        *,
        name: str,
        columns: Sequence[str],
        levels: Sequence[str],
        symmetric: bool = True,
    ) -> None:
        if not callable(func):
            raise ConfigError(f"matcher {name!r}: expected a function, got {type(func).__name__}.")
        if not columns:
            raise ConfigError(f"matcher {name!r}: columns must name at least one column.")
        if len(levels) < 2:
            raise ConfigError(
                f"matcher {name!r}: levels must list at least two labels "
                f"(an agreement and 'else'), got {list(levels)}."
            )
        self.func = func
        self.name = name
        self.columns = tuple(columns)
        self.levels = tuple(levels)
        self.symmetric = symmetric
        self._init_params = {"name": name, "columns": self.columns, "levels": self.levels}

    def _compare(self, left: dict[str, np.ndarray], right: dict[str, np.ndarray]) -> np.ndarray:
        return self.func(left, right)

    def __reduce__(self) -> str | tuple[Any, ...]:
        # A decorated module-level function is replaced by this matcher under its
        # own name: pickle it by reference, as pickle does for functions.
        module = sys.modules.get(getattr(self.func, "__module__", ""), None)
        qualname = getattr(self.func, "__qualname__", "")
        if module is not None and getattr(module, qualname, None) is self:
            self.__module__ = module.__name__
            return qualname
        return (
            _rebuild_function_matcher,
            (self.func, self.name, self.columns, self.levels, self.symmetric),
        )


def _rebuild_function_matcher(func, name, columns, levels, symmetric) -> FunctionMatcher:  # type: ignore[no-untyped-def]
    return FunctionMatcher(func, name=name, columns=columns, levels=levels, symmetric=symmetric)


def matcher(
    *,
    columns: Sequence[str],
    levels: Sequence[str],
    name: str | None = None,
    symmetric: bool = True,
) -> Callable[[Callable[..., np.ndarray]], FunctionMatcher]:
    """Turn a vectorised function into a matcher.

    The function receives two dicts ``{column: numpy array}`` holding the
    aligned, non-missing values of the candidate pairs, and returns one level
    per pair in ``1 .. len(levels)`` (1 = strongest agreement, the last =
    "else"). Pairs with a missing value get the null level 0 automatically.

    Examples
    --------
    >>> import numpy as np, unifyid as uid
    >>> @uid.matcher(columns=["email"], levels=["same domain", "else"])
    ... def email_domain(left, right):
    ...     dl = np.array([e.split("@")[-1] for e in left["email"]])
    ...     dr = np.array([e.split("@")[-1] for e in right["email"]])
    ...     return np.where(dl == dr, 1, 2)
    >>> uid.check_matcher(email_domain)
    """

    def wrap(func: Callable[..., np.ndarray]) -> FunctionMatcher:
        return FunctionMatcher(
            func,
            name=name or func.__name__,
            columns=columns,
            levels=levels,
            symmetric=symmetric,
        )

    return wrap
