"""The experiment registry, its targets, and the TMR fit behind presets.zheng2020_mtj."""

import math

import numpy as np
import pytest

from spinbrian import experiments, presets, report
from spinbrian.experiments import Result, Target
from spinbrian.experiments import zheng2020_transfer as zt


def test_registry_lists_the_experiments_with_well_formed_targets():
    expected = {"zheng2020_transfer", "kittel_ringdown", "zheng2020_sine"}
    expected |= {"zheng2020_recognition", "zheng2020_robustness"}
    expected |= {"li2022_loops", "li2022_synapse", "li2022_digits"}
    assert expected <= set(experiments.names())
    assert len(set(experiments.names())) == len(experiments.names())
    for name in experiments.names():
        module = experiments.get(name)
        assert module.NAME == name
        assert isinstance(module.TITLE, str) and module.TITLE
        assert callable(module.run) and callable(module.plot)
        assert module.TARGETS and all(isinstance(t, Target) for t in module.TARGETS)
        keys = [t.key for t in module.TARGETS]
        assert len(set(keys)) == len(keys)
        for t in module.TARGETS:
            assert t.quantity and t.source and math.isfinite(t.paper_value)


def test_unknown_experiment_names_the_choices():
    with pytest.raises(ValueError, match="zheng2020_transfer"):
        experiments.get("nope")


def test_seed004_targets_carry_the_paper_numbers():
    by_key = {t.key: t for t in zt.TARGETS}
    assert by_key["R0"].paper_value == 11.05 and by_key["R0"].rel == 0.005
    assert by_key["dR_0.8"].paper_value == 114 and by_key["dR_0.8"].rel == 0.02
    assert by_key["dR_1.0"].paper_value == 145 and by_key["dR_1.0"].rel == 0.02
    assert by_key["max_dR_over_R0"].paper_value == 20 and by_key["max_dR_over_R0"].kind == "min"


def test_target_checks():
    close = Target("x", "x", 100.0, "Ω", rel=0.02)
    assert close.check(101.9) and close.check(98.1)
    assert not close.check(102.1) and not close.check(float("nan")) and not close.check(None)
    absolute = Target("y", "y", 1.0, abs=0.1)
    assert absolute.check(1.09) and not absolute.check(1.11)
    assert Target("u", "u", 0.5, "%", kind="max").check(0.49)
    assert not Target("u", "u", 0.5, "%", kind="max").check(0.51)
    assert Target("l", "l", 20.0, "%", kind="min").check(21)
    assert not Target("l", "l", 20.0, "%", kind="min").check(19)
    assert (
        close.tolerance == "±2 %" and Target("u", "u", 0.5, "%", kind="max").tolerance == "≤ 0.5 %"
    )


def test_target_validation():
    with pytest.raises(ValueError, match="exactly one"):
        Target("x", "x", 1.0)
    with pytest.raises(ValueError, match="exactly one"):
        Target("x", "x", 1.0, rel=0.1, abs=0.1)
    with pytest.raises(ValueError, match="rel"):
        Target("x", "x", 1.0, rel=-0.1)
    with pytest.raises(ValueError, match="kind"):
        Target("x", "x", 1.0, kind="near")


def test_result_fails_a_target_without_a_measurement():
    targets = [Target("a", "a", 1.0, rel=0.1), Target("b", "b", 2.0, rel=0.1)]
    result = Result("demo", targets, measured={"a": 1.05})
    assert [c.passed for c in result.checks()] == [True, False]
    assert not result.passed


def test_tmr_closed_form_inverts_the_readout():
    # A swing that gives exactly 114 and 145 Ω at TMR = 1.5 must fit back to 1.5.
    R0, tmr = 11050.0, 1.5
    swing = [dr / (R0 * tmr / (2 + tmr)) for dr in zt.PAPER_DR]
    assert zt.tmr_from_swing(swing, R0) == pytest.approx(tmr, rel=1e-12)
    # Unequal errors: the fit balances them (equal and opposite).
    swing = [1.01 * swing[0], 0.99 * swing[1]]
    fit = zt.tmr_from_swing(swing, R0)
    s = fit / (2 + fit)
    errs = [R0 * s * a / p - 1 for a, p in zip(swing, zt.PAPER_DR, strict=True)]
    assert errs[0] == pytest.approx(-errs[1], rel=1e-9) and abs(errs[0]) == pytest.approx(0.01)


def test_fit_tmr_reproduces_the_preset():
    preset = presets.zheng2020_mtj().TMR
    assert zt.fit_tmr() == pytest.approx(preset, rel=0.005)


def test_report_table_escapes_and_flags_failures():
    targets = [
        Target("f", "max |f − f_K|/f_K", 0.5, "%", kind="max", source="textbook"),
        Target("r", "R0", 11.05, "kΩ", rel=0.005, source="seed 004"),
    ]
    result = Result("kittel_ringdown", targets, measured={"f": 0.1, "r": 12.0})
    text = report.format_report([("kittel_ringdown", result, None, None)])
    assert "| kittel_ringdown | max \\|f − f_K\\|/f_K | ≤ 0.5 % | 0.1 % | bound | pass |" in text
    assert "| kittel_ringdown | R0 | 11.05 kΩ | 12 kΩ | ±0.5 % | **FAIL** | seed 004 |" in text
    assert "**1 passed / 2 targets**" in text
    assert report.failures([("kittel_ringdown", result, None, None)]) == [
        "kittel_ringdown: R0: measured 12 kΩ, paper 11.05 kΩ (±0.5 %)"
    ]


def test_alpha_inversion_is_exact_for_the_linear_ringdown():
    from spinbrian.experiments.kittel_ringdown import alpha_from_ringdown

    alpha, w1, w2 = 0.03, 2e10, 9e10
    rate = alpha * (w1 + w2) / (2 * (1 + alpha**2))
    assert alpha_from_ringdown(rate, w1, w2) == pytest.approx(alpha, rel=1e-12)
    assert np.isfinite(alpha_from_ringdown(np.array([rate, rate / 2]), w1, w2)).all()


def test_brian2_and_batch_paths_return_the_same_trajectories():
    from brian2 import nsecond, psecond

    from spinbrian.experiments import _sim

    device = presets.zheng2020_mtj()
    j = np.array([0.8, 20.0]) * device.j_unit
    t, m = _sim.simulate(device, 0.1 * nsecond, 0.25 * psecond, j=j, use_brian2=True)
    assert t.shape == (401,) and m.shape == (2, 3, 401)
    assert t[0] == 0 and t[-1] == pytest.approx(1e-10)
    np.testing.assert_allclose(m[:, :, 0], [[0, 0, 1], [0, 0, 1]])
    assert np.ptp(m[1, 0]) > 1e-2  # the large current moves m
    tb, mb = _sim.simulate(device, 0.1 * nsecond, 0.25 * psecond, j=j)
    np.testing.assert_allclose(tb, t, rtol=1e-12)
    np.testing.assert_allclose(mb, m, atol=1e-12)
