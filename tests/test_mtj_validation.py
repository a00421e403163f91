"""Bad MTJ parameters fail at construction with a message naming parameter, value and range."""

import re

import numpy as np
import pytest
from brian2 import kelvin, meter, ohm, psecond, second
from brian2.units.allunits import amp

from spinbrian import MTJ, presets

A_PER_M = amp / meter
NM = 1e-9 * meter


def _valid(**overrides):
    kw = {
        "Ms": 8e5 * A_PER_M,
        "thickness": 1 * NM,
        "area": 1e-15 * meter**2,
        "alpha": 0.01,
        "Hk": 1e5 * A_PER_M,
    }
    kw.update(overrides)
    return MTJ(**kw)


def test_valid_parameters_construct():
    mtj = _valid(P=0.0, Lambda=1.0, alpha=0.0)  # range ends that are allowed
    assert mtj.Meff == mtj.Ms  # default demag magnetisation


@pytest.mark.parametrize(
    ("name", "value", "pattern"),
    [
        ("alpha", -0.01, r"alpha = -0\.01 is outside the allowed range \[0, inf\)"),
        ("P", 1.2, r"P = 1\.2 is outside the allowed range \[0, 1\]"),
        ("P", -0.1, r"P = -0\.1 is outside the allowed range \[0, 1\]"),
        ("Lambda", 0.0, r"Lambda = 0\.0 is outside the allowed range \(0, 1\]"),
        ("Lambda", 1.5, r"Lambda = 1\.5 is outside the allowed range \(0, 1\]"),
        ("Ms", 0 * A_PER_M, r"Ms = 0\.0? A/m is outside the allowed range \(0, inf\)"),
        ("Ms", -8e5 * A_PER_M, r"Ms = -800000\. A/m is outside the allowed range \(0, inf\)"),
        ("thickness", -1 * NM, r"thickness = -1\. nm is outside the allowed range \(0, inf\)"),
        ("TMR", -0.5, r"TMR = -0\.5 is outside the allowed range \[0, inf\)"),
        ("temperature", -1 * kelvin, r"temperature = -1\. K is outside the allowed range"),
        ("R_P", 0 * ohm, r"R_P = 0\.0? ohm is outside the allowed range \(0, inf\)"),
    ],
)
def test_out_of_range_raises_value_error(name, value, pattern):
    with pytest.raises(ValueError, match=pattern):
        _valid(**{name: value})


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("Ms", 8e5),  # bare float, no unit
        ("Ms", 1 * kelvin),
        ("Hk", 0.1 * second),
        ("thickness", 1 * A_PER_M),
        ("temperature", 300),
        ("R_P", 1000 * A_PER_M),
    ],
)
def test_wrong_units_raise_type_error(name, value):
    with pytest.raises(TypeError, match=rf"^{name} = .* has dimensions .*; expected .* units of"):
        _valid(**{name: value})


def test_unknown_torque_is_named():
    with pytest.raises(ValueError, match=r"torques = \('stt', 'spin_pump'\): choose .*'sot'"):
        _valid(torques=("stt", "spin_pump"))
    with pytest.raises(ValueError, match=r"torques = \(\): choose one or more of"):
        _valid(torques=())


@pytest.mark.parametrize("name", ["easy_axis", "reference", "sot_spin"])
@pytest.mark.parametrize("vector", [(0, 0, 0), (1, 0), (np.nan, 0, 1)])
def test_bad_axis_vector(name, vector):
    with pytest.raises(ValueError, match=rf"^{name} = .* must be a non-zero, finite 3-vector"):
        _valid(**{name: vector})


def test_axis_vectors_are_normalised():
    mtj = _valid(easy_axis=(0, 3, 4))
    np.testing.assert_allclose(mtj.easy_axis, (0, 0.6, 0.8))


def test_too_coarse_dt_is_refused_by_neurons():
    """dt beyond 0.3 rad per step of the fastest precession fails and names the allowed range."""
    mtj = presets.zheng2020_mtj()
    omega = float(mtj.fastest_rate())
    limit = 0.3 / omega
    msg = r"dt = 100\. ps is too coarse for the fastest precession .*allowed range is dt ≤ "
    with pytest.raises(ValueError, match=msg):
        mtj.neurons(2, dt=100 * psecond)
    # The bound moves with the drive: a strong field or current makes a fine dt too coarse.
    dt_ok = 0.9 * limit * second
    mtj.neurons(2, dt=dt_ok)
    with pytest.raises(ValueError, match=r"dt = .* is too coarse"):
        mtj.neurons(2, dt=dt_ok, H_app=(0, 0, 5e6) * A_PER_M, name="strong_field")
    with pytest.raises(ValueError, match=r"dt = .* is too coarse"):
        mtj.neurons(2, dt=dt_ok, j=1e13 * amp / meter**2, name="strong_current")


def test_thermal_dt_check_includes_the_thermal_field():
    """At T > 0 three standard deviations of the per-step Brown field join ω_max."""
    cold = _valid(area=1e-18 * meter**2)
    hot = _valid(area=1e-18 * meter**2, temperature=300 * kelvin)
    dt = 0.25 / float(cold.fastest_rate()) * second  # fine without noise
    cold.check_dt(dt)
    with pytest.raises(ValueError, match=re.escape("ω_max·dt ≤ 0.3")):
        hot.check_dt(dt)


def test_dt_must_be_a_time():
    with pytest.raises(TypeError, match=r"^dt = .* has dimensions"):
        presets.zheng2020_mtj().check_dt(1e-12)


@pytest.mark.parametrize("dt", [0.0, -1.0, np.nan])
def test_dt_must_be_positive_and_finite(dt):
    with pytest.raises(ValueError, match=r"^dt = "):
        presets.zheng2020_mtj(300 * kelvin).check_dt(dt * psecond)


@pytest.mark.parametrize("bad", [np.nan, np.inf])
@pytest.mark.parametrize(
    ("build", "name"),
    [
        (lambda v: _valid(alpha=v), "alpha"),
        (lambda v: _valid(temperature=v * kelvin), "temperature"),
        (lambda v: _valid(Ms=v * A_PER_M), "Ms"),
        (lambda v: presets.shumilin2024_glassy().__class__(nu0=v), "nu0"),
    ],
)
def test_nan_and_inf_are_refused_by_name(build, name, bad):
    """A range check alone lets NaN through (every comparison is False): refused first."""
    with pytest.raises(ValueError, match=rf"{name} = {bad} .*not a finite number"):
        build(bad)


def test_a_pure_number_with_a_unit_is_refused():
    with pytest.raises(TypeError, match=r"^alpha = .* expected a pure number"):
        _valid(alpha=0.01 * second)


def test_counts_and_seeds_must_be_integers():
    """A float seed was truncated (1.5 ran as seed 1); a float N ended in numpy's TypeError."""
    from brian2 import nsecond

    from spinbrian.batch import simulate

    mtj = presets.zheng2020_mtj()
    with pytest.raises(TypeError, match=r"^seed = 1\.5: expected an integer"):
        simulate(mtj, 1 * nsecond, 0.5 * psecond, seed=1.5)
    with pytest.raises(ValueError, match=r"^seed = -1 is outside the allowed range \[0, inf\)"):
        simulate(mtj, 1 * nsecond, 0.5 * psecond, seed=-1)
    with pytest.raises(TypeError, match=r"^N = 3\.0: expected an integer"):
        mtj.neurons(3.0)


def test_neurons_refuse_fields_and_currents_without_units():
    """H_app=(1e3, 0, 0) used to be taken as 1/1000 of an A/m, silently."""
    mtj = presets.zheng2020_mtj()
    with pytest.raises(TypeError, match=r"^H_app = .* expected a quantity"):
        mtj.neurons(2, H_app=(1e3, 0, 0))
    with pytest.raises(TypeError, match=r"^j = .* expected a quantity"):
        mtj.neurons(2, j=[0.8, 1.0])
