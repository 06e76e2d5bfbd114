"""One small resolved run shared by the report tests (resolving takes seconds)."""

from __future__ import annotations

import pytest

import unifyid as uid
from unifyid.datasets import make_customers


@pytest.fixture(scope="session")
def small_run():
    """``(data, resolver, result)`` for 2,000 synthetic records, seed 3."""
    data = make_customers(n_records=2000, seed=3)
    resolver = uid.Resolver()
    result = resolver.resolve(data.to_sources())
    return data, resolver, result


@pytest.fixture(scope="session")
def run_folder(small_run, tmp_path_factory):
    """The small run written as an output folder (as ``unifyid resolve --out`` does)."""
    from unifyid.io import write_outputs

    _, resolver, result = small_run
    out = tmp_path_factory.mktemp("run")
    write_outputs(result, out, resolver=resolver)
    return out
