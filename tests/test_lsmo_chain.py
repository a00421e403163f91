"""The electro-thermal cell chain of seed 000 (LSMOChannel.chain, presets.chen2024_chain)."""

import numpy as np
import pytest
from brian2 import (
    Network,
    kelvin,
    meter,
    nsecond,
    ohm,
    prefs,
    set_device,
    usecond,
    volt,
    watt,
)

from spinbrian.analysis.clusters import weighted_clusters
from spinbrian.cython_kernels import thermal as kernel
from spinbrian.devices.lsmo import LSMOChannel
from spinbrian.experiments import chen2024_chain as experiment
from spinbrian.experiments.chen2024_iv import first_jump
from spinbrian.presets import CHEN2024_CHAIN_VARIANTS, chen2024_chain, chen2024_resonator


def test_chain_cells_share_the_channel_and_couple_through_the_geometry():
    ch = chen2024_chain(n_cells=20)
    assert ch.n_zones == 20 and np.allclose(ch.fractions, 1 / 20)
    # K = k·d·w/Δx with Δx = 5 µm / 20: the coupling follows from the geometry
    assert float(ch.K_lat) == pytest.approx(1e-5 * 10e-6 / 0.25e-6)
    # cutting the cells finer leaves the cold channel's resistance unchanged
    assert ch.resistance(100.0)[0] == pytest.approx(chen2024_chain().resistance(100.0)[0])


def test_metal_resistivity_is_residual_plus_power_law():
    # ρ_m = ρ_res + ρ0 (T/T0)^m e^{a(T−T0)}: far below T_c the blend is pure metal
    ch = LSMOChannel(
        rho0=2e-5 * ohm * meter,
        rho_res=1e-5 * ohm * meter,
        a_rho=0.0 / kelvin,
        rho_exponent=2.0,
        w_t=3 * kelvin,
    )
    geometry = 10e-6 / (10e-6 * 20e-9)
    for T in (100.0, 150.0, 250.0):
        expected = (1e-5 + 2e-5 * (T / 100.0) ** 2) * geometry
        assert ch.resistance(T)[0] == pytest.approx(expected, rel=1e-9)


def test_jacobian_of_the_power_law_chain_matches_finite_differences():
    ch = chen2024_chain(n_cells=5, hysteresis=6 * kelvin)
    rlen, _, G, K = ch.zone_constants()
    par = ch.parameters(100 * kelvin)
    T = np.array([338.0, 300.0, 230.0, 160.0, 110.0])
    p = np.zeros(5)
    J = kernel.balance(T, p, 11.0, True, rlen, G, K, par)[1]
    h = 1e-5
    numeric = np.column_stack(
        [
            (
                kernel.balance(T + h * e, p, 11.0, True, rlen, G, K, par)[0]
                - kernel.balance(T - h * e, p, 11.0, True, rlen, G, K, par)[0]
            )
            / (2 * h)
            for e in np.eye(5)
        ]
    )
    np.testing.assert_allclose(J, numeric, rtol=1e-6, atol=1e-12)


def test_steady_state_conserves_energy():
    # Joule power of the whole channel = heat into the substrate and the two contacts
    ch = chen2024_chain()
    T, _, I, V = ch.sweep(np.linspace(0, 11, 111), 100 * kelvin)
    flow = ch.heat_balance(100.0)
    np.testing.assert_allclose(flow(T[-1], 11.0), 0, atol=1e-12)
    rlen, _, G, _ = ch.zone_constants()
    Q = G * 100.0 * np.log(T[-1] / 100.0)  # k ∝ 1/T: Kirchhoff transform
    assert I[-1] * V[-1] == pytest.approx(2 * Q.sum(), rel=1e-8)


def test_strong_spreading_makes_the_chain_one_lumped_zone():
    # K → ∞: every cell at one temperature, the single zone with the same total sinking
    ch = chen2024_chain(n_cells=10, spreading=1e2 * watt / kelvin)
    lumped = LSMOChannel(
        **{
            name: getattr(ch, name)
            for name in ("rho0", "rho_res", "a_rho", "rho_exponent", "w_t", "sink_exponent")
        },
        fractions=(1.0,),
        g_sink=ch.g_sink,
        G_contact=ch.G_contact,
    )
    V = np.linspace(0, 6, 61)
    T_chain = ch.sweep(V, 150 * kelvin)[0][-1]
    T_one = lumped.sweep(V, 150 * kelvin)[0][-1]
    assert np.ptp(T_chain) < 1e-3
    assert T_chain.mean() == pytest.approx(T_one[0], abs=2e-3)


def test_the_hot_region_is_at_the_centre_and_cells_are_converged():
    # no zone declared: the centre (far from the contacts) is hottest; 30 cells are
    # converged — doubling them moves V_c(100 K) by less than one 0.05 V sweep step
    coarse = experiment.iv_facts(chen2024_chain())[0]
    fine = experiment.iv_facts(chen2024_chain(n_cells=60))[0]
    assert coarse["T_hot"] > coarse["T_mid"] > coarse["T_cool"]
    assert abs(coarse["Vc_100"] - fine["Vc_100"]) <= 0.05 + 1e-9
    assert abs(coarse["T_hot"] - fine["T_hot"]) < 3.0


def test_brian2_transient_relaxes_to_the_kernel_steady_state():
    # The same equations as a Brian2 group (one channel per neuron, one variable per cell)
    ch = chen2024_chain(n_cells=4)
    prefs.codegen.target = "numpy"
    try:
        group = ch.neurons(1, 100 * kelvin, V=[6] * volt, dt=2 * nsecond)
        Network(group).run(6 * usecond)
    finally:
        prefs.codegen.target = "auto"
    T = np.array([float(getattr(group, f"T_{i}")[0] / kelvin) for i in range(4)])
    steady = ch.sweep(np.linspace(0, 6, 61), 100 * kelvin)[0][-1]
    np.testing.assert_allclose(T, steady, atol=1e-3)


def test_resonator_weight_on_the_chain_remembers_the_jump():
    tables = chen2024_resonator(channel=chen2024_chain()).tables
    lo, hi = tables.loop
    assert 11.0 < lo < hi < 13.0  # the loop sits at the chain's V_c(100 K)
    inside = (tables.V > lo) & (tables.V < hi)
    assert np.all(np.abs(tables.w_up[inside] - tables.w_down[inside]) > 1e-3)


def test_clusters_are_the_exact_weighted_partition():
    x = np.r_[np.full(4, 250.0), np.full(8, 160.0), np.full(12, 101.0)] + np.linspace(0, 1, 24)
    c = weighted_clusters(x, np.ones(24), 3)
    np.testing.assert_allclose(c.centres, [250.0, 160.0, 101.0], atol=1.0)
    assert list(c.weights) == [4, 8, 12]
    # brute force over all contiguous cuts of 8 sorted samples agrees
    rng = np.random.default_rng(0)
    y, w = np.sort(rng.uniform(100, 300, 8)), rng.uniform(0.5, 2, 8)

    def cost(a, b):
        m = np.average(y[a:b], weights=w[a:b])
        return np.sum(w[a:b] * (y[a:b] - m) ** 2)

    best = min(cost(0, i) + cost(i, j) + cost(j, 8) for i in range(1, 7) for j in range(i + 1, 8))
    c = weighted_clusters(y, w, 3)
    got = sum(cost(*np.flatnonzero(c.labels == k)[[0, -1]] + [0, 1]) for k in range(3))
    assert got == pytest.approx(best)


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: chen2024_chain(n_cells=2), ValueError, "n_cells"),
        (lambda: chen2024_chain(n_cells=kernel.MAX_ZONES + 1), ValueError, "n_cells"),
        (lambda: chen2024_chain(spreading=-1e-5 * watt / kelvin), ValueError, "spreading"),
        (lambda: chen2024_chain(spreading=1 * ohm), TypeError, "spreading"),
        (lambda: chen2024_chain(g_sink=-1.0 * watt / kelvin / meter**2), ValueError, "g_sink"),
        (lambda: chen2024_chain(G_contact=-1e-3 * watt / kelvin), ValueError, "G_contact"),
        (lambda: chen2024_chain(rho0=0 * ohm * meter), ValueError, "rho0"),
        (lambda: chen2024_chain(rho_res=-1e-6 * ohm * meter), ValueError, "rho_res"),
        (lambda: chen2024_chain(rho_exponent=-1.0), ValueError, "rho_exponent"),
        (lambda: chen2024_chain(weak_spot=0.0), ValueError, "weak_spot"),
        (lambda: chen2024_chain(K_lat=1e-3 * watt / kelvin), ValueError, "K_lat"),
        (lambda: chen2024_chain("no such variant"), ValueError, "chain \\(preset\\)"),
    ],
)
def test_bad_chain_parameters_name_themselves(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_every_variant_builds():
    for name in CHEN2024_CHAIN_VARIANTS:
        assert chen2024_chain(name).n_zones == 30


def test_chain_experiment_quick_run_reports_every_target():
    result = experiment.run(quick=True)
    assert set(result.measured) == {t.key for t in experiment.TARGETS}
    # the one fitted number is met (by construction) and shown as a fit
    assert abs(result.measured["Vc_100"] - 12.0) <= 1.0
    assert {t.key for t in experiment.TARGETS if t.role == "fitted"} == {"Vc_100"}


def _relaxed_cell_network(tmp_path=None):
    """Two 6-cell channels at 6 and 8 V relaxed for 10 µs (≫ the cells' thermal times)."""
    ch = chen2024_chain(n_cells=6)
    if tmp_path is not None:
        set_device("cpp_standalone", directory=str(tmp_path / "standalone"))
    net = ch.cell_network(2, 100 * kelvin, [6, 8] * volt, dt=2 * nsecond)
    Network(*net).run(10 * usecond)
    return ch, net


def _assert_kernel_steady_state(ch, net):
    for c, V in enumerate((6.0, 8.0)):
        T, _, I, _ = ch.sweep(np.linspace(0, V, 81), 100 * kelvin)
        np.testing.assert_allclose(net.cells.T[6 * c : 6 * c + 6] / kelvin, T[-1], atol=1e-6)
        assert float(net.source.I_dev[c]) == pytest.approx(I[-1], rel=1e-9)


def test_cell_network_relaxes_to_the_kernel_steady_state_for_each_channel():
    # one neuron per cell, current and heat through Synapses: two channels, two biases
    _assert_kernel_steady_state(*_relaxed_cell_network())


@pytest.mark.slow
@pytest.mark.parametrize("target", ["cython", "cpp_standalone"])
def test_cell_network_reaches_the_same_steady_state_on_compiled_targets(target, tmp_path):
    # the same Synapses (summed current, lateral heat) and run_regularly memory in C++
    if target == "cython":
        prefs.codegen.target = "cython"
    _assert_kernel_steady_state(*_relaxed_cell_network(tmp_path if target != "cython" else None))


def test_cell_network_refuses_a_bias_per_channel_of_the_wrong_shape():
    with pytest.raises(ValueError, match="V"):
        chen2024_chain(n_cells=4).cell_network(2, 100 * kelvin, [6] * volt)


def test_the_map_refit_of_g_sink_recovers_the_presets_hand_fit():
    # the scan that refits g_sink in each ρ(T)-shape cell, run on the preset's own shape,
    # lands next to the hand fit (5 MW/K/m², V_c(100 K) = 12.1 V) on its 20-point grid
    g = experiment.calibrated_g_sink({})
    assert g == pytest.approx(5e6, rel=0.15)
    V = np.linspace(0, 15, experiment.N_SWEEP)
    I = chen2024_chain(g_sink=g * watt / kelvin / meter**2).sweep(V, 100 * kelvin)[2]
    assert abs(first_jump(V, I) - 12.0) <= 0.5
    # a shape with no jump at 100 K at any sinking (a 10 K-wide transition) is not refitted
    assert np.isnan(experiment.calibrated_g_sink({"w_t": 10 * kelvin}))
