"""Pandas functions run in Spark's Python workers without forking children of their own.

The local engine shares large compare and weight jobs with a forked child
(``unifyid.compare._fork``). In a Spark worker the cores belong to Spark, and
a fork inside a worker would copy it with its sockets: every pandas function
that reaches those jobs runs them in its own process.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

import pandas as pd

from ..._processes import one_process

__all__ = ["batches_in_one_process", "groups_in_one_process"]


def batches_in_one_process(
    func: Callable[[Iterator[pd.DataFrame]], Iterator[pd.DataFrame]],
) -> Callable[[Iterator[pd.DataFrame]], Iterator[pd.DataFrame]]:
    """A ``mapInPandas`` function whose jobs all run in the worker's process."""

    @functools.wraps(func)
    def run(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        with one_process():
            yield from func(batches)

    return run


def groups_in_one_process(
    func: Callable[[pd.DataFrame, pd.DataFrame], pd.DataFrame],
) -> Callable[[pd.DataFrame, pd.DataFrame], pd.DataFrame]:
    """A cogrouped ``applyInPandas`` function ``(left, right)`` run likewise (Spark
    reads the function's arguments, so the wrapper keeps exactly two)."""

    @functools.wraps(func)
    def run(left: pd.DataFrame, right: pd.DataFrame) -> pd.DataFrame:
        with one_process():
            return func(left, right)

    return run
