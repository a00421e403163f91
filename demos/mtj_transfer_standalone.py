"""Seed 004's MTJ neuron in a plain Brian2 script, compiled with cpp_standalone.

Twenty junctions get currents across the paper's input range; each one's output is the
last peak-to-peak of its resistance within 1.5 ns (seed 004, Fig. 1c,d).
Run: python demos/mtj_transfer_standalone.py
"""

import numpy as np
from brian2 import StateMonitor, amp, meter, nsecond, psecond, run, set_device

from spinbrian import presets
from spinbrian.analysis.transfer import last_peak_to_peak

set_device("cpp_standalone", directory="mtj_standalone")
mtj = presets.zheng2020_mtj()
j = np.linspace(0.8, 1.0, 20) * 1e10 * amp / meter**2
G = mtj.neurons(len(j), j=j, dt=0.25 * psecond)
M = StateMonitor(G, "R", record=True)
run(1.5 * nsecond)

for jk, dR in zip(j, last_peak_to_peak(M.R_), strict=True):
    print(f"j = {jk / (1e10 * amp / meter**2):.3f}e10 A/m²   ΔR = {dR:6.1f} Ω")
