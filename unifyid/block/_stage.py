"""The blocking stage entry: which record pairs to compare."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ._pairs import union_pairs
from ._rules import BlockingRule, BlockingStats, candidate_pairs, default_blocking_rules

__all__ = ["block_records", "default_rules"]


def block_records(
    frame: pd.DataFrame,
    blocking: Sequence[BlockingRule] | None,
    *,
    max_block_size: int,
    pinned: Sequence[tuple[np.ndarray, np.ndarray]] = (),
    only: np.ndarray | None = None,
    n_jobs: int | None = None,
) -> tuple[np.ndarray, np.ndarray, BlockingStats]:
    """Candidate pairs by the rules (the defaults fitting the frame when none are given),
    plus the ``pinned`` row pairs; ``only`` limits them to pairs with a flagged record.

    Returns the pairs as sorted row-number arrays ``(i, j)``, ``i < j``, and
    the blocking statistics (see :func:`candidate_pairs`). ``n_jobs``: processes
    sharing the rules (``None``: the policy of ``unifyid._processes``).
    """
    rules = list(blocking) if blocking else default_rules(frame)
    left, right, stats = candidate_pairs(
        frame, rules, max_block_size=max_block_size, only=only, n_jobs=n_jobs
    )
    if pinned:
        left, right = union_pairs([(left, right), *pinned], len(frame))
    return left, right, stats


def default_rules(frame: pd.DataFrame) -> list[BlockingRule]:
    """The default blocking rules, or those of encoded data when the sources are encoded."""
    if "first_name_bands" in frame.columns:
        from ..encode import encoded_rules  # encode imports this package

        return encoded_rules(frame.columns)
    return list(default_blocking_rules())
