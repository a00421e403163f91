"""Spin-torque oscillators of seed 003 Fig. 11: free-running frequency and dipolar locking."""

import numpy as np
import pytest
from brian2 import meter, nsecond, second
from brian2.units.allunits import amp

from spinbrian import presets
from spinbrian.experiments import hoffmann2022_chain as chain


def test_free_running_frequency_is_set_by_the_current():
    """p ∥ H ∥ ẑ: f0 = ε|a_J|/(2πα), whatever the field (to O(α²))."""
    j = chain.J0 * np.array([0.9, 1.0, 1.1])
    x = np.array([0.0, 1.0, 2.0]) * 1e-7
    t, phase = chain.simulate(j, x, 1e-7, 20 * nsecond, coupled=False)
    f = chain.frequencies(t, phase)
    sto = presets.hoffmann2022_chain_sto()
    a_J = float(sto.stt_per_j / (meter**2 / amp / second)) * np.abs(j)
    assert np.abs(f) == pytest.approx(0.5 * a_J / (2 * np.pi * 0.01), rel=5e-3)


def test_pair_locks_inside_the_predicted_range_and_beats_outside():
    """Through the kernel (10⁵ steps of four junctions: a fraction of a second)."""
    pitch = 150e-9
    d_L = chain.predicted_lock(pitch)
    deltas = np.array([0.85, 1.15]) * d_L
    j = np.ravel([[chain.J0 * (1 - d / 2), chain.J0 * (1 + d / 2)] for d in deltas])
    x = np.array([0.0, 1.0, 20.0, 21.0]) * pitch
    t, phase = chain.simulate(j, x, pitch, 100 * nsecond)
    f = chain.frequencies(t, phase)
    assert abs(f[1] - f[0]) < chain.LOCK_TOL  # locked inside δ_L
    assert abs(f[3] - f[2]) > 0.5 * 1.15 * d_L * abs(f.mean())  # beating outside


def test_kernel_chain_is_fourth_order_and_the_brian2_chain_converges_to_it():
    """Chain of 10 at 70 nm: the kernel's order is 4.03 (measured); Brian2's summed
    variables (the field held for the step) approach the kernel's orbit at order 1.01."""
    conv = chain.convergence()
    assert conv["kernel_order"] > 3.5
    assert 0.8 < conv["brian2_order"] < 1.3
    assert conv["brian2_err"][0] > 100 * conv["kernel_err"][0]
