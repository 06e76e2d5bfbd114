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
