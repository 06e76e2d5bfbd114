"""Survivorship rules from TOML configuration values.

The ``[golden]`` table of a run configuration maps a field to a rule spec::

    [golden]
    email = "most_recent"
    name = "most_frequent"
    address = "longest"
    phone = { source_priority = ["store", "app"] }
    loyalty_id = ["most_frequent", { source_priority = ["store"] }]

A spec is one of the rule names ``"most_recent"``, ``"most_frequent"``,
``"longest"``, a one-key table ``{ source_priority = [source, ...] }``, or a
list of these, read as a tie-break chain: ``["most_recent", "longest"]`` is
``MostRecent(then=Longest())``. These are the Python rules one to one.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace
from typing import Any

from .._errors import ConfigError
from ._fields import default_survivorship_rules, unknown_key_problem
from ._rules import Longest, MostFrequent, MostRecent, SourcePriority, SurvivorshipRule

__all__ = ["rule_from_config", "rules_from_config"]

_NAMED: dict[str, type[SurvivorshipRule]] = {
    "most_recent": MostRecent,
    "most_frequent": MostFrequent,
    "longest": Longest,
}
_ALLOWED = (
    '"most_recent", "most_frequent", "longest", { source_priority = ["store", ...] } '
    "or a list of these (tie-break chain)"
)


def _chain(first: SurvivorshipRule, rest: SurvivorshipRule) -> SurvivorshipRule:
    """``first`` with ``rest`` appended at the end of its tie-break chain."""
    return replace(first, then=rest if first.then is None else _chain(first.then, rest))


def _one(spec: Any) -> SurvivorshipRule:
    if isinstance(spec, str):
        if spec in _NAMED:
            return _NAMED[spec]()
        raise ConfigError(f"unknown survivorship rule {spec!r}; allowed: {_ALLOWED}")
    if isinstance(spec, Mapping):
        if list(spec) != ["source_priority"]:
            raise ConfigError(
                f"a rule table must have the single key 'source_priority', got keys "
                f"{sorted(map(str, spec))}; allowed: {_ALLOWED}"
            )
        order = spec["source_priority"]
        if not isinstance(order, list) or not all(isinstance(s, str) for s in order):
            raise ConfigError(
                "source_priority must be a list of source names, got "
                f"{type(order).__name__}; allowed: {_ALLOWED}"
            )
        return SourcePriority(tuple(order))
    raise ConfigError(
        f"a survivorship rule spec must be a string, table or list, got "
        f"{type(spec).__name__} {spec!r}; allowed: {_ALLOWED}"
    )


def rule_from_config(spec: Any) -> SurvivorshipRule:
    """The rule a TOML value describes.

    Parameters
    ----------
    spec : str, dict or list
        ``"most_recent"``, ``"most_frequent"``, ``"longest"``,
        ``{"source_priority": ["store", "app"]}``, or a non-empty list of
        these meaning "first rule, ties broken by the next".

    Returns
    -------
    SurvivorshipRule

    Raises
    ------
    ConfigError
        Naming the bad value and listing the allowed ones.

    Examples
    --------
    >>> rule_from_config("most_recent")
    MostRecent()
    >>> rule_from_config({"source_priority": ["store", "app"]})
    SourcePriority(('store', 'app'))
    >>> rule_from_config(["most_frequent", {"source_priority": ["store"]}]).label
    'MostFrequent then SourcePriority(store)'
    """
    if isinstance(spec, list):
        if not spec:
            raise ConfigError(f"an empty list is not a survivorship rule; allowed: {_ALLOWED}")
        nested = [s for s in spec if isinstance(s, list)]
        if nested:
            raise ConfigError(f"a rule chain holds rules, not lists; allowed: {_ALLOWED}")
        rules = [_one(s) for s in spec]
        out = rules[-1]
        for rule in reversed(rules[:-1]):
            out = _chain(rule, out)
        return out
    return _one(spec)


def rules_from_config(
    table: Any, *, extra_columns: Collection[str] = ()
) -> dict[str, SurvivorshipRule]:
    """Rules of a whole ``[golden]`` table, every field and spec checked.

    Parameters
    ----------
    table : dict
        Field (rule key) to spec (see :func:`rule_from_config`).
    extra_columns : collection of str
        Golden names of the free columns, which may also be given a rule.

    Returns
    -------
    dict of str to SurvivorshipRule
        Only the fields the table sets; pass it as ``rules=`` to
        :func:`build_golden`, which fills in ``DEFAULT_SURVIVORSHIP_RULES``.

    Raises
    ------
    ConfigError
        Listing every unknown field (with the known ones) and bad spec at once.

    Examples
    --------
    >>> rules_from_config({"email": "longest", "opt_in": "most_frequent"},
    ...                   extra_columns=["opt_in"])
    {'email': Longest(), 'opt_in': MostFrequent()}
    """
    if not isinstance(table, Mapping):
        raise ConfigError(f"[golden] must be a table of field = rule, got {type(table).__name__}")
    known = set(default_survivorship_rules()) | set(extra_columns)
    problems, rules = [], {}
    for key, spec in table.items():
        if key not in known:
            problems.append(unknown_key_problem(key, extra_columns))
            continue
        try:
            rules[key] = rule_from_config(spec)
        except ConfigError as exc:
            problems.append(f"{key}: {exc}")
    if problems:
        raise ConfigError("[golden]: " + "; ".join(problems))
    return rules
