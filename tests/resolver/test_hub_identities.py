"""Hubs count the identities on a value, not its records."""

import pandas as pd

from unifyid.values import flag_shared_values


def _frame(n, **columns):
    return pd.DataFrame({c: (v if isinstance(v, list) else [v] * n) for c, v in columns.items()})


def test_many_records_of_one_identity_are_not_a_hub():
    frame = _frame(200, first_key="ann", dob="1980-01-01", email="ann@x.org", phone=None)
    report = flag_shared_values(frame)
    assert report.empty
    assert frame["email"].notna().all()


def test_a_kiosk_device_on_many_name_less_accounts_is_a_hub():
    """No names to count people by: the accounts' different emails tell them apart."""
    n = 200
    frame = _frame(
        n,
        first_key=None,
        dob=None,
        email=[f"user{k}@x.org" for k in range(n)],
        device_id="KIOSK-1",
    )
    report = flag_shared_values(frame)
    assert report.loc[report["column"] == "device_id", "kind"].tolist() == ["hub"]
    assert frame["device_id"].isna().all()


def test_a_default_phone_on_many_first_names_is_a_hub_and_a_frequent_customer_is_not():
    n = 120
    names = [f"name{k}" for k in range(n)]
    strangers = _frame(n, first_key=names, first_phonetic=names, dob=None, phone="+12125550147")
    regular = _frame(n, first_key="bo", first_phonetic="B", dob=None, phone="+13105550123")
    frame = pd.concat([strangers, regular], ignore_index=True)
    report = flag_shared_values(frame)
    hubs = set(report.loc[report["kind"] == "hub", "value"])
    assert hubs == {"+12125550147"}


def test_a_customers_typos_and_a_name_written_surname_first_are_one_person():
    """171 tickets of one customer: most spell Melissa Crawford, a few mistype the
    first name, two hold the names swapped. Her email is personal, not a hub."""
    first = ["melissa"] * 160 + ["meilssa", "melsisa", "emlissa", "jelissa"] * 2 + ["crawford"] * 3
    last = ["crawford"] * 168 + ["melissa"] * 3
    frame = _frame(
        len(first),
        first_key=first,
        first_name=first,
        last_name=last,
        dob=None,
        email="melissa.crawford@att.net",
    )
    report = flag_shared_values(frame)
    assert report.empty
    assert frame["email"].notna().all()


def test_names_joined_by_a_shared_birth_date_are_one_person():
    """Jian Fang Li also writes Robert on some accounts: the birth date joins the two
    names, and records without a birth date join by name. One person, not shared."""
    first = ["jian fang", "jian fang", "robert", "robert", "robert", "jian fang"]
    dob = ["1939-10-25", "1939-10-25", "1939-10-25", None, "1939-10-25", None]
    frame = _frame(6, first_key=first, first_name=first, last_name="li", dob=dob, email="jf@x.org")
    assert flag_shared_values(frame).empty


def test_a_couple_sharing_an_email_is_two_people():
    first = ["john", "john", "mary", "mary"]
    dob = ["1970-01-01", None, "1972-05-05", None]
    frame = _frame(
        4, first_key=first, first_name=first, last_name="smith", dob=dob, email="s@x.org"
    )
    report = flag_shared_values(frame)
    assert report[["kind", "n_people"]].values.tolist() == [["shared", 2]]
