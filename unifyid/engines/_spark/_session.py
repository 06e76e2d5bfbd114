"""The Spark session the engine runs on: the user's own if one is active, else a local one.

On Databricks, EMR or any cluster the platform has already started a session,
and unifyid uses it untouched. Elsewhere a local session is built with settings
that suit this library (Arrow on, no web UI, few shuffle partitions on a small
machine), after checking that a suitable Java is installed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from types import ModuleType
from typing import TYPE_CHECKING

from ...report import MissingExtraError
from .._java import check_java

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = ["local_config", "pyspark_module", "spark_session"]

_INSTALL = 'the Spark engine needs pyspark 4 or newer: pip install "unifyid[spark]"'


def pyspark_module() -> ModuleType:
    """``pyspark``, imported on demand so that ``import unifyid`` works without it.

    Raises
    ------
    MissingExtraError
        pyspark is not installed, or is older than 4.0.
    """
    try:
        import pyspark
    except ImportError:
        raise MissingExtraError(_INSTALL) from None
    major = int(pyspark.__version__.split(".")[0])
    if major < 4:
        raise MissingExtraError(f"{_INSTALL} (pyspark {pyspark.__version__} is installed)")
    return pyspark


def local_config(cores: int | None = None) -> dict[str, str]:
    """The settings of a local session built by :func:`spark_session`, for ``cores`` cores.

    Shuffle partitions are twice the cores (Spark's default of 200 makes a
    small local job spend its time scheduling empty tasks); the session time
    zone is UTC so timestamps read the same on every machine.

    >>> local_config(2)["spark.master"], local_config(2)["spark.sql.shuffle.partitions"]
    ('local[2]', '4')
    """
    cores = max(1, cores or os.cpu_count() or 1)
    return {
        "spark.master": f"local[{cores}]",
        "spark.app.name": "unifyid",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.execution.arrow.pyspark.enabled": "true",
        "spark.sql.execution.arrow.pyspark.fallback.enabled": "false",
        "spark.sql.shuffle.partitions": str(2 * cores),
        "spark.default.parallelism": str(2 * cores),
        "spark.sql.session.timeZone": "UTC",
        "spark.driver.host": "127.0.0.1",
        "spark.driver.bindAddress": "127.0.0.1",
    }


def spark_session(config: Mapping[str, str] | None = None) -> SparkSession:
    """The active Spark session, or a new local one when none is running.

    An active (or default) session is returned as it is: its configuration
    belongs to the user or the platform, and ``config`` is not applied to it.
    Otherwise Java is checked, ``PYSPARK_PYTHON`` and ``PYSPARK_DRIVER_PYTHON``
    default to this Python (Spark's workers must import the same packages,
    pyarrow included), and a local session is built from :func:`local_config`
    updated with ``config``.

    Raises
    ------
    MissingExtraError
        pyspark is not installed (``pip install "unifyid[spark]"``).
    ConfigError
        No Java, or a Java older than 17, where a local session must start.
    """
    pyspark_module()
    from pyspark.errors import PySparkRuntimeError
    from pyspark.sql import SparkSession

    try:
        return SparkSession.active()
    except PySparkRuntimeError:
        pass
    check_java()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder
    for key, value in {**local_config(), **(config or {})}.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()
