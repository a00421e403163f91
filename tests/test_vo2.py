"""VO2 Mott neuristor (seed 003 §I, §II.A, §III.A): limits, hysteresis, coupling, targets."""

import doctest

import brian2
import numpy as np
import pytest
from brian2 import (
    SpikeMonitor,
    StateMonitor,
    kelvin,
    kohm,
    nsecond,
    ohm,
    pF,
    run,
    usecond,
    volt,
    watt,
)

from spinbrian.devices import vo2
from spinbrian.devices.vo2 import VO2Neuristor
from spinbrian.experiments.mott_neuristor import steady_rates
from spinbrian.presets import vo2_neuristor

DT = 0.5 * nsecond
W_PER_K = watt / kelvin


@pytest.fixture(scope="module")
def dev():
    return vo2_neuristor()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"R_met": 200 * kohm}, "R_met"),
        ({"T_mit": 345 * kelvin}, "T_mit"),
        ({"C_th": -1e-15 * brian2.joule / kelvin}, "C_th"),
        ({"E_a": -0.1}, "E_a"),
        ({"T_bath": 340 * kelvin}, "T_mit"),
    ],
)
def test_bad_parameters_name_themselves(change, message):
    with pytest.raises(ValueError, match=message):
        vo2_neuristor(**change)


def test_units_and_dt_are_checked(dev):
    with pytest.raises(TypeError, match="R_s"):
        vo2_neuristor(R_s=50 * volt)
    with pytest.raises(ValueError, match="dt"):
        dev.neurons(1, dt=2 * nsecond)
    with pytest.raises(ValueError, match="T_bath"):
        dev.neurons(1, T_bath=[300, 335] * kelvin, dt=DT)
    G = dev.neurons(2, dt=DT)
    with pytest.raises(ValueError, match="R_c"):
        dev.electrical_synapses(G, G, 100 * ohm)


def test_rests_at_bath_without_input(dev):
    G = dev.neurons(2, T_bath=[290, 310] * kelvin, dt=DT)
    spikes = SpikeMonitor(G)
    run(1 * usecond)
    assert spikes.num_spikes == 0
    np.testing.assert_array_equal(G.V[:], [0, 0] * volt)
    np.testing.assert_allclose(G.T[:] / kelvin, [290, 310], rtol=0, atol=1e-12)


def test_settles_to_the_quiescent_point_below_threshold(dev):
    x = np.array([0.3, 0.6, 0.9])
    V_in = x * dev.threshold_input()
    G = dev.neurons(3, V_in=V_in, dt=DT)
    spikes = SpikeMonitor(G)
    run(3 * usecond)
    assert spikes.num_spikes == 0
    for k in range(3):
        V, T = dev.quiescent_point(V_in[k])
        assert G.V[k] / volt == pytest.approx(float(V / volt), rel=1e-6)
        assert G.T[k] / kelvin == pytest.approx(float(T / kelvin), rel=1e-8)
    with pytest.raises(ValueError, match="above threshold"):
        dev.quiescent_point(1.01 * dev.threshold_input())


def test_transient_conserves_energy(dev):
    """Joule heat = C_th ΔT + heat to the bath; source energy = ½CΔV² + Joule + R_s loss."""
    V_in = 0.9 * dev.threshold_input()
    G = dev.neurons(1, V_in=V_in, dt=DT)
    M = StateMonitor(G, ["V", "T", "P_joule"], record=0, dt=DT)
    run(1 * usecond)
    t = M.t / brian2.second
    V, T, P = M.V[0] / volt, M.T[0] / kelvin, M.P_joule[0] / watt
    C_th, G_th = float(dev.C_th / (brian2.joule / kelvin)), float(dev.G_th / W_PER_K)
    joule = np.trapezoid(P, t)
    assert joule == pytest.approx(C_th * (T[-1] - T[0]) + G_th * np.trapezoid(T - 300, t), rel=1e-5)
    R_s, C = float(dev.R_s / ohm), float(dev.C / brian2.farad)
    I_src = (float(V_in / volt) - V) / R_s
    source = np.trapezoid(float(V_in / volt) * I_src, t)
    stored = 0.5 * C * (V[-1] ** 2 - V[0] ** 2)
    assert source == pytest.approx(stored + joule + np.trapezoid(I_src**2 * R_s, t), rel=1e-5)


def test_oscillates_above_threshold_with_rising_rate(dev):
    x = np.array([0.9, 1.02, 1.2, 1.5, 2.0])
    G = dev.neurons(len(x), V_in=x * dev.threshold_input(), dt=DT)
    spikes = SpikeMonitor(G)
    run(4 * usecond)
    rates = steady_rates(spikes, len(x), 1.5e-6) / 1e6  # MHz
    assert rates[0] == 0
    assert np.all(np.diff(rates) > 0.05), rates
    # class-2 onset (a relaxation oscillator starts at a finite rate, measured 1.6 MHz) and
    # the MHz scale of the cycle 1/(τ_charge + τ_th) ≈ 3.7 MHz (measured maximum 3.15 MHz)
    assert rates[1] > 1
    assert rates[-1] < 4


def test_hysteresis_transition_temperatures(dev):
    """V = 0, bath 320 → 350 → 320 K in 8 µs: metallic from T_imt up, insulating below T_mit."""
    G = dev.neurons(1, T_bath=320 * kelvin, dt=1 * nsecond)
    G.T = 320 * kelvin
    half = 4 * usecond
    G.run_regularly(
        "T_bath = 320*kelvin + 30*kelvin*(1 - abs(t - half)/half)",
        when="start",
    )
    G.namespace["half"] = half
    spikes = SpikeMonitor(G, variables="T")
    M = StateMonitor(G, ["T", "metallic", "R"], record=0, dt=1 * nsecond)
    run(2 * half)
    assert spikes.num_spikes == 1
    assert float(spikes.T[0] / kelvin) == pytest.approx(342, abs=0.01)
    T, met = M.T[0] / kelvin, M.metallic[0]
    back = np.flatnonzero(np.diff(met) < 0)
    assert back.size == 1
    assert T[back[0]] == pytest.approx(334, abs=0.01)
    # the loop: at 338 K the channel is insulating on the way up, metallic on the way down
    up = np.flatnonzero((T > 338) & (M.t < half))[0]
    down = np.flatnonzero((T < 338) & (M.t > half))[0]
    assert M.R[0][up] / ohm == pytest.approx(dev.resistance(T[up]), rel=1e-9)
    assert M.R[0][down] / ohm == pytest.approx(float(dev.R_met / ohm))


def _pair_run(dev, coupling, bias):
    """Neurons 0 → 1 coupled (driver at 1.3 V_th, neighbour at ``bias``·V_th), 2, 3 not."""
    V_th = dev.threshold_input()
    G = dev.neurons(4, V_in=np.array([1.3, bias, 1.3, bias]) * V_th, dt=DT)
    syn = coupling(G)
    spikes = SpikeMonitor(G)
    run(4 * usecond)
    return G, syn, spikes.count[:]


def test_capacitive_coupling_makes_a_subthreshold_neighbour_fire(dev):
    G, _, count = _pair_run(
        dev, lambda G: dev.electrical_synapses(G, G, 1 * kohm, C_c=2 * pF, i=[0, 1], j=[1, 0]), 0.9
    )
    assert count[0] > 5 and count[2] > 5
    assert count[1] >= count[0] // 2 - 1 >= 3  # locked 1:2 to the driver
    assert count[3] == 0
    assert float((G.I_el[0] + G.I_el[1]) / brian2.amp) == pytest.approx(0, abs=1e-18)


def test_resistive_coupling_conserves_current(dev):
    G, _, count = _pair_run(
        dev, lambda G: dev.electrical_synapses(G, G, 20 * kohm, i=[0, 1], j=[1, 0]), 0.5
    )
    assert count[1] == count[3] == 0  # a node-to-node resistor does not excite here
    assert float((G.I_el[0] + G.I_el[1]) / brian2.amp) == pytest.approx(0, abs=1e-18)
    assert float(G.I_el[1] / brian2.amp) != 0


def test_thermal_coupling_makes_a_subthreshold_neighbour_fire(dev):
    G, _, count = _pair_run(
        dev, lambda G: dev.thermal_synapses(G, G, 1e-6 * W_PER_K, i=[0, 1], j=[1, 0]), 0.9
    )
    assert count[1] >= count[0] - 1 > 5  # one spike per driver spike
    assert count[3] == 0
    assert float((G.P_th[0] + G.P_th[1]) / watt) == pytest.approx(0, abs=1e-18)


def test_numpy_and_cython_agree(dev):
    results = {}
    for target in ("numpy", "cython"):
        brian2.start_scope()
        brian2.prefs.codegen.target = target
        G = dev.neurons(2, V_in=np.array([1.3, 0.9]) * dev.threshold_input(), dt=DT)
        dev.thermal_synapses(G, G, 1e-6 * W_PER_K)
        spikes = SpikeMonitor(G)
        run(2 * usecond)
        results[target] = (spikes.t[:] / usecond, G.T[:] / kelvin, G.V[:] / volt)
    for a, b in zip(results["numpy"], results["cython"], strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-12)
    assert len(results["numpy"][0]) > 4


def test_docstring_example():
    assert doctest.testmod(vo2, optionflags=doctest.ELLIPSIS).failed == 0


def test_dataclass_is_the_factory(dev):
    assert isinstance(dev, VO2Neuristor)
    assert dev.threshold_input() / volt == pytest.approx(2.922, abs=1e-3)
    assert dev.latch_input() / volt == pytest.approx(9.404, abs=1e-3)
    assert dev.tau_thermal / nsecond == pytest.approx(100)
