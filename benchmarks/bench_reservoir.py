#!/usr/bin/env python
"""Simulated time per wall second of the MTJ reservoir, and the cost of one RLS update.

Part 1 — the seed 004 reservoir (``MTJReservoir``, default parameters, N = 40 and 800
junctions of ``presets.zheng2020_mtj()``, one output fed back into every junction, fixed
random readout weights, no training), run for a fixed number of 1.5 ns RNN steps by

* ``MTJReservoir.run`` with ``LLGResponse`` (full LLG + STT of every junction, every step,
  through the compiled kernel; RK4 at 5 ps), at T = 0 and T = 300 K;
* ``MTJReservoir.run`` with ``TransferResponse`` (reduced model: tabulated ΔR(j));
* Brian2, the same network built by ``brian2_reservoir`` (full LLG in a NeuronGroup) on the
  runtime device with the ``cython`` target: wall time of ``run(d)`` after a warm-up run,
  minus the time of a one-``dt`` run (per-run overhead), so code generation, compilation
  and set-up drop out;
* Brian2 ``cpp_standalone``: the same objects, built and compiled once per N; the device's
  own timer of the simulation loop (``device._last_run_time``).

Reported: simulated ns per wall second and the ratio to the Brian2 cython row (T = 0).
The script also checks that cpp_standalone and the kernel give the same outputs at T = 0.

Part 2 — one RLS (FORCE) update, k = P r, c = 1/(1 + r·k), P −= c k kᵀ, W −= c e kᵀ, by
``spinbrian.cython_kernels.rls.rls_update`` and by plain NumPy, N = 40 and 800, one output;
µs per update and the ratio, after checking both give the same P and W to 1e-10.

Everything runs on one core: the script sets ``OPENBLAS_NUM_THREADS=1`` (and the
equivalents) unless they are already set, because Brian2 and the kernel are
single-threaded and a threaded BLAS matrix-vector product can be several times slower on a
shared 2-core machine. Each number is the best of ``--repeat`` runs. ``--quick`` times
fewer steps, once, and leaves out cpp_standalone (its code generation and compilation
alone take ≈ 40 s per N). Usage::

    python benchmarks/bench_reservoir.py [--quick] [--out results.md]
"""

import os

from _report import emit

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import contextlib  # noqa: E402
import io  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

SIZES = (40, 800)
STEP_NS = 1.5
T_HOT = 300.0
NET_SEED = 0
READOUT_SEED = 5
NOISE_SEED = 11


def best(fn, repeat):
    """Smallest value returned by ``fn()`` (seconds) over ``repeat`` calls."""
    return min(fn() for _ in range(repeat))


def _quiet():
    return contextlib.redirect_stdout(io.StringIO())


# ------------------------------------------------------------------------------ networks
def reservoir(N, response="llg", thermal=False):
    """The benchmark network: default ``MTJReservoir``, fixed random readout weights."""
    from brian2 import kelvin

    from spinbrian import presets
    from spinbrian.networks import ForceReadout, LLGResponse, MTJReservoir, TransferResponse

    device = presets.zheng2020_mtj(temperature=(T_HOT if thermal else 0.0) * kelvin)
    devices = [device] * N
    if response == "llg":
        resp = LLGResponse(devices, seed=NOISE_SEED if thermal else None)
    else:
        resp = TransferResponse(devices)
    net = MTJReservoir(resp, seed=NET_SEED)
    readout = ForceReadout(N, 1)
    readout.W[:] = np.random.default_rng(READOUT_SEED).normal(0.0, 1.0 / np.sqrt(N), (1, N))
    net.readout = readout
    return net


def bench_mtj_reservoir(N, steps, repeat, response, thermal=False):
    """(ns/s, z of the first run) of ``MTJReservoir.run`` with the given response."""
    net = reservoir(N, response, thermal)
    z0 = []

    def once():
        net.reset()
        t0 = time.perf_counter()
        res = net.run(steps)
        wall = time.perf_counter() - t0
        z0.append(res.z)
        return wall

    return steps * STEP_NS / best(once, repeat), z0[0]


def bench_brian2_cython(N, steps, repeat):
    """ns/s of the Brian2 network on the runtime device, cython target."""
    import brian2
    from brian2 import second
    from brian2.devices import reinit_devices

    from spinbrian.networks.reservoir_brian2 import brian2_reservoir

    reinit_devices()
    brian2.set_device("runtime")
    brian2.prefs.codegen.target = "cython"
    net = reservoir(N)
    b2 = brian2_reservoir(net, (repeat + 1) * steps + 10)
    network, dt = b2.network, b2.junctions.clock.dt
    network.run(10 * dt)  # generate and compile every code object
    duration = steps * STEP_NS * 1e-9 * second

    def once():
        t0 = time.perf_counter()
        network.run(dt)
        t1 = time.perf_counter()
        network.run(duration)
        return (time.perf_counter() - t1) - (t1 - t0)  # minus the per-run overhead

    return steps * STEP_NS / best(once, repeat)


def bench_brian2_standalone(N, steps, repeat):
    """(ns/s, z) of the cpp_standalone build of the Brian2 network."""
    return standalone(reservoir(N), steps, repeat)


def standalone(net, steps, repeat, inputs=None):
    """(ns/s, z) of ``net`` (an MTJReservoir) built by ``brian2_reservoir`` on cpp_standalone."""
    import brian2
    from brian2.devices import reinit_devices

    from spinbrian.networks.reservoir_brian2 import brian2_reservoir

    reinit_devices()
    brian2.set_device("cpp_standalone", build_on_run=False)
    device = brian2.get_device()
    with tempfile.TemporaryDirectory() as tmp:
        b2 = brian2_reservoir(net, steps, inputs=inputs)
        # Not BrianReservoir.run: it reads the monitor, which needs the build first.
        b2.network.run(b2.n_steps * STEP_NS * 1e-9 * brian2.second + b2.junctions.clock.dt)
        with _quiet():
            device.build(directory=tmp, compile=True, run=True)
        times = [device._last_run_time]
        z = b2.outputs_z()
        for _ in range(repeat - 1):
            device.run(directory=tmp, with_output=False, run_args=[])
            times.append(device._last_run_time)
    reinit_devices()
    brian2.set_device("runtime")
    return steps * STEP_NS / min(times), z


# ------------------------------------------------------------------------------ RLS
def numpy_rls(P, W, r, e):
    """One RLS step in place with plain NumPy (the same update as ``rls_update``)."""
    k = P @ r
    c = 1.0 / (1.0 + r @ k)
    P -= c * np.outer(k, k)
    W -= c * np.outer(e, k)


def rls_problem(N, updates, seed=0):
    """Start P, W and a sequence of activities r (±½) and errors e for ``updates`` steps."""
    rng = np.random.default_rng(seed)
    P = np.eye(N) / 0.1
    W = np.zeros((1, N))
    r = rng.uniform(-0.5, 0.5, (updates, N))
    e = rng.normal(0.0, 0.3, (updates, 1))
    return P, W, r, e


def check_rls(N, updates=50):
    """max |ΔP|, max |ΔW| between the Cython and the NumPy RLS after ``updates`` steps."""
    from spinbrian.cython_kernels.rls import rls_update

    P1, W1, r, e = rls_problem(N, updates)
    P2, W2 = P1.copy(), W1.copy()
    for n in range(updates):
        rls_update(P1, W1, r[n], e[n])
        numpy_rls(P2, W2, r[n], e[n])
    dP, dW = float(np.abs(P1 - P2).max()), float(np.abs(W1 - W2).max())
    assert dP < 1e-10 and dW < 1e-10, f"RLS mismatch at N = {N}: |ΔP| {dP:.1e}, |ΔW| {dW:.1e}"
    return dP, dW


def bench_rls(N, updates, repeat, fn):
    """µs per RLS update of ``fn(P, W, r, e)`` (a sequence of ``updates`` updates)."""
    P0, W0, r, e = rls_problem(N, updates)

    def once():
        P, W = P0.copy(), W0.copy()
        t0 = time.perf_counter()
        for n in range(updates):
            fn(P, W, r[n], e[n])
        return time.perf_counter() - t0

    return best(once, repeat) / updates * 1e6


# ------------------------------------------------------------------------------ driver
ROWS = (
    ("LLG kernel (MTJReservoir.run)", "0"),
    ("LLG kernel (MTJReservoir.run)", "300 K"),
    ("reduced ΔR(j) (TransferResponse)", "0"),
    ("Brian2 cython, full LLG", "0"),
    ("Brian2 cpp_standalone, full LLG", "0"),
)
REF = ("Brian2 cython, full LLG", "0")


def plan(N, quick):
    """RNN steps per row at size N (each step is 1.5 ns; fewer for slow rows)."""
    big = N > 100
    steps = {
        ROWS[0]: 100 if big else 1000,
        ROWS[1]: 100 if big else 1000,
        ROWS[2]: 2000 if big else 10_000,
        ROWS[3]: 100,
        ROWS[4]: 100 if big else 1000,
    }
    if quick:
        steps = {row: max(10, s // 5) for row, s in steps.items()}
    return steps


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer steps, no cpp_standalone")
    ap.add_argument("--repeat", type=int, help="best of this many runs (default 3, quick 1)")
    ap.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    ap.add_argument("--out", help="also write a Markdown table here")
    args = ap.parse_args(argv)
    repeat = args.repeat or (1 if args.quick else 3)
    start = time.perf_counter()

    rates = {}  # row -> {N: ns/s}
    steps_used = {}  # row -> {N: steps}
    agreement = {}  # N -> max |Δz| standalone vs kernel, T = 0
    for N in args.sizes:
        steps = plan(N, args.quick)
        z_kernel = None
        for row in ROWS:
            name, temp = row
            if name.startswith("Brian2 cpp") and args.quick:
                continue  # a standalone build (code generation + compilation) costs ≈ 40 s
            t0 = time.perf_counter()
            n = steps[row]
            if name.startswith("LLG"):
                rate, z = bench_mtj_reservoir(N, n, repeat, "llg", thermal=temp != "0")
                if temp == "0":
                    z_kernel = z
            elif name.startswith("reduced"):
                rate, _ = bench_mtj_reservoir(N, n, repeat, "transfer")
            elif name.startswith("Brian2 cython"):
                rate = bench_brian2_cython(N, n, repeat)
            else:
                rate, z = bench_brian2_standalone(N, n, repeat)
                m = min(len(z), len(z_kernel))
                agreement[N] = float(np.abs(z[:m] - z_kernel[:m]).max())
            rates.setdefault(row, {})[N] = rate
            steps_used.setdefault(row, {})[N] = n
            print(
                f"{name:34s} T = {temp:5s} N = {N:4d}: {rate:10.4g} ns/s  "
                f"({n} steps = {n * STEP_NS:g} ns; {time.perf_counter() - t0:.1f} s)",
                flush=True,
            )
        if N in agreement:
            print(f"  cpp_standalone vs kernel, T = 0: max |Δz| = {agreement[N]:.1e}", flush=True)

    from spinbrian.cython_kernels.rls import rls_update

    rls = {}  # N -> (µs Cython, µs NumPy, |ΔP|, |ΔW|)
    scale = 0.2 if args.quick else 1.0
    for N in args.sizes:
        dP, dW = check_rls(N)
        updates = max(20, int(scale * (20_000 if N <= 100 else 300)))
        us_c = bench_rls(N, updates, repeat, rls_update)
        us_np = bench_rls(N, updates, repeat, numpy_rls)
        rls[N] = (us_c, us_np, dP, dW)
        print(
            f"RLS N = {N:4d}: Cython {us_c:8.2f} µs, NumPy {us_np:8.2f} µs "
            f"(NumPy/Cython {us_np / us_c:.2f}); |ΔP| {dP:.1e}, |ΔW| {dW:.1e}",
            flush=True,
        )
    total = time.perf_counter() - start

    sizes = args.sizes
    head = "| | T | " + " | ".join(f"N = {N}" for N in sizes) + " |"
    rule = "|---|---|" + "---:|" * len(sizes)
    lines = [
        f"Simulated ns per wall second, best of {repeat}; zheng2020 MTJ reservoir (default "
        f"MTJReservoir, feedback on, fixed random readout, no training), 1.5 ns RNN steps, "
        f"RK4 dt = 5 ps. {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}, BLAS threads "
        f"{os.environ['OPENBLAS_NUM_THREADS']}.",
        "",
        head,
        rule,
    ]
    for row in ROWS:
        if row not in rates:
            continue
        cells = " | ".join(f"{rates[row][N]:.3g}" if N in rates[row] else "—" for N in sizes)
        lines.append(f"| {row[0]} | {row[1]} | {cells} |")
    if REF in rates:
        lines += ["", "Ratio to Brian2 cython (same N):", "", head, rule]
        ref = rates[REF]
        for row in ROWS:
            if row == REF or row not in rates:
                continue
            cells = " | ".join(
                f"{rates[row][N] / ref[N]:.3g}×" if N in rates[row] else "—" for N in sizes
            )
            lines.append(f"| {row[0]} | {row[1]} | {cells} |")
    lines += ["", "Steps timed per run (1.5 ns each):", "", head, rule]
    for row in ROWS:
        if row in steps_used:
            cells = " | ".join(str(steps_used[row].get(N, "—")) for N in sizes)
            lines.append(f"| {row[0]} | {row[1]} | {cells} |")
    if agreement:
        lines += [
            "",
            "cpp_standalone vs kernel (T = 0), max |Δz| over the standalone run: "
            + ", ".join(f"N = {N}: {d:.1e}" for N, d in agreement.items()),
        ]
    lines += [
        "",
        f"RLS update (one output), µs per update, best of {repeat}:",
        "",
        "| N | Cython `rls_update` | NumPy | NumPy / Cython | max abs ΔP, ΔW |",
        "|---:|---:|---:|---:|---:|",
    ]
    for N, (us_c, us_np, dP, dW) in rls.items():
        lines.append(
            f"| {N} | {us_c:.3g} | {us_np:.3g} | {us_np / us_c:.2f}× | {dP:.0e}, {dW:.0e} |"
        )
    lines += ["", f"Total run time of the benchmark: {total:.0f} s."]
    emit(lines, args.out)


if __name__ == "__main__":
    sys.exit(main())
