"""Spin-torque ferromagnetic resonance (ST-FMR): lineshapes, Kittel, linewidth, fits.

Plain SI floats in and out. Every field is μ0H in tesla (``H``, ``Hr``, ``dH``, ``Meff``,
``Ha`` all mean μ0 times the field), frequencies are in hertz, temperatures in kelvin and
γ in rad s⁻¹ T⁻¹ (γ/2π ≈ 28.0 GHz/T, :data:`spinbrian.constants.GAMMA_E`).

At fixed frequency the rectified mixing voltage is symmetric plus antisymmetric
Lorentzians in the field (seed 000, Fig. 2b; Xu & Kent, Phys. Rev. Appl. 14, 014012,
2020),

    V_mix(H) = S·ΔH²/((H − H_r)² + ΔH²) + A·ΔH(H − H_r)/((H − H_r)² + ΔH²),

with ΔH the half width at half maximum (HWHM) of the symmetric part. That is the
convention in which the seed's linewidth relation holds,

    ΔH = ΔH0 + 2παf/γ,

and the seed fits the field derivative dV_mix/dH (field-modulated lock-in; Fig. 2b "fit to
the derivative of Lorentzian functions"), whose symmetric part crosses zero at H_r with
extrema 2ΔH/√3 apart. The in-plane Kittel condition, field along the in-plane easy axis
(seed 000, Fig. 2d), is

    f = (γ/2π)·√((H + H_a)(H + H_a + M_eff)),

and M_eff(T) falls to 0 at the Curie temperature T_c ≈ 340 K of LSMO (seed 000, Fig. 1b).
A device whose zones sit at different temperatures shows the area-weighted sum of its
zones' lines (:func:`zone_spectrum`; seed 000, Fig. 4); :func:`kittel_meff` and
:func:`temperature_at_meff` read a zone's temperature back off its resonance field.

Fits: :func:`fit_lineshape` (one spectrum, SciPy), :func:`fit_lineshapes` (many spectra:
the compiled Levenberg–Marquardt kernel, or SciPy one by one), :func:`fit_peaks` /
:func:`select_peaks` (up to three lines in one spectrum), :func:`fit_linewidth` (α, ΔH0)
and :func:`fit_kittel` (M_eff, H_a).

Checks: the lineshapes, the Kittel and linewidth laws, :func:`meff_at`,
:func:`temperature_at_meff`, :meth:`Zones.lines` and :func:`zone_spectrum` are formulas:
a parameter given as a scalar must be finite (γ > 0, a scalar ΔH ≠ 0, the M_eff(T) model's
constants in range), but array entries are not scanned — a NaN entry gives NaN there, as
in NumPy. :class:`Zones` and the fits are entry points: their data must be finite and of
matching shapes, counts integers and option names known, before any work.
"""

from collections import namedtuple
from dataclasses import dataclass

import numpy as np
from scipy.optimize import curve_fit, least_squares

from spinbrian.constants import GAMMA_E
from spinbrian.cython_kernels import stfmr as _kernel
from spinbrian.devices.validation import (
    require_choice,
    require_count,
    require_finite_array,
    require_range,
)

#: Curie temperature of the LSMO film (K): seed 000, Fig. 1b ("T_c ≈ 340 K").
T_C_LSMO = 340.0

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
# checks shared by the formulas
# ------------------------------------------------------------------------------------------
def _params(**named):
    """Refuse a NaN or ±inf parameter given as a scalar.

    Arrays of parameters are not scanned (formula convention: a NaN entry gives NaN).
    """
    for name, value in named.items():
        if np.ndim(value) == 0:
            require_range(name, value)


def _gamma(gamma):
    """The gyromagnetic ratio: a finite scalar > 0 (rad s⁻¹ T⁻¹)."""
    require_range("gamma", gamma, 0, low_open=True)


def _line_params(Hr, dH, S=0.0, A=0.0):
    """Hr, dH, S, A finite where scalar; a scalar HWHM dH = 0 would give 0/0 at H_r."""
    _params(Hr=Hr, dH=dH, S=S, A=A)
    if np.ndim(dH) == 0 and dH == 0:
        raise ValueError(f"dH = {dH}: the half width must be non-zero (a negative one flips A)")


# ------------------------------------------------------------------------------------------
# lineshapes
# ------------------------------------------------------------------------------------------
def _symmetric(H, Hr, dH):
    x = np.asarray(H, float) - Hr
    return dH**2 / (x**2 + dH**2)


def _antisymmetric(H, Hr, dH):
    x = np.asarray(H, float) - Hr
    return dH * x / (x**2 + dH**2)


def _mixing(H, Hr, dH, S, A):
    return S * _symmetric(H, Hr, dH) + A * _antisymmetric(H, Hr, dH)


def _mixing_derivative(H, Hr, dH, S, A):
    x = np.asarray(H, float) - Hr
    D = x**2 + dH**2
    return (-2 * S * dH**2 * x + A * dH * (dH**2 - x**2)) / D**2


def lorentzian_symmetric(H, Hr, dH):
    """ΔH²/((H − H_r)² + ΔH²): 1 at H_r, ½ at H_r ± ΔH (ΔH is the HWHM)."""
    _line_params(Hr, dH)
    return _symmetric(H, Hr, dH)


def lorentzian_antisymmetric(H, Hr, dH):
    """ΔH(H − H_r)/((H − H_r)² + ΔH²): 0 at H_r, extrema ±½ at H_r ± ΔH."""
    _line_params(Hr, dH)
    return _antisymmetric(H, Hr, dH)


def mixing_voltage(H, Hr, dH, S, A):
    """V_mix(H) = S·L_sym + A·L_anti (module docstring); broadcasts."""
    _line_params(Hr, dH, S, A)
    return _mixing(H, Hr, dH, S, A)


def mixing_voltage_derivative(H, Hr, dH, S, A):
    """dV_mix/dH (per tesla of μ0H), the lineshape a field-modulated lock-in records.

    The symmetric part, −2S·ΔH²(H − H_r)/D², crosses zero at H_r with extrema at
    H_r ∓ ΔH/√3; the antisymmetric part is A·ΔH(ΔH² − (H − H_r)²)/D², with
    D = (H − H_r)² + ΔH².
    """
    _line_params(Hr, dH, S, A)
    return _mixing_derivative(H, Hr, dH, S, A)


def _lineshape(derivative):
    """The unchecked lineshape the fits evaluate (an optimiser may try any parameters)."""
    return _mixing_derivative if derivative else _mixing


# ------------------------------------------------------------------------------------------
# Kittel, linewidth, M_eff(T)
# ------------------------------------------------------------------------------------------
def kittel_frequency(H, Meff, Ha, gamma=GAMMA_E):
    """In-plane Kittel frequency (Hz): f = (γ/2π)·√((H + H_a)(H + H_a + M_eff)).

    Parameters
    ----------
    H : array_like
        μ0H (T) along the in-plane easy axis; valid for H > −H_a.
    Meff, Ha : float or array_like
        μ0M_eff and μ0H_a (T).
    gamma : float
        Gyromagnetic ratio (rad s⁻¹ T⁻¹), > 0.
    """
    _params(Meff=Meff, Ha=Ha)
    _gamma(gamma)
    h = np.asarray(H, float) + Ha
    return gamma / (2 * np.pi) * np.sqrt(h * (h + Meff))


def _kittel_field(f, Meff, Ha, gamma):
    w = 2 * np.pi * np.asarray(f, float) / gamma
    return 2 * w**2 / (Meff + np.sqrt(Meff**2 + 4 * w**2)) - Ha


def kittel_field(f, Meff, Ha, gamma=GAMMA_E):
    """Resonance field μ0H_r (T) at frequency ``f`` (Hz): the inverse of :func:`kittel_frequency`.

    (H + H_a) = 2w²/(M_eff + √(M_eff² + 4w²)) with w = 2πf/γ, the root with the
    magnetisation along the field (this form is exact at M_eff = 0, where H + H_a = w).
    """
    _params(Meff=Meff, Ha=Ha)
    _gamma(gamma)
    return _kittel_field(f, Meff, Ha, gamma)


def kittel_meff(Hr, f, Ha, gamma=GAMMA_E):
    """μ0M_eff (T) of a line resonating at μ0H_r (T) at frequency ``f`` (Hz), given μ0H_a.

    M_eff = w²/(H_r + H_a) − (H_r + H_a) with w = 2πf/γ: with :func:`temperature_at_meff`,
    the temperature of a zone read off its resonance field (seed 000, Fig. 3b,c).
    """
    _params(Ha=Ha)
    _gamma(gamma)
    h = np.asarray(Hr, float) + Ha
    return (2 * np.pi * np.asarray(f, float) / gamma) ** 2 / h - h


def _linewidth(f, alpha, dH0, gamma):
    return dH0 + 2 * np.pi * alpha * np.asarray(f, float) / gamma


def linewidth(f, alpha, dH0, gamma=GAMMA_E):
    """HWHM μ0ΔH (T) at frequency ``f`` (Hz): ΔH = ΔH0 + 2παf/γ (seed 000, Fig. 2c)."""
    _params(alpha=alpha, dH0=dH0)
    _gamma(gamma)
    return _linewidth(f, alpha, dH0, gamma)


def _reduced_magnetisation(T, Tc, a, b):
    t = np.clip(np.asarray(T, float) / Tc, 0.0, 1.0)
    return (1.0 - t**a) ** b


def _magnetisation_model(meff_ref, T_ref, Tc, a, b):
    """The M_eff(T) model's constants: finite scalars, M_eff(T_ref) > 0, 0 ≤ T_ref < Tc."""
    require_range("meff_ref", meff_ref, 0, low_open=True)
    require_range("Tc", Tc, 0, low_open=True)
    if not 0 <= T_ref < Tc:
        raise ValueError(f"T_ref = {T_ref!r} K: must lie in [0, Tc = {Tc!r} K)")
    require_range("a", a, 0, low_open=True)
    require_range("b", b, 0, low_open=True)


def meff_at(T, meff_ref, T_ref, Tc=T_C_LSMO, a=1.5, b=0.5):
    """μ0M_eff (T) at temperature ``T`` (K) — a model, calibrated at one temperature.

    M_eff(T) = M_eff(T_ref)·m(T)/m(T_ref) with m(T) = (1 − (T/T_c)^a)^b below T_c and 0 at
    and above it. The defaults are Bloch's T^{3/2} at low T (a = 1.5) and the mean-field
    exponent at T_c (b = 0.5); neither is fitted to the seed, whose Fig. 2d inset shows
    M_eff(T) only as a curve. T_c = 340 K: seed 000, Fig. 1b.

    Parameters
    ----------
    T : array_like
        Temperature (K).
    meff_ref : float
        μ0M_eff (T) at ``T_ref``.
    T_ref : float
        Calibration temperature (K), below ``Tc``.
    Tc : float
        Curie temperature (K).
    a, b : float
        Exponents of the shape m(T), > 0.
    """
    _magnetisation_model(meff_ref, T_ref, Tc, a, b)
    return meff_ref * _reduced_magnetisation(T, Tc, a, b) / _reduced_magnetisation(T_ref, Tc, a, b)


def temperature_at_meff(Meff, meff_ref, T_ref, Tc=T_C_LSMO, a=1.5, b=0.5):
    """Temperature (K) at which :func:`meff_at` gives ``Meff`` (T): its inverse.

    ``Meff`` ≤ 0 maps to T_c; ``Meff`` above the model's T = 0 value maps to 0 K. The
    other parameters are those of :func:`meff_at`.
    """
    _magnetisation_model(meff_ref, T_ref, Tc, a, b)
    m = np.asarray(Meff, float) / meff_ref * _reduced_magnetisation(T_ref, Tc, a, b)
    m = np.clip(m, 0.0, 1.0)
    return Tc * (1.0 - m ** (1.0 / b)) ** (1.0 / a)


# ------------------------------------------------------------------------------------------
# zones
# ------------------------------------------------------------------------------------------
def _zone_shapes(**named):
    """Check that the named arrays broadcast to one shape (..., n_zones)."""
    try:
        np.broadcast_shapes(*(np.shape(v) for v in named.values()))
    except ValueError:
        shapes = ", ".join(f"{name} {np.shape(v)}" for name, v in named.items())
        raise ValueError(
            f"the zones' attributes must broadcast to one shape (..., n_zones); got {shapes}"
        ) from None


@dataclass(frozen=True)
class Zones:
    """Magnetic zones of a device, each with its own line, weighted by its area.

    Every attribute broadcasts to one shape ``(..., n_zones)``: the last axis runs over the
    zones, leading axes over independent states of the device (e.g. one row per bias).

    Every attribute must be finite; weight, alpha and dH0 ≥ 0.

    Attributes
    ----------
    weight : array_like
        Area of each zone (any unit: the spectrum is Σ weight·V_zone, so area fractions
        give the spectrum of a uniform device of unit area).
    Meff : array_like
        μ0M_eff (T). A zone with Meff ≤ 0 (at or above T_c) is paramagnetic and
        contributes nothing.
    Ha : array_like
        μ0H_a (T).
    alpha : array_like
        Gilbert damping.
    dH0 : array_like
        Inhomogeneous HWHM μ0ΔH0 (T).
    S, A : array_like
        Symmetric and antisymmetric amplitude per unit weight.
    """

    weight: np.ndarray | float
    Meff: np.ndarray | float
    Ha: np.ndarray | float
    alpha: np.ndarray | float
    dH0: np.ndarray | float
    S: np.ndarray | float = 1.0
    A: np.ndarray | float = 0.0

    def __post_init__(self):
        named = {name: getattr(self, name) for name in self.__dataclass_fields__}
        _zone_shapes(**named)
        for name, value in named.items():
            require_finite_array(name, value, np.shape(value))
        for name in ("weight", "alpha", "dH0"):
            value = np.asarray(getattr(self, name), float)
            if not np.all(value >= 0):
                raise ValueError(f"{name} = {value!r}: must be ≥ 0")

    @classmethod
    def from_temperatures(cls, T, weight, meff_ref, T_ref, Tc=T_C_LSMO, a=1.5, b=0.5, **rest):
        """Zones at temperatures ``T`` (K, finite, ≥ 0), their M_eff from :func:`meff_at`.

        ``rest`` gives the other attributes (Ha, alpha, dH0, S, A).
        """
        temperatures = np.asarray(T, float)
        if not np.all(np.isfinite(temperatures) & (temperatures >= 0)):
            raise ValueError(f"T = {T!r}: zone temperatures must be finite and ≥ 0 K")
        _zone_shapes(T=T, weight=weight, **rest)
        return cls(weight=weight, Meff=meff_at(T, meff_ref, T_ref, Tc, a, b), **rest)

    def lines(self, f, gamma=GAMMA_E):
        """Hr, dH, S_total, A_total of every zone at frequency ``f`` (Hz), broadcast.

        ``f`` broadcasts against the attributes (``f[:, None]``: one row per frequency);
        the results are at least 1-D (a single zone given by scalars is one zone).
        S_total and A_total are the amplitudes times the weight, zero for paramagnetic zones.
        ``f`` is not scanned (a NaN entry gives NaN lines); ``gamma`` must be > 0.
        """
        _gamma(gamma)
        fields = (self.weight, self.Meff, self.Ha, self.alpha, self.dH0, self.S, self.A)
        weight, Meff, Ha, alpha, dH0, S, A = np.broadcast_arrays(
            *(np.asarray(v, float) for v in fields)
        )
        live = np.where(Meff > 0, weight, 0.0)
        Hr = kittel_field(f, np.maximum(Meff, 0.0), Ha, gamma)
        lines = np.broadcast_arrays(Hr, linewidth(f, alpha, dH0, gamma), live * S, live * A)
        return [np.atleast_1d(v) for v in lines]


def zone_spectrum(H, f, zones, derivative=False, backend="numpy", gamma=GAMMA_E):
    """The whole device's ST-FMR spectrum: the area-weighted sum of its zones' lines.

    Parameters
    ----------
    H : array_like
        Field sweep μ0H (T), shape (n_H,).
    f : float or array_like
        Frequency (Hz); broadcasts against the zones' attributes (``f[:, None]`` with 1-D
        zones gives one spectrum per frequency).
    zones : Zones
        The zones; attributes broadcast to ``(..., n_zones)``.
    derivative : bool
        Return dV_mix/dH instead of V_mix.
    backend : {"numpy", "cython"}
        ``"cython"``: :func:`spinbrian.cython_kernels.stfmr.synthesize`, the same sum in C.
    gamma : float
        Gyromagnetic ratio (rad s⁻¹ T⁻¹).

    Returns
    -------
    numpy.ndarray
        Shape ``(..., n_H)``.
    """
    require_choice("backend", backend, ("numpy", "cython"))
    if not isinstance(zones, Zones):
        raise TypeError(f"zones = {zones!r}: expected a Zones")
    H = np.asarray(H, float)
    Hr, dH, S, A = zones.lines(f, gamma)
    if backend == "cython":
        lead = Hr.shape[:-1]
        rows = [np.ascontiguousarray(v.reshape(-1, v.shape[-1])) for v in (Hr, dH, S, A)]
        return _kernel.synthesize(np.ascontiguousarray(H), *rows, derivative).reshape(*lead, H.size)
    shape = _lineshape(derivative)
    lines = shape(H, Hr[..., None], dH[..., None], S[..., None], A[..., None])
    return lines.sum(axis=-2)


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
