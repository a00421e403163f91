"""Recursive least squares (RLS) updates for FORCE and innate training.

One RLS step on a readout with inverse-correlation matrix P (n×n, symmetric), activity
r (n,) and weights w (m×n) that produced the error e = w·r − f (m,):

    k = P r,   c = 1 / (1 + rᵀ k),   P ← P − c k kᵀ,   w ← w − c e kᵀ

(Sussillo & Abbott 2009, Neuron 63, 544, Eq. 4–5; Haykin, *Adaptive Filter Theory*).
``rls_update`` does one readout in place; ``rls_update_rows`` does many independent rows
at once — innate training (Laje & Buonomano 2013) trains every unit's presynaptic
weights with its own P over its own presynaptic subset. Plain floats, no GIL, O(n²).
"""

import numpy as np


cdef void _rls_core(double[:, ::1] P, double[::1] r, double[:, ::1] w, double[::1] e,
                    double[::1] k) noexcept nogil:
    cdef Py_ssize_t n = P.shape[0], m = w.shape[0], i, jj
    cdef double s, c, ki, rj
    # k = P r as a sum of rows of P (P is symmetric): contiguous inner loops that the
    # compiler vectorises, unlike a serial dot product per row.
    for i in range(n):
        k[i] = 0.0
    for jj in range(n):
        rj = r[jj]
        for i in range(n):
            k[i] += P[jj, i] * rj
    s = 1.0
    for i in range(n):
        s = s + r[i] * k[i]
    c = 1.0 / s
    for i in range(n):
        ki = c * k[i]
        for jj in range(n):
            P[i, jj] -= ki * k[jj]
    for i in range(m):
        ki = c * e[i]
        for jj in range(n):
            w[i, jj] -= ki * k[jj]


def rls_update(double[:, ::1] P, double[:, ::1] w, double[::1] r, double[::1] e):
    """One RLS step in place: P (n, n), weights w (m, n), activity r (n,), error e (m,)."""
    n = P.shape[0]
    if P.shape[1] != n or r.shape[0] != n or w.shape[1] != n or e.shape[0] != w.shape[0]:
        raise ValueError(
            f"shapes: P ({P.shape[0]}, {P.shape[1]}), w ({w.shape[0]}, {w.shape[1]}), "
            f"r ({r.shape[0]},), e ({e.shape[0]},) do not fit P (n, n), w (m, n), r (n,), e (m,)"
        )
    cdef double[::1] k = np.empty(n)
    with nogil:
        _rls_core(P, r, w, e, k)


def rls_update_rows(double[:, :, ::1] P, double[:, ::1] w, double[:, ::1] r, double[::1] e):
    """Independent RLS steps for many rows in place.

    Row i has inverse correlation P[i] (n, n), weights w[i] (n,), its own presynaptic
    activity r[i] (n,) and error e[i]; rows are independent (innate training).
    """
    cdef Py_ssize_t rows = P.shape[0], n = P.shape[1], i
    if P.shape[2] != n or w.shape[0] != rows or w.shape[1] != n or r.shape[0] != rows \
            or r.shape[1] != n or e.shape[0] != rows:
        raise ValueError(
            f"shapes: P ({P.shape[0]}, {P.shape[1]}, {P.shape[2]}), w ({w.shape[0]}, "
            f"{w.shape[1]}), r ({r.shape[0]}, {r.shape[1]}), e ({e.shape[0]},) do not fit "
            "P (R, n, n), w (R, n), r (R, n), e (R,)"
        )
    cdef double[::1] k = np.empty(n)
    with nogil:
        for i in range(rows):
            _rls_core(P[i], r[i], w[i:i + 1], e[i:i + 1], k)
