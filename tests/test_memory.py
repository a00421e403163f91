"""Building blocks of the glassy-vs-LHB memory-retention demo (shumilin2024_memory)."""

import math

import numpy as np

from spinbrian import presets
from spinbrian.experiments import shumilin2024_memory as mem
from spinbrian.networks import memory


def test_lhb_signal_follows_reflecting_random_walk():
    """Brian2 LHB synapses: signal of one stored step vs the exact master equation."""
    n, rate = 4, 1.0
    out = mem.simulate("lhb", rate, 3000, 6.0, 0.1, levels=[n], seed=3)
    exact = memory.lhb_trace(n, rate, out["t"])[0]
    # one level at t = 0, lost at the top/bottom bound: 1 − 1/n
    assert math.isclose(memory.lhb_trace(n, rate, 0.0)[0][0], 1 - 1 / n, rel_tol=1e-12)
    # slowest mode: exp(−r(1 − cos(π/n)) t) (reflecting walk on n levels)
    late = out["t"] > 2
    rate_fit = -np.polyfit(out["t"][late], np.log(exact[late]), 1)[0]
    assert math.isclose(rate_fit, rate * (1 - np.cos(np.pi / n)), rel_tol=0.05)
    # 3000 pairs: standard error of the signal ≲ 1.2/√3000 ≈ 0.02 levels
    assert np.max(np.abs(out[n]["S"] - exact)) < 0.08
    # stationary uniform control: std of n uniform levels
    assert np.allclose(out[n]["sd"], np.sqrt((n**2 - 1) / 12), rtol=0.08)


def test_lhb_initial_snr_and_matching():
    N = 1000
    assert math.isclose(memory.lhb_initial_snr(2, N), np.sqrt(N), rel_tol=1e-12)
    n = memory.matched_levels(10.0, N)
    assert 0.8 < memory.lhb_initial_snr(n, N) / 10.0 < 1.25
    assert memory.optimal_levels(N) == round(np.sqrt(12 * N / np.e))


def test_lhb_trace_imbalanced_matches_matrix_exponential():
    """The symmetrised eigendecomposition against expm of the generator, f_pot = 0.7."""
    from scipy.linalg import expm

    n, rate, f, t = 5, 2.0, 0.7, np.array([0.0, 0.3, 2.0])
    Q = np.diag(np.full(n - 1, rate * f), 1) + np.diag(np.full(n - 1, rate * (1 - f)), -1)
    Q -= np.diag(Q.sum(axis=1))
    pi = (f / (1 - f)) ** np.arange(n)
    pi /= pi.sum()
    up = np.r_[0, pi[:-1]] + np.r_[np.zeros(n - 1), pi[-1]]
    dn = np.r_[pi[1:], 0] + np.r_[pi[0], np.zeros(n - 1)]
    exact = [0.5 * (up - dn) @ expm(Q * tt) @ np.arange(n) for tt in t]
    S, sd = memory.lhb_trace(n, rate, t, f)
    assert np.allclose(S, exact, rtol=1e-10, atol=1e-13)
    assert math.isclose(sd, np.sqrt(pi @ np.arange(n) ** 2 - (pi @ np.arange(n)) ** 2))
    # the initial SNR formula is the same S(0) over the same sd
    assert math.isclose(memory.lhb_initial_snr(n, 1, f), S[0] / sd, rel_tol=1e-12)
    # balanced: the closed form (cosine modes) against the eigendecomposition
    assert np.allclose(
        memory.lhb_trace(40, rate, t)[0], memory.lhb_trace(40, rate, t, 0.5 + 1e-12)[0]
    )


def test_glassy_event_loop_is_exact_for_one_synapse_history():
    """One pair, an event every step, all potentiating: the loop equals pulse/relax by hand."""
    dev = presets.shumilin2024_glassy()
    dt = 2.0
    x0 = dev.rest_state()
    control = dev.pulse(x0, mem.V_POT, mem.TAU_PULSE)  # the event at t = 0
    stored = dev.pulse(control, mem.V_POT, mem.TAU_PULSE)  # + the stored pulse before it
    for volatile in (True, False):
        out = memory.glassy_trace(
            dev, mem.PULSES, 1 / dt, 1, [dt], dt, f_pot=1.0, volatile=volatile, seed=4
        )
        age = dt if volatile else 0.0  # read at dt, before the event of that step
        w = dev.conductance(dev.relax(stored, age)) - dev.conductance(dev.relax(control, age))
        assert math.isclose(out["S"][0], w * 1e6, rel_tol=1e-12)


def test_glassy_balanced_pulses_and_power_law_trace():
    """The chosen ± pulses act nearly equal and opposite; a pulse's trace decays ∝ 1/t.

    1/t is the limit of a weak pulse (δx_k ∝ γ_k τ); the classes a pulse saturates
    (E ≲ 0.21 eV) have relaxed after ≈ 20 s, so the limit is checked from 100 s on.
    """
    dev = presets.shumilin2024_glassy()
    x0 = dev.rest_state()
    t = np.array([100.0, 1000.0, 10000.0])
    up = dev.conductance(dev.relax(dev.pulse(x0, mem.V_POT, mem.TAU_PULSE), t[:, None])) / 1e-6 - 1
    dn = dev.conductance(dev.relax(dev.pulse(x0, mem.V_DEP, mem.TAU_PULSE), t[:, None])) / 1e-6 - 1
    assert np.all(up > 0) and np.all(dn < 0)
    assert np.all(np.abs(np.abs(dn / up) - 1) < 0.3)
    slope = np.polyfit(np.log(t), np.log(up), 1)[0]
    assert -1.1 < slope < -0.9


def test_glassy_population_mean_response_to_balanced_events():
    """Brian2 glassy synapses under balanced random pulses stay near rest on average."""
    out = mem.simulate("glassy", 1.0, 300, 20.0, 0.1, burn=10.0, seed=1)
    g = out["glassy"]
    assert np.all(g["S"][:3] > 0)  # the stored pattern is visible just after storage
    assert np.all(np.isfinite(g["snr"]))
    # control spread: a few % of σ_mid (each pulse moves σ by ≈ 1–10 % read 1–10 s on)
    assert np.all((g["sd"] > 0.003) & (g["sd"] < 0.2))


def test_retention_time_interpolation():
    t = np.array([1.0, 10.0, 100.0])
    assert memory.retention_time(t, [4.0, 2.0, 0.5]) == np.exp(np.log(10) + 0.5 * np.log(10))
    assert math.isnan(memory.retention_time(t, [4.0, 3.0, 2.0]))
    assert memory.retention_time(t, [0.5, 0.2, 0.1]) == 1.0


def test_quick_run_gives_finite_targets():
    result = mem.run(quick=True)
    for target in mem.TARGETS:
        assert math.isfinite(result.measured[target.key]), target.key
    assert result.checks()
    # device ablation: the matched LHB trace forgets exponentially, its log-log slope
    # steepens along the window instead of staying at −1
    assert set(result.ideal) == {"glassy_exponent"} and result.ideal_device
    slow = result.data["slow"]
    t, exact = slow["t"], result.data["lhb_exact"]
    late = t >= 1 / mem.RATE_SEED
    local = np.diff(np.log(exact[late])) / np.diff(np.log(t[late]))
    assert local[-1] < local[0] < 0
    assert math.isfinite(result.ideal["glassy_exponent"])
    # Fusi–Abbott: imbalance (70 % potentiating events) collapses the hard-bound synapse's
    # retention, while the soft-bounded glassy synapse's hardly changes
    cases = result.data["cases"]
    bal, imb = cases[(True, 0.5)], cases[(True, mem.F_IMBALANCED)]
    assert imb["T_match"] < 0.7 * bal["T_match"]
    assert abs(imb["T_glassy"] / bal["T_glassy"] - 1) < 0.2
    # the power-law trace: retention ∝ √N (two decades of N, within 10 %)
    vs = result.data["vs_N"]
    T = vs["rows"][True]["glassy"]
    assert math.isclose(T[2] / T[0], np.sqrt(vs["N"][2] / vs["N"][0]), rel_tol=0.1)
