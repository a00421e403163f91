#!/usr/bin/env python
"""p-bit sampling on Gset G1: spin updates per second and time to a 0.2 % cut, one run.

The workload: max-cut on G1 (800 nodes, 19 176 edges, J = −W), β rising geometrically from
0.1 to 5 over 200 stages. Rows:

* **spinbrian heat-bath** — ``cython_kernels.pbit.pbit_anneal``: sequential sweeps, the p-bit's
  P(up) read from a table per stage (ideal sigmoid here; the junction's table costs the same),
  inputs kept up to date on flips;
* **C Metropolis** — ``cython_kernels.pbit.metropolis_anneal``: the plain single-spin
  Metropolis annealer, same graph storage and random numbers;
* **NumPy Gibbs, sequential** — the same heat-bath sweep as a Python loop over spins with
  NumPy for the neighbour update (what one writes first);
* **NumPy Gibbs, graph-coloured** — spins of one colour (greedy colouring) share no edge and
  are updated together as one vectorised step: the fastest plain-NumPy sampler.

Updates per second = N × sweeps / wall time. Time to target: median over seeds of the wall
time until a sweep ends with a cut ≥ ⌈0.998 · 11 624⌉ = 11 601 (compiled rows only; the
NumPy rows run too slowly for full anneals and are timed over a few sweeps). Usage::

    python benchmarks/bench_pbit.py [--quick] [--out results.md]
"""

import argparse
import math
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).parent))
from _report import emit  # noqa: E402

from spinbrian.networks import ising  # noqa: E402

BETAS = np.geomspace(0.1, 5.0, 200)


def greedy_colouring(W):
    """Colour classes (lists of node indices) of a greedy colouring by degree order."""
    W = sp.csr_matrix(W)
    colour = np.full(W.shape[0], -1)
    for i in np.argsort(-np.diff(W.indptr)):
        used = set(colour[W.indices[W.indptr[i] : W.indptr[i + 1]]])
        colour[i] = next(c for c in range(W.shape[0]) if c not in used)
    return [np.flatnonzero(colour == c) for c in range(colour.max() + 1)]


def numpy_sequential(J, beta, sweeps, rng):
    """Sequential heat-bath sweeps in Python + NumPy; returns the wall time."""
    n = J.shape[0]
    J = sp.csr_matrix(J)
    s = rng.choice([-1.0, 1.0], n)
    field = J @ s
    t0 = time.perf_counter()
    for _ in range(sweeps):
        for i in range(n):
            new = 1.0 if rng.random() < 0.5 * (1 + np.tanh(beta * field[i])) else -1.0
            if new != s[i]:
                lo, hi = J.indptr[i], J.indptr[i + 1]
                field[J.indices[lo:hi]] += J.data[lo:hi] * (new - s[i])
                s[i] = new
    return time.perf_counter() - t0


def numpy_coloured(J, beta, sweeps, rng, classes):
    """Graph-coloured heat-bath sweeps, one vectorised update per colour class."""
    J = sp.csr_matrix(J)
    rows = [J[c] for c in classes]
    s = rng.choice([-1.0, 1.0], J.shape[0])
    t0 = time.perf_counter()
    for _ in range(sweeps):
        for c, Jc in zip(classes, rows, strict=True):
            p = 0.5 * (1 + np.tanh(beta * (Jc @ s)))
            s[c] = np.where(rng.random(len(c)) < p, 1.0, -1.0)
    return time.perf_counter() - t0


def compiled(anneal, seeds):
    """Wall times and times to target of ``anneal(seed)`` over ``seeds``."""
    total, to_target = [], []
    for seed in range(seeds):
        t0 = time.perf_counter()
        _, _, _, hit = anneal(seed)
        total.append(time.perf_counter() - t0)
        sweeps = anneal.sweeps
        to_target.append(total[-1] * hit / sweeps if hit >= 0 else np.nan)
    return np.array(total), np.array(to_target)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--quick", action="store_true", help="fewer seeds and sweeps")
    parser.add_argument("--out", help="write the table to this file")
    args = parser.parse_args()
    W = ising.load_gset("G1")
    n = W.shape[0]
    J, b = -W, np.zeros(n)
    bar = math.ceil(0.998 * ising.GSET_BEST["G1"])
    target = 0.5 * W.sum() - 2 * bar
    per_stage = 20 if args.quick else 50
    seeds = 5 if args.quick else 20
    x_min, dx, x = ising.input_grid(J, b)
    tables = ising.ideal_tables(BETAS, x)

    def heat_bath(seed):
        return ising.anneal(J, b, tables, x_min, dx, per_stage, seed=seed, target=target)

    def metropolis(seed):
        return ising.metropolis(J, b, BETAS, per_stage, seed=seed, target=target)

    heat_bath.sweeps = metropolis.sweeps = per_stage * len(BETAS)
    rows = []
    for label, fn in (("spinbrian heat-bath (compiled)", heat_bath), ("C Metropolis", metropolis)):
        fn(0)  # warm-up
        total, to_target = compiled(fn, seeds)
        rate = n * fn.sweeps / np.median(total)
        rows.append((label, rate, np.nanmedian(to_target), np.mean(np.isfinite(to_target))))
    rng = np.random.default_rng(0)
    t_seq = numpy_sequential(J, 1.0, 2 if args.quick else 5, rng)
    rows.append(("NumPy Gibbs, sequential", n * (2 if args.quick else 5) / t_seq, np.nan, 0))
    classes = greedy_colouring(W)
    sweeps = 20 if args.quick else 100
    t_col = numpy_coloured(J, 1.0, sweeps, rng, classes)
    rows.append((f"NumPy Gibbs, {len(classes)}-coloured", n * sweeps / t_col, np.nan, 0))
    ref = rows[1][1]
    lines = [
        f"G1 max-cut, {len(BETAS)} stages × {per_stage} sweeps, {seeds} seeds, target cut {bar}",
        "",
        "| sampler | M updates/s | × C Metropolis | median time to target | seeds reaching it |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, rate, t_hit, frac in rows:
        hit = f"{1e3 * t_hit:.1f} ms" if np.isfinite(t_hit) else "—"
        reach = f"{100 * frac:.0f} %" if np.isfinite(t_hit) else "—"
        lines.append(f"| {label} | {rate / 1e6:.3g} | {rate / ref:.3g}× | {hit} | {reach} |")
    emit(lines, args.out)


if __name__ == "__main__":
    main()
