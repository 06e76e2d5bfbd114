"""The Java check: Spark 4 needs Java 17+, and a missing or old Java is a clear error
that says how to install one, found where Spark's launcher looks (JAVA_HOME, then PATH)."""

import os
import sys

import pytest

from unifyid import ConfigError
from unifyid.engines import check_java
from unifyid.engines._spark import pyspark_module
from unifyid.report import MissingExtraError

pytestmark = pytest.mark.skipif(os.name == "nt", reason="the fake java is a shell script")

BANNERS = {
    8: 'java version "1.8.0_292"\nJava(TM) SE Runtime Environment (build 1.8.0_292-b10)',
    11: 'openjdk version "11.0.22" 2024-01-16\nOpenJDK Runtime Environment (build 11.0.22+7)',
    17: 'openjdk version "17.0.15" 2025-04-15\nOpenJDK 64-Bit Server VM (build 17.0.15+6)',
    21: 'openjdk version "21" 2023-09-19\nOpenJDK 64-Bit Server VM (build 21+35-2513)',
}


def fake_java(folder, version):
    """A ``bin/java`` in ``folder`` that prints the banner of Java ``version`` on stderr."""
    bin_ = folder / "bin"
    bin_.mkdir(parents=True)
    java = bin_ / "java"
    java.write_text(f"#!/bin/sh\nprintf '%s\\n' '{BANNERS[version]}' >&2\n")  # builtins only
    java.chmod(0o755)
    return bin_


@pytest.fixture
def no_java(monkeypatch, tmp_path):
    """No JAVA_HOME and a PATH with no java on it."""
    monkeypatch.delenv("JAVA_HOME", raising=False)
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    return monkeypatch


def test_no_java_says_how_to_install_it(no_java):
    with pytest.raises(ConfigError) as info:
        check_java()
    message = str(info.value)
    assert "Java 17 or newer" in message and "no Java was found" in message
    assert "apt-get install openjdk-17-jre-headless" in message
    assert "brew install openjdk@17" in message and "JAVA_HOME" in message


@pytest.mark.parametrize("version", [8, 11])
def test_an_old_java_on_path_is_refused_with_its_version(no_java, tmp_path, version):
    no_java.setenv("PATH", str(fake_java(tmp_path / "jdk", version)))
    with pytest.raises(ConfigError, match=f"is Java {version}\\. Install Java 17 or newer"):
        check_java()


@pytest.mark.parametrize("version", [17, 21])
def test_java_17_and_newer_on_path_are_accepted(no_java, tmp_path, version):
    bin_ = fake_java(tmp_path / "jdk", version)
    no_java.setenv("PATH", str(bin_))
    assert check_java() == (bin_ / "java", version)


def test_java_home_comes_before_path(no_java, tmp_path):
    no_java.setenv("PATH", str(fake_java(tmp_path / "old", 11)))
    no_java.setenv("JAVA_HOME", str(tmp_path / "new"))
    fake_java(tmp_path / "new", 21)
    assert check_java()[1] == 21
    no_java.setenv("JAVA_HOME", str(tmp_path / "old"))
    with pytest.raises(ConfigError, match="is Java 11"):
        check_java()


def test_a_java_home_without_java_is_named(no_java, tmp_path):
    no_java.setenv("JAVA_HOME", str(tmp_path))
    with pytest.raises(ConfigError, match=r"JAVA_HOME is set to .* which holds no bin/java"):
        check_java()


def test_a_java_that_prints_no_version_is_refused(no_java, tmp_path):
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    (bin_ / "java").write_text("#!/bin/sh\nexit 1\n")
    (bin_ / "java").chmod(0o755)
    no_java.setenv("PATH", str(bin_))
    with pytest.raises(ConfigError, match="did not report its version"):
        check_java()


def test_without_pyspark_the_error_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "pyspark", None)  # import pyspark now fails
    with pytest.raises(MissingExtraError, match=r'pip install "unifyid\[spark\]"'):
        pyspark_module()
