"""Train a 40-MTJ reservoir to generate a sine (FORCE), then run it on cpp_standalone.

Seed 004 (Zheng et al. 2020), Fig. 2: the junctions run the full LLG + STT; training runs
step by step through the compiled kernel (a few seconds), and the trained network — a
NeuronGroup of junctions, recurrent/feedback/readout Synapses — is then generated as C++
by Brian2 and run without Python in the loop. Edit N, the target and the device freely.

    python demos/mtj_reservoir_standalone.py     # writes mtj_reservoir.png
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from brian2 import set_device

from spinbrian import presets
from spinbrian.networks import ForceReadout, LLGResponse, MTJReservoir, brian2_reservoir

N = 40
AMPLITUDE, PERIOD_NS, STEP_NS = 0.87, 45.0, 1.5

mtj = presets.zheng2020_mtj()
net = MTJReservoir(LLGResponse([mtj] * N), seed=0)
n = np.arange(3000)
target = AMPLITUDE * np.sin(2 * np.pi * n * STEP_NS / PERIOD_NS)[:, None]
net.run(3000, targets=target, train=n < 2000, readout=ForceReadout(N, 1, alpha=0.1))

set_device("cpp_standalone", directory="mtj_reservoir_standalone")
b2 = brian2_reservoir(net, n_steps=400)
z = b2.run()

t = np.arange(len(z)) * STEP_NS
plt.plot(t, AMPLITUDE * np.sin(2 * np.pi * t / PERIOD_NS), color="0.6", lw=3, label="target")
plt.plot(t, z[:, 0], color="C3", label="trained MTJ reservoir (cpp_standalone)")
plt.xlabel("t (ns)")
plt.ylabel("output")
plt.legend()
plt.savefig("mtj_reservoir.png", dpi=120)
print(f"saved mtj_reservoir.png; output std {z.std():.3f} (sine: {AMPLITUDE / np.sqrt(2):.3f})")
