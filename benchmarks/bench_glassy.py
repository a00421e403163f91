#!/usr/bin/env python
"""Cost of 10⁵ glassy spin-valve synapses in a Brian2 network, against plain synapses.

The network: 1000 Poisson inputs (``PoissonGroup``) connected all-to-all to 100
conductance-based LIF neurons (excitatory conductance with a 5 ms decay, 2 ms refractory
period), 10⁵ synapses, dt = 0.1 ms, in three workloads:

* **all active** — every input fires at 5 Hz, and every output spike programs the 1000
  synapses of its neuron with the post pulse: every synapse is active;
* **1 % active** (issue 12: "a 10⁵-synapse network with 1 % active synapses") — inputs
  0–9 fire at 5 Hz, the other 990 are silent (0 Hz; the same 1000-input group, so the
  network and its per-step work are the same); the 1000 synapses of the 10 firing inputs
  are active, each as active as in the first workload. The glassy synapses have the pre
  pulse and **no post pulse**: in the device model an output spike programs every synapse
  of its neuron, so a post pulse would make the idle synapses of that neuron active (and
  1 % active would be false); giving only the active synapses a post pathway would need a
  second ``Synapses`` object, which the plain network does not have. At 5 Hz × 10 inputs
  the drive is 1 % of the first workload's and the neurons stay below threshold;
* **1 % active, 500 Hz** — the same, inputs 0–9 at 500 Hz: the total input rate of the
  first workload (its superposition is the same 5000 Hz Poisson train, so the plain
  network's output is as alive as there), 5·10⁵ presynaptic events/s on the 1000 active
  synapses.

The synapses are

* **plain** — ``w : siemens``, ``on_pre = "g_post += w"`` (w = 0.2 nS);
* **glassy, event-driven** — ``presets.shumilin2024_glassy().synapses(...)`` with
  ``on_pre_extra = "g_post += sigma_read*w_scale"`` (w_scale = 0.2 nS/σ_mid, so a device at rest
  delivers the plain weight). Every presynaptic spike relaxes the K deviations d_k exactly
  from ``t_last``, reads σ and applies a +2 V, 1 ms pulse; every postsynaptic spike relaxes
  them and applies a −2 V, 1 ms pulse. Idle synapses cost nothing per step (on cython
  the code object still pays a fixed per-step cost ∝ K: Brian2 acquires its K state
  arrays at every call, before reading the spike queue; the class constants are literals
  in the code);
* **glassy, clock-driven** — the same physics written as ``dd_k/dt = -γ_k*d_k : 1
  (clock-driven)`` (γ_k literal), integrated every dt by Brian2's ``exponential_euler``
  (for this linear decay it is the exact update d_k ← d_k·exp(−γ_k dt), stable for every
  γ_k·dt, so all K classes are simulated although the fastest class has γ·dt ≈ 15 at
  dt = 0.1 ms), with the same pulse code (``GlassySynapse.pulse_statements``) on_pre /
  on_post and σ as the same subexpression (all-active workload only).

Timed: wall seconds per simulated second of ``run(duration)`` on the runtime device with the
``cython`` target (after a warm-up run that generates and compiles every code object, minus
the wall time of a one-dt run, the per-run overhead) and on ``cpp_standalone`` (the device's
own timer of the simulation loop, ``device._last_run_time``; code generation and compilation
excluded), for K = 31 (the preset); and the event-driven glassy network for K = 8, 16, 31
and 48 (cython) to show how it scales with K. Ratios are to plain synapses on the same
target and workload. The input spike trains are the same in every row of a workload and
target (same seed; the two targets draw different random numbers). The script also checks
that the event-driven and clock-driven forms give the same σ of every synapse at the end of
the cython runs (K = 31), and prints the spike counts (the work of the event-driven rows is
proportional to presynaptic + postsynaptic events).

Everything runs on one core (``OMP_NUM_THREADS=1``; Brian2 is single-threaded here). Each
number is the best of ``--repeat`` runs (default 1). ``--quick`` simulates 1 s (clock-driven
0.02 s), leaves out cpp_standalone (code generation and compilation take tens of seconds per
build) and K = 48. The glassy rows use the preset's K = 31 except the K scan. Usage::

    python benchmarks/bench_glassy.py [--quick] [--repeat R] [--out results.md]
"""

import os

from _report import emit

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import contextlib  # noqa: E402
import dataclasses  # noqa: E402
import io  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

N_IN = 1000
N_OUT = 100
RATE_HZ = 5.0
DT_MS = 0.1
W_NS = 0.2
V_PRE, TAU_PRE_MS = 2.0, 1.0
V_POST, TAU_POST_MS = -2.0, 1.0
SEED = 7
K_SCAN = (8, 16, 31, 48)


@dataclasses.dataclass(frozen=True)
class Workload:
    """Which inputs fire, how fast, and whether output spikes pulse the glassy synapses."""

    label: str
    n_active: int  # inputs 0 … n_active − 1 fire at rate_hz, the others are silent
    rate_hz: float
    post_pulse: bool


WORKLOADS = {
    "all": Workload("all active", N_IN, RATE_HZ, True),
    "sparse": Workload("1 % active", N_IN // 100, RATE_HZ, False),
    "sparse500": Workload("1 % active, 500 Hz", N_IN // 100, 100 * RATE_HZ, False),
}


def best(fn, repeat):
    """Smallest value returned by ``fn()`` (seconds) over ``repeat`` calls."""
    return min(fn() for _ in range(repeat))


def _quiet():
    return contextlib.redirect_stdout(io.StringIO())


# ------------------------------------------------------------------------------ networks
def build(kind, K=31, load=WORKLOADS["all"]):
    """(Network, synapses, device, (input monitor, output monitor)) of one benchmark network.

    ``kind``: "plain", "event" (``GlassySynapse.synapses``) or "clock" (clock-driven);
    ``load``: the :class:`Workload`.
    """
    from brian2 import (
        Hz,
        Network,
        NeuronGroup,
        PoissonGroup,
        SpikeMonitor,
        Synapses,
        defaultclock,
        ms,
        mV,
        nS,
        pF,
        volt,
    )

    from spinbrian import presets
    from spinbrian.equations.glassy import read_code, state_deviation

    defaultclock.dt = DT_MS * ms
    rates = np.where(np.arange(N_IN) < load.n_active, load.rate_hz, 0.0)
    inp = PoissonGroup(N_IN, rates * Hz, name="inputs")
    neurons = NeuronGroup(
        N_OUT,
        """dv/dt = (gL*(EL - v) + g*(Ee - v))/C : volt (unless refractory)
        dg/dt = -g/tau_e : siemens
        VT : volt (constant)""",
        threshold="v > VT",
        reset="v = EL",
        refractory=2 * ms,
        method="exponential_euler",
        namespace={
            "gL": 10 * nS,
            "EL": -70 * mV,
            "Ee": 0 * mV,
            "C": 200 * pF,
            "tau_e": 5 * ms,
        },
        name="neurons",
    )
    # identical inputs and weights: thresholds differ, or all neurons fire in lockstep
    neurons.VT = np.linspace(-52, -48, N_OUT) * mV
    neurons.v = -70 * mV
    preset = presets.shumilin2024_glassy()
    if K != preset.K:  # K even classes over the band (the cost scales with K, not the grid)
        lo, hi = preset.E_band
        preset = dataclasses.replace(preset, fine_band=preset.E_band, fine_step=(hi - lo) / K)
    dev = preset
    w_scale = float(W_NS * nS / dev.sigma_mid)
    if kind == "plain":
        syn = Synapses(inp, neurons, "w : siemens", on_pre="g_post += w", name="syn")
    elif kind == "event":
        syn = dev.synapses(
            inp,
            neurons,
            pre_pulse=(V_PRE * volt, TAU_PRE_MS * ms),
            post_pulse=(V_POST * volt, TAU_POST_MS * ms) if load.post_pulse else None,
            on_pre_extra="g_post += sigma_read*w_scale",
            name="syn",
        )
    elif kind == "clock":
        if load != WORKLOADS["all"]:
            raise ValueError("the clock-driven form is built for the all-active workload")
        model = "\n".join(
            [
                *(
                    f"dd_{k}/dt = -{float(g)!r}*d_{k}/second : 1 (clock-driven)"
                    for k, g in enumerate(dev.rest_rates)
                ),
                f"sigma = sigma_mid*exp(log_on_off*{state_deviation(dev.weights)}) : siemens",
            ]
        )
        pre = dev.pulse_statements("pre", V_PRE * volt, TAU_PRE_MS * ms)
        syn = Synapses(
            inp,
            neurons,
            model=model,
            on_pre="\n".join([read_code(dev.weights), "g_post += sigma_read*w_scale", pre]),
            on_post=dev.pulse_statements("post", V_POST * volt, TAU_POST_MS * ms),
            method="exponential_euler",
            namespace=dev.namespace,
            name="syn",
        )
    else:
        raise ValueError(kind)
    if kind != "plain":
        syn.namespace["w_scale"] = w_scale
    syn.connect()
    if kind == "plain":
        syn.w = W_NS * nS
    mon_in = SpikeMonitor(inp, record=False, name="mon_in")
    mon_out = SpikeMonitor(neurons, record=False, name="mon_out")
    net = Network(inp, neurons, syn, mon_in, mon_out)
    return net, syn, dev, (mon_in, mon_out)


def sigma_now(syn, dev, kind, t):
    """σ (S) of every synapse at time ``t`` (s), relaxing the event-driven d_k to ``t``."""
    K = dev.K
    d = np.array([np.asarray(getattr(syn, f"d_{k}")[:]) for k in range(K)])  # (K, n)
    if kind == "event":
        age = t - np.asarray(syn.t_last[:])
        d = d * np.exp(-dev.rest_rates[:, None] * age[None, :])
    return float(dev.sigma_mid) * np.exp(dev.log_on_off * (dev.weights @ d))


def bench_cython(kind, K, duration_s, repeat, want_sigma=False, load=WORKLOADS["all"]):
    """(s wall / s simulated, input spikes, output spikes, σ at the end or None)."""
    import brian2
    from brian2 import second, seed
    from brian2.devices import reinit_devices

    reinit_devices()
    brian2.set_device("runtime")
    brian2.prefs.codegen.target = "cython"
    walls, counts, sig = [], None, None
    for _ in range(repeat):
        net, syn, dev, (mon_in, mon_out) = build(kind, K, load)
        dt = net["neurons"].clock.dt
        seed(SEED)
        t0 = time.perf_counter()
        net.run(dt)  # generates and compiles every code object (cached after the first)
        t1 = time.perf_counter()
        net.run(dt)  # the per-run overhead, code already compiled
        t2 = time.perf_counter()
        net.run(duration_s * second)
        t3 = time.perf_counter()
        del t0
        walls.append((t3 - t2) - (t2 - t1))
        counts = (mon_in.num_spikes, mon_out.num_spikes)
        if want_sigma:
            # the clock-driven state at net.t holds the pulses of the last step undecayed
            # (state update, then the pathways, in each step): compare one dt earlier
            sig = sigma_now(syn, dev, kind, float((net.t - dt) / second))
    return min(walls) / duration_s, counts[0], counts[1], sig


def bench_standalone(kind, K, duration_s, repeat, load=WORKLOADS["all"]):
    """(s wall / s simulated, input spikes, output spikes) on cpp_standalone."""
    import brian2
    from brian2 import second, seed
    from brian2.devices import reinit_devices

    reinit_devices()
    brian2.set_device("cpp_standalone", build_on_run=False)
    device = brian2.get_device()
    with tempfile.TemporaryDirectory() as tmp:
        net, syn, dev, (mon_in, mon_out) = build(kind, K, load)
        seed(SEED)
        net.run(duration_s * second)
        with _quiet():
            device.build(directory=tmp, compile=True, run=True)
        times = [device._last_run_time]
        counts = (int(mon_in.num_spikes), int(mon_out.num_spikes))
        for _ in range(repeat - 1):
            device.run(directory=tmp, with_output=False, run_args=[])
            times.append(device._last_run_time)
    reinit_devices()
    brian2.set_device("runtime")
    return min(times) / duration_s, counts[0], counts[1]


# ------------------------------------------------------------------------------ driver
def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="1 s, no cpp_standalone, no K = 48")
    ap.add_argument("--repeat", type=int, default=1, help="best of this many runs")
    ap.add_argument("--duration", type=float, help="simulated s (default 10, quick 1)")
    ap.add_argument("--clock-duration", type=float, help="s for clock-driven (default 0.2)")
    ap.add_argument("--scan-duration", type=float, help="s for the K scan (default 2)")
    ap.add_argument("--out", help="also write a Markdown table here")
    args = ap.parse_args(argv)
    dur = args.duration or (1.0 if args.quick else 10.0)
    dur_clock = args.clock_duration or (0.02 if args.quick else 0.2)
    dur_scan = args.scan_duration or (0.5 if args.quick else 2.0)
    k_scan = tuple(k for k in K_SCAN if not (args.quick and k > 31))
    start = time.perf_counter()

    rows = []  # (workload, target, model, K, duration, s/s, in spikes, out spikes)
    sigmas = {}

    def record(wl, target, kind, K, d, fn):
        t0 = time.perf_counter()
        res = fn()
        wall = time.perf_counter() - t0
        rows.append((wl, target, kind, K, d, res[0], res[1], res[2]))
        print(
            f"{WORKLOADS[wl].label:18s} {target:15s} {kind:6s} K = {K:3d}: {res[0]:8.4g} s/s  "
            f"({d:g} s simulated; {res[1]} input, {res[2]} output spikes; {wall:.1f} s in all)",
            flush=True,
        )
        return res

    def cython(wl, kind, K=31, d=dur, want_sigma=False):
        def fn():
            return bench_cython(kind, K, d, args.repeat, want_sigma, WORKLOADS[wl])

        return record(wl, "cython", kind, K, d, fn)

    def standalone(wl, kind, d=dur):
        def fn():
            return bench_standalone(kind, 31, d, args.repeat, WORKLOADS[wl])

        return record(wl, "cpp_standalone", kind, 31, d, fn)

    sparse = [wl for wl in WORKLOADS if wl != "all"]
    cython("all", "plain")
    for kind, d in (("event", dur), ("clock", dur_clock)):
        sigmas[kind] = cython("all", kind, d=d, want_sigma=True)[3]
    for K in k_scan:
        if K != 31:
            cython("all", "event", K, dur_scan)
    for wl in sparse:
        for kind in ("plain", "event"):
            cython(wl, kind)
    if not args.quick:
        for kind, d in (("plain", dur), ("event", dur), ("clock", dur_clock)):
            standalone("all", kind, d)
        for wl in sparse:
            for kind in ("plain", "event"):
                standalone(wl, kind)
    # the two glassy forms at the end of the clock-driven run (same input spikes up to it)
    sig_event = bench_cython("event", 31, dur_clock, 1, True)[3]
    agree = float(np.max(np.abs(sig_event / sigmas["clock"] - 1)))
    spread = float(np.ptp(sigmas["clock"]) / np.mean(sigmas["clock"]))

    total = time.perf_counter() - start

    names = {
        "plain": "plain `w : siemens`",
        "event": "glassy, event-driven (`GlassySynapse.synapses`)",
        "clock": "glassy, clock-driven (exponential_euler)",
    }
    ref = {(r[0], r[1]): r[5] for r in rows if r[2] == "plain"}
    lines = [
        f"Wall seconds per simulated second, best of {args.repeat}; {N_IN} Poisson inputs → "
        f"{N_OUT} conductance LIF neurons, all-to-all ({N_IN * N_OUT} synapses), dt = "
        f"{DT_MS:g} ms; glassy pulses {V_PRE:+g} V/{TAU_PRE_MS:g} ms (pre), "
        f"{V_POST:+g} V/{TAU_POST_MS:g} ms (post, all-active workload only). Workloads: "
        + "; ".join(
            f"{w.label}: {w.n_active} inputs at {w.rate_hz:g} Hz"
            f"{'' if w.n_active == N_IN else f', {N_IN - w.n_active} silent'}"
            for w in WORKLOADS.values()
        )
        + f". {platform.processor() or platform.machine()}, Python "
        f"{platform.python_version()}, {os.cpu_count()} logical CPUs.",
        "",
        "| workload | target | synapses | K | simulated | wall s / sim s | ratio to plain | "
        "input spikes | output spikes |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    order = {wl: i for i, wl in enumerate(WORKLOADS)}
    for wl, target, kind, K, d, rate, n_in, n_out in sorted(
        rows, key=lambda r: (order[r[0]], r[1] != "cython")
    ):
        ratio = f"{rate / ref[wl, target]:.3g}×" if (wl, target) in ref else "—"
        lines.append(
            f"| {WORKLOADS[wl].label} | {target} | {names[kind]} | "
            f"{K if kind != 'plain' else '—'} | {d:g} s | {rate:.3g} | {ratio} | {n_in} | "
            f"{n_out} |"
        )
    lines += [
        "",
        f"Event- vs clock-driven glassy synapses (cython, K = 31, all active) after "
        f"{dur_clock:g} s: max relative difference of σ over the synapses {agree:.1e} "
        f"(spread of σ itself, (max − min)/mean: {spread:.1e}).",
        "",
        f"Total run time of the benchmark: {total:.0f} s.",
    ]
    emit(lines, args.out)


if __name__ == "__main__":
    sys.exit(main())
