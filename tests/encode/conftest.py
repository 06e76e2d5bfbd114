"""Shared data of the encoding tests: a small synthetic customer base and a key."""

import pytest

from unifyid.datasets import make_customers

KEY = bytes.fromhex("5f" * 16 + "a3" * 16)
OTHER_KEY = bytes.fromhex("07" * 32)


@pytest.fixture(scope="session")
def small():
    return make_customers(n_records=300, seed=5)


@pytest.fixture(scope="session")
def key_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("key") / "exchange.key"
    path.write_text(KEY.hex() + "\n")
    return path
