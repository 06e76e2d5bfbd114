"""The Spark engine: the session, distributed connected components, atomic Parquet output.

Nothing here imports pyspark at import time; each function imports it when
called (see :func:`pyspark_module`, which names the extra to install).
"""

from ._components import connected_components
from ._session import local_config, pyspark_module, spark_session
from ._write import is_local_path, write_partitioned

__all__ = [
    "connected_components",
    "is_local_path",
    "local_config",
    "pyspark_module",
    "spark_session",
    "write_partitioned",
]
