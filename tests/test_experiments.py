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
    expected |= {"li2022_loops", "li2022_synapse", "li2022_digits", "li2022_song_abbott"}
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
            assert t.quantity and math.isfinite(t.paper_value)
            # Every target says what it tests and where it comes from (Target enforces both).
            assert t.role in experiments.ROLES and t.source.strip()
            assert (t.role == "fitted") == bool(t.calibrates)
            if t.kind != "close":
                assert t.paper.strip()  # the paper's statement, not the bound


def test_unknown_experiment_names_the_choices():
    with pytest.raises(ValueError, match="zheng2020_transfer"):
        experiments.get("nope")


def test_seed004_targets_carry_the_paper_numbers():
    by_key = {t.key: t for t in zt.TARGETS}
    assert by_key["R0"].paper_value == 11.05 and by_key["R0"].rel == 0.005
    assert by_key["dR_0.8"].paper_value == 114 and by_key["dR_0.8"].rel == 0.005
    # the upper edge is a prediction, held to the rounding of two whole ohms
    assert by_key["dR_1.0"].paper_value == 145 and by_key["dR_1.0"].rel == 0.01
    # "ΔR/R0 can be increased up to 20 %": a value near 20 %, not a floor under it
    assert by_key["max_dR_over_R0"].paper_value == 20 and by_key["max_dR_over_R0"].kind == "close"
    assert by_key["dR_ratio"].paper_value == pytest.approx(145 / 114)
    # the calibration numbers are shown as fits, never as reproduced
    assert {k for k, t in by_key.items() if t.role == "fitted"} == {"R0", "dR_0.8"}


def _t(key, value, unit="", role="prediction", **kw):
    """A target with the bookkeeping a test does not care about filled in."""
    if kw.get("kind", "close") != "close":
        kw.setdefault("paper", "a stated bound")
    if role == "fitted":
        kw.setdefault("calibrates", "a parameter")
    return Target(key, key, value, unit, source=kw.pop("source", "test"), role=role, **kw)


def test_target_checks():
    close = _t("x", 100.0, "Ω", rel=0.02)
    assert close.check(101.9) and close.check(98.1)
    assert not close.check(102.1) and not close.check(float("nan")) and not close.check(None)
    absolute = _t("y", 1.0, abs=0.1)
    assert absolute.check(1.09) and not absolute.check(1.11)
    assert _t("u", 0.5, "%", kind="max").check(0.49)
    assert not _t("u", 0.5, "%", kind="max").check(0.51)
    assert _t("l", 20.0, "%", kind="min").check(21)
    assert not _t("l", 20.0, "%", kind="min").check(19)
    assert close.tolerance == "±2 %" and _t("u", 0.5, "%", kind="max").tolerance == "≤ 0.5 %"


def test_target_validation():
    with pytest.raises(ValueError, match="exactly one"):
        _t("x", 1.0)
    with pytest.raises(ValueError, match="exactly one"):
        _t("x", 1.0, rel=0.1, abs=0.1)
    with pytest.raises(ValueError, match="rel"):
        _t("x", 1.0, rel=-0.1)
    with pytest.raises(ValueError, match="kind"):
        _t("x", 1.0, kind="near", rel=0.1)
    with pytest.raises(ValueError, match="role"):
        Target("x", "x", 1.0, rel=0.1, source="seed 004")
    with pytest.raises(ValueError, match="source"):
        Target("x", "x", 1.0, rel=0.1, role="prediction")
    with pytest.raises(ValueError, match="calibrates"):
        Target("x", "x", 1.0, rel=0.1, source="seed 004", role="fitted")
    with pytest.raises(ValueError, match="calibrates"):
        _t("x", 1.0, rel=0.1, calibrates="R_P")
    with pytest.raises(ValueError, match="paper="):
        Target("x", "x", 1.0, kind="max", source="seed 004", role="prediction")


def test_result_fails_a_target_without_a_measurement():
    targets = [_t("a", 1.0, rel=0.1), _t("b", 2.0, rel=0.1)]
    result = Result("demo", targets, measured={"a": 1.05})
    assert [c.passed for c in result.checks()] == [True, False]
    assert not result.passed


def test_a_missed_fit_or_consistency_row_does_not_fail_the_result():
    targets = [_t("p", 1.0, rel=0.1), _t("f", 2.0, role="fitted", rel=0.1)]
    targets.append(_t("c", 3.0, role="consistency", rel=0.1))
    result = Result("demo", targets, measured={"p": 1.0, "f": 9.0, "c": 9.0})
    assert result.passed
    assert not Result("demo", targets, measured={"p": 2.0, "f": 2.0, "c": 3.0}).passed


def test_ideal_values_belong_to_targets_and_name_the_idealised_device():
    targets = [_t("a", 1.0, rel=0.1)]
    with pytest.raises(ValueError, match="together"):
        Result("demo", targets, measured={"a": 1.0}, ideal={"a": 1.0})
    with pytest.raises(ValueError, match="no target"):
        Result("demo", targets, measured={"a": 1.0}, ideal={"b": 1.0}, ideal_device="x")
    result = Result("demo", targets, measured={"a": 1.0}, ideal={"a": 2.0}, ideal_device="x")
    assert result.ideal_check(targets[0]) is False


def test_tmr_closed_form_inverts_the_readout():
    # A swing that gives exactly 114 Ω at TMR = 1.5 must fit back to 1.5.
    R0, tmr = 11050.0, 1.5
    swing = zt.PAPER_DR[0] / (R0 * tmr / (2 + tmr))
    assert zt.tmr_from_swing(swing, R0) == pytest.approx(tmr, rel=1e-12)
    assert zt.tmr_from_swing(swing, R0, dR=2 * zt.PAPER_DR[0]) > 2 * tmr  # ΔR grows with TMR


def test_fit_tmr_reproduces_the_preset():
    preset = presets.zheng2020_mtj().TMR
    assert zt.fit_tmr() == pytest.approx(preset, rel=0.005)


def test_report_table_escapes_and_flags_failures():
    targets = [
        Target(
            "f",
            "max |f − f_K|/f_K",
            0.5,
            "%",
            kind="max",
            source="textbook",
            role="limit",
            paper="f = f_Kittel",
        ),
        Target("r", "R0", 11.05, "kΩ", rel=0.005, source="seed 004", role="prediction"),
        Target("t", "ΔR", 114, "Ω", rel=0.02, source="seed 004", role="fitted", calibrates="TMR"),
    ]
    result = Result(
        "kittel_ringdown",
        targets,
        measured={"f": 0.1, "r": 12.0, "t": 200},
        ideal={"r": 11.0},
        ideal_device="an ideal resistor",
    )
    entries = [("kittel_ringdown", result, None, None)]
    text = report.format_report(entries, title="spinbrian run kittel_ringdown")
    assert text.startswith("# spinbrian run kittel_ringdown\n")
    assert (
        "| kittel_ringdown | limit | max \\|f − f_K\\|/f_K | f = f_Kittel | 0.1 % |  | ≤ 0.5 % "
        "| pass | textbook |" in text
    )
    assert (
        "| kittel_ringdown | prediction | R0 | 11.05 kΩ | 12 kΩ | 11 kΩ (meets) | ±0.5 % "
        "| **FAIL** | seed 004 |" in text
    )
    assert "| kittel_ringdown | fitted → TMR | ΔR | 114 Ω | 200 Ω |  | ±2 % | fit off |" in text
    assert "Idealised counterpart: an ideal resistor." in text
    assert (
        "**predictions met: 0 of 1 · limits met: 1 of 1 · fitted: 1 · consistency: 0 of 0**" in text
    )
    assert report.failures(entries) == [
        "kittel_ringdown: R0: measured 12 kΩ, paper 11.05 kΩ (±0.5 %)"
    ]
    assert report.warnings(entries) == [
        "fitted: kittel_ringdown: ΔR: measured 200 Ω, paper 114 Ω (±2 %)"
    ]


def _table_rows(text):
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    return [[c.strip() for c in row.strip("|").split(" | ")] for row in rows[1:]]


@pytest.mark.parametrize("failed_run", [False, True])
def test_summary_counts_equal_the_rows_of_every_registered_target(failed_run):
    # Every registered target, half of them met: the summary must count what the table shows.
    entries = []
    for k, name in enumerate(experiments.names()):
        module = experiments.get(name)
        if failed_run and k == 0:
            entries.append((name, None, None, "boom"))
            continue
        measured = {
            t.key: t.paper_value if i % 2 else float("nan") for i, t in enumerate(module.TARGETS)
        }
        entries.append((name, Result(name, module.TARGETS, measured), None, None))
    text = report.format_report(entries)
    rows = [r for r in _table_rows(text) if len(r) == 9]
    assert len(rows) == sum(len(experiments.get(n).TARGETS) for n in experiments.names())
    counts = report.tally(entries)
    for role in experiments.ROLES:
        mine = [r for r in rows if r[1].split(" →")[0] == role]
        met = sum(r[7] in ("pass", "fit") for r in mine)
        assert counts[role] == (met, len(mine))
    assert report.summary_line(entries) in text
    missed = [r for r in rows if r[1] in ("prediction", "limit") and r[7] == "**FAIL**"]
    failed_name = experiments.names()[0]
    if failed_run:  # one line for the run, none per target of it
        missed = [r for r in missed if r[0] != failed_name] + [[failed_name]]
    assert len(report.failures(entries)) == len(missed)


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


def test_bias_docstring_states_the_voltages_the_map_measures():
    # The module docstring quotes where the second and third lines appear: keep it true.
    from spinbrian.experiments import chen2024_bias

    info = {row[0]: row[1] for row in chen2024_bias.run(quick=True).info}
    second = info["lowest bias with 2 lines resolved"]
    third = info["lowest bias with 3 lines resolved"]
    text = " ".join(chen2024_bias.__doc__.split())
    assert f"a second line is resolved only from {second:g} V" in text
    assert f"a third from {third:g} V" in text
