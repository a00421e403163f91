"""Coupled junctions in the compiled kernel: per-junction devices and 3×3 tensor coupling.

Each test checks a fact with a stated tolerance: the tensor form reproduces the matrix form;
per-junction devices reproduce the shared-device path (same noise streams); a dipolar trio
of different junctions conserves energy at α = 0 (the coupling is re-evaluated at every RK4
stage, so the coupled system is one RK4 system); the composite free layer through the
kernel matches the same composite as one Brian2 neuron, step for step; a shared voltage
source gives Kirchhoff's current, and fourth order where Brian2's summed variables are first.
"""

import dataclasses

import numpy as np
import pytest
from brian2 import (
    Network,
    StateMonitor,
    joule,
    kelvin,
    meter,
    nmeter,
    nsecond,
    ohm,
    psecond,
    volt,
)
from brian2.units.allunits import amp

from spinbrian import MTJ, presets
from spinbrian.batch import SharedSource, TensorCoupling, simulate
from spinbrian.constants import MU0
from spinbrian.equations.macrospin import point_dipole_tensors

A_PER_M = amp / meter
J_UNIT = amp / meter**2


def _trio():
    """Three different in-plane-ish junctions (M_s, thickness and anisotropy differ)."""
    base = MTJ(
        Ms=8e5 * A_PER_M,
        thickness=2e-9 * meter,
        area=(40e-9 * meter) ** 2,
        alpha=0.0,
        Hk=4e3 * A_PER_M,
        easy_axis=(1, 0, 0),
        P=0.0,
        demag=False,
    )
    return [
        base,
        dataclasses.replace(base, Ms=1.1e6 * A_PER_M, Hk=6e3 * A_PER_M),
        dataclasses.replace(base, thickness=3e-9 * meter, easy_axis=(0.6, 0.8, 0)),
    ]


def test_tensor_coupling_reproduces_the_matrix_form():
    """K·I per pair as a TensorCoupling gives the (N, N) matrix run: measured ≤ 1e-16."""
    dev = presets.zheng2020_mtj()
    K = np.array([[0, 2e3, -1e3], [2e3, 0, 5e2], [-1e3, 5e2, 0]])
    src, tgt = np.nonzero(K.T)  # K[i, k]: source k → target i
    tensors = K.T[src, tgt][:, None, None] * np.eye(3)
    kw = dict(j=[0.8, 1.0, 0.9] * dev.j_unit, m0=(0.1, 0, 1), record_every=100)
    dense = simulate(dev, 0.5 * nsecond, 0.5 * psecond, coupling=K * A_PER_M, **kw)
    sparse = simulate(
        dev,
        0.5 * nsecond,
        0.5 * psecond,
        coupling=TensorCoupling(src, tgt, tensors * A_PER_M),
        **kw,
    )
    assert np.ptp(dense.m[:, :, 0]) > 0.1  # the junctions move
    np.testing.assert_allclose(sparse.m, dense.m, rtol=0, atol=1e-14)


@pytest.mark.parametrize("T", [0, 300])
def test_per_junction_devices_reproduce_the_shared_device(T):
    """A list of N equal devices runs the per-junction path; junction i's noise depends only
    on (seed, i), so the run equals the shared-device (vectorised) one: measured ≤ 1e-15."""
    dev = dataclasses.replace(presets.zheng2020_mtj(), temperature=T * kelvin)
    kw = dict(j=[0.8, 1.0, 0.9, 1.1] * dev.j_unit, m0=(0.1, 0, 1), record_every=50, seed=11)
    shared = simulate(dev, 0.2 * nsecond, 0.5 * psecond, **kw)
    listed = simulate([dev] * 4, 0.2 * nsecond, 0.5 * psecond, **kw)
    np.testing.assert_allclose(listed.m, shared.m, rtol=0, atol=1e-13)
    np.testing.assert_allclose(listed.R / dev.R_P, shared.R / dev.R_P, rtol=0, atol=1e-13)


def test_dipolar_trio_of_different_junctions_conserves_energy():
    """α = 0, no current: E = Σ_i E_i(m_i) − ½ Σ_pairs μ0 M_s,j V_j m_j·K_ij m_i is conserved.

    The pair tensors scale with the source's moment, so μ0 M_s,j V_j K_ij is symmetric and
    the dipolar system is conservative; RK4 over the coupled stages keeps E to O(dt⁴).
    Measured drift 2e-15 of μ0 M_s V·H_scale over 2 ns; asserted < 1e-10, while the
    coupling term itself swings by > 1 %.
    """
    devices = _trio()
    pos = np.array([[0, 0, 0], [45e-9, 0, 0], [20e-9, 42e-9, 0]])
    moments = [float(d.Ms / A_PER_M) * float(d.volume / meter**3) for d in devices]
    src, tgt, K = point_dipole_tensors(pos, moments)  # each pair scaled by its source
    pairs = TensorCoupling(src, tgt, K * A_PER_M)
    rng = np.random.default_rng(1)
    m0 = rng.normal(size=(3, 3)) + [1, 0, 0]
    res = simulate(devices, 2 * nsecond, 0.1 * psecond, m0=m0, coupling=pairs, record_every=100)
    m = res.m
    moment = np.array([MU0 * float(d.Ms) * float(d.volume) for d in devices])
    e_single = sum(devices[k].energy(m[:, k]) for k in range(3))
    e_pair = np.einsum("tea,eab,teb->te", m[:, pairs.targets], K, m[:, pairs.sources])
    e_coupling = -0.5 * (moment[pairs.targets] * e_pair).sum(axis=1)
    energy = np.asarray(e_single) + e_coupling
    scale = moment.max() * (6e3 + np.abs(K).sum(axis=(1, 2)).max())
    assert np.ptp(e_coupling) / scale > 0.01
    drift, swing = np.ptp(energy) / scale, np.ptp(e_coupling) / scale
    print(f"dipolar trio: drift {drift:.1e}, swing {swing:.1e}")
    assert np.ptp(energy) / scale < 1e-10, np.ptp(energy) / scale


def test_composite_through_the_kernel_matches_the_brian2_neuron():
    """Both integrate the two exchange-coupled layers as one RK4 system: the same numbers
    to rounding (measured 6e-16 after 150 steps of 0.1 ps at J_ex = −0.5 mJ/m²)."""
    from brian2 import prefs, start_scope

    prefs.codegen.target = "numpy"
    start_scope()
    afc = presets.hoffmann2022_composite(J_ex=-0.5e-3 * joule / meter**2)
    dt, duration, j = 0.1 * psecond, 15 * psecond, 1e11 * J_UNIT
    m_s0, m_h0 = (1, 0, -0.1), (0.05, 0, 1)
    group = afc.neurons(1, j=j, m0_soft=m_s0, m0_hard=m_h0, dt=dt)
    names = [f"m{ax}_{a}" for a in "sh" for ax in "xyz"]
    mon = StateMonitor(group, names, record=0, dt=5 * psecond)
    Network(group, mon).run(duration + dt, namespace={})
    brian = np.array([getattr(mon, n)[0] for n in names]).T  # records at 0, 5, 10, 15 ps
    t, m_s, m_h = afc.simulate(duration, dt, j=j, m0_soft=m_s0, m0_hard=m_h0, record_every=50)
    kernel = np.concatenate([m_s[:, 0], m_h[:, 0]], axis=1)
    assert np.ptp(kernel[:, 0]) > 0.1  # the soft layer turns
    np.testing.assert_allclose(kernel, brian[: len(kernel)], rtol=0, atol=1e-12)


def test_dipolar_tensors_name_their_bad_input():
    sto = presets.hoffmann2022_chain_sto()
    with pytest.raises(ValueError, match="share a centre"):
        sto.dipolar_tensors([[0, 0, 0], [0, 0, 0]] * nmeter)
    with pytest.raises(ValueError, match="cutoff"):
        sto.dipolar_tensors([[0, 0, 0], [100, 0, 0]] * nmeter, cutoff=50 * nmeter)
    bad = TensorCoupling(np.array([0]), np.array([5]), np.zeros((1, 3, 3)) * A_PER_M)
    with pytest.raises(ValueError, match="targets"):
        simulate(sto, 1 * psecond, 0.5 * psecond, N=2, coupling=bad)


@pytest.mark.parametrize("topology", ["series", "parallel"])
def test_shared_source_without_tmr_gives_kirchhoffs_constant_current(topology):
    """TMR = 0: the resistances do not move, so the circuit current is Kirchhoff's
    constant one, and the run equals one driven by that current density (measured 0)."""
    dev = dataclasses.replace(presets.zheng2020_mtj(), TMR=0.0)
    R, A, V, R_L = float(dev.R_P / ohm), float(dev.area / meter**2), 0.3, 2000.0
    if topology == "series":
        I = V / (R_L + 3 * R)
    else:
        I = V / (1 + R_L * 3 / R) / R
    kw = dict(m0=[(0.1, 0, 1), (1, 0, 0.2), (0, 1, -1)], record_every=100)
    source = SharedSource(V * volt, R_L * ohm, topology)
    wired = simulate(dev, 0.2 * nsecond, 0.25 * psecond, N=3, source=source, **kw)
    driven = simulate(dev, 0.2 * nsecond, 0.25 * psecond, j=np.full(3, I / A) * J_UNIT, **kw)
    assert np.ptp(driven.m[:, 0, 0]) > 0.05  # the current moves them
    np.testing.assert_allclose(wired.m, driven.m, rtol=0, atol=1e-13)


def test_shared_source_in_the_kernel_is_fourth_order_and_brian2_converges_to_it():
    """Two junctions in series on one source (their TMR sets the current): the kernel's
    error falls as dt⁴ (measured order 4.0), Brian2's ``shared_source`` (summed variables,
    the state at the start of the step) approaches the kernel's orbit at first order (1.0)."""
    from brian2 import prefs, start_scope

    from spinbrian.devices.electrical import shared_source

    prefs.codegen.target = "numpy"
    dev = presets.zheng2020_mtj()
    m0, V, R_L, duration = [(0.3, 0, 1), (1, 0.2, 0.1)], 0.6 * volt, 1000 * ohm, 0.1 * nsecond
    source = SharedSource(V, R_L, "series")
    steps = np.array([0.5, 0.25, 0.125]) * psecond

    def kernel(dt):
        return simulate(dev, duration, dt, N=2, m0=m0, source=source, record_every=0).m_final

    def brian2(dt):
        start_scope()
        group = dev.neurons(2, m0=m0, dt=dt)
        parts = shared_source(dev, group, V, R_L, "series")
        Network(group, *parts).run(duration, namespace={})
        return np.c_[group.mx[:], group.my[:], group.mz[:]]

    ref = kernel(steps[-1] / 16)
    orders = {}
    for name, path in (("kernel", kernel), ("brian2", brian2)):
        err = [np.abs(path(dt) - ref).max() for dt in steps]
        orders[name] = np.polyfit(np.log(np.asarray(steps)), np.log(err), 1)[0]
    assert abs(kernel(steps[0])[0] - m0[0] / np.linalg.norm(m0[0])).max() > 0.05  # it moves
    print(f"shared source: orders {orders}")
    assert orders["kernel"] > 3.5, orders
    assert 0.8 < orders["brian2"] < 1.3, orders


@pytest.mark.parametrize(
    "source, match",
    [
        (SharedSource(0.3 * volt, 1000 * ohm, "star"), "topology"),
        (SharedSource(0.3 * volt, 0 * ohm, "parallel"), "R_load"),
        (SharedSource(0.3 * volt, -5 * ohm), "R_load"),
        (SharedSource([0.3, 0.2] * volt, 1000 * ohm, circuit=np.array([0, 0, 0])), "source.V"),
        (SharedSource(0.3 * volt, 1000 * ohm, circuit=np.array([0, 0])), "circuit"),
        (SharedSource(np.nan * volt, 1000 * ohm), "source.V"),
        (SharedSource(0.3, 1000 * ohm), "source.V"),
    ],
)
def test_shared_source_names_its_bad_input(source, match):
    dev = presets.zheng2020_mtj()
    with pytest.raises((ValueError, TypeError), match=match):
        simulate(dev, 1 * psecond, 0.25 * psecond, N=3, source=source)
