"""Néel–Brown theory of a uniaxial macrospin: the two-state reduced model of a p-bit.

A free layer with its easy axis along the reference layer (axial symmetry, easy axis ẑ,
spin-transfer polariser ±ẑ) has, in reduced units x = m_z,

    E/(k_BT) = −σ (x² + 2 h x),     σ = Δ = μ0 M_s H_k V / (2 k_BT),

with h = (H_z + H_STT)/H_k. In this geometry the damping-like spin-transfer torque acts
exactly like a field H_STT = ε a_J/(α γ μ0) along the polariser (ε = ½ at Λ = 1), because the
two enter the drift of m_z in the same way; the field-like part only adds precession about
ẑ, which m_z does not feel (Li & Zhang 2004; Apalkov & Visscher 2005). m_z then diffuses on
[−1, 1] by Brown's Fokker–Planck equation (Brown 1963)

    ∂W/∂t = (1/2τ_N) ∂/∂x [(1 − x²)(∂W/∂x + W ∂(E/k_BT)/∂x)],
    τ_N = (1 + α²) M_s V / (2 α γ k_BT),

so every number here is exact for the axial LLG (no high-barrier approximation) and comes in
units of τ_N: the mean first-passage time between two values of m_z, the mean dwell times of
the telegraph read with a hysteretic threshold, and the stationary probability of m_z > 0.
:func:`brown_escape_time` is Brown's high-barrier asymptote, the limit they must reach.
"""

import numpy as np
from scipy.integrate import cumulative_trapezoid
from scipy.special import dawsn

#: Grid points of the first-passage quadrature (relative error < 1e-5 for σ ≤ 20).
QUADRATURE_POINTS = 4001


def _upward_passage(sigma, h, start, end):
    """Mean first-passage time (units τ_N) from m_z = start up to end > start, reflecting at −1.

    T = 2 ∫_start^end dy e^{E(y)}/(1 − y²) ∫_{−1}^y e^{−E(z)} dz, with E/(k_BT) = −σ(y² + 2hy).
    """
    y = np.linspace(-1.0, end, QUADRATURE_POINTS)
    # Shift the exponents by their maximum: the ratio inside the outer integral is unchanged.
    minus_e = sigma * (y**2 + 2 * h * y)
    shift = minus_e.max()
    inner = cumulative_trapezoid(np.exp(minus_e - shift), y, initial=0.0)
    outer = np.empty_like(y)
    outer[1:] = np.exp(shift - minus_e[1:]) * inner[1:] / (1 - y[1:] ** 2)
    outer[0] = 0.5  # limit y → −1: inner ≈ (1 + y) e^{−E(−1)}, 1 − y² ≈ 2(1 + y)
    cumulative = cumulative_trapezoid(outer, y, initial=0.0)
    return 2.0 * (np.interp(end, y, cumulative) - np.interp(start, y, cumulative))


def mean_first_passage(sigma, h, start, end):
    """Mean time (units of τ_N) for m_z to first reach ``end`` from ``start``.

    Parameters
    ----------
    sigma : float
        Barrier Δ = K_u V/(k_BT) at h = 0, > 0.
    h : float
        Reduced axial field (applied plus spin-transfer), |h| < 1.
    start, end : float
        Values of m_z in (−1, 1); the walk is reflected at the pole behind ``start``.

    Examples
    --------
    >>> round(float(mean_first_passage(3.0, 0.0, 0.5, -0.5)), 3)  # doctest: +SKIP
    """
    if not sigma > 0 or not abs(h) < 1:
        raise ValueError(f"sigma = {sigma}, h = {h}: need sigma > 0 and |h| < 1")
    if not (-1 < start < 1 and -1 < end < 1):
        raise ValueError(f"start = {start}, end = {end}: both must lie in (−1, 1)")
    if end >= start:
        return _upward_passage(sigma, h, start, end)
    return _upward_passage(sigma, -h, -start, -end)  # mirror x → −x


def dwell_times(sigma, h, threshold=0.5):
    """Mean dwell times (τ_up, τ_down) of the telegraph read with a hysteretic threshold.

    The read is "up" from the moment m_z rises through +threshold until it falls through
    −threshold, and "down" the other way round, so a dwell is a first passage across the
    whole dead band (units of τ_N).
    """
    if not 0 < threshold < 1:
        raise ValueError(f"threshold = {threshold}: must lie in (0, 1)")
    return (
        mean_first_passage(sigma, h, threshold, -threshold),
        mean_first_passage(sigma, h, -threshold, threshold),
    )


def sampled_read_shift(threshold, dt):
    """How far out a read sampled every ``dt`` (units τ_N) effectively puts ±``threshold``.

    A read taken once per step misses excursions past the threshold that return within the
    step; for a diffusion the first passage seen by such a read is, to leading order in √dt,
    that of a continuous read with the barrier 0.5826·σ_step further out (Broadie, Glasserman
    & Kou 1997; 0.5826 = −ζ(½)/√(2π)), σ_step = √(2D(1 − x²)dt) = √((1 − x²)dt) the rms
    change of m_z in one step at x = threshold (D = 1/(2τ_N)).
    """
    return 0.5826 * np.sqrt((1 - threshold**2) * dt)


def up_probability(sigma, h):
    """Stationary probability of m_z > 0, in closed form through Dawson's integral.

    P = ∫_0^1 e^{σ(x+h)²} dx / ∫_{−1}^1 e^{σ(x+h)²} dx; with ∫_a^b e^{u²} du =
    e^{b²}D(b) − e^{a²}D(a) every exponent is ≤ 0 once the largest (a₁ = √σ(1 + |h|)) is
    factored out. Broadcasts over ``sigma`` and ``h``.
    """
    sigma, h = np.broadcast_arrays(np.asarray(sigma, float), np.asarray(h, float))
    ha = np.abs(h)
    r = np.sqrt(sigma)
    a1, a0, am = r * (1 + ha), r * ha, r * (ha - 1)
    num = dawsn(a1) - np.exp(a0**2 - a1**2) * dawsn(a0)
    den = dawsn(a1) - np.exp(am**2 - a1**2) * dawsn(am)
    p = num / den
    return np.where(h >= 0, p, 1 - p)


def brown_escape_time(sigma, h):
    """Brown's high-barrier escape time (units τ_N) out of the well at m_z = +1.

    τ = √π e^{σ(1+h)²} / (σ^{3/2} (1 − h²)(1 + h)) (Brown 1963, Eq. 4.3 with both wells;
    Coffey & Kalmykov, *The Langevin Equation*, §9): the limit σ → ∞ of the exact
    first-passage time out of the up well.
    """
    sigma, h = np.asarray(sigma, float), np.asarray(h, float)
    return np.sqrt(np.pi) * np.exp(sigma * (1 + h) ** 2) / (sigma**1.5 * (1 - h**2) * (1 + h))


class FirstPassageLaw:
    """The full law of the first-passage time from ``start`` to ``end`` (units of τ_N).

    Brown's backward operator on the reflected side of ``end`` is discretised by finite
    volumes (``points`` cells, conductance (1 − x²)e^{−E} at the faces, absorbing wall at
    ``end``) and diagonalised in its symmetrised form, so the survival probability is a sum
    of decaying exponentials S(t) = Σ_n c_n e^{−λ_n t}. The slowest λ_0 is the escape rate of
    the two-state model; the faster modes carry the quick re-crossings that make a dwell
    which starts at the edge of a well shorter than exponential.
    """

    def __init__(self, sigma, h, start, end, points=1000):
        from scipy.linalg import eigh_tridiagonal

        if end < start:  # mirror x → −x
            start, end, h = -start, -end, -h
        if not (-1 < start < end < 1):
            raise ValueError(f"start = {start}, end = {end}: need −1 < start, end < 1, distinct")
        edges = np.linspace(-1.0, end, points + 1)
        x = 0.5 * (edges[1:] + edges[:-1])
        dx = edges[1] - edges[0]
        psi = -sigma * (x**2 + 2 * h * x)  # E/(k_BT) at the cells
        shift = psi.min()
        weight = np.exp(-(psi - shift))  # stationary weights π_k
        face = lambda y: (1 - y**2) * np.exp(sigma * (y**2 + 2 * h * y) + shift)  # noqa: E731
        c = face(edges[1:-1]) / dx**2  # interior faces
        c_end = 2 * face(edges[-1]) / dx**2  # half a cell to the absorbing wall
        diag = -0.5 * (np.r_[0.0, c] + np.r_[c, c_end]) / weight
        off = 0.5 * c / np.sqrt(weight[1:] * weight[:-1])
        lam, vec = eigh_tridiagonal(diag, off)
        k0 = int(np.clip(np.searchsorted(edges, start) - 1, 0, points - 1))
        self.rates = -lam
        self.coefficients = vec[k0] / np.sqrt(weight[k0]) * (vec.T @ np.sqrt(weight))

    @property
    def mean(self):
        """Mean first-passage time Σ c_n/λ_n (units τ_N)."""
        return float(np.sum(self.coefficients / self.rates))

    def survival(self, t):
        """P(first passage later than t), t in units of τ_N (array)."""
        t = np.asarray(t, float)
        return np.clip(np.exp(-np.multiply.outer(t, self.rates)) @ self.coefficients, 0, 1)

    def cdf(self, t):
        """P(first passage by t)."""
        return 1.0 - self.survival(t)
