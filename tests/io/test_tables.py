"""Reading sources: every input type, and a clear error for every damaged file."""

import gzip

import pandas as pd
import pyarrow as pa
import pytest

import unifyid as uid

HEADER = "id,email,first\n"
ROWS = "1,ann@x.com,Ann\n2,,Bob\n003,bob@y.org,Bob\n"


def _read(path):
    return uid.Source(
        "shop", path, id="id", columns={"email": "email", "first": "first_name"}
    ).read()


def _fails(path, *words):
    with pytest.raises(uid.SourceError) as info:
        _read(path)
    text = str(info.value)
    assert "'shop'" in text and path.name in text
    assert "\n" not in text.strip()
    for word in words:
        assert word in text
    for value in ("ann@x.com", "Ann", "Bob", "bob@y.org"):
        assert value not in text  # the data is never quoted
    return text


@pytest.mark.parametrize("name", ["s.csv", "s.csv.gz", "s.tsv", "s.tsv.gz", "s.parquet"])
def test_every_file_format_reads_all_columns_as_text(tmp_path, name):
    text = HEADER + ROWS
    if ".tsv" in name:
        text = text.replace(",", "\t")
    path = tmp_path / name
    if name.endswith(".parquet"):
        pd.DataFrame(
            {
                "id": ["1", "2", "003"],
                "email": ["ann@x.com", None, "bob@y.org"],
                "first": ["Ann", "Bob", "Bob"],
            }
        ).to_parquet(path)
    elif name.endswith(".gz"):
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text)
    frame = _read(path)
    assert frame["id"].tolist() == ["1", "2", "003"]  # keys stay text
    assert pd.isna(frame.loc[1, "email"]) and frame.loc[2, "email"] == "bob@y.org"


def test_a_utf16_or_bom_file_is_read(tmp_path):
    for encoding in ("utf-16", "utf-8-sig"):
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes((HEADER + ROWS).encode(encoding))
        assert _read(path)["first"].tolist() == ["Ann", "Bob", "Bob"]


def test_only_an_empty_field_is_missing(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(HEADER + "1,NULL,NA\n")
    assert _read(path).loc[0, ["email", "first"]].tolist() == ["NULL", "NA"]


def test_pyarrow_table_and_polars_frame_are_sources():
    table = pa.table({"id": ["1", "2"], "email": ["ann@x.com", None], "first": ["Ann", "Bob"]})
    frame = uid.Source("shop", table, id="id", columns={"email": "email"}).read()
    assert frame["email"].tolist()[0] == "ann@x.com"
    polars = pytest.importorskip("polars", reason="polars is not installed")
    frame = uid.Source("shop", polars.from_arrow(table), id="id", columns={"email": "email"}).read()
    assert frame["id"].tolist() == ["1", "2"]


def test_another_object_is_a_config_error():
    with pytest.raises(uid.ConfigError, match="pyarrow Table, a polars DataFrame or a file path"):
        uid.Source("shop", [1, 2], id="id", columns={"email": "email"})


def test_a_truncated_last_row_is_an_error_not_padded(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(HEADER + ROWS + "4,carl@z.com")
    _fails(path, "1 row(s) have the wrong number of fields", "expected 3", "line 5", "truncated")


def test_a_ragged_row_is_an_error(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(HEADER + "1,ann@x.com,Ann,extra\n" + ROWS)
    _fails(path, "wrong number of fields")


def test_a_bare_carriage_return_does_not_make_a_phantom_record(tmp_path):
    path = tmp_path / "s.csv"
    path.write_bytes((HEADER + "1,ann@x.com,An\rn\n" + ROWS).encode())
    _fails(path, "wrong number of fields", "line 2", "carriage return")


def test_a_bare_carriage_return_in_a_first_field_names_its_line(tmp_path):
    path = tmp_path / "s.csv"
    path.write_bytes((HEADER + ROWS + "1\r0,ann@x.com,Ann\n").encode())
    _fails(path, "line 5", "carriage return")


def test_an_unterminated_quote_is_an_error(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(HEADER + '1,"ann@x.com,Ann\n' + ROWS)
    _fails(path, "unterminated quote")


def test_latin1_is_named_not_a_traceback(tmp_path):
    path = tmp_path / "s.csv"
    path.write_bytes((HEADER + "1,ann@x.com,Zo\xeb\n").encode("latin-1"))
    _fails(path, "not UTF-8", "byte 29 (line 2)")


def test_latin1_deep_in_a_gzip_file_names_byte_and_line(tmp_path):
    path = tmp_path / "s.csv.gz"
    text = HEADER + ROWS * 30000 + "1,ann@x.com,Zo\xeb\n"
    path.write_bytes(gzip.compress(text.encode("latin-1")))
    offset = len(text.encode("latin-1")) - 2
    _fails(path, "not UTF-8", f"byte {offset} (line {3 * 30000 + 2})")


def test_utf16_without_a_byte_order_mark_is_named(tmp_path):
    path = tmp_path / "s.csv"
    path.write_bytes((HEADER + ROWS).encode("utf-16-le"))
    _fails(path, "not UTF-8", "NUL byte", "line 1")


def test_empty_file(tmp_path):
    path = tmp_path / "s.csv"
    path.write_bytes(b"")
    _fails(path, "empty")


@pytest.mark.parametrize("name", ["s.parquet", "s.csv.gz"])
def test_damaged_binary_files(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"PAR1\x00\x01 damaged")
    _fails(path, "damaged")


def test_repeated_header_names(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("id,email,email\n1,a@x.com,b@x.com\n")
    _fails(path, "repeated column name(s) ['email']")
