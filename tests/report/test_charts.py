import sys

import pytest

from unifyid.report import Chart, MissingExtraError
from unifyid.report._plots import RunPlots

pytest.importorskip("matplotlib", reason="charts need the report extra (matplotlib)")

PNG = b"\x89PNG\r\n\x1a\n"


def _check(chart, tmp_path):
    assert isinstance(chart, Chart)
    assert chart._repr_png_().startswith(PNG)
    assert chart._repr_html_().startswith('<img class="unifyid-chart"')
    assert chart.save(tmp_path / "c.png").read_bytes() == chart.png
    assert "<svg" in chart.save(tmp_path / "c.svg").read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="suffix"):
        chart.save(tmp_path / "c.jpg")


@pytest.mark.parametrize("name", ["weights", "waterfall", "sizes", "overlap", "at_risk"])
def test_result_chart_methods(small_run, tmp_path, name):
    _, _, result = small_run
    _check(getattr(result.plot, name)(), tmp_path)


def test_resolver_m_u_chart(small_run, tmp_path):
    _, resolver, _ = small_run
    _check(resolver.plot.m_u(), tmp_path)


def test_threshold_chart_from_truth_subset(small_run, tmp_path):
    data, _, result = small_run
    _check(result.plot.thresholds(data.truth.sample(600, random_state=0)), tmp_path)


def test_waterfall_of_a_named_pair(small_run, tmp_path):
    _, _, result = small_run
    e = result.edges.iloc[0]
    chart = result.plot.waterfall((e.source_r, e.record_id_r), (e.source_l, e.record_id_l))
    _check(chart, tmp_path)
    with pytest.raises(KeyError):
        result.plot.waterfall(("nowhere", "1"), ("nowhere", "2"))


def test_folder_charts_include_m_u(run_folder, tmp_path):
    from unifyid.report._run import RunData

    plots = RunPlots(RunData.from_folder(run_folder))
    _check(plots.m_u(), tmp_path)
    _check(plots.weights(), tmp_path)


def test_missing_matplotlib_names_the_extra(monkeypatch):
    from unifyid.report._deps import pyplot

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(MissingExtraError, match=r"unifyid\[report\]"):
        pyplot()
