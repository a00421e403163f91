"""Seed 004 supplement: non-identical junctions, phase noise and imperfect synapses.

* **25 sizes.** The 40 junctions take 25 diameters evenly spaced over 36–44 nm (± 10 %
  around the preset's 40 nm; the seed does not give its spread), junction i the
  (i mod 25)-th: :meth:`MTJ.resized` changes R_P ∝ 1/area and the thin-disk shape
  anisotropy, so μ0H_k,eff spans 0.093–0.108 T and ΔR(j) differs from junction to junction
  while the read-out scaling stays the nominal one. The sine protocol of
  ``zheng2020_sine`` runs on ten random networks (seeds 0–9, reduced model) with identical
  and with sized junctions; "works as well" = no fewer networks sustain both sines with
  sizes than without, one network of slack (the count is binomial: ±1.5 of 10 at 3 of 10).
* **Thermal noise vs N.** The Brown field in every junction at 300 K (full LLG; at every
  reset a fresh Boltzmann state, :meth:`MTJ.thermal_directions`), read through a read
  circuit of RC = 20 ps (8 GHz; without it the last-peak-to-peak detection picks thermal
  spikes on the 5 ps samples). The seed's band is 31 Ω on R0 = 11 kΩ, a precession-angle
  change of 6·10⁻³ rad, while the equipartition tilt √(k_BT/μ0M_sH_k,eff V) of the 40 nm ×
  1 nm free layer is 0.18 rad: its output is all noise (spread of r ≈ 40 over a [0, 1]
  window). The spread falls as V^−½ (a limit row: the Brown field's variance is ∝ 1/V);
  the volume where it is 0.1 is stated, and the free layer is taken 10⁶ times larger in
  area (a 40 µm disk, far outside a macrospin's validity: the statement is about the
  thermal field, which is all the volume enters). There FORCE trains sine 1 on N = 20, 40,
  80, 160 junctions (three networks each; one in the quick variant) and the recorded
  output's NRMSE over the last 600 ns of training must fall with N. The ablation runs the
  same networks of clip(x, 0, 1) units with Gaussian noise on r of the spread the junctions
  show.
* **Imperfect synapses**: readout weight noise (5 %), a one-step recurrent
  delay and 20 % failed readout updates, each on the default network with the reduced
  model; their free-running NRMSEs are reported as information.
"""

from dataclasses import replace

import numpy as np
from brian2 import kelvin, meter, nmeter, ohm, psecond

from spinbrian import presets
from spinbrian.analysis.timeseries import nrmse
from spinbrian.constants import K_B, MU0
from spinbrian.experiments import Result, Target
from spinbrian.experiments._sim import A_PER_M
from spinbrian.experiments.zheng2020_sine import (
    ALPHA,
    IDEAL_DEVICE,
    MATCH_NRMSE,
    NETWORK,
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
TITLE = "Seed 004 supplement: 25 junction sizes, thermal noise at 300 K vs N, imperfect synapses"

_SRC = "seed 004 p. 4 and supplement"
_SIZES = (
    ": 'a RNN made of 40 MTJs with 25 different sizes works as well as the RNN with identical "
    "MTJs' (held to zheng2020_sine's criterion)"
)
TARGETS = [
    Target(
        "sizes_sustained",
        "25 sizes minus identical: networks sustaining both sines (of seeds 0–9, reduced model)",
        -1,
        "of 10",
        kind="min",
        source=_SRC + _SIZES,
        role="prediction",
        paper="works as well as identical MTJs",
    ),
    Target(
        "noise_rises",
        "300 K: rises of the training NRMSE over N = 20 → 40 → 80 → 160",
        0,
        "",
        kind="max",
        source=_SRC + ": 'affected by the phase noise, but can be systematically improved by "
        "increasing the number of MTJs'",
        role="prediction",
        paper="systematically improved as N grows",
    ),
    Target(
        "noise_volume_slope",
        "300 K: log-log slope of the spread of r against the free-layer volume (10⁴–10⁶ V0)",
        -0.5,
        "",
        abs=0.1,
        source="fluctuation–dissipation: the Brown field's variance is 2αk_BT/(γμ0²M_sV)",
        role="limit",
    ),
]

N_MTJ = 40
DIAMETERS = np.linspace(36, 44, 25)
SIZES_N = (20, 40, 80, 160)
NOISE_SEEDS = (0, 1, 2)
NETWORK_SEEDS = range(10)
TRAIN_STEPS = int(round(3000 / STEP_NS))  # 3000 ns of FORCE on sine 1
SCORE_STEPS = 400  # the last 600 ns of training
TEMPERATURE = 300 * kelvin
#: Read circuit: first-order RC of 20 ps (8 GHz), well above the 2.8 GHz precession.
READ_TIME = 20 * psecond
#: Free-layer area over the preset's for the N scan, and the volumes of the spread's slope.
NOISE_AREA = 1e6
SPREAD_AREAS = (1.0, 1e4, 1e5, 1e6)


def sized_devices(n=N_MTJ):
    """Junctions over the 25 diameters (junction i gets DIAMETERS[i mod 25]), and the base."""
    base = presets.zheng2020_mtj()
    sizes = [base.resized(d * nmeter) for d in DIAMETERS]
    return [sizes[i % len(sizes)] for i in range(n)], base


def sustained(response, seeds=NETWORK_SEEDS):
    """How many networks (``seeds``) sustain both sines of the Fig. 2 protocol."""
    return sum(
        m["free1"] <= MATCH_NRMSE and m["free2"] <= MATCH_NRMSE
        for m in (measure(*run_protocol(response, seed=s)) for s in seeds)
    )


def warm_device(area_factor, temperature=TEMPERATURE):
    """The preset at ``temperature`` with its free-layer area scaled (only V enters noise)."""
    base = presets.zheng2020_mtj(temperature)
    return replace(base, area=base.area * area_factor)


def spread(area_factor, n=200, seed=11):
    """Standard deviation of r at mid drive over n junctions and two steps at 300 K."""
    response = LLGResponse(
        [warm_device(area_factor)] * n,
        nominal=presets.zheng2020_mtj(),
        seed=seed,
        read_time=READ_TIME,
    )
    return float(np.std([response(np.full(n, 0.5)) for _ in range(2)]))


def noisy_error(N, seed, noise=None):
    """NRMSE of sine 1 over the last 600 ns of FORCE training at 300 K.

    The junctions are :func:`warm_device` (NOISE_AREA) read through READ_TIME; with
    ``noise`` (a spread of r) the same network of :class:`LinearResponse` units with
    Gaussian noise of that size on r instead (the ablation).
    """
    if noise is None:
        response = LLGResponse(
            [warm_device(NOISE_AREA)] * N,
            nominal=presets.zheng2020_mtj(),
            seed=seed,
            read_time=READ_TIME,
        )
        options = {}
    else:
        response, options = LinearResponse(N), {"output_noise": noise}
    net = MTJReservoir(response, seed=seed, **{**NETWORK, **options})
    t = np.arange(TRAIN_STEPS) * STEP_NS
    f = (SINE1[0] * np.sin(2 * np.pi * t / SINE1[1]))[:, None]
    res = net.run(
        TRAIN_STEPS,
        targets=f,
        train=np.ones(TRAIN_STEPS, bool),
        readout=ForceReadout(N, 1, alpha=ALPHA),
    )
    return nrmse(res.z[-SCORE_STEPS:], f[-SCORE_STEPS:])


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
    """Sizes, thermal noise vs volume and N, imperfect synapses.

    Parameters
    ----------
    quick : bool
        One network per N in the thermal scan instead of three.
    progress : callable, optional
        Called with progress lines.

    Returns
    -------
    Result
    """
    say = progress or (lambda s: None)
    devices, nominal = sized_devices()
    say("  sine protocol on ten networks, identical and 25 sizes (reduced model)")
    identical = sustained(TransferResponse([nominal] * N_MTJ))
    sized = sustained(TransferResponse(devices, nominal=nominal))
    ideal_count = sustained(LinearResponse(N_MTJ))
    measured = {"sizes_sustained": float(sized - identical)}

    say(f"  spread of r at 300 K over areas {SPREAD_AREAS} × the preset's")
    spreads = np.array([spread(a) for a in SPREAD_AREAS])
    big = np.array(SPREAD_AREAS) >= 1e4  # small-angle regime
    slope = float(np.polyfit(np.log(np.array(SPREAD_AREAS)[big]), np.log(spreads[big]), 1)[0])
    measured["noise_volume_slope"] = slope
    sigma_star = float(spreads[SPREAD_AREAS.index(NOISE_AREA)])

    seeds = NOISE_SEEDS[:1] if quick else NOISE_SEEDS
    say(f"  FORCE at 300 K on N = {SIZES_N}, {len(seeds)} network(s) each (full LLG)")
    errors = np.array([[noisy_error(N, s) for s in seeds] for N in SIZES_N]).mean(axis=1)
    measured["noise_rises"] = float(np.sum(np.diff(errors) > 0))
    ideal_errors = np.array(
        [[noisy_error(N, s, noise=sigma_star) for s in seeds] for N in SIZES_N]
    ).mean(axis=1)
    ideal = {
        "sizes_sustained": 0.0,  # linear units have no sizes: the same network twice
        "noise_rises": float(np.sum(np.diff(ideal_errors) > 0)),
    }

    base = presets.zheng2020_mtj()
    tilt, signal, equal = thermal_tilt(base, TEMPERATURE)
    area_01 = NOISE_AREA * (sigma_star / 0.1) ** 2  # spread ∝ V^−½
    hk = [float(MU0 * (d.Hk - d.Meff) / A_PER_M) for d in devices]
    info = [
        ("networks sustaining both sines, identical junctions", identical, "of 10", ""),
        ("networks sustaining both sines, 25 sizes", sized, "of 10", ""),
        ("networks sustaining both sines, clip(x, 0, 1) units", ideal_count, "of 10", ""),
        (
            "25 sizes: diameters, μ0H_k,eff",
            f"{DIAMETERS[0]:g}–{DIAMETERS[-1]:g} nm (± 10 %); {min(hk):.4f}–{max(hk):.4f} T",
            "",
            "spread assumed: the seed gives none",
        ),
        ("thermal tilt at 300 K, √(k_BT/μ0M_sH_k,eff V), preset", tilt, "rad", "equipartition"),
        ("precession amplitude carrying ΔR, mid drive", signal, "rad", "ΔR/(R_AP − R_P)"),
        ("temperature where the two are equal, preset", equal, "K", ""),
        *[
            (
                f"spread of r at 300 K, area × {a:g}",
                v,
                "",
                f"read RC {float(READ_TIME) * 1e12:g} ps",
            )
            for a, v in zip(SPREAD_AREAS, spreads, strict=True)
        ],
        (
            "free-layer volume where the spread of r is 0.1",
            area_01 * float(base.volume / meter**3),
            "m³",
            f"{area_01:.2g} × the preset's: a {40 * np.sqrt(area_01) / 1e3:.0f} µm disk, 1 nm",
        ),
        *[
            (
                f"300 K training NRMSE at N = {N}",
                e,
                "",
                f"area × {NOISE_AREA:g}; clip units with noise σ = {sigma_star:.3f}: {ei:.3f}",
            )
            for N, e, ei in zip(SIZES_N, errors, ideal_errors, strict=True)
        ],
        (
            "300 K: log-log slope of training NRMSE vs N",
            float(np.polyfit(np.log(SIZES_N), np.log(errors), 1)[0]),
            "",
            "−½ for a readout averaging independent noise",
        ),
    ]
    reduced = TransferResponse([presets.zheng2020_mtj()] * N_MTJ)
    clean = measure(*run_protocol(reduced))
    for kind in IMPERFECTIONS:
        f1, f2 = _imperfect(reduced, kind)
        info.append(
            (
                f"{kind}: free NRMSE sine 1 / sine 2",
                f"{f1:.3f} / {f2:.3f}",
                "",
                f"reduced model, seed 0; without: {clean['free1']:.3f} / {clean['free2']:.3f}",
            )
        )
    data = {
        "N": np.array(SIZES_N),
        "errors": errors,
        "ideal_errors": ideal_errors,
        "areas": np.array(SPREAD_AREAS),
        "spreads": spreads,
        "diameters": DIAMETERS,
    }
    return Result(
        NAME,
        TARGETS,
        measured,
        info,
        data,
        quick,
        ideal=ideal,
        ideal_device=IDEAL_DEVICE + "; at 300 K with Gaussian noise on r of the junctions' spread",
    )


def plot(result):
    """Spread of r against the free-layer volume, and the 300 K training error against N."""
    from matplotlib.figure import Figure

    d = result.data
    fig = Figure(figsize=(10, 3.8), layout="constrained")
    ax_v, ax_n = fig.subplots(1, 2)
    ax_v.loglog(d["areas"], d["spreads"], "o-", label="LLG at 300 K, read RC 20 ps")
    ref = d["spreads"][-1] * np.sqrt(d["areas"][-1] / d["areas"])
    ax_v.loglog(d["areas"], ref, "k--", lw=0.8, label="∝ V^−1/2")
    ax_v.axhline(0.1, color="C3", lw=0.8, ls=":", label="spread 0.1")
    ax_v.set(xlabel="free-layer volume / preset's (40 nm × 1 nm)", ylabel="spread of r")
    ax_v.set_title("the 31 Ω band against thermal noise", fontsize=9)
    ax_v.legend(fontsize=8)
    ax_n.loglog(d["N"], d["errors"], "o-", label="MTJs, LLG at 300 K")
    ax_n.loglog(d["N"], d["ideal_errors"], "s--", label="clip units, matched noise")
    ax_n.loglog(
        d["N"], d["errors"][0] * np.sqrt(d["N"][0] / d["N"]), "k:", lw=0.8, label="∝ N^−1/2"
    )
    ax_n.set(xlabel="number of MTJs N", ylabel="NRMSE, last 600 ns of training")
    ax_n.set_title(f"area × {NOISE_AREA:g}: more junctions average the noise", fontsize=9)
    ax_n.legend(fontsize=8)
    return fig
