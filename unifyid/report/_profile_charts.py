"""Charts of the profiles: sizes, source overlap, profiles at risk."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix

from ._chart import Chart
from ._charts import LINKED, NEGATIVE, UNLINKED
from ._deps import pyplot
from ._run import RunData

__all__ = ["at_risk_chart", "cluster_size_chart", "overlap_chart", "source_overlap"]


def cluster_size_chart(run: RunData) -> Chart:
    """How many profiles have 1, 2, 3, ... records (log scale: the tail is what matters)."""
    plt = pyplot()
    sizes = np.bincount(run.profile_codes[0])
    counts = np.bincount(sizes)
    x = np.flatnonzero(counts)
    fig, ax = plt.subplots(figsize=(7, 3))
    ax.bar(x, counts[x], color=LINKED, width=0.8)
    ax.set_yscale("log")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("records per profile")
    ax.set_ylabel("profiles (log scale)")
    ax.set_title(f"Profile sizes ({len(sizes):,} profiles, largest {int(sizes.max(initial=0))})")
    return Chart(fig, "Cluster size distribution")


def source_overlap(run: RunData) -> pd.DataFrame:
    """Profiles holding records of both sources, for every pair of sources (diagonal: any)."""
    codes, profiles = run.profile_codes
    src_codes, sources = pd.factorize(run.profiles["source"].astype(str), sort=True)
    member = coo_matrix(
        (np.ones(len(codes), dtype=np.int64), (codes, src_codes)),
        shape=(len(profiles), len(sources)),
    ).tocsr()
    member.data[:] = 1  # several records of one source count once
    overlap = (member.T @ member).toarray()
    return pd.DataFrame(overlap, index=list(sources), columns=list(sources))


def overlap_chart(run: RunData) -> Chart:
    """The source-by-source overlap matrix: profiles seen in both channels."""
    plt = pyplot()
    table = source_overlap(run)
    n = len(table)
    fig, ax = plt.subplots(figsize=(1.1 * n + 2.5, 0.9 * n + 1.6))
    image = ax.imshow(table.to_numpy(), cmap="Blues")
    ax.set_xticks(range(n), table.columns, rotation=30, ha="right")
    ax.set_yticks(range(n), table.index)
    peak = table.to_numpy().max(initial=1)
    for i in range(n):
        for j in range(n):
            v = int(table.iat[i, j])
            ax.text(j, i, f"{v:,}", ha="center", va="center", fontsize=8,
                    color="white" if v > peak / 2 else "black")  # fmt: skip
    fig.colorbar(image, ax=ax, shrink=0.8, label="profiles")
    ax.set_title("Profiles seen in both sources", fontsize=10)
    return Chart(fig, "Source overlap matrix")


def at_risk_chart(risk: pd.DataFrame, n_profiles: int) -> Chart:
    """Counts of profiles at risk per reason, and the confidence of the weakest ones."""
    plt = pyplot()
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3), gridspec_kw={"width_ratios": [1, 1.3]})
    names = {"low_confidence": "low confidence", "cut_link": "cut link", "split": "split"}
    counts = [int(risk[c].sum()) for c in names]
    bars = ax1.barh(list(names.values())[::-1], counts[::-1], color=[NEGATIVE, UNLINKED, LINKED])
    for bar, c in zip(bars, counts[::-1]):
        ax1.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {c:,}", va="center",
                 fontsize=8)  # fmt: skip
    ax1.set_xlim(0, max(counts, default=0) * 1.25 + 1)
    ax1.set_xlabel("profiles")
    ax1.set_title(f"Profiles at risk: {len(risk):,} of {n_profiles:,}", fontsize=10)
    multi = risk[risk["records"] > 1]["confidence"]
    ax2.hist(multi, bins=np.linspace(0, 1, 41), color=NEGATIVE)
    ax2.set_xlabel("confidence (weakest necessary link)")
    ax2.set_ylabel("profiles")
    ax2.set_title("Confidence of flagged profiles", fontsize=10)
    return Chart(fig, "Profiles at risk")
