"""An M×N crossbar of glassy spin-valve synapses with line resistance (seed 002, Fig. 2).

Geometry and conventions
------------------------
* Row lines (LSMO bottom electrodes = neurons), i = 0…M−1, and column lines (Co top
  electrodes = inputs), j = 0…N−1, cross at the cells (i, j).
* Each line is a chain of segments of resistance ``r_row`` (``r_col``) between adjacent
  cross-points, plus one segment between its terminal and the first cross-point. Row i is
  driven at its j = 0 end, column j at its i = 0 end.
* A line's terminal is held by a voltage source (a number, 0 = grounded) or left floating
  (``nan``).
* A cell carries I = G·V_s·sinh(V/V_s) from the row line to the column line
  (:meth:`GlassySynapse.current`), with V = v_row[i, j] − v_col[i, j] and the scale V_s of
  that polarity: a positive row (neuron) voltage with respect to the column (input)
  potentiates, as in the V/2 scheme of seed 002 (+V/2 on the neuron line, −V/2 on the
  input line).
* Unknowns: the 2MN node voltages (fewer where a line has zero resistance: its cross-points
  then share one node, fixed if the line is driven). They solve Kirchhoff's current law by
  damped Newton; the residual and the sparse Jacobian (each node couples to ≤ 2 line
  neighbours and its partner node) are assembled by the compiled kernel
  :func:`spinbrian.cython_kernels.crossbar.assemble`.

Newton steps
------------
The Jacobian of a network of two-terminal elements is symmetric and, with the driven nodes
eliminated, positive definite. With resistive rows and columns it is one tridiagonal chain
per line plus the cells' diagonal coupling between the two line families; the compiled
:func:`spinbrian.cython_kernels.crossbar.solve_lines` eliminates the row lines exactly and
solves the rest by conjugate gradients preconditioned by the column chains, O(MN) per
iteration (on 64×64 ≈ 10 iterations per step instead of a 20 ms sparse LU). Where that does
not apply (a line of zero resistance) or does not converge, the step is a SuperLU
factorisation with a symmetric ordering. Either way each step is solved to ~10⁻¹² relative,
so the Newton path and its answer are those of exact steps. :func:`solve_network` also
runs the same Newton loop as a user would write it with SciPy (``method="spsolve"``:
NumPy assembly into a ``scipy.sparse`` matrix and ``scipy.sparse.linalg.spsolve``) and
densely (``method="dense"``: ``numpy.linalg.solve``, O((MN)³), small arrays only): the
references for tests and benchmarks.
"""

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from brian2 import ohm, second, volt
from scipy.sparse.linalg import splu, spsolve

from spinbrian.cython_kernels.crossbar import assemble as _assemble_cy
from spinbrian.cython_kernels.crossbar import solve_lines as _solve_lines
from spinbrian.devices.validation import (
    in_si,
    require_count,
    require_finite_array,
    require_number,
    require_si_number,
)
from spinbrian.equations.glassy import sinh_iv

__all__ = [
    "Crossbar",
    "CrossbarSolution",
    "CrossbarTopology",
    "ReadResult",
    "VMMResult",
    "solve_network",
]

METHODS = ("sparse", "spsolve", "dense")
# relative accuracy of a CG Newton step: its error, ≲ 10⁻¹⁰ of the step, stays far below
# both the Newton tolerance and the quadratic convergence, so CG steps act as exact ones
_CG_RTOL = 1e-12


def _flags(name, flags, n):
    """One bool per line (floating or not), or an error naming ``name``."""
    flags = np.asarray(flags)
    if flags.shape != (n,) or flags.dtype != bool:
        raise ValueError(f"{name} = {flags!r}: need {n} bools, one per line")
    return flags


def _drives(name, voltages, n):
    """Source voltages (V) of ``n`` lines: finite, or NaN for a floating line."""
    v = in_si(name, voltages, volt)
    try:
        v = np.array(np.broadcast_to(v, (n,)))
    except ValueError:
        raise ValueError(f"{name} has shape {v.shape}: need ({n},), one per line") from None
    if np.any(np.isinf(v)):
        raise ValueError(f"{name} = {v!r}: infinite voltage (NaN marks a floating line)")
    return v


# ---------------------------------------------------------------------------- topology
class CrossbarTopology:
    """Nodes, edges and the CSR pattern of the Jacobian for one set of boundary conditions.

    Parameters
    ----------
    M, N : int
        Numbers of row and column lines.
    r_row, r_col : float
        Resistance (Ω) of one row (column) segment; 0 makes the line equipotential.
    row_floating, col_floating : array of bool
        Which line terminals float. Only matters for the node structure when the line
        resistance is 0; otherwise a floating line only loses its source conductance.

    Attributes
    ----------
    n_unk : int
        Number of unknown node voltages.
    row_node, col_node : ndarray of int, (M, N)
        Index in the voltage vector of the row (column) line node at each cross-point.
    indptr, indices : ndarray of int32
        CSR pattern of the Jacobian (n_unk × n_unk).
    chain_pos : ndarray of int, (5, M·N), or None
        Where both line resistances are > 0: the positions in the Jacobian's CSR data of
        the line-chain blocks that :func:`~spinbrian.cython_kernels.crossbar.solve_lines`
        takes, ``nnz`` (a padding zero) where an entry does not exist; None otherwise.
    """

    def __init__(self, M, N, r_row, r_col, row_floating, col_floating):
        self.M, self.N = require_count("M", M, 1), require_count("N", N, 1)
        self.r_row, self.r_col = (
            require_number(name, r, 0) for name, r in (("r_row", r_row), ("r_col", r_col))
        )
        row_floating = _flags("row_floating", row_floating, M)
        col_floating = _flags("col_floating", col_floating, N)
        n = 0
        # unknown nodes first; fixed (source) nodes are appended after all unknowns.
        row_node = np.full((M, N), -1, np.int64)
        col_node = np.full((M, N), -1, np.int64)
        # fixed ids are provisional negatives −1−s, s = source number (rows, then columns)
        if self.r_row > 0:
            row_node[:] = n + np.arange(M * N).reshape(M, N)
            n += M * N
        else:
            for i in range(M):
                if row_floating[i]:
                    row_node[i] = n
                    n += 1
                else:
                    row_node[i] = -1 - i
        if self.r_col > 0:
            col_node[:] = n + np.arange(M * N).reshape(M, N)
            n += M * N
        else:
            for j in range(N):
                if col_floating[j]:
                    col_node[:, j] = n
                    n += 1
                else:
                    col_node[:, j] = -1 - (M + j)
        self.n_unk = n
        self.n_fixed = M + N
        self.row_node = np.where(row_node < 0, n + (-1 - row_node), row_node)
        self.col_node = np.where(col_node < 0, n + (-1 - col_node), col_node)
        self.row_src = n + np.arange(M)
        self.col_src = n + M + np.arange(N)

        # linear edges: segments and source connections (conductance filled in later)
        la, lb, kind = [], [], []  # kind: 0 row segment, 1 col segment, 2 row src, 3 col src
        if self.r_row > 0:
            la.append(self.row_node[:, :-1].ravel())
            lb.append(self.row_node[:, 1:].ravel())
            kind.append(np.zeros(M * (N - 1), int))
            la.append(self.row_src)
            lb.append(self.row_node[:, 0])
            kind.append(np.full(M, 2))
        if self.r_col > 0:
            la.append(self.col_node[:-1, :].ravel())
            lb.append(self.col_node[1:, :].ravel())
            kind.append(np.ones((M - 1) * N, int))
            la.append(self.col_src)
            lb.append(self.col_node[0, :])
            kind.append(np.full(N, 3))
        self.la = np.concatenate(la).astype(np.int32) if la else np.zeros(0, np.int32)
        self.lb = np.concatenate(lb).astype(np.int32) if lb else np.zeros(0, np.int32)
        self.lkind = np.concatenate(kind) if kind else np.zeros(0, int)
        self.ca = self.row_node.ravel().astype(np.int32)
        self.cb = self.col_node.ravel().astype(np.int32)

        # CSR pattern: the (a,a), (a,b), (b,a), (b,b) entries of every edge
        a = np.concatenate([self.la, self.ca]).astype(np.int64)
        b = np.concatenate([self.lb, self.cb]).astype(np.int64)
        rows = np.concatenate([a, a, b, b])
        cols = np.concatenate([a, b, a, b])
        ok = (rows < n) & (cols < n)
        key = np.where(ok, rows * max(n, 1) + cols, -1)
        uniq, inv = np.unique(key[ok], return_inverse=True)
        pos = np.full(key.shape, -1, np.int64)
        pos[ok] = inv
        self.indices = (uniq % max(n, 1)).astype(np.int32)
        self.indptr = np.searchsorted(uniq // max(n, 1), np.arange(n + 1)).astype(np.int32)
        self.nnz = uniq.size
        self.diag_pos = np.searchsorted(uniq, np.arange(n) * (max(n, 1) + 1))
        ne = a.size
        paa, pab, pba, pbb = (pos[k * ne : (k + 1) * ne].astype(np.int32) for k in range(4))
        nl = self.la.size
        self.l_pos = tuple(np.ascontiguousarray(p[:nl]) for p in (paa, pab, pba, pbb))
        self.c_pos = tuple(np.ascontiguousarray(p[nl:]) for p in (paa, pab, pba, pbb))
        self.chain_pos = self._chain_positions() if self.r_row > 0 and self.r_col > 0 else None

    def _chain_positions(self):
        """CSR positions of the ``solve_lines`` blocks (row nodes 0…MN−1, then columns)."""
        M, N, mn = self.M, self.N, self.M * self.N
        pos = np.full((5, M, N), self.nnz, np.int64)
        pab = self.l_pos[1]  # (a, b) entry of each linear edge: a node and its successor
        pos[0] = self.diag_pos[:mn].reshape(M, N)
        pos[1][:, 1:] = pab[self.lkind == 0].reshape(M, N - 1)
        pos[2] = self.diag_pos[mn:].reshape(M, N)
        pos[3][1:, :] = pab[self.lkind == 1].reshape(M - 1, N)
        pos[4] = self.c_pos[1].reshape(M, N)
        return pos.reshape(5, mn)

    def line_conductances(self, row_floating, col_floating):
        """Conductances (S) of the linear edges; source edges of floating lines get 0."""
        row_floating = _flags("row_floating", row_floating, self.M)
        col_floating = _flags("col_floating", col_floating, self.N)
        g = np.empty(self.la.size)
        k = self.lkind
        g[k == 0] = 1.0 / self.r_row if self.r_row > 0 else 0.0
        g[k == 1] = 1.0 / self.r_col if self.r_col > 0 else 0.0
        g[k == 2] = np.where(row_floating, 0.0, 1.0 / self.r_row) if self.r_row > 0 else 0.0
        g[k == 3] = np.where(col_floating, 0.0, 1.0 / self.r_col) if self.r_col > 0 else 0.0
        return g


# ---------------------------------------------------------------------------- solution
@dataclass
class CrossbarSolution:
    """Node voltages and currents of a solved crossbar (SI units: V, A).

    Attributes
    ----------
    v_row, v_col : ndarray (M, N)
        Row and column line voltages at every cross-point.
    v_cell : ndarray (M, N)
        Cell voltages v_row − v_col.
    i_cell : ndarray (M, N)
        Cell currents from the row line to the column line.
    i_row_source, i_col_source : ndarray (M,), (N,)
        Current delivered by each line's source into its line (0 for floating lines).
    iterations : int
        Newton iterations.
    residual : float
        Largest KCL residual (A) at the end.
    cg_iterations : int
        Conjugate-gradient iterations of the line-chain steps, all Newton steps together.
    factorizations : int
        Newton steps solved by a sparse (or dense) factorisation instead.
    """

    v_row: np.ndarray
    v_col: np.ndarray
    v_cell: np.ndarray
    i_cell: np.ndarray
    i_row_source: np.ndarray
    i_col_source: np.ndarray
    iterations: int
    residual: float
    cg_iterations: int = 0
    factorizations: int = 0


def _assemble_numpy(v, iv_scales, topo, lg, G, sparse=False, jacobian=True):
    """Pure NumPy residual and Jacobian (dense, or ``scipy.sparse`` CSC if ``sparse``).

    The reference for the compiled kernel, written as a user would: every edge adds its
    current to F and its conductance to four entries of J (duplicates summed). Without
    ``jacobian`` J is None.
    """
    n = topo.n_unk
    F = np.zeros(n)
    rows, cols, vals = [], [], []
    for a, b, cur, d in (
        (topo.la, topo.lb, lg * (v[topo.la] - v[topo.lb]), lg),
        (topo.ca, topo.cb, *sinh_iv(v[topo.ca] - v[topo.cb], G, iv_scales)),
    ):
        ma, mb = a < n, b < n
        both = ma & mb
        np.add.at(F, a[ma], cur[ma])
        np.add.at(F, b[mb], -cur[mb])
        rows += [a[ma], b[mb], a[both], b[both]]
        cols += [a[ma], b[mb], b[both], a[both]]
        vals += [d[ma], d[mb], -d[both], -d[both]]
    if not jacobian:
        return F, None
    rows, cols, vals = (np.concatenate(x) for x in (rows, cols, vals))
    if sparse:
        return F, sp.csc_matrix((vals, (rows, cols)), shape=(n, n))
    J = np.zeros((n, n))
    np.add.at(J, (rows, cols), vals)
    return F, J


class _CompiledSystem:
    """Method ``"sparse"``: compiled assembly; line-chain CG steps, SuperLU as fallback."""

    def __init__(self, topo, lg, G, iv_scales, cg_maxiter):
        self.topo = topo
        self.V_pos, self.V_neg = iv_scales
        self.args = (topo.la, topo.lb, lg, *topo.l_pos, topo.ca, topo.cb, G, *topo.c_pos)
        self.F = np.empty(topo.n_unk)
        self._data = np.zeros(topo.nnz + 1)  # the last entry: the padding zero of chain_pos
        self.data = self._data[:-1]
        self.dv = np.empty(topo.n_unk)
        self.cg_maxiter = cg_maxiter
        self.use_cg = topo.chain_pos is not None and cg_maxiter > 0
        self.cg_iterations = 0
        self.factorizations = 0

    def residual(self, v, jacobian):
        """KCL residual at ``v``; with ``jacobian`` also (re)assembles the Jacobian."""
        n = self.topo.n_unk
        _assemble_cy(v, self.V_pos, self.V_neg, n, *self.args, self.F, self.data, jacobian)
        return self.F.copy()

    def diagonal(self):
        """Diagonal of the last assembled Jacobian."""
        return self.data[self.topo.diag_pos]

    def step(self, F):
        """Newton step −J⁻¹F with the last assembled Jacobian."""
        if self.use_cg:
            topo = self.topo
            blocks = self._data[topo.chain_pos]
            it = _solve_lines(blocks, F, self.dv, topo.M, topo.N, _CG_RTOL, self.cg_maxiter)
            if it >= 0:
                self.cg_iterations += it
                return -self.dv
            # CG stalled (or J is not positive definite): the direct solver from now on
            self.use_cg = False
        self.factorizations += 1
        topo = self.topo
        # J is symmetric, so its CSR arrays are also its CSC arrays; a symmetric ordering
        # and diagonal pivots keep the fill of a Cholesky factorisation
        J = sp.csc_matrix((self.data, topo.indices, topo.indptr), shape=(topo.n_unk,) * 2)
        return -splu(J, permc_spec="MMD_AT_PLUS_A", diag_pivot_thresh=0.0).solve(F)


class _NumpySystem:
    """Methods ``"spsolve"`` and ``"dense"``: NumPy assembly and a fresh solve per step."""

    def __init__(self, topo, lg, G, iv_scales, sparse):
        self.topo, self.lg, self.G, self.iv_scales = topo, lg, G, iv_scales
        self.sparse = sparse
        self.J = None
        self.cg_iterations = 0
        self.factorizations = 0

    def residual(self, v, jacobian):
        args = (self.iv_scales, self.topo, self.lg, self.G, self.sparse, jacobian)
        F, J = _assemble_numpy(v, *args)
        self.J = J if jacobian else self.J
        return F

    def diagonal(self):
        return self.J.diagonal()

    def step(self, F):
        self.factorizations += 1
        if self.sparse:
            return -spsolve(self.J, F)
        return -np.linalg.solve(self.J, F)


def _initial_voltages(topo, rv, cv, v_init):
    """All node voltages: sources, then ``v_init`` or the zero-line-resistance guess."""
    M, N, n = topo.M, topo.N, topo.n_unk
    row_fl, col_fl = np.isnan(rv), np.isnan(cv)
    v = np.zeros(n + topo.n_fixed)
    v[topo.row_src] = np.where(row_fl, 0.0, rv)
    v[topo.col_src] = np.where(col_fl, 0.0, cv)
    if v_init is not None:
        v[:n] = v_init
        return v
    # every node at its line's source voltage (floating lines: the mean of the sources)
    ref = float(np.mean(np.concatenate([rv[~row_fl], cv[~col_fl]])))
    rg = np.where(row_fl, ref, rv)
    cg = np.where(col_fl, ref, cv)
    rn, cn = topo.row_node, topo.col_node
    v[rn[rn < n]] = np.broadcast_to(rg[:, None], (M, N))[rn < n]
    v[cn[cn < n]] = np.broadcast_to(cg[None, :], (M, N))[cn < n]
    return v


def _newton(system, v, n, V_min, xtol, max_iter, dv_max):
    """Damped Newton on ``v[:n]`` (in place); returns the number of iterations."""
    it = 0
    Fk = system.residual(v, True)
    while True:
        if it >= max_iter:
            raise RuntimeError(f"crossbar Newton did not converge in {max_iter} iterations")
        # converged already? Jacobi estimate of the remaining error, F_a / J_aa
        if it > 0 and float(np.max(np.abs(Fk) / system.diagonal())) <= 1e-3 * xtol:
            return it
        it += 1
        dv = system.step(Fk)
        step = float(np.max(np.abs(dv)))
        if step > dv_max:
            dv *= dv_max / step
            step = dv_max
        if step <= xtol:
            v[:n] += dv
            return it
        # backtracking line search on ‖F‖₂; each trial assembles J too, as the first trial
        # is nearly always accepted and its J is the next step's
        f0 = float(Fk @ Fk)
        t = 1.0
        v0 = v[:n].copy()
        for _ in range(30):
            v[:n] = v0 + t * dv
            Fk = system.residual(v, True)
            if float(Fk @ Fk) <= (1 - 1e-4 * t) * f0 or f0 == 0.0:
                break
            t *= 0.5
        # a full step in the quadratic regime: the error left is ≲ step²·|f''/f'| and
        # |f''/f'| = |tanh(V/V_s)|/V_s ≤ 1/min(V_s) for the sinh I–V (lines add none)
        if t == 1.0 and step * step / V_min <= xtol:
            return it


def solve_network(
    topo,
    G,
    iv_scales,
    row_voltages,
    col_voltages,
    method="sparse",
    v_init=None,
    xtol=1e-10,
    max_iter=100,
    dv_max=None,
    cg_maxiter=200,
):
    """Solve KCL of a crossbar by damped Newton.

    Parameters
    ----------
    topo : CrossbarTopology
        Structure (built for the same floating pattern when a line resistance is 0).
    G : ndarray (M, N)
        Cell read conductances (S).
    iv_scales : tuple of float
        (V_pos, V_neg): the cells' I–V scales (V) for positive and negative cell voltages.
    row_voltages, col_voltages : array_like (M,), (N,)
        Source voltages (V); ``nan`` = floating.
    method : {"sparse", "spsolve", "dense"}
        ``"sparse"``: compiled assembly, line-chain CG steps (SuperLU where they do not
        apply); ``"spsolve"``: NumPy assembly into a ``scipy.sparse`` matrix and
        ``scipy.sparse.linalg.spsolve`` per step; ``"dense"``: NumPy assembly and
        ``numpy.linalg.solve`` on the dense Jacobian. The last two are references.
    v_init : ndarray, optional
        Initial unknown voltages (default: every node at its line's source voltage).
    xtol : float
        Converged when the largest Newton step is below ``xtol`` (V), after a full
        (undamped) step whose size s has s²/min(V_s) ≤ ``xtol`` (the quadratic-convergence bound
        of the error left), or before a step when the Jacobi estimate of the remaining
        error, max |F_a / J_aa|, is below 10⁻³·``xtol``.
    max_iter : int
        Newton iteration limit (RuntimeError beyond).
    dv_max : float, optional
        Largest change of any node voltage per step (default 2·min(V_s)).
    cg_maxiter : int
        ``"sparse"`` only: CG iterations allowed per Newton step; a step that needs more
        is solved by SuperLU, and so are the remaining steps of this solve (0: SuperLU
        always).

    Returns
    -------
    CrossbarSolution
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, not {method!r}")
    M, N = topo.M, topo.N
    rv, cv = _drives("row_voltages", row_voltages, M), _drives("col_voltages", col_voltages, N)
    row_fl, col_fl = np.isnan(rv), np.isnan(cv)
    if row_fl.all() and col_fl.all():
        raise ValueError("every line floats: the node voltages are undetermined")
    G = require_finite_array("G", G, (M, N))
    if not np.all(G > 0):
        raise ValueError(f"G = {G!r}: every cell conductance must be > 0 S")
    G = np.ascontiguousarray(G).ravel()
    lg = topo.line_conductances(row_fl, col_fl)
    if np.shape(iv_scales) != (2,):
        raise ValueError(f"iv_scales = {iv_scales!r}: need the pair (V_pos, V_neg) in V")
    V_pos, V_neg = (require_number("iv_scales", x, 0, low_open=True) for x in iv_scales)
    V_min = min(V_pos, V_neg)
    dv_max = 2 * V_min if dv_max is None else require_number("dv_max", dv_max, 0, low_open=True)
    require_number("xtol", xtol, 0, low_open=True)
    require_count("max_iter", max_iter, 1)
    require_count("cg_maxiter", cg_maxiter)
    n = topo.n_unk
    if v_init is not None:
        v_init = require_finite_array("v_init", v_init, (n,))
    v = _initial_voltages(topo, rv, cv, v_init)
    if method == "sparse":
        system = _CompiledSystem(topo, lg, G, (V_pos, V_neg), cg_maxiter)
    else:
        system = _NumpySystem(topo, lg, G, (V_pos, V_neg), sparse=method == "spsolve")
    it, res = 0, 0.0
    if n > 0:
        it = _newton(system, v, n, V_min, xtol, max_iter, dv_max)
        res = float(np.max(np.abs(system.residual(v, False))))
    return _solution(topo, v, G, lg, (V_pos, V_neg), row_fl, col_fl, it, res, system)


def _solution(topo, v, G, lg, iv_scales, row_fl, col_fl, it, res, system):
    """The :class:`CrossbarSolution` of the node voltages ``v``."""
    M, N = topo.M, topo.N
    v_row = v[topo.row_node]
    v_col = v[topo.col_node]
    v_cell = v_row - v_col
    i_cell = sinh_iv(v_cell, G.reshape(M, N), iv_scales)[0]
    if topo.r_row > 0:
        k = topo.lkind == 2
        i_row_src = lg[k] * (v[topo.la[k]] - v[topo.lb[k]])
    else:
        i_row_src = np.where(row_fl, 0.0, i_cell.sum(axis=1))
    if topo.r_col > 0:
        k = topo.lkind == 3
        i_col_src = lg[k] * (v[topo.la[k]] - v[topo.lb[k]])
    else:
        i_col_src = np.where(col_fl, 0.0, -i_cell.sum(axis=0))
    return CrossbarSolution(
        v_row,
        v_col,
        v_cell,
        i_cell,
        i_row_src,
        i_col_src,
        it,
        res,
        system.cg_iterations,
        system.factorizations,
    )


# ---------------------------------------------------------------------------- results
@dataclass
class ReadResult:
    """Cell-by-cell read of a crossbar (each cell addressed alone, others grounded).

    Attributes
    ----------
    V : float
        Read voltage (V) on the selected row; the selected column is grounded.
    G_read : ndarray (M, N)
        Apparent conductance I/V (S), I = current into the selected column's terminal.
    G_true : ndarray (M, N)
        The cells' own read conductances (S), ``device.conductance(state)``.
    i_cell : ndarray (M, N)
        Current through the selected cell (A).
    i_ideal : ndarray (M, N)
        G·V_s·sinh(V/V_s): the selected cell alone with ideal lines (A).
    sneak : ndarray (M, N)
        Current entering the selected row that does not flow through the selected cell (A).
    """

    V: float
    G_read: np.ndarray
    G_true: np.ndarray
    i_cell: np.ndarray
    i_ideal: np.ndarray
    sneak: np.ndarray


@dataclass
class VMMResult:
    """Vector-matrix multiplication on the crossbar.

    Attributes
    ----------
    currents : ndarray (..., M)
        Row (neuron) currents into virtual ground (A).
    ideal : ndarray (..., M)
        G·u: ideal lines and a linear I–V (A).
    ideal_nonlinear : ndarray (..., M)
        −Σ_j I_cell(−u_j): ideal lines, the cells' own I–V (A).
    rel_error : ndarray (..., M)
        (currents − ideal)/max|ideal| per input vector.
    """

    currents: np.ndarray
    ideal: np.ndarray
    ideal_nonlinear: np.ndarray
    rel_error: np.ndarray


# ---------------------------------------------------------------------------- crossbar
class Crossbar:
    """M×N crossbar of glassy synapses with resistive lines (seed 002, Fig. 2).

    Parameters
    ----------
    device : GlassySynapse
        The cell model (``dev.pulse``, ``dev.conductance``, ``dev.iv_scales``).
    M, N : int
        Numbers of row (neuron) and column (input) lines.
    r_line : Quantity or float
        Resistance of one line segment between adjacent cross-points (Ω), both directions.
    r_row, r_col : Quantity or float, optional
        Separate row/column segment resistances (override ``r_line``).
    state : ndarray (M, N, K), optional
        Occupancies (default: every cell at rest).
    method : {"sparse", "spsolve", "dense"}
        Linear solver of the Newton steps (see :func:`solve_network`; the last two are the
        slow references).

    Examples
    --------
    >>> from spinbrian import presets
    >>> from spinbrian.networks.crossbar import Crossbar
    >>> xb = Crossbar(presets.shumilin2024_glassy(), 4, 3, r_line=10.0)
    >>> sol = xb.program(1, 2, 3.0, 0.01)  # +1.5 V on row 1, −1.5 V on column 2
    >>> bool(2.9 < sol.v_cell[1, 2] < 3.0)  # the lines drop a little of the 3 V
    True
    >>> bool(abs(sol.v_cell[0, 2] - 1.5) < 0.05)  # a half-selected cell: ≈ V/2
    True
    """

    def __init__(
        self, device, M, N, r_line=0.0, r_row=None, r_col=None, state=None, method="sparse"
    ):
        self.device = device
        self.M, self.N = require_count("M", M, 1), require_count("N", N, 1)
        r_line = require_si_number("r_line", r_line, ohm)
        self.r_row = r_line if r_row is None else require_si_number("r_row", r_row, ohm)
        self.r_col = r_line if r_col is None else require_si_number("r_col", r_col, ohm)
        for name in ("r_row", "r_col"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} = {getattr(self, name)} Ω: line resistances must be ≥ 0")
        if method not in METHODS:
            raise ValueError(f"method = {method!r}: choose one of {', '.join(METHODS)}")
        self.iv_scales = device.iv_scales
        self.state = (
            device.rest_state((self.M, self.N)) if state is None else np.array(state, float)
        )
        if self.state.shape != device.rest_state((self.M, self.N)).shape:
            raise ValueError(f"state has shape {self.state.shape}: need ({M}, {N}, K = {device.K})")
        if not np.all((self.state >= 0) & (self.state <= 1)):
            raise ValueError("state: every occupancy must be in [0, 1] (NaN is not)")
        self.method = method
        self._topo = {}

    # -------------------------------------------------------------- network
    @property
    def G(self):
        """Read conductances of the cells (S), (M, N)."""
        return self.device.conductance(self.state)

    def topology(self, row_floating, col_floating):
        """The (cached) :class:`CrossbarTopology` for a floating pattern."""
        key = ()
        if self.r_row == 0:
            key += tuple(np.asarray(row_floating, bool))
        key += ("|",)
        if self.r_col == 0:
            key += tuple(np.asarray(col_floating, bool))
        if key not in self._topo:
            self._topo[key] = CrossbarTopology(
                self.M, self.N, self.r_row, self.r_col, row_floating, col_floating
            )
        return self._topo[key]

    def solve(self, row_voltages, col_voltages, G=None, method=None, **kwargs):
        """Node and cell voltages and currents for given line drives.

        Parameters
        ----------
        row_voltages, col_voltages : array_like or Quantity, (M,), (N,)
            Source voltages (V) at the lines' driven ends; ``nan`` = floating, 0 = grounded.
        G : ndarray (M, N), optional
            Cell conductances (default: the current state's).
        method : {"sparse", "spsolve", "dense"}, optional
            Override the crossbar's method.
        **kwargs
            Passed to :func:`solve_network` (``xtol``, ``max_iter``, ``dv_max``,
            ``cg_maxiter``, ``v_init``).

        Returns
        -------
        CrossbarSolution
        """
        rv = _drives("row_voltages", row_voltages, self.M)
        cv = _drives("col_voltages", col_voltages, self.N)
        topo = self.topology(np.isnan(rv), np.isnan(cv))
        return solve_network(
            topo,
            self.G if G is None else G,
            self.iv_scales,
            rv,
            cv,
            method=method or self.method,
            **kwargs,
        )

    # -------------------------------------------------------------- protocols
    def _check_cell(self, i, j, within=""):
        """Refuse a cell index outside the array (a negative index would wrap around)."""
        for name, k, n in (("i", i, self.M), ("j", j, self.N)):
            if not (isinstance(k, (int, np.integer)) and 0 <= k < n):
                raise ValueError(
                    f"{within}{name} = {k!r}: a cell index must be an integer in 0…{n - 1}"
                )

    def scheme_voltages(self, i, j, V, scheme="V/2"):
        """Row and column source voltages that address cell (i, j) with V.

        ``"V/2"`` (seed 002): +V/2 on row i, −V/2 on column j, others grounded
        (half-selected cells see V/2, the rest 0). ``"V/3"``: row i at V, column j at 0,
        other rows at V/3, other columns at 2V/3 (every unselected cell sees ±V/3).
        """
        self._check_cell(i, j)
        V = require_si_number("V", V, volt)
        rv = np.zeros(self.M)
        cv = np.zeros(self.N)
        if scheme == "V/2":
            rv[i], cv[j] = V / 2, -V / 2
        elif scheme == "V/3":
            rv[:] = V / 3
            cv[:] = 2 * V / 3
            rv[i], cv[j] = V, 0.0
        else:
            raise ValueError(f"scheme must be 'V/2' or 'V/3', not {scheme!r}")
        return rv, cv

    def program(self, i, j, V, duration, scheme="V/2"):
        """Program cell (i, j) with a pulse of amplitude V and the given duration.

        The network is solved with the cells' conductances before the pulse; then every
        cell receives ``device.pulse`` with its own actual voltage, so half-selected cells
        above threshold change too (crosstalk). Conductance changes during the pulse do not
        feed back on the voltage distribution.

        Returns
        -------
        CrossbarSolution
            The network during the pulse.
        """
        rv, cv = self.scheme_voltages(i, j, V, scheme)
        tau = require_si_number("duration", duration, second)
        if tau < 0:
            raise ValueError(f"duration = {duration} is negative")
        sol = self.solve(rv, cv)
        self.state = self.device.pulse(self.state, sol.v_cell, tau)
        return sol

    def read_cell(self, i, j, V=0.1, G=None):
        """Read cell (i, j): V on row i, column j grounded, all other lines grounded.

        Returns
        -------
        G_read, i_cell, sneak, CrossbarSolution
            Apparent conductance I/V (S) with I the current into column j's terminal, the
            selected cell's own current (A), the row current that bypasses it (A) and the
            full solution.
        """
        self._check_cell(i, j)
        V = require_si_number("V", V, volt)
        if V == 0:
            raise ValueError("V = 0: a read needs a non-zero voltage (G = I/V)")
        rv = np.zeros(self.M)
        cv = np.zeros(self.N)
        rv[i] = V
        sol = self.solve(rv, cv, G=G)
        i_meas = -sol.i_col_source[j]
        return i_meas / V, sol.i_cell[i, j], sol.i_row_source[i] - sol.i_cell[i, j], sol

    def read(self, V=0.1, cells=None):
        """Read every cell (or the listed ``cells``) one by one, as the instrument does.

        The read does not change the state (the 0.1 V read is far below threshold). As the
        network of a read depends only on the selected row (the selected column is grounded
        like every other), one network solve serves every cell of a row: M solves in all.

        Parameters
        ----------
        V : Quantity or float
            Read voltage (V).
        cells : iterable of (i, j), optional
            Cells to read (others are ``nan`` in the result); default all.

        Returns
        -------
        ReadResult
        """
        V = require_si_number("V", V, volt)
        if V == 0:
            raise ValueError("V = 0: a read needs a non-zero voltage (G = I/V)")
        G = self.G
        shape = (self.M, self.N)
        G_read, i_cell, sneak = (np.full(shape, np.nan) for _ in range(3))
        if cells is None:
            cells = [(i, j) for i in range(self.M) for j in range(self.N)]
        cells = list(cells)
        if not cells:
            raise ValueError("cells is empty: list the (i, j) to read, or None for all")
        by_row = {}
        for i, j in cells:
            self._check_cell(i, j, within=f"cells: ({i!r}, {j!r}) has ")
            by_row.setdefault(int(i), []).append(int(j))
        # reading (i, j) drives row i and grounds everything else whatever j is: the
        # network is the same for every cell of a row, so one solve serves the whole row
        for i, js in by_row.items():
            rv = np.zeros(self.M)
            rv[i] = V
            sol = self.solve(rv, np.zeros(self.N), G=G)
            js = np.asarray(js)
            G_read[i, js] = -sol.i_col_source[js] / V
            i_cell[i, js] = sol.i_cell[i, js]
            sneak[i, js] = sol.i_row_source[i] - sol.i_cell[i, js]
        i_ideal = self.device.current(V, G)
        return ReadResult(V, G_read, G, i_cell, i_ideal, sneak)

    def crosstalk(self, i, j, V, duration, scheme="V/2", commit=True):
        """Relative conductance change of every cell after programming (i, j).

        Parameters
        ----------
        i, j : int
            Addressed cell.
        V, duration, scheme
            As :meth:`program`.
        commit : bool
            Keep the programmed state (default); otherwise restore the previous one.

        Returns
        -------
        dict
            ``rel`` (M, N): ΔG/G of every cell (the cells' own read conductances);
            ``selected``: ΔG/G of (i, j); ``mean_other``: mean |ΔG/G| of the other cells;
            ``ratio``: ``mean_other`` / |``selected``| (the crosstalk as a fraction of the
            addressed change); ``solution``: the network during the pulse.
        """
        for name, value, unit in (("V", V, volt), ("duration", duration, second)):
            if require_si_number(name, value, unit) == 0:
                raise ValueError(f"{name} = 0: no pulse, so no crosstalk ratio to report")
        before_state = self.state.copy()
        G0 = self.G
        sol = self.program(i, j, V, duration, scheme)
        rel = self.G / G0 - 1
        if not commit:
            self.state = before_state
        other = np.ones(rel.shape, bool)
        other[i, j] = False
        mean_other = float(np.mean(np.abs(rel[other]))) if other.any() else 0.0
        sel = float(rel[i, j])
        return {
            "rel": rel,
            "selected": sel,
            "mean_other": mean_other,
            "ratio": mean_other / abs(sel) if sel != 0 else np.inf,
            "solution": sol,
        }

    def vmm(self, inputs):
        """Vector-matrix product: input voltages on the columns, row currents out.

        Rows (neurons) are held at virtual ground (0 V) at their driven ends; the columns
        are driven with ``inputs`` (V). A cell carries I_cell(0 − u) from row to column,
        so the current into a row's virtual ground is ≈ Σ_j G_ij u_j.

        Parameters
        ----------
        inputs : array_like or Quantity, (N,) or (B, N)
            Column voltages (V).

        Returns
        -------
        VMMResult
        """
        u = np.asarray(in_si("inputs", inputs, volt), float)
        single = u.ndim == 1
        U = np.atleast_2d(u)
        if U.ndim != 2 or U.shape[1] != self.N:
            raise ValueError(f"inputs has shape {u.shape}: need ({self.N},) or (B, {self.N})")
        require_finite_array("inputs", U, U.shape)
        G = self.G
        out = np.empty((U.shape[0], self.M))
        for b, ub in enumerate(U):
            sol = self.solve(np.zeros(self.M), ub, G=G)
            out[b] = -sol.i_row_source
        ideal = U @ G.T
        ideal_nl = -self.device.current(-U[:, None, :], G[None]).sum(axis=-1)
        scale = np.max(np.abs(ideal), axis=-1, keepdims=True)
        rel = (out - ideal) / np.where(scale > 0, scale, 1.0)
        if single:
            return VMMResult(out[0], ideal[0], ideal_nl[0], rel[0])
        return VMMResult(out, ideal, ideal_nl, rel)
