"""Find Java and check its version before Spark starts: Spark 4 needs Java 17 or newer.

Spark's own launcher fails late and obscurely on a missing or old Java (a
gateway that "exited before sending its port number", or an
``UnsupportedClassVersionError``). This module looks where Spark looks
(``JAVA_HOME``, then ``java`` on ``PATH``) and says what to install instead.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from .._errors import ConfigError

__all__ = ["MIN_JAVA", "check_java", "find_java", "java_version"]

#: The oldest Java major version that Spark 4 runs on.
MIN_JAVA = 17

_INSTALL_HINT = (
    "Install Java {minimum} or newer: on Debian or Ubuntu "
    "`apt-get install openjdk-{minimum}-jre-headless`, on macOS `brew install openjdk@{minimum}`, "
    "or point JAVA_HOME at an installed Java {minimum}+ (its folder holding bin/java)."
)
_VERSION = re.compile(r'version "([^"]+)"')


def find_java() -> Path | None:
    """The ``java`` that Spark's launcher will run: ``$JAVA_HOME/bin/java``, else ``java`` on PATH.

    Raises
    ------
    ConfigError
        ``JAVA_HOME`` is set but holds no ``bin/java``.
    """
    home = os.environ.get("JAVA_HOME")
    if home:
        for name in ("java", "java.exe"):
            candidate = Path(home) / "bin" / name
            if candidate.is_file():
                return candidate
        raise ConfigError(
            f"JAVA_HOME is set to {home}, which holds no bin/java; Spark starts the Java found "
            f"there. Unset JAVA_HOME or point it at a Java {MIN_JAVA}+ installation. "
            + _INSTALL_HINT.format(minimum=MIN_JAVA)
        )
    found = shutil.which("java")
    return Path(found) if found else None


def java_version(java: str | os.PathLike[str]) -> int | None:
    """The major version of the Java program ``java`` (8 for ``1.8.0_292``, 17 for ``17.0.15``).

    ``None`` if the program cannot be run or its output names no version.
    """
    try:
        done = subprocess.run(
            [os.fspath(java), "-version"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    match = _VERSION.search(done.stderr) or _VERSION.search(done.stdout)
    return _major(match.group(1)) if match else None


def _major(version: str) -> int | None:
    """The major version in a ``java -version`` string; old Javas call themselves ``1.N``.

    >>> _major("1.8.0_292"), _major("11.0.2"), _major("17"), _major("21-ea")
    (8, 11, 17, 21)
    """
    parts = re.findall(r"\d+", version)
    if not parts:
        return None
    if parts[0] == "1" and len(parts) > 1:  # Java 8 and older: "1.8.0_292"
        return int(parts[1])
    return int(parts[0])


def check_java(minimum: int = MIN_JAVA) -> tuple[Path, int]:
    """The Java Spark will run and its major version, after checking it is ``minimum`` or newer.

    Raises
    ------
    ConfigError
        No Java is found, it does not run, or it is older than ``minimum``; the
        message says how to install a suitable one.
    """
    hint = _INSTALL_HINT.format(minimum=minimum)
    java = find_java()
    if java is None:
        raise ConfigError(
            f"the Spark engine needs Java {minimum} or newer, and no Java was found "
            f"(JAVA_HOME is not set and `java` is not on PATH). {hint}"
        )
    version = java_version(java)
    if version is None:
        raise ConfigError(
            f"the Spark engine needs Java {minimum} or newer; {java} did not run or did not "
            f"report its version (`{java} -version`). {hint}"
        )
    if version < minimum:
        raise ConfigError(
            f"the Spark engine needs Java {minimum} or newer; {java} is Java {version}. {hint}"
        )
    return java, version
