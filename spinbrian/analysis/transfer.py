"""The MTJ neuron's output as seed 004 defines it (Fig. 1c)."""

import numpy as np


def _last_extremum(y, sign):
    """Parabola-refined value of the last strict interior local maximum of ``sign*y``.

    ``y`` is (N, T); returns (N,), NaN where a row has no such extremum.
    """
    s = sign * y
    mask = (s[:, 1:-1] > s[:, :-2]) & (s[:, 1:-1] >= s[:, 2:])
    found = mask.any(axis=1)
    rows = np.arange(y.shape[0])
    i = mask.shape[1] - np.argmax(mask[:, ::-1], axis=1)  # index into y of the last one
    a, b, c = y[rows, i - 1], y[rows, i], y[rows, i + 1]
    denom = a - 2 * b + c
    safe = np.where(denom == 0, 1.0, denom)
    peak = np.where(denom == 0, b, b - 0.125 * (a - c) ** 2 / safe)
    return np.where(found, peak, np.nan)


def last_peak_to_peak(R):
    """ΔR = (last local maximum) − (last local minimum) of the samples ``R`` along the last axis.

    Seed 004 Fig. 1c: "the difference between the last maximum and minimum resistances ΔR
    within 1.5 ns after injecting the current" — pass ``R`` sampled over that window. The
    extrema are refined by a parabola through the three samples around each. Returns NaN
    for a trace with no interior maximum or minimum (no oscillation). ``R`` needs ≥ 3
    samples along the last axis; they are not scanned (a formula: NaN entries are never
    extrema, so a trace of NaN gives NaN).
    """
    R = np.asarray(R, float)
    if R.ndim < 1 or R.shape[-1] < 3:
        raise ValueError(f"R has shape {R.shape}: need ≥ 3 samples along the last axis")
    flat = R.reshape(-1, R.shape[-1])
    out = _last_extremum(flat, +1) - _last_extremum(flat, -1)
    return out.reshape(R.shape[:-1])
