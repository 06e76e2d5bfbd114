"""``Scored``: the compare stage's output, one batch of records with its candidate pairs compared.

What the score and graph stages read, in the full run (``Resolver``) and the
incremental run alike.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..matchers import Matcher
from ..standardise._stage import Prepared
from ._pairs import RecordCodes

__all__ = ["Scored"]


@dataclass(frozen=True)
class Scored:
    """Everything computed for one batch of sources, before clustering."""

    prepared: Prepared
    matchers: list[Matcher]
    hubs: pd.DataFrame
    left: np.ndarray
    right: np.ndarray
    gamma: np.ndarray
    blocking: pd.DataFrame
    rule_keys: list[tuple[tuple[str, ...], np.ndarray]]
    #: Per-record value frequencies for term-frequency adjustment.
    tf: dict[str, np.ndarray]
    #: Integer codes of the frame's values, shared by every comparison of the batch.
    codes: RecordCodes | None = None
