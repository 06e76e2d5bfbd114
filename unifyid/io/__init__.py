"""Configuration files in, Parquet files out.

Internal: what the command line and the benchmarks use. From Python,
``Result.write`` writes a run's output folder; the names here may change.
"""

from ._config import RunConfig, read_config
from ._dataset_files import write_dataset
from ._outputs import output_folder, write_outputs

__all__ = ["RunConfig", "output_folder", "read_config", "write_dataset", "write_outputs"]
