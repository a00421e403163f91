"""Current waveforms of engineered spikes (seed 001 Fig. 3b) for device STDP."""

from dataclasses import dataclass

import numpy as np
from brian2 import amp, second

from spinbrian.devices.display import PaperUnits
from spinbrian.devices.validation import require_number, require_unit


@dataclass(frozen=True)
class SpikeWaveform(PaperUnits):
    """A piecewise-linear current waveform I(t), zero before its first and after its last point.

    Parameters
    ----------
    times : Quantity
        Increasing corner times (s), the first at 0 (the spike time).
    currents : Quantity
        Current at each corner (A), signed.

    Examples
    --------
    A 1 ms positive pulse followed by a negative tail that decays linearly over 12 ms:

    >>> from brian2 import mA, ms
    >>> spike = SpikeWaveform([0, 1, 1, 13] * ms, [13, 13, -13, 0] * mA)
    >>> float(spike([0.5e-3, 7e-3])[1] * 1e3)
    -6.5
    """

    times: object
    currents: object

    def __post_init__(self):
        t = np.asarray(require_unit("times", self.times, second) / second, float)
        i = np.asarray(require_unit("currents", self.currents, amp) / amp, float)
        if t.ndim != 1 or t.shape != i.shape or len(t) < 2:
            raise ValueError("times and currents must be 1-D of the same length (≥ 2)")
        for name, values in (("times", t), ("currents", i)):
            if not np.all(np.isfinite(values)):
                raise ValueError(f"{name} = {getattr(self, name)}: NaN or infinite entries")
        if t[0] != 0 or np.any(np.diff(t) < 0):
            raise ValueError(f"times = {self.times}: must start at 0 and never decrease")
        object.__setattr__(self, "times", t * second)
        object.__setattr__(self, "currents", i * amp)

    @property
    def duration(self):
        """Time of the last corner (s, float)."""
        return float(self.times[-1] / second)

    def __call__(self, t):
        """Current (A, float array) at times ``t`` (s, floats); 0 outside the waveform.

        At a corner listed twice (a step) the later value holds from that time on.
        """
        t = np.asarray(t, float)
        times = np.asarray(self.times / second)
        currents = np.asarray(self.currents / amp)
        inside = (t >= 0) & (t < times[-1])
        # searchsorted(side="right") picks the segment after a repeated corner: steps
        # take their new value exactly at the corner time
        seg = np.clip(np.searchsorted(times, t, side="right") - 1, 0, len(times) - 2)
        t0, t1 = times[seg], times[seg + 1]
        i0, i1 = currents[seg], currents[seg + 1]
        frac = np.where(t1 > t0, (t - t0) / np.where(t1 > t0, t1 - t0, 1), 0)
        return np.where(inside, i0 + (i1 - i0) * frac, 0.0)

    def scaled(self, factor=1.0, stretch=1.0):
        """The waveform with currents × ``factor`` (finite) and times × ``stretch`` (> 0)."""
        factor = require_number("factor", factor)
        stretch = require_number("stretch", stretch, 0, low_open=True)
        return SpikeWaveform(self.times * stretch, self.currents * factor)
