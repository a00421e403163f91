"""A conventional echo-state unit with the MTJ neuron's interface, for side-by-side runs.

:class:`TanhResponse` maps the drive x to r = ½(1 + tanh(2(x − ½))): the same range [0, 1],
slope 1 at the centre of the window and the same place in :class:`MTJReservoir` as an MTJ
response, so an echo-state network (Jaeger 2001) of the same size, weights and training
differs from the MTJ reservoir only in its units.
"""

import numpy as np


class TanhResponse:
    """N tanh units (memoryless), drop-in for :class:`LLGResponse`/:class:`TransferResponse`."""

    def __init__(self, N):
        self.N = int(N)

    def reset(self):
        """Nothing to reset: the units have no internal state."""

    def __call__(self, x):
        """Outputs r ∈ (0, 1) of the units for drive x (N,)."""
        return 0.5 * (1.0 + np.tanh(2.0 * (np.asarray(x, float) - 0.5)))
