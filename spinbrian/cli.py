"""``spinbrian`` command line: list, run and reproduce the experiments."""

import argparse
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
    return parser


def main(argv=None):
    """Entry point of the ``spinbrian`` script.

    Parameters
    ----------
    argv : list of str, optional
        Arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 when every target passes (or for ``list``), 1 otherwise.
    """
    args = _parser().parse_args(argv)
    if args.command == "list":
        for name in experiments.names():
            print(f"{name:24s} {experiments.get(name).TITLE}")
        return 0
    names = [args.name] if args.command == "run" else None
    entries = report.reproduce(names=names, quick=args.quick, out=args.out)
    failed = report.failures(entries)
    if failed:
        print(f"{len(failed)} target(s) failed:", file=sys.stderr)
        for line in failed:
            print(f"  {line}", file=sys.stderr)
        return 1
    n = sum(len(r.targets) for _, r, _, _ in entries)
    print(f"all {n} targets passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
