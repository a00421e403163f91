"""The Joule-heated zone model: analytic limits, energy balance, kernel vs SciPy, NDR."""

import numpy as np
import pytest
from brian2 import (
    Network,
    StateMonitor,
    defaultclock,
    kelvin,
    meter,
    ohm,
    prefs,
    start_scope,
    usecond,
    volt,
    watt,
)
from scipy.integrate import solve_ivp
from scipy.optimize import fsolve

from spinbrian.cython_kernels import thermal as kernel
from spinbrian.devices.lsmo import LSMOChannel
from spinbrian.presets import chen2024_lsmo

W_PER_K = watt / kelvin


def constant_rho(**kw):
    """A channel with a temperature-independent ρ = 1.2e-5 Ω·m."""
    rho = 1.2e-5 * ohm * meter
    return chen2024_lsmo(a_rho=0 / kelvin, rho0=rho, rho_p=rho, E_a=0 * kelvin, **kw)


def rhs(device, T_bath, V):
    """dT/dt of a voltage-driven channel from the device's NumPy heat balance (for SciPy)."""
    C = device.zone_constants()[1]
    flow = device.heat_balance(T_bath)
    return lambda _, T: flow(T, V) / C


def test_zero_current_leaves_the_bath_temperature():
    T, _, I, _ = chen2024_lsmo().sweep([0.0, 1e-9], 150 * kelvin, voltage=False)
    assert np.all(np.isfinite(I))
    np.testing.assert_allclose(T, 150.0, atol=1e-6)


@pytest.mark.parametrize("voltage", [False, True])
def test_constant_R_and_G_give_the_linear_heat_balance(voltage):
    device = constant_rho(R_s=100 * ohm)
    rlen, _, G, K = device.zone_constants()
    R = rlen * 1.2e-5
    bias = 4.0 if voltage else 4e-3
    T, _, I, _ = device.sweep([bias], 120 * kelvin, voltage=voltage)
    current = bias / (100 + 2 * R.sum()) if voltage else bias
    L = np.diag(G + K + np.r_[0, K[:-1]]) - np.diag(K[:-1], 1) - np.diag(K[:-1], -1)
    expected = np.linalg.solve(L, current**2 * R + G * 120.0)
    np.testing.assert_allclose(T[0], expected, rtol=1e-10)
    np.testing.assert_allclose(I[0], current, rtol=1e-12)


def test_jacobian_matches_finite_differences():
    device = chen2024_lsmo(sink_exponent=1.0, hysteresis=20 * kelvin)
    rlen, _, G, K = device.zone_constants()
    par = device.parameters(100 * kelvin)
    T = np.array([330.0, 250.0, 140.0])
    p = np.zeros(3)
    _, J, _, _, _ = kernel.balance(T, p, 9.0, True, rlen, G, K, par)
    h = 1e-5
    numeric = np.column_stack(
        [
            (
                kernel.balance(T + h * e, p, 9.0, True, rlen, G, K, par)[0]
                - kernel.balance(T - h * e, p, 9.0, True, rlen, G, K, par)[0]
            )
            / (2 * h)
            for e in np.eye(3)
        ]
    )
    np.testing.assert_allclose(J, numeric, rtol=1e-6, atol=1e-12)


@pytest.mark.parametrize("sink_exponent", [0.0, 1.0])
def test_kernel_steady_state_equals_fsolve_and_solve_ivp(sink_exponent):
    device = chen2024_lsmo(sink_exponent=sink_exponent)
    V = np.linspace(0, 9.0, 19)
    T, _, _, _ = device.sweep(V, 150 * kelvin)
    f = rhs(device, 150.0, V[-1])
    root = fsolve(lambda x: f(0, x), T[-1] + 5.0, xtol=1e-12)
    np.testing.assert_allclose(T[-1], root, rtol=1e-8)
    ivp = solve_ivp(f, (0, 1e-3), np.full(3, 150.0), method="LSODA", rtol=1e-10, atol=1e-8)
    np.testing.assert_allclose(T[-1], ivp.y[:, -1], rtol=1e-6)


@pytest.mark.parametrize("sink_exponent", [0.0, 1.0])
def test_brian2_transient_conserves_energy(sink_exponent):
    start_scope()
    device = chen2024_lsmo(sink_exponent=sink_exponent)
    defaultclock.dt = 0.002 * usecond
    group = device.neurons(1, 100 * kelvin, V=10 * volt)
    names = [f"T_{i}" for i in range(3)] + [f"Q_{i}" for i in range(3)]
    names += [f"R_{i}" for i in range(3)] + ["I_dev"]
    mon = StateMonitor(group, names, record=0)
    Network(group, mon).run(2 * usecond)
    _, C, _, _ = device.zone_constants()
    t = mon.t_
    stored = 2 * sum(C[i] * (getattr(mon, f"T_{i}")[0] / kelvin - 100) for i in range(3))
    power = 2 * sum(
        mon.I_dev_[0] ** 2 * getattr(mon, f"R_{i}")[0] / ohm - getattr(mon, f"Q_{i}")[0] / watt
        for i in range(3)
    )
    integral = np.concatenate([[0], np.cumsum((power[1:] + power[:-1]) / 2 * np.diff(t))])
    # the monitor records before each step: stored energy at t_k vs ∫0^t_k
    assert stored[-1] > 0
    np.testing.assert_allclose(stored[1:] - stored[0], integral[1:], rtol=2e-3)


@pytest.mark.parametrize("changes", [{}, {"sink_exponent": 0.5, "hysteresis": 20 * kelvin}])
def test_brian2_relaxes_to_the_kernel_steady_state(changes):
    start_scope()
    device = chen2024_lsmo(**changes)
    defaultclock.dt = 0.02 * usecond  # a fixed point of RK2 is the steady state at any dt
    group = device.neurons(2, 150 * kelvin, V=[4, 9] * volt)
    Network(group).run(20 * usecond)
    T, _, I, _ = device.sweep(np.linspace(0, 9, 19), 150 * kelvin)
    for k, row in enumerate((8, 18)):
        simulated = [getattr(group, f"T_{i}")[k] / kelvin for i in range(3)]
        np.testing.assert_allclose(simulated, T[row], rtol=1e-6)
        np.testing.assert_allclose(group.I_dev_[k], I[row], rtol=1e-6)


@pytest.mark.slow
def test_brian2_targets_agree():
    device = chen2024_lsmo(hysteresis=20 * kelvin, sink_exponent=1.0)
    final = {}
    for target in ("numpy", "cython"):
        start_scope()
        prefs.codegen.target = target
        defaultclock.dt = 0.01 * usecond
        group = device.neurons(2, 100 * kelvin, V=[6, 12] * volt)
        Network(group).run(3 * usecond)
        final[target] = np.array([getattr(group, f"T_{i}")[:] / kelvin for i in range(3)])
    np.testing.assert_allclose(final["cython"], final["numpy"], rtol=1e-10)


def single_zone(a_rho, R_s=0 * ohm):
    """One uniform zone with a smooth exponential ρ (the transition far above the sweep)."""
    return LSMOChannel(
        fractions=(1.0,),
        a_rho=a_rho / kelvin,
        T_c=2000 * kelvin,
        rho0=1.2e-5 * ohm * meter,
        rho_p=1.0 * ohm * meter,
        g_sink=4e6 * W_PER_K / meter**2,
        R_s=R_s,
    )


@pytest.mark.parametrize("a_rho", [0.004, 0.02])
def test_ndr_exactly_where_joule_feedback_beats_heat_sinking(a_rho):
    device = single_zone(a_rho)
    T, I, V = device.curve(100 * kelvin, T_max=250.0)
    rlen, _, G, _ = device.zone_constants()
    dR = rlen[0] * 1.2e-5 * a_rho * np.exp(a_rho * (T[:, 0] - 100))
    gain = I**2 * dR / G[0]  # the runaway criterion I² dR/dT > G
    mid = (gain[1:] + gain[:-1]) / 2
    ndr = np.diff(V) / np.diff(I) < 0
    clear = np.abs(mid - 1) > 0.02
    np.testing.assert_array_equal(ndr[clear], mid[clear] > 1)
    assert ndr.any() == (a_rho * 150 > 1)


def test_up_and_down_sweeps_differ_only_where_bistable():
    # a series load larger than the channel's |dV/dI| in its NDR folds the source voltage
    device = single_zone(0.03, R_s=20e3 * ohm)
    _, I_c, V_c = device.curve(100 * kelvin, T_max=300.0)
    source = V_c + I_c * 20e3
    turn = np.flatnonzero(np.diff(np.sign(np.diff(source))))
    assert len(turn) == 2  # a fold up and a fold down: an S in the source voltage
    low, high = source[turn[1] + 1], source[turn[0] + 1]
    V = np.linspace(0, 250.0, 501)
    up, down = device.sweep_up_down(250.0, 100 * kelvin, n=501)
    differs = np.abs(up[2] - down[2]) > 1e-6 * np.max(up[2])
    step = V[1]
    assert np.all((V[differs] >= low - step) & (V[differs] <= high + step))
    assert np.all(differs[(V > low + step) & (V < high - step)])


def test_iv_experiment_quick_run_reports_every_target():
    from spinbrian.experiments import chen2024_iv

    result = chen2024_iv.run(quick=True)
    assert set(result.measured) >= {t.key for t in chen2024_iv.TARGETS}
    checks = {c.target.key: c.passed for c in result.checks()}
    # the preset: continuous at 300 K, NDR at 200 K, zones near the paper at 11 V
    assert checks["ndr_300"] and checks["ndr_200"] and checks["T_hot"] and checks["T_cool"]


def test_bad_parameters_name_themselves():
    with pytest.raises(ValueError, match="fractions"):
        chen2024_lsmo(fractions=(0.5, 0.6))
    with pytest.raises(ValueError, match="sink_exponent"):
        chen2024_lsmo(sink_exponent=-1.0)
    with pytest.raises(TypeError, match="g_sink"):
        chen2024_lsmo(g_sink=1 * ohm)


@pytest.mark.parametrize(
    "state, message",
    [
        ({"T0": [100.0]}, "T0 has 1 values"),  # read past its end: NaN temperatures
        ({"T0": []}, "T0 has 0 values"),
        ({"p0": [0.0]}, "p0 has 1 values"),  # uninitialised memories
        ({"T0": [100.0, np.nan, 100.0]}, "T0 = .*finite and > 0 K"),
        ({"T0": [100.0, -1.0, 100.0]}, "T0 = .*finite and > 0 K"),
        ({"p0": [0.0, 2.0, 0.0]}, r"p0 = .*in \[0, 1\]"),
    ],
)
def test_sweep_refuses_a_start_state_that_does_not_fit_the_zones(state, message):
    """The kernel indexes the state without bounds checks: its wrapper checks it first."""
    with pytest.raises(ValueError, match=message):
        chen2024_lsmo().sweep([1.0, 2.0], 100 * kelvin, **state)


def test_kernel_entry_points_refuse_bad_states_and_biases():
    rlen, C, G, K = chen2024_lsmo().zone_constants()
    par = chen2024_lsmo().parameters(100 * kelvin)
    with pytest.raises(ValueError, match="T has 2 values"):
        kernel.balance([100.0, 100.0], np.zeros(3), 1.0, True, rlen, G, K, par)
    with pytest.raises(ValueError, match="p has 4 values"):
        kernel.arclength(rlen, G, K, par, np.zeros(4), 1e-3)
    with pytest.raises(ValueError, match="biases"):
        kernel.sweep([1.0, np.inf], True, rlen, C, G, K, par)
    with pytest.raises(ValueError, match="T_bath = nan"):
        chen2024_lsmo().sweep([1.0], np.nan * kelvin)


def test_a_thermal_runaway_is_flagged_not_returned_as_nan_temperatures():
    """A thick channel at 2 V heats past any steady state (Joule power ∝ thickness outgrows
    the sink): the relaxation used to follow T up until exp(a·T) overflowed into NaN."""
    device = chen2024_lsmo().variant(thickness=chen2024_lsmo().thickness * 1e4)
    with pytest.warns(RuntimeWarning, match="thermal runaway"):
        T, _, I, _ = device.sweep(np.linspace(0, 2.0, 5), 300 * kelvin)
    assert np.all(np.isfinite(T)) and T.max() < kernel.RUNAWAY_TEMPERATURE
    assert np.isnan(I[-1]) and np.isfinite(I[0])


def test_a_point_that_does_not_converge_is_warned_of_not_returned_as_a_silent_nan():
    """T_c = 21 K puts a 300 K bath deep in the activated branch anchored at T_c, where
    ρ(300 K) = ρ_p·e^{E_a/300 − E_a/T_c} ≈ 1e-23 Ω·m and the voltage-driven power diverges;
    the relaxation stops at its iteration limit. Its NaN currents must come with a warning
    that names the cause (a Hypothesis draw once found them silent)."""
    device = chen2024_lsmo().variant(T_c=21.25 * kelvin)
    with pytest.warns(RuntimeWarning, match="iteration limit at 4 of 5 bias points"):
        T, _, I, _ = device.sweep(np.linspace(0, 2.0, 5), 300 * kelvin)
    assert np.all(np.isfinite(T)) and np.isfinite(I[0]) and np.all(np.isnan(I[1:]))


def activated_zone():
    """One zone whose transition at 200 K (1 K wide) leads into an activated insulator."""
    return LSMOChannel(
        fractions=(1.0,),
        a_rho=0 / kelvin,
        T_c=200 * kelvin,
        w_t=1 * kelvin,
        E_a=1000 * kelvin,
        rho0=1.2e-5 * ohm * meter,
        rho_p=3e-4 * ohm * meter,
        g_sink=4e6 * W_PER_K / meter**2,
        sink_exponent=0.0,
    )


def _folds(T, V):
    """Temperatures where V(T) turns (dV/dT changes sign), linearly interpolated."""
    slope = np.diff(V) / np.diff(T)
    mid = (T[1:] + T[:-1]) / 2
    k = np.flatnonzero(np.sign(slope[1:]) != np.sign(slope[:-1]))
    return mid[k] - slope[k] * (mid[k + 1] - mid[k]) / (slope[k + 1] - slope[k])


@pytest.mark.parametrize("T_bath", [200.0, 240.0, 260.0, 300.0])
def test_voltage_jump_exists_only_below_a_quarter_of_the_activation_temperature(T_bath):
    """Lumped zone, constant sink G, no series load: V² = G(T − T_b)·R(T) on the steady-state
    curve. On the activated branch R ∝ e^{E_a/T}, d/dT[(T − T_b)e^{E_a/T}] < 0 between the roots
    of T² − E_a·T + E_a·T_b = 0: V(T) folds back (a jump and hysteresis under voltage drive)
    there, and only if T_b < E_a/4 (here 250 K). The continuation must find these folds."""
    device = activated_zone()
    T, _, V = device.curve(T_bath * kelvin, T_max=1500.0)
    folds = _folds(T[:, 0], V)
    E_a = 1000.0
    if T_bath < E_a / 4:
        roots = (E_a + np.array([-1, 1]) * np.sqrt(E_a**2 - 4 * E_a * T_bath)) / 2
        np.testing.assert_allclose(folds, roots, atol=1.0)
    else:
        assert folds.size == 0


def test_an_iv_sweep_must_rise_in_voltage():
    from spinbrian.experiments.chen2024_iv import Sweep

    up, down = chen2024_lsmo().sweep_up_down(2.0, 100 * kelvin, n=5)
    V = np.linspace(0, 2.0, 5)
    assert Sweep(V, up, down).hysteresis < 1e-9  # one branch at 2 V: up and down agree
    with pytest.raises(ValueError, match="strictly rising"):
        Sweep(V[::-1], up, down)
    with pytest.raises(ValueError, match="strictly rising"):
        Sweep(np.r_[V[:2], V[1:4]], up, down)
    with pytest.raises(ValueError, match="one current per voltage"):
        Sweep(V[:4], up, down)
