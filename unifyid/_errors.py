"""Exceptions raised by unifyid.

Every error derives from :class:`UnifyidError` and also from the builtin it
refines, so ``except ValueError`` keeps working in user code. Messages name the
source, column or parameter at fault and never print customer values (a value
that must be mentioned goes through :func:`mask`). ``exit_code`` is the status
the ``unifyid`` command exits with: 2 for usage, configuration and output-folder
errors, 3 for input data that cannot be used.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "MatcherContractError",
    "NotFittedError",
    "OutputError",
    "RunFolderError",
    "SchemaError",
    "SourceError",
    "SourceNotFoundError",
    "UnifyidError",
    "mask",
]


class UnifyidError(Exception):
    """Root of every error raised by unifyid."""

    exit_code = 2


class ConfigError(UnifyidError, ValueError):
    """A configuration value (Python argument or TOML entry) is invalid."""


class RunFolderError(ConfigError):
    """A folder given as an earlier run's outputs is not a complete, unchanged run.

    It has no ``_SUCCESS.json`` completion marker (the run did not finish) or
    its files no longer match the marker's checksums.
    """


class OutputError(UnifyidError, OSError):
    """The output folder cannot be created, written or replaced."""


class SourceError(UnifyidError, OSError):
    """A source could not be read (unreadable, damaged or unsupported file)."""

    exit_code = 3


class SourceNotFoundError(SourceError, FileNotFoundError):
    """A source's file does not exist: a wrong path in the configuration."""

    exit_code = 2


class SchemaError(UnifyidError, ValueError):
    """One or more sources do not match their declared schema.

    ``problems`` lists every problem found, so a user fixes them all at once.
    """

    exit_code = 3

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


def mask(value: object) -> str:
    """A value for an error message without its content: its type and size, and
    for text or numbers of 8 or more characters the first and last two only.

    >>> mask("4146383083")
    "'41…83' (str, 10 characters)"
    >>> mask(4146383083)
    "'41…83' (int, 10 characters)"
    >>> mask("Ann")
    'str of 3 characters'
    >>> mask({"email": ["ann@x.com"]})
    'dict of 1 item(s)'
    >>> mask(0.5), mask(float("nan")), mask(7), mask(None), mask(True)
    ('0.5 (float)', 'nan (float)', '7 (int)', 'None', 'True (bool)')
    """
    if value is None or isinstance(value, bool):
        return repr(value) if value is None else f"{value!r} (bool)"
    kind = type(value).__name__
    if isinstance(value, (int, float)) and not abs(value) >= 10**7:  # NaN is shown too
        return f"{value!r} ({kind})"
    if isinstance(value, (str, int, float, bytes)):
        text = value.hex() if isinstance(value, bytes) else str(value)
        if len(text) < 8:
            return f"{kind} of {len(text)} characters"
        return f"'{text[:2]}…{text[-2:]}' ({kind}, {len(text)} characters)"
    try:
        return f"{kind} of {len(value)} item(s)"  # type: ignore[arg-type]
    except TypeError:
        return kind
