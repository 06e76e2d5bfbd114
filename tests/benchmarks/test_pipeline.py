"""The benchmark's own plumbing on tiny hand-made data: layout, subprocess run, scores, reports.

Needs neither unifyid's resolver nor any peer: only the exact baseline runs.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from benchmarks import data as bdata
from benchmarks.report import END, START, update_readme
from benchmarks.runner import run_suite


def _user_data(root: Path) -> tuple[Path, Path]:
    """Two channels, three customers; the web export has upper-case e-mails."""
    src = root / "mine"
    src.mkdir()
    pd.DataFrame(
        {
            "wid": ["w1", "w2", "w3"],
            "mail": ["ANN@X.COM", "bob@y.com", None],
            "name": ["Ann Lee", "Lee, Bob", "Cy Ng"],
        }
    ).to_csv(src / "web.csv", index=False)
    pd.DataFrame(
        {
            "sid": [1, 2],
            "email": [" ann@x.com", None],
            "tel": ["+44 20 7946 0001", "020 7946 0001"],
            "born": ["31/12/1980", "01/02/1975"],
        }
    ).to_csv(src / "store.csv", index=False)
    schema = {
        "name": "mine",
        "sources": {
            "web": {
                "file": "web.csv",
                "id": "wid",
                "columns": {"mail": "email", "name": "full_name"},
            },
            "store": {
                "file": "store.csv",
                "id": "sid",
                "columns": {"email": "email", "tel": "phone", "born": "dob"},
            },
        },
    }
    (src / "schema.json").write_text(json.dumps(schema))
    truth = root / "truth.csv"
    pd.DataFrame(
        {
            "source": ["web", "web", "web", "store", "store"],
            "record_id": ["w1", "w2", "w3", "1", "2"],
            "entity_id": [1, 2, 3, 1, 4],
        }
    ).to_csv(truth, index=False)
    return src, truth


def test_union_frame_normalises_like_sql(tmp_path: Path) -> None:
    src, truth = _user_data(tmp_path)
    m = bdata.load(bdata.import_user_data(src, truth, tmp_path / "data"))
    u = bdata.union_frame(m).set_index("uid")
    assert u.loc["web|w1", "email"] == "ann@x.com"
    assert u.loc["store|1", "email"] == "ann@x.com"
    assert (u.loc["web|w2", "first_name"], u.loc["web|w2", "last_name"]) == ("bob", "lee")
    assert (u.loc["web|w3", "first_name"], u.loc["web|w3", "last_name"]) == ("cy", "ng")
    assert u.loc["store|1", "phone"] == u.loc["store|2", "phone"] == "2079460001"
    assert u.loc["store|1", "dob"] == "1980-12-31"


def test_run_on_user_data_scores_and_reports(tmp_path: Path) -> None:
    src, truth = _user_data(tmp_path)
    out = tmp_path / "out"
    rows = run_suite(
        "custom",
        out,
        tools="exact-baseline",
        data=src,
        truth=truth,
        argv=["run", "--data", str(src)],
    )
    assert len(rows) == 1
    row = rows[0]
    assert row["status"] == "ok", row["error"]
    # e-mail joins web|w1 and store|1 (right); the shared phone joins store|1 and
    # store|2 (wrong): one cluster of 3 holding entities 1 and 4.
    # predicted pairs 3, correct 1, true pairs 1 -> precision 1/3, recall 1.
    assert row["precision"] == round(1 / 3, 4)
    assert row["recall"] == 1.0
    assert row["largest_cluster"] == 3
    assert row["overmerged_cluster_share"] == 1.0
    assert row["wall_s"] > 0 and row["peak_rss_mb"] > 0
    for name in ("results.json", "results.md", "machine.json"):
        assert (out / name).exists()
    machine = json.loads((out / "machine.json").read_text())
    assert machine["cpu_count"] >= 1 and "versions" in machine
    assert "exact-baseline" in (out / "results.md").read_text()


def test_missing_tool_is_a_row_not_a_crash(tmp_path: Path, monkeypatch) -> None:
    import benchmarks.runner as runner

    src, truth = _user_data(tmp_path)
    monkeypatch.setattr(runner, "_installed", lambda spec: ["nothere"])
    rows = run_suite("custom", tmp_path / "out", tools="exact-baseline", data=src, truth=truth)
    assert rows[0]["status"] == "not installed"
    assert "nothere" in rows[0]["error"]


def test_report_writes_between_markers(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="the report draws the chart (bench extra)")
    src, truth = _user_data(tmp_path)
    out = tmp_path / "out"
    run_suite("custom", out, tools="exact-baseline", data=src, truth=truth)
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{START}\nSTALE TABLE\n{END}\noutro\n")
    update_readme(out, readme)
    text = readme.read_text()
    assert text.startswith("intro\n") and text.endswith("outro\n")
    assert "STALE TABLE" not in text and "exact-baseline" in text
    assert (tmp_path / "results" / "results.json").exists()
