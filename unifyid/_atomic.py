"""Atomic output folders: a run's files appear all at once, complete, or not at all.

A folder is built in a hidden staging folder beside its target
(``.NAME.unifyid-<run id>.tmp``). When every file is written, a completion
marker ``_SUCCESS.json`` (run id, unifyid version, UTC time, SHA-256 of each
file) is written last, the previous folder is renamed aside, the new one
renamed into place and the old one deleted. A run that dies at any moment
leaves the previous outputs as they were (or, killed between the two renames,
both folders under their hidden names). Readers of a run folder
(``State.read``, ``--previous``) check the marker, so an interrupted or
altered folder is refused instead of being half read.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import logging
import os
import secrets
import shutil
from collections.abc import Collection, Iterable
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import Any

from ._errors import OutputError, RunFolderError

__all__ = ["MARKER", "StagedFolder", "new_run_id", "read_marker", "replace_file"]

log = logging.getLogger("unifyid")

#: The completion marker, written last into every finished output folder.
MARKER = "_SUCCESS.json"

_HASH_BLOCK = 1 << 20


def new_run_id() -> str:
    """A run id: UTC start time and a random suffix, e.g. ``20260101T120000Z-3fa2c1``."""
    return f"{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def replace_file(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write one file beside its target and rename it into place: never half written.

    Text is written as UTF-8. A failure leaves the previous file (if any) as it was.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.unifyid-{new_run_id()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return path


class StagedFolder:
    """Build ``target`` in a staging folder beside it; swap it in on :meth:`commit`.

    ``owned`` names the entries the writer produces: an existing folder is
    replaced only if it holds a completion marker, is empty, or holds nothing
    but ``owned`` and ``keep`` entries (so pointing ``--out`` at a folder of
    other files never deletes them). Entries of a replaced folder that the
    writer does not produce (a saved model, ``keep`` entries) are carried over
    into the new one by hard link, or copied where links are not possible.

    Use as a context manager: entering checks and creates the staging folder
    (:class:`OutputError` if the target cannot be written), a clean exit
    commits, an exception (or Ctrl-C) deletes the staging folder.
    """

    def __init__(
        self,
        target: str | os.PathLike[str],
        *,
        owned: Collection[str],
        keep: Collection[str] = (),
        run_id: str | None = None,
    ) -> None:
        self.target = Path(os.path.abspath(target))
        self.owned = frozenset(owned) | {MARKER}
        self.keep = frozenset(keep)
        self.run_id = run_id or new_run_id()
        name = self.target.name
        self.path = self.target.parent / f".{name}.unifyid-{self.run_id}.tmp"
        self._aside = self.target.parent / f".{name}.unifyid-{self.run_id}.old"
        self._open = False

    def open(self) -> Path:
        """Check that the target can be written and create the staging folder."""
        if self._open:
            return self.path
        target = self.target
        if target.exists() and not target.is_dir():
            raise OutputError(f"output folder {target} exists and is not a folder.")
        if target.is_dir():
            self._check_replaceable()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.path.mkdir()
        except OSError as exc:
            raise OutputError(
                f"cannot write the output folder {target}: {exc.strerror or type(exc).__name__}."
            ) from None
        leftovers = [
            p
            for p in target.parent.glob(f".{glob.escape(target.name)}.unifyid-*")
            if p != self.path
        ]
        if leftovers:
            log.warning(
                "%d hidden staging folder(s) of an interrupted run lie beside %s "
                "(.%s.unifyid-*); see the README on interrupted runs.",
                len(leftovers),
                target.name,
                target.name,
            )
        self._open = True
        return self.path

    def _check_replaceable(self) -> None:
        entries = {p.name for p in self.target.iterdir()}
        if MARKER in entries:
            return
        foreign = entries - self.owned - self.keep
        if foreign:
            raise OutputError(
                f"output folder {self.target} holds {len(foreign)} file(s) or folder(s) that "
                "unifyid did not write, and outputs replace the whole folder; choose a new "
                "or empty folder, or the folder of an earlier run."
            )

    def commit(self, extra: dict[str, Any] | None = None) -> Path:
        """Write the marker (and ``extra`` keys in it) and swap the folder into place."""
        from . import __version__

        stage = self.path
        files = {rel: _sha256(stage / rel) for rel in _files(stage)}
        if self.target.is_dir():
            self._carry_over()
        marker = {
            "run_id": self.run_id,
            "unifyid_version": __version__,
            "finished_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "files": files,
            **(extra or {}),
        }
        with open(stage / MARKER, "w", encoding="utf-8") as fh:
            json.dump(marker, fh, indent=2)
            fh.flush()
            os.fsync(fh.fileno())
        _fsync_dir(stage)
        self._swap()
        self._open = False
        return self.target

    def _carry_over(self) -> None:
        for entry in self.target.iterdir():
            if entry.name in self.owned:
                continue
            dest = self.path / entry.name
            if dest.exists():
                continue
            if entry.is_dir():
                shutil.copytree(entry, dest, copy_function=_link_or_copy)
            else:
                _link_or_copy(entry, dest)

    def _swap(self) -> None:
        try:
            if self.target.is_dir():
                os.rename(self.target, self._aside)
            try:
                os.rename(self.path, self.target)
            except BaseException:  # an error, or Ctrl-C between the two renames
                if self._aside.is_dir() and not self.target.exists():
                    os.rename(self._aside, self.target)  # put the previous outputs back
                raise
        except OSError as exc:
            raise OutputError(
                f"cannot move the finished outputs into {self.target}: "
                f"{exc.strerror or type(exc).__name__}; they are in {self.path.name}."
            ) from None
        _fsync_dir(self.target.parent)
        shutil.rmtree(self._aside, ignore_errors=True)

    def abort(self) -> None:
        """Delete the staging folder; the target stays as it was."""
        shutil.rmtree(self.path, ignore_errors=True)
        self._open = False

    def __enter__(self) -> StagedFolder:
        self.open()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if kind is None and self._open:
            try:
                self.commit()
            except BaseException:
                self.abort()
                raise
        elif kind is not None:
            self.abort()


def read_marker(folder: str | os.PathLike[str], required: Iterable[str] = ()) -> dict[str, Any]:
    """The completion marker of ``folder``, after checking every file it lists.

    Raises
    ------
    RunFolderError
        No marker (the run did not finish, or an older unifyid wrote it), a
        file missing or changed since the marker was written, or a
        ``required`` file not among the run's files.
    """
    base = Path(folder)
    path = base / MARKER
    if not path.is_file():
        raise RunFolderError(
            f"{base}: no {MARKER} completion marker: the run that wrote it did not finish "
            "(or an older unifyid wrote it); run a full resolution."
        )
    try:
        marker = json.loads(path.read_text(encoding="utf-8"))
        files = dict(marker["files"])
    except (ValueError, KeyError, TypeError):
        raise RunFolderError(f"{base}: {MARKER} is damaged; run a full resolution.") from None
    missing = [name for name in required if name not in files]
    if missing:
        raise RunFolderError(f"{base}: the run's {MARKER} does not list {missing}.")
    for name, digest in files.items():
        file = base / name
        if not file.is_file() or _sha256(file, sync=False) != digest:
            raise RunFolderError(
                f"{base}: {name} does not match {MARKER} (changed, damaged or missing since "
                f"run {marker.get('run_id')} finished); run a full resolution."
            )
    return marker


def _files(folder: Path) -> list[str]:
    """Every file below ``folder``, as sorted POSIX paths relative to it."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def _sha256(path: Path, *, sync: bool = True) -> str:
    """The file's SHA-256; with ``sync``, also flushed to disk (it is about to be published)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(_HASH_BLOCK):
            digest.update(block)
        if sync:
            with contextlib.suppress(OSError):  # not every platform syncs a file read-only
                os.fsync(fh.fileno())
    return digest.hexdigest()


def _fsync_dir(folder: Path) -> None:
    """Make renames and new entries of ``folder`` durable (POSIX; a no-op elsewhere)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _link_or_copy(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)
