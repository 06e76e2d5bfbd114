"""Builders of tiny prepared tables for golden record tests.

A test writes its records as dicts: ``source``, ``record_id``, ``profile``,
any standardised column (``email="ann@x.com"``), ``<column>__shared`` flags,
``raw={"first_name": "ANN"}`` for values as written and ``extra={"opt_in":
"Y"}`` for free columns. The builders turn them into the ``frame``, ``raw``,
``extras`` and ``profile_id`` that ``build_golden`` takes, sorted by
``(source, record_id)`` as ``prepare`` leaves them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import pytest

from unifyid.golden import SurvivorshipRule
from unifyid.golden._build import build_golden
from unifyid.standardise._stage import STANDARD_COLUMNS

Tables = tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, np.ndarray]


def _column(values: list[Any]) -> pd.Series:
    return pd.Series(values, dtype=object)


def make_tables(rows: Sequence[Mapping[str, Any]]) -> Tables:
    rows = sorted(rows, key=lambda r: (r["source"], r["record_id"]))
    keys = {
        "source": _column([r["source"] for r in rows]),
        "record_id": _column([r["record_id"] for r in rows]),
    }
    frame = pd.DataFrame(dict(keys))
    for column in STANDARD_COLUMNS:
        frame[column] = _column([r.get(column) for r in rows])
    flags = sorted({k for r in rows for k in r if k.endswith("__shared")})
    for flag in flags:
        frame[flag] = np.array([bool(r.get(flag, False)) for r in rows], dtype=bool)
    frame["source"] = frame["source"].astype("category")
    raw = pd.DataFrame(dict(keys))
    for column in sorted({k for r in rows for k in r.get("raw", {})}):
        raw[column] = _column([r.get("raw", {}).get(column) for r in rows])
    with_extra = [r for r in rows if r.get("extra")]
    extra_cols = list(dict.fromkeys(k for r in with_extra for k in r["extra"]))
    extras = pd.DataFrame(
        {
            "source": _column([r["source"] for r in with_extra]),
            "record_id": _column([r["record_id"] for r in with_extra]),
            **{c: _column([r["extra"].get(c) for r in with_extra]) for c in extra_cols},
        }
    )
    profile_id = np.array([r["profile"] for r in rows], dtype=object)
    return frame, raw, extras, profile_id


@pytest.fixture(scope="session")
def tables() -> Callable[[Sequence[Mapping[str, Any]]], Tables]:
    """Turn record dicts into ``(frame, raw, extras, profile_id)``."""
    return make_tables


@pytest.fixture(scope="session")
def golden_of() -> Callable[..., tuple[pd.DataFrame, pd.DataFrame]]:
    """Turn record dicts straight into ``(golden, lineage)``."""

    def run(
        rows: Sequence[Mapping[str, Any]], rules: Mapping[str, SurvivorshipRule] | None = None
    ) -> tuple[pd.DataFrame, pd.DataFrame]:
        return build_golden(*make_tables(rows), rules=rules)

    return run
