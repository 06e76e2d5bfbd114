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
