"""Human-readable outputs of a benchmark run: results.md, chart.png, README section.

``write_outputs`` is called at the end of a run; ``update_readme`` (the
``report`` command) regenerates the table and chart from ``results.json`` and
writes them between the markers of ``benchmarks/README.md``, copying the files
the section points to into ``benchmarks/results/``.
"""

from __future__ import annotations

import contextlib
import json
import shutil
from pathlib import Path
from typing import Any

__all__ = ["losses", "results_markdown", "update_readme", "write_chart", "write_outputs"]

README = Path(__file__).resolve().parent / "README.md"
START = "<!-- results:start -->"
END = "<!-- results:end -->"
OURS = "unifyid"


def _fmt(v: Any, digits: int = 3) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def _datasets(rows: list[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(r["dataset"] for r in rows))


def _machine_line(machine: dict[str, Any]) -> str:
    v = {k: x for k, x in machine.get("versions", {}).items() if x}
    versions = ", ".join(f"{k} {x}" for k, x in v.items())
    return (
        f"{machine.get('cpu_count')} CPU ({machine.get('cpu_model')}), "
        f"{machine.get('memory_gb')} GB RAM, {machine.get('os')}, Python {machine.get('python')}; "
        f"{versions}; commit {machine.get('git_commit')}; {machine.get('date_utc')}"
    )


def results_table(rows: list[dict[str, Any]]) -> str:
    """One Markdown table, grouped by data set, in run order."""
    head = (
        "| data set | records | tool | F1 | precision | recall | exact entities "
        "| over-merged | largest | wall s | peak MB | status |\n"
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n"
    )
    lines = []
    for r in rows:
        status = r["status"] if r["status"] == "ok" else f"**{r['status']}**"
        if r.get("missing_records"):
            status += f" ({r['missing_records']:,} records not returned)"
        lines.append(
            f"| {r['dataset']} | {_fmt(r['records'])} | {r['tool']} | {_fmt(r['f1'])} "
            f"| {_fmt(r['precision'])} | {_fmt(r['recall'])} | {_fmt(r['exact_entity_share'])} "
            f"| {_fmt(r['overmerged_cluster_share'])} | {_fmt(r['largest_cluster'])} "
            f"| {_fmt(r['wall_s'], 1)} | {_fmt(r['peak_rss_mb'], 0)} | {status} |"
        )
    return head + "\n".join(lines) + "\n"


def losses(rows: list[dict[str, Any]]) -> list[str]:
    """Plain sentences: every data set where a peer beats unifyid on F1, time or memory."""
    out = []
    for ds in _datasets(rows):
        here = [r for r in rows if r["dataset"] == ds]
        ours = next((r for r in here if r["tool"] == OURS), None)
        if ours is None:
            continue
        if ours["status"] != "ok":
            out.append(f"**{ds}**: unifyid did not finish ({ours['status']}: {ours['error']}).")
            continue
        peers = [r for r in here if r["tool"] != OURS and r["status"] == "ok"]
        for label, key, unit, digits in (
            ("F1", "f1", "", 3),
            ("wall time", "wall_s", " s", 1),
            ("peak memory", "peak_rss_mb", " MB", 0),
        ):
            if ours[key] is None:
                continue
            sign = 1 if key == "f1" else -1  # higher F1 wins; lower time and memory win
            winners = [r for r in peers if r[key] is not None and sign * (r[key] - ours[key]) > 0]
            if winners:
                who = ", ".join(f"{r['tool']} ({_fmt(r[key], digits)}{unit})" for r in winners)
                mine = f"{_fmt(ours[key], digits)}{unit}"
                out.append(f"**{ds}**, {label}: unifyid {mine} is beaten by {who}.")
    return out


def configs(rows: list[dict[str, Any]]) -> str:
    """How each tool was configured, with the run-time notes of each row."""
    lines = []
    for tool in dict.fromkeys(r["tool"] for r in rows):
        cfgs = dict.fromkeys(r["config"] for r in rows if r["tool"] == tool and r["config"])
        for c in cfgs:
            lines.append(f"- **{tool}**: {c}")
        for r in rows:
            if r["tool"] == tool and r.get("notes"):
                lines.append(f"  - {r['dataset']}: {'; '.join(r['notes'])}")
    return "\n".join(lines) + "\n"


def results_markdown(rows: list[dict[str, Any]], machine: dict[str, Any]) -> str:
    """The whole results.md: command, machine, table, losses, configurations, errors."""
    errors = [f"- {r['dataset']} / {r['tool']}: {r['error']}" for r in rows if r.get("error")]
    lost = losses(rows)
    parts = [
        f"Command: `{machine.get('command')}` (suite `{machine.get('suite')}`, "
        f"time limit {_fmt(machine.get('timeout_s_per_run'), 0)} s per run)\n",
        f"Machine: {_machine_line(machine)}\n",
        results_table(rows),
        "### Where unifyid loses\n",
        ("\n".join(f"- {x}" for x in lost) if lost else "Nowhere in this run.") + "\n",
        "### Configurations\n",
        configs(rows),
    ]
    if errors:
        parts += ["### Runs that did not finish\n", "\n".join(errors) + "\n"]
    return "\n".join(parts)


def write_chart(rows: list[dict[str, Any]], path: Path) -> None:
    """Two panels: F1 and wall time, one group of bars per data set, one bar per tool."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    datasets = _datasets(rows)
    tools = list(dict.fromkeys(r["tool"] for r in rows))
    width = 0.8 / max(len(tools), 1)
    x = np.arange(len(datasets))
    fig, axes = plt.subplots(1, 2, figsize=(14, 5))
    for ax, key, title in ((axes[0], "f1", "pairwise F1"), (axes[1], "wall_s", "wall time (s)")):
        for i, tool in enumerate(tools):
            vals, marks = [], []
            for ds in datasets:
                r = next((r for r in rows if r["dataset"] == ds and r["tool"] == tool), None)
                ok = r is not None and r["status"] == "ok" and r[key] is not None
                vals.append(r[key] if ok else np.nan)
                marks.append("" if ok else (r["status"] if r else ""))
            pos = x - 0.4 + width * (i + 0.5)
            ax.bar(pos, vals, width, label=tool)
            for p, m in zip(pos, marks, strict=True):
                if m:
                    ax.text(
                        p,
                        0.02,
                        m,
                        rotation=90,
                        ha="center",
                        va="bottom",
                        fontsize=7,
                        transform=ax.get_xaxis_transform(),
                    )
        ax.set_xticks(x, datasets, rotation=15)
        ax.set_title(title)
        positive = [r[key] for r in rows if r["status"] == "ok" and (r[key] or 0) > 0]
        if key == "wall_s" and positive:
            ax.set_yscale("log")
            ax.set_ylim(bottom=min(positive) / 2)
        else:
            ax.set_ylim(0, 1.05)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=len(tools), fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_outputs(out: Path, rows: list[dict[str, Any]], machine: dict[str, Any]) -> None:
    """results.json, results.md and chart.png in ``out``."""
    (out / "results.json").write_text(json.dumps(rows, indent=2) + "\n")
    (out / "results.md").write_text(results_markdown(rows, machine))
    with contextlib.suppress(ImportError):  # matplotlib is in the bench extra
        write_chart(rows, out / "chart.png")


def update_readme(out: Path, readme: Path = README) -> Path:
    """Write the run in ``out`` into the results section of ``readme``."""
    rows = json.loads((out / "results.json").read_text())
    machine = json.loads((out / "machine.json").read_text())
    dest = readme.parent / "results"
    dest.mkdir(exist_ok=True)
    write_chart(rows, dest / "chart.png")
    for name in ("results.json", "machine.json"):
        shutil.copyfile(out / name, dest / name)
    (dest / "results.md").write_text(results_markdown(rows, machine))
    section = (
        f"{START}\n"
        "_Generated by `python -m benchmarks report DIR` from the run below; "
        "do not edit by hand._\n\n"
        f"![F1 and wall time per tool and data set](results/chart.png)\n\n"
        f"{results_markdown(rows, machine)}"
        f"{END}"
    )
    text = readme.read_text()
    if START not in text or END not in text:
        raise ValueError(f"{readme} has no {START} ... {END} markers.")
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    readme.write_text(before + section + after)
    return readme
