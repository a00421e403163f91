#!/usr/bin/env python
"""Training the seed 004 Fig. 3 network on the full LLG, and the trained network on Brian2.

Part 1 — the 800-junction network of ``zheng2020_character`` (full LLG + STT of every
junction in every 1.5 ns step, RK4 at 5 ps, T = 0, noise σ = 0.05 on r) trained as the
experiment trains it: step 1 (innate RLS on the recurrent weights, 10 trials of 170 ns) and
step 2 (FORCE on both outputs over 10 periods with the character imported). Wall time of
each step on one core; the issue's budget is 15 min.

Part 2 — the trained network, noise off, driven open loop by the imported character for
``--periods`` periods: ``MTJReservoir.run`` with the LLG kernel and the same network built
by ``brian2_reservoir`` on ``cpp_standalone`` (code generation and compilation excluded,
the device's own timer of the loop). Reported: simulated ns per wall second of both and
the largest difference of their outputs.

Usage::

    python benchmarks/bench_character.py [--periods 2] [--out results.md]
"""

import os

from _report import emit

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import platform  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
from bench_reservoir import standalone  # noqa: E402

STEP_NS = 1.5


def train():
    """The trained network and the wall time (s) of steps 1 and 2."""
    from spinbrian import presets
    from spinbrian.experiments import zheng2020_character as ch
    from spinbrian.networks import LLGResponse

    response = LLGResponse([presets.zheng2020_mtj()] * ch.N_JUNCTIONS)
    net = ch.build(response)
    rng = np.random.default_rng([0, 7])
    path, _ = ch.character()
    r_ref = ch.sustained_response(net)
    t0 = time.perf_counter()
    ch.innate_step(net, r_ref, rng)
    t1 = time.perf_counter()
    ch.force_step(net, path)
    t2 = time.perf_counter()
    return net, path, t1 - t0, t2 - t1


def cpu_model():
    """The CPU's model name (Linux), else the platform's machine string."""
    try:
        with open("/proc/cpuinfo") as f:
            names = [line.split(":", 1)[1].strip() for line in f if line.startswith("model name")]
        return names[0]
    except (OSError, IndexError):
        return platform.machine()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--periods", type=int, default=2, help="periods of the open-loop replay")
    ap.add_argument("--out", help="also write the table to this file")
    args = ap.parse_args(argv)
    start = time.perf_counter()
    net, path, innate_s, force_s = train()
    print(f"trained: step 1 {innate_s:.1f} s, step 2 {force_s:.1f} s", flush=True)

    from spinbrian.experiments.zheng2020_character import imported_targets

    net.output_noise = 0.0
    steps = args.periods * len(path)
    inputs = imported_targets(path, args.periods)
    net.reset()
    t0 = time.perf_counter()
    z_kernel = net.run(steps, inputs=inputs).z
    kernel_rate = steps * STEP_NS / (time.perf_counter() - t0)
    net.reset()
    b2_rate, z_b2 = standalone(net, steps, 1, inputs=inputs)
    diff = float(np.max(np.abs(z_b2 - z_kernel)))
    wall = time.perf_counter() - start
    lines = [
        f"Machine: {cpu_model()}, Python {platform.python_version()}; one thread; "
        f"whole script {wall:.0f} s",
        "",
        "| 800-junction full-LLG network (zheng2020_character) | value |",
        "|---|---:|",
        f"| step 1, innate RLS (10 trials × 170 ns), wall s | {innate_s:.1f} |",
        f"| step 2, FORCE (11 periods × 170 ns), wall s | {force_s:.1f} |",
        f"| training total, wall s (budget 900) | {innate_s + force_s:.1f} |",
        f"| trained network, LLG kernel (MTJReservoir.run), ns/s | {kernel_rate:.0f} |",
        f"| trained network, Brian2 cpp_standalone, ns/s | {b2_rate:.1f} |",
        f"| cpp_standalone vs kernel, max abs(Δz) over {steps} steps | {diff:.1e} |",
    ]
    emit(lines, args.out)


if __name__ == "__main__":
    main()
