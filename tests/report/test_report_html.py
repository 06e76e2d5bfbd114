import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from unifyid.cli import main
from unifyid.report import build_report

pytest.importorskip("matplotlib", reason="the HTML report needs the report extra (matplotlib)")

BROWSERS = ("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome")


def test_report_is_self_contained(run_folder, tmp_path):
    out = tmp_path / "report.html"
    done = build_report(run_folder, out)
    text = out.read_text(encoding="utf-8")
    assert done["bytes"] == out.stat().st_size < 10_000_000
    # Offline: no script, no stylesheet link, no remote image.
    assert "<script" not in text
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", text)
    assert text.count('src="data:image/png;base64,') == 6
    for section in ("Recognition rate", "Hub values", "Data quality per source column"):
        assert section in text
    summary = json.loads((run_folder / "summary.json").read_text())
    assert f"{summary['profiles']:,}" in text


def test_report_with_labels_adds_threshold_curves(run_folder, small_run, tmp_path):
    data, _, _ = small_run
    labels = tmp_path / "truth.csv"
    data.truth.sample(800, random_state=0).to_csv(labels, index=False)
    out = tmp_path / "report.html"
    build_report(run_folder, out, labels=labels)
    assert out.read_text(encoding="utf-8").count("data:image/png;base64,") == 7


def test_cli_report(run_folder, tmp_path, capsys):
    out = tmp_path / "r.html"
    assert main(["report", str(run_folder), "--html", str(out)]) == 0
    assert out.is_file() and "report written to" in capsys.readouterr().out


def test_cli_report_on_a_folder_that_is_not_a_run(tmp_path, capsys):
    assert main(["report", str(tmp_path), "--html", str(tmp_path / "r.html")]) == 2
    assert "not the output folder" in capsys.readouterr().err


def _browser() -> str | None:
    return next((shutil.which(b) for b in BROWSERS if shutil.which(b)), None)


def test_report_renders_in_a_headless_browser(run_folder, tmp_path):
    """Open the report as a person would and check that the charts drew."""
    browser = _browser()
    if browser is None:
        pytest.skip(
            "no headless Chromium found (install it with .ci/install-browser); "
            "the report was not rendered"
        )
    image_mod = pytest.importorskip("PIL.Image", reason="Pillow (a matplotlib dependency)")
    report = tmp_path / "report.html"
    build_report(run_folder, report)
    shot = tmp_path / "report.png"
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--window-size=1400,7000", f"--screenshot={shot}", report.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    print(f"\nscreenshot of the report saved to {shot}")
    image = image_mod.open(shot).convert("RGB")
    import numpy as np

    pixels = np.asarray(image, dtype=np.int16)
    # The charts' bar colours appear nowhere else on the page: enough of them means
    # the inlined images decoded and drew.
    blue = (np.abs(pixels - np.array([0x2A, 0x7A, 0xB9])).sum(axis=2) < 30).sum()
    red = (np.abs(pixels - np.array([0xC8, 0x55, 0x3D])).sum(axis=2) < 30).sum()
    assert blue > 20_000 and red > 1_000, (blue, red)
    # Not blank: rows of the page that hold a chart vary in colour.
    rows = pixels.std(axis=(1, 2))
    assert (rows > 20).sum() > 1_000
    Path(shot).with_suffix(".txt").write_text(f"blue={blue} red={red}\n")


def test_report_shows_the_prior_of_each_pair_of_sources(run_folder, small_run, tmp_path):
    from unifyid.report._run import RunData

    _, resolver, result = small_run
    assert resolver.source_shifts_  # four channels: pairs of them have their own prior
    in_memory = RunData.from_result(result, resolver).source_priors
    from_disk = RunData.from_folder(run_folder).source_priors
    assert in_memory.equals(from_disk)
    assert len(in_memory) == len(resolver.source_shifts_)
    # Likeliest first; a higher prior means fewer record pairs per true match.
    assert in_memory["shift_bits"].is_monotonic_decreasing
    assert in_memory["pairs_per_match"].is_monotonic_increasing
    out = tmp_path / "report.html"
    build_report(run_folder, out)
    text = out.read_text(encoding="utf-8")
    assert "The prior per pair of sources" in text
    assert in_memory["sources"].iloc[0] in text
