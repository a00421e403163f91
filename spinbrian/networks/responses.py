"""How an MTJ neuron turns its drive into its output, one RNN step at a time (seed 004).

Seed 004 (Zheng et al. 2020, Fig. 1c,d) defines the neuron's output as ΔR, the last
peak-to-peak of R(t) "within 1.5 ns after injecting the current", and quotes
ΔR ∈ [114, 145] Ω for j ∈ [0.8, 1.0]·10¹⁰ A/m² — the values of a junction starting from
rest. The text does not say what the junction does between RNN steps, and two of its
sentences pull apart: the quoted band and its normalisation to [0, 1] are from-rest values,
while "we deliberately reset all the MTJs at the beginning of every recognition process,
i.e. the initial output is always 0" implies that otherwise the junctions keep their
magnetisation from step to step. :class:`LLGResponse` implements three readings:

* ``protocol="reset"`` — every step starts from rest (in hardware: a relaxation gap ≫ the
  ring-down time 1/(αω) ≈ 5.7 ns between 1.5 ns steps; at T > 0 rest is a fresh draw
  from the Boltzmann distribution about the easy axis, :meth:`MTJ.thermal_directions`).
  The output is then a function of the step's current alone: the band [114, 145] Ω of
  the text.
* ``protocol="continuous"`` — the magnetisation *and the current* carry over: the current
  steps from j(n−1) to j(n) and the junction answers with the ring-down of that change on
  top of the still-ringing earlier ones. A constant drive gives ΔR → 0 (no oscillation
  left in the window reads 0), so the neuron detects changes and remembers ≈ 4 steps. Its
  read-out scale is the full-range step: ΔR of j_lo → j_hi from the equilibrium at j_lo.
  The paper's reset sets a junction to that equilibrium (its output is then 0).
* ``protocol="pulsed"`` — each step is a 1.5 ns current pulse followed by ``gap`` with no
  current, the magnetisation carrying over; ``gap`` → ∞ is the reset reading. The read-out
  scale is the from-rest band.

All map the normalised drive x (clipped to [0, 1]) linearly onto j ∈ ``j_range`` and the
measured ΔR onto r = (ΔR − ΔR_lo)/(ΔR_hi − ΔR_lo) over the *nominal* junction's range (one
fixed read-out scaling for the whole array, so junctions of other sizes give other r).

* :class:`LLGResponse` integrates the full LLG + STT of every junction for every step
  (compiled kernel, thermal field at T > 0 = the phase noise of the seed's supplement).
* :class:`TransferResponse` is the reduced model of the reset reading: the same kernel
  tabulates each junction's ΔR(j) once, and a step is an interpolation.
"""

import dataclasses

import numpy as np
from brian2 import kelvin, nsecond, ohm, psecond, second
from brian2.units.allunits import amp, meter
from scipy.signal import lfilter

from spinbrian.analysis.transfer import last_peak_to_peak
from spinbrian.cython_kernels import macrospin as _kernel
from spinbrian.devices.validation import (
    require_count,
    require_finite_array,
    require_number,
    require_range,
    require_unit,
)

#: Seed 004: the neuron's output is read within 1.5 ns of injecting the current.
STEP = 1.5 * nsecond
#: RK4 step of the junction dynamics: 70 steps per precession period at 2.8 GHz; ΔR
#: is within 2·10⁻⁶ relative of its dt = 0.25 ps value (tests/test_reservoir.py).
LLG_DT = 5.0 * psecond
#: Seed 004 text of Fig. 1d: the drive range, in units of ``MTJ.j_unit``.
J_RANGE = (0.8, 1.0)
PROTOCOLS = ("reset", "continuous", "pulsed")
#: Relaxation to the equilibrium under a constant current: ≈ 10 ring-down times 1/(αω).
SETTLE = 60.0 * nsecond


class _Junctions:
    """Plain-float kernel inputs of a set of junctions, grouped by device."""

    def __init__(self, devices, dt, window, j_max=J_RANGE[1], read_time=None):
        if len(devices) == 0:
            raise ValueError("devices is empty: need one MTJ per junction")
        dt = require_unit("dt", dt, second)
        require_range("dt", dt, 0, low_open=True)
        window = require_unit("window", window, second)
        require_range("window", window, 2 * dt, low_open=False)  # a peak-to-peak needs steps
        self.groups = []
        for device, idx in _groups(devices):
            device.check_dt(dt, j=2 * j_max * device.j_unit)  # margin for the drive's range
            half_swing = float((device.R_AP - device.R_P) / ohm) / 2
            j_si = float(device.j_unit / (amp / meter**2))
            self.groups.append((device.si(), np.asarray(device.reference), half_swing, j_si, idx))
        self.N = len(devices)
        self.dt = float(dt)
        self.n_steps = int(round(float(window / dt)))
        self.easy = np.array([devices[i].easy_axis for i in range(self.N)], float)
        self.read_decay = None  # per-sample decay of the read circuit's RC filter
        if read_time is not None:
            read_time = require_unit("read_time", read_time, second)
            require_range("read_time", read_time, 0, low_open=True)
            self.read_decay = float(np.exp(-float(dt / read_time)))

    def delta_r(self, j, m0=None, seed=None):
        """(ΔR (Ω), final directions) of every junction driven by j for the window."""
        j = require_finite_array("j", j, (self.N,))
        if seed is not None:
            seed = require_count("seed", seed)
        dR = np.empty(self.N)
        m_final = np.empty((self.N, 3))
        start = self.easy if m0 is None else require_finite_array("m0", m0, (self.N, 3))
        for k, (params, p, half_swing, j_si, idx) in enumerate(self.groups):
            m_end, rec = _kernel.integrate(
                params,
                np.ascontiguousarray(start[idx]),
                np.zeros((len(idx), 3)),
                np.ascontiguousarray(j[idx] * j_si),
                self.dt,
                self.n_steps,
                record_every=1,
                seed=None if seed is None else seed + 7919 * k,
            )
            # R = R_P + (R_AP − R_P)(1 − m·p)/2, so ΔR is half the swing times Δ(−m·p).
            dR[idx] = half_swing * last_peak_to_peak(self._read(-(rec @ p).T))
            m_final[idx] = m_end
        return dR, m_final

    def _read(self, y):
        """The traces (N, T) as the read circuit passes them: a first-order RC low-pass."""
        if self.read_decay is None:
            return y
        a = self.read_decay
        return lfilter([1 - a], [1, -a], y, axis=1, zi=a * y[:, :1])[0]


def delta_r(devices, j, dt=LLG_DT, window=STEP, m0=None, seed=None, read_time=None):
    """ΔR (Ω) of each junction driven by ``j`` (units of ``MTJ.j_unit``) for ``window``.

    Parameters
    ----------
    devices : sequence of spinbrian.MTJ
        One device per junction; junctions that share a device object are integrated in
        one kernel call.
    j : array_like
        Current density per junction, in units of ``MTJ.j_unit`` (10¹⁰ A/m²).
    dt, window : Quantity
        Time step and read-out window.
    m0 : ndarray, optional
        (N, 3) initial directions (default: each device's easy axis).
    seed : int, optional
        Seed of the thermal noise.
    read_time : Quantity, optional
        Time constant of the read circuit: R(t) passes a first-order RC low-pass before
        the peaks are taken (default: the ideal read-out of the seed, every RK4 sample).

    Returns
    -------
    dR : ndarray
        (N,) last peak-to-peak of R within the window (Ω); NaN for a junction that does
        not oscillate in it (e.g. j = 0: no extrema, see ``last_peak_to_peak``).
    m_final : ndarray
        (N, 3) directions at the end of the window.
    """
    junctions = _Junctions(devices, dt, window, read_time=read_time)
    return junctions.delta_r(np.asarray(j, float), m0, seed)


def _groups(devices):
    """[(device, indices of the junctions that use it)], in first-use order."""
    groups = {}
    for i, d in enumerate(devices):
        groups.setdefault(id(d), (d, []))[1].append(i)
    return [(d, np.array(idx)) for d, idx in groups.values()]


class _Response:
    """Common part: the drive mapping and the read-out scaling."""

    def __init__(self, devices, nominal=None, j_range=J_RANGE, dt=LLG_DT, read_time=None):
        self.devices = list(devices)
        self.read_time = read_time
        if not self.devices:
            raise ValueError("devices is empty: need one MTJ per junction")
        self.nominal = nominal if nominal is not None else self.devices[0]
        if np.shape(j_range) != (2,):
            raise ValueError(f"j_range = {j_range!r}: need a pair (j_lo, j_hi) in MTJ.j_unit")
        self.j_range = tuple(require_number("j_range", v) for v in j_range)
        lo, hi = self.j_range
        if not 0 <= lo < hi:
            raise ValueError(f"j_range = {j_range}: need finite 0 ≤ j_lo < j_hi (MTJ.j_unit)")
        # the window is the nominal junction's without thermal noise: a property of the
        # device, the same for every build (a noisy run would make it random, even inverted)
        quiet = dataclasses.replace(self.nominal, temperature=0 * kelvin)
        lo, hi = delta_r([quiet] * 2, self.j_range, dt, read_time=read_time)[0]
        self.dR_range = (float(lo), float(hi))

    @property
    def N(self):
        """Number of junctions."""
        return len(self.devices)

    def current(self, x):
        """Current density (units of ``MTJ.j_unit``) for the normalised drive x."""
        lo, hi = self.j_range
        return lo + (hi - lo) * np.clip(x, 0.0, 1.0)

    def normalise(self, dR):
        """Output r ∈ [0, 1] over the nominal junction's window of ΔR (at T = 0)."""
        lo, hi = self.dR_range
        return (np.asarray(dR) - lo) / (hi - lo)

    def reset(self):
        """Return every junction to rest (start of a new trial)."""


class LLGResponse(_Response):
    """Full LLG + STT for every junction and every step (compiled RK4 kernel).

    Parameters
    ----------
    devices : sequence of spinbrian.MTJ
        One device per junction (share objects for identical junctions). A device at
        T > 0 carries the Brown thermal field.
    nominal : spinbrian.MTJ, optional
        Device that sets the read-out scaling (default: ``devices[0]``).
    protocol : {"reset", "continuous", "pulsed"}
        What the junction does between steps (module docstring): start every step from
        rest, carry magnetisation and current over, or carry the magnetisation over a
        current-free ``gap``.
    gap : Quantity
        Current-free time between the pulses of the ``"pulsed"`` reading.
    j_range : pair of float
        Drive range in ``MTJ.j_unit``.
    dt : Quantity
        RK4 step.
    seed : int
        Seed of the thermal noise (each step draws fresh noise from it; the same for every
        build with this seed, as every seeded entry point).
    read_time : Quantity, optional
        RC time constant of the read circuit (:func:`delta_r`); at T > 0 it keeps noise
        spikes out of the peak detection.

    Examples
    --------
    Under the continuous reading a held drive rings down to 0; a change of drive rings up:

    >>> import numpy as np
    >>> from spinbrian import presets
    >>> carry = LLGResponse([presets.zheng2020_mtj()], protocol="continuous")
    >>> [round(float(carry(np.array([x]))[0]), 2) for x in (0.0, 1.0, 1.0, 1.0, 1.0)]
    [0.0, 1.0, 0.75, 0.59, 0.44]
    """

    def __init__(
        self,
        devices,
        nominal=None,
        protocol="reset",
        gap=1.5 * nsecond,
        j_range=J_RANGE,
        dt=LLG_DT,
        seed=0,
        read_time=None,
    ):
        seed = require_count("seed", seed)
        if protocol not in PROTOCOLS:
            raise ValueError(f"protocol = {protocol!r}: choose one of {PROTOCOLS}")
        super().__init__(devices, nominal, j_range, dt, read_time)
        self.protocol = protocol
        self._junctions = _Junctions(
            self.devices, dt, STEP, j_max=self.j_range[1], read_time=read_time
        )
        self._seed = seed
        self._calls = 0
        self._gap = None
        self.rest = None  # where a reset puts the junctions (None: their easy axes)
        if protocol == "pulsed":
            gap = require_unit("gap", gap, second)
            require_range("gap", gap, 2 * dt)  # the kernel integrates it in ≥ 2 steps
            self._gap = _Junctions(self.devices, dt, gap, j_max=self.j_range[1])
        elif protocol == "continuous":
            self.rest, self.dR_range = self._continuous_scale(dt)
        self.m = self.rest

    def _continuous_scale(self, dt):
        """Equilibria under j_lo (the reset state) and the full-range step's ΔR window."""
        lo, hi = self.j_range
        settle = _Junctions(self.devices, dt, SETTLE, j_max=hi)
        rest = settle.delta_r(np.full(self.N, lo), m0=self._at_rest(self._seed), seed=self._seed)[1]
        quiet = dataclasses.replace(self.nominal, temperature=0 * kelvin)
        m_lo = delta_r([quiet], [lo], dt, window=SETTLE)[1]
        dR_step = delta_r([quiet], [hi], dt, m0=m_lo, read_time=self.read_time)[0]
        return rest, (0.0, float(dR_step[0]))

    def _at_rest(self, seed):
        """Junctions at rest without current: the easy axes, thermally tilted at T > 0."""
        if not any(d.thermal for d in self.devices):
            return None
        rng = np.random.default_rng([seed, 2])
        m = np.empty((self.N, 3))
        for device, idx in _groups(self.devices):
            m[idx] = device.thermal_directions(len(idx), rng)
        return m

    def reset(self):
        """Return every junction to rest: its easy axis, or its equilibrium under j_lo."""
        self.m = self.rest

    def __call__(self, x):
        """Output r of every junction for one step driven by x (N,)."""
        x = require_finite_array("x", x, (self.N,))
        seed = self._seed + 104729 * self._calls
        self._calls += 1
        start = self.m
        if self.protocol == "reset" or start is None:
            start = self._at_rest(seed)
        dR, m = self._junctions.delta_r(self.current(x), m0=start, seed=seed)
        if self.protocol != "reset":
            dR = np.nan_to_num(dR, nan=0.0)  # no extremum left in the window: no oscillation
        if self._gap is not None:
            m = self._gap.delta_r(np.zeros(self.N), m0=m, seed=seed + 1)[1]
        self.m = m
        return self.normalise(dR)


class TransferResponse(_Response):
    """Reduced model: each junction's tabulated ΔR(j), interpolated (T = 0, from rest).

    Parameters
    ----------
    devices, nominal, j_range, dt, read_time
        As for :class:`LLGResponse`.
    points : int
        Table size over ``j_range``; ΔR(j) is smooth, and 41 points interpolate it to
        < 10⁻⁴ relative (tests/test_reservoir.py).
    seed : int
        Seed of the thermal noise for a device at T > 0, whose table is then one noisy
        run (the same for every build with this seed).
    """

    def __init__(
        self, devices, nominal=None, j_range=J_RANGE, dt=LLG_DT, points=41, seed=0, read_time=None
    ):
        seed, points = require_count("seed", seed), require_count("points", points, 2)
        super().__init__(devices, nominal, j_range, dt, read_time)
        self.j_grid = np.linspace(*self.j_range, points)
        tables = {}
        for k, (device, _) in enumerate(_groups(self.devices)):
            dR = delta_r(
                [device] * points, self.j_grid, dt, seed=seed + 7919 * k, read_time=read_time
            )[0]
            tables[id(device)] = dR
        self.table = np.array([tables[id(d)] for d in self.devices])  # (N, points)
        self._rows = np.arange(self.N)
        self._h = self.j_grid[1] - self.j_grid[0]

    def __call__(self, x):
        """Output r of every junction for drive x (N,): linear interpolation of its table."""
        x = require_finite_array("x", x, (self.N,))
        s = (self.current(x) - self.j_grid[0]) / self._h
        i = np.clip(s.astype(int), 0, len(self.j_grid) - 2)
        f = s - i
        dR = (1 - f) * self.table[self._rows, i] + f * self.table[self._rows, i + 1]
        return self.normalise(dR)
