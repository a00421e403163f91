"""The exponential fit of STDP windows (analysis/stdp.py): Brian2's additive rule's A±, τ±."""

import doctest

import numpy as np
import pytest

from spinbrian.analysis import stdp
from spinbrian.analysis.stdp import fit_window


def test_docstring_example():
    result = doctest.testmod(stdp)
    assert result.failed == 0 and result.attempted > 0


def test_recovers_an_exponential_window_with_noise():
    rng = np.random.default_rng(3)
    dt = np.arange(-12.0, 12.5, 0.5)
    exact = np.where(dt > 0, 0.05 * np.exp(-dt / 2.5), -0.04 * np.exp(dt / 5.0)) * (dt != 0)
    fit = fit_window(dt, exact + rng.normal(0, 1e-4, dt.shape))
    assert fit.A_plus == pytest.approx(0.05, rel=0.02)
    assert fit.tau_plus == pytest.approx(2.5, rel=0.02)
    assert fit.A_minus == pytest.approx(0.04, rel=0.02)
    assert fit.tau_minus == pytest.approx(5.0, rel=0.02)
    assert fit.r2 > 0.99


def test_a_flat_topped_window_is_not_called_exponential():
    dt = np.arange(-12.0, 13.0)
    box = np.sign(dt) * (np.abs(dt) <= 6)  # full change up to 6 ms, none beyond
    assert fit_window(dt, box).r2 < 0.9


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="two on each side"):
        fit_window([1.0, 2.0, -1.0], [0.1, 0.05, -0.1])
    with pytest.raises(ValueError, match="one length"):
        fit_window([1.0, 2.0], [0.1])
    with pytest.raises(ValueError, match="dw"):
        fit_window([-2.0, -1.0, 1.0, 2.0], [0.1, np.nan, 0.1, 0.1])
