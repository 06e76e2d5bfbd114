"""Facts about the machine and software a benchmark ran on (written to machine.json)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = ["PACKAGES", "machine_info"]

#: Distributions whose versions are recorded with every run.
PACKAGES: tuple[str, ...] = (
    "unifyid",
    "splink",
    "duckdb",
    "recordlinkage",
    "scikit-learn",
    "goldenmatch",
    "goldenmatch-native",
    "pandas",
    "numpy",
    "pyarrow",
    "scipy",
    "matplotlib",
)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gb() -> float | None:
    try:
        import psutil

        return round(psutil.virtual_memory().total / 2**30, 1)
    except ImportError:
        try:
            pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
            return round(pages / 2**30, 1)
        except (ValueError, OSError):
            return None


def _git_commit() -> str | None:
    root = Path(__file__).resolve().parent.parent
    try:
        sha = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return f"{sha}{'-dirty' if dirty else ''}"


def _versions() -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    if out["unifyid"] is None:  # run from a source tree without installing
        with contextlib.suppress(ImportError):
            import unifyid

            out["unifyid"] = f"{unifyid.__version__} (source tree)"
    return out


def machine_info(
    *, suite: str, argv: list[str] | None = None, timeout_s: float | None = None
) -> dict[str, Any]:
    """CPU, memory, OS, Python, library versions, commit and command of this run."""
    cmd = "python -m benchmarks " + " ".join(argv) if argv else None
    return {
        "date_utc": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "suite": suite,
        "command": cmd,
        "timeout_s_per_run": timeout_s,
        "cpu_count": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "memory_gb": _memory_gb(),
        "os": f"{platform.system()} {platform.release()}",
        "python": sys.version.split()[0],
        "git_commit": _git_commit(),
        "versions": _versions(),
    }
