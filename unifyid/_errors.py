"""Exceptions raised by unifyid.

Every error derives from :class:`UnifyidError` and also from the builtin it
refines, so ``except ValueError`` keeps working in user code. Messages name the
source, column or parameter at fault and never print customer values.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "MatcherContractError",
    "NotFittedError",
    "SchemaError",
    "SourceError",
    "UnifyidError",
]


class UnifyidError(Exception):
    """Root of every error raised by unifyid."""


class ConfigError(UnifyidError, ValueError):
    """A configuration value (Python argument or TOML entry) is invalid."""


class SourceError(UnifyidError, OSError):
    """A source could not be read (missing file, unsupported format)."""


class SchemaError(UnifyidError, ValueError):
    """One or more sources do not match their declared schema.

    ``problems`` lists every problem found, so a user fixes them all at once.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the input sources:\n{lines}")


class NotFittedError(UnifyidError, ValueError, AttributeError):
    """A model was used before ``fit`` was called."""

    @classmethod
    def for_object(cls, obj: object) -> NotFittedError:
        name = type(obj).__name__
        return cls(f"This {name} is not fitted yet; call fit() first (or resolve()).")


class MatcherContractError(UnifyidError, AssertionError):
    """A matcher broke the matcher contract checked by ``check_matcher``."""
