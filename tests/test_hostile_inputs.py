"""Hostile input: every bad value is refused with an error that names the parameter.

What is tested: each numeric field of every preset device, replaced (``dataclasses.replace``,
so through the device's own checks) by NaN, ±inf, a bare number where a unit is required,
a wrong unit, a non-integer or negative count, or a negative value where the physics
needs a positive one, raises ``ValueError`` or ``TypeError`` whose message names the field;
and the builders' and networks' arguments the reliability review found accepted (shapes
against N, NaN/inf drives, units, seeds, out-of-range drives). Values that are physical
with either sign (an easy-plane ``Hk < 0``, a perpendicular ``Meff < 0``, field-like
torque ratios, the exchange coupling, stray fields) are listed and must be accepted.
"""

import dataclasses

import numpy as np
import pytest
from brian2 import Quantity, amp, mA, meter, ms, nsecond, psecond, second, volt

from spinbrian import presets
from spinbrian.batch import simulate
from spinbrian.networks import MTJReservoir, TransferResponse
from spinbrian.networks.stdp_window import stdp_window

PRESETS = {
    "zheng2020_mtj": presets.zheng2020_mtj,
    "shumilin2024_glassy": presets.shumilin2024_glassy,
    "li2022_cogd": presets.li2022_cogd,
    "li2022_spike": presets.li2022_spike,
    "chen2024_lsmo": presets.chen2024_lsmo,
    "chen2024_resonator": presets.chen2024_resonator,
    "vo2_neuristor": presets.vo2_neuristor,
    "superparamagnetic_pbit": presets.superparamagnetic_pbit,
    "hoffmann2022_composite": presets.hoffmann2022_composite,
    "hoffmann2022_chain_sto": presets.hoffmann2022_chain_sto,
}
#: (preset, field, kind) that are physical and must be accepted.
PHYSICAL = {
    (preset, name, "negative")
    for preset in ("zheng2020_mtj", "hoffmann2022_chain_sto")
    for name in ("Hk", "Meff")
}


def _bad_values(value):
    """Hostile replacements for one field value, by kind."""
    if isinstance(value, bool):
        return {}
    if isinstance(value, Quantity) and np.ndim(value) == 0:
        unit = Quantity(1, dim=value.dim)
        bad = {"nan": np.nan * unit, "inf": np.inf * unit, "-inf": -np.inf * unit}
        bad["wrong unit"] = (float(value) or 1.0) * volt * second
        if not value.is_dimensionless:
            bad["bare number"] = float(value) or 1.0
        if float(value) > 0:
            bad["negative"] = -value
        return bad
    if isinstance(value, Quantity) and np.ndim(value) == 1:
        entries = np.asarray(value, dtype=float)
        with_nan = entries.copy()
        with_nan[-1] = np.nan
        return {"a NaN entry": with_nan * Quantity(1, dim=value.dim), "bare numbers": entries}
    if isinstance(value, int | np.integer):
        return {"non-integer": float(value) + 0.5, "negative": -abs(int(value)) - 1}
    if isinstance(value, float):
        return {"nan": np.nan, "inf": np.inf, "with a unit": value * second}
    return {}


def _field_cases():
    cases = []
    for preset, build in PRESETS.items():
        device = build()
        for field in dataclasses.fields(device):
            for kind, bad in _bad_values(getattr(device, field.name)).items():
                cases.append((preset, field.name, kind, bad))
    return cases


FIELD_CASES = _field_cases()


def test_the_table_covers_every_preset_and_many_calls():
    assert {preset for preset, *_ in FIELD_CASES} == set(PRESETS)
    assert len(FIELD_CASES) > 400


@pytest.mark.parametrize("preset", list(PRESETS))
def test_every_hostile_field_is_refused_by_name(preset):
    """One test per preset (Brian2's per-test set-up would dominate 500 single tests)."""
    device = PRESETS[preset]()
    wrong = []
    for _, name, kind, bad in (case for case in FIELD_CASES if case[0] == preset):
        try:
            dataclasses.replace(device, **{name: bad})
        except (ValueError, TypeError) as exc:
            if (preset, name, kind) in PHYSICAL:
                wrong.append(f"{name}={kind}: refused, but it is physical ({exc})")
            elif name not in str(exc):
                wrong.append(f"{name}={kind}: the message does not name it ({exc})")
        else:
            if (preset, name, kind) not in PHYSICAL:
                wrong.append(f"{name}={kind}: accepted")
    assert not wrong, "\n".join(wrong)


J = 1e10 * amp / meter**2


def _mtj_neurons(**kwargs):
    return presets.zheng2020_mtj().neurons(3, dt=0.25 * psecond, **kwargs)


CALLS = {
    "MTJ.neurons N=3.0": ("N", lambda: presets.zheng2020_mtj().neurons(3.0)),
    "MTJ.neurons j=inf": ("j", lambda: _mtj_neurons(j=np.inf * J)),
    "MTJ.neurons j of 2 for N=3": ("j", lambda: _mtj_neurons(j=np.ones(2) * J)),
    "MTJ.neurons m0 of 2 for N=3": ("m0", lambda: _mtj_neurons(m0=np.ones((2, 3)))),
    "MTJ.neurons m0 zero": ("m0", lambda: _mtj_neurons(m0=np.zeros(3))),
    "MTJ.neurons H_app no unit": ("H_app", lambda: _mtj_neurons(H_app=(1e3, 0, 0))),
    "MTJ.neurons H_app NaN": (
        "H_app",
        lambda: _mtj_neurons(H_app=[np.nan, 0, 0] * amp / meter),
    ),
    "MTJ.check_dt NaN": ("dt", lambda: presets.zheng2020_mtj().check_dt(np.nan * second)),
    "MTJ.resized inf": ("diameter", lambda: presets.zheng2020_mtj().resized(np.inf * meter)),
    "simulate seed=1.5": (
        "seed",
        lambda: simulate(presets.zheng2020_mtj(), 1 * psecond, 0.25 * psecond, N=1, seed=1.5),
    ),
    "simulate seed=-1": (
        "seed",
        lambda: simulate(presets.zheng2020_mtj(), 1 * psecond, 0.25 * psecond, N=1, seed=-1),
    ),
    "GlassySynapse.pulse V in ms": (
        "V",
        lambda: (g := presets.shumilin2024_glassy()).pulse(g.rest_state(), 2 * ms, 1 * ms),
    ),
    "CoGdDevice.ensemble state shape": (
        "state",
        lambda: presets.li2022_cogd().ensemble([13.5] * mA, state=np.ones(5)),
    ),
    "CoGdDevice.ensemble state values": (
        "state",
        lambda: presets.li2022_cogd().ensemble([13.5] * mA, state=np.full((1, 10_000), 3)),
    ),
    "CoGdDevice.ensemble currents NaN": (
        "currents",
        lambda: presets.li2022_cogd().ensemble([np.nan] * mA),
    ),
    "li2022_spike tail=14": ("tail", lambda: presets.li2022_spike(13.5 * mA, tail=14)),
    "li2022_spike amplitude NaN": ("amplitude", lambda: presets.li2022_spike(np.nan * mA)),
    "VO2.neurons V_in 1 MV": (
        "V_in",
        lambda: presets.vo2_neuristor().neurons(1, V_in=1e6 * volt, dt=0.5 * nsecond),
    ),
    "VO2.neurons V_in NaN": (
        "V_in",
        lambda: presets.vo2_neuristor().neurons(1, V_in=np.nan * volt, dt=0.5 * nsecond),
    ),
    "MTJReservoir tau_syn in volt": (
        "tau_syn",
        lambda: MTJReservoir(TransferResponse([presets.zheng2020_mtj()] * 4), tau_syn=7.5 * volt),
    ),
    "MTJReservoir delay=1.5": (
        "delay",
        lambda: MTJReservoir(TransferResponse([presets.zheng2020_mtj()] * 4), delay=1.5),
    ),
    "MTJReservoir p=NaN": (
        "p",
        lambda: MTJReservoir(TransferResponse([presets.zheng2020_mtj()] * 4), p=np.nan),
    ),
    "stdp_window delays without unit": (
        "delays",
        lambda: stdp_window(
            presets.li2022_cogd(), presets.li2022_spike(), presets.li2022_spike(), [0.002]
        ),
    ),
}


@pytest.mark.parametrize("label", list(CALLS))
def test_a_hostile_call_is_refused_by_name(label):
    name, call = CALLS[label]
    with pytest.raises((ValueError, TypeError)) as info:
        call()
    assert name in str(info.value)
