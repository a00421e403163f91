"""Seed 004 Fig. 2: 40 MTJs generate a sine after FORCE training, then switch to another.

The reservoir (:class:`~spinbrian.networks.MTJReservoir`, 40 junctions of
``presets.zheng2020_mtj()``, full LLG + STT in every junction and every 1.5 ns step; the
quick variant uses the reduced ΔR(j) model, which gives the same outputs at T = 0 to
< 10⁻⁹, see tests/test_reservoir.py) feeds its output back into every junction. FORCE
(RLS, α = 0.1) trains the readout on f = 0.87 sin(2πt/45 ns) until 4500 ns; learning is
off until 5700 ns, when the target becomes 0.65 sin(2πt/80 ns) and FORCE is launched
again with a fresh P (the seed: "the force-learning algorithm is launched again") until
8700 ns; then the output runs free to 10 200 ns.

Error measure (the seed shows the traces only): NRMSE = RMS(z − f)/A. "Matched" = the
sliding one-period NRMSE stays ≤ 0.1 from then until learning stops; "sustained" = the
NRMSE of the whole free-running stretch ≤ 0.1, and its period and amplitude (FFT peak,
√2·std) within 1 % and 5 % of the target's. A free-running oscillator accumulates phase,
so the NRMSE of the sustained stretch is the strict test.

The network's parameters (p = 0.2, g = 1.2, τ_syn = 7.5 ns, biases ½ ± ¼, feedback ±1)
were chosen from a coarse search over τ_syn ∈ {7.5, 10, 15} ns, g ∈ {1.2, 1.5},
α ∈ {0.03, 0.1, 1} with the reduced model and 10 random networks each, by how many of
them sustain both sines; the figure uses network seed 0. The full run reports, as
information, how many of 10 random networks (reduced model) meet both sustained targets,
and the same protocol run by an echo-state network of tanh units with the same weights
(:class:`~spinbrian.networks.esn.TanhResponse`) for comparison.
"""

import time

import numpy as np

from spinbrian import presets
from spinbrian.analysis.timeseries import match_time, nrmse, period_and_amplitude
from spinbrian.experiments import Result, Target
from spinbrian.networks import ForceReadout, LLGResponse, MTJReservoir, TransferResponse
from spinbrian.networks.esn import TanhResponse

NAME = "zheng2020_sine"
TITLE = "Seed 004 Fig. 2: 40-MTJ reservoir generates a sine (FORCE), then switches target"

_SRC = "seed 004 Fig. 2a,b"
TARGETS = [
    Target(
        "match1", "sine 1 (A = 0.87, T = 45 ns) matched after", 3000, "ns", kind="max", source=_SRC
    ),
    Target(
        "free1",
        "sine 1 NRMSE, learning off (4500–5700 ns)",
        0.1,
        "",
        kind="max",
        source=_SRC + " (threshold: spinbrian)",
    ),
    Target(
        "match2",
        "sine 2 (A = 0.65, T = 80 ns) matched after the switch",
        3000,
        "ns",
        kind="max",
        source=_SRC,
    ),
    Target(
        "free2",
        "sine 2 NRMSE, learning off (8700–10200 ns)",
        0.1,
        "",
        kind="max",
        source=_SRC + " (threshold: spinbrian)",
    ),
    Target("period2", "sine 2 free-running period", 80.0, "ns", rel=0.01, source=_SRC),
    Target("amp2", "sine 2 free-running amplitude", 0.65, "", rel=0.05, source=_SRC),
]

N_MTJ = 40
#: Seed 004 Fig. 2: targets, switch, learning on/off times (ns).
SINE1 = (0.87, 45.0)
SINE2 = (0.65, 80.0)
SWITCH, OFF1, OFF2, END = 5700.0, 4500.0, 8700.0, 10200.0
STEP_NS = 1.5
ALPHA = 0.1
NET_SEED = 0
MATCH_NRMSE = 0.1


def protocol():
    """Step times (ns), targets (n, 1) and training mask of the seed's Fig. 2 protocol."""
    t = np.arange(int(round(END / STEP_NS))) * STEP_NS
    f = np.where(
        t < SWITCH,
        SINE1[0] * np.sin(2 * np.pi * t / SINE1[1]),
        SINE2[0] * np.sin(2 * np.pi * t / SINE2[1]),
    )
    train = (t < OFF1) | ((t >= SWITCH) & (t < OFF2))
    return t, f[:, None], train


def run_protocol(response, seed=NET_SEED, progress=None, net_options=None, readout_options=None):
    """Run the Fig. 2 protocol on a reservoir of ``response`` units; returns (t, z, f).

    ``net_options`` and ``readout_options`` are passed to :class:`MTJReservoir` and
    :class:`ForceReadout` (e.g. ``delay``, ``update_failure``).
    """
    t, f, train = protocol()
    net = MTJReservoir(response, seed=seed, **(net_options or {}))
    readout_options = {"alpha": ALPHA, **(readout_options or {})}
    first = t < SWITCH
    z1 = net.run(
        int(first.sum()),
        targets=f[first],
        train=train[first],
        readout=ForceReadout(net.N, 1, **readout_options),
        progress=progress,
    ).z
    # FORCE launched again: a fresh P, the weights it has.
    again = ForceReadout(net.N, 1, **readout_options)
    again.W[:] = net.readout.W
    z2 = net.run(
        int((~first).sum()),
        targets=f[~first],
        train=train[~first],
        readout=again,
        progress=progress,
    ).z
    return t, np.vstack([z1, z2]), f


def measure(t, z, f):
    """The targets' measured values for one run of the protocol."""
    z, f = z[:, 0], f[:, 0]
    periods = int(round(SINE1[1] / STEP_NS)), int(round(SINE2[1] / STEP_NS))
    out = {}
    for k, (start, off, stop, period) in enumerate(
        [(0.0, OFF1, SWITCH, periods[0]), (SWITCH, OFF2, END, periods[1])], start=1
    ):
        learn = (t >= start) & (t < off)
        free = (t >= off) & (t < stop)
        n = match_time(z[learn], f[learn], period, MATCH_NRMSE)
        out[f"match{k}"] = n * STEP_NS
        out[f"free{k}"] = nrmse(z[free], f[free])
    T2, A2 = period_and_amplitude(z[t >= OFF2], STEP_NS)
    out["period2"], out["amp2"] = T2, A2
    return out


def _both_sustained(m):
    return m["free1"] <= MATCH_NRMSE and m["free2"] <= MATCH_NRMSE


def run(quick=False, progress=None):
    """Run the protocol on the default network (full LLG unless ``quick``).

    Parameters
    ----------
    quick : bool
        Use the reduced ΔR(j) model and skip the statistics over networks.
    progress : callable, optional
        Called with progress lines.

    Returns
    -------
    Result
    """
    say = progress or (lambda s: None)
    device = presets.zheng2020_mtj()
    devices = [device] * N_MTJ
    response = TransferResponse(devices) if quick else LLGResponse(devices)
    say(f"  {'reduced' if quick else 'full LLG'} reservoir of {N_MTJ} MTJs, 6800 steps")
    start = time.perf_counter()
    t, z, f = run_protocol(response, progress=progress)
    wall = time.perf_counter() - start
    measured = measure(t, z, f)
    info = [
        ("junction model", "reduced ΔR(j)" if quick else "full LLG + STT", "", "T = 0"),
        ("wall time of the run", wall, "s", ""),
    ]
    data = {"t": t, "z": z[:, 0], "f": f[:, 0]}
    if not quick:
        reduced = TransferResponse(devices)
        ok = 0
        for seed in range(10):
            ok += _both_sustained(measure(*run_protocol(reduced, seed=seed)))
        info.append(
            (
                "random networks sustaining both sines",
                ok,
                "of 10",
                "reduced model, NRMSE ≤ 0.1 in both free runs",
            )
        )
        start = time.perf_counter()
        esn = measure(*run_protocol(TanhResponse(N_MTJ)))
        esn_wall = time.perf_counter() - start
        info += [
            (
                "ESN (tanh, same weights): free NRMSE sine 1 / sine 2",
                f"{esn['free1']:.3f} / {esn['free2']:.3f}",
                "",
                "seed 0",
            ),
            ("ESN wall time", esn_wall, "s", "vs the MTJ run above"),
        ]
    return Result(NAME, TARGETS, measured, info, data, quick)


def plot(result):
    """Output and target vs time, learning periods shaded (seed 004 Fig. 2a,b)."""
    import matplotlib.pyplot as plt

    d = result.data
    windows = [(0, 450), (4350, 6150), (8550, 9450)]
    titles = [
        "FORCE starts: A = 0.87, T = 45 ns",
        "learning off at 4500 ns (dashed), new target at 5700 ns",
        "learning off at 8700 ns: A = 0.65, T = 80 ns sustained",
    ]
    fig, axes = plt.subplots(3, 1, figsize=(9, 7))
    for ax, (lo, hi), title in zip(axes, windows, titles, strict=True):
        keep = (d["t"] >= lo) & (d["t"] < hi)
        ax.plot(d["t"][keep], d["f"][keep], color="0.6", lw=3, label="target")
        ax.plot(d["t"][keep], d["z"][keep], color="C3", lw=1.2, label="MTJ reservoir output")
        for a, b in ((0, OFF1), (SWITCH, OFF2)):
            if a < hi and b > lo:
                ax.axvspan(max(a, lo), min(b, hi), color="C0", alpha=0.08)
        for edge in (OFF1, SWITCH, OFF2):
            if lo < edge < hi:
                ax.axvline(edge, color="k", ls="--", lw=0.8)
        ax.set_xlim(lo, hi)
        ax.set_ylabel("output")
        ax.set_title(title + " (learning shaded)", fontsize=9)
    axes[0].legend(loc="upper right", fontsize=8)
    axes[-1].set_xlabel("t (ns)")
    fig.tight_layout()
    return fig
