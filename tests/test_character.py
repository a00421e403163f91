"""Seed 004 Fig. 3 as the paper describes it: the character, the metric, step 1."""

import numpy as np
import pytest

from spinbrian.experiments import zheng2020_character as ch
from spinbrian.networks import LinearResponse


def test_the_character_is_six_strokes_with_pen_lifts_in_one_period():
    path, down = ch.character()
    assert path.shape == (ch.STEPS, 2) and ch.STEPS == 113  # 170 ns in 1.5 ns steps
    assert np.abs(path).max() <= 1.0
    # six pen-down runs per period (the period wraps: count rising edges cyclically)
    rises = np.count_nonzero(down & ~np.roll(down, 1))
    assert rises == len(ch.STROKES) == 6
    # the pen moves twice as fast in the air: pen-up steps are fewer per unit of path
    steps = np.linalg.norm(np.diff(np.vstack([path, path[:1]]), axis=0), axis=1)
    assert np.median(steps[~down]) > 1.5 * np.median(steps[down])


def test_the_drawing_error_ignores_where_the_period_starts():
    path, _ = ch.character()
    assert ch.aligned_nrmse(np.roll(path, 17, axis=0), path) == pytest.approx(0.0, abs=1e-12)
    assert ch.aligned_nrmse(np.zeros_like(path) + path.mean(0), path) == pytest.approx(1.0)


def test_step_one_makes_the_pulse_response_invariant_to_the_initial_state():
    # The seed's criterion of success for the recurrent training, on a chaotic 200-unit net.
    net = ch.build(LinearResponse(200), seed=1)
    rng = np.random.default_rng(0)
    r_ref = ch.sustained_response(net)
    before = ch.spread_over_starts(net, r_ref, rng)
    ch.innate_step(net, r_ref, rng, trials=10)
    after = ch.spread_over_starts(net, r_ref, rng)
    assert before > 0.05  # different starts give different responses
    assert after < 0.5 * before
