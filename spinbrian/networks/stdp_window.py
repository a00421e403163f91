"""STDP-window study: Δw(Δt) of a device synapse measured by running spike pairs in Brian2.

Protocol of seed 001 Fig. 3d: before each pair the film is demagnetised by pulses of
decreasing amplitude and alternating sign (+28 mA → −27.5 mA → … → −0.5 mA), then a
presynaptic and a postsynaptic spike arrive Δt apart and the change of R_hall is read.
Every delay gets its own synapse (its own pre and post neuron), so one Brian2 run
measures the whole window. The demagnetising pulses are applied to the state before the
run with the device's continuum update (:meth:`CoGdDevice.apply_pulses`, which the tests
check against the Brian2 pulse code): stepping the spike groups through 0.56 s of pulses
at the pairs' fine time step would cost more than the pairs themselves.
"""

import numpy as np
import xarray as xr
from brian2 import Network, SpikeGeneratorGroup, amp, defaultclock, second

from spinbrian.constants import oersted
from spinbrian.devices.validation import require_si_number, require_unit


def demagnetising_currents(start=28e-3, step=0.5e-3):
    """The seed's demagnetising sequence (A): ±start, ∓(start − step), …, down to one step.

    Plain SI floats (A): 0 < ``step`` ≤ ``start``, both finite.
    """
    require_si_number("start", start, amp, require_si_number("step", step, amp, 0, low_open=True))
    amplitudes = np.arange(start, step / 2, -step)
    return amplitudes * np.where(np.arange(len(amplitudes)) % 2 == 0, 1.0, -1.0)


def stdp_window(device, pre_waveform, post_waveform, delays, demagnetise=True, report=None):
    """Measure ΔR_hall(Δt) of Co/Gd device synapses with Brian2 (current target).

    Parameters
    ----------
    device : CoGdDevice
        The film.
    pre_waveform, post_waveform : SpikeWaveform
        Current waveforms of the pre- and postsynaptic spikes.
    delays : Quantity
        Δt = t_post − t_pre of each pair.
    demagnetise : bool
        Apply the seed's demagnetising sequence (``device.pulse_width`` pulses) to the
        saturated film first; otherwise start from the film saturated up.
    report : str or callable, optional
        Brian2 progress report.

    Returns
    -------
    xarray.Dataset
        ``delta_w`` (change of the weight, the up-fraction), ``delta_R`` (Ω) and
        ``w_before``, ``w_after`` (up-fractions) over ``delay`` (ms).

    Examples
    --------
    >>> from brian2 import ms
    >>> from spinbrian import presets
    >>> dev, spike = presets.li2022_cogd(), presets.li2022_spike()
    >>> window = stdp_window(dev, spike, spike, [-4, -2, 2, 4] * ms)
    >>> bool(window.delta_R.sel(delay=2.0) > 0)
    True
    """
    delays_s = np.atleast_1d(require_unit("delays", delays, second) / second).astype(float)
    if delays_s.ndim != 1 or not len(delays_s) or not np.all(np.isfinite(delays_s)):
        raise ValueError(f"delays = {delays!r}: need a non-empty, finite 1-D sequence of times")
    n = len(delays_s)
    dt = float(defaultclock.dt / second)
    t_pairs = 5e-3 + max(0.0, -delays_s.min())
    pre_t = t_pairs - np.minimum(delays_s, 0)
    pre = SpikeGeneratorGroup(n, np.arange(n), pre_t * second)
    post = SpikeGeneratorGroup(n, np.arange(n), (pre_t + delays_s) * second)
    S = device.stdp_synapses(pre, post, pre_waveform, post_waveform)
    S.connect(j="i")
    start = device.saturated(+1)
    if demagnetise:
        start = device.apply_pulses(demagnetising_currents(), x=start)[1]
    S.set_states(device.state_dict(np.tile(start, (n, 1))))
    net = Network(pre, post, S)
    w_before = np.array(S.w[:])
    end = pre_t.max() + max(delays_s.max(), 0) + 5 * dt + 1e-3
    net.run(end * second, report=report)
    w_after = np.array(S.w[:])
    dR = device.hall_resistance(w_after) - device.hall_resistance(w_before)
    coords = {"delay": ("delay", delays_s * 1e3, {"units": "ms", "long_name": "t_post − t_pre"})}
    return xr.Dataset(
        {
            "delta_R": ("delay", dR, {"units": "ohm", "long_name": "ΔR_hall"}),
            "delta_w": ("delay", w_after - w_before, {"long_name": "Δw (up-fraction)"}),
            "w_before": ("delay", w_before),
            "w_after": ("delay", w_after),
        },
        coords=coords,
        attrs={"Hx_Oe": float(device.Hx / oersted), "K": device.K},
    )


def plot_window(window, ax=None, label=None):
    """Plot the weight change Δw against Δt; returns the axes."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(5, 3.5))
    ax.plot(window.delay, window.delta_w, "o-", ms=3, label=label)
    ax.axhline(0, color="0.7", lw=0.8)
    ax.set_xlabel("Δt = t_post − t_pre (ms)")
    ax.set_ylabel("Δw (up-fraction)")
    return ax
