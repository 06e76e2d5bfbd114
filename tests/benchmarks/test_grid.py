"""The condition grid: one small point resolved end to end, and the table it writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.grid import GRID, run_grid


def test_grid_point_is_resolved_scored_and_tabled(tmp_path: Path) -> None:
    rows = run_grid(1_200, tmp_path, seed=2, only=["defaults", "contact_share=0.95"])
    assert [r["condition"] for r in rows] == ["defaults", "contact_share=0.95"]
    for r in rows:
        assert r["records"] == 1_200
        assert 0.0 < r["f1"] <= 1.0 and 0.0 <= r["overmerged_cluster_share"] <= 1.0
        assert r["wall_s"] > 0
    assert json.loads((tmp_path / "grid.json").read_text()) == rows
    table = (tmp_path / "grid.md").read_text()
    assert table.count("| defaults |") == 1 and table.count("| contact_share=0.95 |") == 1


def test_grid_names_are_unique_and_unknown_ones_are_refused(tmp_path: Path) -> None:
    names = [name for name, _ in GRID]
    assert len(names) == len(set(names))
    with pytest.raises(ValueError, match="unknown grid point"):
        run_grid(500, tmp_path, only=["no such point"])
