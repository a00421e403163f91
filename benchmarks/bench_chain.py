#!/usr/bin/env python
"""A chain of dipolar-coupled spin-torque oscillators (seed 003 Fig. 11): speed and accuracy.

The oscillator is ``presets.hoffmann2022_chain_sto()`` in its 4 kOe perpendicular field, at
the experiment's mean current with the review's 2 % spread, pitch a = 70 nm along x. Rows:

* spinbrian kernel, nearest neighbours: ``batch.simulate`` with ``MTJ.dipolar_tensors``
  (cutoff 1.5 a), the coupling re-evaluated at every RK4 stage — the experiment's chain;
* spinbrian kernel, all pairs: the same with every pair coupled (cmtj's physics);
* Brian2 cython, nearest neighbours: ``MTJ.neurons`` + ``MTJ.dipolar_coupling`` (summed
  variables: the neighbour's field is held for the step);
* cmtj ``GroupInteraction`` (optional, ``pip install .[bench]``): every pair through its
  point-dipole tensor (``computeDipoleInteractionNoumra``, the same H = M_sV(3r̂r̂ − I)m/(4πr³);
  its default ``computeDipoleInteraction`` lacks the 1/4π), each junction RK4-stepped with
  its neighbours frozen for the step.

Speed: junction-steps per second at N = 10³ (``--n``), dt = 1 ps, best of ``--repeat``.
Accuracy: a chain of 10 (all pairs) over 0.5 ns; each path's error at dt against its own
run at dt/16 (cmtj's γ differs from CODATA's by 0.08 %, so the paths converge to slightly
different orbits), the fitted order, the step that reaches |Δm| = 10⁻⁵ and the time the
10³ chain then needs for 1 ns.

A strongly coupled pair: the composite free layer of seed 003 Fig. 6 (exchange fields of
1.8 and 5.3·10⁶ A/m at J_ex = −0.5 mJ/m², j = 10¹¹ A/m², 20 ps), errors at dt = 0.2, 0.1,
0.05 ps against each path's own run at 0.0125 ps … 0.003 ps: the kernel (one RK4 system), the
same layers as two Brian2 neurons coupled by Synapses, and cmtj's two-layer ``Junction`` with
its IEC driver (each layer stepped with the other frozen). Usage::

    python benchmarks/bench_chain.py [--quick] [--out results.md]
"""

import argparse
import platform
import time

import numpy as np
from _report import emit
from bench_macrospin import best, cmtj_stt_layer

PITCH = 70e-9
DT = 1e-12
TOLS = (1e-3, 1e-5)
STEPS = (1e-12, 0.5e-12, 0.25e-12, 0.125e-12)


def chain(N, seed=0):
    """Currents (A/m²), positions (m) and the start direction of an N-oscillator chain."""
    from spinbrian.experiments import hoffmann2022_chain as experiment

    rng = np.random.default_rng(seed)
    j = experiment.J0 * (1 + experiment.SPREAD * rng.standard_normal(N))
    pos = np.c_[PITCH * np.arange(N), np.zeros(N), np.zeros(N)]
    m0 = np.array([1.0, 0.0, 0.05])
    return j, pos, m0 / np.linalg.norm(m0)


def _sto():
    from brian2 import meter
    from brian2.units.allunits import amp

    from spinbrian import presets

    field = float(presets.HOFFMANN2022_CHAIN_FIELD / (amp / meter))
    return presets.hoffmann2022_chain_sto(), field


# ------------------------------------------------------------------------------ paths
def run_kernel(N, dt, steps, neighbours_only=True):
    """Final directions (N, 3) and wall time of the kernel path."""
    from brian2 import meter, second
    from brian2.units.allunits import amp

    from spinbrian.batch import simulate

    sto, field = _sto()
    j, pos, m0 = chain(N)
    cutoff = 1.5 * PITCH * meter if neighbours_only else None
    coupling = sto.dipolar_tensors(pos * meter, cutoff=cutoff)
    t0 = time.perf_counter()  # includes the coupling's checks and sorting: cancels in speed()
    res = simulate(
        sto,
        steps * dt * second,
        dt * second,
        j=j * amp / meter**2,
        H_app=[0, 0, field] * amp / meter,
        m0=m0,
        coupling=coupling,
        record_every=0,
    )
    return res.m_final, time.perf_counter() - t0


def run_brian2(N, dt, steps):
    """Final directions and the wall time of ``steps`` steps on cython (compiled before)."""
    import brian2
    from brian2 import Network, meter, second
    from brian2.units.allunits import amp

    sto, field = _sto()
    j, pos, m0 = chain(N)
    brian2.start_scope()
    brian2.prefs.codegen.target = "cython"
    group = sto.neurons(
        N, j=j * amp / meter**2, H_app=[0, 0, field] * amp / meter, m0=m0, dt=dt * second
    )
    syn = sto.dipolar_coupling(group, pos * meter, cutoff=1.5 * PITCH * meter)
    net = Network(group, syn)
    net.run(0 * second)  # generate and compile (cached after the first call)
    t0 = time.perf_counter()
    net.run(steps * dt * second)
    wall = time.perf_counter() - t0
    m = np.c_[group.mx[:], group.my[:], group.mz[:]]
    return m, wall


def run_cmtj(N, dt, steps):
    """Final directions and wall time of cmtj's GroupInteraction (every pair coupled)."""
    from cmtj import AxialDriver, CVector, Junction, constantDriver, reservoir

    sto, field = _sto()
    p = sto.si()
    Ms_T = p["mu0"] * float(sto.Ms)  # cmtj takes M_s in tesla
    j, pos, m0 = chain(N)
    junctions = []
    for jj in j:
        layer = cmtj_stt_layer(sto, m0)  # thin film: M_eff = M_s
        junction = Junction([layer], p["R_P"], p["R_P"] + p["dR_TMR"])
        junction.setLayerAnisotropyDriver("free", constantDriver(Ms_T * p["Hk"] / 2))
        junction.setLayerCurrentDriver("free", constantDriver(jj))
        zero = constantDriver(0)
        junction.setLayerExternalFieldDriver("free", AxialDriver(zero, zero, constantDriver(field)))
        junctions.append(junction)
    group = reservoir.GroupInteraction([CVector(*r) for r in pos], junctions)
    group.setInteractionFunction(reservoir.computeDipoleInteractionNoumra)
    # cmtj truncates total/dt and write/dt to whole steps, and logs the state after step i
    # when i % write == 0: the half steps make it run ``steps`` steps and log the last one
    t0 = time.perf_counter()
    group.runSimulation((steps + 0.5) * dt, dt, (steps - 0.5) * dt)
    wall = time.perf_counter() - t0
    m = []
    for k in range(N):
        log = group.getLog(k)
        m.append([log["free_mx"][-1], log["free_my"][-1], log["free_mz"][-1]])
    return np.array(m), wall


# ------------------------------------------------------------------------------ the pair
PAIR_STEPS = (0.2e-12, 0.1e-12, 0.05e-12)
PAIR_J = 1e11
PAIR_DURATION = 20e-12


def composite():
    from brian2 import joule, meter

    from spinbrian import presets

    return presets.hoffmann2022_composite(J_ex=-0.5e-3 * joule / meter**2)


def pair_kernel(dt):
    from brian2 import meter, second
    from brian2.units.allunits import amp

    _, m_s, m_h = composite().simulate(
        PAIR_DURATION * second,
        dt * second,
        j=PAIR_J * amp / meter**2,
        m0_soft=(1, 0, -0.1),
        m0_hard=(0.05, 0, 1),
        record_every=0,
    )
    return np.r_[m_s[-1, 0], m_h[-1, 0]]


def pair_cmtj(dt):
    """The composite as cmtj's two-layer junction: IEC J_ex, STT on the hard layer only."""
    from brian2 import joule, meter
    from cmtj import CVector, Junction, Layer, constantDriver

    afc = composite()
    layers, anisotropy = [], []
    for name, dev, m0 in (("soft", afc.soft, (1, 0, -0.1)), ("hard", afc.hard, (0.05, 0, 1))):
        p = dev.si()
        Ms_T = p["mu0"] * float(dev.Ms)
        demag_z = p["Meff"] / float(dev.Ms)
        m0 = np.asarray(m0) / np.linalg.norm(m0)
        if name == "hard":
            layer = cmtj_stt_layer(dev, m0, name, demag_z)
        else:  # no spin torque on the soft layer
            zero = CVector(0, 0, 0)
            layer = Layer(
                name,
                CVector(*m0),
                CVector(*p["u"]),
                Ms_T,
                float(dev.thickness),
                float(dev.area),
                [zero, zero, CVector(0, 0, demag_z)],
                damping=p["alpha"],
            )
        layers.append(layer)
        anisotropy.append((name, Ms_T * p["Hk"] / 2))
    junction = Junction(layers)
    for name, K_u in anisotropy:
        junction.setLayerAnisotropyDriver(name, constantDriver(K_u))
    junction.setLayerCurrentDriver("hard", constantDriver(PAIR_J))
    junction.setIECDriver("soft", "hard", constantDriver(float(afc.J_ex / (joule / meter**2))))
    steps = int(round(PAIR_DURATION / dt))
    junction.runSimulation((steps + 0.5) * dt, dt, (steps - 0.5) * dt)  # as in run_cmtj
    log = junction.getLog()
    return np.array([log[f"{name}_m{ax}"][-1] for name in ("soft", "hard") for ax in "xyz"])


def pair_brian2_errors():
    """Errors of the Synapses-coupled pair against the kernel's one-system reference."""
    from brian2 import second

    from spinbrian.experiments import hoffmann2022_composite as experiment

    ref = pair_kernel(PAIR_STEPS[-1] / 16)
    steps = np.array(PAIR_STEPS) * second
    return experiment.synapse_pair_errors(composite(), PAIR_J, PAIR_DURATION * second, steps, ref)


def pair_orders(have_cmtj):
    """{path: (errors at PAIR_STEPS, order)}, each against its own fine run."""
    steps = np.array(PAIR_STEPS)
    out = {}
    paths = {"spinbrian kernel (one RK4 system)": pair_kernel}
    if have_cmtj:
        paths["cmtj two-layer Junction (IEC)"] = pair_cmtj
    for name, path in paths.items():
        ref = path(steps[-1] / 16)
        err = np.array([np.abs(path(dt) - ref).max() for dt in steps])
        out[name] = (err, np.polyfit(np.log(steps), np.log(err), 1)[0])
    err = pair_brian2_errors()
    out["Brian2, two neurons + Synapses"] = (err, np.polyfit(np.log(steps), np.log(err), 1)[0])
    return out


# ------------------------------------------------------------------------------ measures
def accuracy(path, N=10, duration=0.5e-9):
    """Errors at STEPS against the path's own run at STEPS[-1]/16; order; dt for each TOLS."""
    steps = np.array(STEPS)
    ref, _ = path(N, steps[-1] / 16, int(round(16 * duration / steps[-1])))
    err = np.array([np.abs(path(N, dt, int(round(duration / dt)))[0] - ref).max() for dt in steps])
    order, intercept = np.polyfit(np.log(steps), np.log(err), 1)
    dt_tol = np.exp((np.log(TOLS) - intercept) / order)  # from the fitted power law
    return err, order, dt_tol


def speed(path, N, steps, repeat):
    """Junction-steps per second: best wall of 3·steps minus best of steps (set-up cancels)."""
    short = best(lambda: path(N, DT, steps)[1], repeat)
    long = best(lambda: path(N, DT, 3 * steps)[1], repeat)
    return N * 2 * steps / (long - short)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer steps (rough numbers)")
    ap.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    ap.add_argument("--n", type=int, default=1000, help="chain length of the speed rows")
    ap.add_argument("--out", help="also write a Markdown table here")
    args = ap.parse_args()
    try:
        import cmtj  # noqa: F401

        have_cmtj = True
    except ImportError:
        have_cmtj = False
        print("cmtj not installed (pip install .[bench])")

    scale = 0.25 if args.quick else 1.0
    rows = {
        "spinbrian kernel, nearest neighbours": (run_kernel, int(2000 * scale)),
        "spinbrian kernel, all pairs": (
            lambda N, dt, s: run_kernel(N, dt, s, neighbours_only=False),
            int(40 * scale),
        ),
        "Brian2 cython, nearest neighbours": (run_brian2, int(400 * scale)),
    }
    if have_cmtj:
        rows["cmtj GroupInteraction, all pairs"] = (run_cmtj, max(2, int(8 * scale)))
    results = {}
    for name, (path, steps) in rows.items():
        rate = speed(path, args.n, steps, args.repeat)
        err, order, dt_tol = accuracy(path)
        results[name] = (rate, err, order, dt_tol)
        print(f"{name}: {rate / 1e6:.3g} M junction-steps/s, order {order:.2f}", flush=True)

    tols = " / ".join(f"{t:g}" for t in TOLS)
    lines = [
        f"Chain of {args.n} dipolar-coupled STOs (seed 003 Fig. 11 oscillator, a = 70 nm, "
        f"2 % current spread), dt = {DT * 1e12:g} ps, one core. "
        f"{platform.processor() or platform.machine()}",
        "",
        "| path | M junction-steps/s | error at 1 / 0.5 / 0.25 / 0.125 ps (10 STOs, 0.5 ns) "
        f"| order | dt for |Δm| = {tols} | wall for 1 ns of {args.n} at those dt |",
        "|---|---:|---|---:|---:|---:|",
    ]
    walls = {}
    for name, (rate, err, order, dt_tol) in results.items():
        walls[name] = args.n * (1e-9 / dt_tol) / rate
        errs = " / ".join(f"{e:.1e}" for e in err)
        dts = " / ".join(f"{d * 1e12:.3g}" for d in dt_tol)
        wall = " / ".join(f"{w:.3g}" for w in walls[name])
        lines.append(f"| {name} | {rate / 1e6:.3g} | {errs} | {order:.2f} | {dts} ps | {wall} s |")
    if have_cmtj:
        ref = "cmtj GroupInteraction, all pairs"
        same = results["spinbrian kernel, all pairs"][0] / results[ref][0]
        lines += [
            "",
            f"kernel / cmtj, both all pairs, same dt: {same:.3g}× the junction-steps per second.",
            f"At equal accuracy (|Δm| = {tols}; first-order paths extrapolated along their "
            "fitted order), wall-time ratio to cmtj: "
            + "; ".join(
                f"{name} " + " / ".join(f"{r:.3g}×" for r in walls[ref] / w)
                for name, w in walls.items()
                if name != ref
            )
            + ".",
        ]
    lines += [
        "",
        "Strongly coupled pair (seed 003 Fig. 6 composite, J_ex = −0.5 mJ/m², 20 ps):",
        "",
        "| path | error at 0.2 / 0.1 / 0.05 ps | order |",
        "|---|---|---:|",
    ]
    for name, (err, order) in pair_orders(have_cmtj).items():
        errs = " / ".join(f"{e:.1e}" for e in err)
        lines.append(f"| {name} | {errs} | {order:.2f} |")
    emit(lines, args.out)


if __name__ == "__main__":
    main()
