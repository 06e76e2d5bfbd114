"""CSV sources read by Arrow give the values pandas gives with every value as text."""

import pandas as pd
import pytest

from unifyid.io._tables import read_file

_CASES = {
    "keys_and_blanks": 'id,a,b\n1,x,\n2,"",NA\n003, y ,null\n',
    "byte_order_mark": "\ufeffid,a\n1,x\n",
    "blank_lines": "id,a\n1,x\n\n2,y\n",
    "quoted_newline": 'id,a\n1,"x\ny"\n2,z\n',
    "header_only": "id,a\n",
    "crlf": "id,a\r\n1,x\r\n",
    "accents": "id,a\n1,José\n",
    "whitespace_only": "id,a\n1,  \n",
    "numbers_stay_text": "id,phone,zip\n00123,4155550134,02134\n",
}


def _values(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype(object).where(frame.notna(), None)


@pytest.mark.parametrize("name", sorted(_CASES))
def test_same_values_as_pandas_text_reader(tmp_path, name):
    path = tmp_path / f"{name}.csv"
    path.write_text(_CASES[name], encoding="utf-8")
    expected = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    pd.testing.assert_frame_equal(_values(read_file(path, "s")), _values(expected))
