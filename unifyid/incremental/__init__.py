"""Incremental runs: add new or changed records to an earlier run, or remove records.

:func:`resolve_incremental` is the entry point (``Resolver.resolve`` with
``previous=``); it confines the work to the records a change touches and runs
them through the same stage entry points as a full run. :class:`State` is
what a run keeps for the next one; ``Removed`` names records that no longer
exist.
"""

from ._removal import Removed, read_removed
from ._run import resolve_incremental
from ._state import State

__all__ = ["Removed", "State", "read_removed", "resolve_incremental"]
