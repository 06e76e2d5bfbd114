"""Resolver(engine="spark") gives the local engine's profiles, ids and golden records."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import unifyid as uid
from unifyid.datasets import make_customers

N_RECORDS = 20_000  # the size the engines are required to agree on, in CI


@pytest.fixture(scope="module")
def sources():
    return make_customers(N_RECORDS, seed=5).to_sources()


@pytest.fixture(scope="module")
def local(sources):
    resolver = uid.Resolver()
    return resolver, resolver.resolve(sources)


@pytest.fixture(scope="module")
def on_spark(spark, sources, tmp_path_factory):
    """The same sources given as Spark reads them: one as a Spark DataFrame, one as a
    Parquet file, the others as pandas frames."""
    first, second, *rest = sources
    parquet = tmp_path_factory.mktemp("sources") / f"{second.name}.parquet"
    second.read().to_parquet(parquet)
    given = [
        uid.Source(
            first.name,
            spark.createDataFrame(first.read()),
            id=first.id,
            columns=dict(first.columns),
        ),
        uid.Source(second.name, parquet, id=second.id, columns=dict(second.columns)),
        *rest,
    ]
    resolver = uid.Resolver(engine="spark")
    return resolver, resolver.resolve(given)


def _sorted(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return frame.sort_values(keys).reset_index(drop=True)


def test_same_profiles_and_ids(local, on_spark):
    keys = ["source", "record_id"]
    want = _sorted(local[1].profiles[[*keys, "profile_id"]], keys)
    got = _sorted(on_spark[1].profiles.toPandas(), keys)
    assert len(got) == N_RECORDS  # every record exactly once
    assert got["source"].astype(str).tolist() == want["source"].astype(str).tolist()
    assert got["record_id"].tolist() == want["record_id"].tolist()
    assert got["profile_id"].tolist() == want["profile_id"].tolist()
    assert want["profile_id"].nunique() < N_RECORDS  # records were linked


def test_same_model(local, on_spark):
    a, b = local[0], on_spark[0]
    assert [m.name for m in a.matchers_] == [m.name for m in b.matchers_]
    for name in a.m_:
        np.testing.assert_allclose(a.m_[name], b.m_[name], rtol=1e-9)
        np.testing.assert_allclose(a.u_[name], b.u_[name], rtol=1e-9)
    assert a.lambda_ == pytest.approx(b.lambda_, rel=1e-9)


def test_same_golden_records(local, on_spark):
    want = _sorted(local[1].golden, ["profile_id"])
    got = _sorted(on_spark[1].golden.toPandas(), ["profile_id"])[list(want.columns)]
    assert got["profile_id"].tolist() == want["profile_id"].tolist()
    for column in want.columns:
        left = want[column].astype(object).where(want[column].notna(), None).tolist()
        right = got[column].astype(object).where(got[column].notna(), None).tolist()
        assert [None if v is None else str(v) for v in left] == [
            None if v is None else str(v) for v in right
        ], column


def test_the_run_folder_is_written_whole(on_spark, tmp_path):
    out = tmp_path / "run"
    paths = on_spark[1].write(out)
    assert set(paths) == {"profiles", "golden", "lineage", "edges"}
    assert (out / "_SUCCESS.json").is_file()
    profiles = pd.read_parquet(out / "profiles")
    assert len(profiles) == N_RECORDS
    edges = pd.read_parquet(out / "edges")
    assert (edges["linked"] | edges["cut_reason"].notna()).all()  # decisive pairs only


def test_the_command_line_runs_on_spark(spark, tmp_path, capsys):
    from unifyid.cli import main
    from unifyid.io import write_dataset

    config = write_dataset(make_customers(600, seed=2), tmp_path / "data")
    assert main(["resolve", str(config), "--out", str(tmp_path / "out"), "--engine", "spark"]) == 0
    profiles = pd.read_parquet(tmp_path / "out" / "profiles")
    assert len(profiles) == 600
    assert "resolved on Spark" in capsys.readouterr().out


def test_a_spark_dataframe_source_needs_the_spark_engine(spark, sources):
    src = sources[0]
    given = uid.Source(
        src.name, spark.createDataFrame(src.read()), id=src.id, columns=dict(src.columns)
    )
    with pytest.raises(uid.ConfigError, match="engine='spark'"):
        uid.Resolver().resolve([given])


def test_spark_sources_are_checked_as_local_ones(spark, sources):
    src = sources[0]
    frame = src.read()
    doubled = pd.concat([frame, frame.head(3)])
    given = uid.Source(
        src.name,
        spark.createDataFrame(doubled),
        id=src.id,
        columns={**src.columns, "nowhere": "email"},
    )
    with pytest.raises(uid.SchemaError, match="nowhere"):
        uid.Resolver(engine="spark").resolve([given])
    given = uid.Source(
        src.name, spark.createDataFrame(doubled), id=src.id, columns=dict(src.columns)
    )
    with pytest.raises(uid.SchemaError, match="3 duplicate id"):
        uid.Resolver(engine="spark").resolve([given])


def test_what_the_spark_engine_does_not_run_yet_is_refused(sources):
    with pytest.raises(uid.ConfigError, match="incremental"):
        uid.Resolver(engine="spark").resolve(sources, previous=object())
    pinned = uid.Overrides(must_link=[(("web", "1"), ("app", "1"))])
    with pytest.raises(uid.ConfigError, match="overrides"):
        uid.Resolver(engine="spark", overrides=pinned).resolve(sources)


def test_an_unknown_engine_is_a_config_error(sources):
    with pytest.raises(uid.ConfigError, match="engine"):
        uid.Resolver(engine="dask").resolve(sources)


def test_the_command_line_refuses_a_bad_output_folder_before_starting_spark(tmp_path, capsys):
    """As with the local engine: a folder of someone else's files is refused at once,
    before a Spark session starts or any record is read."""
    from unittest import mock

    from unifyid.cli import main
    from unifyid.io import write_dataset

    config = write_dataset(make_customers(50, seed=2), tmp_path / "data")
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("not unifyid's", encoding="utf-8")
    with mock.patch("unifyid.engines._spark._pipeline.resolve_on_spark") as run:
        code = main(["resolve", str(config), "--out", str(out), "--engine", "spark"])
    assert code == 2
    assert not run.called
    assert "did not write" in capsys.readouterr().err
    assert (out / "notes.txt").is_file()
