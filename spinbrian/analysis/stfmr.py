"""Spin-torque ferromagnetic resonance (ST-FMR) fits: lineshapes, peaks, linewidth, Kittel.

Plain SI floats in and out, the conventions of :mod:`spinbrian.equations.resonance`
(fields are μ0H in tesla, ΔH the HWHM, frequencies in hertz, γ in rad s⁻¹ T⁻¹), whose
lineshapes and laws these fits invert.

Fits: :func:`fit_lineshape` (one spectrum, SciPy), :func:`fit_lineshapes` (many spectra:
the compiled Levenberg–Marquardt kernel, or SciPy one by one), :func:`fit_peaks` /
:func:`select_peaks` (up to three lines in one spectrum, the count by BIC),
:func:`fit_linewidth` (α, ΔH0) and :func:`fit_kittel` (M_eff, H_a).

Checks: the fits are entry points: their data must be finite and of matching shapes,
counts integers and option names known, before any work.
"""

from collections import namedtuple

import numpy as np
from scipy.optimize import curve_fit, least_squares

from spinbrian.constants import GAMMA_E
from spinbrian.cython_kernels import stfmr as _kernel
from spinbrian.devices.validation import (
    require_choice,
    require_count,
    require_finite_array,
)
from spinbrian.equations.resonance import _gamma, _kittel_field, _lineshape, _linewidth

#: One line fitted to a spectrum (or arrays of them, one per spectrum): resonance field
#: Hr (T), HWHM dH (T), symmetric and antisymmetric amplitudes S and A (the data's unit),
#: stderr (…, 4) in the order (Hr, dH, S, A), cost (½ Σ residual²) and converged.
LineFit = namedtuple("LineFit", "Hr dH S A stderr cost converged")

#: Several lines fitted jointly to one spectrum, sorted by Hr: Hr, dH, S, A (n_peaks,),
#: stderr (n_peaks, 4), cost (½ Σ residual²) and the Bayesian information criterion bic.
PeakFit = namedtuple("PeakFit", "Hr dH S A stderr cost bic")

#: Linewidth-vs-frequency fit: Gilbert damping alpha and inhomogeneous HWHM dH0 (T), with
#: their standard errors.
LinewidthFit = namedtuple("LinewidthFit", "alpha dH0 alpha_err dH0_err")

#: Kittel fit of H_r(f): μ0M_eff and μ0H_a (T), with their standard errors.
KittelFit = namedtuple("KittelFit", "Meff Ha Meff_err Ha_err")


# ------------------------------------------------------------------------------------------
# one line: initial guess and fits
# ------------------------------------------------------------------------------------------
def _sweep(H, Y, name="Y"):
    """H (n_H,) finite and strictly monotonic, the spectra ``name`` (n, n_H) finite."""
    H = np.ascontiguousarray(H, float)
    Y = np.ascontiguousarray(np.atleast_2d(Y), float)
    if H.ndim != 1 or H.size < 8 or Y.ndim != 2 or Y.shape[1] != H.size:
        raise ValueError(
            f"H must be 1-D with ≥ 8 fields and {name} (n, {H.size}) or ({H.size},); "
            f"got H {H.shape}, {name} {Y.shape}"
        )
    if not np.all(np.isfinite(H)):
        raise ValueError(f"H = {H!r} has NaN or infinite entries")
    if not (np.all(np.diff(H) > 0) or np.all(np.diff(H) < 0)):
        raise ValueError("H must be strictly monotonic")
    require_finite_array(name, Y, Y.shape)
    return H, Y


def _spectrum(H, y):
    """One spectrum: y of shape (n_H,), checked with :func:`_sweep`."""
    if np.ndim(y) != 1:
        raise ValueError(f"y has shape {np.shape(y)}: need one spectrum, shape ({np.size(H)},)")
    return _sweep(H, y, "y")


def _start(p0, shape):
    """Starting values of shape ``shape`` (…, 4), finite, each ΔH ≠ 0."""
    try:
        p = np.asarray(p0, float)
    except (TypeError, ValueError):
        p = None
    if p is None or p.shape != shape or not np.all(np.isfinite(p)) or np.any(p[..., 1] == 0):
        raise ValueError(
            f"p0 = {p0!r}: need finite starting values (Hr, dH, S, A) of shape {shape}, dH ≠ 0"
        )


def guess_lineshape(H, Y, derivative=True):
    """Starting values (Hr, dH, S, A) for one line in each spectrum, shape (n, 4).

    The (integrated, for derivative data) signal is detrended between its ends; its
    largest |V| gives H_r, the field span where |V| exceeds half of that gives 2ΔH, and S,
    A follow by linear least squares at that (H_r, ΔH)
    (:func:`spinbrian.cython_kernels.stfmr.guess_lines`).

    Parameters
    ----------
    H : array_like
        Field sweep μ0H (T), shape (n_H,), strictly monotonic.
    Y : array_like
        Spectra, shape (n, n_H) (or (n_H,) for one).
    derivative : bool
        Whether ``Y`` is dV_mix/dH.
    """
    return _kernel.guess_lines(*_sweep(H, Y), derivative)


def _positive_width(p):
    """(Hr, dH, S, A) with dH > 0: the lineshape is unchanged by (dH, A) → (−dH, −A)."""
    p = np.array(p, float)
    flip = p[..., 1] < 0
    p[..., 1] = np.where(flip, -p[..., 1], p[..., 1])
    p[..., 3] = np.where(flip, -p[..., 3], p[..., 3])
    return p


def fit_lineshape(H, y, derivative=True, p0=None):
    """Least-squares fit of one line (Hr, ΔH, S, A) to one spectrum (SciPy, MINPACK LM).

    Parameters
    ----------
    H : array_like
        Field sweep μ0H (T), shape (n_H,).
    y : array_like
        The spectrum, shape (n_H,): dV_mix/dH if ``derivative`` (the seed's convention),
        V_mix otherwise. Subtract any background first.
    derivative : bool
        Fit :func:`mixing_voltage_derivative` instead of :func:`mixing_voltage`.
    p0 : array_like, optional
        Starting (Hr, dH, S, A), finite, dH ≠ 0; :func:`guess_lineshape` by default.

    Returns
    -------
    LineFit
        Scalars, stderr (4,) from the covariance scaled by the residual variance.
    """
    H, Y = _spectrum(H, y)
    y = Y[0]
    if not np.any(y):
        raise ValueError("y is zero at every field: there is no line to fit")
    if p0 is None:
        p0 = guess_lineshape(H, y, derivative)[0]
    else:
        _start(p0, (4,))
    p, cov, info, _, ier = curve_fit(
        _lineshape(derivative), H, y, p0=p0, xtol=1e-12, ftol=1e-12, maxfev=4000, full_output=True
    )
    Hr, dH, S, A = _positive_width(p)
    cost = 0.5 * float(np.sum(info["fvec"] ** 2))
    return LineFit(Hr, dH, S, A, np.sqrt(np.diag(cov)), cost, ier in (1, 2, 3, 4))


def fit_lineshapes(H, Y, derivative=True, p0=None, backend="cython", max_iter=200):
    """Fit one line to each of many spectra on the same field sweep.

    Parameters
    ----------
    H : array_like
        Field sweep μ0H (T), shape (n_H,).
    Y : array_like
        Spectra, shape (n, n_H).
    derivative : bool
        Whether ``Y`` is dV_mix/dH (the seed's convention) or V_mix.
    p0 : array_like, optional
        Starting values (n, 4); :func:`guess_lineshape` by default (reliable down to noise
        σ ≈ 10 % of the peak; pass ``p0`` for noisier derivative spectra).
    backend : {"cython", "scipy"}
        ``"cython"``: :func:`spinbrian.cython_kernels.stfmr.fit_lines` (Levenberg–Marquardt
        with the analytic Jacobian, all spectra in one C loop); ``"scipy"``:
        :func:`fit_lineshape` on each spectrum, the reference.
    max_iter : int
        Iteration limit of the compiled fitter, ≥ 1.

    Returns
    -------
    LineFit
        Arrays of shape (n,); stderr (n, 4).
    """
    require_choice("backend", backend, ("cython", "scipy"))
    max_iter = require_count("max_iter", max_iter, 1)
    H, Y = _sweep(H, Y)
    if p0 is not None:
        _start(p0, (Y.shape[0], 4))
    p0 = guess_lineshape(H, Y, derivative) if p0 is None else np.array(p0, float)
    if backend == "scipy":
        fits = [fit_lineshape(H, y, derivative, p) for y, p in zip(Y, p0, strict=True)]
        return LineFit(*(np.array(v) for v in zip(*fits, strict=True)))
    p, err, cost, converged = _kernel.fit_lines(
        H, Y, np.ascontiguousarray(p0), derivative, max_iter
    )
    p = _positive_width(p)
    return LineFit(p[:, 0], p[:, 1], p[:, 2], p[:, 3], err, cost, converged.astype(bool))


# ------------------------------------------------------------------------------------------
# several lines in one spectrum
# ------------------------------------------------------------------------------------------
def _multi_model(H, p, derivative):
    shape = _lineshape(derivative)
    q = np.reshape(p, (-1, 4))
    return shape(H[None, :], *(q[:, k, None] for k in range(4))).sum(axis=0)


def fit_peaks(H, y, n_peaks, derivative=True, p0=None):
    """Joint least-squares fit of ``n_peaks`` lines (each Hr, ΔH, S, A) to one spectrum.

    Without ``p0`` the lines are found one at a time — guess and fit a line to what the
    lines found so far leave unexplained — then all are refined together (SciPy
    ``least_squares``, ΔH > 0).

    Parameters
    ----------
    H, y : array_like
        Field sweep μ0H (T), finite and strictly monotonic, and the spectrum, shape (n_H,).
    n_peaks : int
        Number of lines, ≥ 1 (1 to 3 for the biased LSMO device of seed 000, Fig. 3).
    derivative : bool
        Whether ``y`` is dV_mix/dH or V_mix.
    p0 : array_like, optional
        Starting values, shape (n_peaks, 4), finite, ΔH ≠ 0.

    Returns
    -------
    PeakFit
    """
    n_peaks = require_count("n_peaks", n_peaks, 1)
    _spectrum(H, y)
    if p0 is not None:
        _start(p0, (n_peaks, 4))
    H = np.asarray(H, float)
    y = np.asarray(y, float)
    if p0 is None:
        lines = []
        for _ in range(n_peaks):
            rest = y - _multi_model(H, lines, derivative) if lines else y
            lines.append(fit_lineshape(H, rest, derivative)[:4])
        p0 = np.array(lines)
    p0 = _positive_width(np.reshape(p0, (n_peaks, 4)))
    lower = np.tile([-np.inf, 0.0, -np.inf, -np.inf], n_peaks)
    res = least_squares(
        lambda p: _multi_model(H, p, derivative) - y,
        p0.ravel(),
        bounds=(lower, np.inf),
        x_scale="jac",
        xtol=1e-12,
        ftol=1e-12,
    )
    p = res.x.reshape(n_peaks, 4)
    dof = max(H.size - p.size, 1)
    cov = np.linalg.pinv(res.jac.T @ res.jac) * (2 * res.cost / dof)
    err = np.sqrt(np.abs(np.diag(cov))).reshape(n_peaks, 4)
    order = np.argsort(p[:, 0])
    p, err = p[order], err[order]
    bic = H.size * np.log(2 * res.cost / H.size) + p.size * np.log(H.size)
    return PeakFit(p[:, 0], p[:, 1], p[:, 2], p[:, 3], err, float(res.cost), float(bic))


def select_peaks(H, y, max_peaks=3, derivative=True):
    """The :func:`fit_peaks` fit with 1 … ``max_peaks`` lines that has the lowest BIC.

    A line count whose fit does not converge (its extra line has nothing to fit) is skipped.

    ``y`` must not be zero everywhere: a perfect fit of nothing has BIC −inf for every count.
    """
    max_peaks = require_count("max_peaks", max_peaks, 1)
    _spectrum(H, y)
    if not np.any(np.asarray(y, float)):
        raise ValueError("y is zero everywhere: there is no line to select")
    fits = []
    for n in range(1, max_peaks + 1):
        try:
            fits.append(fit_peaks(H, y, n, derivative))
        except RuntimeError:  # no n-th line to find in what the others leave: not selectable
            continue
    if not fits:
        raise RuntimeError(f"no fit of 1 … {max_peaks} lines converged")
    return min(fits, key=lambda fit: fit.bic)


# ------------------------------------------------------------------------------------------
# linewidth and Kittel fits
# ------------------------------------------------------------------------------------------
def _series(f, y, y_name, err, err_name, gamma):
    """Check the data of a fit against frequency; return f and y as float arrays.

    f and y: 1-D, same length ≥ 3 (two parameters and a residual), finite; f ≥ 0 with at
    least two distinct values; the errors (if given) of the same shape, finite and > 0.
    """
    f_arr, y_arr = np.asarray(f, float), np.asarray(y, float)
    if f_arr.ndim != 1 or f_arr.size < 3 or y_arr.shape != f_arr.shape:
        raise ValueError(
            f"f has shape {f_arr.shape} and {y_name} {y_arr.shape}: need 1-D arrays of the "
            "same length ≥ 3"
        )
    require_finite_array("f", f_arr, f_arr.shape)
    if np.any(f_arr < 0) or np.ptp(f_arr) == 0:
        raise ValueError(f"f = {f!r}: need frequencies ≥ 0 Hz, at least two distinct")
    require_finite_array(y_name, y_arr, y_arr.shape)
    if err is not None:
        e = np.asarray(err, float)
        if e.shape != f_arr.shape or not np.all(np.isfinite(e) & (e > 0)):
            raise ValueError(
                f"{err_name} = {err!r}: need one finite standard error > 0 per point, "
                f"shape {f_arr.shape}"
            )
    _gamma(gamma)
    return f_arr, y_arr


def fit_linewidth(f, dH, dH_err=None, gamma=GAMMA_E):
    """Straight-line fit ΔH = ΔH0 + 2παf/γ → (α, ΔH0) (seed 000, Fig. 2c).

    Parameters
    ----------
    f : array_like
        Frequencies (Hz), ≥ 0, at least two distinct; three points or more.
    dH : array_like
        Fitted HWHM μ0ΔH (T) at each frequency, > 0.
    dH_err : array_like, optional
        Their standard errors (weights, > 0); unweighted if omitted.
    gamma : float
        Gyromagnetic ratio (rad s⁻¹ T⁻¹).

    Returns
    -------
    LinewidthFit
    """
    f, dH_arr = _series(f, dH, "dH", dH_err, "dH_err", gamma)
    if not np.all(dH_arr > 0):
        raise ValueError(f"dH = {dH!r}: half widths must be > 0")
    p, cov = curve_fit(
        lambda x, alpha, dH0: _linewidth(x, alpha, dH0, gamma),
        f,
        dH_arr,
        p0=[0.01, 0.0],
        sigma=dH_err,
    )
    e = np.sqrt(np.diag(cov))
    return LinewidthFit(float(p[0]), float(p[1]), float(e[0]), float(e[1]))


def fit_kittel(f, Hr, Hr_err=None, gamma=GAMMA_E):
    """Fit the in-plane Kittel law to resonance fields → (M_eff, H_a) (seed 000, Fig. 2d).

    The seed plots f against H_r; the fit here is of H_r(f) (:func:`kittel_field`), the same
    curve with the error where the measurement has it. Starting values come from the
    linear form (f/g)² − H² = (2H_a + M_eff)·H + H_a(H_a + M_eff), g = γ/2π.

    Parameters
    ----------
    f : array_like
        Frequencies (Hz), ≥ 0, at least two distinct; three points or more.
    Hr : array_like
        Fitted resonance fields μ0H_r (T), at least two distinct.
    Hr_err : array_like, optional
        Their standard errors (weights, > 0); unweighted if omitted.
    gamma : float
        Gyromagnetic ratio (rad s⁻¹ T⁻¹).

    Returns
    -------
    KittelFit
    """
    f, Hr_arr = _series(f, Hr, "Hr", Hr_err, "Hr_err", gamma)
    if np.ptp(Hr_arr) == 0:
        raise ValueError(f"Hr = {Hr!r}: need at least two distinct resonance fields")
    Hr = Hr_arr
    c1, c0 = np.polyfit(Hr, (2 * np.pi * f / gamma) ** 2 - Hr**2, 1)
    Ha0 = 0.5 * (c1 - np.sqrt(max(c1**2 - 4 * c0, 0.0)))
    p, cov = curve_fit(
        lambda x, Meff, Ha: _kittel_field(x, Meff, Ha, gamma),
        f,
        Hr,
        p0=[c1 - 2 * Ha0, Ha0],
        sigma=Hr_err,
    )
    e = np.sqrt(np.diag(cov))
    return KittelFit(float(p[0]), float(p[1]), float(e[0]), float(e[1]))
