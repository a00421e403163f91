"""Memory retention of plastic synapses under ongoing random events (Fusi–Abbott SNR).

One ±1 pattern ξ is stored at t = 0 by one event on each of N synapses; later random
events (rate r per synapse, a fraction ``f_pot`` of them potentiating) overwrite it. Each
synapse has a control copy that gets the same later events but not the pattern, so the
signal S(t) = ⟨ξ_i (w_i − w_i^ctrl)⟩ is an unbiased, low-variance estimate of
Fusi & Abbott's ⟨ξ_i w_i⟩ (Nat. Neurosci. 10, 485, 2007), the noise is std(w^ctrl), and
SNR(t) = √N·S(t)/std(w); the retention time is when SNR first falls below 1.

Two synapse models:

* the glassy device (:class:`~spinbrian.devices.glassy.GlassySynapse`), simulated here by
  an exact event-driven NumPy loop on a time grid (each event relaxes the occupancies from
  the synapse's last event, then applies the pulse's affine map, as the Brian2 synapse
  does); ``volatile=False`` removes the relaxation at rest, so that only pulses move the
  landscape — the glassy synapse at the same (zero) volatility as a hard-bound one;
* the linear hard-bound (LHB) synapse, n levels, ±1 per event, clipped, solved exactly by
  its master equation (a birth–death process), for any imbalance and any N.

S and std(w) do not depend on N (they are population means), so SNR at any N follows from
one run: :func:`retention_vs_N` scales it, and states for each N whether the run's own
standard error of S resolves the signal there.

Times (s) and rates (Hz) are plain SI floats (a Quantity of the right dimension is accepted,
one of another dimension refused by name). :func:`lhb_trace` is a formula in ``t`` (a NaN
time gives NaN); everything else checks its arguments first.
"""

import numpy as np
from brian2 import hertz, second, volt
from scipy.fft import dct

from spinbrian.devices.validation import (
    require_count,
    require_finite_array,
    require_number,
    require_range,
    require_si_number,
)


def _times(name, t):
    """Read times: a non-empty 1-D sequence, finite and > 0 (they are interpolated in log t)."""
    t_arr = np.asarray(t, dtype=float)
    if t_arr.ndim != 1 or not t_arr.size:
        raise ValueError(f"{name} has shape {t_arr.shape}: need a non-empty 1-D sequence of times")
    if not np.all(np.isfinite(t_arr) & (t_arr > 0)):
        raise ValueError(f"{name} = {t!r}: need finite times > 0 (s)")
    return t_arr


def _population(N, f_pot):
    """N synapses (any real N > 0: the SNR scales as √N) and an imbalance strictly in (0, 1).

    At f_pot = 0 or 1 every level sits at one bound: no noise, and the SNR is undefined.
    """
    require_number("N", N, 0, low_open=True)
    require_range("f_pot", f_pot, 0, 1, low_open=True, high_open=True)


def retention_time(t, snr, threshold=1.0):
    """First time SNR falls below ``threshold`` (log-interpolated); NaN if it never does.

    ``t`` (s, > 0) and ``snr`` are 1-D of one length; a NaN SNR counts as below the threshold
    (:func:`glassy_trace` gives NaN where the noise is zero).
    """
    t_arr = _times("t", t)
    if np.shape(snr) != t_arr.shape:
        raise ValueError(f"snr has shape {np.shape(snr)}: need one SNR per time, {t_arr.shape}")
    require_number("threshold", threshold, 0, low_open=True)
    snr = np.asarray(snr, float)
    below = np.nonzero(~(snr >= threshold))[0]
    if below.size == 0:
        return float("nan")
    k = below[0]
    if k == 0:
        return float(t[0])
    a, b = np.log(snr[k - 1]), np.log(max(snr[k], 1e-12))
    f = (a - np.log(threshold)) / (a - b)
    return float(np.exp(np.log(t[k - 1]) + f * (np.log(t[k]) - np.log(t[k - 1]))))


def read_times(horizon, dt, n=36):
    """Log-spaced read times (s) on the dt grid, from dt to ``horizon`` (≥ dt); ``n`` ≥ 1."""
    step = require_si_number("dt", dt, second, 0, low_open=True)
    require_si_number("horizon", horizon, second, step)
    require_count("n", n, 1)
    t = np.round(np.geomspace(dt, horizon, n) / dt) * dt
    return np.unique(t)


# ---------------------------------------------------------------------- glassy (NumPy)
def glassy_trace(
    dev,
    pulses,
    rate,
    n_pairs,
    times,
    dt,
    burn=0.0,
    f_pot=0.5,
    volatile=True,
    seed=0,
):
    """Signal and noise of glassy synapses storing one pattern under random pulses.

    Parameters
    ----------
    dev : GlassySynapse
        The device.
    pulses : tuple
        ((V_pot, τ_pot), (V_dep, τ_dep)) in volts and seconds.
    rate : float
        Events per synapse (Hz); each is potentiating with probability ``f_pot``.
    n_pairs : int
        Synapses storing the pattern (each with a control copy).
    times : array_like
        Read times after storage (s), on the ``dt`` grid.
    dt : float
        Time grid of the events (s); an event at step k acts at k·dt.
    burn : float
        Random events before storage (s), from the rest state.
    f_pot : float
        Fraction of potentiating events (½: balanced).
    volatile : bool
        False: no relaxation at rest (only pulses move the landscape).
    seed : int
        Seed of the pattern and the events.

    Returns
    -------
    dict
        ``t`` (s), ``S`` (signal, µS), ``se`` (its standard error), ``sd`` (std of the
        control weights, µS), ``snr`` (√N·S/sd).
    """
    try:
        (V_pot, tau_pot), (V_dep, tau_dep) = pulses
    except (TypeError, ValueError):
        raise ValueError(f"pulses = {pulses!r}: need ((V_pot, τ_pot), (V_dep, τ_dep))") from None
    for which, V, tau in (("pot", V_pot, tau_pot), ("dep", V_dep, tau_dep)):
        require_si_number(f"pulses V_{which}", V, volt)
        require_si_number(f"pulses τ_{which}", tau, second, 0)
    require_si_number("rate", rate, hertz, 0, low_open=True)
    require_si_number("dt", dt, second, 0, low_open=True)
    require_si_number("burn", burn, second, 0)
    require_range("f_pot", f_pot, 0, 1)
    require_range("rate * dt", rate * dt, 0, 1, low_open=True)
    read_times_ = np.asarray(times, float)
    if read_times_.ndim != 1 or not read_times_.size:
        raise ValueError(f"times has shape {read_times_.shape}: need a non-empty 1-D sequence")
    if not np.all(np.isfinite(read_times_) & (read_times_ >= 0)):
        raise ValueError(f"times = {times!r}: need finite read times ≥ 0 (s after storage)")
    N = require_count("n_pairs", n_pairs, 1)
    rng = np.random.default_rng(require_count("seed", seed))
    xi = rng.permutation(np.repeat([1.0, -1.0], (N + 1) // 2)[:N])
    eq_p, dec_p = dev.pulse_factors(V_pot, tau_pot)
    eq_d, dec_d = dev.pulse_factors(V_dep, tau_dep)
    x = dev.rest_state((N, 2))  # (pair, [stored, control], class)
    t_last = np.zeros(N)

    def relaxed(x, age):
        return dev.relax(x, age[:, None, None]) if volatile else x

    times = np.asarray(times, float)
    store_step = int(round(burn / dt))
    read_at = {int(round((burn + t) / dt)): j for j, t in enumerate(times)}
    if len(read_at) < len(times):
        raise ValueError(f"times = {times!r}: two read times fall on one step of dt = {dt}")
    S, se, sd = (np.empty(len(times)) for _ in range(3))
    for k in range(max(read_at) + 1):
        now = k * dt
        if k == store_step:
            x = relaxed(x, now - t_last)
            t_last[:] = now
            eq, dec = (np.where(xi[:, None] > 0, a, b) for a, b in ((eq_p, eq_d), (dec_p, dec_d)))
            x[:, 0] = eq + (x[:, 0] - eq) * dec
        if k in read_at:
            w = dev.conductance(relaxed(x, now - t_last)) * 1e6  # µS, (N, 2)
            diff = xi * (w[:, 0] - w[:, 1])
            j = read_at[k]
            S[j], se[j], sd[j] = diff.mean(), diff.std() / np.sqrt(N), w[:, 1].std()
        hit = np.flatnonzero(rng.random(N) < rate * dt)
        if hit.size:
            xs = relaxed(x[hit], now - t_last[hit])
            pot = (rng.random(hit.size) < f_pot)[:, None, None]
            x[hit] = np.where(pot, eq_p + (xs - eq_p) * dec_p, eq_d + (xs - eq_d) * dec_d)
            t_last[hit] = now
    snr = np.sqrt(N) * S / np.where(sd > 0, sd, np.nan)
    return {"t": times, "S": S, "se": se, "sd": sd, "snr": snr}


# ---------------------------------------------------------------------- LHB (exact)
def _lhb_stationary(n, f_pot):
    """Stationary level distribution of the n-level walk (geometric; uniform at ½)."""
    if f_pot in (0.0, 1.0):
        p = np.zeros(n)
        p[-1 if f_pot == 1 else 0] = 1.0
        return p
    logp = np.arange(n) * np.log(f_pot / (1 - f_pot))
    p = np.exp(logp - logp.max())
    return p / p.sum()


def lhb_initial_snr(n, N, f_pot=0.5):
    """SNR just after storing one step in n-level LHB synapses at equilibrium.

    S(0) = 1 − (π_0 + π_{n−1})/2 (a step is lost at the bound it pushes against) over the
    stationary std of the levels; for f_pot = ½: √N·(1 − 1/n)/√((n² − 1)/12). ``n``: level
    counts (integers ≥ 2, a scalar or an array); N > 0; 0 < f_pot < 1.
    """
    levels = np.atleast_1d(n)
    if levels.dtype.kind not in "iu" or not levels.size or np.any(levels < 2):
        raise ValueError(f"n = {n!r}: need level counts, integers ≥ 2")
    _population(N, f_pot)
    out = []
    for m in np.atleast_1d(n).astype(int):
        p = _lhb_stationary(m, f_pot)
        lv = np.arange(m)
        sd = np.sqrt(p @ lv**2 - (p @ lv) ** 2)
        out.append(np.sqrt(N) * (1 - (p[0] + p[-1]) / 2) / sd)
    return np.asarray(out) if np.ndim(n) else float(out[0])


def lhb_trace(n, rate, t, f_pot=0.5):
    """Exact mean signal S(t) (levels) and stationary noise std of n-level LHB synapses.

    The levels are a birth–death process (up at r·f_pot, down at r·(1 − f_pot), reflected
    at 0 and n − 1), started from the stationary distribution shifted by the stored ±1.
    Balanced, its modes are cosines (closed form, any n); otherwise the generator is made
    symmetric by the stationary distribution and e^(Qt) comes from one eigendecomposition.

    Returns
    -------
    S : ndarray
        ⟨ξ(w − w_ctrl)⟩ at ``t`` (s), in levels.
    sd : float
        Stationary std of the levels.

    ``n`` is an integer ≥ 2, ``rate`` ≥ 0 (Hz) and 0 ≤ ``f_pot`` ≤ 1; ``t`` is not scanned.
    """
    require_count("n", n, 2)
    require_si_number("rate", rate, hertz, 0)
    require_range("f_pot", f_pot, 0, 1)
    n = int(n)
    pi = _lhb_stationary(n, f_pot)
    lv = np.arange(n, dtype=float)
    p_up = np.zeros(n)
    p_up[1:] += pi[:-1]
    p_up[-1] += pi[-1]
    p_dn = np.zeros(n)
    p_dn[:-1] += pi[1:]
    p_dn[0] += pi[0]
    d0 = 0.5 * (p_up - p_dn)  # the stored pattern's share of the distribution
    t = np.atleast_1d(np.asarray(t, float))
    if f_pot == 0.5:
        # uniform π: Q is the Neumann Laplacian, eigenvectors cos(πm(k + ½)/n),
        # eigenvalues −r(1 − cos(πm/n)); the projections are DCT-IIs (any n, O(n log n))
        m = np.arange(n)
        norm = np.where(m == 0, 1 / n, 2 / n)
        coeff = norm * dct(d0, type=2) / 2 * dct(lv, type=2) / 2
        lam = -rate * (1 - np.cos(np.pi * m / n))
        S = np.exp(np.outer(t, lam)) @ coeff
    elif 0 < f_pot < 1:
        Q = np.diag(np.full(n - 1, rate * f_pot), 1)
        Q += np.diag(np.full(n - 1, rate * (1 - f_pot)), -1)
        Q -= np.diag(Q.sum(axis=1))
        s = np.sqrt(pi)  # D Q D⁻¹ is symmetric for D = diag(√π) (detailed balance)
        if not np.all(s > 0):
            raise ValueError(f"f_pot = {f_pot} with n = {n}: the stationary levels underflow")
        lam, V = np.linalg.eigh((s[:, None] * Q) / s[None, :])
        left = (d0 / s) @ V  # row vector through D⁻¹
        right = V.T @ (s * lv)
        S = np.exp(np.outer(t, lam)) @ (left * right)
    else:
        S = np.full(t.size, d0 @ lv)  # a walk pinned at a bound: nothing moves
    sd = float(np.sqrt(pi @ lv**2 - (pi @ lv) ** 2))
    return S, sd


def matched_levels(snr0, N, f_pot=0.5, n_max=400):
    """Level count (2 … ``n_max``) whose initial SNR is closest to ``snr0`` (log scale).

    Imbalanced (f_pot ≠ ½), the LHB's initial SNR has a floor: its levels pile up
    geometrically at one bound, so more levels stop widening them; below that floor the
    closest n is the largest. ``snr0`` > 0, ``n_max`` ≥ 3 (N and f_pot as in
    :func:`lhb_initial_snr`).
    """
    require_number("snr0", snr0, 0, low_open=True)
    require_count("n_max", n_max, 3)
    n = np.arange(2, n_max)
    return int(n[np.argmin(np.abs(np.log(lhb_initial_snr(n, N, f_pot) / snr0)))])


def optimal_levels(N):
    """Fusi–Abbott optimum at balance: n maximising (2n²/π²)·ln(√(12N)/n), i.e. √(12N/e)."""
    require_number("N", N, 0, low_open=True)
    return max(2, int(round(np.sqrt(12 * N / np.e))))


def lhb_retention(n, N, rate, f_pot=0.5, t_max=1e7):
    """Retention time (s) of n-level LHB synapses, N of them, from the exact signal.

    ``rate`` > 0 (Hz); the signal is evaluated from 10⁻³ to ``t_max`` (> 10⁻³) in units of
    1/rate, i.e. in events per synapse.
    """
    _population(N, f_pot)
    require_si_number("rate", rate, hertz, 0, low_open=True)
    require_number("t_max", t_max, 1e-3, low_open=True)
    t = np.geomspace(1e-3 / rate, t_max / rate, 600)
    S, sd = lhb_trace(n, rate, t, f_pot)
    return retention_time(t, np.sqrt(N) * S / sd)


def retention_vs_N(trace, Ns, resolve=2.0):
    """Retention time at each N from one run's S, se and sd (SNR = √N·S/sd).

    Returns (T, resolved): T (s) per N, and whether the run resolves S at that time
    (S ≥ ``resolve``·se at the last read before T); unresolved times are NaN.

    ``trace`` is a :func:`glassy_trace` result (finite t > 0, S, se, sd of one shape);
    ``Ns`` are finite and > 0, ``resolve`` ≥ 0.
    """
    keys = ("t", "S", "se", "sd")
    if not all(k in trace for k in keys):
        raise ValueError(f"trace has keys {sorted(trace)}: need {', '.join(keys)}")
    shape = _times("trace['t']", trace["t"]).shape
    for k in keys[1:]:
        require_finite_array(f"trace['{k}']", trace[k], shape)
        if np.shape(trace[k]) != shape:
            raise ValueError(f"trace['{k}'] has shape {np.shape(trace[k])}: need {shape}")
    Ns_arr = np.asarray(Ns, dtype=float)
    if Ns_arr.ndim != 1 or not np.all(np.isfinite(Ns_arr) & (Ns_arr > 0)):
        raise ValueError(f"Ns = {Ns!r}: need a 1-D sequence of synapse counts, finite and > 0")
    require_number("resolve", resolve, 0)
    t, S, se, sd = (np.asarray(trace[k]) for k in ("t", "S", "se", "sd"))
    T, ok = [], []
    for N in Ns:
        Tn = retention_time(t, np.sqrt(N) * S / sd)
        k = np.searchsorted(t, Tn) - 1 if np.isfinite(Tn) else len(t) - 1
        good = bool(np.isfinite(Tn) and S[max(k, 0)] >= resolve * se[max(k, 0)])
        T.append(Tn if good else np.nan)
        ok.append(good)
    return np.array(T), np.array(ok)
