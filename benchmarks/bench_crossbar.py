#!/usr/bin/env python
"""Program + read every cell of a 64×64 glassy-synapse crossbar: sparse vs dense Newton.

The workload (seed 002, Fig. 2, scaled up): a ``Crossbar`` of
``presets.shumilin2024_glassy()`` cells with line resistance ``--r-line`` per segment,
starting from a seeded random state (read conductances spanning ``--span``), is programmed
cell by cell with the V/2 scheme (``--V``, ``--duration``), each pulse solving the whole
nonlinear network and pulsing every cell with its own voltage; then every cell is read at
0.1 V as the instrument does (its row driven, everything else grounded). The network of a
read depends only on the driven row, so ``Crossbar.read`` solves it once per row: M·N + M
nonlinear network solves of 2·M·N unknowns each.

Both solvers run the same damped Newton loop (``solve_network``):

* ``sparse``: residual and Jacobian assembled by the compiled kernel
  (``spinbrian.cython_kernels.crossbar.assemble``) into a fixed CSR pattern, one SuperLU
  factorisation per Newton step;
* ``dense``: NumPy assembly into a dense Jacobian and ``numpy.linalg.solve`` per step.

A dense step on 64×64 (8192 unknowns, a 512 MB matrix) takes seconds, so by default both
solvers are timed on a sample of cells spread over the array (``--sample``,
``--dense-sample``) and of their rows; the total is (time per programmed cell)·M·N + (time
per read row)·M, marked "extrapolated"; ``--full`` programs every cell with the sparse
solver for real. Both solvers start from the same state and program the same first cell
and read the same first row; the script checks they agree (cell voltages to 1e-9 V, read
conductances to 1e-9 relative; the sampled rows are read before the sampled cells are
programmed). Everything runs on one core (``OPENBLAS_NUM_THREADS=1`` unless set). Usage::

    python benchmarks/bench_crossbar.py [--size 64] [--full] [--out results.md]
"""

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import platform  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402


def make_crossbar(M, N, r_line, span, method, seed=0):
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


def time_program(xb, cells, V, duration):
    """Seconds per programmed cell and the mean Newton iterations."""
    t = 0.0
    its = 0
    first = None
    for i, j in cells:
        t0 = time.perf_counter()
        sol = xb.program(i, j, V, duration)
        t += time.perf_counter() - t0
        its += sol.iterations
        first = sol.v_cell if first is None else first
    return t / len(cells), its / len(cells), first


def time_read(xb, rows, V_read):
    """Seconds per read row (one network solve reads all N cells of a row)."""
    t0 = time.perf_counter()
    first = None
    for i in rows:
        r = xb.read(V_read, cells=[(i, j) for j in range(xb.N)])
        first = r.G_read[i] if first is None else first
    return (time.perf_counter() - t0) / len(rows), first


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=64, help="M = N (default 64)")
    ap.add_argument("--r-line", type=float, default=100.0, help="Ω per segment")
    ap.add_argument("--span", type=float, default=1e4, help="spread of initial G")
    ap.add_argument("--V", type=float, default=2.5, help="programming pulse (V)")
    ap.add_argument("--duration", type=float, default=0.01, help="pulse duration (s)")
    ap.add_argument("--V-read", type=float, default=0.1)
    ap.add_argument("--sample", type=int, default=32, help="cells timed (sparse)")
    ap.add_argument("--dense-sample", type=int, default=1, help="cells timed (dense)")
    ap.add_argument("--full", action="store_true", help="sparse over every cell")
    ap.add_argument("--out", help="also write a Markdown table here")
    args = ap.parse_args()
    M = N = args.size
    cells_all = M * N

    print(
        f"# crossbar {M}×{N}, r_line = {args.r_line} Ω, V/2 pulses {args.V} V × "
        f"{args.duration} s, read {args.V_read} V; {platform.processor() or platform.machine()}"
        f", OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}"
    )
    rows = []
    firsts = []  # both solvers start from the same state with the same first cell/row
    for method, n in (
        ("sparse", cells_all if args.full else args.sample),
        ("dense", args.dense_sample),
    ):
        if n <= 0:
            continue
        xb = make_crossbar(M, N, args.r_line, args.span, method)
        cells = sample_cells(M, N, n)
        read_rows = sorted({i for i, _ in cells})
        tr, g_first = time_read(xb, read_rows, args.V_read)  # reads first: same state
        tp, ip, v_first = time_program(xb, cells, args.V, args.duration)
        firsts.append((v_first, g_first))
        total = tp * cells_all + tr * M
        kind = "measured" if len(cells) == cells_all else f"extrapolated from {len(cells)}"
        rows.append((method, tp, tr, ip, total, kind))
        print(
            f"{method:6s}: program {tp * 1e3:9.1f} ms/cell ({ip:.1f} Newton it.), "
            f"read {tr * 1e3:9.1f} ms/row of {N}; {cells_all} programs + {M} row reads: "
            f"{total:9.1f} s ({kind})"
        )
    if len(rows) == 2:
        dv = float(np.max(np.abs(firsts[0][0] - firsts[1][0])))
        dg = float(np.max(np.abs(firsts[0][1] / firsts[1][1] - 1)))
        print(
            f"check (first pulse, first read row): max |Δv_cell| = {dv:.1e} V, "
            f"max |ΔG_read/G_read| = {dg:.1e}"
        )
        assert dv < 1e-9 and dg < 1e-9, (dv, dg)
        ratio = rows[1][4] / rows[0][4]
        print(f"dense / sparse time: {ratio:.0f}×")
    if args.out:
        with open(args.out, "w") as f:
            f.write(
                "| solver | program (ms/cell) | Newton it. | read (ms/row) "
                "| all cells (s) | |\n|---|---|---|---|---|---|\n"
            )
            for m, tp, tr, ip, tot, kind in rows:
                f.write(
                    f"| {m} | {tp * 1e3:.1f} | {ip:.1f} | {tr * 1e3:.1f} | {tot:.1f} | {kind} |\n"
                )


if __name__ == "__main__":
    main()
