"""Kittel frequencies and Gilbert damping from small-angle ringdowns (textbook limit).

Two films built from the free layer of ``presets.zheng2020_mtj()`` (M_s = 1 MA/m, α = 0.01):

* in-plane: easy axis x̂ with μ0H_a = 10 mT, demagnetising field −M_eff m_z ẑ with
  μ0M_eff = 0.8 T, field along x̂: f = (γ/2π) μ0 √((H + H_a)(H + H_a + M_eff));
* perpendicular: the preset itself (μ0(H_k − M_s) = 0.1 T), field along ẑ:
  f = (γ/2π) μ0 (H + H_k − M_s).

Each junction starts 0.01 rad off its equilibrium with no current and rings down. Linearising
the Gilbert equation gives the decay rate Γ = α(ω1 + ω2)/(2(1 + α²)) with ω1 = γμ0(H + H_a),
ω2 = γμ0(H + H_a + M_eff) (ω1 = ω2 for the perpendicular film, so Γ = αω for a circular
orbit), which is inverted for α. Damping shifts the ringdown frequency from Kittel's by O(α²)
(≈ 1e-4 at α = 0.01), well inside the 0.5 % target.
"""

import dataclasses

import numpy as np
from brian2 import nsecond, psecond

from spinbrian import presets
from spinbrian.constants import MU0
from spinbrian.experiments import Result, Target
from spinbrian.experiments._sim import A_PER_M, simulate

NAME = "kittel_ringdown"
TITLE = "Kittel frequency vs field (in-plane and perpendicular film) and α from a ringdown"

_SRC = "PHYSICS.md §1 (textbook limit)"
_KITTEL = "f = (γ/2π)μ0 √((H + H_a)(H + H_a + M_eff)); perpendicular: (γ/2π)μ0(H + H_k⊥ − M_s)"
_RINGDOWN = "envelope decays at 1/τ = αω (circular orbit)"
# PHYSICS.md §1: "Results the implementation must reproduce (tests, ≤1% unless noted)".
TARGETS = [
    Target(
        "f_err_in_plane",
        "max |f − f_Kittel|/f_Kittel, in-plane film",
        0.5,
        "%",
        kind="max",
        source=_SRC,
        role="limit",
        paper=_KITTEL,
    ),
    Target(
        "f_err_perp",
        "max |f − f_Kittel|/f_Kittel, perpendicular film",
        0.5,
        "%",
        kind="max",
        source=_SRC,
        role="limit",
        paper=_KITTEL,
    ),
    Target(
        "alpha",
        "Gilbert α from the ringdown envelope",
        0.01,
        "",
        rel=0.01,
        source=_SRC,
        role="limit",
        paper="α = 0.01 (the input)",
    ),
    Target(
        "alpha_err_max",
        "max α error over all ringdowns",
        1.0,
        "%",
        kind="max",
        source=_SRC,
        role="limit",
        paper=_RINGDOWN,
    ),
]

#: In-plane anisotropy and effective magnetisation of the in-plane film (tesla, μ0·H).
MU0_HA = 0.010
MU0_MEFF = 0.8
#: Fields (tesla, μ0·H) applied along the equilibrium direction.
FIELDS = np.array([0.0, 0.025, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4])
#: Initial tilt (rad) away from equilibrium: small-angle limit.
TILT = 0.01
#: Which ringdown the envelope panel shows (perpendicular film, index into FIELDS).
TRACE_FIELD = 0.1
#: Fields (A/m) of the drawn Kittel curves.
H_CURVE = np.linspace(FIELDS.min(), FIELDS.max(), 200) / MU0


def films():
    """The in-plane and the perpendicular film (MTJ devices), in that order."""
    base = presets.zheng2020_mtj()
    in_plane = dataclasses.replace(
        base,
        easy_axis=(1.0, 0.0, 0.0),
        Hk=MU0_HA / MU0 * A_PER_M,
        Meff=MU0_MEFF / MU0 * A_PER_M,
    )
    return in_plane, base


def _settings(quick):
    if quick:
        return 0.5 * psecond, 1.0 * nsecond
    return 0.25 * psecond, 4.0 * nsecond


def alpha_from_ringdown(decay_rate, omega1, omega2):
    """Invert Γ = α(ω1 + ω2)/(2(1 + α²)) for the small root α (Gilbert damping)."""
    x = 2 * decay_rate / (omega1 + omega2)  # = α/(1+α²)
    return (1 - np.sqrt(1 - 4 * x**2)) / (2 * x)


def run(quick=False, progress=None):
    """Ring down both films at every field and compare with Kittel.

    Parameters
    ----------
    quick : bool
        1 ns ringdowns at dt = 0.5 ps instead of 4 ns at 0.25 ps.
    progress : callable, optional
        Called with progress lines.

    Returns
    -------
    Result
    """
    from spinbrian.analysis.ringdown import (
        fit_damped_sine,
        kittel_in_plane,
        kittel_perpendicular,
    )

    dt, duration = _settings(quick)
    in_plane, perp = films()
    H = FIELDS / MU0  # A/m
    N = len(H)
    out = {}
    for key, dev, axis in (("in_plane", in_plane, 0), ("perp", perp, 2)):
        si = dev.si()
        h = np.zeros((N, 3))
        h[:, axis] = H
        # Tilt in the plane that holds the long axis of the precession orbit.
        tilt_axis = 1 if axis == 0 else 0
        m0 = np.zeros((N, 3))
        m0[:, axis] = np.cos(TILT)
        m0[:, tilt_axis] = np.sin(TILT)
        t, m = simulate(
            dev,
            duration,
            dt,
            H_app=h * A_PER_M,
            m0=m0,
            progress=progress,
            label=f"{key} ringdowns ({N} fields)",
        )
        signal = m[:, tilt_axis, :]
        fits = [fit_damped_sine(t, y) for y in signal]
        f_sim = np.array([f.frequency for f in fits])
        rate = np.array([f.decay_rate for f in fits])
        if axis == 0:

            def kittel(x, si=si):
                return kittel_in_plane(x, si["Hk"], si["Meff"], si["gamma"])

            w1 = si["gamma"] * MU0 * (H + si["Hk"])
            w2 = w1 + si["gamma"] * MU0 * si["Meff"]
        else:

            def kittel(x, si=si, Ms=float(dev.Ms / A_PER_M)):
                return kittel_perpendicular(x, si["Hk"], Ms, si["gamma"])

            w1 = w2 = si["gamma"] * MU0 * (H + si["Hk"] - si["Meff"])
        f_k = np.array([kittel(x) for x in H])
        out[key] = {
            "t": t,
            "signal": signal,
            "f_sim": f_sim,
            "f_kittel": f_k,
            "rate": rate,
            "amplitude": np.array([f.amplitude for f in fits]),
            "alpha": alpha_from_ringdown(rate, w1, w2),
            "f_curve": np.array([kittel(x) for x in H_CURVE]),
        }

    true_alpha = in_plane.alpha
    k_trace = int(np.flatnonzero(np.isclose(FIELDS, TRACE_FIELD))[0])
    all_alpha = np.concatenate([out[k]["alpha"] for k in out])
    measured = {
        "f_err_in_plane": 100
        * np.max(np.abs(out["in_plane"]["f_sim"] / out["in_plane"]["f_kittel"] - 1)),
        "f_err_perp": 100 * np.max(np.abs(out["perp"]["f_sim"] / out["perp"]["f_kittel"] - 1)),
        "alpha": float(out["perp"]["alpha"][k_trace]),
        "alpha_err_max": 100 * float(np.max(np.abs(all_alpha / true_alpha - 1))),
    }
    info = [
        ("μ0H_a, μ0M_eff (in-plane film)", MU0_HA * 1e3, "mT", f"μ0M_eff = {MU0_MEFF} T"),
        (
            "μ0(H_k − M_s) (perpendicular film)",
            float(perp.si()["Hk"] - perp.si()["Meff"]) * MU0 * 1e3,
            "mT",
            "presets.zheng2020_mtj()",
        ),
        ("ringdown length", float(duration) * 1e9, "ns", f"dt = {float(dt) * 1e12:g} ps"),
        ("integrator", np.nan, "", "batch kernel"),
    ]
    data = {"fields": FIELDS, "k_trace": k_trace, "true_alpha": true_alpha, **out}
    return Result(NAME, TARGETS, measured, info, data, quick)


def plot(result):
    """f(μ0H) against Kittel, the relative error, and one ringdown with its envelope."""
    from matplotlib.figure import Figure

    d = result.data
    fig = Figure(figsize=(13, 4), layout="constrained")
    ax_f, ax_e, ax_r = fig.subplots(1, 3)
    B = d["fields"] * 1e3
    B_curve = H_CURVE * MU0 * 1e3
    for key, label, color in (("in_plane", "in-plane", "C0"), ("perp", "perpendicular", "C1")):
        r = d[key]
        ax_f.plot(B, r["f_sim"] / 1e9, "o", color=color, label=f"{label}: ringdown fit")
        ax_f.plot(B_curve, r["f_curve"] / 1e9, "-", color=color, lw=1, label=f"{label}: Kittel")
        ax_e.plot(B, 100 * (r["f_sim"] / r["f_kittel"] - 1), "o-", color=color, label=label)
    ax_f.set(xlabel="μ0H (mT)", ylabel="f (GHz)", title="(a) frequency vs field")
    ax_f.legend(fontsize=8)
    ax_e.axhline(0, color="0.5", lw=0.6)
    ax_e.set(
        xlabel="μ0H (mT)", ylabel="(f − f_Kittel)/f_Kittel (%)", title="(b) deviation from Kittel"
    )
    ax_e.legend(fontsize=8)

    k = d["k_trace"]
    r = d["perp"]
    t_ns = r["t"] * 1e9
    y = r["signal"][k]
    env = r["amplitude"][k] * np.exp(-r["rate"][k] * (r["t"] - r["t"][0]))
    ax_r.plot(t_ns, y, lw=0.8, label="m_x")
    ax_r.plot(
        t_ns,
        env,
        "C3--",
        lw=1,
        label=f"fitted envelope: α = {r['alpha'][k]:.5f} (true {d['true_alpha']:g})",
    )
    ax_r.plot(t_ns, -env, "C3--", lw=1)
    ax_r.set(
        xlabel="t (ns)",
        ylabel="m_x",
        title=f"(c) ringdown, ⊥ film, μ0H = {B[k]:g} mT",
    )
    ax_r.legend(fontsize=8, loc="upper right")
    return fig
