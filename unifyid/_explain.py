"""Explanations of one profile, for notebooks (HTML) and terminals (text)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np
import pandas as pd

from .standardise._stage import STANDARD_COLUMNS

if TYPE_CHECKING:
    from ._result import Result

__all__ = ["Explanation", "explain_profile"]

# The standardised values that tell a person apart (timestamps and country add little).
_SHOWN = [
    "source",
    "record_id",
    *(c for c in STANDARD_COLUMNS if c not in ("country", "timestamp")),
]


@dataclass(frozen=True)
class Explanation:
    """Why a set of records forms one profile.

    Attributes
    ----------
    profile_id : str
    records : pandas.DataFrame
        The member records, standardised.
    links : pandas.DataFrame
        Scored pairs inside the profile (linked or not), strongest first, with
        each matcher's level and weight.
    cut : pandas.DataFrame
        Pairs from a member that scored as a match but were not linked, with
        the reason (a cannot-link rule).
    confidence : float
        Probability of the weakest link in the strongest spanning tree: the
        profile holds together at least this firmly (1.0 for one record).
    """

    profile_id: str
    records: pd.DataFrame
    links: pd.DataFrame
    cut: pd.DataFrame
    confidence: float

    def __str__(self) -> str:
        lines = [
            f"profile {self.profile_id}: {len(self.records)} record(s), "
            f"confidence {self.confidence:.3f}",
            self.records.to_string(index=False),
        ]
        if len(self.links):
            lines.append("links (strongest first):")
            for row in self.links.itertuples(index=False):
                why = f"  ({row.cut_reason})" if row.linked and pd.notna(row.cut_reason) else ""
                lines.append(
                    f"  {_pair(row)}  p={row.match_probability:.3f}  "
                    f"w={row.match_weight:+.1f}  linked={row.linked}{why}"
                )
                lines.append("      " + _contributions(row._asdict()))
        if len(self.cut):
            lines.append("cut links:")
            for row in self.cut.itertuples(index=False):
                lines.append(f"  {_pair(row)}  p={row.match_probability:.3f}  {row.cut_reason}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from .report._explain_view import explain_html

        return explain_html(self)

    def __repr__(self) -> str:
        return str(self)


def _pair(row: object) -> str:
    return (
        f"{row.source_l}:{row.record_id_l} ~ "  # type: ignore[attr-defined]
        f"{row.source_r}:{row.record_id_r}"
    )  # type: ignore[attr-defined]


def _contributions(row: dict) -> str:
    items = []
    for key, value in row.items():
        if key.endswith("_weight") and key != "match_weight" and value != 0:
            name = key[: -len("_weight")]
            items.append(f"{name}[{row.get(name + '_level')}] {value:+.1f}")
    return ", ".join(items)


def explain_profile(result: Result, profile_id: str, members: np.ndarray) -> Explanation:
    frame = result.frame
    shown = [c for c in _SHOWN if c in frame.columns]
    records = frame.iloc[members][shown].reset_index(drop=True)
    records["source"] = records["source"].astype(str)
    member_set = np.zeros(len(frame), dtype=bool)
    member_set[members] = True
    inside = np.flatnonzero(member_set[result.left] & member_set[result.right])
    touching = np.flatnonzero(
        (member_set[result.left] | member_set[result.right]) & result._cut_links()
    )
    links = result._edge_table(inside).sort_values(
        "match_weight", ascending=False, ignore_index=True
    )
    cut = result._edge_table(touching).sort_values(
        "match_weight", ascending=False, ignore_index=True
    )
    return Explanation(profile_id, records, links, cut, _confidence(result, inside))


def _confidence(result: Result, pairs: np.ndarray) -> float:
    used = pairs[result.linked[pairs]]
    if len(used) == 0:
        return 1.0
    graph = nx.Graph()
    for a, b, p in zip(result.left[used], result.right[used], result.probability[used]):
        graph.add_edge(int(a), int(b), p=float(p))
    tree = nx.maximum_spanning_tree(graph, weight="p")
    return float(min(d["p"] for _, _, d in tree.edges(data=True)))
