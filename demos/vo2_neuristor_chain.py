"""A chain of VO2 neuristors passing spikes on as a heat wave (seed 003 §III.A, Fig. 9).

Eight neuristors in a row, each linked to its neighbours by a heat link G_c (both
directions: heat flows from the hotter device). The first is fed above threshold and
fires; the others are fed at 0.9× threshold and stay quiet on their own. With G_c =
2 µW/K each spike heats the next device through its insulator–metal transition and the
spike runs down the row: the script prints the median delay between the first spikes of
consecutive stages, 17 ns per stage on the numpy target (first spikes 324.5 … 451 ns;
4 of the driver's 7 spikes in 3 µs reach the last stage). Below ≈ 1.5 µW/K it dies out
after a stage or two (``--g-c 1``: 2 stages fire).

Run: python demos/vo2_neuristor_chain.py [--target numpy|cython|cpp_standalone]
         [--n 8] [--g-c 2.0] [--out chain.png]
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
    nsecond,
    prefs,
    run,
    set_device,
    usecond,
    watt,
)

from spinbrian.presets import vo2_neuristor  # noqa: E402

ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
ap.add_argument("--target", default="numpy", choices=["numpy", "cython", "cpp_standalone"])
ap.add_argument("--n", type=int, default=8, help="neuristors in the chain")
ap.add_argument("--g-c", type=float, default=2.0, help="heat link, µW/K")
ap.add_argument("--out", default="vo2_neuristor_chain.png")
args = ap.parse_args()
if args.target == "cpp_standalone":
    set_device("cpp_standalone", directory="vo2_chain_standalone")
else:
    prefs.codegen.target = args.target

dev = vo2_neuristor()
drive = np.full(args.n, 0.9) * dev.threshold_input()
drive[0] = 1.3 * dev.threshold_input()
G = dev.neurons(args.n, V_in=drive, dt=0.5 * nsecond)
links = dev.thermal_synapses(G, G, args.g_c * 1e-6 * watt / kelvin, condition="abs(i - j) == 1")
spikes = SpikeMonitor(G)
M = StateMonitor(G, "T", record=True, dt=2 * nsecond)
run(3 * usecond)

trains = spikes.spike_trains()
first = [float(trains[k][0] / nsecond) if len(trains[k]) else np.nan for k in range(args.n)]
print(f"G_c = {args.g_c} µW/K on {args.target}: spikes per stage {spikes.count[:].tolist()}")
print("first spike (ns):", ", ".join(f"{t:.1f}" for t in first))
silent = np.flatnonzero(np.isnan(first))
reached = int(silent[0]) if silent.size else args.n
print(f"stages reached: {reached} of {args.n}")
if reached > 1:
    delays = np.diff(first[:reached])
    print(
        f"median first-spike delay per stage: {np.median(delays):.1f} ns "
        f"(over {delays.size} stages)"
    )

fig, (ax_r, ax_t) = plt.subplots(1, 2, figsize=(11, 4), layout="constrained")
ax_r.plot(spikes.t / usecond, spikes.i[:], "|", ms=10)
ax_r.set(xlabel="t (µs)", ylabel="stage", title=f"raster, heat links {args.g_c:g} µW/K")
im = ax_t.imshow(
    M.T / kelvin,
    aspect="auto",
    origin="lower",
    extent=(0, float(M.t[-1] / usecond), -0.5, args.n - 0.5),
    cmap="inferno",
)
fig.colorbar(im, ax=ax_t, label="channel T (K)")
ax_t.set(xlabel="t (µs)", ylabel="stage", title="the heat wave")
fig.savefig(args.out, dpi=120)
print(f"figure: {args.out}")
