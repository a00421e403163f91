"""Seed 001 Figs. 1b and 2: Co/Gd loops vs H_x and AlOx — binary to multilevel from the fields.

Pulsed R_hall–I loops (10 ms pulses, 0.5 mA steps, 0 → +60 → −60 → +60 mA, R read after
each pulse) of one finite film (its own barriers; each pulse draws anew) per condition:

* (a) AlOx 1 nm under H_x = 200 … 1000 Oe (Fig. 2a, d);
* (b) AlOx 0 … 2 nm under H_x = 800 Oe (Fig. 2b, e);
* (c) AlOx 0 … 2 nm at H_x/H_k = 0.5 (Fig. 2c, f);
* (a') AlOx 0, 0.5, 1.5, 2 nm under H_x = 200 … 1000 Oe (001 p. 3: "also observed in
  other samples");
* Fig. 1b: R_hall–H_z loops of every sample (H_x = 0; ±1500 Oe in 5 Oe steps held 0.1 s
  each, i.e. 50 Oe/s — the paper's sweep rate is not in its text).

Every film's switching fields follow from its H_k and H_x through the device's field model
(:class:`spinbrian.devices.cogd.CoGdDevice`): a nucleus switches at
H_n ∝ H_k^ν (1 − h^{2/3})^{3/2} (Stoner–Wohlfarth astroid, h = |H_x|/H_k, ν = 1/2: the
nucleus's size follows the wall energy √(A·K)) against barriers ∝ H_k(1 − h)², and domain
walls depin at H_p ∝ √H_k / cos θ_M (Kondorsky). One nucleus sweeps the film when it appears
above H_p (binary, square); nuclei spread over a current range below H_p (multilevel). The
preset's numbers are set at the Fig. 3c/4 film only (AlOx 2 nm, H_x = −500 Oe: H_n = 105
Oe, H_p = 60 Oe, barriers N(6, 1) eV): the Fig. 2 trends the text states (001 p. 3) are
predictions here. Two caveats: those numbers were first chosen, with constant fields, on a
coarse grid for these trends; and ν = 1/2 is taken for the wall-energy argument, not for
the trends: the full run repeats the series for ν = 0 and 1 (info rows, the map of which
trends each meets; ν = 0, nucleation fields set by the defects alone, meets more). The
paper's loop currents are not in its text: the model's binary loops at low H_x need up to
≈ 51 mA, so the sweep goes to ±60 mA (Fig. 4a: ±30 mA).

ΔR_Ratio is the loop's ΔR_hall over the field-induced 2R_AHE. Once switching completes
it is cos θ_M (the Stoner–Wohlfarth tilt, sin θ_M = |H_x|/H_k), so the paper's ratio
trends — falling with H_x and with the AlOx thickness (H_k falls), equal at fixed H_x/H_k
— hold by construction: they are info rows, and a consistency row checks that every loop
switches completely (ratio = cos θ_M). The continuum (K classes, expected values) is run
beside each film: the info rows give how far the two views differ.

The H_x values of Fig. 2a and H_k(t) of Fig. 2f are not in the text either: H_x is taken
on a 200 Oe grid and H_k(t) from :func:`spinbrian.presets.li2022_anisotropy`.
"""

import numpy as np
from brian2 import ohm, second

from spinbrian import presets
from spinbrian.analysis.loops import branch_measures
from spinbrian.constants import oersted
from spinbrian.experiments import Result, Target

NAME = "li2022_loops"
TITLE = "Seed 001 Figs. 1b, 2: Co/Gd R_hall–H_z and R_hall–I loops vs H_x and AlOx"

HX_OE = (200, 400, 600, 800, 1000)
ALOX_NM = presets.LI2022_ALOX_NM
#: The samples of the H_x series besides the AlOx 1 nm of Fig. 2a (Q12).
OTHER_ALOX_NM = tuple(t for t in ALOX_NM if t != 1.0)
#: Largest pulse current of the Fig. 2 loops (mA) and the Fig. 1b field sweep.
TOP_MA = 60.0
FIELD_TOP_OE, FIELD_STEP_OE, FIELD_DWELL = 1500.0, 5.0, 0.1 * second
#: Exponents ν of H_n ∝ H_k^ν the map compares with the preset's 1/2.
NU_MAP = (0.0, 1.0)
_SRC = "seed 001 p. 3, Fig. 2"
_Q1 = (
    ': "The squareness and switching ratio (ΔR_Ratio) of magnetization switching loops '
    'decrease with the increase of H_x, and the number of intermediate states increases."'
)
_Q3 = (
    ': "The intermediate states increase with increasing the thickness of AlOx … However, '
    'the switching ratio is roughly the same for all samples."'
)
_Q4 = ': "…ΔI increases nonlinearly with higher H_x and thicker AlOx"'
_Q12 = ': "This phenomenon is also observed in other samples."'
_Q1B = (
    'seed 001 p. 2, Fig. 1b: "all samples with different AlOx thicknesses (t) exhibit '
    "square-shaped magnetic hysteresis loop … the magnetic hysteresis loops show a gradual "
    'switching behavior with increasing the thicknesses of the AlOx layer to 2 nm"'
)
#: Why the ΔR_Ratio trends are no targets: they hold by construction.
_BY_CONSTRUCTION = (
    "holds by construction: ΔR_Ratio = cos θ_M whenever switching completes, and cos θ_M "
    "falls with H_x/H_k"
)


def _prediction(key, quantity, bound, kind, source, paper, unit=""):
    return Target(
        key, quantity, bound, unit, kind=kind, source=source, role="prediction", paper=paper
    )


TARGETS = [
    _prediction(
        "square_hx",
        "squareness at H_x = 1000 Oe / at 200 Oe (AlOx 1 nm)",
        0.5,
        "max",
        _SRC + "a" + _Q1,
        "squareness decreases with H_x",
    ),
    _prediction(
        "states_hx",
        "intermediate states, 1000 Oe minus 200 Oe (AlOx 1 nm)",
        5,
        "min",
        _SRC + "a" + _Q1,
        "intermediate states increase with H_x",
    ),
    _prediction(
        "dI_falls_hx",
        "falls of ΔI as H_x grows (AlOx 1 nm)",
        0,
        "max",
        _SRC + "d" + _Q4,
        "ΔI increases with H_x",
    ),
    _prediction(
        "dI_convex_hx",
        "ΔI rise over 600–1000 Oe / over 200–600 Oe (AlOx 1 nm; the latter at least one grid step)",
        1.5,
        "min",
        _SRC + "d" + _Q4,
        "ΔI increases nonlinearly with H_x",
    ),
    _prediction(
        "dI_falls_alox",
        "falls of ΔI with AlOx thickness (H_x = 800 Oe)",
        0,
        "max",
        _SRC + "e" + _Q4,
        "ΔI increases with thicker AlOx",
    ),
    _prediction(
        "states_rise_half",
        "intermediate states, AlOx 2 nm minus 0 nm, at H_x/H_k = 0.5",
        1,
        "min",
        _SRC + "c" + _Q3,
        "intermediate states increase with AlOx thickness",
    ),
    _prediction(
        "dI_rise_half",
        "ΔI, AlOx 2 nm minus 0 nm, at H_x/H_k = 0.5 (the grid step is 0.5 mA)",
        0.5,
        "min",
        _SRC + "f" + _Q4,
        "ΔI increases with thicker AlOx",
        unit="mA",
    ),
    _prediction(
        "other_samples",
        "samples AlOx 0, 0.5, 1.5, 2 nm whose H_x = 200…1000 Oe series has squareness "
        "1000/200 Oe ≤ 0.5 and ΔI never falling",
        4,
        "min",
        _SRC + "a" + _Q12,
        "also observed in other samples",
        unit="of 4",
    ),
    Target(
        "ratio_tilt",
        "max over the loops that switch inside ±60 mA of |ΔR_Ratio / cos θ_M − 1|",
        0.01,
        kind="max",
        source=(
            "Stoner–Wohlfarth tilt sin θ_M = |H_x|/H_k (devices/cogd.py): once switching is "
            "complete the ratio is cos θ_M; seed 001 p. 3, Figs. 2a–c (ratio trends)"
        ),
        role="consistency",
        paper="ratio = cos θ_M",
    ),
    _prediction(
        "field_remanence",
        "smallest remanence R_hall(H_z = 0)/R_hall(saturation) of the Fig. 1b loops",
        0.95,
        "min",
        _Q1B,
        "square loops, easy axis along z, for every AlOx",
    ),
    _prediction(
        "field_gradual",
        "switching-field range (2–98 %) of the Fig. 1b loop, AlOx 2 nm minus 0 nm (5 Oe grid)",
        10,
        "min",
        _Q1B,
        "gradual switching at AlOx 2 nm",
        unit="Oe",
    ),
]


def loop_currents(top=TOP_MA, step=0.5):
    """Pulse amplitudes (mA) of the loop 0 → +top → −top → +top."""
    up = np.arange(0, top + step / 2, step)
    down = np.arange(top - step, -top - step / 2, -step)
    back = np.arange(-top + step, top + step / 2, step)
    return np.concatenate([up, down, back])


def field_sweep():
    """H_z (Oe) of the Fig. 1b loop: −top → +top → −top."""
    up = np.arange(-FIELD_TOP_OE, FIELD_TOP_OE + FIELD_STEP_OE / 2, FIELD_STEP_OE)
    return np.concatenate([up, up[-2::-1]])


def measure_loop(device, currents_mA, seed):
    """R_hall of a film and of the continuum along the loop, and the loop's measures."""
    currents = currents_mA * 1e-3
    start = -np.sign(float(device.Hx / oersted))  # saturated against the first branch
    p_film, _ = device.ensemble(
        currents, seed=seed, state=np.full((1, device.n_sites), start, np.int8)
    )
    p_cont, _ = device.apply_pulses(currents, x=device.saturated(start))
    R = device.hall_resistance(p_film[0])
    n = (len(currents_mA) - 1) // 4  # pulses per quarter
    down = slice(n, 3 * n + 1)
    up = slice(3 * n, None)
    branches = [branch_measures(currents_mA[s], R[s]) for s in (down, up)]
    switched = [b for b in branches if np.isfinite(b.onset)]
    return {
        "R": R,
        "R_cont": device.hall_resistance(p_cont),
        "ratio": (R.max() - R.min()) / (2 * float(device.R_AHE / ohm)),
        "dI": np.mean([b.current_range for b in branches]),
        "square": np.mean([b.squareness for b in branches]),
        "states": np.mean([b.intermediate_states for b in branches]),
        "onset": np.mean([abs(b.onset) for b in switched]) if switched else np.nan,
        "gap": float(np.sqrt(np.mean((p_film[0] - p_cont) ** 2))),
        "cos": device.cos_theta,
        "Hn": float(device.nucleation_field / oersted),
        "Hp": float(device.propagation_field / oersted),
    }


def measure_field_loop(device, seed):
    """Fig. 1b: R_hall–H_z of a film, its remanence and switching-field range (Oe)."""
    H = field_sweep()
    R = float(device.R_AHE / ohm) * (2 * device.field_loop(H * oersted, FIELD_DWELL, seed) - 1)
    half = len(H) // 2
    up, down = slice(0, half + 1), slice(half, None)
    zero_up, zero_down = np.argmin(np.abs(H[:half])), half + np.argmin(np.abs(H[half:]))
    saturated = float(device.R_AHE / ohm)
    branches = [branch_measures(H[s], R[s]) for s in (up, down)]
    return {
        "H": H,
        "R": R,
        "remanence": min(-R[zero_up], R[zero_down]) / saturated,
        "range": float(np.mean([b.current_range for b in branches])),
        "coercive": float(np.mean([abs(b.onset) for b in branches])),
    }


def _series(devices, currents, seed):
    rows = [measure_loop(d, currents, seed + i) for i, d in enumerate(devices)]
    return {k: np.array([r[k] for r in rows]) for k in rows[0]}


def _falls(values):
    return int(np.sum(np.diff(values) < -1e-9))


def _rises(values):
    return int(np.sum(np.diff(values) > 1e-9))


def _shows_hx_trend(series):
    """Whether an H_x series shows Fig. 2a's trend as ``square_hx`` and ``dI_falls_hx`` test it."""
    square = series["square"]
    return bool(square[0] > 0 and square[-1] / square[0] <= 0.5 and _falls(series["dI"]) == 0)


def _film(alox_nm, hx_oe, nu):
    return presets.li2022_cogd(alox_nm=alox_nm, Hx=hx_oe * oersted, nucleation_hk_exponent=nu)


def fig2_series(currents, nu=0.5):
    """The Fig. 2 series (a, b, c and a') of films with H_n ∝ H_k^ν."""
    hk = np.array([float(presets.li2022_anisotropy(t) / oersted) for t in ALOX_NM])
    return {
        "hx": _series([_film(1.0, h, nu) for h in HX_OE], currents, seed=10),
        "alox": _series([_film(t, 800, nu) for t in ALOX_NM], currents, seed=20),
        "half": _series(
            [_film(t, 0.5 * h, nu) for t, h in zip(ALOX_NM, hk, strict=True)], currents, seed=30
        ),
        "others": [
            _series([_film(t, h, nu) for h in HX_OE], currents, seed=40 + 10 * j)
            for j, t in enumerate(OTHER_ALOX_NM)
        ],
        "hk": hk,
    }


def trend_measures(series, step):
    """The Fig. 2 target values of one set of series on a ``step`` (mA) current grid."""
    hx, alox, half = series["hx"], series["alox"], series["half"]
    lower = hx["dI"][2] - hx["dI"][0]
    upper = hx["dI"][4] - hx["dI"][2]
    return {
        "square_hx": hx["square"][-1] / hx["square"][0] if hx["square"][0] > 0 else np.inf,
        "states_hx": hx["states"][-1] - hx["states"][0],
        "dI_falls_hx": _falls(hx["dI"]),
        "dI_convex_hx": upper / max(lower, step),
        "dI_falls_alox": _falls(alox["dI"]),
        "states_rise_half": half["states"][-1] - half["states"][0],
        "dI_rise_half": half["dI"][-1] - half["dI"][0],
        "other_samples": sum(_shows_hx_trend(o) for o in series["others"]),
    }


def run(quick=False, progress=None):
    """Loops of the three series and Fig. 1b (``quick``: 1 mA steps, no map over ν).

    Parameters
    ----------
    quick : bool
        Coarser current steps; the series for ν = 0 and 1 are skipped.
    progress : callable, optional
        Called with progress lines.

    Returns
    -------
    Result
    """
    step = 1.0 if quick else 0.5
    currents = loop_currents(step=step)
    say = progress or (lambda _: None)
    series = fig2_series(currents)
    say("  li2022_loops: Fig. 2 series done")
    fields = [
        measure_field_loop(presets.li2022_cogd(alox_nm=t), 60 + i) for i, t in enumerate(ALOX_NM)
    ]
    say("  li2022_loops: Fig. 1b loops done")
    hx, alox, half = series["hx"], series["alox"], series["half"]
    every = [hx, alox, half, *series["others"]]
    switched = np.concatenate([np.isfinite(s["onset"]) for s in every])
    tilt = np.concatenate([np.abs(s["ratio"] / s["cos"] - 1) for s in every])[switched]
    measured = trend_measures(series, step)
    measured["ratio_tilt"] = float(np.max(tilt))
    measured["field_remanence"] = min(f["remanence"] for f in fields)
    measured["field_gradual"] = fields[-1]["range"] - fields[0]["range"]
    nu_map = {} if quick else {nu: trend_measures(fig2_series(currents, nu), step) for nu in NU_MAP}
    if nu_map:
        say("  li2022_loops: map over ν done")

    def row(label, values, fmt, note=""):
        return (label, " / ".join(fmt.format(v) for v in values), "", note)

    info = [
        row(
            "H_n / H_p (Oe), H_x = 200…1000 Oe, AlOx 1 nm",
            [*hx["Hn"], *hx["Hp"]],
            "{:.0f}",
            "five H_n, then five H_p",
        ),
        row(
            "switching onset |I| (mA), H_x = 200…1000 Oe, AlOx 1 nm",
            hx["onset"],
            "{:.1f}",
            "binary loops: the critical current",
        ),
        row("ΔI (mA), H_x = 200…1000 Oe, AlOx 1 nm", hx["dI"], "{:.1f}"),
        row("squareness, H_x = 200…1000 Oe", hx["square"], "{:.2f}"),
        row("intermediate states, H_x = 200…1000 Oe", hx["states"], "{:.0f}"),
        row("ΔR_Ratio, H_x = 200…1000 Oe", hx["ratio"], "{:.3f}"),
        row("ΔI (mA), AlOx 0…2 nm, H_x = 800 Oe", alox["dI"], "{:.1f}"),
        row("switching onset |I| (mA), AlOx 0…2 nm, H_x = 800 Oe", alox["onset"], "{:.1f}"),
        row("ΔR_Ratio, AlOx 0…2 nm, H_x = 800 Oe", alox["ratio"], "{:.3f}"),
        row("ΔR_Ratio, AlOx 0…2 nm, H_x/H_k = 0.5", half["ratio"], "{:.3f}"),
        row("ΔI (mA), AlOx 0…2 nm, H_x/H_k = 0.5", half["dI"], "{:.1f}"),
        row("intermediate states, AlOx 0…2 nm, H_x/H_k = 0.5", half["states"], "{:.0f}"),
        (
            "rises of ΔR_Ratio as H_x grows (AlOx 1 nm)",
            f"{_rises(hx['ratio'])}",
            "",
            "paper: falls (001 Fig. 2a); " + _BY_CONSTRUCTION,
        ),
        (
            "rises of ΔR_Ratio with AlOx thickness (H_x = 800 Oe)",
            f"{_rises(alox['ratio'])}",
            "",
            "paper: falls (001 Fig. 2b); " + _BY_CONSTRUCTION + " (H_k falls with t)",
        ),
        (
            "spread (max − min)/mean of ΔR_Ratio over AlOx at H_x/H_k = 0.5",
            f"{np.ptp(half['ratio']) / np.mean(half['ratio']):.4f}",
            "",
            "paper: roughly the same (001 Fig. 2c); "
            + _BY_CONSTRUCTION
            + " (cos θ_M = √0.75 for every sample)",
        ),
        *(
            (
                f"squareness / ΔI (mA), H_x = 200…1000 Oe, AlOx {t} nm",
                " / ".join(f"{v:.2f}" for v in o["square"])
                + "; "
                + " / ".join(f"{v:.1f}" for v in o["dI"]),
                "",
                f"H_x/H_k at 1000 Oe = {1000 / float(presets.li2022_anisotropy(t) / oersted):.2f}"
                + ("" if _shows_hx_trend(o) else ": the Fig. 2a trend is not shown"),
            )
            for t, o in zip(OTHER_ALOX_NM, series["others"], strict=True)
        ),
        row(
            "Fig. 1b coercive field (Oe), AlOx 0…2 nm",
            [f["coercive"] for f in fields],
            "{:.0f}",
            "H_x = 0, 50 Oe/s",
        ),
        row(
            "Fig. 1b switching-field range (Oe), AlOx 0…2 nm",
            [f["range"] for f in fields],
            "{:.0f}",
            "2–98 % of the branch",
        ),
        (
            "rms |p_film − p_continuum| over all loops",
            f"{np.sqrt(np.mean(np.concatenate([s['gap'] for s in every]) ** 2)):.3f}",
            "",
            f"one film of {presets.li2022_cogd().n_sites} grains vs K = 16 classes",
        ),
    ]
    for nu, m in nu_map.items():
        met = sum(t.check(m[t.key]) for t in TARGETS if t.key in m)
        info.append(
            (
                f"map: H_n ∝ H_k^{nu:g} — Fig. 2 trends met",
                f"{met} of {len(m)}",
                "",
                ", ".join(f"{k} {v:.3g}" for k, v in m.items()),
            )
        )
    data = {"currents": currents, **series, "fields": fields, "nu_map": nu_map}
    return Result(NAME, TARGETS, measured, info, data, quick)


def plot(result):
    """Fig. 1b, Fig. 2a–c loops, and ΔI against H_x and AlOx (Fig. 2d–f)."""
    import matplotlib.pyplot as plt

    d = result.data
    fig, axes = plt.subplots(2, 4, figsize=(16, 7))
    n = (len(d["currents"]) - 1) // 4
    loop = slice(n, None)
    for i, (t, f) in enumerate(zip(ALOX_NM, d["fields"], strict=True)):
        axes[0, 0].plot(f["H"], f["R"] + 2.2 * i, lw=1, label=f"AlOx {t:g} nm")
    axes[0, 0].set(xlabel="H_z (Oe)", ylabel="R_hall (Ω, offset)", title="1b: H_x = 0")
    axes[0, 0].legend(fontsize=7)
    series = (
        ("hx", HX_OE, "H_x = {} Oe", "2a: AlOx 1 nm"),
        ("alox", ALOX_NM, "AlOx {} nm", "2b: H_x = 800 Oe"),
        ("half", ALOX_NM, "AlOx {} nm", "2c: H_x/H_k = 0.5"),
    )
    for ax, (key, values, label, title) in zip(axes[0, 1:], series, strict=True):
        for i, v in enumerate(values):
            ax.plot(
                d["currents"][loop], d[key]["R"][i][loop] + 2.2 * i, lw=1, label=label.format(v)
            )
            ax.plot(d["currents"][loop], d[key]["R_cont"][i][loop] + 2.2 * i, "k:", lw=0.6)
        ax.set(xlabel="pulse current I (mA)", ylabel="R_hall (Ω, offset)", title=title)
        ax.legend(fontsize=7)
    axes[1, 0].plot(HX_OE, d["hx"]["dI"], "o-", label="AlOx 1 nm")
    for t, other in zip(OTHER_ALOX_NM, d["others"], strict=True):
        axes[1, 0].plot(HX_OE, other["dI"], ".--", lw=0.8, label=f"AlOx {t:g} nm")
    axes[1, 0].set(xlabel="H_x (Oe)", ylabel="ΔI (mA)", title="2d: ΔI against H_x")
    axes[1, 0].legend(fontsize=7)
    axes[1, 1].plot(ALOX_NM, d["alox"]["dI"], "o-")
    axes[1, 1].set(xlabel="AlOx (nm)", ylabel="ΔI (mA)", title="2e: H_x = 800 Oe")
    axes[1, 2].plot(ALOX_NM, d["half"]["dI"], "o-", label="ΔI")
    axes[1, 2].set(xlabel="AlOx (nm)", ylabel="ΔI (mA)", title="2f: H_x/H_k = 0.5")
    twin = axes[1, 2].twinx()
    twin.plot(ALOX_NM, d["hk"], "s--", color="C3")
    twin.set_ylabel("H_k (Oe)", color="C3")
    axes[1, 3].plot(HX_OE, d["hx"]["Hn"], "o-", label="H_n (nucleation)")
    axes[1, 3].plot(HX_OE, d["hx"]["Hp"], "s-", label="H_p (depinning)")
    axes[1, 3].set(xlabel="H_x (Oe)", ylabel="field (Oe)", title="fields, AlOx 1 nm")
    axes[1, 3].legend(fontsize=7)
    fig.tight_layout()
    return fig
