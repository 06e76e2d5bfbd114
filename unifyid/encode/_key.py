"""The secret key: read from a file, and per-field subkeys derived from it.

One secret is shared by the parties of an exchange (never with whoever
resolves the encoded data, unless that is one of them). Every encoded field
uses its own subkey, ``HMAC-SHA256(secret, label)``, so digests of one field
cannot be compared with those of another (a phone digest never equals a
customer-id digest of the same digits).
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

from .._errors import ConfigError

__all__ = ["MIN_KEY_BYTES", "EncodingKey", "load_key"]

#: Shortest secret accepted: 256 bits, the HMAC-SHA256 block strength.
MIN_KEY_BYTES = 32

_CONTEXT = b"unifyid-encode-v1:"


class EncodingKey:
    """A secret of at least ``MIN_KEY_BYTES`` bytes and the subkeys derived from it.

    The secret is never shown: ``repr`` and errors name only its length.

    Examples
    --------
    >>> key = EncodingKey(b"0123456789abcdef0123456789abcdef")
    >>> key
    EncodingKey(<32 bytes>)
    >>> len(key.subkey("email"))
    32
    """

    __slots__ = ("_secret",)

    def __init__(self, secret: bytes) -> None:
        if not isinstance(secret, (bytes, bytearray)):
            raise ConfigError(f"the encoding key must be bytes, got {type(secret).__name__}.")
        if len(secret) < MIN_KEY_BYTES:
            raise ConfigError(
                f"the encoding key is too short ({len(secret)} bytes); it needs at least "
                f"{MIN_KEY_BYTES} random bytes, e.g. from "
                '`python -c "import secrets; print(secrets.token_hex(32))"`.'
            )
        self._secret = bytes(secret)

    def subkey(self, label: str) -> bytes:
        """The subkey of one encoded field: ``HMAC-SHA256(secret, context + label)``."""
        return hmac.new(self._secret, _CONTEXT + label.encode("utf-8"), hashlib.sha256).digest()

    def __repr__(self) -> str:
        return f"EncodingKey(<{len(self._secret)} bytes>)"

    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("an EncodingKey is not pickled: the secret stays in its key file")


def load_key(path: str | os.PathLike[str]) -> EncodingKey:
    """Read the secret from a key file.

    The file holds the secret as text (e.g. 64 hex digits; surrounding
    whitespace and the final newline are ignored) or as raw bytes. Either way
    its bytes are the secret, and at least ``MIN_KEY_BYTES`` are needed.

    Raises
    ------
    ConfigError
        The file is missing, unreadable, empty or too short; the message names
        the file and the length, never its content.
    """
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"key file not found: {path}")
    try:
        secret = path.read_bytes().strip()
    except OSError as exc:
        raise ConfigError(f"key file {path}: cannot be read ({exc.strerror}).") from None
    if not secret:
        raise ConfigError(
            f"key file {path} is empty; it must hold a secret of "
            f"at least {MIN_KEY_BYTES} random bytes."
        )
    try:
        return EncodingKey(secret)
    except ConfigError as exc:
        raise ConfigError(f"key file {path}: {exc}") from None
