"""Seed 001 Fig. 4c–e: a 3-layer network with the Co/Gd device sigmoid as hidden activation.

The paper trains a 784-100-10 network on MNIST with its measured R_hall–I curve as the
hidden activation ("live") and with the ideal sigmoid fitted to it: 97.7 % vs 97.8 %.
MNIST is not downloadable here, so the default data are scikit-learn's bundled 8×8
digits (64-100-10); set ``SPINBRIAN_MNIST=/path/to/mnist.npz`` (keras layout) to use MNIST.

Device activation: each of the 100 hidden units is its own Hall bar — its own H_k, drawn
with a relative σ of 3 % (device to device, :data:`spinbrian.presets.LI2022_HK_SPREAD`,
assumed), so its own nucleation and propagation fields and barriers, over 250 000 grains of
its own (cycle to cycle: each pulse draws anew) — measured like Fig. 4b: a −30 mA reset,
then one set pulse, on a 0.25 mA grid (quick: 0.5 mA). The network's pre-activation X
drives the current I = X0 + K·X, with X0, K the logistic fit of the mean device curve, so
the ideal activation is the standard logistic of X. Both networks train with the same
seeds, data and schedule (SGD with momentum).

Targets: the device network's accuracy against the paper's 97.7 %, less one point because
the data are a different set (the 8×8 digits); and the ideal-minus-device gap on the same
data, ≤ 1 point (paper: 0.1 point). With the H_k spread the units' curves are no longer the
ideal one (their half-switching currents spread by about K; info rows), so the gap can
fail; the full run repeats the device network at σ = 10 % to show where the spread starts
to cost accuracy.
"""

import os

import numpy as np

from spinbrian import presets
from spinbrian.analysis.loops import fit_sigmoid
from spinbrian.experiments import Result, Target
from spinbrian.networks.ann import MLP, Logistic, TabulatedActivation, load_digits_data

NAME = "li2022_digits"
TITLE = "Seed 001 Fig. 4c–e: 64-100-10 digits network with Co/Gd sigmoid neurons vs ideal"

N_HIDDEN = 100
EPOCHS = 40
TARGETS = [
    Target(
        "accuracy",
        "test accuracy of the device-sigmoid network, mean over seeds (8×8 digits, 64-100-10, "
        "unless SPINBRIAN_MNIST is set)",
        96.7,
        "%",
        kind="min",
        source='seed 001 Fig. 4d: "…can achieve a high recognition accuracy of 97.7%, which '
        'is very close to the ideal software simulation (97.8%)." Bound: 97.7 % less one '
        "point, since the data here are scikit-learn's 8×8 digits, not MNIST",
        role="prediction",
        paper="97.7 % (MNIST, 784-100-10)",
    ),
    Target(
        "accuracy_gap",
        "test accuracy, ideal minus device network (mean over seeds, same data and schedule)",
        1.0,
        "points",
        kind="max",
        source='seed 001 Fig. 4d: "…97.7%, which is very close to the ideal software '
        'simulation (97.8%)" (gap 0.1 point; bound: 1 point)',
        role="prediction",
        paper="0.1 point (MNIST)",
    ),
]
#: Device-to-device H_k spread of the stress run (full run only).
STRESS_SPREAD = 0.10


def device_curves(dev, n_units, currents_mA, seed=5, hk_spread=presets.LI2022_HK_SPREAD):
    """Normalised reset + set curves of ``n_units`` films, (n_units, n_currents).

    Each unit is its own film: its H_k drawn with relative σ ``hk_spread`` (device to
    device), its own grains' barriers, and each pulse drawn anew (cycle to cycle).
    """
    sequence = np.ravel(np.column_stack([np.full_like(currents_mA, -30.0), currents_mA]))
    films = dev.with_anisotropy_spread(n_units, hk_spread, seed=seed)
    p = np.vstack([f.ensemble(sequence * 1e-3, seed=seed + 1 + i)[0] for i, f in enumerate(films)])
    return 1 - p[:, 1::2]  # H_x < 0: positive set pulses switch down from the reset state


def run(quick=False, progress=None):
    """Train both networks for 40 epochs (``quick``: 2 seeds, 0.5 mA grid; full: 5 seeds).

    The quick variant keeps the training schedule: a shorter one under-trains both networks
    (96.3 % after 20 epochs), and the accuracy target would then test the schedule.

    Parameters
    ----------
    quick : bool
        Fewer seeds and epochs.
    progress : callable, optional
        Called with progress lines.

    Returns
    -------
    Result
    """
    say = progress or (lambda _: None)
    mnist = os.environ.get("SPINBRIAN_MNIST") or None
    data = load_digits_data(mnist_path=mnist)
    dev = presets.li2022_cogd()
    currents = np.arange(5.0, 35.0 + 1e-9, 0.5 if quick else 0.25)
    curves = device_curves(dev, N_HIDDEN, currents)
    say("  li2022_digits: device curves measured")
    x0, k, r2 = fit_sigmoid(currents, curves.mean(axis=0))
    seeds = range(2 if quick else 5)
    histories = {
        "ideal": _train(data, Logistic(), seeds),
        "device": _train(data, TabulatedActivation((currents - x0) / k, curves), seeds),
    }
    say("  li2022_digits: both networks trained")
    final = {n: _final_accuracy(h) for n, h in histories.items()}
    gap = float(np.mean(final["ideal"] - final["device"]))
    measured = {"accuracy": float(final["device"].mean()), "accuracy_gap": gap}
    ideal_curve = 1 / (1 + np.exp(-(currents - x0) / k))
    info = [
        ("data set", data.name, "", f"{len(data.y_train)} train / {len(data.y_test)} test"),
        (
            "test accuracy, ideal / device (mean over seeds)",
            f"{final['ideal'].mean():.1f} / {final['device'].mean():.1f}",
            "%",
            "paper (MNIST): 97.8 / 97.7",
        ),
        (
            "max |device unit curve − ideal sigmoid|",
            f"{np.max(np.abs(curves - ideal_curve)):.3f}",
            "",
            "over the 100 units and the current grid",
        ),
        ("device curve fit X0, K", f"{x0:.1f}, {k:.2f}", "mA", f"R² = {r2:.4f}"),
        (
            "spread of the 100 units' half-switching currents",
            f"{np.std(_half_currents(currents, curves)):.2f}",
            "mA",
            f"device-to-device (std), against K = {k:.2f} mA",
        ),
    ]
    if not quick:
        stressed = device_curves(dev, N_HIDDEN, currents, hk_spread=STRESS_SPREAD)
        sx0, sk, _ = fit_sigmoid(currents, stressed.mean(axis=0))
        stress = _final_accuracy(
            _train(data, TabulatedActivation((currents - sx0) / sk, stressed), seeds)
        )
        info.append(
            (
                f"device network at σ(H_k) = {STRESS_SPREAD:.0%}: accuracy, gap to ideal",
                f"{stress.mean():.1f} %, {np.mean(final['ideal'] - stress):.2f} points",
                "",
                f"half-switching spread {np.std(_half_currents(currents, stressed)):.2f} mA "
                f"against K = {sk:.2f} mA",
            )
        )
        say("  li2022_digits: stress run done")
    result_data = {"currents": currents, "curves": curves, "x0": x0, "k": k, "histories": histories}
    return Result(
        NAME,
        TARGETS,
        measured,
        info,
        result_data,
        quick,
        ideal={"accuracy": float(final["ideal"].mean())},
        ideal_device="the ideal logistic activation fitted to the mean device curve (X0, K)",
    )


def _train(data, activation, seeds):
    """Training histories of the 64-100-10 network with ``activation``, one per seed."""
    return [
        MLP(data.n_features, N_HIDDEN, data.n_classes, activation, seed=s).train(
            data, epochs=EPOCHS, lr=0.1, seed=s
        )
        for s in seeds
    ]


def _final_accuracy(histories):
    return np.array([h.test_accuracy[-1] for h in histories]) * 100


def _half_currents(currents, curves):
    return np.array([np.interp(0.5, c, currents) for c in curves])


def plot(result):
    """Fig. 4b (the units' curves), 4d (accuracy) and 4e (loss) against the epoch."""
    import matplotlib.pyplot as plt

    d = result.data
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.4))
    for c in d["curves"][:20]:
        axes[0].plot(d["currents"], c, lw=0.5, color="C0", alpha=0.5)
    x = (d["currents"] - d["x0"]) / d["k"]
    axes[0].plot(d["currents"], 1 / (1 + np.exp(-x)), "k--", lw=1, label="ideal sigmoid")
    axes[0].set(xlabel="set pulse I (mA)", ylabel="Y", title="hidden units (20 of 100 films)")
    axes[0].legend(fontsize=7)
    for name, style in (("ideal", "--"), ("device", "-")):
        for i, h in enumerate(d["histories"][name]):
            label = name if i == 0 else None
            epochs = np.arange(1, len(h.test_accuracy) + 1)
            axes[1].plot(epochs, 100 * np.asarray(h.test_accuracy), style, lw=0.8, label=label)
            axes[2].plot(epochs, h.test_loss, style, lw=0.8, label=label)
    axes[1].set(xlabel="epoch", ylabel="test accuracy (%)", title="4d: accuracy")
    axes[2].set(xlabel="epoch", ylabel="test loss", title="4e: loss")
    axes[1].legend(fontsize=7)
    fig.tight_layout()
    return fig
