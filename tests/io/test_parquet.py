"""Output files keep one Arrow schema whatever pandas version wrote them."""

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

import unifyid as uid
from unifyid.io import write_outputs


def _sources():
    web = pd.DataFrame(
        {"id": ["w1", "w2"], "email": ["ann@x.com", None], "name": ["Ann Lee", "Bob Stone"]}
    )
    store = pd.DataFrame({"id": ["s1"], "mail": ["ann@x.com"], "name": ["Lee, Ann"]})
    return [
        uid.Source("web", web, id="id", columns={"email": "email", "name": "full_name"}),
        uid.Source("store", store, id="id", columns={"mail": "email", "name": "full_name"}),
    ]


def test_profiles_parquet_has_string_columns_on_pandas_3(tmp_path):
    """Defect: pandas 3 wrote profiles.parquet as large_string, not string."""
    resolver = uid.Resolver()
    write_outputs(resolver.resolve(_sources()), tmp_path, resolver=resolver)
    schema = pq.read_schema(tmp_path / "profiles.parquet")
    assert schema.names == ["source", "record_id", "profile_id"]
    assert all(schema.field(c).type == pa.string() for c in schema.names)
    for path in [*tmp_path.glob("*.parquet"), *(tmp_path / "state").glob("*.parquet")]:
        types = pq.read_schema(path).types
        assert not any(pa.types.is_large_string(t) for t in types), path.name


def test_golden_missing_values_are_none_on_pandas_3():
    """Defect: pandas 3 turned the golden records' None into NaN."""
    golden = uid.Resolver().resolve(_sources()).golden
    bob = golden[golden["first_name"] == "Bob"].iloc[0]
    assert bob["email"] is None
    assert all(str(d) == "object" for d in golden.drop(columns="n_records").dtypes)


def test_state_writes_a_phone_that_is_text_in_one_source_and_a_number_in_another(tmp_path):
    """Defect: State.write failed (ArrowInvalid, echoing a phone) on mixed value types."""
    csv = pd.DataFrame({"id": ["a1", "a2"], "phone": ["4146383083", None], "first": ["Ann", "Bob"]})
    pq_ = pd.DataFrame({"id": ["b1", "b2"], "phone": [4146383083.0, None], "first": ["Ann", "Cy"]})
    columns = {"phone": "phone", "first": "first_name"}
    sources = [
        uid.Source("csv", csv, id="id", columns=columns),
        uid.Source("parquet", pq_, id="id", columns=columns),
    ]
    resolver = uid.Resolver()
    write_outputs(resolver.resolve(sources), tmp_path, resolver=resolver)
    raw = uid.State.read(tmp_path).raw.set_index("record_id")["phone"]
    assert raw["a1"] == raw["b1"] == "4146383083"
    assert pd.isna(raw["a2"]) and pd.isna(raw["b2"])


def test_writing_keeps_no_golden_tables_the_result_did_not_hold(tmp_path):
    """Golden and lineage are built for writing and released; a result that
    holds them already writes those very tables."""
    resolver = uid.Resolver()
    result = resolver.resolve(_sources())
    write_outputs(result, tmp_path / "a", resolver=resolver)
    assert "_golden_tables" not in result.__dict__
    golden = result.golden  # now held by the result
    write_outputs(result, tmp_path / "b", resolver=resolver)
    assert result.golden is golden
    for name in ("golden", "lineage"):
        a, b = (pd.read_parquet(tmp_path / folder / f"{name}.parquet") for folder in "ab")
        assert len(a) and a.equals(b), name


def test_a_file_written_in_parts_reads_as_the_whole_table(tmp_path):
    from unifyid.io._parquet import ParquetParts, write_parquet

    frame = pd.DataFrame({"id": pd.Series(["a", "b", None, "d"], dtype=object), "n": [1, 2, 3, 4]})
    write_parquet(frame, tmp_path / "whole.parquet")
    parts = ParquetParts(tmp_path / "parts.parquet")
    for rows in (slice(0, 1), slice(1, 3), slice(3, 4)):
        parts.write(frame.iloc[rows].reset_index(drop=True))
    parts.close()
    whole = pq.read_table(tmp_path / "whole.parquet")
    assert pq.read_table(tmp_path / "parts.parquet").equals(whole)
    assert pq.read_schema(tmp_path / "parts.parquet").equals(whole.schema, check_metadata=True)
