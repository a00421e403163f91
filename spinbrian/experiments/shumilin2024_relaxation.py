"""Seed 002 Fig. 4: slow, logarithmic dynamics of the glassy synapse from 3 s to 10⁵ s.

``presets.shumilin2024_glassy()`` (calibrated on Figs. 2–3, nothing refitted here; every
row is a prediction):

* **a, b** (100 K): 5000 cycles of +4 V / −4 V pulses of 3 s, each followed by a 3 s read
  at −0.1 V (linear regime: the read does not change the state). Endurance is the on/off
  ratio of cycle 5000 over that of cycle 1 (Fig. S3: "no sign of degradation after 5·10³
  set/reset cycles"), measured from the first cycle on. During each read (0.1 → 3 s after
  the pulse, last cycle) the high state relaxes down and the low state up, as
  σ0 + σ1 log t, and "slightly": by at most 10 % of the high−low gap (spinbrian's reading
  of the word).
* **retention** (100 K): the two states of the last cycle left at rest for 10⁵ s (the span
  of Fig. 4d); "non-volatile" is read as σ_high/σ_low ≥ 10³ at the end.
* **c** (76 K): 50 pulses of −3 V, 1 ms, one every 8 s (≈ 400 s): σ0 − σ1 log N_p (the
  R² counts only where σ1 > 0, i.e. the train decreases).
* **d** (76 K): 250 repetitions of a Fig. 3-type experiment (≈ 400 s each, so ≈ 10⁵ s in
  all: a −4 V, 1 s reset, then 50 potentiation pulses cycling through +3, +3.5, +4 V × 1,
  10, 50 ms); the conductance right after each reset drifts as σ0 − σ1 log N_exp.

What the model does (measured, not tuned): +4 V flattens the whole band and −4 V moves
every barrier up to ≈ 0.8 eV, so the first cycle sets both extremal states and the later
ones repeat them (endurance 1); the barriers above ≈ 0.34 eV do not relax in 10⁵ s at
100 K, so the states keep ≈ 1/3 of their on/off ratio (≈ 6·10² → ≈ 2·10²: non-volatile in
kind, below the 10³ read in size, because the on/off itself is ≈ 6·10², see
``shumilin2024_pulses``). The read relaxation is ≈ 16–19 % in 3 s (the conductance scale
fitted to the +2 V range makes each e-fold of time worth ≈ 5 % of σ). Fig. 4d fails in
sign: the +3…+4 V pulses set barriers the −4 V reset cannot reach, so the state after
each reset rises over the experiments instead of drifting down — in this model
potentiation reaches further than depression at equal |V|, where the paper finds the
slow dynamics driven by the erasing pulses.

No pulse physics can lift both the on/off and the read misses: a pulse can at most set
every class to 0 or 1, and in a 3 s read at 100 K the classes below ≈ 0.25 eV return to ½,
so on/off ≤ exp(L·A) and a fully set state changes during the read by exp(±L·B) − 1 (two
info rows, :func:`~spinbrian.networks.glassy_protocols.readout_bound`): 10⁴ needs
L ≥ 11.2, where the read changes by ≈ 20 %; a read change ≤ 5 % needs L ≤ 3, where the
on/off is ≤ 12. Both facts constrain the read-out (flat band, σ ∝ exp(L·X)), not the pulses:
Joule heating during the pulse (T + R_th·V·I, recalibrated for R_th = 10³…10⁶ K/W, four
variants) reached at most on/off ≈ 10³, at ≈ 2000 K during +4 V.

The quick and the full run are the same (≈ 10 s): the targets are defined over 5000
cycles and 250 experiments, the paper's counts.
"""

import itertools

import numpy as np
from brian2 import kelvin

from spinbrian import presets
from spinbrian.experiments import Result, Target
from spinbrian.networks import glassy_protocols as gp

NAME = "shumilin2024_relaxation"
TITLE = "Seed 002 Fig. 4: logarithmic relaxation after pulses, in pulse trains and over 10⁵ s"

_Q7 = (
    "seed 002 text of Fig. 4a (Fig. S3): 'after 5 × 10³ set/reset cycles, the on/off ratio "
    "shows no sign of degradation'"
)
_Q8 = (
    "seed 002 text of Fig. 4a,b: 'when the device is set in the high conductance state, it "
    "relaxes to a slightly lower conductance while, on the contrary, when it is set in the "
    "low conductance state, it relaxes to a slightly higher conductance level'"
)
_Q9 = "seed 002 Fig. 4b: '…σ(t) = σ0 + σ1 log(t)'"
_Q10 = (
    "seed 002 Fig. 4c: '…-3 V depression pulses, which can also be described with the "
    "logarithmic law σ = σ0 − σ1 log(N_p)…'"
)
_Q11 = (
    "seed 002 Fig. 4d: '…the dependence on the experiment number can be described as a "
    "logarithm σ = σ0 − σ1 log(N_exp)…' 'With each experiment lasting ≈ 400 s, the "
    "logarithmic dependence in Figure 4d) corresponds to a timescale of 10⁵ s'"
)
_Q14 = (
    "seed 002 abstract: 'the resistive state of each cross-point can be changed "
    "progressively in a non-volatile fashion'; Fig. 4d: the drift spans 10⁵ s"
)
TARGETS = [
    Target(
        "retention",
        "log10 σ_high/σ_low of the ±4 V states after 10⁵ s at rest (100 K)",
        3.0,
        "",
        kind="min",
        source=_Q14,
        role="prediction",
        paper="non-volatile",
    ),
    Target(
        "endurance",
        "on/off of the ±4 V states, cycle 5000 / cycle 1 (100 K)",
        0.95,
        "",
        kind="min",
        source=_Q7,
        role="prediction",
        paper="no sign of degradation after 5·10³ cycles",
    ),
    Target(
        "high_down",
        "relative change of the high state during its 3 s read",
        0.0,
        "%",
        kind="max",
        source=_Q8,
        role="prediction",
        paper="relaxes to a slightly lower conductance",
    ),
    Target(
        "low_up",
        "relative change of the low state during its 3 s read",
        0.0,
        "%",
        kind="min",
        source=_Q8,
        role="prediction",
        paper="relaxes to a slightly higher conductance",
    ),
    Target(
        "read_slight",
        "max over both states of |Δσ during the 3 s read| / (σ_high − σ_low)",
        0.1,
        "",
        kind="max",
        source=_Q8,
        role="prediction",
        paper="relaxes slightly",
    ),
    Target(
        "read_r2",
        "R² of σ0 + σ1 log t over the 3 s read (both states)",
        0.95,
        "",
        kind="min",
        source=_Q9,
        role="prediction",
        paper="σ(t) = σ0 + σ1 log(t)",
    ),
    Target(
        "train_r2",
        "R² of σ0 − σ1 log N_p, −3 V × 1 ms train (0 unless σ1 > 0)",
        0.95,
        "",
        kind="min",
        source=_Q10,
        role="prediction",
        paper="σ = σ0 − σ1 log(N_p)",
    ),
    Target(
        "drift_r2",
        "R² of σ0 − σ1 log N_exp after the resets, 250 experiments (10⁵ s)",
        0.9,
        "",
        kind="min",
        source=_Q11,
        role="prediction",
        paper="σ = σ0 − σ1 log(N_exp) over 10⁵ s",
    ),
    Target(
        "drift_slope",
        "σ1 of the drift after the resets (must be > 0)",
        0.0,
        "nS",
        kind="min",
        source=_Q11,
        role="prediction",
        paper="σ decreasing as − σ1 log(N_exp)",
    ),
]

READ_TIMES = np.linspace(0.1, 3.0, 30)
N_EXPERIMENTS = 250  # ≈ 400 s each: 10⁵ s (Fig. 4d)
N_CYCLES = 5000  # Fig. S3
#: Times at rest after the last cycle (s): 3 s to 10⁵ s, the span of Fig. 4.
RETENTION_TIMES = np.logspace(np.log10(3.0), 5.0, 25)
POTENTIATION = list(itertools.product((3.0, 3.5, 4.0), (1e-3, 10e-3, 50e-3)))


def extremal_cycles(device, cycles=N_CYCLES):
    """±4 V, 3 s cycles with 3 s reads (Fig. 4a).

    Returns the conductances at the end of every read (high, low alternating), the read
    traces (at :data:`READ_TIMES` after the pulse) of the last cycle and its two states
    (occupancies after the reads).
    """
    x = device.rest_state()
    ends, traces = [], []
    for cycle in range(cycles):
        high, low = gp.extremal_states(device, x)
        ends += [float(device.conductance(high)), float(device.conductance(low))]
        if cycle == cycles - 1:
            for V, start in ((gp.EXTREMAL_V, x), (-gp.EXTREMAL_V, high)):
                after = device.pulse(start, V, gp.EXTREMAL_PULSE)
                traces.append(device.conductance(device.relax(after[None, :], READ_TIMES[:, None])))
        x = low
    return np.array(ends), traces, (high, low)


def retention(device, states, times=RETENTION_TIMES):
    """σ_high/σ_low of two states left at rest for each of ``times`` (s)."""
    high, low = (device.conductance(device.relax(x[None, :], times[:, None])) for x in states)
    return high / low


def drift_after_resets(device, n=N_EXPERIMENTS):
    """Conductance right after the −4 V reset of each of ``n`` Fig. 3-type experiments."""
    x = device.rest_state()
    after_reset = []
    for e in range(n):
        x = device.pulse(x, -4.0, 1.0)
        after_reset.append(float(device.conductance(x)))
        V, tau = POTENTIATION[e % len(POTENTIATION)]
        x = gp.pulse_train(device, V, tau, x0=x)[1]
    return np.array(after_reset)


def run(quick=False, progress=None):
    """Fig. 4a–d on the preset: 5000 cycles, one −3 V train, 250 repeated experiments.

    Parameters
    ----------
    quick : bool
        Unused: the run is the paper's full protocol and takes ≈ 2 s.
    progress : callable, optional
        Called with progress lines.

    Returns
    -------
    Result
    """
    warm = presets.shumilin2024_glassy(100 * kelvin)
    ends, (s_high, s_low), last = extremal_cycles(warm, N_CYCLES)
    kept = retention(warm, last)
    high, low = ends[0::2], ends[1::2]
    on_off = high / low
    gap = high[-1] - low[-1]
    cold = presets.shumilin2024_glassy()
    train = gp.pulse_train(cold, -3.0, 1e-3)[0]
    _, train_slope, train_r2 = gp.log_fit(np.arange(1, 51), train[1:])
    drift = drift_after_resets(cold, N_EXPERIMENTS)
    _, drift_slope, drift_r2 = gp.log_fit(np.arange(1, N_EXPERIMENTS + 1), drift)
    measured = {
        "endurance": float(on_off[-1] / on_off[0]),
        "high_down": 100 * (s_high[-1] / s_high[0] - 1),
        "low_up": 100 * (s_low[-1] / s_low[0] - 1),
        "read_slight": max(abs(s[-1] - s[0]) / gap for s in (s_high, s_low)),
        "read_r2": min(gp.log_fit(READ_TIMES, s)[2] for s in (s_high, s_low)),
        "train_r2": train_r2 if train_slope < 0 else 0.0,
        "drift_r2": drift_r2,
        "drift_slope": -1e9 * drift_slope,
        "retention": float(np.log10(kept[-1])),
    }
    mr_high, mr_low = (100 * float(warm.magnetoresistance(x)) for x in last)
    bound = gp.readout_bound(warm, t_first=READ_TIMES[0], t_read=READ_TIMES[-1])
    L_needed = np.log(1e4) / bound["A"]  # the smallest L that allows on/off 10⁴
    L_slight = np.log1p(0.05) / bound["B"]  # the largest L with a ≤ 5 % low-state read
    info = [
        (
            "on/off bound of any pulse physics, 3 s read: exp(L·Σ w_k e^(−γ_k·3 s))",
            bound["on_off_max"],
            "",
            f"10⁴ needs L ≥ {L_needed:.3g} (preset {warm.log_on_off:.3g}); "
            "networks.glassy_protocols.readout_bound",
        ),
        (
            "read change of a fully set high / low state, 0.1 → 3 s",
            f"{100 * bound['read_high']:.3g} / {100 * bound['read_low']:.3g}",
            "%",
            f"at L = {L_needed:.3g} (on/off 10⁴): "
            f"{100 * np.expm1(-L_needed * bound['B']):.3g} / "
            f"{100 * np.expm1(L_needed * bound['B']):.3g} %; ≤ 5 % needs L ≤ {L_slight:.3g}, "
            f"on/off ≤ {np.exp(L_slight * bound['A']):.3g}",
        ),
        (
            "MR of the ±4 V states (last cycle), high / low",
            f"{mr_high:.3g} / {mr_low:.3g}",
            "%",
            "two-channel MR (GlassySynapse.magnetoresistance): absent only at the background",
        ),
        (
            "on/off of the ±4 V states at 100 K, cycle 1 / 10 / 100 / 5000",
            f"{on_off[0]:.3g} / {on_off[9]:.3g} / {on_off[99]:.3g} / {on_off[-1]:.3g}",
            "",
            "the fall is over the first cycles; then the states repeat",
        ),
        (
            "cycle-to-cycle change of the high state, cycles 9 → 10 / 4999 → 5000",
            f"{100 * (high[9] / high[8] - 1):.3g} / {100 * (high[-1] / high[-2] - 1):.3g}",
            "%",
            "the glassy drift, falling as 1/N",
        ),
        (
            "Δσ during the read / (σ_high − σ_low), high / low state",
            f"{(s_high[-1] - s_high[0]) / gap:.3g} / {(s_low[-1] - s_low[0]) / gap:.3g}",
            "",
            "cycle 5000, 0.1 → 3 s after the pulse",
        ),
        (
            "σ1 of the −3 V train",
            -1e9 * train_slope,
            "nS",
            "σ = σ0 − σ1 ln N_p: must be > 0 for train_r2 to count",
        ),
        ("time span of the drift", N_EXPERIMENTS * 400.0, "s", "≈ 400 s per experiment"),
        (
            "σ_high/σ_low after 3 s / 10³ s / 10⁵ s at rest (100 K)",
            " / ".join(
                f"{np.interp(np.log10(t), np.log10(RETENTION_TIMES), kept):.3g}"
                for t in (3.0, 1e3, 1e5)
            ),
            "",
            "after cycle 5000",
        ),
    ]
    data = {
        "high": high,
        "low": low,
        "s_high": s_high,
        "s_low": s_low,
        "train": train,
        "drift": drift,
        "retention": kept,
    }
    return Result(NAME, TARGETS, measured, info, data, quick)


def plot(result):
    """Fig. 4a–d: the ±4 V cycles, one read each way, the −3 V train and the drift."""
    import matplotlib.pyplot as plt

    d = result.data
    fig, axes = plt.subplots(1, 5, figsize=(16, 3.2))
    cycles = np.arange(1, len(d["high"]) + 1)
    axes[0].semilogy(cycles, 1e6 * d["high"], "o-", label="after +4 V")
    axes[0].semilogy(cycles, 1e6 * d["low"], "s-", label="after −4 V")
    axes[0].set(xlabel="cycle", ylabel="σ (µS)", title="a: ±4 V, 3 s (100 K)")
    axes[0].legend(fontsize=7)
    axes[1].plot(READ_TIMES, d["s_high"] / d["s_high"][0], label="high state")
    axes[1].plot(READ_TIMES, d["s_low"] / d["s_low"][0], label="low state")
    axes[1].set_xscale("log")
    axes[1].set(xlabel="t after pulse (s)", ylabel="σ / σ(0.1 s)", title="b: during the read")
    axes[1].legend(fontsize=7)
    axes[2].semilogx(np.arange(1, 51), 1e9 * d["train"][1:], "o", ms=3)
    axes[2].set(xlabel="pulse number N_p", ylabel="σ (nS)", title="c: −3 V × 1 ms (76 K)")
    axes[3].semilogx(np.arange(1, len(d["drift"]) + 1), 1e9 * d["drift"], ".", ms=3)
    axes[3].set(
        xlabel="experiment N_exp (≈ 400 s each)",
        ylabel="σ after reset (nS)",
        title="d: drift over 10⁵ s",
    )
    axes[4].loglog(RETENTION_TIMES, d["retention"], "o-", ms=3)
    axes[4].axhline(1e3, color="k", ls=":", lw=0.8)
    axes[4].set(xlabel="time at rest (s)", ylabel="σ_high / σ_low", title="retention (100 K)")
    fig.tight_layout()
    return fig
