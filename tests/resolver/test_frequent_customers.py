"""Frequent customers: any number of a person's records ends up in one profile.

A block over ``max_block_size`` used to be dropped and a value on more than
``hub_records`` records used to be a hub, so a customer with 51 identical
tickets came out as 51 profiles while 49 tickets gave one.
"""

import numpy as np
import pandas as pd
import pytest

import unifyid as uid
from unifyid.datasets import make_customers


@pytest.fixture(scope="module")
def base():
    return make_customers(3000, seed=3)


def _person(base):
    """A web account of the base and the phone of the same person's app account."""
    web = base.sources["web"].iloc[0]
    truth = base.truth
    entity = truth.loc[(truth["source"] == "web") & (truth["record_id"] == web["web_id"])]
    mine = truth.loc[truth["entity_id"] == entity["entity_id"].iloc[0], "record_id"]
    app = base.sources["app"]
    phones = app.loc[app[base.schemas["app"]["id"]].astype(str).isin(mine), "phone"].dropna()
    return web, phones.iloc[0]


@pytest.mark.parametrize("n", [49, 51, 80, 300])
def test_identical_tickets_and_the_web_account_make_one_profile(base, n):
    web, phone = _person(base)
    tickets = pd.DataFrame(
        {
            "tid": [f"t{k}" for k in range(n)],
            "email": web["email"],
            "name": f"{web['first_name']} {web['last_name']}",
            "phone": phone,
        }
    )
    sources = [
        *base.to_sources(),
        uid.Source(
            "tickets",
            tickets,
            id="tid",
            columns={"email": "email", "name": "full_name", "phone": "phone"},
        ),
    ]
    result = uid.Resolver().resolve(sources)
    profiles = result.profiles
    assert len(profiles) == base.n_records + n  # every record exactly once
    mine = profiles[
        (profiles["source"] == "tickets")
        | ((profiles["source"] == "web") & (profiles["record_id"] == web["web_id"]))
    ]
    assert mine["profile_id"].nunique() == 1
    assert not (result.hubs["value"] == web["email"].lower()).any()
    blocking = result.blocking.set_index("rule")
    assert blocking.loc[uid.block.DUPLICATE_RULE, "pairs"] >= n - 1


def test_hundreds_of_records_of_one_name_and_city_over_the_name_cap_stay_together(base):
    """318 orders of "Robert J. Greenberg, Los Angeles", 300 of them identical.

    Their name block is far over the cap; they used to be left uncompared, in
    hundreds of profiles. Copies are blocked once and their name is counted
    once for its frequency, so it stays as rare as it is among people.
    """
    names = ["Robert J. Greenberg"] * 300 + ["Robert Greenberg"] * 10 + ["Bob J Greenberg"] * 8
    orders = pd.DataFrame(
        {"oid": [f"o{k}" for k in range(len(names))], "name": names, "city": "Los Angeles"}
    )
    sources = [
        *base.to_sources(),
        uid.Source("orders", orders, id="oid", columns={"name": "full_name", "city": "city"}),
    ]
    result = uid.Resolver().resolve(sources)
    profiles = result.profiles
    assert profiles.loc[profiles["source"] == "orders", "profile_id"].nunique() <= 3
    blocking = result.blocking.set_index("rule")
    assert blocking.loc[uid.block.DUPLICATE_RULE, "pairs"] >= 299 + 9 + 7


def test_a_store_default_phone_on_hundreds_of_people_never_links_them(base):
    """One phone typed in for 300 different customers is a hub, not their link."""
    truth = base.truth
    store = base.sources["store"].copy()
    sid = base.schemas["store"]["id"]
    ent = truth[truth["source"] == "store"].set_index("record_id")["entity_id"]
    store["entity"] = store[sid].astype(str).map(ent)
    picked = store.drop_duplicates("entity").head(300)
    strangers = pd.DataFrame(
        {
            "sid": [f"k{k}" for k in range(len(picked))],
            "first": picked["first"].to_numpy(),
            "last": picked["last"].to_numpy(),
            "phone": "(212) 555-0147",
        }
    )
    sources = [
        *base.to_sources(),
        uid.Source(
            "kiosk",
            strangers,
            id="sid",
            columns={"first": "first_name", "last": "last_name", "phone": "phone"},
        ),
    ]
    result = uid.Resolver().resolve(sources)
    hubs = result.hubs
    assert ((hubs["column"] == "phone") & (hubs["kind"] == "hub")).any()
    profiles = result.profiles
    kiosk = profiles[profiles["source"] == "kiosk"].assign(entity=picked["entity"].to_numpy())
    # No profile holds two kiosk records of different people.
    people_per_profile = kiosk.groupby("profile_id")["entity"].nunique()
    assert int(people_per_profile.max()) == 1
    assert np.all(kiosk.groupby("profile_id").size() <= 2)


def test_copies_added_in_a_later_run_join_the_profile(base):
    """Tickets arriving in an incremental run pair with their earlier copies."""
    web, phone = _person(base)

    def tickets(start, n):
        frame = pd.DataFrame(
            {
                "tid": [f"t{k}" for k in range(start, start + n)],
                "email": web["email"],
                "name": f"{web['first_name']} {web['last_name']}",
                "phone": phone,
            }
        )
        columns = {"email": "email", "name": "full_name", "phone": "phone"}
        return uid.Source("tickets", frame, id="tid", columns=columns)

    resolver = uid.Resolver()
    first = resolver.resolve([*base.to_sources(), tickets(0, 40)])
    state = uid.State.from_result(first, resolver)
    later = resolver.resolve([tickets(40, 40)], previous=state)
    profiles = later.profiles
    assert len(profiles) == base.n_records + 80
    mine = profiles[
        (profiles["source"] == "tickets")
        | ((profiles["source"] == "web") & (profiles["record_id"] == web["web_id"]))
    ]
    assert mine["profile_id"].nunique() == 1


def test_an_incremental_run_counts_copies_once_for_name_frequency(base):
    """Ten more copies of a name-and-city-only record keep the 300 earlier ones together.

    The incremental run counts term frequencies as the full run does (each group
    of copies once); counting records made the name look common and split all 310.
    """

    def orders(start, stop):
        frame = pd.DataFrame(
            {
                "oid": [f"o{k}" for k in range(start, stop)],
                "name": "Robert J. Greenberg",
                "city": "Los Angeles",
            }
        )
        return uid.Source("orders", frame, id="oid", columns={"name": "full_name", "city": "city"})

    resolver = uid.Resolver()
    first = resolver.resolve([*base.to_sources(), orders(0, 300)])
    later = resolver.resolve([orders(300, 310)], previous=uid.State.from_result(first, resolver))
    profiles = later.profiles
    assert profiles.loc[profiles["source"] == "orders", "profile_id"].nunique() == 1


def test_a_source_that_repeats_its_customers_gets_a_higher_prior_inside(base):
    # 200 web customers write 4 tickets each: two tickets are far likelier to be
    # one customer than a ticket and a web account, and the fit learns so.
    web = base.sources["web"].dropna(subset=["email", "first_name", "last_name"]).head(200)
    tickets = pd.DataFrame(
        {
            "tid": [f"t{k}" for k in range(4 * len(web))],
            "email": np.repeat(web["email"].to_numpy(), 4),
            "name": np.repeat((web["first_name"] + " " + web["last_name"]).to_numpy(), 4),
        }
    )
    source = uid.Source(
        "tickets", tickets, id="tid", columns={"email": "email", "name": "full_name"}
    )
    fitted = uid.Resolver().fit([*base.to_sources(), source])
    shifts = fitted.source_shifts_
    assert shifts[("tickets", "tickets")] > 1.0
    assert shifts[("tickets", "tickets")] > shifts[("tickets", "web")] + 1.0
