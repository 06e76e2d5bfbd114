"""Digests and CLKs: deterministic under one key, unrelated under another, Dice as similarity."""

import numpy as np
import pandas as pd
import pytest

import unifyid as uid
from unifyid import ConfigError
from unifyid.encode._bloom import N_BITS, bigrams, clk, decode_clks, dice
from unifyid.encode._hmac import digest, digests

from .conftest import KEY, OTHER_KEY

SUBKEY = b"s" * 32


def test_digest_is_128_bit_hex_and_deterministic():
    d = digest("ann.lee@gmail.com", SUBKEY)
    assert len(d) == 32 and int(d, 16) >= 0
    assert d == digest("ann.lee@gmail.com", SUBKEY)
    assert d != digest("ann.lee@gmail.com", b"t" * 32)


def test_digests_keep_missing_values():
    out = digests(pd.Series(["a", None, "a"], dtype=object), SUBKEY)
    assert out[0] == out[2] and out[1] is None


def test_bigrams_of_padded_value():
    assert bigrams("ann") == ["_a", "an", "nn", "n_"]


def test_clk_dice_ranks_spellings():
    a, b, c = (clk(v, SUBKEY) for v in ("katherine", "katharine", "robert"))
    assert decode_clks([a]).shape == (1, N_BITS // 8)
    scores = dice(np.array([a, a, a], dtype=object), np.array([a, b, c], dtype=object))
    assert scores[0] == 1.0 and scores[1] > 0.75 > 0.4 > scores[2]


def _encoded(small, key):
    return {s.name: s.read() for s in uid.encode_sources(small.to_sources(), key)}


def test_same_key_same_output_other_key_shares_nothing(small):
    first, again, other = _encoded(small, KEY), _encoded(small, KEY), _encoded(small, OTHER_KEY)
    for name, table in first.items():
        pd.testing.assert_frame_equal(table, again[name])
        for column in table.columns[1:]:
            mine = set(table[column].dropna())
            assert mine and not mine & set(other[name][column].dropna()), (name, column)


def test_record_ids_are_kept_and_columns_typed(small):
    encoded = uid.encode_sources(small.to_sources(), KEY)
    for plain, enc in zip(small.to_sources(), encoded):
        assert enc.name == plain.name and enc.id == plain.id
        assert set(enc.columns.values()) <= set(uid.ENCODED_TYPES)
        assert enc.read()[enc.id].tolist() == sorted(map(str, plain.read()[plain.id]))


def test_swapped_birth_date_digest_meets_the_other_records_digest():
    web = pd.DataFrame({"id": ["1", "2"], "dob": ["1984-03-07", "1984-07-03"]})
    [src] = uid.encode_sources([uid.Source("web", web, id="id", columns={"dob": "dob"})], KEY)
    table = src.read()
    assert table["dob_swap_hmac"][0] == table["dob_hmac"][1]


def test_encoding_encoded_sources_is_refused(small):
    encoded = uid.encode_sources(small.to_sources(), KEY)
    with pytest.raises(ConfigError, match="encoded already"):
        uid.encode_sources(encoded, KEY)


def test_source_without_encodable_column_is_named():
    df = pd.DataFrame({"id": ["1"], "seen": ["2024-01-01"]})
    src = uid.Source("pos", df, id="id", columns={"seen": "timestamp"})
    with pytest.raises(ConfigError, match="source 'pos': no column to encode"):
        uid.encode_sources([src], KEY)


def test_short_key_bytes_refused(small):
    with pytest.raises(ConfigError, match="too short"):
        uid.encode_sources(small.to_sources(), b"short")


def test_mixing_plain_and_encoded_sources_is_refused(small):
    plain = small.to_sources()
    encoded = uid.encode_sources(plain, KEY)
    with pytest.raises(uid.SchemaError, match=r"are encoded and .* are plain"):
        uid.Resolver().resolve([encoded[0], plain[1]])
    table = encoded[0].read().assign(mail="a@b.com")
    columns = {**encoded[0].columns, "mail": "email"}
    half = uid.Source("web", table, id=encoded[0].id, columns=columns)
    with pytest.raises(uid.SchemaError, match=r"maps encoded and plain columns \(\['mail'\]"):
        uid.Resolver().resolve([half])
