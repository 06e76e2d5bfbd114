"""Pluggable matchers: compare the two sides of candidate pairs, one level per pair.

Write your own by subclassing :class:`Matcher` (implement ``_compare``) or by
decorating a vectorised function with :func:`matcher`; :func:`check_matcher`
verifies the contract.
"""

from ._address import (
    PLACE_COLUMNS,
    CityMatch,
    LocalityMatch,
    PlaceMatch,
    PostcodeMatch,
    StreetMatch,
)
from ._base import FunctionMatcher, Matcher, matcher
from ._check import check_matcher, matcher_checks
from ._date import DateMatch
from ._defaults import default_matchers, encoded_matchers
from ._encoded import (
    DiceMatch,
    DigestMatch,
    EncodedDateMatch,
    EncodedEmailMatch,
    EncodedFirstNameMatch,
    EncodedPlaceMatch,
)
from ._identifier import EmailMatch, ExactMatch, IdentifierMatch, PhoneMatch
from ._name import FirstNameMatch, LastNameMatch
from ._recordlinkage import RecordLinkageMatcher

__all__ = [
    "PLACE_COLUMNS",
    "CityMatch",
    "DateMatch",
    "DiceMatch",
    "DigestMatch",
    "EmailMatch",
    "EncodedDateMatch",
    "EncodedEmailMatch",
    "EncodedFirstNameMatch",
    "EncodedPlaceMatch",
    "ExactMatch",
    "FirstNameMatch",
    "FunctionMatcher",
    "IdentifierMatch",
    "LastNameMatch",
    "LocalityMatch",
    "Matcher",
    "PhoneMatch",
    "PlaceMatch",
    "PostcodeMatch",
    "RecordLinkageMatcher",
    "StreetMatch",
    "check_matcher",
    "default_matchers",
    "encoded_matchers",
    "matcher",
    "matcher_checks",
]
