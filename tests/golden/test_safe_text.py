"""Golden records are safe to open in a spreadsheet and to show on screen."""

import pandas as pd

import unifyid as uid


def test_formulas_control_characters_and_bidi_overrides_do_not_reach_golden_records():
    """Defect: formula strings, control characters and RTL overrides passed through."""
    store = pd.DataFrame(
        {
            "id": ["s1", "s2", "s3"],
            "first": ["=cmd|' /C calc'!A0", "Ann\x07", "Bo\u202eb"],
            "last": ["+SUM(A1)", "Lee", "Stone"],
            "street": ['@HYPERLINK("x")', "1 Oak Rd\x1b[31m", "-2+3 Elm St"],
            "phone": ["+1 415 555 0134", "(415) 555-0135", "415 555 0136"],
            "note": ["=1+1", "-5", "fine"],
        }
    )
    columns = {
        "first": "first_name",
        "last": "last_name",
        "street": "street",
        "phone": "phone",
        "note": "extra",
    }
    golden = uid.Resolver().resolve([uid.Source("store", store, id="id", columns=columns)]).golden
    text = golden.drop(columns=["n_records"]).to_numpy().ravel()
    for value in text:
        if isinstance(value, str):
            number = value.lstrip("+-").replace(" ", "").isdigit()
            assert value[0] not in "=+-@" or number, value
            assert not any(ord(ch) < 32 or 0x202A <= ord(ch) <= 0x202E for ch in value), value
    assert set(golden["note"]) == {"'=1+1", "-5", "fine"}
    assert "+14155550134" in set(golden["phone"])  # identifiers stay canonical


def test_clean_texts_matches_clean_text_value_by_value():
    """The Arrow fast path keeps only values that clean_text returns unchanged."""
    import random

    import numpy as np

    from unifyid.golden._display import clean_text, clean_texts

    rng = random.Random(7)
    alphabet = [chr(c) for c in range(0x80)] + ["é", "\u202e", "\xa0", "\u2003", "’", "\x85"]
    values = [
        "".join(rng.choice(alphabet if rng.random() < 0.3 else "ab -=+@ ") for _ in range(k))
        for k in (rng.randint(0, 8) for _ in range(20000))
    ]
    values += [None, float("nan"), "  ", "", "-5", "+1 415", "=cmd", "Ann  Lee", " Ann", "Ann "]
    got = clean_texts(np.array(values, dtype=object))
    assert got.tolist() == [clean_text(v) for v in values]
    mixed = np.array(["a", 3, None, 2.0, True], dtype=object)
    assert clean_texts(mixed).tolist() == [clean_text(v) for v in mixed]
