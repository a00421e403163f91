"""Co/Gd nucleation switching (seed 001, PHYSICS.md §2): limits, both views, Brian2 code."""

import numpy as np
import pytest
from brian2 import (
    Hz,
    NeuronGroup,
    SpikeGeneratorGroup,
    mA,
    ms,
    ohm,
    prefs,
    run,
    second,
)

from spinbrian import constants as c
from spinbrian import presets
from spinbrian.devices import CoGdDevice
from spinbrian.devices.waveforms import SpikeWaveform


@pytest.fixture(scope="module")
def dev():
    return presets.li2022_cogd()  # AlOx 2 nm, Hx = -500 Oe: the multilevel device


def _loop(step=1.0, top=30.0):
    up = np.arange(-top, top + step / 2, step)
    return np.concatenate([up[::-1], up]) * 1e-3


def test_sot_efficiency_is_the_papers():
    d = presets.li2022_cogd()
    j = 1e7 * 1e4  # 10^7 A/cm^2 in A/m^2
    current = j * 10e-6 * 11.2e-9
    H = d.drive(current) * float(d.nucleation_field / (1 * c.oersted))
    assert H == pytest.approx(25.0, rel=1e-9)


def test_arrhenius_limit_and_barrier_collapse(dev):
    # far below threshold P = f0 tau exp(-beta (1-h)^2); at h >= 1 every grain switches
    beta = np.array([60.0])
    current = 5e-3
    h = dev.drive(current)
    P = dev.switch_probability(current, 10 * ms, barriers=beta)
    assert P[0] == pytest.approx(1e9 * 1e-2 * np.exp(-60 * (1 - h) ** 2), rel=1e-6)
    I_n = dev.current_for_field(dev.nucleation_field)
    assert dev.switch_probability(1.01 * I_n, 1 * ms, barriers=beta)[0] == pytest.approx(1.0)


def test_direction_is_sign_of_current_times_field(dev):
    p_neg, _ = dev.apply_pulses(_loop())
    p_pos, _ = dev.with_field(-dev.Hx).apply_pulses(_loop(), x=dev.saturated(+1))
    # reversing H_x mirrors the loop: up-fraction p <-> 1 - p
    np.testing.assert_allclose(p_pos, 1 - p_neg, atol=1e-12)
    assert dev.direction(10e-3) == -1  # H_x < 0: a positive current drives down


def test_saturated_loop_ratio_is_cos_theta():
    for hx_ratio in (0.2, 0.5):
        d = presets.li2022_cogd(alox_nm=1.0)
        d = d.with_field(hx_ratio * d.Hk)
        p, _ = d.apply_pulses(_loop(top=60.0))  # the binary film at 0.2 switches near 50 mA
        R = d.hall_resistance(p)
        ratio = (R.max() - R.min()) / (2 * float(d.R_AHE / ohm))
        assert ratio == pytest.approx(np.sqrt(1 - hx_ratio**2), rel=1e-6)


def test_continuum_is_the_large_n_limit_of_the_grain_ensemble(dev):
    currents = _loop(step=1.0)
    fine = CoGdDevice(**{**_fields(dev), "K": 400})
    p_cont, _ = fine.apply_pulses(currents)
    p_films, _ = dev.ensemble(currents, n_devices=8, seed=3)
    mean = p_films.mean(axis=0)
    # 8 films of 2.5e5 grains: statistical error ~ 0.5/sqrt(2e6) ~ 0.0004, plus the
    # threshold of the sweep (one grain vs an expected 1/N) on isolated pulses
    assert np.median(np.abs(mean - p_cont)) < 0.005
    assert np.max(np.abs(mean - p_cont)) < 0.05


def test_grain_switching_frequency_matches_probability():
    d = presets.li2022_cogd(depinning_field_0=1e9 * c.oersted)  # no sweeps
    barriers = np.full((1, 20000), 50.0)  # P ≈ ½ at 20 mA
    P = d.switch_probability(20e-3, barriers=barriers[0, :1])[0]
    from spinbrian.cython_kernels.nucleation import ensemble_pulses

    state = -np.ones_like(barriers, dtype=np.int8)
    p = ensemble_pulses(
        barriers,
        state,
        d.drive(np.array([20e-3])),
        np.array([1], np.int8),
        np.array([0], np.int8),
        1e9 * 1e-2,
        7,
    )
    assert 0.05 < P < 0.95
    assert p[0, 0] == pytest.approx(P, abs=4 * np.sqrt(P * (1 - P) / 20000))


def test_the_nucleation_kernel_refuses_states_it_cannot_count():
    """The loops run unchecked and count up-grains by ±1 flips: shapes and values are checked."""
    from spinbrian.cython_kernels.nucleation import ensemble_pulses

    barriers = np.full((2, 50), 50.0)
    pulses = (np.array([0.5]), np.array([1], np.int8), np.array([0], np.int8), 1e7, 7)
    good = -np.ones((2, 50), np.int8)
    assert ensemble_pulses(barriers, good, *pulses).shape == (2, 1)
    for state, message in (
        (-np.ones((2, 49), np.int8), "state is 2×49"),
        (np.zeros((2, 50), np.int8), "state: every grain"),
    ):
        with pytest.raises(ValueError, match=message):
            ensemble_pulses(barriers, state, *pulses)
    with pytest.raises(ValueError, match="one value per pulse"):
        ensemble_pulses(barriers, good, np.array([0.5, 0.5]), *pulses[1:])


def test_minor_loops_are_non_volatile(dev):
    # read at zero current and repeated minor loops leave the state where it was
    x = dev.saturated(+1)
    p, x = dev.apply_pulses(np.array([20e-3, 21e-3]), x=x)  # partial switch down
    assert 0.05 < p[-1] < 0.95
    x_read = dev.pulse(x, 0.0)
    np.testing.assert_allclose(x_read, x, atol=1e-12)
    assert dev.retention_time(0.05) > 1e9  # seconds: the remanent states are stable
    # the same minor loop twice ends in (nearly) the same state: return-point memory
    minor = np.array([15e-3, 21e-3, -15e-3, -21e-3])
    p1, x1 = dev.apply_pulses(minor, x=x)
    p2, _ = dev.apply_pulses(minor, x=x1)
    assert abs(p2[-1] - p1[-1]) < 0.02


def test_binary_at_high_anisotropy_multilevel_at_low():
    def steps(d):
        p, _ = d.apply_pulses(_loop(step=0.5, top=60.0))
        return np.sum(np.abs(np.diff(p)) > 0.01)

    binary = presets.li2022_cogd(alox_nm=1.0, Hx=400 * c.oersted)
    multi = presets.li2022_cogd(alox_nm=2.0, Hx=800 * c.oersted)
    assert steps(binary) == 2  # one jump each way
    assert steps(multi) > 10


def test_switching_fields_follow_the_astroid_and_kondorsky():
    d = presets.li2022_cogd()  # the film the numbers are set at: 105 Oe and 60 Oe
    assert float(d.nucleation_field / c.oersted) == pytest.approx(105.0, rel=1e-5)
    assert float(d.propagation_field / c.oersted) == pytest.approx(60.0, rel=1e-5)
    ref = CoGdDevice(Hk=2000 * c.oersted, Hx=1e-9 * c.oersted)  # h -> 0 at H_k = H_k,ref
    assert ref.nucleation_field / ref.nucleation_field_0 == pytest.approx(1.0, rel=1e-5)
    assert ref.propagation_field / ref.depinning_field_0 == pytest.approx(1.0, rel=1e-12)
    for h in (0.125, 0.5, 0.9):
        f = ref.with_field(h * ref.Hk)
        # Stoner–Wohlfarth astroid h_x^(2/3) + h_z^(2/3) = 1 and Kondorsky H_p ∝ 1/cos θ_M
        h_z = float(f.nucleation_field / f.nucleation_field_0)
        assert h ** (2 / 3) + h_z ** (2 / 3) == pytest.approx(1.0, rel=1e-12)
        assert float(f.propagation_field / f.depinning_field_0) == pytest.approx(
            1 / np.sqrt(1 - h * h), rel=1e-12
        )
    # H_n ∝ H_k^ν and H_p ∝ √H_k at a fixed tilt
    for nu in (0.0, 0.5, 1.0):
        a = CoGdDevice(Hk=1000 * c.oersted, Hx=300 * c.oersted, nucleation_hk_exponent=nu)
        b = CoGdDevice(Hk=4000 * c.oersted, Hx=1200 * c.oersted, nucleation_hk_exponent=nu)
        assert b.nucleation_field / a.nucleation_field == pytest.approx(4.0**nu, rel=1e-12)
        assert b.propagation_field / a.propagation_field == pytest.approx(2.0, rel=1e-12)


def test_field_loops_are_square_between_depinning_and_nucleation():
    d = presets.li2022_cogd(alox_nm=1.0)
    H = np.concatenate([np.arange(-1000, 1001, 5.0), np.arange(995, -1001, -5.0)])
    p = d.field_loop(H * c.oersted, 0.1 * second, seed=2)
    assert p[0] == 0 and p[len(H) // 2] == 1 and p[-1] == 0
    up = p[: len(H) // 2 + 1]
    jump = int(np.argmax(up > 0.5))
    assert np.max(np.diff(up)) == 1.0  # one nucleus, then the wall sweeps the film
    ratio = float(d.Hk / d.Hk_ref)
    H_p = float(d.depinning_field_0 / c.oersted) * ratio**0.5
    H_n = float(d.nucleation_field_0 / c.oersted) * ratio**d.nucleation_hk_exponent
    assert H_p <= H[jump] < H_n
    assert np.all(p[len(H) // 2 : np.argmin(np.abs(H[len(H) // 2 :])) + len(H) // 2] == 1)


def test_anisotropy_spread_draws_films_of_their_own():
    d = presets.li2022_cogd()
    films = d.with_anisotropy_spread(400, 0.03, seed=1)
    hk = np.array([float(f.Hk / d.Hk) for f in films])
    assert np.mean(hk) == pytest.approx(1.0, abs=4 * 0.03 / 20)
    assert np.std(hk) == pytest.approx(0.03, rel=0.15)
    assert all(f.Hx == d.Hx for f in films)
    assert len({float(f.nucleation_field / c.oersted) for f in films}) == 400
    with pytest.raises(ValueError, match="relative_sigma"):
        d.with_anisotropy_spread(2, -0.1)


def test_validation_names_the_parameter():
    with pytest.raises(ValueError, match="Hx = 0"):
        presets.li2022_cogd(Hx=0 * c.oersted)
    with pytest.raises(ValueError, match="Hx"):
        presets.li2022_cogd(alox_nm=2.0, Hx=2000 * c.oersted)
    with pytest.raises(ValueError, match="alox_nm"):
        presets.li2022_cogd(alox_nm=3.0)
    with pytest.raises(TypeError, match="Hk"):
        CoGdDevice(Hk=1.0, Hx=500 * c.oersted)


def test_pulse_synapses_match_numpy(dev):
    pre = SpikeGeneratorGroup(1, [0, 0, 0], [1, 2, 3] * ms)
    post = NeuronGroup(1, "g : 1")
    S = dev.pulse_synapses(pre, post, -22 * mA, on_pre_extra="g_post += w_read")
    S.connect()
    run(5 * ms)
    p, _ = dev.apply_pulses(np.full(3, -22e-3))
    assert float(S.w[0]) == pytest.approx(p[-1], abs=1e-12)
    assert float(post.g[0]) == pytest.approx(p[0] + p[1], abs=1e-12)


def test_sigmoid_neurons_match_reset_and_pulse(dev):
    currents = np.linspace(-5, 30, 8) * 1e-3
    G = dev.sigmoid_neurons(len(currents))
    G.I_in = -currents * mA / 1e-3  # H_x < 0: negative current drives up
    run(0.1 * ms)
    expected = np.array([dev.apply_pulses([i])[0][0] for i in -currents])
    np.testing.assert_allclose(G.y[:], expected, atol=1e-12)
    assert expected[0] == 0 and expected[-1] == pytest.approx(1.0)


def _pairs(n_dt, dts):
    t0 = 20 * ms
    pre_t = t0 - np.minimum(dts, 0 * ms)
    return (
        SpikeGeneratorGroup(n_dt, np.arange(n_dt), pre_t),
        SpikeGeneratorGroup(n_dt, np.arange(n_dt), pre_t + dts),
    )


@pytest.mark.parametrize("target", ["numpy", "cython"])
def test_stdp_synapses_equal_the_pair_maps(dev, target):
    prefs.codegen.target = target
    spike = presets.li2022_spike()
    dts = np.arange(-8, 8.1, 2) * ms
    pre, post = _pairs(len(dts), dts)
    S = dev.stdp_synapses(pre, post, spike, spike)
    S.connect(j="i")
    x0 = np.full(dev.K, 0.5)
    S.set_states(dev.state_dict(np.tile(x0, (len(dts), 1))))
    run(40 * ms)
    expected = dev.pair_maps(spike, spike, np.asarray(dts / second)).apply(x0).mean(axis=1)
    np.testing.assert_allclose(S.w[:], expected, atol=1e-12)
    # pre before post potentiates, post before pre depresses, by equal amounts
    dw = np.asarray(S.w[:]) - 0.5
    assert np.all(dw[dts > 0] > 0) and np.all(dw[dts < 0] < 0)
    np.testing.assert_allclose(dw[dts > 0], -dw[dts < 0][::-1], rtol=0.02)


@pytest.mark.slow
def test_stdp_synapses_run_on_cpp_standalone(dev, tmp_path):
    import brian2

    spike = presets.li2022_spike()
    dts = np.arange(-6, 6.1, 2) * ms
    x0 = np.full(dev.K, 0.5)
    brian2.set_device("cpp_standalone", build_on_run=False, directory=str(tmp_path))
    pre, post = _pairs(len(dts), dts)
    S = dev.stdp_synapses(pre, post, spike, spike)
    S.connect(i=np.arange(len(dts)), j=np.arange(len(dts)))
    S.set_states(dev.state_dict(np.tile(x0, (len(dts), 1))))
    run(40 * ms)
    brian2.device.build(directory=str(tmp_path), compile=True, run=True)
    expected = dev.pair_maps(spike, spike, np.asarray(dts / second)).apply(x0)
    # standalone cannot read a Synapses subexpression (w) after the run: read the classes
    x = np.column_stack([getattr(S, f"x_{k}")[:] for k in range(dev.K)])
    np.testing.assert_allclose(x, expected, atol=1e-12)


def test_window_follows_the_waveform_shape(dev):
    def half_width(spike):
        dts = np.linspace(1e-3, 12e-3, 551)
        dw = dev.pair_maps(spike, spike, dts).apply(np.full(dev.K, 0.5)).mean(axis=1) - 0.5
        return dts[np.argmax(dw < dw.max() / 2)] - 1e-3  # after the 1 ms main pulse

    short = presets.li2022_spike(tail=7 * ms)
    long = presets.li2022_spike(tail=14 * ms)
    # the overlap's peak falls as (Δt − 1 ms)/tail: the window stretches with the tail
    assert half_width(long) / half_width(short) == pytest.approx(2.0, rel=0.1)


def test_suprathreshold_spike_is_refused(dev):
    strong = SpikeWaveform([0, 5] * ms, [-30, -30] * mA)
    pre = NeuronGroup(1, "v : 1")
    with pytest.raises(ValueError, match="presynaptic waveform alone"):
        dev.stdp_synapses(pre, pre, strong, presets.li2022_spike())


def _fields(d):
    from dataclasses import fields

    return {f.name: getattr(d, f.name) for f in fields(d)}


def test_poisson_source_runs():
    from brian2 import PoissonGroup

    d = presets.li2022_cogd()
    spike = presets.li2022_spike()
    inputs = PoissonGroup(5, 50 * Hz)
    neuron = NeuronGroup(1, "dv/dt = -v/(10*ms) : 1", threshold="v > 1", reset="v = 0")
    S = d.stdp_synapses(inputs, neuron, spike, spike, on_pre_extra="v_post += 0.8*w_read")
    S.connect()
    S.set_states(d.state_dict(np.full((5, d.K), 0.5)))
    run(200 * ms)
    assert np.all((S.w[:] >= 0) & (S.w[:] <= 1))


def test_stdp_window_sweep_task_is_antisymmetric():
    from spinbrian.sweep_tasks import stdp_window_point

    up = stdp_window_point(delay=2.0, hx=500.0)
    down = stdp_window_point(delay=-2.0, hx=500.0)
    assert up["delta_R"] > 0.05  # Ω: a pair 2 ms apart switches part of the film
    assert down["delta_R"] == pytest.approx(-up["delta_R"], rel=0.02)


def test_preisach_limit_wipes_out_smaller_pulses(dev):
    # barriers spread over many kT: a pulse sets p to F(I) whatever smaller pulses came
    # before (Preisach's wiping-out, PHYSICS.md §2); the thermal remainder is small
    sequence, _ = dev.apply_pulses(np.array([-14, -17, -20, -23]) * 1e-3)
    single, _ = dev.apply_pulses(np.array([-23]) * 1e-3)
    assert 0.2 < single[-1] < 0.8
    assert sequence[-1] == pytest.approx(single[-1], abs=0.03)
    # and a smaller pulse of the other sign afterwards leaves the larger one's mark
    back, _ = dev.apply_pulses(np.array([-23, 10]) * 1e-3)
    assert back[-1] == pytest.approx(single[-1], abs=1e-3)


def test_stdp_synapses_keep_their_names_two_in_one_network(dev):
    from brian2 import Network, PoissonGroup

    spike = presets.li2022_spike()
    source = PoissonGroup(2, 10 * Hz)
    post = NeuronGroup(1, "v : 1", threshold="False")
    first = dev.stdp_synapses(source, post, spike, spike, name="mine")
    second = dev.stdp_synapses(source, post, spike, spike)
    assert first.name == "mine" and second.name != first.name
    first.connect()
    second.connect()
    Network(source, post, first, second).run(1 * ms)


def test_a_pair_above_the_propagation_field_always_records_its_sweep():
    # barriers so high that no class nucleates in a slice: the wall sweep is still recorded
    d = presets.li2022_cogd(barrier_mean=60.0, barrier_sigma=0.0)
    from spinbrian.devices.cogd_stdp import waveform_maps

    I_p = d.current_for_field(d.propagation_field)
    maps = waveform_maps(d, np.array([[1.01 * I_p, 0.0]]), 1e-4)
    assert maps.sweep[0] == d.direction(I_p) and np.all(maps.b == 0)
