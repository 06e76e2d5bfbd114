"""goldenmatch with the configuration an expert would write for customer data.

One probabilistic (Fellegi-Sunter) matchkey over every usable column, with
missing values treated as unobserved (channels fill different fields):
given names with alias-aware Jaro-Winkler, surnames with frequency-weighted
Jaro-Winkler, date of birth and phone with edit-distance levels, street with
token-sort after address normalisation, exact e-mail, postcode, city and
identifiers. Blocking is multi-pass on each identifier and on name, date of
birth and postcode pairs, with goldenmatch's block-size cap. The threshold is
goldenmatch's own (from the fitted model). Offline, as in ``_goldenmatch``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from benchmarks.data import load
from benchmarks.tools import _goldenmatch as g
from benchmarks.tools._common import EXPERT_BLOCKS, main

CONFIG = (
    "probabilistic matchkey (missing=unobserved): first_name given_name_aliased_jw, "
    "last_name name_freq_weighted_jw, dob/phone levenshtein, street token_sort, exact "
    "email/postcode/city/ids; multi_pass blocking on ids, first+last, last+dob, first+dob, "
    "last+postcode (max block 1000); golden: most_complete; offline"
)

FIELDS: dict[str, dict[str, Any]] = {
    "first_name": {
        "scorer": "given_name_aliased_jw",
        "levels": 3,
        "transforms": ["lowercase", "strip"],
    },
    "last_name": {
        "scorer": "name_freq_weighted_jw",
        "levels": 3,
        "transforms": ["lowercase", "strip"],
    },
    "dob": {"scorer": "levenshtein", "levels": 3, "transforms": ["strip"]},
    "email": {"scorer": "exact", "transforms": ["lowercase", "strip"]},
    "phone": {"scorer": "levenshtein", "levels": 3, "transforms": ["digits_only"]},
    "street": {
        "scorer": "token_sort",
        "levels": 3,
        "transforms": ["address_normalize", "lowercase", "strip"],
    },
    "postcode": {"scorer": "exact", "transforms": ["strip"]},
    "city": {"scorer": "exact", "transforms": ["lowercase", "strip"]},
    "loyalty_id": {"scorer": "exact", "transforms": ["strip"]},
    "device_id": {"scorer": "exact", "transforms": ["strip"]},
    "customer_id": {"scorer": "exact", "transforms": ["strip"]},
}
PASSES: tuple[tuple[str, ...], ...] = EXPERT_BLOCKS


def config(columns: list[str]) -> Any:
    """The expert ``GoldenMatchConfig`` for the columns present in the data."""
    from goldenmatch import GoldenMatchConfig

    fields = [{"field": c, **spec} for c, spec in FIELDS.items() if c in columns]
    passes = [
        {"fields": list(p), "transforms": ["strip"]} for p in PASSES if set(p) <= set(columns)
    ]
    return GoldenMatchConfig(
        matchkeys=[
            {
                "name": "customer_fs",
                "type": "probabilistic",
                "fields": fields,
                "missing": "unobserved",
            }
        ],
        blocking={
            "strategy": "multi_pass",
            "keys": passes[:1],
            "passes": passes,
            "max_block_size": 1000,
            "skip_oversized": True,
        },
        golden_rules={"default_strategy": "most_complete"},
        exclude_columns=g.BOOKKEEPING,
    )


def run(data_dir: str) -> pd.DataFrame:
    """Deduplicate the data set in ``data_dir`` with the expert configuration."""
    g.offline()
    import goldenmatch as gm

    u, tbl = g.table(load(data_dir))
    result = gm.dedupe_df(tbl, config=config(list(u.columns)))
    return g.clusters(u, result)


if __name__ == "__main__":
    main(run, CONFIG)
