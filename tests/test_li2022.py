"""Seed 001 experiments (quick variants): the physics behind the Fig. 2–4 rows.

Predictions are reported, not required to pass: these tests check what the model must do
whatever the verdict (fitted and consistency rows met, the measured values what the
experiment says they are), and the checks the experiments rely on.
"""

import functools

import numpy as np
import pytest
from brian2 import ms

from spinbrian import presets
from spinbrian.experiments import ROLES, li2022_digits, li2022_loops, li2022_synapse
from spinbrian.networks.stdp_window import stdp_window

MODULES = (li2022_loops, li2022_synapse, li2022_digits)


@functools.cache
def _quick_run(module):
    return module.run(quick=True)


@pytest.fixture(params=MODULES, ids=lambda m: m.NAME)
def quick(request):
    return request.param, _quick_run(request.param)


def test_targets_have_roles_and_no_by_construction_rows():
    keys = {t.key for m in MODULES for t in m.TARGETS}
    assert all(t.role in ROLES for m in MODULES for t in m.TARGETS)
    # ratios that equal cos θ_M by construction, the gap of two near-equal curves: info rows
    assert not keys & {"ratio_rises_hx", "ratio_rises_alox", "ratio_spread_half", "gap"}
    assert not keys & {"stdp_falloff"}
    roles = {t.key: t.role for m in MODULES for t in m.TARGETS}
    assert roles["other_samples"] == roles["stdp_symmetry"] == "prediction"
    assert roles["minor_return"] == roles["accuracy"] == roles["accuracy_gap"] == "prediction"
    assert roles["square_hx"] == roles["field_remanence"] == "prediction"


def test_fitted_and_consistency_rows_are_met(quick):
    module, result = quick
    missed = [
        (c.target.key, c.measured)
        for c in result.checks()
        if c.target.role in ("fitted", "consistency") and not c.passed
    ]
    assert not missed
    assert all(c.measured is not None and np.isfinite(c.measured) for c in result.checks())
    assert module.plot(result) is not None


def test_loop_ratio_is_the_tilt_and_other_samples_are_counted():
    result = _quick_run(li2022_loops)
    d = result.data
    for series in (d["hx"], d["alox"], d["half"], *d["others"]):
        switched = np.isfinite(series["onset"])  # a loop above ±60 mA does not switch
        np.testing.assert_allclose(series["ratio"][switched], series["cos"][switched], rtol=1e-2)
    # the fields come from each film's H_k and H_x: nucleation falls with H_x, depinning rises
    assert np.all(np.diff(d["hx"]["Hn"]) < 0) and np.all(np.diff(d["hx"]["Hp"]) > 0)
    shows = [li2022_loops._shows_hx_trend(o) for o in d["others"]]
    assert result.measured["other_samples"] == sum(shows)
    # AlOx 2 nm at 1000 Oe (H_x/H_k = 0.71): thermally unstable, the loop is square again
    two_nm = d["others"][li2022_loops.OTHER_ALOX_NM.index(2.0)]
    assert two_nm["square"][-1] > 0.8 and not shows[-1]


def test_two_spike_brian2_window_equals_the_tables():
    dev = presets.li2022_cogd()
    pre, post = li2022_synapse.two_spikes()
    delays = np.arange(-8, 8.5, 2.0)
    window = stdp_window(dev, pre, post, delays * ms)
    table = li2022_synapse.table_window(dev, pre, post, delays)
    np.testing.assert_allclose(window.delta_w, table, atol=1e-12)
    # two different spikes: the window is not antisymmetric
    assert li2022_synapse.asymmetry(delays, table) > 0.05


def test_scaled_spikes_stay_below_the_lone_spike_limit():
    from spinbrian.devices.cogd_stdp import LONE_SPIKE_TOLERANCE

    dev = presets.li2022_cogd()
    films = li2022_synapse.grid_films()
    amplitudes = li2022_synapse.film_amplitudes(films, dev)
    assert amplitudes[0] == 13.0
    for film, amplitude in zip(films, amplitudes, strict=True):
        assert li2022_synapse.lone_spike_change(film, amplitude) < LONE_SPIKE_TOLERANCE
    # the unscaled spike alone switches the H_x/H_k = 0.5 film: scaling is needed
    assert li2022_synapse.lone_spike_change(films[2], 13.0) > LONE_SPIKE_TOLERANCE


def test_digits_ideal_and_device_networks_agree():
    result = _quick_run(li2022_digits)
    assert set(result.ideal) == {"accuracy"} and result.ideal_device
    assert result.measured["accuracy"] > 90
    assert abs(result.ideal["accuracy"] - result.measured["accuracy"]) < 1.0
