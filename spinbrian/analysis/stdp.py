"""Exponential fits of STDP windows, the form of Brian2's classic additive rule.

Brian2's STDP example (Song, Miller & Abbott 2000) changes a weight by
Δw = A₊·exp(−Δt/τ₊) for Δt = t_post − t_pre > 0 and Δw = −A₋·exp(Δt/τ₋) for Δt < 0.
:func:`fit_window` gives the A±, τ± of a measured window, so that a device's window can be
read as (and compared with) that rule; the R² says how exponential the window is.
"""

from dataclasses import dataclass

import numpy as np
from scipy.optimize import curve_fit

from spinbrian.devices.validation import require_finite_array


@dataclass(frozen=True)
class WindowFit:
    """A₊·exp(−Δt/τ₊) (Δt > 0) and −A₋·exp(Δt/τ₋) (Δt < 0), and the fit's R².

    ``A_plus`` and ``A_minus`` are signed so that a window of one sign (both sides
    potentiating, say) is fitted as it is: A₋ < 0 then. τ± are in the delays' unit.
    """

    A_plus: float
    tau_plus: float
    A_minus: float
    tau_minus: float
    r2: float

    def __call__(self, delays):
        """The fitted window at ``delays``."""
        d = np.asarray(delays, float)
        return np.where(
            d > 0,
            self.A_plus * np.exp(-d / self.tau_plus),
            np.where(d < 0, -self.A_minus * np.exp(d / self.tau_minus), 0.0),
        )


def _one_side(lags, dw):
    """A, τ of dw = A·exp(−lag/τ) over lags > 0, starting from a log-linear guess."""
    big = np.abs(dw) > 1e-12 * np.max(np.abs(dw)) if np.any(dw) else np.zeros(dw.shape, bool)
    if np.count_nonzero(big) < 2:
        return float(dw[np.argmin(lags)]), float("nan")
    slope, _ = np.polyfit(lags[big], np.log(np.abs(dw[big])), 1)
    tau0 = -1 / slope if slope < 0 else float(np.ptp(lags))
    peak = dw[np.argmin(lags)]
    (A, tau), _ = curve_fit(
        lambda x, a, t: a * np.exp(-x / t),
        lags,
        dw,
        p0=(peak * np.exp(lags.min() / tau0), tau0),
        bounds=((-np.inf, 1e-9 * tau0), (np.inf, 1e3 * tau0)),
        maxfev=5000,
    )
    return float(A), float(tau)


def fit_window(delays, dw):
    """Fit A±, τ± of Brian2's additive rule to a window Δw(Δt) (Δt = 0 is left out).

    Parameters
    ----------
    delays : array_like
        Δt = t_post − t_pre, 1-D, with points on both sides of 0 (at least two each).
    dw : array_like
        Weight change at each delay.

    Returns
    -------
    WindowFit

    Examples
    --------
    >>> import numpy as np
    >>> dt = np.arange(-10.0, 11.0)
    >>> w = np.where(dt > 0, 0.3 * np.exp(-dt / 4), -0.2 * np.exp(dt / 6)) * (dt != 0)
    >>> fit = fit_window(dt, w)
    >>> round(fit.A_plus, 3), round(fit.tau_plus, 3), round(fit.A_minus, 3), round(fit.r2, 6)
    (0.3, 4.0, 0.2, 1.0)
    """
    d = np.asarray(delays, float)
    w = np.asarray(dw, float)
    if d.ndim != 1 or w.shape != d.shape:
        raise ValueError(f"delays {d.shape} and dw {w.shape}: need 1-D arrays of one length")
    require_finite_array("delays", d, d.shape)
    require_finite_array("dw", w, w.shape)
    if np.count_nonzero(d > 0) < 2 or np.count_nonzero(d < 0) < 2:
        raise ValueError("delays: need at least two on each side of Δt = 0")
    A_p, tau_p = _one_side(d[d > 0], w[d > 0])
    A_m, tau_m = _one_side(-d[d < 0], -w[d < 0])
    fit = WindowFit(A_p, tau_p, A_m, tau_m, float("nan"))
    side = d != 0
    residual = np.sum((w[side] - fit(d[side])) ** 2)
    total = np.sum((w[side] - w[side].mean()) ** 2)
    r2 = 1 - residual / total if total > 0 else float("nan")
    return WindowFit(A_p, tau_p, A_m, tau_m, float(r2))
