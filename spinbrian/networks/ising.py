"""Ising problems for p-bit networks: max-cut graphs, exact Boltzmann laws, Hopfield memories.

Conventions: spins s_i = ±1, symmetric couplings J (zero diagonal), biases b, energy
E(s) = −½ sᵀJs − bᵀs, Boltzmann law P(s) ∝ e^{−βE(s)}. A p-bit with input I_i = Σ_j J_ij s_j
+ b_i that is up with probability ½(1 + tanh(βI_i)) samples that law. Max-cut of a graph with
weights W is the ground state of J = −W: cut(s) = ¼ Σ_ij W_ij (1 − s_i s_j) = ¼ΣW − ½E(s).

The annealers themselves are compiled (:mod:`spinbrian.cython_kernels.pbit`); this module
loads graphs, tabulates the p-bit transfer curves they read, and holds the exact results the
samplers are checked against.

:func:`energy`, :func:`cut_value`, :func:`total_variation`, :func:`state_index` and the
tables' drive ``x`` are formulas: shapes are checked, a NaN entry gives NaN. The annealers,
the exact laws, the grids and the noise bound check every argument first.
"""

from importlib import resources

import numpy as np
import scipy.sparse as sp

from spinbrian.cython_kernels import pbit as _kernel
from spinbrian.devices.validation import (
    require_choice,
    require_count,
    require_dimensionless,
    require_finite_array,
    require_number,
)

#: Best known cuts of the packaged Gset graphs (spinbrian/data/gset/README.md).
GSET_BEST = {"G1": 11624, "G11": 564, "G14": 3064}


def load_gset(name):
    """The weight matrix W (symmetric CSR, float) of a packaged Gset graph (``"G1"``, …)."""
    require_choice("name", name, tuple(sorted(GSET_BEST)))
    text = resources.files("spinbrian.data").joinpath(f"gset/{name}.txt").read_text()
    lines = text.split("\n", 1)
    n, n_edges = (int(v) for v in lines[0].split()[:2])
    edges = np.loadtxt(lines[1].splitlines(), dtype=float, ndmin=2)
    if len(edges) != n_edges:
        raise ValueError(f"{name}: header says {n_edges} edges, file has {len(edges)}")
    i, j = edges[:, 0].astype(int) - 1, edges[:, 1].astype(int) - 1
    W = sp.coo_matrix((edges[:, 2], (i, j)), shape=(n, n))
    return (W + W.T).tocsr()


def _square(name, M):
    """N of a square (N, N) matrix, dense or sparse, N ≥ 1."""
    shape = M.shape if sp.issparse(M) else np.shape(M)
    if len(shape) != 2 or shape[0] != shape[1] or shape[0] < 1:
        raise ValueError(f"{name} has shape {shape}: need a square (N, N) matrix, N ≥ 1")
    return shape[0]


def _couplings(J, b, finite=True):
    """Check J (N, N), dense or sparse, and b (N,), finite unless ``finite=False``; return N."""
    n = _square("J", J)
    if np.shape(b) != (n,):
        raise ValueError(f"b has shape {np.shape(b)}: need one bias per spin, ({n},)")
    if finite:
        if not np.all(np.isfinite(J.data if sp.issparse(J) else np.asarray(J, float))):
            raise ValueError(f"J = {J!r} has NaN or infinite couplings")
        require_finite_array("b", b, (n,))
    return n


def _betas(betas):
    """Inverse temperatures of a schedule: a non-empty 1-D list, finite and ≥ 0."""
    betas = np.asarray(betas, float)
    if betas.ndim != 1 or not betas.size or not np.all(np.isfinite(betas) & (betas >= 0)):
        raise ValueError(
            f"betas = {betas!r}: need a non-empty 1-D list of finite inverse temperatures ≥ 0"
        )
    return betas


def cut_value(W, s):
    """Cut of the ±1 assignment ``s``: Σ over edges of w(1 − s_i s_j)/2."""
    _square("W", W)
    s = np.asarray(s, float)
    if s.shape != (W.shape[0],):
        raise ValueError(f"s has shape {s.shape}: need one spin per vertex ({W.shape[0]},)")
    return 0.25 * (W.sum() - s @ (W @ s))


def energy(J, b, s):
    """E(s) = −½ sᵀJs − bᵀs for one state (N,) or many (M, N)."""
    n = _couplings(J, b, finite=False)
    s = np.asarray(s, float)
    if s.ndim not in (1, 2) or s.shape[-1] != n:
        raise ValueError(f"s has shape {s.shape}: need one state ({n},) or many (M, {n})")
    Js = (J @ s.T).T if sp.issparse(J) else s @ np.asarray(J).T
    return -0.5 * np.sum(s * Js, axis=-1) - s @ np.asarray(b, float)


def _csr(J):
    J = sp.csr_matrix(J, dtype=float)
    if not np.all(np.isfinite(J.data)):
        raise ValueError("J has NaN or infinite couplings")
    if J.shape[0] != J.shape[1] or abs(J - J.T).sum() > 1e-12 * (1 + abs(J).sum()):
        raise ValueError("J must be square and symmetric")
    if np.any(J.diagonal() != 0):
        raise ValueError("J must have a zero diagonal")
    J.sort_indices()
    return J.indptr.astype(np.int32), J.indices.astype(np.int32), J.data


def _initial(n, s0, seed):
    if s0 is not None:
        s = np.asarray(s0, dtype=float)
        if s.shape != (n,) or not np.all(np.abs(s) == 1):
            raise ValueError(f"s0 = {s0!r}: need {n} spins, each ±1")
        return np.array(s0, dtype=np.int8)
    return np.random.default_rng(seed).choice(np.array([-1, 1], np.int8), n)


def _run(kernel, J, b, s0, seed, target, *schedule):
    """Call an annealing kernel on J in CSR form from the state s0 (random if None)."""
    if np.isnan(require_dimensionless("target", target)):
        raise ValueError(f"target = {target}: need an energy to stop at (-inf: none)")
    if seed is not None:
        seed = require_count("seed", seed)
    indptr, indices, data = _csr(J)
    s = _initial(len(indptr) - 1, s0, seed)
    b = np.ascontiguousarray(require_finite_array("b", b, (len(indptr) - 1,)))
    return kernel(indptr, indices, data, b, s, *schedule, seed=seed, target=float(target))


def anneal(J, b, tables, x_min, dx, sweeps_per_stage, seed=None, s0=None, target=-np.inf):
    """Heat-bath anneal with a transfer table per stage (see ``cython_kernels.pbit``).

    Returns ``(best_energy, best_state, stage_energy, sweeps_to_target)``.
    """
    tables = np.ascontiguousarray(tables, float)
    if tables.ndim != 2 or not np.all((tables >= 0) & (tables <= 1)):
        raise ValueError("tables must be (n_stages, n_points) probabilities in [0, 1]")
    schedule = (
        tables,
        require_number("x_min", x_min),
        require_number("dx", dx, 0, low_open=True),
        require_count("sweeps_per_stage", sweeps_per_stage, 1),
    )
    return _run(_kernel.pbit_anneal, J, b, s0, seed, target, *schedule)


def metropolis(J, b, betas, sweeps_per_stage, seed=None, s0=None, target=-np.inf):
    """Single-spin Metropolis anneal, the reference annealer; same returns as :func:`anneal`."""
    betas = _betas(betas)
    schedule = (betas, require_count("sweeps_per_stage", sweeps_per_stage, 1))
    return _run(_kernel.metropolis_anneal, J, b, s0, seed, target, *schedule)


def input_grid(J, b, points=4001):
    """A table grid (x_min, dx, x) covering every input |I_i| ≤ Σ_j |J_ij| + |b_i|."""
    _couplings(J, b)
    require_count("points", points, 2)
    J = sp.csr_matrix(J)
    reach = float(np.max(abs(J).sum(axis=1).A1 + np.abs(np.asarray(b, float))))
    x = np.linspace(-reach, reach, points)
    return x[0], x[1] - x[0], x


def ideal_tables(betas, x):
    """P(up) = ½(1 + tanh(β x)) of the ideal sigmoid p-bit, one row per β (β ≥ 0)."""
    _betas(betas)
    return 0.5 * (1 + np.tanh(np.outer(betas, x)))


class JunctionTransfer:
    """A junction p-bit's ⟨s⟩(h) on a grid over |h| ≤ H_MAX and its slope at h = 0.

    Each point is a Néel–Brown quadrature: compute it once and draw tables from it.
    """

    def __init__(self, pbit, points=401):
        from spinbrian.devices.pbit import H_MAX

        require_count("points", points, 2)
        self.h_max = H_MAX
        self.h = np.linspace(-H_MAX, H_MAX, points)
        self.curve = np.array([pbit.transfer(v) for v in self.h])
        self.slope = pbit.sigmoid_slope()

    def tables(self, betas, x):
        """P(up) driven with gain β/slope, one row per β.

        The gain matches the junction's small-signal response to the ideal p-bit's tanh(βx);
        larger inputs see the junction's own curve, clipped at |h| = H_MAX. β ≥ 0.
        """
        _betas(betas)
        hx = np.clip(np.outer(np.asarray(betas) / self.slope, x), -self.h_max, self.h_max)
        return 0.5 * (1 + np.interp(hx, self.h, self.curve))


# ---------------------------------------------------------------------- exact small systems
def all_states(n):
    """Every ±1 state of ``n`` spins, shape (2**n, n); row k has spin i = bit i of k."""
    require_count("n", n)
    k = np.arange(2**n)[:, None]
    return np.where((k >> np.arange(n)) & 1, 1.0, -1.0)


def state_index(s):
    """Row of :func:`all_states` for each state in ``s`` (M, n)."""
    s = np.asarray(s)
    return ((s > 0).astype(np.int64) << np.arange(s.shape[-1])).sum(axis=-1)


def boltzmann(J, b, beta):
    """Exact Boltzmann probabilities over :func:`all_states`."""
    _couplings(J, b)
    require_number("beta", beta)
    e = energy(np.asarray(J), b, all_states(len(b)))
    w = np.exp(-beta * (e - e.min()))
    return w / w.sum()


def total_variation(p, q):
    """½ Σ |p − q| (a formula: shapes must agree, a NaN entry gives NaN)."""
    if np.shape(p) != np.shape(q):
        raise ValueError(f"p has shape {np.shape(p)}, q {np.shape(q)}: need the same states")
    return 0.5 * float(np.abs(np.asarray(p) - np.asarray(q)).sum())


def tv_noise_bound(p, n_samples, quantile=0.99, trials=2000, seed=0):
    """The ``quantile`` of the TV distance of ``n_samples`` exact draws from ``p``.

    A sampler that draws ``n_samples`` independent states from ``p`` itself exceeds it with
    probability 1 − ``quantile``: the bound a correct sampler is held to.
    """
    p_arr = np.asarray(p, float)
    if p_arr.ndim != 1 or not p_arr.size:
        raise ValueError(f"p has shape {p_arr.shape}: need a 1-D probability vector")
    if not np.all(np.isfinite(p_arr) & (p_arr >= 0)) or abs(p_arr.sum() - 1) > 1e-9:
        raise ValueError(f"p = {p!r}: need finite probabilities ≥ 0 that sum to 1")
    require_count("n_samples", n_samples, 1)
    require_number("quantile", quantile, 0, 1)
    require_count("trials", trials, 1)
    require_count("seed", seed)
    rng = np.random.default_rng(seed)
    counts = rng.multinomial(int(n_samples), p, size=trials)
    tv = 0.5 * np.abs(counts / n_samples - p).sum(axis=1)
    return float(np.quantile(tv, quantile))


def relaxation_time(J, b, flip_rate):
    """Slowest relaxation time 1/gap of the continuous-time chain of single flips.

    ``flip_rate(s, I)`` gives the rate (Hz, plain float arrays) at which a spin in state s
    with input I flips; the generator over all 2**n states is built and diagonalised. The
    rates must be finite and ≥ 0, and connect every state (else the time is infinite).
    """
    _couplings(J, b)
    if not callable(flip_rate):
        raise TypeError(f"flip_rate = {flip_rate!r}: need a function rate(s, I) (Hz)")
    n = len(b)
    states = all_states(n)
    inputs = states @ np.asarray(J).T + np.asarray(b, float)
    Q = np.zeros((2**n, 2**n))
    rows = np.arange(2**n)
    for i in range(n):
        rate = flip_rate(states[:, i], inputs[:, i])
        r = np.asarray(rate, float)
        if r.shape not in ((), (2**n,)) or not np.all(np.isfinite(r) & (r >= 0)):
            raise ValueError(f"flip_rate gave {rate!r} for spin {i}: need finite rates ≥ 0")
        Q[rows, rows ^ (1 << i)] = rate
    Q[rows, rows] = -Q.sum(axis=1)
    eig = np.sort(np.linalg.eigvals(Q).real)
    if not -eig[-2] > 0:
        raise ValueError(f"flip_rate: the chain has gap {-eig[-2]}: some states never relax")
    return 1.0 / -eig[-2]


def hebbian(patterns):
    """Hopfield couplings J = (1/N) Σ_μ ξ^μ ξ^μᵀ with zero diagonal (dense, N × N)."""
    xi = np.asarray(patterns, float)
    if xi.ndim != 2 or 0 in xi.shape:
        raise ValueError(f"patterns has shape {xi.shape}: need (n_patterns, N), both ≥ 1")
    require_finite_array("patterns", xi, xi.shape)
    J = xi.T @ xi / xi.shape[1]
    np.fill_diagonal(J, 0.0)
    return J
