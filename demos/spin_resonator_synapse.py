"""Spin-resonator synapses: one RF-emitting neuron, five LSMO spin diodes, weights set by bias.

Seed 000 (conclusion) and seed 003 (Fig. 7): each synapse is a Joule-heated LSMO channel
(``presets.chen2024_resonator`` with the hysteretic channel variant: weak spot, steep and hysteretic
ρ(T), which jumps near 15 V at 100 K) in a field μ0H0 at its zero-bias resonance. Every
spike of the presynaptic neuron is a 6 GHz RF burst; each synapse rectifies it into a DC
voltage V_rect·w (spin-diode effect), amplified ×1000 into its postsynaptic integrator
(τ = 10 ms). The synapse's own DC bias heats its channel and moves the zones' resonances
away from H0, so the bias sets the weight:

* synapses 0–2 sit at 0, 6 and 10 V;
* synapse 3 sits at 13 V on the cold branch, gets a 16 V pulse at 100–110 ms that throws
  the channel over the jump, and returns to 13 V on the hot branch — a larger weight at the
  same bias, the synapse's memory;
* synapse 4's bias sweeps 0 → 16 → 0 V; its weight traces the hysteresis loop of the tables.

Measured (numpy; cython and cpp_standalone give the same): μ0H0 = 31.8 mT, loop
12.95–15.05 V; w = 1, 0.44, 0.28 at 0, 6, 10 V; at 13 V w = 0.242 before the pulse and
0.300 after it. With ``--H0 40`` (on the flank of the heated zones' lines) the zones
sweep through resonance as the bias rises (peaks at 7.5 and 10 V) and the memory is
stronger: at 13 V w = 0.065 before the pulse, 0.236 after it.

    python demos/spin_resonator_synapse.py                          # numpy, ≈ 5 s
    python demos/spin_resonator_synapse.py --target cpp_standalone --H0 40 --out fig.png
"""

import argparse

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from brian2 import (
    NeuronGroup,
    StateMonitor,
    TimedArray,
    kelvin,
    ms,
    mV,
    prefs,
    run,
    set_device,
    volt,
)
from brian2.units.allunits import mtesla

from spinbrian import presets

ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
ap.add_argument("--target", choices=("numpy", "cython", "cpp_standalone"), default="numpy")
ap.add_argument("--H0", type=float, default=None, help="μ0H0 in mT (default: on resonance)")
ap.add_argument("--out", default="spin_resonator_synapse.png", help="figure file")
args = ap.parse_args()
if args.target == "cpp_standalone":
    set_device("cpp_standalone", directory=None)  # a temporary build directory
else:
    prefs.codegen.target = args.target

# the channel variant with a weak spot, a steep and a hysteretic transition: a bias loop
dev = presets.chen2024_resonator(
    "+ hysteretic ρ + weak spot + steep ρ", H0=None if args.H0 is None else args.H0 * mtesla
)
tables = dev.tables
print(f"μ0H0 = {dev.H0 / mtesla:.2f} mT, loop {tables.loop} V")
print(f"slowest thermal relaxation {dev.relaxation_times().max() * 1e6:.2f} µs (quasi-static)")

# Bias schedules (1 ms steps), one column per synapse
steps = 320
step = np.arange(steps)
schedule = np.zeros((steps, 5))
schedule[:, 1] = 6.0
schedule[:, 2] = 10.0
schedule[:, 3] = np.where((step >= 100) & (step < 110), 16.0, 13.0)
schedule[:, 4] = 16.0 * (1 - np.abs(step - steps / 2) / (steps / 2))

rf = NeuronGroup(
    1, "dphase/dt = 1/(5*ms) : 1", threshold="phase > 1", reset="phase = 0", method="euler"
)
post = NeuronGroup(5, "dv/dt = -v/(10*ms) : volt", method="exact")
syn = dev.synapses(rf, post, on_pre_extra="v_post += 1000*w_read*V_rect")
syn.connect(i=0, j=np.arange(5))
syn.namespace["bias"] = TimedArray(schedule * volt, dt=1 * ms)
syn.run_regularly("V_bias = bias(t, j)", when="start")
v_mon = StateMonitor(post, "v", record=True)
w_mon = StateMonitor(syn, ["w", "V_bias"], record=[3, 4], when="end")
run(steps * ms)

print("w at 0, 6, 10 V:", np.round(syn.w[:3], 3))
sweep_V, sweep_w = w_mon.V_bias[1] / volt, w_mon.w[1]
for V in (13.0, 14.0):
    up = sweep_w[: len(sweep_w) // 2][np.argmin(np.abs(sweep_V[: len(sweep_V) // 2] - V))]
    down = sweep_w[len(sweep_w) // 2 :][np.argmin(np.abs(sweep_V[len(sweep_V) // 2 :] - V))]
    print(f"sweep at {V:.0f} V: w = {up:.3f} going up, {down:.3f} coming down")
before, after = (w_mon.w[0][np.searchsorted(w_mon.t / ms, x)] for x in (90, 200))
print(f"synapse 3 at 13 V: w = {before:.3f} before the 16 V pulse, {after:.3f} after it")

fig, (ax_v, ax_w, ax_T) = plt.subplots(1, 3, figsize=(13, 4))
for k, label in enumerate(("0 V", "6 V", "10 V", "13 V, 16 V pulse at 100 ms")):
    ax_v.plot(v_mon.t / ms, v_mon.v[k] / mV, lw=0.8, label=label)
ax_v.set(xlabel="t (ms)", ylabel="postsynaptic v (mV)", title="RF input through biased synapses")
ax_v.set_ylim(top=1.3 * ax_v.get_ylim()[1])
ax_v.legend(fontsize=7, ncol=2, loc="upper right")
ax_w.plot(tables.V, tables.w_up, "C0", lw=1, label="tables: up sweep")
ax_w.plot(tables.V, tables.w_down, "C3", lw=1, label="tables: down sweep")
half = len(sweep_V) // 2
ax_w.plot(sweep_V[:half], sweep_w[:half], "C0.", ms=2, label="Brian2 synapse, bias rising")
ax_w.plot(sweep_V[half:], sweep_w[half:], "C3.", ms=2, label="Brian2 synapse, bias falling")
ax_w.set(xlabel="V_bias (V)", ylabel="weight w", title=f"μ0H0 = {dev.H0 / mtesla:.1f} mT, 6 GHz")
ax_w.legend(fontsize=7)
for i in range(tables.T_up.shape[1]):
    ax_T.plot(tables.V, tables.T_up[:, i], f"C{i}", lw=1, label=f"zone {i} (up)")
    ax_T.plot(tables.V, tables.T_down[:, i], f"C{i}--", lw=1)
ax_T.axhline(float(dev.channel.T_c / kelvin), color="0.5", lw=0.5)
ax_T.set(xlabel="V_bias (V)", ylabel="zone temperature (K)", title="steady state (-- down)")
ax_T.legend(fontsize=7)
fig.tight_layout()
fig.savefig(args.out, dpi=110)
print(f"saved {args.out}")
