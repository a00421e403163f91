"""Memory retention of glassy synapses vs linear hard-bound ones (seed 002; Fusi & Abbott).

Seed 002 places the glassy synapse's logarithmic updates in the non-linear soft-bound
(NL-SB) class and cites, without showing it for its devices, that NL-SB synapses give
"memory storage advantages over linear ones" (Brivio et al.) and "a larger storage
capacity" than linear hard-bound (LHB) synapses (Fusi & Abbott 2007, Nat. Neurosci. 10,
485). This module tests that cited claim for this device model as a prediction: how long
one stored pattern stays readable under ongoing plasticity, in the Fusi–Abbott
signal-to-noise sense (:mod:`spinbrian.networks.memory`: the pattern is stored by one
event on N synapses, each with a control copy; SNR = √N·S/std(w); the retention time is
when SNR first falls below 1; the retention time sets the capacity there).

Protocols.

1. *The device as calibrated, the seed's pulse spacing* (Brian2, numpy target): N synapse
   pairs share one presynaptic Poisson source (rate r/2, every spike a +1.96 V, 50 ms
   potentiating pulse) and one postsynaptic Poisson "neuron" (rate r/2, every spike a
   −1.5 V, 50 ms depressing pulse): balanced random events at r = 1/8 Hz (Fig. 4c's
   spacing) and 1 Hz. The two amplitudes give nearly equal and opposite changes of σ read
   10 s on (+3.9 % and −3.7 %). Glassy weights are the read conductance σ at the read time
   (occupancies relaxed exactly from the last event); LHB weights are levels 0…n−1, ±1 per
   event, clipped.
2. *The same in the NumPy event loop* of :func:`~spinbrian.networks.memory.glassy_trace`
   (a consistency row: the two implementations of one protocol agree); it runs the rest.
3. *Equal volatility*: the glassy synapse with its relaxation at rest removed (only pulses
   move the landscape), so that both synapses forget only by events. The issue's other
   reading, the glassy relaxation imposed on the LHB levels, is not built: an LHB synapse
   has no barrier classes to relax, and any choice of how its levels decay at rest would
   be a new model rather than the same volatility.
4. *Imbalance*: a fraction f_pot = 0.5 … 0.8 of the events potentiating, for both
   readings (as calibrated, and non-volatile), N = 2000.
5. *Retention against N* (balanced): S and std(w) are population means, independent of N,
   so SNR(N) = √N·S/std(w) from one run gives the retention for N = 10² … 10⁷ (each value
   kept only where the run's own standard error resolves S at that time); the LHB side is
   exact (master equation) for every N.

Matching. SNR is scale-free, so an LHB synapse has one free number, its level count n,
which sets both its initial SNR and its lifetime (≈ 2n²/π² events × ln SNR₀ at balance):
the trade-off Fusi & Abbott analyse. "Matched" n gives the LHB the glassy SNR one mean
event interval (1/r) after storage, when the first overwriting event arrives (the glassy σ
right after a pulse is dominated by classes that relax in µs–s, so "initial" has to be
taken at a time; 1/r is the natural one); "best" n is the level count with the longest
retention at that N and f_pot (at balance Fusi & Abbott's √(12N/e)). Matching the dynamic
range instead is not defined for the glassy device, whose range depends on the read time.

Targets: three predictions of the cited claim (glassy / matched-LHB retention ≥ 1: as
calibrated at the seed's spacing; at equal volatility; imbalanced, f_pot = 0.7); a
consistency row (Brian2 vs the NumPy loop); ``glassy_exponent``, an analytic limit (a flat
density of ln γ, i.e. flat barriers, answering a weak pulse with δx ∝ γ·τ, leaves a trace
∫ γ e^(−γt) d ln γ ∝ 1/t); ``lhb_master``, the Brian2 LHB walk against its exact master
equation. Device ablation (``Result.ideal``): the same log-log slope measured on the
matched LHB trace (master equation, same window), which decays exponentially, not as 1/t.

What was found (not tuned; full run, N = 2000): the glassy trace decays as a power law,
S ∝ 1/t as calibrated (lost mostly by thermal relaxation at rest; later events superpose on
it and erase only part: at 50 s the trace with 1 Hz events is 0.17 of that with 1/8 Hz
events), and S ∝ 1/(events) without relaxation at rest (the classes a ±2 V pulse moves have
per-event learning rates spread log-uniformly over 0.6 … 10⁻⁴). So its retention grows as
√N, the matched LHB's only as ln N.

* Balanced, as calibrated: 16 events against 36–38 for the matched LHB (n = 8): ratio
  0.42 (Brian2) – 0.46 (NumPy loop); the glassy synapse overtakes the matched LHB only
  above N ≈ 1.7·10⁴, and never the best LHB (n = √(12N/e)), whose retention grows as N
  (587 events at N = 2000, 2.7·10⁶ at 10⁷).
* Equal volatility (both non-volatile): the glassy synapse is worse, 3.7 events against
  78 (ratio 0.05): the fast classes that every pulse resets completely then hold the last
  event's sign between events, ten times the noise of the relaxed device (control std
  0.68 µS against 0.069 µS). It draws level with the matched LHB only at N ≈ 10⁷.
* Imbalanced: here the cited claim holds. The LHB's levels pile up at one bound and its
  retention collapses (matched or best: 36 → 18 → 10 events for f_pot = 0.5 → 0.7 → 0.8),
  while the glassy synapse's soft bounds hardly notice (16 → 18 → 20 events as
  calibrated): ratio 0.97 at f_pot = 0.7 (the target, chosen before the run, just misses)
  and 2.0 at 0.8, against the best LHB too. This is Fusi & Abbott's robustness of soft
  bounds to imbalance.

Tried: reading σ directly after each event (dominated by µs–ms classes: a noise artefact,
replaced by exact relaxation to the read time); 0 and 1000 s burn-in (same decay; the
stationary noise is reached within ≈ 100 s at 1/8 Hz, 200 s is used).
"""

import time

import numpy as np
from brian2 import (
    Hz,
    Network,
    NetworkOperation,
    NeuronGroup,
    PoissonGroup,
    Synapses,
    prefs,
    second,
    volt,
)
from brian2 import seed as b2_seed

from spinbrian import presets
from spinbrian.experiments import Result, Target
from spinbrian.networks import memory
from spinbrian.networks.memory import read_times, retention_time

NAME = "shumilin2024_memory"
TITLE = "Seed 002 / Fusi–Abbott: memory retention of glassy vs linear hard-bound synapses"

_Q_MEM = (
    "seed 002 text of Fig. 3 (citing Brivio et al., Fusi & Abbott 2007): 'the NL-SB synapse "
    "is shown to give memory storage advantages over linear ones in spiking neural "
    "networks'; 'Fusi and Abbott demonstrated that NL-SB synapses generally give SNNs a "
    "larger storage capacity compared to … linear hard-bound (LHB) synapses'"
)
TARGETS = [
    Target(
        "retention_ratio",
        "retention (SNR < 1) glassy / LHB, matched initial SNR, r = 1/8 Hz",
        1.0,
        "",
        kind="min",
        source=_Q_MEM,
        role="prediction",
        paper="memory storage advantage of NL-SB over LHB (cited: Fusi & Abbott 2007)",
    ),
    Target(
        "retention_ratio_equal_volatility",
        "retention glassy / matched LHB, both non-volatile, balanced, N = 2000 (quick 400)",
        1.0,
        "",
        kind="min",
        source=_Q_MEM,
        role="prediction",
        paper="NL-SB advantage when neither synapse relaxes at rest",
    ),
    Target(
        "retention_ratio_imbalanced",
        "retention glassy / matched LHB, as calibrated, f_pot = 0.7, N = 2000 (quick 400)",
        1.0,
        "",
        kind="min",
        source=_Q_MEM,
        role="prediction",
        paper="NL-SB advantage under imbalanced potentiation/depression",
    ),
    Target(
        "event_loop_vs_brian2",
        "|retention in the NumPy event loop / in Brian2 − 1|, seed protocol",
        0.1,
        "",
        kind="max",
        source=(
            "the same device and protocol in two implementations (Brian2 Synapses; "
            "networks.memory.glassy_trace), independent random events"
        ),
        role="consistency",
        paper="two implementations of one protocol agree",
    ),
    Target(
        "glassy_exponent",
        "log-log slope of the glassy memory trace, 1/r … horizon",
        -1.0,
        "",
        abs=0.2,
        source=(
            "analytic limit: a flat density of ln γ (flat barriers) with a weak-pulse "
            "response δx ∝ γ·τ gives a trace ∫ γ e^(−γt) d ln γ ∝ 1/t"
        ),
        role="limit",
    ),
    Target(
        "lhb_master",
        "rms |S_LHB − master-equation S| / S(0)",
        0.1,
        "",
        kind="max",
        source="analytic limit: reflecting random walk on n levels, master equation",
        role="limit",
        paper="simulated LHB signal = its master-equation signal",
    ),
]

#: The idealised counterpart of the device ablation (``Result.ideal``).
IDEAL_DEVICE = (
    "a linear hard-bound synapse (n levels matched to the glassy SNR one event interval "
    "after storage)"
)

#: Pulses of the random events: −1.5 V (half the −3 V of Fig. 2, above the −1 V threshold)
#: and the +V whose change of ln σ read 10 s on is equal and opposite on the preset
#: (+3.9 % / −3.7 %; the test checks the balance).
V_POT, V_DEP, TAU_PULSE = 1.96, -1.5, 0.05  # V, V, s
RATE_SEED = 1 / 8  # Hz: one pulse per 8 s (seed 002 Fig. 4c)
RATE_FAST = 1.0  # Hz
PULSES = ((V_POT, TAU_PULSE), (V_DEP, TAU_PULSE))
#: Fractions of potentiating events of the imbalance sweep (quick: the first and 0.7).
F_POT = (0.5, 0.6, 0.7, 0.8)
F_IMBALANCED = 0.7
#: N of the retention-against-N table (quick: up to 10⁵).
N_SWEEP = (100, 1000, 10_000, 100_000, 1_000_000, 10_000_000)


def _read_glassy(G, dev, t):
    """Occupancies (n_syn, K) of Synapses ``G`` relaxed exactly to time ``t`` (s)."""
    d = np.stack([np.asarray(getattr(G, f"d_{k}")[:]) for k in range(dev.K)], axis=-1)
    age = t - np.asarray(G.t_last[:] / second)
    return dev.relax(0.5 + d, age[:, None])


def _write_glassy(G, dev, x, t):
    for k in range(dev.K):
        getattr(G, f"d_{k}")[:] = x[:, k] - 0.5
    G.t_last[:] = t * second


def simulate(kind, rate, n_pairs, horizon, dt, levels=(), burn=0.0, seed=0, dev=None):
    """Store a ±1 pattern at t = 0 and track its signal under random events at ``rate``.

    Parameters
    ----------
    kind : {"glassy", "lhb"}
        Glassy device synapses (preset of seed 002) or linear hard-bound ones.
    rate : float
        Plasticity events per synapse (Hz), half potentiating, half depressing.
    n_pairs : int
        Synapses storing the pattern (each with a control copy).
    horizon, dt, burn : float
        Tracked time after storage, time step and burn-in before storage (s).
    levels : sequence of int
        For ``"lhb"``: level counts n, one population of ``n_pairs`` pairs each.
    seed : int
        Seed of the pattern, the initial levels and Brian2's Poisson events.

    Returns
    -------
    dict
        ``t`` (s), and per population (``"glassy"`` or ``n``): ``S`` (signal, µS or
        levels), ``sd`` (std of the control weights) and ``snr`` (√N·S/sd).
    """
    rng = np.random.default_rng(seed)
    b2_seed(seed)
    N = n_pairs
    xi = rng.permutation(np.repeat([1.0, -1.0], (N + 1) // 2)[:N])
    pre = PoissonGroup(N, rates=rate / 2 * Hz, dt=dt * second, name="pot_source*")
    post = NeuronGroup(N, "p : 1", threshold="rand() < p", dt=dt * second, name="dep_source*")
    post.p = rate / 2 * dt
    pops = [None] if kind == "glassy" else list(levels)
    n_copy = 2 * len(pops)
    idx = np.tile(np.arange(N), n_copy)
    if kind == "glassy":
        dev = dev or presets.shumilin2024_glassy()
        S = dev.synapses(
            pre,
            post,
            pre_pulse=(V_POT * volt, TAU_PULSE * second),
            post_pulse=(V_DEP * volt, TAU_PULSE * second),
            dt=dt * second,
        )
        S.connect(i=idx, j=idx)
    elif kind == "lhb":
        S = Synapses(
            pre,
            post,
            "level : 1\nn_levels : 1",
            on_pre="level = clip(level + 1, 0, n_levels - 1)",
            on_post="level = clip(level - 1, 0, n_levels - 1)",
            dt=dt * second,
            name="lhb*",
        )
        S.connect(i=idx, j=idx)
    else:
        raise ValueError(f"kind = {kind!r}: choose 'glassy' or 'lhb'")
    if not np.array_equal(np.asarray(S.i[:]), idx):
        raise RuntimeError("unexpected synapse order")
    t0 = burn if kind == "glassy" else 0.0
    times = read_times(horizon, dt)
    store_step = int(round(t0 / dt))
    read_steps = set(int(round((t0 + tt) / dt)) for tt in times)
    out = {"t": times, "xi": xi}
    rows = {p: ([], []) for p in pops}

    def store():
        if kind == "glassy":
            x = _read_glassy(S, dev, t0)
            x[:N] = dev.pulse(x[:N], np.where(xi > 0, V_POT, V_DEP), TAU_PULSE)
            _write_glassy(S, dev, x, t0)
            return
        lv = np.empty(n_copy * N)
        nl = np.empty(n_copy * N)
        for m, n in enumerate(pops):
            base = rng.integers(0, n, N).astype(float)
            lv[2 * m * N : (2 * m + 1) * N] = np.clip(base + xi, 0, n - 1)
            lv[(2 * m + 1) * N : (2 * m + 2) * N] = base
            nl[2 * m * N : (2 * m + 2) * N] = n
        S.level[:] = lv
        S.n_levels[:] = nl

    def read(now):
        if kind == "glassy":
            w = dev.conductance(_read_glassy(S, dev, now)) * 1e6  # µS
        else:
            w = np.asarray(S.level[:])
        for m, p in enumerate(pops):
            ws, wc = w[2 * m * N : (2 * m + 1) * N], w[(2 * m + 1) * N : (2 * m + 2) * N]
            rows[p][0].append(np.mean(xi * (ws - wc)))
            rows[p][1].append(np.std(wc))

    def operate(t):
        # runs at the start of step k (time k·dt): the state after every event before it
        k = int(round(float(t / second) / dt))
        if k == store_step:
            store()
        if k in read_steps:
            read(k * dt)

    op = NetworkOperation(operate, dt=dt * second, when="start")
    net = Network(pre, post, S, op)
    # numpy target: event-driven synapses cost little there, and the 31-class glassy code
    # would take minutes to compile on cython for a run of this size
    old_target = prefs.codegen.target
    prefs.codegen.target = "numpy"
    try:
        net.run((t0 + times[-1] + dt / 2) * second, namespace={})
    finally:
        prefs.codegen.target = old_target
    for p in pops:
        sig, sd = (np.array(a) for a in rows[p])
        key = "glassy" if p is None else int(p)
        out[key] = {"S": sig, "sd": sd, "snr": np.sqrt(N) * sig / np.where(sd > 0, sd, np.nan)}
    return out


def compare(rate, n_pairs, horizon, dt, burn, seed=0):
    """Glassy run, then LHB runs at the matched and the Fusi–Abbott-optimal level counts."""
    g = simulate("glassy", rate, n_pairs, horizon, dt, burn=burn, seed=seed)
    t = g["t"]
    snr_match = snr_at(t, g["glassy"]["snr"], 1 / rate)
    n_match = memory.matched_levels(snr_match, n_pairs)
    n_opt = memory.optimal_levels(n_pairs)
    lv = sorted({n_match, n_opt})
    h = simulate("lhb", rate, n_pairs, horizon, dt, levels=lv, seed=seed + 1)
    return {
        "rate": rate,
        "t": t,
        "glassy": g["glassy"],
        "lhb": h[n_match],
        "lhb_opt": h[n_opt],
        "n_match": n_match,
        "n_opt": n_opt,
        "snr_match": snr_match,
        "T_glassy": retention_time(t, g["glassy"]["snr"]),
        "T_lhb": retention_time(h["t"], h[n_match]["snr"]),
        "T_lhb_opt": retention_time(h["t"], h[n_opt]["snr"]),
    }


def snr_at(times, snr, t):
    """SNR at time ``t`` (s) from SNR read at ``times``, interpolated in log t."""
    return float(np.interp(np.log(t), np.log(times), snr))


def best_lhb(N, rate, f_pot, n_max=400):
    """(n, retention in s) of the LHB level count that holds the pattern longest."""
    n = np.unique(np.geomspace(2, n_max, 48).astype(int))
    T = np.array([memory.lhb_retention(m, N, rate, f_pot) for m in n])
    k = int(np.nanargmax(T))
    return int(n[k]), float(T[k])


def fair_case(dev, volatile, f_pot, n_pairs, horizon_events, seed=0):
    """The glassy trace under one (volatility, imbalance) and its matched and best LHB.

    As calibrated the events sit on a 1 s grid (r·dt = 1/8) after 1000 s of burn-in; without
    relaxation at rest only the event count matters, so a 4 s grid (r·dt = ½) and 2000
    events of burn-in (the classes slower than that hold < 10⁻³ of a pulse's signal).
    """
    r = RATE_SEED
    dt = 1.0 if volatile else 0.5 / r
    burn = 1000.0 if volatile else 2000 / r
    trace = memory.glassy_trace(
        dev,
        PULSES,
        r,
        n_pairs,
        read_times(horizon_events / r, dt, 40),
        dt,
        burn=burn,
        f_pot=f_pot,
        volatile=volatile,
        seed=seed,
    )
    snr1 = snr_at(trace["t"], trace["snr"], 1 / r)
    n_match = memory.matched_levels(snr1, n_pairs, f_pot)
    n_best, T_best = best_lhb(n_pairs, r, f_pot)
    return {
        "trace": trace,
        "snr1": snr1,
        "T_glassy": retention_time(trace["t"], trace["snr"]),
        "n_match": n_match,
        "T_match": memory.lhb_retention(n_match, n_pairs, r, f_pot),
        "n_best": n_best,
        "T_best": T_best,
    }


def against_N(cases, n_pairs, Ns):
    """Retention (events) against N, balanced: both glassy readings, matched and best LHB."""
    r = RATE_SEED
    rows = {}
    for volatile in (True, False):
        c = cases[(volatile, 0.5)]
        T, ok = memory.retention_vs_N(c["trace"], Ns)
        n_m = [memory.matched_levels(c["snr1"] * np.sqrt(N / n_pairs), N) for N in Ns]
        rows[volatile] = {
            "glassy": T * r,
            "resolved": ok,
            "n_match": n_m,
            "lhb": np.array([memory.lhb_retention(n, N, r) for n, N in zip(n_m, Ns, strict=True)])
            * r,
        }
    n_opt = [memory.optimal_levels(N) for N in Ns]
    best = np.array([memory.lhb_retention(n, N, r) for n, N in zip(n_opt, Ns, strict=True)]) * r
    return {"N": np.asarray(Ns), "rows": rows, "n_opt": n_opt, "lhb_opt": best}


def crossover_N(Ns, ratio):
    """First N (log-interpolated) where ``ratio`` reaches 1; NaN if it never does."""
    ratio = np.asarray(ratio, float)
    k = np.nonzero(ratio >= 1)[0]
    if k.size == 0:
        return float("nan")
    k = k[0]
    if k == 0 or not np.isfinite(ratio[k - 1]):
        return float(Ns[k])
    a, b = np.log(ratio[k - 1]), np.log(ratio[k])
    return float(np.exp(np.log(Ns[k - 1]) - a * (np.log(Ns[k]) - np.log(Ns[k - 1])) / (b - a)))


def run(quick=False, progress=None):
    """Glassy vs LHB retention: the seed protocol in Brian2, then the fair comparison.

    Parameters
    ----------
    quick : bool
        Fewer synapses, shorter horizons, two imbalances, N up to 10⁵.
    progress : callable, optional
        Called with progress lines.

    Returns
    -------
    Result
    """
    report = progress or (lambda s: None)
    n_pairs = 400 if quick else 2000
    dev = presets.shumilin2024_glassy()
    start = time.perf_counter()

    def say(line):
        report(f"{line} ({time.perf_counter() - start:.0f} s)")

    say(f"  Brian2: {n_pairs} synapse pairs, r = 1/8 Hz")
    horizon = 1200.0 if quick else 2400.0
    slow = compare(RATE_SEED, n_pairs, horizon, 0.5, 200.0)
    say("  Brian2: r = 1 Hz")
    fast = compare(RATE_FAST, n_pairs, 200.0 if quick else 400.0, 0.1, 30.0)
    say("  NumPy event loop: the same protocol")
    loop = memory.glassy_trace(dev, PULSES, RATE_SEED, n_pairs, slow["t"], 0.5, burn=200.0)
    T_loop = retention_time(loop["t"], loop["snr"])
    f_pots = (0.5, F_IMBALANCED) if quick else F_POT
    cases = {}
    for volatile in (True, False):
        for f in f_pots:
            say(f"  {'as calibrated' if volatile else 'non-volatile'}, f_pot = {f:g}")
            events = (500 if quick else 2500) if volatile else (1000 if quick else 4000)
            cases[(volatile, f)] = fair_case(dev, volatile, f, n_pairs, events, seed=2)
    Ns = [N for N in N_SWEEP if N <= (1e5 if quick else 1e7)]
    vs_N = against_N(cases, n_pairs, Ns)
    wall = time.perf_counter() - start

    t, Sg = slow["t"], slow["glassy"]["S"]
    fit = (t >= 1 / RATE_SEED) & (Sg > 0)
    slope = float(np.polyfit(np.log(t[fit]), np.log(Sg[fit]), 1)[0])
    exact = memory.lhb_trace(slow["n_match"], RATE_SEED, t)[0]
    # device ablation: the same slope of the matched LHB trace (master equation, exact),
    # over the same window 1/r … horizon where it is positive
    fit_l = (t >= 1 / RATE_SEED) & (exact > 0)
    slope_lhb = float(np.polyfit(np.log(t[fit_l]), np.log(exact[fit_l]), 1)[0])
    keep = t <= (slow["T_lhb"] if np.isfinite(slow["T_lhb"]) else t[-1])
    rms = float(np.sqrt(np.mean((slow["lhb"]["S"][keep] - exact[keep]) ** 2)) / exact[0])
    # overwriting does not erase the glassy trace: compare the two rates at one time
    tc = 50.0
    Sg_slow = float(np.interp(np.log(tc), np.log(t), Sg))
    Sg_fast = float(np.interp(np.log(tc), np.log(fast["t"]), fast["glassy"]["S"]))

    def ratio(c):
        return c["T_glassy"] / c["T_match"]

    measured = {
        "retention_ratio": slow["T_glassy"] / slow["T_lhb"],
        "retention_ratio_equal_volatility": ratio(cases[(False, 0.5)]),
        "retention_ratio_imbalanced": ratio(cases[(True, F_IMBALANCED)]),
        "event_loop_vs_brian2": abs(T_loop / slow["T_glassy"] - 1),
        "glassy_exponent": slope,
        "lhb_master": rms,
    }
    info = []
    for lab, c in (("1/8 Hz", slow), ("1 Hz", fast)):
        r = c["rate"]
        info += [
            (f"Brian2 ({lab}): glassy SNR at 1/r", c["snr_match"], "", f"N = {n_pairs}"),
            (f"Brian2 ({lab}): matched LHB levels", c["n_match"], "", "same SNR at t = 1/r"),
            (f"Brian2 ({lab}): retention glassy", c["T_glassy"] * r, "events", ""),
            (f"Brian2 ({lab}): retention LHB matched", c["T_lhb"] * r, "events", ""),
            (
                f"Brian2 ({lab}): retention LHB, Fusi–Abbott n = {c['n_opt']}",
                c["T_lhb_opt"] * r,
                "events",
                "NaN: beyond the horizon" if np.isnan(c["T_lhb_opt"]) else "",
            ),
        ]
    info += [
        (
            "glassy trace at 50 s, 1 Hz / (1/8 Hz) events",
            Sg_fast / Sg_slow,
            "",
            "1 would mean no overwriting",
        ),
        (
            "log-log slope of the matched LHB trace, 1/r … horizon (1/8 Hz)",
            slope_lhb,
            "",
            "master equation; exponential forgetting (the ideal column)",
        ),
    ]
    for (volatile, f), c in cases.items():
        lab = f"{'as calibrated' if volatile else 'non-volatile'}, f_pot = {f:g}"
        info.append(
            (
                f"{lab}: retention glassy / LHB matched (n = {c['n_match']}) / best "
                f"(n = {c['n_best']})",
                c["T_glassy"] * RATE_SEED,
                "events",
                f"{c['T_match'] * RATE_SEED:.3g} / {c['T_best'] * RATE_SEED:.3g} events; "
                f"control std {np.mean(c['trace']['sd']):.3g} µS",
            )
        )
    for volatile, row in vs_N["rows"].items():
        lab = "as calibrated" if volatile else "non-volatile"
        x = crossover_N(vs_N["N"], row["glassy"] / row["lhb"])
        info.append(
            (
                f"{lab}, balanced: N where glassy overtakes the matched LHB",
                x,
                "",
                "NaN: not within N ≤ " + f"{vs_N['N'][-1]:.0e}" if np.isnan(x) else "",
            )
        )
    info.append(("wall time", wall, "s", ""))
    data = {
        "n_pairs": n_pairs,
        "slow": slow,
        "fast": fast,
        "lhb_exact": exact,
        "cases": cases,
        "vs_N": vs_N,
    }
    return Result(
        NAME,
        TARGETS,
        measured,
        info,
        data,
        quick,
        ideal={"glassy_exponent": slope_lhb},
        ideal_device=IDEAL_DEVICE,
    )


def memory_table(result):
    """Markdown table of the fair comparison: retention (events) per reading and imbalance."""
    lines = [
        "| glassy reading | f_pot | glassy | LHB matched (n) | LHB best (n) | glassy / matched |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for (volatile, f), c in result.data["cases"].items():
        r = RATE_SEED
        lines.append(
            f"| {'as calibrated' if volatile else 'non-volatile'} | {f:g} | "
            f"{c['T_glassy'] * r:.3g} | {c['T_match'] * r:.3g} ({c['n_match']}) | "
            f"{c['T_best'] * r:.3g} ({c['n_best']}) | {c['T_glassy'] / c['T_match']:.3g} |"
        )
    vs = result.data["vs_N"]
    lines += [
        "",
        "| N | as calibrated | LHB matched (n) | non-volatile | LHB matched (n) | LHB best (n) |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    cal, nv = vs["rows"][True], vs["rows"][False]
    for k, N in enumerate(vs["N"]):
        lines.append(
            f"| {N:.0e} | {cal['glassy'][k]:.3g} | {cal['lhb'][k]:.3g} ({cal['n_match'][k]}) | "
            f"{nv['glassy'][k]:.3g} | {nv['lhb'][k]:.3g} ({nv['n_match'][k]}) | "
            f"{vs['lhb_opt'][k]:.3g} ({vs['n_opt'][k]}) |"
        )
    return "\n".join(lines)


def plot(result):
    """SNR vs time (seed protocol), retention vs imbalance, and retention vs N."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(14, 4))
    for c, ls in ((result.data["slow"], "-"), (result.data["fast"], "--")):
        lab = f"r = {c['rate']:g} Hz"
        t = c["t"]
        axes[0].loglog(
            t, np.clip(c["glassy"]["snr"], 1e-3, None), "C3" + ls, label=f"glassy, {lab}"
        )
        axes[0].loglog(
            t,
            np.clip(c["lhb"]["snr"], 1e-3, None),
            "C0" + ls,
            label=f"LHB n = {c['n_match']}, {lab}",
        )
    axes[0].axhline(1, color="k", lw=0.8)
    axes[0].set_xlabel("time after storage (s)")
    axes[0].set_ylabel("SNR = √N·S / std(w)")
    axes[0].set_title("seed protocol (Brian2)", fontsize=9)
    axes[0].legend(fontsize=7)

    cases = result.data["cases"]
    for volatile, color in ((True, "C3"), (False, "C1")):
        keys = [k for k in cases if k[0] == volatile]
        f = [k[1] for k in keys]
        lab = "as calibrated" if volatile else "non-volatile"
        axes[1].semilogy(
            f,
            [cases[k]["T_glassy"] * RATE_SEED for k in keys],
            color + "o-",
            label=f"glassy, {lab}",
        )
        axes[1].semilogy(
            f,
            [cases[k]["T_match"] * RATE_SEED for k in keys],
            color + "s--",
            label=f"LHB matched to {lab}",
        )
    keys = [k for k in cases if k[0]]
    axes[1].semilogy(
        [k[1] for k in keys],
        [cases[k]["T_best"] * RATE_SEED for k in keys],
        "C0^:",
        label="LHB best n",
    )
    axes[1].set_xlabel("fraction of potentiating events f_pot")
    axes[1].set_ylabel("retention (events)")
    axes[1].set_title(f"imbalance, N = {result.data['n_pairs']}", fontsize=9)
    axes[1].legend(fontsize=7)

    vs = result.data["vs_N"]
    for volatile, color in ((True, "C3"), (False, "C1")):
        row = vs["rows"][volatile]
        lab = "as calibrated" if volatile else "non-volatile"
        axes[2].loglog(vs["N"], row["glassy"], color + "o-", label=f"glassy, {lab}")
        axes[2].loglog(vs["N"], row["lhb"], color + "s--", label=f"LHB matched to {lab}")
    axes[2].loglog(vs["N"], vs["lhb_opt"], "C0^:", label="LHB, n = √(12N/e)")
    N = vs["N"].astype(float)
    axes[2].loglog(N, vs["rows"][True]["glassy"][0] * np.sqrt(N / N[0]), "k:", lw=0.8, label="∝ √N")
    axes[2].set_xlabel("synapses N")
    axes[2].set_ylabel("retention (events)")
    axes[2].set_title("balanced", fontsize=9)
    axes[2].legend(fontsize=7)
    fig.tight_layout()
    return fig
