"""Two VO2 neuristors (seed 003 §III.A): a firing one drives its neighbour through shared heat.

Neuristor 0 is fed above its threshold and spikes (relaxation oscillations of its node
voltage); neuristor 1 is fed at 0.9× threshold and stays quiet on its own. A heat link
of 1 µW/K between them (``thermal_synapses``, both directions: heat flows from the
hotter one) makes it fire once per spike of its driver, ≈ 20 ns later. ``--coupling
capacitive`` links the two nodes through 1 kΩ + 2 pF instead (``electrical_synapses``):
the neighbour then fires on every second spike. ``--coupling none`` is the control.

Run: python demos/vo2_neuristor_pair.py [--target numpy|cython|cpp_standalone]
         [--coupling thermal|capacitive|none] [--out pair.png]
"""

import argparse

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from brian2 import (  # noqa: E402
    SpikeMonitor,
    StateMonitor,
    kelvin,
    kohm,
    mA,
    nsecond,
    pF,
    prefs,
    run,
    set_device,
    usecond,
    volt,
    watt,
)

from spinbrian.presets import vo2_neuristor  # noqa: E402

ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
ap.add_argument("--target", default="numpy", choices=["numpy", "cython", "cpp_standalone"])
ap.add_argument("--coupling", default="thermal", choices=["thermal", "capacitive", "none"])
ap.add_argument("--out", default="vo2_neuristor_pair.png")
args = ap.parse_args()
if args.target == "cpp_standalone":
    set_device("cpp_standalone", directory="vo2_pair_standalone")
else:
    prefs.codegen.target = args.target

dev = vo2_neuristor()  # 2.92 V threshold, spikes of ≈ 5 ns, 1.6–3.2 MHz
V_th = dev.threshold_input()
G = dev.neurons(2, V_in=np.array([1.3, 0.9]) * V_th, dt=0.5 * nsecond)
# name the Synapses: run() collects the Brian2 objects held by variables
if args.coupling == "thermal":
    link = dev.thermal_synapses(G, G, 1e-6 * watt / kelvin, i=[0, 1], j=[1, 0])
elif args.coupling == "capacitive":
    link = dev.electrical_synapses(G, G, 1 * kohm, C_c=2 * pF, i=[0, 1], j=[1, 0])
spikes = SpikeMonitor(G)
M = StateMonitor(G, ["V", "T", "I_dev"], record=True, dt=1 * nsecond)
run(4 * usecond)

print(f"{args.coupling} coupling on {args.target}: spikes {spikes.count[:].tolist()}")
fig, axes = plt.subplots(3, 1, figsize=(8, 7), sharex=True, layout="constrained")
for k, label in enumerate(("driver, 1.3× threshold", "neighbour, 0.9× threshold")):
    axes[0].plot(M.t / usecond, M.V[k] / volt, lw=0.8, label=label)
    axes[1].plot(M.t / usecond, M.T[k] / kelvin, lw=0.8)
    axes[2].plot(M.t / usecond, M.I_dev[k] / mA, lw=0.8)
axes[1].axhline(float(dev.T_imt / kelvin), color="0.5", ls=":", lw=0.8)
axes[1].axhline(float(dev.T_mit / kelvin), color="0.5", ls=":", lw=0.8)
axes[0].set(ylabel="node V (V)", title=f"VO2 neuristor pair, {args.coupling} coupling")
axes[0].legend(fontsize=8)
axes[1].set(ylabel="channel T (K)")
axes[2].set(xlabel="t (µs)", ylabel="channel current (mA)")
fig.savefig(args.out, dpi=120)
print(f"figure: {args.out}")
