"""Crossbar nodal solver (seed 002, Fig. 2): Kirchhoff, limits, schemes, reference solver."""

import numpy as np
import pytest
import scipy.sparse as sp
from scipy.optimize import brentq
from scipy.sparse.linalg import spsolve

from spinbrian import presets
from spinbrian.cython_kernels import crossbar as kernel
from spinbrian.networks.crossbar import Crossbar


@pytest.fixture(scope="module")
def dev():
    return presets.shumilin2024_glassy()


def random_crossbar(dev, M, N, r_line, seed=0, span=1e4):
    """Crossbar whose cells' conductances span ``span`` (uniform X over the range)."""
    xb = Crossbar(dev, M, N, r_line=r_line)
    rng = np.random.default_rng(seed)
    # conductance = σ_mid·exp(L(X − ½)): choose X so that G/σ_mid spans `span` around 1
    L = dev.log_on_off
    X = 0.5 + rng.uniform(-0.5, 0.5, (M, N)) * np.log(span) / L
    xb.state = np.repeat(X[..., None], dev.K, axis=-1)
    return xb


def linear_reference(G, rv, cv, r_row, r_col):
    """Dense linear nodal analysis with ohmic cells (independent of the package's code)."""
    M, N = G.shape
    n = 2 * M * N
    A = np.zeros((n, n))
    b = np.zeros(n)

    def R(i, j):
        return i * N + j

    def C(i, j):
        return M * N + i * N + j

    def link(p, q, g):
        A[p, p] += g
        A[q, q] += g
        A[p, q] -= g
        A[q, p] -= g

    for i in range(M):
        for j in range(N):
            link(R(i, j), C(i, j), G[i, j])
            if j + 1 < N:
                link(R(i, j), R(i, j + 1), 1 / r_row)
            if i + 1 < M:
                link(C(i, j), C(i + 1, j), 1 / r_col)
    for i in range(M):
        A[R(i, 0), R(i, 0)] += 1 / r_row
        b[R(i, 0)] += rv[i] / r_row
    for j in range(N):
        A[C(0, j), C(0, j)] += 1 / r_col
        b[C(0, j)] += cv[j] / r_col
    v = np.linalg.solve(A, b)
    return v[: M * N].reshape(M, N), v[M * N :].reshape(M, N)


def test_kcl_conservation(dev):
    xb = random_crossbar(dev, 8, 6, r_line=10.0, seed=1)
    for scheme in ("V/2", "V/3"):
        for V in (3.0, -2.0):
            sol = xb.solve(*xb.scheme_voltages(3, 2, V, scheme))
            total_in = sol.i_row_source.sum() + sol.i_col_source.sum()
            scale = np.abs(sol.i_row_source).sum() + np.abs(sol.i_col_source).sum()
            assert abs(total_in) <= 1e-9 * scale
            # and each line: source current = Σ of its cells' currents
            np.testing.assert_allclose(
                sol.i_row_source, sol.i_cell.sum(axis=1), rtol=1e-9, atol=1e-9 * scale
            )
            np.testing.assert_allclose(
                sol.i_col_source, -sol.i_cell.sum(axis=0), rtol=1e-9, atol=1e-9 * scale
            )


def test_zero_line_resistance_is_analytic(dev):
    xb = random_crossbar(dev, 5, 4, r_line=0.0, seed=2)
    rng = np.random.default_rng(3)
    rv, cv = rng.uniform(-2, 2, 5), rng.uniform(-2, 2, 4)
    sol = xb.solve(rv, cv)
    V = rv[:, None] - cv[None, :]
    np.testing.assert_array_equal(sol.v_cell, V)
    np.testing.assert_allclose(sol.i_cell, dev.current(V, xb.G), rtol=1e-14)
    # the read then reports exactly I_cell(V)/V, and the sneak current is the rest
    # of the selected row's cells
    r = xb.read(V=0.1)
    np.testing.assert_allclose(r.G_read, r.i_ideal / 0.1, rtol=1e-12)
    row_total = dev.current(0.1, xb.G).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(r.sneak, row_total - r.i_ideal, rtol=1e-12)
    # VMM: exactly the cells' own nonlinear sum
    out = xb.vmm(rng.uniform(-0.2, 0.2, 4))
    np.testing.assert_allclose(out.currents, out.ideal_nonlinear, rtol=1e-12)


def test_zero_resistance_floating_line(dev):
    """A floating equipotential line settles where its cells' currents cancel."""
    xb = random_crossbar(dev, 3, 4, r_line=0.0, seed=4)
    rv = np.array([1.0, np.nan, -0.5])
    cv = np.array([0.2, -0.3, 0.0, 0.4])
    sol = xb.solve(rv, cv, xtol=1e-14)  # KCL to 1e-12 needs a tight solve
    assert abs(sol.i_cell[1].sum()) <= 1e-12 * np.abs(sol.i_cell[1]).sum()
    assert np.ptp(sol.v_row[1]) == 0.0


def test_linear_limit_matches_dense_linear_solve(dev):
    M, N, r = 5, 4, 30.0
    xb = random_crossbar(dev, M, N, r_line=r, seed=5)
    rng = np.random.default_rng(6)
    amp = 1e-4 * min(xb.iv_scales)  # V ≪ V_s: sinh(x) = x(1 + x²/6): nonlinearity ≈ 2e-9
    rv, cv = rng.uniform(-amp, amp, M), rng.uniform(-amp, amp, N)
    sol = xb.solve(rv, cv, xtol=1e-16)
    vr, vc = linear_reference(xb.G, rv, cv, r, r)
    np.testing.assert_allclose(sol.v_row, vr, rtol=0, atol=1e-7 * amp)
    np.testing.assert_allclose(sol.v_col, vc, rtol=0, atol=1e-7 * amp)


def test_v2_scheme_half_selected_see_half(dev):
    M, N, V = 6, 5, 3.0
    xb = random_crossbar(dev, M, N, r_line=2.0, seed=7)
    i, j = 2, 3
    sol = xb.solve(*xb.scheme_voltages(i, j, V, "V/2"))
    rv, cv = xb.scheme_voltages(i, j, V, "V/2")
    # line drops: how far each line node is from its source
    drop = np.abs(sol.v_row - rv[:, None]).max() + np.abs(sol.v_col - cv[None, :]).max()
    assert drop < 0.05 * V
    half = np.zeros((M, N), bool)
    half[i, :] = half[:, j] = True
    half[i, j] = False
    assert np.all(np.abs(sol.v_cell[half] - V / 2) <= drop)
    assert abs(sol.v_cell[i, j] - V) <= drop
    unsel = ~half
    unsel[i, j] = False
    assert np.all(np.abs(sol.v_cell[unsel]) <= drop)
    # V/3 with ideal lines: every unselected cell sees exactly ±V/3
    xb0 = Crossbar(dev, M, N, r_line=0.0, state=xb.state)
    s3 = xb0.solve(*xb0.scheme_voltages(i, j, V, "V/3"))
    others = np.ones((M, N), bool)
    others[i, j] = False
    np.testing.assert_allclose(np.abs(s3.v_cell[others]), V / 3, rtol=1e-15)
    assert s3.v_cell[i, j] == pytest.approx(V)


@pytest.mark.parametrize("V", [0.1, 1.0, 4.0, -3.0])
def test_single_cell_series_circuit(dev, V):
    r_row, r_col = 50.0, 20.0
    xb = Crossbar(dev, 1, 1, r_row=r_row, r_col=r_col)
    xb.state = np.full((1, 1, dev.K), 0.9)  # a potentiated cell: large currents
    G = float(xb.G[0, 0])
    V_s = xb.iv_scales[0 if V >= 0 else 1]  # the cell's I–V scale of this polarity
    Vr, Vc = V / 2, -V / 2

    def kvl(vc):
        return vc + G * V_s * np.sinh(vc / V_s) * (r_row + r_col) - (Vr - Vc)

    vcell = brentq(kvl, min(0, V), max(0, V), xtol=1e-15, rtol=1e-15)
    sol = xb.solve([Vr], [Vc])
    assert sol.v_cell[0, 0] == pytest.approx(vcell, rel=1e-10, abs=1e-13)
    current = G * V_s * np.sinh(vcell / V_s)
    assert sol.i_cell[0, 0] == pytest.approx(current, rel=1e-9)
    assert sol.i_row_source[0] == pytest.approx(current, rel=1e-9)
    assert sol.v_row[0, 0] == pytest.approx(Vr - current * r_row, rel=1e-10, abs=1e-13)


def test_sparse_equals_dense_reference(dev):
    xb = random_crossbar(dev, 6, 5, r_line=20.0, seed=8)
    for V, scheme in ((4.0, "V/2"), (-4.0, "V/3"), (0.1, "V/2")):
        rv, cv = xb.scheme_voltages(2, 3, V, scheme)
        rv[0] = np.nan  # a floating line too
        a = xb.solve(rv, cv, method="sparse")
        b = xb.solve(rv, cv, method="dense")
        np.testing.assert_allclose(a.v_row, b.v_row, rtol=0, atol=1e-9)
        np.testing.assert_allclose(a.v_col, b.v_col, rtol=0, atol=1e-9)
        scale = np.abs(b.i_cell).max()
        np.testing.assert_allclose(a.i_cell, b.i_cell, rtol=1e-9, atol=1e-9 * scale)
        np.testing.assert_allclose(a.i_row_source, b.i_row_source, rtol=1e-9, atol=1e-9 * scale)


def test_large_array_converges_at_4V(dev):
    xb = random_crossbar(dev, 64, 64, r_line=5.0, seed=9, span=1e4)
    G = xb.G
    assert G.max() / G.min() > 5e3
    for V in (4.0, -4.0):
        sol = xb.solve(*xb.scheme_voltages(10, 50, V))
        scale = np.abs(sol.i_row_source).sum()
        assert abs(sol.i_row_source.sum() + sol.i_col_source.sum()) <= 1e-9 * scale
        assert np.all(np.isfinite(sol.v_cell))
        assert 0 < np.sign(V) * sol.v_cell[10, 50] <= abs(V)


def test_program_applies_each_cells_own_voltage(dev):
    xb = random_crossbar(dev, 4, 3, r_line=10.0, seed=10, span=10)
    x0 = xb.state.copy()
    sol = xb.program(1, 2, 3.5, 0.01)
    np.testing.assert_array_equal(xb.state, dev.pulse(x0, sol.v_cell, 0.01))
    # crosstalk with commit=False leaves the state alone and reports ΔG/G per cell
    x1 = xb.state.copy()
    ct = xb.crosstalk(0, 0, -3.0, 0.01, commit=False)
    np.testing.assert_array_equal(xb.state, x1)
    G_after = dev.conductance(dev.pulse(x1, ct["solution"].v_cell, 0.01))
    np.testing.assert_allclose(ct["rel"], G_after / dev.conductance(x1) - 1, rtol=1e-12)
    assert ct["selected"] == ct["rel"][0, 0]


def test_read_and_vmm_with_line_resistance(dev):
    xb = random_crossbar(dev, 4, 3, r_line=50.0, seed=11, span=100)
    r = xb.read(V=0.1)
    # line resistance only lowers the apparent conductance of a cell (and only a little)
    assert np.all(r.G_read <= r.i_ideal / 0.1 * (1 + 1e-9))
    assert np.all(r.G_read > 0.9 * r.i_ideal / 0.1)
    assert np.all(r.sneak > 0)  # the other cells of the row leak to grounded columns
    out = xb.vmm(np.array([[0.1, 0.05, 0.02], [0.0, 0.1, 0.1]]))  # same-sign inputs
    assert out.currents.shape == (2, 4)
    assert np.all(np.abs(out.rel_error) < 0.05)
    assert np.all(np.abs(out.currents) <= np.abs(out.ideal_nonlinear) * (1 + 1e-9))


def _nodes(sol):
    return np.concatenate([sol.v_row.ravel(), sol.v_col.ravel()])


@pytest.mark.parametrize("r_line", [2.0, 100.0, 5e3])
def test_fast_path_matches_plain_spsolve_newton(dev, r_line):
    """The line-chain CG steps are exact steps: same Newton path as scipy's spsolve."""
    xb = random_crossbar(dev, 9, 7, r_line=r_line, seed=12)
    drives = [xb.scheme_voltages(4, 2, 3.0), xb.scheme_voltages(0, 6, -3.0, "V/3")]
    rv = np.zeros(9)
    rv[8] = 0.1
    drives.append((rv, np.zeros(7)))  # a read
    rv, cv = xb.scheme_voltages(1, 1, 2.5)
    rv[5], cv[3] = np.nan, np.nan  # floating lines
    drives.append((rv, cv))
    for rv, cv in drives:
        fast = xb.solve(rv, cv, method="sparse")
        ref = xb.solve(rv, cv, method="spsolve")
        assert fast.factorizations == 0 and fast.cg_iterations > 0  # the CG path ran
        assert fast.iterations == ref.iterations
        np.testing.assert_allclose(_nodes(fast), _nodes(ref), rtol=0, atol=1e-12)


def test_solve_lines_solves_the_newton_system():
    """The compiled CG solves J x = b of a line-chain network to its tolerance."""
    M, N = 6, 11
    rng = np.random.default_rng(13)
    # g_row[i, j]: segment (i, j−1)–(i, j), j = 0 the source; g_col likewise along i
    g_row, g_col = rng.uniform(1e-3, 1e-2, (2, M, N))
    g_row[2, 0] = 0.0  # row 2 floats
    d = 10 ** rng.uniform(-8, -1, (M, N))  # cells, up to a strongly driven one
    r = np.arange(M * N).reshape(M, N)  # row-line nodes, then column-line nodes
    c = M * N + r
    src = np.zeros(2 * M * N)
    src[r[:, 0]], src[c[0, :]] = g_row[:, 0], g_col[0, :]
    J = sp.diags(src).tocsc()
    for a, b, g in ((r[:, 1:], r[:, :-1], g_row[:, 1:]), (c[1:], c[:-1], g_col[1:]), (r, c, d)):
        a, b, g = a.ravel(), b.ravel(), g.ravel()
        rows, cols = np.concatenate([a, b, a, b]), np.concatenate([a, b, b, a])
        J = J + sp.csc_matrix((np.concatenate([g, g, -g, -g]), (rows, cols)), J.shape)
    a_off, c_off = np.zeros((M, N)), np.zeros((M, N))
    a_off[:, 1:], c_off[1:] = -g_row[:, 1:], -g_col[1:]
    diag = J.diagonal()
    blocks = np.stack([diag[: M * N], a_off.ravel(), diag[M * N :], c_off.ravel(), -d.ravel()])
    b = rng.standard_normal(2 * M * N)
    x = np.empty_like(b)
    its = kernel.solve_lines(blocks, b, x, M, N, 1e-13, 500)
    assert 0 < its < 500
    np.testing.assert_allclose(x, spsolve(J, b), rtol=1e-8)
    # an iteration limit too small: reported as a failure, not as a wrong answer
    assert kernel.solve_lines(blocks, b, x, M, N, 1e-13, 1) == -1


def test_cg_fallback_to_superlu(dev):
    """A step CG cannot finish falls back to SuperLU; the answer is the same."""
    xb = random_crossbar(dev, 8, 6, r_line=100.0, seed=15)
    rv, cv = xb.scheme_voltages(3, 4, 2.5)
    fast = xb.solve(rv, cv)
    fallback = xb.solve(rv, cv, cg_maxiter=1)  # the first step already needs more
    lu = xb.solve(rv, cv, cg_maxiter=0)  # SuperLU every step
    assert fast.factorizations == 0
    assert fallback.factorizations == fallback.iterations and fallback.cg_iterations == 0
    assert lu.factorizations == lu.iterations
    for sol in (fallback, lu):
        np.testing.assert_allclose(_nodes(sol), _nodes(fast), rtol=0, atol=1e-12)
    # lines without resistance have no chains: SuperLU steps
    xb0 = Crossbar(dev, 8, 6, r_row=0.0, r_col=100.0, state=xb.state)
    assert xb0.solve(rv, cv).factorizations > 0


@pytest.mark.parametrize(
    ("call", "pattern"),
    [
        (lambda xb: xb.program(-1, 0, 2.5, 0.01), r"^i = -1: a cell index"),
        (lambda xb: xb.program(0, 3, 2.5, 0.01), r"^j = 3: a cell index"),
        (lambda xb: xb.program(0.0, 0, 2.5, 0.01), r"^i = 0\.0: a cell index"),
        (lambda xb: xb.program(0, 0, np.nan, 0.01), r"^V = nan is not a finite number"),
        (lambda xb: xb.program(0, 0, 2.5, -0.01), r"^duration = -0\.01 is negative"),
        (lambda xb: xb.read_cell(4, 0), r"^i = 4: a cell index"),
        (lambda xb: xb.read_cell(0, 0, V=0.0), r"^V = 0: a read needs"),
    ],
)
def test_bad_cells_and_pulses_are_refused_by_name(dev, call, pattern):
    """A negative index would program the last row; NaN would float the line."""
    xb = Crossbar(dev, 4, 3)
    state = xb.state.copy()
    with pytest.raises(ValueError, match=pattern):
        call(xb)
    assert np.array_equal(xb.state, state)  # nothing was programmed


def test_quantities_of_the_wrong_dimension_are_refused_by_name(dev):
    """A Quantity in the wrong unit used to be divided through and its number used."""
    from brian2 import ms, ohm, volt

    with pytest.raises(TypeError, match=r"^r_line = 10\. \* volt has dimensions .* of ohm"):
        Crossbar(dev, 2, 2, r_line=10 * volt)
    xb = Crossbar(dev, 2, 2, r_line=10 * ohm)
    with pytest.raises(TypeError, match=r"^V = 2\. \* msecond has dimensions .* in units of volt"):
        xb.program(0, 0, 2 * ms, 0.01)
    x = dev.rest_state()
    with pytest.raises(TypeError, match=r"^V = 2\. \* msecond has dimensions"):
        dev.pulse(x, 2 * ms, 0.01)
    with pytest.raises(TypeError, match=r"^t = 2\. \* volt has dimensions"):
        dev.relax(x, 2 * volt)
    assert np.array_equal(dev.pulse(x, 2 * volt, 10 * ms), dev.pulse(x, 2.0, 0.01))


def _assembly_arguments(xb):
    """The compiled assembly's arguments for ``xb`` at zero drive, as the solver passes them."""
    topo = xb.topology(np.zeros(xb.M, bool), np.zeros(xb.N, bool))
    lg = np.full(len(topo.la), 1 / xb.r_row)
    edges = [topo.la, topo.lb, lg, *topo.l_pos, topo.ca, topo.cb, xb.G.ravel(), *topo.c_pos]
    v = np.zeros(topo.n_unk + xb.M + xb.N)
    return topo, v, [np.array(e) for e in edges]


def test_the_assembly_kernel_refuses_an_index_outside_its_arrays(dev):
    """The loops run unchecked: a bad node or CSR index must raise, not write past the end."""
    xb = Crossbar(dev, 3, 3, r_line=10.0)
    topo, v, edges = _assembly_arguments(xb)
    F, data = np.empty(topo.n_unk), np.empty(topo.nnz)
    kernel.assemble(v, 1.0, 1.0, topo.n_unk, *edges, F, data)  # the valid call runs
    for k, value in ((0, len(v)), (1, -1), (7, len(v) + 5), (3, topo.nnz)):
        bad = [e.copy() for e in edges]
        bad[k][0] = value
        with pytest.raises(IndexError, match="edge 0"):
            kernel.assemble(v, 1.0, 1.0, topo.n_unk, *bad, F, data)
    with pytest.raises(ValueError, match="differ in length"):
        kernel.assemble(v, 1.0, 1.0, topo.n_unk, edges[0][:-1], *edges[1:], F, data)
    with pytest.raises(ValueError, match="n_unk"):
        kernel.assemble(v, 1.0, 1.0, topo.n_unk, *edges, F[:-1], data)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"M": 0}, "M = 0"),
        ({"N": 2.0}, "N = 2.0"),
        ({"r_line": float("nan")}, "r_line = nan"),
        ({"r_line": -1.0}, "r_row = -1.0"),
        ({"method": "lu"}, "method = 'lu'"),
    ],
)
def test_a_bad_crossbar_is_refused_by_name(dev, changes, message):
    arguments = {"M": 3, "N": 3, "r_line": 1.0} | changes
    with pytest.raises((ValueError, TypeError), match=message):
        Crossbar(dev, **arguments)
