"""Connected components of a Spark edge table by alternating large-star and small-star.

The algorithm of Kiveris et al., "Connected Components in MapReduce and
Beyond" (SoCC 2014): every edge is kept pointing from its larger node to its
smaller one; *large-star* links each node's larger neighbours to the smallest
node of its neighbourhood, *small-star* links each node and its smaller
neighbours to the smallest of them. Both keep every component connected, and
alternating them turns each component into a star around its smallest node in
O(log² n) rounds (a handful in practice). Everything stays on the cluster: the
driver sees one count per round, to stop once every component is a star.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

__all__ = ["connected_components"]

log = logging.getLogger("unifyid")

#: Rounds after which a graph that is still not a forest of stars is reported as an error.
MAX_ROUNDS = 200


def connected_components(
    edges: DataFrame,
    nodes: DataFrame | None = None,
    *,
    max_rounds: int = MAX_ROUNDS,
) -> DataFrame:
    """Component of every node: the smallest node id connected to it.

    Parameters
    ----------
    edges
        Undirected edges in long (64-bit integer) columns ``left`` and
        ``right``; duplicates, both directions and self-loops are allowed.
    nodes
        Optional node ids in a long column ``node``: nodes without edges
        (records that matched nothing) come out as their own component. Without
        it, only nodes that appear in ``edges`` come out.
    max_rounds
        Stop with an error after this many rounds (a bound, never reached on a
        valid graph).

    Returns
    -------
    DataFrame
        Columns ``node`` and ``component`` (both long), one row per node; the
        partition equals :func:`unifyid.graph.components` on the same graph,
        and ``component`` is the smallest ``node`` of each component.

    Notes
    -----
    Each round is a few shuffles of the edge table, materialised with
    ``localCheckpoint``, and one count on the driver. The checkpoint each round
    is needed, not a tuning: a round's plan reads the previous edges several
    times, so plans left to grow would double in size every round. The edge
    table shrinks towards one edge per node.
    """
    from pyspark.sql import functions as F

    star = _oriented(edges)
    for round_ in range(1, max_rounds + 1):
        star = _small_star(_large_star(star)).localCheckpoint(eager=True)
        if _is_forest_of_stars(star):
            log.debug("connected components: %d large-star/small-star round(s)", round_)
            break
    else:
        raise RuntimeError(f"connected components did not converge in {max_rounds} rounds")

    leaves = star.select(F.col("hi").alias("node"), F.col("lo").alias("component"))
    centres = star.select(F.col("lo").alias("node"), F.col("lo").alias("component"))
    labelled = leaves.unionByName(centres).distinct()
    if nodes is None:
        return labelled
    return (
        nodes.select(F.col("node").cast("long"))
        .distinct()
        .join(labelled, "node", "left")
        .select("node", F.coalesce("component", "node").alias("component"))
    )


def _oriented(edges: DataFrame) -> DataFrame:
    """Each undirected edge once, as ``hi`` > ``lo``; self-loops dropped."""
    from pyspark.sql import functions as F

    left, right = F.col("left").cast("long"), F.col("right").cast("long")
    return (
        edges.select(F.greatest(left, right).alias("hi"), F.least(left, right).alias("lo"))
        .where(F.col("hi") != F.col("lo"))
        .distinct()
    )


def _smallest_below(star: DataFrame) -> DataFrame:
    """Per node ``hi`` with a smaller neighbour, the smallest one (``m``)."""
    from pyspark.sql import functions as F

    return star.groupBy("hi").agg(F.min("lo").alias("m"))


def _large_star(star: DataFrame) -> DataFrame:
    """Link every node's larger neighbours to the smallest node of its neighbourhood.

    The smallest node around ``u`` is its smallest smaller neighbour, or ``u``
    itself when it has none, so one aggregate and one join suffice.
    """
    from pyspark.sql import functions as F

    below = _smallest_below(star).withColumnRenamed("hi", "lo")
    return star.join(below, "lo", "left").select("hi", F.coalesce("m", "lo").alias("lo"))


def _small_star(star: DataFrame) -> DataFrame:
    """Link every node and its smaller neighbours to the smallest of them."""
    from pyspark.sql import functions as F

    below = _smallest_below(star)
    smaller = (
        star.join(below, "hi")
        .where(F.col("lo") != F.col("m"))
        .select(F.col("lo").alias("hi"), F.col("m").alias("lo"))
    )
    return smaller.unionByName(below.select("hi", F.col("m").alias("lo"))).distinct()


def _is_forest_of_stars(star: DataFrame) -> bool:
    """Whether every node has at most one smaller neighbour, which itself has none.

    Then each component is a star around its smallest node and both steps
    leave the edges unchanged. One shuffle: each node's count of smaller
    neighbours and whether it is some node's smaller neighbour.
    """
    from pyspark.sql import functions as F

    roles = star.select(
        F.col("hi").alias("node"), F.lit(1).alias("below"), F.lit(0).alias("above")
    ).unionByName(
        star.select(F.col("lo").alias("node"), F.lit(0).alias("below"), F.lit(1).alias("above"))
    )
    nodes = roles.groupBy("node").agg(F.sum("below").alias("below"), F.max("above").alias("above"))
    bad = (F.col("below") > 1) | ((F.col("below") == 1) & (F.col("above") == 1))
    return nodes.where(bad).limit(1).count() == 0
