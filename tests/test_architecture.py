"""The package's shape: no import cycles between modules, no oversized modules.

A cycle makes a module's behaviour depend on which module happens to be
imported first, and ties stages together that should be usable alone.
"""

from __future__ import annotations

import ast
from pathlib import Path

import unifyid

PACKAGE = Path(unifyid.__file__).parent
#: Longest module, in lines: a reader takes in a module of this size at once.
MAX_LINES = 600


def _modules() -> dict[str, tuple[Path, bool]]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = ["unifyid", *path.relative_to(PACKAGE).with_suffix("").parts]
        is_package = parts[-1] == "__init__"
        out[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return out


def _top_level_imports(body: list[ast.stmt]) -> list[ast.Import | ast.ImportFrom]:
    """Imports run when the module is imported: not in functions, not under TYPE_CHECKING."""
    found: list[ast.Import | ast.ImportFrom] = []
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        elif isinstance(node, ast.If):
            test = ast.unparse(node.test)
            if test not in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
                found += _top_level_imports(node.body)
            found += _top_level_imports(node.orelse)
        elif isinstance(node, ast.Try):
            found += _top_level_imports(node.body + node.orelse + node.finalbody)
            for handler in node.handlers:
                found += _top_level_imports(handler.body)
        elif isinstance(node, ast.With | ast.ClassDef):
            found += _top_level_imports(node.body)
    return found


def _dependencies(name: str, path: Path, is_package: bool, modules: set[str]) -> set[str]:
    """Modules of the package that importing ``name`` imports directly.

    ``from pkg import sub`` (a submodule) depends on ``pkg.sub`` and on
    ``pkg``'s ``__init__``, even when ``pkg`` contains the importing module:
    the name is looked up in the package's namespace, so a module that does
    so depends on what the package's ``__init__`` has run by then. Write
    ``from .sub import name`` instead.
    """
    here = name.split(".") if is_package else name.split(".")[:-1]
    deps: set[str] = set()
    for node in _top_level_imports(ast.parse(path.read_text(encoding="utf-8")).body):
        if isinstance(node, ast.Import):
            deps |= {a.name for a in node.names if a.name in modules}
            continue
        if node.level:
            base = here[: len(here) - node.level + 1]
            target = ".".join(base + ([node.module] if node.module else []))
        else:
            target = node.module or ""
        if target not in modules:
            continue
        deps |= {f"{target}.{a.name}" for a in node.names} & modules
        deps.add(target)
    deps.discard(name)
    return deps


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected sets of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles_between_modules() -> None:
    modules = _modules()
    names = set(modules)
    graph = {n: _dependencies(n, p, pkg, names) for n, (p, pkg) in modules.items()}
    assert _cycles(graph) == []


def _with_parent_packages(
    name: str, is_package: bool, deps: set[str], modules: set[str]
) -> set[str]:
    """``deps`` and the packages Python initialises first to import each of them.

    Importing ``unifyid.block._rules`` from outside ``unifyid.block`` runs
    ``unifyid/block/__init__.py`` before it; from inside, the package is
    being initialised already.
    """
    own = name if is_package else name.rsplit(".", 1)[0]
    out = set(deps)
    for dep in deps:
        parts = dep.split(".")
        for k in range(2, len(parts)):
            parent = ".".join(parts[:k])
            if parent in modules and not (own == parent or own.startswith(parent + ".")):
                out.add(parent)
    out.discard(name)
    return out


def test_no_import_cycles_between_packages() -> None:
    """Stricter: a stage package never imports, through any submodule, a package that
    imports it back (standardise does not reach into block, values or graph)."""
    modules = _modules()
    names = set(modules)
    graph = {
        n: _with_parent_packages(n, pkg, _dependencies(n, p, pkg, names), names)
        for n, (p, pkg) in modules.items()
    }
    assert _cycles(graph) == []


def test_importing_a_submodule_from_its_package_depends_on_the_package(tmp_path) -> None:
    module = tmp_path / "mod.py"
    module.write_text("from . import sub\nfrom .other import name\n", encoding="utf-8")
    names = {"pkg", "pkg.mod", "pkg.sub", "pkg.other"}
    assert _dependencies("pkg.mod", module, False, names) == {"pkg", "pkg.sub", "pkg.other"}


def test_the_cycle_check_sees_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_is_oversized() -> None:
    sizes = {
        str(p.relative_to(PACKAGE)): len(p.read_text(encoding="utf-8").splitlines())
        for p, _ in _modules().values()
    }
    assert {p: n for p, n in sizes.items() if n > MAX_LINES} == {}
