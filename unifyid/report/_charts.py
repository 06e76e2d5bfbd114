"""Charts of the scoring model: weight histogram, m and u per level, one pair's waterfall."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ._chart import Chart
from ._deps import pyplot
from ._run import MatcherModel, RunData, weight_of_probability

__all__ = ["m_u_chart", "pick_pair", "waterfall_chart", "weight_histogram"]

LINKED = "#2a7ab9"
UNLINKED = "#b0b7c0"
NEGATIVE = "#c8553d"
THRESHOLD = "#222222"


def weight_histogram(run: RunData, *, bins: int = 60) -> Chart:
    """Match weights of the scored pairs, the threshold drawn as a line.

    Aggregated into ``bins`` bins, so the cost and the size do not grow with the pairs.
    """
    plt = pyplot()
    w = run.weights[np.isfinite(run.weights)]
    fig, ax = plt.subplots(figsize=(7, 3.2))
    if len(w):
        # Counted with numpy and drawn as steps: one patch per series, whatever the pairs.
        counts, edges = np.histogram(w, bins=bins)
        ax.stairs(counts, edges, fill=True, color=UNLINKED, label="scored pairs")
        linked = run.edges["match_weight"].to_numpy(np.float64)[run.edges["linked"].to_numpy(bool)]
        if len(linked):
            counts, _ = np.histogram(linked, bins=edges)
            ax.stairs(counts, edges, fill=True, color=LINKED, label="linked")
    ax.set_yscale("log")
    if run.threshold is not None:
        x = weight_of_probability(run.threshold)
        ax.axvline(x, color=THRESHOLD, linestyle="--", linewidth=1.2)
        ax.annotate(
            f"threshold p={run.threshold:.2f}", (x, 1), xycoords=("data", "axes fraction"),
            xytext=(4, -12), textcoords="offset points", fontsize=8,
        )  # fmt: skip
    ax.set_xlabel("match weight (bits)")
    ax.set_ylabel("pairs (log scale)")
    # An output folder keeps only pairs with probability >= 0.01 (edges.parquet).
    kept = " (probability >= 0.01)" if len(run.weights) == len(run.edges) else ""
    ax.set_title(f"Match weight of candidate pairs{kept}")
    ax.legend(loc="upper right", fontsize=8, frameon=False)
    return Chart(fig, "Match weight histogram")


def m_u_chart(model: Sequence[MatcherModel]) -> Chart:
    """Per matcher and level: m (matches) and u (non-matches), and the weight in bits."""
    plt = pyplot()
    rows = [
        (mm.name, label, float(m), float(u), float(w))
        for mm in model
        for label, m, u, w in zip(mm.levels, mm.m, mm.u, mm.weights)
    ]
    table = pd.DataFrame(rows, columns=["matcher", "level", "m", "u", "weight"])
    y = np.arange(len(table))[::-1]
    fig, (ax1, ax2) = plt.subplots(
        1, 2, figsize=(9, 0.16 * len(table) + 1.2), sharey=True, gridspec_kw={"wspace": 0.05}
    )
    ax1.barh(y + 0.2, table["m"], height=0.4, color=LINKED, label="m: P(level | match)")
    ax1.barh(y - 0.2, table["u"], height=0.4, color=UNLINKED, label="u: P(level | non-match)")
    ax1.set_yticks(y, [f"{a} · {b}" for a, b in zip(table["matcher"], table["level"])], fontsize=7)
    ax1.set_xlim(0, 1)
    ax1.set_xlabel("probability")
    ax1.legend(fontsize=7, loc="lower right", frameon=False)
    colours = np.where(table["weight"] >= 0, LINKED, NEGATIVE)
    ax2.barh(y, table["weight"], color=colours)
    ax2.axvline(0, color=THRESHOLD, linewidth=0.8)
    ax2.set_xlabel("weight log2(m/u), bits")
    _separate_matchers(ax1, table["matcher"], y)
    _separate_matchers(ax2, table["matcher"], y)
    ax1.set_title("m and u per matcher level", fontsize=10)
    ax2.set_title("the weight each level carries", fontsize=10)
    return Chart(fig, "m and u per matcher level")


def pick_pair(run: RunData) -> int:
    """Row of ``edges`` closest to the threshold: the pair most worth a look."""
    if len(run.edges) == 0:
        raise ValueError("this run has no scored pairs to show.")
    target = run.threshold if run.threshold is not None else 0.5
    p = run.edges["match_probability"].to_numpy(np.float64)
    return int(np.argmin(np.abs(p - target)))


def waterfall_chart(run: RunData, row: int) -> Chart:
    """How one pair's weight builds up: the prior, then each matcher, to the total."""
    plt = pyplot()
    edge = run.edges.iloc[row]
    names = run.matcher_names
    parts = np.array([float(edge[f"{n}_weight"]) for n in names])
    total = float(edge["match_weight"])
    prior = total - parts.sum()
    labels = ["prior", *(f"{n} [{edge[f'{n}_level']}]" for n in names), "total"]
    steps = np.array([prior, *parts])
    starts = np.concatenate([[0.0], np.cumsum(steps)[:-1]])
    fig, ax = plt.subplots(figsize=(7, 0.28 * len(labels) + 1.2))
    y = np.arange(len(labels))[::-1]
    colours = np.where(steps >= 0, LINKED, NEGATIVE)
    ax.barh(y[:-1], steps, left=starts, color=colours)
    ax.barh(y[-1], total, color=THRESHOLD)
    for yy, s, v in zip(y[:-1], starts, steps):
        ax.text(s + v, yy, f" {v:+.1f}", va="center", fontsize=7)
    ax.set_yticks(y, labels, fontsize=7)
    ax.axvline(0, color=THRESHOLD, linewidth=0.8)
    if run.threshold is not None:
        ax.axvline(weight_of_probability(run.threshold), color=THRESHOLD, linestyle="--")
    ax.set_xlabel("match weight (bits)")
    ax.set_title(
        f"One pair: weight {total:+.1f} bits, p={float(edge['match_probability']):.3f}, "
        f"{'linked' if bool(edge['linked']) else 'not linked'}",
        fontsize=10,
    )
    return Chart(fig, "Waterfall of one pair's weights")


def _separate_matchers(ax: object, matchers: pd.Series, y: np.ndarray) -> None:
    change = np.flatnonzero(matchers.to_numpy()[1:] != matchers.to_numpy()[:-1])
    for k in change:
        ax.axhline(y[k] - 0.5, color="#dddddd", linewidth=0.6)  # type: ignore[attr-defined]
