"""Quality of a clustering against known truth, from contingency counts.

Pair counts come from the sizes of the (profile, entity) contingency cells,
``sum C(n, 2)``, so a million records are scored without enumerating pairs.
"""

from __future__ import annotations

import pandas as pd

from ._errors import SchemaError

__all__ = ["evaluate"]


def _pairs(sizes: pd.Series) -> int:
    s = sizes.astype("int64")
    return int((s * (s - 1) // 2).sum())


def evaluate(profiles: pd.DataFrame, truth: pd.DataFrame) -> dict[str, float]:
    """Pairwise precision, recall and F1 of ``profiles`` against ``truth``.

    Parameters
    ----------
    profiles : pandas.DataFrame
        ``source``, ``record_id``, ``profile_id`` (as in ``Result.profiles``).
    truth : pandas.DataFrame
        ``source``, ``record_id``, ``entity_id``: the real customer of each record.

    Returns
    -------
    dict
        ``precision``, ``recall``, ``f1``, ``exact_entity_share`` (true customers
        whose records form exactly one profile), ``overmerged_profile_share``
        (profiles of 2+ records that mix customers), ``largest_profile``,
        ``n_profiles``, ``n_entities``.

    Examples
    --------
    >>> import pandas as pd
    >>> ids = ["1", "2", "3"]
    >>> p = pd.DataFrame({"source": "s", "record_id": ids, "profile_id": ["a", "a", "b"]})
    >>> t = pd.DataFrame({"source": "s", "record_id": ids, "entity_id": ["x", "x", "x"]})
    >>> evaluate(p, t)["recall"]
    0.3333333333333333
    """
    keys = ["source", "record_id"]
    merged = (
        profiles[[*keys, "profile_id"]]
        .astype(str)
        .merge(truth[[*keys, "entity_id"]].astype(str), on=keys, how="outer", indicator=True)
    )
    unmatched = int((merged["_merge"] != "both").sum())
    if unmatched:
        raise SchemaError(
            [f"evaluate(): {unmatched} record(s) appear in only one of profiles and truth"]
        )
    cells = merged.groupby(["profile_id", "entity_id"]).size()
    profile_sizes = merged.groupby("profile_id").size()
    entity_sizes = merged.groupby("entity_id").size()
    tp = _pairs(cells)
    predicted = _pairs(profile_sizes)
    actual = _pairs(entity_sizes)
    precision = tp / predicted if predicted else 1.0
    recall = tp / actual if actual else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    per_entity = cells.reset_index(name="n")
    entities_per_profile = per_entity.groupby("profile_id").size()
    profiles_per_entity = per_entity.groupby("entity_id").size()
    exact = per_entity[
        per_entity["profile_id"].map(entities_per_profile).eq(1)
        & per_entity["entity_id"].map(profiles_per_entity).eq(1)
    ]
    multi = profile_sizes[profile_sizes >= 2].index
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "exact_entity_share": len(exact) / len(entity_sizes) if len(entity_sizes) else 1.0,
        "overmerged_profile_share": float((entities_per_profile.reindex(multi) > 1).mean())
        if len(multi)
        else 0.0,
        "largest_profile": int(profile_sizes.max()) if len(profile_sizes) else 0,
        "n_profiles": len(profile_sizes),
        "n_entities": len(entity_sizes),
    }
