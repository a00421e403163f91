"""Junctions driven and coupled through Synapses (summed variables into j_syn and H*_c)."""

import numpy as np
from brian2 import NeuronGroup, StateMonitor, Synapses, nsecond, psecond, run, second
from brian2.units.allunits import amp, meter

from spinbrian import MTJ, presets
from spinbrian.analysis.ringdown import ringdown_frequency
from spinbrian.constants import GAMMA_E, MU0

A_PER_M = amp / meter


def test_current_through_synapses_equals_external_current():
    """j_syn delivered by a Synapses summed variable acts exactly like j_ext."""
    mtj = presets.zheng2020_mtj()
    j = 0.9e10 * amp / meter**2
    dt = 0.25 * psecond
    group = mtj.neurons(2, j=[1, 0] * j, dt=dt)
    source = NeuronGroup(1, "rate : 1", dt=dt)
    source.rate = 1
    drive = Synapses(
        source, group, "w : amp/meter**2\nj_syn_post = w*rate_pre : amp/meter**2 (summed)", dt=dt
    )
    drive.connect(i=0, j=1)
    drive.w = j
    mon = StateMonitor(group, "mx", record=True)
    run(0.5 * nsecond)
    assert np.ptp(mon.mx[0]) > 1e-2  # the current does move m
    np.testing.assert_allclose(mon.mx[1], mon.mx[0], rtol=0, atol=1e-12)


def test_coupled_pair_has_acoustic_and_optical_modes():
    """Two perpendicular macrospins with isotropic coupling H_c = K m_other.

    Linearising about m = ẑ: the in-phase (acoustic) mode keeps the single-spin frequency
    γB0/(1+α²), the antiphase (optical) mode is raised to γ(B0 + 2μ0K)/(1+α²), with
    B0 = μ0(H_k − M_eff) the perpendicular Kittel field.
    """
    Ms = 8e5
    mtj = MTJ(
        Ms=Ms * A_PER_M,
        thickness=1e-9 * meter,
        area=1e-15 * meter**2,
        alpha=1e-3,
        Hk=(Ms + 3e5) * A_PER_M,
        easy_axis=(0, 0, 1),
        P=0.0,
    )
    K = 4e4
    dt = 0.5 * psecond
    tilt = 0.01
    m0 = [(tilt, 0, 1), (tilt, 0, 1), (tilt, 0, 1), (-tilt, 0, 1)]  # pair 0 in phase, 1 antiphase
    group = mtj.neurons(4, m0=m0, dt=dt)
    coupling = mtj.field_coupling(group, group, K * A_PER_M, condition="i != j and i//2 == j//2")
    assert len(coupling) == 4
    mon = StateMonitor(group, "mx", record=True)
    run(4 * nsecond)
    t = np.asarray(mon.t / second)
    B0 = MU0 * (Ms + 3e5 - Ms)
    expected = {
        "acoustic": GAMMA_E * B0 / (1 + 1e-6) / (2 * np.pi),
        "optical": GAMMA_E * (B0 + 2 * MU0 * K) / (1 + 1e-6) / (2 * np.pi),
    }
    measured = {
        "acoustic": ringdown_frequency(t, mon.mx[0]),
        "optical": ringdown_frequency(t, mon.mx[2]),
    }
    for mode, f in expected.items():
        assert abs(measured[mode] / f - 1) < 5e-3, (mode, measured[mode], f)
