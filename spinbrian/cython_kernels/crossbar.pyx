# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
# cython: initializedcheck=False
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
"""

from libc.math cimport cosh, sinh


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
    cdef double d, u, s
    with nogil:
        for k in range(n_unk):
            F[k] = 0.0
        if jacobian:
            for k in range(nnz):
                data[k] = 0.0
        for k in range(nl):
            a = la[k]
            b = lb[k]
            d = lg[k]
            _edge(F, data, n_unk, a, b, d * (v[a] - v[b]), d,
                  l_aa[k], l_ab[k], l_ba[k], l_bb[k], jacobian)
        for k in range(nc):
            a = ca[k]
            b = cb[k]
            u = v[a] - v[b]
            s = V_pos if u >= 0 else V_neg
            _edge(F, data, n_unk, a, b, cG[k] * s * sinh(u / s), cG[k] * cosh(u / s),
                  c_aa[k], c_ab[k], c_ba[k], c_bb[k], jacobian)
