"""Partitioned Parquet written from Spark reads back equal, carries a checked completion
marker, replaces an earlier output whole, and a failed write leaves the old one as it was."""

import hashlib

import pandas as pd
import pytest

from unifyid import OutputError
from unifyid._atomic import MARKER, read_marker

pytestmark = pytest.mark.spark

ROWS = pd.DataFrame(
    {
        "source": ["web", "app", "web", "store", "app"],
        "record_id": ["w1", "a1", "w2", "s1", "a2"],
        "n": [1, 2, 3, 4, 5],
    }
)


def frame(spark, rows=ROWS):
    return spark.createDataFrame(rows, "source string, record_id string, n long")


def read_back(spark, folder):
    schema = "record_id string, n long, source string"  # partition columns come last
    out = spark.read.schema(schema).parquet(str(folder)).toPandas()
    return out[list(ROWS.columns)].sort_values("record_id", ignore_index=True)


def digests(folder):
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_partitioned_write_reads_back_equal_with_a_checked_marker(spark, tmp_path):
    from unifyid.engines._spark import write_partitioned

    out = tmp_path / "profiles"
    assert write_partitioned(frame(spark), out, partition_by=["source"]) == str(out)
    expected = ROWS.sort_values("record_id", ignore_index=True)
    pd.testing.assert_frame_equal(read_back(spark, out), expected)
    assert sorted(p.name for p in out.glob("source=*")) == [
        "source=app",
        "source=store",
        "source=web",
    ]
    marker = read_marker(out)  # every file listed with its checksum, and unchanged
    assert marker["partition_by"] == ["source"]
    assert not list(out.rglob("*.crc"))
    assert [p.name for p in tmp_path.iterdir()] == ["profiles"]  # no staging folder left


def test_a_new_write_replaces_the_old_one_whole(spark, tmp_path):
    from unifyid.engines._spark import write_partitioned

    out = tmp_path / "profiles"
    write_partitioned(frame(spark), out, partition_by=["source"])
    web_only = ROWS[ROWS["source"] == "web"]
    write_partitioned(frame(spark, web_only), out, partition_by=["source"])
    assert [p.name for p in out.glob("source=*")] == ["source=web"]  # no stale partitions
    pd.testing.assert_frame_equal(read_back(spark, out), web_only.reset_index(drop=True))


def test_a_failure_mid_write_leaves_the_old_folder(spark, tmp_path):
    from pyspark.sql import functions as F

    from unifyid.engines._spark import write_partitioned

    out = tmp_path / "profiles"
    write_partitioned(frame(spark), out, partition_by=["source"])
    before = digests(out)
    failing = frame(spark).withColumn(
        "n", F.when(F.col("n") == 4, F.raise_error(F.lit("disk gone"))).otherwise(F.col("n"))
    )
    with pytest.raises(Exception, match="disk gone"):
        write_partitioned(failing, out, partition_by=["source"])
    assert digests(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["profiles"]


def test_a_folder_unifyid_did_not_write_is_refused_not_deleted(spark, tmp_path):
    from unifyid.engines._spark import write_partitioned

    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(OutputError, match="did not write"):
        write_partitioned(frame(spark), tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "keep me"


def test_on_an_object_store_each_run_gets_its_own_folder_and_marker(spark, tmp_path, monkeypatch):
    from unifyid.engines._spark import _write, write_partitioned

    monkeypatch.setattr(_write, "is_local_path", lambda target: False)  # no rename, as on S3
    run = write_partitioned(frame(spark), tmp_path.as_uri(), partition_by=["source"], run_id="r1")
    folder = tmp_path / "r1"
    assert run.endswith("/r1") and (folder / MARKER).is_file()
    pd.testing.assert_frame_equal(
        read_back(spark, folder), ROWS.sort_values("record_id", ignore_index=True)
    )


def test_an_unknown_partition_column_is_named(spark, tmp_path):
    from unifyid import ConfigError
    from unifyid.engines._spark import write_partitioned

    with pytest.raises(ConfigError, match=r"\['channel'\]: not among its columns"):
        write_partitioned(frame(spark), tmp_path / "x", partition_by=["channel"])
