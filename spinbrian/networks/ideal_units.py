"""Idealised units with the MTJ neuron's interface, for device ablations and side-by-side runs.

Both are memoryless drop-ins for :class:`~spinbrian.networks.LLGResponse` and
:class:`~spinbrian.networks.TransferResponse` in :class:`~spinbrian.networks.MTJReservoir`:
the same network, weights and training, only the units differ.

* :class:`LinearResponse`, r = clip(x, 0, 1), is the junction idealised to a straight line
  over the drive window, after the same normalisation of drive and output. A network result
  that an MTJ reservoir shares with it owes nothing to the junction's physics.
* :class:`TanhResponse`, r = ½(1 + tanh(2(x − ½))), is a conventional echo-state unit
  (Jaeger 2001): the same range [0, 1] and slope 1 at the centre of the window.
"""

import numpy as np
from brian2 import second

from spinbrian.devices.validation import (
    require_count,
    require_number,
    require_range,
    require_unit,
)


class _Memoryless:
    """N units without internal state (N ≥ 1); the outputs are formulas (a NaN drive gives NaN)."""

    def __init__(self, N):
        self.N = require_count("N", N, 1)

    def reset(self):
        """Nothing to reset: the units have no internal state."""


class LinearResponse(_Memoryless):
    """N linear units clipped to the output window: r = clip(x, 0, 1)."""

    def __call__(self, x):
        """Outputs r ∈ [0, 1] of the units for drive x (N,)."""
        return np.clip(np.asarray(x, float), 0.0, 1.0)


class TanhResponse(_Memoryless):
    """N tanh units: r = ½(1 + tanh(2(x − ½))) ∈ (0, 1)."""

    def __call__(self, x):
        """Outputs r ∈ (0, 1) of the units for drive x (N,)."""
        return 0.5 * (1.0 + np.tanh(2.0 * (np.asarray(x, float) - 0.5)))


def glauber_pbits(N, beta, tau, dt=None, name="glauber*"):
    """N ideal sigmoid p-bits as a Brian2 NeuronGroup, the junction p-bit's ablation.

    Continuous-time Glauber dynamics: s (±1) flips at the rate (1/τ)/(1 + e^{2βsI}) with
    input I = I_syn + bias, so a network of them samples e^{−βE} exactly (detailed balance).
    Same variables as :meth:`spinbrian.devices.pbit.PBit.neurons` (``s``, ``I_syn``,
    ``bias``), so :func:`spinbrian.devices.pbit.couplings` wires either. ``N`` ≥ 1, ``beta``
    finite (0: infinite temperature), ``tau`` and ``dt`` (default: the clock's) times > 0.
    """
    from brian2 import NeuronGroup

    require_count("N", N, 1)
    require_number("beta", beta)
    for label, value in (("tau", tau), ("dt", dt)):
        if value is not None:
            require_unit(label, value, second)
            require_range(label, value, 0, low_open=True)

    eqs = """
    s : 1
    I_syn : 1
    bias : 1 (constant)
    flip_rate = 1/(tau*(1 + exp(2*beta*s*(I_syn + bias)))) : Hz
    """
    group = NeuronGroup(
        int(N),
        eqs,
        threshold="rand() < flip_rate*dt",
        reset="s = -s",
        dt=dt,
        name=name,
        namespace={"beta": float(beta), "tau": tau},
    )
    group.s = 1.0
    return group
