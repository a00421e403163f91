"""Annealing of p-bit networks on sparse Ising graphs (seed 003, Ising machines).

The graph is a symmetric coupling matrix J in CSR form (zero diagonal) and biases b; p-bit i
sees the input I_i = Σ_j J_ij s_j + b_i, kept up to date as spins flip (O(degree) per flip),
so an update costs a table look-up and one random number. Energy E = −Σ_{i<j} J_ij s_i s_j
− Σ_i b_i s_i; flipping s_i changes it by 2 s_i I_i.

* :func:`pbit_anneal` — heat-bath updates s_i ← +1 with probability P_k(I_i), read by linear
  interpolation from a table per annealing stage k: the transfer curve of whatever unit the
  p-bit is (junction or ideal sigmoid), tabulated by the caller.
* :func:`metropolis_anneal` — the reference: single-spin Metropolis at inverse temperature
  β_k, accepting a flip with probability min(1, e^{−β_k ΔE}).

Both sweep the spins in order, ``sweeps_per_stage`` sweeps per stage, and keep the lowest
energy seen at the end of a sweep with its state. Random numbers: one xoshiro256++ stream
(``_random.pxd``).
"""

import numpy as np

from libc.math cimport exp
from libc.stdint cimport int8_t, int32_t, uint64_t

from spinbrian.cython_kernels._random cimport splitmix64, spb_u01p1, xoshiro


cdef inline double _uniform(uint64_t* st) noexcept nogil:
    return spb_u01p1(xoshiro(&st[0], &st[1], &st[2], &st[3])) - 1.0


cdef inline void _flip(Py_ssize_t i, int8_t[::1] s, double[::1] field, const int32_t[::1] indptr,
                       const int32_t[::1] indices, const double[::1] weights) noexcept nogil:
    """Flip s_i and move its neighbours' inputs by 2·J_ij·s_i(new)."""
    cdef Py_ssize_t k
    s[i] = -s[i]
    cdef double ds = 2.0 * s[i]
    for k in range(indptr[i], indptr[i + 1]):
        field[indices[k]] += weights[k] * ds


cdef inline void _end_of_sweep(double e, double* best, int8_t[::1] s, int8_t[::1] best_state,
                               Py_ssize_t done, double target, Py_ssize_t* hit) noexcept nogil:
    """Keep the lowest energy seen at the end of a sweep, with its state; note the target."""
    if e < best[0]:
        best[0] = e
        best_state[:] = s
    if hit[0] < 0 and e <= target:
        hit[0] = done


def _prepare(indptr, indices, weights, bias, s, seed):
    """Check the graph and the state; return the inputs I_i, the energy and an RNG state."""
    n = len(s)
    nnz = len(indices)
    if len(indptr) != n + 1 or len(bias) != n or len(weights) != nnz or indptr[n] != nnz:
        raise ValueError("graph: indptr (N+1), indices and weights (nnz), bias (N) disagree")
    if len(indices) and (np.min(indices) < 0 or np.max(indices) >= n):
        raise ValueError("graph: an index is outside [0, N)")
    if np.any(np.abs(np.asarray(s)) != 1):
        raise ValueError("state: every spin must be ±1")
    field = np.asarray(bias, float).copy()
    rows = np.repeat(np.arange(n), np.diff(indptr))
    np.add.at(field, rows, np.asarray(weights) * np.asarray(s, float)[indices])
    s_f = np.asarray(s, float)
    energy = -0.5 * float(s_f @ (field - bias)) - float(s_f @ bias)
    cdef uint64_t x = <uint64_t>(np.random.SeedSequence(seed).generate_state(1, np.uint64)[0])
    st = np.empty(4, np.uint64)
    for w in range(4):
        st[w] = splitmix64(&x)
    return field, energy, st


def pbit_anneal(const int32_t[::1] indptr, const int32_t[::1] indices, const double[::1] weights,
                const double[::1] bias, int8_t[::1] s, const double[:, ::1] tables,
                double x_min, double dx, Py_ssize_t sweeps_per_stage, seed=None,
                double target=-1e300):
    """Heat-bath anneal: stage k updates s_i to +1 with probability tables[k] at I_i.

    Parameters
    ----------
    indptr, indices, weights : arrays
        Symmetric J in CSR form (int32, int32, float64), zero diagonal.
    bias : array (N,)
        Biases b_i.
    s : int8 array (N,)
        Initial spins (±1), updated in place to the final state.
    tables : array (n_stages, n_points)
        P(s_i = +1) at inputs x_min + n·dx; inputs beyond the grid take the end values.
    x_min, dx : float
        The table grid.
    sweeps_per_stage : int
        Sweeps over all spins per stage.
    seed : int, optional
        Seed of the random numbers.
    target : float
        Energy whose first attainment (end of a sweep) is reported.

    Returns
    -------
    best_energy : float
    best_state : int8 array (N,)
    stage_energy : array (n_stages,)
        Energy at the end of each stage.
    sweeps_to_target : int
        Sweeps until the energy first was ≤ ``target`` (−1 if never).
    """
    field_a, energy, st_a = _prepare(indptr, indices, weights, bias, s, seed)
    cdef double[::1] field = field_a
    cdef uint64_t[::1] st = st_a
    cdef Py_ssize_t n = s.shape[0], n_stages = tables.shape[0], n_pts = tables.shape[1]
    cdef Py_ssize_t i, k, sweep, cell, hit = -1, done = 0
    cdef double e = energy, best = energy, pos, frac, p
    cdef int8_t old
    best_a = np.asarray(s).copy()
    cdef int8_t[::1] best_state = best_a
    stage_energy = np.empty(n_stages)
    cdef double[::1] stage_e = stage_energy
    if n_pts < 2 or dx <= 0:
        raise ValueError("tables: need ≥ 2 points per stage and dx > 0")
    with nogil:
        for k in range(n_stages):
            for sweep in range(sweeps_per_stage):
                for i in range(n):
                    pos = (field[i] - x_min) / dx
                    if pos <= 0:
                        p = tables[k, 0]
                    elif pos >= n_pts - 1:
                        p = tables[k, n_pts - 1]
                    else:
                        cell = <Py_ssize_t>pos
                        frac = pos - cell
                        p = tables[k, cell] + frac * (tables[k, cell + 1] - tables[k, cell])
                    old = s[i]
                    if (_uniform(&st[0]) < p) != (old > 0):
                        e += 2.0 * old * field[i]
                        _flip(i, s, field, indptr, indices, weights)
                done += 1
                _end_of_sweep(e, &best, s, best_state, done, target, &hit)
            stage_e[k] = e
    return best, best_a, stage_energy, hit


def metropolis_anneal(const int32_t[::1] indptr, const int32_t[::1] indices,
                      const double[::1] weights, const double[::1] bias, int8_t[::1] s,
                      const double[::1] betas, Py_ssize_t sweeps_per_stage, seed=None,
                      double target=-1e300):
    """Single-spin Metropolis anneal over the inverse temperatures ``betas`` (one per stage).

    Same graph, state and returns as :func:`pbit_anneal`.
    """
    field_a, energy, st_a = _prepare(indptr, indices, weights, bias, s, seed)
    cdef double[::1] field = field_a
    cdef uint64_t[::1] st = st_a
    cdef Py_ssize_t n = s.shape[0], n_stages = betas.shape[0]
    cdef Py_ssize_t i, k, sweep, hit = -1, done = 0
    cdef double e = energy, best = energy, de
    best_a = np.asarray(s).copy()
    cdef int8_t[::1] best_state = best_a
    stage_energy = np.empty(n_stages)
    cdef double[::1] stage_e = stage_energy
    with nogil:
        for k in range(n_stages):
            for sweep in range(sweeps_per_stage):
                for i in range(n):
                    de = 2.0 * s[i] * field[i]
                    if de <= 0 or _uniform(&st[0]) < exp(-betas[k] * de):
                        e += de
                        _flip(i, s, field, indptr, indices, weights)
                done += 1
                _end_of_sweep(e, &best, s, best_state, done, target, &hit)
            stage_e[k] = e
    return best, best_a, stage_energy, hit
