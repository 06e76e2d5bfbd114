"""CSV sources read by Arrow give exactly the frame pandas gives with every value as text."""

import pandas as pd
import pytest

from unifyid._csv import read_text_csv

_CASES = {
    "keys_and_blanks": 'id,a,b\n1,x,\n2,"",NA\n003, y ,null\n',
    "byte_order_mark": "\ufeffid,a\n1,x\n",
    "blank_lines": "id,a\n1,x\n\n2,y\n",
    "quoted_newline": 'id,a\n1,"x\ny"\n2,z\n',
    "repeated_names": "id,a,a\n1,x,y\n",
    "ragged": "id,a\n1,x,extra\n",
    "header_only": "id,a\n",
    "unnamed_column": "id,\n1,x\n",
    "crlf": "id,a\r\n1,x\r\n",
    "accents": "id,a\n1,José\n",
    "whitespace_only": "id,a\n1,  \n",
    "numbers_stay_text": "id,phone,zip\n00123,4155550134,02134\n",
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_same_frame_as_pandas_text_reader(tmp_path, name):
    path = tmp_path / f"{name}.csv"
    path.write_text(_CASES[name], encoding="utf-8")
    expected = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    pd.testing.assert_frame_equal(read_text_csv(path), expected)


def test_bad_encoding_raises_the_pandas_error(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("id,a\n1,Jos\xe9\n".encode("latin-1"))
    with pytest.raises(UnicodeDecodeError):
        read_text_csv(path)
