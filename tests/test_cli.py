"""The ``spinbrian`` command line, called in-process."""

import matplotlib
import pytest

from spinbrian import cli, experiments
from spinbrian.experiments import Result, kittel_ringdown

matplotlib.use("Agg")


def test_list_names_every_experiment(capsys):
    assert cli.main(["list"]) == 0
    out = capsys.readouterr().out
    for name in experiments.names():
        assert name in out
        assert experiments.get(name).TITLE in out


def test_run_rejects_an_unknown_experiment():
    with pytest.raises(SystemExit):
        cli.main(["run", "no_such_experiment"])


def test_out_that_is_a_file_is_refused_before_any_run(tmp_path, capsys):
    not_a_folder = tmp_path / "report.txt"
    not_a_folder.write_text("")
    with pytest.raises(SystemExit):
        cli.main(["run", "kittel_ringdown", "--quick", "--out", str(not_a_folder)])
    err = capsys.readouterr().err
    assert "exists and is not a folder" in err and "[kittel_ringdown] start" not in err


@pytest.fixture(scope="module")
def kittel_quick(tmp_path_factory):
    out = tmp_path_factory.mktemp("kittel")
    code = cli.main(["run", "kittel_ringdown", "--quick", "--out", str(out)])
    return code, out


def test_run_quick_writes_the_figure_and_passes(kittel_quick):
    code, out = kittel_quick
    assert code == 0
    png = out / "kittel_ringdown.png"
    assert png.exists() and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 10_000


def test_run_quick_report_has_a_row_per_target(kittel_quick):
    _, out = kittel_quick
    text = (out / "report.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| kittel_ringdown |")]
    assert len(rows) == len(kittel_ringdown.TARGETS)
    for target, row in zip(kittel_ringdown.TARGETS, rows, strict=True):
        assert target.quantity.replace("|", "\\|") in row
        assert row.rstrip().endswith(f"| pass | {target.source} |")
    assert f"limits met: {len(rows)} of {len(rows)}" in text
    assert text.startswith("# spinbrian run kittel_ringdown --quick\n")
    assert "![kittel_ringdown](kittel_ringdown.png)" in text


def test_a_failed_target_gives_exit_code_1(monkeypatch, tmp_path, capsys):
    def fake_run(quick=False, progress=None):
        measured = {t.key: t.paper_value for t in kittel_ringdown.TARGETS}
        measured["alpha"] = 0.02  # 100 % off the true damping
        return Result(kittel_ringdown.NAME, kittel_ringdown.TARGETS, measured)

    def fake_plot(result):
        from matplotlib.figure import Figure

        return Figure(figsize=(1, 1))

    monkeypatch.setattr(kittel_ringdown, "run", fake_run)
    monkeypatch.setattr(kittel_ringdown, "plot", fake_plot)
    assert cli.main(["run", "kittel_ringdown", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "Gilbert α from the ringdown envelope" in err and "measured 0.02" in err
    assert "**FAIL**" in (tmp_path / "report.md").read_text(encoding="utf-8")
