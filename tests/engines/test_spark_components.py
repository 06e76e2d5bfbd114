"""Distributed connected components give exactly the local (scipy) partition, each
component labelled by its smallest node, on the graph shapes that stress them."""

import numpy as np
import pandas as pd
import pytest

from unifyid.graph import components

pytestmark = pytest.mark.spark


def spark_components(spark, n_nodes, left, right, *, with_nodes=True):
    from unifyid.engines._spark import connected_components

    edges = spark.createDataFrame(
        pd.DataFrame({"left": np.asarray(left, "int64"), "right": np.asarray(right, "int64")}),
        "left long, right long",
    )
    nodes = spark.range(n_nodes).withColumnRenamed("id", "node") if with_nodes else None
    out = connected_components(edges, nodes).toPandas()
    return out.sort_values("node", ignore_index=True)


def expected(n_nodes, left, right):
    """Per node, the smallest node of its component, from the local engine."""
    labels = components(n_nodes, np.asarray(left, "int64"), np.asarray(right, "int64"))
    return pd.Series(np.arange(n_nodes)).groupby(labels).transform("min").to_numpy()


def check(spark, n_nodes, left, right):
    out = spark_components(spark, n_nodes, left, right)
    assert out["node"].tolist() == list(range(n_nodes))  # every node once, isolated ones too
    np.testing.assert_array_equal(out["component"].to_numpy(), expected(n_nodes, left, right))


def test_a_long_path(spark):
    n = 1_000  # ten rounds in path order, eight with shuffled ids (as here)
    ids = np.random.default_rng(3).permutation(n)
    check(spark, n + 5, ids[:-1], ids[1:])


def test_a_star_whose_centre_is_not_its_smallest_node(spark):
    leaves = np.array([i for i in range(300) if i != 150])
    check(spark, 300, np.full(len(leaves), 150), leaves)


def test_many_small_components_with_shuffled_ids_and_isolated_nodes(spark):
    rng = np.random.default_rng(7)
    n = 3_000
    ids = rng.permutation(n)
    # pairs, triangles and paths of 2 to 6 nodes over shuffled ids; a tenth of the nodes alone
    left, right, start = [], [], 0
    while start < 0.9 * n:
        size = int(rng.integers(2, 7))
        group = ids[start : start + size]
        left += group[:-1].tolist()
        right += group[1:].tolist()
        if size == 3:
            left.append(group[0])
            right.append(group[2])
        start += size
    check(spark, n, left, right)


@pytest.mark.parametrize("seed", [0, 1])
def test_random_graphs_with_duplicates_self_loops_and_both_directions(spark, seed):
    rng = np.random.default_rng(seed)
    n, m = 2_000, 1_600  # below the giant-component threshold: components of many sizes
    left, right = rng.integers(0, n, m), rng.integers(0, n, m)
    left = np.concatenate([left, right[:100], left[:50], [5, 5]])
    right = np.concatenate([right, left[:100], right[:50], [5, 9]])
    check(spark, n, left, right)


def test_no_edges(spark):
    check(spark, 4, [], [])
    assert spark_components(spark, 4, [], [], with_nodes=False).empty


def test_without_a_node_table_only_linked_nodes_come_out(spark):
    out = spark_components(spark, 0, [3, 9, 4], [1, 8, 1], with_nodes=False)
    assert out.to_dict("list") == {"node": [1, 3, 4, 8, 9], "component": [1, 1, 1, 8, 8]}
