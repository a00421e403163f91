"""Seed 003 Fig. 11: a chain of spin-torque oscillators locked by magnetostatic coupling.

The oscillator is the review's (``presets.hoffmann2022_chain_sto``: D = 60 nm, t = 1 nm,
M_s = 10⁶ A/m, K_u = 100 J/m³, α = 0.01, 4 kOe perpendicular field), with a perpendicular
polariser (assumed), so each junction precesses on a circle about ẑ. Junctions sit on a line
along x̂ with pitch a; each feels its nearest neighbours' point-dipole field, the full 3×3
tensor (``MTJ.dipolar_tensors``), integrated by the compiled kernel with the coupling
re-evaluated at every RK4 stage. The currents scatter by 2 % (the review's spread), around
j0 (not given: chosen for f ≈ 10 GHz).

**Locking range of a pair, derived here.** With p ∥ H ∥ ẑ and Λ = 1 the free-running
precession sits at the m_z where damping balances the torque, αγμ0(H − M_eff m_z) = ε|a_J|,
with frequency f0 = ε|a_J|/(2πα) (ε = ½): set by the current, not by the field. A change of
m_z relaxes at Γ = αγμ0M_eff(1 − m_z²) and shifts the frequency by N = −γμ0M_eff per unit m_z,
so the nonlinearity of Slavin & Tiberkevich (2009) is |ν| = |N|(1 − m_z²)/Γ = 1/α = 100: far
in the strongly nonlinear limit, not Adler's. The neighbour's rotating in-plane field acts
through the circular part of the dipole tensor, K_⊥ = (K_xx + K_yy)/2 = M_sV/(8πa³) for
r̂ = x̂ (the anti-circular part averages out over a period); averaged over the precession it
drives m_z at γμ0K_⊥(1 − m_z²) sin ψ (ψ the phase difference), which moves the frequency by
γμ0K_⊥ sin ψ/α. The phase difference then obeys Adler's equation ψ' = Δω0 − Δω_L sin ψ with
Δω_L = 2γμ0K_⊥/α, and with Δω0 = 2πf0·δ for a current mismatch δ = Δj/j0 the pair locks for

    |δ| ≤ δ_L = 2γμ0K_⊥/(ε|a_J0|)        (α cancels),

the *limit* row: the numerical locking boundary against δ_L at three pitches (the direct phase
coupling, ∝ m_z cos ψ with m_z ≈ 0.03 here, is left out). Past δ_L the pair unlocks at once
to a beat near Δf0 (panel c), a hard transition, not Adler's √ onset.

*Predictions* (the review's Fig. 11 statements): with the 2 % spread, a chain of 20 locks to
one common frequency (spread across the chain ≤ 1 MHz), with a stationary angle shift between
neighbours — the angle (phase) wave. The review gives no pitch: the rows take a = 80 nm
(20 nm gaps between the disks, where the point dipole is only the far-field estimate of the
coupling); at 100 nm a chain of 20 with this spread does not lock, as the detuning summed
along the chain outgrows δ_L. *Sweeps* (the review gives neither): the fraction of chains
that lock against the pitch and the chain length (info rows, figure).

*Limits* on the integration (panel e): a chain of 10 at a = 70 nm, 0.5 ns, errors at
dt = 1 … 0.125 ps against the kernel at dt/16. The kernel is fourth order (≥ 3.5); the same
chain as Brian2 objects (``MTJ.neurons`` + ``MTJ.dipolar_coupling``: summed variables hold
the neighbour's field for the step) converges to the kernel's orbit at first order (1 ± 0.3),
which checks that both paths carry the same coupling. At 1 ps the Brian2 chain is off by
≈ 8·10⁻² in m after 0.5 ns, the kernel by ≈ 4·10⁻⁶.
"""

import numpy as np
from brian2 import Network, meter, nsecond, psecond, second
from brian2.units.allunits import amp

from spinbrian import batch, presets
from spinbrian.constants import MU0
from spinbrian.experiments import Result, Target

NAME = "hoffmann2022_chain"
TITLE = "Seed 003 Fig. 11: STO chain locked by dipolar coupling — common frequency, angle wave"

_SRC = "003_cb68a8b132582be2.txt, §III.B and Fig. 11"
_J = amp / meter**2
#: Mean current density (A/m², negative: the torque opposes the damping with p = +ẑ).
J0 = -2.2e10
#: Spread of the currents (relative standard deviation), seed 003 Fig. 11.
SPREAD = 0.02
DT = 1 * psecond
#: Pitch of the chain checks (20 nm gaps between the 60 nm disks) and of the pair check (m).
PITCH = 80e-9
PAIR_PITCHES = (80e-9, 100e-9, 150e-9, 200e-9)
#: The pair target uses the pitches where δ_L ≤ WEAK: the theory is leading order in the
#: coupling (Δω_L/ω0 = δ_L), and at 80 nm (δ_L ≈ 15 %) it is shown, not tested.
WEAK = 0.10
#: Mismatches of the pair check, in units of the predicted δ_L.
PAIR_GRID = np.linspace(0.8, 1.2, 17)
#: Chain length of the prediction rows; lengths and pitches of the sweeps.
CHAIN_N = 20
LENGTHS = (5, 10, 20, 40)
PITCHES = (70e-9, 80e-9, 100e-9, 150e-9)
#: A chain counts as locked when its frequencies agree to this (Hz).
LOCK_TOL = 1e6
#: Steps (ps) of the convergence check.
CONV_STEPS = (1.0, 0.5, 0.25, 0.125)

TARGETS = [
    Target(
        "pair_lock_err",
        f"max over pitches with δ_L ≤ {100 * WEAK:g} % of |δ_lock,numerical/δ_L − 1| (pair)",
        5.0,
        "%",
        kind="max",
        source="Adler equation from the Slavin–Tiberkevich large-ν limit, derived here",
        role="limit",
        paper="δ_L = 2γμ0K_⊥/(ε|a_J|)",
    ),
    Target(
        "kernel_order",
        "convergence order in dt, chain of 10 at a = 70 nm through the kernel",
        3.5,
        "",
        kind="min",
        source="RK4 over the coupled stages: global error ∝ dt⁴",
        role="limit",
        paper="fourth order",
    ),
    Target(
        "brian2_order",
        "order in dt of the Brian2 chain (summed variables) against the kernel's orbit",
        1.0,
        "",
        abs=0.3,
        source="a field held for the step: first-order splitting, same limit as dt → 0",
        role="limit",
        paper="first order, converging to the same orbit",
    ),
    Target(
        "chain_spread",
        f"frequency spread across a chain of {CHAIN_N}, a = 80 nm, 2 % current spread",
        LOCK_TOL / 1e6,
        "MHz",
        kind="max",
        source=_SRC,
        role="prediction",
        paper="a frequency-synchronized linear array with random parameter distributions",
    ),
    Target(
        "wave_drift",
        "largest drift of a neighbour angle shift over the last third of the run",
        0.05,
        "rad",
        kind="max",
        source=_SRC,
        role="prediction",
        paper="a consecutive angle shift between adjacent STOs: an angle wave",
    ),
]


def chain_segments(lengths, pitch, seed):
    """Currents and x positions of chains of the given lengths, far apart (one group)."""
    rng = np.random.default_rng(seed)
    j, x, owner = [], [], []
    start = 0.0
    for k, n in enumerate(lengths):
        j.append(J0 * (1 + SPREAD * rng.standard_normal(n)))
        x.append(start + pitch * np.arange(n))
        owner += [k] * n
        start = x[-1][-1] + 10 * pitch  # no coupling between chains (nearest-neighbour cutoff)
    return np.concatenate(j), np.concatenate(x), np.array(owner)


def simulate(j, x, pitch, duration, record=10 * psecond, coupled=True):
    """Run the junctions at currents ``j`` and positions ``x`` with nearest-neighbour coupling.

    Through the compiled kernel, the dipolar fields re-evaluated at every RK4 stage (fourth
    order in dt; :func:`brian2_final` is the Brian2 path). ``coupled=False`` runs them free
    (the free-running oscillators). Returns the record times (s) and unwrapped phases.
    """
    res = _kernel_run(j, x, pitch, duration, DT, record, coupled)
    phase = np.unwrap(np.angle(res.m[:, :, 0] + 1j * res.m[:, :, 1]), axis=0).T
    return np.asarray(res.t / second), phase


def _kernel_run(j, x, pitch, duration, dt, record_every, coupled=True):
    """The chain through ``batch.simulate`` (nearest-neighbour dipolar tensors)."""
    sto = presets.hoffmann2022_chain_sto()
    pos = np.c_[x, 0 * x, 0 * x] * meter
    return batch.simulate(
        sto,
        duration,
        dt,
        j=j * _J,
        H_app=[0, 0, _field()] * amp / meter,
        m0=(1, 0, 0.05),
        coupling=sto.dipolar_tensors(pos, cutoff=1.5 * pitch * meter) if coupled else None,
        record_every=record_every,
    )


def _field():
    return float(presets.HOFFMANN2022_CHAIN_FIELD / (amp / meter))


def brian2_final(j, x, pitch, duration, dt):
    """Final directions (N, 3) of the same chain as Brian2 objects.

    ``MTJ.neurons`` + ``MTJ.dipolar_coupling``: summed variables hold the neighbour's field
    for the step.
    """
    from brian2 import start_scope

    start_scope()
    sto = presets.hoffmann2022_chain_sto()
    group = sto.neurons(
        len(j), j=j * _J, H_app=[0, 0, _field()] * amp / meter, m0=(1, 0, 0.05), dt=dt
    )
    pos = np.c_[x, 0 * x, 0 * x] * meter
    syn = sto.dipolar_coupling(group, pos, cutoff=1.5 * pitch * meter)
    Network(group, syn).run(duration, namespace={})
    return np.c_[group.mx[:], group.my[:], group.mz[:]]


def kernel_final(j, x, pitch, duration, dt):
    """Final directions (N, 3) of :func:`simulate`'s kernel run at step ``dt``."""
    return _kernel_run(j, x, pitch, duration, dt, 0).m_final


def convergence(duration=0.5 * nsecond):
    """Errors in dt of a strongly coupled chain of 10 (a = 70 nm) on both paths.

    Each against the kernel at CONV_STEPS[-1]/16: the kernel's order (RK4 over the coupled
    stages), and Brian2's (first order, the field held for the step) converging to it.
    """
    j, x, _ = chain_segments([10], 70e-9, seed=0)
    steps = np.array(CONV_STEPS) * psecond
    ref = kernel_final(j, x, 70e-9, duration, steps[-1] / 16)
    out = {"steps": np.asarray(steps / second)}
    for name, path in (("kernel", kernel_final), ("brian2", brian2_final)):
        err = np.array([np.abs(path(j, x, 70e-9, duration, dt) - ref).max() for dt in steps])
        out[f"{name}_err"] = err
        out[f"{name}_order"] = float(np.polyfit(np.log(out["steps"]), np.log(err), 1)[0])
    return out


def frequencies(t, phase, settle=0.6):
    """Mean precession frequency of each junction over the last part of the run (Hz)."""
    sel = t > settle * t[-1]
    return np.polyfit(t[sel], phase[:, sel].T, 1)[0] / (2 * np.pi)


def predicted_lock(pitch):
    """δ_L = 2γμ0K_⊥/(ε|a_J0|) with K_⊥ = M_sV/(8πa³) (module note)."""
    sto = presets.hoffmann2022_chain_sto()
    moment = float(sto.Ms / (amp / meter)) * float(sto.volume / meter**3)
    K_perp = moment / (8 * np.pi * pitch**3)
    gamma = float(sto.gamma * second)  # rad s⁻¹ T⁻¹
    a_J = float(sto.stt_per_j / (meter**2 / amp / second)) * abs(J0)
    return 2 * gamma * MU0 * K_perp / (0.5 * a_J)


def pair_check(duration, progress=None):
    """Numerical locking boundary of pairs against δ_L at each pitch."""
    out = {}
    for pitch in PAIR_PITCHES:
        deltas = predicted_lock(pitch) * PAIR_GRID
        j = np.ravel([[J0 * (1 - d / 2), J0 * (1 + d / 2)] for d in deltas])
        x = np.ravel([[20 * k * pitch, (20 * k + 1) * pitch] for k in range(len(deltas))])
        t, phase = simulate(j, x, pitch, duration)
        f = frequencies(t, phase)
        beat = np.abs(f[1::2] - f[0::2])
        locked = beat < LOCK_TOL
        unlocked = np.flatnonzero(~locked)
        first = unlocked[0] if len(unlocked) else len(deltas)
        edge = 0.5 * (deltas[first - 1] + deltas[first]) if 0 < first < len(deltas) else np.nan
        out[pitch] = {"deltas": deltas, "beat": beat, "edge": edge, "predicted": deltas[0] / 0.8}
        if progress is not None:
            progress(
                f"pair, a = {pitch * 1e9:.0f} nm: locks up to δ = {100 * edge:.2f} % "
                f"(predicted {100 * predicted_lock(pitch):.2f} %)"
            )
    return out


def chain_check(duration, seed=3):
    """One chain of CHAIN_N at the pitch PITCH: frequencies and the angle wave."""
    j, x, _ = chain_segments([CHAIN_N], PITCH, seed)
    t, phase = simulate(j, x, PITCH, duration)
    f = frequencies(t, phase)
    psi = np.angle(np.exp(1j * np.diff(phase, axis=0)))  # neighbour angle shifts, (N−1, T)
    late = t > t[-1] * 2 / 3
    drift = np.ptp(np.unwrap(psi[:, late], axis=1), axis=1)
    t_free, phase_free = simulate(j, x, PITCH, duration, coupled=False)
    return {
        "f": f,
        "j": j,
        "psi": psi[:, -1],
        "drift": drift,
        "t": t,
        "spectra": spectra(t, phase),
        "spectra_free": spectra(t_free, phase_free),
    }


def spectra(t, phase, settle=0.5):
    """Power spectra of m_x + i m_y of each oscillator over the late run: (f in Hz, P (N, F))."""
    sel = t > settle * t[-1]
    z = np.exp(1j * phase[:, sel])
    power = np.abs(np.fft.fft(z * np.hanning(sel.sum()), axis=1)) ** 2
    f = np.fft.fftfreq(sel.sum(), t[1] - t[0])
    order = np.argsort(f)
    return f[order], power[:, order] / power.max(axis=1, keepdims=True)


def sweeps(duration, seeds):
    """Fraction of chains that lock, against the pitch (each length) over ``seeds`` draws."""
    locked = np.zeros((len(PITCHES), len(LENGTHS)))
    for p, pitch in enumerate(PITCHES):
        for seed in range(seeds):
            j, x, owner = chain_segments(LENGTHS, pitch, 100 + seed)
            t, phase = simulate(j, x, pitch, duration, record=20 * psecond)
            f = frequencies(t, phase)
            for k in range(len(LENGTHS)):
                locked[p, k] += np.ptp(f[owner == k]) < LOCK_TOL
    return locked / seeds


def run(quick=False, progress=None):
    """Pair locking against the theory, one chain's frequencies and angle wave, the sweeps."""
    duration = (80 if quick else 150) * nsecond
    pairs = pair_check(duration, progress)
    chain = chain_check(duration)
    locked = sweeps(duration, 2 if quick else 5)
    conv = convergence()
    edges = [
        pairs[p]["edge"] / predicted_lock(p) - 1 for p in PAIR_PITCHES if predicted_lock(p) <= WEAK
    ]
    measured = {
        "pair_lock_err": 100 * float(np.max(np.abs(edges))),
        "chain_spread": float(np.ptp(chain["f"])) / 1e6,
        "wave_drift": float(np.max(chain["drift"])),
        "kernel_order": conv["kernel_order"],
        "brian2_order": conv["brian2_order"],
    }
    info = [
        (
            "common frequency of the chain",
            float(np.mean(chain["f"])) / 1e9,
            "GHz",
            f"free-running f0 = ε|a_J|/(2πα) spread {100 * SPREAD:g} % ≈ "
            f"{SPREAD * abs(float(np.mean(chain['f']))) / 1e9:.2f} GHz",
        ),
        (
            "rms neighbour angle shift",
            float(np.sqrt(np.mean(chain["psi"] ** 2))),
            "rad",
            "the angle wave",
        ),
    ]
    for p in PAIR_PITCHES:
        info.append(
            (
                f"pair locking range at a = {p * 1e9:.0f} nm",
                100 * pairs[p]["edge"],
                "%",
                f"δ_L = {100 * predicted_lock(p):.3f} % (theory)",
            )
        )
    for k, n in enumerate(LENGTHS):
        info.append(
            (
                f"fraction of chains of {n} that lock, a = 70/80/100/150 nm",
                float(locked[0, k]),
                "",
                "/".join(f"{v:.2f}" for v in locked[:, k]),
            )
        )
    info.append(
        (
            "error at dt = 1 ps after 0.5 ns, kernel / Brian2",
            float(conv["kernel_err"][0]),
            "",
            f"Brian2 {conv['brian2_err'][0]:.1e}: max |Δm| against the kernel at "
            f"{CONV_STEPS[-1] / 16:g} ps",
        )
    )
    data = {"pairs": pairs, "chain": chain, "locked": locked, "conv": conv}
    return Result(NAME, TARGETS, measured, info, data, quick)


def plot(result):
    """(a) frequencies along the chain, (b) the angle wave, (c) pair locking, (d) sweeps."""
    from matplotlib.figure import Figure

    d = result.data
    fig = Figure(figsize=(18, 8), layout="constrained")
    (ax_f, ax_w, ax_p), (ax_s, ax_c, ax_sp) = fig.subplots(2, 3)
    c = d["chain"]
    n = np.arange(len(c["f"]))
    f0 = 0.5 * float(presets.hoffmann2022_chain_sto().stt_per_j / (meter**2 / amp / second))
    ax_f.plot(
        n,
        f0 * np.abs(c["j"]) / (2 * np.pi * 0.01) / 1e9,
        "o",
        mfc="none",
        label="free-running f0 (own current)",
    )
    ax_f.plot(n, c["f"] / 1e9, "k.-", label="coupled chain")
    ax_f.set(xlabel="oscillator", ylabel="f (GHz)", title="(a) frequencies along the chain")
    ax_f.legend(fontsize=8)
    f_sp, p_sp = c["spectra"]
    _, p_free = c["spectra_free"]
    near = np.abs(f_sp - np.mean(c["f"])) < 0.5e9
    k = np.arange(len(c["f"]))
    image = 10 * np.log10(p_sp[:, near] + 1e-12)
    ax_sp.pcolormesh(f_sp[near] / 1e9, k, image, vmin=-40, vmax=0, shading="nearest")
    free_peak = f_sp[near][np.argmax(p_free[:, near], axis=1)]
    ax_sp.plot(free_peak / 1e9, k, "w.", ms=5, label="free-running peak")
    ax_sp.set(
        xlabel="f (GHz)",
        ylabel="oscillator",
        title="(f) spectra along the chain (dB; dots: uncoupled)",
    )
    ax_sp.legend(fontsize=8, loc="upper right")
    ax_w.plot(n[:-1] + 0.5, c["psi"], "o-", label="ψ = φ(k+1) − φ(k)")
    ax_w.plot(n, np.concatenate([[0], np.cumsum(c["psi"])]), "s--", ms=3, label="phase")
    ax_w.set(
        xlabel="oscillator",
        ylabel="angle (rad)",
        title="(b) neighbour angle shifts and the phase wave",
    )
    ax_w.legend(fontsize=8)
    for k, (p, r) in enumerate(d["pairs"].items()):
        ax_p.plot(
            100 * r["deltas"],
            r["beat"] / 1e9,
            "o-",
            ms=3,
            color=f"C{k}",
            label=f"a = {p * 1e9:.0f} nm",
        )
        ax_p.axvline(100 * predicted_lock(p), color=f"C{k}", ls=":", lw=1)
    ax_p.set(
        xlabel="current mismatch δ (%)",
        ylabel="beat |f2 − f1| (GHz)",
        title="(c) pair locking (dotted: δ_L theory)",
    )
    ax_p.legend(fontsize=8)
    for k, length in enumerate(LENGTHS):
        ax_s.plot(np.array(PITCHES) * 1e9, d["locked"][:, k], "o-", label=f"N = {length}")
    ax_s.set(
        xlabel="pitch a (nm)",
        ylabel="fraction of chains locked",
        title="(d) locking vs pitch and length",
    )
    ax_s.legend(fontsize=8)
    conv = d["conv"]
    for name, marker in (("kernel", "o-"), ("brian2", "s-")):
        label = {"kernel": "kernel (RK4, coupled stages)", "brian2": "Brian2 summed variables"}
        ax_c.loglog(
            conv["steps"] * 1e12,
            conv[f"{name}_err"],
            marker,
            label=f"{label[name]}: order {conv[f'{name}_order']:.2f}",
        )
    ax_c.set(
        xlabel="dt (ps)",
        ylabel="max |Δm| after 0.5 ns",
        title="(e) convergence, chain of 10 at 70 nm",
    )
    ax_c.legend(fontsize=8)
    return fig
