"""Configuration files in, Parquet files out."""

from ._config import RunConfig, read_config
from ._outputs import write_outputs

__all__ = ["RunConfig", "read_config", "write_outputs"]
