"""Configuration files in, Parquet files out."""

from ._config import RunConfig, read_config
from ._dataset_files import write_dataset
from ._outputs import output_folder, write_outputs

__all__ = ["RunConfig", "output_folder", "read_config", "write_dataset", "write_outputs"]
