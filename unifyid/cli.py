"""Command line: ``unifyid resolve CONFIG --out DIR``, ``unifyid demo`` and ``unifyid report``.

Failures end in one line on stderr and an exit code (see ``EXIT_CODES``);
tracebacks, which may hold customer values, are shown only with ``--debug``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
import traceback
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from ._errors import OutputError, UnifyidError
from ._progress import Progress

__all__ = ["EXIT_CODES", "main"]

log = logging.getLogger("unifyid.cli")

#: The command's exit codes.
EXIT_CODES = {
    0: "success",
    1: "internal error: a bug; one line naming the exception type (--debug shows where)",
    2: "usage, configuration or output-folder error",
    3: "input data error: unreadable or damaged file, schema problem",
    130: "interrupted (Ctrl-C)",
}

_EPILOG = "exit codes:\n" + "\n".join(f"  {code:<4} {text}" for code, text in EXIT_CODES.items())


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    p = argparse.ArgumentParser(
        prog="unifyid",
        description="Cross-channel customer identity resolution.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"unifyid {__version__}")
    p.add_argument(
        "-v", "--verbose", action="store_true", help="log progress (never customer values)"
    )
    p.add_argument(
        "--debug",
        action="store_true",
        help="show full tracebacks on errors; unsafe for production logs, since customer "
        "values may appear in them",
    )
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("resolve", help="resolve the sources of a TOML config into profiles")
    r.add_argument(
        "config", type=Path, help="TOML file with [[source]] tables and optional [resolver]"
    )
    r.add_argument("--out", type=Path, required=True, help="output folder (created if needed)")
    r.add_argument("--model", type=Path, help="apply a model saved earlier instead of fitting")
    r.add_argument("--save-model", type=Path, help="write the fitted model (JSON) here")
    r.add_argument(
        "--edges",
        choices=("decisive", "all", "none"),
        default="decisive",
        help="pairs written to edges.parquet: the linked pairs and those kept apart "
        "(default), every scored pair above the probability floor, or no file",
    )
    r.add_argument(
        "--no-state",
        action="store_true",
        help="skip the state/ folder (smaller, faster output; a later --previous run "
        "cannot continue from this one)",
    )
    r.add_argument(
        "--previous",
        type=Path,
        help="output folder of an earlier run: the config's sources then hold only new or "
        "changed records, added to that run with its model; profile ids are kept",
    )
    r.add_argument(
        "--engine",
        choices=("local", "spark"),
        help="where the stages run (default: the config's [resolver] engine, else local); "
        "spark needs the spark extra and Java 17+, and writes each output table as a "
        "Parquet dataset folder",
    )
    r.add_argument(
        "--removed",
        type=Path,
        help="with --previous: CSV or Parquet file (columns source, record_id) of earlier "
        "records that no longer exist; they leave their profiles",
    )

    d = sub.add_parser("demo", help="resolve built-in synthetic cross-channel data and score it")
    d.add_argument(
        "--records", type=int, default=20_000, help="records to generate (default 20000)"
    )
    d.add_argument("--seed", type=int, default=0)
    d.add_argument("--out", type=Path, default=Path("unifyid-demo-out"), help="output folder")

    from .report._cli import add_report_command

    add_report_command(sub)
    from .encode._cli import add_encode_command

    add_encode_command(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``unifyid`` command; returns the exit code (``EXIT_CODES``)."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error argparse printed
        return exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 2
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        with _one_line_warnings(), Progress(enabled=sys.stderr.isatty()):
            if args.command == "resolve":
                return _resolve(args)
            if args.command == "report":
                from .report._cli import run_report_command

                return run_report_command(args)
            if args.command == "encode":
                from .encode._cli import run_encode_command

                return run_encode_command(args)
            return _demo(args)
    except UnifyidError as exc:
        _fail(f"error: {_one_line(str(exc))}", debug=args.debug)
        return exc.exit_code
    except KeyboardInterrupt:
        _fail("interrupted; the output folder was left as it was", debug=args.debug)
        return 130
    except Exception as exc:
        _fail(
            f"internal error: {type(exc).__name__} (a bug; run again with --debug to see "
            "where, in a terminal, not a production log)",
            debug=args.debug,
        )
        return 1


def _fail(line: str, *, debug: bool) -> None:
    """Print the one-line message; with ``--debug``, the traceback above it."""
    if debug:
        traceback.print_exc(file=sys.stderr)
    print(f"unifyid: {line}", file=sys.stderr)


def _one_line(text: str) -> str:
    """A message on one line: a list of problems joined by semicolons."""
    lines = [line.strip().removeprefix("- ") for line in text.splitlines() if line.strip()]
    return "; ".join(lines).replace(":; ", ": ")


@contextmanager
def _one_line_warnings() -> Iterator[None]:
    """Show warnings as ``unifyid: warning: ...`` lines, without code locations."""

    def show(message, category, filename, lineno, file=None, line=None):  # type: ignore[no-untyped-def]
        print(f"unifyid: warning: {_one_line(str(message))}", file=sys.stderr)

    with warnings.catch_warnings():
        warnings.showwarning = show
        yield


def _log_stages(seconds: dict[str, float]) -> None:
    """Stage timings at INFO (shown with ``-v``)."""
    stages = ", ".join(f"{name} {value:.1f}s" for name, value in seconds.items())
    log.info("stage seconds: %s", stages)


def _resolve(args: argparse.Namespace) -> int:
    from ._errors import ConfigError
    from .io import read_config

    config = read_config(args.config)
    if args.removed and not args.previous:
        raise ConfigError("--removed needs --previous (the run to remove the records from).")
    engine = args.engine or config.resolver_params.get("engine", "local")
    if engine == "spark" and (args.previous or args.model):
        raise ConfigError(
            "--engine spark runs full runs: --previous and --model run with --engine local."
        )
    if args.save_model:
        _check_parent(args.save_model)
    t0 = time.perf_counter()
    run = _run_on_spark if engine == "spark" else _run_locally
    resolver, seconds, paths, done = run(args, config)
    if args.save_model:
        _save_model(resolver, args.save_model)
    _log_stages(seconds)
    print(f"{done} in {time.perf_counter() - t0:.1f}s")
    print(f"outputs: {', '.join(str(p) for p in paths.values())}")
    return 0


def _run_locally(args: argparse.Namespace, config):  # type: ignore[no-untyped-def]
    """Resolve in this process and write the output folder, checked before any work."""
    from ._resolver import Resolver
    from .incremental import State, read_removed
    from .io import output_folder, write_outputs

    with output_folder(args.out) as staged:
        if args.previous:
            resolver = config.resolver()
            removed = read_removed(args.removed) if args.removed else None
            result = resolver.resolve(
                config.sources, previous=State.read(args.previous), removed=removed
            )
        elif args.model:
            resolver = Resolver.load(args.model)
            result = resolver.predict(config.sources)
        else:
            resolver = config.resolver()
            result = resolver.resolve(config.sources)
        t = time.perf_counter()
        paths = write_outputs(
            result, staged, resolver=resolver, edges=args.edges, state=not args.no_state
        )
    summary = result.summary()
    seconds = {**summary["seconds"], "write": time.perf_counter() - t}
    done = f"resolved {summary['records']} records into {summary['profiles']} profiles"
    return resolver, seconds, paths, done


def _run_on_spark(args: argparse.Namespace, config):  # type: ignore[no-untyped-def]
    """A full run on Spark, each table a Parquet dataset; a local output folder is
    checked before any work, as the local engine's is."""
    import contextlib

    from ._resolver import Resolver
    from .engines._spark._pipeline import spark_output_folder
    from .engines._spark._write import is_local_path

    resolver = Resolver(**{**config.resolver_params, "engine": "spark"})
    staged = spark_output_folder(args.out) if is_local_path(args.out) else None
    with staged if staged is not None else contextlib.nullcontext():
        result = resolver.resolve(config.sources)
        t = time.perf_counter()
        paths = result.write(staged if staged is not None else args.out, edges=args.edges)
    seconds = {**result.timings, "write": time.perf_counter() - t}
    return resolver, seconds, paths, "resolved on Spark"


def _check_parent(path: Path) -> None:
    """Refuse early a file path whose folder cannot be created."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or type(exc).__name__}.") from None
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder.")


def _save_model(resolver, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Save the model beside its target and rename it into place (never half written)."""
    tmp = path.with_name(f".{path.name}.unifyid-{os.getpid()}.tmp")
    try:
        resolver.save(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or type(exc).__name__}.") from None
    finally:
        tmp.unlink(missing_ok=True)


def _demo(args: argparse.Namespace) -> int:
    from ._evaluate import evaluate
    from .datasets import make_customers
    from .io import output_folder, read_config, write_dataset, write_outputs

    out: Path = args.out
    with output_folder(out, keep=("data",)) as staged:
        data = make_customers(n_records=args.records, seed=args.seed)
        staged_config = write_dataset(data, staged.path / "data")
        t0 = time.perf_counter()
        config = read_config(staged_config)
        resolver = config.resolver()
        result = resolver.resolve(config.sources)
        elapsed = time.perf_counter() - t0
        paths = write_outputs(result, staged, resolver=resolver)
    config_path = out / "data" / staged_config.name
    _log_stages(result.summary()["seconds"])
    scores = evaluate(result.profiles, data.truth)
    summary = result.summary()
    multi = summary["multi_channel_profiles"] / max(summary["profiles"], 1)
    print(
        f"unifyid demo: {summary['records']} synthetic customer records from "
        f"{len(summary['records_per_source'])} channels"
    )
    for name, n in summary["records_per_source"].items():
        print(f"  {name:<10} {n:>8} records")
    print(f"profiles found:            {summary['profiles']}")
    print(
        f"recognised in 2+ channels: {summary['multi_channel_profiles']} ({multi:.1%} of profiles)"
    )
    print(f"largest profile:           {summary['largest_profile']} records")
    print(
        f"against the generator's truth: precision {scores['precision']:.3f}, "
        f"recall {scores['recall']:.3f}, F1 {scores['f1']:.3f}"
    )
    print(f"time: {elapsed:.1f}s ({json.dumps(summary['seconds'])})")
    print(
        f"config written to {config_path}; outputs in {out}/ "
        f"({', '.join(p.name for p in paths.values())})"
    )
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
