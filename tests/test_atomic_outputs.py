"""Output folders are atomic: a run that dies leaves the previous outputs intact and no
partial file; a folder without a valid completion marker is not read as a run."""

import hashlib
import json

import pytest

import unifyid as uid
from unifyid._atomic import MARKER, StagedFolder, read_marker
from unifyid.cli import main
from unifyid.datasets import make_customers
from unifyid.io import write_dataset


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    return write_dataset(make_customers(n_records=300, seed=3), tmp_path_factory.mktemp("in"))


@pytest.fixture(scope="module")
def finished(config, tmp_path_factory):
    """A finished run's output folder (copied per test that changes it)."""
    out = tmp_path_factory.mktemp("runs") / "out"
    assert main(["resolve", str(config), "--out", str(out)]) == 0
    return out


def _digests(folder):
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _copy(folder, tmp_path):
    import shutil

    dest = tmp_path / "copy"
    shutil.copytree(folder, dest)
    return dest


def _staging_leftovers(out):
    return sorted(p.name for p in out.parent.glob(f".{out.name}.unifyid-*"))


def test_the_marker_lists_every_file_with_its_checksum(finished):
    marker = read_marker(finished)
    assert {"run_id", "unifyid_version", "finished_utc", "files"} <= set(marker)
    assert marker["unifyid_version"] == uid.__version__
    assert marker["finished_utc"].endswith("+00:00")
    assert set(marker["files"]) == set(_digests(finished)) - {MARKER}
    assert marker["files"] == {k: v for k, v in _digests(finished).items() if k != MARKER}
    assert "profiles.parquet" in marker["files"] and "state/model.json" in marker["files"]
    assert _staging_leftovers(finished) == []


@pytest.mark.parametrize("fail_at", [1, 4])
def test_a_run_killed_while_writing_keeps_the_previous_outputs(
    config, finished, tmp_path, monkeypatch, capsys, fail_at
):
    """Defect: a run that died midway left a partial profiles.parquet and mixed outputs."""
    out = _copy(finished, tmp_path)
    before = _digests(out)
    from unifyid.io import _outputs

    real = _outputs.write_parquet
    calls = []

    def dies_midway(frame, path):
        calls.append(path)
        if len(calls) == fail_at:
            path.write_bytes(b"PAR1 half a file")  # what a killed writer leaves
            raise RuntimeError("killed")
        real(frame, path)

    monkeypatch.setattr(_outputs, "write_parquet", dies_midway)
    assert main(["resolve", str(config), "--out", str(out)]) == 1
    assert _digests(out) == before  # every file as it was, marker included
    read_marker(out)
    assert _staging_leftovers(out) == []
    err = capsys.readouterr().err
    assert err.strip() == err.strip().splitlines()[0]
    assert "RuntimeError" in err and "Traceback" not in err and "killed" not in err


def test_a_full_disk_is_an_output_error_and_keeps_the_previous_outputs(
    config, finished, tmp_path, monkeypatch, capsys
):
    out = _copy(finished, tmp_path)
    before = _digests(out)
    from unifyid.io import _outputs

    def disk_full(frame, path):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_outputs, "write_parquet", disk_full)
    assert main(["resolve", str(config), "--out", str(out)]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert _digests(out) == before and _staging_leftovers(out) == []


def test_a_first_run_that_fails_leaves_no_folder_and_no_partial_file(config, tmp_path, monkeypatch):
    from unifyid.io import _outputs

    def dies(frame, path):
        path.write_bytes(b"PAR1")
        raise KeyboardInterrupt  # Ctrl-C while writing

    monkeypatch.setattr(_outputs, "write_parquet", dies)
    out = tmp_path / "out"
    assert main(["resolve", str(config), "--out", str(out)]) == 130
    assert not out.exists()
    assert list(tmp_path.rglob("profiles.parquet")) == []
    assert _staging_leftovers(out) == []


def test_a_failed_swap_puts_the_previous_outputs_back(finished, tmp_path, monkeypatch):
    out = _copy(finished, tmp_path)
    before = _digests(out)
    import unifyid._atomic as atomic

    real = atomic.os.rename
    calls = []

    def second_rename_fails(src, dst):
        calls.append(src)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(atomic.os, "rename", second_rename_fails)
    with (
        pytest.raises(uid.OutputError, match="cannot move the finished outputs"),
        StagedFolder(out, owned=["profiles.parquet"]) as staged,
    ):
        (staged.path / "profiles.parquet").write_bytes(b"new")
    assert _digests(out) == before


def test_previous_refuses_a_folder_without_marker(config, finished, tmp_path, capsys):
    out = _copy(finished, tmp_path)
    (out / MARKER).unlink()
    args = ["resolve", str(config), "--out", str(tmp_path / "next"), "--previous", str(out)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "no _SUCCESS.json" in err
    assert not (tmp_path / "next").exists()
    with pytest.raises(uid.RunFolderError, match="did not finish"):
        uid.State.read(out)


@pytest.mark.parametrize("tamper", ["marker", "file", "damaged"])
def test_previous_refuses_a_folder_that_does_not_match_its_marker(
    config, finished, tmp_path, capsys, tamper
):
    out = _copy(finished, tmp_path)
    if tamper == "marker":
        marker = json.loads((out / MARKER).read_text())
        marker["files"]["state/links.parquet"] = "0" * 64
        (out / MARKER).write_text(json.dumps(marker))
        name = "state/links.parquet"
    elif tamper == "file":
        (out / "profiles.parquet").write_bytes((out / "profiles.parquet").read_bytes()[:-9])
        name = "profiles.parquet"
    else:
        (out / MARKER).write_text("{not json")
        name = "damaged"
    args = ["resolve", str(config), "--out", str(tmp_path / "next"), "--previous", str(out)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and name in err and MARKER in err


def test_a_folder_of_other_files_is_never_replaced(config, tmp_path, monkeypatch, capsys):
    out = tmp_path / "home"
    out.mkdir()
    (out / "notes.txt").write_text("mine")

    def must_not_run(*args, **kwargs):
        raise AssertionError("the output folder is checked before any work")

    monkeypatch.setattr(uid.Resolver, "resolve", must_not_run)
    assert main(["resolve", str(config), "--out", str(out)]) == 2
    assert "did not write" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    assert _staging_leftovers(out) == []


def test_an_output_path_that_is_a_file_is_an_early_error(config, tmp_path, capsys):
    out = tmp_path / "out"
    out.write_text("x")
    assert main(["resolve", str(config), "--out", str(out)]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_a_model_saved_inside_the_folder_is_carried_over(config, tmp_path):
    out = tmp_path / "out"
    model = out / "model.json"
    assert main(["resolve", str(config), "--out", str(out), "--save-model", str(model)]) == 0
    assert main(["resolve", str(config), "--out", str(out), "--edges", "none"]) == 0
    assert model.is_file() and not (out / "edges.parquet").exists()
    assert "model.json" not in read_marker(out)["files"]
    assert _staging_leftovers(out) == []


def test_ctrl_c_between_the_two_renames_puts_the_previous_outputs_back(
    finished, tmp_path, monkeypatch
):
    out = _copy(finished, tmp_path)
    before = _digests(out)
    import unifyid._atomic as atomic

    real = atomic.os.rename
    calls = []

    def interrupted(src, dst):
        calls.append(src)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real(src, dst)

    monkeypatch.setattr(atomic.os, "rename", interrupted)
    with pytest.raises(KeyboardInterrupt):  # noqa: SIM117
        with StagedFolder(out, owned=["profiles.parquet"]) as staged:
            (staged.path / "profiles.parquet").write_bytes(b"new")
    assert _digests(out) == before
    assert _staging_leftovers(out) == []


def test_single_files_are_replaced_whole_and_a_failure_keeps_the_old_one(tmp_path, monkeypatch):
    """Saved models, HTML reports and charts go through one write-then-rename helper."""
    import os

    from unifyid._atomic import replace_file

    target = tmp_path / "model.json"
    replace_file(target, "old")
    real_replace = os.replace

    def dies(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", dies)
    with pytest.raises(KeyboardInterrupt):
        replace_file(target, "new")
    monkeypatch.setattr(os, "replace", real_replace)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["model.json"]  # no staging file left
