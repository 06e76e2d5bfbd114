"""The explanation of one profile as HTML that fits a notebook: one row per link."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from .._explain import Explanation

__all__ = ["explain_html", "link_parts"]

#: Matchers whose weight is at least this many bits (either sign) are shown in the row.
MATTERS_BITS = 1.0
_SHOWN_PER_ROW = 4
_WRAP = "font-family:system-ui,sans-serif;font-size:12px;max-width:100%;overflow-x:auto"
_CELL = "padding:2px 8px;border-bottom:1px solid #eaeef2;vertical-align:top;text-align:left"


def link_parts(row: pd.Series, matchers: list[str]) -> list[tuple[str, str, float]]:
    """``(matcher, level, bits)`` of one link, strongest first (by absolute weight)."""
    parts = [(m, str(row[f"{m}_level"]), float(row[f"{m}_weight"])) for m in matchers]
    return sorted(parts, key=lambda t: -abs(t[2]))


def _matchers(links: pd.DataFrame) -> list[str]:
    return [
        c[: -len("_weight")] for c in links.columns if c.endswith("_weight") and c != "match_weight"
    ]


def _chip(name: str, level: str, bits: float) -> str:
    colour = "#0b6bcb" if bits >= 0 else "#b42318"
    return (
        f'<span style="white-space:nowrap;margin-right:8px">{html.escape(name)} '
        f'<span style="color:#57606a">{html.escape(level)}</span> '
        f'<b style="color:{colour}">{bits:+.1f}</b></span>'
    )


def _link_rows(links: pd.DataFrame, with_reason: bool) -> str:
    matchers = _matchers(links)
    body = []
    for _, row in links.iterrows():
        parts = link_parts(row, matchers)
        top = [p for p in parts if abs(p[2]) >= MATTERS_BITS][:_SHOWN_PER_ROW]
        rest = "".join(
            f"<tr><td style='padding:0 8px'>{html.escape(m)}</td><td style='padding:0 8px'>"
            f"{html.escape(lv)}</td><td style='padding:0 8px;text-align:right'>{b:+.2f}</td></tr>"
            for m, lv, b in parts
        )
        details = (
            "<details><summary style='cursor:pointer;color:#57606a'>all matchers</summary>"
            f"<table>{rest}</table></details>"
        )
        pair = (
            f"{html.escape(str(row['source_l']))}:{html.escape(str(row['record_id_l']))} ~ "
            f"{html.escape(str(row['source_r']))}:{html.escape(str(row['record_id_r']))}"
        )
        status = html.escape(str(row["cut_reason"])) if with_reason else (
            "linked" if bool(row["linked"]) else "not linked"
        )  # fmt: skip
        body.append(
            f"<tr class='link'><td style='{_CELL};white-space:nowrap'>{pair}</td>"
            f"<td style='{_CELL}'>{float(row['match_probability']):.3f}</td>"
            f"<td style='{_CELL}'>{float(row['match_weight']):+.1f}</td>"
            f"<td style='{_CELL}'>{status}</td>"
            f"<td style='{_CELL}'>{' '.join(_chip(*p) for p in top) or '—'}{details}</td></tr>"
        )
    head = "".join(
        f"<th style='{_CELL}'>{h}</th>"
        for h in ("pair", "p", "bits", "cut reason" if with_reason else "status", "what mattered")
    )
    return f"<table style='border-collapse:collapse'><tr>{head}</tr>{''.join(body)}</table>"


def explain_html(exp: Explanation) -> str:
    """Compact HTML: member records (empty columns dropped), then one row per link."""
    records = exp.records.dropna(axis=1, how="all")
    records = records.astype(object).where(records.notna(), "")
    parts = [
        f"<div class='unifyid-explain' style='{_WRAP}'>",
        f"<h4>Profile {html.escape(exp.profile_id)} — "
        f"{len(exp.records)} record(s), confidence {exp.confidence:.3f}</h4>",
        records.to_html(index=False, border=0),
    ]
    if len(exp.links):
        parts += ["<h5 style='margin:6px 0 2px'>Links</h5>", _link_rows(exp.links, False)]
    if len(exp.cut):
        parts += ["<h5 style='margin:6px 0 2px'>Cut links</h5>", _link_rows(exp.cut, True)]
    parts.append("</div>")
    return "\n".join(parts)
