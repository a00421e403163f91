"""Seed 004's reservoir on the benchmarks of reservoir computing: memory capacity, NARMA-10.

Not in the seed: what a user of reservoir computing asks of any reservoir before trusting
it on time series (:mod:`spinbrian.networks.rc_tasks`). The network is the one of Fig. 4
(``zheng2020_recognition``: 40 units, one input node, input weights ±0.5, no feedback) in
the echo-state regime — recurrent gain g = 0.8 (spectral radius < 1) and no synaptic filter
(τ_syn = one step), so that the memory measured is the units' own and the recurrence's —
its units in turn:

* the junction under each reading of :mod:`spinbrian.networks.responses` (reset: reduced
  ΔR(j) model; continuous and pulsed: full LLG, T = 0);
* clip(x, 0, 1) — the device ablation;
* tanh — an echo-state network of the same size and weights.

Memory capacity: u i.i.d. uniform in [−1, 1], 3000 steps (washout 100, readouts fitted on
2000, tested on the rest), delays 1…60. NARMA-10: the input u ∈ [0, 0.5] enters doubled
(the same span of the drive), one-step readout of y(n). The limit rows check the estimator:
a delay line of N units must give MC = N, and no reservoir may exceed MC = N (Jaeger 2002).
"""

import numpy as np

from spinbrian import presets
from spinbrian.experiments import Result, Target
from spinbrian.experiments import zheng2020_recognition as recognition
from spinbrian.experiments._sim import say
from spinbrian.networks import (
    LinearResponse,
    LLGResponse,
    MTJReservoir,
    TanhResponse,
    TransferResponse,
    rc_tasks,
)
from spinbrian.networks.responses import STEP

NAME = "zheng2020_reservoir_tasks"
TITLE = "Seed 004's reservoir: memory capacity and NARMA-10, junction readings vs clip and tanh"

N_UNITS = 40
STEPS, WASHOUT, N_TRAIN = 3000, 100, 2000
MAX_DELAY = 60
UNITS = ("reset", "continuous", "pulsed", "clip", "tanh")
GAIN = 0.8

TARGETS = [
    Target(
        "delay_line_mc",
        f"MC of a delay line of {N_UNITS} units (r_i(n) = u(n − i))",
        float(N_UNITS),
        "",
        rel=0.01,
        source="Jaeger 2002 (GMD Report 152): a delay line remembers exactly N steps",
        role="consistency",
    ),
    Target(
        "largest_mc_over_n",
        "largest MC / N over the five unit types",
        1.0,
        "",
        kind="max",
        source="Jaeger 2002: MC ≤ N for N units",
        role="limit",
        paper="MC ≤ N",
    ),
]


def _response(kind):
    device = presets.zheng2020_mtj()
    if kind == "reset":
        return TransferResponse([device] * N_UNITS)
    if kind in ("continuous", "pulsed"):
        return LLGResponse([device] * N_UNITS, protocol=kind)
    return {"clip": LinearResponse, "tanh": TanhResponse}[kind](N_UNITS)


def scores(kind, seed=recognition.NET_SEED):
    """(MC, r² per delay, NARMA-10 NRMSE) of the Fig. 4 network with ``kind`` units."""
    net = MTJReservoir(
        _response(kind),
        n_in=1,
        input_scale=recognition.INPUT_SCALE,
        feedback=0.0,
        g=GAIN,
        tau_syn=STEP,
        seed=seed,
    )
    u = np.random.default_rng([seed, 11]).uniform(-1.0, 1.0, STEPS)
    states = rc_tasks.drive(net, u)
    mc, r2 = rc_tasks.memory_capacity(states, u, MAX_DELAY, WASHOUT, N_TRAIN)
    u_n, y_n = rc_tasks.narma10(STEPS, np.random.default_rng([seed, 12]))
    narma = rc_tasks.narma_error(rc_tasks.drive(net, u_n, input_scale=2.0), y_n, WASHOUT, N_TRAIN)
    return mc, r2, narma


def delay_line_mc():
    """MC of the exact delay line r_i(n) = u(n − i), i = 1…N (the estimator's check)."""
    u = np.random.default_rng(5).uniform(-1.0, 1.0, STEPS)
    states = np.column_stack([np.roll(u, i) for i in range(1, N_UNITS + 1)])
    return rc_tasks.memory_capacity(states, u, MAX_DELAY, WASHOUT, N_TRAIN)[0]


def run(quick=False, progress=None):
    """Both benchmarks for every unit type (the same in the quick variant: ≈ 20 s).

    Parameters
    ----------
    quick : bool
        Accepted for the registry; the run is the same.
    progress : callable, optional
        Called with progress lines.

    Returns
    -------
    Result
    """
    results = {}
    for kind in UNITS:
        results[kind] = scores(kind)
        say(progress, f"  {kind}: MC {results[kind][0]:.2f}, NARMA-10 NRMSE {results[kind][2]:.3f}")
    measured = {
        "delay_line_mc": delay_line_mc(),
        "largest_mc_over_n": max(r[0] for r in results.values()) / N_UNITS,
    }
    label = {
        "reset": "junction, reset reading (reduced model)",
        "continuous": "junction, continuous reading (LLG)",
        "pulsed": "junction, pulsed reading (LLG)",
        "clip": "clip(x, 0, 1) — the device ablation",
        "tanh": "tanh — ESN of the same size and weights",
    }
    info = [
        (f"memory capacity, {label[k]}", results[k][0], f"of {N_UNITS}", "delays 1–60")
        for k in UNITS
    ]
    info += [(f"NARMA-10 NRMSE, {label[k]}", results[k][2], "", "test stretch") for k in UNITS]
    data = {k: {"mc": v[0], "r2": v[1], "narma": v[2]} for k, v in results.items()}
    return Result(NAME, TARGETS, measured, info, data, quick)


def plot(result):
    """Memory function r²(k) per unit type, and the NARMA-10 error per unit type."""
    from matplotlib.figure import Figure

    d = result.data
    fig = Figure(figsize=(11, 3.8), layout="constrained")
    ax_m, ax_n = fig.subplots(1, 2)
    k = np.arange(1, MAX_DELAY + 1)
    for i, kind in enumerate(UNITS):
        ax_m.plot(k, d[kind]["r2"], color=f"C{i}", label=f"{kind} (MC {d[kind]['mc']:.1f})")
    ax_m.set(xlabel="delay k (steps of 1.5 ns)", ylabel="r²(u(n − k), ŷ_k)", xlim=(1, 30))
    ax_m.set_title("memory function", fontsize=9)
    ax_m.legend(fontsize=8)
    ax_n.bar(
        range(len(UNITS)), [d[kind]["narma"] for kind in UNITS], color=[f"C{i}" for i in range(5)]
    )
    ax_n.set_xticks(range(len(UNITS)), UNITS)
    ax_n.set(ylabel="NARMA-10 NRMSE (test)")
    ax_n.set_title("NARMA-10, one-step readout", fontsize=9)
    return fig
