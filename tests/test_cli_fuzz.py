"""Seeded fuzzing of `unifyid resolve`: random bytes, encodings, ragged shapes and column
sets. Whatever the input, the command exits 0, 2 or 3 without a traceback, and a
run that succeeds places every input record in exactly one profile."""

import csv
import gzip
import io
import random

import pandas as pd
import pytest

from unifyid.cli import main

CASES = 60

COLUMNS = {
    "email": ["ann.lee@example.com", "bob@mail.org", "", "x@y", "ÅSA@exämple.se", "a,b@c.com"],
    "first_name": ["Ann", "Bob", "", "Zoë", "José", 'Bo "Bob"', "李"],
    "last_name": ["Lee", "Stone", "", "O'Neil", "Diaz-Ruiz"],
    "phone": ["4155550134", "+44 20 7946 0958", "", "n/a", "555"],
    "dob": ["1990-01-02", "02/03/1985", "", "not a date", "31.12.1999"],
    "postcode": ["94103", "SW1A 1AA", "", "00501"],
    "city": ["Paris", "São Paulo", "", "New\nYork"],
}


def _records(rng, columns):
    n = rng.randint(0, 12) if rng.random() < 0.1 else rng.randint(1, 12)
    ids = [f"r{k:03d}" for k in rng.sample(range(1000), n)]
    if n > 1 and rng.random() < 0.05:
        ids[-1] = ids[0]  # a duplicate key
    rows = [[rid, *(rng.choice(COLUMNS[c]) for c in columns)] for rid in ids]
    return ids, rows


def _csv_text(header, rows, delimiter, newline):
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def _ids_in(data, encoding, delimiter):
    """The record ids of a damaged file that was accepted, by Python's own CSV parser
    (None if it cannot say: then only the exactly-once check applies)."""
    try:
        text = data.decode("utf-16" if encoding.startswith("utf-16") else "utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))
        return sorted(row["id"].strip() for row in rows)
    except (UnicodeError, csv.Error, KeyError, AttributeError):
        return None


def _mutate(rng, data):
    """Damage encoded file bytes in one of several ways; returns (bytes, kind)."""
    kind = rng.choice(["bytes", "truncate", "cr", "quote", "ragged", "nul", "drop_newline", "swap"])
    if not data:
        return bytes(rng.randrange(256) for _ in range(rng.randint(1, 40))), "bytes"
    at = rng.randrange(len(data))
    if kind == "bytes":
        noise = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        return data[:at] + noise + data[at:], kind
    if kind == "truncate":
        return data[:at], kind
    if kind == "cr":
        return data[:at] + b"\r" + data[at:], kind
    if kind == "quote":
        return data[:at] + b'"' + data[at:], kind
    if kind == "ragged":
        return data.replace(b"\n", b",extra\n", 1 + rng.randrange(3)), kind
    if kind == "nul":
        return data[:at] + b"\x00" + data[at:], kind
    if kind == "drop_newline":
        return data.replace(b"\n", b"", 1), kind
    return data[at:] + data[:at], kind


def _write_source(rng, folder, name):
    """One source file with random columns, format and damage; returns its config and
    the record ids it holds (as written, or as Python's CSV parser reads a damaged
    file; None if unknown)."""
    chosen = rng.sample(sorted(COLUMNS), rng.randint(1, 4))
    header = ["id", *(f"col_{c}" for c in chosen)]
    ids, rows = _records(rng, chosen)
    fmt = rng.choice(["csv", "csv", "csv", "tsv", "csv.gz", "parquet"])
    path = folder / f"{name}.{fmt}"
    intact, expected = True, ids
    if fmt == "parquet":
        frame = pd.DataFrame(rows, columns=header, dtype=object)
        if len(header) > 1 and rng.random() < 0.4:  # a column of another type
            kind = rng.choice([int, bool, float, lambda n: [str(n)]])
            frame[rng.choice(header[1:])] = [kind(n) for n in range(len(rows))]
        frame.to_parquet(path, index=False)
        if rng.random() < 0.3:
            data = path.read_bytes()
            path.write_bytes(data[: rng.randrange(len(data))])
            intact = False
    else:
        delimiter = "\t" if fmt == "tsv" else ","
        text = _csv_text(header, rows, delimiter, rng.choice(["\n", "\r\n"]))
        encoding = rng.choice(["utf-8"] * 8 + ["utf-8-sig", "utf-16", "latin-1", "utf-16-le"])
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            data = text.encode(encoding, errors="replace")
            intact = False
        if encoding in ("latin-1", "utf-16-le") and data != text.encode("utf-8"):
            intact = False  # unreadable unless it happens to be plain ASCII
        if rng.random() < 0.3:
            data, _ = _mutate(rng, data)
            intact, expected = False, _ids_in(data, encoding, delimiter)
        if fmt == "csv.gz":
            data = gzip.compress(data)
            if rng.random() < 0.2:
                data = data[: rng.randrange(len(data))]
                intact = False
        path.write_bytes(data)
    if rng.random() < 0.1:  # map a column the file lacks
        chosen = [*chosen, "postcode" if "postcode" not in chosen else "city"]
    columns = "\n".join(f'col_{c} = "{c}"' for c in chosen)
    config = f'[[source]]\nname = "{name}"\npath = "{path.name}"\nid = "id"\n'
    config += f"[source.columns]\n{columns}\n"
    return config, (ids if intact else expected)


@pytest.mark.parametrize("case", range(CASES))
def test_resolve_survives_random_input(tmp_path, capsys, case):
    rng = random.Random(1000 + case)
    sources = [_write_source(rng, tmp_path, name) for name in ("web", "store")[: rng.randint(1, 2)]]
    config = "".join(text for text, _ in sources)
    if rng.random() < 0.1:
        config += rng.choice(["[resolver]\nthreshold = 1.5\n", "[resolver]\nmax_iter = 'x'\n"])
    (tmp_path / "c.toml").write_text(config, encoding="utf-8")
    if rng.random() < 0.05:  # a damaged config file
        data = config.encode()
        at = rng.randrange(len(data))
        (tmp_path / "c.toml").write_bytes(data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :])
    out = tmp_path / "out"
    code = main(["resolve", str(tmp_path / "c.toml"), "--out", str(out), "--no-state"])
    _, err = capsys.readouterr()
    assert code in (0, 2, 3), err
    assert "Traceback" not in err and 'File "' not in err
    if code != 0:
        assert err.strip().splitlines()[-1].startswith("unifyid: error: ")
        assert not out.exists()
        return
    profiles = pd.read_parquet(out / "profiles.parquet")
    keys = list(zip(profiles["source"], profiles["record_id"]))
    assert len(keys) == len(set(keys))  # every record exactly once
    for (_, ids), name in zip(sources, ("web", "store")):
        if ids is not None:  # no record dropped, none made up
            assert sorted(r for s, r in keys if s == name) == sorted(ids)
