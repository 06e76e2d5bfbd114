"""A fitted ``Resolver`` as human-readable JSON: parameters, matchers, m, u, prior.

The file holds what was learned and the settings it was learned with, never
customer data. Built-in matchers are rebuilt from their parameters; a
user-written matcher is saved by name and must be passed again on loading.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .._atomic import replace_file
from .._errors import ConfigError
from ..block import BlockingRule
from ..graph import CannotLink
from ..graph._households import HouseholdEvidence
from ..matchers import Matcher
from ..matchers._defaults import built_in_classes
from ..score import FittedModel

if TYPE_CHECKING:
    from .._resolver import Resolver

__all__ = ["MODEL_FORMAT", "load_model", "save_model"]

MODEL_FORMAT = "unifyid-model/1"

#: Parameters saved in their own form (or not at all: overrides are user data).
#: Parameters not saved with the model: objects rebuilt elsewhere, and where and
#: how to run (a model fitted on Spark, or in two processes, applies anywhere).
_NOT_PLAIN = (
    "matchers",
    "blocking",
    "cannot_link",
    "overrides",
    "golden_rules",
    "engine",
    "n_jobs",
)
_USER_DEFINED = ("FunctionMatcher", "RecordLinkageMatcher")
#: The built-in matcher classes by name: a saved model rebuilds them from their parameters.
_BUILT_IN: dict[str, type] = built_in_classes()


def save_model(resolver: Resolver, path: str | os.PathLike[str]) -> None:
    """Write a fitted resolver to ``path``."""
    specs = [
        {
            "class": type(m).__name__,
            "name": m.name,
            "params": _jsonable(m.get_params()),
            "levels": list(m.level_labels()),
        }
        for m in resolver.matchers_
    ]
    doc = {
        "format": MODEL_FORMAT,
        "params": {
            k: _jsonable(v) for k, v in resolver.get_params().items() if k not in _NOT_PLAIN
        },
        "blocking": None
        if resolver.blocking is None
        else [list(r.columns) for r in resolver.blocking],
        "cannot_link": None
        if resolver.cannot_link is None
        else [
            {
                "when": {k: list(v) for k, v in c.when.items()},
                "unless": {k: list(v) for k, v in c.unless.items()},
                "name": c.name,
            }
            for c in resolver.cannot_link
        ],
        "matchers": specs,
        "lambda": resolver.lambda_,
        "source_shifts": [[a, b, bits] for (a, b), bits in resolver.source_shifts_.items()],
        "n_iter": resolver.n_iter_,
        "households": dataclasses.asdict(resolver.households_)
        if hasattr(resolver, "households_")
        else None,
        "m": {k: v.tolist() for k, v in resolver.m_.items()},
        "u": {k: v.tolist() for k, v in resolver.u_.items()},
    }
    replace_file(path, json.dumps(doc, indent=2))


def load_model(
    path: str | os.PathLike[str], *, matchers: Sequence[Matcher] | None
) -> tuple[dict[str, Any], FittedModel]:
    """Read a model written by :func:`save_model`: the ``Resolver`` parameters and the fit.

    ``Resolver.load`` builds the resolver from the parameters and applies the
    fitted model to it.

    Raises
    ------
    ConfigError
        The file is missing, not a model file, or damaged.
    """
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"model file not found: {path}")
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeError):
        raise ConfigError(f"{path}: not a unifyid model file (not JSON text).") from None
    if not isinstance(doc, dict) or doc.get("format") != MODEL_FORMAT:
        found = doc.get("format") if isinstance(doc, dict) else None
        raise ConfigError(f"{path}: not a unifyid model file (format {found!r}).")
    try:
        return _rebuild(path, doc, matchers)
    except ConfigError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(
            f"{path}: damaged model file ({type(exc).__name__}); fit and save the model again."
        ) from None


def _rebuild(
    path: Path, doc: dict[str, Any], matchers: Sequence[Matcher] | None
) -> tuple[dict[str, Any], FittedModel]:
    given = {m.name: m for m in (matchers or [])}
    built: list[Matcher] = []
    for spec in doc["matchers"]:
        if spec["name"] in given:
            built.append(given[spec["name"]])
            continue
        klass = _BUILT_IN.get(spec["class"])
        if klass is None or spec["class"] in _USER_DEFINED:
            raise ConfigError(
                f"{path}: matcher {spec['name']!r} ({spec['class']}) is user-defined; "
                "pass it to Resolver.load(path, matchers=[...])."
            )
        built.append(klass(**_from_json(spec["params"])))
    for spec, m in zip(doc["matchers"], built, strict=True):
        if "levels" in spec and list(spec["levels"]) != list(m.level_labels()):
            raise ConfigError(
                f"{path}: matcher {spec['name']!r} was saved with levels {spec['levels']}, "
                f"but now has {list(m.level_labels())}; fit the resolver again and save it "
                "(for a previous run's state: run a full resolution)."
            )
    blocking, cannot = doc.get("blocking"), doc.get("cannot_link")
    params = dict(
        matchers=built,
        blocking=None if blocking is None else [BlockingRule(tuple(c)) for c in blocking],
        cannot_link=None
        if cannot is None
        else [
            CannotLink(
                {k: tuple(v) for k, v in c["when"].items()},
                unless={k: tuple(v) for k, v in c.get("unless", {}).items()},
                name=c["name"],
            )
            for c in cannot
        ],
        **_from_json(doc["params"]),
    )
    households = doc.get("households")
    model = FittedModel(
        matchers=built,
        m={k: np.asarray(v) for k, v in doc["m"].items()},
        u={k: np.asarray(v) for k, v in doc["u"].items()},
        lambda_=float(doc["lambda"]),
        n_iter=int(doc["n_iter"]),
        households=None if households is None else HouseholdEvidence(**households),
        # A model saved before the priors per pair of sources had none.
        source_shifts={(a, b): float(bits) for a, b, bits in doc.get("source_shifts", [])},
    )
    return params, model


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple):
        return {"__tuple__": [_jsonable(v) for v in value]}
    if isinstance(value, Mapping):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def _from_json(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"__tuple__"}:
            return tuple(_from_json(v) for v in value["__tuple__"])
        return {k: _from_json(v) for k, v in value.items()}
    return value
