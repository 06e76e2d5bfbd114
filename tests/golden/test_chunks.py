"""Golden records built in parts of whole profiles equal the ones built at once."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from unifyid.golden._build import build_golden
from unifyid.golden._chunks import golden_chunks

from .test_properties import _RULES, _numbered, record


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(record, min_size=1, max_size=25).map(_numbered),
    rule=st.sampled_from(_RULES),
    chunk_records=st.integers(1, 8),
)
def test_parts_concatenated_are_the_whole_tables(tables, rows, rule, chunk_records):
    frame, raw, extras, profile_id = tables(rows)
    rules = {"email": rule, "name": rule, "address": rule, "extra": rule}
    golden, lineage = build_golden(frame, raw, extras, profile_id, rules=rules)
    parts = list(
        golden_chunks(frame, raw, extras, profile_id, rules=rules, chunk_records=chunk_records)
    )
    pd.testing.assert_frame_equal(pd.concat([g for g, _ in parts], ignore_index=True), golden)
    pd.testing.assert_frame_equal(
        pd.concat([lin for _, lin in parts], ignore_index=True), lineage.reset_index(drop=True)
    )


def test_a_profile_is_never_split_between_parts(tables):
    rows = _numbered(
        [
            {
                "source": "web",
                "profile": p,
                "email": f"{p}@x.com",
                "email__shared": False,
                "timestamp": None,
                "first_name": None,
                "last_name": None,
                "street": None,
                "opt_in": None,
            }
            for p in ["p1", "p1", "p1", "p2", "p3", "p3"]
        ]
    )
    frame, raw, extras, profile_id = tables(rows)
    parts = list(golden_chunks(frame, raw, extras, profile_id, chunk_records=2))
    ids = [g.profile_id.tolist() for g, _ in parts]
    assert len(ids) > 1 and [p for part in ids for p in part] == ["p1", "p2", "p3"]
    assert sum(int(g.n_records.sum()) for g, _ in parts) == len(frame)


def test_bad_inputs_are_reported_as_by_build_golden(tables):
    rows = _numbered(
        [
            {
                "source": "web",
                "profile": "p1",
                "email": None,
                "email__shared": False,
                "timestamp": None,
                "first_name": "ann",
                "last_name": None,
                "street": None,
                "opt_in": "Y",
            }
        ]
        * 3
    )
    frame, raw, extras, profile_id = tables(rows)
    extras = extras.assign(record_id="nobody")
    from unifyid._errors import ConfigError

    try:
        list(golden_chunks(frame, raw, extras, profile_id, chunk_records=1))
    except ConfigError as exc:
        assert "not in frame" in str(exc)
    else:
        raise AssertionError("unknown extras records must be an error")
    assert np.asarray(profile_id).size == 3
