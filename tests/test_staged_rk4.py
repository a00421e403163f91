"""The staged RK4 state updater is Brian2's rk4, and the fast path computes what it did.

What is tested:

* the macrospin trajectory from ``staged_rk4`` matches Brian2's ``rk4``. Over 1 ns
  (4000 steps) of STT-driven precession with damping, the two agree to ≤ 10⁻¹² on the
  numpy target. The compiled, vectorised Cython loop (spinbrian's compiler flags) agrees
  with the numpy rk4 to the same bound. Rounding is the only thing that may differ;
* a time-dependent subexpression is evaluated at each stage's time: dv/dt = cos(ωt) has
  v = sin(ωt)/ω, and RK4 on a quadrature is Simpson's rule, so the error at dt = T/20 is
  within Simpson's bound (6·10⁻⁶ of the amplitude; stages evaluated at the step's start
  would be off by ~10⁻¹);
* stochastic equations are refused (the scheme is deterministic);
* the compiler flags are added once and only ones the compiler accepts.
"""

import brian2
import numpy as np
import pytest
from brian2 import Equations, Hz, Network, NeuronGroup, prefs, psecond, second
from brian2.stateupdaters.base import UnsupportedEquationsException
from brian2.units.allunits import amp, meter

from spinbrian import presets
from spinbrian.devices import vectorise
from spinbrian.equations import staged_rk4


def _trajectory(method, target, steps=4000):
    """m after ``steps`` steps of 0.25 ps: three junctions tilted differently, STT on."""
    prefs.codegen.target = target
    try:
        mtj = presets.zheng2020_mtj()
        m0 = [(0.3, 0.0, 1.0), (0.0, 0.5, 1.0), (1.0, 0.2, -0.4)]
        group = mtj.neurons(3, j=0.9e10 * amp / meter**2, m0=m0, method=method, dt=0.25 * psecond)
        Network(group).run(steps * 0.25 * psecond)
        return np.column_stack([group.mx[:], group.my[:], group.mz[:]])
    finally:
        prefs.codegen.target = "auto"


def test_macrospin_matches_brian2_rk4():
    reference = _trajectory("rk4", "numpy")
    assert np.ptp(reference[:, 2]) > 0.1  # the junctions moved apart: a real trajectory
    assert np.abs(_trajectory("staged_rk4", "numpy") - reference).max() <= 1e-12
    assert np.abs(_trajectory("staged_rk4", "cython") - reference).max() <= 1e-12


def test_time_dependent_subexpression_is_evaluated_at_stage_time():
    omega = 2 * np.pi * 1e9 * Hz
    eqs = Equations("dv/dt = drive : 1\ndrive = cos(omega*t)*Hz*1e9 : Hz")
    group = NeuronGroup(1, eqs, method=staged_rk4, dt=0.05 * second / 1e9)
    group.namespace["omega"] = omega
    net = Network(group)
    net.run(0.3 * second / 1e9)
    w, T, h = float(omega), 0.3e-9, 0.05e-9
    exact = np.sin(w * T) * 1e9 / w
    # RK4 on a pure quadrature is Simpson's rule with panels dt/2: its error bound
    simpson = T / 180 * (h / 2) ** 4 * 1e9 * w**4
    assert abs(group.v[0] - exact) <= simpson  # 6·10⁻⁶ of the amplitude; stage-1 time: 10⁻¹
    assert "(t + 0.5*dt)" in staged_rk4(eqs)


def test_stochastic_equations_are_refused():
    eqs = Equations("dv/dt = -v/tau + xi/sqrt(tau) : 1")
    with pytest.raises(UnsupportedEquationsException, match="deterministic"):
        staged_rk4(eqs)


def test_compiler_flags_are_added_once():
    saved = list(prefs.codegen.cpp.extra_compile_args_gcc)
    prefs.codegen.cpp.extra_compile_args_gcc = ["-O3"]
    try:
        if not vectorise._gcc_accepts(vectorise.FLAGS):
            assert not vectorise.vectorise_neuron_loops()
            assert prefs.codegen.cpp.extra_compile_args_gcc == ["-O3"]
            return
        assert vectorise.vectorise_neuron_loops() and vectorise.vectorise_neuron_loops()
        assert prefs.codegen.cpp.extra_compile_args_gcc == ["-O3", *vectorise.FLAGS]
        assert not vectorise._gcc_accepts(("--param=no-such-parameter=1",))
    finally:
        prefs.codegen.cpp.extra_compile_args_gcc = saved


def test_registered_name_is_the_instance():
    assert brian2.StateUpdateMethod.stateupdaters["staged_rk4"] is staged_rk4
