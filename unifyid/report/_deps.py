"""The charting library, imported on demand: the core install stays lean."""

from __future__ import annotations

from types import ModuleType

from .._errors import UnifyidError

__all__ = ["MissingExtraError", "pyplot"]


class MissingExtraError(UnifyidError, ImportError):
    """A feature needs an optional dependency that is not installed."""


def pyplot() -> ModuleType:
    """``matplotlib.pyplot`` on the non-interactive Agg backend, or a message naming the extra.

    Raises
    ------
    MissingExtraError
        matplotlib is not installed.
    """
    try:
        import matplotlib
    except ImportError:
        raise MissingExtraError(
            "charts and the HTML report need matplotlib: pip install 'unifyid[report]'"
        ) from None
    if matplotlib.get_backend().lower() not in ("agg", "module://matplotlib_inline.backend_inline"):
        matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt
