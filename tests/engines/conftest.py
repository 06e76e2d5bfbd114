"""One local Spark session for the whole test run (starting one takes seconds).

Tests that use the ``spark`` fixture skip, with the reason, when pyspark (the
``spark`` extra) or Java 17+ is missing.
"""

import importlib.util

import pytest

from unifyid import ConfigError
from unifyid.engines import check_java


@pytest.fixture(scope="session")
def spark():
    if importlib.util.find_spec("pyspark") is None:
        pytest.skip('the Spark engine needs the spark extra: pip install "unifyid[spark]"')
    try:
        check_java()
    except ConfigError as exc:
        pytest.skip(str(exc))
    from unifyid.engines._spark import spark_session

    session = spark_session({"spark.sql.shuffle.partitions": "2"})
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
