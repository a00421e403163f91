"""The MTJ neuron's output as seed 004 defines it (Fig. 1c)."""

import numpy as np


def _extrema(y, sign):
    """Indices of strict interior local maxima of ``sign*y``."""
    s = sign * y
    return np.flatnonzero((s[1:-1] > s[:-2]) & (s[1:-1] >= s[2:])) + 1


def _parabolic_peak(y, i):
    """Peak value of the parabola through y[i-1], y[i], y[i+1]."""
    a, b, c = y[i - 1], y[i], y[i + 1]
    denom = a - 2 * b + c
    return b if denom == 0 else b - 0.125 * (a - c) ** 2 / denom


def last_peak_to_peak(R):
    """ΔR = (last local maximum) − (last local minimum) of the samples ``R`` along the last axis.

    Seed 004 Fig. 1c: "the difference between the last maximum and minimum resistances ΔR
    within 1.5 ns after injecting the current" — pass ``R`` sampled over that window. The
    extrema are refined by a parabola through the three samples around each. Returns NaN
    for a trace with no interior maximum or minimum (no oscillation).
    """
    R = np.asarray(R, float)
    flat = R.reshape(-1, R.shape[-1])
    out = np.full(flat.shape[0], np.nan)
    for k, y in enumerate(flat):
        imax, imin = _extrema(y, +1), _extrema(y, -1)
        if imax.size and imin.size:
            out[k] = _parabolic_peak(y, imax[-1]) - _parabolic_peak(y, imin[-1])
    return out.reshape(R.shape[:-1])
