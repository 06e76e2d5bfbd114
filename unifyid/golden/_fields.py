"""The fields of a golden record, their default rules and how each is shown.

Fields are chosen one rule key at a time. Two keys are groups whose columns
come from one record, because their parts only make sense together:

* ``name``: ``first_name`` and ``last_name`` — a person's name from one
  record, never the first name of one record with the last name of another;
* ``address``: ``street``, ``city`` and ``postcode`` — an address is one unit.

Within a group, records carrying more of its parts rank first, then the rule
decides. Only when no record of the profile has all parts is a part missing
from the chosen record filled from the best record that has it (same rule);
lineage then shows the two records.

Default rules, and why:

=============  =================  ===========================================
rule key       default            why
=============  =================  ===========================================
name           ``MostFrequent``   names do not change often; a typo or a
                                  nickname on one channel is outvoted
email          ``MostRecent``     people change emails; the latest personal
                                  one reaches them
phone          ``MostRecent``     numbers are ported and replaced likewise
dob            ``MostFrequent``   a birth date never changes; keying errors
                                  are outvoted
address        ``MostRecent``     people move; the latest address wins
country        ``MostFrequent``   rarely changes; a stray value is outvoted
device_id      ``MostRecent``     devices are replaced; the latest is in use
loyalty_id     ``MostFrequent``   one card, re-keyed with errors at tills
customer_id    ``MostFrequent``   a system's own key; the consensus is safest
extra          ``MostRecent``     free columns (opt-ins, preferences) are
                                  state: the latest statement holds
=============  =================  ===========================================

``first_seen`` and ``last_seen`` are always the earliest and latest
``timestamp`` of the profile. The ``extra`` key sets the rule of every free
column at once; a free column's own golden name overrides it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .._errors import ConfigError
from .._types import type_names
from ._rules import MostFrequent, MostRecent, SurvivorshipRule

__all__ = [
    "DEFAULT_SURVIVORSHIP_RULES",
    "FIELDS",
    "GOLDEN_COLUMNS",
    "FieldSpec",
    "default_survivorship_rules",
    "extra_golden_names",
    "golden_columns",
    "golden_fields",
    "resolve_rules",
]


@dataclass(frozen=True)
class FieldSpec:
    """One rule key: the frame columns it chooses together, and its default rule."""

    key: str
    columns: tuple[str, ...]
    rule: SurvivorshipRule


#: The built-in fields, in golden column order (see the module notes for the rules).
FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", ("first_name", "last_name"), MostFrequent()),
    FieldSpec("email", ("email",), MostRecent()),
    FieldSpec("phone", ("phone",), MostRecent()),
    FieldSpec("dob", ("dob",), MostFrequent()),
    FieldSpec("address", ("street", "city", "postcode"), MostRecent()),
    FieldSpec("country", ("country",), MostFrequent()),
    FieldSpec("device_id", ("device_id",), MostRecent()),
    FieldSpec("loyalty_id", ("loyalty_id",), MostFrequent()),
    FieldSpec("customer_id", ("customer_id",), MostFrequent()),
)

#: The rule of the free (extra) columns, unless a column has its own.
_EXTRA_RULE: SurvivorshipRule = MostRecent()

#: How a column's golden value is shown: ``name``, ``raw`` and ``place``
#: columns show the chosen record's value as written (``name`` and ``place``
#: with all-caps or all-lower-case text title-cased; see ``_display``); all
#: others show the standardised value.
DISPLAY: Mapping[str, str] = MappingProxyType(
    {"first_name": "name", "last_name": "name", "street": "raw", "city": "place"}
)


def golden_fields() -> tuple[FieldSpec, ...]:
    """The built-in fields, then one per identifier type registered beyond them.

    An added identifier is chosen like ``loyalty_id`` and ``customer_id``: the
    most frequent value, a system's own key re-keyed with errors.
    """
    covered = {c for spec in FIELDS for c in spec.columns}
    added = tuple(
        FieldSpec(name, (name,), MostFrequent())
        for name in type_names(kind="identifier", encoding="plain")
        if name not in covered
    )
    return (*FIELDS, *added)


def _golden_columns(fields: tuple[FieldSpec, ...]) -> tuple[str, ...]:
    cols = (c for spec in fields for c in spec.columns)
    return ("profile_id", "n_records", "sources", *cols, "first_seen", "last_seen")


def golden_columns() -> tuple[str, ...]:
    """Golden columns before the free (extra) columns, in order, registered types included."""
    return _golden_columns(golden_fields())


def default_survivorship_rules() -> dict[str, SurvivorshipRule]:
    """Default survivorship rule per rule key, registered identifier types included."""
    return {**{spec.key: spec.rule for spec in golden_fields()}, "extra": _EXTRA_RULE}


#: Golden columns before the free (extra) columns, in order.
GOLDEN_COLUMNS: tuple[str, ...] = _golden_columns(FIELDS)

#: Default survivorship rule per rule key (see the module notes for why).
DEFAULT_SURVIVORSHIP_RULES: Mapping[str, SurvivorshipRule] = MappingProxyType(
    {**{spec.key: spec.rule for spec in FIELDS}, "extra": _EXTRA_RULE}
)

_GROUP_OF = {col: spec.key for spec in FIELDS if len(spec.columns) > 1 for col in spec.columns}


def _reserved() -> frozenset[str]:
    return (
        frozenset(golden_columns()) | set(default_survivorship_rules()) | {"timestamp", "full_name"}
    )


def extra_golden_names(columns: Collection[str]) -> dict[str, str]:
    """Golden column name of each free column: its own, or ``extra_<name>`` on a clash.

    Raises
    ------
    ConfigError
        Two free columns would get the same golden name.

    Examples
    --------
    >>> extra_golden_names(["opt_in", "email"])
    {'opt_in': 'opt_in', 'email': 'extra_email'}
    """
    reserved = _reserved()
    names = {str(c): (f"extra_{c}" if str(c) in reserved else str(c)) for c in columns}
    seen: dict[str, str] = {}
    for column, golden in names.items():
        if golden in seen:
            raise ConfigError(
                f"free columns {seen[golden]!r} and {column!r} would both be "
                f"golden column {golden!r}; rename one of them in its source"
            )
        seen[golden] = column
    return names


def _known_keys(extra_names: Collection[str]) -> list[str]:
    defaults = default_survivorship_rules()
    return [*defaults, *sorted(set(extra_names) - set(defaults))]


def unknown_key_problem(key: object, extra_names: Collection[str]) -> str:
    """Why ``key`` is not a rule key, and which keys are."""
    if key in _GROUP_OF:
        group = _GROUP_OF[str(key)]
        members = ", ".join(next(s.columns for s in FIELDS if s.key == group))
        return (
            f"{key!r} is chosen together with {members} as the field group {group!r}; "
            f"set a rule for {group!r}"
        )
    if key in ("timestamp", "first_seen", "last_seen"):
        return (
            f"{key!r} has no rule: first_seen and last_seen are the earliest and latest timestamp"
        )
    return f"unknown field {key!r}; known fields: {_known_keys(extra_names)}"


def resolve_rules(
    rules: Mapping[str, SurvivorshipRule] | None, extra_names: Collection[str]
) -> dict[str, SurvivorshipRule]:
    """Default rules overridden by ``rules``; every key checked.

    ``extra_names`` are the golden names of the free columns; each gets its
    own entry (its override, else the ``extra`` rule).

    Raises
    ------
    ConfigError
        A key is not a field, or a value is not a rule; all problems at once.
    """
    if rules is None:
        rules = {}
    if not isinstance(rules, Mapping):
        raise ConfigError(
            f"rules must be a mapping of field to survivorship rule, got {type(rules).__name__}"
        )
    defaults = default_survivorship_rules()
    problems = []
    for key, rule in rules.items():
        if key not in defaults and key not in extra_names:
            problems.append(unknown_key_problem(key, extra_names))
        elif not isinstance(rule, SurvivorshipRule):
            problems.append(
                f"rules[{key!r}] must be a survivorship rule (MostRecent, MostFrequent, "
                f"SourcePriority, Longest), got {type(rule).__name__}"
            )
    if problems:
        raise ConfigError("invalid golden record rules: " + "; ".join(problems))
    out = {**defaults, **rules}
    for name in extra_names:
        out[name] = rules.get(name, out["extra"])
    return out
