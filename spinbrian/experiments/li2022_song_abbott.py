"""Song–Abbott STDP with Co/Gd device synapses that keep their weights, next to the ideal rule.

Protocol. Brian2's ``examples/synapses/STDP.py`` (Song, Miller & Abbott 2000): 1000
Poisson inputs at 15 Hz drive one LIF neuron (τ_m = 10 ms, E_e = 0 mV, v_t = −54 mV,
v_r = −60 mV, E_l = −74 mV, τ_e = 5 ms, g_max = 0.01) through additive STDP (τ_pre =
τ_post = 20 ms, ΔA_pre = 0.01·g_max, ΔA_post = −1.05·ΔA_pre) — the ideal column. A
second neuron gets the same input spikes through Co/Gd synapses (seed 001, Li et al.
2022; :meth:`CoGdDevice.stdp_synapses`, K = 16 barrier classes; each synapse one film
whose up-fraction w delivers g_max·w). Both start from the same uniform random weights.
After T/2 the weights are read, after T again: the targets are the correlation of the
1000 weights T/2 apart, the two outer 10 % bins at T, and the post rate over the last
T/2. T = 100 s (cython), three seeds (2, 3, 4), the measured values their means; quick:
seed 2, T = 20 s (snapshots 10 s apart, the ideal rule still converging). The seed paper
does not run this network: the targets are spinbrian's criteria (the project's issue
"learning that keeps its weights").

Physics. The nucleation update alone, x_k ← x_k + (1 − x_k)P_k up and x_k(1 − P_k) down,
is soft-bounded (multiplicative) STDP: one peak, no bimodality (van Rossum, Bi & Turrigiano
2000). Weights reach 0 and 1 only by domain-wall sweeps: a pair whose superposed current
passes the film's propagation field H_p floods it. At the preset film (AlOx 2 nm, −500 Oe,
13.5 mA spikes) every sweep is a flip, ≈ 0.8 per second per synapse — a telegraph process
whose weights decorrelate within 50 s (demos/song_abbott_cogd.py). A correlation ≥ 0.8 over
50 s needs r_up + r_down ≤ 0.0045 s⁻¹, and the sweep window cannot shrink below the spikes'
1 ms pulse. What the film offers is the nucleus rule: a wall sweeps only from a nucleus of
at least one site (1/n_sites = 4·10⁻⁶ of the film), and a sweep leaves the film saturated.
A close pair nucleates b of the other direction before its own sweep; b is set by the
barriers, β ∝ (H_k/H_k,ref)(1 − |H_x|/H_k)², so H_x and the AlOx thickness move it over
decades. With b below 1/n_sites a flip needs n* ≈ 1/(n_sites·b) close pairs of one sign
with no opposite sweep between them (that resets the nucleus): a counter, whose flip rate
≈ R·p^n*·(1 − p) (R the sweep rate, p the share of causal sweeps) is exponentially small
and exponentially selective. The depression Song–Abbott needs is the acausal sweep window
exceeding the causal one (a longer post tail, a larger pre amplitude). Regimes: n* < 1
forgets; 4–6 amplify the depression bias (the neuron slows to 9 Hz, and the weights still
forget); n* ≈ 11 regulates the post rate while the weights keep their identity; n* ≈ 14
already freezes the split the first sweeps made, at twice the ideal rate.

The map (this protocol, seed 1, T = 100 s; spikes li2022_spike with tails 14/17.5 ms, each
amplitude just above where pairs first sweep; b and n* by :func:`nucleation_per_pair`):

=====================================  =======  ====  =====  =====  =====  ======
setting (AlOx nm, H_x Oe; A_pre/A_post  n*       mean  < 0.1  > 0.9  corr   rate
mA)                                                                   50 s
=====================================  =======  ====  =====  =====  =====  ======
ideal additive (Brian2)                —        0.44  0.27   0.17   0.92   24 Hz
1.5, −460; 14.9/14.6                   ≈ 6      0.41  0.59   0.41   0.66   9 Hz
1.5, −460; 15.1/14.8                   ≈ 4      0.40  0.60   0.40   0.16   9 Hz
1.5, −450; 15.0/14.7                   ≈ 14     0.47  0.53   0.47   0.98   52 Hz
1.0, −600; 16.3/16.0 (used here)       ≈ 11     0.44  0.56   0.44   0.90   33 Hz
=====================================  =======  ====  =====  =====  =====  ======

The trade-off is one time scale for two jobs: the flips that regulate the rate are the
flips that forget; the correlation falls as the regulation transient reaches into the
measured window, and the rate of the setting used still drifts down (30 Hz in the last
10 s; ideal 22 Hz). The device weights sit at 0 or 1 and carry no memory of the initial
weights (the first sweeps decide them), while the ideal rule mostly amplifies its initial
differences.

Sources: the device and spike shapes, seed 001 (Figs. 2, 3); the network and its
bimodal, stable weights, Song, Miller & Abbott, Nat. Neurosci. 3, 919 (2000) and Brian2's
example; soft bounds → unimodal, van Rossum, Bi & Turrigiano, J. Neurosci. 20, 8812
(2000). The setting was chosen from the map on seed 1, so the targets are measured on
seeds 2–4, which the choice never saw: how well a chosen setting holds, not an untuned
prediction.
"""

import time

import numpy as np
from brian2 import (
    Hz,
    Network,
    NeuronGroup,
    PoissonGroup,
    SpikeMonitor,
    Synapses,
    mA,
    ms,
    mV,
    prefs,
    second,
    seed,
    start_scope,
)

from spinbrian import presets
from spinbrian.constants import oersted
from spinbrian.experiments import Result, Target

NAME = "li2022_song_abbott"
TITLE = "Song–Abbott STDP (1000 Poisson inputs → 1 LIF) with Co/Gd synapses that keep weights"

#: Brian2's examples/synapses/STDP.py.
N_INPUTS = 1000
INPUT_RATE = 15.0  # Hz
GMAX = 0.01
NEURON_NAMESPACE = {
    "taum": 10 * ms,
    "Ee": 0 * mV,
    "vt": -54 * mV,
    "vr": -60 * mV,
    "El": -74 * mV,
    "taue": 5 * ms,
}
NEURON_EQS = """
dv/dt = (ge * (Ee-vr) + El - v) / taum : volt
dge/dt = -ge / taue : 1
"""
IDEAL_NAMESPACE = {
    "taupre": 20 * ms,
    "taupost": 20 * ms,
    "gmax": GMAX,
    "dApre": 0.01 * GMAX,
    "dApost": -0.01 * 1.05 * GMAX,
}

#: The setting (from the map in the module note): film and the two spikes' waveforms.
ALOX_NM = 1.0
HX_OE = -600.0
PRE_SPIKE = (16.3, 14.0)  # amplitude mA, tail ms
POST_SPIKE = (16.0, 17.5)

DURATION = 100.0  # s
QUICK_DURATION = 20.0
SEEDS = (2, 3, 4)  # held out: the setting was chosen on seed 1
QUICK_SEEDS = (2,)
OUTER = 0.1  # the outer bins: w < 0.1 and w > 0.9

#: The map (module note): label, n*, mean w, < 0.1, > 0.9, corr, rate Hz (seed 1).
MAP = (
    ("1.5 nm/−460 Oe, 14.9/14.6 mA", 6, 0.41, 0.59, 0.41, 0.66, 9.1),
    ("1.5 nm/−460 Oe, 15.1/14.8 mA", 4, 0.40, 0.60, 0.40, 0.16, 8.9),
    ("1.5 nm/−450 Oe, 15.0/14.7 mA", 14, 0.47, 0.53, 0.47, 0.98, 52.0),
    ("1.0 nm/−600 Oe, 16.3/16.0 mA (used)", 11, 0.44, 0.56, 0.44, 0.90, 33.1),
)

_CRITERION = (
    "spinbrian's criterion (the project's issue: bimodal and stable weights, as Song, Miller "
    "& Abbott, Nat. Neurosci. 3, 919 (2000) find for additive STDP); seed 001 does not run "
    "this network"
)

TARGETS = [
    Target(
        "weight_corr",
        "correlation of the 1000 device weights at T/2 and T (50 s apart), mean over seeds",
        0.8,
        kind="min",
        source=_CRITERION + ". The ideal rule's: 0.91–0.92. The setting (H_x, AlOx, spike "
        "amplitudes and tails) was chosen from the map in the module note on seed 1; "
        "measured on seeds 2–4",
        role="prediction",
        paper="stable weights (issue: correlation ≥ 0.8 over 50 s)",
    ),
    Target(
        "bimodal",
        "smaller of the fractions of device weights below 0.1 and above 0.9 at T, mean over seeds",
        0.1,
        kind="min",
        source=_CRITERION + ". Bound from the ideal rule: its smaller mode (w > 0.9) holds "
        "0.16–0.18 of the weights at 100 s; 0.1 (60 % of it) asks for two "
        "well-populated modes, which a single peak — soft-bounded or at 0 — never has",
        role="prediction",
        paper="bimodal weights (both bounds populated)",
    ),
    Target(
        "rate_ratio",
        "post rate over the last T/2, device network / ideal network, mean over seeds",
        1.0,
        abs=0.5,
        source=_CRITERION + ": Song–Abbott STDP regulates the post rate. Within ±50 % of "
        "the ideal network's rate keeps out the trivial ways to stable weights — a neuron "
        "silenced by runaway depression, or weights frozen at the first sweeps' split",
        role="prediction",
        paper="the post rate the ideal rule sets (≈ 24 Hz)",
    ),
]


def spikes():
    """The presynaptic and postsynaptic spike waveforms of the setting."""
    return (
        presets.li2022_spike(PRE_SPIKE[0] * mA, tail=PRE_SPIKE[1] * ms),
        presets.li2022_spike(POST_SPIKE[0] * mA, tail=POST_SPIKE[1] * ms),
    )


def device():
    """The Co/Gd film of the setting."""
    return presets.li2022_cogd(alox_nm=ALOX_NM, Hx=HX_OE * oersted)


def nucleation_per_pair(dev, pre, post):
    """Median mean-class nucleation b of the causal sweeping pairs from a saturated-down film."""
    delays = np.round(np.arange(-30e-3, 30e-3 + 5e-5, 1e-4), 7)
    maps = dev.pair_maps(pre, post, delays)
    b = maps.b.mean(axis=1)[maps.sweep > 0]
    windows = (np.sum(maps.sweep > 0) * 0.1, np.sum(maps.sweep < 0) * 0.1)
    return float(np.median(b)) if b.size else 0.0, windows


def network(duration, rng_seed, progress=None):
    """One run of the ideal and the device network on the same input spikes.

    Parameters
    ----------
    duration : float
        Simulated seconds T; the weights are read at T/2 and T.
    rng_seed : int
        Brian2's and NumPy's seed (input spikes and initial weights).
    progress : callable, optional
        Called with progress lines.

    Returns
    -------
    dict
        ``w0`` (initial weights), and for ``"ideal"`` and ``"device"``: ``half`` and
        ``end`` (weights / g_max at T/2 and T) and ``spikes`` (post spike times, s).
    """
    start_scope()
    seed(rng_seed)
    dev = device()
    pre, post = spikes()
    inputs = PoissonGroup(N_INPUTS, rates=INPUT_RATE * Hz)
    kw = dict(threshold="v>vt", reset="v = vr", method="exact", namespace=NEURON_NAMESPACE)
    post_ideal = NeuronGroup(1, NEURON_EQS, **kw)
    post_device = NeuronGroup(1, NEURON_EQS, **kw)
    S_ideal = Synapses(
        inputs,
        post_ideal,
        """w : 1
        dApre/dt = -Apre / taupre : 1 (event-driven)
        dApost/dt = -Apost / taupost : 1 (event-driven)""",
        on_pre="ge += w\nApre += dApre\nw = clip(w + Apost, 0, gmax)",
        on_post="Apost += dApost\nw = clip(w + Apre, 0, gmax)",
        namespace=IDEAL_NAMESPACE,
    )
    S_device = dev.stdp_synapses(
        inputs,
        post_device,
        pre,
        post,
        on_pre_extra="ge_post += gmax*w_read",
        namespace={"gmax": GMAX},
    )
    S_ideal.connect()
    S_device.connect()
    w0 = np.random.default_rng(rng_seed).random(N_INPUTS)
    S_ideal.w = w0 * GMAX
    S_device.set_states(dev.state_dict(np.repeat(w0[:, None], dev.K, axis=1)))
    mon_ideal, mon_device = SpikeMonitor(post_ideal), SpikeMonitor(post_device)
    net = Network(inputs, post_ideal, post_device, S_ideal, S_device, mon_ideal, mon_device)

    def weights():
        x = np.mean([np.asarray(getattr(S_device, f"x_{k}")[:]) for k in range(dev.K)], axis=0)
        return np.asarray(S_ideal.w[:]) / GMAX, x

    report = None
    if progress is not None:

        def report(elapsed, completed, start, duration):
            progress(f"  li2022_song_abbott: seed {rng_seed}, {100 * completed:3.0f} %")

    old = prefs.codegen.target
    prefs.codegen.target = "cython"
    try:
        net.run(duration / 2 * second, report=report, report_period=30 * second)
        half = weights()
        net.run(duration / 2 * second, report=report, report_period=30 * second)
        end = weights()
    finally:
        prefs.codegen.target = old
    out = {"w0": w0}
    for i, (name, mon) in enumerate((("ideal", mon_ideal), ("device", mon_device))):
        out[name] = {"half": half[i], "end": end[i], "spikes": np.asarray(mon.t / second)}
    return out


def measures(side, duration):
    """Targets and extras of one side of one run (see :func:`network`)."""
    half, end, t = side["half"], side["end"], side["spikes"]
    corr = np.corrcoef(half, end)[0, 1] if half.std() > 0 and end.std() > 0 else np.nan
    low, high = float(np.mean(end < OUTER)), float(np.mean(end > 1 - OUTER))
    z = (end - end.mean()) / end.std() if end.std() > 0 else np.zeros_like(end)
    skew, kurt = float(np.mean(z**3)), float(np.mean(z**4))
    return {
        "weight_corr": float(corr),
        "bimodal": min(low, high),
        "low": low,
        "high": high,
        "mean": float(end.mean()),
        "rate": float(np.sum(t >= duration / 2) / (duration / 2)),
        "changed": float(np.mean((half > 0.5) != (end > 0.5))),
        "bc": (skew**2 + 1) / kurt if kurt > 0 else np.nan,
    }


def run(quick=False, progress=None):
    """Both networks for T = 100 s on three seeds (``quick``: 20 s, one seed).

    Parameters
    ----------
    quick : bool
        T = 20 s (snapshots 10 s apart) and seed 2 only.
    progress : callable, optional
        Called with progress lines.

    Returns
    -------
    Result
    """
    say = progress or (lambda _: None)
    duration = QUICK_DURATION if quick else DURATION
    seeds = QUICK_SEEDS if quick else SEEDS
    runs, rows = [], {"ideal": [], "device": []}
    t0 = time.perf_counter()
    for s in seeds:
        r = network(duration, s, progress)
        runs.append(r)
        for name in rows:
            rows[name].append(measures(r[name], duration))
        m, i = rows["device"][-1], rows["ideal"][-1]
        say(
            f"  li2022_song_abbott: seed {s}: corr {m['weight_corr']:.2f} (ideal "
            f"{i['weight_corr']:.2f}), rate {m['rate']:.1f} Hz (ideal {i['rate']:.1f} Hz)"
        )
    wall = time.perf_counter() - t0

    def mean(name, key):
        return float(np.mean([row[key] for row in rows[name]]))

    ratios = [d["rate"] / i["rate"] for d, i in zip(rows["device"], rows["ideal"], strict=True)]
    measured = {
        "weight_corr": mean("device", "weight_corr"),
        "bimodal": mean("device", "bimodal"),
        "rate_ratio": float(np.mean(ratios)),
    }
    ideal = {"weight_corr": mean("ideal", "weight_corr"), "bimodal": mean("ideal", "bimodal")}
    dev = device()
    b, (w_c, w_a) = nucleation_per_pair(dev, *spikes())

    def per_seed(name, key, fmt):
        return " / ".join(format(row[key], fmt) for row in rows[name])

    seeds_text = ", ".join(str(s) for s in seeds)
    info = [
        (
            "setting",
            f"AlOx {ALOX_NM:g} nm (H_k = {float(dev.Hk / oersted):.0f} Oe), H_x = {HX_OE:g} Oe; "
            f"pre {PRE_SPIKE[0]:g} mA/{PRE_SPIKE[1]:g} ms, post {POST_SPIKE[0]:g} mA/"
            f"{POST_SPIKE[1]:g} ms",
            "",
            "li2022_spike(amplitude, tail); chosen from the map (module note)",
        ),
        (
            "sweep windows W_c / W_a; nucleation b per sweeping pair",
            f"{w_c:.1f} / {w_a:.1f} ms; {b:.1e}",
            "",
            f"a flip needs n* ≈ 1/(n_sites·b) = {1 / (dev.n_sites * b):.0f} same-sign sweeps"
            if b > 0
            else "",
        ),
        (
            "corr T/2 apart per seed, device / ideal",
            f"{per_seed('device', 'weight_corr', '.2f')}; "
            f"{per_seed('ideal', 'weight_corr', '.2f')}",
            "",
            f"seeds {seeds_text}, T = {duration:g} s",
        ),
        (
            "post rate, last T/2, per seed, device / ideal",
            f"{per_seed('device', 'rate', '.1f')}; {per_seed('ideal', 'rate', '.1f')}",
            "Hz",
            "",
        ),
        (
            "mean w; fraction < 0.1; > 0.9 at T, device",
            f"{mean('device', 'mean'):.2f}; {mean('device', 'low'):.2f}; "
            f"{mean('device', 'high'):.2f}",
            "",
            f"ideal: {mean('ideal', 'mean'):.2f}; {mean('ideal', 'low'):.2f}; "
            f"{mean('ideal', 'high'):.2f}",
        ),
        (
            "bimodality coefficient at T, device / ideal",
            f"{mean('device', 'bc'):.2f} / {mean('ideal', 'bc'):.2f}",
            "",
            "(skew² + 1)/kurtosis; > 5/9 bimodal, 1 two spikes",
        ),
        (
            "weights changing side (w ≷ 0.5) between T/2 and T, device / ideal",
            f"{mean('device', 'changed'):.3f} / {mean('ideal', 'changed'):.3f}",
            "",
            "binary weights, f up: corr ≈ 1 − changed/(2f(1 − f))",
        ),
        (
            "correlation of the weights at T with the initial ones, device / ideal",
            f"{np.mean([np.corrcoef(r['w0'], r['device']['end'])[0, 1] for r in runs]):.2f} / "
            f"{np.mean([np.corrcoef(r['w0'], r['ideal']['end'])[0, 1] for r in runs]):.2f}",
            "",
            "the first sweeps decide the device weights; the ideal rule amplifies the start",
        ),
        ("wall time of the networks", f"{wall:.0f}", "s", "cython"),
    ]
    for label, n_star, mw, low, high, corr, rate in MAP:
        info.append(
            (
                f"map: {label}",
                f"corr {corr:.2f}, rate {rate:.1f} Hz",
                "",
                f"n* ≈ {n_star}; mean w {mw:.2f}, < 0.1 {low:.2f}, "
                f"> 0.9 {high:.2f} (seed 1, 100 s; module note)",
            )
        )
    data = {"runs": runs, "rows": rows, "duration": duration, "seeds": seeds}
    return Result(
        NAME,
        TARGETS,
        measured,
        info,
        data,
        quick,
        ideal=ideal,
        ideal_device="Brian2's additive STDP rule (examples/synapses/STDP.py)",
    )


def plot(result):
    """Weight histograms, w(T/2) against w(T), the post rates, and the map."""
    import matplotlib.pyplot as plt

    d = result.data
    T = d["duration"]
    first = d["runs"][0]
    fig, axes = plt.subplots(1, 4, figsize=(16, 3.6))
    bins = np.linspace(0, 1, 21)
    for name, color in (("ideal", "0.4"), ("device", "C3")):
        axes[0].hist(first[name]["end"], bins, histtype="step", color=color, lw=1.5, label=name)
    axes[0].set(
        xlabel="w / g_max at T",
        ylabel="synapses",
        title=f"weights at {T:g} s (seed {d['seeds'][0]})",
    )
    axes[0].legend(fontsize=7)
    jitter = np.random.default_rng(0).uniform(-0.03, 0.03, (2, len(first["w0"])))
    axes[1].plot(first["ideal"]["half"], first["ideal"]["end"], ".", color="0.4", ms=2)
    axes[1].plot(
        first["device"]["half"] + jitter[0],
        first["device"]["end"] + jitter[1],
        ".",
        ms=2,
        color="C3",
    )
    axes[1].set(xlabel="w at T/2", ylabel="w at T", title="identity kept (device jittered ±0.03)")
    edges = np.arange(0, T + 1e-9, max(1.0, T / 50))
    for name, color in (("ideal", "0.4"), ("device", "C3")):
        counts, _ = np.histogram(first[name]["spikes"], edges)
        axes[2].plot(edges[:-1], counts / np.diff(edges), color=color, label=name)
    axes[2].set(xlabel="t (s)", ylabel="post rate (Hz)", title=f"post rate (seed {d['seeds'][0]})")
    axes[2].legend(fontsize=7)
    for label, _, _, _, _, corr, rate in MAP:
        axes[3].plot(rate, corr, "o", color="0.6", ms=4)
        axes[3].annotate(label.split(":")[0], (rate, corr), fontsize=5)
    for name, color in (("ideal", "0.2"), ("device", "C3")):
        for row in d["rows"][name]:
            axes[3].plot(row["rate"], row["weight_corr"], "*", color=color, ms=9)
    axes[3].axhline(0.8, color="k", lw=0.6, ls="--")
    axes[3].set(
        xlabel="post rate, last T/2 (Hz)",
        ylabel="corr of weights T/2 apart",
        title="map (grey, 100 s) and this run (stars)",
    )
    fig.tight_layout()
    return fig
