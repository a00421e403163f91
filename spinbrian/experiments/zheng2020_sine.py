"""Seed 004 Fig. 2: 40 MTJs generate a sine after FORCE training, then switch to another.

The reservoir (:class:`~spinbrian.networks.MTJReservoir`, 40 junctions of
``presets.zheng2020_mtj()``, full LLG + STT in every junction and every 1.5 ns step; the
quick variant uses the reduced ΔR(j) model, which gives the same outputs at T = 0 to
< 10⁻⁹, see tests/test_reservoir.py) feeds its output back into every junction. FORCE
(RLS, α = 1) trains the readout on f = 0.87 sin(2πt/45 ns) until 4500 ns; learning is
off until 5700 ns, when the target becomes 0.65 sin(2πt/80 ns) and FORCE is launched
again with a fresh P (the seed: "the force-learning algorithm is launched again") until
8700 ns; then the output runs free to 10 200 ns.

FORCE in Sussillo & Abbott's order (the seed's ref. 39): the network emits and feeds
back z(n) = W(n−1)·r(n), and RLS then corrects W with that error, so the recorded output
during learning is the network's own and shows how far it has learned. Error measure (the
seed shows the traces only): NRMSE = RMS(z − f)/A over chunks of 150 ns. "Matched" (seed:
"after 3000 ns, the output is already in perfect agreement") = the learning time from which
every later chunk of the recorded output, up to the end of learning, has NRMSE ≤ 0.1.
"Sustained" = the NRMSE of the whole free-running stretch ≤ 0.1, and sine 2's period and
amplitude (FFT peak, √2·std) within 1 % and 5 % of the target's. "Deviates" (seed:
"significantly deviates … immediately after 5700 ns") = the recorded output's NRMSE over
the first period after the switch ≥ 0.2: the old weights and the fresh P meet a new
target, and the error shows until RLS has caught up.

The network's parameters (p = 0.2, g = 1.2, τ_syn = 10 ns, biases ½ ± ¼, feedback ±1,
RLS α = 1) were chosen from a coarse search with the reduced model over τ_syn ∈ {4.5, 7.5,
10, 15} ns, g ∈ {0.8, 1.0, 1.2, 1.5, 2.0}, α ∈ {0.03, 0.1, 0.3, 1}, feedback ∈ {0.5, 1, 2}
(72 combinations, not a full grid) and 10 random networks (seeds 0–9) each, by how many of
them sustain both sines: the best sustain 3 of 10 (FORCE in Sussillo & Abbott's order is
harder for 40 units than a readout whose post-update output is fed back, which sustained
5 of 10). The figure uses network seed 0. Its two sustained rows are therefore fits of
those parameters; the prediction is how many of ten networks the search never saw (seeds
10–19) sustain both. The full run also reports the same protocol
run by an echo-state network of tanh units with the same weights
(:class:`~spinbrian.networks.ideal_units.TanhResponse`) for comparison; every run repeats it
with linear units (:class:`~spinbrian.networks.LinearResponse`, the device ablation).
"""

import time

import numpy as np
from brian2 import nsecond

from spinbrian import presets
from spinbrian.analysis.timeseries import nrmse, period_and_amplitude
from spinbrian.experiments import Result, Target
from spinbrian.networks import (
    ForceReadout,
    LinearResponse,
    LLGResponse,
    MTJReservoir,
    TanhResponse,
    TransferResponse,
)

NAME = "zheng2020_sine"
TITLE = "Seed 004 Fig. 2: 40-MTJ reservoir generates a sine (FORCE), then switches target"

_SRC = "seed 004 p. 3, Fig. 2a,b"
_FITTED = "network τ_syn, g, α, feedback (coarse search scored on sustaining both sines, seeds 0–9)"
TARGETS = [
    Target(
        "match1",
        "sine 1 (A = 0.87, T = 45 ns) matched after: recorded output within NRMSE 0.1 from then on",
        3000,
        "ns",
        kind="max",
        source=_SRC + ": 'after 3000 ns, the output is already in perfect agreement'",
        role="prediction",
        paper="matched by 3000 ns",
    ),
    Target(
        "free1",
        "sine 1 NRMSE, learning off (4500–5700 ns), network seed 0",
        0.1,
        "",
        kind="max",
        source=_SRC + ": 'the network sustains the generation of the same function'",
        role="fitted",
        calibrates=_FITTED,
        paper="sustained (traces only)",
    ),
    Target(
        "dev2",
        "NRMSE of the output over the first period after the target switch (5700–5780 ns)",
        0.2,
        "",
        kind="min",
        source=_SRC + ": 'The output significantly deviates from the new target function "
        "immediately after 5700 ns'",
        role="prediction",
        paper="deviates significantly (traces only)",
    ),
    Target(
        "match2",
        "sine 2 (A = 0.65, T = 80 ns) matched after the switch, same criterion",
        3000,
        "ns",
        kind="max",
        source=_SRC + ": 'they superpose each other after 3000 ns of learning'",
        role="prediction",
        paper="matched by 3000 ns",
    ),
    Target(
        "free2",
        "sine 2 NRMSE, learning off (8700–10200 ns), network seed 0",
        0.1,
        "",
        kind="max",
        source=_SRC + ": 'the RNN steadily generates the new sinusoidal function afterwards'",
        role="fitted",
        calibrates=_FITTED,
        paper="sustained (traces only)",
    ),
    Target(
        "held_out",
        "held-out networks (seeds 10–19, reduced model) sustaining both sines, NRMSE ≤ 0.1",
        5,
        "of 10",
        kind="min",
        source=_SRC + ": the sustained generation of both sines, on networks the search never saw",
        role="prediction",
        paper="sustained (one network shown)",
    ),
    Target(
        "period2",
        "sine 2 free-running period",
        80.0,
        "ns",
        rel=0.01,
        source=_SRC + ": the trained target, returned by the free-running network",
        role="consistency",
    ),
    Target(
        "amp2",
        "sine 2 free-running amplitude",
        0.65,
        "",
        rel=0.05,
        source=_SRC + ": the trained target, returned by the free-running network",
        role="consistency",
    ),
]

N_MTJ = 40
#: Seed 004 Fig. 2: targets, switch, learning on/off times (ns).
SINE1 = (0.87, 45.0)
SINE2 = (0.65, 80.0)
SWITCH, OFF1, OFF2, END = 5700.0, 4500.0, 8700.0, 10200.0
STEP_NS = 1.5
ALPHA = 1.0
#: Network options of the protocol (the rest are MTJReservoir's defaults).
NETWORK = {"tau_syn": 10 * nsecond}
NET_SEED = 0
READOUT_STREAM = 1  # second entropy word of the readout generator: (seed, 1)
MATCH_NRMSE = 0.1
#: Chunk of the recorded output over which a match is scored.
CHECK_NS = 150.0
#: Network seeds the parameter search never saw.
HELD_OUT = range(10, 20)
#: The device ablation of every seed-004 network experiment.
IDEAL_DEVICE = (
    "every MTJ replaced by a linear unit r = clip(x, 0, 1) after the same normalisation "
    "(networks.LinearResponse)"
)


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


def _sine(k, t_ns):
    amplitude, period = (SINE1, SINE2)[k - 1]
    return amplitude * np.sin(2 * np.pi * np.asarray(t_ns) / period)


def _phase(net, steps, f, train, k, progress):
    """Run ``steps`` (a slice of the protocol) in chunks of CHECK_NS, reporting progress."""
    every = int(round(CHECK_NS / STEP_NS))
    z = []
    for first in range(steps.start, steps.stop, every):
        last = min(first + every, steps.stop)
        z.append(net.run(last - first, targets=f[first:last], train=train[first:last]).z)
        if progress is not None:
            progress(f"  sine {k}: {last * STEP_NS:.0f} of {END:.0f} ns")
    return np.vstack(z)


def learning_errors(t, z, f, train):
    """NRMSE of the recorded output in every CHECK_NS of learning, per sine.

    Returns
    -------
    dict
        {1: [(t_ns, NRMSE), ...], 2: [...]}: chunk start and its error, in time order.
    """
    every = int(round(CHECK_NS / STEP_NS))
    errors = {1: [], 2: []}
    for first in range(0, len(t), every):
        chunk = slice(first, min(first + every, len(t)))
        if train[first]:
            k = 1 if t[first] < SWITCH else 2
            errors[k].append((float(t[first]), nrmse(z[chunk], f[chunk])))
    return errors


def run_protocol(
    response,
    seed=NET_SEED,
    progress=None,
    net_options=None,
    readout_options=None,
):
    """Run the Fig. 2 protocol on a reservoir of ``response`` units.

    ``net_options`` (over :data:`NETWORK`) and ``readout_options`` are passed to
    :class:`MTJReservoir` and :class:`ForceReadout` (e.g. ``delay``, ``update_failure``).

    Returns
    -------
    tuple
        (t, z, f, errors) with t the step times (ns), z the outputs (n, 1), f the targets
        (n, 1) and errors the recorded output's error while learning
        (:func:`learning_errors`).
    """
    t, f, train = protocol()
    net = MTJReservoir(response, seed=seed, **{**NETWORK, **(net_options or {})})
    # the readout's imperfections draw from the run's seed too, one stream for both phases
    # (its own stream: the reservoir's draws from ``seed`` are not reused)
    rng = np.random.default_rng((seed, READOUT_STREAM))
    readout_options = {"alpha": ALPHA, "rng": rng, **(readout_options or {})}
    switch = int(round(SWITCH / STEP_NS))
    net.readout = ForceReadout(net.N, 1, **readout_options)
    z1 = _phase(net, range(0, switch), f, train, 1, progress)
    # FORCE launched again: a fresh P, the weights it has.
    again = ForceReadout(net.N, 1, **readout_options)
    again.W[:] = net.readout.W
    net.readout = again
    z2 = _phase(net, range(switch, len(t)), f, train, 2, progress)
    z = np.vstack([z1, z2])
    return t, z, f, learning_errors(t, z, f, train)


def matched_after(errors, start, threshold=MATCH_NRMSE):
    """Learning time (ns) after which the output stays matched (inf if never).

    ``errors``: (t_ns, NRMSE) of the recorded output's chunks in time order; the match is
    the first chunk from which on every chunk's error is at most ``threshold``.
    """
    bad = [k for k, (_, err) in enumerate(errors) if not err <= threshold]
    first = bad[-1] + 1 if bad else 0
    return errors[first][0] - start if first < len(errors) else float("inf")


def measure(t, z, f, errors=None):
    """The targets' measured values for one run of the protocol (match times need errors)."""
    z, f = z[:, 0], f[:, 0]
    out = {}
    for k, (start, off, stop) in enumerate([(0.0, OFF1, SWITCH), (SWITCH, OFF2, END)], start=1):
        free = (t >= off) & (t < stop)
        out[f"free{k}"] = nrmse(z[free], f[free])
        if errors and errors[k]:
            out[f"match{k}"] = matched_after(errors[k], start)
    after = (t >= SWITCH) & (t < SWITCH + SINE2[1])
    out["dev2"] = nrmse(z[after], f[after])
    T2, A2 = period_and_amplitude(z[t >= OFF2], STEP_NS)
    out["period2"], out["amp2"] = T2, A2
    return out


def held_out(response):
    """How many of the held-out networks (HELD_OUT seeds) sustain both sines."""
    return float(sum(_both_sustained(measure(*run_protocol(response, seed=s))) for s in HELD_OUT))


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
    t, z, f, errors = run_protocol(response, progress=progress)
    wall = time.perf_counter() - start
    measured = measure(t, z, f, errors)
    reduced = TransferResponse(devices)
    say(f"  held-out networks (seeds {HELD_OUT.start}–{HELD_OUT.stop - 1}), reduced model")
    measured["held_out"] = held_out(reduced)
    _, z_ideal, _, errors_ideal = run_protocol(LinearResponse(N_MTJ))
    ideal = measure(t, z_ideal, f, errors_ideal)
    ideal["held_out"] = held_out(LinearResponse(N_MTJ))
    info = [
        (
            "max |z_MTJ − z_ideal| over the run",
            float(np.max(np.abs(z - z_ideal))),
            "",
            "same network with clip(x, 0, 1) units",
        ),
        *[
            (
                f"recorded output's NRMSE, first {CHECK_NS:g} ns of learning sine {k}",
                errors[k][0][1],
                "",
                "before RLS has caught up",
            )
            for k in (1, 2)
        ],
        ("junction model", "reduced ΔR(j)" if quick else "full LLG + STT", "", "T = 0"),
        ("wall time of the run", wall, "s", f"{len(t)} steps"),
    ]
    data = {"t": t, "z": z[:, 0], "f": f[:, 0], "z_ideal": z_ideal[:, 0], "errors": errors}
    if not quick:
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
    return Result(
        NAME, TARGETS, measured, info, data, quick, ideal=ideal, ideal_device=IDEAL_DEVICE
    )


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
