"""Is a predicted match probability of 0.9 right nine times in ten? A reliability table.

F1 says how good the final clusters are; it does not say whether the scores
behind them mean what they claim. For every candidate pair that was scored,
this module puts the predicted match probability next to the truth and
reports, per bin of predicted probability (and optionally per comparison
level of one matcher, such as the place matcher), the number of pairs, the
mean predicted probability and the observed share of true matches. A model
that counts one fact twice shows up as bins whose observed share lies far
below their predicted probability.

Run it on the built-in generator, or on the independent one (data the
library was not developed against)::

    python -m benchmarks.calibration --records 100000 --seed 1 --by place
    python -m benchmarks.calibration --records 100000 --seed 0 --by "" --independent
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from unifyid import Result

__all__ = [
    "DEFAULT_EDGES",
    "calibration_error",
    "pair_is_match",
    "reliability",
    "reliability_table",
]

#: Bin edges of predicted probability: fine near 0 and 1, where Fellegi-Sunter
#: scores pile up, and around the default link threshold (0.7).
DEFAULT_EDGES: tuple[float, ...] = (
    0.0,
    0.01,
    0.05,
    0.2,
    0.5,
    0.7,
    0.8,
    0.9,
    0.95,
    0.99,
    0.999,
    1.0,
)

_COLUMNS = ["group", "bin", "pairs", "mean_predicted", "observed_share", "gap"]


def reliability(
    probability: np.ndarray,
    is_match: np.ndarray,
    *,
    group: np.ndarray | None = None,
    edges: Sequence[float] = DEFAULT_EDGES,
) -> pd.DataFrame:
    """Pairs, mean predicted probability and observed match share per probability bin.

    Parameters
    ----------
    probability : numpy.ndarray of float
        Predicted match probability of each pair.
    is_match : numpy.ndarray of bool
        Whether the two records of each pair are one true entity.
    group : numpy.ndarray, optional
        A label per pair (e.g. a matcher's level); one block of bins per label,
        after a block ``"all"`` over every pair.
    edges : sequence of float
        Increasing bin edges from 0 to 1; a bin is ``[lo, hi)``, the last one closed.

    Returns
    -------
    pandas.DataFrame
        ``group``, ``bin`` (``"[lo, hi)"``), ``pairs``, ``mean_predicted``,
        ``observed_share`` and ``gap`` (observed minus predicted); empty bins
        are left out.

    Examples
    --------
    >>> t = reliability(np.array([0.1, 0.1, 0.9, 0.9]), np.array([False, False, True, False]))
    >>> t[["bin", "pairs", "observed_share"]].values.tolist()
    [['[0.05, 0.2)', 2, 0.0], ['[0.9, 0.95)', 2, 0.5]]
    """
    p = np.asarray(probability, dtype=np.float64)
    y = np.asarray(is_match, dtype=bool)
    if p.shape != y.shape:
        raise ValueError(f"probability and is_match differ in length: {p.shape} vs {y.shape}.")
    e = np.asarray(edges, dtype=np.float64)
    if e.ndim != 1 or len(e) < 2 or np.any(np.diff(e) <= 0):
        raise ValueError("edges must be at least two increasing numbers.")
    labels = [f"[{lo:g}, {hi:g})" for lo, hi in pairwise(e)]
    frames = [_bins(p, y, e, labels, "all")]
    if group is not None:
        g = np.asarray(group, dtype=object)
        if g.shape != p.shape:
            raise ValueError(f"group and probability differ in length: {g.shape} vs {p.shape}.")
        codes, names = pd.factorize(g, sort=True)
        for k, name in enumerate(names):
            at = codes == k
            frames.append(_bins(p[at], y[at], e, labels, str(name)))
    return pd.concat(frames, ignore_index=True)[_COLUMNS]


def _bins(
    p: np.ndarray, y: np.ndarray, edges: np.ndarray, labels: list[str], name: str
) -> pd.DataFrame:
    which = np.clip(np.searchsorted(edges, p, side="right") - 1, 0, len(labels) - 1)
    n = np.bincount(which, minlength=len(labels))
    mean_p = np.bincount(which, weights=p, minlength=len(labels))
    share = np.bincount(which, weights=y.astype(np.float64), minlength=len(labels))
    keep = n > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_p, share = mean_p / n, share / n
    return pd.DataFrame(
        {
            "group": name,
            "bin": np.asarray(labels, dtype=object)[keep],
            "pairs": n[keep],
            "mean_predicted": mean_p[keep],
            "observed_share": share[keep],
            "gap": (share - mean_p)[keep],
        }
    )


def calibration_error(table: pd.DataFrame, *, group: str = "all") -> float:
    """Expected calibration error of one block: the pair-weighted mean of ``|gap|``."""
    rows = table[table["group"] == group]
    if rows.empty:
        return float("nan")
    return float(np.average(rows["gap"].abs(), weights=rows["pairs"]))


def pair_is_match(result: Result, truth: pd.DataFrame) -> np.ndarray:
    """For every scored candidate pair of ``result``, whether both records are one entity.

    ``truth`` has ``source``, ``record_id``, ``entity_id``; a record missing
    from it counts as its own entity.
    """
    frame = result.frame
    key = pd.MultiIndex.from_arrays(
        [frame["source"].astype(str).to_numpy(), frame["record_id"].astype(str).to_numpy()]
    )
    t = truth.astype({"source": str, "record_id": str})
    known = t.set_index(["source", "record_id"])["entity_id"].astype(str)
    entity = pd.Series(known.reindex(key).to_numpy(dtype=object))
    codes = pd.factorize(entity)[0]
    missing = codes < 0
    codes[missing] = codes.max(initial=-1) + 1 + np.arange(int(missing.sum()))
    return codes[result.left] == codes[result.right]


def reliability_table(
    result: Result,
    truth: pd.DataFrame,
    *,
    by: str | None = None,
    edges: Sequence[float] = DEFAULT_EDGES,
) -> pd.DataFrame:
    """The reliability table of every scored candidate pair of ``result`` against ``truth``.

    ``by`` names a matcher (e.g. ``"place"``): the table then also has one
    block per level of that matcher, labelled ``"<matcher>: <level>"``.

    Raises
    ------
    KeyError
        ``by`` is not a matcher of the result (the message lists them).
    """
    group = None
    if by is not None:
        names = [m.name for m in result.matchers]
        if by not in names:
            raise KeyError(f"no matcher {by!r} in the result; matchers: {names}")
        k = names.index(by)
        labels = np.asarray(result.matchers[k].level_labels(), dtype=object)
        group = np.char.add(f"{by}: ", labels[result.gamma[:, k]].astype(str)).astype(object)
    return reliability(result.probability, pair_is_match(result, truth), group=group, edges=edges)


def _main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.calibration",
        description="Reliability table of unifyid's default resolver on synthetic data.",
    )
    parser.add_argument(
        "--independent",
        action="store_true",
        help="draw benchmarks.independent data instead of unifyid's own generator",
    )
    parser.add_argument("--records", type=int, default=100_000, help="records to generate")
    parser.add_argument("--seed", type=int, default=1, help="generator seed")
    parser.add_argument(
        "--by", default="place", help="matcher whose levels get their own blocks ('' for none)"
    )
    args = parser.parse_args(argv)

    import unifyid as uid
    from unifyid.datasets import make_customers

    if args.independent:
        from .independent import make_independent

        drawn = make_independent(args.records, seed=args.seed)
        sources = drawn.to_sources()
        truth, label = drawn.truth, f"make_independent({args.records}, seed={args.seed})"
    else:
        data = make_customers(args.records, seed=args.seed)
        sources, truth = data.to_sources(), data.truth
        label = f"make_customers({args.records}, seed={args.seed})"
    result = uid.Resolver().resolve(sources)
    names = [m.name for m in result.matchers]
    by = args.by if args.by in names else None
    if args.by and by is None:
        print(f"(no matcher {args.by!r}; matchers: {names})", file=sys.stderr)
    table = reliability_table(result, truth, by=by)
    scores = uid.evaluate(result.profiles, truth)
    print(
        f"{label}: {len(result.left)} candidate pairs, "
        f"F1 {scores['f1']:.4f}, precision {scores['precision']:.4f}, "
        f"recall {scores['recall']:.4f}, calibration error {calibration_error(table):.4f}"
    )
    with pd.option_context("display.max_rows", None, "display.width", 120):
        print(table.to_string(index=False, float_format=lambda v: f"{v:.4f}"))
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
