"""Seeded means reproducible (issue 16): every seeded public entry point, run twice, bit for bit.

One row per entry point that takes a ``seed`` (or ``rng``, ``seed_state``) argument, or whose
randomness comes from Brian2's ``seed()``. Each row builds fresh objects at a tiny size and
returns its outputs; the test runs it twice with the same seed and compares every array bit
for bit (Brian2 quantities: the underlying array and the unit), then once with another seed
and asserts that something changed, so a row cannot pass on an output the seed never reaches.

Brian2 rows seed with ``brian2.seed`` and claim same-target reproducibility only: the tests
run on the numpy target (tests/conftest.py); other targets draw from other generators.
"""

import dataclasses

import brian2
import numpy as np
import pytest
import scipy.sparse as sp
from brian2 import Network, StateMonitor, kelvin, nsecond, psecond
from brian2.units.fundamentalunits import get_dimensions

from spinbrian import presets
from spinbrian.batch import simulate
from spinbrian.cython_kernels import macrospin
from spinbrian.devices.pbit import couplings
from spinbrian.experiments import (
    chen2024_stfmr,
    hoffmann2022_chain,
    hoffmann2022_pbits,
    li2022_digits,
    li2022_loops,
    li2022_synapse,
    shumilin2024_memory,
    zheng2020_innate,
    zheng2020_recognition,
    zheng2020_robustness,
    zheng2020_sine,
)
from spinbrian.networks import (
    ForceReadout,
    InnateTrainer,
    LLGResponse,
    MTJReservoir,
    TransferResponse,
    brian2_reservoir,
    glauber_pbits,
    ising,
)
from spinbrian.networks.ann import MLP, load_digits_data
from spinbrian.networks.memory import glassy_trace
from spinbrian.networks.responses import delta_r

SEED, OTHER = 12345, 54321
J_UNIT = presets.zheng2020_mtj().j_unit


# ---------------------------------------------------------------------- comparison
def _leaves(obj, path="out"):
    """(path, value) of every array-like leaf of a nested output."""
    if isinstance(obj, brian2.Quantity):
        yield path, (np.asarray(obj), get_dimensions(obj))
    elif isinstance(obj, dict):
        for k in sorted(obj, key=str):
            yield from _leaves(obj[k], f"{path}[{k!r}]")
    elif isinstance(obj, tuple | list):
        for k, v in enumerate(obj):
            yield from _leaves(v, f"{path}[{k}]")
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            yield from _leaves(getattr(obj, f.name), f"{path}.{f.name}")
    elif hasattr(obj, "__dict__") and not isinstance(obj, type):
        yield from _leaves(vars(obj), path)
    else:
        yield path, (np.asarray(obj), None)


def _assert_identical(a, b):
    la, lb = list(_leaves(a)), list(_leaves(b))
    assert [p for p, _ in la] == [p for p, _ in lb]
    for (path, (x, dx)), (_, (y, dy)) in zip(la, lb, strict=True):
        assert dx == dy, f"{path}: unit {dx} != {dy}"
        assert x.dtype == y.dtype and x.shape == y.shape, path
        np.testing.assert_array_equal(x, y, err_msg=path, strict=True)
        if x.dtype.kind in "fc":  # bit for bit: -0.0 and the NaN payloads included
            assert x.tobytes() == y.tobytes(), path


def _differs(a, b):
    la, lb = list(_leaves(a)), list(_leaves(b))
    if [p for p, _ in la] != [p for p, _ in lb]:
        return True
    for (_, (x, _)), (_, (y, _)) in zip(la, lb, strict=True):
        if x.dtype.kind == "O":  # object arrays: by value, not by the bytes of their pointers
            if not np.array_equal(x, y):
                return True
        elif x.dtype != y.dtype or x.shape != y.shape or x.tobytes() != y.tobytes():
            return True
    return False


def _brian(seed):
    """A fresh Brian2 scope, seeded (numpy target: same-target reproducibility only)."""
    brian2.start_scope()
    brian2.seed(seed)


def _mtj300():
    return dataclasses.replace(presets.zheng2020_mtj(), temperature=300 * kelvin)


# ---------------------------------------------------------------------- rows
# Each row: seed -> outputs. Comment: the randomness the seed must reach.


def simulate_thermal(seed):
    # Brown thermal field of the compiled kernel, uncoupled lanes (one stream per junction)
    res = simulate(_mtj300(), 0.5 * nsecond, 1 * psecond, j=[0.9, 1.0, 0.8] * J_UNIT, seed=seed)
    return res.t, res.m, res.R, res.m_final


def simulate_coupled(seed):
    # Brown thermal field of the compiled kernel, coupled path (field summed per RK4 stage)
    K = np.array([[0.0, 1e3], [1e3, 0.0]]) * brian2.amp / brian2.meter
    res = simulate(_mtj300(), 0.5 * nsecond, 1 * psecond, j=0.9 * J_UNIT, coupling=K, seed=seed)
    return res.m, res.R, res.m_final


def kernel_standard_normals(seed):
    # the kernel's xoshiro256++ / ziggurat streams themselves
    return macrospin.standard_normals(1000, seed, 4)


def responses_delta_r(seed):
    # thermal field through the read-out window (ΔR of each junction)
    mtj = _mtj300()
    return delta_r([mtj] * 3, [0.8, 0.9, 1.0], seed=seed)


def llg_response_300k(seed):
    # thermal field, fresh per call (seed + 104729·call); read-out window from the T = 0 device
    resp = LLGResponse([_mtj300()] * 3, nominal=presets.zheng2020_mtj(), seed=seed)
    return resp.dR_range, [resp(np.array([0.2, 0.5, 0.8])) for _ in range(3)]


def reservoir_transfer_output_noise(seed):
    # recurrent / feedback / bias weights and the output noise (reduced model at T = 0),
    # FORCE training of the readout
    net = MTJReservoir(
        TransferResponse([presets.zheng2020_mtj()] * 6, points=5), output_noise=0.05, seed=seed
    )
    f = np.sin(np.arange(40) / 5)[:, None]
    res = net.run(
        40, targets=f, train=np.arange(40) < 30, readout=ForceReadout(6, 1), record_r=True
    )
    return res.z, res.r, net.W, net.F, net.bias


def reservoir_transfer_300k(seed):
    # weights, and the thermal field in the tabulated ΔR(j) of 300 K junctions
    net = MTJReservoir(TransferResponse([_mtj300()] * 4, points=5), seed=seed)
    res = net.run(10, record_r=True)
    return net.response.table, res.z, res.r


def reservoir_llg_300k_seeded_response(seed):
    # weights, and the thermal field of the LLG junctions (their own seed)
    resp = LLGResponse([_mtj300()] * 4, nominal=presets.zheng2020_mtj(), seed=seed)
    net = MTJReservoir(resp, seed=seed)
    res = net.run(4, record_r=True)
    return res.z, res.r


def reservoir_llg_300k(seed):
    # weights, and the thermal field of the LLG junctions, from the reservoir's seed alone
    resp = LLGResponse([_mtj300()] * 4, nominal=presets.zheng2020_mtj())
    net = MTJReservoir(resp, seed=seed)
    res = net.run(4, record_r=True)
    return res.z, res.r


def brian2_reservoir_300k(seed):
    # the Brian2 thermal field randn() of the junctions (brian2.seed); the weights are held
    # fixed (MTJReservoir's seed has its own rows), so a change can only come from brian2.seed
    _brian(seed)
    # (building an LLGResponse draws nothing: its read-out window is the T = 0 device's)
    resp = LLGResponse([_mtj300()] * 3, nominal=presets.zheng2020_mtj())
    net = MTJReservoir(resp, seed=0)
    b2 = brian2_reservoir(net, n_steps=2, dt=10 * psecond)
    return b2.run(), np.asarray(b2.junctions.mz[:])


def force_readout_imperfections(seed):
    # update failures and weight noise of the readout (rng=)
    ro = ForceReadout(5, 2, update_failure=0.3, weight_noise=0.1, rng=np.random.default_rng(seed))
    r = np.linspace(-0.5, 0.5, 5)
    out = []
    for k in range(5):
        out.append(ro.train(np.roll(r, k), [0.3, -0.2]))
        out.append(ro(r))
    return out, ro.W


def innate_trainer(seed):
    # reservoir weights and output noise, driven through InnateTrainer's RLS on W
    net = MTJReservoir(
        TransferResponse([presets.zheng2020_mtj()] * 6, points=5), output_noise=0.05, seed=seed
    )
    r_innate = np.full((30, 6), 0.5)
    trainer = InnateTrainer(net.W, np.arange(3))
    res = net.run(30, innate=(trainer, r_innate, np.ones(30, bool)), record_r=True)
    return res.r, net.W


def _small_ising(n=10):
    rng = np.random.default_rng(7)
    W = np.triu(rng.random((n, n)) < 0.5, 1) * rng.choice([-1.0, 1.0], (n, n))
    return -sp.csr_matrix(W + W.T), np.zeros(n)


def ising_anneal(seed):
    # random initial state and the heat-bath draws of the p-bit annealer
    J, b = _small_ising()
    betas = np.geomspace(0.1, 2, 4)
    x_min, dx, x = ising.input_grid(J, b)
    return ising.anneal(J, b, ising.ideal_tables(betas, x), x_min, dx, 2, seed=seed)


def ising_metropolis(seed):
    # random initial state and the Metropolis draws
    J, b = _small_ising()
    return ising.metropolis(J, b, np.geomspace(0.1, 2, 4), 2, seed=seed)


def ising_tv_noise_bound(seed):
    # multinomial draws of the total-variation noise bound
    return ising.tv_noise_bound(np.full(8, 1 / 8), 100, trials=50, seed=seed)


def glauber_pbits_flips(seed):
    # Brian2 rand() of the flips (brian2.seed)
    _brian(seed)
    group = glauber_pbits(8, beta=0.8, tau=5 * nsecond, dt=0.2 * nsecond)
    mon = StateMonitor(group, "s", record=True)
    Network(group, mon).run(20 * nsecond, namespace={})
    return mon.s[:]


def pbit_telegraph(seed):
    # thermal field of the LLG junctions, one kernel seed per chunk (SeedSequence(seed))
    pbit = presets.superparamagnetic_pbit(Delta=1.0)
    return pbit.telegraph(4 * nsecond, 2.5 * psecond, N=3, seed=seed, chunk_steps=500)


def pbit_neurons(seed):
    # random initial reads (seed_state) and Brian2 rand() of the flips (brian2.seed)
    _brian(seed)
    pbit = presets.superparamagnetic_pbit(Delta=3.0)
    group = pbit.neurons(6, gain=1.0, dt=0.15 * nsecond, seed_state=seed)
    J = sp.csr_matrix(np.diag(np.ones(5), 1) + np.diag(np.ones(5), -1))
    syn = couplings(group, J)
    mon = StateMonitor(group, "s", record=True)
    Network(group, syn, mon).run(15 * nsecond, namespace={})
    return mon.s[:]


def mtj_neurons_300k(seed):
    # Brian2 randn() Brown field of MTJ.neurons (brian2.seed)
    _brian(seed)
    group = _mtj300().neurons(2, j=0.9 * J_UNIT, dt=1 * psecond)
    mon = StateMonitor(group, "mz", record=True)
    Network(group, mon).run(50 * psecond, namespace={})
    return mon.mz[:], group.mx[:]


def composite_neurons_thermal(seed):
    # Brian2 randn() Brown field of both layers of the composite free layer (brian2.seed)
    _brian(seed)
    comp = presets.hoffmann2022_composite()
    comp = dataclasses.replace(
        comp,
        soft=dataclasses.replace(comp.soft, temperature=300 * kelvin),
        hard=dataclasses.replace(comp.hard, temperature=300 * kelvin),
    )
    group = comp.neurons(2, dt=0.25 * psecond)
    mon = StateMonitor(group, "mz_s", record=True)
    Network(group, mon).run(20 * psecond, namespace={})
    return mon.mz_s[:], group.mx_h[:]


def cogd_sample_barriers(seed):
    # device-to-device barrier draws
    return presets.li2022_cogd().sample_barriers(3, seed=seed)


def cogd_ensemble(seed):
    # barrier draws and the grains' per-pulse switching (compiled kernel, seed + 1)
    dev = presets.li2022_cogd()
    return dev.ensemble(np.linspace(-20e-3, 20e-3, 9), n_devices=2, seed=seed)


def memory_glassy_trace(seed):
    # the stored pattern and the random plasticity events
    dev = presets.shumilin2024_glassy()
    pulses = ((2.0, 1e-3), (-2.0, 1e-3))
    return glassy_trace(dev, pulses, 0.25, 20, [1.0, 4.0, 8.0], 1.0, burn=4.0, seed=seed)


def ann_load_digits(seed):
    # the stratified train/test split of the bundled digits
    data = load_digits_data(seed=seed)
    return data.x_train, data.y_train, data.x_test, data.y_test


def ann_mlp(seed):
    # initial weights (MLP seed) and the shuffling of the training set (train seed)
    data = load_digits_data(seed=0)
    data = dataclasses.replace(data, x_train=data.x_train[:200], y_train=data.y_train[:200])
    net = MLP(data.n_features, 8, data.n_classes, seed=seed)
    hist = net.train(data, epochs=1, seed=seed)
    return hist, net.W1, net.W2


# ---------------------------------------------------------------------- experiments' helpers
def chain_segments(seed):
    # the 2 % spread of the chain currents
    return hoffmann2022_chain.chain_segments([3, 4], 80e-9, seed)


def chain_check(seed):
    # the current spread, through a (deterministic) Brian2 run of the dipolar chain
    brian2.start_scope()
    out = hoffmann2022_chain.chain_check(0.05 * nsecond, seed=seed)
    return out["f"], out["j"], out["psi"], out["t"]


def pbits_dwell_scan(seed):
    # thermal field of the telegraph runs (seed + k per barrier)
    rows = hoffmann2022_pbits.dwell_scan([1.0], 3, 20 * nsecond, seed=seed)
    return [{k: v for k, v in row.items() if k != "law"} for row in rows]


def pbits_sigmoid(seed):
    # thermal field of the telegraph runs at each current (seed + k)
    out = hoffmann2022_pbits.sigmoid(2, 20 * nsecond, seed=seed)
    return out["llg"], out["k_llg"], out["h0_llg"]


def pbits_ising_model(seed):
    # random couplings and biases of the test Ising model
    return hoffmann2022_pbits.ising_model(8, seed=seed)


def cogd_device_curves(seed):
    # barriers and switching of the films behind the device sigmoid (CoGdDevice.ensemble)
    dev = presets.li2022_cogd()
    return li2022_digits.device_curves(dev, 3, np.array([5.0, 15.0, 25.0]), seed=seed)


def cogd_measure_loop(seed):
    # barriers and switching of one film along a loop (CoGdDevice.ensemble)
    dev = presets.li2022_cogd()
    return li2022_loops.measure_loop(dev, li2022_loops.loop_currents(30.0, 5.0), seed)


def cogd_synapse_protocols(seed):
    # barriers and switching of the films of Fig. 3 (four protocols, CoGdDevice.ensemble)
    dev = presets.li2022_cogd()
    return (
        li2022_synapse.single_pulse_loop(dev, step=5.0, seed=seed),
        li2022_synapse.subthreshold_drift(dev, 15.0, seed=seed),
        li2022_synapse.minor_loops(dev, seed=seed),
        li2022_synapse.sigmoid_curve(dev, step=5.0, seed=seed),
    )


def stfmr_noise(seed):
    # white lock-in noise of the synthetic ST-FMR spectra (rng=), and the fits of it
    rng = np.random.default_rng(seed)
    y = chen2024_stfmr.spectra(chen2024_stfmr.FIELDS, 100.0, rng)
    return y, chen2024_stfmr.noise_study(rng, 2), chen2024_stfmr.temperature_series(rng)


def memory_compare(seed):
    # simulate("glassy", seed) then simulate("lhb", seed + 1): the stored patterns, the LHB
    # initial levels and Brian2's Poisson / rand() events (simulate seeds brian2 itself)
    brian2.start_scope()
    return shumilin2024_memory.compare(1 / 8, 10, 8.0, 1.0, 4.0, seed=seed)


def memory_fair_case(seed):
    # pattern and events of the NumPy glassy trace (memory.glassy_trace)
    dev = presets.shumilin2024_glassy()
    return shumilin2024_memory.fair_case(dev, True, 0.5, 10, 4, seed=seed)


def _tiny_response():
    return TransferResponse([presets.zheng2020_mtj()] * 10, points=5)


def innate_build(seed):
    # network weights, biases and output noise of the innate experiment's reservoir
    net = zheng2020_innate.build(_tiny_response(), seed=seed)
    res = net.run(20, inputs=zheng2020_innate.trigger(1, 20), record_r=True)
    return net.W, net.U, res.z, res.r


def innate_train(seed):
    # the choice of trained junctions (train_innate's seed; network seed held fixed)
    net = zheng2020_innate.build(_tiny_response(), seed=0)
    r_innate = zheng2020_innate.innate_trajectory(net, 20)
    return zheng2020_innate.train_innate(net, r_innate, 2, seed=seed), net.W


def innate_run_seed(seed):
    # network, trained units and output noise through innate + FORCE training and tests
    out = zheng2020_innate.run_seed(_tiny_response(), seed, quick=True)
    return {k: v for k, v in out.items() if k != "net"}


def recognition_waves(seed):
    # class draws and input noise of the sine/square data
    return zheng2020_recognition.waves(3, seed=seed)


def recognition_recognise(seed):
    # network input / recurrent weights (data seed fixed), through FORCE training
    return zheng2020_recognition.recognise(_tiny_response(), seed=seed)


def sine_run_protocol(seed):
    # network weights and biases, through both FORCE phases; the readout's update failures
    # and weight noise draw from ForceReadout's own default rng (seed 0), not from ``seed``
    opts = {"update_failure": 0.1, "weight_noise": 0.05}
    t, z, f, _ = zheng2020_sine.run_protocol(_tiny_response(), seed=seed, readout_options=opts)
    return t, z, f


def robustness_noisy_error(seed):
    # network weights and output noise, through FORCE training
    return zheng2020_robustness.noisy_error(6, seed)


ROWS = [
    pytest.param(simulate_thermal, id="batch.simulate"),
    pytest.param(simulate_coupled, id="batch.simulate(coupling)"),
    pytest.param(kernel_standard_normals, id="cython_kernels.macrospin.standard_normals"),
    pytest.param(responses_delta_r, id="networks.responses.delta_r"),
    pytest.param(llg_response_300k, id="LLGResponse(300K)"),
    pytest.param(reservoir_transfer_output_noise, id="MTJReservoir(TransferResponse,noise)"),
    pytest.param(reservoir_transfer_300k, id="MTJReservoir(TransferResponse(300K))"),
    pytest.param(reservoir_llg_300k_seeded_response, id="MTJReservoir(LLGResponse(300K,seed))"),
    pytest.param(reservoir_llg_300k, id="MTJReservoir(LLGResponse(300K))"),
    pytest.param(brian2_reservoir_300k, id="brian2_reservoir(300K)"),
    pytest.param(force_readout_imperfections, id="ForceReadout(rng)"),
    pytest.param(innate_trainer, id="InnateTrainer"),
    pytest.param(ising_anneal, id="ising.anneal"),
    pytest.param(ising_metropolis, id="ising.metropolis"),
    pytest.param(ising_tv_noise_bound, id="ising.tv_noise_bound"),
    pytest.param(glauber_pbits_flips, id="glauber_pbits"),
    pytest.param(pbit_telegraph, id="PBit.telegraph"),
    pytest.param(pbit_neurons, id="PBit.neurons"),
    pytest.param(mtj_neurons_300k, id="MTJ.neurons(300K)"),
    pytest.param(composite_neurons_thermal, id="CompositeFreeLayer.neurons(300K)"),
    pytest.param(cogd_sample_barriers, id="CoGdDevice.sample_barriers"),
    pytest.param(cogd_ensemble, id="CoGdDevice.ensemble"),
    pytest.param(memory_glassy_trace, id="memory.glassy_trace"),
    pytest.param(ann_load_digits, id="ann.load_digits_data"),
    pytest.param(ann_mlp, id="ann.MLP"),
    pytest.param(chain_segments, id="hoffmann2022_chain.chain_segments"),
    pytest.param(chain_check, id="hoffmann2022_chain.chain_check"),
    pytest.param(pbits_dwell_scan, id="hoffmann2022_pbits.dwell_scan"),
    pytest.param(pbits_sigmoid, id="hoffmann2022_pbits.sigmoid"),
    pytest.param(pbits_ising_model, id="hoffmann2022_pbits.ising_model"),
    pytest.param(cogd_device_curves, id="li2022_digits.device_curves"),
    pytest.param(cogd_measure_loop, id="li2022_loops.measure_loop"),
    pytest.param(cogd_synapse_protocols, id="li2022_synapse.protocols"),
    pytest.param(stfmr_noise, id="chen2024_stfmr.spectra+noise_study+temperature_series"),
    pytest.param(memory_compare, id="shumilin2024_memory.compare"),
    pytest.param(memory_fair_case, id="shumilin2024_memory.fair_case"),
    pytest.param(innate_build, id="zheng2020_innate.build"),
    pytest.param(innate_train, id="zheng2020_innate.train_innate"),
    pytest.param(innate_run_seed, id="zheng2020_innate.run_seed"),
    pytest.param(recognition_waves, id="zheng2020_recognition.waves"),
    pytest.param(recognition_recognise, id="zheng2020_recognition.recognise"),
    pytest.param(sine_run_protocol, id="zheng2020_sine.run_protocol"),
    pytest.param(robustness_noisy_error, id="zheng2020_robustness.noisy_error"),
]


@pytest.mark.parametrize("row", ROWS)
def test_seeded_entry_point_is_reproducible(row):
    first, second_run = row(SEED), row(SEED)
    _assert_identical(first, second_run)
    assert _differs(first, row(OTHER)), "another seed gives the same output: the seed is unused"
