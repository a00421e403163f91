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
Ablation: the same annealer reading the ideal sigmoid ½(1 + tanh βI). Not done here: the
Ising machine as a Brian2 network (the Brian2 p-bit group is checked on Boltzmann sampling
in ``hoffmann2022_pbits``; a Gset anneal needs 10⁷ updates, a fraction of a second compiled
and minutes through Brian2's per-step overhead).
"""

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
        return {"seeds": 6, "sweep_scale": 0.2, "trials": 3, "graphs": tuple(ising.GSET_BEST)}
    return {"seeds": 20, "sweep_scale": 1.0, "trials": 8, "graphs": tuple(ising.GSET_BEST)}


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
    measured = {f"{g}_cut": float(np.median(c["device"]["cut"])) for g, c in cuts.items()}
    measured["capacity"] = capacity["device"]
    ideal = {f"{g}_cut": float(np.median(c["ideal"]["cut"])) for g, c in cuts.items()}
    ideal["capacity"] = capacity["ideal"]
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
    data = {"cuts": cuts, "loads": LOADS, "overlap": overlap, "capacity": capacity}
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
    fig = Figure(figsize=(11, 4), layout="constrained")
    ax_a, ax_h = fig.subplots(1, 2)
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
    return fig
