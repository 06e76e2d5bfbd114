"""Term frequencies over distinct identities, so a frequent customer's name stays rare.

Term-frequency adjustment weighs agreement on a value by how many *people*
hold it. A customer with 300 identical tickets would otherwise make their own
name look as common as "John Smith", and the evidence joining those tickets
(and their web account) would shrink to nothing. Each group of exact
duplicates (``unifyid.block.representatives``) is therefore counted once.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..matchers import Matcher
from ..score import record_term_frequencies

__all__ = ["distinct_term_frequencies"]


def distinct_term_frequencies(
    frame: pd.DataFrame, matchers: Sequence[Matcher], representative: np.ndarray
) -> dict[str, np.ndarray]:
    """Per record, its values' frequencies among the representatives; copies share theirs."""
    reps, position = np.unique(representative, return_inverse=True)
    if len(reps) == len(frame):
        return record_term_frequencies(frame, matchers)
    tf = record_term_frequencies(frame.take(reps), matchers)
    return {column: values[position] for column, values in tf.items()}
