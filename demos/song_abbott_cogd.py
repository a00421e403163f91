"""Song, Miller & Abbott (2000) STDP with Co/Gd device synapses, next to the ideal rule.

The network is Brian2's ``examples/synapses/STDP.py``: 1000 Poisson inputs at 15 Hz drive
one LIF neuron (τ_m = 10 ms, E_e = 0 mV, v_t = −54 mV, v_r = −60 mV, E_l = −74 mV,
τ_e = 5 ms, g_max = 0.01) through additive STDP (τ_pre = τ_post = 20 ms, ΔA_pre = 0.01,
ΔA_post = −1.05·ΔA_pre, times g_max). A second neuron gets the same input spikes through
Co/Gd synapses (seed 001; ``presets.li2022_cogd()``, K = 16): each is a film whose
switched fraction w ∈ [0, 1] changes when a pre/post pair's superposed current
I_pre(t) − I_post(t − Δt) crosses the nucleation threshold, and delivers g_max·w.

Depression must win slightly for Song–Abbott's competition. With identical waveforms the
device window is antisymmetric, and a larger *postsynaptic amplitude* tips it towards
potentiation, not depression: at Δt > 0 the post spike's pulse meets the pre spike's tail,
so the causal side grows with the post amplitude (row "post 13.9 mA", ``.scaled(1.03)``).
The acausal
side is set by the post spike's *tail*, which the pre pulse meets at Δt < 0; a longer post
tail (``li2022_spike(tail=...)``) is the device's τ_post > τ_pre. At 13.5 mA a close pair
(|Δt| ≤ 1.1 ms) drives the film past its propagation field (≈ 26.9 mA) and a domain wall
sweeps it fully up or down: weights go to 0 or 1 as in the additive rule. Measured (cython,
100 s, seed 1; fraction of weights < 0.1 and > 0.9; post rate over the last 50 s):

=========================================  ======  =====  =====  ======
synapses                                   mean w  < 0.1  > 0.9  rate
=========================================  ======  =====  =====  ======
ideal additive (Brian2)                    0.44    0.27   0.17   24 Hz
13.5 mA, post tail 14 ms (balanced)        0.53    0.19   0.25   102 Hz
13.5 mA, post 13.9 mA, tail 14 ms          0.59    0.12   0.35   216 Hz
13.5 mA, post tail 17.5 ms                 0.46    0.28   0.19   57 Hz
13.5 mA, post tail 21 ms (used here)       0.43    0.27   0.16   25 Hz
13.5 mA, post tail 21 ms, K = 8            0.47    0.24   0.20   25 Hz
13.5 mA, post tail 24 ms                   0.41    0.29   0.15   5 Hz
12 mA, post tail 21 ms                     0.45    0      0      28 Hz
=========================================  ======  =====  =====  ======

Below 13.45 mA no pair sweeps, and the nucleation update alone (x_k ← x_k + (1 − x_k)P_k
up, x_k(1 − P_k) down) is soft-bounded, multiplicative STDP: one narrow peak (12 mA: sd
0.11), no bimodality. Unlike the ideal rule's, the device weights forget: a close pair
sweeps a synapse ≈ 0.8 times a second (15 Hz × 25 Hz × 2.2 ms), so the distribution is
stationary but each weight is not — the correlation of the weights at 50 s and 100 s is
−0.01 (ideal: 0.91). The post rate is steep in the tail, ≈ 8 Hz per ms of tail around
21 ms. At the default 20 s the ideal rule is still converging (post rate 42 Hz over the
last 10 s; the device: 29 Hz).

    python demos/song_abbott_cogd.py    # 20 s, cython: ≈ 20 s (≈ 45 s the first time)
    python demos/song_abbott_cogd.py --duration 100 --target cpp_standalone --out fig.png
"""

import argparse

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from brian2 import (
    Hz,
    NeuronGroup,
    PoissonGroup,
    SpikeMonitor,
    StateMonitor,
    Synapses,
    mA,
    ms,
    mV,
    prefs,
    run,
    second,
    seed,
    set_device,
)

from spinbrian import presets

ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
ap.add_argument("--duration", type=float, default=20.0, help="simulated seconds (default 20)")
ap.add_argument("--target", choices=("numpy", "cython", "cpp_standalone"), default="cython")
ap.add_argument("--out", default="song_abbott_cogd.png", help="figure file")
args = ap.parse_args()
if args.target == "cpp_standalone":
    set_device("cpp_standalone", directory="song_abbott_cogd_standalone")
else:
    prefs.codegen.target = args.target
duration = args.duration * second
seed(1)

# Brian2's examples/synapses/STDP.py
N = 1000
taum = 10 * ms
taupre = 20 * ms
taupost = taupre
Ee = 0 * mV
vt = -54 * mV
vr = -60 * mV
El = -74 * mV
taue = 5 * ms
F = 15 * Hz
gmax = 0.01
dApre = 0.01
dApost = -dApre * taupre / taupost * 1.05
dApost *= gmax
dApre *= gmax
eqs_neurons = """
dv/dt = (ge * (Ee-vr) + El - v) / taum : volt
dge/dt = -ge / taue : 1
"""

# the Co/Gd film and the spikes' current waveforms: both 13.5 mA, the post tail 21 ms
dev = presets.li2022_cogd()
pre_spike = presets.li2022_spike(amplitude=13.5 * mA)
post_spike = presets.li2022_spike(amplitude=13.5 * mA, tail=21 * ms)

inputs = PoissonGroup(N, rates=F)
post_ideal = NeuronGroup(1, eqs_neurons, threshold="v>vt", reset="v = vr", method="exact")
post_device = NeuronGroup(1, eqs_neurons, threshold="v>vt", reset="v = vr", method="exact")
S_ideal = Synapses(
    inputs,
    post_ideal,
    """w : 1
    dApre/dt = -Apre / taupre : 1 (event-driven)
    dApost/dt = -Apost / taupost : 1 (event-driven)""",
    on_pre="""ge += w
    Apre += dApre
    w = clip(w + Apost, 0, gmax)""",
    on_post="""Apost += dApost
    w = clip(w + Apre, 0, gmax)""",
)
S_device = dev.stdp_synapses(
    inputs, post_device, pre_spike, post_spike, on_pre_extra="ge_post += gmax*w_read"
)
S_ideal.connect()
S_device.connect()
w0 = np.random.default_rng(1).random(N)  # the same initial weights on both sides
S_ideal.w = w0 * gmax
S_device.set_states(dev.state_dict(np.repeat(w0[:, None], dev.K, axis=1)))

# run() collects the objects named in this scope (not ones held in a dict or list)
spikes_ideal = SpikeMonitor(post_ideal)
spikes_device = SpikeMonitor(post_device)
trace_ideal = StateMonitor(S_ideal, "w", record=[0, 1], dt=10 * ms)
trace_device = StateMonitor(S_device, "w", record=[0, 1], dt=10 * ms)
run(duration, report="text")

# the device's w is a subexpression, not readable after a cpp_standalone run: average the x_k
w_device = np.mean([np.asarray(getattr(S_device, f"x_{k}")[:]) for k in range(dev.K)], axis=0)
sides = (
    (
        "ideal",
        "ideal additive STDP (Brian2 example)",
        S_ideal.w[:] / gmax,
        spikes_ideal,
        trace_ideal,
        gmax,
    ),
    (
        "device",
        f"Co/Gd device STDP (K = {dev.K}; 13.5 mA, post tail 21 ms)",
        w_device,
        spikes_device,
        trace_device,
        1,
    ),
)
fig, axes = plt.subplots(3, 2, figsize=(11, 8), sharey="row")
for col, (name, title, w, spike_mon, trace, scale) in enumerate(sides):
    t_spikes = np.asarray(spike_mon.t / second)
    rate = np.sum(t_spikes >= args.duration / 2) / (args.duration / 2)
    print(
        f"{name:6s}: mean w {w.mean():.3f}, fraction < 0.1 {np.mean(w < 0.1):.3f}, "
        f"> 0.9 {np.mean(w > 0.9):.3f}; post rate {len(t_spikes) / args.duration:.1f} Hz "
        f"(last half: {rate:.1f} Hz)"
    )
    axes[0, col].plot(w, ".k", ms=2)
    axes[0, col].set(title=f"{title}\npost rate (last half) {rate:.1f} Hz", xlabel="input index")
    axes[1, col].hist(w, 20, range=(0, 1), color="0.3")
    axes[1, col].set_xlabel("weight / gmax")
    axes[2, col].plot(trace.t / second, trace.w.T / scale)
    axes[2, col].set_xlabel("t (s)")
axes[0, 0].set_ylabel("weight / gmax")
axes[1, 0].set_ylabel("synapses")
axes[2, 0].set_ylabel("weight / gmax (synapses 0, 1)")
fig.tight_layout()
fig.savefig(args.out, dpi=110)
print(f"saved {args.out}")
