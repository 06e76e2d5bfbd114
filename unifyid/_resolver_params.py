"""The ``Resolver``'s parameter table: each parameter and the forms it accepts."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from ._errors import ConfigError
from ._params import Interval, OneOf, validate_params
from ._schema import ENCODED_TYPES
from ._types import type_names
from .block import BlockingRule
from .golden import SourcePriority, SurvivorshipRule
from .graph import CannotLink
from .graph._overrides import Overrides
from .matchers import Matcher, default_matchers

__all__ = ["PARAM_RULES", "check_names", "check_params", "check_source_names"]


def _is_seq_of(kind: type) -> Any:
    return lambda v: (
        v is None
        or (isinstance(v, (list, tuple)) and len(v) > 0 and all(isinstance(x, kind) for x in v))
    )


def _is_value_lists(v: Any) -> bool:
    return v is None or (
        isinstance(v, Mapping)
        and all(isinstance(k, str) and isinstance(x, (list, tuple)) for k, x in v.items())
    )


PARAM_RULES = {
    "matchers": [OneOf("None or a non-empty list of Matcher", _is_seq_of(Matcher))],
    "blocking": [OneOf("None or a non-empty list of BlockingRule", _is_seq_of(BlockingRule))],
    "cannot_link": [
        OneOf(
            "None or a list of CannotLink",
            lambda v: (
                v is None
                or (isinstance(v, (list, tuple)) and all(isinstance(x, CannotLink) for x in v))
            ),
        )
    ],
    "overrides": [OneOf("None or an Overrides", lambda v: v is None or isinstance(v, Overrides))],
    "identifier_limits": [
        OneOf(
            "None or a mapping of identifier column to a count >= 1",
            lambda v: (
                v is None
                or (
                    isinstance(v, Mapping)
                    and all(
                        isinstance(k, str)
                        and isinstance(n, int)
                        and not isinstance(n, bool)
                        and n >= 1
                        for k, n in v.items()
                    )
                )
            ),
        )
    ],
    "hub_blocklist": [
        OneOf("None or a mapping of identifier column to a list of values", _is_value_lists)
    ],
    "hub_allowlist": [
        OneOf("None or a mapping of identifier column to a list of values", _is_value_lists)
    ],
    "golden_rules": [
        OneOf(
            "None or a mapping of golden field to a survivorship rule",
            lambda v: (
                v is None
                or (
                    isinstance(v, Mapping)
                    and all(isinstance(r, SurvivorshipRule) for r in v.values())
                )
            ),
        )
    ],
    "threshold": [Interval(float, 0.0, 1.0, open_low=True, open_high=True)],
    "max_block_size": [Interval(int, 2, None)],
    "hub_people": [Interval(int, 2, None)],
    "hub_records": [Interval(int, 2, None)],
    "region": [
        OneOf(
            "a two-letter region code such as 'US'",
            lambda v: isinstance(v, str) and len(v) == 2 and v.isalpha(),
        )
    ],
    "n_random_pairs": [Interval(int, 1000, None)],
    "max_iter": [Interval(int, 1, None)],
    "random_state": [Interval(int, 0, None)],
    "engine": [OneOf("'local' or 'spark'", lambda v: v in ("local", "spark"))],
    "n_jobs": [
        OneOf(
            "None or a whole number of processes of at least 1",
            lambda v: v is None or (isinstance(v, int) and not isinstance(v, bool) and v >= 1),
        )
    ],
}


def check_params(params: Mapping[str, Any]) -> None:
    """Check the ``Resolver`` parameters: types and ranges, names, unique matcher names."""
    validate_params("Resolver", params, PARAM_RULES)
    check_names(params)
    if params["matchers"] is not None:
        names = [m.name for m in params["matchers"]]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ConfigError(f"Resolver: matcher names must be unique; repeated: {dupes}.")


def check_names(params: Mapping[str, Any]) -> None:
    """Refuse settings that name a matcher, level or identifier column that does not exist.

    A typo (``fist_name``) would otherwise make a rule that never fires; user
    cannot-link rules replace the household defaults, so such a typo silently
    switched household protection off. A rule may name a built-in matcher
    whose column this run's data lacks (one config serves several runs).
    """
    known = {m.name: m for m in default_matchers(ENCODED_TYPES)}
    known.update({m.name: m for m in default_matchers(type_names(encoding="plain"))})
    known.update({m.name: m for m in params.get("matchers") or ()})
    problems = []
    for rule in params.get("cannot_link") or ():
        for part in ("when", "unless"):
            for name, labels in getattr(rule, part).items():
                matcher = known.get(name)
                if matcher is None:
                    problems.append(
                        f"cannot_link rule {rule.name!r}: `{part}` names unknown matcher "
                        f"{name!r}; matchers are {sorted(known)}"
                    )
                    continue
                bad = [x for x in labels if x not in matcher.levels]
                if bad:
                    problems.append(
                        f"cannot_link rule {rule.name!r}: matcher {name!r} has no level(s) "
                        f"{bad}; its levels are {list(matcher.levels)}"
                    )
    identifiers = type_names(kind="identifier", encoding="plain")
    for key in ("identifier_limits", "hub_blocklist", "hub_allowlist"):
        unknown = sorted(set(params.get(key) or ()) - set(identifiers))
        if unknown:
            problems.append(
                f"{key} names {unknown}, which are not identifier columns; "
                f"identifier columns are {list(identifiers)}"
            )
    if problems:
        raise ConfigError("Resolver: " + "; ".join(problems) + ".")


def check_source_names(
    golden_rules: Mapping[str, SurvivorshipRule] | None, names: Collection[str]
) -> None:
    """Refuse golden ``SourcePriority`` rules that rank a source this run does not have.

    Checked when the sources are known (a full run), before any work: a
    misspelt source would otherwise just rank last, without a word.
    """
    problems = []
    for field_name, rule in (golden_rules or {}).items():
        while rule is not None:
            if isinstance(rule, SourcePriority):
                unknown = [s for s in rule.order if s not in names]
                if unknown:
                    problems.append(f"{field_name!r} ranks unknown source(s) {unknown}")
            rule = rule.then
    if problems:
        raise ConfigError(
            "golden rules: " + "; ".join(problems) + f"; the sources are {sorted(names)}."
        )
