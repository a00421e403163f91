"""Reservoir benchmarks: the memory-capacity estimator and the NARMA-10 series."""

import numpy as np
import pytest

from spinbrian.networks import rc_tasks


def test_a_delay_line_remembers_exactly_its_length():
    # r_i(n) = u(n − i), i = 1…N: every delay up to N is reconstructed exactly, none beyond.
    u = np.random.default_rng(0).uniform(-1, 1, 2000)
    states = np.column_stack([np.roll(u, i) for i in range(1, 21)])
    total, r2 = rc_tasks.memory_capacity(states, u, 30, 50, 1200)
    assert total == pytest.approx(20.0, abs=0.05)
    np.testing.assert_allclose(r2[:20], 1.0, atol=1e-9)
    assert np.all(r2[20:] < 0.02)


def test_states_unrelated_to_the_input_remember_nothing():
    rng = np.random.default_rng(1)
    u = rng.uniform(-1, 1, 3000)
    states = rng.standard_normal((3000, 20))
    assert rc_tasks.memory_capacity(states, u, 30, 50, 2000)[0] < 0.5  # ≈ 30·1/950 expected


def test_narma10_follows_its_recurrence():
    u, y = rc_tasks.narma10(500, np.random.default_rng(2))
    assert u.min() >= 0 and u.max() <= 0.5
    n = np.arange(9, 499)
    expected = 0.3 * y[n] + 0.05 * y[n] * np.array([y[k - 9 : k + 1].sum() for k in n])
    expected += 1.5 * u[n - 9] * u[n] + 0.1
    np.testing.assert_allclose(y[n + 1], expected, rtol=1e-12)
    assert 0 < y[10:].min() and y.max() < 1  # the standard input range keeps it bounded


def test_a_perfect_readout_scores_zero_and_bad_stretches_are_refused():
    u, y = rc_tasks.narma10(600, np.random.default_rng(3))
    assert rc_tasks.narma_error(y[:, None], y, 20, 300) == pytest.approx(0.0, abs=1e-6)
    with pytest.raises(ValueError, match="washout \\+ n_train"):
        rc_tasks.memory_capacity(np.zeros((100, 2)), np.zeros(100), 5, 50, 60)
