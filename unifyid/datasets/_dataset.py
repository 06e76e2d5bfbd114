"""``Dataset``: labelled multi-source customer data with its ground truth.

Both the synthetic generator and the Febrl loaders return one, so examples,
tests and benchmarks can resolve ``to_sources()`` and score the result against
``truth`` the same way whatever the data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from unifyid._source import Source

__all__ = ["Dataset"]


@dataclass(frozen=True, eq=False)
class Dataset:
    """Source tables, their column mappings and the true person behind every record.

    Attributes
    ----------
    name : str
        Identifies the data, e.g. ``"customers-50000-seed0"`` or ``"febrl3"``.
    sources : dict of str to pandas.DataFrame
        One table per source, keyed by source name.
    schemas : dict of str to dict
        Per source ``{"id": id_column, "columns": {column: semantic_type}}``;
        the id column is not part of ``columns``.
    truth : pandas.DataFrame
        Columns ``source``, ``record_id``, ``entity_id``: one row per record.
    tags : pandas.DataFrame or None
        Columns ``source``, ``record_id``, ``tag``: records that exhibit a hard
        case (a record may carry several tags); ``None`` when not labelled.

    Examples
    --------
    >>> import pandas as pd
    >>> from unifyid.datasets import Dataset
    >>> web = pd.DataFrame({"id": ["1", "2"], "mail": ["a@x.com", "A@x.com"]})
    >>> truth = pd.DataFrame({"source": "web", "record_id": ["1", "2"], "entity_id": "e1"})
    >>> data = Dataset("tiny", {"web": web}, {"web": {"id": "id", "columns": {"mail": "email"}}},
    ...                truth)
    >>> data.n_records, [s.name for s in data.to_sources()]
    (2, ['web'])
    """

    name: str
    sources: Mapping[str, pd.DataFrame]
    schemas: Mapping[str, Mapping[str, Any]]
    truth: pd.DataFrame
    tags: pd.DataFrame | None = None

    @property
    def n_records(self) -> int:
        """Total number of rows over all sources."""
        return int(sum(len(frame) for frame in self.sources.values()))

    def to_sources(self) -> list[Source]:
        """One ``unifyid.Source`` per source table, with its id column and mapping."""
        from unifyid._source import Source

        return [
            Source(
                name,
                frame,
                id=self.schemas[name]["id"],
                columns=dict(self.schemas[name]["columns"]),
            )
            for name, frame in self.sources.items()
        ]

    @property
    def hard_cases(self) -> dict[str, dict[str, int]]:
        """Per tag, how many records carry it and how many distinct people they belong to.

        Empty when the dataset has no ``tags``.
        """
        if self.tags is None or self.tags.empty:
            return {}
        joined = self.tags.merge(self.truth, on=["source", "record_id"], how="left")
        grouped = joined.groupby("tag", sort=False)
        records, people = grouped.size(), grouped["entity_id"].nunique()
        return {
            str(tag): {"records": int(records[tag]), "entities": int(people[tag])}
            for tag in records.index
        }

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k}={len(v)}" for k, v in self.sources.items())
        return f"Dataset({self.name!r}, {sizes}, entities={self.truth['entity_id'].nunique()})"
