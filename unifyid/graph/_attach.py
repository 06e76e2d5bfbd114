"""Records that carry nothing but a name join the profile most likely to be theirs.

A pair's score weighs the evidence of that pair alone. A record holding only
a name (a support ticket signed "Sergei Volkov, Los Angeles", a receipt) gets
the same middling score with every namesake's records and is left alone,
even when one person holds nearly all the records of that name: a frequent
customer's name-only tickets each become a profile of their own.

Whose record is it? If people write records in proportion to how many they
have, the chance that the record is a given person's, before any evidence, is
their share ``k / (n - 1)`` of the other records. Times the pair's likelihood
ratio, that gives the odds for each profile the record was compared with;
against them stands the chance that it is nobody's here. The record joins
the profile whose share of the posterior clears the link threshold.

Only records with none of ``IDENTIFYING_COLUMNS`` are considered: a record
carrying an email, phone or birth date that links to nothing was kept apart
on that evidence, and the same sum over its pairs would be far too sure.
Pairs vetoed by a cannot-link rule or cut to separate conflicting records
are never used.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .._schema import ENCODED_TYPES

__all__ = [
    "ATTACH_REASON",
    "IDENTIFYING_COLUMNS",
    "attach_name_only",
    "carries_no_identifier",
    "choose_profiles",
    "identifying_columns",
]

#: Fields that identify a person beyond a name and a town. A record with none of
#: them (or of their encoded twins) can only be placed by its name.
IDENTIFYING_COLUMNS = (
    "email",
    "phone",
    "dob",
    "postcode",
    "street",
    "device_id",
    "loyalty_id",
    "customer_id",
)

#: The reason on the pair that joined a name-only record to its profile.
ATTACH_REASON = "name-only record joined its likeliest profile"


def identifying_columns(columns: Sequence[str]) -> list[str]:
    """Those of ``columns`` that hold ``IDENTIFYING_COLUMNS`` or their encoded digests
    (``email_hmac``, ``street_clk``, ...; see ``unifyid.encode``)."""
    wanted = {*IDENTIFYING_COLUMNS}
    wanted |= {t for t in ENCODED_TYPES for c in IDENTIFYING_COLUMNS if t.startswith(f"{c}_")}
    return [c for c in columns if c in wanted]


def carries_no_identifier(frame: pd.DataFrame) -> np.ndarray:
    """Per record, whether it holds none of ``IDENTIFYING_COLUMNS`` (plain or encoded)."""
    none = np.ones(len(frame), dtype=bool)
    for name in identifying_columns(list(frame.columns)):
        none &= frame[name].isna().to_numpy()
    return none


def choose_profiles(
    record: np.ndarray,
    partner: np.ndarray,
    profile: np.ndarray,
    size: np.ndarray,
    bits: np.ndarray,
    *,
    n_records: int,
    threshold: float,
) -> np.ndarray:
    """Which pairs join their record to their partner's profile (a boolean mask).

    One row per usable pair of a lone name-only ``record`` with a ``partner``
    in ``profile`` (of ``size`` records; any labels), and the pair's evidence
    ``bits`` (log2 likelihood ratio, without the prior). Per record and
    profile the strongest pair speaks; the profile's odds are that pair's
    likelihood ratio times ``size / (n_records - 1)``. A record joins the
    profile with the largest share of ``odds / (1 + sum of odds)`` if that
    share reaches ``threshold`` and the profile holds two or more records:
    the one pair marked per joining record is its strongest pair into it.
    Depends only on the rows' values, not on their order.
    """
    out = np.zeros(len(record), dtype=bool)
    if len(record) == 0 or n_records < 2:
        return out
    rows = pd.DataFrame(
        {"record": record, "profile": profile, "partner": partner, "bits": bits, "size": size}
    )
    # The strongest pair per record and profile (ties: the smallest partner).
    rows = rows.sort_values(
        ["record", "profile", "bits", "partner"], ascending=[True, True, False, True]
    )
    best = rows.drop_duplicates(["record", "profile"])
    log_odds = best["bits"].to_numpy() + np.log2(best["size"].to_numpy() / (n_records - 1))
    # Shares of the posterior per record, scaled by the record's largest odds.
    top = pd.Series(np.maximum(log_odds, 0.0)).groupby(best["record"].to_numpy()).transform("max")
    scaled = np.exp2(log_odds - top.to_numpy())
    total = pd.Series(scaled).groupby(best["record"].to_numpy()).transform("sum").to_numpy()
    share = scaled / (np.exp2(-top.to_numpy()) + total)
    ranked = best.assign(share=share).sort_values(
        ["record", "share", "profile"], ascending=[True, False, True]
    )
    chosen = ranked.drop_duplicates("record")
    chosen = chosen[(chosen["share"] >= threshold) & (chosen["size"] >= 2)]
    out[chosen.index.to_numpy()] = True
    return out


def attach_name_only(
    no_identifier: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    bits: np.ndarray,
    linked: np.ndarray,
    reason: np.ndarray,
    labels: np.ndarray,
    *,
    threshold: float,
    n_records: int,
) -> np.ndarray:
    """Join lone records that carry only a name (``no_identifier``, see
    ``carries_no_identifier``) to their likeliest profile (see the module docstring).

    Only pairs neither linked nor given a reason (vetoed, cut) are read. The
    joining pairs get ``linked`` and ``ATTACH_REASON`` in place. Returns the
    new labels: every join is decided on the labels given, so the joins do
    not depend on one another or on their order.
    """
    size = np.bincount(labels, minlength=len(labels))
    lone = (size[labels] == 1) & no_identifier
    usable = ~linked & np.equal(reason, None)
    on_left, on_right = np.flatnonzero(usable & lone[left]), np.flatnonzero(usable & lone[right])
    pair = np.r_[on_left, on_right]
    record = np.r_[left[on_left], right[on_right]]
    partner = np.r_[right[on_left], left[on_right]]
    joins = choose_profiles(
        record,
        partner,
        labels[partner],
        size[labels[partner]],
        bits[pair],
        n_records=n_records,
        threshold=threshold,
    )
    if not joins.any():
        return labels
    linked[pair[joins]] = True
    reason[pair[joins]] = ATTACH_REASON
    labels = labels.copy()
    labels[record[joins]] = labels[partner[joins]]
    return labels
