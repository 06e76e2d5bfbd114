"""Benchmark data sets, written once to Parquet so every tool reads the same input.

A materialised data set is a folder::

    DIR/data/<name>/
        schema.json      {"name", "task", "sources": {source: {"file", "id", "columns"}}}
        <source>.parquet one file per source, in that source's own schema
        truth.parquet    source, record_id, entity_id (record_id as str)

``task`` tells what kind of job the data set is: ``"dedupe"`` (one table),
``"link"`` (two tables, no duplicates within a table: Febrl4) or
``"link_and_dedupe"`` (several channels with duplicates anywhere). Peers that
have such a switch use it, as an expert would; unifyid has none.

A user's own data uses the same layout (``--data DIR --truth FILE``): ``DIR``
holds ``schema.json`` and the source files (CSV or Parquet, ``file`` relative
to ``DIR``); ``FILE`` is a CSV or Parquet file of ``source, record_id, entity_id``.

Peer tools that need one table get :func:`union_frame`: the sources stacked
into one common column layout with the light clean-up an expert would write in
SQL (lower case, trimmed, digits-only phones, per-column date format).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = [
    "UNION_COLUMNS",
    "DatasetSpec",
    "Materialised",
    "import_user_data",
    "load",
    "load_truth",
    "materialise",
    "suite_datasets",
    "union_frame",
]

#: Columns of the one-table layout given to peers (after ``source``, ``record_id``, ``uid``).
UNION_COLUMNS: tuple[str, ...] = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "dob",
    "street",
    "city",
    "postcode",
    "device_id",
    "loyalty_id",
    "customer_id",
)


@dataclass
class Materialised:
    """A data set as the tools see it: per-source frames, schemas, truth."""

    name: str
    task: str
    sources: dict[str, pd.DataFrame]
    schemas: dict[str, dict[str, Any]]
    truth: pd.DataFrame | None = None
    path: Path | None = None

    @property
    def records(self) -> int:
        """Total number of records over all sources."""
        return sum(len(df) for df in self.sources.values())

    def to_sources(self) -> list:
        """One ``unifyid.Source`` per source, in its own schema (as ``Dataset.to_sources``)."""
        import unifyid as uid

        return [
            uid.Source(name, df, id=self.schemas[name]["id"], columns=self.schemas[name]["columns"])
            for name, df in self.sources.items()
        ]


@dataclass(frozen=True)
class DatasetSpec:
    """How to build one benchmark data set (called only when it is materialised)."""

    name: str
    task: str
    build: Callable[[], Materialised] = field(compare=False)
    key: str = ""  # the call that builds it, recorded in schema.json


def _from_dataset(ds: Any, name: str, task: str) -> Materialised:
    """Convert a ``unifyid.datasets.Dataset`` into the benchmark's own form."""
    schemas = {src: {"id": s["id"], "columns": dict(s["columns"])} for src, s in ds.schemas.items()}
    truth = ds.truth[["source", "record_id", "entity_id"]].copy()
    truth["record_id"] = truth["record_id"].astype(str)
    return Materialised(name, task, dict(ds.sources), schemas, truth)


def _trim_entities(m: Materialised, n_entities: int, seed: int = 0) -> Materialised:
    """Keep the records of ``n_entities`` true entities drawn at random (seeded)."""
    assert m.truth is not None
    ents = m.truth["entity_id"].drop_duplicates()
    keep_ents = ents.sample(n=min(n_entities, len(ents)), random_state=seed)
    truth = m.truth[m.truth["entity_id"].isin(set(keep_ents))].reset_index(drop=True)
    sources = {}
    for src, df in m.sources.items():
        ids = set(truth.loc[truth["source"] == src, "record_id"])
        sources[src] = df[df[m.schemas[src]["id"]].astype(str).isin(ids)].reset_index(drop=True)
    return Materialised(m.name, m.task, sources, m.schemas, truth)


def _customers(n: int, name: str) -> DatasetSpec:
    def build() -> Materialised:
        from unifyid.datasets import make_customers

        return _from_dataset(make_customers(n_records=n, seed=0), name, "link_and_dedupe")

    return DatasetSpec(name, "link_and_dedupe", build, key=f"make_customers(n_records={n},seed=0)")


def _independent(n: int, name: str) -> DatasetSpec:
    def build() -> Materialised:
        from benchmarks.independent import make_independent

        m = make_independent(n, seed=0)
        m.name = name
        return m

    key = f"benchmarks.independent.make_independent(n_records={n},seed=0)"
    return DatasetSpec(name, "link_and_dedupe", build, key=key)


def _febrl(which: str, name: str, task: str, n_entities: int | None = None) -> DatasetSpec:
    def build() -> Materialised:
        from unifyid.datasets import load_febrl

        m = _from_dataset(load_febrl(which), name, task)
        return _trim_entities(m, n_entities) if n_entities else m

    return DatasetSpec(name, task, build, key=f"load_febrl({which!r}),entities={n_entities}")


def suite_datasets(suite: str) -> list[DatasetSpec]:
    """The data sets of a suite: ``smoke``, ``quick`` or ``full``."""
    if suite == "smoke":
        return [_customers(2_000, "customers_2k"), _febrl("febrl4", "febrl4_1k", "link", 1_000)]
    quick = [
        _febrl("febrl3", "febrl3", "dedupe"),
        _febrl("febrl4", "febrl4", "link"),
        _customers(10_000, "customers_10k"),
        _customers(100_000, "customers_100k"),
        _independent(100_000, "independent_100k"),
    ]
    if suite == "quick":
        return quick
    if suite == "full":
        return [
            *quick,
            _customers(1_000_000, "customers_1m"),
            _independent(1_000_000, "independent_1m"),
        ]
    raise ValueError(f"unknown suite {suite!r}; expected smoke, quick or full.")


def materialise(spec: DatasetSpec, root: Path) -> Path:
    """Build ``spec`` and write it under ``root/<name>/``, replacing what was there.

    Always rebuilt, once per run: a folder left by an earlier run may come from
    an older generator, and every tool of this run must read this run's data.
    """
    return write(spec.build(), root / spec.name, key=spec.key)


def write(m: Materialised, out: Path, key: str = "", fmt: str = "parquet") -> Path:
    """Write a :class:`Materialised` data set in the benchmark layout.

    ``fmt`` is the sources' file format, ``"parquet"`` or ``"csv"`` (as users
    hand files over; empty cells are missing values); the truth is Parquet.
    """
    if fmt not in ("parquet", "csv"):
        raise ValueError(f"fmt must be 'parquet' or 'csv', got {fmt!r}.")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    sources = {}
    for src, df in m.sources.items():
        fname = f"{src}.{fmt}"
        if fmt == "csv":
            df.reset_index(drop=True).to_csv(out / fname, index=False)
        else:
            df.reset_index(drop=True).to_parquet(out / fname, index=False)
        sources[src] = {"file": fname, **m.schemas[src]}
    if m.truth is not None:
        m.truth.to_parquet(out / "truth.parquet", index=False)
    meta = {"name": m.name, "task": m.task, "key": key, "records": m.records, "sources": sources}
    (out / "schema.json").write_text(json.dumps(meta, indent=2) + "\n")
    return out


def _read_table(path: Path) -> pd.DataFrame:
    if path.suffix.lower() in (".parquet", ".pq"):
        return pd.read_parquet(path)
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])


def load(data_dir: str | Path, *, with_truth: bool = False) -> Materialised:
    """Read a materialised data set (truth only when asked: tools never see it)."""
    data_dir = Path(data_dir)
    meta = json.loads((data_dir / "schema.json").read_text())
    sources, schemas = {}, {}
    for src, s in meta["sources"].items():
        sources[src] = _read_table(data_dir / s["file"])
        schemas[src] = {"id": s["id"], "columns": dict(s["columns"])}
    truth = load_truth(data_dir) if with_truth else None
    return Materialised(
        meta["name"], meta.get("task", "link_and_dedupe"), sources, schemas, truth, data_dir
    )


def load_truth(data_dir: str | Path) -> pd.DataFrame | None:
    """Only the truth of a materialised data set (``None`` if it has none)."""
    path = Path(data_dir) / "truth.parquet"
    if not path.exists():
        return None
    truth = pd.read_parquet(path)
    truth["record_id"] = truth["record_id"].astype(str)
    return truth


def import_user_data(data_dir: Path, truth_file: Path, root: Path) -> Path:
    """Copy a user's labelled data into the benchmark layout (Parquet), once per run."""
    meta = json.loads((data_dir / "schema.json").read_text())
    name = meta.get("name") or data_dir.name
    sources, schemas = {}, {}
    for src, s in meta["sources"].items():
        sources[src] = _read_table(data_dir / s.get("file", f"{src}.parquet"))
        schemas[src] = {"id": s["id"], "columns": dict(s["columns"])}
    truth = _read_table(truth_file)[["source", "record_id", "entity_id"]]
    truth = truth.astype({"source": str, "record_id": str})
    m = Materialised(name, meta.get("task", "link_and_dedupe"), sources, schemas, truth)
    return write(m, root / name, key="")


# --------------------------------------------------------------------------- union layout

_DATE_FORMATS = (
    "%d %b %Y",
    "%b %d %Y",
    "%d %B %Y",
    "%B %d, %Y",
    "%Y-%m-%d",
    "%Y%m%d",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%Y/%m/%d",
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%m-%d-%Y",
)


def _clean_text(s: pd.Series) -> pd.Series:
    out = s.astype("string").str.strip().str.lower().str.replace(r"\s+", " ", regex=True)
    return out.mask(out == "")


def _clean_phone(s: pd.Series) -> pd.Series:
    digits = s.astype("string").str.replace(r"\D", "", regex=True)
    digits = digits.str.slice(start=-10)  # national number: drop country prefixes
    return digits.mask(digits.str.len().fillna(0) < 6)


def _clean_dob(s: pd.Series) -> pd.Series:
    """Dates to ISO: the formats seen in the column, tried in order of how much each parses.

    What one writes in SQL after looking at the column:
    ``coalesce(try_strptime(dob, f1), try_strptime(dob, f2), ...)``.
    """
    if pd.api.types.is_datetime64_any_dtype(s):
        return s.dt.strftime("%Y-%m-%d").astype("string")
    text = s.astype("string").str.strip()
    sample = text.dropna().head(5000)
    hits = {
        f: int(pd.to_datetime(sample, format=f, errors="coerce").notna().sum())
        for f in _DATE_FORMATS
    }
    parsed = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns]")
    for fmt in sorted((f for f in _DATE_FORMATS if hits[f]), key=lambda f: -hits[f]):
        parsed = parsed.fillna(pd.to_datetime(text, format=fmt, errors="coerce"))
    return parsed.dt.strftime("%Y-%m-%d").astype("string")


def _split_full_name(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``"Last, First"`` or ``"First Rest"`` into (first, last)."""
    t = _clean_text(s)
    comma = t.str.contains(",", regex=False).fillna(False)
    parts = t.str.split(",", n=1, expand=True).reindex(columns=[0, 1]).astype("string")
    space = t.str.split(" ", n=1, expand=True).reindex(columns=[0, 1]).astype("string")
    first = space[0].where(~comma, parts[1].str.strip())
    last = space[1].where(~comma, parts[0].str.strip())
    return first.astype("string"), last.astype("string")


def _source_union(src: str, df: pd.DataFrame, schema: dict[str, Any]) -> pd.DataFrame:
    out = pd.DataFrame(index=df.index)
    out["source"] = src
    out["record_id"] = df[schema["id"]].astype(str)
    by_type: dict[str, list[str]] = {}
    for col, typ in schema["columns"].items():
        if col in df.columns:
            by_type.setdefault(typ, []).append(col)
    cleaners = {"phone": _clean_phone, "dob": _clean_dob}
    for typ in UNION_COLUMNS:
        cols = by_type.get(typ, [])
        clean = cleaners.get(typ, _clean_text)
        if not cols:
            out[typ] = pd.Series(pd.NA, index=df.index, dtype="string")
        elif typ == "street":  # "12" + "high st": street parts are joined
            joined = df[cols].astype("string").fillna("").agg(" ".join, axis=1)
            out[typ] = _clean_text(joined)
        else:  # several columns of one identifier type: first non-empty wins
            vals = [clean(df[c]) for c in cols]
            v = vals[0]
            for other in vals[1:]:
                v = v.fillna(other)
            out[typ] = v
    if "full_name" in by_type:
        first, last = _split_full_name(df[by_type["full_name"][0]])
        out["first_name"] = out["first_name"].fillna(first)
        out["last_name"] = out["last_name"].fillna(last)
    return out


def union_frame(m: Materialised) -> pd.DataFrame:
    """All sources stacked in one layout: source, record_id, uid, then :data:`UNION_COLUMNS`."""
    parts = [_source_union(src, df, m.schemas[src]) for src, df in m.sources.items()]
    u = pd.concat(parts, ignore_index=True)
    u.insert(2, "uid", u["source"] + "|" + u["record_id"])
    for c in UNION_COLUMNS:
        u[c] = u[c].astype(object).where(u[c].notna(), None)
    return u
