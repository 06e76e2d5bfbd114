"""One local Spark session for the whole test run (starting one takes seconds).

Tests that use the ``spark`` fixture skip, with the reason, when pyspark (the
``spark`` extra) or Java 17+ is missing; with ``UNIFYID_REQUIRE_SPARK=1`` (set by
CI's pass that installs the extra) they fail instead, so a broken set-up cannot
pass as a run of skipped tests.
"""

import importlib.util
import os

import pytest

from unifyid import ConfigError
from unifyid.engines import check_java


@pytest.fixture(scope="session")
def spark():
    unavailable = pytest.fail if os.environ.get("UNIFYID_REQUIRE_SPARK") == "1" else pytest.skip
    if importlib.util.find_spec("pyspark") is None:
        unavailable('the Spark engine needs the spark extra: pip install "unifyid[spark]"')
    try:
        check_java()
    except ConfigError as exc:
        unavailable(str(exc))
    from unifyid.engines._spark import spark_session

    session = spark_session({"spark.sql.shuffle.partitions": "2"})
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
