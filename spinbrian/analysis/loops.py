"""Switching-loop measures (seed 001 Fig. 2) and the sigmoid fit of Fig. 4b.

:func:`branch_measures` and :func:`fit_sigmoid` check their data (1-D, same length,
finite) before any work; :func:`logistic` is a formula: ``x`` is not scanned (a NaN entry
gives NaN), but a scalar X0 or K must be finite and K ≠ 0.
"""

from dataclasses import dataclass

import numpy as np
from scipy.optimize import curve_fit

from spinbrian.devices.validation import require_finite_array, require_range

#: A branch "starts" and "ends" switching at these fractions of its full change.
ONSET, COMPLETE = 0.02, 0.98


@dataclass(frozen=True)
class BranchMeasures:
    """Measures of one monotonic current branch of an R_hall–I loop.

    Attributes
    ----------
    current_range : float
        ΔI: current between 2 % and 98 % of the branch's change (seed 001 Fig. 2d inset:
        the range covering the full ΔR_hall), in the currents' unit.
    squareness : float
        Largest single-pulse step over the full change (1: one jump, binary).
    intermediate_states : int
        Pulses that leave the film between 2 % and 98 % (distinct multilevel states).
    onset : float
        Current of the first pulse past 2 %.
    """

    current_range: float
    squareness: float
    intermediate_states: int
    onset: float


def _paired(x_name, x, y_name, y, least):
    """Two finite 1-D arrays of the same length ≥ ``least``, as floats."""
    x_arr, y_arr = np.asarray(x, float), np.asarray(y, float)
    if x_arr.ndim != 1 or x_arr.size < least or y_arr.shape != x_arr.shape:
        raise ValueError(
            f"{x_name} has shape {x_arr.shape} and {y_name} {y_arr.shape}: need 1-D arrays "
            f"of the same length ≥ {least}"
        )
    require_finite_array(x_name, x_arr, x_arr.shape)
    require_finite_array(y_name, y_arr, y_arr.shape)
    return x_arr, y_arr


def branch_measures(currents, resistance):
    """Measures of a branch swept monotonically in current, R read after each pulse.

    ``currents`` and ``resistance``: finite, 1-D, same length ≥ 2. A branch whose R does not
    change gives zeros and a NaN onset (no pulse switches it).
    """
    currents, r = _paired("currents", currents, "resistance", resistance, 2)
    change = r[-1] - r[0]
    if abs(change) < 1e-12:
        return BranchMeasures(0.0, 0.0, 0, float("nan"))
    f = (r - r[0]) / change
    i_on = int(np.argmax(f >= ONSET))
    i_full = int(np.argmax(f >= COMPLETE))
    inside = (f > ONSET) & (f < COMPLETE)
    return BranchMeasures(
        current_range=float(abs(currents[i_full] - currents[i_on])),
        squareness=float(np.max(np.diff(f))),
        intermediate_states=int(np.sum(inside)),
        onset=float(currents[i_on]),
    )


def _logistic(x, x0, k):
    return 0.5 * (1 + np.tanh((np.asarray(x, float) - x0) / (2 * k)))


def logistic(x, x0, k):
    """Y = 1/(1 + exp(−(X − X0)/K)) (seed 001 Fig. 4b); a scalar K must be non-zero."""
    for name, value in (("x0", x0), ("k", k)):
        if np.ndim(value) == 0:
            require_range(name, value)
    if np.ndim(k) == 0 and k == 0:
        raise ValueError(f"k = {k}: the width must be non-zero (negative: a falling curve)")
    return _logistic(x, x0, k)


def fit_sigmoid(x, y):
    """Least-squares fit of :func:`logistic`; returns (X0, K, R²).

    ``x`` and ``y``: finite, 1-D, same length ≥ 3, neither constant.
    """
    x, y = _paired("x", x, "y", y, 3)
    for name, values in (("x", x), ("y", y)):
        if np.ptp(values) == 0:
            raise ValueError(f"{name} = {values!r} is constant: nothing to fit")
    guess = (x[np.argmin(np.abs(y - 0.5))], (x.max() - x.min()) / 10)
    (x0, k), _ = curve_fit(_logistic, x, y, p0=guess)
    residual = y - _logistic(x, x0, k)
    r2 = 1 - np.sum(residual**2) / np.sum((y - y.mean()) ** 2)
    return float(x0), float(k), float(r2)
