"""ST-FMR physics: lineshapes, Kittel and linewidth laws, M_eff(T), zone spectra.

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

This is the physics devices use (:mod:`spinbrian.devices.resonator`) and experiments
synthesise spectra with; the fits of measured spectra live in
:mod:`spinbrian.analysis.stfmr`.

Checks: the lineshapes, the Kittel and linewidth laws, :func:`meff_at`,
:func:`temperature_at_meff`, :meth:`Zones.lines` and :func:`zone_spectrum` are formulas:
a parameter given as a scalar must be finite (γ > 0, a scalar ΔH ≠ 0, the M_eff(T) model's
constants in range), but array entries are not scanned — a NaN entry gives NaN there, as
in NumPy. :class:`Zones` is an entry point: its attributes must be finite and broadcast.
"""

from dataclasses import dataclass

import numpy as np

from spinbrian.constants import GAMMA_E
from spinbrian.cython_kernels import stfmr as _kernel
from spinbrian.devices.validation import require_choice, require_finite_array, require_range

#: Curie temperature of the LSMO film (K): seed 000, Fig. 1b ("T_c ≈ 340 K").
T_C_LSMO = 340.0


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
