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


def _progress_line(name, result, seconds):
    counts = tally([(name, result, None, None)])
    parts = [f"{counts[r][0]}/{counts[r][1]} {r}s" for r in ("prediction", "limit") if counts[r][1]]
    parts += [f"{counts[r][1]} {r}" for r in ("fitted", "consistency") if counts[r][1]]
    return f"[{name}] done in {seconds:.1f} s: " + (", ".join(parts) or "no targets")


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
    say(_progress_line(name, result, time.perf_counter() - t0))
    return result, png, None


def _rows(entries):
    """(name, Check or None, Result or None, error) for every target of every entry."""
    for name, result, _, error in entries:
        if result is None:
            for target in experiments.get(name).TARGETS:
                yield name, target, None, error
            continue
        for check in result.checks():
            yield name, check.target, check, result


def tally(entries):
    """Per role: (targets met, targets) over ``reproduce``'s entries (a failed run misses all).

    A fitted row is "met" when the calibrated model still lands within its tolerance of the
    number it was fitted to; it is never counted as reproduced.
    """
    counts = {role: [0, 0] for role in experiments.ROLES}
    for _, target, check, _ in _rows(entries):
        counts[target.role][1] += 1
        counts[target.role][0] += bool(check is not None and check.passed)
    return {role: tuple(c) for role, c in counts.items()}


def summary_line(entries):
    """The report's summary: each role counted on its own."""
    c = tally(entries)
    return (
        f"predictions met: {c['prediction'][0]} of {c['prediction'][1]} · "
        f"limits met: {c['limit'][0]} of {c['limit'][1]} · "
        f"fitted: {c['fitted'][1]} · "
        f"consistency: {c['consistency'][0]} of {c['consistency'][1]}"
    )


def _verdict(target, passed):
    if target.role == "fitted":
        return "fit" if passed else "fit off"
    return "pass" if passed else "**FAIL**"


def _paper_cells(target):
    """(paper, tolerance) cells: the paper's statement, and the tolerance or the bound."""
    unit = f" {target.unit}" if target.unit else ""
    paper = target.paper or f"{_fmt(target.paper_value)}{unit}"
    return paper, target.tolerance


def _role_cell(target):
    return f"fitted → {target.calibrates}" if target.role == "fitted" else target.role


def format_report(entries, quick=False, elapsed=None, title="spinbrian reproduce"):
    """The Markdown text of a report.

    Parameters
    ----------
    entries : list of tuple
        ``(name, Result or None, figure path or None, error or None)`` per experiment.
    quick : bool
        Whether the quick variants ran (stated in the heading).
    elapsed : float, optional
        Total run time (s).
    title : str
        The command that ran, as the heading names it.

    Returns
    -------
    str
    """
    lines = [f"# {title}{' --quick' if quick else ''}", ""]
    lines += [
        "Roles: " + "; ".join(f"**{role}**: {text}" for role, text in experiments.ROLES.items()),
        "The *idealised* column is the same network and protocol with the device replaced by "
        "its idealised counterpart (named in each experiment's section).",
        "",
    ]
    header = (
        "| experiment | role | quantity | paper | measured | idealised | tolerance | verdict "
        "| source |"
    )
    lines += [header, "|---|---|---|---|---|---|---|---|---|"]
    for name, target, check, result in _rows(entries):
        paper, tol = _paper_cells(target)
        unit = f" {target.unit}" if target.unit else ""
        if check is None:
            measured, ideal, verdict = f"(run failed: {result})", "", _verdict(target, False)
        else:
            measured = f"{_fmt(check.measured)}{unit}"
            ideal = ""
            if target.key in result.ideal:
                ok = result.ideal_check(target)
                ideal = f"{_fmt(result.ideal[target.key])}{unit} ({'meets' if ok else 'misses'})"
            verdict = _verdict(target, check.passed)
        cells = [name, _role_cell(target), target.quantity, paper, measured, ideal, tol, verdict]
        cells.append(target.source)
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    lines += ["", f"**{summary_line(entries)}**"]
    if elapsed is not None:
        lines[-1] += f" ({elapsed:.0f} s)"
    for name, result, png, _ in entries:
        module = experiments.get(name)
        lines += ["", f"## {name}", "", module.TITLE, ""]
        if result is not None and result.ideal_device:
            lines += [f"Idealised counterpart: {result.ideal_device}.", ""]
        if png is not None:
            lines += [f"![{name}]({Path(png).name})", ""]
        if result is not None and result.info:
            lines += ["| quantity | value | note |", "|---|---|---|"]
            for quantity, value, unit, note in result.info:
                shown = "" if _fmt(value) == "—" else f"{_fmt(value)} {unit}".rstrip()
                lines.append(f"| {_cell(quantity)} | {_cell(shown)} | {_cell(note)} |")
    return "\n".join(lines) + "\n"


def reproduce(names=None, quick=False, out=DEFAULT_OUT, progress=_print, title=None):
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
    title : str, optional
        The report's heading (default: ``spinbrian reproduce``).

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
    if out.exists() and not out.is_dir():
        raise ValueError(f"out = {str(out)!r} exists and is not a folder")
    try:  # an unwritable place fails now, not after the runs
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ValueError(f"out = {str(out)!r}: cannot create the folder ({exc.strerror})") from None
    t0 = time.perf_counter()
    entries = [(name, *run_one(name, quick, out, progress)) for name in names]
    elapsed = time.perf_counter() - t0
    report = out / "report.md"
    title = title or "spinbrian reproduce"
    report.write_text(format_report(entries, quick, elapsed, title), encoding="utf-8")
    if progress is not None:
        progress(f"report: {report} ({elapsed:.0f} s in all)")
    return entries


def _miss_line(name, target, check, result):
    return (
        f"{name}: {target.quantity}: measured {_fmt(check.measured)} {target.unit}, "
        f"paper {_fmt(target.paper_value)} {target.unit} ({target.tolerance})"
    )


def failures(entries):
    """Lines naming every failed run and every missed prediction or limit of ``reproduce``."""
    lines = [f"{name}: run failed: {error}" for name, result, _, error in entries if result is None]
    return lines + [
        _miss_line(*row)
        for row in _rows(entries)
        if row[2] is not None and row[1].counted and not row[2].passed
    ]


def warnings(entries):
    """Lines naming the consistency rows missed and the fits that no longer land (not failures)."""
    return [
        f"{row[1].role}: " + _miss_line(*row)
        for row in _rows(entries)
        if not row[1].counted and row[2] is not None and not row[2].passed
    ]
