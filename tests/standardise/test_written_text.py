"""Raw values kept for golden records read the same whichever engine ran."""

import numpy as np
import pandas as pd

from unifyid.standardise._per_source import written_text


def test_values_are_kept_as_text_and_blanks_as_missing():
    raw = pd.Series(["  Ann ", "", None, "x"], dtype=object)
    assert written_text(raw).tolist() == ["  Ann ", None, None, "x"]


def test_whole_numbers_made_floats_by_missing_values_read_as_integers():
    # A Parquet integer phone column with a gap arrives as floats in pandas.
    raw = pd.Series([4155550134.0, np.nan, 2125550147.0])
    assert written_text(raw).tolist() == ["4155550134", None, "2125550147"]
    assert written_text(pd.Series([1.5, 2.0])).tolist() == ["1.5", "2.0"]
    assert written_text(pd.Series([7, 8], dtype="Int64")).tolist() == ["7", "8"]
