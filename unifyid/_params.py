"""Declarative parameter checks: one table per estimator, one message shape for all."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ._errors import ConfigError, mask

__all__ = ["Interval", "OneOf", "ParamCheck", "validate_params"]


@dataclass(frozen=True)
class Interval:
    """A number in ``[low, high]`` (bounds inclusive unless ``open_low``/``open_high``)."""

    kind: type
    low: float | None
    high: float | None
    open_low: bool = False
    open_high: bool = False

    def accepts(self, value: Any) -> bool:
        if isinstance(value, bool) or not isinstance(
            value, (int, float) if self.kind is float else int
        ):
            return False
        if value != value:  # NaN passes every comparison below; it is never a setting
            return False
        if self.low is not None and (value < self.low or (self.open_low and value == self.low)):
            return False
        return not (
            self.high is not None and (value > self.high or (self.open_high and value == self.high))
        )

    def __str__(self) -> str:
        lo = "(" if self.open_low else "["
        hi = ")" if self.open_high else "]"
        low = "-inf" if self.low is None else self.low
        high = "inf" if self.high is None else self.high
        return f"{self.kind.__name__} in {lo}{low}, {high}{hi}"


@dataclass(frozen=True)
class OneOf:
    """Any value that passes ``check`` (a type test), described by ``text``."""

    text: str
    check: Callable[[Any], bool]

    def accepts(self, value: Any) -> bool:
        return self.check(value)

    def __str__(self) -> str:
        return self.text


ParamCheck = Interval | OneOf


def validate_params(
    owner: str, params: Mapping[str, Any], table: Mapping[str, list[ParamCheck]]
) -> None:
    """Raise one ``ConfigError`` listing every parameter that no rule of its row accepts."""
    problems = []
    for name, rules in table.items():
        value = params[name]
        if not any(rule.accepts(value) for rule in rules):
            allowed = " or ".join(str(r) for r in rules)
            problems.append(f"{owner}: parameter {name!r} must be {allowed}; got {mask(value)}")
    if problems:
        raise ConfigError("\n".join(problems))
