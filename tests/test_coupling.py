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


def test_dipolar_coupling_is_the_point_dipole_field():
    """H = M_s V [3(m·r̂)r̂ − m]/(4π r³): along the axis 2M_sV/(4πr³), across −M_sV/(4πr³)."""
    import pytest

    mtj = presets.zheng2020_mtj()
    pitch = 100e-9
    positions = np.array([[0, 0, 0], [pitch, 0, 0], [0, 2 * pitch, 0]]) * meter
    m0 = np.array([[1.0, 0, 0], [0, 0, 1.0], [0, 0, 1.0]])
    group = mtj.neurons(3, m0=m0, dt=0.1 * psecond)
    syn = mtj.dipolar_coupling(group, positions)
    assert len(syn) == 6
    run(0.1 * psecond)  # one step: the summed fields of the initial directions
    scale = float(mtj.Ms / A_PER_M) * float(mtj.volume / meter**3) / (4 * np.pi)
    H = np.array([group.Hx_c[:], group.Hy_c[:], group.Hz_c[:]]).T / float(A_PER_M)
    # junction 1 at +x̂ sees 0 (m ∥ x̂, on axis): 2/r³ x̂; and 2 (m ∥ ẑ, r ⊥ ẑ): −ẑ/(√5 p)³
    expected_1 = 2 * scale / pitch**3 * np.array([1, 0, 0])
    expected_1 += -scale / (np.sqrt(5) * pitch) ** 3 * np.array([0, 0, 1])
    assert H[1] == pytest.approx(expected_1, rel=1e-3, abs=1e-9)
    # reciprocity of the tensor: 0 feels 1's ẑ moment across the axis as −ẑ/p³, plus 2's
    expected_0 = -scale / pitch**3 * np.array([0, 0, 1]) - scale / (2 * pitch) ** 3 * np.array(
        [0, 0, 1]
    )
    assert H[0] == pytest.approx(expected_0, rel=1e-3, abs=1e-9)
    near = mtj.dipolar_coupling(group, positions, cutoff=1.5 * pitch * meter, name="near")
    assert sorted(zip(near.i[:], near.j[:], strict=True)) == [(0, 1), (1, 0)]
    with pytest.raises(ValueError, match="cutoff"):
        mtj.dipolar_coupling(group, positions, cutoff=0.5 * pitch * meter, name="none")


def test_shared_source_obeys_kirchhoff_in_series_and_parallel():
    """One step: the current each junction gets is Kirchhoff's for the resistances it had."""
    import pytest
    from brian2 import Network, ohm, volt

    from spinbrian.devices.electrical import shared_source

    mtj = presets.zheng2020_mtj()
    m0 = [(1, 0, 0), (0, 0, 1), (-1, 0, 0.2)]
    for topology in ("series", "parallel"):
        group = mtj.neurons(3, m0=m0, dt=0.25 * psecond, name=f"mtj_{topology}")
        R = np.asarray(group.R[:] / ohm)
        circuit, sense, drive = shared_source(mtj, group, 0.8 * volt, 1000 * ohm, topology)
        Network(group, circuit, sense, drive).run(0.25 * psecond)
        current = np.asarray(group.j_syn[:] * mtj.area / amp)
        if topology == "series":
            expected = np.full(3, 0.8 / (1000 + R.sum()))
        else:
            U = 0.8 / 1000 / (1 / 1000 + (1 / R).sum())
            expected = U / R
            assert circuit.I[0] / amp == pytest.approx(expected.sum(), rel=1e-12)
        assert current == pytest.approx(expected, rel=1e-12)
    with pytest.raises(ValueError, match="topology"):
        shared_source(mtj, group, 0.8 * volt, 1000 * ohm, "star")
