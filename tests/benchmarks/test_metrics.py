"""Contingency-count metrics of the benchmark against hand-computed and brute-force answers."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.metrics import align_labels, score_labels


def test_perfect_clustering() -> None:
    s = score_labels(["a", "a", "b", "c", "c", "c"], [7, 7, 8, 9, 9, 9])
    assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)
    assert s.exact_entity_share == 1.0
    assert s.overmerged_cluster_share == 0.0
    assert s.largest_cluster == 3
    assert (s.true_pairs, s.predicted_pairs, s.correct_pairs) == (4, 4, 4)


def test_all_singletons() -> None:
    # No predicted pair: precision is vacuously 1, recall 0; only entity b (one record)
    # is recovered exactly; no cluster has two records, so nothing is over-merged.
    s = score_labels(["a", "a", "b"], [1, 2, 3])
    assert (s.precision, s.recall, s.f1) == (1.0, 0.0, 0.0)
    assert s.exact_entity_share == pytest.approx(1 / 2)
    assert s.overmerged_cluster_share == 0.0
    assert s.largest_cluster == 1


def test_one_giant_cluster() -> None:
    # 4 records in one cluster: 6 predicted pairs, 1 true pair (a-a), found.
    # precision 1/6, recall 1, F1 = 2 * (1/6) / (7/6) = 2/7.
    s = score_labels(["a", "a", "b", "c"], [1, 1, 1, 1])
    assert s.precision == pytest.approx(1 / 6)
    assert s.recall == 1.0
    assert s.f1 == pytest.approx(2 / 7)
    assert s.exact_entity_share == 0.0
    assert s.overmerged_cluster_share == 1.0
    assert s.largest_cluster == 4


def test_mixed_case_by_hand() -> None:
    # truth  A A A B B C      cluster sizes a: 1->2, 2->3, 3->1;  entity sizes b: A3 B2 C1
    # pred   1 1 2 2 2 3      cells: (A,1)=2 (A,2)=1 (B,2)=2 (C,3)=1
    # true pairs 3+1+0 = 4; predicted pairs 1+3+0 = 4; correct C(2,2)+C(2,2) = 2
    # precision 2/4, recall 2/4, F1 0.5
    # exact: only C (cell 1 = its size = its cluster's size) -> 1/3
    # clusters with >= 2 records: 1 (A only) and 2 (A and B) -> over-merged 1/2
    s = score_labels(list("AAABBC"), [1, 1, 2, 2, 2, 3])
    assert (s.true_pairs, s.predicted_pairs, s.correct_pairs) == (4, 4, 2)
    assert (s.precision, s.recall, s.f1) == (0.5, 0.5, 0.5)
    assert s.exact_entity_share == pytest.approx(1 / 3)
    assert s.overmerged_cluster_share == 0.5
    assert s.largest_cluster == 3


def test_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="labels"):
        score_labels([1, 2], [1])
    with pytest.raises(ValueError, match="missing"):
        score_labels([1, None], [1, 2])


def _brute(truth: list[int], pred: list[int]) -> tuple[int, int, int]:
    tp = p = t = 0
    for i, j in itertools.combinations(range(len(truth)), 2):
        same_t, same_p = truth[i] == truth[j], pred[i] == pred[j]
        t += same_t
        p += same_p
        tp += same_t and same_p
    return t, p, tp


def _brute_exact(truth: list[int], pred: list[int]) -> float:
    ents = {e: {i for i, x in enumerate(truth) if x == e} for e in set(truth)}
    clus = [{i for i, x in enumerate(pred) if x == c} for c in set(pred)]
    return sum(members in clus for members in ents.values()) / len(ents)


def _brute_overmerged(truth: list[int], pred: list[int]) -> float:
    multi = [c for c in set(pred) if pred.count(c) >= 2]
    mixed = [c for c in multi if len({truth[i] for i, x in enumerate(pred) if x == c}) > 1]
    return len(mixed) / len(multi) if multi else 0.0


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), min_size=1, max_size=40),
)
def test_matches_brute_force_pair_enumeration(labels: list[tuple[int, int]]) -> None:
    truth = [t for t, _ in labels]
    pred = [p for _, p in labels]
    s = score_labels(truth, pred)
    t, p, tp = _brute(truth, pred)
    assert (s.true_pairs, s.predicted_pairs, s.correct_pairs) == (t, p, tp)
    assert s.precision == pytest.approx(tp / p if p else 1.0)
    assert s.recall == pytest.approx(tp / t if t else 1.0)
    assert s.exact_entity_share == pytest.approx(_brute_exact(truth, pred))
    assert s.overmerged_cluster_share == pytest.approx(_brute_overmerged(truth, pred))
    assert s.largest_cluster == max(pred.count(c) for c in set(pred))


def test_align_labels_scores_missing_records_as_singletons() -> None:
    truth = pd.DataFrame(
        {"source": ["w", "w", "s"], "record_id": ["1", "2", "1"], "entity_id": [5, 5, 5]}
    )
    pred = pd.DataFrame({"source": ["w", "w"], "record_id": ["1", "2"], "cluster_id": ["x", "x"]})
    merged, missing = align_labels(truth, pred)
    assert missing == 1
    s = score_labels(merged["entity_id"], merged["cluster_id"])
    assert (s.predicted_pairs, s.correct_pairs, s.true_pairs) == (1, 1, 3)


def test_align_labels_rejects_duplicates_and_strangers() -> None:
    truth = pd.DataFrame({"source": ["w"], "record_id": ["1"], "entity_id": [1]})
    dup = pd.DataFrame({"source": ["w", "w"], "record_id": ["1", "1"], "cluster_id": [1, 2]})
    with pytest.raises(ValueError, match="more than once"):
        align_labels(truth, dup)
    stranger = pd.DataFrame({"source": ["w", "x"], "record_id": ["1", "9"], "cluster_id": [1, 2]})
    with pytest.raises(ValueError, match="not in the input"):
        align_labels(truth, stranger)
