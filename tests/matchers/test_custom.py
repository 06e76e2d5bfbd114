"""User-written matchers: the decorator, subclassing, the contract check, recordlinkage."""

import pickle

import numpy as np
import pandas as pd
import pytest

import unifyid as uid
from unifyid.matchers import Matcher


@uid.matcher(columns=["email"], levels=["same domain", "else"])
def email_domain(left, right):
    dl = np.array([e.split("@")[-1] for e in left["email"]])
    dr = np.array([e.split("@")[-1] for e in right["email"]])
    return np.where(dl == dr, 1, 2)


class PostcodeDistrict(Matcher):
    """Example subclass: same first two characters of the postcode."""

    def __init__(self):
        self.name = "district"
        self.columns = ("postcode",)
        self.levels = ("same district", "else")
        self._init_params = {}

    def _compare(self, left, right):
        a = np.array([v[:2] for v in left["postcode"]])
        b = np.array([v[:2] for v in right["postcode"]])
        return np.where(a == b, 1, 2)


def test_decorated_function_is_a_matcher():
    assert email_domain.name == "email_domain"
    out = email_domain.compare(
        pd.DataFrame({"email": ["a@x.com", "a@x.com", None]}),
        pd.DataFrame({"email": ["b@x.com", "b@y.com", "c@x.com"]}),
    )
    assert out.tolist() == [1, 2, 0]
    uid.check_matcher(email_domain)
    assert pickle.loads(pickle.dumps(email_domain)) is email_domain


def test_subclass_passes_contract():
    uid.check_matcher(PostcodeDistrict())


def _left_longer(left, right):
    return np.where([len(a) > len(b) for a, b in zip(left["city"], right["city"])], 1, 2)


lopsided = uid.matcher(columns=["city"], levels=["left longer", "else"])(_left_longer)
declared_lopsided = uid.matcher(
    columns=["city"], levels=["left longer", "else"], symmetric=False, name="declared"
)(_left_longer)


def test_contract_catches_asymmetry_unless_declared():
    with pytest.raises(uid.MatcherContractError, match="symmetric"):
        uid.check_matcher(lopsided)
    uid.check_matcher(declared_lopsided)


@uid.matcher(columns=["city"], levels=["same", "else"])
def too_high(left, right):
    return np.full(len(left["city"]), 7)


def test_contract_catches_out_of_range_levels():
    with pytest.raises(uid.MatcherContractError, match="output_range"):
        uid.check_matcher(too_high)


@uid.matcher(columns=["city"], levels=["same", "else"])
def scribbler(left, right):
    left["city"][:] = "x"  # writes into the values it was given
    return np.where(left["city"] == right["city"], 1, 2)


def test_contract_catches_a_matcher_writing_into_its_inputs():
    with pytest.raises(uid.MatcherContractError, match="inputs_untouched"):
        uid.check_matcher(scribbler)


class SurnameWithStaleReason(Matcher):
    """Declares email as read only where surnames differ, but reads it for every pair."""

    name = "surname_email"
    columns = ("last_name",)
    optional_columns = ("email",)
    levels = ("same", "else")
    else_columns = ("email",)

    def _compare(self, left, right):
        same = (left["last_name"] == right["last_name"]) | (left["email"] == right["email"])
        return np.where(same, 1, 2)

    def _settle_else(self, left, right):
        return np.full(len(left["last_name"]), 2)


class SurnameSettlingOtherwise(SurnameWithStaleReason):
    """Reads email only in ``_settle_else``, which disagrees with ``_compare``."""

    def _compare(self, left, right):
        return np.where(left["last_name"] == right["last_name"], 1, 2)

    def _settle_else(self, left, right):
        return np.ones(len(left["last_name"]), dtype=np.int8)


@pytest.mark.parametrize("broken", [SurnameWithStaleReason(), SurnameSettlingOtherwise()])
def test_contract_catches_else_columns_read_otherwise_than_declared(broken):
    with pytest.raises(uid.MatcherContractError, match="settles_else_apart"):
        uid.check_matcher(broken)


def test_contract_rejects_non_matchers():
    with pytest.raises(uid.MatcherContractError, match="Matcher"):
        uid.check_matcher(lambda a, b: a)


def test_recordlinkage_feature_adapter():
    pytest.importorskip("recordlinkage", reason="the recordlinkage extra")
    from recordlinkage.compare import String

    m = uid.RecordLinkageMatcher(
        String("street", "street", method="jarowinkler"), name="street_jw", thresholds=(1.0, 0.85)
    )
    out = m.compare(
        pd.DataFrame({"street": ["12 oak st", "12 oak st", "1 elm rd"]}),
        pd.DataFrame({"street": ["12 oak st", "12 oak str", "99 high st"]}),
    )
    assert out.tolist() == [1, 2, 3]
    uid.check_matcher(m)


def test_recordlinkage_adapter_validates_thresholds():
    pytest.importorskip("recordlinkage", reason="the recordlinkage extra")
    from recordlinkage.compare import String

    with pytest.raises(uid.ConfigError, match="decreasing"):
        uid.RecordLinkageMatcher(String("a", "a"), name="x", thresholds=(0.5, 0.9))


def test_else_columns_are_read_apart_only_through_the_base_compare():
    from unifyid.matchers import LastNameMatch
    from unifyid.matchers._base import split_at_else

    class Wrapped(LastNameMatch):
        def compare(self, left, right):  # a matcher adding its own step to compare()
            return super().compare(left, right)

    first, settle = split_at_else(LastNameMatch())
    assert "email" not in first.optional_columns and "email" in settle.optional_columns
    assert split_at_else(Wrapped()) is None
    assert split_at_else(email_domain) is None
