"""Seed 001 Figs. 3c,d and 4a,b: the Co/Gd synapse and neuron (AlOx 2 nm, H_x = −500 Oe).

* Fig. 3c — single-pulse R_hall–I loop of one film of 10⁴ grains: a clear current
  threshold I_th (reported; the paper gives no number). Thermal activation accumulates
  over pulses, so the threshold holds for one pulse: the info rows give what 100 pulses
  at 0.9·I_th do (≈ 5 %: a sub-threshold spike train is not harmless).
* Fig. 3d — STDP window: Brian2 synapses (:meth:`CoGdDevice.stdp_synapses`) run pairs of
  the engineered spike :func:`spinbrian.presets.li2022_spike` with Δt from −12 to 12 ms,
  each after the seed's demagnetising sequence (applied inside the same Brian2 run). The
  paper: |ΔR_hall| falls as |Δt| grows and the window is symmetric; its form follows the
  spikes' shape — checked by doubling the spike's tail.
* Fig. 4a — minor loops from −30 mA to I_max and back: the intermediate states stay put
  on the way back once the current is below 0.8·I_max (non-volatile; the first pulses
  back, at I_max − 1 and − 2 mA, still switch up to ≈ 2 %: the same thermal
  accumulation) and are thermally stable at rest.
* Fig. 4b — the device sigmoid: a reset pulse, then one set pulse I ∈ [−5, 30] mA; the
  normalised R_hall fits Y = 1/(1 + exp(−(X − X0)/K)) (the paper gives no X0, K in its
  text: they are reported, the fit quality is the target).

Δt = 0 gives no change: two identical waveforms cancel exactly in I_pre − I_post.
"""

import numpy as np
from brian2 import ms, ohm

from spinbrian import presets
from spinbrian.analysis.loops import branch_measures, fit_sigmoid
from spinbrian.experiments import Result, Target
from spinbrian.networks.stdp_window import stdp_window

NAME = "li2022_synapse"
TITLE = "Seed 001 Figs. 3c,d, 4a,b: Co/Gd threshold, STDP window, minor loops, sigmoid"

_SRC = "seed 001"
YEAR = 3.156e7  # s

TARGETS = [
    Target(
        "stdp_symmetry",
        "max ||ΔR(Δt)| − |ΔR(−Δt)|| / max |ΔR|",
        0.05,
        kind="max",
        source=_SRC + " Fig. 3d: symmetric window",
    ),
    Target(
        "stdp_rises",
        "rises of |ΔR| as |Δt| grows from 1 to 12 ms (both signs)",
        0,
        kind="max",
        source=_SRC + " Fig. 3d: |ΔR_hall| decreases with |Δt|",
    ),
    Target(
        "stdp_falloff",
        "|ΔR| at |Δt| = 12 ms / at 1 ms",
        0.1,
        kind="max",
        source=_SRC + " Fig. 3d: window over −12…12 ms",
    ),
    Target(
        "stdp_shape",
        "window half-width, 28 ms tail / 14 ms tail",
        1.5,
        kind="min",
        source=_SRC + " p. 4: the form of STDP is tuned by the shape of spikes",
    ),
    Target(
        "minor_return",
        "largest change on the way back, 0.8·I_max to 0 (fraction of full ΔR)",
        0.01,
        kind="max",
        source=_SRC + " Fig. 4a: intermediate states are non-volatile",
    ),
    Target(
        "retention_years",
        "thermal retention of the weakest 5 % of grains at rest",
        10,
        "years",
        kind="min",
        source=_SRC + " Fig. 4a: non-volatile minor loops",
    ),
    Target(
        "sigmoid_r2",
        "R² of the sigmoid fit of the reset + set curve, −5…30 mA",
        0.98,
        kind="min",
        source=_SRC + " Fig. 4b: Y = 1/(1 + exp(−(X − X0)/K))",
    ),
]

STDP_DELAYS_MS = np.arange(-12, 12.5, 1.0)
MINOR_IMAX_MA = (16, 18, 20, 22, 24, 30)


def single_pulse_loop(dev, step=0.5, seed=1):
    """Loop of single pulses −30 → +30 → −30 mA on one film; returns (I mA, R Ω, measures)."""
    up = np.arange(-30, 30 + step / 2, step)
    currents = np.concatenate([up, up[::-1]])
    p, _ = dev.ensemble(currents * 1e-3, seed=seed, state=np.ones((1, dev.n_sites), np.int8))
    R = dev.hall_resistance(p[0])
    return currents, R, branch_measures(up, R[: len(up)])


def subthreshold_drift(dev, threshold_mA, seed=2):
    """Change (fraction of the full swing) after 100 pulses at 0.9·I_th from saturation."""
    pulses = np.full(100, 0.9 * threshold_mA * 1e-3)
    p, _ = dev.ensemble(pulses, seed=seed, state=np.ones((1, dev.n_sites), np.int8))
    return float(1 - p[0, -1])


def minor_loops(dev, seed=3):
    """Loops −30 → I_max → −30 mA (1 mA steps) for each I_max of :data:`MINOR_IMAX_MA`."""
    loops = []
    saturated_up = np.ones((1, dev.n_sites), np.int8)
    for i, top in enumerate(MINOR_IMAX_MA):
        out = np.arange(-30, top + 0.5, 1.0)
        currents = np.concatenate([out, out[-2::-1]])
        p, _ = dev.ensemble(currents * 1e-3, seed=seed + i, state=saturated_up.copy())
        back = np.arange(len(currents)) >= len(out) - 1
        frozen = back & (currents >= 0) & (currents <= 0.8 * top)
        loops.append(
            {
                "I": currents,
                "R": dev.hall_resistance(p[0]),
                "creep": np.ptp(p[0, back & (currents >= 0.8 * top)]),
                "return": np.ptp(p[0, frozen]),
            }
        )
    return loops


def sigmoid_curve(dev, step=1.0, seed=4):
    """Normalised output after a −30 mA reset and one set pulse I ∈ [−5, 30] mA, per I."""
    currents = np.arange(-5, 30 + step / 2, step)
    sequence = np.ravel(np.column_stack([np.full_like(currents, -30.0), currents]))
    p, _ = dev.ensemble(sequence * 1e-3, seed=seed)
    y_film = 1 - p[0, 1::2]  # H_x < 0: positive set pulses switch down from the reset state
    y_cont = np.array([1 - dev.apply_pulses([-30e-3, i * 1e-3])[0][-1] for i in currents])
    return currents, y_film, y_cont


def run(quick=False, progress=None):
    """Figs. 3c,d and 4a,b (``quick``: STDP every 2 ms).

    Parameters
    ----------
    quick : bool
        Fewer delays in the STDP window.
    progress : callable, optional
        Called with progress lines.

    Returns
    -------
    Result
    """
    say = progress or (lambda _: None)
    dev = presets.li2022_cogd()
    full = 2 * float(dev.R_AHE / ohm) * dev.cos_theta
    currents, R_loop, measures = single_pulse_loop(dev)
    threshold = measures.onset
    drift = subthreshold_drift(dev, threshold)

    delays = STDP_DELAYS_MS[::2] if quick else STDP_DELAYS_MS
    spike = presets.li2022_spike()
    window = stdp_window(dev, spike, spike, delays * ms)
    say("  li2022_synapse: STDP window done")
    dR = np.asarray(window.delta_R)
    pos = delays > 0
    mag_pos, mag_neg = np.abs(dR[pos]), np.abs(dR[delays < 0][::-1])
    long_spike = presets.li2022_spike(tail=28 * ms)
    shape_ratio = _half_width(dev, long_spike) / _half_width(dev, spike)

    loops = minor_loops(dev)
    x_cur, y_film, y_cont = sigmoid_curve(dev)
    x0, k, r2 = fit_sigmoid(x_cur, y_film)

    measured = {
        "stdp_symmetry": np.max(np.abs(mag_pos - mag_neg)) / np.max(np.abs(dR)),
        "stdp_rises": int(np.sum(np.diff(mag_pos) > 1e-9) + np.sum(np.diff(mag_neg) > 1e-9)),
        "stdp_falloff": mag_pos[-1] / mag_pos[0],
        "stdp_shape": shape_ratio,
        "minor_return": max(lp["return"] for lp in loops),
        "retention_years": dev.retention_time(0.05) / YEAR,
        "sigmoid_r2": r2,
    }
    info = [
        ("change after 100 pulses at 0.9·I_th", f"{drift:.3f}", "", "fraction of full swing"),
        (
            "creep of the first pulses back from I_max (largest)",
            f"{max(lp['creep'] for lp in loops):.3f}",
            "",
            "fraction of full swing",
        ),
        (
            "current threshold I_th (single pulses)",
            f"{threshold:.1f}",
            "mA",
            "first pulse past 2 %",
        ),
        (
            "largest |ΔR_hall| of a pair",
            f"{np.max(np.abs(dR)):.3f}",
            "Ω",
            f"of {full:.3f} Ω full swing",
        ),
        ("sigmoid fit X0, K", f"{x0:.1f}, {k:.2f}", "mA", "paper's values not in its text"),
        (
            "max |film − continuum| on the sigmoid",
            f"{np.max(np.abs(y_film - y_cont)):.3f}",
            "",
            "one film of 10⁴ grains vs K = 16",
        ),
    ]
    data = {
        "loop": (currents, R_loop),
        "window": window,
        "minor": loops,
        "sigmoid": (x_cur, y_film, y_cont, x0, k),
    }
    return Result(NAME, TARGETS, measured, info, data, quick)


def _half_width(dev, spike):
    """Δt (after the 1 ms main pulse) at which the window falls to half its peak."""
    dts = np.linspace(1e-3, 30e-3, 1451)
    dw = dev.pair_maps(spike, spike, dts).apply(np.full(dev.K, 0.5)).mean(axis=1) - 0.5
    return dts[np.argmax(dw < dw.max() / 2)] - 1e-3


def plot(result):
    """Figs. 3c, 3d, 4a, 4b."""
    import matplotlib.pyplot as plt

    from spinbrian.analysis.loops import logistic
    from spinbrian.networks.stdp_window import plot_window

    d = result.data
    fig, axes = plt.subplots(1, 4, figsize=(15, 3.4))
    axes[0].plot(*d["loop"], ".-", ms=3, lw=0.8)
    axes[0].set(xlabel="pulse current I (mA)", ylabel="R_hall (Ω)", title="3c: single pulses")
    plot_window(d["window"], axes[1])
    axes[1].set_title("3d: STDP window (Brian2)")
    for lp, top in zip(d["minor"], MINOR_IMAX_MA, strict=True):
        axes[2].plot(lp["I"], lp["R"], lw=0.9, label=f"I_max = {top} mA")
    axes[2].set(xlabel="pulse current I (mA)", ylabel="R_hall (Ω)", title="4a: minor loops")
    axes[2].legend(fontsize=6)
    x, y_film, y_cont, x0, k = d["sigmoid"]
    axes[3].plot(x, y_film, "o", ms=3, label="film (10⁴ grains)")
    axes[3].plot(x, y_cont, "-", lw=0.8, label="continuum")
    axes[3].plot(x, logistic(x, x0, k), "k--", lw=0.8, label=f"fit X0 = {x0:.1f}, K = {k:.2f}")
    axes[3].set(xlabel="set pulse I (mA)", ylabel="normalised R_hall Y", title="4b: sigmoid")
    axes[3].legend(fontsize=7)
    fig.tight_layout()
    return fig
