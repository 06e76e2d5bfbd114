"""``check_matcher``: the conformance suite every matcher, built-in or user-written, must pass."""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable, Iterator

import numpy as np
import pandas as pd

from .._errors import MatcherContractError
from ._base import Matcher, split_at_else

__all__ = ["check_matcher", "matcher_checks"]

# Plausible standardised values per column, with near-duplicates so that every
# level of the built-in matchers is exercised.
_SAMPLES: dict[str, list[str]] = {
    "email": [
        "ann.lee@gmail.com",
        "annlee84@gmail.com",
        "annlee84@yahoo.com",
        "bob@x.org",
        "bo@x.org",
    ],
    "phone": ["+14155550134", "+14155550135", "+12125550100", "+442079460000"],
    "first_name": ["ann", "anne", "a", "robert", "bob", "lee", "maria"],
    "first_key": ["ann", "ann", "a", "robert", "robert", "lee", "maria"],
    "last_name": ["lee", "li", "smith", "smith jones", "ann", "garcia"],
    "dob": ["1984-03-07", "1984-07-03", "1985-03-07", "1984-03-17", "1990-12-01"],
    "street": ["12 oak st", "12 oak st apt 4", "21 oak st", "12 elm rd", "9 high st"],
    "city": ["boston", "bostn", "chicago", "new york"],
    "postcode": ["02134", "02139", "60601", "10001"],
    "country": ["US", "GB", "DE"],
}
_FALLBACK = ["alpha", "alpah", "beta", "gamma", "delta", "a1", "a2"]


def _pool(column: str) -> list[str]:
    """Sample values of a column; for a CLK column, encodings of the plain samples."""
    if column.endswith("_clk"):
        from ..encode._bloom import clk  # the encode package imports the matchers

        key = b"check_matcher sample key, public"
        plain = _SAMPLES.get(column.removesuffix("_clk"), _FALLBACK)
        return [clk(v, key) for v in plain]
    return _SAMPLES.get(column, _FALLBACK)


def _sample_frames(m: Matcher, n: int = 400, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    cols = (*m.columns, *getattr(m, "optional_columns", ()))
    left, right = {}, {}
    for c in dict.fromkeys(cols):
        pool = np.array(_pool(c), dtype=object)
        a = pool[rng.integers(0, len(pool), n)]
        b = np.where(rng.random(n) < 0.4, a, pool[rng.integers(0, len(pool), n)])
        a[rng.random(n) < 0.1] = None
        b[rng.random(n) < 0.1] = None
        left[c], right[c] = a, b
    return pd.DataFrame(left), pd.DataFrame(right)


def matcher_checks(m: Matcher) -> Iterator[tuple[str, Callable[[], None]]]:
    """Yield ``(name, check)`` pairs; each check raises ``MatcherContractError``."""

    def fail(check: str, why: str) -> None:
        raise MatcherContractError(
            f"{type(m).__name__} {getattr(m, 'name', '?')!r}: {check}: {why}"
        )

    def declares_attributes() -> None:
        if not isinstance(getattr(m, "name", None), str) or not m.name:
            fail("declares_attributes", "needs a non-empty str `name`")
        if not isinstance(m.columns, tuple) or not m.columns:
            fail("declares_attributes", "`columns` must be a non-empty tuple of column names")
        if not isinstance(m.levels, tuple) or len(m.levels) < 2:
            fail("declares_attributes", "`levels` must be a tuple of at least two labels")
        if m.tf_level is not None and not 1 <= m.tf_level < m.n_levels:
            fail("declares_attributes", f"tf_level {m.tf_level} is not a non-null level")

    left, right = _sample_frames(m)
    whole = {}

    def output_shape_dtype_range() -> None:
        out = m.compare(left, right)
        if not isinstance(out, np.ndarray) or out.shape != (len(left),):
            fail("output_shape", f"expected an array of shape ({len(left)},)")
        if not np.issubdtype(out.dtype, np.integer):
            fail("output_dtype", f"expected integer levels, got {out.dtype}")
        if out.min() < 0 or out.max() >= m.n_levels:
            fail(
                "output_range",
                f"levels must lie in 0..{m.n_levels - 1}, got {out.min()}..{out.max()}",
            )
        whole["out"] = out

    def null_level_for_missing() -> None:
        missing = np.zeros(len(left), dtype=bool)
        for c in m.columns:
            missing |= left[c].isna().to_numpy() | right[c].isna().to_numpy()
        if not m.handles_missing and np.any(whole["out"][missing] != 0):
            fail("null_level_for_missing", "a pair with a missing value must get level 0")

    def symmetric() -> None:
        if not m.symmetric:
            return
        if not np.array_equal(m.compare(right, left), whole["out"]):
            fail("symmetric", "compare(right, left) differs from compare(left, right)")

    def chunked_equals_whole() -> None:
        small = copy.copy(m)
        small.chunk_size = 7  # type: ignore[misc]
        if not np.array_equal(small.compare(left, right), whole["out"]):
            fail("chunked_equals_whole", "results depend on the chunk size")

    def row_order_invariant() -> None:
        perm = np.random.default_rng(1).permutation(len(left))
        out = m.compare(
            left.iloc[perm].reset_index(drop=True), right.iloc[perm].reset_index(drop=True)
        )
        if not np.array_equal(out, whole["out"][perm]):
            fail("row_order_invariant", "a pair's level depends on the other pairs")

    def picklable() -> None:
        # Engines ship matchers to workers with cloudpickle (PySpark bundles it),
        # which also carries functions defined in a notebook; plain pickle otherwise.
        try:
            import cloudpickle as pickler
        except ImportError:
            pickler = pickle
        try:
            clone = pickler.loads(pickler.dumps(m))
        except Exception as exc:
            fail("picklable", f"cannot be pickled ({type(exc).__name__}); engines ship matchers")
        if not np.array_equal(clone.compare(left, right), whole["out"]):
            fail("picklable", "a pickled copy gives different levels")

    def parameters_untouched() -> None:
        before = repr(m.get_params())
        m.compare(left, right)
        if repr(m.get_params()) != before:
            fail("parameters_untouched", "compare() changed the matcher's parameters")

    def inputs_untouched() -> None:
        # Kernels get views of object columns (the compare stage's coded
        # records), so writing into them would corrupt the matchers after.
        full = (left.notna().all(axis=1) & right.notna().all(axis=1)).to_numpy()
        lobj, robj = (f[full].reset_index(drop=True).astype(object) for f in (left, right))
        before = lobj.copy(deep=True), robj.copy(deep=True)
        try:
            m.compare(lobj, robj)
        except ValueError as exc:  # pandas' copy-on-write hands out read-only views
            if "read-only" in str(exc):
                fail("inputs_untouched", "compare() wrote into the values it was given")
            raise
        if not (lobj.equals(before[0]) and robj.equals(before[1])):
            fail("inputs_untouched", "compare() wrote into the values it was given")

    def settles_else_apart() -> None:
        passes = split_at_else(m)
        if passes is None:
            return
        first, settle = passes
        try:
            out = first.compare(left, right)
        except KeyError as exc:
            fail("settles_else_apart", f"_compare needs {exc} of else_columns for every pair")
        rows = np.flatnonzero(out == len(m.levels))
        out[rows] = settle.compare(left.iloc[rows], right.iloc[rows])
        if not np.array_equal(out, whole["out"]):
            fail(
                "settles_else_apart",
                "levels without else_columns, then _settle_else on the pairs at else, "
                "differ from compare()",
            )

    def empty_input() -> None:
        out = m.compare(left.iloc[:0], right.iloc[:0])
        if out.shape != (0,):
            fail("empty_input", "no pairs must give an empty array")

    yield "declares_attributes", declares_attributes
    yield "output_shape_dtype_range", output_shape_dtype_range
    yield "null_level_for_missing", null_level_for_missing
    yield "symmetric", symmetric
    yield "chunked_equals_whole", chunked_equals_whole
    yield "row_order_invariant", row_order_invariant
    yield "picklable", picklable
    yield "parameters_untouched", parameters_untouched
    yield "inputs_untouched", inputs_untouched
    yield "settles_else_apart", settles_else_apart
    yield "empty_input", empty_input


def check_matcher(m: Matcher) -> None:
    """Check that a matcher honours the matcher contract; raise on the first breach.

    Checks, each named in the error: declared attributes, output shape, dtype and
    range, null level for missing values, symmetry (unless ``m.symmetric`` is
    false), chunked equals whole, row-order invariance, pickling, parameters
    and input values untouched by ``compare``, ``else_columns`` read apart
    giving the same levels, empty input.

    Raises
    ------
    MatcherContractError
        Naming the matcher and the check it failed.

    Examples
    --------
    >>> import unifyid as uid
    >>> from unifyid.matchers import FirstNameMatch
    >>> uid.check_matcher(FirstNameMatch())
    """
    if not isinstance(m, Matcher):
        raise MatcherContractError(
            f"check_matcher expects a unifyid Matcher, got {type(m).__name__}; "
            "subclass unifyid.matchers.Matcher or use the @unifyid.matcher decorator."
        )
    for _name, check in matcher_checks(m):
        check()
