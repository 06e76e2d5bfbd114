"""The tools under comparison, one module each, all with the same entry point.

Each module exposes ``run(data_dir) -> DataFrame(source, record_id, cluster_id)``
and a ``CONFIG`` string saying how the tool is configured; ``python -m
benchmarks.tools.<module> DATA_DIR OUT_FILE`` runs it in a process of its own
(see :mod:`benchmarks.tools._common`). :data:`TOOLS` lists them in report order.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["TOOLS", "ToolSpec", "select"]


@dataclass(frozen=True)
class ToolSpec:
    """A tool: its module, the packages it imports, whether it needs labels."""

    name: str
    module: str
    requires: tuple[str, ...]
    needs_labels: bool = False


TOOLS: tuple[ToolSpec, ...] = (
    ToolSpec("unifyid", "unifyid_default", ("unifyid",)),
    ToolSpec("unifyid-cli", "unifyid_cli", ("unifyid",)),
    ToolSpec("splink", "splink_expert", ("splink", "duckdb")),
    ToolSpec("recordlinkage-ecm", "recordlinkage_ecm", ("recordlinkage",)),
    ToolSpec(
        "recordlinkage-logistic", "recordlinkage_logistic", ("recordlinkage",), needs_labels=True
    ),
    ToolSpec("goldenmatch-zero", "goldenmatch_zero", ("goldenmatch",)),
    ToolSpec("goldenmatch-expert", "goldenmatch_expert", ("goldenmatch",)),
    ToolSpec("exact-baseline", "exact_baseline", ()),
)


def select(names: str | None) -> list[ToolSpec]:
    """Tools named in a comma-separated list (all when ``None``)."""
    if not names:
        return list(TOOLS)
    wanted = [n.strip() for n in names.split(",") if n.strip()]
    known = {t.name: t for t in TOOLS} | {t.module: t for t in TOOLS}
    unknown = [n for n in wanted if n not in known]
    if unknown:
        raise ValueError(
            f"unknown tool(s) {', '.join(unknown)}; available: {', '.join(t.name for t in TOOLS)}"
        )
    return [known[n] for n in wanted]
