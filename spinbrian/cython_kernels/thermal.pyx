"""Steady states of a current-carrying oxide channel made of thermal zones in series.

The physics of :mod:`spinbrian.equations.thermal` with plain SI floats. Zone i (of ``n``,
half of a symmetric channel: zone 0 at the centre, zone n−1 at a contact) has the
resistance R_i = rlen_i·ρ(T_i), heat capacity C_i, conductance G_i to the bath and K_i to
zone i+1. At current I its heat balance is

    F_i = I² R_i − G_i h(T_i) − K_{i−1}(T_i − T_{i−1}) − K_i(T_i − T_{i+1}) = 0,

h(T) = ∫_{T_b}^{T} (T_r/T')^n dT' (a substrate conductivity ∝ T^−n, Kirchhoff transform).
A voltage source V with a series resistance R_s drives I = V/(R_s + m·Σ R_i) (m = 2 for the
mirrored half). ρ(T) = ρ_m(T)(1 − s) + ρ_i(T)s with ρ_m = ρ_res + ρ0 (T/T0)^m e^{a(T−T0)}, ρ_i = ρ_p e^{E_a/T − E_a/T_c}
and s = 1/(1 + e^{−(T − T_t)/w}); T_t is T_heat in a metallic zone (memory p = 0) and
T_cool in an insulating one (p = 1): p flips to 1 above T_heat and back below T_cool.

``par`` packs the scalars: ρ0, a, T0, ρ_p, E_a, T_heat, T_cool, w, n, T_r, m, R_s, T_b, T_c, ρ_res, m
(indices :data:`PAR_NAMES`).

* :func:`balance` — F and its analytic Jacobian (current bias, or voltage source).
* :func:`sweep` — steady states along a list of biases, each started from the previous
  one by pseudo-transient continuation (implicit-Euler steps whose length grows to a pure
  Newton step): the state relaxes to the stable branch it is on, so a voltage sweep jumps
  where its branch ends and up- and down-sweeps differ where the model is bistable.
* :func:`arclength` — pseudo-arclength continuation in (T, I) at fixed memory: the whole
  I–V curve, unstable parts and folds included.
"""

import numpy as np

from libc.math cimport NAN, exp, fabs, log, pow, sqrt

PAR_NAMES = ("rho0", "a", "T0", "rho_p", "E_a", "T_heat", "T_cool", "w", "n_sink", "T_ref",
             "mirror", "R_s", "T_bath", "T_c", "rho_res", "m_rho")
cdef enum:
    P_RHO0, P_A, P_T0, P_RHOP, P_EA, P_THEAT, P_TCOOL, P_W, P_N, P_TREF, P_MIRROR, P_RS, \
        P_TB, P_TC, P_RRES, P_M, N_PAR
    MAXN = 64

cdef double DT_STEP = 5.0  # K per pseudo-time step while relaxing
# A zone relaxing past this has no steady state to reach (thermal runaway: Joule heating
# outgrows the sink); no oxide channel survives it, and a few more steps would overflow
# the metallic exp(a·T) into inf and NaN. The relaxation stops there (status RUNAWAY).
cdef double T_LIMIT = 5000.0
RUNAWAY_TEMPERATURE = T_LIMIT
#: Status of a sweep point: steady state found, iteration limit reached, thermal runaway.
CONVERGED, NOT_CONVERGED, RUNAWAY = 1, 0, -1

N_PARAMETERS = N_PAR
MAX_ZONES = MAXN


cdef double _rho(double T, double Tt, const double* par, double* drho) noexcept nogil:
    """ρ(T) at transition temperature Tt; its derivative in ``drho``."""
    cdef double rv = par[P_RHO0] * pow(T / par[P_T0], par[P_M]) * exp(par[P_A] * (T - par[P_T0]))
    cdef double rm = par[P_RRES] + rv
    cdef double ri = par[P_RHOP] * exp(par[P_EA] / T - par[P_EA] / par[P_TC])
    cdef double s = 1.0 / (1.0 + exp(-(T - Tt) / par[P_W]))
    drho[0] = (rv * (par[P_A] + par[P_M] / T) * (1.0 - s) - ri * par[P_EA] / (T * T) * s
               + (ri - rm) * s * (1.0 - s) / par[P_W])
    return rm * (1.0 - s) + ri * s


cdef double _sink(double T, const double* par, double* dh) noexcept nogil:
    """h(T) = ∫_{T_b}^T (T_r/T')^n dT' and h'(T)."""
    cdef double n = par[P_N], Tr = par[P_TREF], Tb = par[P_TB]
    dh[0] = pow(Tr / T, n)
    if fabs(n - 1.0) < 1e-12:
        return Tr * log(T / Tb)
    return pow(Tr, n) * (pow(T, 1.0 - n) - pow(Tb, 1.0 - n)) / (1.0 - n)


cdef double _eval(int n, const double* T, const double* p, double bias, int voltage,
                  const double* rlen, const double* G, const double* K, const double* par,
                  double* F, double* J, double* dFdI, double* R) noexcept nogil:
    """F (n), J (n×n, row-major) and dF/dI (n) at bias; returns the current I.

    ``voltage`` = 0: ``bias`` is the current; 1: ``bias`` is the source voltage. ``R``
    receives the zone resistances.
    """
    cdef int i, j
    cdef double dR[MAXN]
    cdef double Rtot = 0.0, I, dI, h, dh, Tt
    for i in range(n):
        Tt = par[P_THEAT] if p[i] < 0.5 else par[P_TCOOL]
        R[i] = rlen[i] * _rho(T[i], Tt, par, &dR[i])
        dR[i] *= rlen[i]
        Rtot += R[i]
    Rtot *= par[P_MIRROR]
    I = bias if voltage == 0 else bias / (par[P_RS] + Rtot)
    for i in range(n):
        h = _sink(T[i], par, &dh)
        F[i] = I * I * R[i] - G[i] * h
        for j in range(n):
            J[i * n + j] = 0.0
        J[i * n + i] = I * I * dR[i] - G[i] * dh
        if i > 0:
            F[i] -= K[i - 1] * (T[i] - T[i - 1])
            J[i * n + i] -= K[i - 1]
            J[i * n + i - 1] += K[i - 1]
        if i < n - 1:
            F[i] -= K[i] * (T[i] - T[i + 1])
            J[i * n + i] -= K[i]
            J[i * n + i + 1] += K[i]
        dFdI[i] = 2.0 * I * R[i]
    if voltage:
        # I depends on every T_j: dI/dT_j = −I m R'_j / (R_s + m ΣR)
        for j in range(n):
            dI = -I * par[P_MIRROR] * dR[j] / (par[P_RS] + Rtot)
            for i in range(n):
                J[i * n + j] += dFdI[i] * dI
    return I


cdef int _solve(int n, double* A, double* b) noexcept nogil:
    """Solve A x = b in place (b ← x) by Gaussian elimination with partial pivoting."""
    cdef int i, j, k, piv
    cdef double big, f, tmp
    for k in range(n):
        piv = k
        big = fabs(A[k * n + k])
        for i in range(k + 1, n):
            if fabs(A[i * n + k]) > big:
                big = fabs(A[i * n + k])
                piv = i
        if big == 0.0:
            return -1
        if piv != k:
            for j in range(n):
                tmp = A[k * n + j]
                A[k * n + j] = A[piv * n + j]
                A[piv * n + j] = tmp
            tmp = b[k]
            b[k] = b[piv]
            b[piv] = tmp
        for i in range(k + 1, n):
            f = A[i * n + k] / A[k * n + k]
            for j in range(k, n):
                A[i * n + j] -= f * A[k * n + j]
            b[i] -= f * b[k]
    for i in range(n - 1, -1, -1):
        for j in range(i + 1, n):
            b[i] -= A[i * n + j] * b[j]
        b[i] /= A[i * n + i]
    return 0


cdef int _flip(int n, const double* T, double* p, const double* par) noexcept nogil:
    """Update the phase memory; returns how many zones flipped."""
    cdef int i, flips = 0
    for i in range(n):
        if p[i] < 0.5 and T[i] > par[P_THEAT]:
            p[i] = 1.0
            flips += 1
        elif p[i] > 0.5 and T[i] < par[P_TCOOL]:
            p[i] = 0.0
            flips += 1
    return flips


cdef int _relax(int n, double* T, double* p, double bias, int voltage, const double* rlen,
                const double* C, const double* G, const double* K, const double* par,
                double dt0, double tol, int max_iter, double* I) noexcept nogil:
    """Pseudo-transient continuation from T to the steady state.

    Returns the iterations, −1 when ``max_iter`` (or a singular step) ends it, −2 when a
    zone would pass ``T_LIMIT`` (T keeps the last iterate below it).

    Steps (C/dt − J) ΔT = F (linearly implicit Euler); dt adapts so that a step moves
    the hottest change by about ``DT_STEP`` K (at most ×4 per step), so the relaxation
    crosses the slow ghost of a vanished branch quickly and dt grows to a pure Newton
    step at the solution. A step that would push a zone below
    1 K or raise the residual a hundredfold is retried with dt/4. The memory is updated
    after every accepted step.
    """
    cdef double F[MAXN]
    cdef double J[MAXN * MAXN]
    cdef double dFdI[MAXN]
    cdef double R[MAXN]
    cdef double Tn[MAXN]
    cdef double dt = dt0, res, res_new, step
    cdef int i, it, ok
    cdef double S[MAXN]
    # residual → temperature error through each zone's total conductance (sink and both
    # neighbours): dividing by the sink alone, a strong lateral coupling K ≫ G made
    # round-off in F look like a temperature error above tol, and the point never converged
    for i in range(n):
        S[i] = G[i] + (K[i - 1] if i > 0 else 0.0) + (K[i] if i < n - 1 else 0.0)
    I[0] = _eval(n, T, p, bias, voltage, rlen, G, K, par, F, J, dFdI, R)
    res = 0.0
    for i in range(n):
        res = max(res, fabs(F[i]) / S[i])
    for it in range(max_iter):
        for i in range(n):
            J[i * n + i] -= C[i] / dt
            Tn[i] = -F[i]
        if _solve(n, J, Tn) != 0:
            return -1
        ok = 1
        step = 0.0
        for i in range(n):
            step = max(step, fabs(Tn[i]))
            Tn[i] += T[i]
            if Tn[i] < 1.0:
                ok = 0
        if ok:
            for i in range(n):
                if not Tn[i] < T_LIMIT:  # also NaN
                    return -2
            _eval(n, Tn, p, bias, voltage, rlen, G, K, par, F, J, dFdI, R)
            res_new = 0.0
            for i in range(n):
                res_new = max(res_new, fabs(F[i]) / S[i])
            ok = res_new < 100.0 * res + tol
        if not ok:
            dt /= 4.0
            I[0] = _eval(n, T, p, bias, voltage, rlen, G, K, par, F, J, dFdI, R)
            continue
        for i in range(n):
            T[i] = Tn[i]
        dt *= min(4.0, max(0.25, DT_STEP / (step + 1e-300)))
        res = res_new
        if _flip(n, T, p, par):
            I[0] = _eval(n, T, p, bias, voltage, rlen, G, K, par, F, J, dFdI, R)
            res = 1e300
            continue
        I[0] = _eval(n, T, p, bias, voltage, rlen, G, K, par, F, J, dFdI, R)
        if step < tol and res < tol:
            return it + 1
    return -1


def _arrays(rlen, C, G, K, par):
    rlen = np.ascontiguousarray(rlen, float)
    n = rlen.shape[0]
    if not 1 <= n <= MAXN:
        raise ValueError(f"{n} zones: the kernel takes 1 to {MAXN}")
    C, G, K = (np.ascontiguousarray(x, float) for x in (C, G, K))
    par = np.ascontiguousarray(par, float)
    if C.shape != (n,) or G.shape != (n,) or K.shape != (n,) or par.shape != (N_PAR,):
        raise ValueError("rlen, C, G, K need one value per zone and par N_PARAMETERS values")
    return n, rlen, C, G, K, par


def _zone_state(name, values, int n, bint memory):
    """``values`` as n contiguous floats, or a ValueError naming ``name``.

    Temperatures must be finite and > 0 K, phase memories (``memory``) in [0, 1]. The
    compiled loops index the state by zone without bounds checks, so a state of the wrong
    length would be read past its end (a one-value T0 gave NaN temperatures).
    """
    x = np.array(values, float).ravel()
    if x.shape != (n,):
        raise ValueError(f"{name} has {x.shape[0]} values: need one per zone ({n})")
    if memory:
        ok, allowed = np.all((x >= 0) & (x <= 1)), "in [0, 1]"
    else:
        ok, allowed = np.all(np.isfinite(x) & (x > 0)), "finite and > 0 K"
    if not ok:
        raise ValueError(f"{name} = {values!r}: every value must be {allowed}")
    return x


def balance(T, p, double bias, bint voltage, rlen, G, K, par):
    """Heat balance at one state: (F (n,), J (n, n), dF/dI (n,), I, R (n,)).

    Parameters
    ----------
    T, p : array_like
        Zone temperatures (K) and phase memories (0 metallic, 1 insulating).
    bias : float
        Current (A) when ``voltage`` is false, else the source voltage (V).
    rlen, G, K, par : array_like
        Zone resistance per resistivity (1/m), bath and neighbour conductances (W/K) and
        the scalar parameters (:data:`PAR_NAMES`).
    """
    cdef int n
    n, rlen, _, G, K, par = _arrays(rlen, G, G, K, par)
    cdef double[::1] Tv = _zone_state("T", T, n, False)
    cdef double[::1] pv = _zone_state("p", p, n, True)
    cdef double[::1] rv = rlen, gv = G, kv = K, parv = par
    F = np.empty(n)
    J = np.empty((n, n))
    dFdI = np.empty(n)
    R = np.empty(n)
    cdef double[::1] Fv = F, dv = dFdI, Rv = R
    cdef double[:, ::1] Jv = J
    I = _eval(n, &Tv[0], &pv[0], bias, voltage, &rv[0], &gv[0], &kv[0], &parv[0], &Fv[0],
              &Jv[0, 0], &dv[0], &Rv[0])
    return F, J, dFdI, I, R


def sweep(biases, bint voltage, rlen, C, G, K, par, T0=None, p0=None, double tol=1e-9,
          int max_iter=20000):
    """Steady states along ``biases``, each continued from the previous one.

    Parameters
    ----------
    biases : array_like
        Currents (A) or source voltages (V), in sweep order.
    voltage : bool
        Voltage source (with ``R_s``) rather than current bias.
    rlen, C, G, K, par : array_like
        Zone constants (1/m, J/K, W/K, W/K) and scalar parameters (:data:`PAR_NAMES`).
    T0, p0 : array_like, optional
        Start state (default: every zone at the bath temperature, metallic).
    tol : float
        Convergence: max |ΔT| and max |F_i|/S_i below ``tol`` (K), S_i the zone's total
        conductance (sink and neighbours).
    max_iter : int
        Iterations per bias point.

    Returns
    -------
    T : ndarray (n_bias, n)
    p : ndarray (n_bias, n)
    I : ndarray (n_bias,)
        Current (A); NaN where a point did not converge (its T is the last iterate).
    status : ndarray of int8 (n_bias,)
        :data:`CONVERGED`, :data:`NOT_CONVERGED` (``max_iter`` reached) or :data:`RUNAWAY`
        (a zone passed :data:`RUNAWAY_TEMPERATURE`: no steady state).
    """
    cdef int n, k
    n, rlen, C, G, K, par = _arrays(rlen, C, G, K, par)
    b = np.ascontiguousarray(biases, float).ravel()
    if not np.all(np.isfinite(b)):
        raise ValueError(f"biases = {biases!r}: need finite values")
    cdef int nb = b.shape[0]
    T = np.empty((nb, n))
    p = np.empty((nb, n))
    I = np.empty(nb)
    status = np.empty(nb, np.int8)
    x = np.full(n, par[P_TB]) if T0 is None else _zone_state("T0", T0, n, False)
    mem = np.zeros(n) if p0 is None else _zone_state("p0", p0, n, True)
    cdef double[::1] xv = x, mv = mem, bv = b, rv = rlen, cv = C, gv = G, kv = K, parv = par
    cdef double[:, ::1] Tv = T, pv = p
    cdef double[::1] Iv = I
    cdef signed char[::1] sv = status
    cdef double tau = np.min(C / (G + 1e-300)), Ik
    cdef int it
    with nogil:
        for k in range(nb):
            it = _relax(n, &xv[0], &mv[0], bv[k], voltage, &rv[0], &cv[0], &gv[0], &kv[0],
                        &parv[0], 1e-3 * tau, tol, max_iter, &Ik)
            Iv[k] = Ik if it >= 0 else NAN
            sv[k] = 1 if it >= 0 else (0 if it == -1 else -1)
            for it in range(n):
                Tv[k, it] = xv[it]
                pv[k, it] = mv[it]
    return T, p, I, status


cdef double _norm(int m, const double* x) noexcept nogil:
    cdef double s = 0.0
    cdef int i
    for i in range(m):
        s += x[i] * x[i]
    return sqrt(s)


def arclength(rlen, G, K, par, p, double I_scale, double ds=0.02, double T_max=600.0,
              double I_max=1.0, int max_steps=20000, double tol=1e-10):
    """The whole steady-state curve in (T, I) at fixed memory ``p``, by pseudo-arclength.

    Unknowns y = (T_i/T_b, I/I_scale); each step predicts along the unit tangent of
    F(T, I) = 0 and corrects with Newton on F = 0 plus t·(y − y_pred) = 0. The step adapts
    to the Newton count. Starts at I = 0, T = T_b and stops past ``T_max`` (K), at
    I < 0, I > ``I_max`` or after ``max_steps``.

    Returns
    -------
    T : ndarray (n_points, n)
    I : ndarray (n_points,)
    """
    cdef int n, i, j, it, step
    n, rlen, _, G, K, par = _arrays(rlen, G, G, K, par)
    cdef int m = n + 1
    cdef double[::1] rv = rlen, gv = G, kv = K, parv = par
    cdef double[::1] pv = _zone_state("p", p, n, True)
    cdef double Tb = par[P_TB]
    cdef double F[MAXN]
    cdef double J[MAXN * MAXN]
    cdef double dFdI[MAXN]
    cdef double R[MAXN]
    cdef double A[(MAXN + 1) * (MAXN + 1)]
    cdef double y[MAXN + 1]
    cdef double yp[MAXN + 1]
    cdef double t[MAXN + 1]
    cdef double tn[MAXN + 1]
    cdef double rhs[MAXN + 1]
    cdef double Tz[MAXN]
    cdef double nrm, corr, tmax
    cdef int conv
    out_T = []
    out_I = []
    for i in range(n):
        y[i] = 1.0
        t[i] = 0.0
    y[n] = 0.0
    t[n] = 1.0
    out_T.append([Tb] * n)
    out_I.append(0.0)
    for step in range(max_steps):
        # tangent: [J_T·T_b, dF/dI·I_s; t_prev] tn = [0; 1]
        for i in range(n):
            Tz[i] = y[i] * Tb
        _eval(n, Tz, &pv[0], y[n] * I_scale, 0, &rv[0], &gv[0], &kv[0], &parv[0], F, J,
              dFdI, R)
        for i in range(n):
            for j in range(n):
                A[i * m + j] = J[i * n + j] / gv[i]
            A[i * m + n] = dFdI[i] * I_scale / (gv[i] * Tb)
            tn[i] = 0.0
        for j in range(m):
            A[n * m + j] = t[j]
        tn[n] = 1.0
        if _solve(m, A, tn) != 0:
            break
        nrm = _norm(m, tn)
        for j in range(m):
            t[j] = tn[j] / nrm
        while ds > 1e-8:
            for j in range(m):
                yp[j] = y[j] + ds * t[j]
                tn[j] = yp[j]
            conv = 0
            for it in range(12):
                for i in range(n):
                    Tz[i] = tn[i] * Tb
                if Tz[0] < 1.0:
                    break
                _eval(n, Tz, &pv[0], tn[n] * I_scale, 0, &rv[0], &gv[0], &kv[0], &parv[0],
                      F, J, dFdI, R)
                for i in range(n):
                    for j in range(n):
                        A[i * m + j] = J[i * n + j] / gv[i]
                    A[i * m + n] = dFdI[i] * I_scale / (gv[i] * Tb)
                    rhs[i] = -F[i] / (gv[i] * Tb)
                rhs[n] = 0.0
                for j in range(m):
                    A[n * m + j] = t[j]
                    rhs[n] -= t[j] * (tn[j] - yp[j])
                if _solve(m, A, rhs) != 0:
                    break
                corr = _norm(m, rhs)
                for j in range(m):
                    tn[j] += rhs[j]
                if corr < tol:
                    conv = it + 1
                    break
            if conv:
                break
            ds /= 2.0
        if not conv:
            break
        for j in range(m):
            y[j] = tn[j]
        if conv <= 3:
            ds = min(ds * 1.5, 0.05)
        elif conv > 6:
            ds /= 1.5
        tmax = 0.0
        for i in range(n):
            tmax = max(tmax, y[i] * Tb)
        out_T.append([y[i] * Tb for i in range(n)])
        out_I.append(y[n] * I_scale)
        if tmax > T_max or y[n] < 0.0 or y[n] * I_scale > I_max:
            break
    return np.array(out_T), np.array(out_I)
