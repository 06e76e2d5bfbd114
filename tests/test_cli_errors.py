"""Every bad input ends `unifyid resolve` with its exit code and one line on stderr that
names the file and the source, shows no traceback and echoes no customer value."""

import gzip

import pytest

import unifyid as uid
from unifyid.cli import EXIT_CODES, main

HEADER = "id,email,first\n"
ROWS = "1,ann.lee@example.com,Annabel\n2,,Bartholomew\n3,bob.stone@example.org,Bartholomew\n"
SECRETS = ("ann.lee@example.com", "Annabel", "Bartholomew", "bob.stone@example.org", "4146383083")

CONFIG = """[[source]]
name = "webshop"
path = "{path}"
id = "id"
[source.columns]
email = "email"
first = "first_name"
"""


def _run(tmp_path, capsys, *extra, name="s.csv", data=None, config=None, args=()):
    if data is not None:
        (tmp_path / name).write_bytes(data)
    (tmp_path / "c.toml").write_text((config or CONFIG.format(path=name)) + "\n".join(extra))
    code = main([*args, "resolve", str(tmp_path / "c.toml"), "--out", str(tmp_path / "out")])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and 'File "' not in err
    for value in SECRETS:
        assert value not in err and value not in out
    return code, err


def _one_line(err):
    lines = err.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("unifyid: error: ")
    return lines[0]


DATA_ERRORS = {
    "unterminated_quote": (HEADER + '1,"ann.lee@example.com,Annabel\n' + ROWS).encode(),
    "ragged_row": (HEADER + ROWS + "4,ann.lee@example.com,Annabel,extra\n").encode(),
    "truncated_last_row": (HEADER + ROWS + "4,ann.lee@example.com").encode(),
    "bare_carriage_return": (HEADER + "1,ann.lee@example.com,Anna\rbel\n" + ROWS).encode(),
    "latin1": (HEADER + ROWS + "5,zoe@example.com,Zo\xeb\n").encode("latin-1"),
    "utf16_without_bom": (HEADER + ROWS).encode("utf-16-le"),
    "empty_file": b"",
}


@pytest.mark.parametrize("case", sorted(DATA_ERRORS))
def test_an_unreadable_csv_exits_3_with_one_line(tmp_path, capsys, case):
    code, err = _run(tmp_path, capsys, data=DATA_ERRORS[case])
    line = _one_line(err)
    assert code == 3
    assert "'webshop'" in line and "s.csv" in line
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("truncated_last_row", ["line 5", "truncated"]),
        ("bare_carriage_return", ["line 2", "carriage return"]),
        ("latin1", ["not UTF-8", "line 5"]),
        ("utf16_without_bom", ["NUL byte"]),
        ("unterminated_quote", ["line 2", "unterminated quote"]),
    ],
)
def test_the_line_at_fault_is_named(tmp_path, capsys, case, words):
    _, err = _run(tmp_path, capsys, data=DATA_ERRORS[case])
    for word in words:
        assert word in err


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("s.parquet", b"PAR1\x00 damaged Annabel"),
        ("s.csv.gz", b"\x1f\x8b\x08 damaged"),
        ("s.csv.gz", gzip.compress((HEADER + ROWS).encode())[:-12]),  # cut short
    ],
)
def test_a_damaged_binary_file_exits_3(tmp_path, capsys, name, data):
    code, err = _run(tmp_path, capsys, name=name, data=data)
    line = _one_line(err)
    assert code == 3 and "'webshop'" in line and name in line


def test_a_schema_problem_exits_3_on_one_line(tmp_path, capsys):
    data = ("key,email,first\n" + ROWS + "1,ann.lee@example.com,Annabel\n").encode()
    code, err = _run(tmp_path, capsys, data=data)
    line = _one_line(err)
    assert code == 3 and "'webshop' (s.csv)" in line and "'id'" in line


def test_duplicate_record_ids_name_the_column_not_the_ids(tmp_path, capsys):
    code, err = _run(tmp_path, capsys, data=(HEADER + ROWS + ROWS).encode())
    line = _one_line(err)
    assert code == 3 and "duplicate id" in line and "(s.csv)" in line


def test_a_missing_source_file_exits_2(tmp_path, capsys):
    code, err = _run(tmp_path, capsys, name="nope.csv")
    assert code == 2 and "nope.csv" in _one_line(err) and "'webshop'" in err


@pytest.mark.parametrize(
    ("setting", "words"),
    [
        ("[resolver]\nthreshold = nan", ["threshold"]),
        ("[resolver]\ncannot_link = [{fist_name = ['else']}]", ["unknown matcher 'fist_name'"]),
        ("[resolver]\nhub_blocklist = {mail = ['ann.lee@example.com']}", ["['mail']"]),
        ("[resolver]\nidentifier_limits = {mail = 1}", ["['mail']"]),
        ("[resolver]\nhub_allowlist = {email = 'ann.lee@example.com'}", ["hub_allowlist"]),
        ("[golden]\nemail = {source_priority = ['shop', 'webshop']}", ["['shop']"]),
    ],
)
def test_a_silently_accepted_setting_is_a_config_error(tmp_path, capsys, setting, words):
    """Defects: these settings were accepted and quietly changed nothing."""
    code, err = _run(tmp_path, capsys, setting, data=(HEADER + ROWS).encode())
    line = _one_line(err)
    assert code == 2
    for word in words:
        assert word in line
    assert not (tmp_path / "out").exists()


def test_a_path_that_is_not_text_is_a_config_error(tmp_path, capsys):
    config = CONFIG.replace('path = "{path}"', "path = 5")
    code, err = _run(tmp_path, capsys, config=config)
    assert code == 2 and "path must be a non-empty string" in _one_line(err)


def test_a_config_that_is_not_utf8_is_a_config_error(tmp_path, capsys):
    (tmp_path / "c.toml").write_bytes(CONFIG.format(path="Zo\xeb.csv").encode("latin-1"))
    code = main(["resolve", str(tmp_path / "c.toml"), "--out", str(tmp_path / "out")])
    assert code == 2 and "not UTF-8" in _one_line(capsys.readouterr().err)


def test_an_internal_error_names_only_its_type(tmp_path, capsys, monkeypatch):
    def broken(self, sources, **kwargs):
        raise KeyError("ann.lee@example.com")

    monkeypatch.setattr(uid.Resolver, "resolve", broken)
    code, err = _run(tmp_path, capsys, data=(HEADER + ROWS).encode())
    assert code == 1
    assert err.strip().startswith("unifyid: internal error: KeyError")
    assert len(err.strip().splitlines()) == 1


def test_debug_shows_the_traceback(tmp_path, capsys, monkeypatch):
    def broken(self, sources, **kwargs):
        raise KeyError("a value")

    monkeypatch.setattr(uid.Resolver, "resolve", broken)
    (tmp_path / "s.csv").write_text(HEADER + ROWS)
    (tmp_path / "c.toml").write_text(CONFIG.format(path="s.csv"))
    args = ["--debug", "resolve", str(tmp_path / "c.toml"), "--out", str(tmp_path / "out")]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err and "a value" in err
    assert err.strip().splitlines()[-1].startswith("unifyid: internal error: KeyError")


def test_ctrl_c_exits_130(tmp_path, capsys, monkeypatch):
    def interrupted(self, sources, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(uid.Resolver, "resolve", interrupted)
    code, err = _run(tmp_path, capsys, data=(HEADER + ROWS).encode())
    assert code == 130 and "interrupted" in err
    assert not (tmp_path / "out").exists()


def test_usage_version_and_help(capsys):
    assert main(["resolve"]) == 2  # no config, no --out
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"unifyid {uid.__version__}"
    assert main(["--help"]) == 0
    text = capsys.readouterr().out
    assert "exit codes:" in text and "--debug" in text and "unsafe for production" in text
    for code in EXIT_CODES:
        assert f"  {code} " in text


def test_unparseable_dates_stay_a_warning_naming_the_column(tmp_path, capsys, caplog):
    data = "id,email,dob\n1,ann.lee@example.com,1990-01-02\n2,x@example.org,Annabel 4146383083\n"
    config = CONFIG.format(path="s.csv").replace('first = "first_name"', 'dob = "dob"')
    code, _ = _run(tmp_path, capsys, config=config, data=data.encode())
    assert code == 0
    warned = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("'dob'" in m and "could not be parsed" in m for m in warned)
    assert not any(value in m for m in warned for value in SECRETS)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (None, "model file not found"),
        ("{not json", "not JSON text"),
        ('{"format": "unifyid-model/1"}', "damaged model file (KeyError)"),
    ],
)
def test_a_missing_or_damaged_model_file_exits_2(tmp_path, capsys, text, words):
    """Defect: --model with a missing or damaged file was an internal error."""
    if text is not None:
        (tmp_path / "m.json").write_text(text)
    (tmp_path / "s.csv").write_text(HEADER + ROWS)
    (tmp_path / "c.toml").write_text(CONFIG.format(path="s.csv"))
    args = ["resolve", str(tmp_path / "c.toml"), "--out", str(tmp_path / "out")]
    assert main([*args, "--model", str(tmp_path / "m.json")]) == 2
    assert words in _one_line(capsys.readouterr().err)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("pins.csv", b""),
        ("pins.csv", "action,source_l\nmust_link,Zo\xeb\n".encode("latin-1")),
        ("pins.parquet", b"PAR1 damaged"),
    ],
)
def test_an_unreadable_overrides_file_exits_2(tmp_path, capsys, name, data):
    (tmp_path / name).write_bytes(data)
    code, err = _run(
        tmp_path, capsys, f'[resolver]\noverrides = "{name}"', data=(HEADER + ROWS).encode()
    )
    assert code == 2 and name in _one_line(err)
