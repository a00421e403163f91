"""Seed 002 Fig. 3: trains of 50 identical pulses on a glassy molecular synapse (76 K).

``presets.shumilin2024_glassy()``: a flat distribution of barriers (K classes over the band
that moves at all), tilted by the pulse voltage, relaxing thermally between pulses
(:mod:`spinbrian.equations.glassy`). Trains of 50 pulses of +2 V (after a −4 V, 1 s reset)
and −2.8 V (after +4 V, 1 s), durations 1, 2, 5, 10, 50 ms, one pulse every 8 s (Fig. 4c:
50 pulses in ≈ 400 s), read at 0.1 V just before each next pulse.

Calibration (the preset): the two effective charges are fitted to the thresholds
(+1.75 V, −1 V) and the conductance scale to the ≈ 50 % range of the 50 ms potentiation
train — three numbers for three facts, so those rows pass by construction and say so.
Everything else is a prediction. Two of the paper's facts are not met, and the report
says by how much: the depression range (paper ≈ 500 %) and the on/off ratio of the ±4 V
states (paper up to 10⁴). The reason is structural: with one tilt q·|V| per polarity, a
threshold fixes q (only classes between "fast at rest" E ≈ k_BT ln(2ν0·3 s) ≈ 0.19 eV and
"activated in 50 ms" E − q V ≈ k_BT ln(2ν0·50 ms) ≈ 0.17 eV can leave a lasting change, so
q|V_th| ≈ 0.02 eV), and then even ±4 V reaches only the classes up to ≈ 0.23 eV, a small
part of the band; a conductance scale that makes that part worth 10⁴ makes the +2 V train
grow by ~10× instead of 50 %. Most of the potentiation train's range is, moreover, the
relaxation after the −4 V reset (the info row with 0 V "pulses"), so the duration
dependence is weaker than in the paper.

The full run adds a variant table: a tilt growing as |V|^1.5 or |V|² (a barrier field that
grows faster than the applied voltage), recalibrated to the same three facts, reaches a
depression range of ≈ 375 % or ≈ 1450 % (the paper's 500 % lies between) and on/off ratios
of ≈ 15 or ≈ 120 — closer, still far from 10⁴. The preset keeps the seed's constant slope.
"""

import dataclasses

import numpy as np

from spinbrian import presets
from spinbrian.experiments import Result, Target
from spinbrian.networks import glassy_protocols as gp

NAME = "shumilin2024_pulses"
TITLE = "Seed 002 Fig. 3: 50-pulse trains on a glassy molecular synapse, 1–50 ms, 76 K"

_SRC = "seed 002 Fig. 3a,b"
_FIT = " (fitted)"
TARGETS = [
    Target(
        "V_th_p",
        "potentiation threshold",
        1.75,
        "V",
        rel=0.01,
        source="seed 002 text of Fig. 2" + _FIT,
    ),
    Target(
        "V_th_d",
        "depression threshold",
        -1.0,
        "V",
        rel=0.01,
        source="seed 002 text of Fig. 2" + _FIT,
    ),
    Target("range_p", "dynamic range, +2 V × 50 ms train", 50.0, "%", rel=0.05, source=_SRC + _FIT),
    Target("range_d", "dynamic range, −2.8 V × 50 ms train", 500.0, "%", rel=0.3, source=_SRC),
    Target(
        "order",
        "trains out of duration order (longer must act more)",
        0,
        "",
        kind="max",
        source=_SRC,
    ),
    Target(
        "first_last",
        "min over trains of |Δσ first pulse| / |Δσ 50th pulse|",
        5.0,
        "",
        kind="min",
        source=_SRC + ": first pulses act most",
    ),
    Target(
        "no_sat",
        "min over trains of (σ50 − σ40) / (σ1 ln(50/40)) of the log fit",
        0.5,
        "",
        kind="min",
        source=_SRC + ": no saturation after 50 (still on the log law)",
    ),
    Target("log_r2", "min over trains of R² of σ0 ± σ1 ln N_p", 0.95, "", kind="min", source=_SRC),
    Target(
        "on_off",
        "on/off of the ±4 V, 3 s states (read 3 s later, 100 K)",
        1e4,
        "",
        rel=0.5,
        source="seed 002 text of Fig. 2 and Fig. 4a",
    ),
]

DURATIONS = (1e-3, 2e-3, 5e-3, 10e-3, 50e-3)
#: Tilt variants of the table (1 = the preset, the seed's constant slope).
TILT_POWERS = (1.0, 1.5, 2.0)
TRAINS = {"potentiation": (2.0, -4.0), "depression": (-2.8, 4.0)}


def trains(device):
    """{(kind, duration): conductances (51,)} for both polarities and every duration."""
    return {
        (kind, tau): gp.pulse_train(device, V, tau, V_reset=V_reset)[0]
        for kind, (V, V_reset) in TRAINS.items()
        for tau in DURATIONS
    }


def on_off(device):
    """Conductance ratio of the states after +4 V and −4 V pulses of 3 s (read 3 s on)."""
    rest = device.rest_state()
    on = device.conductance(device.relax(device.pulse(rest, 4.0, 3.0), 3.0))
    off = device.conductance(device.relax(device.pulse(rest, -4.0, 3.0), 3.0))
    return float(on / off)


def run(quick=False, progress=None):
    """Every train of Fig. 3, the thresholds and the on/off ratio (fast in both variants).

    Parameters
    ----------
    quick : bool
        Unused: the run takes well under a second.
    progress : callable, optional
        Called with progress lines.

    Returns
    -------
    Result
    """
    device = presets.shumilin2024_glassy()
    data = trains(device)
    n = np.arange(1, 51)
    order = 0
    ratios, no_sat, r2 = [], [], []
    for kind in TRAINS:
        ranges = [gp.dynamic_range(data[kind, tau]) for tau in DURATIONS]
        order += int(np.sum(np.diff(ranges) <= 0))
        for tau in DURATIONS:
            s = data[kind, tau]
            steps = np.abs(np.diff(s))
            ratios.append(steps[0] / steps[-1])
            _, slope, fit_r2 = gp.log_fit(n, s[1:])
            no_sat.append((s[50] - s[40]) / (slope * np.log(50 / 40)))
            r2.append(fit_r2)
    measured = {
        "V_th_p": gp.threshold(device, +1),
        "V_th_d": -gp.threshold(device, -1),
        "range_p": 100 * gp.dynamic_range(data["potentiation", 50e-3]),
        "range_d": 100 * gp.dynamic_range(data["depression", 50e-3]),
        "order": order,
        "first_last": min(ratios),
        "no_sat": min(no_sat),
        "log_r2": min(r2),
        "on_off": on_off(device),
    }
    relax_only = gp.pulse_train(device, 0.0, 50e-3, V_reset=-4.0)[0]
    info = [
        (
            "range of the +2 V train with 0 V 'pulses'",
            100 * gp.dynamic_range(relax_only),
            "%",
            "relaxation after the −4 V reset alone",
        ),
        (
            "range, +2 V train, 1 → 50 ms",
            f"{100 * gp.dynamic_range(data['potentiation', 1e-3]):.1f} → {measured['range_p']:.1f}",
            "%",
            "",
        ),
        (
            "range, −2.8 V train, 1 → 50 ms",
            f"{100 * gp.dynamic_range(data['depression', 1e-3]):.1f} → {measured['range_d']:.1f}",
            "%",
            "",
        ),
        ("effective charges q_p, q_d", f"{device.q_p:.4g}, {device.q_d:.4g}", "e", "fitted"),
        ("ln(σ(X=1)/σ(X=0))", device.log_on_off, "", "fitted"),
        (
            "barrier classes K, band",
            f"{device.K}, {device.E_band[0]}–{device.E_band[1]}",
            "eV",
            f"k_BT = {1e3 * device.kT:.2f} meV",
        ),
    ]
    if not quick:
        for power in TILT_POWERS[1:]:
            variant = gp.calibrate(dataclasses.replace(device, tilt_power=power))
            depression = gp.dynamic_range(trains(variant)["depression", 50e-3])
            info.append(
                (
                    f"variant: tilt ∝ |V|^{power:g}, recalibrated",
                    f"depression range {100 * depression:.0f} %, on/off {on_off(variant):.3g}",
                    "",
                    "paper ≈ 500 %, up to 10⁴",
                )
            )
    return Result(NAME, TARGETS, measured, info, {"trains": data}, quick)


def plot(result):
    """Conductance vs pulse number for every duration (seed 002 Fig. 3a,b)."""
    import matplotlib.pyplot as plt

    data = result.data["trains"]
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.8))
    n = np.arange(51)
    for ax, kind in zip(axes, TRAINS, strict=True):
        for tau in DURATIONS:
            s = data[kind, tau]
            ax.plot(n, s / s[0], "o-", ms=2.5, lw=0.8, label=f"{1e3 * tau:g} ms")
        V = TRAINS[kind][0]
        ax.set_title(f"{kind}: {V:+g} V pulses (76 K)", fontsize=9)
        ax.set_xlabel("pulse number N_p")
        ax.set_ylabel("σ / σ(after reset)")
        ax.legend(fontsize=7)
    fig.tight_layout()
    return fig
