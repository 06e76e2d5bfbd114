"""The summary card: what a notebook shows for a ``Result`` (never its internals)."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import pandas as pd

__all__ = ["card_html", "card_text", "quality_warnings"]

#: A source column is flagged when more than this share of its values is unusable.
WARN_SHARE = 0.01
_MAX_WARNINGS = 6

_STYLE = (
    "font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:13px;"
    "max-width:640px;border:1px solid #d0d7de;border-radius:8px;padding:10px 14px;"
    "line-height:1.45"
)


def quality_warnings(quality: pd.DataFrame) -> list[str]:
    """Source columns where unparseable or junk values exceed ``WARN_SHARE`` (worst first)."""
    if quality is None or len(quality) == 0 or "n_present" not in quality.columns:
        return []
    bad = quality["n_unparseable"] + quality["n_junk"]
    share = bad / quality["n_present"].where(quality["n_present"] > 0)
    flagged = quality.assign(share=share)[share > WARN_SHARE].sort_values("share", ascending=False)
    return [
        f"{r.source}.{r.column}: {r.share:.1%} unusable ({int(r.n_unparseable)} unparseable, "
        f"{int(r.n_junk)} junk)"
        for r in flagged.head(_MAX_WARNINGS).itertuples(index=False)
    ]


def _rate(rate: Mapping[str, Any] | None) -> str:
    if not rate or rate.get("after") is None:
        return "n/a (no customer seen in two channels)"
    basis = "labelled customers" if rate.get("basis") == "labels" else "multi-channel profiles"
    return (
        f"{rate['before']:.1%} by exact identifiers → {rate['after']:.1%} resolved "
        f"({rate['customers']:,} {basis})"
    )


def _facts(summary: Mapping[str, Any], hubs: pd.DataFrame) -> list[tuple[str, str]]:
    profiles = int(summary.get("profiles", 0))
    multi = int(summary.get("multi_channel_profiles", 0))
    per_source = summary.get("records_per_source", {})
    n_shared = int((hubs["kind"] == "shared").sum()) if len(hubs) else 0
    return [
        ("records", f"{summary.get('records', 0):,} ("
         + ", ".join(f"{k} {v:,}" for k, v in per_source.items()) + ")"),
        ("profiles", f"{profiles:,}, largest {summary.get('largest_profile', 0)} records"),
        ("multi-channel", f"{multi:,} profiles ({multi / max(profiles, 1):.1%})"),
        ("recognition rate", _rate(summary.get("recognition_rate"))),
        ("links", f"{summary.get('links', 0):,} of {summary.get('candidate_pairs', 0):,} "
         f"candidate pairs; {summary.get('links_cut', 0):,} cut"),
        ("hubs", f"{summary.get('hub_values', 0):,} hub values, {n_shared:,} shared values"),
    ]  # fmt: skip


def _times(summary: Mapping[str, Any]) -> str:
    seconds = summary.get("seconds", {})
    total = sum(seconds.values())
    return f"{total:.1f} s: " + ", ".join(f"{k} {v:.1f}" for k, v in seconds.items())


def card_html(summary: Mapping[str, Any], quality: pd.DataFrame, hubs: pd.DataFrame) -> str:
    """The card as HTML, at most 640 px wide."""
    rows = "".join(
        f'<tr><th style="text-align:left;padding:1px 12px 1px 0;color:#57606a;'
        f'font-weight:500;white-space:nowrap">{html.escape(k)}</th>'
        f'<td style="padding:1px 0">{html.escape(v)}</td></tr>'
        for k, v in [*_facts(summary, hubs), ("stage times", _times(summary))]
    )
    warnings = quality_warnings(quality)
    warn = (
        '<div style="margin-top:6px;color:#9a6700"><b>Quality warnings</b><ul style="margin:2px 0">'
        + "".join(f"<li>{html.escape(w)}</li>" for w in warnings)
        + "</ul></div>"
        if warnings
        else '<div style="margin-top:6px;color:#1a7f37">No quality warnings.</div>'
    )
    return (
        f'<div class="unifyid-card" style="{_STYLE}"><div style="font-weight:600;'
        f'font-size:14px;margin-bottom:4px">unifyid Result</div>'
        f'<table style="border-collapse:collapse;font-size:inherit">{rows}</table>{warn}</div>'
    )


def card_text(summary: Mapping[str, Any], quality: pd.DataFrame, hubs: pd.DataFrame) -> str:
    """The card as plain text (``repr``), lines under 100 characters where possible."""
    lines = ["unifyid Result"]
    lines += [
        f"  {k:<17}{v}" for k, v in [*_facts(summary, hubs), ("stage times", _times(summary))]
    ]
    warnings = quality_warnings(quality)
    if warnings:
        lines.append("  quality warnings:")
        lines += [f"    {w}" for w in warnings]
    return "\n".join(lines)
