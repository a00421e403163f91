"""Innate training of MTJ reservoirs and the seed 004 Fig. 3 drawing experiment."""

import importlib
import math

import numpy as np
import pytest

from spinbrian import presets
from spinbrian.experiments import Target
from spinbrian.networks import TransferResponse
from spinbrian.networks.responses import STEP

innate = importlib.import_module("spinbrian.experiments.zheng2020_innate")


def test_trial_is_one_170_ns_period():
    assert innate.STEPS == 113
    assert innate.STEPS * float(STEP) == pytest.approx(170e-9, abs=float(STEP) / 2)


def test_shipped_path_is_closed_smooth_and_normalised():
    # The stroke is periodic in the phase: it closes on itself, with all its derivatives.
    u = np.array([0.0, 1e-3])
    assert np.allclose(innate.stroke(u), innate.stroke(u + 1), atol=1e-12)
    path = innate.digit_path()
    assert path.shape == (innate.STEPS, 2)
    # Normalised: the taller coordinate spans [-1, 1], the box is centred on 0.
    assert np.abs(path).max() == pytest.approx(1.0, abs=0.01)
    fine = innate.digit_path(4096)
    assert np.allclose(fine.max(axis=0), -fine.min(axis=0), atol=1e-6)
    assert fine[:, 1].max() == pytest.approx(1.0, abs=1e-6)
    # Smooth and closed at 1.5 ns sampling: the step from the last point back to the first
    # is like any other step, and the turn between consecutive steps is small.
    closed = np.vstack([path, path[:1]])
    steps = np.linalg.norm(np.diff(closed, axis=0), axis=1)
    assert steps[-1] <= 1.2 * steps[:-1].max()
    assert steps.max() < 0.15 and steps.min() > 0.01  # the pen never stops or jumps
    second = np.linalg.norm(np.diff(np.vstack([closed, path[1:2]]), n=2, axis=0), axis=1)
    assert second.max() < 0.3 * steps.max()
    # An "8": y(t) passes each loop once, x changes sign four times per period.
    x, y = path.T
    assert np.count_nonzero(np.diff(np.sign(x)) != 0) + (np.sign(x[-1]) != np.sign(x[0])) == 4
    assert np.count_nonzero(np.diff(np.sign(y)) != 0) + (np.sign(y[-1]) != np.sign(y[0])) == 2


def test_nrmse_scale():
    path = innate.digit_path()
    assert innate.nrmse(path, path) == 0.0
    centroid = np.broadcast_to(path.mean(axis=0), path.shape)
    assert innate.nrmse(centroid, path) == pytest.approx(1.0, rel=1e-12)
    assert innate.nrmse(path + [0.1, 0.0], path) == pytest.approx(
        0.1 / np.sqrt(np.mean(np.sum((path - path.mean(0)) ** 2, 1))), rel=1e-12
    )


def test_trigger_pulse_starts_every_trial():
    u = innate.trigger(3)
    assert u.shape == (3 * innate.STEPS, 1)
    for k in range(3):
        trial = u[k * innate.STEPS : (k + 1) * innate.STEPS, 0]
        assert np.all(trial[: innate.PULSE_STEPS] == innate.PULSE_AMPLITUDE)
        assert np.all(trial[innate.PULSE_STEPS :] == 0)


@pytest.fixture(scope="module")
def small_response():
    return TransferResponse([presets.zheng2020_mtj()] * 100)


def test_innate_training_makes_the_trajectory_robust_to_noise(small_response):
    # A small chaotic network (N = 100, g = 2): under output noise σ = 0.05 its response to
    # the trigger wanders far from the noise-free ("innate") one. Ten trials of innate
    # training pull it back to within little more than the noise itself.
    sigma = 0.05
    net = innate.build(small_response, seed=0, noise=sigma, g=2.0, p=0.2)
    r_innate = innate.innate_trajectory(net)
    path = innate.digit_path()
    before = innate.noisy_trials(net, path, r_innate, 3)[2].mean()
    support = net.W != 0
    dev = innate.train_innate(net, r_innate, 10, fraction=1.0, seed=0)
    after = innate.noisy_trials(net, path, r_innate, 3)[2].mean()

    def propagated(d):  # the part of the deviation beyond the noise added at this step
        return math.sqrt(max(d**2 - sigma**2, 0.0))

    assert before > 3 * sigma  # untrained: noise is amplified by the chaotic dynamics
    assert propagated(after) < 0.4 * propagated(before)
    # RLS keeps the error small already while it learns (as FORCE does): every training
    # trial stays far closer to the innate trajectory than the untrained network.
    assert dev.max() < 0.75 * before
    # RLS only changes existing synapses (the sparse support is kept).
    assert np.all((net.W != 0) <= support)
    # Without noise the trained network still follows its own innate trajectory.
    clean = innate.rms_deviation(innate.innate_trajectory(net), r_innate)[0]
    assert clean < 0.5 * propagated(before)
    assert clean < 0.3 * np.std(r_innate)


def test_module_contract():
    assert innate.NAME == "zheng2020_innate"
    assert innate.TITLE and callable(innate.run) and callable(innate.plot)
    keys = [t.key for t in innate.TARGETS]
    assert keys == ["nrmse_innate", "robustness_ratio"]
    for t in innate.TARGETS:
        assert isinstance(t, Target) and t.kind == "max" and t.source.startswith("seed 004")


def test_quick_experiment_meets_its_targets():
    result = innate.run(quick=True)
    assert result.quick and result.name == innate.NAME
    err, ratio = result.measured["nrmse_innate"], result.measured["robustness_ratio"]
    assert 0 < err <= 0.1
    assert 0 < ratio <= 1.0
    assert result.passed
    d = result.data
    n_test = innate.TRIALS[True][2]
    assert d["z_innate"].shape == d["z_control"].shape == (n_test, innate.STEPS, 2)
    # Innate training brings the test trials closer to the innate trajectory.
    assert np.mean(d["test_dev_innate"]) < np.mean(d["test_dev_control"])
    assert len(d["train_dev"]) == innate.TRIALS[True][0]
    fig = innate.plot(result)
    assert len(fig.axes) >= 4
    # device ablation: the same two runs with clip(x, 0, 1) units
    assert set(result.ideal) == {"nrmse_innate", "robustness_ratio"} and result.ideal_device
