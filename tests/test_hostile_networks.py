"""Hostile input to the network modules: each bad value is refused by name.

What is tested: the bad arguments a census of hostile calls found accepted, returning NaN,
crashing with a foreign exception or failing with a message that does not name them, in
:mod:`spinbrian.networks.ising`, ``memory``, ``glassy_protocols``, ``ann``, ``stdp_window``
and ``ideal_units`` (``LinearResponse``, ``TanhResponse``, ``glauber_pbits``). Each must raise
``ValueError`` or ``TypeError`` whose message names the argument, before any simulation.
The formulas of these modules (``energy``, ``cut_value``, ``total_variation``, the
activations, ``lhb_trace`` in t, ``dynamic_range``) check shapes only: a NaN entry gives NaN,
tested once at the end. Every call refused here fails before any work, so the file is fast.
"""

import numpy as np
import pytest
from brian2 import nsecond, volt

from spinbrian import presets
from spinbrian.networks import LinearResponse, TanhResponse, ann, glauber_pbits, ising, memory
from spinbrian.networks import glassy_protocols as gp
from spinbrian.networks import stdp_window as sw

nan, inf = float("nan"), float("inf")
J = np.array([[0.0, 1.0, -0.5], [1.0, 0.0, 0.3], [-0.5, 0.3, 0.0]])
B = np.array([0.1, 0.0, -0.1])
UNIFORM = np.full(8, 1 / 8)
X_GRID = np.linspace(-2.0, 2.0, 11)
TABLES = ising.ideal_tables([0.5, 1.0], X_GRID)
PULSES = ((2.0, 0.05), (-2.0, 0.05))
TRACE = {
    "t": np.array([1.0, 2.0, 4.0, 8.0]),
    "S": np.array([1.0, 0.6, 0.3, 0.1]),
    "se": np.full(4, 0.01),
    "sd": np.ones(4),
}
GRID5 = np.linspace(0.0, 1.0, 5)
XS = np.random.default_rng(0).random((6, 4))
YS = np.array([0, 1, 0, 1, 1, 0])


@pytest.fixture(autouse=True)
def brian_scope():
    """Overrides the conftest's fresh Brian2 scope (0.15 s a test): nothing here runs Brian2."""
    yield


def glassy():
    return presets.shumilin2024_glassy()


def glassy_trace(**kw):
    args = dict(pulses=PULSES, rate=0.5, n_pairs=20, times=[1.0, 2.0], dt=0.1, burn=1.0, seed=1)
    return memory.glassy_trace(glassy(), **{**args, **kw})


def anneal(**kw):
    args = dict(tables=TABLES, x_min=-2.0, dx=0.4, sweeps_per_stage=5, seed=1, s0=[1, -1, 1])
    return ising.anneal(J, B, **{**args, **kw})


def metropolis(**kw):
    return ising.metropolis(J, B, **{**dict(betas=[0.5, 1.0], sweeps_per_stage=5, seed=1), **kw})


def tv_bound(**kw):
    return ising.tv_noise_bound(**{**dict(p=UNIFORM, n_samples=100, trials=20, seed=1), **kw})


def relaxation(rate):
    return ising.relaxation_time(J, B, lambda s, inputs: np.full(s.shape, rate))


def pulse_train(**kw):
    return gp.pulse_train(glassy(), **{**dict(V=2.0, duration=0.05, n=5, V_reset=-4.0), **kw})


def glauber(**kw):
    args = dict(N=3, beta=1.0, tau=1 * nsecond, dt=0.1 * nsecond)
    return glauber_pbits(**{**args, **kw})


def train(**kw):
    data = ann.Dataset(XS, YS, XS, YS, name="tiny")
    args = dict(epochs=1, lr=0.1, batch_size=4, seed=1)
    return ann.MLP(4, 3, 2).train(data, **{**args, **kw})


def mlp(method, **kw):
    return getattr(ann.MLP(4, 3, 2), method)(**kw)


CASES = [
    # ising
    ("all_states n < 0", "n", lambda: ising.all_states(-1)),
    ("all_states n = 2.5", "n", lambda: ising.all_states(2.5)),
    ("energy J not square", "J", lambda: ising.energy(J[:, :2], B, B)),
    ("energy b wrong length", "b", lambda: ising.energy(J, B[:2], B)),
    ("energy s wrong length", "s", lambda: ising.energy(J, B, np.ones(4))),
    ("cut_value W not square", "W", lambda: ising.cut_value(J[:, :2], B)),
    ("cut_value W empty", "W", lambda: ising.cut_value(np.array([]), B)),
    ("load_gset unknown name", "name", lambda: ising.load_gset("bogus")),
    ("hebbian NaN pattern", "patterns", lambda: ising.hebbian([[nan, 1.0], [1.0, -1.0]])),
    ("hebbian empty", "patterns", lambda: ising.hebbian([])),
    ("boltzmann NaN J", "J", lambda: ising.boltzmann(np.where(J > 0.5, nan, J), B, 1.0)),
    ("boltzmann inf b", "b", lambda: ising.boltzmann(J, [inf, 0.0, 0.0], 1.0)),
    ("boltzmann b wrong length", "b", lambda: ising.boltzmann(J, B[:2], 1.0)),
    ("boltzmann beta = inf", "beta", lambda: ising.boltzmann(J, B, inf)),
    ("boltzmann beta = NaN", "beta", lambda: ising.boltzmann(J, B, nan)),
    ("total_variation shapes", "q", lambda: ising.total_variation(UNIFORM, np.ones(9) / 9)),
    ("tv_noise_bound p NaN", "p", lambda: tv_bound(p=np.r_[nan, UNIFORM[1:]])),
    ("tv_noise_bound p not summing to 1", "p", lambda: tv_bound(p=np.full(9, 1 / 8))),
    ("tv_noise_bound p empty", "p", lambda: tv_bound(p=[])),
    ("tv_noise_bound n_samples = 0", "n_samples", lambda: tv_bound(n_samples=0)),
    ("tv_noise_bound n_samples = 2.5", "n_samples", lambda: tv_bound(n_samples=2.5)),
    ("tv_noise_bound quantile NaN", "quantile", lambda: tv_bound(quantile=nan)),
    ("tv_noise_bound quantile > 1", "quantile", lambda: tv_bound(quantile=1.5)),
    ("tv_noise_bound trials = 0", "trials", lambda: tv_bound(trials=0)),
    ("tv_noise_bound seed < 0", "seed", lambda: tv_bound(seed=-1)),
    ("tv_noise_bound seed = 2.5", "seed", lambda: tv_bound(seed=2.5)),
    ("relaxation_time NaN J", "J", lambda: ising.relaxation_time(J * nan, B, lambda s, i: s)),
    ("relaxation_time b wrong length", "b", lambda: ising.relaxation_time(J, B[:2], None)),
    ("relaxation_time NaN rates", "flip_rate", lambda: relaxation(nan)),
    ("relaxation_time zero rates", "flip_rate", lambda: relaxation(0.0)),
    ("relaxation_time negative rates", "flip_rate", lambda: relaxation(-1.0)),
    ("input_grid NaN J", "J", lambda: ising.input_grid(J * nan, B)),
    ("input_grid J not square", "J", lambda: ising.input_grid(J[:, :2], B)),
    ("input_grid b wrong length", "b", lambda: ising.input_grid(J, np.ones(4))),
    ("input_grid points = 1", "points", lambda: ising.input_grid(J, B, points=1)),
    ("input_grid points = 2.5", "points", lambda: ising.input_grid(J, B, points=2.5)),
    ("ideal_tables NaN beta", "betas", lambda: ising.ideal_tables([nan, 1.0], X_GRID)),
    ("ideal_tables negative beta", "betas", lambda: ising.ideal_tables([-1.0], X_GRID)),
    ("anneal s0 inf", "s0", lambda: anneal(s0=[inf, 1, 1])),
    ("anneal s0 NaN", "s0", lambda: anneal(s0=[nan, 1, 1])),
    ("anneal s0 zero", "s0", lambda: anneal(s0=[0, 0, 0])),
    ("anneal s0 wrong length", "s0", lambda: anneal(s0=[1, 1, 1, 1])),
    ("anneal target NaN", "target", lambda: anneal(target=nan)),
    ("metropolis s0 empty", "s0", lambda: metropolis(s0=[])),
    ("metropolis betas empty", "betas", lambda: metropolis(betas=[])),
    ("metropolis target NaN", "target", lambda: metropolis(target=nan)),
    (
        "JunctionTransfer points = 0",
        "points",
        lambda: ising.JunctionTransfer(presets.superparamagnetic_pbit(), points=0),
    ),
    (
        "JunctionTransfer points = 2.5",
        "points",
        lambda: ising.JunctionTransfer(presets.superparamagnetic_pbit(), points=2.5),
    ),
    # memory
    ("retention_time t = 0", "t", lambda: memory.retention_time([0.0, 1.0], [2.0, 0.5])),
    ("retention_time t empty", "t", lambda: memory.retention_time([], [])),
    ("retention_time snr shape", "snr", lambda: memory.retention_time([1.0, 2.0], [2.0])),
    ("retention_time threshold NaN", "threshold", lambda: memory.retention_time([1.0], [2.0], nan)),
    ("read_times horizon NaN", "horizon", lambda: memory.read_times(nan, 1.0)),
    ("read_times horizon < dt", "horizon", lambda: memory.read_times(0.5, 1.0)),
    ("read_times dt = 0", "dt", lambda: memory.read_times(100.0, 0.0)),
    ("read_times dt wrong unit", "dt", lambda: memory.read_times(100.0, 1.0 * volt)),
    ("read_times n = 0", "n", lambda: memory.read_times(100.0, 1.0, 0)),
    ("read_times n = 2.5", "n", lambda: memory.read_times(100.0, 1.0, 2.5)),
    ("glassy_trace pulses NaN", "pulses", lambda: glassy_trace(pulses=((nan, 0.05), PULSES[1]))),
    ("glassy_trace pulses τ < 0", "pulses", lambda: glassy_trace(pulses=((2.0, -0.05), PULSES[1]))),
    ("glassy_trace pulses shape", "pulses", lambda: glassy_trace(pulses=((2.0, 0.05),))),
    ("glassy_trace n_pairs = 0", "n_pairs", lambda: glassy_trace(n_pairs=0)),
    ("glassy_trace n_pairs = 2.5", "n_pairs", lambda: glassy_trace(n_pairs=2.5)),
    ("glassy_trace times inf", "times", lambda: glassy_trace(times=[inf])),
    ("glassy_trace times < 0", "times", lambda: glassy_trace(times=[-1.0, 2.0])),
    ("glassy_trace times empty", "times", lambda: glassy_trace(times=[])),
    ("glassy_trace times on one step", "times", lambda: glassy_trace(times=[0.0, 0.0])),
    ("glassy_trace burn inf", "burn", lambda: glassy_trace(burn=inf)),
    ("glassy_trace burn < 0", "burn", lambda: glassy_trace(burn=-1.0)),
    ("glassy_trace rate NaN", "rate", lambda: glassy_trace(rate=nan)),
    ("glassy_trace seed < 0", "seed", lambda: glassy_trace(seed=-1)),
    ("lhb_initial_snr n = 1", "n", lambda: memory.lhb_initial_snr(1, 100)),
    ("lhb_initial_snr n = 2.5", "n", lambda: memory.lhb_initial_snr(2.5, 100)),
    ("lhb_initial_snr N < 0", "N", lambda: memory.lhb_initial_snr(4, -1)),
    ("lhb_initial_snr N NaN", "N", lambda: memory.lhb_initial_snr(4, nan)),
    ("lhb_initial_snr f_pot = 0", "f_pot", lambda: memory.lhb_initial_snr(4, 100, 0.0)),
    ("lhb_initial_snr f_pot NaN", "f_pot", lambda: memory.lhb_initial_snr(4, 100, nan)),
    ("lhb_trace n = 0", "n", lambda: memory.lhb_trace(0, 1.0, [1.0])),
    ("lhb_trace n = 2.5", "n", lambda: memory.lhb_trace(2.5, 1.0, [1.0])),
    ("lhb_trace rate NaN", "rate", lambda: memory.lhb_trace(4, nan, [1.0])),
    ("lhb_trace rate < 0", "rate", lambda: memory.lhb_trace(4, -1.0, [1.0])),
    ("lhb_trace f_pot > 1", "f_pot", lambda: memory.lhb_trace(4, 1.0, [1.0], 1.5)),
    ("matched_levels snr0 = 0", "snr0", lambda: memory.matched_levels(0.0, 100)),
    ("matched_levels n_max = 2", "n_max", lambda: memory.matched_levels(5.0, 100, n_max=2)),
    ("matched_levels n_max NaN", "n_max", lambda: memory.matched_levels(5.0, 100, n_max=nan)),
    ("matched_levels N = 0", "N", lambda: memory.matched_levels(5.0, 0)),
    ("optimal_levels N < 0", "N", lambda: memory.optimal_levels(-1)),
    ("optimal_levels N NaN", "N", lambda: memory.optimal_levels(nan)),
    ("lhb_retention rate = 0", "rate", lambda: memory.lhb_retention(4, 100, 0.0)),
    ("lhb_retention rate inf", "rate", lambda: memory.lhb_retention(4, 100, inf)),
    ("lhb_retention f_pot = 0", "f_pot", lambda: memory.lhb_retention(4, 100, 1.0, 0.0)),
    ("lhb_retention t_max = 0", "t_max", lambda: memory.lhb_retention(4, 100, 1.0, t_max=0.0)),
    ("lhb_retention n = 0", "n", lambda: memory.lhb_retention(0, 100, 1.0)),
    (
        "retention_vs_N trace without sd",
        "trace",
        lambda: memory.retention_vs_N({k: v for k, v in TRACE.items() if k != "sd"}, [10]),
    ),
    (
        "retention_vs_N trace NaN S",
        "trace",
        lambda: memory.retention_vs_N({**TRACE, "S": np.r_[nan, TRACE["S"][1:]]}, [10]),
    ),
    (
        "retention_vs_N trace shape",
        "trace",
        lambda: memory.retention_vs_N({**TRACE, "S": TRACE["S"][:2]}, [10]),
    ),
    ("retention_vs_N Ns inf", "Ns", lambda: memory.retention_vs_N(TRACE, [inf])),
    ("retention_vs_N Ns = 0", "Ns", lambda: memory.retention_vs_N(TRACE, [0])),
    ("retention_vs_N resolve NaN", "resolve", lambda: memory.retention_vs_N(TRACE, [10], nan)),
    ("retention_vs_N resolve < 0", "resolve", lambda: memory.retention_vs_N(TRACE, [10], -1.0)),
    # glassy_protocols
    ("pulse_train V NaN", "V", lambda: pulse_train(V=nan)),
    ("pulse_train V inf", "V", lambda: pulse_train(V=inf)),
    ("pulse_train duration < 0", "duration", lambda: pulse_train(duration=-0.05)),
    ("pulse_train duration > period", "duration", lambda: pulse_train(duration=9.0)),
    ("pulse_train n = 2.5", "n", lambda: pulse_train(n=2.5)),
    ("pulse_train n < 0", "n", lambda: pulse_train(n=-1)),
    ("pulse_train V_reset NaN", "V_reset", lambda: pulse_train(V_reset=nan)),
    ("pulse_train period = 0", "period", lambda: pulse_train(period=0.0)),
    ("pulse_train period inf", "period", lambda: pulse_train(period=inf)),
    ("pulse_train x0 NaN", "x0", lambda: pulse_train(x0=np.full(glassy().K, nan))),
    ("pulse_train x0 < 0", "x0", lambda: pulse_train(x0=np.full(glassy().K, -0.5))),
    ("pulse_train x0 shape", "x0", lambda: pulse_train(x0=np.full(glassy().K + 1, 0.5))),
    ("pulse_train x0 empty", "x0", lambda: pulse_train(x0=np.array([]))),
    ("lasting_change V NaN", "V", lambda: gp.lasting_change(glassy(), nan)),
    ("lasting_change duration < 0", "duration", lambda: gp.lasting_change(glassy(), 2.0, -0.05)),
    ("lasting_change duration inf", "duration", lambda: gp.lasting_change(glassy(), 2.0, inf)),
    ("lasting_change wait < 0", "wait", lambda: gp.lasting_change(glassy(), 2.0, wait=-1.0)),
    ("lasting_change V wrong unit", "V", lambda: gp.lasting_change(glassy(), 2.0 * nsecond)),
    ("threshold polarity = 0", "polarity", lambda: gp.threshold(glassy(), 0)),
    ("threshold polarity = 2", "polarity", lambda: gp.threshold(glassy(), 2)),
    ("threshold polarity NaN", "polarity", lambda: gp.threshold(glassy(), nan)),
    ("threshold change = 0", "change", lambda: gp.threshold(glassy(), 1, 0.0)),
    ("threshold change NaN", "change", lambda: gp.threshold(glassy(), 1, nan)),
    ("threshold change out of reach", "change", lambda: gp.threshold(glassy(), 1, 1e6)),
    ("dynamic_range empty", "sigma", lambda: gp.dynamic_range([])),
    ("log_fit n NaN", "n", lambda: gp.log_fit([nan, 2.0, 3.0], [1.0, 2.0, 2.5])),
    ("log_fit n = 0", "n", lambda: gp.log_fit([0.0, 2.0, 3.0], [1.0, 2.0, 2.5])),
    ("log_fit n empty", "n", lambda: gp.log_fit([], [])),
    ("log_fit sigma shape", "sigma", lambda: gp.log_fit([1.0, 2.0, 3.0], [1.0, 2.0])),
    ("log_fit sigma NaN", "sigma", lambda: gp.log_fit([1.0, 2.0, 3.0], [nan, 2.0, 2.5])),
    ("log_fit sigma constant", "sigma", lambda: gp.log_fit([1.0, 2.0, 3.0], [0.0, 0.0, 0.0])),
    ("calibrate rounds = 2.5", "rounds", lambda: gp.calibrate(glassy(), rounds=2.5)),
    ("calibrate rounds < 0", "rounds", lambda: gp.calibrate(glassy(), rounds=-1)),
    ("calibrate xtol NaN", "xtol", lambda: gp.calibrate(glassy(), xtol=nan)),
    ("calibrate xtol = 0", "xtol", lambda: gp.calibrate(glassy(), xtol=0.0)),
    ("calibrate xtol inf", "xtol", lambda: gp.calibrate(glassy(), xtol=inf)),
    ("extremal_states x0 inf", "x0", lambda: gp.extremal_states(glassy(), np.full(31, inf))),
    ("extremal_states x0 shape", "x0", lambda: gp.extremal_states(glassy(), np.full(32, 0.5))),
    ("readout_bound t_read NaN", "t_read", lambda: gp.readout_bound(glassy(), t_read=nan)),
    ("readout_bound t_read < 0", "t_read", lambda: gp.readout_bound(glassy(), t_read=-1.0)),
    ("readout_bound t_read inf", "t_read", lambda: gp.readout_bound(glassy(), t_read=inf)),
    ("readout_bound t_first < 0", "t_first", lambda: gp.readout_bound(glassy(), t_first=-1.0)),
    (
        "readout_bound t_first > t_read",
        "t_first",
        lambda: gp.readout_bound(glassy(), t_read=1.0, t_first=2.0),
    ),
    # stdp_window
    ("demagnetising step = 0", "step", lambda: sw.demagnetising_currents(step=0.0)),
    ("demagnetising step NaN", "step", lambda: sw.demagnetising_currents(step=nan)),
    ("demagnetising step < 0", "step", lambda: sw.demagnetising_currents(step=-1e-3)),
    ("demagnetising start NaN", "start", lambda: sw.demagnetising_currents(start=nan)),
    ("demagnetising start inf", "start", lambda: sw.demagnetising_currents(start=inf)),
    ("demagnetising start < step", "start", lambda: sw.demagnetising_currents(start=-1e-3)),
    ("demagnetising wrong unit", "start", lambda: sw.demagnetising_currents(start=1.0 * volt)),
    # ideal_units
    ("LinearResponse N = 0", "N", lambda: LinearResponse(0)),
    ("LinearResponse N NaN", "N", lambda: LinearResponse(nan)),
    ("TanhResponse N = 2.5", "N", lambda: TanhResponse(2.5)),
    ("TanhResponse N < 0", "N", lambda: TanhResponse(-1)),
    ("glauber_pbits N = 0", "N", lambda: glauber(N=0)),
    ("glauber_pbits N = 2.5", "N", lambda: glauber(N=2.5)),
    ("glauber_pbits beta NaN", "beta", lambda: glauber(beta=nan)),
    ("glauber_pbits beta inf", "beta", lambda: glauber(beta=inf)),
    ("glauber_pbits tau = 0", "tau", lambda: glauber(tau=0 * nsecond)),
    ("glauber_pbits tau bare", "tau", lambda: glauber(tau=1e-9)),
    ("glauber_pbits tau wrong unit", "tau", lambda: glauber(tau=1 * volt)),
    ("glauber_pbits tau NaN", "tau", lambda: glauber(tau=nan * nsecond)),
    ("glauber_pbits tau < 0", "tau", lambda: glauber(tau=-1 * nsecond)),
    ("glauber_pbits dt = 0", "dt", lambda: glauber(dt=0 * nsecond)),
    ("glauber_pbits dt bare", "dt", lambda: glauber(dt=1e-10)),
    ("glauber_pbits dt inf", "dt", lambda: glauber(dt=inf * nsecond)),
    ("glauber_pbits dt < 0", "dt", lambda: glauber(dt=-0.1 * nsecond)),
    # ann
    ("load_digits_data seed < 0", "seed", lambda: ann.load_digits_data(seed=-1)),
    ("load_digits_data seed = 2.5", "seed", lambda: ann.load_digits_data(seed=2.5)),
    ("Logistic x0 NaN", "x0", lambda: ann.Logistic(x0=nan)),
    ("Logistic x0 inf", "x0", lambda: ann.Logistic(x0=-inf)),
    ("Logistic k NaN", "k", lambda: ann.Logistic(k=nan)),
    ("Logistic k inf", "k", lambda: ann.Logistic(k=inf)),
    (
        "TabulatedActivation x_grid NaN",
        "x_grid",
        lambda: ann.TabulatedActivation([nan, 1.0], [0, 1]),
    ),
    (
        "TabulatedActivation y_table NaN",
        "y_table",
        lambda: ann.TabulatedActivation(GRID5, GRID5 * nan),
    ),
    (
        "TabulatedActivation y_table inf",
        "y_table",
        lambda: ann.TabulatedActivation(GRID5, np.r_[inf, GRID5[1:]]),
    ),
    (
        "TabulatedActivation slope_width NaN",
        "slope_width",
        lambda: ann.TabulatedActivation(GRID5, GRID5, slope_width=nan),
    ),
    (
        "TabulatedActivation slope_width inf",
        "slope_width",
        lambda: ann.TabulatedActivation(GRID5, GRID5, slope_width=inf),
    ),
    ("MLP n_in < 0", "n_in", lambda: ann.MLP(-1, 3, 2)),
    ("MLP n_hidden = 0", "n_hidden", lambda: ann.MLP(4, 0, 2)),
    ("MLP n_out = 2.5", "n_out", lambda: ann.MLP(4, 3, 2.5)),
    ("MLP seed < 0", "seed", lambda: ann.MLP(4, 3, 2, seed=-1)),
    ("MLP seed NaN", "seed", lambda: ann.MLP(4, 3, 2, seed=nan)),
    ("MLP activation not callable", "activation", lambda: ann.MLP(4, 3, 2, activation=1.0)),
    ("MLP.log_proba x shape", "x", lambda: mlp("log_proba", x=XS[:, :3])),
    ("MLP.predict x empty", "x", lambda: mlp("predict", x=np.array([]))),
    ("MLP.accuracy x shape", "x", lambda: mlp("accuracy", x=XS[:, :3], y=YS)),
    ("MLP.accuracy y shape", "y", lambda: mlp("accuracy", x=XS, y=YS[:5])),
    ("MLP.accuracy y out of range", "y", lambda: mlp("accuracy", x=XS, y=YS + 5)),
    ("MLP.loss y float", "y", lambda: mlp("loss", x=XS, y=YS + 0.5)),
    ("MLP.loss y NaN", "y", lambda: mlp("loss", x=XS, y=np.r_[nan, YS[1:]])),
    ("MLP.loss y < 0", "y", lambda: mlp("loss", x=XS, y=-YS - 1)),
    ("MLP.gradients y empty", "y", lambda: mlp("gradients", x=XS, y=[])),
    ("MLP.gradients x shape", "x", lambda: mlp("gradients", x=XS[:, :3], y=YS)),
    ("MLP.train lr NaN", "lr", lambda: train(lr=nan)),
    ("MLP.train lr inf", "lr", lambda: train(lr=inf)),
    ("MLP.train lr < 0", "lr", lambda: train(lr=-0.1)),
    ("MLP.train epochs = 2.5", "epochs", lambda: train(epochs=2.5)),
    ("MLP.train epochs < 0", "epochs", lambda: train(epochs=-1)),
    ("MLP.train batch_size = 0", "batch_size", lambda: train(batch_size=0)),
    ("MLP.train batch_size NaN", "batch_size", lambda: train(batch_size=nan)),
    ("MLP.train seed < 0", "seed", lambda: train(seed=-1)),
]


@pytest.mark.parametrize(("label", "name", "call"), CASES, ids=[c[0] for c in CASES])
def test_bad_argument_is_refused_by_name(label, name, call):
    with pytest.raises((ValueError, TypeError)) as info:
        call()
    assert name in str(info.value), f"{label}: {info.value}"


def test_formulas_propagate_nan_entries():
    """Formulas check shapes only: a NaN entry gives NaN where it is, as in NumPy."""
    s = np.array([[1.0, -1.0, 1.0], [nan, 1.0, 1.0]])
    energies = ising.energy(J, B, s)
    assert np.isfinite(energies[0]) and np.isnan(energies[1])
    assert np.isnan(ising.cut_value(J, s[1]))
    assert np.isnan(ising.ideal_tables([1.0], [0.0, nan])[0, 1])
    assert np.isnan(memory.lhb_trace(4, 1.0, [1.0, nan])[0][1])
    assert np.isnan(gp.dynamic_range([1.0, nan]))
    act = ann.TabulatedActivation(GRID5, GRID5**2)
    assert np.isnan(act(np.array([[nan]]))[0, 0]) and np.isnan(act.derivative([[nan]])[0, 0])
    assert act.derivative([[2.0]])[0, 0] == 0.0  # outside the grid: zero slope
    assert np.isnan(ann.Logistic()(np.array([nan]))[0])
    assert np.isnan(LinearResponse(2)([nan, 0.5])[0]) and np.isnan(TanhResponse(1)([nan])[0])
    net = ann.MLP(4, 3, 2)
    assert np.all(np.isnan(net.log_proba(np.r_[[nan] * 4, XS[0]].reshape(2, 4))[0]))


def test_legitimate_edge_values_are_accepted():
    """Values that are physical or documented stay accepted."""
    assert ising.all_states(0).shape == (1, 0)
    assert np.isfinite(ising.boltzmann(J, B, 0.0)).all()  # β = 0: uniform
    assert np.isfinite(ising.boltzmann(J, B, -1.0)).all()  # β < 0: the inverted law
    assert gp.lasting_change(glassy(), 0.0) == 0.0  # no pulse
    assert gp.pulse_train(glassy(), -2.0, 0.0, n=0)[0].shape == (1,)
    assert np.isfinite(gp.readout_bound(glassy(), t_read=3.0, t_first=0.0)["B"])
    assert memory.lhb_trace(4, 0.0, [1.0], 0.0)[1] == 0.0  # pinned walk, no noise
    assert np.isfinite(memory.lhb_initial_snr(4, 2.5))  # √N scaling: any real N > 0
