"""The whole pipeline on Spark: the local stages' code, run by Spark's data operations.

standardise -> value profile -> block -> compare -> fit -> cluster -> golden,
each the Spark counterpart of a local stage and tested equal to it; the driver
holds only the fitted model and small per-rule statistics.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd

from ..._atomic import StagedFolder, new_run_id
from ...block import BlockingRule, default_blocking_rules
from ...graph import CannotLink, ClusterSettings
from ...matchers import Matcher, default_matchers
from ...standardise._stage import STANDARD_COLUMNS
from ._block import spark_candidate_pairs
from ._cluster import spark_cluster
from ._compare import spark_compare_pairs
from ._fit import spark_fit
from ._golden import spark_golden
from ._records import ROW, spark_profile_values
from ._session import spark_session
from ._standardise import standardised_tables
from ._write import _drop_checksums, is_local_path, write_partitioned

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

    from ..._source import Source
    from ...golden import SurvivorshipRule
    from ...score import FittedModel

__all__ = ["SparkResult", "SparkSettings", "resolve_on_spark", "spark_output_folder"]

#: Tables of a run, in the order they are written.
TABLES = ("profiles", "golden", "lineage", "edges")
#: The record keys of an edge, as in the local engine's ``edges`` table.
EDGE_KEYS = ("source_l", "record_id_l", "source_r", "record_id_r")


@dataclass(frozen=True)
class SparkSettings:
    """The ``Resolver`` parameters the Spark pipeline reads."""

    matchers: Sequence[Matcher] | None = None
    blocking: Sequence[BlockingRule] | None = None
    cannot_link: Sequence[CannotLink] | None = None
    identifier_limits: Mapping[str, int] | None = None
    hub_blocklist: Mapping[str, Sequence[str]] | None = None
    hub_allowlist: Mapping[str, Sequence[str]] | None = None
    golden_rules: Mapping[str, SurvivorshipRule] | None = None
    threshold: float = 0.7
    max_block_size: int = 50
    hub_people: int = 3
    hub_records: int = 50
    region: str = "US"
    n_random_pairs: int = 200_000
    max_iter: int = 100
    random_state: int = 0


@dataclass(frozen=True)
class SparkResult:
    """What ``Resolver(engine="spark").resolve`` returns: lazy Spark tables.

    ``profiles`` (``source``, ``record_id``, ``profile_id``: every input
    record exactly once), ``golden`` and ``lineage`` (as the local engine's),
    ``edges`` (every candidate pair: both records' keys, ``match_weight``,
    ``match_probability``, ``linked``, ``cut_reason``, as the local
    ``Result.edges`` without the per-matcher columns).
    ``blocking`` counts pairs per rule (small, on the driver).
    """

    profiles: DataFrame
    golden: DataFrame
    lineage: DataFrame
    edges: DataFrame
    blocking: pd.DataFrame
    timings: dict[str, float] = field(default_factory=dict)

    def write(
        self,
        out_dir: str | os.PathLike[str] | StagedFolder,
        *,
        edges: Literal["decisive", "all", "none"] = "decisive",
    ) -> dict[str, str]:
        """Write each table as a Parquet dataset under ``out_dir``; return their folders.

        ``profiles`` is partitioned by ``source``. ``edges`` as the local
        engine's ``--edges``: ``"decisive"`` (pairs linked, or kept apart by a
        rule or a cut), ``"all"`` candidate pairs, or ``"none"``. A local ``out_dir`` appears
        whole or not at all (staged beside it, ``_SUCCESS.json`` written
        last; pass :func:`spark_output_folder` opened before the run to check
        early that it can be written); on an object store each table goes to
        its own run folder with its marker (see ``write_partitioned``).
        """
        from pyspark.sql import functions as F

        tables = {
            name: getattr(self, name) for name in TABLES if edges != "none" or name != "edges"
        }
        if edges == "decisive":
            tables["edges"] = self.edges.where(F.col("linked") | F.col("cut_reason").isNotNull())
        parts = {"profiles": ["source"]}
        if not isinstance(out_dir, StagedFolder) and not is_local_path(out_dir):
            base = os.fspath(out_dir).rstrip("/")
            run_id = new_run_id()
            return {
                name: write_partitioned(
                    df, f"{base}/{name}", partition_by=parts.get(name, ()), run_id=run_id
                )
                for name, df in tables.items()
            }
        staged = out_dir if isinstance(out_dir, StagedFolder) else spark_output_folder(out_dir)
        # Every table is owned, written or not: an earlier run's edges never survive.
        with staged as stage:
            for name, df in tables.items():
                writer = df.write.mode("overwrite")
                if name in parts:
                    writer = writer.partitionBy(*parts[name])
                writer.parquet((stage.path / name).as_uri())
            _drop_checksums(stage.path)
            (stage.path / "blocking.json").write_text(
                json.dumps(self.blocking.to_dict(orient="records"), indent=2), encoding="utf-8"
            )
            stage.commit({"engine": "spark", "tables": list(tables)})
        return {name: str(staged.target / name) for name in tables}


def spark_output_folder(out_dir: str | os.PathLike[str]) -> StagedFolder:
    """The staged local folder :meth:`SparkResult.write` fills. Entering it checks that
    ``out_dir`` can be written, so a run can refuse a bad folder before any work."""
    return StagedFolder(Path(os.fspath(out_dir)), owned=(*TABLES, "blocking.json"))


def resolve_on_spark(
    sources: Sequence[Source],
    settings: SparkSettings,
    *,
    spark: Any | None = None,
) -> tuple[SparkResult, FittedModel]:
    """Fit on the sources and cluster them on Spark; the same profiles and ids as locally."""
    from pyspark.sql import functions as F

    spark = spark or spark_session()
    timings: dict[str, float] = {}
    t = time.perf_counter()
    records, raw, extras = standardised_tables(spark, sources, region=settings.region)
    present = _columns_present(records)
    timings["standardise"] = time.perf_counter() - t

    t = time.perf_counter()
    records = spark_profile_values(
        records,
        hub_people=settings.hub_people,
        hub_records=settings.hub_records,
        blocklist=_lists(settings.hub_blocklist),
        allowlist=_lists(settings.hub_allowlist),
    ).localCheckpoint()
    timings["hubs"] = time.perf_counter() - t

    t = time.perf_counter()
    rules = list(settings.blocking) if settings.blocking else list(default_blocking_rules())
    blocking = spark_candidate_pairs(records, rules, max_block_size=settings.max_block_size)
    timings["block"] = time.perf_counter() - t

    t = time.perf_counter()
    matchers = list(settings.matchers) if settings.matchers else default_matchers(present)
    gamma = spark_compare_pairs(records, blocking.pairs, matchers).localCheckpoint()
    timings["compare"] = time.perf_counter() - t

    t = time.perf_counter()
    fitted = spark_fit(
        records,
        gamma,
        blocking.rule_pairs,
        blocking.representative,
        rules,
        matchers,
        n_random_pairs=settings.n_random_pairs,
        max_iter=settings.max_iter,
        random_state=settings.random_state,
    )
    timings["fit"] = time.perf_counter() - t

    t = time.perf_counter()
    terms = fitted.terms
    scored = records.join(terms.frame, on=ROW, how="left")
    clustering = spark_cluster(
        scored,
        gamma,
        fitted.model,
        ClusterSettings(
            threshold=settings.threshold,
            cannot_link=settings.cannot_link,
            identifier_limits=settings.identifier_limits,
        ),
        term_frequencies=dict(zip(terms.keys, terms.columns)),
    )
    labelled = clustering.records.drop(*terms.columns).localCheckpoint()
    timings["graph"] = time.perf_counter() - t

    t = time.perf_counter()
    golden, lineage = spark_golden(labelled, raw, extras, rules=settings.golden_rules)
    keys = labelled.select(ROW, "source", "record_id")
    edges = (
        clustering.pairs.join(_keys_of(keys, "left", "l"), on="left")
        .join(_keys_of(keys, "right", "r"), on="right")
        .select(
            *EDGE_KEYS,
            F.col("weight").alias("match_weight"),
            F.col("probability").alias("match_probability"),
            "linked",
            F.col("reason").alias("cut_reason"),
        )
    )
    timings["golden"] = time.perf_counter() - t
    result = SparkResult(
        profiles=labelled.select("source", "record_id", "profile_id"),
        golden=golden,
        lineage=lineage,
        edges=edges,
        blocking=blocking.per_rule,
        timings=timings,
    )
    return result, fitted.model


def _keys_of(keys: DataFrame, side: str, suffix: str) -> DataFrame:
    """The records' keys renamed for one side of the pairs (``left`` -> ``source_l`` ..)."""
    from pyspark.sql import functions as F

    return keys.select(
        F.col(ROW).alias(side),
        F.col("source").alias(f"source_{suffix}"),
        F.col("record_id").alias(f"record_id_{suffix}"),
    )


def _columns_present(records: DataFrame) -> tuple[str, ...]:
    """The standardised columns holding at least one value (one Spark job), as the local
    engine's ``columns_present``."""
    from pyspark.sql import functions as F

    columns = [c for c in STANDARD_COLUMNS if c in records.columns]
    if not columns:
        return ()
    counts = records.agg(*(F.count(F.col(c)).alias(c) for c in columns)).first()
    return tuple(c for c in columns if counts[c] > 0)


def _lists(values: Mapping[str, Sequence[str]] | None) -> dict[str, list[str]] | None:
    return None if values is None else {k: list(v) for k, v in values.items()}
