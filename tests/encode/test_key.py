"""Key files: clear errors that never show the key, subkeys that differ per field."""

import pickle

import pytest

from unifyid import ConfigError
from unifyid.encode import MIN_KEY_BYTES, EncodingKey, load_key


def test_missing_key_file_is_named(tmp_path):
    with pytest.raises(ConfigError, match=r"key file not found: .*absent\.key"):
        load_key(tmp_path / "absent.key")


def test_short_key_file_says_how_long_and_never_shows_the_secret(tmp_path):
    path = tmp_path / "short.key"
    path.write_text("hunter2secret\n")
    with pytest.raises(ConfigError) as info:
        load_key(path)
    message = str(info.value)
    assert "short.key" in message and "too short (13 bytes)" in message
    assert f"at least {MIN_KEY_BYTES}" in message
    assert "hunter2" not in message


def test_empty_key_file(tmp_path):
    path = tmp_path / "empty.key"
    path.write_text("\n")
    with pytest.raises(ConfigError, match=r"empty\.key is empty"):
        load_key(path)


def test_key_file_text_is_the_secret_whitespace_trimmed(key_file):
    from .conftest import KEY

    assert load_key(key_file).subkey("email") == EncodingKey(KEY.hex().encode()).subkey("email")


def test_key_is_never_shown_nor_pickled(key_file):
    key = load_key(key_file)
    assert repr(key) == "EncodingKey(<64 bytes>)"
    with pytest.raises(TypeError):
        pickle.dumps(key)


def test_subkeys_differ_per_field_and_per_secret():
    a, b = EncodingKey(b"a" * 32), EncodingKey(b"b" * 32)
    assert a.subkey("email") != a.subkey("phone")
    assert a.subkey("email") != b.subkey("email")
    assert a.subkey("email") == EncodingKey(b"a" * 32).subkey("email")
