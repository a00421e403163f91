"""Reservoir-computing benchmarks: Jaeger's short-term memory capacity and NARMA-10.

Both drive a reservoir with a random input sequence, record its units, and fit linear
readouts by ridge regression on a training stretch, scored on a later test stretch:

* memory capacity (Jaeger 2002, GMD Report 152): MC = Σ_k r²(u(n−k), ŷ_k(n)) over delays
  k = 1…k_max, each ŷ_k its own readout; u i.i.d. uniform. For N units MC ≤ N.
* NARMA-10 (Atiya & Parlos 2000): y(n+1) = 0.3 y(n) + 0.05 y(n) Σ_{i=0}^{9} y(n−i)
  + 1.5 u(n−9) u(n) + 0.1 with u uniform in [0, 0.5]; the readout predicts y(n) from the
  units at step n; scored by NRMSE = RMS error / std(y).

The series are a few lines each, so spinbrian generates them itself rather than depending on
ReservoirPy's ``datasets`` (the same definitions).
"""

import numpy as np

from spinbrian.devices.validation import require_count, require_number

#: Ridge regulariser of the readouts, relative to the mean squared unit activity.
RIDGE = 1e-8


def narma10(n_steps, rng):
    """(u, y): NARMA-10 input (uniform in [0, 0.5]) and output, each (n_steps,)."""
    n_steps = require_count("n_steps", n_steps, 10)
    u = rng.uniform(0.0, 0.5, n_steps)
    y = np.zeros(n_steps)
    for n in range(9, n_steps - 1):
        y[n + 1] = 0.3 * y[n] + 0.05 * y[n] * y[n - 9 : n + 1].sum() + 1.5 * u[n - 9] * u[n] + 0.1
    return u, y


def ridge_readout(states, targets, ridge=RIDGE):
    """Weights (units + 1, k) of the least-squares readout with a bias, ridge-regularised."""
    X = np.column_stack([states, np.ones(len(states))])
    scale = ridge * np.mean(X**2)
    return np.linalg.solve(X.T @ X + scale * np.eye(X.shape[1]), X.T @ targets)


def _apply(states, weights):
    return np.column_stack([states, np.ones(len(states))]) @ weights


def memory_capacity(states, u, max_delay, washout, n_train):
    """Jaeger's MC and its per-delay terms from recorded ``states`` (T, N) driven by ``u``.

    Parameters
    ----------
    states : ndarray
        (T, N) unit outputs, row n recorded after input u[n].
    u : ndarray
        (T,) i.i.d. input.
    max_delay : int
        Largest delay k.
    washout, n_train : int
        Steps discarded at the start, and steps the readouts are fitted on (the rest test).

    Returns
    -------
    total : float
        Σ_k r²_k.
    per_delay : ndarray
        (max_delay,) squared correlation of the delayed input and its reconstruction.
    """
    max_delay = require_count("max_delay", max_delay, 1)
    washout = require_count("washout", washout, max_delay)
    n_train = require_count("n_train", n_train, 1)
    T = len(u)
    if washout + n_train >= T:
        raise ValueError(f"washout + n_train = {washout + n_train}: need fewer than {T} steps")
    delays = np.arange(1, max_delay + 1)
    steps = np.arange(washout, T)
    targets = u[steps[:, None] - delays[None, :]]  # (T', k)
    train, test = slice(0, n_train), slice(n_train, None)
    W = ridge_readout(states[steps][train], targets[train])
    pred = _apply(states[steps][test], W)
    r2 = np.array(
        [np.corrcoef(pred[:, k], targets[test][:, k])[0, 1] ** 2 for k in range(len(delays))]
    )
    return float(np.nansum(r2)), r2


def narma_error(states, y, washout, n_train):
    """NRMSE (RMS error / std(y)) of the NARMA-10 readout on the test stretch."""
    washout = require_count("washout", washout, 0)
    n_train = require_count("n_train", n_train, 1)
    keep = np.arange(washout, len(y))
    W = ridge_readout(states[keep][:n_train], y[keep][:n_train])
    pred = _apply(states[keep][n_train:], W)
    truth = y[keep][n_train:]
    return float(np.sqrt(np.mean((pred - truth) ** 2)) / np.std(truth))


def drive(net, u, input_scale=1.0):
    """Record the units (T, N) of ``net`` (one input node) driven by ``u``.

    ``input_scale`` multiplies ``u`` before it reaches the input node. The network starts from
    its reset state.
    """
    require_number("input_scale", input_scale, 0, low_open=True)
    net.reset()
    res = net.run(len(u), inputs=input_scale * np.asarray(u, float)[:, None], record_r=True)
    return res.r
