"""TOML configuration: the file format mirrors Source and Resolver one to one."""

import pandas as pd
import pytest

import unifyid as uid
from unifyid.io import read_config

CONFIG = """
[[source]]
name = "web"
path = "web.csv"
id = "web_id"
[source.columns]
email = "email"
name = "full_name"

[[source]]
name = "store"
path = "data/store.parquet"
id = "pos_id"
[source.columns]
phone = "phone"
first = "first_name"

[resolver]
threshold = 0.7
blocking = [["email"], ["last_name", "postcode"]]
cannot_link = [{first_name = ["else"], dob = ["else"]}]

[golden]
email = "most_frequent"
phone = {source_priority = ["store", "web"]}
"""


def test_config_builds_sources_and_resolver(tmp_path):
    (tmp_path / "c.toml").write_text(CONFIG)
    cfg = read_config(tmp_path / "c.toml")
    assert [s.name for s in cfg.sources] == ["web", "store"]
    assert cfg.sources[1].path == tmp_path / "data" / "store.parquet"
    assert dict(cfg.sources[0].columns) == {"email": "email", "name": "full_name"}
    resolver = cfg.resolver()
    assert resolver.threshold == 0.7
    assert [r.columns for r in resolver.blocking] == [("email",), ("last_name", "postcode")]
    assert resolver.cannot_link[0].when == {"first_name": ("else",), "dob": ("else",)}
    assert repr(resolver.golden_rules["email"]) == "MostFrequent()"
    assert resolver.golden_rules["phone"].label == "SourcePriority(store>web)"


def test_golden_section_errors_name_the_field(tmp_path):
    bad = CONFIG.replace('email = "most_frequent"', 'email = "newest"')
    (tmp_path / "c.toml").write_text(bad)
    with pytest.raises(uid.ConfigError, match=r"\[golden\].*newest"):
        read_config(tmp_path / "c.toml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[[source]]\nname='a'\npath='a.csv'\nid='i'\n[source.columns]\nx='e-mail'\n",
            "unknown semantic",
        ),
        (
            "[[source]]\nname='a'\npath='a.csv'\n[source.columns]\nx='email'\n",
            r"missing key\(s\) \['id'\]",
        ),
        (
            "[[source]]\nname='a'\npath='a.csv'\nid='i'\ncolour='x'\n[source.columns]\nx='email'\n",
            r"unknown key\(s\) \['colour'\]",
        ),
        ("[resolver]\nthreshold=0.5\n", r"at least one \[\[source\]\]"),
        (
            "[[source]]\nname='a'\npath='a.csv'\nid='i'\n[source.columns]\nx='email'\n[resolver]\nspeed=1\n",
            r"unknown key\(s\) \['speed'\]",
        ),
        ("[[source]\n", "not valid TOML"),
        (  # defect: path = 5 gave a raw traceback
            "[[source]]\nname='a'\npath=5\nid='i'\n[source.columns]\nx='email'\n",
            r"\[\[source\]\] #1: path must be a non-empty string, got int",
        ),
        (
            "[resolver]\nthreshold=nan\n[[source]]\nname='a'\npath='a.csv'\nid='i'\n"
            "[source.columns]\nx='email'\n",
            None,
        ),
    ],
)
def test_config_errors_name_the_problem(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    if message is None:  # a bad value, refused when the resolver checks its parameters
        with pytest.raises(uid.ConfigError, match="'threshold' must be float"):
            read_config(path).resolver()._check_params()
        return
    with pytest.raises(uid.ConfigError, match=message):
        read_config(path)


def test_a_config_file_that_is_not_utf8_is_named(tmp_path):
    """Defect: a non-UTF-8 TOML file gave a raw UnicodeDecodeError."""
    path = tmp_path / "bad.toml"
    path.write_bytes("[[source]]\nname='caf\xe9'\n".encode("latin-1"))
    with pytest.raises(uid.ConfigError, match=r"bad\.toml: not UTF-8 text"):
        read_config(path)


def test_missing_config_file(tmp_path):
    with pytest.raises(uid.ConfigError, match="not found"):
        read_config(tmp_path / "nope.toml")


def test_csv_ids_keep_leading_zeros(tmp_path):
    pd.DataFrame({"id": ["007", "010"], "mail": ["a@x.com", "b@y.com"]}).to_csv(
        tmp_path / "s.csv", index=False
    )
    src = uid.Source("s", tmp_path / "s.csv", id="id", columns={"mail": "email"})
    assert uid.Resolver().resolve([src]).profiles["record_id"].tolist() == ["007", "010"]


@pytest.mark.parametrize(
    "setting",
    [
        "hub_blocklist = {email = 'ann.lee@example.com'}",  # a value, not a list of values
        "hub_allowlist = {phone = 4146383083}",
        "identifier_limits = {email = 'ann.lee@example.com'}",
    ],
)
def test_config_errors_never_echo_customer_values(tmp_path, setting):
    path = tmp_path / "bad.toml"
    path.write_text(
        f"[resolver]\n{setting}\n[[source]]\nname='a'\npath='a.csv'\nid='i'\n"
        "[source.columns]\nx='email'\n"
    )
    with pytest.raises(uid.ConfigError) as info:
        read_config(path).resolver()._check_params()
    text = str(info.value)
    assert "ann.lee@example.com" not in text and "4146383083" not in text
    assert "dict of 1 item(s)" in text


def test_override_pairs_are_masked_in_errors():
    with pytest.raises(uid.ConfigError) as info:
        uid.Overrides(must_link=[("web", "ann.lee@example.com")])
    assert "ann.lee@example.com" not in str(info.value)
