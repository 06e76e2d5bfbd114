"""Standardisation stage: raw column values to comparable canonical strings.

Every function takes a :class:`pandas.Series` of raw values (any dtype, with
None, NaN, pd.NA, numbers and blank strings) and returns a Series with the
same index and length, object dtype, holding ``str`` values or ``None`` for
missing or unparseable values (the ``is_junk_*`` flags return bool Series and
:func:`split_full_name` a two-column DataFrame; :func:`names_from_email`
completes first and last names from the as-written email and flags what it
read). No function raises on bad values or drops rows. All but
:func:`names_from_email` (one step per record missing a name part) work on the
distinct values of a column only (:func:`map_unique`), so cost scales with the
number of distinct values.

The stage's entry point is :func:`standardise_sources`: validated sources in,
one standardised frame out (:class:`Prepared`), ending with the key columns
that blocking and later stages read (:func:`add_blocking_keys`).
"""

from ._address import city, country, postcode, street, street_number
from ._dates import date_of_birth, timestamp
from ._email import email, is_junk_email
from ._email_names import names_from_email
from ._identifier import identifier
from ._keys import add_blocking_keys, add_name_variants
from ._names import nickname_key, nickname_keys, person_name, split_full_name
from ._phone import is_junk_phone, phone, phone_and_junk
from ._stage import Prepared, standardise_sources
from ._text import fold_text, map_unique

__all__ = [
    "Prepared",
    "add_blocking_keys",
    "add_name_variants",
    "city",
    "country",
    "date_of_birth",
    "email",
    "fold_text",
    "identifier",
    "is_junk_email",
    "is_junk_phone",
    "map_unique",
    "names_from_email",
    "nickname_key",
    "nickname_keys",
    "person_name",
    "phone",
    "phone_and_junk",
    "postcode",
    "split_full_name",
    "standardise_sources",
    "street",
    "street_number",
    "timestamp",
]
