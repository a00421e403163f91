"""The exchange-coupled composite free layer (seed 003 Fig. 6) as one Brian2 neuron."""

import dataclasses

import numpy as np
import pytest
from brian2 import Network, StateMonitor, joule, meter, psecond
from brian2.units.allunits import amp

from spinbrian import presets
from spinbrian.experiments import hoffmann2022_composite as afc_exp

_J = amp / meter**2


def _final(group, layer):
    return np.array([getattr(group, f"m{ax}_{layer}")[0] for ax in "xyz"])


def test_exchange_fields_follow_from_J_ex():
    afc = presets.hoffmann2022_composite(J_ex=-1e-3 * joule / meter**2)
    H_s, H_h = (float(h / (amp / meter)) for h in afc.exchange_fields)
    assert H_s == pytest.approx(-1e-3 / (4e-7 * np.pi * 13.5e5 * 0.8e-9), rel=1e-9)
    assert H_h / H_s == pytest.approx(13.5 / 4.7, rel=1e-12)  # same t, J_ex / M_s


def test_uncoupled_layers_move_like_two_junctions():
    """J_ex = 0: each layer of the composite is its own MTJ (the renaming loses nothing)."""
    afc = presets.hoffmann2022_composite(J_ex=0 * joule / meter**2)
    m_s, m_h, dt = (0.6, 0.0, 0.8), (0.3, 0.2, 0.9), 0.1 * psecond
    group = afc.neurons(1, j=1e11 * _J, m0_soft=m_s, m0_hard=m_h, dt=dt)
    Network(group).run(20 * psecond, namespace={})
    for layer, m0, key in ((afc.soft, m_s, "s"), (afc.hard, m_h, "h")):
        # the soft layer feels no spin torque: drive its own MTJ with no current
        single = layer.neurons(1, j=(1e11 if key == "h" else 0) * _J, m0=m0, dt=dt)
        Network(single).run(20 * psecond, namespace={})
        ref = np.array([single.mx[0], single.my[0], single.mz[0]])
        assert np.abs(_final(group, key) - ref).max() < 1e-12


def test_energy_is_conserved_without_damping_and_current():
    afc = presets.hoffmann2022_composite(J_ex=-0.5e-3 * joule / meter**2)
    afc = dataclasses.replace(
        afc,
        soft=dataclasses.replace(afc.soft, alpha=0.0),
        hard=dataclasses.replace(afc.hard, alpha=0.0),
    )
    group = afc.neurons(1, m0_soft=(1, 0, -0.3), m0_hard=(0.4, 0.1, 1), dt=0.02 * psecond)
    names = [f"m{ax}_{a}" for a in "sh" for ax in "xyz"]
    mon = StateMonitor(group, names, record=0, dt=2 * psecond)
    Network(group, mon).run(40 * psecond, namespace={})
    energy = [
        afc.energy_per_area(
            [getattr(mon, f"m{ax}_s")[0, k] for ax in "xyz"],
            [getattr(mon, f"m{ax}_h")[0, k] for ax in "xyz"],
        )
        for k in range(len(mon.t))
    ]
    # the orbit exchanges energy between the layers (≈ 10⁻⁴ J/m²); the total stays put
    assert np.ptp(energy) < 1e-6 * abs(energy[0])


def test_one_system_is_fourth_order_and_the_synapses_pair_first_order():
    conv = afc_exp.convergence(quick=True)
    assert conv["order"] > 3.5
    assert 0.8 < conv["pair_order"] < 1.3


@pytest.mark.slow
def test_strong_exchange_reaches_the_rigid_single_layer_limit():
    """|J_ex| → ∞: f → εa_J,h M_h t_h/(2πα(M_h t_h + M_s t_s)), approached as 1/J_ex."""
    from brian2 import prefs

    prefs.codegen.target = "cython"  # 1.5·10⁵ steps per run
    rigid = afc_exp.rigid_check()
    assert rigid["f"][1] == pytest.approx(rigid["f_rigid"], rel=0.02)  # J_ex = −10 mJ/m²
    assert abs(rigid["f"][1] - rigid["f_rigid"]) < abs(rigid["f"][0] - rigid["f_rigid"])
    assert rigid["f_inf"] == pytest.approx(rigid["f_rigid"], rel=0.01)
