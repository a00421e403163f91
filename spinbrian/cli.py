"""``spinbrian`` command line: list, run and reproduce the experiments; parameter sweeps."""

import argparse
import shlex
import sys
from pathlib import Path

from spinbrian import experiments, report


def _parser():
    parser = argparse.ArgumentParser(
        prog="spinbrian",
        description="Reproduce the seed papers' results from spinbrian's device physics.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="list the registered experiments")
    for name, helptext in (
        ("run", "run one experiment: figure and report in --out"),
        ("reproduce", "run every experiment: figures and report.md in --out"),
    ):
        p = sub.add_parser(name, help=helptext)
        if name == "run":
            p.add_argument("name", choices=experiments.names(), metavar="NAME")
        p.add_argument(
            "--quick",
            action="store_true",
            help="fewer currents/fields and shorter runs (still checks every target)",
        )
        p.add_argument(
            "--out",
            type=Path,
            default=report.DEFAULT_OUT,
            help=f"output folder (default: ./{report.DEFAULT_OUT})",
        )
    _add_sweep_parser(sub)
    return parser


def _key_value(text):
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    return key.strip(), value


def _positive_int(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be ≥ 1, got {value}")
    return value


def _no_repeats(option, pairs):
    """Refuse a KEY given twice to one option (argparse would keep the last silently)."""
    seen = set()
    for key, _ in pairs:
        if key in seen:
            raise ValueError(f"{option} {key}=… is given twice")
        seen.add(key)


def _add_sweep_parser(sub):
    p = sub.add_parser(
        "sweep",
        help="run a parameter sweep on dask.distributed: results in a netCDF file",
        description="Sweep a registered task (or module:function) over a parameter grid on "
        "a local dask cluster or a scheduler. VALUES: a comma list (200,400,800) or "
        "start:stop:num, ends included (-12ms:12ms:25); units are Brian2 names (ms, nA, mV).",
    )
    p.add_argument("name", nargs="?", metavar="NAME", help="task name, or module:function")
    p.add_argument("--list", action="store_true", help="list the registered sweep tasks")
    p.add_argument(
        "--set",
        action="append",
        type=_key_value,
        default=[],
        metavar="KEY=VALUES",
        help="sweep KEY over VALUES (replaces the task's default for KEY; repeatable)",
    )
    p.add_argument(
        "--fixed",
        action="append",
        type=_key_value,
        default=[],
        metavar="KEY=VALUE",
        help="keep KEY at VALUE at every point (repeatable)",
    )
    p.add_argument("--out", type=Path, help="netCDF file (default: ./sweep_NAME.nc)")
    p.add_argument(
        "--workers", type=_positive_int, default=2, help="local worker processes (default 2)"
    )
    p.add_argument("--scheduler", metavar="ADDR", help="dask scheduler address instead")
    p.add_argument("--quiet", action="store_true", help="no progress line")
    p.add_argument(
        "--resume",
        action="store_true",
        help="continue an interrupted or failed sweep: run only the points its point log "
        "(OUT.points) does not hold",
    )
    p.add_argument(
        "--on-error",
        choices=("raise", "record"),
        default="raise",
        help="raise: stop at the first failing point (default); record: run the others, "
        "store each failure in the variable 'error' and NaN in its outputs",
    )


def _sweep(args, parser, argv):
    from spinbrian import sweep_tasks
    from spinbrian.sweep import SweepError, SweepInterrupted, sweep
    from spinbrian.values import parse_value, parse_values

    if args.list:
        for name, task in sweep_tasks.SWEEPS.items():
            grid = ", ".join(f"{key}[{len(values)}]" for key, values in task.grid.items())
            print(f"{name:16s} {task.description} (grid: {grid})")
        return 0
    if args.name is None:
        parser.error("sweep: give a task NAME or --list")
    try:
        _no_repeats("--set", args.set)
        _no_repeats("--fixed", args.fixed)
        task = sweep_tasks.get_sweep(args.name)
        grid, fixed = dict(task.grid), dict(task.fixed)
        for key, text in args.set:
            fixed.pop(key, None)
            grid[key] = parse_values(text)
        for key, text in args.fixed:
            grid.pop(key, None)
            fixed[key] = parse_value(text)
    except (ValueError, ImportError, AttributeError) as exc:
        parser.error(f"sweep: {exc}")
    out = args.out or Path(f"sweep_{task.name}.nc")
    try:
        ds = sweep(
            task.func,
            grid,
            fixed=fixed,
            scheduler=args.scheduler,
            n_workers=args.workers,
            progress=not args.quiet,
            path=out,
            attrs={"command": shlex.join(["spinbrian", *argv])},
            on_error=args.on_error,
            resume=args.resume,
        )
    except SweepInterrupted as exc:
        print(f"spinbrian {exc}", file=sys.stderr)
        return 130  # the shell's code for a run stopped by a signal
    except (SweepError, TypeError, ValueError, OSError) as exc:
        print(f"spinbrian sweep: {exc}", file=sys.stderr)
        return 1
    wall_time = ds.attrs["wall_time_s"]
    ds.attrs = {}
    print(ds)
    print(f"wrote {out} ({wall_time:.1f} s)")
    return 0


def main(argv=None):
    """Entry point of the ``spinbrian`` script.

    Parameters
    ----------
    argv : list of str, optional
        Arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 when every prediction and limit is met (or for ``list``, or a sweep runs), 1 when
        one is missed or an experiment fails to run.
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "sweep":
        return _sweep(args, parser, argv)
    if args.command == "list":
        for name in experiments.names():
            print(f"{name:24s} {experiments.get(name).TITLE}")
        return 0
    names = [args.name] if args.command == "run" else None
    title = f"spinbrian run {args.name}" if args.command == "run" else "spinbrian reproduce"
    try:
        entries = report.reproduce(names=names, quick=args.quick, out=args.out, title=title)
    except (ValueError, OSError) as exc:
        parser.error(f"{args.command}: {exc}")
    print(report.summary_line(entries))
    for line in report.warnings(entries):
        print(f"  note: {line}")
    failed = report.failures(entries)
    if failed:
        print(f"{len(failed)} prediction(s) or limit(s) missed:", file=sys.stderr)
        for line in failed:
            print(f"  {line}", file=sys.stderr)
        return 1
    print("every prediction and limit met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
