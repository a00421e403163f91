#!/usr/bin/env python
"""Junction-steps per second of the macrospin integrators, side by side in one run.

Same junction everywhere: ``presets.zheng2020_mtj()`` (STT, j = 0.9·10¹⁰ A/m², m0 tilted
from the easy axis), dt = 0.25 ps; T = 0 for the deterministic rows, T = 300 K for the
thermal rows. Rows:

* spinbrian kernel: ``spinbrian.cython_kernels.macrospin.integrate`` (RK4, per-step Brown
  field, single core);
* MTJ.neurons cython / cpp_standalone: the group a user gets from ``MTJ.neurons`` (the
  staged RK4 state updater, the ``reciprocal`` Function and spinbrian's GCC flags, see
  spinbrian.devices.vectorise), on Brian2's runtime ``cython`` target and on
  ``cpp_standalone``;
* Brian2 rk4 cython / cpp_standalone: the same equations with Brian2's ``rk4`` (every
  subexpression substituted into every stage) and Brian2's default compiler flags — the
  path before the staged updater;
* timing: on ``cython``, the best time of ``run`` for 3·s steps minus the best time for s
  steps, so code generation and per-run overhead cancel; on ``cpp_standalone``, the
  device's own timing of the simulation loop (``device._last_run_time``), built once per N
  and T, compile time excluded. Each row uses a private Cython cache (Brian2's cache does
  not key on compiler flags);
* NumPy: a vectorised RK4 of the same equations (numpy's normal generator when thermal);
* cmtj (optional, ``pip install .[bench]``): one ``Junction`` per junction, RK4 at T = 0
  and its Heun solver at T > 0 (2 drift evaluations per step instead of RK4's 4), logging
  once per run; set-up excluded.

Each number is the best of ``--repeat`` runs (the machine is shared and noisy). Usage::

    python benchmarks/bench_macrospin.py [--quick] [--out results.md]
"""

import argparse
import contextlib
import functools
import io
import platform
import sys
import tempfile
import time

import numpy as np
from _report import emit

DT = 0.25e-12
J = 0.9e10
M0 = (0.1, 0.0, 1.0)
SIZES = (1, 100, 10_000)
T_HOT = 300.0


def device(thermal):
    from brian2 import kelvin

    from spinbrian import presets

    return presets.zheng2020_mtj(temperature=(T_HOT if thermal else 0.0) * kelvin)


def best(fn, repeat):
    """Smallest value returned by ``fn()`` (seconds) over ``repeat`` calls."""
    return min(fn() for _ in range(repeat))


# ------------------------------------------------------------------------------ kernel
def bench_kernel(N, steps, thermal, repeat):
    from spinbrian.cython_kernels import macrospin

    params = device(thermal).si()
    m0 = np.tile(M0, (N, 1))
    H = np.zeros((N, 3))
    j = np.full(N, J)

    def once():
        t0 = time.perf_counter()
        macrospin.integrate(params, m0, H, j, DT, steps, seed=1)
        return time.perf_counter() - t0

    return N * steps / best(once, repeat)


# ------------------------------------------------------------------------------ NumPy
def numpy_rk4(p, m, H, j, dt, steps, rng=None):
    """Vectorised RK4 + renormalisation of the same LL equation (STT with ε(m·p), SOT)."""
    g = p["gamma"] * p["mu0"]
    alpha = p["alpha"]
    u, pp, s = (np.asarray(p[k], float)[:, None] for k in ("u", "p", "s"))
    hk, meff = g * p["Hk"], g * p["Meff"]
    L2 = p["Lambda"] ** 2
    a_stt, a_sot = p["stt_per_j"] * j, p["sot_per_j"] * j
    b_app = g * H.T
    sig = g * p["thermal_sigma"] / np.sqrt(dt)
    ez = np.array([0.0, 0.0, 1.0])[:, None]

    def rhs(m, b0):
        m_sq = (m * m).sum(0)
        b = b0 + hk * (u * m).sum(0) * u - meff * m[2] * ez
        m_b = (m * b).sum(0)
        mp = (m * pp).sum(0)
        eps = L2 / ((L2 + 1) + (L2 - 1) * mp)
        T = a_stt * (eps * (m_sq * pp - mp * m) - p["beta_stt"] * np.cross(m, pp, axis=0))
        ms = (m * s).sum(0)
        T += a_sot * ((m_sq * s - ms * m) - p["beta_sot"] * np.cross(m, s, axis=0))
        w = alpha * T - b
        return (np.cross(m, w, axis=0) + T - alpha * (m_b * m - m_sq * b)) / (1 + alpha**2)

    m = np.array(m, float).T
    m /= np.linalg.norm(m, axis=0)
    for _ in range(steps):
        b0 = b_app if rng is None else b_app + sig * rng.standard_normal(m.shape)
        k1 = rhs(m, b0)
        k2 = rhs(m + 0.5 * dt * k1, b0)
        k3 = rhs(m + 0.5 * dt * k2, b0)
        k4 = rhs(m + dt * k3, b0)
        m = m + dt / 6 * (k1 + 2 * (k2 + k3) + k4)
        m /= np.linalg.norm(m, axis=0)
    return m.T


def bench_numpy(N, steps, thermal, repeat):
    params = device(thermal).si()
    m0 = np.tile(M0, (N, 1))

    def once():
        rng = np.random.default_rng(1) if thermal else None
        t0 = time.perf_counter()
        numpy_rk4(params, m0, np.zeros((N, 3)), np.full(N, J), DT, steps, rng)
        return time.perf_counter() - t0

    return N * steps / best(once, repeat)


# ------------------------------------------------------------------------------ Brian2
def _quiet():
    return contextlib.redirect_stdout(io.StringIO())


def _brian2_group(N, thermal, path):
    """``MTJ.neurons`` as a user gets it, or (path "rk4") Brian2's rk4 with its own flags."""
    import brian2
    from brian2 import second
    from brian2.units.allunits import amp, meter

    from spinbrian.devices.vectorise import FLAGS

    method = "rk4" if path == "rk4" else None
    group = device(thermal).neurons(N, j=J * amp / meter**2, m0=M0, dt=DT * second, method=method)
    if path == "rk4":  # MTJ.neurons added the flags; the code is compiled later, without them
        args = brian2.prefs.codegen.cpp.extra_compile_args_gcc
        brian2.prefs.codegen.cpp.extra_compile_args_gcc = [a for a in args if a not in FLAGS]
    return group


@contextlib.contextmanager
def _brian2_session(device_name, **device_options):
    """A fresh Brian2 device and scope; C++ flags and the Cython cache restored after."""
    import brian2
    from brian2.devices import reinit_devices

    saved = list(brian2.prefs.codegen.cpp.extra_compile_args_gcc)
    with tempfile.TemporaryDirectory() as tmp:
        reinit_devices()
        # a private Cython cache: Brian2's cache does not key on compiler flags
        brian2.prefs.codegen.runtime.cython.cache_dir = f"{tmp}/cython"
        brian2.set_device(device_name, **device_options)
        brian2.start_scope()
        try:
            yield tmp
        finally:
            brian2.prefs.codegen.cpp.extra_compile_args_gcc = saved
            brian2.prefs.codegen.runtime.cython.cache_dir = None
            reinit_devices()
            brian2.set_device("runtime")


def bench_brian2_runtime(N, steps, thermal, repeat, path="spinbrian"):
    """Best time of ``3·steps`` minus best time of ``steps``: per-run costs cancel."""
    import brian2
    from brian2 import Network, second

    with _brian2_session("runtime"):
        brian2.prefs.codegen.target = "cython"
        net = Network(_brian2_group(N, thermal, path))
        net.run(10 * DT * second)  # generate and compile the code objects

        def timed(n):
            t0 = time.perf_counter()
            net.run(n * DT * second)
            return time.perf_counter() - t0

        short = best(lambda: timed(steps), repeat)
        long = best(lambda: timed(3 * steps), repeat)
        brian2.prefs.codegen.target = "auto"
    return N * 2 * steps / (long - short)


def bench_brian2_standalone(N, steps, thermal, repeat, path="spinbrian", profile=False):
    """Device-timed simulation loop (compile excluded); with ``profile`` also the share of
    each code object in the loop."""
    import brian2
    from brian2 import second

    with _brian2_session("cpp_standalone", build_on_run=False) as tmp:
        current_device = brian2.get_device()
        net = brian2.Network(_brian2_group(N, thermal, path))
        net.run(steps * DT * second, profile=profile)
        with _quiet():
            current_device.build(directory=f"{tmp}/build", compile=True, run=True)
        times = [current_device._last_run_time]
        shares = {}
        if profile:
            total = sum(float(t) for _, t in net.profiling_info)
            shares = {name: float(t) / total for name, t in net.profiling_info}
        for _ in range(repeat - 1):
            current_device.run(directory=f"{tmp}/build", with_output=False, run_args=[])
            times.append(current_device._last_run_time)
    rate = N * steps / min(times)
    return (rate, shares) if profile else rate


# ------------------------------------------------------------------------------ cmtj
def cmtj_junctions(N, thermal):
    """N cmtj junctions equivalent to zheng2020 (cmtj: Ms in tesla, anisotropy as K_u)."""
    from cmtj import Junction, constantDriver

    p = device(thermal).si()
    dev = device(thermal)
    Ms_T = p["mu0"] * float(dev.Ms)
    m0 = np.asarray(M0) / np.linalg.norm(M0)
    out = []
    for _ in range(N):
        layer = cmtj_stt_layer(dev, m0)
        junction = Junction([layer], p["R_P"], p["R_P"] + p["dR_TMR"])
        junction.setLayerAnisotropyDriver("free", constantDriver(Ms_T * p["Hk"] / 2))
        junction.setLayerCurrentDriver("free", constantDriver(J))
        if thermal:
            junction.setLayerTemperatureDriver("free", constantDriver(T_HOT))
        out.append(junction)
    return out


def cmtj_stt_layer(dev, m0, name="free", demag_z=1.0):
    """A cmtj STT layer with ``dev``'s constants (M_s in tesla), polarised along its reference.

    ``demag_z``: the zz entry of cmtj's demag tensor (M_eff/M_s; 1 for a thin film).
    """
    from cmtj import CVector, Layer

    p = dev.si()
    layer = Layer.createSTTLayer(
        name,
        CVector(*m0),
        CVector(*p["u"]),
        p["mu0"] * float(dev.Ms),
        float(dev.thickness),
        float(dev.area),
        [CVector(0, 0, 0), CVector(0, 0, 0), CVector(0, 0, demag_z)],
        damping=p["alpha"],
        SlonczewskiSpacerLayerParameter=p["Lambda"],
        beta=p["beta_stt"],
        spinPolarisation=float(dev.P),
    )
    layer.setReferenceLayer(CVector(*p["p"]))
    return layer


def bench_cmtj(N, steps, thermal, repeat):
    from cmtj import SolverMode

    mode = SolverMode.Heun if thermal else SolverMode.RK4
    total = steps * DT

    def once():
        junctions = cmtj_junctions(N, thermal)
        t0 = time.perf_counter()
        for junction in junctions:
            junction.runSimulation(total, DT, total, solverMode=mode)
        return time.perf_counter() - t0

    return N * steps / best(once, repeat)


def cmtj_agreement():
    """max |Δm| between cmtj (RK4) and the kernel over 0.5 ns at T = 0 (same junction?)."""
    from spinbrian.cython_kernels import macrospin

    junction = cmtj_junctions(1, False)[0]
    steps, every = 2000, 10
    junction.runSimulation(steps * DT, DT, every * DT)
    log = junction.getLog()
    mc = np.column_stack([log["free_mx"], log["free_my"], log["free_mz"]])
    _, rec = macrospin.integrate(
        device(False).si(), [M0], [0, 0, 0], [J], DT, steps, record_every=every
    )
    n = min(len(mc), len(rec))
    return float(np.abs(mc[:n] - rec[:n, 0]).max())


# ------------------------------------------------------------------------------ driver
def plan(quick):
    """Steps per size for each row (fewer for big N and slow rows)."""
    scale = 0.2 if quick else 1.0

    def steps(budget, N, lo=20, hi=400_000):
        return int(min(hi, max(lo, scale * budget / N)))

    return {
        "spinbrian kernel": (bench_kernel, lambda N: steps(3e7, N)),
        "MTJ.neurons cpp_standalone": (
            bench_brian2_standalone,
            lambda N: steps(4e7, N, hi=200_000),
        ),
        "MTJ.neurons cython": (bench_brian2_runtime, lambda N: steps(1e7, N, hi=5_000)),
        "Brian2 rk4 cpp_standalone": (
            functools.partial(bench_brian2_standalone, path="rk4"),
            lambda N: steps(2e7, N, hi=200_000),
        ),
        "Brian2 rk4 cython": (
            functools.partial(bench_brian2_runtime, path="rk4"),
            lambda N: steps(1e7, N, hi=5_000),
        ),
        "NumPy RK4": (bench_numpy, lambda N: steps(5e6, N, hi=3_000)),
        "cmtj": (bench_cmtj, lambda N: steps(5e6, N, lo=100, hi=400_000)),
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer steps (rough numbers)")
    ap.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    ap.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    ap.add_argument("--out", help="also write a Markdown table here")
    args = ap.parse_args(argv)

    try:
        import cmtj  # noqa: F401

        have_cmtj = True
    except ImportError:
        have_cmtj = False
        print("cmtj not installed (pip install .[bench])")

    results = {}  # (row, thermal) -> {N: rate}
    for thermal in (False, True):
        for row, (fn, steps) in plan(args.quick).items():
            if row == "cmtj" and not have_cmtj:
                continue
            for N in args.sizes:
                t0 = time.perf_counter()
                rate = fn(N, steps(N), thermal, args.repeat)
                results.setdefault((row, thermal), {})[N] = rate
                label = "thermal" if thermal else "T = 0"
                print(
                    f"{row:24s} {label:8s} N = {N:6d}: {rate / 1e6:9.3f} M junction-steps/s"
                    f"  ({time.perf_counter() - t0:.1f} s)",
                    flush=True,
                )

    lines = [
        f"Junction-steps per second (M/s), best of {args.repeat}; zheng2020 MTJ, dt = "
        f"{DT * 1e12:g} ps, RK4 (cmtj thermal: Heun). {platform.processor() or platform.machine()}"
        f", Python {platform.python_version()}.",
        "",
        "| integrator | T | " + " | ".join(f"N = {N}" for N in args.sizes) + " |",
        "|---|---|" + "---:|" * len(args.sizes),
    ]
    for thermal in (False, True):
        for row in plan(args.quick):
            if (row, thermal) not in results:
                continue
            r = results[(row, thermal)]
            cells = " | ".join(f"{r[N] / 1e6:.3g}" for N in args.sizes)
            lines.append(f"| {row} | {'300 K' if thermal else '0'} | {cells} |")
    if have_cmtj:
        lines += [
            "",
            "Ratio to cmtj (same N, same T):",
            "",
            "| integrator | T | " + " | ".join(f"N = {N}" for N in args.sizes) + " |",
            "|---|---|" + "---:|" * len(args.sizes),
        ]
        for thermal in (False, True):
            ref = results[("cmtj", thermal)]
            for row in plan(args.quick):
                if row == "cmtj":
                    continue
                r = results[(row, thermal)]
                cells = " | ".join(f"{r[N] / ref[N]:.3g}×" for N in args.sizes)
                lines.append(f"| {row} | {'300 K' if thermal else '0'} | {cells} |")
        lines += [
            "",
            f"cmtj vs kernel at T = 0, 0.5 ns: max |Δm| = {cmtj_agreement():.1e} "
            "(cmtj's γ differs by 0.08 %)",
        ]
    N = max(args.sizes)
    lines += [
        "",
        f"Where the time goes: MTJ.neurons on cpp_standalone, N = {N}, share of the loop",
        "",
    ]
    for thermal in (False, True):
        _, shares = bench_brian2_standalone(
            N, plan(args.quick)["MTJ.neurons cpp_standalone"][1](N), thermal, 1, profile=True
        )
        cells = ", ".join(
            f"{name} {share:.0%}" for name, share in sorted(shares.items(), key=lambda kv: -kv[1])
        )
        lines.append(f"* {'300 K' if thermal else 'T = 0'}: {cells}")
    emit(lines, args.out)


if __name__ == "__main__":
    sys.exit(main())
