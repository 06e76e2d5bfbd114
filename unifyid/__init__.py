"""unifyid: cross-channel customer identity resolution.

Sources from web, app, support and store systems, each with its own schema,
are standardised, compared by pluggable matchers, scored by an unsupervised
Fellegi–Sunter model and clustered into unified customer profiles.

The public API is this module's ``__all__`` and that of ``unifyid.matchers``,
``unifyid.golden``, ``unifyid.datasets`` and ``unifyid.report`` (see the
README's "Public API"); every other module is internal and may change.
"""

from ._errors import (
    ConfigError,
    MatcherContractError,
    NotFittedError,
    OutputError,
    RunFolderError,
    SchemaError,
    SourceError,
    SourceNotFoundError,
    UnifyidError,
)
from ._evaluate import evaluate
from ._explain import Explanation
from ._resolver import Resolver
from ._result import Result
from ._schema import ENCODED_TYPES, SEMANTIC_TYPES
from ._source import Source
from .block import BlockingRule
from .encode import encode_sources
from .graph import CannotLink
from .graph._overrides import Overrides
from .incremental import State
from .matchers import Matcher, RecordLinkageMatcher, check_matcher, matcher

__version__ = "0.1.0"

__all__ = [
    "ENCODED_TYPES",
    "SEMANTIC_TYPES",
    "BlockingRule",
    "CannotLink",
    "ConfigError",
    "Explanation",
    "Matcher",
    "MatcherContractError",
    "NotFittedError",
    "OutputError",
    "Overrides",
    "RecordLinkageMatcher",
    "Resolver",
    "Result",
    "RunFolderError",
    "SchemaError",
    "Source",
    "SourceError",
    "SourceNotFoundError",
    "State",
    "UnifyidError",
    "check_matcher",
    "encode_sources",
    "evaluate",
    "matcher",
]
