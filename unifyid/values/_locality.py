"""Where a record lives, even when its source has no city column.

Channels describe place differently: a store record has street, city and
ZIP; a web account only a postcode; an app login only a phone number; a
support ticket a city. Records that carry both a place code and a city
teach us which city a postcode, or a phone number's area prefix, belongs to
(the city most of them name, when at least 60% of two or more agree). Every
record then gets a ``locality``: its own city, else the city its postcode
points to, else the one its phone prefix points to, and ``locality_from``
says which. A web account and a support ticket can then agree, or disagree,
on where the customer lives. The tables are learned from the data being
resolved; nothing is hard-coded, so a prefix that many cities share (mobile
ranges, toll-free numbers) simply teaches nothing.

``locality_share`` says how common a record's locality is (the share of the
records with a locality that hold the same one): agreeing on New York says
less than agreeing on Boise, and the place matcher weighs it so.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["add_locality", "locality_share", "majority_locality", "phone_prefix"]

_MIN_RECORDS = 2
_MIN_SHARE = 0.6


def majority_locality(key: pd.Series, city: pd.Series) -> pd.Series:
    """The city most records with each key name, where the data agrees enough."""
    table = pd.DataFrame({"key": key, "city": city}).dropna()
    if table.empty:
        return pd.Series(dtype=object)
    counts = table.groupby(["key", "city"]).size().rename("n").reset_index()
    total = counts.groupby("key")["n"].transform("sum")
    counts = counts[(total >= _MIN_RECORDS) & (counts["n"] >= _MIN_SHARE * total)]
    counts = counts.sort_values(["key", "n", "city"], ascending=[True, False, True])
    return counts.drop_duplicates("key").set_index("key")["city"]


def phone_prefix(phone: pd.Series) -> pd.Series:
    """Country code and the first digits of the national number (an area, where geographic)."""
    text = phone.astype(object)
    return text.where(text.notna()).str[:5]


def add_locality(frame: pd.DataFrame, *, learn_from: pd.DataFrame | None = None) -> None:
    """Add ``locality`` and ``locality_from`` (``city``, ``postcode``, ``phone``) in place.

    The place tables are learned from ``learn_from`` (default: ``frame`` itself).
    """
    teach = frame if learn_from is None else learn_from
    n = len(frame)
    locality = np.full(n, None, dtype=object)
    origin = np.full(n, None, dtype=object)
    if "city" not in frame.columns:
        frame["locality"], frame["locality_from"] = locality, origin
        frame["locality_share"] = np.full(n, np.nan)
        return
    city = frame["city"]
    has_city = city.notna().to_numpy()
    locality[has_city] = city.to_numpy(dtype=object)[has_city]
    origin[has_city] = "city"
    keys = []
    if "postcode" in frame.columns:
        keys.append(("postcode", frame["postcode"], teach["postcode"]))
    if "phone" in frame.columns:
        prefix = phone_prefix(frame["phone"])
        known = prefix if learn_from is None else phone_prefix(teach["phone"])
        keys.append(("phone", prefix, known))
    for name, key, known in keys:
        inferred = key.map(majority_locality(known, teach["city"])).to_numpy(dtype=object)
        fill = pd.isna(locality) & pd.notna(inferred)
        locality[fill] = inferred[fill]
        origin[fill] = name
    frame["locality"] = locality
    frame["locality_from"] = origin
    frame["locality_share"] = locality_share(frame["locality"])


def locality_share(locality: pd.Series, *, counted: pd.Series | None = None) -> np.ndarray:
    """Per record, the share of the localities in ``counted`` (default: ``locality``)
    equal to its own; NaN where it has none.

    Two strangers agree on a locality about as often as its share says, so the
    place matcher reads it to tell a big city from a small town.
    """
    pool = locality if counted is None else counted
    counts = pool.dropna().value_counts()
    total = float(counts.sum())
    if total == 0:
        return np.full(len(locality), np.nan)
    share = locality.map(counts / total).to_numpy(dtype=np.float64, na_value=np.nan)
    return share
