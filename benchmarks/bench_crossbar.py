#!/usr/bin/env python
"""Newton solves of a 64×64 glassy-synapse crossbar: the package's solver against SciPy's.

The workload (seed 002, Fig. 2, scaled up): a ``Crossbar`` of
``presets.shumilin2024_glassy()`` cells with line resistance ``--r-line`` per segment,
starting from a seeded random state (read conductances spanning ``--span``), is programmed
cell by cell with the V/2 scheme (``--V``, ``--duration``), each pulse solving the whole
nonlinear network and pulsing every cell with its own voltage; then every cell is read at
0.1 V as the instrument does (its row driven, everything else grounded). The network of a
read depends only on the driven row, so ``Crossbar.read`` solves it once per row: M·N + M
nonlinear network solves of 2·M·N unknowns each.

Every solver runs the same damped Newton loop (``solve_network``) on the same network, one
after the other, before the pulse is applied (with the first solver's cell voltages), so
they see identical states; only the linear algebra of a Newton step differs:

* ``sparse`` (the package's default): compiled assembly, each step solved by CG on the
  line-chain Schur complement (``spinbrian.cython_kernels.crossbar.solve_lines``);
* ``superlu``: compiled assembly, a SuperLU factorisation per step (symmetric MMD
  ordering, diagonal pivots): the package's solver before the line-chain steps;
* ``spsolve`` (the reference): what a user would write with SciPy: NumPy assembly into a
  ``scipy.sparse`` matrix and ``scipy.sparse.linalg.spsolve`` per step;
* ``dense`` (opt-in, ``--dense-sample``): NumPy assembly and ``numpy.linalg.solve`` on the
  dense Jacobian (a 512 MB matrix on 64×64, minutes per solve).

Timed: the ``solve`` call of each programming pulse and of each row read (the pulse update
of the cells, the same for every solver, is timed apart). By default ``--sample`` cells
spread over the array (and their rows) are programmed and read, and the whole protocol is
extrapolated as (time per pulse)·M·N + (time per row read)·M; ``--full`` programs every
cell and reads every row with the first solver (the others still on the sample).
Agreement: max |ΔV| over all node voltages of every solve against the reference's.
Everything runs on one core (``OPENBLAS_NUM_THREADS=1`` unless set). Usage::

    python benchmarks/bench_crossbar.py [--size 64] [--sample 32] [--full] [--profile]
        [--solvers sparse,superlu,spsolve] [--dense-sample 0] [--out table.md]
"""

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import cProfile  # noqa: E402
import platform  # noqa: E402
import pstats  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

SOLVERS = {  # name: Crossbar.solve keywords
    "sparse": {"method": "sparse"},
    "superlu": {"method": "sparse", "cg_maxiter": 0},
    "spsolve": {"method": "spsolve"},
    "dense": {"method": "dense"},
}
REFERENCE = "spsolve"


def make_crossbar(M, N, r_line, span, method="sparse", seed=0):
    """The benchmark crossbar: seeded random state whose conductances span ``span``."""
    from spinbrian import presets
    from spinbrian.networks.crossbar import Crossbar

    dev = presets.shumilin2024_glassy()
    xb = Crossbar(dev, M, N, r_line=r_line, method=method)
    rng = np.random.default_rng(seed)
    X = 0.5 + rng.uniform(-0.5, 0.5, (M, N)) * np.log(span) / dev.log_on_off
    xb.state = np.repeat(X[..., None], dev.K, axis=-1)
    return xb


def sample_cells(M, N, n):
    """``n`` cells spread evenly over the array (row-major order)."""
    idx = np.unique(np.linspace(0, M * N - 1, min(n, M * N)).round().astype(int))
    return [(int(k // N), int(k % N)) for k in idx]


class Tally:
    """Time, Newton and CG iterations and agreement of one solver on one kind of solve."""

    def __init__(self):
        self.t, self.n, self.newton, self.cg, self.fact, self.dv = 0.0, 0, 0, 0, 0, 0.0

    def add(self, seconds, sol):
        self.t += seconds
        self.n += 1
        self.newton += sol.iterations
        self.cg += sol.cg_iterations
        self.fact += sol.factorizations

    def ms(self):
        return 1e3 * self.t / self.n if self.n else np.nan

    def per_solve(self, x):
        return x / self.n if self.n else np.nan


def nodes(sol):
    return np.concatenate([sol.v_row.ravel(), sol.v_col.ravel()])


def solve_all(xb, rv, cv, todo, tallies, kind, sampled, profiler=None):
    """Solve one network with every solver in ``todo``; returns the first's solution.

    The first solver's time also goes to ``tallies["all", kind]``; the others (and the
    agreement with the reference) are tallied only for ``sampled`` networks.
    """
    sols = {}
    for name in todo:
        prof = profiler if name == todo[0] else None
        if prof:
            prof.enable()
        t0 = time.perf_counter()
        sols[name] = xb.solve(rv, cv, **SOLVERS[name])
        dt = time.perf_counter() - t0
        if prof:
            prof.disable()
        if name == todo[0]:
            tallies["all", kind].add(dt, sols[name])
        if sampled:
            tallies[name, kind].add(dt, sols[name])
    ref = sols.get(REFERENCE, sols[todo[0]])
    for name, sol in sols.items() if sampled else ():
        tally = tallies[name, kind]
        tally.dv = max(tally.dv, float(np.max(np.abs(nodes(sol) - nodes(ref)))))
    return sols[todo[0]]


def run(args):
    """Program the cells and read the rows; returns the tallies and the pulse-update time."""
    M = N = args.size
    names = [s for s in args.solvers.split(",") if s]
    unknown = set(names) - set(SOLVERS)
    if unknown:
        raise SystemExit(f"unknown solvers {sorted(unknown)}; choose from {list(SOLVERS)}")
    xb = make_crossbar(M, N, args.r_line, args.span)
    sample = sample_cells(M, N, args.sample)
    dense_cells = set(sample[: args.dense_sample])
    cells = [(i, j) for i in range(M) for j in range(N)] if args.full else sample
    rows_sampled = {i for i, _ in sample}
    rows_dense = {i for i, _ in dense_cells}
    read_rows = range(M) if args.full else sorted(rows_sampled)
    tallies = {(s, k): Tally() for s in [*SOLVERS, "all"] for k in ("pulse", "read")}
    prof = cProfile.Profile() if args.profile else None
    t_pulse = 0.0
    for i, j in cells:
        sampled = (i, j) in sample
        todo = (names if sampled else names[:1]) + ["dense"] * ((i, j) in dense_cells)
        rv, cv = xb.scheme_voltages(i, j, args.V)
        sol = solve_all(xb, rv, cv, todo, tallies, "pulse", sampled, prof)
        t0 = time.perf_counter()
        xb.state = xb.device.pulse(xb.state, sol.v_cell, args.duration)
        t_pulse += time.perf_counter() - t0
    for i in read_rows:
        sampled = i in rows_sampled
        todo = (names if sampled else names[:1]) + ["dense"] * (i in rows_dense)
        rv = np.zeros(M)
        rv[i] = args.V_read
        solve_all(xb, rv, np.zeros(N), todo, tallies, "read", sampled, prof)
    return names, tallies, t_pulse / len(cells), prof


def _secs(x):
    return f"{x:.0f}" if x >= 100 else f"{x:.3g}"


def report(args, names, tallies, t_pulse):
    """The Markdown table: every solver on the sampled networks, and the protocol total."""
    M = N = args.size
    ref_p, ref_r = tallies[REFERENCE, "pulse"], tallies[REFERENCE, "read"]
    ref = REFERENCE if ref_p.n else names[0]
    lines = [
        "| solver | ms per pulse solve | Newton it. | CG it. per step | ms per row read "
        f"| Newton it. | {REFERENCE} time / this (pulse, read) | max abs ΔV vs {ref} (V) "
        "| all M·N programs + M row reads (s) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for s in names + ["dense"] * (args.dense_sample > 0):
        p, r = tallies[s, "pulse"], tallies[s, "read"]
        steps = p.newton + r.newton
        cg = f"{(p.cg + r.cg) / steps:.1f}" if p.cg + r.cg else "–"
        if args.full and s == names[0]:
            whole = tallies["all", "pulse"].t + tallies["all", "read"].t
            total = f"{_secs(whole)} (measured)"
        else:
            total = f"{_secs(p.ms() * 1e-3 * M * N + r.ms() * 1e-3 * M)} (extrapolated)"
        ratio = f"{ref_p.ms() / p.ms():.1f}, {ref_r.ms() / r.ms():.1f}" if ref_p.n else "–"
        lines.append(
            f"| {s} | {p.ms():.1f} | {p.per_solve(p.newton):.1f} | {cg} | {r.ms():.1f} "
            f"| {r.per_solve(r.newton):.1f} | {ratio} | {max(p.dv, r.dv):.1e} | {total} |"
        )
    n_p, n_r = tallies[names[0], "pulse"].n, tallies[names[0], "read"].n
    lines.append(
        f"\nSampled: {n_p} pulses and {n_r} row reads, every solver on the same networks; "
        f"cell update (`device.pulse`, not in the solves): {t_pulse * 1e3:.1f} ms per pulse."
    )
    a_p, a_r = tallies["all", "pulse"], tallies["all", "read"]
    if SOLVERS[names[0]] == SOLVERS["sparse"]:
        lines.append(
            f"{names[0]}: {a_p.fact + a_r.fact} of {a_p.newton + a_r.newton} Newton steps "
            "fell back to SuperLU."
        )
    if args.full:
        lines.append(
            f"{names[0]} over all {a_p.n} pulses and {a_r.n} row reads: {a_p.ms():.1f} ms per "
            f"pulse ({a_p.per_solve(a_p.newton):.2f} Newton it.), {a_r.ms():.1f} ms per read."
        )
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=64, help="M = N (default 64)")
    ap.add_argument("--r-line", type=float, default=100.0, help="Ω per segment")
    ap.add_argument("--span", type=float, default=1e4, help="spread of initial G")
    ap.add_argument("--V", type=float, default=2.5, help="programming pulse (V)")
    ap.add_argument("--duration", type=float, default=0.01, help="pulse duration (s)")
    ap.add_argument("--V-read", type=float, default=0.1)
    ap.add_argument("--sample", type=int, default=32, help="cells timed with every solver")
    ap.add_argument(
        "--solvers",
        default="sparse,superlu,spsolve",
        help=f"comma-separated, first = the one that drives the state; of {list(SOLVERS)}",
    )
    ap.add_argument(
        "--dense-sample", type=int, default=0, help="sampled cells (rows) also solved densely"
    )
    ap.add_argument("--full", action="store_true", help="first solver over every cell and row")
    ap.add_argument("--profile", action="store_true", help="cProfile the first solver")
    ap.add_argument("--out", help="also write the Markdown table here")
    args = ap.parse_args()
    load0 = os.getloadavg()[0]
    print(
        f"# crossbar {args.size}×{args.size}, r_line = {args.r_line} Ω, V/2 pulses {args.V} V × "
        f"{args.duration} s, read {args.V_read} V; {platform.processor() or platform.machine()}"
        f", OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}"
    )
    names, tallies, t_pulse, prof = run(args)
    table = report(args, names, tallies, t_pulse)
    print(table)
    print(f"load average (1 min) at start / end: {load0:.2f} / {os.getloadavg()[0]:.2f}")
    worst = max(t.dv for t in tallies.values())  # a sanity check, not a speed assertion
    assert worst < 1e-9, f"solvers disagree: max |ΔV| = {worst:.1e} V"
    if prof:
        pstats.Stats(prof).sort_stats("tottime").print_stats(8)
    if args.out:
        with open(args.out, "w") as f:
            f.write(table + "\n")


if __name__ == "__main__":
    main()
