"""The MTJ model gives the same trajectory on Brian2's numpy, cython and cpp_standalone targets.

At T = 0 the three targets run the same RK4 arithmetic, so they must agree to round-off
(≈ 1e-12 after 2000 steps); a larger difference means a target-specific code path.
"""

import brian2
import numpy as np
import pytest
from brian2 import StateMonitor, nsecond, psecond, run, set_device
from brian2.units.allunits import amp, meter

from spinbrian import presets

DT = 0.25 * psecond
DURATION = 0.5 * nsecond
J = np.array([0.8, 0.9, 1.0, 3.0]) * 1e10 * amp / meter**2
H_APP = np.array([[0, 0, 0], [2e4, 0, 0], [0, -1e4, 0], [0, 0, 5e4]]) * amp / meter
TOLERANCE = 1e-9


def _trajectory():
    mtj = presets.zheng2020_mtj()
    group = mtj.neurons(len(J), j=J, H_app=H_APP, m0=(0.02, 0.01, 1.0), dt=DT)
    mon = StateMonitor(group, ["mx", "R"], record=True, dt=10 * DT)
    run(DURATION)
    m = np.stack([group.mx[:], group.my[:], group.mz[:]], axis=1)
    return m, mon.mx[:], mon.R_[:]


@pytest.fixture(scope="module")
def numpy_reference():
    brian2.prefs.codegen.target = "numpy"
    brian2.start_scope()
    return _trajectory()


def _assert_matches(result, reference):
    for got, want in zip(result, reference, strict=True):
        scale = max(1.0, float(np.max(np.abs(want))))
        assert np.max(np.abs(got - want)) / scale < TOLERANCE


def test_dynamics_are_not_trivial(numpy_reference):
    m, mx_trace, _ = numpy_reference
    # The currents tilt m away from the easy axis by ≳ 1e-2: a comparison at 1e-9 is meaningful.
    assert np.ptp(mx_trace, axis=1).min() > 1e-2
    np.testing.assert_allclose(np.linalg.norm(m, axis=1), 1.0, atol=1e-12)


def test_cython_matches_numpy(numpy_reference):
    brian2.prefs.codegen.target = "cython"
    _assert_matches(_trajectory(), numpy_reference)


def test_cpp_standalone_matches_numpy(numpy_reference, tmp_path):
    set_device("cpp_standalone", directory=str(tmp_path / "standalone"))
    _assert_matches(_trajectory(), numpy_reference)
