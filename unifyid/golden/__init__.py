"""Golden records: one best record per profile, with the lineage of every value.

After resolution every profile holds records from several channels that
disagree: an old email on the web account, a new one at the store, a typo in
one birth date. :func:`build_golden` chooses one value per field by a
survivorship rule and records which source, record and rule produced it.

Rules (:class:`MostRecent`, :class:`MostFrequent`, :class:`SourcePriority`,
:class:`Longest`) are immutable value objects; ``DEFAULT_RULES`` gives each
field a sensible default and :func:`rule_from_config` /
:func:`rules_from_config` read them from a TOML ``[golden]`` table.

Examples
--------
>>> from unifyid.golden import DEFAULT_RULES, SourcePriority
>>> DEFAULT_RULES["email"], DEFAULT_RULES["name"]
(MostRecent(), MostFrequent())
>>> SourcePriority(("store", "app")).label
'SourcePriority(store>app)'
"""

from ._build import LINEAGE_COLUMNS, build_golden
from ._config import rule_from_config, rules_from_config
from ._fields import DEFAULT_RULES, GOLDEN_COLUMNS
from ._rules import Longest, MostFrequent, MostRecent, Rule, SourcePriority

__all__ = [
    "DEFAULT_RULES",
    "GOLDEN_COLUMNS",
    "LINEAGE_COLUMNS",
    "Longest",
    "MostFrequent",
    "MostRecent",
    "Rule",
    "SourcePriority",
    "build_golden",
    "rule_from_config",
    "rules_from_config",
]
