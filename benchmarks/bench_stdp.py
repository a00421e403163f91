#!/usr/bin/env python
"""Cost of Co/Gd device STDP against Brian2's ideal additive STDP, Song–Abbott network.

The network is Brian2's ``examples/synapses/STDP.py`` (Song, Miller & Abbott 2000): 1000
Poisson inputs at 15 Hz → one LIF neuron, all-to-all, dt = 0.1 ms. The synapses are

* **ideal** — the example's additive rule (event-driven traces A_pre, A_post;
  τ = 20 ms, ΔA_pre = 0.01·g_max, ΔA_post = −1.05·ΔA_pre, clipped to [0, g_max]);
* **device** — ``presets.li2022_cogd(K=K).stdp_synapses(...)`` with the waveforms of
  ``demos/song_abbott_cogd.py`` (both spikes 13.5 mA, the postsynaptic tail 21 ms),
  ``on_pre_extra = "ge_post += gmax*w_read"``: each pre or post spike reads the film, looks
  up its pair's per-class affine map (2K TimedArray values) and applies it and the wall
  sweep to the K class fractions.

Both start from the same weights (uniform in [0, 1]·g_max; the device's classes all at w)
and get the same input spikes (same seed); the device rows are run for K = 16 (the preset)
and K = 8. Timed, code generation and compilation excluded:

* ``cython`` (runtime device): ``run(duration)`` after a warm-up ``run(dt)`` that generates
  and compiles every code object, minus a second ``run(dt)`` (Brian2's per-run overhead);
* ``cpp_standalone``: ``device.build(run=False)`` once (reported as the build), then
  ``device.run()``: the binary's own timer of the simulation loop
  (``device._last_run_time``); the wall time of the whole ``device.run`` call (process
  start, loading and writing the arrays) is printed as well.

Both as wall time and as CPU time (cython: this process's; cpp_standalone: the binary's,
from ``getrusage``): on a shared machine the CPU time is the steadier of the two. Each
number is the best of ``--repeat`` runs (default 3), taken round-robin over the three
networks so that a change in the machine's load hits all of them; the standalone binaries
are built once and run again. Ratios are device/ideal on the same target (goal: ≤ 1.3).
``--profile`` adds Brian2's ``profiling_summary`` of each network on cython (separate
10 s runs, not the timed ones). Every row runs on one core. Usage::

    python benchmarks/bench_stdp.py [--duration 100] [--repeat 3] [--profile] [--out results.md]
"""

import os

from _report import emit

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import contextlib  # noqa: E402
import io  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

N_IN = 1000
RATE_HZ = 15.0
GMAX = 0.01
SPIKE_MA = 13.5
POST_TAIL_MS = 21.0
SEED = 1
K_VALUES = (16, 8)


def _quiet():
    return contextlib.redirect_stdout(io.StringIO())


def build(kind, K=16):
    """(Network, synapses, device or None, post SpikeMonitor) of the Song–Abbott network."""
    from brian2 import (
        Hz,
        Network,
        NeuronGroup,
        PoissonGroup,
        SpikeMonitor,
        Synapses,
        mA,
        ms,
        mV,
    )

    from spinbrian import presets

    namespace = {
        "taum": 10 * ms,
        "taupre": 20 * ms,
        "taupost": 20 * ms,
        "Ee": 0 * mV,
        "vt": -54 * mV,
        "vr": -60 * mV,
        "El": -74 * mV,
        "taue": 5 * ms,
        "gmax": GMAX,
        "dApre": 0.01 * GMAX,
        "dApost": -0.01 * GMAX * 1.05,
    }
    inputs = PoissonGroup(N_IN, rates=RATE_HZ * Hz, name="inputs")
    neuron = NeuronGroup(
        1,
        """dv/dt = (ge * (Ee-vr) + El - v) / taum : volt
        dge/dt = -ge / taue : 1""",
        threshold="v>vt",
        reset="v = vr",
        method="exact",
        namespace=namespace,
        name="neuron",
    )
    w0 = np.random.default_rng(SEED).random(N_IN)
    if kind == "ideal":
        dev = None
        syn = Synapses(
            inputs,
            neuron,
            """w : 1
            dApre/dt = -Apre / taupre : 1 (event-driven)
            dApost/dt = -Apost / taupost : 1 (event-driven)""",
            on_pre="""ge += w
            Apre += dApre
            w = clip(w + Apost, 0, gmax)""",
            on_post="""Apost += dApost
            w = clip(w + Apre, 0, gmax)""",
            namespace=namespace,
            name="syn",
        )
        syn.connect()
        syn.w = w0 * GMAX
    else:
        dev = presets.li2022_cogd(K=K)
        syn = dev.stdp_synapses(
            inputs,
            neuron,
            presets.li2022_spike(amplitude=SPIKE_MA * mA),
            presets.li2022_spike(amplitude=SPIKE_MA * mA, tail=POST_TAIL_MS * ms),
            on_pre_extra="ge_post += gmax*w_read",
            name="syn",
        )
        syn.namespace["gmax"] = GMAX
        syn.connect()
        syn.set_states(dev.state_dict(np.repeat(w0[:, None], K, axis=1)))
    mon = SpikeMonitor(neuron, record=False, name="post_spikes")
    return Network(inputs, neuron, syn, mon), syn, dev, mon


def weights(syn, dev):
    """Final weights / g_max (the device's as the mean of its x_k: works on standalone)."""
    if dev is None:
        return np.asarray(syn.w[:]) / GMAX
    return np.mean([np.asarray(getattr(syn, f"x_{k}")[:]) for k in range(dev.K)], axis=0)


def run_cython(kind, K, duration_s):
    """One timed cython run: dict of wall and CPU time (s), first run (s), spikes, weights."""
    import brian2
    from brian2 import second, seed
    from brian2.devices import reinit_devices

    reinit_devices()
    brian2.set_device("runtime")
    brian2.prefs.codegen.target = "cython"
    net, syn, dev, mon = build(kind, K)
    dt = net["neuron"].clock.dt
    seed(SEED)
    marks = []
    for d in (None, dt, dt, duration_s * second):
        if d is not None:
            # the first run(dt) generates and compiles every code object (cached after the
            # first time), the second is the per-run overhead with the code compiled
            net.run(d)
        marks.append((time.perf_counter(), time.process_time()))
    (w0, _), (w1, c1), (w2, c2), (w3, c3) = marks
    return dict(
        wall=(w3 - w2) - (w2 - w1),
        cpu=(c3 - c2) - (c2 - c1),
        build=w1 - w0,
        spikes=int(mon.num_spikes),
        w=weights(syn, dev),
    )


def run_binary(device, directory):
    """Run a built standalone binary: its loop time, process wall and CPU time (s)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    device.run(directory=directory, with_output=False, run_args=[])
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return dict(wall=device._last_run_time, process=device.timers["run_binary"], cpu=cpu)


def build_standalone(kind, K, duration_s, directory):
    """Build one network on cpp_standalone and run it once.

    Returns the device (its binary can be run again, :func:`run_binary`) and a dict of the
    times of :func:`run_binary`, the build (s), post spikes and final weights (read now: a
    device's arrays can only be read while it is the current device).
    """
    import brian2
    from brian2 import second, seed
    from brian2.devices import reinit_devices

    reinit_devices()
    brian2.set_device("cpp_standalone", build_on_run=False)
    device = brian2.get_device()
    net, syn, dev, mon = build(kind, K)
    seed(SEED)
    net.run(duration_s * second)
    t0 = time.perf_counter()
    with _quiet():
        device.build(directory=directory, compile=True, run=False)
    build_s = time.perf_counter() - t0
    res = run_binary(device, directory)
    res.update(build=build_s, spikes=int(mon.num_spikes), w=weights(syn, dev))
    return device, res


def profile_cython(kind, K, duration_s):
    """Brian2's profiling summary (text) of one network on cython."""
    import brian2
    from brian2 import profiling_summary, second, seed
    from brian2.devices import reinit_devices

    reinit_devices()
    brian2.set_device("runtime")
    brian2.prefs.codegen.target = "cython"
    net, *_ = build(kind, K)
    seed(SEED)
    net.run(duration_s * second, profile=True)
    return str(profiling_summary(net, show=8))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--duration", type=float, default=100.0, help="simulated s (default 100)")
    ap.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    ap.add_argument("--profile", action="store_true", help="add Brian2 profiles (cython)")
    ap.add_argument("--out", help="also write a Markdown table here")
    args = ap.parse_args(argv)
    start = time.perf_counter()

    cases = [("ideal", None)] + [("device", K) for K in K_VALUES]
    results = {}  # (target, kind, K) -> first result, each time the best of the runs

    def keep(key, res):
        best = results.setdefault(key, res)
        for metric in ("wall", "cpu", "process"):
            if metric in res:
                best[metric] = min(best[metric], res[metric])
        extra = f", whole device.run {res['process']:.2f} s" if "process" in res else ""
        print(
            f"{key[0]:15s} {key[1]:6s} K = {key[2] or '-'}: {res['wall']:.2f} s wall, "
            f"{res['cpu']:.2f} s CPU (build/first run {best['build']:.1f} s{extra}; "
            f"{best['spikes']} post spikes)",
            flush=True,
        )

    # round-robin over the cases, so that a change in the machine's load hits all of them
    for _ in range(args.repeat):
        for kind, K in cases:
            keep(("cython", kind, K), run_cython(kind, K, args.duration))
    with tempfile.TemporaryDirectory() as tmp:
        built = {}
        for kind, K in cases:
            key = ("cpp_standalone", kind, K)
            directory = os.path.join(tmp, f"{kind}{K or ''}")
            device, res = build_standalone(kind, K, args.duration, directory)
            built[key] = (device, directory)
            keep(key, res)
        for _ in range(args.repeat - 1):
            for key, (device, directory) in built.items():
                keep(key, run_binary(device, directory))
    profiles = []
    if args.profile:
        for kind, K in cases:
            profiles.append((kind, K, profile_cython(kind, K, min(args.duration, 10.0))))
    total = time.perf_counter() - start
    rows = [(target, kind, K, res) for (target, kind, K), res in results.items()]

    ref = {target: res for target, kind, _, res in rows if kind == "ideal"}
    lines = [
        f"Song–Abbott network ({N_IN} Poisson inputs at {RATE_HZ:g} Hz → 1 LIF neuron, "
        f"dt = 0.1 ms), {args.duration:g} s simulated, best of {args.repeat}; device spikes "
        f"{SPIKE_MA:g} mA, post tail {POST_TAIL_MS:g} ms. "
        f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} logical CPUs.",
        "",
        "| target | synapses | K | wall s | CPU s | device / ideal, wall | CPU | build s | "
        "post spikes | mean w | w < 0.1 | w > 0.9 |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for target, kind, K, res in rows:
        w = res["w"]
        ratios = (
            ("—", "—")
            if kind == "ideal"
            else tuple(f"{res[m] / ref[target][m]:.2f}×" for m in ("wall", "cpu"))
        )
        lines.append(
            f"| {target} | {kind} | {K or '—'} | {res['wall']:.2f} | {res['cpu']:.2f} | "
            f"{ratios[0]} | {ratios[1]} | {res['build']:.1f} | {res['spikes']} | "
            f"{w.mean():.3f} | {np.mean(w < 0.1):.3f} | {np.mean(w > 0.9):.3f} |"
        )
    lines += [
        "",
        "wall s: cython `run(duration)` minus a one-dt run; cpp_standalone the binary's loop "
        "timer. CPU s: the same runs' CPU time (cython: this process; cpp_standalone: the "
        "whole binary, loading and saving included). build s: cython the first `run(dt)` "
        "(code generation and compilation; Cython's cache may be warm); cpp_standalone "
        "`device.build(run=False)`.",
    ]
    for kind, K, text in profiles:
        lines += ["", f"Profile (cython, {kind}, K = {K or '—'}):", "", "```", text, "```"]
    lines += ["", f"Total run time of the benchmark: {total:.0f} s."]
    emit(lines, args.out)


if __name__ == "__main__":
    sys.exit(main())
