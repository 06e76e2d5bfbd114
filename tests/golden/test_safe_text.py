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


def test_name_display_arrow_paths_match_one_name():
    """The Arrow paths of name_display choose what _one_name chooses, value by value."""
    import random

    import numpy as np

    from unifyid.golden._display import _one_name, _texts, name_display

    for seed, alphabet in ((11, "aAbBé '-.,’x "), (12, "aAb ,,--..' "), (14, "aB -,.'’\t")):
        rng = random.Random(seed)
        standards = ["ann", "a b", "ab", "bb", "o brien", "a", "x", "é", "b", " a", "a  b"]
        n = 20000

        def text(k, rng=rng, alphabet=alphabet):
            return "".join(rng.choice(alphabet) for _ in range(rng.randint(1, k)))

        part = np.array([None if rng.random() < 0.8 else text(5) for _ in range(n)], dtype=object)
        full = np.array([None if rng.random() < 0.1 else text(10) for _ in range(n)], dtype=object)
        std = np.array([rng.choice(standards) for _ in range(n)], dtype=object)
        parts = _texts(part, n)
        fulls = np.full(n, None, dtype=object)
        need = np.array([p is None for p in parts])
        fulls[need] = _texts(full[need], int(need.sum()))
        expected = [_one_name(a, b, c) for a, b, c in zip(parts, fulls, std)]
        assert name_display(std, part, full).tolist() == expected
