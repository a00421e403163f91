"""Idealised VO2 units (spinbrian.devices.vo2_ideal) and the neuristor ablation's protocol."""

import numpy as np
import pytest
from brian2 import Network, SpikeMonitor, kelvin, nsecond, second, usecond, watt

from spinbrian.devices.vo2_ideal import ThermalLIF, ThresholdSwitch
from spinbrian.experiments import mott_neuristor as m
from spinbrian.presets import vo2_neuristor

DT = 0.5 * nsecond


@pytest.fixture(scope="module")
def dev():
    return vo2_neuristor()


def _simulated_rates(group, duration, t_from):
    spikes = SpikeMonitor(group)
    Network(group, spikes).run(duration)
    return m.steady_rates(spikes, len(group), t_from)


@pytest.mark.parametrize("t_dead", [0.0, 300.0])  # ns: cooling-limited and dead-time-limited
def test_thermal_lif_rate_matches_its_analytic_f_i(dev, t_dead):
    unit = ThermalLIF.from_device(dev, t_dead=t_dead * nsecond)
    x = np.array([0.99, 1.02, 1.3, 2.0, 3.0])
    V_in = x * dev.threshold_input()
    rates = _simulated_rates(unit.neurons(len(x), V_in=V_in, dt=DT), 6 * usecond, 2e-6)
    expected = unit.rate(V_in)
    assert rates[0] == 0 and expected[0] == 0  # below the device's static threshold
    # the spike and the end of refractoriness each land up to one step late: ≤ 2 dt of a
    # period ≥ 90 ns
    np.testing.assert_allclose(rates[1:], expected[1:], rtol=0.015)


def test_thermal_lif_threshold_and_rest_are_the_devices(dev):
    unit = ThermalLIF.from_device(dev)
    V_th = dev.threshold_input()
    assert float(unit.rest_temperature(V_th) / kelvin) == pytest.approx(float(dev.T_imt / kelvin))
    assert unit.rate(0.999 * V_th) == 0 and unit.rate(1.001 * V_th) > 0


def test_threshold_switch_fires_only_above_the_devices_threshold(dev):
    switch = ThresholdSwitch.from_device(dev, t_ref=200 * nsecond)
    V_th = dev.threshold_input()
    assert float(switch.threshold_input() / V_th) == pytest.approx(1.0, rel=1e-9)
    x = np.array([0.9, 0.99, 1.02, 1.3, 2.0])
    rates = _simulated_rates(switch.neurons(len(x), V_in=x * V_th, dt=DT), 6 * usecond, 2e-6)
    assert np.all(rates[:2] == 0) and np.all(rates[2:] > 0)
    np.testing.assert_allclose(rates[2:], switch.rate(x[2:] * V_th), rtol=0.01)


def test_rate_matching_hits_the_target_rate(dev):
    V_in = 1.3 * dev.threshold_input()
    unit = ThermalLIF.from_device(dev).match_dead_time(V_in, 2.5e6, dT_spike=60 * kelvin)
    assert float(unit.rate(V_in, dT_spike=60 * kelvin)) == pytest.approx(2.5e6, rel=1e-8)
    switch = ThresholdSwitch.from_device(dev).match_refractory(V_in, 2.5e6)
    assert float(switch.rate(V_in)) == pytest.approx(2.5e6, rel=1e-8)
    # a rate faster than the unit can fire with no dead time leaves t_dead at 0
    assert ThermalLIF.from_device(dev).match_dead_time(V_in, 1e9).t_dead == 0 * second


def test_heat_link_makes_a_biased_thermal_lif_fire(dev):
    unit = ThermalLIF.from_device(dev, t_dead=300 * nsecond)
    V_th = dev.threshold_input()
    G = unit.neurons(4, V_in=np.array([1.3, 0.9, 1.3, 0.9]) * V_th, dt=DT)
    link = dev.thermal_synapses(G, G, 2e-6 * watt / kelvin, i=[0, 1], j=[1, 0])
    spikes = SpikeMonitor(G)
    Network(G, link, spikes).run(2 * usecond)
    count = np.asarray(spikes.count[:])
    assert count[0] > 0 and count[2] > 0  # both drivers fire
    assert count[1] > 0  # the linked neighbour is driven
    assert count[3] == 0  # the unlinked one stays quiet


def test_followed_fraction():
    pre = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    assert m._followed(pre, np.array([1.1, 3.2])) == 0.5
    assert m._followed(pre, np.array([5.5])) == 0.0  # after the last driver spike: no interval
    assert np.isnan(m._followed(np.array([1.0]), np.array([1.1])))


def test_lif_fit_with_fixed_threshold_recovers_t_ref_and_tau():
    I_th = 50e-6
    I = I_th * np.linspace(1.05, 2.0, 12)
    f = m.lif_rate(I, 200e-9, 120e-9, I_th)
    (t_ref, tau, I_fixed), rms = m.fit_lif(I, f, I_th=I_th)
    assert I_fixed == I_th and rms < 1e-6
    assert t_ref == pytest.approx(200e-9, rel=1e-4) and tau == pytest.approx(120e-9, rel=1e-4)
    with pytest.raises(ValueError, match="I_th"):
        m.fit_lif(I, f, I_th=I[3])


def test_ablation_protocol_is_reproducible(dev):
    thermal = ThermalLIF.from_device(dev, t_dead=300 * nsecond)
    switch = ThresholdSwitch.from_device(dev, t_ref=220 * nsecond)
    jumps = {m.DRIVE: 60.0, m.BIAS: 38.8}

    def jump(x):
        return np.array([jumps[float(v)] for v in np.atleast_1d(x)])

    make_thermal, make_switch = m._ideal_factories(dev, thermal, switch, jump)
    runs = [
        m._pair(dev, 1.5 * usecond, make=make_thermal, make_el=make_switch, controls=False)
        for _ in range(2)
    ]
    for kind in ("thermal", "capacitive"):
        np.testing.assert_array_equal(runs[0][kind]["driver"], runs[1][kind]["driver"])
        np.testing.assert_array_equal(runs[0][kind]["neighbour"], runs[1][kind]["neighbour"])
        assert runs[0][kind]["driver"].size >= 2
