"""Value-profile stage: what the values themselves say, learned from the data.

Which identifier values are shared or hubs (``_hubs``), where each record
lives (``_locality``) and how frequent each value is among distinct
identities (``_frequencies``). Not to be confused with customer profiles:
this stage profiles *values*, before any record is compared. The stage's
entry point is :func:`profile_values`; term frequencies need the blocking
stage's duplicate groups and are taken after it
(:func:`distinct_term_frequencies`).
"""

from ._frequencies import distinct_term_frequencies
from ._hubs import HUB_COLUMNS, flag_shared_values
from ._locality import add_locality, locality_share, phone_prefix
from ._stage import profile_values

__all__ = [
    "HUB_COLUMNS",
    "add_locality",
    "distinct_term_frequencies",
    "flag_shared_values",
    "locality_share",
    "phone_prefix",
    "profile_values",
]
