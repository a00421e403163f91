"""Ising machines and Hopfield memories of superparamagnetic p-bits (seed 003, §III.B).

Seed 003 (003_cb68a8b132582be2.txt, §III.B "Coupling magnetic devices": "coupled systems of
Ising spins … the famous Hopfield model shows how memories can be stored in such a spin
system … thermally activated transitions as in Boltzmann machines"; refs. 25, 26, 179, 180)
names the systems and gives no numbers; the numbers come from the benchmarks themselves.

* Max-cut on the Gset graphs G1 (random, 800 nodes), G11 (toroidal) and G14 (planar) by
  annealing a p-bit network (J = −W, compiled heat-bath sampler,
  ``cython_kernels.pbit``): β rises geometrically over 200 stages; the best cut of each seed
  against the best known cut (bar: within 0.2 %, the issue's), its spread over seeds, and the
  time to reach the bar against single-spin Metropolis on the same schedule, in one run.
* A Hopfield memory (Hebbian couplings, N = 400, β = 20 ≈ zero temperature): recall overlap
  after 30 sweeps from a stored pattern against the load α = P/N; the capacity, where the
  mean overlap falls through 0.9, against the N → ∞ value 0.138 of Amit, Gutfreund and
  Sompolinsky (1985).

The junction p-bit is ``presets.superparamagnetic_pbit(Delta=3)`` driven with the gain β/slope
that matches its small-signal response to the ideal p-bit's tanh(βI): beyond that the
junction's own curve applies, clipped at |h| = H_MAX = 0.9 (the current at which the
disfavoured well all but vanishes): the junction's β·|I| cannot exceed slope·H_MAX ≈ 4, so
its P(up) never reaches 1 — a residual error rate per update the ideal unit does not have.
Ablation: the same annealer reading the ideal sigmoid ½(1 + tanh βI).

The Hopfield memory also runs as Brian2 objects: the junction p-bits of ``PBit.neurons``
(flips at the Néel–Brown rates, the drive clipped at the Markov h_max = 0.5) with Hebbian
``couplings`` Synapses, N = 200, several memories per network as block-diagonal replicas,
30 sweep times (τ = 1/(2R(0)), the time of one update per p-bit at zero drive) from a stored
pattern, the overlap read five times over the last ten; beside it the ideal Glauber group
(``glauber_pbits``, same τ). The *limit* row: at low load (α ≤ 0.08) every p-bit sits in a
saturated field, so the recall overlap is the junction's stationary read there,
⟨s⟩ = (R(−h_max) − R(h_max))/(R(−h_max) + R(h_max)) (the ideal unit at β = 20 gives 1): a
residual error rate that is the device's. Tolerance ±0.01: the full run reads 2 loads ×
6 memories × 200 p-bits × 5 times, ≈ 120 misaligned reads expected, so the sampling error of
the overlap is ≈ 0.002 (correlated reads included, at most ≈ 0.004). The same residual noise
lowers the capacity at N = 200 from ≈ 0.15 (ideal) to ≈ 0.11 (junction) in the full run,
where the compiled annealer (clip 0.9) shows no difference.
The Ising machine also runs as Brian2 objects on G11 and G14 (info rows): both groups at
β = 1 with the weights raised to β·J stage by stage over a short schedule (40 stages × 25
sweeps; a sweep through Brian2 costs 63 steps of 0.15 ns), beside the compiled ideal
annealer on the same schedule. The junction group ends lower: ≈ 1 % of its p-bits are
misaligned at any time at the clip, the Hopfield row's residual error rate. The long
schedules of the target rows stay compiled (10⁷ updates per anneal).
"""

import gc
import math
import time

import numpy as np

from spinbrian import presets
from spinbrian.experiments import Result, Target
from spinbrian.experiments._sim import say
from spinbrian.networks import ising

NAME = "hoffmann2022_ising"
TITLE = "Seed 003 §III.B: p-bit Ising machine on Gset max-cut, Hopfield capacity"

_GSET = "Gset best known cut (spinbrian/data/gset/README.md); bar: within 0.2 %"
#: Fraction of the best known cut the median seed must reach.
CUT_FRACTION = 0.998
#: Annealing schedule: geometric β from BETA_START to BETA_END over STAGES stages.
BETA_START, BETA_END, STAGES = 0.1, 5.0, 200
#: Sweeps per stage for each graph (full run; the quick run uses a fifth).
SWEEPS = {"G1": 50, "G11": 300, "G14": 300}
#: Hopfield network: size, inverse temperature, sweeps, loads.
HOPFIELD_N, HOPFIELD_BETA, HOPFIELD_SWEEPS = 400, 20.0, 30
LOADS = np.arange(0.06, 0.241, 0.01)
#: The Brian2 Hopfield network: size, loads, the loads that count as low, sweep times.
BRIAN2_N = 200
BRIAN2_LOADS = np.arange(0.06, 0.241, 0.02)
LOW_LOAD = 0.08
#: The Brian2 Ising machine: graphs, stages and sweeps per stage (full run).
BRIAN2_GRAPHS = ("G11", "G14")
BRIAN2_STAGES, BRIAN2_SWEEPS = 40, 25
#: The overlap is read SNAPSHOTS times, SNAPSHOT_SWEEPS apart, at the end of the run.
SNAPSHOTS, SNAPSHOT_SWEEPS = 5, 2
#: Time step of the Brian2 p-bits (keeps R·dt ≤ MAX_FLIP_PER_STEP at Δ = 3).
BRIAN2_DT = 0.15e-9
#: Junction barrier of the p-bits.
DELTA = 3.0

TARGETS = [
    *[
        Target(
            f"{g}_cut",
            f"{g}: median best cut over seeds",
            float(math.ceil(CUT_FRACTION * best)),
            "",
            kind="min",
            source=_GSET,
            role="prediction",
            paper=f"best known {best}",
        )
        for g, best in ising.GSET_BEST.items()
    ],
    Target(
        "brian2_low_load",
        f"Brian2 junction network, N = {BRIAN2_N}: recall overlap at α ≤ {LOW_LOAD:g} − the "
        "junction's saturated ⟨s⟩",
        0.0,
        "",
        abs=0.01,
        source="two-state stationary law at h = h_max (Néel–Brown rates)",
        role="limit",
        paper="residual error rate of a saturated p-bit",
    ),
    Target(
        "capacity",
        "Hopfield capacity α_c (mean overlap 0.9)",
        0.138,
        "",
        abs=0.02,
        source="Amit, Gutfreund & Sompolinsky 1985 (N → ∞)",
        role="limit",
        paper="0.138 N patterns",
    ),
]


def _settings(quick):
    if quick:
        return {
            "seeds": 6,
            "sweep_scale": 0.2,
            "trials": 3,
            "graphs": tuple(ising.GSET_BEST),
            "brian2_trials": 2,
            "brian2_loads": BRIAN2_LOADS[::2],
            "brian2_anneal": (10, 10, 1),
        }
    return {
        "seeds": 20,
        "sweep_scale": 1.0,
        "trials": 8,
        "graphs": tuple(ising.GSET_BEST),
        "brian2_trials": 6,
        "brian2_loads": BRIAN2_LOADS,
        "brian2_anneal": (BRIAN2_STAGES, BRIAN2_SWEEPS, 2),
    }


def units(junction, betas, x):
    """Transfer tables P(up) per stage of the junction (ising.JunctionTransfer) and ideal p-bit."""
    return {"device": junction.tables(betas, x), "ideal": ising.ideal_tables(betas, x)}


def maxcut(name, junction, seeds, sweeps, progress=None):
    """Anneal graph ``name`` with both units and Metropolis; cuts, times, sweeps to the bar."""
    W = ising.load_gset(name)
    J, b = -W, np.zeros(W.shape[0])
    bar = math.ceil(CUT_FRACTION * ising.GSET_BEST[name])
    target = 0.5 * W.sum() - 2 * bar  # E = ΣW/2 − 2·cut
    betas = np.geomspace(BETA_START, BETA_END, STAGES)
    x_min, dx, x = ising.input_grid(J, b)
    out = {}
    for key, tables in units(junction, betas, x).items():
        out[key] = _runs(
            lambda s, t=tables: ising.anneal(J, b, t, x_min, dx, sweeps, s, target=target), W, seeds
        )  # noqa: E501
    out["metropolis"] = _runs(
        lambda s: ising.metropolis(J, b, betas, sweeps, s, target=target), W, seeds
    )  # noqa: E501
    out["bar"], out["n"], out["sweeps"] = bar, W.shape[0], sweeps * STAGES
    say(
        progress,
        f"{name}: median cut {np.median(out['device']['cut']):g} (junction), "
        f"{np.median(out['ideal']['cut']):g} (ideal), bar {bar}",
    )
    return out


def _runs(anneal, W, seeds):
    cut, elapsed, hit, curve = [], [], [], None
    for seed in range(seeds):
        t0 = time.perf_counter()
        best, state, stage_energy, sweeps_to_bar = anneal(seed)
        elapsed.append(time.perf_counter() - t0)
        cut.append(ising.cut_value(W, state))
        hit.append(sweeps_to_bar)
        if curve is None:
            curve = 0.25 * W.sum() - 0.5 * stage_energy
    return {"cut": np.array(cut), "time": np.array(elapsed), "hit": np.array(hit), "curve": curve}


def _summary(graph, key, c):
    """Info row: spread of the cuts, seeds reaching the bar and how fast, updates/s."""
    r = c[key]
    reached = r["hit"] >= 0
    t_bar = (
        np.median(r["time"][reached] * r["hit"][reached] / c["sweeps"]) if reached.any() else np.nan
    )
    rate = c["n"] * c["sweeps"] / np.median(r["time"])
    note = (
        f"{r['cut'].min():g}/{np.median(r['cut']):g}/{r['cut'].max():g}; "
        f"{reached.sum()}/{len(reached)} seeds reach {c['bar']}, in a median {1e3 * t_bar:.1f} ms; "
        f"{c['sweeps']} sweeps in {1e3 * np.median(r['time']):.0f} ms "
        f"({rate / 1e6:.0f} M updates/s)"
    )
    return (f"{graph} {key}: cut min/median/max", float(np.median(r["cut"])), "", note)


def hopfield(junction, trials, progress=None):
    """Mean recall overlap against the load, for both units; and the capacity of each."""
    N = HOPFIELD_N
    betas = np.array([HOPFIELD_BETA])
    overlap = {"device": [], "ideal": []}
    for alpha in LOADS:
        P = max(1, int(round(alpha * N)))
        m = {"device": [], "ideal": []}
        for trial in range(trials):
            rng = np.random.default_rng(1000 * trial + P)
            xi = rng.choice([-1.0, 1.0], (P, N))
            J = ising.hebbian(xi)
            b = np.zeros(N)
            x_min, dx, x = ising.input_grid(J, b, points=2001)
            for key, tables in units(junction, betas, x).items():
                _, reached, _, _ = ising.anneal(
                    J, b, tables, x_min, dx, HOPFIELD_SWEEPS, seed=trial, s0=xi[0].astype(np.int8)
                )
                m[key].append(abs(reached.astype(float) @ xi[0]) / N)
        for key in overlap:
            overlap[key].append(np.mean(m[key]))
    overlap = {k: np.array(v) for k, v in overlap.items()}
    capacity = {k: _crossing(LOADS, v, 0.9) for k, v in overlap.items()}
    say(
        progress,
        f"Hopfield: capacity {capacity['device']:.3f} (junction), {capacity['ideal']:.3f} (ideal)",
    )
    return overlap, capacity


def brian2_units(beta):
    """The Brian2 p-bit groups at inverse temperature ``beta``: {unit: maker}, τ (s), ⟨s⟩_sat.

    τ is the sweep time, ⟨s⟩_sat the junction's saturated read at the Markov clip (module
    note). A maker takes (N, name): Brian2 names each generated array after its owner, so
    the networks of a sweep take fixed names (the previous one freed first) and reuse the
    code compiled for the first, where fresh names (pbit_1, pbit_2, …) would compile anew
    each time — minutes on a cold cache.
    """
    from brian2 import second

    from spinbrian.devices.pbit import H_MAX_MARKOV
    from spinbrian.networks import glauber_pbits

    pbit = presets.superparamagnetic_pbit(Delta=DELTA)
    x, rates = pbit.flip_rate_table(H_MAX_MARKOV)
    r0, r_up, r_down = np.interp([0.0, H_MAX_MARKOV, -H_MAX_MARKOV], x, rates)
    tau = 1 / (2 * r0)  # one update per p-bit at zero drive
    gain = beta / pbit.sigmoid_slope()
    units = {
        "device": lambda n, name: pbit.neurons(n, gain=gain, dt=BRIAN2_DT * second, name=name),
        "ideal": lambda n, name: glauber_pbits(
            n, beta, tau * second, dt=BRIAN2_DT * second, name=name
        ),
    }
    return units, tau, (r_down - r_up) / (r_down + r_up)


def hopfield_brian2(trials, loads=BRIAN2_LOADS, progress=None):
    """The Hopfield memory as Brian2 objects, junction and ideal p-bits (module note).

    Returns the mean overlap per load for each unit, and the junction's saturated ⟨s⟩.
    """
    from brian2 import Network, second, seed, start_scope

    from spinbrian.devices.pbit import couplings

    units, tau, saturated = brian2_units(HOPFIELD_BETA)
    N = BRIAN2_N
    overlap = {key: [] for key in units}
    for alpha in loads:
        P = max(1, int(round(alpha * N)))
        xis = [
            np.random.default_rng(1000 * t + P).choice([-1.0, 1.0], (P, N)) for t in range(trials)
        ]
        J = np.zeros((trials * N, trials * N))  # one memory per diagonal block
        for t, xi in enumerate(xis):
            J[t * N : (t + 1) * N, t * N : (t + 1) * N] = ising.hebbian(xi)
        for key, make in units.items():
            start_scope()
            seed(P)  # Brian2's generator: the flips repeat run to run
            group = make(trials * N, f"brian2_{key}")
            group.s = np.concatenate([xi[0] for xi in xis])
            net = Network(group, couplings(group, J, name=f"brian2_{key}_links"))
            net.run((HOPFIELD_SWEEPS - SNAPSHOTS * SNAPSHOT_SWEEPS) * tau * second, namespace={})
            m = []
            for _ in range(SNAPSHOTS):  # reads a few flip times apart: less sampling noise
                net.run(SNAPSHOT_SWEEPS * tau * second, namespace={})
                s = group.s[:].reshape(trials, N)
                m += [abs(s[t] @ xis[t][0]) / N for t in range(trials)]
            overlap[key].append(np.mean(m))
            del net, group  # frees the names for the next network (see brian2_units)
            gc.collect()
    overlap = {k: np.array(v) for k, v in overlap.items()}
    say(
        progress,
        f"Hopfield in Brian2 (N = {N}): low-load overlap {overlap['device'][0]:.3f} (junction), "
        f"{overlap['ideal'][0]:.3f} (ideal); saturated ⟨s⟩ {saturated:.3f}",
    )
    return overlap, saturated


def maxcut_brian2(name, stages, sweeps, seeds, progress=None):
    """Anneal Gset ``name`` with the Brian2 p-bit groups: final cuts per unit and seed.

    The groups run at β = 1 and the annealing raises the coupling weights β·J stage by
    stage (geometric β from BETA_START to BETA_END), each stage ``sweeps`` sweep times.
    """
    from brian2 import Network, second, seed, start_scope

    from spinbrian.devices.pbit import couplings

    W = ising.load_gset(name)
    units, tau, _ = brian2_units(1.0)
    cuts = {}
    for key, make in units.items():
        cuts[key] = []
        for k in range(seeds):
            start_scope()
            seed(k)  # Brian2's generator: the flips repeat run to run
            group = make(W.shape[0], f"brian2_{key}")
            group.s = np.random.default_rng(k).choice([-1.0, 1.0], W.shape[0])
            syn = couplings(group, -W, name=f"brian2_{key}_links")
            w0 = np.array(syn.w[:])
            net = Network(group, syn)
            for beta in np.geomspace(BETA_START, BETA_END, stages):
                syn.w = beta * w0
                net.run(sweeps * tau * second, namespace={})
            cuts[key].append(ising.cut_value(W, group.s[:]))
            del net, group, syn  # frees the names for the next network (see brian2_units)
            gc.collect()
    betas = np.geomspace(BETA_START, BETA_END, stages)
    J, b = -W, np.zeros(W.shape[0])
    x_min, dx, x = ising.input_grid(J, b)
    compiled = [
        ising.cut_value(
            W, ising.anneal(J, b, ising.ideal_tables(betas, x), x_min, dx, sweeps, s)[1]
        )
        for s in range(seeds)
    ]
    say(
        progress,
        f"{name} in Brian2 ({stages} × {sweeps} sweeps): cut {np.mean(cuts['device']):g} "
        f"(junction), {np.mean(cuts['ideal']):g} (ideal); compiled ideal {np.mean(compiled):g}",
    )
    return {k: np.array(v) for k, v in cuts.items()}, np.array(compiled)


def _crossing(x, y, level):
    """First x where y falls through ``level`` (linear interpolation); NaN if it never does."""
    below = np.flatnonzero(y < level)
    if len(below) == 0 or below[0] == 0:
        return float("nan")
    k = below[0]
    return float(x[k - 1] + (level - y[k - 1]) * (x[k] - x[k - 1]) / (y[k] - y[k - 1]))


def run(quick=False, progress=None):
    """Gset max-cut and the Hopfield capacity, junction and ideal p-bits; see the module note."""
    cfg = _settings(quick)
    junction = ising.JunctionTransfer(presets.superparamagnetic_pbit(Delta=DELTA))
    cuts = {}
    for name in cfg["graphs"]:
        sweeps = max(1, int(SWEEPS[name] * cfg["sweep_scale"]))
        cuts[name] = maxcut(name, junction, cfg["seeds"], sweeps, progress=progress)
    overlap, capacity = hopfield(junction, cfg["trials"], progress=progress)
    loads = cfg["brian2_loads"]
    b2, saturated = hopfield_brian2(cfg["brian2_trials"], loads, progress=progress)
    low = loads <= LOW_LOAD + 1e-9
    measured = {f"{g}_cut": float(np.median(c["device"]["cut"])) for g, c in cuts.items()}
    measured["capacity"] = capacity["device"]
    measured["brian2_low_load"] = float(np.mean(b2["device"][low])) - saturated
    ideal = {f"{g}_cut": float(np.median(c["ideal"]["cut"])) for g, c in cuts.items()}
    ideal["capacity"] = capacity["ideal"]
    ideal["brian2_low_load"] = float(np.mean(b2["ideal"][low])) - saturated
    info = [
        _summary(g, key, c) for g, c in cuts.items() for key in ("device", "ideal", "metropolis")
    ]
    gap = np.max(np.abs(junction.curve - np.tanh(junction.slope * junction.h)))
    info.append(
        (
            "max |⟨s⟩_junction(h) − tanh(slope·h)|, |h| ≤ H_MAX",
            gap,
            "",
            f"Δ = {DELTA:g}, slope {junction.slope:.3f}: why junction ≈ ideal",
        )
    )
    stages, sweeps, seeds = cfg["brian2_anneal"]
    for g in BRIAN2_GRAPHS:
        b2_cuts, compiled = maxcut_brian2(g, stages, sweeps, seeds, progress=progress)
        info.append(
            (
                f"{g} Brian2 Ising machine, junction p-bits: mean final cut",
                float(np.mean(b2_cuts["device"])),
                "",
                f"ideal Glauber group {np.mean(b2_cuts['ideal']):g}; compiled ideal annealer on "
                f"the same schedule {np.mean(compiled):g}; {stages} stages × {sweeps} sweeps, "
                f"{seeds} seed(s); best known {ising.GSET_BEST[g]}",
            )
        )
    b2_capacity = {k: _crossing(loads, v, 0.9) for k, v in b2.items()}
    info.append(
        (
            f"Brian2 Hopfield capacity (N = {BRIAN2_N}), junction",
            b2_capacity["device"],
            "",
            f"ideal Glauber group {b2_capacity['ideal']:.3f}; {cfg['brian2_trials']} memories per "
            f"load; low-load overlap {np.mean(b2['device'][low]):.3f} (junction, saturated ⟨s⟩ "
            f"{saturated:.3f}) and {np.mean(b2['ideal'][low]):.3f} (ideal)",
        )
    )
    data = {
        "cuts": cuts,
        "loads": LOADS,
        "overlap": overlap,
        "capacity": capacity,
        "brian2": {"loads": loads, "overlap": b2, "capacity": b2_capacity, "saturated": saturated},
    }
    return Result(
        NAME,
        TARGETS,
        measured,
        info,
        data,
        quick,
        ideal=ideal,
        ideal_device="sigmoid p-bit ½(1 + tanh βI), same annealer",
    )


def plot(result):
    """G1 annealing curves and the Hopfield recall overlap against the load."""
    from matplotlib.figure import Figure

    d = result.data
    fig = Figure(figsize=(16, 4), layout="constrained")
    ax_a, ax_h, ax_b = fig.subplots(1, 3)
    c = d["cuts"]["G1"]
    stage = np.arange(1, STAGES + 1)
    for key, label in (
        ("device", "junction p-bits"),
        ("ideal", "ideal p-bits"),
        ("metropolis", "Metropolis"),
    ):
        ax_a.plot(stage, c[key]["curve"], label=label)
    ax_a.axhline(ising.GSET_BEST["G1"], color="k", lw=0.8, ls="--", label="best known 11 624")
    ax_a.axhline(c["bar"], color="0.5", lw=0.8, ls=":", label=f"bar {c['bar']}")
    ax_a.set(
        xlabel="annealing stage (β rises)",
        ylabel="cut",
        title="(a) G1 max-cut, seed 0",
        ylim=(0.9 * ising.GSET_BEST["G1"], 1.005 * ising.GSET_BEST["G1"]),
    )
    ax_a.legend(fontsize=8)
    for key, label in (("device", "junction p-bits"), ("ideal", "ideal p-bits")):
        ax_h.plot(
            d["loads"],
            d["overlap"][key],
            "o-",
            ms=3,
            label=f"{label}: α_c = {d['capacity'][key]:.3f}",
        )
    ax_h.axvline(0.138, color="k", lw=0.8, ls="--", label="0.138 (N → ∞)")
    ax_h.axhline(0.9, color="0.5", lw=0.8, ls=":")
    ax_h.set(
        xlabel="load α = P/N",
        ylabel="recall overlap",
        title=f"(b) Hopfield memory, N = {HOPFIELD_N}",
    )
    ax_h.legend(fontsize=8)
    b2 = d["brian2"]
    for key, label in (("device", "junction p-bits"), ("ideal", "ideal Glauber p-bits")):
        ax_b.plot(
            b2["loads"],
            b2["overlap"][key],
            "o-",
            ms=3,
            label=f"{label}: α_c = {b2['capacity'][key]:.3f}",
        )
    ax_b.axhline(b2["saturated"], color="C0", lw=0.8, ls="--", label="junction's saturated read")
    ax_b.axhline(0.9, color="0.5", lw=0.8, ls=":")
    ax_b.set(
        xlabel="load α = P/N",
        ylabel="recall overlap",
        title=f"(c) the same memory as Brian2 objects, N = {BRIAN2_N}",
    )
    ax_b.legend(fontsize=8)
    return fig
