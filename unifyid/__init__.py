"""unifyid: cross-channel customer identity resolution."""

from ._errors import (
    ConfigError,
    MatcherContractError,
    NotFittedError,
    SchemaError,
    SourceError,
    UnifyidError,
)
from ._schema import SEMANTIC_TYPES
from ._source import Source

__version__ = "0.1.0"

__all__ = [
    "SEMANTIC_TYPES",
    "ConfigError",
    "MatcherContractError",
    "NotFittedError",
    "SchemaError",
    "Source",
    "SourceError",
    "UnifyidError",
]
