"""Find identifier values that are not personal, from the data itself.

An email, phone or device id normally belongs to one customer. Some are used
by several: a family email, a household landline, a shared tablet (a few
people), or a store's default phone and a kiosk device (many strangers). We
estimate how many different people use each value from the first names of
the records carrying it:

* ``shared``: two different first names — the value still links, at a
  separate, weaker comparison level whose weight the model learns;
* ``hub``: three or more different first names, or more records than any one
  customer plausibly has — the value is blanked for matching and blocking, so
  it can never chain strangers together.

Explicit ``blocklist`` values are always hubs; ``allowlist`` values never are.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import numpy as np
import pandas as pd

from ._schema import IDENTIFIER_TYPES
from .matchers._levels import shared_column

__all__ = ["HUB_COLUMNS", "flag_shared_values"]

HUB_COLUMNS = ("value", "column", "kind", "n_records", "n_people")


def flag_shared_values(
    frame: pd.DataFrame,
    *,
    hub_people: int = 3,
    hub_records: int = 50,
    blocklist: Mapping[str, Collection[str]] | None = None,
    allowlist: Mapping[str, Collection[str]] | None = None,
) -> pd.DataFrame:
    """Blank hub values and add ``<column>__shared`` flags, in place; return the report.

    Returns
    -------
    pandas.DataFrame
        One row per non-personal value: ``column``, ``value``, ``kind`` (``hub``
        or ``shared``), ``n_records`` carrying it, ``n_people`` estimated.
    """
    reports = []
    people_key = frame["first_phonetic"] if "first_phonetic" in frame.columns else None
    for col in IDENTIFIER_TYPES:
        if col not in frame.columns:
            continue
        values = frame[col]
        flag = np.zeros(len(frame), dtype=bool)
        if values.notna().sum() == 0:
            frame[shared_column(col)] = flag
            continue
        codes, uniques = pd.factorize(values, sort=False)
        n_records = np.bincount(codes[codes >= 0], minlength=len(uniques))
        if people_key is not None:
            has = (codes >= 0) & people_key.notna().to_numpy()
            pairs = pd.DataFrame({"code": codes[has], "who": people_key.to_numpy(object)[has]})
            n_people = (
                pairs.drop_duplicates().groupby("code").size().reindex(range(len(uniques)), fill_value=0)
            ).to_numpy()
        else:
            n_people = np.ones(len(uniques), dtype=np.int64)
        hub = (n_people >= hub_people) | (n_records > hub_records)
        shared = (n_people == 2) & ~hub
        blocked = set((blocklist or {}).get(col, ()))
        allowed = set((allowlist or {}).get(col, ()))
        if blocked or allowed:
            names = pd.Index(uniques)
            hub |= names.isin(list(blocked))
            keep = names.isin(list(allowed))
            hub &= ~keep
            shared &= ~keep
        if hub.any() or shared.any():
            kind = np.where(hub, "hub", "shared")
            sel = hub | shared
            reports.append(
                pd.DataFrame(
                    {
                        "value": np.asarray(uniques, dtype=object)[sel],
                        "column": col,
                        "kind": kind[sel],
                        "n_records": n_records[sel],
                        "n_people": n_people[sel],
                    }
                )
            )
        row_hub = (codes >= 0) & hub[np.maximum(codes, 0)]
        flag = (codes >= 0) & shared[np.maximum(codes, 0)]
        frame[col] = values.where(~row_hub, None)
        frame[shared_column(col)] = flag
    if not reports:
        return pd.DataFrame(columns=list(HUB_COLUMNS))
    report = pd.concat(reports, ignore_index=True)[list(HUB_COLUMNS)]
    return report.sort_values(["column", "n_records", "value"], ascending=[True, False, True], ignore_index=True)
