"""Switching-loop measures (seed 001 Fig. 2) and the sigmoid fit of Fig. 4b."""

from dataclasses import dataclass

import numpy as np
from scipy.optimize import curve_fit

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


def branch_measures(currents, resistance):
    """Measures of a branch swept monotonically in current, R read after each pulse."""
    currents = np.asarray(currents, float)
    r = np.asarray(resistance, float)
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


def logistic(x, x0, k):
    """Y = 1/(1 + exp(−(X − X0)/K)) (seed 001 Fig. 4b)."""
    return 0.5 * (1 + np.tanh((np.asarray(x, float) - x0) / (2 * k)))


def fit_sigmoid(x, y):
    """Least-squares fit of :func:`logistic`; returns (X0, K, R²)."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    guess = (x[np.argmin(np.abs(y - 0.5))], (x.max() - x.min()) / 10)
    (x0, k), _ = curve_fit(logistic, x, y, p0=guess)
    residual = y - logistic(x, x0, k)
    r2 = 1 - np.sum(residual**2) / np.sum((y - y.mean()) ** 2)
    return float(x0), float(k), float(r2)
