"""Pluggable matchers: compare the two sides of candidate pairs, one level per pair.

Write your own by subclassing :class:`Matcher` (implement ``_compare``) or by
decorating a vectorised function with :func:`matcher`; :func:`check_matcher`
verifies the contract. :func:`default_matchers` is the built-in set a
``Resolver`` uses, and the built-in matchers below are the parts to compose
your own set from (e.g. ``IdentifierMatch("loyalty_id")``).
"""

from ._address import PlaceMatch
from ._base import Matcher, matcher
from ._check import check_matcher
from ._date import DateMatch
from ._defaults import default_matchers
from ._identifier import EmailMatch, ExactMatch, IdentifierMatch, PhoneMatch
from ._name import FirstNameMatch, LastNameMatch
from ._recordlinkage import RecordLinkageMatcher

__all__ = [
    "DateMatch",
    "EmailMatch",
    "ExactMatch",
    "FirstNameMatch",
    "IdentifierMatch",
    "LastNameMatch",
    "Matcher",
    "PhoneMatch",
    "PlaceMatch",
    "RecordLinkageMatcher",
    "check_matcher",
    "default_matchers",
    "matcher",
]
