"""Seed 004 Fig. 3 as the paper describes it: 800 MTJs write the character 师 ("teacher").

The seed (p. 3, Fig. 3a–c): an RNN of 800 MTJs with two output nodes for x(t) and y(t) and
"instead of using feedback from the output nodes … two input nodes, where the ideal target
functions are imported to the RNN"; innate training in two steps — first the recurrent
weights, "until this sustained response becomes invariant for different initial conditions
of the MTJs", then FORCE on the outputs while the targets are imported, "implemented with the
period of 170 ns", "after training for 10 periods".

Readings taken where the text is silent:

* the character: 师 in its six strokes and stroke order (:data:`STROKES`, drawn here in a
  unit box; the seed's brush image is not available), the pen moving at constant speed
  along each stroke and twice as fast through the air between strokes (pen lifts: the
  dots the figure leaves out), the path smoothed over ≈ 1 step like a brush; one period =
  113 steps of 1.5 ns = 170 ns;
* after training the input nodes carry the network's own outputs (the outputs close the
  loop through the import nodes): a network that still needed the ideal targets at its
  inputs would only copy them;
* step 1 is the seed's "sustained response to a pulse input": a 5-step pulse on both import
  nodes, the recurrent weights trained (Laje & Buonomano's RLS, :class:`InnateTrainer`,
  every 2nd step) towards the network's noise-free response from its reset state, over
  noisy trials that start from random drives; its success is measured noise-free, as the
  spread of the response over random initial states;
* noise σ = 0.05 on every junction's r at every step (the stand-in of ``zheng2020_innate``:
  the thermal field of this free layer at 300 K drowns the 31 Ω band, see
  ``zheng2020_robustness``).

Test: from 10 random initial states (drives uniform in [0, 1], junctions at rest) the closed
loop runs 8 periods; the last is scored by the path NRMSE of ``zheng2020_innate`` at the
best cyclic shift (a drawing started at another point of the period is the same drawing).
Control: the same network without step 1. The quick run uses the reduced ΔR(j) junctions;
the full run trains and tests the full LLG of all 800 junctions in every step.
"""

import time

import numpy as np

from spinbrian import presets
from spinbrian.experiments import Result, Target
from spinbrian.experiments._sim import say
from spinbrian.experiments.zheng2020_innate import STEPS, nrmse
from spinbrian.experiments.zheng2020_sine import IDEAL_DEVICE
from spinbrian.networks import (
    ForceReadout,
    InnateTrainer,
    LinearResponse,
    LLGResponse,
    MTJReservoir,
    TransferResponse,
)

NAME = "zheng2020_character"
TITLE = (
    "Seed 004 Fig. 3: 800 MTJs write the character 'teacher' (import nodes, innate, closed loop)"
)

_SRC = "seed 004 p. 3, Fig. 3c"
TARGETS = [
    Target(
        "nrmse",
        "drawing error of the closed loop after innate training: path NRMSE, mean over 10 "
        "random initial states",
        0.1,
        "",
        kind="max",
        source=_SRC + ": 'the output … successfully reproduces the handwritten Chinese "
        "character' (threshold: spinbrian's, as zheng2020_innate)",
        role="prediction",
        paper="reproduces the character",
    ),
    Target(
        "robustness_ratio",
        "drawing error with innate training / without (readout-only FORCE), same noise",
        1.0,
        "",
        kind="max",
        source="seed 004 p. 3: 'This step is essential to improve the robustness of the "
        "network and produce insensitivity to noise'",
        role="prediction",
        paper="innate training makes it more robust",
    ),
    Target(
        "invariance_ratio",
        "spread of the response to the pulse over initial states, after / before step 1 "
        "(noise-free)",
        0.5,
        "",
        kind="max",
        source="seed 004 p. 3: 'The success of this training is achieved when this sustained "
        "response becomes invariant for different initial conditions of the MTJs' (bound: "
        "spinbrian's)",
        role="prediction",
        paper="invariant to initial conditions",
    ),
]

#: 师 in stroke order, each stroke a polyline in the unit box (x right, y up).
STROKES = (
    ((0.22, 0.74), (0.22, 0.40)),  # 丨 short vertical, left
    ((0.36, 0.92), (0.35, 0.55), (0.28, 0.25), (0.12, 0.04)),  # 丿 left-falling
    ((0.45, 0.86), (0.96, 0.86)),  # 一 top horizontal
    ((0.52, 0.64), (0.52, 0.24)),  # 丨 left side of 巾
    ((0.52, 0.64), (0.90, 0.64), (0.90, 0.32), (0.83, 0.36)),  # 𠃌 turn with hook
    ((0.71, 0.86), (0.71, 0.02)),  # 丨 long centre vertical
)
#: The pen moves this much faster through the air than along a stroke.
PEN_UP_SPEED = 2.0
#: Brush: Gaussian smoothing of the path over this many steps (circular).
BRUSH_STEPS = 1.0

N_JUNCTIONS = 800
P_CONNECT, G = 0.1, 1.5
INPUT_SCALE = 1.0
NOISE = 0.05
ALPHA = 1.0
TRAIN_EVERY = 2
#: Step 1's pulse on both import nodes.
PULSE_STEPS, PULSE_AMPLITUDE = 5, 1.0
#: Periods: step-1 trials, FORCE periods (the seed's 10), test initial states, test length.
INNATE_TRIALS = 10
FORCE_PERIODS = 10
TEST_STATES = 10
TEST_PERIODS = 8


def _segments():
    """(start, end, speed, pen down) of every stroke segment and pen-up move, in order."""
    segments = []
    for k, stroke in enumerate(STROKES):
        segments += [(a, b, 1.0, True) for a, b in zip(stroke[:-1], stroke[1:], strict=True)]
        segments.append((stroke[-1], STROKES[(k + 1) % len(STROKES)][0], PEN_UP_SPEED, False))
    return segments


def character(n_steps=STEPS):
    """The target (x, y) at ``n_steps`` times of one period, and whether the pen is down.

    Returns
    -------
    path : ndarray
        (n_steps, 2) in [−1, 1]² (the unit box mapped onto it).
    pen_down : ndarray
        (n_steps,) bool.
    """
    segments = _segments()
    durations = np.array([np.hypot(b[0] - a[0], b[1] - a[1]) / v for a, b, v, _ in segments])
    edges = np.concatenate([[0.0], np.cumsum(durations)]) / durations.sum()
    phase = np.arange(n_steps) / n_steps
    k = np.clip(np.searchsorted(edges, phase, side="right") - 1, 0, len(segments) - 1)
    f = (phase - edges[k]) / (edges[k + 1] - edges[k])
    start = np.array([segments[i][0] for i in k])
    end = np.array([segments[i][1] for i in k])
    path = (1 - f)[:, None] * start + f[:, None] * end
    pen_down = np.array([segments[i][3] for i in k])
    if BRUSH_STEPS:
        half = int(np.ceil(4 * BRUSH_STEPS))
        w = np.exp(-0.5 * (np.arange(-half, half + 1) / BRUSH_STEPS) ** 2)
        w /= w.sum()
        padded = np.concatenate([path[-half:], path, path[:half]])
        path = np.column_stack([np.convolve(c, w, "valid") for c in padded.T])
    return 2 * path - 1, pen_down


def aligned_nrmse(z, path):
    """Path NRMSE of one period z (n, 2) at the best cyclic shift against ``path``."""
    return min(nrmse(np.roll(z, -s, axis=0), path) for s in range(len(path)))


def build(response, seed=0):
    """The network: two import nodes, two outputs, no output feedback, noise σ = NOISE."""
    return MTJReservoir(
        response,
        n_in=2,
        n_out=2,
        p=P_CONNECT,
        g=G,
        feedback=0.0,
        input_scale=INPUT_SCALE,
        output_noise=NOISE,
        seed=seed,
    )


def imported_targets(path, periods):
    """The targets as the import nodes carry them: step n gets the point of step n − 1."""
    return np.tile(np.roll(path, 1, axis=0), (periods, 1))


def _random_start(net, rng):
    net.reset()
    net.x = rng.uniform(0.0, 1.0, net.N)


def pulse(n_steps=STEPS):
    """Step 1's input: both import nodes at PULSE_AMPLITUDE for PULSE_STEPS, then 0."""
    u = np.zeros((n_steps, 2))
    u[:PULSE_STEPS] = PULSE_AMPLITUDE
    return u


def sustained_response(net):
    """Noise-free r (n, N) of one period after the pulse, from the reset state."""
    net.reset()
    with net.noise_free():
        return net.run(STEPS, inputs=pulse(), record_r=True).r


def spread_over_starts(net, r_ref, rng, n_starts=5):
    """Noise-free RMS deviation of the response to the pulse from ``r_ref``, random starts."""
    dev = []
    for _ in range(n_starts):
        _random_start(net, rng)
        with net.noise_free():
            r = net.run(STEPS, inputs=pulse(), record_r=True).r
        dev.append(np.sqrt(np.mean((r[PULSE_STEPS:] - r_ref[PULSE_STEPS:]) ** 2)))
    return float(np.mean(dev))


def innate_step(net, r_ref, rng, trials=INNATE_TRIALS, progress=None):
    """Step 1: recurrent weights towards the pulse response, noisy trials from random starts."""
    trainer = InnateTrainer(net.W, alpha=ALPHA)
    steps = np.arange(STEPS)
    when = (steps >= PULSE_STEPS) & ((steps - PULSE_STEPS) % TRAIN_EVERY == 0)
    for k in range(trials):
        _random_start(net, rng)
        net.run(STEPS, inputs=pulse(), innate=(trainer, r_ref, when))
        say(progress, f"    innate trial {k + 1}/{trials}")


def force_step(net, path, periods=FORCE_PERIODS):
    """Step 2: FORCE on both outputs while the character is imported; returns the readout."""
    n = len(path)
    net.reset()
    net.run(n, inputs=imported_targets(path, 1))
    readout = ForceReadout(net.N, 2, alpha=ALPHA)
    net.run(
        n * periods,
        inputs=imported_targets(path, periods),
        targets=np.tile(path, (periods, 1)),
        train=np.ones(n * periods, bool),
        readout=readout,
    )
    return readout


def closed_loop(net, n_steps):
    """Outputs (n_steps, 2) with the import nodes fed the network's previous output."""
    z = np.empty((n_steps, 2))
    previous = np.zeros(2)
    for k in range(n_steps):
        previous = net.readout(net.step(previous))
        z[k] = previous
    return z


def run_network(response, seed=0, innate=True, progress=None):
    """Train (step 1 if ``innate``, then step 2) and test one network; a dict of results."""
    path, _ = character()
    n = len(path)
    rng = np.random.default_rng([seed, 7])
    net = build(response, seed)
    r_ref = sustained_response(net)
    before = spread_over_starts(net, r_ref, rng)
    after = before
    start = time.perf_counter()
    if innate:
        innate_step(net, r_ref, rng, progress=progress)
        after = spread_over_starts(net, r_ref, rng)
    force_step(net, path)
    train_s = time.perf_counter() - start
    drawn, errors = [], []
    for _ in range(TEST_STATES):
        _random_start(net, rng)
        z = closed_loop(net, TEST_PERIODS * n)[-n:]
        drawn.append(z)
        errors.append(aligned_nrmse(z, path))
    return {
        "errors": np.array(errors),
        "drawn": np.array(drawn),
        "spread_before": before,
        "spread_after": after,
        "train_s": train_s,
    }


def run(quick=False, progress=None):
    """Both networks (innate, control) with the junctions and with clip(x, 0, 1) units.

    Parameters
    ----------
    quick : bool
        Reduced ΔR(j) junctions instead of the full LLG.
    progress : callable, optional
        Called with progress lines.

    Returns
    -------
    Result
    """
    device = presets.zheng2020_mtj()
    if quick:
        response = TransferResponse([device] * N_JUNCTIONS)
    else:
        response = LLGResponse([device] * N_JUNCTIONS)
    model = "reduced ΔR(j)" if quick else "full LLG + STT"
    runs = {}
    for name, flag in (("innate", True), ("control", False)):
        say(progress, f"  {name}: {N_JUNCTIONS} junctions ({model})")
        start = time.perf_counter()
        runs[name] = run_network(response, innate=flag, progress=progress)
        runs[name]["wall_s"] = time.perf_counter() - start
    ideal_runs = {
        name: run_network(LinearResponse(N_JUNCTIONS), innate=flag)
        for name, flag in (("innate", True), ("control", False))
    }

    def scores(r):
        err_i, err_c = r["innate"]["errors"].mean(), r["control"]["errors"].mean()
        return {
            "nrmse": float(err_i),
            "robustness_ratio": float(err_i / err_c),
            "invariance_ratio": r["innate"]["spread_after"] / r["innate"]["spread_before"],
        }

    measured, ideal = scores(runs), scores(ideal_runs)
    main, control = runs["innate"], runs["control"]
    info = [
        ("drawing error without step 1 (control)", float(control["errors"].mean()), "", ""),
        (
            "drawing error range over the 10 starts, innate; control",
            f"{main['errors'].min():.3f}–{main['errors'].max():.3f}; "
            f"{control['errors'].min():.3f}–{control['errors'].max():.3f}",
            "",
            "",
        ),
        (
            "spread of the sustained response over starts, before → after step 1",
            main["spread_after"],
            "",
            f"before {main['spread_before']:.4f}; noise σ = {NOISE} on r",
        ),
        ("junction model", model, "", "T = 0, noise σ on r"),
        ("training time, innate network", main["train_s"], "s", f"{model}, one core"),
        ("wall time, innate network", main["wall_s"], "s", "training and 10 test starts"),
        (
            "network",
            N_JUNCTIONS,
            "junctions",
            f"p = {P_CONNECT}, g = {G}, {INNATE_TRIALS} innate trials, {FORCE_PERIODS} FORCE "
            f"periods, {TEST_STATES} × {TEST_PERIODS} test periods",
        ),
    ]
    path, pen_down = character()
    data = {
        "path": path,
        "pen_down": pen_down,
        "drawn_innate": main["drawn"],
        "drawn_control": control["drawn"],
        "errors_innate": main["errors"],
        "errors_control": control["errors"],
    }
    return Result(
        NAME, TARGETS, measured, info, data, quick, ideal=ideal, ideal_device=IDEAL_DEVICE
    )


def plot(result):
    """The target character, the closed-loop drawings (innate, control) with pen lifts."""
    from matplotlib.figure import Figure

    d = result.data
    path, down = d["path"], d["pen_down"]
    fig = Figure(figsize=(12, 4.2), layout="constrained")
    axes = fig.subplots(1, 3)

    def strokes(ax, z, mask, **style):
        # break the line at pen lifts: draw only the pen-down runs
        edges = np.flatnonzero(np.diff(np.concatenate([[0], mask.astype(int), [0]])))
        for a, b in zip(edges[::2], edges[1::2], strict=True):
            ax.plot(z[a:b, 0], z[a:b, 1], **style)

    strokes(axes[0], path, down, color="k", lw=4)
    axes[0].set_title("(b) target: the character 'teacher', six strokes, 170 ns", fontsize=9)
    for ax, key, title in (
        (axes[1], "innate", "(c) innate training + FORCE, closed loop"),
        (axes[2], "control", "control: readout-only FORCE"),
    ):
        z = d[f"drawn_{key}"][0]
        shift = min(range(len(path)), key=lambda s: nrmse(np.roll(z, -s, axis=0), path))
        z = np.roll(z, -shift, axis=0)
        strokes(ax, path, down, color="0.8", lw=5)
        t = np.arange(len(z)) * 1.5
        ax.scatter(z[down, 0], z[down, 1], c=t[down], cmap="viridis", s=10, zorder=2)
        err = d[f"errors_{key}"]
        ax.set_title(
            f"{title}\nstart 1: NRMSE {err[0]:.3f} (mean of 10: {err.mean():.3f})", fontsize=9
        )
    for ax in axes:
        ax.set_aspect("equal")
        ax.set(xlim=(-1.15, 1.15), ylim=(-1.15, 1.15), xticks=[], yticks=[])
    return fig
