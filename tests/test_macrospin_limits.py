"""Textbook limits of the Brian2 macrospin model (PHYSICS.md §1), on the numpy target.

Every analytic result below is derived from the explicit Landau–Lifshitz form the model
integrates,

    (1+α²) dm/dt = −γ m×B − αγ m×(m×B) + T + α m×T,   B = μ0 H_eff,

linearised where stated. Each test runs ``MTJ.neurons`` with a few junctions (several fields
or currents per NeuronGroup) and compares a measured number with the formula.
"""

import brian2
import numpy as np
import pytest
from brian2 import StateMonitor, TimedArray, kelvin, nsecond, psecond, run, seed
from brian2.units.allunits import amp, meter
from scipy.integrate import quad

from spinbrian import MTJ
from spinbrian.analysis.ringdown import (
    fit_damped_sine,
    kittel_in_plane,
    kittel_perpendicular,
)
from spinbrian.constants import GAMMA_E, K_B, MU0

A_PER_M = amp / meter
J_UNIT = amp / meter**2
NM = 1e-9 * meter


def _tesla(x):
    """A/m field (as a float) for μ0H = x tesla."""
    return x / MU0


def _monitor_m(group, dt=None):
    return StateMonitor(group, ["mx", "my", "mz"], record=True, dt=dt)


def _m_at(mon):
    return np.stack([mon.mx[:], mon.my[:], mon.mz[:]], axis=-1)  # (N, steps, 3)


def _tilted(axis, tilt_axis, angle, N):
    m0 = np.zeros((N, 3))
    m0[:, axis] = np.cos(angle)
    m0[:, tilt_axis] = np.sin(angle)
    return m0


# --------------------------------------------------------------------- Kittel and damping
#: Small-angle ringdowns: 0.01 rad initial tilt, so nonlinear shifts are O(1e-4).
TILT = 0.01


def test_kittel_in_plane_film():
    """In-plane film, field along the in-plane easy axis x̂: f = (γ/2π)μ0√((H+H_a)(H+H_a+M_eff)).

    Linearising about m = x̂ gives stiffnesses ω1 = γμ0(H+H_a) (in plane) and
    ω2 = γμ0(H+H_a+M_eff) (out of plane); the Gilbert ringdown frequency is Kittel's √(ω1ω2)
    up to O(α²(ω1+ω2)²/(8ω1ω2)) ≈ 3e-5 here (α = 0.002). Tolerance 0.5 % (issue).
    """
    h_a, m_eff = _tesla(0.010), _tesla(0.5)
    H = _tesla(np.array([0.0, 0.02, 0.05, 0.1]))
    film = MTJ(
        Ms=8e5 * A_PER_M,
        thickness=1 * NM,
        area=1e-15 * meter**2,
        alpha=0.002,
        Hk=h_a * A_PER_M,
        easy_axis=(1, 0, 0),
        Meff=m_eff * A_PER_M,
    )
    h = np.zeros((H.size, 3))
    h[:, 0] = H
    group = film.neurons(H.size, H_app=h * A_PER_M, m0=_tilted(0, 1, TILT, H.size), dt=2 * psecond)
    mon = _monitor_m(group)
    run(2 * nsecond)
    f_sim = np.array([fit_damped_sine(mon.t_[:], y).frequency for y in mon.my[:]])
    f_kittel = kittel_in_plane(H, h_a, m_eff, GAMMA_E)
    err = np.abs(f_sim / f_kittel - 1)
    print(f"in-plane Kittel: f = {f_sim / 1e9} GHz, rel. error {err}")
    assert np.all(err < 0.005)


@pytest.fixture(scope="module")
def perpendicular_ringdown():
    """Ringdowns of a perpendicular film (u = ẑ, μ0(H_k − M_s) = 0.1 T) at three fields along ẑ."""
    brian2.prefs.codegen.target = "numpy"
    brian2.start_scope()
    m_s = 4e5
    damping = 0.01
    film = MTJ(
        Ms=m_s * A_PER_M,
        thickness=1 * NM,
        area=1e-15 * meter**2,
        alpha=damping,
        Hk=(m_s + _tesla(0.1)) * A_PER_M,
        easy_axis=(0, 0, 1),
    )
    H = _tesla(np.array([0.0, 0.05, 0.2]))
    h = np.zeros((H.size, 3))
    h[:, 2] = H
    group = film.neurons(H.size, H_app=h * A_PER_M, m0=_tilted(2, 0, TILT, H.size), dt=1 * psecond)
    mon = StateMonitor(group, "mx", record=True)
    run(1.5 * nsecond)
    fits = [fit_damped_sine(mon.t_[:], y) for y in mon.mx[:]]
    return {"film": film, "H": H, "alpha": damping, "fits": fits}


def test_kittel_perpendicular_film(perpendicular_ringdown):
    """Perpendicular film, field along ẑ: f = (γ/2π)μ0(H + H_k − M_s), here up to 1/(1+α²) = 1e-4.

    Tolerance 0.5 % (issue).
    """
    r = perpendicular_ringdown
    film = r["film"]
    f_sim = np.array([fit.frequency for fit in r["fits"]])
    f_kittel = kittel_perpendicular(r["H"], float(film.Hk), float(film.Ms), GAMMA_E)
    err = np.abs(f_sim / f_kittel - 1)
    print(f"perpendicular Kittel: f = {f_sim / 1e9} GHz, rel. error {err}")
    assert np.all(err < 0.005)


def test_damping_from_ringdown_envelope(perpendicular_ringdown):
    """Circular orbit: the envelope decays as exp(−Γt) with Γ = α·ω exactly (linear regime).

    About m = ẑ with B = B0 ẑ, m⊥ = mx + i my obeys (1+α²) dm⊥/dt = (iγB0 − αγB0) m⊥, so
    the measured angular frequency is ω = γB0/(1+α²) and Γ = αγB0/(1+α²) = αω. α is
    recovered as Γ/(2πf) from the damped-sine fit; tolerance 2 % (issue).
    """
    r = perpendicular_ringdown
    alpha_fit = np.array([fit.decay_rate / (2 * np.pi * fit.frequency) for fit in r["fits"]])
    err = np.abs(alpha_fit / r["alpha"] - 1)
    print(f"damping: α = {alpha_fit}, rel. error {err}")
    assert np.all(err < 0.02)


# --------------------------------------------------------------------- conservation laws
def test_energy_and_norm_conserved_without_damping():
    """α = 0, no current: E(m) is a constant of motion and |m| = 1.

    A large-angle orbit (≈ 10 periods) of an in-plane film in an oblique field. The group from
    ``neurons()`` renormalises m after each step (|m| − 1 at round-off); a hand-built group
    without the renormalisation shows the RK4 drift of |m| itself. Tolerances: relative energy
    drift (to the orbit's energy above the minimum) < 1e-6; |m| − 1 < 1e-12 with and
    < 1e-6 without renormalisation.
    """
    film = MTJ(
        Ms=8e5 * A_PER_M,
        thickness=1 * NM,
        area=1e-15 * meter**2,
        alpha=0.0,
        Hk=_tesla(0.02) * A_PER_M,
        easy_axis=(1, 0, 0),
        Meff=_tesla(0.5) * A_PER_M,
    )
    H = _tesla(np.array([0.01, 0.005, 0.0])) * A_PER_M
    m0 = np.array([0.3, 0.8, 0.5])
    dt = 1 * psecond
    group = film.neurons(1, H_app=H, m0=m0, dt=dt)
    raw = brian2.NeuronGroup(
        1, film.equations, method=film.method, namespace=film.namespace, dt=dt, name="raw"
    )
    raw.mx, raw.my, raw.mz = m0 / np.linalg.norm(m0)
    raw.Hx_app, raw.Hy_app, raw.Hz_app = H
    mon, mon_raw = _monitor_m(group), _monitor_m(raw)
    run(1.5 * nsecond)
    m, m_raw = _m_at(mon)[0], _m_at(mon_raw)[0]
    E = film.energy(m, H)
    # Scale: the orbit's energy above the minimum (min over a Fibonacci grid of the sphere,
    # which slightly underestimates the scale: conservative).
    k = np.arange(20000) + 0.5
    z, phi = 1 - 2 * k / k.size, np.pi * (1 + 5**0.5) * k
    grid = np.stack([np.sqrt(1 - z * z) * np.cos(phi), np.sqrt(1 - z * z) * np.sin(phi), z], 1)
    scale = E[0] - film.energy(grid, H).min()
    periods = np.sum(np.diff(np.sign(m[:, 1] - m[:, 1].mean())) > 0)
    drift = np.max(np.abs(E - E[0])) / scale
    norm = np.max(np.abs(np.linalg.norm(m, axis=1) - 1))
    norm_raw = np.max(np.abs(np.linalg.norm(m_raw, axis=1) - 1))
    print(
        f"{periods} periods: energy drift {drift:.2e}, |m|−1 {norm:.1e} (renormalised), "
        f"{norm_raw:.1e} (raw RK4)"
    )
    assert periods >= 5
    assert drift < 1e-6
    assert norm < 1e-12
    assert norm_raw < 1e-6


# --------------------------------------------------------------------- Stoner–Wohlfarth
#: Field angles ψ from the easy axis (field opposing m); astroid h_sw = 0.674, 0.5, 0.574.
SW_ANGLES = np.deg2rad([10.0, 45.0, 70.0])


def _switched(film, h, psi, dt, t_ramp, t_hold):
    """Which junctions end reversed (m·u < 0) after a field ramp to h·H_k at angle π + ψ.

    The field rises linearly from 0 over ``t_ramp`` (a per-junction TimedArray) and is then
    held for ``t_hold``: quasi-static up to the saddle-node bottleneck near h_sw.
    """
    Hk = float(film.Hk)
    H = -Hk * h[:, None] * np.stack([np.cos(psi), np.sin(psi), np.zeros_like(psi)], axis=1)
    ramp_dt = 10 * dt
    steps = int(round(float(t_ramp / ramp_dt)))
    s = np.minimum(np.arange(steps + 2) / steps, 1.0)[:, None]
    group = film.neurons(h.size, H_app=H * A_PER_M, m0=(1, 0, 0), dt=dt)
    ns = {
        "Hx_ramp": TimedArray(s * H[:, 0] * A_PER_M, dt=ramp_dt),
        "Hy_ramp": TimedArray(s * H[:, 1] * A_PER_M, dt=ramp_dt),
    }
    group.run_regularly("Hx_app = Hx_ramp(t, i)\nHy_app = Hy_ramp(t, i)", when="start")
    brian2.Network(group).run(t_ramp + t_hold, namespace=ns)
    return group.mx[:] < 0


def test_stoner_wohlfarth_astroid():
    """Switching field at ψ = 10°, 45°, 70°: h_sw = H_k/(cos^⅔ψ + sin^⅔ψ)^{3/2}, ≤ 1 % (issue).

    No demagnetising field, α = 1 (overdamped approach), T = 0. The threshold is bracketed by
    a field sweep over junctions (two rounds of 35 fields per angle, the second inside the
    bracket of the first); the midpoint of the final bracket (width ≤ 0.2 %) is compared.
    The finite hold time makes switching just above h_sw slow (bottleneck): measured ≈ +0.1 %.
    """
    film = MTJ(
        Ms=8e5 * A_PER_M,
        thickness=1 * NM,
        area=1e-15 * meter**2,
        alpha=1.0,
        Hk=_tesla(0.2) * A_PER_M,
        easy_axis=(1, 0, 0),
        demag=False,
    )
    K = 35
    lo, hi = np.zeros(3), np.full(3, 1.2)
    for _ in range(2):
        brian2.start_scope()
        h = np.concatenate([np.linspace(a, b, K + 2)[1:-1] for a, b in zip(lo, hi, strict=True)])
        sw = _switched(film, h, np.repeat(SW_ANGLES, K), 3 * psecond, 1 * nsecond, 4 * nsecond)
        h, sw = h.reshape(3, K), sw.reshape(3, K)
        for k in range(3):
            first = np.argmax(sw[k])
            # Monotone: every field above the first switching one switches too.
            assert sw[k, first:].all() and not sw[k, :first].any(), sw[k]
            hi[k], lo[k] = h[k, first], (h[k, first - 1] if first > 0 else lo[k])
    h_sw = 1 / (np.cos(SW_ANGLES) ** (2 / 3) + np.sin(SW_ANGLES) ** (2 / 3)) ** 1.5
    err = np.abs((lo + hi) / 2 / h_sw - 1)
    print(f"Stoner–Wohlfarth: h_sw = {(lo + hi) / 2} (astroid {h_sw}), rel. error {err}")
    assert np.all((hi - lo) / h_sw < 0.005)
    assert np.all(err < 0.01)


# --------------------------------------------------------------------- spin-transfer torque
@pytest.mark.parametrize("torque", ["stt", "sot"])
def test_stt_critical_current_collinear(torque):
    """Onset of STT instability for p = ẑ, m near ẑ: j_c = −2αγμ0H_eff/stt_per_j, ≤ 5 % (issue).

    Perpendicular free layer (u = ẑ, H_k > M_eff), H_eff = H_k − M_eff + H_z. Linearising
    about ẑ with T = a_J ε (p − (m·p)m), ε(m·p = 1) = Λ²/(2Λ²) = 1/2 for every Λ (Λ = 0.5
    here), a_J = stt_per_j·j: (1+α²) dm⊥/dt = [iγB0 − αγB0 − a_J/2 − iαa_J/2] m⊥, so |m⊥|
    decays at Γ(j) = (αγμ0H_eff + a_J/2)/(1+α²), zero at j_c. Γ is measured from log|m⊥|
    (circular orbit: no oscillation in |m⊥|) at five currents and j_c from a linear fit.

    The spin-orbit torque with σ = ẑ is the same torque without the angular factor (ε → 1),
    so its onset is j_c = −αγμ0H_eff/sot_per_j: this checks the SOT prefactor and sign.
    """
    m_s = 4e5
    film = MTJ(
        Ms=m_s * A_PER_M,
        thickness=1 * NM,
        area=1e-15 * meter**2,
        alpha=0.01,
        Hk=(m_s + _tesla(0.1)) * A_PER_M,
        easy_axis=(0, 0, 1),
        reference=(0, 0, 1),
        P=0.5,
        Lambda=0.5,
        torques=(torque,),
        theta_SH=0.5,
        sot_spin=(0, 0, 1),
    )
    h_z = _tesla(0.05)
    j = np.array([0.0, -1.0, -2.0, -3.0, -4.0]) * 1e9
    group = film.neurons(
        j.size,
        j=j * J_UNIT,
        H_app=np.array([0, 0, h_z]) * A_PER_M,
        m0=(np.sin(TILT), 0, np.cos(TILT)),
        dt=1 * psecond,
    )
    mon = _monitor_m(group, dt=10 * psecond)
    run(1 * nsecond)
    t = mon.t_[:]
    rates = np.array(
        [-np.polyfit(t, np.log(np.hypot(x, y)), 1)[0] for x, y in zip(mon.mx, mon.my, strict=True)]
    )
    slope, icpt = np.polyfit(j, rates, 1)
    residual = np.max(np.abs(rates - (slope * j + icpt))) / np.ptp(rates)
    j_c = -icpt / slope
    H_eff = float(film.Hk) - float(film.Meff) + h_z
    per_j, eps = {"stt": (film.stt_per_j, 0.5), "sot": (film.sot_per_j, 1.0)}[torque]
    j_c_theory = -film.alpha * GAMMA_E * MU0 * H_eff / (eps * float(per_j))
    err = abs(j_c / j_c_theory - 1)
    print(
        f"{torque} onset: Γ(j) = {np.array2string(rates, max_line_width=200)} /s, "
        f"j_c = {j_c:.4g} A/m² (theory {j_c_theory:.4g}), rel. error {err:.1e}"
    )
    assert rates[0] > 0 > rates[-1]  # the sweep crosses the onset
    assert residual < 1e-3  # Γ is linear in j
    assert err < 0.05


def test_sto_frequency_perpendicular_polariser():
    """Steady precession of an in-plane free layer driven by a perpendicular polariser.

    H_k = 0, B = μ0(H_z − M_eff m_z) ẑ, p = ẑ, Λ = 1 (ε = 1/2). In polar angles,
    (1+α²) θ' = −sinθ (αγB_z + a_Jε) and (1+α²) φ' = γB_z − α a_Jε, so the stable orbit has
    αγB_z = −a_Jε, i.e. m_z = (H_z + a_Jε/(αγμ0))/M_eff, and |φ'| = a_Jε/α: f = a_Jε/(2πα),
    independent of H_z. Three junctions: two currents at H_z = 0, and the second current again
    at μ0H_z = −0.1 T (same f, lower m_z). f from the steady m_x(t), ≤ 0.5 % (issue); m_z
    within 1e-3. α = 0.1 makes the O(α²) terms visible: dropping or flipping the α m×T term
    shifts f by 2α² = 2 %.
    """
    damping = 0.1
    m_eff = _tesla(1.0)
    film = MTJ(
        Ms=m_eff * A_PER_M,
        thickness=1 * NM,
        area=1e-15 * meter**2,
        alpha=damping,
        easy_axis=(1, 0, 0),
        reference=(0, 0, 1),
        P=0.5,
        Lambda=1.0,
    )
    j = np.array([1.0, 2.0, 2.0]) * 1e11
    h_z = _tesla(np.array([0.0, 0.0, -0.1]))
    h = np.zeros((3, 3))
    h[:, 2] = h_z
    dt = 1.25 * psecond
    group = film.neurons(3, j=j * J_UNIT, H_app=h * A_PER_M, m0=(1, 0, 0), dt=dt)
    mon = _monitor_m(group)
    run(1.6 * nsecond)  # transient: θ relaxes at ≈ α sin²θ γμ0M_eff ≈ 1.4e10 /s
    steady = mon.t_[:] > 0.8e-9
    t = mon.t_[steady]
    a_eps = float(film.stt_per_j) * j / 2
    f_theory = a_eps / (2 * np.pi * damping)
    mz_theory = (h_z + a_eps / (damping * GAMMA_E * MU0)) / m_eff
    f_sim = np.array([fit_damped_sine(t, x[steady]).frequency for x in mon.mx[:]])
    mz = mon.mz[:, steady]
    err = np.abs(f_sim / f_theory - 1)
    print(
        f"STO: f = {f_sim / 1e9} GHz (theory {f_theory / 1e9}), rel. error {err}; "
        f"m_z = {mz.mean(1)} (theory {mz_theory})"
    )
    assert np.all((mz_theory > 0.1) & (mz_theory < 0.9))  # a genuine oblique orbit
    assert np.all(err < 0.005)
    assert np.max(np.abs(mz - mz_theory[:, None])) < 1e-3


def test_slonczewski_angular_dependence():
    """T = a_J[ε(m·p) m×(p×m) − β m×p], ε = Λ²/((Λ²+1) + (Λ²−1)m·p), read from Tx/Ty/Tz.

    Λ = 0.5, β = 0.2, m at angles θ from p = x̂ (0 … π). Exact to round-off; ε(−1)/ε(+1) = Λ².
    """
    Lam, beta = 0.5, 0.2
    film = MTJ(
        Ms=8e5 * A_PER_M,
        thickness=1 * NM,
        area=1e-15 * meter**2,
        alpha=0.01,
        reference=(1, 0, 0),
        Lambda=Lam,
        beta=beta,
    )
    theta = np.linspace(0, np.pi, 13)
    phi = 0.3
    m = np.stack([np.cos(theta), np.sin(theta) * np.cos(phi), np.sin(theta) * np.sin(phi)], axis=1)
    j = 1e10
    group = film.neurons(theta.size, j=j * J_UNIT, m0=m, dt=1 * psecond)
    m = np.stack([group.mx[:], group.my[:], group.mz[:]], axis=1)
    T = np.stack([group.Tx[:], group.Ty[:], group.Tz[:]], axis=1)
    p = np.array([1.0, 0.0, 0.0])
    mp = m @ p
    eps = Lam**2 / ((Lam**2 + 1) + (Lam**2 - 1) * mp)
    a_J = float(film.stt_per_j) * j
    T_theory = a_J * (eps[:, None] * (p - mp[:, None] * m) - beta * np.cross(m, p))
    np.testing.assert_allclose(T, T_theory, rtol=0, atol=1e-12 * a_J)
    np.testing.assert_allclose(group.eps_stt[:], eps, rtol=1e-14)
    ratio = group.eps_stt[-1] / group.eps_stt[0]  # m·p = −1 over m·p = +1
    assert ratio == pytest.approx(Lam**2, rel=1e-12)


# --------------------------------------------------------------------- thermal noise
def _thermal_film(alpha=0.5, temperature=300 * kelvin):
    """Perpendicular junction with μ0H_eff = μ0(H_k − M_eff) = 0.5 T and ⟨m_x²⟩ ≈ 2e-3."""
    Ms = 4e5
    return MTJ(
        Ms=Ms * A_PER_M,
        thickness=2 * NM,
        area=5000e-18 * meter**2,
        alpha=alpha,
        Hk=(Ms + _tesla(0.5)) * A_PER_M,
        easy_axis=(0, 0, 1),
        temperature=temperature,
    )


def test_equipartition_thermal_field():
    """⟨m_x²⟩ = k_BT/(μ0M_sVH_eff) for a uniaxial particle, ≤ 2 % (issue).

    E ≈ const + ½μ0M_sVH_eff(m_x² + m_y²) near ẑ with H_eff = H_k − M_eff. The exact
    Boltzmann average of m_x² = sin²θ cos²φ for E = −μ0M_sV(H_k − M_eff) cos²θ/2 (quadrature)
    differs from the equipartition value by 0.2 % here; the simulation is compared with both.
    1000 junctions start at ẑ; the first 0.15 ns (≈ 10 relaxation times 1/(2Γ)) is discarded
    and ⟨(m_x² + m_y²)/2⟩ averaged over 2 ns. The standard error comes from the spread of the
    per-junction time averages (junctions are independent); the test requires 3σ < 2 %.
    """
    film = _thermal_film()
    N = 1000
    seed(2024)
    group = film.neurons(N, m0=(0, 0, 1), dt=0.9 * psecond)
    t_burn = 0.15 * nsecond
    run(t_burn)
    mon = StateMonitor(group, ["mx", "my"], record=True, dt=5 * psecond)
    run(2 * nsecond)
    m_perp2 = (mon.mx[:] ** 2 + mon.my[:] ** 2) / 2  # (N, samples)
    per_junction = m_perp2.mean(axis=1)
    mean = per_junction.mean()
    sem = per_junction.std(ddof=1) / np.sqrt(N)
    kT = K_B * float(film.temperature)
    MsV = float(film.Ms) * float(film.volume)
    H_eff = float(film.Hk) - float(film.Meff)
    equipartition = kT / (MU0 * MsV * H_eff)
    b = MU0 * MsV * H_eff / (2 * kT)

    def weight(u):
        return np.exp(b * (u * u - 1))

    boltzmann = 0.5 * quad(lambda u: (1 - u * u) * weight(u), -1, 1)[0] / quad(weight, -1, 1)[0]
    err_eq, err_b = abs(mean / equipartition - 1), abs(mean / boltzmann - 1)
    print(
        f"equipartition: ⟨m_x²⟩ = {mean:.5g} ± {sem:.2g}; k_BT/(μ0M_sVH_eff) = "
        f"{equipartition:.5g} (rel. error {err_eq:.2%}), Boltzmann {boltzmann:.5g} "
        f"({err_b:.2%}); 3σ = {3 * sem / mean:.2%}"
    )
    assert 3 * sem / mean < 0.02
    assert err_b < 0.02
    assert err_eq < 0.02


def test_seeded_thermal_runs_reproduce():
    """brian2.seed(n) makes a thermal run reproducible bit for bit; another seed differs."""
    film = _thermal_film(temperature=300 * kelvin)

    def trajectory(n):
        brian2.start_scope()
        seed(n)
        group = film.neurons(5, m0=(0, 0, 1), dt=0.9 * psecond)
        run(0.05 * nsecond)
        return np.stack([group.mx[:], group.my[:], group.mz[:]])

    first, again, other = trajectory(7), trajectory(7), trajectory(8)
    assert np.array_equal(first, again)
    assert np.max(np.abs(first - other)) > 1e-3  # the noise does move m


def _switching_probability(step, N, seed_value):
    """Fraction of N thermal junctions reversed within 2 ns by a field 0.5·H_k,eff against m.

    Perpendicular junction, μ0H_k,eff = 0.1 T, K_effV ≈ 7 k_BT at 300 K: the reversed field
    lowers the barrier to K_effV(1 − h)² ≈ 1.8 k_BT, so thermally activated reversal over the
    barrier gives P ≈ 0.6 in 2 ns (α = 0.5). Cython target: 10⁴ junctions × 4000 steps.
    """
    brian2.prefs.codegen.target = "cython"
    brian2.start_scope()
    seed(seed_value)
    m_s = 2e5
    film = MTJ(
        Ms=m_s * A_PER_M,
        thickness=1 * NM,
        area=3000e-18 * meter**2,
        alpha=0.5,
        Hk=(m_s + _tesla(0.1)) * A_PER_M,
        easy_axis=(0, 0, 1),
        temperature=300 * kelvin,
    )
    H = np.array([0.0, 0.0, -0.5 * _tesla(0.1)]) * A_PER_M
    group = film.neurons(N, H_app=H, m0=(0, 0, 1), dt=step)
    run(2 * nsecond)
    return np.mean(group.mz[:] < 0)


@pytest.mark.slow
def test_thermal_switching_probability_converges_in_dt():
    """Thermally assisted switching probability changes < 3 % (absolute) when dt halves.

    10⁴ junctions per run: the standard error of the difference, √(2P(1−P)/N) ≈ 0.007,
    keeps 3σ below the 3 % tolerance.
    """
    N = 10000
    p1 = _switching_probability(1 * psecond, N, 11)
    p2 = _switching_probability(0.5 * psecond, N, 12)
    sigma = np.sqrt(p1 * (1 - p1) / N + p2 * (1 - p2) / N)
    print(f"switching probability: {p1:.4f} (dt = 1 ps), {p2:.4f} (0.5 ps), σ_diff = {sigma:.4f}")
    assert 0.1 < p1 < 0.9  # a probability, neither never nor always
    assert 3 * sigma < 0.03
    assert abs(p1 - p2) < 0.03
