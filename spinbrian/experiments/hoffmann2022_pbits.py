"""Superparamagnetic junctions as p-bits: the thermal LLG against the Néel–Brown two-state model.

Seed 003 (003_cb68a8b132582be2.txt, §III.B "Coupling magnetic devices" and §IV.A; refs. 23–26)
names superparamagnetic tunnel junctions as random-bit and stochastic-computing units and
Boltzmann machines of coupled magnets as their use; it gives no device numbers, so every row
here is a limit: the same junction described twice, with no parameter fitted between them.

* Dwell times of the telegraph read (hysteretic threshold ±0.5 on m_z) from the full thermal
  LLG (compiled kernel, RK4 with a per-step Brown field) against the exact Néel–Brown first
  passage times, over Δ (``presets.superparamagnetic_pbit``). The read is sampled once per LLG
  step, like a clocked sense amplifier: it misses excursions past a threshold that return
  within the step, as if each threshold sat 0.5826·σ_step further out (the continuity
  correction of Broadie, Glasserman & Kou 1997 for a discretely monitored barrier, σ_step the
  rms change of m_z in one step; ``neel_brown.sampled_read_shift``). That lengthens the mean
  dwell by 1.5–3 % at dt = 2.5 ps. The target compares the LLG with the prediction for the
  sampled read, in units of the statistical error 1/√(dwells); the continuous-read ratio is
  an info row.
* The mean read against the current density is a sigmoid: its slope and offset (set by a
  reference-layer stray field H_stray = 0.05 H_k) fitted to the LLG and to the reduced model.
* The dwell-time distribution against the exact first-passage law of Brown's Fokker–Planck
  equation for the sampled read (``neel_brown.FirstPassageLaw``; one-sample Kolmogorov–Smirnov
  at every Δ, no parameter estimated from the data; the smallest p-value, Bonferroni-adjusted
  for the number of Δ). The two-state model's exponential law is the slowest mode of that law;
  a dwell starts at the read threshold m_z = ±0.5, at the edge of the well, and the fast modes
  add quick re-crossings, so with 10⁴ dwells the exponential law alone is rejected at every Δ
  here (its p-value is an info row): the two-state picture holds for the mean and the tail,
  not for the shortest dwells. Without the read correction the exact law is rejected at Δ = 2
  (p ≈ 10⁻⁶ with 3·10⁴ dwells), with it accepted (p ≈ 0.3).
* Boltzmann sampling by a Brian2 network of junction p-bits (NeuronGroup with the Néel–Brown
  flip rates, couplings as Synapses) on a random 8-spin Ising model, against the exact law by
  enumeration; the bound is the 99th percentile of the TV distance of the same number of exact
  independent draws. Ablation: ideal Glauber p-bits (``networks.glauber_pbits``). The
  junction network's own stationary law (from its generator) shows where it stops being a
  Boltzmann sampler as the drive grows into the junction's saturation (info rows).
"""

import numpy as np
from brian2 import Network, nsecond, psecond, second
from scipy import stats

from spinbrian import presets
from spinbrian.devices.pbit import H_MAX_MARKOV, couplings
from spinbrian.equations import neel_brown
from spinbrian.experiments import Result, Target
from spinbrian.experiments._sim import say
from spinbrian.networks import glauber_pbits, ising

NAME = "hoffmann2022_pbits"
TITLE = "Seed 003 §III.B: superparamagnetic p-bit, LLG vs Néel–Brown, Brian2 Boltzmann sampling"

_NB = "Néel–Brown first passage (Brown 1963), PHYSICS.md §1"
#: Gilbert damping of the junctions (a large α keeps τ_N, and the runs, short).
ALPHA = 0.1
#: LLG time step: the dwell ratio moves by < 1 % from 2.5 ps to 1.25 ps (module note).
DT = 2.5 * psecond
#: Stray field of the sigmoid run, in units of H_k.
STRAY = 0.05
#: Reduced currents j/j_c of the sigmoid.
SIGMOID_H = np.linspace(-0.15, 0.15, 7)
#: Barrier of the sigmoid run and of the Brian2 network.
SIGMOID_DELTA = 3.0
#: Barrier whose dwell law the figure shows.
KS_DELTA = 5.0
#: Random Ising model of the sampling check: n spins, J_ij ~ N(0, 1/n), b_i ~ N(0, 0.3²).
N_SPINS, MODEL_SEED, BETA = 8, 0, 1.0
#: Inverse temperatures of the junction-law info rows.
BETA_SCAN = (0.5, 1.0, 1.5, 2.0)
#: Brian2 step of the p-bit networks (flip probability per step ≤ 0.05).
NET_DT = 0.15 * nsecond
#: Mean flip time of the ideal p-bit at zero input (chosen near the junction's).
IDEAL_TAU = 5 * nsecond

TARGETS = [
    Target(
        "dwell_z",
        "max over Δ of |τ_LLG/τ_Néel–Brown − 1| / σ_stat (read sampled every dt)",
        3.0,
        "σ",
        kind="max",
        source=_NB + "; Broadie, Glasserman & Kou 1997 (sampled read)",
        role="limit",
        paper="mean dwell = exact first-passage time",
    ),
    Target(
        "slope_ratio",
        "sigmoid slope, LLG / reduced model",
        1.0,
        "",
        rel=0.05,
        source=_NB,
        role="limit",
        paper="d⟨s⟩/dj predicted by the two-state model",
    ),
    Target(
        "offset_err",
        "sigmoid offset, |LLG − reduced model|",
        0.01,
        "j_c",
        kind="max",
        source=_NB,
        role="limit",
        paper=f"offset −{STRAY} j_c from H_stray = {STRAY} H_k",
    ),
    Target(
        "ks_p",
        "min over Δ of the KS p-value, LLG dwells vs Néel–Brown law, × number of Δ",
        0.01,
        "",
        kind="min",
        source=_NB + "; Broadie, Glasserman & Kou 1997 (sampled read)",
        role="limit",
        paper="exact first-passage law of the Fokker–Planck equation",
    ),
    Target(
        "tv_boltzmann",
        f"TV(Brian2 p-bit samples, Boltzmann) / noise bound, {N_SPINS} spins, β = {BETA:g}",
        1.0,
        "",
        kind="max",
        source="exact enumeration; bound from the sample count",
        role="limit",
        paper="bound: 99th percentile of the TV of as many exact draws",
    ),
]


def _settings(quick):
    if quick:
        return {
            "deltas": (3.0, 5.0),
            "N": 200,
            "duration": 1500 * nsecond,
            "sig_N": 60,
            "sig_duration": 600 * nsecond,
            "replicas": 150,
            "samples": 20,
        }
    return {
        "deltas": (2.0, 3.0, 4.0, 5.0),
        "N": 200,
        "duration": 2000 * nsecond,
        "sig_N": 100,
        "sig_duration": 2000 * nsecond,
        "replicas": 300,
        "samples": 40,
    }


def dwell_scan(deltas, N, duration, seed=1, progress=None):
    """LLG telegraph statistics and Néel–Brown predictions for each Δ (zero current)."""
    rows = []
    for k, delta in enumerate(deltas):
        pbit = presets.superparamagnetic_pbit(Delta=delta, alpha=ALPHA)
        tg = pbit.telegraph(duration, DT, N=N, seed=seed + k)
        tau_n = float(pbit.tau_N / second)
        edge = pbit.threshold + neel_brown.sampled_read_shift(
            pbit.threshold, float(DT / second) / tau_n
        )
        law = neel_brown.FirstPassageLaw(delta, 0.0, edge, -edge, 2000)
        dwells = np.concatenate([tg.up, tg.down])
        tau_llg = 0.5 * (tg.tau_up + tg.tau_down)
        tau_pred = law.mean * tau_n
        row = {
            "Delta": delta,
            "tau_N": tau_n,
            "tau_continuous": float(pbit.dwell_times(0 * pbit.j_unit)[0] / second),
            "tau_pred": tau_pred,
            "tau_llg": tau_llg,
            "z": abs(tau_llg / tau_pred - 1) * np.sqrt(len(dwells)),
            "switches": tg.switches,
            "dwells": dwells,
            "law": law,
            "ks_p": stats.kstest(dwells, lambda t, law=law, tn=tau_n: law.cdf(t / tn)).pvalue,
            "ks_exp_p": stats.kstest(dwells, "expon", args=(0, tau_pred)).pvalue,
        }
        rows.append(row)
        say(
            progress,
            f"Δ = {delta:g}: τ_LLG/τ_NB = {tau_llg / tau_pred:.3f} ({tg.switches} flips), "
            f"KS p = {row['ks_p']:.2g}",
        )
    return rows


def _tanh_fit(h, s):
    """Fit ⟨s⟩ = tanh(k (h − h0)): returns (k, h0)."""
    from scipy.optimize import curve_fit

    (k, h0), _ = curve_fit(lambda x, k, h0: np.tanh(k * (x - h0)), h, s, p0=(5.0, 0.0))
    return k, h0


def sigmoid(N, duration, seed=11, progress=None):
    """⟨s⟩ against j/j_c from the LLG and from the reduced model, with the stray field."""
    base = presets.superparamagnetic_pbit(Delta=SIGMOID_DELTA, alpha=ALPHA)
    pbit = presets.superparamagnetic_pbit(
        Delta=SIGMOID_DELTA, alpha=ALPHA, H_stray=STRAY * base.H_k_eff
    )
    j = SIGMOID_H * pbit.j_c
    llg = []
    for k, jk in enumerate(j):
        llg.append(pbit.telegraph(duration, DT, N=N, j=jk, seed=seed + k).mean_state)
    say(progress, f"sigmoid: {len(j)} currents × {N} junctions")
    h_fine = np.linspace(SIGMOID_H[0], SIGMOID_H[-1], 61)
    reduced = pbit.mean_state(h_fine * pbit.j_c)
    k_llg, h0_llg = _tanh_fit(SIGMOID_H, np.array(llg))
    k_red, h0_red = _tanh_fit(h_fine, reduced)
    return {
        "h": SIGMOID_H,
        "llg": np.array(llg),
        "h_fine": h_fine,
        "reduced": reduced,
        "k_llg": k_llg,
        "k_red": k_red,
        "h0_llg": h0_llg,
        "h0_red": h0_red,
    }


def ising_model(n=N_SPINS, seed=MODEL_SEED):
    """Random couplings J_ij ~ N(0, 1/n) (symmetric, zero diagonal) and biases N(0, 0.3²)."""
    rng = np.random.default_rng(seed)
    J = np.triu(rng.normal(0, 1 / np.sqrt(n), (n, n)), 1)
    return J + J.T, rng.normal(0, 0.3, n)


def junction_rates(rate_table, gain):
    """Flip rate (Hz) of the Brian2 junction p-bit as a plain function of (s, I).

    ``rate_table`` is ``PBit.flip_rate_table()`` (x, R(x)), computed once by the caller.
    """
    x, table = rate_table

    def rate(s, I):
        return np.interp(s * np.clip(gain * I, -H_MAX_MARKOV, H_MAX_MARKOV), x, table)

    return rate


def stationary_law(J, b, rate):
    """Exact stationary law of the single-flip chain with rates ``rate(s, I)``."""
    n = len(b)
    states = ising.all_states(n)
    inputs = states @ J.T + b
    Q = np.zeros((2**n, 2**n))
    rows = np.arange(2**n)
    for i in range(n):
        Q[rows, rows ^ (1 << i)] = rate(states[:, i], inputs[:, i])
    Q[rows, rows] = -Q.sum(axis=1)
    w, v = np.linalg.eig(Q.T)
    p = np.abs(np.real(v[:, np.argmin(np.abs(w))]))
    return p / p.sum()


def sample_brian2(make_group, J, b, replicas, samples, spacing, burn_in):
    """Sample ``replicas`` independent copies of the model, ``samples`` times each."""
    from brian2 import start_scope

    start_scope()
    n = len(b)
    group = make_group(n * replicas)
    group.bias = np.tile(b, replicas)
    syn = couplings(group, np.kron(np.eye(replicas), J))
    net = Network(group, syn)
    net.run(burn_in * second, namespace={})
    states = []
    for _ in range(samples):
        net.run(spacing * second, namespace={})
        states.append(group.s[:].reshape(replicas, n).copy())
    return np.concatenate(states)


def boltzmann_check(replicas, samples, progress=None):
    """Brian2 junction and ideal p-bit networks against the exact Boltzmann law."""
    J, b = ising_model()
    p = ising.boltzmann(J, b, BETA)
    pbit = presets.superparamagnetic_pbit(Delta=SIGMOID_DELTA, alpha=ALPHA)
    slope = pbit.sigmoid_slope()
    rate_table = pbit.flip_rate_table()
    gain = BETA / slope
    tau = float(IDEAL_TAU / second)

    def ideal_rate(s, I):
        return 1 / (tau * (1 + np.exp(2 * BETA * s * I)))

    runs = {
        "device": (
            lambda N: pbit.neurons(N, gain=gain, dt=NET_DT, seed_state=3),
            junction_rates(rate_table, gain),
        ),
        "ideal": (lambda N: glauber_pbits(N, BETA, IDEAL_TAU, dt=NET_DT), ideal_rate),
    }
    out = {"p": p, "bound": ising.tv_noise_bound(p, replicas * samples)}
    for key, (make, rate) in runs.items():
        t_relax = ising.relaxation_time(J, b, rate)
        s = sample_brian2(make, J, b, replicas, samples, 4 * t_relax, 5 * t_relax)
        q = np.bincount(ising.state_index(s), minlength=2**N_SPINS) / len(s)
        out[key] = {"q": q, "tv": ising.total_variation(p, q), "t_relax": t_relax}
        say(progress, f"Boltzmann sampling, {key}: TV = {out[key]['tv']:.4f}")
    law = {}
    for beta in BETA_SCAN:
        rate = junction_rates(rate_table, beta / slope)
        drive = beta / slope * (ising.all_states(N_SPINS) @ J.T + b)
        tv = ising.total_variation(stationary_law(J, b, rate), ising.boltzmann(J, b, beta))
        law[beta] = (tv, float(np.max(np.abs(drive))))
    out["law"] = law
    return out


def run(quick=False, progress=None):
    """Telegraph statistics, sigmoid and Brian2 Boltzmann sampling; see the module note."""
    cfg = _settings(quick)
    rows = dwell_scan(cfg["deltas"], cfg["N"], cfg["duration"], progress=progress)
    sig = sigmoid(cfg["sig_N"], cfg["sig_duration"], progress=progress)
    boltz = boltzmann_check(cfg["replicas"], cfg["samples"], progress=progress)
    measured = {
        "dwell_z": max(r["z"] for r in rows),
        "slope_ratio": sig["k_llg"] / sig["k_red"],
        "offset_err": abs(sig["h0_llg"] - sig["h0_red"]),
        "ks_p": min(r["ks_p"] for r in rows) * len(rows),
        "tv_boltzmann": boltz["device"]["tv"] / boltz["bound"],
    }
    info = [
        (
            f"τ_LLG/τ_NB at Δ = {r['Delta']:g} (sampled read)",
            r["tau_llg"] / r["tau_pred"],
            "",
            f"τ_NB = {r['tau_pred'] * 1e9:.3g} ns ({r['z']:.1f} σ), {r['switches']} flips; "
            f"continuous-read theory: ratio {r['tau_llg'] / r['tau_continuous']:.3f}; KS p vs "
            f"exact law {r['ks_p']:.2g}, vs exponential {r['ks_exp_p']:.2g}",
        )
        for r in rows
    ]
    info += [
        ("sigmoid slope k (LLG, reduced)", sig["k_llg"], "per j_c", f"reduced {sig['k_red']:.3f}"),
        (
            "sigmoid offset (LLG, reduced)",
            sig["h0_llg"],
            "j_c",
            f"reduced {sig['h0_red']:.4f}; −H_stray/H_k = {-STRAY:g}",
        ),
        ("TV, junction p-bits", boltz["device"]["tv"], "", f"noise bound {boltz['bound']:.4f}"),
        ("TV, ideal Glauber p-bits", boltz["ideal"]["tv"], "", f"noise bound {boltz['bound']:.4f}"),
    ]
    info += [
        (
            f"TV(junction-network law, Boltzmann), β = {beta:g}",
            tv,
            "",
            f"exact, from the generator; largest drive |h| = {h:.2f} (clip {H_MAX_MARKOV})",
        )
        for beta, (tv, h) in boltz["law"].items()
    ]
    data = {"rows": rows, "sigmoid": sig, "boltz": boltz}
    return Result(
        NAME,
        TARGETS,
        measured,
        info,
        data,
        quick,
        ideal={"tv_boltzmann": boltz["ideal"]["tv"] / boltz["bound"]},
        ideal_device="Glauber p-bit, P(up) = ½(1 + tanh βI)",
    )


def plot(result):
    """Dwell times vs Δ, the dwell law at Δ = 5, the sigmoid and the sampled Boltzmann law."""
    from matplotlib.figure import Figure

    d = result.data
    fig = Figure(figsize=(16, 4), layout="constrained")
    ax_t, ax_k, ax_s, ax_b = fig.subplots(1, 4)
    rows = d["rows"]
    D = [r["Delta"] for r in rows]
    ax_t.semilogy(D, [r["tau_llg"] * 1e9 for r in rows], "o", label="thermal LLG")
    ax_t.semilogy(D, [r["tau_pred"] * 1e9 for r in rows], "k-", label="Néel–Brown (exact)")
    ax_t.set(xlabel="Δ = K_uV/k_BT", ylabel="mean dwell (ns)", title="(a) telegraph dwell times")
    ax_t.legend(fontsize=8)
    r = next(r for r in rows if r["Delta"] == KS_DELTA)
    x = np.sort(r["dwells"])
    ax_k.semilogy(x * 1e9, 1 - np.arange(len(x)) / len(x), label="LLG dwells")
    ax_k.semilogy(x * 1e9, r["law"].survival(x / r["tau_N"]), "k-", label="Néel–Brown law")
    ax_k.semilogy(x * 1e9, np.exp(-x / r["tau_pred"]), "k:", label="two-state exp(−t/τ)")
    ax_k.set(
        xlabel="dwell (ns)",
        ylabel="P(dwell > t)",
        title=f"(b) dwell law, Δ = {KS_DELTA:g} (KS p = {r['ks_p']:.2g})",
    )
    ax_k.legend(fontsize=8)
    s = d["sigmoid"]
    ax_s.plot(s["h"], s["llg"], "o", label="thermal LLG")
    ax_s.plot(s["h_fine"], s["reduced"], "k-", label="two-state Néel–Brown")
    ax_s.set(xlabel="j / j_c", ylabel="⟨s⟩", title=f"(c) p-bit sigmoid, H_stray = {STRAY} H_k")
    ax_s.legend(fontsize=8)
    b = d["boltz"]
    order = np.argsort(b["p"])[::-1]  # states from the most to the least probable
    k = np.arange(len(order))
    ax_b.semilogy(k, b["p"][order], "k-", lw=1, label="exact Boltzmann")
    for key, mark, label in (("device", ".", "junction p-bits"), ("ideal", "x", "ideal p-bits")):
        q = b[key]["q"][order]
        ax_b.semilogy(k[q > 0], q[q > 0], mark, ms=3, label=f"{label} (TV {b[key]['tv']:.3f})")
    ax_b.set(
        xlabel="state (by exact probability)",
        ylabel="probability",
        title=f"(d) Brian2 sampling, {N_SPINS} spins, β = {BETA:g}",
    )
    ax_b.legend(fontsize=8)
    return fig
