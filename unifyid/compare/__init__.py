"""Compare stage: every matcher over the candidate pairs, once per distinct pair of values.

``compare_pairs`` is the entry point; ``Scored`` is what the stage hands on
(the records, their candidate pairs and comparison levels) to scoring and
clustering.
"""

from ._pairs import RecordCodes, compare_pairs, random_pairs
from ._scored import Scored

__all__ = ["RecordCodes", "Scored", "compare_pairs", "random_pairs"]
