"""Golden records of encoded profiles: the chosen records' digests and CLKs.

Survivorship runs as for plain data (the name from one record, the address
from one record, most frequent or most recent), on the encoded columns in
the place of the plain ones. Values are shown exactly as encoded (no display
clean-up), under the encoded column names, so the parties holding the plain
records can find the chosen record's values by the same encoding.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..golden import SurvivorshipRule
from ..golden._build import build_golden
from ._columns import encoded_identifiers

__all__ = ["GOLDEN_FIELDS", "encoded_golden"]

#: Encoded column -> the golden field whose place it takes.
GOLDEN_FIELDS: Mapping[str, str] = {
    "first_name_clk": "first_name",
    "last_name_clk": "last_name",
    "email_hmac": "email",
    "phone_hmac": "phone",
    "dob_hmac": "dob",
    "street_clk": "street",
    "city_clk": "city",
    "postcode_hmac": "postcode",
    "device_id_hmac": "device_id",
    "loyalty_id_hmac": "loyalty_id",
    "customer_id_hmac": "customer_id",
}


def encoded_golden(
    frame: pd.DataFrame,
    raw: pd.DataFrame,
    extras: pd.DataFrame,
    profile_id: np.ndarray,
    *,
    rules: Mapping[str, SurvivorshipRule] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Golden records and lineage of encoded data, under the encoded column names."""
    fields = {**GOLDEN_FIELDS, **encoded_identifiers()}
    plain_of = {enc: plain for enc, plain in fields.items() if enc in frame.columns}
    work = frame.drop(columns=[p for p in plain_of.values() if p in frame.columns])
    work = work.rename(columns=plain_of)
    golden, lineage = build_golden(
        work, raw[["source", "record_id"]], extras, profile_id, rules=rules
    )
    # The chosen records' values as encoded (display clean-up would alter them).
    records = pd.MultiIndex.from_arrays(
        [work["source"].astype(str).to_numpy(), work["record_id"].to_numpy(dtype=object)]
    )
    chosen = pd.MultiIndex.from_arrays(
        [lineage["source"].astype(str).to_numpy(), lineage["record_id"].to_numpy(dtype=object)]
    )
    at = records.get_indexer(chosen)
    field = lineage["field"].to_numpy(dtype=object)
    value = lineage["value"].to_numpy(dtype=object).copy()
    profile_row = pd.Index(golden["profile_id"]).get_indexer(lineage["profile_id"])
    for plain in plain_of.values():
        rows = np.flatnonzero(field == plain)
        value[rows] = work[plain].to_numpy(dtype=object)[at[rows]]
        column = np.full(len(golden), None, dtype=object)
        column[profile_row[rows]] = value[rows]
        golden[plain] = column
    lineage = lineage.assign(value=value)
    names = {plain: enc for enc, plain in plain_of.items()}
    lineage["field"] = lineage["field"].map(lambda f: names.get(f, f))
    unused = [*fields.values(), "country"]  # country is not encoded
    empty = [c for c in unused if c not in names and c in golden.columns]
    golden = golden.drop(columns=empty).rename(columns=names)
    return golden, lineage
