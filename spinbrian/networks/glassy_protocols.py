"""Pulse protocols of seed 002 on one glassy synapse, and the preset's calibration.

The device's occupancies evolve exactly between and during rectangular pulses
(:meth:`GlassySynapse.pulse`, :meth:`GlassySynapse.relax`); a read at 0.1 V is in the
linear regime and does not change the state (seed 002, text of Fig. 4), so reads are
:meth:`GlassySynapse.conductance` of the relaxed state.

Voltages (V) and times (s) are plain SI floats, as in the device's methods; a Quantity of the
right dimension is accepted too, one of another dimension is refused by name. The protocols
check their arguments before they simulate; :func:`dynamic_range` is a formula (a NaN
conductance gives NaN).
"""

import dataclasses

import numpy as np
from brian2 import second, volt
from scipy.optimize import brentq, root

from spinbrian.devices.validation import (
    require_count,
    require_number,
    require_si_number,
)

#: Seed 002 Fig. 4c: 50 pulses over ≈ 400 s, so one pulse every ≈ 8 s (read in between).
PULSE_PERIOD = 8.0
#: Seed 002 Fig. 3: reset pulses of 1 s, of the opposite polarity, before each train.
RESET = 1.0
#: Threshold criterion: a single 50 ms pulse (the longest of Fig. 3) leaves a change of
#: 1 % in the conductance read 3 s later (Fig. 4a,b: reads last 3 s).
THRESHOLD_PULSE, THRESHOLD_WAIT, THRESHOLD_CHANGE = 50e-3, 3.0, 0.01


def _occupancies(device, x0):
    """Starting occupancies: the rest state for None, else finite, in [0, 1], (..., K)."""
    if x0 is None:
        return device.rest_state()
    x = np.asarray(x0, dtype=float)
    if x.ndim == 0 or x.shape[-1] != device.K:
        raise ValueError(f"x0 has shape {x.shape}: need (..., K) occupancies, K = {device.K}")
    if not np.all((x >= 0) & (x <= 1)):
        raise ValueError(f"x0 = {x0!r}: occupancies must be finite and in [0, 1]")
    return x0


def pulse_train(device, V, duration, n=50, V_reset=None, period=PULSE_PERIOD, x0=None):
    """Conductance before and after each of ``n`` identical pulses (seed 002 Fig. 3).

    Parameters
    ----------
    device : GlassySynapse
    V, duration : float
        Pulse voltage (V) and duration (s).
    n : int
        Number of pulses.
    V_reset : float, optional
        Reset pulse (1 s) applied first, then one ``period`` of rest.
    period : float
        Time from one pulse to the next (s); each read is just before the next pulse.
    x0 : ndarray, optional
        Starting occupancies (default: rest).

    Returns
    -------
    sigma : ndarray
        (n + 1,) read conductances (S): after the reset, then after every pulse.
    x : ndarray
        Final occupancies.
    """
    require_si_number("V", V, volt)
    T = require_si_number("period", period, second, 0, low_open=True)
    require_si_number("duration", duration, second, 0, T)
    if V_reset is not None:
        require_si_number("V_reset", V_reset, volt)
    require_count("n", n)
    x = _occupancies(device, x0)
    if V_reset is not None:
        x = device.relax(device.pulse(x, V_reset, RESET), period)
    sigma = [device.conductance(x)]
    for _ in range(n):
        x = device.relax(device.pulse(x, V, duration), period - duration)
        sigma.append(device.conductance(x))
    return np.array(sigma), x


def lasting_change(device, V, duration=THRESHOLD_PULSE, wait=THRESHOLD_WAIT):
    """Relative change of the conductance read ``wait`` after one pulse on a device at rest."""
    require_si_number("V", V, volt)
    require_si_number("duration", duration, second, 0)
    require_si_number("wait", wait, second, 0)
    x0 = device.rest_state()
    after = device.conductance(device.relax(device.pulse(x0, V, duration), wait))
    return float(after / device.conductance(device.relax(x0, wait)) - 1)


def threshold(device, polarity, change=THRESHOLD_CHANGE):
    """Smallest |V| (V) of the given polarity (+1, −1) whose pulse leaves ``change``.

    The search runs over 1 mV … 20 V; a ``change`` that no pulse there leaves is refused.
    """
    if isinstance(polarity, bool) or polarity not in (1, -1):
        raise ValueError(f"polarity = {polarity!r}: choose +1 or -1")
    require_number("change", change, 0, low_open=True)

    def miss(v):
        return abs(lasting_change(device, polarity * v)) - change

    if not miss(1e-3) < 0 < miss(20.0):
        raise ValueError(
            f"change = {change}: no pulse of 1 mV … 20 V (polarity {polarity:+g}) leaves it; "
            f"the largest lasting change there is {miss(20.0) + change:.3g}"
        )
    return brentq(miss, 1e-3, 20.0)


def dynamic_range(sigma):
    """max/min − 1 of a train's conductances (a formula: a NaN entry gives NaN)."""
    if np.size(sigma) == 0:
        raise ValueError("sigma is empty: need at least one conductance")
    return float(np.max(sigma) / np.min(sigma) - 1)


def log_fit(n, sigma):
    """Least-squares σ = σ0 + σ1 ln n; returns (σ0, σ1, R²).

    ``n`` (at least two different values, all > 0) and ``sigma`` are 1-D, of one length, and
    finite; a constant ``sigma`` is refused (R² is undefined).
    """
    n_arr, s_arr = np.asarray(n, dtype=float), np.asarray(sigma, dtype=float)
    if n_arr.ndim != 1 or n_arr.size < 2:
        raise ValueError(f"n has shape {n_arr.shape}: need a 1-D sequence of at least 2 values")
    if s_arr.shape != n_arr.shape:
        raise ValueError(f"sigma has shape {s_arr.shape}: need one value per n, {n_arr.shape}")
    if not np.all(np.isfinite(n_arr) & (n_arr > 0)) or np.ptp(n_arr) == 0:
        raise ValueError(f"n = {n!r}: need finite values > 0, at least two of them different")
    if not np.all(np.isfinite(s_arr)) or np.ptp(s_arr) == 0:
        raise ValueError(f"sigma = {sigma!r}: need finite values, not all equal (R² undefined)")
    A = np.column_stack([np.ones(len(n)), np.log(n)])
    coef, *_ = np.linalg.lstsq(A, sigma, rcond=None)
    resid = sigma - A @ coef
    r2 = 1 - np.sum(resid**2) / np.sum((sigma - np.mean(sigma)) ** 2)
    return float(coef[0]), float(coef[1]), float(r2)


#: Calibration targets: thresholds (seed 002, text of Fig. 2) and the dynamic ranges of
#: Fig. 3 (50 ms trains after the opposite ±4 V reset: ≈ 50 % at +2 V, ≈ 500 % at −2.8 V).
CAL_THRESHOLDS = (1.75, -1.0)
CAL_POTENTIATION = (2.0, 50e-3, -4.0, 0.5)
CAL_DEPRESSION = (-2.8, 50e-3, 4.0, 5.0)


def _fit_threshold(device, name, V_th):
    """``device`` with the tilt amplitude ``name`` set so that ``V_th`` is the threshold."""

    def miss(a):
        trial = dataclasses.replace(device, **{name: a})
        return abs(lasting_change(trial, V_th)) - THRESHOLD_CHANGE

    return dataclasses.replace(device, **{name: brentq(miss, 1e-9, 1.0, xtol=1e-14)})


def _train_range(device, protocol):
    V, tau, V_reset, _ = protocol
    return dynamic_range(pulse_train(device, V, tau, V_reset=V_reset)[0])


def _with(device, names, values):
    updates = {n: float(v) for n, v in zip(names, values, strict=True)}
    if "V_d" in updates:
        updates["V_d"] = updates["V_d"] * volt
    return dataclasses.replace(device, **updates)


def calibrate(device, fit_V_d=True, rounds=2, xtol=1e-10):
    """Fit the tilts to the thresholds, log_on_off to Fig. 3a's 50 % and V_d to Fig. 3b's 500 %.

    Four numbers for four parameters: ``tilt_p`` (+1.75 V threshold), ``tilt_d`` (−1 V
    threshold), ``log_on_off`` (the +2 V train's range) and ``V_d`` (the −2.8 V train's
    range); ``V_p`` is not fitted. ``rounds`` passes of one-dimensional fits (each
    parameter to its own number, the others held) bring the device close; a Newton-type
    solve of the four equations together (``scipy.optimize.root``, on the logarithms of
    the parameters, to ``xtol``) finishes. ``fit_V_d=False`` keeps the device's V_d and
    fits the other three. Returns the calibrated device.
    """
    require_count("rounds", rounds)
    require_number("xtol", xtol, 0, low_open=True)
    (V_th_p, V_th_d), goal_p, goal_d = CAL_THRESHOLDS, CAL_POTENTIATION[3], CAL_DEPRESSION[3]

    def range_miss(lam, device):
        return _train_range(dataclasses.replace(device, log_on_off=lam), CAL_POTENTIATION) - goal_p

    for _ in range(rounds):
        device = _fit_threshold(device, "tilt_p", V_th_p)
        if fit_V_d:

            def depression_miss(V_d, device=device):
                trial = _fit_threshold(_with(device, ["V_d"], [V_d]), "tilt_d", V_th_d)
                return _train_range(trial, CAL_DEPRESSION) - goal_d

            device = _with(device, ["V_d"], [brentq(depression_miss, 0.3, 5.0, xtol=1e-6)])
        device = _fit_threshold(device, "tilt_d", V_th_d)
        lam = brentq(range_miss, 0.1, 500.0, args=(device,), xtol=1e-8)
        device = dataclasses.replace(device, log_on_off=lam)

    names = ["tilt_p", "tilt_d", "log_on_off"] + (["V_d"] if fit_V_d else [])

    def misses(log_values):
        trial = _with(device, names, np.exp(log_values))
        out = [
            abs(lasting_change(trial, V_th_p)) / THRESHOLD_CHANGE - 1,
            abs(lasting_change(trial, V_th_d)) / THRESHOLD_CHANGE - 1,
            _train_range(trial, CAL_POTENTIATION) / goal_p - 1,
        ]
        if fit_V_d:
            out.append(_train_range(trial, CAL_DEPRESSION) / goal_d - 1)
        return out

    start = [getattr(device, n) if n != "V_d" else float(device.V_d / volt) for n in names]
    sol = root(misses, np.log(start), method="hybr", options={"xtol": xtol})
    if not sol.success:
        raise RuntimeError(f"glassy calibration did not converge: {sol.message}")
    return _with(device, names, np.exp(sol.x))


#: Seed 002 Fig. 4a: the extremal states, set by ±4 V pulses of 3 s, each read for 3 s.
EXTREMAL_V, EXTREMAL_PULSE, EXTREMAL_READ = 4.0, 3.0, 3.0


def extremal_states(device, x0=None):
    """Occupancies at the end of the reads of one Fig. 4a cycle: (after +4 V, after −4 V).

    A cycle is +4 V for 3 s, a 3 s read, −4 V for 3 s, a 3 s read, from ``x0`` (default:
    rest).
    """
    x = _occupancies(device, x0)
    states = []
    for V in (EXTREMAL_V, -EXTREMAL_V):
        x = device.relax(device.pulse(x, V, EXTREMAL_PULSE), EXTREMAL_READ)
        states.append(x)
    return tuple(states)


def on_off(device):
    """σ(after +4 V)/σ(after −4 V) of the first Fig. 4a cycle from rest, read 3 s on."""
    high, low = extremal_states(device)
    return float(device.conductance(high) / device.conductance(low))


def readout_bound(device, t_read=EXTREMAL_READ, t_first=0.1):
    """What any pulse can leave for a read ``t_read`` after it, whatever its physics.

    A pulse can at most set every class to 0 or 1; a read t later finds class k's
    deviation ±½·e^(−γ_k t), the fast classes back at ½. So

    * on/off ≤ exp(L·A), A = Σ_k w_k e^(−γ_k t_read) (L = ``log_on_off``);
    * a state set fully high (low) changes from ``t_first`` to ``t_read`` by
      exp(∓L·B) − 1, B = ½ Σ_k w_k (e^(−γ_k t_first) − e^(−γ_k t_read)).

    Both grow with L: an on/off of 10⁴ and a slight read relaxation constrain L from the
    two sides, which no change of the pulses (tilt law, Joule heating) can relax.

    Returns
    -------
    dict
        ``A``, ``B``, ``on_off_max`` (at the device's L), ``read_high``, ``read_low``
        (relative changes of the fully set states).

    Both times are finite, with 0 ≤ ``t_first`` ≤ ``t_read``.
    """
    t_end = require_si_number("t_read", t_read, second, 0)
    if require_si_number("t_first", t_first, second, 0) > t_end:
        raise ValueError(f"t_first = {t_first} is after t_read = {t_read}: need t_first ≤ t_read")
    g, w, L = device.rest_rates, device.weights, device.log_on_off
    A = float(w @ np.exp(-g * t_read))
    B = float(0.5 * w @ (np.exp(-g * t_first) - np.exp(-g * t_read)))
    return {
        "A": A,
        "B": B,
        "on_off_max": float(np.exp(L * A)),
        "read_high": float(np.expm1(-L * B)),
        "read_low": float(np.expm1(L * B)),
    }
