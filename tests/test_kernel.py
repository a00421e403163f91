"""The compiled batch kernel (``spinbrian.batch`` / ``cython_kernels.macrospin``).

Each test checks a physical fact with a stated tolerance: parity with the Brian2 model, exact
reproducibility of seeded noise, equipartition, dt-independence of a thermally activated
switching probability, Néel–Brown relaxation, and energy conservation of coupled junctions.
The thermal statistics run through the kernel (tens of millions of junction-steps per second).
"""

import brian2
import numpy as np
import pytest
from brian2 import kelvin, nsecond, psecond, second
from brian2.units.allunits import amp, meter
from scipy import stats
from scipy.integrate import quad
from scipy.linalg import eigh_tridiagonal

from spinbrian import MTJ, presets
from spinbrian.batch import simulate
from spinbrian.constants import GAMMA_E, K_B, MU0
from spinbrian.cython_kernels import macrospin as kernel

A_PER_M = amp / meter
J_UNIT = amp / meter**2
T_ROOM = 300.0


def _uniaxial(barrier, alpha, mu0_hk=1.0, temperature=T_ROOM, Ms=1e6):
    """Perpendicular uniaxial particle (no demag, no torque) with Δ = μ0 Ms H_k V/(2 k_B T)."""
    Hk = mu0_hk / MU0
    V = 2 * barrier * K_B * temperature / (MU0 * Ms * Hk)
    t = 1e-9
    return MTJ(
        Ms=Ms * A_PER_M,
        thickness=t * meter,
        area=V / t * meter**2,
        alpha=alpha,
        Hk=Hk * A_PER_M,
        easy_axis=(0, 0, 1),
        demag=False,
        P=0.0,
        temperature=temperature * kelvin,
    )


def _sot_device():
    """In-plane easy axis, STT with Λ < 1 and β ≠ 0, plus SOT with a field-like term."""
    return MTJ(
        Ms=8e5 * A_PER_M,
        thickness=1.2e-9 * meter,
        area=(50e-9 * meter) ** 2,
        alpha=0.02,
        Hk=3e4 * A_PER_M,
        easy_axis=(1, 0.2, 0),
        Meff=6e5 * A_PER_M,
        reference=(1, 0, 0),
        P=0.6,
        Lambda=0.6,
        beta=0.1,
        torques=("stt", "sot"),
        theta_SH=0.3,
        sot_spin=(0, 1, 0),
        beta_sot=0.5,
    )


# ------------------------------------------------------------------------------------ (a)
@pytest.mark.parametrize(
    ("make", "j", "H"),
    [
        (
            presets.zheng2020_mtj,
            np.array([0.8, 0.9, 1.0, 0.5]) * 1e10,
            [[0, 0, 0], [1e4, 0, 0], [0, 2e4, -1e4], [3e3, -5e3, 2e4]],
        ),
        (
            _sot_device,
            np.array([1e11, -2e11, 5e11, 3e11]),
            [[0, 0, 0], [1e4, 0, 0], [0, 2e4, -1e4], [3e3, -5e3, 2e4]],
        ),
    ],
    ids=["zheng2020", "sot-inplane"],
)
def test_kernel_matches_brian2_at_zero_temperature(make, j, H):
    """Same equations, RK4 and renormalisation: 1200 steps agree to round-off.

    Measured max |Δm| ≤ 3e-14 (also after 4000 steps) while m moves by O(1).
    """
    dev = make()
    dt = 0.5 * psecond
    m0 = np.array([[0.05, 0, 1], [0.1, 0.2, 1], [0, 0.3, 0.9], [0.5, 0.5, 0.5]])
    group = dev.neurons(4, j=j * J_UNIT, H_app=np.array(H) * A_PER_M, m0=m0, dt=dt)
    brian2.run(0.6 * nsecond)
    m_brian = np.column_stack([group.mx[:], group.my[:], group.mz[:]])
    res = simulate(dev, 0.6 * nsecond, dt, j=j * J_UNIT, H_app=np.array(H) * A_PER_M, m0=m0)
    m_start = m0 / np.linalg.norm(m0, axis=1, keepdims=True)
    assert np.abs(res.m_final - m_start).max() > 0.3  # the dynamics are not trivial
    assert np.abs(res.m_final - m_brian).max() < 1e-8
    np.testing.assert_allclose(res.m[-1], res.m_final, rtol=0, atol=0)
    np.testing.assert_allclose(np.asarray(res.R[-1]), np.asarray(group.R[:]), rtol=1e-9)


def test_record_layout_and_padding():
    """Junction i's trajectory does not depend on N (blocks of lanes are padded) or on
    the record interval; records start with the initial state."""
    dev = presets.zheng2020_mtj()
    dt = 0.5 * psecond
    j = np.linspace(0.5, 1.5, 37) * dev.j_unit
    full = simulate(dev, 0.2 * nsecond, dt, j=j, m0=(0.1, 0, 1), record_every=10)
    part = simulate(dev, 0.2 * nsecond, dt, j=j[:5], m0=(0.1, 0, 1), record_every=1)
    assert full.m.shape == (41, 37, 3) and full.R.shape == (41, 37)
    np.testing.assert_allclose(np.asarray(full.t / psecond), np.arange(41) * 5.0)
    np.testing.assert_allclose(full.m[0], np.tile([0.1, 0, 1] / np.hypot(0.1, 1), (37, 1)))
    np.testing.assert_allclose(full.m[:, :5], part.m[::10], rtol=0, atol=1e-13)
    np.testing.assert_allclose(np.linalg.norm(full.m, axis=-1), 1, atol=1e-14)


def test_bad_arguments_are_named():
    dev = presets.zheng2020_mtj()
    with pytest.raises(ValueError, match="dt = .* too coarse"):
        simulate(dev, 1 * nsecond, 50 * psecond)
    with pytest.raises(ValueError, match="coupling: shape"):
        simulate(dev, 1 * psecond, 0.5 * psecond, N=3, coupling=np.zeros((3, 2)) * A_PER_M)
    with pytest.raises(TypeError, match="H_app"):
        simulate(dev, 1 * psecond, 0.5 * psecond, H_app=(0, 0, 1) * kelvin)


# ------------------------------------------------------------------------------------ (b)
def test_normal_generator():
    """Ziggurat normals: moments, KS distance, and the tail beyond the base strip."""
    x = kernel.standard_normals(250_000, seed=5, streams=4).ravel()
    n = x.size
    assert abs(x.mean()) < 4 / np.sqrt(n)
    assert abs(x.var() - 1) < 4 * np.sqrt(2 / n)
    assert abs(stats.kurtosis(x)) < 4 * np.sqrt(24 / n)
    assert stats.kstest(x, "norm").pvalue > 1e-4
    tail = np.mean(np.abs(x) > 3.6541528853610088)
    p = 2 * stats.norm.sf(3.6541528853610088)
    assert abs(tail - p) < 5 * np.sqrt(p / n)


def test_seeded_thermal_runs_reproduce():
    """Same seed → bit-identical runs; other seed → different; a junction's noise depends
    only on (seed, index), so N and the coupling path (with K = 0) do not change it."""
    dev = presets.zheng2020_mtj(temperature=300 * kelvin)
    kw = {"duration": 0.1 * nsecond, "dt": 0.25 * psecond, "m0": (0.1, 0, 1)}
    a = simulate(dev, N=20, seed=42, **kw)
    b = simulate(dev, N=20, seed=42, **kw)
    c = simulate(dev, N=20, seed=43, **kw)
    d = simulate(dev, N=3, seed=42, **kw)
    e = simulate(dev, N=20, seed=42, coupling=np.zeros((20, 20)) * A_PER_M, **kw)
    np.testing.assert_array_equal(a.m, b.m)
    assert np.abs(a.m_final - c.m_final).min() > 1e-6
    np.testing.assert_allclose(a.m[:, :3], d.m, rtol=0, atol=1e-12)
    np.testing.assert_allclose(a.m, e.m, rtol=0, atol=1e-12)


# ------------------------------------------------------------------------------------ (c)
def test_equipartition_of_transverse_fluctuations():
    """Uniaxial particle along z at 300 K: ⟨m_x²⟩ = ⟨m_y²⟩ = k_BT/(μ0 M_s V H_k).

    μ0 M_s V H_k/(k_BT) = 200 keeps the small-angle formula within 0.5 % of the exact
    Boltzmann average. 4000 junctions × 400 samples spaced 10 ps (relaxation time 11 ps);
    the standard error comes from the spread of the per-junction means (independent).
    Measured: +0.4 % ± 0.14 % (exact Boltzmann value: −0.15 %).
    """
    dev = _uniaxial(barrier=100.0, alpha=1.0)
    Ms, Hk, V = float(dev.Ms), float(dev.Hk), float(dev.volume)
    N = 4000
    res = simulate(dev, 2.2 * nsecond, 0.5 * psecond, N=N, m0=(0, 0, 1), record_every=20, seed=3)
    m = res.m[40:]  # 200 ps burn-in
    per_junction = 0.5 * (m[..., 0] ** 2 + m[..., 1] ** 2).mean(axis=0)
    mean = per_junction.mean()
    sem = per_junction.std(ddof=1) / np.sqrt(N)
    predicted = K_B * T_ROOM / (MU0 * Ms * V * Hk)
    a = MU0 * Ms * V * Hk / (2 * K_B * T_ROOM)
    z_norm = quad(lambda z: np.exp(a * (z * z - 1)), -1, 1)[0]
    exact = quad(lambda z: (1 - z * z) / 2 * np.exp(a * (z * z - 1)), -1, 1)[0] / z_norm
    rel, rel_exact = mean / predicted - 1, mean / exact - 1
    print(f"equipartition: {rel:+.4f} ± {sem / mean:.4f} (vs exact {rel_exact:+.4f})")
    assert abs(exact / predicted - 1) < 0.006
    assert 3 * sem / mean < 0.02 / 2  # the 2 % tolerance is > 6 σ
    assert abs(mean / predicted - 1) < 0.02, (mean, predicted, sem)


# ------------------------------------------------------------------------------------ (d)
def test_switching_probability_does_not_depend_on_dt():
    """Thermally assisted reversal at 0.7 H_k (barrier 25·0.3² = 2.25 k_BT), 1 ns window.

    P(switch) ≈ 0.66 with 40 000 junctions (σ_P ≈ 0.24 %, so σ of the relative change
    ≈ 0.5 %); halving dt (1 ps → 0.5 ps) changes P by < 3 %. Measured: 0.8 %.
    """
    dev = _uniaxial(barrier=25.0, alpha=0.5, mu0_hk=0.5)
    H = (0, 0, -0.7 * float(dev.Hk)) * A_PER_M
    N = 40_000
    P = []
    for dt, seed in ((1.0, 11), (0.5, 12)):
        res = simulate(
            dev, 1 * nsecond, dt * psecond, N=N, H_app=H, m0=(0, 0, 1), record_every=0, seed=seed
        )
        P.append(np.mean(res.m_final[:, 2] < 0))
    sigma_rel = np.sqrt(sum(p * (1 - p) / N for p in P)) / P[1]
    print(f"switching: P = {P}, relative change {P[0] / P[1] - 1:+.4f} ± {sigma_rel:.4f}")
    assert 0.2 < P[1] < 0.9
    assert 3 * sigma_rel < 0.03 / 1.5
    assert abs(P[0] / P[1] - 1) < 0.03, P


# ------------------------------------------------------------------------------------ (e)
def _fokker_planck_dwell(barrier, tau_n, n=2000):
    """Mean dwell time 2/λ1 from the lowest non-zero eigenvalue of the uniaxial
    Fokker–Planck operator ∂_z[(1−z²)(∂_z W − 2Δ z W)]/(2τ_N) (finite volumes)."""
    z = np.linspace(-1, 1, n + 1)
    h = z[1] - z[0]
    zm = 0.5 * (z[1:] + z[:-1])
    U = -barrier * z**2
    flux = (1 - zm**2) * np.exp(barrier * zm**2) / (2 * tau_n * h**2)
    diag = np.zeros(n + 1)
    diag[:-1] -= flux * np.exp(U[:-1])
    diag[1:] -= flux * np.exp(U[1:])
    off = flux * np.exp(0.5 * (U[:-1] + U[1:]))
    lam = eigh_tridiagonal(diag, off, select="i", select_range=(n - 1, n - 1))[0][0]
    return 2 / -lam


def test_neel_brown_dwell_time():
    """Superparamagnetic relaxation for Δ = 3…6, α = 1, μ0H_k = 1 T.

    An ensemble started at +z relaxes as ⟨m_z⟩ ∝ exp(−λ1 t) once the in-well modes have
    died out; the mean dwell time in a well is τ = 2/λ1. Brown's high-barrier formula
    τ = (1+α²)/(αγμ0H_k)·√π·Δ^(−1/2)·e^Δ gives d ln τ/dΔ = 1 − 1/(2Δ) (0.889 at Δ = 4.5).
    Checks: slope within 10 %, magnitude within 2×, and the exact (numerical) Fokker–Planck
    τ within 10 % (the fit over λ1 t ∈ [0.2, 0.8] with 16 000 junctions scatters by ≈ 2 %).
    Measured: slope 0.895 (Brown 0.889), τ/τ_Brown 1.25–1.32, τ/τ_FP 0.99–1.07.
    """
    alpha, mu0_hk = 1.0, 1.0
    tau0 = (1 + alpha**2) / (alpha * GAMMA_E * mu0_hk)
    barriers = np.array([3.0, 4.0, 5.0, 6.0])
    N, dt = 16_000, 0.125e-12
    tau = []
    for k, barrier in enumerate(barriers):
        dev = _uniaxial(barrier, alpha, mu0_hk)
        expected = _fokker_planck_dwell(barrier, tau0 * barrier)
        every = max(1, int(expected / 2 / 40 / dt))
        res = simulate(
            dev,
            0.4 * expected * second,
            dt * second,
            N=N,
            m0=(0, 0, 1),
            record_every=every,
            seed=100 + k,
        )
        t = np.asarray(res.t / second)
        mz = res.m[..., 2].mean(axis=1)
        window = t > 0.1 * expected  # in-well modes (rate ≈ 2Δ/τ_N) have died out
        tau.append(-2 / np.polyfit(t[window], np.log(mz[window]), 1)[0])
    tau = np.array(tau)
    brown = tau0 * np.sqrt(np.pi) * barriers**-0.5 * np.exp(barriers)
    fp = np.array([_fokker_planck_dwell(b, tau0 * b) for b in barriers])
    slope = np.polyfit(barriers, np.log(tau), 1)[0]
    brown_slope = 1 - 1 / (2 * barriers.mean())
    print(
        f"Néel–Brown: slope {slope:.4f} (Brown {brown_slope:.4f}), τ/τ_Brown {tau / brown},"
        f" τ/τ_FP {tau / fp}"
    )
    assert abs(slope / brown_slope - 1) < 0.10, (slope, brown_slope)
    assert np.all((tau / brown > 0.5) & (tau / brown < 2)), tau / brown
    assert np.all(np.abs(tau / fp - 1) < 0.10), tau / fp


# ------------------------------------------------------------------------------------ (f)
def test_coupled_junctions_conserve_energy_without_damping():
    """α = 0, no current, symmetric K: E = Σ_i E_i(m_i) − (μ0 M_s V/2) Σ_ij m_i·K_ij m_j
    is conserved (RK4 over all stages of the coupled system): measured drift 7e-10 of
    μ0 M_s V·H_scale over 2 ns (10⁴ steps), asserted < 1e-7. With K = 0 the coupled path
    reproduces the uncoupled one."""
    dev = MTJ(
        Ms=8e5 * A_PER_M,
        thickness=1e-9 * meter,
        area=(40e-9 * meter) ** 2,
        alpha=0.0,
        Hk=5e5 * A_PER_M,
        easy_axis=(0.3, 0, 1),
        P=0.0,
    )
    rng = np.random.default_rng(0)
    N = 6
    K = rng.normal(0, 3e4, (N, N))
    K = K + K.T
    np.fill_diagonal(K, 0)
    H = rng.normal(0, 2e4, (N, 3))
    m0 = rng.normal(size=(N, 3)) + [0, 0, 2]
    res = simulate(
        dev,
        2 * nsecond,
        0.2 * psecond,
        H_app=H * A_PER_M,
        m0=m0,
        coupling=K * A_PER_M,
        record_every=50,
    )
    m = res.m
    e_single = dev.energy(m, H * A_PER_M).sum(axis=-1)
    mu0MsV = MU0 * float(dev.Ms) * float(dev.volume)
    e_coupling = -0.5 * mu0MsV * np.einsum("tia,ij,tja->t", m, K, m)
    energy = e_single + e_coupling
    scale = mu0MsV * (float(dev.Hk) + np.abs(K).sum(axis=1).max() + np.abs(H).max())
    assert np.ptp(e_coupling) / scale > 0.05  # the coupling does exchange energy
    print(f"coupled energy drift: {np.ptp(energy) / scale:.1e} of μ0 M_s V H_scale")
    assert np.ptp(energy) / scale < 1e-7, np.ptp(energy) / scale

    free = simulate(dev, 0.2 * nsecond, 0.2 * psecond, H_app=H * A_PER_M, m0=m0)
    zero = simulate(
        dev,
        0.2 * nsecond,
        0.2 * psecond,
        H_app=H * A_PER_M,
        m0=m0,
        coupling=np.zeros((N, N)) * A_PER_M,
    )
    np.testing.assert_allclose(free.m, zero.m, rtol=0, atol=1e-12)
