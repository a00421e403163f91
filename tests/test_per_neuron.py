"""Device-to-device variation: constants promoted to per-neuron parameters."""

from dataclasses import replace

import numpy as np
import pytest
from brian2 import Network, StateMonitor, kelvin, nsecond, psecond, seed

from spinbrian import presets

DT = 0.25 * psecond


def _mx_trace(device, j, **kw):
    group = device.neurons(len(j), j=j, dt=DT, **kw)
    mon = StateMonitor(group, "mx", record=True)
    return group, mon


def test_per_junction_stt_efficiency_is_equivalent_to_scaled_current():
    """The STT rate is stt_per_j·j: doubling one junction's efficiency (e.g. half the free-layer
    thickness) must give exactly the trajectory of the nominal junction at twice the current."""
    mtj = presets.zheng2020_mtj()
    varied = replace(mtj, per_neuron=("stt_per_j",))
    assert "stt_per_j" not in varied.namespace
    j = np.array([0.9, 0.9]) * mtj.j_unit
    g_var, m_var = _mx_trace(varied, j)
    g_var.stt_per_j = [1, 2] * mtj.stt_per_j
    g_ref, m_ref = _mx_trace(mtj, j * np.array([1, 2]))
    Network(g_var, m_var, g_ref, m_ref).run(0.5 * nsecond)
    assert np.ptp(m_ref.mx[1]) > 1.5 * np.ptp(m_ref.mx[0])  # the doubled drive acts
    np.testing.assert_allclose(m_var.mx[:], m_ref.mx[:], rtol=0, atol=1e-12)


def test_per_junction_thermal_field_can_be_switched_off():
    """A junction whose thermal_sigma is zero follows the T = 0 trajectory exactly, while
    its thermal neighbour does not."""
    cold = presets.zheng2020_mtj()
    hot = presets.zheng2020_mtj(temperature=300 * kelvin)
    hot = replace(hot, per_neuron=("thermal_sigma",))
    j = np.array([0.9, 0.9]) * cold.j_unit
    seed(7)
    g_hot, m_hot = _mx_trace(hot, j)
    g_hot.thermal_sigma = [0, 1] * hot.thermal_sigma
    g_cold, m_cold = _mx_trace(cold, j[:1])
    Network(g_hot, m_hot, g_cold, m_cold).run(0.2 * nsecond)
    np.testing.assert_allclose(m_hot.mx[0], m_cold.mx[0], rtol=0, atol=1e-12)
    assert np.max(np.abs(m_hot.mx[1] - m_cold.mx[0])) > 1e-3


def test_unknown_per_neuron_name_is_refused():
    with pytest.raises(ValueError, match=r"per_neuron = \('alpha',\): choose from"):
        replace(presets.zheng2020_mtj(), per_neuron=("alpha",))
