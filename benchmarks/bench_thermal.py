#!/usr/bin/env python
"""Steady states of the LSMO thermal zones: the Cython kernel against SciPy, one run.

The workload, on two devices — ``presets.chen2024_lsmo()`` (three declared zones) and
``presets.chen2024_chain()`` (30 equal cells per half, the hot domain emerges):

* **I–V sweeps with hysteresis** — voltage sweeps 0 → 15 V → 0 (301 points each way) at
  100, 150, 200, 250 and 300 K, every point continued from the previous one;
* **6 GHz bias map** — the zone temperatures at the 61 voltages −15 … +15 V at 100 K.

Rows: ``spinbrian.cython_kernels.thermal.sweep`` (pseudo-transient continuation with the
analytic Jacobian, C loops without the GIL) and the same model in NumPy solved by
``scipy.optimize.fsolve`` from the previous point (its own finite-difference Jacobian),
falling back to ``scipy.integrate.solve_ivp`` (LSODA) to a steady state where fsolve does
not converge (where a branch ends). Wall seconds of one run each (single core), their
ratio, and how closely they agree (max |ΔT|, and how many steady states differ by more
than 10⁻⁶ K: near a fold fsolve may land on another branch). Usage::

    python benchmarks/bench_thermal.py [--out results.md]
"""

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from brian2 import kelvin
from scipy.integrate import solve_ivp
from scipy.optimize import fsolve

sys.path.insert(0, str(Path(__file__).parent))
from _report import emit  # noqa: E402

from spinbrian.presets import chen2024_chain, chen2024_lsmo  # noqa: E402

TEMPERATURES = (100, 150, 200, 250, 300)
SWEEP = np.linspace(0.0, 15.0, 301)
MAP = np.linspace(-15.0, 15.0, 61)


def scipy_sweep(device, T_bath, voltages):
    """Zone temperatures along ``voltages`` by fsolve continuation (solve_ivp fallback)."""
    C = device.zone_constants()[1]
    rhs = device.heat_balance(T_bath)
    T = np.full(device.n_zones, float(T_bath))
    out = []
    for V in voltages:
        root, _, ok, _ = fsolve(rhs, T, args=(V,), xtol=1e-12, full_output=True)
        if ok != 1:
            ivp = solve_ivp(
                lambda _, x, v: rhs(x, v) / C, (0, 1e-3), T, "LSODA", args=(V,), rtol=1e-10
            )
            root = fsolve(rhs, ivp.y[:, -1], args=(V,), xtol=1e-12)
        T = root
        out.append(T)
    return np.array(out)


def workload(solve):
    """Run the sweeps and the map with ``solve(T_bath, voltages) → T``; return the results."""
    results = []
    for T_bath in TEMPERATURES:
        up = solve(T_bath, SWEEP)
        results += [up, solve(T_bath, SWEEP[::-1])]
    results.append(solve(100, np.abs(MAP)))
    return results


def compare(device):
    """Table rows for one device: both solvers on the same workload."""

    def cython(T_bath, V):
        return device.sweep(V, T_bath * kelvin)[0]

    def scipy(T_bath, V):
        return scipy_sweep(device, T_bath, V)

    timings, results = {}, {}
    for name, solve in (("Cython kernel", cython), ("SciPy fsolve/solve_ivp", scipy)):
        start = time.perf_counter()
        results[name] = workload(solve)
        timings[name] = time.perf_counter() - start
    pairs = list(zip(results["Cython kernel"], results["SciPy fsolve/solve_ivp"], strict=True))
    diff = max(np.max(np.abs(a - b)) for a, b in pairs)
    apart = sum(int(np.sum(np.max(np.abs(a - b), axis=1) > 1e-6)) for a, b in pairs)
    total = sum(len(a) for a, _ in pairs)
    base = timings["SciPy fsolve/solve_ivp"]
    rows = [
        f"| {device.n_zones} | {name} | {t:.4f} | {base / t:.0f}× |" for name, t in timings.items()
    ]
    return (
        rows,
        f"{device.n_zones} zones: max |ΔT| {diff:.2e} K; {apart} of {total} states differ "
        "by > 1e-6 K",
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--out", help="also write the table to this file")
    args = parser.parse_args()
    lines = [
        "| zones | solver | wall s (5 × 2 sweeps of 301 V + 61-V map) | speed-up vs SciPy |",
        "|---:|---|---:|---:|",
    ]
    notes = []
    for device in (chen2024_lsmo(), chen2024_chain()):
        rows, note = compare(device)
        lines += rows
        notes.append(note)
    emit([*lines, "", *notes], args.out)


if __name__ == "__main__":
    main()
