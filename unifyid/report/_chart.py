"""``Chart``: one drawn figure that a notebook renders and that can be saved."""

from __future__ import annotations

import base64
import html
import io
import os
from pathlib import Path
from typing import Any

from .._atomic import replace_file

__all__ = ["Chart"]


class Chart:
    """A finished chart: PNG in notebooks and reports, any matplotlib format on ``save``.

    The PNG is rendered once; the figure is then closed (pyplot forgets it, so
    a notebook drawing many charts does not pile up open figures) and kept
    only to render SVG when asked.

    Attributes
    ----------
    title : str
        What the chart shows.
    png : bytes
        The chart as PNG.
    """

    def __init__(self, figure: Any, title: str, *, dpi: int = 100) -> None:
        self.title = title
        self.png = _render(figure, "png", dpi)
        self._figure = figure
        self._dpi = dpi
        import matplotlib.pyplot as plt

        plt.close(figure)

    @property
    def svg(self) -> str:
        """The chart as SVG text."""
        return _render(self._figure, "svg", self._dpi).decode("utf-8")

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the chart as ``.png`` or ``.svg`` (by the file's suffix); return the path.

        Raises
        ------
        ValueError
            The suffix is neither ``.png`` nor ``.svg``.
        """
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix == ".png":
            replace_file(path, self.png)
        elif suffix == ".svg":
            replace_file(path, self.svg)
        else:
            raise ValueError(f"Chart.save: use a .png or .svg file name, got suffix {suffix!r}.")
        return path

    def to_html(self) -> str:
        """An ``<img>`` with the PNG inlined (works offline)."""
        data = base64.b64encode(self.png).decode("ascii")
        alt = html.escape(self.title)
        return (
            f'<img class="unifyid-chart" alt="{alt}" title="{alt}" '
            f'style="max-width:100%" src="data:image/png;base64,{data}">'
        )

    def _repr_png_(self) -> bytes:
        return self.png

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return f"Chart({self.title!r})"


def _render(figure: Any, fmt: str, dpi: int) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, dpi=dpi, bbox_inches="tight", metadata=_metadata(fmt))
    return buffer.getvalue()


def _metadata(fmt: str) -> dict[str, Any]:
    # Dates and tool versions in the file would make identical charts differ.
    return {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
