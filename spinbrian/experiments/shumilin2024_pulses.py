"""Seed 002 Fig. 3: trains of 50 identical pulses on a glassy molecular synapse (76 K).

``presets.shumilin2024_glassy()``: a flat distribution of barriers 0…1 eV (K classes over
the band that can move at all), tilted during a pulse by A_pol·sinh(|V|/V_pol) — the
electromigration force follows the current, whose I–V is a sinh, each polarity through its
own interface — relaxing thermally between pulses (:mod:`spinbrian.equations.glassy`).
Trains of 50 identical pulses of +2 V (after a −4 V, 1 s reset) and −2.8 V (after +4 V,
1 s), durations 1, 2, 5, 10, 50 ms, one pulse every 8 s (Fig. 4c: 50 pulses in ≈ 400 s),
read at 0.1 V just before each next pulse; the range is max/min − 1 of the train, the
first read being the state after the reset, as the paper measures it.

Calibration (the preset): the two tilt amplitudes are fitted to the thresholds (+1.75 V,
−1 V), the conductance scale to the ≈ 50 % range of the 50 ms potentiation train and the
depression scale V_d to the ≈ 500 % of the 50 ms depression train — four numbers for four
parameters (V_p, the potentiating branch's I–V scale, is assumed: 0.35 V): those rows are
``role="fitted"`` and are shown, not counted. The duration dependence, the shape of the
trains and the on/off ratio are predictions. (The issue asked for one range fitted; with a
scale per polarity the second range is needed to set V_d, so both ranges are fits here.)

The shape of the trains (first pulses act most, no saturation after 50, the log law) is
tested on the *pulse part* of each train: the train divided, read by read, by the same
protocol with 0 V "pulses" (the same reset, the same reads, no pulses). Part of the
potentiation train's range is the relaxation after the −4 V reset (the info row with 0 V
"pulses"), and that relaxation alone is logarithmic, fastest at first and unsaturated: a
0 V train passes all three tests on the raw conductance. Division, not subtraction,
because the kinetics are linear in the occupancies, so a pulse's effect and the
relaxation add in the mean state X, i.e. in ln σ (σ = σ_mid·exp(L(X − ½))): the ratio
F = σ/σ_0V = exp(L·ΔX_pulses) does not contain the relaxation at all, whereas the
difference σ − σ_0V is the pulse part times the relaxing baseline. The paper's law is
then fitted in its own form, F = F0 ± F1 ln N_p, and its R² counts only where F1 has the
sign of the pulses (up for potentiation, down for depression).

The on/off ratio is measured as the paper says it was, with pulses "that would drive the
conductance state to its extremal values with just 1 pulse as in Figure 4a)": one Fig. 4a
cycle from rest, +4 V for 3 s, a 3 s read, −4 V for 3 s, a 3 s read, at Fig. 4a's 100 K
(the ≈ 10⁴ is quoted with Fig. 2, 76 K; its own section of the Supporting Information is
not in the seed text; the 76 K value is an info row). It is compared as an order of
magnitude, log10(on/off) = 4 ± 0.5.

Expected miss (reported, not tuned away): the on/off ratio, ≈ 6·10² at 100 K. The reason
is a trade-off, which the full run tabulates and plots: with the thresholds and the +2 V
range held, V_d sets both the −2.8 V train and the −4 V reset. A V_d that makes −4 V
flatten the whole band (on/off ≈ 7·10³, V_d ≤ 0.9 V) makes the −2.8 V train too strong
(≥ 760 %); the V_d that gives 500 % (≈ 1.0 V) leaves the −4 V tilt at 0.54 eV, which sets
the barriers only up to ≈ 0.8 eV in 3 s. A sinh grows too slowly between −2.8 V and −4 V
for both; an ingredient that grows faster with the pulse power (Joule heating of the
filaments during the pulse, "the combined effect of pulses and activation") is the
candidate not built here.
"""

import dataclasses

import numpy as np
from brian2 import kelvin, volt

from spinbrian import presets
from spinbrian.experiments import Result, Target
from spinbrian.networks import glassy_protocols as gp

NAME = "shumilin2024_pulses"
TITLE = "Seed 002 Fig. 3: 50-pulse trains on a glassy molecular synapse, 1–50 ms, 76 K"

_Q1 = (
    "seed 002 text of Fig. 2: 'the resistive state of the devices was not affected by "
    "voltages that did not exceed a threshold level, -1 V for depression and +1.75 V "
    "potentiation'"
)
_Q2 = (
    "seed 002 text of Fig. 3: 'The dynamic range of the data reported in Figure 3 is ≈ 50% "
    "for the potentiation pulses and 500% for the depression ones'"
)
_Q3 = "seed 002 text of Fig. 3: 'Longer pulses had a greater effect than shorter ones'"
_Q4 = (
    "seed 002 text of Fig. 3: 'The first several pulses lead to the greatest change in "
    "conductance, with the subsequent pulses giving smaller and smaller changes, without "
    "reaching saturation even after 50 pulses'"
)
_Q5 = (
    "seed 002 text of Fig. 3: 'The logarithmic behavior of the conductance as a function "
    "of the number of applied voltage pulses reported in Figure 3 belongs to the non-linear "
    "soft-bound (NL-SB) class…'"
)
_Q6 = (
    "seed 002 text of Fig. 2: '…with a maximum on/off ratio of ≈ 10⁴'; measured 'with just "
    "1 pulse as in Figure 4a)' (±4 V, 3 s, 100 K)"
)
_PART = " of the pulse part F = σ/σ(0 V train)"
TARGETS = [
    Target(
        "V_th_p",
        "potentiation threshold",
        1.75,
        "V",
        rel=0.01,
        source=_Q1,
        role="fitted",
        calibrates="tilt_p (amplitude of the potentiation tilt)",
    ),
    Target(
        "V_th_d",
        "depression threshold",
        -1.0,
        "V",
        rel=0.01,
        source=_Q1,
        role="fitted",
        calibrates="tilt_d (amplitude of the depression tilt)",
    ),
    Target(
        "range_p",
        "dynamic range, +2 V × 50 ms train",
        50.0,
        "%",
        rel=0.05,
        source=_Q2,
        role="fitted",
        calibrates="log_on_off (ln σ(X=1)/σ(X=0))",
    ),
    Target(
        "range_d",
        "dynamic range, −2.8 V × 50 ms train",
        500.0,
        "%",
        rel=0.05,
        source=_Q2,
        role="fitted",
        calibrates="V_d (voltage scale of the depression tilt)",
    ),
    Target(
        "order",
        "trains out of duration order (longer must act more)",
        0,
        "",
        kind="max",
        source=_Q3,
        role="prediction",
        paper="longer pulses had a greater effect",
    ),
    Target(
        "first_last",
        "min over trains of |ΔF first pulse| / |ΔF 50th pulse|" + _PART,
        5.0,
        "",
        kind="min",
        source=_Q4,
        role="prediction",
        paper="the first several pulses lead to the greatest change",
    ),
    Target(
        "no_sat",
        "min over trains of (F50 − F40) / (F1 ln(50/40)) of the log fit" + _PART,
        0.5,
        "",
        kind="min",
        source=_Q4,
        role="prediction",
        paper="no saturation even after 50 pulses",
    ),
    Target(
        "log_r2",
        "min over trains of R² of F0 ± F1 ln N_p (0 if F1 has the wrong sign)" + _PART,
        0.95,
        "",
        kind="min",
        source=_Q5,
        role="prediction",
        paper="logarithmic in the pulse number",
    ),
    Target(
        "log10_on_off",
        "log10 on/off of the ±4 V, 3 s states of one Fig. 4a cycle (read 3 s on, 100 K)",
        4.0,
        "",
        abs=0.5,
        source=_Q6,
        role="prediction",
        paper="≈ 10⁴",
    ),
]

DURATIONS = (1e-3, 2e-3, 5e-3, 10e-3, 50e-3)
#: Depression scales V_d (V) of the trade-off table: each device refitted to the two
#: thresholds and the potentiation range, its depression range and on/off measured.
TRADE_OFF_V_D = (0.7, 0.8, 0.9, 0.95, 1.0, 1.1, 1.2, 1.4)
TRAINS = {"potentiation": (2.0, -4.0), "depression": (-2.8, 4.0)}
#: Fig. 4a: the on/off states (±4 V, 3 s) were set and read at 100 K.
ON_OFF_TEMPERATURE = 100.0  # K


def trains(device):
    """{(kind, duration): conductances (51,)} for both polarities and every duration."""
    return {
        (kind, tau): gp.pulse_train(device, V, tau, V_reset=V_reset)[0]
        for kind, (V, V_reset) in TRAINS.items()
        for tau in DURATIONS
    }


def depression_train(device, duration=50e-3):
    """Conductances (51,) of the −2.8 V train of ``duration`` after the +4 V reset."""
    V, V_reset = TRAINS["depression"]
    return gp.pulse_train(device, V, duration, V_reset=V_reset)[0]


def baselines(device):
    """{kind: conductances (51,)} of the same protocol with 0 V "pulses" (reset, reads).

    A 0 V pulse is rest (``pulse(x, 0, τ) = relax(x, τ)``), so the baseline is the same for
    every duration.
    """
    return {
        kind: gp.pulse_train(device, 0.0, DURATIONS[0], V_reset=V_reset)[0]
        for kind, (_, V_reset) in TRAINS.items()
    }


def shape(F, sign):
    """First/last step ratio, no-saturation ratio and signed R² of one pulse part F (51,).

    ``sign`` is +1 for potentiation, −1 for depression: the R² of F0 + F1 ln N_p counts
    only where sign·F1 > 0 (None: either sign counts).
    """
    steps = np.abs(np.diff(F))
    _, slope, r2 = gp.log_fit(np.arange(1, 51), F[1:])
    no_sat = (F[50] - F[40]) / (slope * np.log(50 / 40))
    if sign is not None and not sign * slope > 0:
        r2 = 0.0
    return steps[0] / steps[-1], no_sat, r2


def on_off(device, temperature=ON_OFF_TEMPERATURE):
    """On/off of one Fig. 4a cycle (:func:`~spinbrian.networks.glassy_protocols.on_off`).

    ``temperature`` (K) replaces the device's (default: Fig. 4a's 100 K); None keeps it.
    """
    if temperature is not None:
        device = dataclasses.replace(device, temperature=temperature * kelvin)
    return gp.on_off(device)


def trade_off(device, scales=TRADE_OFF_V_D):
    """Rows (V_d, depression range %, on/off at 100 K) of devices refitted at fixed V_d.

    Each V_d gets the two threshold tilts and log_on_off refitted (the potentiation range
    stays 50 %); the depression range and the on/off are then what that device does: the
    curve along which the two facts trade against each other.
    """
    rows = []
    for V_d in scales:
        trial = gp.calibrate(dataclasses.replace(device, V_d=V_d * volt), fit_V_d=False)
        rows.append((V_d, 100 * gp.dynamic_range(depression_train(trial)), on_off(trial)))
    return np.array(rows)


def run(quick=False, progress=None):
    """Every train of Fig. 3, its pulse part, the thresholds and the on/off ratio.

    Parameters
    ----------
    quick : bool
        Skip the tilt-variant table (the targets are the same either way, well under a
        second).
    progress : callable, optional
        Called with progress lines.

    Returns
    -------
    Result
    """
    device = presets.shumilin2024_glassy()
    data = trains(device)
    base = baselines(device)
    ranges = {key: 100 * gp.dynamic_range(s) for key, s in data.items()}  # %
    order = 0
    ratios, no_sat, r2 = [], [], []
    for kind, (V, _) in TRAINS.items():
        order += int(np.sum(np.diff([ranges[kind, tau] for tau in DURATIONS]) <= 0))
        for tau in DURATIONS:
            ratio, sat, fit_r2 = shape(data[kind, tau] / base[kind], np.sign(V))
            ratios.append(ratio)
            no_sat.append(sat)
            r2.append(fit_r2)
    measured = {
        "V_th_p": gp.threshold(device, +1),
        "V_th_d": -gp.threshold(device, -1),
        "range_p": ranges["potentiation", 50e-3],
        "range_d": ranges["depression", 50e-3],
        "order": order,
        "first_last": min(ratios),
        "no_sat": min(no_sat),
        "log_r2": min(r2),
        "log10_on_off": float(np.log10(on_off(device))),
    }
    raw = np.array([shape(data[kind, tau], None) for kind in TRAINS for tau in DURATIONS])
    raw_base = np.array([shape(base[kind], None) for kind in TRAINS])
    info = [
        (
            "range of the 0 V 'pulse' trains, after −4 V / after +4 V",
            "{:.1f} / {:.1f}".format(*(100 * gp.dynamic_range(base[k]) for k in TRAINS)),
            "%",
            "relaxation after the reset alone",
        ),
        (
            "first/last, no-saturation, R² of the raw σ trains (min over trains)",
            "{:.3g}, {:.3g}, {:.3g}".format(*raw.min(axis=0)),
            "",
            "on σ itself, before the 0 V baseline is divided out",
        ),
        (
            "the same for the two 0 V trains alone (min)",
            "{:.3g}, {:.3g}, {:.3g}".format(*raw_base.min(axis=0)),
            "",
            "bounds 5, 0.5, 0.95: relaxation alone passes them on raw σ",
        ),
        (
            "pulse part F at N_p = 50, +2 V / −2.8 V × 50 ms",
            f"{(data['potentiation', 50e-3] / base['potentiation'])[-1]:.3f} / "
            f"{(data['depression', 50e-3] / base['depression'])[-1]:.3f}",
            "",
            "σ/σ(0 V train)",
        ),
        (
            "range, +2 V train, 1 → 50 ms (longer pulses act more: × factor)",
            f"{ranges['potentiation', 1e-3]:.1f} → {ranges['potentiation', 50e-3]:.1f} "
            f"(× {ranges['potentiation', 50e-3] / ranges['potentiation', 1e-3]:.2f})",
            "%",
            "",
        ),
        (
            "range, −2.8 V train, 1 → 50 ms (longer pulses act more: × factor)",
            f"{ranges['depression', 1e-3]:.1f} → {ranges['depression', 50e-3]:.1f} "
            f"(× {ranges['depression', 50e-3] / ranges['depression', 1e-3]:.2f})",
            "%",
            "",
        ),
        (
            "on/off of the ±4 V, 3 s states at 100 K / at 76 K",
            f"{on_off(device):.3g} / {on_off(device, None):.3g}",
            "",
            "paper ≈ 10⁴ (Fig. 4a protocol, 100 K)",
        ),
        (
            "tilt amplitudes A_p, A_d; scales V_p, V_d",
            f"{1e3 * device.tilt_p:.4g}, {1e3 * device.tilt_d:.4g} meV; "
            f"{float(device.V_p / volt):.3g}, {float(device.V_d / volt):.4g} V",
            "",
            "A_p, A_d, V_d fitted; V_p assumed (also the I–V scales)",
        ),
        (
            "tilt at +2 V / +4 V, at −2.8 V / −4 V",
            f"{device.tilt(2.0):.3g} / {device.tilt(4.0):.3g}, "
            f"{device.tilt(-2.8):.3g} / {device.tilt(-4.0):.3g}",
            "eV",
            "barriers below the tilt move without activation",
        ),
        ("ln(σ(X=1)/σ(X=0))", device.log_on_off, "", "fitted"),
        (
            "barrier classes K, band",
            f"{device.K}, {device.E_band[0]}–{device.E_band[1]} "
            f"({1e3 * device.fine_step:g} meV over {device.fine_band[0]}–{device.fine_band[1]})",
            "eV",
            f"k_BT = {1e3 * device.kT:.2f} meV",
        ),
    ]
    data = {"trains": data, "baselines": base}
    if not quick:
        data["trade_off"] = trade_off(device)
        for V_d, depression, ratio in data["trade_off"]:
            info.append(
                (
                    f"trade-off: V_d = {V_d:g} V, refitted to the thresholds and +2 V range",
                    f"depression range {depression:.0f} %, on/off {ratio:.3g}",
                    "",
                    "paper ≈ 500 %, ≈ 10⁴ (on/off at 100 K)",
                )
            )
    return Result(NAME, TARGETS, measured, info, data, quick)


def plot(result):
    """Conductance vs pulse number for every duration (seed 002 Fig. 3a,b), 0 V dashed."""
    import matplotlib.pyplot as plt

    data = result.data["trains"]
    base = result.data["baselines"]
    curve = result.data.get("trade_off")
    fig, axes = plt.subplots(
        1, 2 if curve is None else 3, figsize=(9 if curve is None else 13, 3.8)
    )
    n = np.arange(51)
    for ax, kind in zip(axes[:2], TRAINS, strict=True):
        for tau in DURATIONS:
            s = data[kind, tau]
            ax.plot(n, s / s[0], "o-", ms=2.5, lw=0.8, label=f"{1e3 * tau:g} ms")
        ax.plot(n, base[kind] / base[kind][0], "k--", lw=0.8, label="0 V 'pulses'")
        V = TRAINS[kind][0]
        ax.set_title(f"{kind}: {V:+g} V pulses (76 K)", fontsize=9)
        ax.set_xlabel("pulse number N_p")
        ax.set_ylabel("σ / σ(after reset)")
        ax.legend(fontsize=7)
    if curve is not None:
        ax = axes[2]
        from matplotlib.ticker import NullFormatter

        ax.loglog(curve[:, 1], curve[:, 2], "o-")
        ax.xaxis.set_minor_formatter(NullFormatter())
        for V_d, depression, ratio in curve:
            ax.annotate(
                f"{V_d:g} V",
                (depression, ratio),
                fontsize=7,
                xytext=(3, 3),
                textcoords="offset points",
            )
        ax.plot([500], [1e4], "r*", ms=12, label="paper")
        ax.set(xlabel="depression range, −2.8 V × 50 ms (%)", ylabel="on/off (±4 V, 100 K)")
        ax.set_title("trade-off over V_d (thresholds, +2 V range refitted)", fontsize=9)
        ax.legend(fontsize=7)
    fig.tight_layout()
    return fig
