"""Golden records: one best record per profile, with the lineage of every value.

After resolution every profile holds records from several channels that
disagree: an old email on the web account, a new one at the store, a typo in
one birth date. ``result.golden`` chooses one value per field by a
survivorship rule and ``result.lineage`` records which source, record and rule
produced it.

Rules (:class:`MostRecent`, :class:`MostFrequent`, :class:`SourcePriority`,
:class:`Longest`, all :class:`SurvivorshipRule`) are immutable value objects;
``DEFAULT_SURVIVORSHIP_RULES`` gives each field a sensible default, and
``Resolver(golden_rules=...)`` (or a TOML ``[golden]`` table) overrides it per
field.

The two tables
--------------
``golden``: one row per profile, sorted by ``profile_id``: ``n_records``,
``sources``, the best ``first_name``, ``last_name``, ``email``, ``phone``,
``dob``, ``street``, ``city``, ``postcode``, ``country``, ``device_id``,
``loyalty_id``, ``customer_id``, ``first_seen``/``last_seen`` (earliest and
latest timestamp) and the free columns. Identifiers, dates, postcode and
country are shown standardised; names, street and city as the chosen record
wrote them.

``lineage`` answers "where did this value come from": one row per non-empty
golden value with the ``source`` and ``record_id`` of the record it was taken
from, the ``rule`` that chose it and ``n_candidates``, how many records of the
profile offered a value for that field.

Examples
--------
>>> from unifyid.golden import DEFAULT_SURVIVORSHIP_RULES, SourcePriority
>>> DEFAULT_SURVIVORSHIP_RULES["email"], DEFAULT_SURVIVORSHIP_RULES["name"]
(MostRecent(), MostFrequent())
>>> SourcePriority(("store", "app")).label
'SourcePriority(store>app)'
"""

from ._fields import DEFAULT_SURVIVORSHIP_RULES
from ._rules import Longest, MostFrequent, MostRecent, SourcePriority, SurvivorshipRule

__all__ = [
    "DEFAULT_SURVIVORSHIP_RULES",
    "Longest",
    "MostFrequent",
    "MostRecent",
    "SourcePriority",
    "SurvivorshipRule",
]
