"""ST-FMR analysis (seed 000, Fig. 2): lineshapes, Kittel, M_eff(T), zones, fits, kernel."""

import numpy as np
import pytest

from spinbrian.analysis import stfmr as st
from spinbrian.constants import GAMMA_E
from spinbrian.cython_kernels import stfmr as kernel
from spinbrian.equations import resonance
from spinbrian.experiments import chen2024_stfmr as chen

H = np.linspace(0.0, 0.09, 1801)  # μ0H (T), 0.05 mT steps
LINE = (0.0318, 0.00143, 1.0, 0.5)  # Hr, dH, S, A of the 6 GHz line of Fig. 2


def noisy_lines(n, rng, derivative=True, noise=0.02):
    """n lines with random Hr, ΔH and S/A phase, white noise of ``noise`` × peak."""
    Hr = rng.uniform(0.01, 0.07, n)
    dH = rng.uniform(0.0008, 0.003, n)
    phase = rng.uniform(0, 2 * np.pi, n)
    truth = np.stack([Hr, dH, np.cos(phase), np.sin(phase)], axis=1)
    shape = resonance.mixing_voltage_derivative if derivative else resonance.mixing_voltage
    Y = shape(H[None, :], *(truth[:, k, None] for k in range(4)))
    Y = Y + noise * np.abs(Y).max(axis=1, keepdims=True) * rng.standard_normal(Y.shape)
    return truth, Y


# ------------------------------------------------------------------------------------------
# lineshapes
# ------------------------------------------------------------------------------------------
def test_lorentzians_peak_and_half_width():
    Hr, dH = 0.03, 0.002
    sym = resonance.lorentzian_symmetric(np.array([Hr, Hr - dH, Hr + dH]), Hr, dH)
    np.testing.assert_allclose(sym, [1.0, 0.5, 0.5], rtol=1e-14)
    anti = resonance.lorentzian_antisymmetric(np.array([Hr, Hr - dH, Hr + dH]), Hr, dH)
    np.testing.assert_allclose(anti, [0.0, -0.5, 0.5], atol=1e-14)
    fine = np.linspace(Hr - 10 * dH, Hr + 10 * dH, 200001)
    assert abs(fine[np.argmax(resonance.lorentzian_antisymmetric(fine, Hr, dH))] - (Hr + dH)) < 1e-7
    np.testing.assert_allclose(
        resonance.mixing_voltage(fine, Hr, dH, 2.0, -3.0),
        2.0 * resonance.lorentzian_symmetric(fine, Hr, dH)
        - 3.0 * resonance.lorentzian_antisymmetric(fine, Hr, dH),
    )


def test_derivative_lineshape_zero_crossing_and_peak_to_peak():
    Hr, dH = 0.03, 0.002
    fine = np.linspace(Hr - 10 * dH, Hr + 10 * dH, 400001)
    d = resonance.mixing_voltage_derivative(fine, Hr, dH, 1.0, 0.0)
    assert resonance.mixing_voltage_derivative(Hr, Hr, dH, 1.0, 0.0) == 0.0
    crossing = fine[np.flatnonzero(np.diff(np.sign(d)) != 0)]
    assert crossing.size == 1 and abs(crossing[0] - Hr) < 1e-7
    assert fine[np.argmax(d)] < Hr < fine[np.argmin(d)]
    assert abs(fine[np.argmin(d)] - fine[np.argmax(d)] - 2 * dH / np.sqrt(3)) < 1e-7
    # and it is the field derivative of V_mix, antisymmetric part included
    v = resonance.mixing_voltage(fine, Hr, dH, 1.0, 0.7)
    dv = resonance.mixing_voltage_derivative(fine, Hr, dH, 1.0, 0.7)
    np.testing.assert_allclose(np.gradient(v, fine)[1:-1], dv[1:-1], rtol=1e-5, atol=1e-6 / dH)


# ------------------------------------------------------------------------------------------
# Kittel, linewidth, M_eff(T)
# ------------------------------------------------------------------------------------------
def test_kittel_round_trip_and_the_papers_numbers():
    f = np.linspace(4e9, 8e9, 9)
    Hr = resonance.kittel_field(f, 0.96, 0.0138)
    np.testing.assert_allclose(resonance.kittel_frequency(Hr, 0.96, 0.0138), f, rtol=1e-13)
    assert np.all(np.diff(Hr) > 0)
    # seed 000: μ0M_eff = 0.96 T, μ0H_a = 13.8 mT → μ0H_r ≈ 32 mT at 6 GHz
    assert resonance.kittel_field(6e9, 0.96, 0.0138) == pytest.approx(0.0318, abs=2e-4)
    np.testing.assert_allclose(resonance.kittel_meff(Hr, f, 0.0138), 0.96, rtol=1e-12)
    # M_eff = 0: f = (γ/2π)(H + H_a) exactly
    g = GAMMA_E / (2 * np.pi)
    np.testing.assert_allclose(resonance.kittel_field(f, 0.0, 0.01), f / g - 0.01, rtol=1e-13)
    # lower M_eff (a hotter zone) → higher resonance field at fixed f
    assert resonance.kittel_field(6e9, 0.5, 0.0138) > resonance.kittel_field(6e9, 0.96, 0.0138)


def test_linewidth_is_the_hwhm_relation():
    g = GAMMA_E / (2 * np.pi)
    assert resonance.linewidth(0.0, 0.0045, 4.7e-4) == 4.7e-4
    assert resonance.linewidth(6e9, 0.0045, 4.7e-4) == pytest.approx(
        4.7e-4 + 0.0045 * 6e9 / g, rel=1e-14
    )


def test_meff_falls_to_zero_at_tc_and_inverts():
    T = np.array([0.0, 50.0, 100.0, 200.0, 300.0, 339.0])
    M = resonance.meff_at(T, 0.96, 100.0)
    assert M[2] == pytest.approx(0.96, rel=1e-14)
    assert np.all(np.diff(M) < 0) and M[-1] > 0
    assert np.all(resonance.meff_at([340.0, 400.0], 0.96, 100.0) == 0.0)
    # m(T) is flat at T = 0 (∝ T^1.5), so the inverse is ill-conditioned there
    np.testing.assert_allclose(resonance.temperature_at_meff(M, 0.96, 100.0), T, atol=1e-6)
    # a zone's temperature read off its resonance field at 6 GHz (seed 000, Fig. 3b,c)
    Hr = resonance.kittel_field(6e9, resonance.meff_at(250.0, 0.96, 100.0), 0.0138)
    assert resonance.temperature_at_meff(
        resonance.kittel_meff(Hr, 6e9, 0.0138), 0.96, 100.0
    ) == pytest.approx(250.0, rel=1e-10)
    with pytest.raises(ValueError, match="T_ref"):
        resonance.meff_at(100.0, 0.96, 350.0)


# ------------------------------------------------------------------------------------------
# zones
# ------------------------------------------------------------------------------------------
def zones(T, weight, **kw):
    return resonance.Zones.from_temperatures(
        T, weight, 0.96, 100.0, Ha=0.0138, alpha=0.0045, dH0=4.7e-4, **kw
    )


def test_a_zone_at_or_above_tc_contributes_nothing():
    for derivative in (False, True):
        cool = resonance.zone_spectrum(H, 6e9, zones([150.0, 250.0], [0.6, 0.3]), derivative)
        for T_hot in (340.0, 500.0):
            both = resonance.zone_spectrum(
                H, 6e9, zones([150.0, 250.0, T_hot], [0.6, 0.3, 0.1]), derivative
            )
            np.testing.assert_array_equal(both, cool)
            alone = resonance.zone_spectrum(H, 6e9, zones([T_hot], [1.0]), derivative)
            assert np.all(alone == 0.0)


def test_area_weights_sum():
    one = resonance.zone_spectrum(H, 6e9, zones(100.0, 1.0, S=1.0, A=0.4))
    line = resonance.mixing_voltage(H, resonance.kittel_field(6e9, 0.96, 0.0138), 0.00143, 1.0, 0.4)
    np.testing.assert_allclose(one, line, rtol=2e-3, atol=2e-3)
    split = resonance.zone_spectrum(H, 6e9, zones([100.0, 100.0, 100.0], [0.2, 0.3, 0.5], A=0.4))
    np.testing.assert_allclose(split, one, rtol=1e-12, atol=1e-15)
    # distinct zones: the spectrum is Σ weight·line, linear in every weight
    w = np.array([0.5, 0.3, 0.2])
    mixed = resonance.zone_spectrum(H, 6e9, zones([120.0, 200.0, 260.0], w), derivative=True)
    parts = [
        resonance.zone_spectrum(H, 6e9, zones(T, 1.0), derivative=True) for T in (120, 200, 260)
    ]
    np.testing.assert_allclose(mixed, np.tensordot(w, parts, 1), rtol=1e-12, atol=1e-9)


def test_zones_reject_negative_weights_and_widths():
    with pytest.raises(ValueError, match="weight"):
        zones([100.0, 200.0], [0.5, -0.1])
    with pytest.raises(ValueError, match="dH0"):
        resonance.Zones(weight=1.0, Meff=0.96, Ha=0.0138, alpha=0.0045, dH0=-1e-4)


def test_cython_synthesis_equals_numpy():
    rng = np.random.default_rng(3)
    T = rng.uniform(80, 360, (7, 3))  # 7 biases × 3 zones, some above T_c
    z = zones(T, rng.uniform(0.1, 1, (7, 3)), S=rng.normal(size=3), A=rng.normal(size=3))
    for derivative in (False, True):
        a = resonance.zone_spectrum(H, 6e9, z, derivative, backend="numpy")
        b = resonance.zone_spectrum(H, 6e9, z, derivative, backend="cython")
        assert a.shape == b.shape == (7, H.size)
        np.testing.assert_allclose(b, a, rtol=1e-12, atol=1e-12 * np.abs(a).max())
    per_f = resonance.zone_spectrum(
        H, np.array([5e9, 6e9])[:, None], zones([100.0, 200.0], [0.5, 0.5])
    )
    assert per_f.shape == (2, H.size)
    with pytest.raises(ValueError, match="backend"):
        resonance.zone_spectrum(H, 6e9, z, backend="fortran")


# ------------------------------------------------------------------------------------------
# fits
# ------------------------------------------------------------------------------------------
def test_single_fit_recovers_a_noisy_line():
    rng = np.random.default_rng(0)
    y = resonance.mixing_voltage_derivative(H, *LINE)
    y = y + 0.03 * np.abs(y).max() * rng.standard_normal(H.size)
    fit = st.fit_lineshape(H, y)
    got = np.array(fit[:4])
    assert fit.converged
    assert np.all(np.abs(got - LINE) < 4 * fit.stderr)
    np.testing.assert_allclose(got, LINE, rtol=0.02)


def test_fits_of_many_noisy_lines_recover_them():
    rng = np.random.default_rng(1)
    truth, Y = noisy_lines(200, rng)
    fit = st.fit_lineshapes(H, Y)
    got = np.stack(fit[:4], axis=1)
    assert fit.converged.all() and np.all(fit.dH > 0)
    z = (got - truth) / fit.stderr
    assert np.abs(z).max() < 5
    # the standard errors describe the scatter: |z| ≈ half-normal, mean √(2/π)
    assert 0.6 < np.abs(z).mean() < 1.0


@pytest.mark.parametrize("derivative", [True, False])
def test_cython_fit_equals_scipy_fit(derivative):
    rng = np.random.default_rng(2)
    _, Y = noisy_lines(40, rng, derivative)
    fast = st.fit_lineshapes(H, Y, derivative)
    ref = st.fit_lineshapes(H, Y, derivative, backend="scipy")
    for k in range(4):
        np.testing.assert_allclose(fast[k], ref[k], rtol=0, atol=1e-4 * ref.stderr[:, k].min())
    np.testing.assert_allclose(fast.stderr, ref.stderr, rtol=1e-3)
    np.testing.assert_allclose(fast.cost, ref.cost, rtol=1e-9)


def test_exact_line_is_fitted_exactly_from_the_guess():
    y = resonance.mixing_voltage_derivative(H, *LINE)
    fit = st.fit_lineshapes(H, np.stack([y, -y]))
    np.testing.assert_allclose(np.stack(fit[:4], 1)[0], LINE, rtol=1e-9)
    np.testing.assert_allclose(np.stack(fit[:4], 1)[1], np.array(LINE) * [1, 1, -1, -1], rtol=1e-9)


def test_sweep_validation():
    with pytest.raises(ValueError, match="monotonic"):
        st.fit_lineshape(np.r_[H[:10], H[5:20]], np.zeros(25))
    with pytest.raises(ValueError, match="H must be 1-D"):
        st.fit_lineshapes(H, np.zeros((3, H.size - 1)))
    with pytest.raises(ValueError, match="shapes"):
        kernel.fit_lines(H, np.zeros((2, H.size)), np.zeros((3, 4)), True)


def test_linewidth_and_kittel_fits_recover_the_papers_numbers():
    f = np.arange(4e9, 8.01e9, 0.5e9)
    width = st.fit_linewidth(f, resonance.linewidth(f, 0.0045, 4.7e-4))
    assert width.alpha == pytest.approx(0.0045, rel=1e-9)
    assert width.dH0 == pytest.approx(4.7e-4, rel=1e-9)
    kittel = st.fit_kittel(f, resonance.kittel_field(f, 0.96, 0.0138))
    assert kittel.Meff == pytest.approx(0.96, rel=1e-8)
    assert kittel.Ha == pytest.approx(0.0138, rel=1e-7)


def test_three_zone_spectrum_is_split_into_three_lines():
    rng = np.random.default_rng(4)
    z = zones([250.0, 160.0, 105.0], [0.2, 0.5, 0.3], A=0.3)
    y = resonance.zone_spectrum(H, 6e9, z, derivative=True)
    y = y + 0.01 * np.abs(y).max() * rng.standard_normal(H.size)
    Hr, dH, S, A = z.lines(6e9)
    order = np.argsort(Hr)
    best = st.select_peaks(H, y, max_peaks=3)
    assert best.Hr.size == 3
    np.testing.assert_allclose(best.Hr, Hr[order], atol=2e-5)
    np.testing.assert_allclose(best.dH, dH[order], rtol=0.05)
    np.testing.assert_allclose(best.S, S[order], rtol=0.05)
    single = resonance.mixing_voltage_derivative(H, *LINE)
    single = single + 0.01 * np.abs(single).max() * rng.standard_normal(H.size)
    assert st.select_peaks(H, single, max_peaks=3).Hr.size == 1


# ------------------------------------------------------------------------------------------
# the experiment
# ------------------------------------------------------------------------------------------
def test_chen2024_fig2_quick_run_meets_its_targets():
    result = chen.run(quick=True)
    assert result.passed, [(c.target.key, c.measured) for c in result.checks()]
    assert {t.key for t in chen.TARGETS} == {"alpha", "dH0", "Meff", "Ha", "Hr_6GHz"}
    assert np.all(np.diff(result.data["meff_T"]) < 0)
    fig = chen.plot(result)
    assert len(fig.axes) == 6
