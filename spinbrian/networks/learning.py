"""FORCE readouts and innate training by recursive least squares (compiled RLS kernel).

* :class:`ForceReadout` — Sussillo & Abbott (2009), Neuron 63, 544: the readout z = W·r is
  trained online by RLS while its output is fed back, so the error stays small throughout.
* :class:`InnateTrainer` — Laje & Buonomano (2013), Nat. Neurosci. 16, 925: each unit's
  presynaptic weights are trained by RLS (one P per unit over its own presynaptic set) to
  reproduce the network's own "innate" trajectory, making it a stable attractor.

Synaptic imperfections of seed 004's supplement are options: ``update_failure`` (each
weight misses each update with that probability) and ``weight_noise`` (relative Gaussian
fluctuation of the weights at every read).
"""

import numpy as np

from spinbrian.cython_kernels.rls import rls_update, rls_update_rows
from spinbrian.devices.validation import require_count, require_finite_array, require_number


class ForceReadout:
    """Linear readout z = W·r trained by RLS.

    Parameters
    ----------
    n_units, n_out : int
        Presynaptic units and outputs.
    alpha : float
        Regulariser: P starts at I/alpha (Sussillo & Abbott's α; smaller learns faster).
    update_failure : float
        Probability that a weight keeps its old value at an update.
    weight_noise : float
        Relative standard deviation of the weights' fluctuation at every read.
    rng : numpy.random.Generator, optional
        Source of the imperfections' randomness (default: seeded with 0, so runs repeat).

    Examples
    --------
    >>> import numpy as np
    >>> ro = ForceReadout(3, 1, alpha=1e-4)
    >>> r = np.array([0.2, -0.1, 0.4])
    >>> err = ro.train(r, [1.0])  # error before the step: 0 − 1
    >>> float(err[0]), round(float(ro(r)[0]), 3)
    (-1.0, 1.0)
    """

    def __init__(self, n_units, n_out=1, alpha=1.0, update_failure=0.0, weight_noise=0.0, rng=None):
        n_units, n_out = require_count("n_units", n_units, 1), require_count("n_out", n_out, 1)
        alpha = require_number("alpha", alpha, 0, low_open=True)
        update_failure = require_number("update_failure", update_failure, 0, 1, high_open=True)
        weight_noise = require_number("weight_noise", weight_noise, 0)
        self.P = np.eye(n_units) / alpha
        self.W = np.zeros((n_out, n_units))
        self.update_failure = update_failure
        self.weight_noise = weight_noise
        self.rng = rng if rng is not None else np.random.default_rng(0)

    def __call__(self, r):
        """Output z (n_out,) for activity r (n_units,)."""
        r = require_finite_array("r", r, self.W.shape[1:])
        W = self.W
        if self.weight_noise:
            W = W * (1 + self.weight_noise * self.rng.standard_normal(W.shape))
        return W @ r

    def train(self, r, target):
        """One RLS step towards ``target`` (n_out,); returns the error before the step."""
        r = np.array(require_finite_array("r", r, self.W.shape[1:]))  # a writable buffer
        target = require_finite_array("target", target, self.W.shape[:1])
        err = np.ascontiguousarray(self.W @ r - target)
        old = self.W.copy() if self.update_failure else None
        rls_update(self.P, self.W, r, err)
        if old is not None:
            missed = self.rng.random(self.W.shape) < self.update_failure
            self.W[missed] = old[missed]
        return err


class InnateTrainer:
    """RLS on the recurrent weights towards an innate trajectory (Laje & Buonomano 2013).

    Parameters
    ----------
    W : ndarray
        (N, N) recurrent weights, trained in place on their existing (sparse) support.
    trained : array_like of int, optional
        Units whose inputs are trained (default all).
    alpha : float
        Regulariser: each unit's P starts at I/alpha.
    """

    def __init__(self, W, trained=None, alpha=1.0):
        if not isinstance(W, np.ndarray) or W.ndim != 2 or W.shape[0] != W.shape[1] or not W.size:
            raise ValueError(f"W has shape {np.shape(W)}: need a square (N, N) ndarray")
        require_finite_array("W", W, W.shape)
        alpha = require_number("alpha", alpha, 0, low_open=True)
        self.W = W
        N = W.shape[0]
        self.units = np.arange(N) if trained is None else np.asarray(trained)
        if (
            self.units.ndim != 1
            or not np.issubdtype(self.units.dtype, np.integer)
            or np.any((self.units < 0) | (self.units >= N))
            or len(np.unique(self.units)) != len(self.units)
        ):
            raise ValueError(f"trained = {trained!r}: need distinct unit indices in 0…{N - 1}")
        support = [np.flatnonzero(W[i]) for i in self.units]
        self.width = max((len(s) for s in support), default=0)
        # Pad every unit's presynaptic set to a common width with a dummy index whose
        # activity is held at 0, so all units update in one kernel call.
        self.pre = np.full((len(self.units), self.width), -1)
        for row, s in enumerate(support):
            self.pre[row, : len(s)] = s
        self.valid = self.pre >= 0
        self._valid_rows, self._valid_cols = np.nonzero(self.valid)
        self.P = np.tile(np.eye(self.width) / alpha, (len(self.units), 1, 1))
        self.w = np.where(self.valid, W[self.units[:, None], np.maximum(self.pre, 0)], 0.0)

    def train(self, r_pre, r, r_target):
        """One RLS step: pull each trained unit's output towards its innate trajectory.

        Laje & Buonomano's rule: the error e_i = r_i − r_i^innate of unit i corrects its
        presynaptic weights through its own P over the presynaptic rates ``r_pre``.

        Parameters
        ----------
        r_pre : ndarray
            (N,) presynaptic rates that drove this step.
        r : ndarray
            (N,) the units' outputs this step.
        r_target : ndarray
            (N,) the innate trajectory at this step.
        """
        N = self.W.shape[0]
        r_pre, r, r_target = (
            require_finite_array(name, v, (N,))
            for name, v in (("r_pre", r_pre), ("r", r), ("r_target", r_target))
        )
        rows = np.where(self.valid, r_pre[np.maximum(self.pre, 0)], 0.0)
        err = np.ascontiguousarray(r[self.units] - r_target[self.units])
        rls_update_rows(self.P, self.w, np.ascontiguousarray(rows), err)
        rr, cc = self._valid_rows, self._valid_cols
        self.W[self.units[rr], self.pre[rr, cc]] = self.w[rr, cc]
