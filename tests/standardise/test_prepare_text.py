"""Presence and record keys of text columns: Arrow-backed text as object text."""

import pandas as pd
import pyarrow as pa
import pytest

from unifyid.standardise._per_source import is_present as _present
from unifyid.standardise._validate import id_strings as _id_strings

RAW = [" a", None, "  ", "b ", " a", "", "\t c\n"]


@pytest.mark.parametrize("dtype", ["string[pyarrow]", pd.ArrowDtype(pa.string())])
def test_present_on_arrow_text_matches_object_text(dtype):
    index = range(3, 3 + len(RAW))
    arrow = _present(pd.Series(RAW, dtype=dtype, index=index, name="x"))
    plain = _present(pd.Series(RAW, dtype=object, index=index, name="x"))
    assert arrow.tolist() == plain.tolist() == [True, False, False, True, True, False, True]
    assert arrow.dtype == bool and list(arrow.index) == list(index)


@pytest.mark.parametrize("dtype", ["string[pyarrow]", pd.ArrowDtype(pa.string())])
def test_id_strings_on_arrow_text_are_stripped(dtype):
    out = _id_strings(pd.Series(RAW, dtype=dtype, name="id"))
    assert [None if pd.isna(v) else v for v in out] == ["a", None, "", "b", "a", "", "c"]
    assert out.name == "id"
