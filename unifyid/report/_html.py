"""``unifyid report``: one self-contained HTML file from a run's output folder.

Charts are PNG images inlined as base64 and the styling is inline, so the
file opens offline with no script and no external resource. Every chart is
an aggregate (histograms, counts, one example pair), so the file's size does
not grow with the number of pairs.
"""

from __future__ import annotations

import html
import os
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from .._atomic import replace_file
from ._card import card_html
from ._chart import Chart
from ._plots import RunPlots
from ._recognition import DEFINITION
from ._review import read_review, review_labels
from ._run import RunData

__all__ = ["build_report", "report_html"]

_MAX_TABLE_ROWS = 200
_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px auto;max-width:1000px;
color:#1f2328;padding:0 16px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #d0d7de}
table.data{border-collapse:collapse;font-size:12px}
table.data td,table.data th{padding:2px 8px;border-bottom:1px solid #eaeef2;text-align:right}
table.data th{background:#f6f8fa}
.chart{margin:10px 0 18px}.note{color:#57606a;font-size:12px;max-width:760px}
"""


def _table(frame: pd.DataFrame, *, note: str = "") -> str:
    if frame is None or len(frame) == 0:
        return "<p class='note'>none</p>"
    shown = frame.head(_MAX_TABLE_ROWS)
    more = f" (first {_MAX_TABLE_ROWS} of {len(frame):,})" if len(frame) > len(shown) else ""
    body = shown.to_html(index=False, classes="data", border=0, float_format=lambda v: f"{v:.3f}")
    return body + (f"<p class='note'>{html.escape(note + more)}</p>" if note or more else "")


def _rate_line(rate: dict | None) -> str:
    if not rate or rate.get("after") is None:
        return "<p>No customer is seen in two or more channels.</p>"
    return (
        f"<p style='font-size:18px'><b>{rate['before']:.1%}</b> before resolution → "
        f"<b>{rate['after']:.1%}</b> after, over {rate['customers']:,} multi-channel "
        f"{'labelled customers' if rate.get('basis') == 'labels' else 'profiles'}.</p>"
    )


def _chart(draw: Callable[[], Chart]) -> str:
    try:
        chart = draw()
    except (ValueError, KeyError) as exc:
        return f"<p class='note'>not drawn: {html.escape(str(exc))}</p>"
    return f"<div class='chart'>{chart.to_html()}</div>"


def _source_prior_section(run: RunData) -> list[str]:
    """The prior per pair of sources, where the model has one (several sources)."""
    if not len(run.source_priors):
        return []
    note = (
        "shift_bits: how much likelier (or less likely) two records of these sources "
        "are one customer than any two records; pairs_per_match: record pairs of these "
        "sources per pair that is one customer"
    )
    return ["<h2>The prior per pair of sources</h2>", _table(run.source_priors, note=note)]


def report_html(run: RunData, *, labels: pd.DataFrame | None = None, title: str = "") -> str:
    """The whole report as one HTML string (see the module docstring)."""
    plots = RunPlots(run)
    risk = plots.risk
    hubs = run.hubs
    hub_table = (
        hubs[hubs["kind"] == "hub"].sort_values("n_records", ascending=False)
        if len(hubs) and "kind" in hubs.columns
        else hubs
    )
    sections = [
        f"<h1>unifyid match quality report{(' — ' + html.escape(title)) if title else ''}</h1>",
        card_html(run.summary, run.quality, run.hubs),
        "<h2>Recognition rate</h2>",
        _rate_line(run.summary.get("recognition_rate")),
        f"<p class='note'>{html.escape(DEFINITION)}</p>",
        "<h2>Match weights</h2>",
        _chart(plots.weights),
        "<h2>The model: m and u per matcher level</h2>",
        _chart(plots.m_u),
        *_source_prior_section(run),
        "<h2>One pair, weight by weight (the pair closest to the threshold)</h2>",
        _chart(plots.waterfall),
        "<h2>Profile sizes</h2>",
        _chart(plots.sizes),
        "<h2>Source overlap</h2>",
        _chart(plots.overlap),
        "<h2>Profiles at risk</h2>",
        _chart(plots.at_risk),
        _table(risk, note="least confident first"),
    ]
    if labels is not None:
        sections += [
            "<h2>Precision and recall against the threshold (from labels)</h2>",
            _chart(lambda: plots.thresholds(labels)),
        ]
    sections += [
        "<h2>Hub values (never used to link)</h2>",
        _table(hub_table),
        "<h2>Data quality per source column</h2>",
        _table(run.quality),
    ]
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<title>unifyid report</title>"
        f"<style>{_CSS}</style></head><body>{''.join(sections)}</body></html>"
    )


def build_report(
    folder: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    labels: str | os.PathLike[str] | None = None,
) -> dict[str, float]:
    """Write the report of the run in ``folder`` to ``out``; return seconds and bytes.

    ``labels`` is an optional reviewed CSV (see ``review_sample``) or a CSV of
    ``source``, ``record_id``, ``entity_id`` for a labelled subset of records.
    """
    t0 = time.perf_counter()
    run = RunData.from_folder(folder)
    table = None
    if labels is not None:
        head = pd.read_csv(labels, nrows=0).columns
        table = (
            pd.read_csv(labels, dtype=str, keep_default_na=False)
            if "entity_id" in head
            else review_labels(read_review(labels))
        )
    text = report_html(run, labels=table, title=Path(folder).name)
    path = replace_file(out, text)
    return {"seconds": time.perf_counter() - t0, "bytes": path.stat().st_size}
