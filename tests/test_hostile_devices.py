"""Hostile inputs to the device classes and presets are refused by name (issue 16).

A table of (label, argument name, call) for the p-bit, Co/Gd, glassy, composite, LSMO,
spin-resonator and VO2 devices, their presets and Brian2 builders: each bad call raises
ValueError or TypeError naming the argument, before any Brian2 run. Then the formula
convention: NaN entries of arrays propagate through the vectorised physics.
"""

from functools import cache

import brian2
import numpy as np
import pytest
from brian2 import NeuronGroup, kelvin, mA, meter, ms, ohm, psecond, second, volt

from spinbrian import presets
from spinbrian.devices.electrical import shared_source

nan, inf = float("nan"), float("inf")


@pytest.fixture(autouse=True)
def brian_scope():
    """Lighter than conftest's (no device re-init): these calls build objects, run nothing."""
    brian2.prefs.codegen.target = "numpy"
    brian2.defaultclock.dt = 0.1 * ms
    brian2.start_scope()
    yield


@cache
def pbit():
    return presets.superparamagnetic_pbit()


@cache
def cogd():
    return presets.li2022_cogd()


@cache
def glassy():
    return presets.shumilin2024_glassy()


@cache
def lsmo():
    return presets.chen2024_lsmo()


@cache
def vo2():
    return presets.vo2_neuristor()


@cache
def resonator():
    return presets.chen2024_resonator()


def _groups():
    return NeuronGroup(1, "v : 1", threshold="True"), NeuronGroup(1, "g : siemens")


def _glassy_synapses(**kw):
    return glassy().synapses(*_groups(), **kw)


def _stdp(**kw):
    spike = presets.li2022_spike()
    return cogd().stdp_synapses(*_groups(), spike, spike, **kw)


J = presets.MTJ.j_unit
K16 = np.full(16, 0.5)
K31 = np.full(31, 0.5)

CASES = {
    # presets
    "li2022_anisotropy wrong unit": ("alox_nm", lambda: presets.li2022_anisotropy(1 * volt)),
    "li2022_cogd alox nan": ("alox_nm", lambda: presets.li2022_cogd(alox_nm=nan)),
    "pbit preset diameter 0": (
        "diameter",
        lambda: presets.superparamagnetic_pbit(diameter=0 * meter),
    ),
    "pbit preset diameter nan": (
        "diameter",
        lambda: presets.superparamagnetic_pbit(diameter=nan * meter),
    ),
    "pbit preset diameter bare": (
        "diameter",
        lambda: presets.superparamagnetic_pbit(diameter=2e-8),
    ),
    "pbit preset diameter <0": (
        "diameter",
        lambda: presets.superparamagnetic_pbit(diameter=-2e-8 * meter),
    ),
    "pbit preset Delta in volt": ("Delta", lambda: presets.superparamagnetic_pbit(Delta=3 * volt)),
    # PBit
    "PBit.dwell_times j nan": ("j", lambda: pbit().dwell_times(nan * J)),
    "PBit.mean_state j inf": ("j", lambda: pbit().mean_state([0, inf] * J)),
    "PBit.sigmoid_slope dh 0": ("dh", lambda: pbit().sigmoid_slope(0)),
    "PBit.sigmoid_slope dh nan": ("dh", lambda: pbit().sigmoid_slope(nan)),
    "PBit.telegraph duration inf": ("duration", lambda: pbit().telegraph(inf * second, psecond)),
    "PBit.telegraph dt 0": ("dt", lambda: pbit().telegraph(1e-9 * second, 0 * second)),
    "PBit.telegraph chunk_steps 0": (
        "chunk_steps",
        lambda: pbit().telegraph(1e-9 * second, psecond, chunk_steps=0),
    ),
    "PBit.telegraph seed 2.5": ("seed", lambda: pbit().telegraph(1e-9 * second, psecond, seed=2.5)),
    "PBit.neurons dt nan": ("dt", lambda: pbit().neurons(4, dt=nan * second)),
    "PBit.neurons bias nan": ("bias", lambda: pbit().neurons(4, bias=nan, dt=psecond)),
    "PBit.neurons bias shape": ("bias", lambda: pbit().neurons(4, bias=np.zeros(5), dt=psecond)),
    "PBit.neurons gain inf": ("gain", lambda: pbit().neurons(4, gain=inf, dt=psecond)),
    "PBit.neurons seed_state -1": ("seed_state", lambda: pbit().neurons(4, seed_state=-1)),
    # CoGdDevice
    "CoGd.drive wrong unit": ("current", lambda: cogd().drive(1 * volt)),
    "CoGd.current_for_field wrong unit": ("H", lambda: cogd().current_for_field(1 * volt)),
    "CoGd.sample_barriers n -1": ("n_devices", lambda: cogd().sample_barriers(-1)),
    "CoGd.sample_barriers n 2.5": ("n_devices", lambda: cogd().sample_barriers(2.5)),
    "CoGd.sample_barriers seed -1": ("seed", lambda: cogd().sample_barriers(2, seed=-1)),
    "CoGd.retention_time quantile 1.5": ("quantile", lambda: cogd().retention_time(1.5)),
    "CoGd.retention_time quantile nan": ("quantile", lambda: cogd().retention_time(nan)),
    "CoGd.switch_probability duration <0": (
        "duration",
        lambda: cogd().switch_probability(20 * mA, -1 * ms),
    ),
    "CoGd.switch_probability duration nan": (
        "duration",
        lambda: cogd().switch_probability(20 * mA, nan * ms),
    ),
    "CoGd.direction wrong unit": ("current", lambda: cogd().direction(1 * volt)),
    "CoGd.pulse x shape": ("x", lambda: cogd().pulse(np.zeros(17), 20 * mA)),
    "CoGd.apply_pulses x nan": ("x", lambda: cogd().apply_pulses([20] * mA, x=K16 * nan)),
    "CoGd.apply_pulses currents nan": ("currents", lambda: cogd().apply_pulses([nan] * mA)),
    "CoGd.apply_pulses currents wrong unit": ("currents", lambda: cogd().apply_pulses([1] * volt)),
    "CoGd.apply_pulses duration <0": (
        "duration",
        lambda: cogd().apply_pulses([20] * mA, duration=-1 * ms),
    ),
    "CoGd.saturated direction 0": ("direction", lambda: cogd().saturated(0)),
    "CoGd.saturated direction nan": ("direction", lambda: cogd().saturated(nan)),
    "CoGd.ensemble currents wrong unit": ("currents", lambda: cogd().ensemble([1] * volt)),
    "CoGd.state_dict x empty": ("x", lambda: cogd().state_dict(np.zeros(0))),
    "CoGd.state_dict x nan": ("x", lambda: cogd().state_dict(K16 * nan)),
    "CoGd.sigmoid_neurons N 0": ("N", lambda: cogd().sigmoid_neurons(0)),
    "CoGd.sigmoid_neurons N nan": ("N", lambda: cogd().sigmoid_neurons(nan)),
    "CoGd.pulse_synapses pre_current nan": (
        "pre_current",
        lambda: cogd().pulse_synapses(*_groups(), nan * mA),
    ),
    "CoGd.pair_maps delays nan": (
        "delays",
        lambda: cogd().pair_maps(presets.li2022_spike(), presets.li2022_spike(), [nan]),
    ),
    "CoGd.pair_maps delays empty": (
        "delays",
        lambda: cogd().pair_maps(presets.li2022_spike(), presets.li2022_spike(), []),
    ),
    "CoGd.pair_maps delays wrong unit": (
        "delays",
        lambda: cogd().pair_maps(presets.li2022_spike(), presets.li2022_spike(), [1] * volt),
    ),
    "CoGd.stdp_synapses window inf": ("window", lambda: _stdp(window=inf * ms)),
    "CoGd.stdp_synapses window bare": ("window", lambda: _stdp(window=0.014)),
    "CoGd.stdp_synapses resolution 0": ("resolution", lambda: _stdp(resolution=0 * ms)),
    "CoGd.stdp_synapses resolution -inf": ("resolution", lambda: _stdp(resolution=-inf * ms)),
    # SpikeWaveform
    "SpikeWaveform.scaled factor nan": ("factor", lambda: presets.li2022_spike().scaled(nan)),
    "SpikeWaveform.scaled stretch <0": (
        "stretch",
        lambda: presets.li2022_spike().scaled(stretch=-1.5),
    ),
    "SpikeWaveform.scaled stretch 0": ("stretch", lambda: presets.li2022_spike().scaled(stretch=0)),
    # GlassySynapse
    "Glassy E_band shape": ("E_band", lambda: presets.GlassySynapse(E_band=(0.1, 0.5, 1.0))),
    "Glassy fine_band empty": ("fine_band", lambda: presets.GlassySynapse(fine_band=())),
    "Glassy.rest_state shape 2.5": ("shape", lambda: glassy().rest_state((2.5,))),
    "Glassy.rest_state shape -1": ("shape", lambda: glassy().rest_state(-1)),
    "Glassy.pulse_factors duration <0": (
        "duration",
        lambda: glassy().pulse_factors(2 * volt, -1 * ms),
    ),
    "Glassy.pulse x shape": ("x", lambda: glassy().pulse(np.zeros(32), 2 * volt, 50 * ms)),
    "Glassy.relax t nan": ("t", lambda: glassy().relax(K31, nan * second)),
    "Glassy.relax x empty": ("x", lambda: glassy().relax(np.zeros(0), 1 * second)),
    "Glassy.conductance x shape": ("x", lambda: glassy().conductance(np.zeros(3))),
    "Glassy.pulse_statements V nan": (
        "pulse voltage",
        lambda: glassy().pulse_statements("pre", nan * volt, 50 * ms),
    ),
    "Glassy.synapses pre_pulse nan V": (
        "pre pulse",
        lambda: _glassy_synapses(pre_pulse=(nan * volt, 5 * ms)),
    ),
    "Glassy.synapses post_pulse duration <0": (
        "post pulse",
        lambda: _glassy_synapses(post_pulse=(2 * volt, -5 * ms)),
    ),
    "Glassy.synapses pre_pulse shape": (
        "pre_pulse",
        lambda: _glassy_synapses(pre_pulse=(2 * volt,)),
    ),
    # CompositeFreeLayer
    "Composite.neurons m0_soft zero": (
        "m0_soft",
        lambda: presets.hoffmann2022_composite().neurons(1, m0_soft=np.zeros(3), dt=0.1 * psecond),
    ),
    "Composite.neurons m0_hard nan": (
        "m0_hard",
        lambda: presets.hoffmann2022_composite().neurons(1, m0_hard=[nan, 0, 1], dt=0.1 * psecond),
    ),
    "Composite.neurons m0_soft shape": (
        "m0_soft",
        lambda: presets.hoffmann2022_composite().neurons(1, m0_soft=np.zeros(4), dt=0.1 * psecond),
    ),
    "Composite.energy_per_area m_hard shape": (
        "m_hard",
        lambda: presets.hoffmann2022_composite().energy_per_area([1, 0, 0], [0, 0, 1, 0]),
    ),
    # LSMOChannel
    "LSMO.resistance T nan": ("T", lambda: lsmo().resistance([nan] * kelvin)),
    "LSMO.resistance T 0": ("T", lambda: lsmo().resistance(0.0)),
    "LSMO.resistance T empty": ("T", lambda: lsmo().resistance([])),
    "LSMO.resistance T wrong unit": ("T", lambda: lsmo().resistance(1 * volt)),
    "LSMO.sweep_up_down V_max nan": ("V_max", lambda: lsmo().sweep_up_down(nan, 100 * kelvin)),
    "LSMO.sweep_up_down n 0": ("n", lambda: lsmo().sweep_up_down(5.0, 100 * kelvin, n=0)),
    "LSMO.sweep_up_down n 2.5": ("n", lambda: lsmo().sweep_up_down(5.0, 100 * kelvin, n=2.5)),
    "LSMO.channel_resistance T shape": (
        "T",
        lambda: lsmo().channel_resistance(np.full(4, 100.0), np.zeros(3), 100 * kelvin),
    ),
    "LSMO.curve memory 1.5": ("memory", lambda: lsmo().curve(100 * kelvin, memory=1.5)),
    "LSMO.curve T_max nan": ("T_max", lambda: lsmo().curve(100 * kelvin, T_max=nan)),
    "LSMO.neurons N 0": ("N", lambda: lsmo().neurons(0, 100 * kelvin, V=1 * volt)),
    "LSMO.neurons T_bath nan": ("T_bath", lambda: lsmo().neurons(1, nan * kelvin, V=1 * volt)),
    "LSMO.neurons V inf": ("V", lambda: lsmo().neurons(1, 100 * kelvin, V=inf * volt)),
    "LSMO.variant fractions nan": ("fractions", lambda: lsmo().variant(fractions=(nan, 0.5, 0.5))),
    "LSMO.variant rho_scale inf": ("rho_scale", lambda: lsmo().variant(rho_scale=(1, inf, 1))),
    # SpinResonatorSynapse
    "Resonator.weight T shape": ("T", lambda: resonator().weight(np.full((1, 4), 100.0))),
    "Resonator.weight T NaN": ("T", lambda: resonator().weight(np.full((1, 3), nan))),
    "Resonator.branch_after branch 2": ("branch", lambda: resonator().branch_after(5.0, 2)),
    "Resonator.lookup branch nan": ("branch", lambda: resonator().lookup(5.0, nan)),
    "Resonator.follow branch 2.5": ("branch", lambda: resonator().follow([0.0, 5.0], 2.5)),
    "Resonator.namespace dt nan": ("dt", lambda: resonator().namespace(nan * second)),
    "Resonator.synapses bias_dt 0": (
        "bias_dt",
        lambda: resonator().synapses(*_groups(), bias_dt=0 * second),
    ),
    "Resonator.synapses bias_dt bare": (
        "bias_dt",
        lambda: resonator().synapses(*_groups(), bias_dt=1e-4),
    ),
    # VO2Neuristor
    "VO2.check_dt dt 0": ("dt", lambda: vo2().check_dt(0 * second)),
    "VO2.check_dt dt nan": ("dt", lambda: vo2().check_dt(nan * second)),
    "VO2.threshold_input T_bath nan": ("T_bath", lambda: vo2().threshold_input(nan * kelvin)),
    "VO2.latch_input T_bath above T_mit": ("T_bath", lambda: vo2().latch_input(400 * kelvin)),
    "VO2.max_input T_bath bare": ("T_bath", lambda: vo2().max_input(290.0)),
    "VO2.quiescent_point T_bath 0": (
        "T_bath",
        lambda: vo2().quiescent_point(2 * volt, T_bath=0 * kelvin),
    ),
    "VO2.quiescent_point V_in nan": ("V_in", lambda: vo2().quiescent_point(nan * volt)),
    "VO2.neurons dt 0": ("dt", lambda: vo2().neurons(2, dt=0 * second)),
    "VO2.neurons I_in nan": (
        "I_in",
        lambda: vo2().neurons(2, I_in=[nan, 0] * mA, dt=0.5e-9 * second),
    ),
    "VO2.neurons I_in shape": (
        "I_in",
        lambda: vo2().neurons(2, I_in=[0, 0, 0] * mA, dt=0.5e-9 * second),
    ),
    "VO2.neurons T_bath -inf": (
        "T_bath",
        lambda: vo2().neurons(2, T_bath=-inf * kelvin, dt=0.5e-9 * second),
    ),
    # shared_source
    "shared_source V nan": (
        "V",
        lambda: shared_source(
            presets.zheng2020_mtj(), NeuronGroup(1, ""), nan * volt, 1 * ohm, "series"
        ),
    ),
    "shared_source topology": (
        "topology",
        lambda: shared_source(
            presets.zheng2020_mtj(), NeuronGroup(1, ""), 1 * volt, 1 * ohm, "bogus"
        ),
    ),
}


@pytest.mark.parametrize("label", list(CASES))
def test_refused_by_name(label):
    name, call = CASES[label]
    with pytest.raises((ValueError, TypeError)) as info:
        call()
    assert name in str(info.value), str(info.value)


def test_formulas_propagate_nan():
    """Formulas of a state or drive give NaN where an entry is NaN, finite elsewhere."""
    p = pbit().h([0.0, nan] * J)
    assert np.isfinite(p[0]) and np.isnan(p[1])
    x = np.full((2, 31), 0.5)
    x[1, 0] = nan
    G = glassy().conductance(x)
    assert np.isfinite(G[0]) and np.isnan(G[1])
    P = cogd().switch_probability([20.0, nan] * mA)
    assert np.all(np.isfinite(P[0])) and np.all(np.isnan(P[1]))
    w = resonator().lookup([5.0, nan], 1)
    assert np.isfinite(w[0]) and np.isnan(w[1])
