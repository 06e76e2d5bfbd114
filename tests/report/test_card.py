import re

from unifyid.report._card import card_html, card_text


def test_repr_is_the_card_not_the_internals(small_run):
    _, _, result = small_run
    text = repr(result)
    html = result._repr_html_()
    for internal in ("frame=", "gamma", "contributions", "array(", "dtype", "DataFrame"):
        assert internal not in text
        assert internal not in html
    assert text.startswith("unifyid Result")
    assert len(html) < 4000 and len(text) < 2000
    assert "max-width:640px" in html
    assert "recognition rate" in text and "recognition rate" in html
    assert max(len(line) for line in text.splitlines()) <= 120


def test_card_counts_match_summary(small_run):
    _, _, result = small_run
    summary = result.summary()
    text = card_text(summary, result.quality, result.hubs)
    assert f"{summary['profiles']:,}" in text
    for source, n in summary["records_per_source"].items():
        assert f"{source} {n:,}" in text
    html = card_html(summary, result.quality, result.hubs)
    assert re.search(r"stage times", html)


def test_card_flags_unusable_columns():
    import pandas as pd

    quality = pd.DataFrame(
        {
            "source": ["web", "app"],
            "column": ["mail", "tel"],
            "semantic_type": ["email", "phone"],
            "n_present": [100, 100],
            "n_unparseable": [0, 10],
            "n_junk": [0, 5],
        }
    )
    text = card_text({"records": 200, "profiles": 150}, quality, pd.DataFrame())
    assert "app.tel: 15.0% unusable" in text
    assert "web.mail" not in text


def test_explain_view_fits_a_notebook(small_run):
    _, _, result = small_run
    pid = result.profiles["profile_id"].value_counts().index[0]
    exp = result.explain(pid)
    html = exp._repr_html_()
    assert "<details>" in html
    assert "max-width:100%" in html
    # One table row per link, plus the header row.
    link_table = html.split("<h5", 2)[1]
    assert link_table.split("<h5")[0].count("<tr class='link'>") == len(exp.links)
    # The link table has five columns, not one per matcher.
    header = re.search(r"<tr>(<th.*?)</tr>", link_table).group(1)
    assert header.count("<th") == 5
