"""The public API: the exact names users may rely on, each documented and importable.

A deliberate change to the public surface edits the lists below (and the
README's "Public API" section); anything not listed is internal.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from collections import defaultdict
from pathlib import Path

import pytest

import unifyid

PUBLIC = {
    "unifyid": {
        "BlockingRule",
        "CannotLink",
        "ConfigError",
        "ENCODED_TYPES",
        "Explanation",
        "Matcher",
        "MatcherContractError",
        "NotFittedError",
        "OutputError",
        "Overrides",
        "RecordLinkageMatcher",
        "Resolver",
        "Result",
        "RunFolderError",
        "SEMANTIC_TYPES",
        "SchemaError",
        "Source",
        "SourceError",
        "SourceNotFoundError",
        "State",
        "UnifyidError",
        "check_matcher",
        "encode_sources",
        "evaluate",
        "matcher",
    },
    "unifyid.matchers": {
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
    },
    "unifyid.golden": {
        "DEFAULT_SURVIVORSHIP_RULES",
        "Longest",
        "MostFrequent",
        "MostRecent",
        "SourcePriority",
        "SurvivorshipRule",
    },
    "unifyid.datasets": {"Dataset", "load_febrl", "make_customers"},
    "unifyid.report": {
        "Chart",
        "MissingExtraError",
        "build_report",
        "estimate_from_records",
        "read_review",
        "recognition_rate",
        "review_labels",
        "review_overrides",
        "review_sample",
        "stitch_labels",
        "threshold_curves",
    },
}

PACKAGE = Path(unifyid.__file__).parent
README = PACKAGE.parent / "README.md"


def _public_names() -> list[tuple[str, str]]:
    return [(module, name) for module, names in PUBLIC.items() for name in sorted(names)]


@pytest.mark.parametrize("module", sorted(PUBLIC))
def test_all_is_exactly_the_public_api(module: str) -> None:
    assert set(importlib.import_module(module).__all__) == PUBLIC[module]


@pytest.mark.parametrize(("module", "name"), _public_names())
def test_every_public_name_is_importable_and_documented(module: str, name: str) -> None:
    obj = getattr(importlib.import_module(module), name)
    if inspect.isclass(obj) or inspect.isfunction(obj):
        assert (obj.__doc__ or "").strip(), f"{module}.{name} has no docstring"


def test_the_readme_lists_every_public_name() -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Public API", 1)[1].split("\n## ", 1)[0]
    missing = [f"{m}.{n}" for m, n in _public_names() if f"`{n}`" not in section]
    assert missing == []


def _defined_names() -> dict[str, list[str]]:
    """Module-level names each module of the package defines (not imports)."""
    found: dict[str, list[str]] = defaultdict(list)
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names = [node.name]
            elif isinstance(node, ast.Assign):
                names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names = [node.target.id]
            else:
                names = []
            for name in names:
                found[name].append(str(path.relative_to(PACKAGE)))
    return found


def test_names_are_unique_across_the_package() -> None:
    # Private helpers (a leading underscore) live in one module each; every
    # module's logger is called ``log``.
    shared = {
        name: paths
        for name, paths in _defined_names().items()
        if len(paths) > 1 and not name.startswith("_") and name != "log"
    }
    assert shared == {}
