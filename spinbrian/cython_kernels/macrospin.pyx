# distutils: extra_compile_args = -fno-math-errno
"""Batch integrator for N macrospins: the physics of ``spinbrian.equations.macrospin``.

Same model and scheme as the Brian2 group built by :meth:`spinbrian.MTJ.neurons`:

* explicit Landau–Lifshitz form (1+α²) dm/dt = −γ m×B − αγ m×(m×B) + T + α m×T with
  B = μ0 (H_app + H_c + H_th + H_k (m·u) u − M_eff m_z ẑ) and T the Slonczewski STT
  (ε(m·p), field-like β) plus the SOT term, all driven by the junction's current density;
  |m|² is kept explicit exactly as in the Brian2 equations;
* classical RK4 with the Brown field H_th = thermal_sigma·ξ/√dt (ξ ~ N(0, 1) per component)
  drawn once per step and held during the step, then |m| ← 1.

Optional linear coupling H_c,i = Σ_k K[i, k] m_k (A/m) is evaluated at every RK4 stage, so
the coupled system is integrated by true RK4 (Brian2's summed variables lag by one step).

Plain SI floats; C loops without the GIL. Junctions without coupling are integrated in
blocks of ``LANES`` lanes held in stack arrays, so the compiler can vectorise the step
across lanes and the state stays in L1 for the whole run. Randomness: one xoshiro256++
stream per junction (seeded by splitmix64 from ``(seed, junction index)``) feeding a
256-layer ziggurat, so a junction's noise depends only on the seed and its index.
"""

import numpy as np

from libc.math cimport exp, fabs, log, sqrt
from libc.stdint cimport uint64_t
from cpython.mem cimport PyMem_Free, PyMem_Malloc

from spinbrian.cython_kernels._random cimport spb_rotl, spb_u01p1, splitmix64 as _splitmix64
from spinbrian.cython_kernels._random cimport xoshiro as _xoshiro

cdef extern from *:
    # non-aliasing pointers, so the lane loops vectorise without run-time alias checks
    ctypedef double* dp "double *__restrict__"
    ctypedef uint64_t* up "uint64_t *__restrict__"
    ctypedef int* ip "int *__restrict__"

#: Lanes per block in the uncoupled path (a multiple of the widest SIMD vector).
cdef enum:
    LANES = 16
    PAD = 8
    ZIG_N = 256

LANES_PER_BLOCK = LANES

# ------------------------------------------------------------------------------------------
# random numbers: splitmix64 seeding, xoshiro256++ per junction, ziggurat normals
# ------------------------------------------------------------------------------------------
cdef double _zig_x[ZIG_N + 1]
cdef double _zig_r[ZIG_N]
cdef double ZIG_R = 3.6541528853610088     # start of the tail (Marsaglia & Tsang 2000)
cdef double ZIG_V = 4.92867323399e-3       # area of each layer


cdef void _zig_init() noexcept:
    """Layer edges x_i of the 256-layer ziggurat (x_0 = V/f(R) is the base strip)."""
    cdef int i
    cdef double f = exp(-0.5 * ZIG_R * ZIG_R)
    _zig_x[0] = ZIG_V / f
    _zig_x[1] = ZIG_R
    _zig_x[ZIG_N] = 0.0
    for i in range(2, ZIG_N):
        _zig_x[i] = sqrt(-2.0 * log(ZIG_V / _zig_x[i - 1] + f))
        f = exp(-0.5 * _zig_x[i] * _zig_x[i])
    for i in range(ZIG_N):
        _zig_r[i] = _zig_x[i + 1] / _zig_x[i]


_zig_init()


cdef void _seed_streams(uint64_t seed, Py_ssize_t n, uint64_t* st) noexcept nogil:
    """xoshiro256++ states, structure of arrays st[w*n + i], w = 0..3, for junctions 0..n-1."""
    cdef Py_ssize_t i
    cdef int w
    cdef uint64_t x, h
    h = seed
    h = _splitmix64(&h)
    for i in range(n):
        x = h ^ (<uint64_t>i * <uint64_t>0xD1B54A32D192ED03)
        for w in range(4):
            st[w * n + i] = _splitmix64(&x)


cdef double _zig_slow(uint64_t* s0, uint64_t* s1, uint64_t* s2, uint64_t* s3,
                      double u, int i) noexcept nogil:
    """Finish a ziggurat draw whose fast (rectangle) test failed for (u, i)."""
    cdef double x, y, f0, f1
    cdef uint64_t r
    while True:
        if i == 0:  # base strip: exact sample from the tail beyond R (Marsaglia 1964)
            while True:
                x = log(2.0 - spb_u01p1(_xoshiro(s0, s1, s2, s3))) / ZIG_R
                y = log(2.0 - spb_u01p1(_xoshiro(s0, s1, s2, s3)))
                if -2.0 * y >= x * x:
                    return x - ZIG_R if u < 0 else ZIG_R - x
        x = u * _zig_x[i]
        f0 = exp(-0.5 * (_zig_x[i] * _zig_x[i] - x * x))
        f1 = exp(-0.5 * (_zig_x[i + 1] * _zig_x[i + 1] - x * x))
        if f1 + (spb_u01p1(_xoshiro(s0, s1, s2, s3)) - 1.0) * (f0 - f1) < 1.0:
            return x
        r = _xoshiro(s0, s1, s2, s3)
        i = <int>(r & 0xFF)
        u = 2.0 * spb_u01p1(r) - 3.0
        if fabs(u) < _zig_r[i]:
            return u * _zig_x[i]


cdef inline void _normal_lanes(Py_ssize_t n, up s0, up s1, up s2, up s3, const double* base,
                               double sig, dp out, dp ubuf, ip ibuf) noexcept nogil:
    """out[l] = base[l] + sig·ξ_l, one standard normal ξ_l from stream l for each l < n.

    The rectangle test of the ziggurat runs branch-free over the lanes (it vectorises);
    the ≈ 1 % of lanes that fail it are finished one by one by :func:`_zig_slow`.
    """
    cdef Py_ssize_t l
    cdef uint64_t r, t
    cdef int i, bad = 0
    cdef double u
    for l in range(n):
        r = spb_rotl(s0[l] + s3[l], 23) + s0[l]
        t = s1[l] << 17
        s2[l] ^= s0[l]
        s3[l] ^= s1[l]
        s1[l] ^= s2[l]
        s0[l] ^= s3[l]
        s2[l] ^= t
        s3[l] = spb_rotl(s3[l], 45)
        i = <int>(r & 0xFF)
        u = 2.0 * spb_u01p1(r) - 3.0
        out[l] = base[l] + sig * (u * _zig_x[i])
        ubuf[l] = u
        ibuf[l] = i if fabs(u) >= _zig_r[i] else -1
        bad |= fabs(u) >= _zig_r[i]
    if not bad:  # most calls (82 % for 16 lanes): skip the scalar pass
        return
    for l in range(n):
        if ibuf[l] >= 0:
            out[l] = base[l] + sig * _zig_slow(&s0[l], &s1[l], &s2[l], &s3[l], ubuf[l],
                                               ibuf[l])


# ------------------------------------------------------------------------------------------
# the right-hand side (inlined into the lane loops)
# ------------------------------------------------------------------------------------------
# Every rate (fields, torques) is stored divided by (1+α²): the LL right-hand side is linear
# in (B, T), so the factor 1/(1+α²) is paid once at set-up instead of three times per stage.
cdef struct Par:
    double hk          # γμ0 H_k/(1+α²) (rad/s)
    double meff        # γμ0 M_eff/(1+α²) (rad/s)
    double ux, uy, uz
    double px, py, pz
    double sx, sy, sz
    double alpha
    double L2, Lp, Lm  # Λ², Λ²+1, Λ²−1
    double beta_stt, beta_sot


# Junctions wired to shared voltage sources (Kirchhoff's laws, no reactance): junction i
# belongs to circuit member[i] (−1: none) and its STT/SOT rates gain cst[i]·j_c, cso[i]·j_c,
# with j_c its circuit current density at the stage state (computed into jc).
cdef struct Circuits:
    Py_ssize_t n              # number of circuits (0: none)
    const Py_ssize_t* member  # per junction
    const int* parallel       # per circuit: 0 series, 1 parallel
    const double* V           # per circuit: source voltage (V)
    const double* R_load      # per circuit (Ω; > 0 when parallel)
    const double* R_P         # per junction (Ω)
    const double* dR          # per junction: R_AP − R_P (Ω)
    const double* inv_area    # per junction (1/m²)
    const double* cst         # per junction: STT rate per unit j
    const double* cso         # per junction: SOT rate per unit j
    double* acc               # per circuit: Σ R or Σ 1/R (work)
    double* jc                # per junction: circuit current density (work)


cdef inline void _circuit_currents(const Circuits* C, const Par* P, bint shared, Py_ssize_t n,
                                   const double* rx, const double* ry,
                                   const double* rz) noexcept nogil:
    """Each circuit's current at the stage state r, as a current density per junction."""
    cdef Py_ssize_t i, k
    cdef const Par* Q
    cdef double R, I, U
    for k in range(C.n):
        C.acc[k] = 0.0
    for i in range(n):  # R_i = R_P + ΔR(1 − m·p)/2, p the read (reference) direction
        k = C.member[i]
        if k < 0:
            continue
        Q = P if shared else &P[i]
        R = C.R_P[i] + 0.5 * C.dR[i] * (1.0 - (rx[i] * Q.px + ry[i] * Q.py + rz[i] * Q.pz))
        C.jc[i] = R
        C.acc[k] += 1.0 / R if C.parallel[k] else R
    for i in range(n):
        k = C.member[i]
        if k < 0:
            C.jc[i] = 0.0
        elif C.parallel[k]:  # node voltage U = V G_L/(G_L + Σ G), I_i = U/R_i
            U = C.V[k] / (1.0 + C.R_load[k] * C.acc[k])
            C.jc[i] = U / C.jc[i] * C.inv_area[i]
        else:  # one current I = V/(R_L + Σ R)
            I = C.V[k] / (C.R_load[k] + C.acc[k])
            C.jc[i] = I * C.inv_area[i]


# Compile-time switches: each combination is a separate specialisation, so a term that is
# off costs nothing and the lane loops hold no branches.
cdef struct On:
    char _
cdef struct Off:
    char _
ctypedef fused STT:
    On
    Off
ctypedef fused SOT:
    On
    Off
ctypedef fused EPS:  # On: ε depends on m·p (Λ < 1); Off: ε = 1/2 (Λ = 1)
    On
    Off


cdef inline void _rhs(STT stt, SOT sot, EPS eps, const Par* P,
                      double mx, double my, double mz,
                      double bax, double bay, double baz, double ast, double aso,
                      double* dx, double* dy, double* dz) noexcept nogil:
    """dm/dt (rad/s) for the field γμ0(H_app + H_c + H_th)/(1+α²) = (bax, bay, baz) and
    the STT/SOT rates ast, aso divided by (1+α²) — term by term as in ``llg_equations``."""
    cdef double m_sq = mx * mx + my * my + mz * mz
    cdef double k = P.hk * (mx * P.ux + my * P.uy + mz * P.uz)
    cdef double bx = bax + k * P.ux
    cdef double by = bay + k * P.uy
    cdef double bz = baz + k * P.uz - P.meff * mz
    cdef double m_b = mx * bx + my * by + mz * bz
    cdef double tx = 0.0, ty = 0.0, tz = 0.0
    cdef double mp, c, f
    if STT is On:
        mp = mx * P.px + my * P.py + mz * P.pz
        if EPS is On:
            c = ast * (P.L2 / (P.Lp + P.Lm * mp))
        else:
            c = ast * 0.5
        f = ast * P.beta_stt
        tx = c * (m_sq * P.px - mp * mx) - f * (my * P.pz - mz * P.py)
        ty = c * (m_sq * P.py - mp * my) - f * (mz * P.px - mx * P.pz)
        tz = c * (m_sq * P.pz - mp * mz) - f * (mx * P.py - my * P.px)
    if SOT is On:
        mp = mx * P.sx + my * P.sy + mz * P.sz
        f = aso * P.beta_sot
        tx = tx + aso * (m_sq * P.sx - mp * mx) - f * (my * P.sz - mz * P.sy)
        ty = ty + aso * (m_sq * P.sy - mp * my) - f * (mz * P.sx - mx * P.sz)
        tz = tz + aso * (m_sq * P.sz - mp * mz) - f * (mx * P.sy - my * P.sx)
    # −m×b + α m×T = m×(αT − b)
    cdef double wx = P.alpha * tx - bx
    cdef double wy = P.alpha * ty - by
    cdef double wz = P.alpha * tz - bz
    dx[0] = (my * wz - mz * wy) + tx - P.alpha * (m_b * mx - m_sq * bx)
    dy[0] = (mz * wx - mx * wz) + ty - P.alpha * (m_b * my - m_sq * by)
    dz[0] = (mx * wy - my * wx) + tz - P.alpha * (m_b * mz - m_sq * bz)


# ------------------------------------------------------------------------------------------
# uncoupled junctions: blocks of LANES lanes, whole run per block
# ------------------------------------------------------------------------------------------
cdef void _run_block(STT stt, SOT sot, EPS eps, const Par* P, Py_ssize_t n_steps, double dt,
                     double* mx, double* my, double* mz,
                     const double* bax, const double* bay, const double* baz,
                     const double* ast, const double* aso,
                     double sig, uint64_t* st, Py_ssize_t st_stride,
                     double* rec, Py_ssize_t record_every, Py_ssize_t n_total,
                     Py_ssize_t i0, Py_ssize_t nl, Py_ssize_t n_real) noexcept nogil:
    """Integrate nl ≤ LANES lanes (state and streams copied to the stack); the first n_real
    are junctions i0, i0+1, … (the rest pad the last block) and go to the record."""
    cdef double x[LANES]
    cdef double y[LANES]
    cdef double z[LANES]
    cdef double bx[LANES]
    cdef double by[LANES]
    cdef double bz[LANES]
    cdef double gx[LANES]
    cdef double gy[LANES]
    cdef double gz[LANES]
    cdef double a1[LANES]
    cdef double a2[LANES]
    cdef double ubuf[LANES]
    cdef int ibuf[LANES]
    cdef uint64_t s0[LANES]
    cdef uint64_t s1[LANES]
    cdef uint64_t s2[LANES]
    cdef uint64_t s3[LANES]
    cdef bint thermal = sig != 0.0
    cdef Py_ssize_t l, step, k = 1
    cdef double h = 0.5 * dt, d6 = dt / 6.0
    cdef double x0, y0, z0, k1x, k1y, k1z, k2x, k2y, k2z, k3x, k3y, k3z, k4x, k4y, k4z
    cdef double xn, yn, zn, inv
    for l in range(nl):
        x[l] = mx[l]
        y[l] = my[l]
        z[l] = mz[l]
        bx[l] = bax[l]
        by[l] = bay[l]
        bz[l] = baz[l]
        gx[l] = bax[l]
        gy[l] = bay[l]
        gz[l] = baz[l]
        a1[l] = ast[l]
        a2[l] = aso[l]
        if thermal:
            s0[l] = st[l]
            s1[l] = st[st_stride + l]
            s2[l] = st[2 * st_stride + l]
            s3[l] = st[3 * st_stride + l]
    for step in range(n_steps):
        if thermal:
            _normal_lanes(nl, s0, s1, s2, s3, bx, sig, gx, ubuf, ibuf)
            _normal_lanes(nl, s0, s1, s2, s3, by, sig, gy, ubuf, ibuf)
            _normal_lanes(nl, s0, s1, s2, s3, bz, sig, gz, ubuf, ibuf)
        for l in range(nl):
            x0 = x[l]
            y0 = y[l]
            z0 = z[l]
            _rhs(stt, sot, eps, P, x0, y0, z0, gx[l], gy[l], gz[l], a1[l], a2[l],
                 &k1x, &k1y, &k1z)
            _rhs(stt, sot, eps, P, x0 + h * k1x, y0 + h * k1y, z0 + h * k1z,
                 gx[l], gy[l], gz[l], a1[l], a2[l], &k2x, &k2y, &k2z)
            _rhs(stt, sot, eps, P, x0 + h * k2x, y0 + h * k2y, z0 + h * k2z,
                 gx[l], gy[l], gz[l], a1[l], a2[l], &k3x, &k3y, &k3z)
            _rhs(stt, sot, eps, P, x0 + dt * k3x, y0 + dt * k3y, z0 + dt * k3z,
                 gx[l], gy[l], gz[l], a1[l], a2[l], &k4x, &k4y, &k4z)
            xn = x0 + d6 * (k1x + 2.0 * (k2x + k3x) + k4x)
            yn = y0 + d6 * (k1y + 2.0 * (k2y + k3y) + k4y)
            zn = z0 + d6 * (k1z + 2.0 * (k2z + k3z) + k4z)
            inv = 1.0 / sqrt(xn * xn + yn * yn + zn * zn)
            x[l] = xn * inv
            y[l] = yn * inv
            z[l] = zn * inv
        if record_every > 0 and (step + 1) % record_every == 0:
            for l in range(n_real):
                rec[3 * (k * n_total + i0 + l)] = x[l]
                rec[3 * (k * n_total + i0 + l) + 1] = y[l]
                rec[3 * (k * n_total + i0 + l) + 2] = z[l]
            k += 1
    for l in range(nl):
        mx[l] = x[l]
        my[l] = y[l]
        mz[l] = z[l]
        if thermal:
            st[l] = s0[l]
            st[st_stride + l] = s1[l]
            st[2 * st_stride + l] = s2[l]
            st[3 * st_stride + l] = s3[l]


# ------------------------------------------------------------------------------------------
# coupled junctions: all junctions per RK4 stage, coupling field from every stage state
# ------------------------------------------------------------------------------------------
cdef void _run_coupled(STT stt, SOT sot, EPS eps, const Par* P, Py_ssize_t n_steps,
                       double dt, Py_ssize_t n, double* mx, double* my, double* mz,
                       const double* bax, const double* bay, const double* baz,
                       const double* ast, const double* aso, bint shared,
                       const Py_ssize_t* indptr, const Py_ssize_t* src, const double* ten,
                       const double* sig, bint thermal, uint64_t* st, double* work,
                       double* rec, Py_ssize_t record_every,
                       const Circuits* C) noexcept nogil:
    """RK4 for n coupled junctions, junction i with its own parameters P[i] (all P[0] when
    ``shared``).

    The coupling is sparse (CSR by target): junction i feels Σ_e ten[e]·m[src[e]] over
    e in [indptr[i], indptr[i+1]), ten[e] a row-major 3×3 tensor already scaled by
    γμ0/(1+α_i²); it is evaluated from the stage state at each of the four RK4 stages, and
    so are the circuit currents of ``C``.
    """
    cdef double* sx = work
    cdef double* sy = work + n
    cdef double* sz = work + 2 * n
    cdef double* ax = work + 3 * n
    cdef double* ay = work + 4 * n
    cdef double* az = work + 5 * n
    cdef double* gx = work + 6 * n
    cdef double* gy = work + 7 * n
    cdef double* gz = work + 8 * n
    cdef double* hx = work + 9 * n
    cdef double* hy = work + 10 * n
    cdef double* hz = work + 11 * n
    cdef double* ubuf = work + 12 * n
    cdef double* zero = work + 13 * n
    cdef int* ibuf = <int*>(work + 14 * n)
    cdef Py_ssize_t i, i0, b, l, nl, q, e, step, stage, krec = 1
    cdef double c, w, xn, yn, zn, inv, cx, cy, cz, fx, fy, fz, d6 = dt / 6.0
    cdef const double* rx
    cdef const double* ry
    cdef const double* rz
    cdef double* wx = NULL
    cdef double* wy = NULL
    cdef double* wz = NULL
    cdef double lx[LANES]
    cdef double ly[LANES]
    cdef double lz[LANES]
    cdef double lhx[LANES]
    cdef double lhy[LANES]
    cdef double lhz[LANES]
    cdef double la1[LANES]
    cdef double la2[LANES]
    cdef double lkx[LANES]
    cdef double lky[LANES]
    cdef double lkz[LANES]
    cdef const double* T
    cdef double cstage[4]
    cdef double wstage[4]
    cstage[0] = 0.5 * dt
    cstage[1] = 0.5 * dt
    cstage[2] = dt
    cstage[3] = 0.0
    wstage[0] = 1.0
    wstage[1] = 2.0
    wstage[2] = 2.0
    wstage[3] = 1.0
    for i in range(n):
        gx[i] = bax[i]
        gy[i] = bay[i]
        gz[i] = baz[i]
        zero[i] = 0.0
    for step in range(n_steps):
        if thermal:  # one normal per component and junction, scaled by its own σ
            _normal_lanes(n, st, st + n, st + 2 * n, st + 3 * n, zero, 1.0, gx, ubuf, ibuf)
            _normal_lanes(n, st, st + n, st + 2 * n, st + 3 * n, zero, 1.0, gy, ubuf, ibuf)
            _normal_lanes(n, st, st + n, st + 2 * n, st + 3 * n, zero, 1.0, gz, ubuf, ibuf)
            for i in range(n):
                gx[i] = bax[i] + sig[i] * gx[i]
                gy[i] = bay[i] + sig[i] * gy[i]
                gz[i] = baz[i] + sig[i] * gz[i]
        # Stage k reads the stage state r and writes the next one to w (two buffers, so a
        # block's update never changes what a later block's coupling reads); each block of
        # LANES junctions gathers its fields, copies its lanes to the stack (no aliasing:
        # the lane loop vectorises as in _run_block when the junctions share P) and updates.
        for stage in range(4):
            if stage == 0:
                rx, ry, rz, wx, wy, wz = mx, my, mz, sx, sy, sz
            elif stage == 1:
                rx, ry, rz, wx, wy, wz = sx, sy, sz, hx, hy, hz
            elif stage == 2:
                rx, ry, rz, wx, wy, wz = hx, hy, hz, sx, sy, sz
            else:
                rx, ry, rz = sx, sy, sz
            c = cstage[stage]
            w = wstage[stage]
            if C.n:
                _circuit_currents(C, P, shared, n, rx, ry, rz)
            for b in range((n + LANES - 1) // LANES):
                i0 = b * LANES
                nl = min(LANES, n - i0)
                for l in range(nl):
                    i = i0 + l
                    fx = gx[i]
                    fy = gy[i]
                    fz = gz[i]
                    for e in range(indptr[i], indptr[i + 1]):
                        q = src[e]
                        T = ten + 9 * e
                        cx = rx[q]
                        cy = ry[q]
                        cz = rz[q]
                        fx = fx + (T[0] * cx + T[1] * cy + T[2] * cz)
                        fy = fy + (T[3] * cx + T[4] * cy + T[5] * cz)
                        fz = fz + (T[6] * cx + T[7] * cy + T[8] * cz)
                    lhx[l] = fx
                    lhy[l] = fy
                    lhz[l] = fz
                    lx[l] = rx[i]
                    ly[l] = ry[i]
                    lz[l] = rz[i]
                    la1[l] = ast[i]
                    la2[l] = aso[i]
                    if C.n:
                        la1[l] = la1[l] + C.cst[i] * C.jc[i]
                        la2[l] = la2[l] + C.cso[i] * C.jc[i]
                if shared:
                    for l in range(nl):
                        _rhs(stt, sot, eps, P, lx[l], ly[l], lz[l], lhx[l], lhy[l], lhz[l],
                             la1[l], la2[l], &lkx[l], &lky[l], &lkz[l])
                else:
                    for l in range(nl):
                        _rhs(stt, sot, eps, &P[i0 + l], lx[l], ly[l], lz[l], lhx[l], lhy[l],
                             lhz[l], la1[l], la2[l], &lkx[l], &lky[l], &lkz[l])
                if stage < 3:
                    for l in range(nl):
                        i = i0 + l
                        if stage == 0:
                            ax[i] = lkx[l]
                            ay[i] = lky[l]
                            az[i] = lkz[l]
                        else:
                            ax[i] += w * lkx[l]
                            ay[i] += w * lky[l]
                            az[i] += w * lkz[l]
                        wx[i] = mx[i] + c * lkx[l]
                        wy[i] = my[i] + c * lky[l]
                        wz[i] = mz[i] + c * lkz[l]
                else:  # the step itself; stage 3 reads only s, so m can change in place
                    for l in range(nl):
                        i = i0 + l
                        xn = mx[i] + d6 * (ax[i] + lkx[l])
                        yn = my[i] + d6 * (ay[i] + lky[l])
                        zn = mz[i] + d6 * (az[i] + lkz[l])
                        inv = 1.0 / sqrt(xn * xn + yn * yn + zn * zn)
                        mx[i] = xn * inv
                        my[i] = yn * inv
                        mz[i] = zn * inv
        if record_every > 0 and (step + 1) % record_every == 0:
            for i in range(n):
                rec[3 * (krec * n + i)] = mx[i]
                rec[3 * (krec * n + i) + 1] = my[i]
                rec[3 * (krec * n + i) + 2] = mz[i]
            krec += 1


# ------------------------------------------------------------------------------------------
# dispatch on the compile-time switches
# ------------------------------------------------------------------------------------------
cdef void _block(int stt, int sot, int eps, const Par* P, Py_ssize_t n_steps, double dt,
                 double* mx, double* my, double* mz, const double* bax, const double* bay,
                 const double* baz, const double* ast, const double* aso, double sig,
                 uint64_t* st, Py_ssize_t st_stride, double* rec, Py_ssize_t record_every,
                 Py_ssize_t n_total, Py_ssize_t i0, Py_ssize_t nl,
                 Py_ssize_t n_real) noexcept nogil:
    cdef On on
    cdef Off off
    if stt and sot and eps:
        _run_block(on, on, on, P, n_steps, dt, mx, my, mz, bax, bay, baz, ast, aso, sig,
                   st, st_stride, rec, record_every, n_total, i0, nl, n_real)
    elif stt and sot:
        _run_block(on, on, off, P, n_steps, dt, mx, my, mz, bax, bay, baz, ast, aso, sig,
                   st, st_stride, rec, record_every, n_total, i0, nl, n_real)
    elif stt and eps:
        _run_block(on, off, on, P, n_steps, dt, mx, my, mz, bax, bay, baz, ast, aso, sig,
                   st, st_stride, rec, record_every, n_total, i0, nl, n_real)
    elif stt:
        _run_block(on, off, off, P, n_steps, dt, mx, my, mz, bax, bay, baz, ast, aso, sig,
                   st, st_stride, rec, record_every, n_total, i0, nl, n_real)
    elif sot:
        _run_block(off, on, off, P, n_steps, dt, mx, my, mz, bax, bay, baz, ast, aso, sig,
                   st, st_stride, rec, record_every, n_total, i0, nl, n_real)
    else:
        _run_block(off, off, off, P, n_steps, dt, mx, my, mz, bax, bay, baz, ast, aso, sig,
                   st, st_stride, rec, record_every, n_total, i0, nl, n_real)


cdef void _coupled(int stt, int sot, int eps, const Par* P, Py_ssize_t n_steps, double dt,
                   Py_ssize_t n, double* mx, double* my, double* mz, const double* bax,
                   const double* bay, const double* baz, const double* ast,
                   const double* aso, bint shared, const Py_ssize_t* indptr,
                   const Py_ssize_t* src, const double* ten, const double* sig, bint thermal,
                   uint64_t* st, double* work, double* rec, Py_ssize_t record_every,
                   const Circuits* C) noexcept nogil:
    cdef On on
    cdef Off off
    if stt and sot and eps:
        _run_coupled(on, on, on, P, n_steps, dt, n, mx, my, mz, bax, bay, baz, ast, aso,
                     shared, indptr, src, ten, sig, thermal, st, work, rec, record_every, C)
    elif stt and sot:
        _run_coupled(on, on, off, P, n_steps, dt, n, mx, my, mz, bax, bay, baz, ast, aso,
                     shared, indptr, src, ten, sig, thermal, st, work, rec, record_every, C)
    elif stt and eps:
        _run_coupled(on, off, on, P, n_steps, dt, n, mx, my, mz, bax, bay, baz, ast, aso,
                     shared, indptr, src, ten, sig, thermal, st, work, rec, record_every, C)
    elif stt:
        _run_coupled(on, off, off, P, n_steps, dt, n, mx, my, mz, bax, bay, baz, ast, aso,
                     shared, indptr, src, ten, sig, thermal, st, work, rec, record_every, C)
    elif sot:
        _run_coupled(off, on, off, P, n_steps, dt, n, mx, my, mz, bax, bay, baz, ast, aso,
                     shared, indptr, src, ten, sig, thermal, st, work, rec, record_every, C)
    else:
        _run_coupled(off, off, off, P, n_steps, dt, n, mx, my, mz, bax, bay, baz, ast, aso,
                     shared, indptr, src, ten, sig, thermal, st, work, rec, record_every, C)


# ------------------------------------------------------------------------------------------
# Python entry points
# ------------------------------------------------------------------------------------------
def standard_normals(Py_ssize_t n, seed, Py_ssize_t streams=1):
    """``n`` draws from each of ``streams`` junction streams: shape (n, streams).

    The generator behind the thermal field (xoshiro256++ per junction, 256-layer
    ziggurat), exposed for tests.
    """
    cdef Py_ssize_t k
    cdef uint64_t[::1] st = np.empty(4 * streams, dtype=np.uint64)
    cdef double[:, ::1] out = np.empty((n, streams))
    cdef double[::1] zero = np.zeros(streams)
    cdef double[::1] ubuf = np.empty(streams)
    cdef int[::1] ibuf = np.empty(streams, dtype=np.intc)
    _seed_streams(<uint64_t>(int(seed) & 0xFFFFFFFFFFFFFFFF), streams, &st[0])
    with nogil:
        for k in range(n):
            _normal_lanes(streams, &st[0], &st[streams], &st[2 * streams], &st[3 * streams],
                          &zero[0], 1.0, &out[k, 0], &ubuf[0], &ibuf[0])
    return np.asarray(out)


def _as_rows(name, value, Py_ssize_t n):
    a = np.asarray(value, dtype=float)
    try:
        return np.ascontiguousarray(np.broadcast_to(a, (n, 3)))
    except ValueError:
        raise ValueError(f"{name}: shape {a.shape} does not broadcast to ({n}, 3)") from None


cdef double _fill_par(dict params, Par* P):
    """Fill ``P`` from one junction's SI parameters; returns γμ0/(1+α²)."""
    cdef double alpha = float(params["alpha"]), lam = float(params["Lambda"])
    cdef double inv = 1.0 / (1.0 + alpha * alpha)
    cdef double g = float(params["gamma"]) * float(params["mu0"]) * inv
    u = np.asarray(params["u"], float)
    p = np.asarray(params["p"], float)
    s = np.asarray(params["s"], float)
    P.hk = g * float(params["Hk"])
    P.meff = g * float(params["Meff"])
    P.ux, P.uy, P.uz = u
    P.px, P.py, P.pz = p
    P.sx, P.sy, P.sz = s
    P.alpha = alpha
    P.L2 = lam * lam
    P.Lp = lam * lam + 1.0
    P.Lm = lam * lam - 1.0
    P.beta_stt = float(params["beta_stt"])
    P.beta_sot = float(params["beta_sot"])
    return g


def _csr(coupling, Py_ssize_t n):
    """(indptr, sources, tensors (nnz, 3, 3)) by target from either coupling form."""
    if isinstance(coupling, tuple):
        if len(coupling) != 3:
            raise ValueError("coupling: a tuple must be (targets, sources, tensors)")
        tgt = np.asarray(coupling[0], dtype=np.intp).ravel()
        srcs = np.asarray(coupling[1], dtype=np.intp).ravel()
        ten = np.asarray(coupling[2], dtype=float)
        if ten.shape != (len(tgt), 3, 3) or len(srcs) != len(tgt):
            raise ValueError(f"coupling: {len(tgt)} targets, {len(srcs)} sources and tensors "
                             f"of shape {ten.shape}: need one (3, 3) tensor per pair")
    else:
        K = np.asarray(coupling, dtype=float)
        if K.shape != (n, n):
            raise ValueError(f"coupling: shape {K.shape}, expected ({n}, {n})")
        tgt, srcs = np.nonzero(K)
        ten = K[tgt, srcs][:, None, None] * np.eye(3)
    for label, idx in (("targets", tgt), ("sources", srcs)):
        if len(idx) and (idx.min() < 0 or idx.max() >= n):
            raise ValueError(f"coupling: {label} must index the {n} junctions")
    if not np.all(np.isfinite(ten)):
        raise ValueError("coupling: NaN or infinite entries")
    order = np.argsort(tgt, kind="stable")  # the given order of a target's sources is kept
    indptr = np.zeros(n + 1, dtype=np.intp)
    np.cumsum(np.bincount(tgt, minlength=n), out=indptr[1:])
    return indptr, np.ascontiguousarray(srcs[order]), np.ascontiguousarray(ten[order])


def integrate(params, m0, H_app, j, double dt, Py_ssize_t n_steps, coupling=None,
              Py_ssize_t record_every=0, seed=None, circuit=None):
    """Integrate N macrospins for ``n_steps`` RK4 steps of ``dt`` (plain SI floats).

    Parameters
    ----------
    params : dict or sequence of N dicts
        Device parameters as returned by :meth:`spinbrian.MTJ.si` (extra keys ignored),
        one dict for all junctions or one per junction.
    m0 : array_like, shape (N, 3)
        Initial directions (normalised here).
    H_app : array_like, shape (N, 3) or (3,)
        Applied field per junction (A/m).
    j : array_like, shape (N,) or scalar
        Current density per junction (A/m²), drives the STT and the SOT.
    dt : float
        Time step (s).
    n_steps : int
        Number of steps.
    coupling : array_like or tuple, optional
        Either an (N, N) matrix K (A/m), H_c,i = Σ_k K[i, k] m_k, or a sparse tensor
        coupling ``(targets, sources, tensors)``: pair e adds tensors[e] @ m[sources[e]]
        (a (3, 3) tensor, A/m) to the field of junction targets[e]. Either is evaluated at
        every RK4 stage. ``None`` skips it.
    record_every : int
        Record m every this many steps (0: no record).
    seed : int, optional
        Seed of the thermal noise (used when ``thermal_sigma > 0``); ``None`` draws one
        from the OS.
    circuit : dict, optional
        Shared voltage sources: ``member`` (N,) the circuit of each junction (−1: none),
        ``parallel`` (C,) bool, ``V`` (C,) volts, ``R_load`` (C,) ohms (> 0 when parallel),
        ``area`` (N,) m². Each junction's circuit current density (Kirchhoff's laws with
        R_i = R_P + ΔR(1 − m·p)/2 from ``params``) adds to ``j``, evaluated at every RK4
        stage.

    Returns
    -------
    m : ndarray, shape (N, 3)
        Final directions.
    rec : ndarray, shape (n_steps // record_every + 1, N, 3) or None
        m at t = k·record_every·dt, k = 0, 1, … (row 0 is the initial state).
    """
    m = np.array(m0, dtype=float, ndmin=2)
    if m.ndim != 2 or m.shape[1] != 3:
        raise ValueError(f"m0: shape {m.shape}, expected (N, 3)")
    cdef Py_ssize_t n = m.shape[0]
    if n < 1:
        raise ValueError("m0: need at least one junction")
    if not dt > 0:
        raise ValueError(f"dt = {dt}: allowed range is dt > 0")
    if n_steps < 0:
        raise ValueError(f"n_steps = {n_steps}: allowed range is n_steps >= 0")
    if record_every < 0:
        raise ValueError(f"record_every = {record_every}: allowed range is >= 0")
    norm = np.linalg.norm(m, axis=1, keepdims=True)
    if not np.all(norm > 0):
        raise ValueError("m0: every row needs a non-zero length")
    m = m / norm
    H = _as_rows("H_app", H_app, n)
    jj = np.ascontiguousarray(np.broadcast_to(np.asarray(j, dtype=float), (n,)))
    per_junction = not isinstance(params, dict)
    rows = list(params) if per_junction else [params]
    if per_junction and len(rows) != n:
        raise ValueError(f"params: {len(rows)} parameter sets for {n} junctions")

    # One Par per parameter set; the per-set rates and thermal σ become per-junction rows.
    cdef Par* P = <Par*>PyMem_Malloc(len(rows) * sizeof(Par))
    if P == NULL:
        raise MemoryError()
    try:
        return _integrate(rows, P, m, H, jj, dt, n_steps, coupling, record_every, seed,
                          circuit)
    finally:
        PyMem_Free(P)


cdef _integrate(list rows, Par* P, m, H, jj, double dt, Py_ssize_t n_steps, coupling,
                Py_ssize_t record_every, seed, circuit):
    cdef Py_ssize_t n = m.shape[0], r
    cdef Py_ssize_t n_sets = len(rows)
    g = np.empty(n_sets)
    stt_per_j = np.empty(n_sets)
    sot_per_j = np.empty(n_sets)
    sigma = np.empty(n_sets)
    lam_off = False
    for r in range(n_sets):
        g[r] = _fill_par(rows[r], &P[r])
        inv = 1.0 / (1.0 + P[r].alpha * P[r].alpha)
        stt_per_j[r] = inv * float(rows[r]["stt_per_j"])
        sot_per_j[r] = inv * float(rows[r]["sot_per_j"])
        sigma[r] = float(rows[r]["thermal_sigma"])
        lam_off |= P[r].Lm != 0.0
    # per-junction rows: junction i uses parameter set at[i]
    at = np.arange(n) if n_sets == n else np.zeros(n, dtype=np.intp)
    wired = np.zeros(n, bool) if circuit is None else np.asarray(circuit["member"]) >= 0
    cdef int use_stt = bool(np.any(stt_per_j[at] * jj != 0) or np.any(stt_per_j[at][wired] != 0))
    cdef int use_sot = bool(np.any(sot_per_j[at] * jj != 0) or np.any(sot_per_j[at][wired] != 0))
    cdef int use_eps = use_stt and lam_off
    sig_rows = np.ascontiguousarray(g[at] * np.maximum(sigma[at], 0.0) / sqrt(dt))
    cdef bint thermal = bool(np.any(sig_rows != 0.0))
    if seed is None:
        seed = int(np.random.SeedSequence().generate_state(1, np.uint64)[0])
    cdef uint64_t seed64 = <uint64_t>(int(seed) & 0xFFFFFFFFFFFFFFFF)

    cdef Py_ssize_t n_rec = n_steps // record_every + 1 if record_every > 0 else 0
    rec_arr = np.empty((n_rec, n, 3)) if n_rec else None
    if n_rec:
        rec_arr[0] = m
    cdef double[:, :, ::1] rec_v
    cdef double* rec = NULL
    if n_rec:
        rec_v = rec_arr
        rec = &rec_v[0, 0, 0]

    cdef Py_ssize_t n_pad, b, i0, nb, nl
    cdef double sig
    cdef double[:, ::1] state
    cdef double[:, ::1] drive
    cdef uint64_t[::1] st
    cdef double[::1] ten_v, work_v, sig_v
    cdef Py_ssize_t[::1] indptr_v, src_v
    if coupling is None and n_sets == 1 and circuit is None:
        # rows: mx, my, mz, bx, by, bz, a_stt, a_sot; padded lanes copy the last junction.
        # Blocks of LANES lanes, the last one rounded up to a multiple of PAD lanes (one
        # SIMD vector); fewer than PAD junctions run unpadded.
        sig = sig_rows[0]
        n_pad = ((n + PAD - 1) // PAD) * PAD if n >= PAD else n
        idx = np.minimum(np.arange(n_pad), n - 1)
        state = np.ascontiguousarray(m[idx].T)
        drive = np.ascontiguousarray(np.vstack(
            [g[0] * H[idx].T, stt_per_j[0] * jj[idx][None], sot_per_j[0] * jj[idx][None]]))
        st = np.zeros(4 * n_pad if thermal else 4, dtype=np.uint64)
        if thermal:
            _seed_streams(seed64, n_pad, &st[0])
        with nogil:
            for b in range((n_pad + LANES - 1) // LANES):
                i0 = b * LANES
                nl = min(LANES, n_pad - i0)
                nb = min(nl, n - i0)
                _block(use_stt, use_sot, use_eps, P, n_steps, dt,
                       &state[0, i0], &state[1, i0], &state[2, i0],
                       &drive[0, i0], &drive[1, i0], &drive[2, i0],
                       &drive[3, i0], &drive[4, i0], sig,
                       &st[i0] if thermal else &st[0], n_pad,
                       rec, record_every, n, i0, nl, nb)
        return np.ascontiguousarray(np.asarray(state)[:, :n].T), rec_arr

    # Coupled (or per-junction) path: every junction its own Par, the coupling as CSR.
    if coupling is None:
        indptr, srcs, ten = np.zeros(n + 1, np.intp), np.zeros(1, np.intp), np.zeros((1, 3, 3))
    else:
        indptr, srcs, ten = _csr(coupling, n)
        if len(srcs) == 0:
            srcs, ten = np.zeros(1, np.intp), np.zeros((1, 3, 3))
        else:  # scale each tensor by the target's γμ0/(1+α²)
            ten = ten * np.repeat(g[at], np.diff(indptr))[:, None, None]
    indptr_v = indptr
    src_v = srcs
    ten_v = np.ascontiguousarray(ten).ravel()
    sig_v = sig_rows
    cdef bint shared = n_sets == 1
    state = np.ascontiguousarray(m.T)
    drive = np.ascontiguousarray(np.vstack([g[at] * H.T, (stt_per_j[at] * jj)[None],
                                            (sot_per_j[at] * jj)[None]]))
    st = np.zeros(4 * n, dtype=np.uint64)
    if thermal:
        _seed_streams(seed64, n, &st[0])
    work_v = np.zeros(15 * n)
    cdef Circuits C
    C.n = 0
    keep = []  # the arrays C points into, alive for the run
    if circuit is not None:
        keep = _circuit_arrays(circuit, rows, at, stt_per_j[at], sot_per_j[at], n)
        C.n = len(keep[1])
        C.member = <const Py_ssize_t*>_ptr(keep[0])
        C.parallel = <const int*>_ptr(keep[1])
        C.V = <const double*>_ptr(keep[2])
        C.R_load = <const double*>_ptr(keep[3])
        C.R_P = <const double*>_ptr(keep[4])
        C.dR = <const double*>_ptr(keep[5])
        C.inv_area = <const double*>_ptr(keep[6])
        C.cst = <const double*>_ptr(keep[7])
        C.cso = <const double*>_ptr(keep[8])
        C.acc = <double*>_ptr(keep[9])
        C.jc = <double*>_ptr(keep[10])
    with nogil:
        _coupled(use_stt, use_sot, use_eps, P, n_steps, dt, n,
                 &state[0, 0], &state[1, 0], &state[2, 0],
                 &drive[0, 0], &drive[1, 0], &drive[2, 0], &drive[3, 0], &drive[4, 0],
                 shared, &indptr_v[0], &src_v[0], &ten_v[0], &sig_v[0], thermal, &st[0],
                 &work_v[0], rec, record_every, &C)
    return np.ascontiguousarray(np.asarray(state).T), rec_arr


cdef void* _ptr(a):
    """Address of the first element of a C-contiguous NumPy array (kept alive by the caller)."""
    return <void*><size_t>a.ctypes.data


def _circuit_arrays(dict circuit, list rows, at, cst, cso, Py_ssize_t n):
    """The checked, contiguous arrays behind a Circuits struct (order as its fields)."""
    member = np.ascontiguousarray(np.broadcast_to(np.asarray(circuit["member"]), (n,)),
                                  dtype=np.intp)
    parallel = np.ascontiguousarray(np.atleast_1d(circuit["parallel"]), dtype=np.intc)
    count = len(parallel)
    V = np.ascontiguousarray(np.broadcast_to(np.asarray(circuit["V"], float), (count,)))
    R_load = np.ascontiguousarray(np.broadcast_to(np.asarray(circuit["R_load"], float),
                                                  (count,)))
    area = np.broadcast_to(np.asarray(circuit["area"], float), (n,))
    if member.max() >= count or member.min() < -1:
        raise ValueError(f"circuit member: indices must lie in [-1, {count})")
    if not (np.all(np.isfinite(V)) and np.all(R_load >= 0) and np.all(area > 0)):
        raise ValueError("circuit: need finite V, R_load >= 0 and area > 0")
    if np.any(parallel.astype(bool) & (R_load <= 0)):
        raise ValueError("circuit: a parallel circuit needs R_load > 0")
    R_P = np.array([float(rows[k]["R_P"]) for k in at])
    dR = np.array([float(rows[k]["dR_TMR"]) for k in at])
    if not np.all(R_P > 0):
        raise ValueError("circuit: every junction needs R_P > 0")
    return [member, parallel, V, R_load, R_P, dR, np.ascontiguousarray(1.0 / area),
            np.ascontiguousarray(cst, dtype=float), np.ascontiguousarray(cso, dtype=float),
            np.zeros(max(count, 1)), np.zeros(n)]
