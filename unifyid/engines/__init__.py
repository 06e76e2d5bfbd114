"""Engines: where the stages' data operations run.

The local engine (numpy, pandas, Arrow) is the default and lives with the
stages. The Spark engine (``unifyid.engines._spark``) runs them on a Spark
cluster; it needs ``pip install "unifyid[spark]"`` and Java 17 or newer, and
pyspark is imported only when it is used, so ``import unifyid`` works without it.
"""

from ._java import MIN_JAVA, check_java

__all__ = ["MIN_JAVA", "check_java"]
