"""Connected components, stable ids and cannot-link rules on hand-built graphs."""

import numpy as np
import pandas as pd
import pytest

import unifyid as uid
from unifyid.graph import CannotLink, cannot_link_mask, components, profile_ids
from unifyid.matchers import DateMatch, FirstNameMatch


def test_components_known_by_inspection():
    # 0-1-2 chain, 3 alone, 4-5
    labels = components(6, np.array([1, 0, 4]), np.array([2, 1, 5]))
    assert labels.tolist() == [0, 0, 0, 1, 2, 2]


def test_components_do_not_depend_on_edge_order():
    rng = np.random.default_rng(3)
    left, right = rng.integers(0, 200, 150), rng.integers(0, 200, 150)
    perm = rng.permutation(150)
    assert np.array_equal(components(200, left, right), components(200, right[perm], left[perm]))


def test_profile_ids_are_anchored_on_smallest_record():
    src = pd.Series(["a", "a", "b"])
    rid = pd.Series(["1", "2", "1"])
    ids = profile_ids(src, rid, np.array([0, 0, 1]))
    assert ids[0] == ids[1] != ids[2]
    # Same anchor record -> same id, whatever else is in the run.
    alone = profile_ids(pd.Series(["a"]), pd.Series(["1"]), np.array([0]))
    assert alone[0] == ids[0]


def test_cannot_link_rule_hits_only_when_all_conditions_hold():
    matchers = [FirstNameMatch(), DateMatch()]
    else_first = matchers[0].level_labels().index("else")
    else_dob = matchers[1].level_labels().index("else")
    gamma = np.array(
        [[else_first, else_dob], [else_first, 1], [1, else_dob], [0, 0]], dtype=np.int8
    )
    rule = CannotLink({"first_name": "else", "dob": ["else"]})
    assert cannot_link_mask(gamma, matchers, [rule]).tolist() == [0, -1, -1, -1]


def test_cannot_link_names_unknown_levels():
    rule = CannotLink({"dob": ("differs",)})
    with pytest.raises(uid.ConfigError, match="differs"):
        cannot_link_mask(np.zeros((1, 1), dtype=np.int8), [DateMatch()], [rule])


def test_cannot_link_on_absent_matcher_never_hits():
    rule = CannotLink({"loyalty_id": ("else",)})
    assert cannot_link_mask(np.ones((2, 1), dtype=np.int8), [DateMatch()], [rule]).tolist() == [
        -1,
        -1,
    ]
