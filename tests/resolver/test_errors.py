"""Errors a user can act on: each names the source and column, all are gathered."""

import pandas as pd
import pytest

import unifyid as uid


def web(**over):
    df = pd.DataFrame(
        {
            "web_id": ["1", "2", "3"],
            "mail": ["a@x.com", "b@x.com", None],
            "first": ["Ann", "Bob", "Cy"],
        }
    )
    return df.assign(**over)


def src(df, name="web", columns=None):
    return uid.Source(
        name, df, id="web_id", columns=columns or {"mail": "email", "first": "first_name"}
    )


def test_unknown_semantic_type_lists_valid_ones():
    with pytest.raises(uid.ConfigError, match=r"'mail' -> 'e-mail'.*valid types are email"):
        uid.Source("web", web(), id="web_id", columns={"mail": "e-mail"})


def test_missing_file_names_source_and_path(tmp_path):
    s = uid.Source("store", tmp_path / "nope.csv", id="id", columns={"x": "email"})
    with pytest.raises(uid.SourceError, match=r"'store'.*nope.csv"):
        uid.Resolver().resolve([s])


def test_unsupported_format(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_text("x")
    with pytest.raises(uid.SourceError, match=r"\.csv, \.csv\.gz, \.tsv, \.tsv\.gz, \.parquet"):
        uid.Resolver().resolve([uid.Source("s", path, id="id", columns={"x": "email"})])


def test_all_schema_problems_are_reported_at_once():
    bad_dupes = web(web_id=["1", "1", None])
    missing_col = web()
    with pytest.raises(uid.SchemaError) as info:
        uid.Resolver().resolve(
            [
                src(bad_dupes, "web"),
                src(missing_col, "app", columns={"mail": "email", "phone_no": "phone"}),
                src(web().iloc[:0], "store"),
            ]
        )
    text = str(info.value)
    assert len(info.value.problems) == 4
    assert "'web', id column 'web_id': 1 record(s) have no id" in text
    assert "'web', id column 'web_id': 1 duplicate id(s)" in text
    assert (
        "'app': mapped column(s) ['phone_no'] not found; "
        "available columns: ['web_id', 'mail', 'first']" in text
    )
    assert "'store' is empty" in text


def test_repeated_source_names():
    with pytest.raises(uid.SchemaError, match="repeated"):
        uid.Resolver().resolve([src(web()), src(web())])


def test_bad_resolver_parameter_names_parameter_and_allowed_values():
    with pytest.raises(uid.ConfigError, match=r"'threshold' must be float in \(0.0, 1.0\); got 2"):
        uid.Resolver(threshold=2).resolve([src(web())])


def test_threshold_nan_is_refused_not_linking_nothing():
    """Defect: ``threshold = nan`` was accepted and linked nothing."""
    with pytest.raises(
        uid.ConfigError, match=r"'threshold' must be float in \(0.0, 1.0\); got nan"
    ):
        uid.Resolver(threshold=float("nan")).resolve([src(web())])


def test_unparseable_values_are_counted_not_fatal():
    df = web(dob=["1984-03-07", "not a date", "31/02/1999"])
    s = uid.Source(
        "web", df, id="web_id", columns={"mail": "email", "first": "first_name", "dob": "dob"}
    )
    result = uid.Resolver().resolve([s])
    q = result.quality.set_index("column")
    assert q.loc["dob", "n_unparseable"] == 2
    assert len(result.profiles) == 3


def test_predict_before_fit_raises_not_fitted():
    with pytest.raises(uid.NotFittedError, match="Resolver is not fitted"):
        uid.Resolver().predict([src(web())])


def test_cannot_link_rule_naming_an_unknown_matcher_is_refused():
    """Defect: a rule on `fist_name` did nothing, and replaced household protection."""
    rule = uid.CannotLink({"fist_name": "else"})
    with pytest.raises(uid.ConfigError, match="unknown matcher 'fist_name'"):
        uid.Resolver(cannot_link=[rule]).resolve([src(web())])


def test_cannot_link_rule_naming_an_unknown_level_is_refused():
    rule = uid.CannotLink({"first_name": "els"})
    with pytest.raises(uid.ConfigError, match=r"no level\(s\) \['els'\]"):
        uid.Resolver(cannot_link=[rule]).resolve([src(web())])


def test_a_rule_on_a_builtin_matcher_whose_column_is_absent_is_allowed():
    rule = uid.CannotLink({"dob": "else"})  # web() has no birth dates
    assert uid.Resolver(cannot_link=[rule]).resolve([src(web())]).n_profiles > 0


@pytest.mark.parametrize("key", ["identifier_limits", "hub_blocklist", "hub_allowlist"])
def test_unknown_identifier_columns_are_refused(key):
    """Defect: unknown columns in hub lists and identifier limits were ignored."""
    value = {"loyalty": 1} if key == "identifier_limits" else {"loyalty": ["0000"]}
    with pytest.raises(uid.ConfigError, match=rf"{key} names \['loyalty'\]"):
        uid.Resolver(**{key: value}).resolve([src(web())])


def test_golden_source_priority_naming_an_unknown_source_is_refused():
    """Defect: unknown sources in golden source_priority were ignored without a word."""
    from unifyid.golden import MostRecent, SourcePriority

    rules = {"phone": MostRecent(then=SourcePriority(("stroe", "web")))}
    with pytest.raises(uid.ConfigError, match=r"'phone' ranks unknown source\(s\) \['stroe'\]"):
        uid.Resolver(golden_rules=rules).resolve([src(web())])
