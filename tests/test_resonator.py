"""The spin-resonator synapse: bias → zone temperatures → spin-diode weight, in NumPy and Brian2."""

from dataclasses import replace

import brian2
import numpy as np
import pytest
from brian2 import NeuronGroup, TimedArray, kelvin, ms, volt
from brian2.codegen.runtime.numpy_rt import NumpyCodeObject
from brian2.units.allunits import Ghertz, mtesla, tesla, uvolt

from spinbrian import presets
from spinbrian.constants import GAMMA_E
from spinbrian.equations import resonance

GAMMA = GAMMA_E
#: The channel variant with a jump and a wide loop.
HYSTERETIC = "+ hysteretic ρ + weak spot + steep ρ"


@pytest.fixture(scope="module")
def smooth():
    return presets.chen2024_resonator()


@pytest.fixture(scope="module")
def hysteretic():
    return presets.chen2024_resonator(HYSTERETIC)


def direct_weight(T, H0, f=6e9, fractions=(0.2, 0.3, 0.5)):
    """Σ a_i ΔH²/((H0 − H_r,i)² + ΔH²) over the live zones, written out (seed 000 numbers)."""
    Meff = resonance.meff_at(np.asarray(T, float), 0.96, 100.0)
    Hr = resonance.kittel_field(f, Meff, 13.8e-3)
    dH = 0.47e-3 + 2 * np.pi * 0.0045 * f / GAMMA
    lines = dH**2 / ((H0 - Hr) ** 2 + dH**2)
    return float(np.sum(np.where(Meff > 0, np.array(fractions) * lines, 0.0)))


def test_weight_is_the_zone_lorentzian_of_the_thermal_steady_state(smooth):
    H0 = float(smooth.H0 / tesla)
    t = smooth.tables
    for k in (0, 40, 120, 220, 320):
        V = t.V[k]
        T = smooth.channel.sweep(np.linspace(0, V, 4 * k + 2), 100 * kelvin)[0][-1]
        assert smooth.lookup(V, 0) == pytest.approx(direct_weight(T, H0), rel=1e-6)
        assert t.w_up[k] == pytest.approx(direct_weight(T, H0), rel=1e-6)


def test_zero_bias_weight_is_the_100K_line():
    assert presets.chen2024_resonator().lookup(0.0, 0) == pytest.approx(1.0)
    dev = presets.chen2024_resonator(H0=33 * mtesla, f=6 * Ghertz)
    expected = direct_weight([100.0] * 3, 33e-3)
    assert dev.lookup(0.0, 0) == pytest.approx(expected, rel=1e-9)
    assert 0.1 < expected < 0.9


def test_without_hysteresis_the_weight_falls_continuously(smooth):
    t = smooth.tables
    assert t.loop is None
    np.testing.assert_allclose(t.w_up, t.w_down, rtol=1e-12)
    # every zone heats up to ≈ 14 V, so every line moves away from H0 = H_r(100 K)
    heating = t.V <= 14.0
    assert np.all(np.diff(t.T_up[heating], axis=0) > 0)
    assert np.all(np.diff(t.w_up[heating]) < 0)
    assert np.max(np.abs(np.diff(t.w_up))) < 0.01  # per 0.05 V step
    # between table points the lookup stays between its neighbours
    mid = smooth.lookup(t.V[:-1] + t.step / 2, 0)
    assert np.all((mid <= t.w_up[:-1]) & (mid >= t.w_up[1:]) | ~heating[:-1])
    assert smooth.branch_after(15.0, 0) == 0  # no loop: the memory never turns


def test_hysteretic_weight_depends_on_the_bias_history(hysteretic):
    lo, hi = hysteretic.tables.loop
    assert 12.0 < lo < 13.5 and 14.5 < hi < 15.5
    for V in (13.0, 14.0, 15.0):  # inside the loop: from below ≠ from above
        from_below = hysteretic.follow([0.0, V])[0][-1]
        from_above = hysteretic.follow([0.0, 16.0, V])[0][-1]
        assert from_above - from_below > 0.005, V
    for V in (5.0, 12.0, 15.5):  # outside it: the same weight
        from_below = hysteretic.follow([0.0, V])[0][-1]
        from_above = hysteretic.follow([0.0, 16.0, V])[0][-1]
        assert from_above == pytest.approx(from_below, rel=1e-9), V
    # back below the loop the memory is wiped
    assert hysteretic.follow([0.0, 16.0, 12.0, 14.0])[1][-1] == 0


def test_bias_heating_is_quasi_static(hysteretic):
    tau = hysteretic.relaxation_times()
    _, C, G, _ = hysteretic.channel.zone_constants()
    assert tau[0, 0] <= np.max(C / G)
    assert tau.max() < 1e-6  # ≪ the ms between spikes


def test_parameters_are_validated():
    with pytest.raises(TypeError, match="f"):
        presets.chen2024_resonator(f=6 * volt)
    with pytest.raises(ValueError, match="V_max"):
        presets.chen2024_resonator(V_max=-1 * volt)
    with pytest.raises(ValueError, match="T_bath"):
        presets.chen2024_resonator(T_bath=400 * kelvin)
    with pytest.raises(TypeError, match="LSMOChannel"):
        replace(presets.chen2024_resonator(), channel="LSMO")
    with pytest.raises(ValueError, match="more than one"):
        _ = presets.chen2024_resonator(HYSTERETIC, V_max=20 * volt).tables


def test_brian2_synapse_delivers_w_read_times_V_rect(smooth):
    biases = np.array([0.0, 3.0, 7.5, 11.0, 14.02])
    pre = NeuronGroup(1, "", threshold="True", reset="")
    post = NeuronGroup(len(biases), "x : volt")
    syn = smooth.synapses(pre, post, on_pre_extra="x_post += w_read*V_rect")
    syn.connect()
    syn.V_bias = biases * volt
    brian2.run(2 * ms)  # 20 spikes
    expected = 20 * smooth.lookup(biases, 0) * 1e-6
    np.testing.assert_allclose(post.x[:] / volt, expected, rtol=1e-12)
    np.testing.assert_allclose(syn.w[:], smooth.lookup(biases, 0), rtol=1e-12)


@pytest.mark.parametrize("target", ["numpy", "cython"])
def test_brian2_synapse_follows_the_bias_during_a_run(hysteretic, target):
    # The device's code (bias update, lookup, on_pre) runs on ``target``; the presynaptic
    # group, the bias schedule and the monitor stay on numpy so that the cold cython build
    # is the two code objects of the device.
    brian2.prefs.codegen.target = target
    path = np.array([0.0, 14.0, 16.0, 14.0, 13.0, 12.0, 14.0, 3.0])  # 1 ms each
    pre = NeuronGroup(1, "", threshold="True", reset="", codeobj_class=NumpyCodeObject)
    post = NeuronGroup(2, "x : volt")
    syn = hysteretic.synapses(pre, post, on_pre_extra="x_post += w_read*V_rect")
    syn.connect(i=[0, 0], j=[0, 1])
    syn.V_bias = [0, 14] * volt  # synapse 1 stays at 14 V
    syn.namespace["schedule"] = TimedArray(path * volt, dt=1 * ms)
    syn.run_regularly(
        "V_bias = schedule(t)*int(j == 0) + V_bias*int(j != 0)",
        when="start",
        codeobj_class=NumpyCodeObject,
    )
    trace = brian2.StateMonitor(post, "x", record=[0], codeobj_class=NumpyCodeObject)
    brian2.run(len(path) * ms)
    steps = np.repeat(path, 10)
    w, branches = hysteretic.follow(steps)
    delivered = np.diff(np.append(trace.x[0] / uvolt, post.x[0] / uvolt))  # per step
    np.testing.assert_allclose(delivered, w, rtol=1e-9)
    assert syn.branch[0] == branches[-1] == 0
    assert syn.w[1] == pytest.approx(hysteretic.lookup(14.0, 0), rel=1e-12)
    # 14 V before and after 16 V: two different weights, as in the tables' loop
    assert w[35] - w[15] > 0.005
