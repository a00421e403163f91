"""Seed 003 Fig. 6: a field-free oscillator from an antiferromagnetically coupled composite layer.

The two-macrospin model of seed 003 (003_cb68a8b132582be2.txt, §II.B, Fig. 6) with the
review's numbers (``presets.hoffmann2022_composite``): a soft layer (M_s = 13.5·10⁵ A/m, no
anisotropy, in-plane by its demagnetising field) and a hard layer (M_s = 4.7·10⁵ A/m,
K_u = 0.4 MJ/m³, perpendicular), 0.8 nm each, D = 20 nm, α = 0.008, coupled by interlayer
exchange J_ex through the spacer, a perpendicular polariser under the hard layer, no applied
field. Only the hard layer feels the spin-transfer torque (the reading taken of the text);
the soft layer is driven through the exchange. The review plots "different J_ex" without
values: the sweep takes J_ex = −0.1 … −0.5 mJ/m² (Ru spacers of ≈ 0.3 nm give 0.1–1 mJ/m²),
and P = 0.5. Both layers are one Brian2 neuron (``devices.composite``), so RK4 integrates
the coupled system as a whole.

Rows:

* *prediction* (the review's qualitative claims, bounds chosen here): the soft layer precesses
  with large amplitude without any field (largest in-plane amplitude ≥ 0.5), and the frequency
  is tunable over a broad range by the current (f_max/f_min ≥ 2 over the oscillating range);
* *limit*: the small-angle mode of the j = 0 ground state against the mode frequency from the
  energy (generalised Smit–Beljers: the linearised Landau–Lifshitz equations built from the
  Hessian of the energy per area in the layers' polar angles, computed independently of the
  torque code), within 0.5 %;
* *limit*: the rigid limit. For |J_ex| → ∞ the layers turn as one antiparallel body: its
  angular momentum, damping and torque add up layer by layer (moments M_i t_i; the torque acts
  on the hard layer only), and the single-layer formula of a perpendicular-polariser STO,
  f = εa_J/(2πα) (set by the torque, not by the fields), becomes
  f_rigid = εa_J,h M_h t_h/(2πα(M_h t_h + M_s t_s)). The composite approaches it as 1/J_ex
  (+2.4 % at −3, +0.6 % at −10 mJ/m²); the row extrapolates from −5 and −10 mJ/m²;
* *limit*: the convergence order in dt of the composite integrated as one system (RK4, ≥ 3.5);
  the same pair as two neurons coupled by Synapses (summed variables hold the neighbour's
  field for the step) is shown beside it: first order.

The runs go through the compiled kernel (``CompositeFreeLayer.simulate``), which integrates the
same RK4 of the six-variable system as the Brian2 neuron of ``CompositeFreeLayer.neurons``
and matches it to rounding (6·10⁻¹⁶, tests/test_coupled_kernel.py).
"""

import dataclasses

import numpy as np
from brian2 import Network, joule, meter, nsecond, psecond, second
from brian2.units.allunits import amp

from spinbrian import presets
from spinbrian.experiments import Result, Target

NAME = "hoffmann2022_composite"
TITLE = "Seed 003 Fig. 6: AF-coupled composite oscillator — f and m_z vs current, no field"

_SRC = "003_cb68a8b132582be2.txt, §II.B and Fig. 6"
_J = amp / meter**2
#: Interlayer exchange energies of the sweep (mJ/m²), and the one of the checks.
J_EX = (-0.1, -0.2, -0.3, -0.5)
J_CHECK = -0.3
#: Current densities of the sweep (A/m²).
CURRENTS = np.linspace(0, 2e11, 21)
DT = 0.25 * psecond
#: Tilt (rad) of the soft layer that starts the ringdown of the mode check.
KICK = 0.005

TARGETS = [
    Target(
        "amplitude",
        "largest in-plane precession amplitude of the soft layer, no field",
        0.5,
        "",
        kind="min",
        source=_SRC,
        role="prediction",
        paper="large amplitude magnetization oscillations in the soft sub-layer, no field",
    ),
    Target(
        "tuning",
        "f_max / f_min over the oscillating currents (each J_ex, smallest)",
        2.0,
        "",
        kind="min",
        source=_SRC,
        role="prediction",
        paper="tunable over a broad frequency range",
    ),
    Target(
        "mode_err",
        "|f_ringdown − f_Smit–Beljers| / f at j = 0",
        0.5,
        "%",
        kind="max",
        source="linearised LLG from the energy Hessian (Smit & Beljers 1955)",
        role="limit",
        paper="small-angle mode of the coupled layers",
    ),
    Target(
        "rigid_err",
        "|f(J_ex → −∞)/f_rigid − 1|, j = 0.5·10¹¹ A/m² (extrapolated in 1/J_ex)",
        1.0,
        "%",
        kind="max",
        source="single-layer STO, f = εa_J/(2πα), for the rigid antiparallel pair (derived)",
        role="limit",
        paper="f_rigid = ε a_J,h M_h/(2πα(M_h + M_s))",
    ),
    Target(
        "order",
        "convergence order in dt, composite as one system (RK4)",
        3.5,
        "",
        kind="min",
        source="RK4: global error ∝ dt⁴",
        role="limit",
        paper="fourth order",
    ),
]


def _device(J_ex_mJ, alpha=None):
    afc = presets.hoffmann2022_composite(J_ex=J_ex_mJ * 1e-3 * joule / meter**2)
    if alpha is None:
        return afc
    return dataclasses.replace(
        afc,
        soft=dataclasses.replace(afc.soft, alpha=alpha),
        hard=dataclasses.replace(afc.hard, alpha=alpha),
    )


def _run(afc, j, duration, dt=DT, record=5 * psecond, m0_soft=(1, 0, -0.1), m0_hard=(0.05, 0, 1)):
    """Integrate composites at currents ``j`` (A/m², array): t (s), six components (N, n_rec).

    Through the compiled kernel (``CompositeFreeLayer.simulate``): the same RK4 of the
    six-variable system as the Brian2 neuron of ``CompositeFreeLayer.neurons``, which it
    matches to rounding (tests/test_coupled_kernel.py).
    """
    t, m_s, m_h = afc.simulate(
        duration,
        dt,
        N=len(j),
        j=np.asarray(j, float) * _J,
        m0_soft=m0_soft,
        m0_hard=m0_hard,
        record_every=record,
    )
    m = {
        f"m{ax}_{a}": layer[:, :, k].T
        for a, layer in (("s", m_s), ("h", m_h))
        for k, ax in enumerate("xyz")
    }
    return np.asarray(t / second), m


def steady_precession(t, m, settle):
    """Frequency (Hz, signed), ⟨m_z⟩ of both layers and the soft in-plane amplitude."""
    sel = t > settle
    out = []
    for k in range(m["mx_s"].shape[0]):
        r = np.hypot(m["mx_s"][k], m["my_s"][k])[sel]
        phase = np.unwrap(np.angle(m["mx_s"][k] + 1j * m["my_s"][k]))[sel]
        f = np.polyfit(t[sel], phase, 1)[0] / (2 * np.pi)
        moving = np.ptp(m["mx_s"][k][sel]) > 0.1  # a static state has no frequency
        out.append(
            (
                f if moving else np.nan,
                m["mz_s"][k][sel].mean(),
                m["mz_h"][k][sel].mean(),
                r.mean() if moving else 0.0,
            )
        )
    return np.array(out)


def sweep(duration, progress=None):
    """Frequency and ⟨m_z⟩ of both layers against the current, for each J_ex."""
    rows = {}
    for J_ex in J_EX:
        t, m = _run(_device(J_ex), CURRENTS, duration)
        rows[J_ex] = steady_precession(t, m, settle=duration / second * 2 / 3)
        if progress is not None:
            f = rows[J_ex][:, 0]
            progress(
                f"J_ex = {J_ex} mJ/m²: |f| {np.nanmin(np.abs(f)) / 1e9:.2f}–"
                f"{np.nanmax(np.abs(f)) / 1e9:.2f} GHz"
            )
    return rows


def _spherical(m):
    m = np.asarray(m, float) / np.linalg.norm(m)
    return np.arccos(m[2]), np.arctan2(m[1], m[0])


def _cartesian(theta, phi):
    return np.array([np.sin(theta) * np.cos(phi), np.sin(theta) * np.sin(phi), np.cos(theta)])


def smit_beljers_frequency(afc, m_soft, m_hard, step=1e-5):
    """Nonzero small-angle mode frequency (Hz) of the composite at equilibrium (m_soft, m_hard).

    x = (θ_s, φ_s, θ_h, φ_h); the linearised Landau–Lifshitz equations are
    dθ_i/dt = −γ/(M_i t_i sin θ_i) ∂e/∂φ_i, dφ_i/dt = γ/(M_i t_i sin θ_i) ∂e/∂θ_i with e
    the energy per area; the Hessian of e is taken by central differences. One mode is the
    free rotation about ẑ (zero frequency, the system is axially symmetric); the other is
    returned.
    """
    x0 = np.array([*_spherical(m_soft), *_spherical(m_hard)])

    def e(x):
        return afc.energy_per_area(_cartesian(x[0], x[1]), _cartesian(x[2], x[3]))

    H = np.zeros((4, 4))
    for a in range(4):
        for b in range(4):
            da, db = np.eye(4)[a] * step, np.eye(4)[b] * step
            H[a, b] = (e(x0 + da + db) - e(x0 + da - db) - e(x0 - da + db) + e(x0 - da - db)) / (
                4 * step**2
            )
    A = np.zeros((4, 4))
    for i, layer in enumerate((afc.soft, afc.hard)):
        moment = float(layer.Ms / (amp / meter)) * float(layer.thickness / meter)  # per area
        w = float(layer.gamma) / (moment * np.sin(x0[2 * i]))
        A[2 * i] = -w * H[2 * i + 1]  # dθ/dt = −w ∂e/∂φ
        A[2 * i + 1] = w * H[2 * i]  # dφ/dt = +w ∂e/∂θ
    omega = np.abs(np.linalg.eigvals(A).imag)
    return omega.max() / (2 * np.pi)


def mode_check(quick):
    """Relax the j = 0 ground state, kick it, and compare the ringdown with Smit–Beljers."""
    afc = _device(J_CHECK)
    t, m = _run(afc, [0.0], 20 * nsecond if quick else 40 * nsecond, record=50 * psecond)
    ms = np.array([m[f"m{ax}_s"][0, -1] for ax in "xyz"])
    mh = np.array([m[f"m{ax}_h"][0, -1] for ax in "xyz"])
    f_sb = smit_beljers_frequency(afc, ms, mh)
    theta, phi = _spherical(ms)
    # Tilts of ±KICK of the soft layer: each changes the total m_z, and the pair then also
    # turns slowly about ẑ (the free rotation), which shifts the mode linearly in the kick;
    # the mean of the two cancels it.
    kicked = np.array([_cartesian(theta + k, phi) for k in (KICK, -KICK)])
    t, m = _run(
        _device(J_CHECK, alpha=0.0),
        [0.0, 0.0],
        5 * nsecond,
        dt=0.1 * psecond,
        record=1 * psecond,
        m0_soft=kicked,
        m0_hard=mh,
    )
    peaks = []
    for k in range(2):
        mz = m["mz_s"][k] - m["mz_s"][k].mean()  # m_z is blind to the rotation itself
        spectrum = np.abs(np.fft.rfft(mz * np.hanning(len(mz)), n=16 * len(mz)))
        freqs = np.fft.rfftfreq(16 * len(mz), t[1] - t[0])
        i = int(np.argmax(spectrum[1:])) + 1
        a, b, c = np.log(spectrum[i - 1 : i + 2])  # parabolic interpolation of the peak
        peaks.append(freqs[i] + 0.5 * (a - c) / (a - 2 * b + c) * (freqs[1] - freqs[0]))
    f_ring = float(np.mean(peaks))
    return {"f_sb": f_sb, "f_ring": f_ring, "peaks": peaks, "m_soft": ms, "m_hard": mh}


#: Exchange energies (mJ/m²) and current density of the rigid-limit check.
RIGID_J_EX, RIGID_J = (-5.0, -10.0), 0.5e11


def rigid_check():
    """Frequency at two large |J_ex|, extrapolated linearly in 1/J_ex, against f_rigid."""
    f = []
    for J_ex in RIGID_J_EX:
        # exchange fields of ≈ 10⁷ A/m: a finer step
        t, m = _run(_device(J_ex), [RIGID_J], 6 * nsecond, dt=0.04 * psecond, record=2 * psecond)
        f.append(abs(steady_precession(t, m, settle=3e-9)[0, 0]))
    x = 1 / np.abs(np.array(RIGID_J_EX))
    f_inf = f[1] - (f[0] - f[1]) * x[1] / (x[0] - x[1])
    afc = _device(RIGID_J_EX[0])
    a_J = float(afc.hard.stt_per_j / (meter**2 / amp / second)) * RIGID_J
    mh = float(afc.hard.Ms / (amp / meter)) * float(afc.hard.thickness / meter)
    ms = float(afc.soft.Ms / (amp / meter)) * float(afc.soft.thickness / meter)
    f_rigid = 0.5 * a_J * mh / (2 * np.pi * afc.hard.alpha * (mh + ms))
    return {"f": f, "f_inf": f_inf, "f_rigid": f_rigid}


def convergence(quick):
    """Error against a fine reference at three steps: one system (RK4) and Synapses coupling."""
    afc = _device(-0.5)
    duration, j = 20 * psecond, [1e11]
    steps = np.array([0.2, 0.1, 0.05]) * psecond
    ref_dt = 0.0125 * psecond

    def final(dt):
        t, m = _run(afc, j, duration, dt=dt, record=duration / 4)
        return np.array([m[f"m{ax}_{a}"][0, -1] for a in "sh" for ax in "xyz"])

    ref = final(ref_dt)
    err = np.array([np.abs(final(dt) - ref).max() for dt in steps])
    order = np.polyfit(np.log(steps / second), np.log(err), 1)[0]
    pair_err = synapse_pair_errors(afc, j[0], duration, steps, ref)
    pair_order = np.polyfit(np.log(steps / second), np.log(pair_err), 1)[0]
    return {
        "steps": steps / second,
        "err": err,
        "order": order,
        "pair_err": pair_err,
        "pair_order": pair_order,
    }


def synapse_pair_errors(afc, j, duration, steps, ref):
    """The same two layers as two MTJ neurons coupled by ``MTJ.field_coupling`` Synapses."""
    from brian2 import start_scope

    base = dataclasses.replace(afc.hard, per_neuron=("Hk", "Meff", "stt_per_j"))
    H_s, H_h = (float(h / (amp / meter)) for h in afc.exchange_fields)
    errors = []
    for dt in steps:
        start_scope()
        group = base.neurons(2, j=j * _J, m0=[(1, 0, -0.1), (0.05, 0, 1)], dt=dt)
        group.Hk = (
            [float(afc.soft.Hk / (amp / meter)), float(afc.hard.Hk / (amp / meter))] * amp / meter
        )
        group.Meff = (
            [float(afc.soft.Meff / (amp / meter)), float(afc.hard.Meff / (amp / meter))]
            * amp
            / meter
        )
        group.stt_per_j[0] = 0 * group.stt_per_j[1]
        syn = base.field_coupling(group, group, [H_s, H_h] * amp / meter, i=[1, 0], j=[0, 1])
        Network(group, syn).run(duration, namespace={})
        m = np.concatenate([[group.mx[k], group.my[k], group.mz[k]] for k in (0, 1)])
        errors.append(np.abs(m - ref).max())
    return np.array(errors)


def run(quick=False, progress=None):
    """Sweep f and m_z against j for each J_ex; the mode and convergence checks."""
    rows = sweep(10 * nsecond if quick else 30 * nsecond, progress=progress)
    mode = mode_check(quick)
    conv = convergence(quick)
    rigid = rigid_check()
    amplitude = max(float(np.max(r[:, 3])) for r in rows.values())
    tuning = []
    for r in rows.values():
        f = np.abs(r[:, 0])
        f = f[np.isfinite(f)]
        tuning.append(f.max() / f.min() if len(f) > 1 else np.nan)
    measured = {
        "amplitude": amplitude,
        "tuning": float(np.min(tuning)),
        "mode_err": 100 * abs(mode["f_ring"] / mode["f_sb"] - 1),
        "order": conv["order"],
        "rigid_err": 100 * abs(rigid["f_inf"] / rigid["f_rigid"] - 1),
    }
    info = [
        (
            f"f range at J_ex = {J} mJ/m²",
            float(np.nanmax(np.abs(r[:, 0]))) / 1e9,
            "GHz",
            f"from {np.nanmin(np.abs(r[:, 0])) / 1e9:.2f} GHz; precesses from "
            f"{CURRENTS[np.flatnonzero(np.isfinite(r[:, 0]))[0]]:.2g} A/m² on "
            f"(sweep step {CURRENTS[1] - CURRENTS[0]:.2g}: the threshold lies below)",
        )
        for J, r in rows.items()
        if np.isfinite(r[:, 0]).any()
    ]
    info += [
        (
            "j = 0 mode (Smit–Beljers)",
            mode["f_sb"] / 1e9,
            "GHz",
            f"ringdown {mode['f_ring'] / 1e9:.4f} GHz (mean of the ±{KICK} rad kicks: "
            f"{mode['peaks'][0] / 1e9:.3f}, {mode['peaks'][1] / 1e9:.3f})",
        ),
        (
            "convergence order, Synapses-coupled pair",
            conv["pair_order"],
            "",
            "summed variables hold the neighbour's field for the step",
        ),
    ]
    info.append(
        (
            "rigid limit f_rigid",
            rigid["f_rigid"] / 1e9,
            "GHz",
            f"|f| = {rigid['f'][0] / 1e9:.3f}, {rigid['f'][1] / 1e9:.3f} GHz at J_ex = "
            f"{RIGID_J_EX[0]:g}, {RIGID_J_EX[1]:g} mJ/m²; extrapolated {rigid['f_inf'] / 1e9:.3f}",
        )
    )
    data = {"rows": rows, "mode": mode, "conv": conv, "rigid": rigid}
    return Result(NAME, TARGETS, measured, info, data, quick)


def plot(result):
    """(a) f vs j, (b) m_z of both layers vs j, (c) convergence in dt."""
    from matplotlib.figure import Figure

    d = result.data
    fig = Figure(figsize=(14, 4), layout="constrained")
    ax_f, ax_m, ax_c = fig.subplots(1, 3)
    for k, (J, r) in enumerate(d["rows"].items()):
        color = f"C{k}"
        ax_f.plot(
            CURRENTS / 1e11,
            np.abs(r[:, 0]) / 1e9,
            "o-",
            ms=3,
            color=color,
            label=f"J_ex = {J} mJ/m²",
        )
        ax_m.plot(CURRENTS / 1e11, r[:, 1], "o-", ms=3, color=color, label=f"soft, {J}")
        ax_m.plot(CURRENTS / 1e11, r[:, 2], "s--", ms=3, color=color, label=f"hard, {J}")
    ax_f.set(xlabel="j (10¹¹ A/m²)", ylabel="|f| (GHz)", title="(a) precession frequency, no field")
    ax_f.legend(fontsize=8)
    ax_m.set(
        xlabel="j (10¹¹ A/m²)", ylabel="⟨m_z⟩", title="(b) m_z of the soft (o) and hard (s) layer"
    )
    ax_m.legend(fontsize=6, ncol=2)
    c = d["conv"]
    ax_c.loglog(c["steps"] * 1e12, c["err"], "o-", label=f"one system (order {c['order']:.2f})")
    ax_c.loglog(
        c["steps"] * 1e12, c["pair_err"], "s-", label=f"Synapses pair (order {c['pair_order']:.2f})"
    )
    ax_c.set(xlabel="dt (ps)", ylabel="max |Δm| (last record)", title="(c) convergence in dt")
    ax_c.legend(fontsize=8)
    return fig
