"""Ringdown spectroscopy: precession frequency and damping of a macrospin trace.

Plain SI floats in and out (seconds, hertz, A/m, rad s⁻¹ T⁻¹): this layer works on numbers
read out of Brian2 monitors (``mon.t_[:]``, ``mon.mx[:]``), not on Brian2 quantities.

A small-angle ringdown is a damped sinusoid,

    y(t) = A exp(−Γ (t − t0)) cos(2π f (t − t0) + φ) + c,

which :func:`fit_damped_sine` fits by least squares, seeded by the peak of a windowed,
zero-padded FFT (:func:`fft_peak_frequency`). For a circular orbit (perpendicular film)
Γ = α·2πf exactly in the Landau–Lifshitz–Gilbert model.

The spectral estimate and the fit check their trace first (1-D, uniform, finite, not
constant); the two Kittel laws are formulas: ``H`` is not scanned (a NaN entry gives NaN),
a scalar field parameter must be finite and γ > 0.
"""

from collections import namedtuple

import numpy as np
from scipy.optimize import curve_fit

from spinbrian.constants import GAMMA_E, MU0
from spinbrian.devices.validation import require_count, require_finite_array
from spinbrian.equations.resonance import _gamma, _params

#: Result of :func:`fit_damped_sine` (all SI floats): frequency (Hz), decay_rate (1/s),
#: amplitude, phase (rad, at the first sample), offset.
DampedSine = namedtuple("DampedSine", "frequency decay_rate amplitude phase offset")


def _uniform(t, signal):
    """Check a trace: t uniform and increasing, signal finite and not constant."""
    t = np.asarray(t, float)
    y = np.asarray(signal, float)
    if t.ndim != 1 or t.shape != y.shape or t.size < 8:
        raise ValueError(
            f"t has shape {t.shape} and signal {y.shape}: need 1-D arrays of the same length ≥ 8"
        )
    dt = (t[-1] - t[0]) / (t.size - 1)
    if not dt > 0 or np.max(np.abs(np.diff(t) - dt)) > 1e-6 * dt:
        raise ValueError("t must be uniformly spaced and increasing")
    require_finite_array("signal", y, y.shape)
    if np.all(y == y[0]):
        raise ValueError(f"signal = {signal!r} is constant: there is no oscillation to measure")
    return t, y, dt


def fft_peak_frequency(t, signal, pad=8):
    """Frequency (Hz) of the largest spectral peak, with sub-bin accuracy.

    The mean is removed, a Hann window applied, the trace zero-padded ``pad``-fold, and the
    peak refined by a parabola through the log-magnitudes of the three bins around it.

    Parameters
    ----------
    t : array_like
        Uniformly spaced sample times (s).
    signal : array_like
        Samples, same length as ``t``.
    pad : int
        Zero-padding factor, ≥ 1.

    Returns
    -------
    float
        Peak frequency (Hz); accurate to a small fraction of 1/(t[-1] − t[0]).
    """
    pad = require_count("pad", pad, 1)
    t, y, dt = _uniform(t, signal)
    n = pad * t.size
    spec = np.abs(np.fft.rfft((y - y.mean()) * np.hanning(t.size), n))
    k = int(np.argmax(spec[1:-1])) + 1
    a, b, c = np.log(spec[k - 1 : k + 2] + 1e-300)
    denom = a - 2 * b + c
    shift = 0.0 if denom == 0 else 0.5 * (a - c) / denom
    return float((k + shift) / (n * dt))


def _model(x, a, rate, freq, phase, offset):
    # x is time in units of 1/f_seed from the first sample: all parameters are O(1).
    return a * np.exp(-rate * x) * np.cos(2 * np.pi * freq * x + phase) + offset


def fit_damped_sine(t, signal):
    """Fit ``y = A exp(−Γ(t − t0)) cos(2πf(t − t0) + φ) + c`` to a ringdown.

    Parameters
    ----------
    t : array_like
        Uniformly spaced sample times (s); t0 = t[0].
    signal : array_like
        Samples (e.g. a transverse magnetisation component), same length as ``t``; cover at
        least a few periods.

    Returns
    -------
    DampedSine
        ``(frequency, decay_rate, amplitude, phase, offset)``: f (Hz), Γ (1/s, negative for a
        growing trace), A, φ (rad), c. The amplitude is made positive.
    """
    t, y, _ = _uniform(t, signal)
    f0 = fft_peak_frequency(t, y)
    x = (t - t[0]) * f0
    offset0 = y.mean()
    # Envelope seed: log-ratio of the RMS in the first and the last quarter of the trace.
    q = max(t.size // 4, 2)
    r1 = np.sqrt(np.mean((y[:q] - offset0) ** 2))
    r2 = np.sqrt(np.mean((y[-q:] - offset0) ** 2))
    span = x[-q // 2] - x[q // 2]
    rate0 = np.log(r1 / r2) / span if r1 > 0 and r2 > 0 and span > 0 else 0.0
    amp0 = np.max(np.abs(y - offset0))
    # Phase seed: project the first period onto cos and sin.
    first = x <= min(1.0, x[-1])
    c0 = np.sum((y[first] - offset0) * np.cos(2 * np.pi * x[first]))
    s0 = np.sum((y[first] - offset0) * np.sin(2 * np.pi * x[first]))
    phase0 = np.arctan2(-s0, c0)
    p, _ = curve_fit(
        _model, x, y, p0=[amp0, rate0, 1.0, phase0, offset0], maxfev=20000, xtol=1e-14, ftol=1e-14
    )
    a, rate, freq, phase, offset = p
    if a < 0:
        a, phase = -a, phase + np.pi
    phase = float(np.angle(np.exp(1j * phase)))
    return DampedSine(float(freq * f0), float(rate * f0), float(a), phase, float(offset))


def ringdown_frequency(t, signal):
    """Precession frequency (Hz) of a ringdown, from :func:`fit_damped_sine`."""
    return fit_damped_sine(t, signal).frequency


def ringdown_decay_rate(t, signal):
    """Envelope decay rate Γ = 1/τ (1/s) of a ringdown, from :func:`fit_damped_sine`."""
    return fit_damped_sine(t, signal).decay_rate


def kittel_in_plane(H, Ha, Meff, gamma=GAMMA_E):
    """Kittel frequency (Hz) of an in-plane film, field along the in-plane easy axis.

    f = (γ/2π) μ0 √((H + H_a)(H + H_a + M_eff)) (PHYSICS.md §1), all fields in A/m and γ in
    rad s⁻¹ T⁻¹. Accepts arrays (broadcast).
    """
    _params(Ha=Ha, Meff=Meff)
    _gamma(gamma)
    H1 = np.asarray(H, float) + Ha
    return gamma / (2 * np.pi) * MU0 * np.sqrt(H1 * (H1 + Meff))


def kittel_perpendicular(H, Hk, Ms, gamma=GAMMA_E):
    """Kittel frequency (Hz) of a perpendicular film, field along the normal.

    f = (γ/2π) μ0 (H + H_k − M_s) (PHYSICS.md §1), fields in A/m, γ in rad s⁻¹ T⁻¹. Pass
    M_eff for M_s when the film's demagnetising field is reduced. Accepts arrays.
    """
    _params(Hk=Hk, Ms=Ms)
    _gamma(gamma)
    return gamma / (2 * np.pi) * MU0 * (np.asarray(H, float) + Hk - Ms)
