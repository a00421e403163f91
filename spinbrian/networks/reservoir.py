"""Recurrent networks of MTJ neurons (seed 004, Zheng et al. 2020; PHYSICS.md §5).

N junctions, sparse random signed recurrent synapses, input nodes, output nodes and
feedback from the outputs into every junction. Time advances in RNN steps of 1.5 ns; in
step n every junction i receives the drive

    x_i(n) = (1 − a) x_i(n−1) + a [b_i + Σ_k W_ik r̃_k(n−1−d) + Σ_o F_io z_o(n−1) + Σ_q U_iq u_q(n)]

mapped onto j ∈ [0.8, 1.0]·10¹⁰ A/m², and answers with its normalised output r_i(n) ∈ [0, 1]
(:mod:`spinbrian.networks.responses`); r̃ = r − ½ is what the synapses carry, and the outputs
are z(n) = W_out r̃(n). ``a = step/tau_syn`` is the synaptic current's low-pass filter
(an interconnect RC; ``tau_syn = step`` gives a = 1, no filter), ``d`` an optional synaptic
delay in steps. The seed leaves these network details to its (unavailable) supplement;
spinbrian's choices are the defaults below.

The same network runs as Brian2 objects with the full LLG in every junction
(:mod:`spinbrian.networks.reservoir_brian2`); this module runs it step by step with a
compiled response (:class:`~spinbrian.networks.responses.LLGResponse` or the reduced
:class:`~spinbrian.networks.responses.TransferResponse`) and trains it there.
"""

import time
from collections import deque
from contextlib import contextmanager
from typing import NamedTuple

import numpy as np
from brian2 import second
from scipy import sparse

from spinbrian.devices.validation import (
    require_count,
    require_finite_array,
    require_number,
    require_range,
    require_unit,
)
from spinbrian.networks.learning import ForceReadout
from spinbrian.networks.responses import STEP


def _columns(values):
    """A per-step sequence as (n_steps, n): one value per step is one column."""
    values = np.asarray(values, float)
    return values[:, None] if values.ndim == 1 else values


class RunResult(NamedTuple):
    """Output of :meth:`MTJReservoir.run`."""

    t: np.ndarray
    """Step times (s), shape (n_steps,)."""
    z: np.ndarray
    """Network outputs, (n_steps, n_out)."""
    r: np.ndarray | None
    """Junction outputs r ∈ [0, 1], (n_steps, N), when recorded."""


class MTJReservoir:
    """An RNN of MTJ neurons with fixed random recurrent, feedback and input weights.

    Parameters
    ----------
    response : LLGResponse or TransferResponse
        The junctions (sets N).
    n_in, n_out : int
        Input and output nodes.
    p : float
        Connection probability of the recurrent synapses (no self-connections).
    g : float
        Recurrent gain: weights are N(0, g²/(pN)) on the connected pairs.
    tau_syn : Quantity
        Synaptic filter time constant (≥ one step).
    bias_spread : float
        Biases b_i are uniform in ½ ± bias_spread (operating points across the window).
    feedback, input_scale : float
        Feedback and input weights are uniform in ±feedback, ±input_scale.
    delay : int
        Delay of the recurrent synapses, in steps (0: the next step).
    output_noise : float
        Standard deviation of Gaussian noise added to every junction's r at every step —
        a stand-in for phase noise with the reduced model (:class:`LLGResponse` at T > 0
        has its own, physical, thermal noise).
    seed : int
        Seed of the weights and of the output noise.

    Examples
    --------
    Generate a sine after FORCE training (reduced junction model, a few seconds):

    >>> import numpy as np
    >>> from spinbrian import presets
    >>> from spinbrian.networks import ForceReadout, MTJReservoir, TransferResponse
    >>> net = MTJReservoir(TransferResponse([presets.zheng2020_mtj()] * 40), seed=3)
    >>> f = 0.87 * np.sin(2 * np.pi * np.arange(3000) / 30)[:, None]
    >>> ro = ForceReadout(40, 1, alpha=0.1)
    >>> res = net.run(3000, targets=f, train=np.arange(3000) < 2000, readout=ro)
    >>> bool(np.sqrt(np.mean((res.z[2700:] - f[2700:]) ** 2)) < 0.1)
    True
    """

    def __init__(
        self,
        response,
        n_in=0,
        n_out=1,
        p=0.2,
        g=1.2,
        tau_syn=7.5e-9 * second,
        bias_spread=0.25,
        feedback=1.0,
        input_scale=1.0,
        delay=0,
        output_noise=0.0,
        seed=0,
    ):
        N = response.N
        n_in = require_count("n_in", n_in, 0)
        n_out = require_count("n_out", n_out, 1)
        p = require_number("p", p, 0, 1, low_open=True)
        tau_syn = require_unit("tau_syn", tau_syn, second)
        require_range("tau_syn", tau_syn, float(STEP) * (1 - 1e-9))  # ≥ one RNN step
        for name, value in (("g", g), ("bias_spread", bias_spread), ("feedback", feedback)):
            require_number(name, value, 0)
        require_number("input_scale", input_scale, 0)
        require_number("output_noise", output_noise, 0)
        delay = require_count("delay", delay, 0)
        seed = require_count("seed", seed, 0)
        rng = np.random.default_rng(seed)
        self.response = response
        self.N, self.n_in, self.n_out = N, n_in, n_out
        mask = (rng.random((N, N)) < p) & ~np.eye(N, dtype=bool)
        self.W = np.where(mask, rng.normal(0.0, g / np.sqrt(p * N), (N, N)), 0.0)
        self._support = np.nonzero(self.W)
        self._recurrent = sparse.csr_matrix(self.W)
        self.F = rng.uniform(-feedback, feedback, (N, n_out))
        self.U = rng.uniform(-input_scale, input_scale, (N, n_in))
        self.bias = 0.5 + rng.uniform(-bias_spread, bias_spread, N)
        self.leak = float(STEP / tau_syn)
        self.delay = int(delay)
        self.output_noise = float(output_noise)
        self._noise_rng = np.random.default_rng([seed, 1])
        self.readout = None
        self.reset()

    @contextmanager
    def noise_free(self):
        """Context in which the junctions' output noise is off (restored on exit)."""
        noise, self.output_noise = self.output_noise, 0.0
        try:
            yield self
        finally:
            self.output_noise = noise

    def refresh_weights(self):
        """Re-read ``W`` after editing it in place (its sparse copy drives the steps).

        The connections (the nonzero pattern) are fixed; only their values are re-read.
        """
        # CSR stores the nonzeros row by row, columns sorted: np.nonzero's order.
        self._recurrent.data[:] = self.W[self._support]

    def reset(self):
        """Junctions at rest, drive at the biases, no recurrent activity, outputs 0."""
        self.x = self.bias.copy()
        self._history = deque([np.zeros(self.N)] * (self.delay + 1), maxlen=self.delay + 1)
        self.z = np.zeros(self.n_out)
        self.response.reset()

    def step(self, u=None):
        """Advance one step with input u (n_in,); returns the centred outputs r̃ (N,)."""
        if self.n_in:
            u = require_finite_array("u", u, (self.n_in,))
        return self._step(u)

    def _step(self, u):
        """One step with checked input (``run`` checks the whole sequence once)."""
        # Sparse product: independent of BLAS threading, O(pN²) for p ≈ 0.1–0.2.
        drive = self.bias + self._recurrent @ self._history[0] + self.F @ self.z
        if self.n_in:
            drive = drive + self.U @ np.asarray(u, float)
        self.x = (1 - self.leak) * self.x + self.leak * drive
        r_c = self.response(self.x) - 0.5
        if self.output_noise:
            r_c = r_c + self.output_noise * self._noise_rng.standard_normal(self.N)
        self._history.append(r_c)
        return r_c

    def run_arguments(self, n_steps, inputs=None, targets=None, train=None):
        """``(n_steps, inputs, targets, train)`` checked against the network, by name.

        ``inputs`` (n_steps, n_in) and ``targets`` (n_steps, n_out) finite (targets are
        needed where ``train``, a bool per step, is True). Shared with the Brian2 build.
        """
        n_steps = require_count("n_steps", n_steps, 1)
        if self.n_in and inputs is None:
            raise ValueError(f"inputs: the network has {self.n_in} inputs, pass them")
        if inputs is not None:
            inputs = require_finite_array("inputs", _columns(inputs), (n_steps, self.n_in))
        train = np.zeros(n_steps, bool) if train is None else np.asarray(train)
        if train.shape != (n_steps,) or train.dtype.kind not in "bi" or np.any(train * (1 - train)):
            raise ValueError(f"train = {train!r}: need {n_steps} bools, one per step")
        train = train.astype(bool)
        if train.any() and targets is None:
            raise ValueError("targets: train needs them")
        if targets is not None:
            targets = require_finite_array("targets", _columns(targets), (n_steps, self.n_out))
        return n_steps, inputs, targets, train

    def run(
        self,
        n_steps,
        inputs=None,
        targets=None,
        train=None,
        readout=None,
        reset_every=None,
        innate=None,
        record_r=False,
        progress=None,
    ):
        """Run ``n_steps`` RNN steps, training the readout where ``train`` is True.

        Parameters
        ----------
        n_steps : int
            Number of 1.5 ns steps.
        inputs : ndarray, optional
            (n_steps, n_in) input values.
        targets : ndarray, optional
            (n_steps, n_out) targets of the outputs (needed where ``train``).
        train : array_like of bool, optional
            Steps at which the readout is trained (default: none). The output of a step is
            the one before that step's update (FORCE's e₋), so a recorded error during
            learning is the network's own.
        readout : ForceReadout, optional
            The readout (default: the one of the previous run, else a new one, α = 1).
        reset_every : int, optional
            Reset the junctions and the network state every this many steps (trials).
        innate : tuple, optional
            ``(trainer, r_innate, steps)``: an :class:`InnateTrainer` pulling the junctions
            towards ``r_innate`` (n_steps, N) at the steps where ``steps`` is True.
        record_r : bool
            Keep every junction's output.
        progress : callable, optional
            Called with a progress line about every 10 s.

        Returns
        -------
        RunResult
        """
        n_steps, inputs, targets, train = self.run_arguments(n_steps, inputs, targets, train)
        if reset_every is not None:
            reset_every = require_count("reset_every", reset_every, 1)
        if readout is not None:
            if not isinstance(readout, ForceReadout) or readout.W.shape != (self.n_out, self.N):
                raise ValueError(
                    f"readout = {readout!r}: need a ForceReadout({self.N}, {self.n_out})"
                )
            self.readout = readout
        elif self.readout is None:
            self.readout = ForceReadout(self.N, self.n_out)
        z = np.empty((n_steps, self.n_out))
        r = np.empty((n_steps, self.N)) if record_r else None
        shown = time.monotonic()
        for n in range(n_steps):
            if reset_every and n % reset_every == 0:
                self.reset()
            r_pre = self._history[0]  # the (delayed) rates that drive this step
            r_c = self._step(None if inputs is None else inputs[n])
            if innate is not None and innate[2][n]:
                innate[0].train(r_pre, r_c, innate[1][n] - 0.5)
                self.refresh_weights()
            # Sussillo & Abbott's order: the output z(n) = W(n−1)·r(n) is what the network
            # emits and feeds back; RLS then corrects W with that error e₋(n).
            self.z = self.readout(r_c)
            if train[n]:
                self.readout.train(r_c, targets[n])
            z[n] = self.z
            if record_r:
                r[n] = r_c + 0.5
            if progress is not None and time.monotonic() - shown > 10:
                shown = time.monotonic()
                progress(f"  step {n + 1}/{n_steps} ({100 * (n + 1) / n_steps:.0f} %)")
        return RunResult(t=np.arange(n_steps) * float(STEP), z=z, r=r)
