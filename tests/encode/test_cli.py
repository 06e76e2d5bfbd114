"""`unifyid encode` writes encoded Parquet files and a config that `unifyid resolve` runs;
no plain value and no key material ends up in the folder."""

import pandas as pd
import pytest

from unifyid.cli import main
from unifyid.io import write_dataset
from unifyid.standardise import standardise_sources as prepare


@pytest.fixture(scope="module")
def encoded_dir(small, key_file, tmp_path_factory):
    root = tmp_path_factory.mktemp("encode")
    config = write_dataset(small, root / "plain")
    out = root / "encoded"
    assert main(["encode", str(config), "--key-file", str(key_file), "--out", str(out)]) == 0
    return config, out


def _plain_values(small):
    """Every raw and standardised customer value of 6+ characters."""
    values = set()
    sources = small.to_sources()
    for src in sources:
        table = src.read()
        for column in src.columns:
            values |= {str(v) for v in table[column].dropna()}
    frame = prepare(sources).frame
    for column in ("email", "phone", "first_name", "last_name", "street", "city", "dob"):
        values |= {str(v) for v in frame[column].dropna()}
    return {v for v in values if len(v) >= 6}


def test_no_plain_value_nor_key_in_output_files(small, key_file, encoded_dir):
    _, out = encoded_dir
    files = sorted(p for p in out.iterdir() if p.is_file())
    # The folder is written atomically: its completion marker is the one JSON file.
    assert {p.suffix for p in files} == {".parquet", ".toml", ".json"}
    assert [p.name for p in files if p.suffix == ".json"] == ["_SUCCESS.json"]
    blobs = [p.read_bytes() for p in files]
    # Also the decoded tables, since Parquet pages are compressed.
    blobs += [pd.read_parquet(p).to_csv().encode() for p in files if p.suffix == ".parquet"]
    secret = key_file.read_text().strip()
    needles = _plain_values(small)
    assert len(needles) > 500
    for blob in blobs:
        assert secret.encode() not in blob and bytes.fromhex(secret) not in blob
        found = [v for v in needles if v.encode() in blob]
        assert not found, f"{len(found)} plain value(s) in an output file"


def test_round_trip_resolves_the_encoded_config(small, encoded_dir, tmp_path, capsys):
    _, out = encoded_dir
    assert "[[source]]" in (out / "config.toml").read_text()
    assert main(["resolve", str(out / "config.toml"), "--out", str(tmp_path / "res")]) == 0
    profiles = pd.read_parquet(tmp_path / "res" / "profiles.parquet")
    assert len(profiles) == small.n_records
    assert profiles["profile_id"].nunique() < small.n_records
    golden = pd.read_parquet(tmp_path / "res" / "golden.parquet")
    assert "email_hmac" in golden.columns


def test_key_file_errors_exit_2_with_a_clear_message(encoded_dir, tmp_path, capsys):
    config, _ = encoded_dir
    short = tmp_path / "short.key"
    short.write_text("not-long-enough")
    args = ["encode", str(config), "--out", str(tmp_path / "x"), "--key-file"]
    assert main([*args, str(short)]) == 2
    err = capsys.readouterr().err
    assert "too short (15 bytes)" in err and "not-long-enough" not in err
    assert main([*args, str(tmp_path / "missing.key")]) == 2
    assert "key file not found" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()
