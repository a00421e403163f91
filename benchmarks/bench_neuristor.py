#!/usr/bin/env python
"""Speed of a 1000-neuristor Brian2 network (VO2, seed 003 §III.A) on cython and cpp_standalone.

The network: ``N`` = 1000 neuristors of ``vo2_neuristor()`` (dt = 0.5 ns, RK4), inputs
spread evenly over 0.9–1.5× threshold; a ring of heat links (G_c = 2 µW/K between
neighbours, both directions, ``thermal_synapses``) and sparse random resistive links
(each neuristor to ``K`` = 5 random others, both directions, 100 kΩ,
``electrical_synapses``): 2000 + ≈ 10 000 synapses, two summed variables, a SpikeMonitor.

Timed: simulated seconds per wall second of ``run(duration)``

* on the runtime device with the ``cython`` target: after a warm-up run that generates
  and compiles every code object (cached afterwards), ``run(duration)`` minus a one-dt
  ``run`` (Brian2's per-run overhead);
* on ``cpp_standalone``: the device's own timer of the simulation loop
  (``device._last_run_time``); code generation and ``make`` are excluded (reported
  separately as the build time).

The script prints both targets' spike counts (the model is deterministic, but over
40 000 steps of 1000 coupled neuristors rounding differences between the two compiled
codes flip a few threshold crossings) and neuron-steps per second. Everything runs on one core
(``OMP_NUM_THREADS=1``). One run of each (``--repeat`` for the best of several).
Usage::

    python benchmarks/bench_neuristor.py [--duration 20] [--repeat R] [--out results.md]
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

N = 1000
K = 5
G_RING = 2e-6  # W/K
R_LINK = 100e3  # Ω
DT_NS = 0.5
SEED = 3


def links():
    """(i, j) of the heat ring and of the random wires, both directions of every link."""
    ring = np.arange(N)
    heat = (np.concatenate([ring, (ring + 1) % N]), np.concatenate([(ring + 1) % N, ring]))
    rng = np.random.default_rng(SEED)
    pre = np.repeat(ring, K)
    post = (pre + rng.integers(1, N, size=pre.size)) % N  # never a self-link
    pairs = np.unique(np.sort(np.stack([pre, post]), axis=0), axis=1)
    wires = (np.concatenate([pairs[0], pairs[1]]), np.concatenate([pairs[1], pairs[0]]))
    return heat, wires


def build():
    """(Network, SpikeMonitor) of the benchmark network."""
    from brian2 import Network, SpikeMonitor, kelvin, nsecond, ohm, watt

    from spinbrian.presets import vo2_neuristor

    dev = vo2_neuristor()
    G = dev.neurons(
        N, V_in=np.linspace(0.9, 1.5, N) * dev.threshold_input(), dt=DT_NS * nsecond, name="vo2"
    )
    (hi, hj), (wi, wj) = links()
    heat = dev.thermal_synapses(G, G, G_RING * watt / kelvin, i=hi, j=hj, name="heat")
    wires = dev.electrical_synapses(G, G, R_LINK * ohm, i=wi, j=wj, name="wires")
    spikes = SpikeMonitor(G, record=False, name="spikes")
    return Network(G, heat, wires, spikes), spikes


def bench_cython(duration_s, repeat):
    """(wall s per simulated s, spikes, first-build wall s) on cython."""
    import brian2
    from brian2 import second
    from brian2.devices import reinit_devices

    reinit_devices()
    brian2.set_device("runtime")
    brian2.prefs.codegen.target = "cython"
    walls, count, build_s = [], None, None
    for _ in range(repeat):
        net, spikes = build()
        dt = net["vo2"].clock.dt
        t0 = time.perf_counter()
        net.run(dt)  # code generation and compilation
        t1 = time.perf_counter()
        net.run(dt)  # the per-run overhead
        t2 = time.perf_counter()
        net.run(duration_s * second)
        t3 = time.perf_counter()
        build_s = t1 - t0 if build_s is None else build_s
        walls.append((t3 - t2) - (t2 - t1))
        count = int(spikes.num_spikes)
    return min(walls) / duration_s, count, build_s


def bench_standalone(duration_s, repeat):
    """(wall s per simulated s, spikes, build wall s) on cpp_standalone."""
    import brian2
    from brian2 import second
    from brian2.devices import reinit_devices

    reinit_devices()
    brian2.set_device("cpp_standalone", build_on_run=False)
    device = brian2.get_device()
    with tempfile.TemporaryDirectory() as tmp:
        net, spikes = build()
        net.run(duration_s * second)
        t0 = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            device.build(directory=tmp, compile=True, run=True)
        build_s = time.perf_counter() - t0 - device._last_run_time
        times = [device._last_run_time]
        count = int(spikes.num_spikes)
        for _ in range(repeat - 1):
            device.run(directory=tmp, with_output=False, run_args=[])
            times.append(device._last_run_time)
    reinit_devices()
    brian2.set_device("runtime")
    return min(times) / duration_s, count, build_s


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--duration", type=float, default=20.0, help="simulated µs (default 20)")
    ap.add_argument("--repeat", type=int, default=1, help="best of this many runs")
    ap.add_argument("--out", help="also write a Markdown table here")
    args = ap.parse_args(argv)
    duration_s = args.duration * 1e-6
    steps = round(args.duration * 1e3 / DT_NS)
    start = time.perf_counter()
    rows = []
    for target, fn in (("cython", bench_cython), ("cpp_standalone", bench_standalone)):
        wall_per_sim, count, build_s = fn(duration_s, args.repeat)
        rows.append((target, wall_per_sim, count, build_s))
        print(
            f"{target:15s} {1 / wall_per_sim:9.4g} simulated s per wall s; "
            f"{N * steps / (wall_per_sim * duration_s):.3g} neuron-steps/s; {count} spikes; "
            f"build {build_s:.1f} s",
            flush=True,
        )
    total = time.perf_counter() - start
    n_syn = {name: len(ij[0]) for name, ij in zip(("heat", "wires"), links(), strict=True)}
    lines = [
        f"{N} VO2 neuristors (`vo2_neuristor()`, RK4, dt = {DT_NS:g} ns), inputs 0.9–1.5× "
        f"threshold; ring of heat links ({n_syn['heat']} synapses, {G_RING * 1e6:g} µW/K) and "
        f"random resistive links ({n_syn['wires']} synapses, {R_LINK / 1e3:g} kΩ); "
        f"{args.duration:g} µs simulated ({steps} steps), best of {args.repeat}. "
        f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} logical CPUs, one core used.",
        "",
        "| target | simulated s / wall s | simulated µs / wall s | neuron-steps / s | "
        "spikes | build (excluded) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for target, wall_per_sim, count, build_s in rows:
        lines.append(
            f"| {target} | {1 / wall_per_sim:.3g} | {1e6 / wall_per_sim:.3g} | "
            f"{N * steps / (wall_per_sim * duration_s):.3g} | {count} | {build_s:.0f} s |"
        )
    ratio = rows[0][1] / rows[1][1]
    lines += [
        "",
        f"cpp_standalone / cython: {ratio:.2f}×. Spike counts: {rows[0][2]} (cython), "
        f"{rows[1][2]} (cpp_standalone). Total run time of the benchmark: {total:.0f} s.",
    ]
    emit(lines, args.out)


if __name__ == "__main__":
    sys.exit(main())
