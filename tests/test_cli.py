"""The command line: `unifyid resolve` writes the public Parquet contract; `unifyid demo` runs."""

import json

import pandas as pd

from unifyid.cli import main
from unifyid.datasets import make_customers
from unifyid.io import write_dataset


def test_resolve_writes_the_public_file_contract(tmp_path, capsys):
    data = make_customers(n_records=800, seed=2)
    config = write_dataset(data, tmp_path / "in")
    out = tmp_path / "out"
    assert (
        main(["resolve", str(config), "--out", str(out), "--save-model", str(tmp_path / "m.json")])
        == 0
    )
    profiles = pd.read_parquet(out / "profiles.parquet")
    assert list(profiles.columns) == ["source", "record_id", "profile_id"]
    assert all(profiles[c].map(type).eq(str).all() for c in profiles.columns)
    assert len(profiles) == data.n_records
    assert not profiles.duplicated(["source", "record_id"]).any()
    edges = pd.read_parquet(out / "edges.parquet")
    assert {"source_l", "record_id_l", "source_r", "record_id_r", "match_probability"} <= set(
        edges.columns
    )
    assert json.loads((out / "summary.json").read_text())["records"] == data.n_records
    golden = pd.read_parquet(out / "golden.parquet")
    assert sorted(golden["profile_id"]) == sorted(profiles["profile_id"].unique())
    lineage = pd.read_parquet(out / "lineage.parquet")
    assert set(lineage["profile_id"]) <= set(golden["profile_id"])
    assert {"field", "value", "source", "record_id", "rule"} <= set(lineage.columns)
    assert "resolved 800 records" in capsys.readouterr().out

    # Applying the saved model gives the same profiles.
    out2 = tmp_path / "out2"
    assert (
        main(["resolve", str(config), "--out", str(out2), "--model", str(tmp_path / "m.json")]) == 0
    )
    pd.testing.assert_frame_equal(profiles, pd.read_parquet(out2 / "profiles.parquet"))


def test_errors_exit_2_with_a_message(tmp_path, capsys):
    (tmp_path / "c.toml").write_text(
        "[[source]]\nname='web'\npath='missing.csv'\nid='id'\n[source.columns]\nmail='email'\n"
    )
    assert main(["resolve", str(tmp_path / "c.toml"), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "unifyid: error:" in err and "'web'" in err and "missing.csv" in err


def test_demo_prints_summary_and_scores(tmp_path, capsys):
    assert main(["demo", "--records", "1500", "--out", str(tmp_path / "demo")]) == 0
    text = capsys.readouterr().out
    assert "profiles found" in text and "F1" in text and "recognised in 2+ channels" in text
    assert (tmp_path / "demo" / "profiles.parquet").is_file()
    assert (tmp_path / "demo" / "data" / "unifyid.toml").is_file()


def test_resolve_with_previous_adds_new_records_to_an_earlier_run(tmp_path):
    data = make_customers(n_records=1500, seed=8)
    config = write_dataset(data, tmp_path / "all")
    for part, rows in (("base", slice(None, -40)), ("delta", slice(-40, None))):
        folder = tmp_path / part
        folder.mkdir()
        (folder / config.name).write_text(config.read_text())
        for name in data.sources:
            frame = pd.read_csv(tmp_path / "all" / f"{name}.csv", dtype=str)
            frame.iloc[rows].to_csv(folder / f"{name}.csv", index=False)
    first, second = tmp_path / "out1", tmp_path / "out2"
    assert main(["resolve", str(tmp_path / "base" / config.name), "--out", str(first)]) == 0
    args = ["resolve", str(tmp_path / "delta" / config.name), "--out", str(second)]
    assert main([*args, "--previous", str(first)]) == 0

    before = pd.read_parquet(first / "profiles.parquet")
    after = pd.read_parquet(second / "profiles.parquet")
    assert len(after) == data.n_records == len(before) + 40 * len(data.sources)
    changes = pd.read_parquet(second / "changes.parquet")
    assert set(changes["event"]) <= {"new", "grown", "shrunk", "merged", "split", "removed"}
    # Every id that vanished is in the change log.
    logged = {o for v in changes["old_ids"] for o in v.split(",") if o}
    assert set(before["profile_id"]) - set(after["profile_id"]) <= logged
    # The second run's state lets a third run continue from it.
    assert (second / "state" / "links.parquet").is_file()


def _small_config(tmp_path):
    return write_dataset(make_customers(n_records=600, seed=5), tmp_path / "in")


def test_verbose_logs_stage_timings(tmp_path, caplog):
    config = _small_config(tmp_path)
    with caplog.at_level("INFO", logger="unifyid"):
        assert main(["-v", "resolve", str(config), "--out", str(tmp_path / "out")]) == 0
    stages = [r.getMessage() for r in caplog.records if "stage seconds" in r.getMessage()]
    assert len(stages) == 1
    for stage in ("standardise", "block", "compare", "fit", "graph", "write"):
        assert f"{stage} " in stages[0]
    assert any(r.getMessage().startswith("standardised 600 records") for r in caplog.records)


def test_edges_and_state_options(tmp_path):
    config = _small_config(tmp_path)
    out = tmp_path / "out"
    assert main(["resolve", str(config), "--out", str(out), "--edges", "all"]) == 0
    every = pd.read_parquet(out / "edges.parquet")
    assert (out / "state" / "records.parquet").is_file()
    assert main(["resolve", str(config), "--out", str(out)]) == 0
    decisive = pd.read_parquet(out / "edges.parquet")
    kept = every[every["linked"] | every["cut_reason"].notna()].reset_index(drop=True)
    pd.testing.assert_frame_equal(decisive, kept)
    assert len(decisive) <= len(every)
    assert main(["resolve", str(config), "--out", str(out), "--edges", "none", "--no-state"]) == 0
    assert not (out / "edges.parquet").exists()
    assert not (out / "state").exists()  # the earlier run's state no longer matches
    assert (out / "profiles.parquet").is_file()


def test_progress_line_only_on_a_terminal():
    import io
    import logging

    from unifyid._progress import Progress

    stream = io.StringIO()
    with Progress(enabled=True, stream=stream) as progress:
        logging.getLogger("unifyid").info("standardised 10 records: 0.1s")
        progress._run_once()
    text = stream.getvalue()
    assert "standardised 10 records" in text and text.endswith("\r\x1b[K")
    quiet = io.StringIO()
    with Progress(enabled=False, stream=quiet):
        logging.getLogger("unifyid").info("standardised 10 records: 0.1s")
    assert quiet.getvalue() == ""


def test_resolve_with_removed_drops_records_from_an_earlier_run(tmp_path):
    data = make_customers(n_records=800, seed=8)
    config = write_dataset(data, tmp_path / "all")
    first = tmp_path / "out1"
    assert main(["resolve", str(config), "--out", str(first)]) == 0
    before = pd.read_parquet(first / "profiles.parquet")
    # No new records (header-only files), five earlier ones removed.
    delta = tmp_path / "delta"
    delta.mkdir()
    (delta / config.name).write_text(config.read_text())
    for name in data.sources:
        pd.read_csv(tmp_path / "all" / f"{name}.csv", dtype=str).iloc[:0].to_csv(
            delta / f"{name}.csv", index=False
        )
    gone = before.iloc[[0, 150, 300, 450, 600]][["source", "record_id"]]
    gone.to_parquet(tmp_path / "removed.parquet", index=False)
    args = ["resolve", str(delta / config.name), "--out", str(tmp_path / "out2")]
    assert (
        main([*args, "--previous", str(first), "--removed", str(tmp_path / "removed.parquet")]) == 0
    )
    after = pd.read_parquet(tmp_path / "out2" / "profiles.parquet")
    assert len(after) == len(before) - 5
    keys = set(zip(after["source"], after["record_id"]))
    assert not set(zip(gone["source"], gone["record_id"])) & keys


def test_removed_needs_previous_and_known_ids(tmp_path, capsys):
    config = _small_config(tmp_path)
    pd.DataFrame({"source": ["web"], "record_id": ["no-such-id"]}).to_csv(
        tmp_path / "removed.csv", index=False
    )
    out = tmp_path / "out"
    args = ["resolve", str(config), "--removed", str(tmp_path / "removed.csv")]
    assert main([*args, "--out", str(out)]) == 2
    assert "--previous" in capsys.readouterr().err
    assert main(["resolve", str(config), "--out", str(out)]) == 0
    capsys.readouterr()
    assert main([*args, "--out", str(tmp_path / "out2"), "--previous", str(out)]) == 2
    err = capsys.readouterr().err
    assert "source 'web'" in err and "no-such-id" not in err
