"""Seed 000 Fig. 2: ST-FMR of the LSMO device at 100 K and zero bias, fitted as the seed does.

Spectra dV_mix/dH at 4–8 GHz are synthesised from the lineshape model of
:mod:`spinbrian.equations.resonance` with the paper's numbers (α = 0.0045, μ0ΔH0 = 0.47 mT,
μ0M_eff = 0.96 T, μ0H_a = 13.8 mT; seed 000 p. 2), white lock-in noise is added (seeded),
and the chain of the paper is run on them: each spectrum is fitted with the field
derivative of symmetric + antisymmetric Lorentzians (Fig. 2b), ΔH(f) with
ΔH = ΔH0 + 2παf/γ (Fig. 2c), H_r(f) with the in-plane Kittel law (Fig. 2d).

What this is and is not: the parameters are recovered from spectra generated with them,
so the targets test the analysis chain — the lineshape convention (ΔH is the HWHM of the
symmetric Lorentzian, the convention in which ΔH = ΔH0 + 2παf/γ holds), fit bias and
scatter under noise (a Monte-Carlo over noise draws, in the info rows), the Kittel
inverse — and the mutual consistency of the paper's numbers (Kittel with 0.96 T and
13.8 mT gives μ0H_r = 31.8 mT at 6 GHz, the ≈ 32 mT of PHYSICS.md §4 and Fig. 2d). They
are not an independent reproduction of the measurement: nothing here predicts α or M_eff.

The inset of Fig. 2d (M_eff falling toward T_c) is drawn from the model
:func:`~spinbrian.equations.resonance.meff_at` — (1 − (T/T_c)^1.5)^0.5 with T_c = 340 K
(seed 000, Fig. 1b), calibrated to 0.96 T at 100 K, not fitted (the seed gives the inset
only as a curve) — and recovered through the same chain from spectra at each temperature,
with H_a, α and ΔH0 held at their 100 K values. Not in the seed, so chosen here: the
frequency steps (0.5 GHz), the field sweeps, the amplitudes (A/S = 0.5) and the noise
(σ = 2 % of the peak |dV/dH| of the 6 GHz line, the same at every frequency).
"""

import numpy as np

from spinbrian.analysis import stfmr
from spinbrian.equations import resonance
from spinbrian.experiments import Result, Target
from spinbrian.presets import CHEN2024_STFMR

NAME = "chen2024_stfmr"
TITLE = "Seed 000 Fig. 2: LSMO ST-FMR at 100 K — α, ΔH0 from linewidths, M_eff, H_a from Kittel"

#: The paper's numbers (seed 000 p. 2, Fig. 2c,d; μ0·fields in tesla).
ALPHA = CHEN2024_STFMR["alpha"]
MU0_DH0 = CHEN2024_STFMR["dH0"]
MU0_MEFF = CHEN2024_STFMR["Meff"]
MU0_HA = CHEN2024_STFMR["Ha"]
#: Measurement temperature of Fig. 2 (K).
T_MEAS = CHEN2024_STFMR["T"]

#: Frequencies (Hz) of Fig. 2a, 4–8 GHz (the step is not stated: 0.5 GHz).
FREQS = np.arange(4.0, 8.01, 0.5) * 1e9
#: The frequency of Fig. 2b and of the μ0H_r target (Hz), and its index in FREQS.
F_SHOW = 6e9
K_SHOW = int(np.flatnonzero(np.isclose(FREQS, F_SHOW))[0])
#: Field sweep μ0H (T) at 100 K.
FIELDS = np.arange(0.0, 90.0001, 0.05) * 1e-3
#: Temperatures (K) of the M_eff(T) inset and their field sweep μ0H (T).
TEMPS = np.array([100.0, 150.0, 200.0, 250.0, 300.0, 320.0])
FIELDS_T = np.arange(0.0, 200.0001, 0.1) * 1e-3
#: Symmetric and antisymmetric amplitudes (µV; not in the seed).
AMP_S, AMP_A = 1.0, 0.5
#: Lock-in noise σ as a fraction of the peak |dV/dH| of the 6 GHz line (not in the seed).
NOISE = 0.02
SEED = 2024

_SRC = "seed 000 p. 2, Fig. 2"
_ROUND_TRIP = " — the spectra were made from this number: the fit recovers it"
#: μ0H_r at F_SHOW from the Kittel law with the seed's M_eff and H_a (PHYSICS.md rounds to 32).
HR_SHOW_MT = 1e3 * float(resonance.kittel_field(F_SHOW, MU0_MEFF, MU0_HA))
TARGETS = [
    Target(
        "alpha",
        "Gilbert α from ΔH vs f",
        ALPHA,
        "",
        abs=1e-4,
        source=_SRC + "c" + _ROUND_TRIP,
        role="consistency",
    ),
    Target(
        "dH0",
        "μ0ΔH0 (HWHM) from ΔH vs f",
        MU0_DH0 * 1e3,
        "mT",
        abs=0.03,
        source=_SRC + "c" + _ROUND_TRIP,
        role="consistency",
    ),
    Target(
        "Meff",
        "μ0M_eff from the Kittel fit",
        MU0_MEFF,
        "T",
        abs=0.002,
        source=_SRC + "d" + _ROUND_TRIP,
        role="consistency",
    ),
    Target(
        "Ha",
        "μ0H_a from the Kittel fit",
        MU0_HA * 1e3,
        "mT",
        abs=0.05,
        source=_SRC + "d" + _ROUND_TRIP,
        role="consistency",
    ),
    Target(
        "Hr_6GHz",
        "μ0H_r of the fitted 6 GHz line",
        HR_SHOW_MT,
        "mT",
        abs=0.1,
        source="Kittel law with the seed's M_eff, H_a (seed 000 Fig. 2d): the fitted line "
        "returns the field it was made at",
        role="consistency",
    ),
]


def film(T=T_MEAS):
    """The whole device as one zone at temperature ``T`` (K): M_eff from the model."""
    return resonance.Zones.from_temperatures(
        T,
        weight=1.0,
        meff_ref=MU0_MEFF,
        T_ref=T_MEAS,
        Ha=MU0_HA,
        alpha=ALPHA,
        dH0=MU0_DH0,
        S=AMP_S,
        A=AMP_A,
    )


def noise_sigma():
    """Noise σ (µV/T): NOISE times the peak |dV/dH| of the 100 K line at F_SHOW."""
    return NOISE * np.abs(resonance.zone_spectrum(FIELDS, F_SHOW, film(), derivative=True)).max()


def spectra(fields, T, rng, repeats=None):
    """Noisy dV_mix/dH at every frequency, shape ([repeats,] n_f, n_H)."""
    clean = resonance.zone_spectrum(fields, FREQS[:, None], film(T), derivative=True)
    shape = clean.shape if repeats is None else (repeats, *clean.shape)
    return clean + noise_sigma() * rng.standard_normal(shape)


def analyse(Hr, dH, stderr):
    """Linewidth and Kittel fits of the lines fitted at FREQS (weighted by their errors)."""
    width = stfmr.fit_linewidth(FREQS, dH, stderr[:, 1])
    kittel = stfmr.fit_kittel(FREQS, Hr, stderr[:, 0])
    return width, kittel


def noise_study(rng, repeats):
    """α, ΔH0 (T), M_eff, H_a (T) over ``repeats`` noise draws, shape (repeats, 4)."""
    fits = stfmr.fit_lineshapes(
        FIELDS, spectra(FIELDS, T_MEAS, rng, repeats).reshape(-1, FIELDS.size)
    )
    n = len(FREQS)
    Hr, dH = fits.Hr.reshape(repeats, n), fits.dH.reshape(repeats, n)
    err = fits.stderr.reshape(repeats, n, 4)
    out = []
    for r in range(repeats):
        width, kittel = analyse(Hr[r], dH[r], err[r])
        out.append([width.alpha, width.dH0, kittel.Meff, kittel.Ha])
    return np.array(out)


def temperature_series(rng):
    """Fitted μ0M_eff (T) and μ0H_r at F_SHOW (T) at each of TEMPS."""
    meff, hr = [], []
    for T in TEMPS:
        fit = stfmr.fit_lineshapes(FIELDS_T, spectra(FIELDS_T, T, rng))
        meff.append(analyse(fit.Hr, fit.dH, fit.stderr)[1].Meff)
        hr.append(fit.Hr[K_SHOW])
    return np.array(meff), np.array(hr)


def run(quick=False, progress=None):
    """Synthesise and fit Fig. 2 (``quick``: 20 noise draws in the bias study, not 200).

    Parameters
    ----------
    quick : bool
        Fewer noise draws in the Monte-Carlo of the fit bias.
    progress : callable, optional
        Called with progress lines.

    Returns
    -------
    Result
    """
    say = progress or (lambda line: None)
    rng = np.random.default_rng(SEED)
    Y = spectra(FIELDS, T_MEAS, rng)
    fit = stfmr.fit_lineshapes(FIELDS, Y, backend="scipy")
    fast = stfmr.fit_lineshapes(FIELDS, Y)
    width, kittel = analyse(fit.Hr, fit.dH, fit.stderr)
    measured = {
        "alpha": width.alpha,
        "dH0": 1e3 * width.dH0,
        "Meff": kittel.Meff,
        "Ha": 1e3 * kittel.Ha,
        "Hr_6GHz": 1e3 * fit.Hr[K_SHOW],
    }
    repeats = 20 if quick else 200
    say(f"noise study: {repeats} × {len(FREQS)} spectra")
    draws = noise_study(rng, repeats)
    say(f"M_eff(T): {len(TEMPS)} temperatures")
    meff_T, hr_T = temperature_series(rng)
    data = {
        "Y": Y,
        "fit": fit,
        "width": width,
        "kittel": kittel,
        "draws": draws,
        "meff_T": meff_T,
        "hr_T": hr_T,
    }
    return Result(NAME, TARGETS, measured, _info(fit, fast, draws, meff_T), data, quick)


def _info(fit, fast, draws, meff_T):
    hr6 = resonance.kittel_field(F_SHOW, MU0_MEFF, MU0_HA)
    d = 1e-4
    slope = (resonance.kittel_field(F_SHOW, MU0_MEFF + d, MU0_HA) - hr6) / d
    dH4, dH8 = resonance.linewidth(FREQS[[0, -1]], ALPHA, MU0_DH0)
    agree = np.max(np.abs(np.stack([fast[i] - fit[i] for i in range(4)], 1) / fit.stderr))
    mean, sd = draws.mean(0), draws.std(0)
    truth = np.array([ALPHA, MU0_DH0, MU0_MEFF, MU0_HA])
    rows = zip(
        ("α", "μ0ΔH0", "μ0M_eff", "μ0H_a"),
        mean,
        sd,
        (1, 1e3, 1, 1e3),
        ("", " mT", " T", " mT"),
        (".6f", ".4f", ".5f", ".3f"),
        strict=True,
    )
    bias = ", ".join(f"{n} {m * s:{fmt}} ± {e * s:.2g}{u}" for n, m, e, s, u, fmt in rows)
    k300 = int(np.flatnonzero(TEMPS == 300.0)[0])
    model300 = resonance.meff_at(300.0, MU0_MEFF, T_MEAS)
    return [
        (
            "μ0H_r at 6 GHz from Kittel with the paper's M_eff, H_a",
            1e3 * hr6,
            "mT",
            "≈ 32 mT (PHYSICS.md §4): consistent",
        ),
        (
            "zero-field resonance frequency",
            resonance.kittel_frequency(0.0, MU0_MEFF, MU0_HA) / 1e9,
            "GHz",
            "below 4 GHz: every line of Fig. 2a at positive field",
        ),
        (
            "μ0ΔH (HWHM) at 4 / 8 GHz",
            f"{1e3 * dH4:.3g} / {1e3 * dH8:.3g}",
            "mT",
            f"derivative peak-to-peak 2ΔH/√3: {2e3 * dH4 / 3**0.5:.3g} / "
            f"{2e3 * dH8 / 3**0.5:.3g} mT",
        ),
        (
            "∂(μ0H_r)/∂(μ0M_eff) at 6 GHz",
            1e3 * slope,
            "mT/T",
            "< 0: heating (lower M_eff) moves the line up, as the seed says on p. 3; its "
            "'a higher resonance field indicates a higher effective magnetization' has the "
            "sign reversed",
        ),
        (
            "noise σ / peak |dV/dH| at 6 GHz",
            100 * NOISE,
            "%",
            f"seed {SEED}; A/S = {AMP_A / AMP_S:g}",
        ),
        (
            f"fit bias over {len(draws)} noise draws (mean ± sd)",
            bias,
            "",
            "(mean − paper)/(sd/√N): "
            + ", ".join(f"{b:+.2f}" for b in (mean - truth) / (sd / np.sqrt(len(draws)))),
        ),
        (
            "max |Cython − SciPy| over the 9 line fits",
            agree,
            "σ",
            "compiled Levenberg–Marquardt vs curve_fit, in units of the fit's standard error",
        ),
        (
            "μ0M_eff at 300 K: refitted / model",
            f"{meff_T[k300]:.4f} / {model300:.4f}",
            "T",
            "model (1 − (T/T_c)^1.5)^0.5, T_c = 340 K (seed 000 Fig. 1b), not fitted",
        ),
    ]


def plot(result):
    """Fig. 2a–d, the M_eff(T) inset, and H_r(6 GHz) vs T (cf. Fig. 3c)."""
    from matplotlib.figure import Figure

    d = result.data
    fig = Figure(figsize=(14, 7.5), layout="constrained")
    axes = fig.subplots(2, 3)
    _plot_spectra(axes[0, 0], d)
    _plot_line(axes[0, 1], d)
    _plot_width(axes[0, 2], d)
    _plot_kittel(axes[1, 0], d)
    _plot_meff(axes[1, 1], d)
    _plot_hr_T(axes[1, 2], d)
    return fig


def _plot_spectra(ax, d):
    fit, B = d["fit"], 1e3 * FIELDS
    step = 1.2 * np.abs(d["Y"]).max()
    for i, f in enumerate(FREQS):
        model = resonance.mixing_voltage_derivative(
            FIELDS, fit.Hr[i], fit.dH[i], fit.S[i], fit.A[i]
        )
        ax.plot(B, d["Y"][i] + i * step, ".", ms=1, color="0.6")
        ax.plot(B, model + i * step, lw=0.8, label=f"{f / 1e9:g} GHz" if i % 2 == 0 else None)
    ax.set(xlabel="μ0H (mT)", ylabel="dV_mix/dH (µV/T, offset)", title="(a) spectra, 100 K, 0 V")
    ax.legend(fontsize=7)


def _plot_line(ax, d):
    fit, k = d["fit"], K_SHOW
    Hr, dH, S, A = fit.Hr[k], fit.dH[k], fit.S[k], fit.A[k]
    window = np.abs(FIELDS - Hr) < 8 * dH
    B = 1e3 * FIELDS[window]
    ax.plot(B, d["Y"][k][window], ".", ms=2, color="0.5", label="synthetic data")
    sym = resonance.mixing_voltage_derivative(FIELDS[window], Hr, dH, S, 0.0)
    anti = resonance.mixing_voltage_derivative(FIELDS[window], Hr, dH, 0.0, A)
    ax.plot(B, sym + anti, "k", lw=1, label="fit")
    ax.plot(B, sym, color="C3", lw=1, label="symmetric")
    ax.plot(B, anti, color="gold", lw=1, label="antisymmetric")
    ax.set(xlabel="μ0H (mT)", ylabel="dV_mix/dH (µV/T)", title=f"(b) {F_SHOW / 1e9:g} GHz line fit")
    ax.legend(fontsize=7)


def _plot_width(ax, d):
    fit, w = d["fit"], d["width"]
    f = FREQS / 1e9
    ax.errorbar(f, 1e3 * fit.dH, 1e3 * fit.stderr[:, 1], fmt="o", label="fitted ΔH")
    ax.plot(f, 1e3 * resonance.linewidth(FREQS, w.alpha, w.dH0), "k-", lw=1)
    ax.set(
        xlabel="f (GHz)",
        ylabel="μ0ΔH (mT, HWHM)",
        title=f"(c) α = {w.alpha:.5f}, μ0ΔH0 = {1e3 * w.dH0:.3f} mT",
    )


def _plot_kittel(ax, d):
    fit, kt = d["fit"], d["kittel"]
    B = np.linspace(0, 1.1 * fit.Hr.max(), 200)
    ax.plot(1e3 * fit.Hr, FREQS / 1e9, "o", label="fitted H_r")
    ax.plot(1e3 * B, resonance.kittel_frequency(B, kt.Meff, kt.Ha) / 1e9, "k-", lw=1)
    ax.set(
        xlabel="μ0H_r (mT)",
        ylabel="f (GHz)",
        title=f"(d) μ0M_eff = {kt.Meff:.3f} T, μ0H_a = {1e3 * kt.Ha:.2f} mT",
    )


def _plot_meff(ax, d):
    T = np.linspace(0, resonance.T_C_LSMO + 20, 300)
    ax.plot(T, resonance.meff_at(T, MU0_MEFF, T_MEAS), "k-", lw=1, label="model")
    ax.plot(TEMPS, d["meff_T"], "o", label="Kittel fit of synthetic spectra")
    ax.axvline(resonance.T_C_LSMO, color="0.5", ls="--", lw=0.8, label="T_c = 340 K")
    ax.set(xlabel="T (K)", ylabel="μ0M_eff (T)", title="(e) M_eff(T) (Fig. 2d inset)")
    ax.legend(fontsize=7)


def _plot_hr_T(ax, d):
    T = np.linspace(80, 330, 200)
    model = resonance.kittel_field(F_SHOW, resonance.meff_at(T, MU0_MEFF, T_MEAS), MU0_HA)
    ax.plot(T, 1e3 * model, "k-", lw=1, label="model")
    ax.plot(TEMPS, 1e3 * d["hr_T"], "o", label="fitted")
    ax.set(xlabel="T (K)", ylabel="μ0H_r (mT)", title=f"(f) H_r at {F_SHOW / 1e9:g} GHz vs T")
    ax.legend(fontsize=7)
