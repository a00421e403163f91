"""MTJ reservoir (seed 004): RLS, junction responses, the discrete RNN and its Brian2 twin."""

import dataclasses

import brian2
import numpy as np
import pytest
from brian2 import kelvin, nmeter, nsecond, psecond
from spinbrian.cython_kernels.rls import rls_update, rls_update_rows

from spinbrian import presets
from spinbrian.analysis.timeseries import nrmse, period_and_amplitude
from spinbrian.networks import (
    ForceReadout,
    InnateTrainer,
    LLGResponse,
    MTJReservoir,
    TransferResponse,
)
from spinbrian.networks.ideal_units import LinearResponse, TanhResponse
from spinbrian.networks.reservoir_brian2 import brian2_reservoir
from spinbrian.networks.responses import LLG_DT, delta_r


@pytest.fixture(scope="module")
def mtj():
    return presets.zheng2020_mtj()


def _numpy_rls(P, W, r, e):
    k = P @ r
    c = 1.0 / (1.0 + r @ k)
    return P - c * np.outer(k, k), W - c * np.outer(e, k)


def test_rls_kernel_matches_the_numpy_update():
    rng = np.random.default_rng(0)
    A = rng.normal(size=(30, 30))
    P = np.ascontiguousarray(A @ A.T / 30 + np.eye(30))
    W = rng.normal(size=(2, 30))
    r, e = rng.normal(size=30), rng.normal(size=2)
    P_ref, W_ref = _numpy_rls(P, W, r, e)
    rls_update(P, W, r, e)
    np.testing.assert_allclose(P, P_ref, rtol=0, atol=1e-12)
    np.testing.assert_allclose(W, W_ref, rtol=0, atol=1e-12)


def test_rls_converges_to_the_ridge_regression_solution():
    # RLS from P = I/α over samples (r_t, f_t) gives exactly the ridge solution
    # W = F Rᵀ (R Rᵀ + α I)⁻¹ (Haykin, Adaptive Filter Theory).
    rng = np.random.default_rng(1)
    R = rng.normal(size=(8, 200))
    F = rng.normal(size=(1, 200))
    alpha = 0.5
    ro = ForceReadout(8, 1, alpha=alpha)
    for t in range(200):
        ro.train(R[:, t], F[:, t])
    ridge = F @ R.T @ np.linalg.inv(R @ R.T + alpha * np.eye(8))
    np.testing.assert_allclose(ro.W, ridge, rtol=1e-9, atol=1e-12)


def test_rls_rows_equal_independent_updates_and_shapes_are_checked():
    rng = np.random.default_rng(2)
    P = np.tile(np.eye(5), (3, 1, 1)) * 2.0
    W, r, e = rng.normal(size=(3, 5)), rng.normal(size=(3, 5)), rng.normal(size=3)
    expected = [_numpy_rls(P[i], W[i : i + 1], r[i], e[i : i + 1]) for i in range(3)]
    rls_update_rows(P, W, r, e)
    for i, (P_i, W_i) in enumerate(expected):
        np.testing.assert_allclose(P[i], P_i, atol=1e-12)
        np.testing.assert_allclose(W[i], W_i[0], atol=1e-12)
    with pytest.raises(ValueError, match="do not fit"):
        rls_update(np.eye(3), np.zeros((1, 4)), np.zeros(3), np.zeros(1))


def test_innate_trainer_pulls_a_unit_onto_its_target_and_keeps_the_support():
    rng = np.random.default_rng(3)
    W = np.where(rng.random((6, 6)) < 0.5, rng.normal(size=(6, 6)), 0.0)
    support = W != 0
    target_w = np.where(support, rng.normal(size=(6, 6)), 0.0)
    trainer = InnateTrainer(W, alpha=0.1)
    for _ in range(3000):  # ridge bias ~ α/3000 per weight
        r_pre = rng.normal(size=6)
        trainer.train(r_pre, W @ r_pre, target_w @ r_pre)
    np.testing.assert_allclose(W, target_w, atol=1e-3)
    assert np.all(W[~support] == 0)


def test_readout_imperfections_are_validated():
    with pytest.raises(ValueError, match="update_failure"):
        ForceReadout(3, update_failure=1.0)
    with pytest.raises(ValueError, match="alpha"):
        ForceReadout(3, alpha=0)


def test_llg_step_is_converged(mtj):
    coarse = delta_r([mtj] * 3, [0.8, 0.9, 1.0], dt=LLG_DT)[0]
    fine = delta_r([mtj] * 3, [0.8, 0.9, 1.0], dt=0.25 * psecond)[0]
    np.testing.assert_allclose(coarse, fine, rtol=2e-6)


def test_the_drive_window_maps_onto_the_seeds_output_window(mtj):
    # Seed 004 Fig. 1d: j ∈ [0.8, 1.0]·10¹⁰ A/m² ↔ ΔR ∈ [114, 145] Ω; the TMR is fitted to
    # the lower edge, the linear macrospin gives 1.25 × 114 = 142.5 Ω at the upper one.
    resp = TransferResponse([mtj] * 4)
    assert resp.dR_range == pytest.approx((114.0, 142.5), rel=0.002)
    np.testing.assert_allclose(resp(np.array([0.0, 1.0, -0.5, 1.5])), [0, 1, 0, 1], atol=1e-9)


def test_reduced_model_equals_the_full_llg_at_zero_temperature(mtj):
    x = np.random.default_rng(4).uniform(-0.2, 1.2, 30)
    full = LLGResponse([mtj] * 30)(x)
    reduced = TransferResponse([mtj] * 30)(x)
    np.testing.assert_allclose(reduced, full, atol=1e-4)


def test_continuous_reading_rings_down_at_the_gilbert_rate(mtj):
    # Carried state: a held drive leaves the ring-down of the last change, which decays by
    # exp(−α ω0 t_step/(1+α²)) per step (circular orbit about the perpendicular axis).
    from spinbrian.experiments.zheng2020_readings import _ringdown_limit, held_drive_ratio

    assert held_drive_ratio(mtj) == pytest.approx(_ringdown_limit(mtj), rel=0.02)


def test_continuous_reading_starts_at_rest_under_the_lowest_current(mtj):
    # The reset puts every junction at its equilibrium under j_lo: no oscillation, r = 0;
    # the full-range change j_lo → j_hi is the read-out scale, r = 1.
    carry = LLGResponse([mtj] * 2, protocol="continuous")
    np.testing.assert_allclose(carry(np.zeros(2)), 0.0, atol=1e-3)
    np.testing.assert_allclose(carry(np.ones(2)), 1.0, atol=1e-3)
    carry.reset()
    np.testing.assert_allclose(carry(np.zeros(2)), 0.0, atol=1e-3)


def test_pulsed_reading_with_a_long_gap_is_the_reset_reading(mtj):
    # 60 ns without current ≈ 10 ring-down times: the pulse starts from rest again
    # (remnant amplitude e^(−10.5) of a 145 Ω swing ≈ 0.004 Ω, r within 2·10⁻⁴).
    x = np.array([0.2, 0.9, 0.5])
    long_gap = LLGResponse([mtj] * 3, protocol="pulsed", gap=60 * nsecond)
    short_gap = LLGResponse([mtj] * 3, protocol="pulsed", gap=1.5 * nsecond)
    reset = LLGResponse([mtj] * 3)
    for _ in range(2):
        expected = reset(x)
        np.testing.assert_allclose(long_gap(x), expected, atol=1e-3)
    short_gap(x)
    assert np.max(np.abs(short_gap(x) - expected)) > 0.05  # a short gap keeps the ring
    with pytest.raises(ValueError, match="protocol"):
        LLGResponse([mtj], protocol="sometimes")
    with pytest.raises(ValueError, match="gap"):
        LLGResponse([mtj], protocol="pulsed", gap=-1 * nsecond)


def test_read_circuit_attenuates_the_precession_as_a_first_order_low_pass(mtj):
    # An RC of τ passes a sinusoid of ω with gain 1/√(1 + (ωτ)²); the 2.8 GHz ring-down
    # decays by only ≈ 6 % per period, so ΔR read through it scales by that gain.
    si = mtj.si()
    omega = si["gamma"] * si["mu0"] * (si["Hk"] - si["Meff"])
    tau = 20 * psecond
    raw = delta_r([mtj] * 2, [0.8, 1.0])[0]
    read = delta_r([mtj] * 2, [0.8, 1.0], read_time=tau)[0]
    gain = 1 / np.sqrt(1 + (omega * float(tau)) ** 2)
    np.testing.assert_allclose(read / raw, gain, rtol=0.01)
    with pytest.raises(ValueError, match="read_time"):
        delta_r([mtj], [0.9], read_time=-1 * psecond)


def test_thermal_rest_states_follow_equipartition():
    # Boltzmann about the perpendicular easy axis: each tilt component has variance
    # k_BT/(μ0 M_s H_k,eff V) (a volume ×100 keeps the tilt small-angle, 0.018 rad).
    from brian2 import meter

    from spinbrian.constants import K_B, MU0

    base = presets.zheng2020_mtj(300 * kelvin)
    device = dataclasses.replace(base, area=base.area * 100)
    si = device.si()
    expected = (
        K_B
        * 300
        / (
            MU0
            * device.Ms
            / (brian2.amp / meter)
            * (si["Hk"] - si["Meff"])
            * float(device.volume / meter**3)
        )
    )
    m = device.thermal_directions(40000, np.random.default_rng(0))
    np.testing.assert_allclose(np.linalg.norm(m, axis=1), 1.0, atol=1e-12)
    np.testing.assert_allclose(np.var(m[:, :2], axis=0), expected, rtol=0.03)
    assert abs(np.mean(m[:, 0])) < 4 * np.sqrt(expected / 40000)
    cold = presets.zheng2020_mtj().thermal_directions(3, np.random.default_rng(0))
    np.testing.assert_array_equal(cold, np.tile([0.0, 0.0, 1.0], (3, 1)))


def test_thermal_noise_moves_the_output(mtj):
    warm = presets.zheng2020_mtj(300 * kelvin)
    a = LLGResponse([warm] * 20, nominal=mtj, seed=1)(np.full(20, 0.5))
    b = LLGResponse([warm] * 20, nominal=mtj, seed=2)(np.full(20, 0.5))
    assert np.std(a - b) > 0.5  # much larger than the whole [0, 1] window (see robustness)


def test_thermal_response_is_reproducible_from_its_seed(mtj):
    """Seeded at 300 K, two builds give the same window and outputs bit for bit."""
    warm = presets.zheng2020_mtj(300 * kelvin)
    x = np.linspace(0.2, 0.8, 6)
    a, b = (LLGResponse([warm] * 6, seed=3) for _ in range(2))
    # the read-out window is the noiseless nominal junction's, ordered and the same
    assert a.dR_range == b.dR_range == LLGResponse([mtj]).dR_range
    assert a.dR_range[0] < a.dR_range[1]
    assert np.array_equal(a(x), b(x)) and np.array_equal(a(x), b(x))


@pytest.mark.parametrize("j_range", [(0.8, 0.8), (1.0, 0.8), (0.8, np.nan), (-0.1, 1.0)])
def test_a_degenerate_drive_range_is_refused(mtj, j_range):
    """(0.8, 0.8) used to give a zero-width window and NaN outputs."""
    with pytest.raises(ValueError, match=r"^j_range = .*(0 ≤ j_lo < j_hi|not a finite)"):
        LLGResponse([mtj], j_range=j_range)


def test_resized_junction_follows_the_thin_disk_scaling(mtj):
    same = mtj.resized(40 * nmeter)
    assert float(same.Meff / mtj.Meff) == pytest.approx(1.0, abs=1e-12)
    small = mtj.resized(36 * nmeter)
    assert float(small.R_P / mtj.R_P) == pytest.approx((40 / 36) ** 2, rel=1e-12)
    shift = float((small.Meff - mtj.Meff) / mtj.Ms)
    assert shift == pytest.approx(0.75 * np.pi * 1.0 * (1 / 40 - 1 / 36), rel=1e-9)


def test_reservoir_validates_its_parameters(mtj):
    resp = TransferResponse([mtj] * 3)
    with pytest.raises(ValueError, match="tau_syn"):
        MTJReservoir(resp, tau_syn=1 * psecond)
    with pytest.raises(ValueError, match="p = "):
        MTJReservoir(resp, p=0)
    with pytest.raises(ValueError, match="inputs"):
        MTJReservoir(resp, n_in=1).run(2)
    with pytest.raises(ValueError, match="targets"):
        MTJReservoir(resp).run(2, train=[True, True])


def test_force_learns_a_sine_that_runs_on_after_learning(mtj):
    net = MTJReservoir(TransferResponse([mtj] * 40), seed=0)
    n = np.arange(3000)
    f = (0.87 * np.sin(2 * np.pi * n / 30))[:, None]
    res = net.run(3000, targets=f, train=n < 2000, readout=ForceReadout(40, 1, alpha=0.1))
    assert nrmse(res.z[2000:], f[2000:]) < 0.1
    period, amplitude = period_and_amplitude(res.z[2000:, 0], 1.5)
    assert period == pytest.approx(45.0, rel=0.01)
    assert amplitude == pytest.approx(0.87, rel=0.05)


def test_an_echo_state_unit_has_the_mtj_window():
    esn = TanhResponse(3)
    np.testing.assert_allclose(esn(np.array([0.5, 0.5 + 1e-6])), [0.5, 0.5 + 1e-6], atol=1e-9)
    ends = esn(np.array([-3.0, 4.0]))  # saturates inside (0, 1), as r does at the clip
    assert 0 < ends[0] < 1e-5 and 1 - 1e-5 < ends[1] < 1


def test_time_series_measures():
    t = np.arange(2000) * 1.5
    f = 0.65 * np.sin(2 * np.pi * t / 80)
    assert nrmse(f, f) == 0
    # A quarter-period shift of a sine: RMS(√2 A sin(·)) / A = 1.
    assert nrmse(0.65 * np.cos(2 * np.pi * t / 80), f) == pytest.approx(1.0, rel=1e-3)
    period, amplitude = period_and_amplitude(f, 1.5)
    assert period == pytest.approx(80, rel=2e-3) and amplitude == pytest.approx(0.65, rel=1e-3)


def test_a_match_is_the_first_chunk_from_which_every_chunk_is_matched():
    from spinbrian.experiments.zheng2020_sine import matched_after

    # a lucky early chunk does not count while a later one still fails
    errors = [(5700.0, 1.2), (5850.0, 0.05), (6000.0, 0.3), (6150.0, 0.08), (6300.0, 0.02)]
    assert matched_after(errors, 5700.0) == 450.0
    assert matched_after([(0.0, 0.05), (150.0, 0.01)], 0.0) == 0.0
    assert matched_after([(0.0, 0.05), (150.0, 0.2)], 0.0) == float("inf")
    assert matched_after([(0.0, float("nan"))], 0.0) == float("inf")


def test_recorded_output_is_the_one_before_the_update():
    # Sussillo & Abbott: z(n) = W(n−1)·r(n) is emitted; one RLS step then lowers the error
    # the network would make on the same rates (e₊ < e₋), which the record does not show.
    net = MTJReservoir(LinearResponse(10), seed=0)
    ro = ForceReadout(10, 1, alpha=1e-3)  # P = 10³ I: one step nearly fits the target
    res = net.run(1, targets=np.ones((1, 1)), train=np.ones(1, bool), readout=ro)
    assert res.z[0, 0] == pytest.approx(0.0)  # zero weights before the first update
    assert abs(ro(net._history[-1])[0] - 1.0) < 0.1


def _brian_vs_discrete(net, n, inputs=None, targets=None, train=None):
    W0 = net.readout.W.copy()
    P0 = net.readout.P.copy()
    ref = net.run(n, inputs=inputs, targets=targets, train=train)
    W_ref = net.readout.W.copy()
    net.readout.W[:], net.readout.P[:] = W0, P0
    net.reset()
    z = brian2_reservoir(net, n, inputs=inputs, targets=targets, train=train).run()
    return ref.z, z, W_ref


def test_brian2_network_runs_exactly_the_discrete_map(mtj):
    rng = np.random.default_rng(5)
    net = MTJReservoir(LLGResponse([mtj] * 6), n_in=1, g=1.5, seed=2)
    net.readout = ForceReadout(6, 1)
    net.readout.W[:] = rng.normal(0, 0.5, (1, 6))
    u = rng.uniform(-0.5, 0.5, (4, 1))
    ref, z, _ = _brian_vs_discrete(net, 4, inputs=u)
    np.testing.assert_allclose(z, ref, atol=1e-9)


def test_brian2_network_runs_the_continuous_reading_as_the_kernel_does(mtj):
    # Carried state in both builds: the same rest state, read-out scale and ring-down.
    rng = np.random.default_rng(6)
    net = MTJReservoir(LLGResponse([mtj] * 4, protocol="continuous"), n_in=1, g=1.5, seed=3)
    net.readout = ForceReadout(4, 1)
    net.readout.W[:] = rng.normal(0, 0.5, (1, 4))
    u = rng.uniform(-0.5, 0.5, (5, 1))
    ref, z, _ = _brian_vs_discrete(net, 5, inputs=u)
    assert np.ptp(ref) > 0.05  # the outputs move: the comparison is not of zeros
    np.testing.assert_allclose(z, ref, atol=1e-9)
    with pytest.raises(ValueError, match="continuous"):
        brian2_reservoir(MTJReservoir(LLGResponse([mtj] * 4)), 2, protocol="continuous")


def test_brian2_force_training_matches_the_discrete_training(mtj):
    net = MTJReservoir(LLGResponse([mtj.resized(38 * nmeter), mtj] * 2), seed=4)
    net.readout = ForceReadout(4, 1, alpha=0.1)
    f = np.sin(np.arange(3) / 2.0)[:, None]
    ref, z, W_ref = _brian_vs_discrete(net, 3, targets=f, train=[True, True, False])
    np.testing.assert_allclose(z, ref, atol=1e-9)
    np.testing.assert_allclose(net.readout.W, W_ref, atol=1e-9)
    assert np.abs(W_ref).max() > 0


@pytest.mark.slow
def test_trained_network_runs_on_cpp_standalone(mtj, tmp_path):
    net = MTJReservoir(TransferResponse([mtj] * 12), seed=0)
    n = np.arange(400)
    f = (0.87 * np.sin(2 * np.pi * n / 30))[:, None]
    net.run(400, targets=f, train=np.ones(400, bool), readout=ForceReadout(12, 1, alpha=0.1))
    net.response = LLGResponse([mtj] * 12)
    net.reset()
    ref = net.run(20).z
    net.reset()
    brian2.set_device("cpp_standalone", build_on_run=False, directory=str(tmp_path))
    b2 = brian2_reservoir(net, 20)
    b2.network.run(20 * 1.5e-9 * brian2.second + LLG_DT)
    brian2.device.build(directory=str(tmp_path), compile=True, run=True)
    np.testing.assert_allclose(b2.outputs_z(), ref, atol=1e-9)
    assert np.std(ref) > 0.1  # the trained network oscillates
