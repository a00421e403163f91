"""Finite-grain nucleation switching of Co/Gd films (seed 001, PHYSICS.md §2).

Each film is n grains with their own zero-drive barriers β_i (units of k_BT; drawn once:
device-to-device randomness). A pulse of reduced drive h lowers them to β_i(1 − h)²₊ and
switches every grain not yet in the driven direction with probability
P_i = 1 − exp(−f0τ·exp(−β_i(1 − h)²₊)), each pulse drawing anew (cycle-to-cycle
randomness). If the pulse also depins domain walls, the film is swept in the driven
direction as soon as one grain points that way. The expected values of this process are
the continuum of :mod:`spinbrian.equations.nucleation`.

Random numbers: one xoshiro256++ stream seeded by splitmix64 (``_random.pxd``), drawn
only for grains whose P is neither ≈ 0 nor ≈ 1 — which skips most grains, most pulses.
"""

import numpy as np

from libc.math cimport exp, expm1
from libc.stdint cimport int8_t, uint64_t

from spinbrian.cython_kernels._random cimport splitmix64, spb_u01p1, xoshiro


cdef inline double _uniform(uint64_t* s) noexcept nogil:
    """Uniform double in [0, 1) from the stream s[0..3]."""
    return spb_u01p1(xoshiro(&s[0], &s[1], &s[2], &s[3])) - 1.0


def ensemble_pulses(double[:, ::1] barriers, int8_t[:, ::1] state, double[::1] drive,
                    int8_t[::1] direction, int8_t[::1] sweeps, double f0_tau,
                    unsigned long long seed):
    """Apply a pulse sequence to films of grains; return the up-fraction after each pulse.

    Parameters
    ----------
    barriers : (n_films, n_grains) float64
        Zero-drive barriers β_i in k_BT.
    state : (n_films, n_grains) int8
        Grain magnetisations ±1, updated in place.
    drive : (n_pulses,) float64
        Reduced drive h = H_DL/H_n of each pulse.
    direction : (n_pulses,) int8
        Driven direction sign(I·H_x) (0: no pulse).
    sweeps : (n_pulses,) int8
        1 where the pulse depins domain walls.
    f0_tau : float
        Attempt frequency × pulse width.
    seed : int
        Seed of the random stream.

    Returns
    -------
    ndarray
        (n_films, n_pulses) up-fractions.
    """
    cdef Py_ssize_t n_films = barriers.shape[0], n = barriers.shape[1]
    cdef Py_ssize_t n_pulses = drive.shape[0], f, i, j
    # The loops below run without bounds checks: the shapes and the ±1 grain states (the
    # up-count assumes every flip changes it by one) are checked here, once.
    if state.shape[0] != n_films or state.shape[1] != n:
        raise ValueError(f"state is {state.shape[0]}×{state.shape[1]}: need the barriers' "
                         f"{n_films}×{n}")
    if direction.shape[0] != n_pulses or sweeps.shape[0] != n_pulses:
        raise ValueError("direction and sweeps need one value per pulse (drive's length)")
    if n == 0:
        raise ValueError("barriers has no grains")
    if not np.all(np.abs(np.asarray(state)) == 1):
        raise ValueError("state: every grain must be +1 or -1")
    if not np.all(np.abs(np.asarray(direction)) <= 1):
        raise ValueError("direction: each pulse's sign must be -1, 0 or +1")
    cdef double[:, ::1] p = np.empty((n_films, n_pulses))
    cdef uint64_t s[4]
    cdef uint64_t sm = seed
    cdef double g, P, lam
    cdef int8_t d
    cdef Py_ssize_t n_up
    for i in range(4):
        s[i] = splitmix64(&sm)
    with nogil:
        for f in range(n_films):
            n_up = 0
            for i in range(n):
                n_up += state[f, i] > 0
            for j in range(n_pulses):
                d = direction[j]
                if d != 0:
                    g = 1.0 - drive[j]
                    if g < 0.0:
                        g = 0.0
                    g = g * g
                    for i in range(n):
                        if state[f, i] == d:
                            continue
                        lam = f0_tau * exp(-barriers[f, i] * g)
                        if lam < 1e-17:
                            continue
                        P = -expm1(-lam)
                        if P > 1.0 - 1e-15 or _uniform(s) < P:
                            state[f, i] = d
                            n_up += d
                    # a wall sweep needs one grain of the driven direction to grow from
                    if sweeps[j] and ((d > 0 and n_up > 0) or (d < 0 and n_up < n)):
                        for i in range(n):
                            state[f, i] = d
                        n_up = n if d > 0 else 0
                p[f, j] = n_up / <double>n
    return np.asarray(p)
