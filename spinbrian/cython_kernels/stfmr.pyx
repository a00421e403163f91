# distutils: extra_compile_args = -fno-trapping-math -fno-signed-zeros -fassociative-math
"""ST-FMR spectra in batch: synthesis over many device states and a Lorentzian fitter.

The lineshape is that of :mod:`spinbrian.equations.resonance` (all fields μ0H in tesla): with
x = H − H_r and D = x² + ΔH²,

    V_mix  = ΔH(S·ΔH + A·x)/D,
    dV/dH  = (A·ΔH·D − 2x·ΔH(S·ΔH + A·x))/D²,

ΔH the HWHM of the symmetric part, S and A the symmetric and antisymmetric amplitudes.

``synthesize`` sums the lines of many zones for many device states (e.g. biases) on one
field sweep. ``guess_lines`` finds starting values and ``fit_lines`` fits one line
(H_r, ΔH, S, A) to each of many spectra by Levenberg–Marquardt (Marquardt's diagonal
scaling, analytic Jacobian, 4×4 normal equations solved by Cholesky), with standard errors
from (JᵀJ)⁻¹ scaled by the residual variance, as SciPy's ``curve_fit`` gives them.

Plain SI floats; C loops without the GIL. The module is compiled with reassociation
allowed (``-fassociative-math``) so that the sums over field points vectorise; they differ
from serial sums by rounding only.
"""

import numpy as np

from libc.math cimport fabs, isfinite, sqrt

cdef enum:
    NP = 4


cdef inline double _model(double x, double w, double S, double A, bint derivative,
                          double* jac) noexcept nogil:
    """The line at x = H − H_r (half width w); its gradient in (H_r, ΔH, S, A) → jac."""
    cdef double u = 1.0 / (x * x + w * w)
    cdef double N = w * (S * w + A * x)
    cdef double P, dP
    if not derivative:
        jac[0] = (2.0 * x * N * u - A * w) * u
        jac[1] = (2.0 * S * w + A * x - 2.0 * w * N * u) * u
        jac[2] = w * w * u
        jac[3] = w * x * u
        return N * u
    # with D = 1/u: P = A w D − 2x N, the derivative is P/D²
    P = A * w - 2.0 * x * N * u
    dP = A + (2.0 * A * w * w - 2.0 * x * (2.0 * S * w + A * x)) * u
    jac[0] = (2.0 * N + 4.0 * x * P) * u * u
    jac[1] = (dP - 4.0 * w * P * u) * u
    jac[2] = -2.0 * x * w * w * u * u
    jac[3] = w * (w * w - x * x) * u * u
    return P * u


cdef double _cost(const double[::1] H, const double[::1] y, const double* p,
                  bint derivative) noexcept nogil:
    """½ Σ (y − model)² at parameters p."""
    cdef Py_ssize_t i
    cdef double r, c = 0.0
    cdef double jac[NP]
    for i in range(H.shape[0]):
        r = y[i] - _model(H[i] - p[0], p[1], p[2], p[3], derivative, jac)
        c += r * r
    return 0.5 * c


cdef double _normal(const double[::1] H, const double[::1] y, const double* p,
                    bint derivative, double* JtJ, double* Jtr) noexcept nogil:
    """Normal equations JᵀJ (4×4, row-major) and Jᵀr at p; returns ½ Σ r²."""
    # scalar accumulators (not the output arrays, which could alias H and y), so that the
    # compiler vectorises the sums over the field points
    cdef Py_ssize_t i
    cdef double r, c = 0.0, g0 = 0.0, g1 = 0.0, g2 = 0.0, g3 = 0.0
    cdef double h00 = 0.0, h01 = 0.0, h02 = 0.0, h03 = 0.0, h11 = 0.0
    cdef double h12 = 0.0, h13 = 0.0, h22 = 0.0, h23 = 0.0, h33 = 0.0
    cdef double j[NP]
    for i in range(H.shape[0]):
        r = y[i] - _model(H[i] - p[0], p[1], p[2], p[3], derivative, j)
        c += r * r
        g0 += j[0] * r
        g1 += j[1] * r
        g2 += j[2] * r
        g3 += j[3] * r
        h00 += j[0] * j[0]
        h01 += j[0] * j[1]
        h02 += j[0] * j[2]
        h03 += j[0] * j[3]
        h11 += j[1] * j[1]
        h12 += j[1] * j[2]
        h13 += j[1] * j[3]
        h22 += j[2] * j[2]
        h23 += j[2] * j[3]
        h33 += j[3] * j[3]
    Jtr[0], Jtr[1], Jtr[2], Jtr[3] = g0, g1, g2, g3
    JtJ[0], JtJ[1], JtJ[2], JtJ[3] = h00, h01, h02, h03
    JtJ[4], JtJ[5], JtJ[6], JtJ[7] = h01, h11, h12, h13
    JtJ[8], JtJ[9], JtJ[10], JtJ[11] = h02, h12, h22, h23
    JtJ[12], JtJ[13], JtJ[14], JtJ[15] = h03, h13, h23, h33
    return 0.5 * c


cdef bint _cholesky_solve(double* M, const double* rhs, double* out) noexcept nogil:
    """Solve M out = rhs for symmetric positive definite M (overwritten by its factor L)."""
    cdef int i, j, k
    cdef double s
    for j in range(NP):
        s = M[j * NP + j]
        for k in range(j):
            s -= M[j * NP + k] * M[j * NP + k]
        if not s > 0.0:
            return False
        M[j * NP + j] = sqrt(s)
        for i in range(j + 1, NP):
            s = M[i * NP + j]
            for k in range(j):
                s -= M[i * NP + k] * M[j * NP + k]
            M[i * NP + j] = s / M[j * NP + j]
    for i in range(NP):
        s = rhs[i]
        for k in range(i):
            s -= M[i * NP + k] * out[k]
        out[i] = s / M[i * NP + i]
    for i in range(NP - 1, -1, -1):
        s = out[i]
        for k in range(i + 1, NP):
            s -= M[k * NP + i] * out[k]
        out[i] = s / M[i * NP + i]
    return True


cdef bint _levenberg_marquardt(const double[::1] H, const double[::1] y, double* p,
                               bint derivative, int max_iter, double xtol, double ftol,
                               double* cost, double* err) noexcept nogil:
    """Fit p in place; cost ← ½ Σ r², err ← standard errors. True when converged."""
    cdef double JtJ[NP * NP]
    cdef double M[NP * NP]
    cdef double Jtr[NP]
    cdef double step[NP]
    cdef double trial[NP]
    cdef double unit[NP]
    cdef double col[NP]
    cdef double lam = 1e-3, new_cost, scale
    cdef int it, a, b
    cdef bint small, done = False
    cost[0] = _normal(H, y, p, derivative, JtJ, Jtr)
    for a in range(NP):
        err[a] = 0.0
    if not isfinite(cost[0]):
        return False
    for it in range(max_iter):
        for a in range(NP * NP):
            M[a] = JtJ[a]
        for a in range(NP):
            scale = JtJ[a * NP + a] if JtJ[a * NP + a] > 0.0 else 1.0
            M[a * NP + a] += lam * scale
        if not _cholesky_solve(M, Jtr, step):
            lam *= 10.0
            continue
        small = True
        for a in range(NP):
            trial[a] = p[a] + step[a]
            small = small and fabs(step[a]) <= xtol * (fabs(p[a]) + xtol)
        if small:
            done = True
            break
        new_cost = _cost(H, y, trial, derivative)
        if isfinite(new_cost) and new_cost < cost[0]:
            done = cost[0] - new_cost <= ftol * cost[0]
            for a in range(NP):
                p[a] = trial[a]
            cost[0] = _normal(H, y, p, derivative, JtJ, Jtr)
            lam = lam * 0.1 if lam > 1e-12 else lam
            if done:
                break
        else:
            lam *= 10.0
    # standard errors: diag((JᵀJ)⁻¹) · 2 cost / (n − 4)
    scale = 2.0 * cost[0] / (H.shape[0] - NP) if H.shape[0] > NP else 0.0
    for a in range(NP):
        for b in range(NP * NP):
            M[b] = JtJ[b]
        for b in range(NP):
            unit[b] = 1.0 if b == a else 0.0
        if _cholesky_solve(M, unit, col):
            err[a] = sqrt(col[a] * scale)
    return done


cdef void _guess(const double[::1] H, const double[::1] y, bint derivative, double* V,
                 double* p) noexcept nogil:
    """Starting (H_r, ΔH, S, A) of one spectrum; V is work space of length n_H."""
    cdef Py_ssize_t n = H.shape[0], end = max(n // 20, 1), i, k = 0
    cdef double left = 0.0, right = 0.0, hl = 0.0, hr = 0.0, slope, v, top = -1.0
    cdef double step, min_step = fabs(H[1] - H[0]), width = 0.0
    cdef double g11 = 0.0, g12 = 0.0, g22 = 0.0, y1 = 0.0, y2 = 0.0, det
    cdef double j[NP]
    V[0] = 0.0 if derivative else y[0]
    for i in range(1, n):
        V[i] = V[i - 1] + 0.5 * (y[i] + y[i - 1]) * (H[i] - H[i - 1]) if derivative else y[i]
    for i in range(end):
        left += V[i] / end
        right += V[n - 1 - i] / end
        hl += H[i] / end
        hr += H[n - 1 - i] / end
    slope = (right - left) / (hr - hl)
    for i in range(n):
        v = fabs(V[i] - left - slope * (H[i] - hl))
        V[i] = v
        if v > top:
            top = v
            k = i
    for i in range(n):
        if i == 0 or i == n - 1:
            step = fabs(H[1] - H[0]) if i == 0 else fabs(H[n - 1] - H[n - 2])
        else:
            step = 0.5 * fabs(H[i + 1] - H[i - 1])
        min_step = min(min_step, step)
        if V[i] >= 0.5 * top:
            width += step
    p[0] = H[k]
    p[1] = max(0.5 * width, 2.0 * min_step)
    for i in range(n):
        _model(H[i] - p[0], p[1], 0.0, 0.0, derivative, j)
        g11 += j[2] * j[2]
        g12 += j[2] * j[3]
        g22 += j[3] * j[3]
        y1 += j[2] * y[i]
        y2 += j[3] * y[i]
    det = g11 * g22 - g12 * g12
    p[2] = (g22 * y1 - g12 * y2) / det
    p[3] = (g11 * y2 - g12 * y1) / det


def synthesize(const double[::1] H, const double[:, ::1] Hr, const double[:, ::1] dH,
               const double[:, ::1] S, const double[:, ::1] A, bint derivative):
    """Sum of the zones' lines for each device state.

    Parameters
    ----------
    H : ndarray, shape (n_H,)
        Field sweep μ0H (T).
    Hr, dH, S, A : ndarray, shape (n_states, n_zones)
        Resonance field and HWHM (T) and the (area-weighted) amplitudes of each zone in
        each state; a zone with S = A = 0 is skipped.
    derivative : bool
        Sum dV_mix/dH instead of V_mix.

    Returns
    -------
    ndarray, shape (n_states, n_H)
    """
    cdef Py_ssize_t ns = Hr.shape[0], nz = Hr.shape[1], nh = H.shape[0], s, z, h
    for name, arr in (("dH", dH), ("S", S), ("A", A)):
        if arr.shape[0] != ns or arr.shape[1] != nz:
            raise ValueError(
                f"{name} has shape ({arr.shape[0]}, {arr.shape[1]}); Hr has ({ns}, {nz})"
            )
    out = np.zeros((ns, nh))
    cdef double[:, ::1] o = out
    cdef double x, D, w, hr, sa, aa
    with nogil:
        for s in range(ns):
            for z in range(nz):
                sa = S[s, z]
                aa = A[s, z]
                if sa == 0.0 and aa == 0.0:
                    continue
                hr = Hr[s, z]
                w = dH[s, z]
                if derivative:
                    for h in range(nh):
                        x = H[h] - hr
                        D = x * x + w * w
                        o[s, h] += w * (aa * (w * w - x * x) - 2.0 * sa * w * x) / (D * D)
                else:
                    for h in range(nh):
                        x = H[h] - hr
                        o[s, h] += w * (sa * w + aa * x) / (x * x + w * w)
    return out


def fit_lines(const double[::1] H, const double[:, ::1] Y, const double[:, ::1] p0,
              bint derivative, int max_iter=200, double xtol=1e-10, double ftol=1e-12):
    """Levenberg–Marquardt fit of one line (H_r, ΔH, S, A) to each spectrum.

    Parameters
    ----------
    H : ndarray, shape (n_H,)
        Field sweep μ0H (T), shared by all spectra.
    Y : ndarray, shape (n, n_H)
        Spectra: dV_mix/dH if ``derivative``, else V_mix.
    p0 : ndarray, shape (n, 4)
        Starting (H_r, ΔH, S, A) of each spectrum.
    derivative : bool
        Which lineshape the spectra are.
    max_iter : int
        Iteration limit per spectrum.
    xtol, ftol : float
        Stop when every step component is below xtol·(|p| + xtol), or when an accepted
        step lowers the cost by less than ftol·cost.

    Returns
    -------
    params : ndarray, shape (n, 4)
        Fitted (H_r, ΔH, S, A); ΔH may come out negative with A of the opposite sign (the
        same line).
    stderr : ndarray, shape (n, 4)
    cost : ndarray, shape (n,)
        ½ Σ residual².
    converged : ndarray of uint8, shape (n,)
    """
    cdef Py_ssize_t n = Y.shape[0], k
    if Y.shape[1] != H.shape[0] or p0.shape[0] != n or p0.shape[1] != NP:
        raise ValueError(
            f"shapes: H ({H.shape[0]},), Y ({Y.shape[0]}, {Y.shape[1]}), "
            f"p0 ({p0.shape[0]}, {p0.shape[1]}) do not fit H (n_H,), Y (n, n_H), p0 (n, 4)"
        )
    params = np.array(p0, dtype=float, order="C")
    stderr = np.zeros((n, NP))
    cost = np.zeros(n)
    converged = np.zeros(n, dtype=np.uint8)
    cdef double[:, ::1] P = params
    cdef double[:, ::1] E = stderr
    cdef double[::1] C = cost
    cdef unsigned char[::1] ok = converged
    with nogil:
        for k in range(n):
            ok[k] = _levenberg_marquardt(H, Y[k], &P[k, 0], derivative, max_iter, xtol, ftol,
                                         &C[k], &E[k, 0])
    return params, stderr, cost, converged


def guess_lines(const double[::1] H, const double[:, ::1] Y, bint derivative):
    """Starting (H_r, ΔH, S, A) for one line in each spectrum.

    The signal (integrated along H, for derivative spectra) is detrended between the means
    of its first and last 5 % of points; the largest |V| gives H_r, the field span where |V|
    exceeds half of that gives 2ΔH (at least two field steps), and S, A follow by linear
    least squares at that (H_r, ΔH).

    Parameters
    ----------
    H : ndarray, shape (n_H,)
        Monotonic field sweep μ0H (T), n_H ≥ 2.
    Y : ndarray, shape (n, n_H)
        Spectra: dV_mix/dH if ``derivative``, else V_mix.
    derivative : bool
        Which lineshape the spectra are.

    Returns
    -------
    ndarray, shape (n, 4)
    """
    cdef Py_ssize_t n = Y.shape[0], k
    if Y.shape[1] != H.shape[0] or H.shape[0] < 2:
        raise ValueError(
            f"shapes: H ({H.shape[0]},), Y ({Y.shape[0]}, {Y.shape[1]}) do not fit "
            "H (n_H,), Y (n, n_H) with n_H ≥ 2"
        )
    out = np.empty((n, NP))
    cdef double[:, ::1] P = out
    cdef double[::1] work = np.empty(H.shape[0])
    with nogil:
        for k in range(n):
            _guess(H, Y[k], derivative, &work[0], &P[k, 0])
    return out
