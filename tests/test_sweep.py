"""Parameter sweeps on dask.distributed (``spinbrian.sweep``) and ``spinbrian sweep``."""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import brian2
import numpy as np
import pytest
import xarray as xr
from brian2 import Hz, Network, NeuronGroup, NumpyCodeObject, Quantity, ms, mV, nA, second

from spinbrian import cli, sweep_tasks
from spinbrian.sweep import (
    SweepError,
    load,
    local_cluster,
    sweep,
)
from spinbrian.sweep_store import log_path
from spinbrian.sweep_tasks import SWEEPS, get_sweep, lif_rate
from spinbrian.values import parse_value, parse_values


@pytest.fixture(scope="module")
def scheduler():
    """One 2-worker cluster for the module: worker start-up costs seconds."""
    with local_cluster(n_workers=2) as cluster:
        yield cluster.scheduler_address


# Tasks run on the workers, which import them from this module by name.
def waveform(freq, shape, n=4):
    assert isinstance(freq, Quantity)  # quantities in the grid come back as quantities
    t = np.arange(n) * 0.1 * second
    phase = 2 * np.pi * float(freq * t[1])
    wave = np.sin(phase * np.arange(n)) if shape == "sin" else np.cos(phase * np.arange(n))
    return {
        "period": 1 / freq,
        "label": f"{shape}@{float(freq / Hz):g}",
        "rising": shape == "sin",
        "big": 2**40 + n,  # int64 that netCDF3 cannot hold as int32
        "wave": (("time",), wave * mV, {"time": t}),
    }


def fragile(x, y=1.0):
    if x == 2:
        raise ValueError("no solution here")
    return {"z": x * y}


def flaky(x, marker):
    """Fails at x = 2 until ``marker`` exists; notes every call in ``marker``.calls."""
    with open(f"{marker}.calls", "a") as calls:
        calls.write(f"{x}\n")
    if x == 2 and not os.path.exists(marker):
        raise ValueError("not yet")
    return {"z": 10 * x}


def nan_at_two(x):
    return {"z": float("nan") if x == 2 else float(x), "n": x}


def meddle(x):
    seen = {"dt": brian2.defaultclock.dt, "target": brian2.prefs.codegen.target}
    brian2.defaultclock.dt = x * ms
    brian2.prefs.codegen.target = "numpy"
    brian2.set_device("cpp_standalone", build_on_run=False)
    return seen


def mismatched(x):
    group = NeuronGroup(
        1, "dv/dt = -v/(10*ms) : volt", threshold="v > 1", codeobj_class=NumpyCodeObject
    )
    Network(group).run(x * ms)
    return {}


def test_a_task_does_not_leak_brian2_state_into_the_next(scheduler):
    ds = sweep(meddle, {"x": [0.5, 1, 2, 3, 4, 5]}, scheduler=scheduler, progress=False)
    np.testing.assert_array_equal(ds.dt.values, 1e-4)
    assert set(ds.target.values) == {"auto"}


def test_brian2_errors_come_back_readable(scheduler):
    with pytest.raises(SweepError, match="x=1") as info:
        sweep(mismatched, {"x": [1]}, scheduler=scheduler, progress=False)
    message = str(info.value)
    assert "BrianObjectException" in message and "threshold" in message
    assert "\\x80" not in message  # not a pickle dump of Brian2 objects


def test_lif_rate_matches_the_analytic_rate(scheduler):
    currents = [3.0, 0.5, 2.0, 1.0, 1.5]  # unsorted: the result keeps the grid order
    ds = sweep(lif_rate, {"current": currents}, scheduler=scheduler, progress=False)
    assert ds.rate.dims == ("current",)
    np.testing.assert_array_equal(ds.current.values, currents)
    assert ds.rate.attrs["units"] == "Hz" and "units" not in ds.current.attrs
    analytic = [1 / (2e-3 + 10e-3 * np.log(c / (c - 1))) if c > 1 else 0.0 for c in currents]
    np.testing.assert_allclose(ds.rate_analytic.values, analytic, rtol=1e-12)
    below = ds.current.values <= 1
    assert (ds.rate.values[below] == 0).all() and (ds.n_spikes.values[below] == 0).all()
    # A threshold crossing is seen up to one step late and integration restarts up to one
    # step early, so each interspike interval is off by less than dt: rel. error < dt·rate.
    rate, analytic = ds.rate.values[~below], ds.rate_analytic.values[~below]
    dt = 0.05e-3  # lif_rate's default
    assert (np.abs(rate / analytic - 1) < dt / (1 / analytic - dt)).all()
    np.testing.assert_allclose(rate, analytic, rtol=0.03)


def test_grid_units_array_outputs_and_netcdf_round_trip(scheduler, tmp_path):
    path = tmp_path / "wave.nc"
    ds = sweep(
        waveform,
        {"freq": [1.0, 2.5, 4.0] * Hz, "shape": ["sin", "cos"]},
        fixed={"n": 5},
        scheduler=scheduler,
        progress=False,
        path=path,
        attrs={"note": "test", "flag": True},
    )
    assert ds.wave.dims == ("freq", "shape", "time")
    assert ds.period.dims == ("freq", "shape")
    assert dict(ds.sizes) == {"freq": 3, "shape": 2, "time": 5}
    assert [ds[v].attrs.get("units") for v in ("freq", "time", "wave", "period")] == [
        "Hz",
        "s",
        "V",
        "s",
    ]
    np.testing.assert_allclose(ds.period.sel(shape="cos").values, [1.0, 0.4, 0.25])
    np.testing.assert_allclose(ds.time.values, np.arange(5) * 0.1)
    point = ds.sel(freq=2.5, shape="cos")
    assert point.label.item() == "cos@2.5" and not point.rising.item()
    np.testing.assert_allclose(point.wave.values, 1e-3 * np.cos(2 * np.pi * 0.25 * np.arange(5)))
    assert ds.attrs["fixed"] == "n=5" and ds.attrs["grid"] == "freq[3] x shape[2]"
    assert ds.attrs["task"] == f"{__name__}:waveform" and ds.attrs["flag"] == "True"

    back = load(path)
    xr.testing.assert_identical(back, ds)
    assert back.rising.dtype == bool and back.label.dtype.kind == "U"
    assert back.shape.values.tolist() == ["sin", "cos"]
    assert back.big.dtype == np.float64 and back.big.values.flat[0] == 2**40 + 5
    assert back.wave.attrs["units"] == "V" and back.freq.attrs["units"] == "Hz"


def test_a_failing_task_names_its_parameter_point(scheduler):
    with pytest.raises(SweepError, match=r"fragile: the task at x=2, y=0\.5 failed:\n") as info:
        sweep(fragile, {"x": [1, 2, 3], "y": [0.5]}, scheduler=scheduler, progress=False)
    assert info.value.point == {"x": 2, "y": 0.5}
    assert "ValueError: no solution here" in str(info.value)


def test_bad_grids_fail_before_any_task_runs():
    with pytest.raises(TypeError, match="curent"):
        sweep(lif_rate, {"curent": [1.0]})
    with pytest.raises(ValueError, match="both swept and fixed"):
        sweep(lif_rate, {"current": [1.0]}, fixed={"current": 2.0})
    with pytest.raises(ValueError, match="non-empty 1-D"):
        sweep(lif_rate, {"current": []})
    with pytest.raises(ValueError, match=r"n_workers = 0 is outside the allowed range \[1, inf\)"):
        sweep(lif_rate, {"current": [1.0]}, n_workers=0)


def test_embedded_cluster_reports_progress(capsys):
    ds = sweep(lif_rate, {"current": [0.5, 2.0]}, fixed={"duration": 100 * ms}, n_workers=1)
    assert ds.n_spikes.values.tolist()[0] == 0 and ds.n_spikes.values[1] > 5
    err = capsys.readouterr().err
    assert "sweep lif_rate: 0/2 tasks" in err and "sweep lif_rate: 2/2 tasks" in err


def test_cli_sweep_writes_the_default_file(scheduler, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    args = ["sweep", "lif_rate", "--set", "current=0.5:3:4", "--fixed", "duration=200ms"]
    assert cli.main([*args, "--scheduler", scheduler, "--quiet"]) == 0
    out = capsys.readouterr()
    assert "wrote sweep_lif_rate.nc" in out.out and "rate_analytic" in out.out
    assert out.err == ""
    ds = load(tmp_path / "sweep_lif_rate.nc")
    np.testing.assert_allclose(ds.current.values, [0.5, 4 / 3, 13 / 6, 3.0])
    assert ds.attrs["fixed"] == "duration=200. ms"
    assert ds.attrs["command"].startswith("spinbrian sweep lif_rate --set current=0.5:3:4")
    np.testing.assert_allclose(ds.rate.values, ds.rate_analytic.values, rtol=0.03)


def test_cli_sweep_over_a_quantity_into_out(scheduler, tmp_path, capsys):
    path = tmp_path / "tau.nc"
    args = ["sweep", "lif_rate", "--set", "tau=5ms,10ms", "--set", "current=2,3"]
    assert cli.main([*args, "--out", str(path), "--scheduler", scheduler, "--quiet"]) == 0
    assert f"wrote {path}" in capsys.readouterr().out
    ds = load(path)
    assert ds.rate.dims == ("current", "tau")  # the task's default grid order, then --set
    np.testing.assert_allclose(ds.tau.values, [5e-3, 10e-3])
    assert ds.tau.attrs["units"] == "s"
    assert (ds.rate.isel(tau=0).values > ds.rate.isel(tau=1).values).all()


def test_cli_list_and_errors(capsys):
    assert cli.main(["sweep", "--list"]) == 0
    assert "lif_rate" in capsys.readouterr().out
    for bad in (["sweep"], ["sweep", "no_such_task"], ["sweep", "lif_rate", "--set", "x"]):
        with pytest.raises(SystemExit):
            cli.main(bad)
    assert cli.main(["sweep", "lif_rate", "--set", "curent=1,2", "--quiet"]) == 1
    assert "curent" in capsys.readouterr().err
    # a key given twice, or no worker: refused before anything runs (0 workers hung)
    for bad, message in (
        (["--set", "current=1,2", "--set", "current=3"], "--set current=… is given twice"),
        (["--workers", "0"], "must be ≥ 1, got 0"),
    ):
        with pytest.raises(SystemExit):
            cli.main(["sweep", "lif_rate", *bad, "--quiet"])
        assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "expected", "unit"),
    [
        ("200,400,800", [200, 400, 800], None),
        ("0.5:3:6", [0.5, 1.0, 1.5, 2.0, 2.5, 3.0], None),
        ("1e-3,2.5", [1e-3, 2.5], None),
        ("-12ms:12ms:25", np.linspace(-12, 12, 25), ms),
        ("0:3nA:4", [0, 1, 2, 3], nA),
        ("-12ms:1second:3", [-12, 494, 1000], ms),
        ("1.5 nA,2*nA", [1.5, 2], nA),
        ("20mV", [20], mV),
    ],
)
def test_parse_values(text, expected, unit):
    values = parse_values(text)
    plain = np.asarray(values) if unit is None else np.asarray(Quantity(values) / unit)
    np.testing.assert_allclose(plain, expected, rtol=1e-12)
    if unit is None:
        assert not isinstance(values, Quantity)
        assert all(isinstance(v, int) for v in values) == (text == "200,400,800")
    else:
        assert Quantity(values).has_same_dimensions(unit)
    assert parse_values("rk4,euler") == ["rk4", "euler"]


@pytest.mark.parametrize("text", ["1:2:x", "a:b:3", "12mx", "1ms:2mV:3", "3 parsecs"])
def test_parse_values_rejects(text):
    with pytest.raises(ValueError):
        parse_values(text)


def test_parse_value_kinds():
    assert parse_value("7") == 7 and isinstance(parse_value("7"), int)
    assert parse_value("nan") != parse_value("nan")  # a float, not a string
    assert parse_value("euler") == "euler"
    assert parse_value("2 kohm") == 2000 * parse_value("1ohm")
    assert parse_value("1ns") == 1e-9 * second


def test_registry(monkeypatch):
    assert get_sweep("lif_rate") is SWEEPS["lif_rate"]
    assert get_sweep("spinbrian.sweep_tasks:lif_rate") is SWEEPS["lif_rate"]
    plain = get_sweep(f"{__name__}:fragile")
    assert plain.func is fragile and plain.grid == {} and plain.name == "fragile"
    with pytest.raises(ValueError, match="lif_rate"):
        get_sweep("no_such_task")

    monkeypatch.setattr(sweep_tasks, "SWEEPS", {})
    decorated = sweep_tasks.register_sweep("x", grid={"x": [1, 2]}, fixed={"y": 3})(fragile)
    assert decorated is fragile
    assert sweep_tasks.SWEEPS["x"].fixed == {"y": 3}
    with pytest.raises(ValueError, match="already registered"):
        sweep_tasks.register_sweep("x", grid={})(fragile)


def test_cli_sweeps_a_function_from_the_current_directory(scheduler, tmp_path, monkeypatch, capsys):
    """``spinbrian sweep mytasks:square`` finds mytasks.py next to the user. The workers were
    started elsewhere and cannot import it: the function reaches them by value."""
    (tmp_path / "mytasks.py").write_text(
        "OFFSET = 0.5\n\ndef square(x):\n    '''x² + an offset from the module.'''\n"
        "    return {'y': x * x + OFFSET}\n"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", [p for p in sys.path if p not in ("", ".")])
    monkeypatch.delitem(sys.modules, "mytasks", raising=False)
    task = get_sweep("mytasks:square")
    assert task.name == "square" and task.description == "x² + an offset from the module."
    args = ["sweep", "mytasks:square", "--set", "x=1,2,3", "--scheduler", scheduler, "--quiet"]
    assert cli.main(args) == 0
    assert "wrote sweep_square.nc" in capsys.readouterr().out
    np.testing.assert_allclose(load(tmp_path / "sweep_square.nc").y.values, [1.5, 4.5, 9.5])
    with pytest.raises(ValueError, match="cannot import 'no_such_module'"):
        get_sweep("no_such_module:f")
    with pytest.raises(ValueError, match="has no function 'cube'"):
        get_sweep("mytasks:cube")


def _calls(marker):
    path = Path(f"{marker}.calls")
    calls = sorted(int(line) for line in path.read_text().split()) if path.exists() else []
    path.unlink(missing_ok=True)
    return calls


def test_record_mode_runs_the_other_points_and_resume_runs_only_the_failed(scheduler, tmp_path):
    path, marker = tmp_path / "flaky.nc", tmp_path / "fixed"
    grid, fixed = {"x": [1, 2, 3]}, {"marker": str(marker)}
    common = {"scheduler": scheduler, "progress": False, "path": path}
    ds = sweep(flaky, grid, fixed=fixed, on_error="record", **common)
    assert _calls(marker) == [1, 2, 3]
    np.testing.assert_array_equal(ds.z.values, [10, np.nan, 30])
    assert ds.error.values[0] == "" and "ValueError: not yet" in ds.error.values[1]
    assert ds.attrs["failed_points"] == 1 and not log_path(path).exists()
    with pytest.raises(FileExistsError, match="resume"):  # a log is never overwritten
        log_path(path).write_bytes(b"")
        sweep(flaky, grid, fixed=fixed, **common)
    log_path(path).unlink()

    with pytest.raises(SweepError, match=r"(?s)x=2.*not yet.*kept in .*flaky\.nc\.points") as info:
        sweep(flaky, grid, fixed=fixed, **common)
    assert log_path(path).exists()
    kept = int(re.search(r"points finished: (\d+)", str(info.value))[1])
    _calls(marker)
    marker.touch()  # "fix the task"
    with pytest.raises(ValueError, match="another sweep"):
        sweep(flaky, {"x": [1, 2]}, fixed=fixed, resume=True, **common)
    ds = sweep(flaky, grid, fixed=fixed, resume=True, **common)
    np.testing.assert_array_equal(ds.z.values, [10, 20, 30])
    resumed = _calls(marker)
    assert 2 in resumed and len(resumed) == 3 - kept  # the logged points did not run again
    assert not log_path(path).exists()
    xr.testing.assert_identical(load(path), ds)


def test_nan_results_are_flagged(scheduler):
    with pytest.warns(UserWarning, match=r"NaN results in z \(1 of 3 points\)"):
        ds = sweep(nan_at_two, {"x": [1, 2, 3]}, scheduler=scheduler, progress=False)
    assert ds.attrs["nan_outputs"] == "z (1 of 3 points)"


def test_output_path_and_options_are_checked_before_any_task(tmp_path):
    with pytest.raises(ValueError, match="does not exist"):
        sweep(lif_rate, {"current": [1.0]}, path=tmp_path / "no" / "x.nc", scheduler="x")
    with pytest.raises(ValueError, match="is a directory"):
        sweep(lif_rate, {"current": [1.0]}, path=tmp_path, scheduler="x")
    with pytest.raises(ValueError, match="on_error = 'skip'"):
        sweep(lif_rate, {"current": [1.0]}, on_error="skip")
    with pytest.raises(ValueError, match="resume=True needs path="):
        sweep(lif_rate, {"current": [1.0]}, resume=True)


def test_an_unreachable_scheduler_fails_within_seconds_naming_it():
    start = time.monotonic()
    with pytest.raises(ConnectionError, match=r"tcp://127\.0\.0\.1:1"):
        sweep(lif_rate, {"current": [1.0]}, scheduler="tcp://127.0.0.1:1", progress=False)
    assert time.monotonic() - start < 30


def test_workers_that_cannot_import_the_task_fail_instead_of_hanging(
    scheduler, tmp_path, monkeypatch
):
    """The module is on the client's path only: the workers (started before) lack it."""
    (tmp_path / "client_only.py").write_text("def f(x):\n    return {'y': x}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import client_only

    with pytest.raises(SweepError, match=r"cannot import client_only:f.*ModuleNotFoundError"):
        sweep(client_only.f, {"x": [1]}, scheduler=scheduler, progress=False)


SLOW_TASK = """import time

def slow_square(x):
    with open("calls.txt", "a") as calls:
        calls.write(f"{x}\\n")
    time.sleep(0.4)
    return {"y": x * x}
"""


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_cli_sweep_keeps_what_finished_and_resumes(tmp_path, signum):
    """Signal the CLI after half the points, resume: the uninterrupted result, no rerun."""
    (tmp_path / "slow_tasks.py").write_text(SLOW_TASK)
    command = [sys.executable, "-m", "spinbrian.cli", "sweep", "slow_tasks:slow_square"]
    command += ["--set", "x=1:8:8", "--workers", "1", "--out", "out.nc", "--quiet"]
    run = subprocess.Popen(command, cwd=tmp_path, stderr=subprocess.PIPE, text=True)
    log = tmp_path / "out.nc.points"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and run.poll() is None:
        if log.exists() and log.stat().st_size and len(_calls_in(tmp_path)) >= 5:
            break
        time.sleep(0.05)
    run.send_signal(signum)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130, err
    assert "interrupted with" in err and "--resume" in err and not (tmp_path / "out.nc").exists()
    before = _calls_in(tmp_path)
    (tmp_path / "calls.txt").unlink()
    done = subprocess.run(command + ["--resume"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    np.testing.assert_array_equal(load(tmp_path / "out.nc").y.values, np.arange(1, 9) ** 2)
    kept = int(re.search(r"interrupted with (\d+) of 8 points", err)[1])
    again = _calls_in(tmp_path)
    assert kept >= 2 and len(again) == 8 - kept  # only the points not in the log ran again
    assert set(before) | set(again) == set(np.arange(1.0, 9.0))
    assert not log.exists()


def _calls_in(directory):
    path = Path(directory) / "calls.txt"
    return [float(x) for x in path.read_text().split()] if path.exists() else []
