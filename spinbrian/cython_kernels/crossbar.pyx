"""Residual and Jacobian of the crossbar nodal equations (Kirchhoff's current law).

The network is a list of two-terminal edges between nodes ``a`` and ``b``; node voltages
live in one vector ``v`` whose first ``n_unk`` entries are unknowns and whose remaining
entries are fixed (voltage sources). Two edge kinds:

* linear (line segments, source connections): I = g·(v_a − v_b);
* cells (cross-points, tunnelling I–V): I = G·V_s·sinh((v_a − v_b)/V_s),
  dI/dV = G·cosh((v_a − v_b)/V_s), with the scale V_s = V_pos for v_a ≥ v_b and V_neg
  below (the two polarities cross different interfaces; dI/dV is continuous at 0).

The residual is the net current leaving each unknown node, F_a = Σ_edges I_edge(a→·);
the Jacobian J = ∂F/∂v (unknowns only) is stored in a fixed CSR pattern: for every edge
the caller passes the positions of the (a,a), (a,b), (b,a), (b,b) entries in the CSR data
array, −1 where the entry does not exist (an end is a fixed node). J is a weighted graph
Laplacian plus the conductances to the sources: symmetric, and positive definite as soon as
every connected part touches a source, because dI/dV ≥ G > 0 for the sinh I–V.

:func:`solve_lines` solves the Newton system J x = b of a crossbar whose row and column
lines are both resistive in O(MN) per iteration, exploiting that structure (see there).
"""

import numpy as np

from libc.math cimport cosh, fabs, fmax, sinh


cdef inline void _edge(double[::1] F, double[::1] data, Py_ssize_t n_unk, Py_ssize_t a,
                       Py_ssize_t b, double cur, double d, int paa, int pab, int pba,
                       int pbb, bint jacobian) noexcept nogil:
    """Add an edge's current (a → b) to F and its conductance d to the 2×2 Jacobian block."""
    if a < n_unk:
        F[a] += cur
    if b < n_unk:
        F[b] -= cur
    if jacobian:
        if paa >= 0:
            data[paa] += d
        if pbb >= 0:
            data[pbb] += d
        if pab >= 0:
            data[pab] -= d
        if pba >= 0:
            data[pba] -= d


def assemble(const double[::1] v, double V_pos, double V_neg, Py_ssize_t n_unk,
             const int[::1] la, const int[::1] lb, const double[::1] lg,
             const int[::1] l_aa, const int[::1] l_ab, const int[::1] l_ba,
             const int[::1] l_bb,
             const int[::1] ca, const int[::1] cb, const double[::1] cG,
             const int[::1] c_aa, const int[::1] c_ab, const int[::1] c_ba,
             const int[::1] c_bb,
             double[::1] F, double[::1] data, bint jacobian=True):
    """Fill ``F`` (n_unk,) with the KCL residual and, if ``jacobian``, ``data`` with J.

    Parameters
    ----------
    v : ndarray of float64
        All node voltages (V): unknowns first, then the fixed source nodes.
    V_pos, V_neg : float
        Scales of the cell I–V (V) for positive and negative cell voltages.
    n_unk : int
        Number of unknown nodes.
    la, lb, lg, l_aa, l_ab, l_ba, l_bb : ndarray
        Linear edges: end nodes (int32), conductance (S) and CSR positions (int32, −1 for
        none).
    ca, cb, cG, c_aa, c_ab, c_ba, c_bb : ndarray
        Cell edges: end nodes, read conductance G (S) and CSR positions.
    F : ndarray of float64
        Output residual (A), overwritten.
    data : ndarray of float64
        Output CSR data of the Jacobian (S), overwritten when ``jacobian`` is true.
    jacobian : bool
        Whether to assemble the Jacobian (line searches need the residual only).
    """
    cdef Py_ssize_t k, a, b
    cdef Py_ssize_t nl = la.shape[0], nc = ca.shape[0], nnz = data.shape[0]
    cdef Py_ssize_t nv = v.shape[0], bad = -1
    cdef double d, u, s
    # The loops run without bounds checks: lengths are checked here and every index just
    # before it is used (a few compares per edge beside a sinh and a cosh).
    if not (lb.shape[0] == lg.shape[0] == l_aa.shape[0] == l_ab.shape[0] == l_ba.shape[0]
            == l_bb.shape[0] == nl):
        raise ValueError("assemble: the linear-edge arrays differ in length")
    if not (cb.shape[0] == cG.shape[0] == c_aa.shape[0] == c_ab.shape[0] == c_ba.shape[0]
            == c_bb.shape[0] == nc):
        raise ValueError("assemble: the cell-edge arrays differ in length")
    if not 0 <= n_unk <= nv or F.shape[0] != n_unk:
        raise ValueError(f"assemble: n_unk = {n_unk} needs F of that length and ≤ len(v)")
    if not jacobian:
        nnz = -1  # no CSR position is written
    with nogil:
        for k in range(n_unk):
            F[k] = 0.0
        for k in range(nnz):
            data[k] = 0.0
        for k in range(nl):
            a = la[k]
            b = lb[k]
            if not (_node_ok(a, nv) and _node_ok(b, nv) and _csr_ok(l_aa[k], nnz)
                    and _csr_ok(l_ab[k], nnz) and _csr_ok(l_ba[k], nnz)
                    and _csr_ok(l_bb[k], nnz)):
                bad = k
                break
            d = lg[k]
            _edge(F, data, n_unk, a, b, d * (v[a] - v[b]), d,
                  l_aa[k], l_ab[k], l_ba[k], l_bb[k], jacobian)
        for k in range(nc if bad < 0 else 0):
            a = ca[k]
            b = cb[k]
            if not (_node_ok(a, nv) and _node_ok(b, nv) and _csr_ok(c_aa[k], nnz)
                    and _csr_ok(c_ab[k], nnz) and _csr_ok(c_ba[k], nnz)
                    and _csr_ok(c_bb[k], nnz)):
                bad = nl + k
                break
            u = v[a] - v[b]
            s = V_pos if u >= 0 else V_neg
            _edge(F, data, n_unk, a, b, cG[k] * s * sinh(u / s), cG[k] * cosh(u / s),
                  c_aa[k], c_ab[k], c_ba[k], c_bb[k], jacobian)
    if bad >= 0:
        kind, k = ("linear", bad) if bad < nl else ("cell", bad - nl)
        raise IndexError(f"assemble: {kind} edge {k} has a node outside 0..{nv - 1} or a "
                         f"CSR position outside -1..{nnz - 1}")


cdef inline bint _node_ok(Py_ssize_t a, Py_ssize_t nv) noexcept nogil:
    return 0 <= a < nv


cdef inline bint _csr_ok(Py_ssize_t p, Py_ssize_t nnz) noexcept nogil:
    """A CSR position is −1 (none) or inside ``data``; with nnz = −1 (no Jacobian) any."""
    return nnz < 0 or -1 <= p < nnz


# ----------------------------------------------------------------- line-chain solver
# With resistive rows and columns, ordering the unknowns as (row-line nodes, column-line
# nodes), both row-major over the cross-points, splits the Jacobian into
#
#     J = [[A, E], [E, C]]
#
# A: the row lines, one tridiagonal chain per row (segments, source, cells' diagonal);
# C: the column lines, one tridiagonal chain per column; E: diagonal, −dI/dV of each cell.
# Chains are factorised exactly in O(MN) (LDLᵀ). Eliminating the row nodes leaves the
# Schur complement S = C − E A⁻¹ E on the column nodes, SPD like J, which CG solves with C
# as preconditioner: C⁻¹S = I − C⁻¹E A⁻¹E has its spectrum in (0, 1], away from 0 where
# the lines conduct much better than the cells, so a few tens of O(MN) iterations replace
# a sparse LU factorisation (O((MN)^1.5)).

# The chain routines below sweep all chains together, element k of every chain before
# element k + 1: the recurrences of different chains are independent, so they pipeline
# (and vectorise where the chains are adjacent in memory) instead of waiting on each other.

cdef bint _chain_ldl(const double* diag, const double* off, double* lo, double* ipiv,
                     Py_ssize_t n_chain, Py_ssize_t length, Py_ssize_t s_chain,
                     Py_ssize_t s_elem) noexcept nogil:
    """LDLᵀ of independent tridiagonal chains; False at a non-positive pivot.

    Element k of chain c is at c·s_chain + k·s_elem; ``off[idx]`` couples it to the
    previous element of its chain (unused for k = 0). Stores the multipliers in ``lo`` and
    the inverse pivots in ``ipiv``.
    """
    cdef Py_ssize_t c, k, idx
    cdef double p, l
    cdef bint ok = True
    for c in range(n_chain):
        p = diag[c * s_chain]
        ok = ok & (p > 0)
        ipiv[c * s_chain] = 1.0 / p
    for k in range(1, length):
        for c in range(n_chain):
            idx = c * s_chain + k * s_elem
            l = off[idx] * ipiv[idx - s_elem]
            lo[idx] = l
            p = diag[idx] - l * off[idx]
            ok = ok & (p > 0)
            ipiv[idx] = 1.0 / p
    return ok


cdef void _chain_solve(const double* lo, const double* ipiv, double* x, Py_ssize_t n_chain,
                       Py_ssize_t length, Py_ssize_t s_chain,
                       Py_ssize_t s_elem) noexcept nogil:
    """Overwrite ``x`` with (L D Lᵀ)⁻¹ x for the chains factorised by ``_chain_ldl``."""
    cdef Py_ssize_t c, k, idx
    for k in range(1, length):
        for c in range(n_chain):
            idx = c * s_chain + k * s_elem
            x[idx] -= lo[idx] * x[idx - s_elem]
    for c in range(n_chain):
        idx = c * s_chain + (length - 1) * s_elem
        x[idx] *= ipiv[idx]
    for k in range(length - 2, -1, -1):
        for c in range(n_chain):
            idx = c * s_chain + k * s_elem
            x[idx] = x[idx] * ipiv[idx] - lo[idx + s_elem] * x[idx + s_elem]


cdef void _chain_matvec(const double* diag, const double* off, const double* x, double* y,
                        Py_ssize_t n_chain, Py_ssize_t length, Py_ssize_t s_chain,
                        Py_ssize_t s_elem) noexcept nogil:
    """y = T x for the symmetric tridiagonal chains T given by ``diag`` and ``off``."""
    cdef Py_ssize_t c, k, idx
    for c in range(n_chain):
        idx = c * s_chain
        y[idx] = diag[idx] * x[idx]
    for k in range(1, length):
        for c in range(n_chain):
            idx = c * s_chain + k * s_elem
            y[idx] = diag[idx] * x[idx] + off[idx] * x[idx - s_elem]
            y[idx - s_elem] += off[idx] * x[idx]


cdef Py_ssize_t _schur_cg(const double* a_d, const double* a_o, const double* c_d,
                          const double* c_o, const double* e, const double* b_r,
                          const double* b_c, double* x_r, double* x_c, double* work,
                          Py_ssize_t M, Py_ssize_t N, double rtol,
                          Py_ssize_t maxiter) noexcept nogil:
    """The body of :func:`solve_lines` on raw arrays; ``work`` holds 9·M·N doubles."""
    cdef Py_ssize_t nm = M * N, k, it = 0
    cdef double rz, rz_new, pq, alpha, zmax, z0 = 0.0
    cdef double* la = work
    cdef double* pa = work + nm
    cdef double* lc = work + 2 * nm
    cdef double* pc = work + 3 * nm
    cdef double* t = work + 4 * nm
    cdef double* r = work + 5 * nm
    cdef double* z = work + 6 * nm
    cdef double* p = work + 7 * nm
    cdef double* q = work + 8 * nm
    # row chains run along j (stride 1), column chains along i (stride N)
    if not (_chain_ldl(a_d, a_o, la, pa, M, N, N, 1)
            and _chain_ldl(c_d, c_o, lc, pc, N, M, 1, N)):
        return -1
    # reduced right-hand side r = b_C − E A⁻¹ b_R, start from x_C = 0
    for k in range(nm):
        t[k] = b_r[k]
    _chain_solve(la, pa, t, M, N, N, 1)
    for k in range(nm):
        x_c[k] = 0.0
        r[k] = b_c[k] - e[k] * t[k]
        z[k] = r[k]
    _chain_solve(lc, pc, z, N, M, 1, N)
    rz = 0.0
    for k in range(nm):
        p[k] = z[k]
        rz += r[k] * z[k]
        z0 = fmax(z0, fabs(z[k]))
    while z0 > 0:
        if it == maxiter:
            return -1
        it += 1
        # q = S p = C p − E A⁻¹ E p
        for k in range(nm):
            t[k] = e[k] * p[k]
        _chain_solve(la, pa, t, M, N, N, 1)
        _chain_matvec(c_d, c_o, p, q, N, M, 1, N)
        pq = 0.0
        for k in range(nm):
            q[k] -= e[k] * t[k]
            pq += p[k] * q[k]
        if not pq > 0:
            return -1
        alpha = rz / pq
        for k in range(nm):
            x_c[k] += alpha * p[k]
            r[k] -= alpha * q[k]
            z[k] = r[k]
        _chain_solve(lc, pc, z, N, M, 1, N)
        zmax = 0.0
        rz_new = 0.0
        for k in range(nm):
            rz_new += r[k] * z[k]
            zmax = fmax(zmax, fabs(z[k]))
        if zmax <= rtol * z0:
            break
        for k in range(nm):
            p[k] = z[k] + (rz_new / rz) * p[k]
        rz = rz_new
    # back-substitute the row nodes: x_R = A⁻¹ (b_R − E x_C)
    for k in range(nm):
        x_r[k] = b_r[k] - e[k] * x_c[k]
    _chain_solve(la, pa, x_r, M, N, N, 1)
    return it


def solve_lines(const double[:, ::1] blocks, const double[::1] b, double[::1] x,
                Py_ssize_t M, Py_ssize_t N, double rtol, Py_ssize_t maxiter):
    """Solve J x = b for the line-chain structure above by CG on the Schur complement.

    Parameters
    ----------
    blocks : ndarray of float64, (5, M·N)
        Entries of J, each row-major over the cross-points (i, j): diagonal of A, coupling
        of row node (i, j) to (i, j − 1) (0 for j = 0), diagonal of C, coupling of column
        node (i, j) to (i − 1, j) (0 for i = 0), and E (row node to column node).
    b : ndarray of float64, (2·M·N,)
        Right-hand side: row-line nodes first, then column-line nodes.
    x : ndarray of float64, (2·M·N,)
        Output solution, overwritten.
    M, N : int
        Numbers of row and column lines.
    rtol : float
        Stop when the largest preconditioned residual C⁻¹r of the column part is below
        ``rtol`` times its initial value (an estimate of the relative error of x).
    maxiter : int
        CG iteration limit.

    Returns
    -------
    int
        CG iterations, or −1 if a chain or CG broke down (J not positive definite) or CG
        did not converge within ``maxiter``: then ``x`` is meaningless.
    """
    cdef Py_ssize_t nm = M * N
    if blocks.shape[0] != 5 or blocks.shape[1] != nm or b.shape[0] != 2 * nm \
            or x.shape[0] != 2 * nm:
        raise ValueError("solve_lines: blocks must be (5, M·N), b and x (2·M·N,)")
    cdef double[::1] work = np.empty(9 * nm)
    cdef Py_ssize_t it
    with nogil:
        it = _schur_cg(&blocks[0, 0], &blocks[1, 0], &blocks[2, 0], &blocks[3, 0],
                       &blocks[4, 0], &b[0], &b[nm], &x[0], &x[nm], &work[0], M, N,
                       rtol, maxiter)
    return it
