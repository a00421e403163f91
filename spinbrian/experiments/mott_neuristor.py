"""Seed 003 §II.A, §III.A: the VO2 neuristor's f–I curve, and neuristors driving each other.

The device is :func:`spinbrian.presets.vo2_neuristor` (numbers assumed, see its table);
everything runs as Brian2 NeuronGroups and Synapses (on Brian2's current target). Seed 003 gives
qualitative targets only: Mott neuristors fire above a threshold, leaky-integrate-and-
fire-like (§II.A); a firing neuristor should drive the next one through electrical and
through thermal coupling, and a chain could pass spikes on as a heat wave (§III.A,
Fig. 9).

* f–I: the steady firing rate against the DC input (Norton current V_in/R_s) from rest,
  the onset compared with the static threshold (the input at which the insulating steady
  state reaches T_imt) and with the LIF rate 1/(t_ref + τ ln(I/(I − I_th))) fitted to the
  rising branch; the same for a 4× larger capacitor, whose charging is slower than the
  channel's heating.
* Pair: a driver at 1.3× threshold and a neighbour at 0.9× threshold, coupled by a heat
  link (G_c), by a resistor and a capacitor in series (R_c, C_c), by a resistor alone,
  or not at all; neighbour spikes per driver spike and the delay.
* Chain: 8 neuristors in a row, the first at 1.3× threshold, the others at 0.9×, nearest
  neighbours linked thermally with G_c from 0.2 to 3 µW/K: how many stages fire, the
  first-spike delay per stage, the smallest G_c that reaches the end; and the same row
  with capacitive links.
"""

import numpy as np
from brian2 import (
    Network,
    SpikeMonitor,
    StateMonitor,
    kelvin,
    kohm,
    nsecond,
    pF,
    second,
    usecond,
    volt,
    watt,
)
from brian2.units.allunits import amp

from spinbrian.experiments import Result, Target
from spinbrian.presets import vo2_neuristor

NAME = "mott_neuristor"
TITLE = "Seed 003 §II.A, §III.A: VO2 neuristor f–I curve, coupled pair and chain"

_S2A = "seed 003 §II.A"
_S3A = "seed 003 §III.A"
#: Chain length and the thermal link at which the chain's delays are reported.
N_CHAIN = 8
G_CHAIN = 2.0  # µW/K
G_SCAN = (0.2, 0.5, 1.0, 1.5, 2.0, 3.0)  # µW/K
#: Inputs as fractions of the static threshold: driver, biased neighbours.
DRIVE, BIAS = 1.3, 0.9
#: Pair couplings.
G_PAIR = 1.0  # µW/K
R_PAIR, C_PAIR = 1.0, 2.0  # kΩ, pF (capacitive branch)
R_RESISTIVE = 20.0  # kΩ
C_CHAIN = 5.0  # pF, the capacitive chain
DT = 0.5 * nsecond
#: Capacitor of the slow-charging variant (× the preset's).
C_FACTOR = 4

TARGETS = [
    Target(
        "rate_below",
        "rate at 0.9× threshold (after the transient)",
        0.0,
        "MHz",
        kind="max",
        source=f"{_S2A}: fires only above a threshold",
    ),
    Target(
        "rate_rise",
        "rate at 2× threshold / rate at the onset",
        1.2,
        "",
        kind="min",
        source=f"{_S2A}: rate rises with the input (LIF-like)",
    ),
    Target(
        "lif_rms",
        "LIF f–I fitted to the rising branch: RMS relative deviation",
        10.0,
        "%",
        kind="max",
        source=f"{_S2A}: 'leaky, integrate and fire behavior'",
    ),
    Target(
        "pair_thermal",
        f"neighbour spikes per driver spike, heat link {G_PAIR:g} µW/K",
        0.9,
        "",
        kind="min",
        source=f"{_S3A}: thermal coupling",
    ),
    Target(
        "pair_electrical",
        f"neighbour spikes per driver spike, {R_PAIR:g} kΩ + {C_PAIR:g} pF in series",
        0.4,
        "",
        kind="min",
        source=f"{_S3A}: electric (capacitive) coupling",
    ),
    Target(
        "pair_uncoupled",
        "neighbour spikes without coupling",
        0.0,
        "",
        kind="max",
        source="control",
    ),
    Target(
        "chain_reached",
        f"stages of {N_CHAIN} that fire, heat links {G_CHAIN:g} µW/K",
        N_CHAIN,
        "",
        kind="min",
        source=f"{_S3A}, Fig. 9: spikes passed on as a heat wave",
    ),
    Target(
        "chain_weak",
        f"stages that fire, heat links {G_SCAN[0]:g} µW/K",
        2,
        "",
        kind="max",
        source=f"{_S3A}: propagation needs the coupling above a threshold",
    ),
]

_W_PER_K = watt / kelvin


def _inputs(quick):
    """Source voltages as fractions of the static threshold (denser near the onset)."""
    step = 0.1 if quick else 0.05
    near = np.arange(0.9, 1.1, 0.02 if quick else 0.01)
    return np.unique(np.round(np.concatenate([near, np.arange(1.1, 3.3, step)]), 6))


def steady_rates(spikes, N, t_from):
    """Rate (Hz) of the first ``N`` neurons from their spikes after ``t_from`` (s).

    The mean of the inter-spike intervals after the transient; 0 with fewer than three
    spikes there.
    """
    trains = spikes.spike_trains()
    rates = np.zeros(N)
    for k in range(N):
        t = np.asarray(trains[k] / second)
        t = t[t > t_from]
        if t.size > 2:
            rates[k] = (t.size - 1) / (t[-1] - t[0])
    return rates


def lif_rate(I, t_ref, tau, I_th):
    """LIF rate 1/(t_ref + τ ln(I/(I − I_th))) for I > I_th, 0 otherwise (SI units)."""
    I = np.asarray(I, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        period = t_ref + tau * np.log(I / (I - I_th))
    return np.where(I > I_th, 1 / period, 0.0)


def fit_lif(I, f):
    """Least-squares LIF fit (relative residuals) of rates ``f`` (Hz) at inputs ``I`` (A).

    Returns
    -------
    params : tuple
        (t_ref (s), τ (s), I_th (A)).
    rms : float
        RMS of f_fit/f − 1 over the points.
    """
    from scipy.optimize import least_squares

    I, f = np.asarray(I, float), np.asarray(f, float)
    x0 = (0.5 / f.max(), 0.5 / f.max(), 0.95 * I.min())

    def residual(p):
        return lif_rate(I, *p) / f - 1

    fit = least_squares(
        residual,
        x0,
        bounds=([0, 1e-12, 0.5 * I.min()], [10 / f.min(), 10 / f.min(), I.min() * (1 - 1e-6)]),
        x_scale=x0,
    )
    return tuple(fit.x), float(np.sqrt(np.mean(fit.fun**2)))


def _f_i(dev, x, duration, t_from):
    """(rates Hz, peak T K) of neuristors at V_in = x·threshold, from rest."""
    net = Network()
    G = dev.neurons(len(x), V_in=x * dev.threshold_input(), dt=DT)
    spikes = SpikeMonitor(G)
    peak = StateMonitor(G, "T", record=True, dt=10 * DT)
    net.add(G, spikes, peak)
    net.run(duration)
    late = np.asarray(peak.t / second) > t_from
    return steady_rates(spikes, len(x), t_from), np.asarray(peak.T_)[:, late].max(axis=1)


def _curve_summary(dev, x, rates):
    """Onset, rising branch and LIF fit of one f–I curve."""
    R_s = float(dev.R_s / (volt / amp))
    I = x * float(dev.threshold_input() / volt) / R_s
    firing = np.flatnonzero(rates > 0)
    onset = int(firing[0])
    top = int(np.argmax(rates))
    rising = np.arange(onset, top + 1)
    params, rms = fit_lif(I[rising], rates[rising])
    return {"I": I, "onset": onset, "top": top, "rising": rising, "lif": params, "rms": rms}


def _pair(dev, duration):
    """Four driver/neighbour pairs: heat link, R–C branch, resistor, none."""
    V_th = dev.threshold_input()
    net = Network()
    x = np.tile([DRIVE, BIAS], 4)
    G = dev.neurons(8, V_in=x * V_th, dt=DT, name="pair")
    heat = dev.thermal_synapses(G, G, G_PAIR * 1e-6 * _W_PER_K, i=[0, 1], j=[1, 0])
    # one Synapses object per group and target variable: the R–C pair and the resistor
    # pair need their own groups
    H = dev.neurons(4, V_in=x[:4] * V_th, dt=DT, name="pair_el")
    cap = dev.electrical_synapses(
        H, H, R_PAIR * kohm, C_c=C_PAIR * pF, i=[0, 1], j=[1, 0], name="pair_rc"
    )
    res_group = dev.neurons(2, V_in=x[:2] * V_th, dt=DT, name="pair_r")
    res = dev.electrical_synapses(res_group, res_group, R_RESISTIVE * kohm, i=[0, 1], j=[1, 0])
    mons = {g.name: SpikeMonitor(g) for g in (G, H, res_group)}
    trace = StateMonitor(G, ["V", "T", "I_dev"], record=[0, 1], dt=DT)
    trace_cap = StateMonitor(H, ["V", "T"], record=[0, 1], dt=DT)
    net.add(G, H, res_group, heat, cap, res, trace, trace_cap, *mons.values())
    net.run(duration)
    trains = {
        "thermal": (mons["pair"], 0),
        "capacitive": (mons["pair_el"], 0),
        "resistive": (mons["pair_r"], 0),
        "uncoupled": (mons["pair"], 6),
    }
    out = {}
    for kind, (mon, k) in trains.items():
        tr = mon.spike_trains()
        pre, post = np.asarray(tr[k] / second), np.asarray(tr[k + 1] / second)
        delays = []
        for t in post:
            before = pre[pre <= t]
            if before.size:
                delays.append(t - before[-1])
        out[kind] = {
            "driver": pre,
            "neighbour": post,
            "ratio": post.size / max(pre.size, 1),
            "delay": float(np.median(delays)) if delays else np.nan,
        }
    out["trace"] = {
        "t": np.asarray(trace.t / second),
        "V": np.asarray(trace.V / volt),
        "T": np.asarray(trace.T / kelvin),
        "V_cap": np.asarray(trace_cap.V / volt),
    }
    return out


def _chains(dev, g_values, duration, capacitive_C=None):
    """Rows of N_CHAIN neuristors, one row per coupling value, in one group.

    Returns the first-spike time (s, NaN if none) of every stage, (len(g_values), N),
    and the spike trains (s) of the stages of each row.
    """
    V_th = dev.threshold_input()
    M = len(g_values)
    x = np.full((M, N_CHAIN), BIAS)
    x[:, 0] = DRIVE
    net = Network()
    G = dev.neurons(M * N_CHAIN, V_in=x.ravel() * V_th, dt=DT, name="chain")
    links = f"abs(i - j) == 1 and i // {N_CHAIN} == j // {N_CHAIN}"
    if capacitive_C is None:
        syn = dev.thermal_synapses(G, G, 0 * _W_PER_K, condition=links)
        syn.G_c = np.asarray(g_values)[np.asarray(syn.i[:]) // N_CHAIN] * 1e-6 * _W_PER_K
    else:
        syn = dev.electrical_synapses(G, G, R_PAIR * kohm, C_c=capacitive_C, condition=links)
    spikes = SpikeMonitor(G)
    net.add(G, syn, spikes)
    net.run(duration)
    trains = [np.asarray(t / second) for t in spikes.spike_trains().values()]
    first = np.array([t[0] if t.size else np.nan for t in trains])
    rows = [trains[m * N_CHAIN : (m + 1) * N_CHAIN] for m in range(M)]
    return first.reshape(M, N_CHAIN), rows


def _reached(first):
    """Stages that fire, counted from the driver until the first silent one."""
    silent = np.flatnonzero(np.isnan(first))
    return int(silent[0]) if silent.size else len(first)


def run(quick=False, progress=None):
    """Simulate the f–I curves, the pairs and the chains, and measure every target.

    Parameters
    ----------
    quick : bool
        Coarser input grid and shorter runs (6 instead of 12 µs for the f–I curves).
    progress : callable, optional
        Called with progress lines.

    Returns
    -------
    Result
    """
    say = progress or (lambda line: None)
    dev = vo2_neuristor()
    slow = vo2_neuristor(C=C_FACTOR * dev.C)
    x = _inputs(quick)
    duration = (6 if quick else 12) * usecond
    t_from = float(duration / second) / 3
    say(f"  f–I: {len(x)} inputs × 2 capacitors, {float(duration / usecond):g} µs")
    rates, T_peak = _f_i(dev, x, duration, t_from)
    rates_slow, _ = _f_i(slow, x, 2 * duration, 2 * t_from)
    fast_sum = _curve_summary(dev, x, rates)
    slow_sum = _curve_summary(slow, x, rates_slow)

    say("  pair: thermal, capacitive, resistive, uncoupled")
    pair = _pair(dev, 4 * usecond)
    say(f"  chains: {len(G_SCAN)} heat links + capacitive, {N_CHAIN} stages")
    first, trains = _chains(dev, G_SCAN, 3 * usecond)
    first_cap, trains_cap = _chains(dev, [C_CHAIN], 3 * usecond, capacitive_C=C_CHAIN * pF)
    reached = np.array([_reached(row) for row in first])
    k_ref = G_SCAN.index(G_CHAIN)
    delays = np.diff(first[k_ref][: reached[k_ref]])
    full = [g for g, r in zip(G_SCAN, reached, strict=True) if r == N_CHAIN]
    g_threshold = min(full) if full else np.nan

    below = np.flatnonzero(np.isclose(x, BIAS))[0]
    at2 = int(np.argmin(np.abs(x - 2.0)))
    on = fast_sum["onset"]
    measured = {
        "rate_below": rates[below] / 1e6,
        "rate_rise": rates[at2] / rates[on],
        "lif_rms": 100 * fast_sum["rms"],
        "pair_thermal": pair["thermal"]["ratio"],
        "pair_electrical": pair["capacitive"]["ratio"],
        "pair_uncoupled": float(pair["uncoupled"]["neighbour"].size),
        "chain_reached": float(reached[k_ref]),
        "chain_weak": float(reached[0]),
    }
    V_th = float(dev.threshold_input() / volt)
    I_th_static = V_th / float(dev.R_s / (volt / amp))
    t_ref, tau, I_th = fast_sum["lif"]
    t_ref_s, tau_s, I_th_s = slow_sum["lif"]
    cap_order = first_cap[0]
    info = [
        (
            "static threshold V_in (I_in = 0)",
            V_th,
            "V",
            f"V_in/R_s = {1e6 * I_th_static:.1f} µA",
        ),
        ("onset of sustained spiking from rest", x[on], "× threshold", "bistable below 1"),
        ("rate at the onset", rates[on] / 1e6, "MHz", "finite: not class-1 LIF"),
        ("largest rate", rates.max() / 1e6, "MHz", f"at {x[fast_sum['top']]:.2f}× threshold"),
        (
            "metallic latch (no more spikes)",
            float(dev.latch_input() / volt) / V_th,
            "× threshold",
            f"last firing input {x[np.flatnonzero(rates > 0)[-1]]:.2f}×",
        ),
        ("peak channel temperature", float(np.nanmax(T_peak)), "K", "over the f–I inputs"),
        ("LIF fit: t_ref, τ", 1e9 * t_ref, "ns", f"τ = {1e9 * tau:.0f} ns"),
        ("LIF fit: I_th / static threshold", I_th / I_th_static, "", "C = 5 pF"),
        (
            f"C = {C_FACTOR * 5} pF: onset rate / largest rate",
            rates_slow[slow_sum["onset"]] / rates_slow.max(),
            "",
            f"5 pF: {rates[on] / rates.max():.2f}; LIF RMS {100 * slow_sum['rms']:.1f} % "
            f"(t_ref {1e9 * t_ref_s:.0f} ns, τ {1e9 * tau_s:.0f} ns, "
            f"I_th {I_th_s / I_th_static:.3f}× threshold)",
        ),
        ("τ_th = C_th/G_th", float(dev.tau_thermal / nsecond), "ns", "channel heating"),
        ("τ_charge = C (R_s ∥ R_ins)", float(dev.tau_charge / nsecond), "ns", "node charging"),
        ("thermal pair: delay after the driver's spike", 1e9 * pair["thermal"]["delay"], "ns", ""),
        (
            "capacitive pair: delay after the driver's spike",
            1e9 * pair["capacitive"]["delay"],
            "ns",
            "locked 1:2",
        ),
        (
            f"resistive pair ({R_RESISTIVE:g} kΩ): neighbour spikes",
            float(pair["resistive"]["neighbour"].size),
            "",
            "a resistor synchronises, it pulls the neighbour towards the driver's mean V",
        ),
        (
            "thermal chain: delay per stage",
            1e9 * float(np.median(delays)) if delays.size else np.nan,
            "ns",
            f"median over {delays.size} stages at {G_CHAIN:g} µW/K",
        ),
        ("thermal chain: smallest G_c reaching the end", g_threshold, "µW/K", f"of {G_SCAN}"),
        (
            f"capacitive chain ({R_PAIR:g} kΩ + {C_CHAIN:g} pF): stages firing",
            float(sum(t.size > 0 for t in trains_cap[0])),
            "",
            "first spikes out of order: "
            + ", ".join(f"{1e6 * t:.2f}" for t in cap_order)
            + " µs — the R–C ladder locks the row, it does not pass spikes on",
        ),
    ]
    data = {
        "x": x,
        "I_th_static": I_th_static,
        "rates": rates,
        "rates_slow": rates_slow,
        "fast": fast_sum,
        "slow": slow_sum,
        "pair": pair,
        "first": first,
        "trains": trains[k_ref],
        "trains_cap": trains_cap[0],
        "reached": reached,
        "g_scan": np.array(G_SCAN),
        "first_cap": first_cap,
    }
    return Result(NAME, TARGETS, measured, info, data, quick)


def plot(result):
    """f–I with LIF fits; the thermal pair's V and T; chain raster; stages reached vs G_c."""
    from matplotlib.figure import Figure

    d = result.data
    fig = Figure(figsize=(15, 8), layout="constrained")
    axes = fig.subplots(2, 3)
    ax = axes[0, 0]
    for rates, summ, label, color in (
        (d["rates"], d["fast"], "C = 5 pF", "C0"),
        (d["rates_slow"], d["slow"], f"C = {C_FACTOR * 5} pF", "C1"),
    ):
        I = summ["I"] * 1e6
        ax.plot(I, rates / 1e6, "o", ms=3, color=color, label=label)
        fine = np.linspace(summ["lif"][2] * 1.0001, summ["I"][summ["top"]], 200)
        ax.plot(fine * 1e6, lif_rate(fine, *summ["lif"]) / 1e6, "-", lw=1, color=color)
    ax.axvline(d["I_th_static"] * 1e6, color="0.5", ls="--", lw=0.8, label="static threshold")
    ax.set(xlabel="input V_in/R_s (µA)", ylabel="rate (MHz)", title="(a) f–I and LIF fits")
    ax.legend(fontsize=8)

    tr = d["pair"]["trace"]
    t_us = tr["t"] * 1e6
    ax = axes[0, 1]
    ax.plot(t_us, tr["V"][0], lw=0.8, label="driver (1.3×)")
    ax.plot(t_us, tr["V"][1], lw=0.8, label="neighbour (0.9×)")
    ax.set(xlabel="t (µs)", ylabel="node V (V)", title="(b) pair, heat link: voltages")
    ax.legend(fontsize=8)
    ax = axes[0, 2]
    ax.plot(t_us, tr["T"][0], lw=0.8)
    ax.plot(t_us, tr["T"][1], lw=0.8)
    for T, label in ((342, "T_imt"), (334, "T_mit")):
        ax.axhline(T, color="0.5", ls=":", lw=0.8)
        ax.text(t_us[-1], T, label, ha="right", va="bottom", fontsize=7)
    ax.set(xlabel="t (µs)", ylabel="T (K)", title="(c) pair, heat link: temperatures")

    ax = axes[1, 0]
    ax.plot(t_us, tr["V_cap"][0], lw=0.8, label="driver")
    ax.plot(t_us, tr["V_cap"][1], lw=0.8, label="neighbour")
    ax.set(xlabel="t (µs)", ylabel="node V (V)", title="(d) pair, R–C branch: locked 1:2")
    ax.legend(fontsize=8)

    ax = axes[1, 1]
    for stage, (t, t_cap) in enumerate(zip(d["trains"], d["trains_cap"], strict=True)):
        ax.plot(t * 1e6, np.full(t.size, stage), "|", ms=9, color="C3")
        ax.plot(t_cap * 1e6, np.full(t_cap.size, stage + 0.3), "|", ms=5, color="C0")
    ax.plot([], [], "|", color="C3", label=f"heat links {G_CHAIN:g} µW/K")
    ax.plot([], [], "|", color="C0", label=f"R–C links {R_PAIR:g} kΩ + {C_CHAIN:g} pF")
    ax.set(xlabel="t (µs)", ylabel="stage", title="(e) chain raster (stage 0 driven)")
    ax.legend(fontsize=8, loc="lower right")

    ax = axes[1, 2]
    ax.plot(d["g_scan"], d["reached"], "o-")
    ax.axhline(N_CHAIN, color="0.5", ls=":")
    ax.set(
        xlabel="heat link G_c (µW/K)",
        ylabel="stages that fire",
        title=f"(f) chain of {N_CHAIN}: propagation threshold",
    )
    return fig
