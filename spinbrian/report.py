"""Run the experiments, save their figures and write a Markdown report of target vs measured."""

import sys
import time
import traceback
from pathlib import Path

from spinbrian import experiments

#: Where ``spinbrian reproduce`` writes by default (git-ignored).
DEFAULT_OUT = Path("spinbrian_results")


def _fmt(value):
    if value is None:
        return "—"
    try:
        value = float(value)
    except (TypeError, ValueError):
        return str(value)
    if value != value:  # NaN
        return "—"
    return f"{value:.5g}"


def _cell(text):
    """Escape a table cell (a ``|`` inside a cell would split it)."""
    return str(text).replace("|", "\\|")


def _print(line):
    print(line, flush=True)


def run_one(name, quick=False, out=DEFAULT_OUT, progress=_print):
    """Run one experiment, save its figure as ``out/NAME.png`` and return its Result.

    Parameters
    ----------
    name : str
        A registered experiment (:func:`spinbrian.experiments.names`).
    quick : bool
        The experiment's quick variant.
    out : path-like
        Output folder (created if needed).
    progress : callable or None
        Receives progress lines.

    Returns
    -------
    tuple
        (Result or None, figure path or None, error message or None).
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    module = experiments.get(name)
    say = progress or (lambda line: None)
    say(f"[{name}] start{' (quick)' if quick else ''}")
    t0 = time.perf_counter()
    try:
        result = module.run(quick=quick, progress=progress)
        fig = module.plot(result)
        png = out / f"{name}.png"
        fig.savefig(png, dpi=110)
    except Exception:  # noqa: BLE001 — one failing experiment must not stop the others
        traceback.print_exc(file=sys.stderr)
        say(f"[{name}] FAILED after {time.perf_counter() - t0:.1f} s")
        return None, None, traceback.format_exc(limit=1).strip().splitlines()[-1]
    checks = result.checks()
    n_ok = sum(c.passed for c in checks)
    say(f"[{name}] done in {time.perf_counter() - t0:.1f} s: {n_ok}/{len(checks)} targets passed")
    return result, png, None


def format_report(entries, quick=False, elapsed=None):
    """The Markdown text of a report.

    Parameters
    ----------
    entries : list of tuple
        ``(name, Result or None, figure path or None, error or None)`` per experiment.
    quick : bool
        Whether the quick variants ran (stated in the heading).
    elapsed : float, optional
        Total run time (s).

    Returns
    -------
    str
    """
    lines = [f"# spinbrian reproduce{' --quick' if quick else ''}", ""]
    header = "| experiment | quantity | paper | measured | tolerance | pass/fail | source |"
    lines += [header, "|---|---|---|---|---|---|---|"]
    n_pass = n_total = 0
    for name, result, _, error in entries:
        if result is None:
            module = experiments.get(name)
            n_total += len(module.TARGETS)
            lines.append(f"| {name} | (run failed: {error}) | | | | FAIL | |")
            continue
        for check in result.checks():
            tgt = check.target
            unit = f" {tgt.unit}" if tgt.unit else ""
            verdict = "pass" if check.passed else "**FAIL**"
            n_total += 1
            n_pass += check.passed
            if tgt.kind == "close":
                paper, tol = f"{_fmt(tgt.paper_value)}{unit}", tgt.tolerance
            else:  # a bound: the paper column states it
                paper, tol = tgt.tolerance, "bound"
            cells = [name, tgt.quantity, paper, f"{_fmt(check.measured)}{unit}", tol, verdict]
            cells.append(tgt.source)
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    lines += ["", f"**{n_pass} passed / {n_total} targets**"]
    if elapsed is not None:
        lines[-1] += f" ({elapsed:.0f} s)"
    for name, result, png, _ in entries:
        module = experiments.get(name)
        lines += ["", f"## {name}", "", module.TITLE, ""]
        if png is not None:
            lines += [f"![{name}]({Path(png).name})", ""]
        if result is not None and result.info:
            lines += ["| quantity | value | note |", "|---|---|---|"]
            for quantity, value, unit, note in result.info:
                shown = "" if _fmt(value) == "—" else f"{_fmt(value)} {unit}".rstrip()
                lines.append(f"| {_cell(quantity)} | {_cell(shown)} | {_cell(note)} |")
    return "\n".join(lines) + "\n"


def reproduce(names=None, quick=False, out=DEFAULT_OUT, progress=_print):
    """Run experiments, save a PNG per experiment and write ``out/report.md``.

    Parameters
    ----------
    names : list of str, optional
        Experiments to run (default: all registered ones).
    quick : bool
        Run the quick variants (fewer currents and fields, shorter runs).
    out : path-like
        Output folder (created if needed).
    progress : callable or None
        Receives progress lines (default: print).

    Returns
    -------
    list of tuple
        ``(name, Result or None, figure path or None, error or None)`` per experiment;
        a failed run has Result None.
    """
    names = experiments.names() if names is None else list(names)
    for name in names:
        experiments.get(name)  # fail early on an unknown name
    out = Path(out)
    t0 = time.perf_counter()
    entries = [(name, *run_one(name, quick, out, progress)) for name in names]
    elapsed = time.perf_counter() - t0
    report = out / "report.md"
    report.write_text(format_report(entries, quick, elapsed), encoding="utf-8")
    if progress is not None:
        progress(f"report: {report} ({elapsed:.0f} s in all)")
    return entries


def failures(entries):
    """Lines naming every failed target (or failed run) of ``reproduce``'s entries."""
    lines = []
    for name, result, _, error in entries:
        if result is None:
            lines.append(f"{name}: run failed: {error}")
            continue
        for check in result.checks():
            if not check.passed:
                tgt = check.target
                lines.append(
                    f"{name}: {tgt.quantity}: measured {_fmt(check.measured)} {tgt.unit}, "
                    f"paper {_fmt(tgt.paper_value)} {tgt.unit} ({tgt.tolerance})"
                )
    return lines
