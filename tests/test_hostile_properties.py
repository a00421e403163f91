"""Property-based hostile input: no accepted parameter leads to a NaN or an infinity.

What is tested: Hypothesis scales one numeric field of a preset device by a factor drawn
from six decades either side of 1, either sign, 0, NaN and ±inf. The device either refuses
the value (``ValueError`` or ``TypeError`` naming the field), or it accepts it and then a
short physics call on the device either refuses its own input by name or returns finite
numbers. This is the "no silent NaN" property of the reliability review: a range check
written with ``<`` lets NaN through, a positive-only check lets a zero divide, and a table
of hand-picked values misses the combinations. The fast run draws 60 examples per device;
the slow run 1500.
"""

import dataclasses
import warnings

import numpy as np
import pytest
from brian2 import Quantity, kelvin, mA, psecond, volt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spinbrian import presets
from spinbrian.batch import simulate
from spinbrian.devices.validation import require_range

FACTORS = st.one_of(
    st.sampled_from([0.0, -1.0, np.nan, np.inf, -np.inf]),
    st.floats(1e-6, 1e6).flatmap(lambda f: st.sampled_from([f, -f])),
)


def _probe_mtj(device):
    res = simulate(
        device, 5 * psecond, 0.1 * psecond, j=[0.9] * device.j_unit, m0=(0.1, 0, 1), seed=1
    )
    return res.m_final, res.R


def _probe_cogd(device):
    return device.ensemble([13.5] * mA, seed=1)


def _probe_glassy(device):
    return device.conductance(device.pulse(device.rest_state(), 2.0 * volt, 1e-3))


def _probe_lsmo(device):
    """Temperatures always finite; currents too, unless the sweep warned that they are NaN."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        T, _, I, _ = device.sweep(np.linspace(0, 2.0, 5), 300 * kelvin)
    flagged = any("currents are NaN" in str(w.message) for w in caught)
    return T if flagged else (T, I)


def _probe_pbit(device):
    return device.transfer(0.1), device.mean_state(0.0 * device.junction.j_unit)


DEVICES = {
    "zheng2020_mtj": (presets.zheng2020_mtj, _probe_mtj),
    "li2022_cogd": (presets.li2022_cogd, _probe_cogd),
    "shumilin2024_glassy": (presets.shumilin2024_glassy, _probe_glassy),
    "chen2024_lsmo": (presets.chen2024_lsmo, _probe_lsmo),
    "superparamagnetic_pbit": (presets.superparamagnetic_pbit, _probe_pbit),
}


def _scalar_fields(device):
    return [
        f.name
        for f in dataclasses.fields(device)
        if not isinstance(getattr(device, f.name), bool)
        and isinstance(getattr(device, f.name), Quantity | float | int)
        and np.ndim(getattr(device, f.name)) == 0
    ]


def _finite(result):
    if isinstance(result, tuple | list):
        return all(_finite(x) for x in result)
    return bool(np.all(np.isfinite(np.asarray(result, dtype=float))))


def _check(preset, data):
    build, probe = DEVICES[preset]
    device = build()
    name = data.draw(st.sampled_from(_scalar_fields(device)), label="field")
    factor = data.draw(FACTORS, label="factor")
    value = getattr(device, name)
    bad = value * factor if not isinstance(value, int) else factor
    try:
        changed = dataclasses.replace(device, **{name: bad})
    except (ValueError, TypeError) as exc:
        assert name in str(exc), f"{name} = {bad!r} refused without naming it: {exc}"
        return
    try:
        result = probe(changed)
    except (ValueError, TypeError) as exc:
        assert " = " in str(exc) or "need" in str(exc), f"{name} = {bad!r}: unclear {exc}"
        return
    assert _finite(result), f"{name} = {bad!r} accepted, the physics returned {result!r}"


@pytest.mark.parametrize("preset", list(DEVICES))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_no_accepted_field_gives_a_nan(preset, data):
    _check(preset, data)


@pytest.mark.slow
@pytest.mark.parametrize("preset", list(DEVICES))
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_no_accepted_field_gives_a_nan_at_length(preset, data):
    _check(preset, data)


@given(
    value=st.floats(allow_nan=True, allow_infinity=True),
    low=st.floats(-1e6, 1e6),
    width=st.floats(0, 1e6),
    open_ends=st.tuples(st.booleans(), st.booleans()),
)
def test_a_range_check_passes_exactly_the_finite_values_inside(value, low, width, open_ends):
    """NaN compares False with everything: the check must refuse it, not let it through."""
    high = low + width
    inside = np.isfinite(value) and (
        (value > low if open_ends[0] else value >= low)
        and (value < high if open_ends[1] else value <= high)
    )
    try:
        require_range("x", value, low, high, *open_ends)
    except ValueError as exc:
        assert not inside and str(exc).startswith("x = ")
    else:
        assert inside
