"""The value-profile stage entry: what the identifier and place values say about the data."""

from __future__ import annotations

from collections.abc import Collection, Mapping

import pandas as pd

from ._hubs import flag_shared_values
from ._locality import add_locality

__all__ = ["profile_values"]


def profile_values(
    frame: pd.DataFrame,
    *,
    hub_people: int = 3,
    hub_records: int = 50,
    blocklist: Mapping[str, Collection[str]] | None = None,
    allowlist: Mapping[str, Collection[str]] | None = None,
) -> pd.DataFrame:
    """Flag hub and shared identifier values and add each record's locality, in place.

    Returns the hubs table (``HUB_COLUMNS``: the values found shared or hubs,
    with their record and people counts); see ``flag_shared_values`` and
    ``add_locality`` for what is added to ``frame``.
    """
    hubs = flag_shared_values(
        frame,
        hub_people=hub_people,
        hub_records=hub_records,
        blocklist=blocklist,
        allowlist=allowlist,
    )
    add_locality(frame)
    return hubs
