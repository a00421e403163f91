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
from brian2 import Quantity, amp, mA, meter, ms, nmetre, nsecond, psecond, second, volt

from spinbrian import presets
from spinbrian.batch import simulate
from spinbrian.networks import LLGResponse, MTJReservoir, TransferResponse
from spinbrian.networks.crossbar import Crossbar, CrossbarTopology, solve_network
from spinbrian.networks.learning import ForceReadout, InnateTrainer
from spinbrian.networks.responses import delta_r
from spinbrian.networks.stdp_window import stdp_window
from spinbrian.sweep import load, save, sweep
from spinbrian.sweep_tasks import lif_rate

A_M = amp / meter

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
    "MTJ.check_dt H_app NaN": (
        "H_app",
        lambda: presets.zheng2020_mtj().check_dt(0.25 * psecond, H_app=[np.nan, 0, 0] * A_M),
    ),
    "MTJ.check_dt j inf (used to blame dt)": (
        "j",
        lambda: presets.zheng2020_mtj().check_dt(0.25 * psecond, j=np.inf * J),
    ),
    "MTJ.fastest_rate H_app of 4 components": (
        "H_app",
        lambda: presets.zheng2020_mtj().fastest_rate(H_app=np.ones(4) * A_M),
    ),
    "MTJ.energy m of 4 components": ("m", lambda: presets.zheng2020_mtj().energy(np.ones(4))),
    "MTJ.resistance m of 2 components": (
        "m",
        lambda: presets.zheng2020_mtj().resistance(np.ones(2)),
    ),
    "MTJ.neurons unknown method": ("method", lambda: _mtj_neurons(method="bogus")),
    "MTJ.field_coupling K NaN": (
        "K",
        lambda: presets.zheng2020_mtj().field_coupling(g := _mtj_neurons(), g, np.nan * A_M),
    ),
    "MTJ.dipolar_coupling positions NaN": (
        "positions",
        lambda: presets.zheng2020_mtj().dipolar_coupling(
            _mtj_neurons(), [[0, 0, 0], [1, 0, 0], [np.nan, 0, 0]] * nmetre
        ),
    ),
    "simulate j of 3 for N=2": (
        "j",
        lambda: simulate(
            presets.zheng2020_mtj(), 1 * psecond, 0.25 * psecond, N=2, j=[1, 2, 3] * J
        ),
    ),
    "simulate dt NaN": (
        "dt",
        lambda: simulate(presets.zheng2020_mtj(), 1 * psecond, np.nan * second),
    ),
    "simulate j NaN": (
        "j",
        lambda: simulate(presets.zheng2020_mtj(), 1 * psecond, 0.25 * psecond, j=np.nan * J),
    ),
    "simulate record_every 2.5": (
        "record_every",
        lambda: simulate(presets.zheng2020_mtj(), 1 * psecond, 0.25 * psecond, record_every=2.5),
    ),
    "Crossbar state NaN": (
        "state",
        lambda: Crossbar(glassy(), 2, 2, state=np.full((2, 2, glassy().K), np.nan)),
    ),
    "Crossbar.solve row voltage inf": (
        "row_voltages",
        lambda: Crossbar(glassy(), 2, 2, r_line=1.0).solve([np.inf, 0], [0, 0]),
    ),
    "Crossbar.solve G NaN": (
        "G",
        lambda: Crossbar(glassy(), 2, 2, r_line=1.0).solve([1, 0], [0, 0], G=np.nan),
    ),
    "Crossbar.read V=0": ("V", lambda: Crossbar(glassy(), 2, 2).read(V=0.0)),
    "Crossbar.read cell outside": ("i", lambda: Crossbar(glassy(), 2, 2).read(cells=[(5, 0)])),
    "Crossbar.vmm wrong length": ("inputs", lambda: Crossbar(glassy(), 2, 2).vmm([0.1] * 3)),
    "CrossbarTopology M=0": ("M", lambda: CrossbarTopology(0, 2, 1.0, 1.0, [], [False] * 2)),
    "solve_network xtol=0": (
        "xtol",
        lambda: solve_network(
            CrossbarTopology(2, 2, 1.0, 1.0, [False] * 2, [False] * 2),
            np.full((2, 2), 1e-6),
            (1.0, 1.0),
            [1.0, 0.0],
            [0.0, 0.0],
            xtol=0.0,
        ),
    ),
    "delta_r j NaN": ("j", lambda: delta_r([presets.zheng2020_mtj()], [np.nan])),
    "delta_r window NaN": (
        "window",
        lambda: delta_r([presets.zheng2020_mtj()], [0.9], window=np.nan * second),
    ),
    "LLGResponse seed=1.5": ("seed", lambda: LLGResponse([presets.zheng2020_mtj()], seed=1.5)),
    "TransferResponse j_range of 3": (
        "j_range",
        lambda: TransferResponse([presets.zheng2020_mtj()], j_range=(0.8, 0.9, 1.0)),
    ),
    "TransferResponse points=1": (
        "points",
        lambda: TransferResponse([presets.zheng2020_mtj()], points=1),
    ),
    "TransferResponse call NaN": ("x", lambda: _transfer()([np.nan] * 4)),
    "MTJReservoir.run n_steps=2.5": ("n_steps", lambda: MTJReservoir(_transfer()).run(2.5)),
    "MTJReservoir.run targets NaN": (
        "targets",
        lambda: MTJReservoir(_transfer()).run(2, targets=[np.nan, 0], train=[True, True]),
    ),
    "MTJReservoir.run train of 3 for 2 steps": (
        "train",
        lambda: MTJReservoir(_transfer()).run(2, targets=[0, 0], train=[True] * 3),
    ),
    "MTJReservoir.step u NaN": (
        "u",
        lambda: MTJReservoir(_transfer(), n_in=1).step([np.nan]),
    ),
    "ForceReadout r NaN": ("r", lambda: ForceReadout(2)(np.array([np.nan, 0.0]))),
    "InnateTrainer trained outside": (
        "trained",
        lambda: InnateTrainer(np.eye(3), trained=[0, 5]),
    ),
    "InnateTrainer W NaN": ("W", lambda: InnateTrainer(np.full((2, 2), np.nan))),
    "sweep func not callable": ("func", lambda: sweep("lif_rate", {"current": [1.0]})),
    "sweep threads_per_worker=0": (
        "threads_per_worker",
        lambda: sweep(lif_rate, {"current": [1.0]}, threads_per_worker=0),
    ),
    "sweep.save not a Dataset": ("ds", lambda: save("x", "/tmp/x.nc")),
    "sweep.load missing file": ("path", lambda: load("/nonexistent/x.nc")),
}


def glassy():
    return presets.shumilin2024_glassy()


def _transfer():
    return TransferResponse([presets.zheng2020_mtj()] * 4)


@pytest.mark.parametrize("label", list(CALLS))
def test_a_hostile_call_is_refused_by_name(label):
    name, call = CALLS[label]
    with pytest.raises((ValueError, TypeError, OSError)) as info:  # OSError: a missing file
        call()
    assert name in str(info.value)


@pytest.mark.parametrize(
    ("name", "call"),
    [
        ("cells", lambda: Crossbar(glassy(), 2, 2).read(cells=[])),
        ("V", lambda: Crossbar(glassy(), 2, 2).crosstalk(0, 0, 0.0, 1e-3)),
        ("duration", lambda: Crossbar(glassy(), 2, 2).crosstalk(0, 0, 3.0, 0.0)),
    ],
)
def test_a_call_with_nothing_to_measure_is_refused(name, call):
    """These used to return all-NaN reads or an infinite crosstalk ratio."""
    with pytest.raises(ValueError, match=rf"^{name} "):
        call()
