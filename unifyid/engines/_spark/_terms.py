"""Term frequencies on Spark: the local ``distinct_term_frequencies`` as group counts.

Each value's frequency is counted among the representatives of the groups
of exact duplicates (a customer with 300 identical tickets counts once) and
joined back to every record through its representative, as the local
``record_term_frequencies`` on the representatives' frame does. The first and
last name held together get how often strangers share them (the local
``shared_by_strangers``): per combination, the second-highest per-source
count of people, less one, over that source's size. The people of each
combination are counted by the local ``people_per_cell`` over one partition
that holds all of the combination's records. Combinations left uncounted get
the product of their names' frequencies raised by the names' association,
as the local ``with_name_association`` computes it. A name written surname
first, or with its given name's parts run together, counts with the same
name written in order (``joint_cells``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ...matchers import Matcher
from ...score._joint_names import (
    JOINT_COLUMNS,
    JOINT_KEY,
    LIFT_PRIOR_COMBINATIONS,
    SEPARATING_COLUMNS,
    people_per_cell,
)
from ._records import ROW
from ._workers import batches_in_one_process

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

__all__ = ["SparkTerms", "spark_term_frequencies"]


@dataclass(frozen=True)
class SparkTerms:
    """Per record (``row``) one double column per key of the local ``tf`` dict.

    ``keys[i]`` is the local key held in column ``columns[i]`` (NaN or null
    where the local value is NaN).
    """

    frame: DataFrame
    keys: tuple[str, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(f"tf{i}" for i in range(len(self.keys)))


def tf_keys(columns: Sequence[str], matchers: Sequence[Matcher]) -> list[str]:
    """The columns the local ``record_term_frequencies`` adjusts for, in its order."""
    out: list[str] = []
    for m in matchers:
        col = m.tf_column
        if m.tf_level is None or col is None or col not in columns or col in out:
            continue
        out.append(col)
    return out


def spark_term_frequencies(
    records: DataFrame, matchers: Sequence[Matcher], representative: DataFrame
) -> SparkTerms:
    """Per record, its values' frequencies among the representatives; copies share theirs.

    ``representative`` holds ``row`` and ``rep`` (``SparkBlocking.representative``).
    """
    from pyspark.sql import functions as F

    keys = tf_keys(records.columns, matchers)
    reps = records.join(representative, on=ROW).where(F.col("rep") == F.col(ROW))
    per_rep = []
    freqs = {}
    for col in keys:
        known = reps.where(F.col(col).isNotNull())
        total = known.agg(F.count("*").cast("double").alias("__total"))
        counts = known.groupBy(col).agg(F.count("*").cast("double").alias("__n"))
        freq = counts.crossJoin(total).select(col, (F.col("__n") / F.col("__total")).alias("f"))
        freqs[col] = freq
        per_rep.append(known.select(F.col(ROW).alias("rep"), col).join(freq, on=col))
    if "source" in records.columns and all(c in keys for c in JOINT_COLUMNS):
        keys.append(JOINT_KEY)
        per_rep.append(_shared_by_strangers(reps, freqs))
    out = representative.select(ROW, "rep")
    for i, part in enumerate(per_rep):
        out = out.join(part.select("rep", F.col("f").alias(f"tf{i}")), on="rep", how="left")
    return SparkTerms(out.drop("rep"), tuple(keys))


def _shared_by_strangers(reps: DataFrame, freqs: dict[str, DataFrame]) -> DataFrame:
    """Per representative holding both names (``rep``, ``f``): the combination's ``u``.

    Cells (combination however written, source) by count then ``u``, both
    descending, nulls last; the second cell's ``u`` is the counted one. Where
    there is none, the names' frequencies (``freqs``: per column, value and
    ``f``) and their association fill the gap (:func:`_with_name_association`).
    """
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    combo = list(JOINT_COLUMNS)
    present = reps
    for c in combo:
        present = present.where(F.col(c).isNotNull())
    # A full name's cell, its parts run together and in either order (the local
    # ``joint_cells``).
    cell = ["__lo", "__hi"]
    parts = [F.regexp_replace(F.col(c), " ", "") for c in combo]
    present = present.withColumn("__lo", F.least(*parts)).withColumn("__hi", F.greatest(*parts))
    sizes = present.groupBy("source").agg(F.count("*").cast("double").alias("__size"))
    cells = _people(present, cell).join(sizes, "source")
    others = F.col("__n") - 1.0
    cells = cells.withColumn("__u", F.when(others >= 1, others / F.col("__size")))
    order = Window.partitionBy(*cell).orderBy(F.desc("__n"), F.desc_nulls_last("__u"))
    counted = (
        cells.withColumn("__at", F.row_number().over(order))
        .where((F.col("__at") == 2) & F.col("__u").isNotNull())
        .select(*cell, F.col("__u").alias("__counted"))
    )
    named = present.select(*combo, *cell).distinct()
    counted = named.join(counted, on=cell).select(*combo, "__counted")
    combos = _with_name_association(named.select(*combo), counted, freqs)
    return present.select(F.col(ROW).alias("rep"), *combo).join(combos, on=combo).select("rep", "f")


def _with_name_association(
    combos: DataFrame, counted: DataFrame, freqs: dict[str, DataFrame]
) -> DataFrame:
    """Per combination (``combos``: the two name columns), ``f``: its counted ``u``
    (``counted``), else the product of its names' frequencies raised by their
    association where that is positive (null otherwise), as the local
    ``with_name_association``."""
    from pyspark.sql import functions as F

    first, last = JOINT_COLUMNS
    named = (
        combos.join(counted, on=[first, last], how="left")
        .join(freqs[first].withColumnRenamed("f", "__ff"), on=first)
        .join(freqs[last].withColumnRenamed("f", "__fl"), on=last)
        .withColumn("__ind", F.col("__ff") * F.col("__fl"))
    )
    lifts = named.where(F.col("__counted").isNotNull()).withColumn(
        "__lift", F.log2(F.col("__counted") / F.col("__ind"))
    )
    association = F.lit(0.0)
    for i, col in enumerate(JOINT_COLUMNS):
        per_name = lifts.groupBy(col).agg(
            (F.sum("__lift") / (F.count("*") + LIFT_PRIOR_COMBINATIONS)).alias(f"__a{i}")
        )
        named = named.join(per_name, on=col, how="left")
        association = association + F.coalesce(F.col(f"__a{i}"), F.lit(0.0)) / 2.0
    raised = F.when(association > 0, F.col("__ind") * F.pow(F.lit(2.0), association))
    return named.select(first, last, F.coalesce(F.col("__counted"), raised).alias("f"))


def _people(present: DataFrame, combo: list[str]) -> DataFrame:
    """Per cell (``combo``) and source, the people holding it (``__n``), as
    ``people_per_cell`` counts."""
    separators = [c for c in SEPARATING_COLUMNS if c in present.columns]
    schema = ", ".join(f"`{c}` string" for c in (*combo, "source")) + ", __n double"

    def count(batches):
        frame = pd.concat(list(batches), ignore_index=True)
        if frame.empty:
            return
        keys = frame[[*combo, "source"]]
        # Cells numbered in order of first appearance, as drop_duplicates lists them.
        where = keys.groupby([*combo, "source"], sort=False).ngroup().to_numpy(np.int64)
        out = keys.drop_duplicates().reset_index(drop=True)
        values = [frame[c].to_numpy(dtype=object) for c in separators]
        out["__n"] = people_per_cell(where, len(out), values)
        yield out

    rows = present.select(*combo, "source", *separators).repartition(*combo)
    return rows.mapInPandas(batches_in_one_process(count), schema)
