"""Seed 004 supplement: non-identical junctions, phase noise and imperfect synapses.

* **25 sizes.** The 40 junctions take 25 diameters evenly spaced over 36–44 nm (± 10 %
  around the preset's 40 nm; the seed does not give its spread), junction i the
  (i mod 25)-th: :meth:`MTJ.resized` changes R_P ∝ 1/area and the thin-disk shape
  anisotropy, so μ0H_k,eff spans 0.093–0.108 T and ΔR(j) differs from junction to junction
  while the read-out scaling stays the nominal one. The sine protocol of
  ``zheng2020_sine`` (full LLG; reduced model in the quick variant) runs on both networks.
* **Phase noise vs N.** Gaussian noise of σ = 0.1 on every junction's normalised output at
  every step (:attr:`MTJReservoir.output_noise`, reduced model) stands for phase noise;
  the NRMSE of the first sine over the last 600 ns of training, averaged over three
  networks, is measured for N = 20, 40, 80, 160. The readout averages the noise, so the
  error must fall with N.
* **Thermal noise, for the record.** The LLG at T > 0 carries the Brown field. For this
  small, fast free layer (40 nm × 1 nm) the equipartition tilt √(k_BT/μ0M_sH_k,eff V) is
  ≈ 0.18 rad at 300 K, ~ 15× the precession amplitude that carries ΔR
  (ΔR/(R_AP − R_P) ≈ 0.012): the info rows give both, the temperature at which they
  would be equal, and the measured spread of r at 300 K. That spread is of the raw
  last-peak-to-peak readout on 5 ps samples, which at T > 0 also picks up sample-to-sample
  jitter (it is not monotonic in T), so it says "noise-dominated", not how much. The
  seed's phase noise cannot be the thermal noise of its own junction at room temperature;
  it is modelled phenomenologically.
* **Imperfect synapses** (full variant): readout weight noise (5 %), a one-step recurrent
  delay and 20 % failed readout updates, each on the default network with the reduced
  model; their free-running NRMSEs are reported as information.
"""

import numpy as np
from brian2 import kelvin, meter, nmeter, ohm

from spinbrian import presets
from spinbrian.analysis.timeseries import nrmse
from spinbrian.constants import K_B, MU0
from spinbrian.experiments import Result, Target
from spinbrian.experiments._sim import A_PER_M
from spinbrian.experiments.zheng2020_sine import (
    ALPHA,
    IDEAL_DEVICE,
    OFF1,
    SINE1,
    STEP_NS,
    measure,
    run_protocol,
)
from spinbrian.networks import (
    ForceReadout,
    LinearResponse,
    LLGResponse,
    MTJReservoir,
    TransferResponse,
)

NAME = "zheng2020_robustness"
TITLE = "Seed 004 supplement: 25 junction sizes, phase noise vs N, imperfect synapses"

_SRC = "seed 004 p. 4 and supplement"
_SIZES = (
    ": 'a RNN made of 40 MTJs with 25 different sizes works as well as the RNN with identical "
    "MTJs' (held to zheng2020_sine's criterion)"
)
TARGETS = [
    Target(
        "sizes_free1",
        "25 sizes: sine 1 NRMSE, learning off",
        0.1,
        "",
        kind="max",
        source=_SRC + _SIZES,
        role="prediction",
        paper="works as well as identical MTJs",
    ),
    Target(
        "sizes_free2",
        "25 sizes: sine 2 NRMSE, learning off",
        0.1,
        "",
        kind="max",
        source=_SRC + _SIZES,
        role="prediction",
        paper="works as well as identical MTJs",
    ),
    Target(
        "noise_rises",
        "phase noise: rises of the NRMSE over N = 20 → 40 → 80 → 160",
        0,
        "",
        kind="max",
        source=_SRC + ": 'affected by the phase noise, but can be systematically improved by "
        "increasing the number of MTJs'",
        role="prediction",
        paper="systematically improved as N grows",
    ),
]

N_MTJ = 40
DIAMETERS = np.linspace(36, 44, 25)
NOISE = 0.1
SIZES_N = (20, 40, 80, 160)
NOISE_SEEDS = (0, 1, 2)
TRAIN_STEPS = int(round(OFF1 / STEP_NS))
SCORE_STEPS = 400  # the last 600 ns of training


def sized_devices(n=N_MTJ):
    """Junctions over the 25 diameters (junction i gets DIAMETERS[i mod 25]), and the base."""
    base = presets.zheng2020_mtj()
    sizes = [base.resized(d * nmeter) for d in DIAMETERS]
    return [sizes[i % len(sizes)] for i in range(n)], base


def noisy_error(N, seed, noise=NOISE, ideal=False):
    """NRMSE of sine 1 over the last 600 ns of FORCE training with output noise.

    ``ideal``: the same network of :class:`LinearResponse` units instead of junctions.
    """
    response = LinearResponse(N) if ideal else TransferResponse([presets.zheng2020_mtj()] * N)
    net = MTJReservoir(response, output_noise=noise, seed=seed)
    t = np.arange(TRAIN_STEPS) * STEP_NS
    f = (SINE1[0] * np.sin(2 * np.pi * t / SINE1[1]))[:, None]
    res = net.run(
        TRAIN_STEPS,
        targets=f,
        train=np.ones(TRAIN_STEPS, bool),
        readout=ForceReadout(N, 1, alpha=ALPHA),
    )
    return nrmse(res.z[-SCORE_STEPS:], f[-SCORE_STEPS:])


def thermal_spread(temperature, n=200):
    """Standard deviation of r at mid drive for junctions at ``temperature`` (LLG)."""
    response = LLGResponse(
        [presets.zheng2020_mtj(temperature)] * n, nominal=presets.zheng2020_mtj(), seed=11
    )
    r = np.array([response(np.full(n, 0.5)) for _ in range(3)])
    return float(r.std())


def thermal_tilt(device, temperature):
    """(equipartition tilt at T, signal amplitude at mid drive, T where they are equal)."""
    stiffness = float(
        MU0 * device.Ms * (device.Hk - device.Meff) * device.volume / A_PER_M**2 / meter**3
    )
    tilt = np.sqrt(K_B * float(temperature / kelvin) / stiffness)
    dR_mid = np.mean(TransferResponse([device]).dR_range)
    signal = dR_mid / float((device.R_AP - device.R_P) / ohm)
    return tilt, signal, signal**2 * stiffness / K_B


#: The supplement's synaptic imperfections: (MTJReservoir options, ForceReadout options).
IMPERFECTIONS = {
    "weight noise": ({}, {"weight_noise": 0.05}),
    "delay": ({"delay": 1}, {}),
    "failed updates": ({}, {"update_failure": 0.2}),
}


def _imperfect(response, kind):
    """Free-running NRMSEs (sine 1, sine 2) of the default network with one imperfection."""
    net_options, readout_options = IMPERFECTIONS[kind]
    m = measure(*run_protocol(response, net_options=net_options, readout_options=readout_options))
    return m["free1"], m["free2"]


def run(quick=False, progress=None):
    """Sizes (full LLG unless quick), noise vs N, thermal spread, imperfect synapses.

    Parameters
    ----------
    quick : bool
        Reduced model for the sizes, two network seeds less for the noise, no extras.
    progress : callable, optional
        Called with progress lines.

    Returns
    -------
    Result
    """
    say = progress or (lambda s: None)
    devices, nominal = sized_devices()
    response = (TransferResponse if quick else LLGResponse)(devices, nominal=nominal)
    say("  sine protocol on 40 junctions of 25 sizes")
    sizes = measure(*run_protocol(response, progress=progress))
    measured = {"sizes_free1": sizes["free1"], "sizes_free2": sizes["free2"]}

    seeds = NOISE_SEEDS[:1] if quick else NOISE_SEEDS
    say(f"  output noise σ = {NOISE}: N = {SIZES_N}, {len(seeds)} network(s) each")
    errors = np.array([[noisy_error(N, s) for s in seeds] for N in SIZES_N]).mean(axis=1)
    measured["noise_rises"] = float(np.sum(np.diff(errors) > 0))
    # The ablation: identical linear units (no sizes to differ), the same noise.
    ideal_sizes = measure(*run_protocol(LinearResponse(N_MTJ)))
    ideal_errors = np.array([[noisy_error(N, s, ideal=True) for s in seeds] for N in SIZES_N]).mean(
        axis=1
    )
    ideal = {
        "sizes_free1": ideal_sizes["free1"],
        "sizes_free2": ideal_sizes["free2"],
        "noise_rises": float(np.sum(np.diff(ideal_errors) > 0)),
    }

    hk = [float(MU0 * (d.Hk - d.Meff) / A_PER_M) for d in devices]
    info = [
        (
            "phase noise: log-log slope of NRMSE vs N",
            float(np.polyfit(np.log(SIZES_N), np.log(errors), 1)[0]),
            "",
            "−½ for a readout averaging independent noise; the noise is added to r, "
            "not the junctions' own",
        ),
        ("μ0H_k,eff over the 25 sizes", f"{min(hk):.4f}–{max(hk):.4f}", "T", ""),
        *[
            (f"noise NRMSE at N = {N}", e, "", f"σ = {NOISE}; idealised units {ei:.4f}")
            for N, e, ei in zip(SIZES_N, errors, ideal_errors, strict=True)
        ],
    ]
    if not quick:
        tilt, signal, equal = thermal_tilt(nominal, 300 * kelvin)
        info += [
            ("thermal tilt at 300 K, √(k_BT/μ0M_sH_k,eff V)", tilt, "rad", "equipartition"),
            ("precession amplitude carrying ΔR, mid drive", signal, "rad", "ΔR/(R_AP − R_P)"),
            ("temperature where the two are equal", equal, "K", ""),
            (
                "spread of r at 300 K (full LLG, raw readout)",
                thermal_spread(300 * kelvin),
                "",
                "window of r is [0, 1]; noise-dominated",
            ),
        ]
        reduced = TransferResponse([presets.zheng2020_mtj()] * N_MTJ)
        for kind in IMPERFECTIONS:
            f1, f2 = _imperfect(reduced, kind)
            info.append(
                (
                    f"{kind}: free NRMSE sine 1 / sine 2",
                    f"{f1:.3f} / {f2:.3f}",
                    "",
                    "reduced model, seed 0",
                )
            )
    data = {"N": np.array(SIZES_N), "errors": errors, "diameters": DIAMETERS}
    return Result(
        NAME, TARGETS, measured, info, data, quick, ideal=ideal, ideal_device=IDEAL_DEVICE
    )


def plot(result):
    """NRMSE vs N under phase noise, with the N^−½ reference."""
    import matplotlib.pyplot as plt

    d = result.data
    fig, ax = plt.subplots(figsize=(5, 3.8))
    ax.loglog(d["N"], d["errors"], "o-", label=f"FORCE, output noise σ = {NOISE}")
    ax.loglog(d["N"], d["errors"][0] * np.sqrt(d["N"][0] / d["N"]), "k--", lw=0.8, label="∝ N^−1/2")
    ax.set_xlabel("number of MTJs N")
    ax.set_ylabel("NRMSE (end of training)")
    ax.legend(fontsize=8)
    ax.set_title("phase noise is averaged out by more junctions", fontsize=9)
    fig.tight_layout()
    return fig
