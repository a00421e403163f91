"""Device STDP from spike waveforms: a Co/Gd synapse programmed by pre/post spike pairs.

Seed 001 Fig. 3: the pre- and postsynaptic spikes reach the device as current waveforms
that superpose as I(t) = I_pre(t) − I_post(t − Δt); each waveform alone stays below the
switching threshold, so only the overlap of a pair acts. Here the effect of that overlap
on every barrier class is computed from the nucleation physics — slice by slice of the
superposed waveform, each slice an exact affine map of the class fractions — and
tabulated over Δt. The Brian2 synapse looks the maps up when the second spike of a pair
arrives: the STDP window is whatever the waveforms and the film make it, not a
prescribed exponential.
"""

from dataclasses import dataclass

import numpy as np
from brian2 import Synapses, TimedArray, defaultclock, second

from spinbrian.devices.brian2_objects import EVENT_CODE_HINTS, extend_model, merge_keywords
from spinbrian.devices.validation import (
    require_finite_array,
    require_number,
    require_range,
    require_unit,
)
from spinbrian.equations.nucleation import class_equations, pair_code, up_fraction

#: A lone spike must move no class fraction by more than this.
LONE_SPIKE_TOLERANCE = 1e-3
#: Offset of the stored spike times: longer than any simulation, short enough for doubles
#: to keep 0.2 ns resolution.
NEVER = 1e6 * second
#: Most rows (delays) a pair table may hold: 2·window/resolution.
MAX_TABLE_ROWS = 10**6


@dataclass(frozen=True)
class PairMaps:
    """Per-class affine maps x_k ← a_k·x_k + b_k of spike pairs, and their wall sweeps.

    Attributes
    ----------
    delays : ndarray
        Δt = t_post − t_pre (s), (n,).
    a, b : ndarray
        (n, K) affine coefficients.
    sweep : ndarray
        (n,) direction of a domain-wall sweep during the pair (+1, −1, 0 none).
    """

    delays: np.ndarray
    a: np.ndarray
    b: np.ndarray
    sweep: np.ndarray

    def apply(self, x):
        """Class fractions after each pair from the state ``x`` (K,): (n, K)."""
        return self.a * np.asarray(x)[None, :] + self.b


def waveform_maps(device, currents, step):
    """Compose the affine maps of current traces, slice by slice.

    Parameters
    ----------
    device : CoGdDevice
        The film.
    currents : ndarray
        (n, n_slices) current (A) of each trace.
    step : float
        Slice duration (s).

    Returns
    -------
    PairMaps
        With ``delays`` left empty for the caller to fill.
    """
    currents = np.atleast_2d(currents)
    n = currents.shape[0]
    a = np.ones((n, device.K))
    b = np.zeros((n, device.K))
    sweep = np.zeros(n)
    for j in range(currents.shape[1]):
        sweeps = device.sweeps(currents[:, j])
        sweep = np.where(sweeps, device.direction(currents[:, j]), sweep)
        P = device.switch_probability(currents[:, j], step * second)
        if P.max() < 1e-15:
            continue  # far below threshold: the identity map (a sweep is recorded above)
        keep = 1 - P
        up = (device.direction(currents[:, j]) > 0)[:, None]
        a *= keep
        b = b * keep + np.where(up, P, 0.0)
    return PairMaps(np.empty(0), a, b, sweep)


def pair_maps(device, pre, post, delays, step=10e-6):
    """Tabulate the pair maps of two waveforms over the delays Δt = t_post − t_pre (s)."""
    if hasattr(delays, "dim"):  # plain floats are SI seconds; a Quantity must be a time
        delays = require_unit("delays", delays, second) / second
    delays = np.asarray(delays, float)
    if delays.ndim != 1 or delays.size == 0:
        raise ValueError(f"delays has shape {delays.shape}: need a non-empty 1-D sequence (s)")
    require_finite_array("delays", delays, delays.shape)
    require_number("step", step, 0, low_open=True)
    t = np.arange(min(0.0, delays.min()), max(pre.duration, delays.max() + post.duration), step)
    mid = t + step / 2  # sample each slice at its centre
    currents = pre(mid)[None, :] - post(mid[None, :] - delays[:, None])
    maps = waveform_maps(device, currents, step)
    return PairMaps(delays, maps.a, maps.b, maps.sweep)


def check_lone_spike(device, waveform, role, step=10e-6):
    """Raise if ``waveform`` alone would switch the film (the tables assume it does not)."""
    t = np.arange(0, waveform.duration, step) + step / 2
    maps = waveform_maps(device, waveform(t)[None, :], step)
    change = max(np.max(np.abs(maps.a - 1)), np.max(maps.b), np.max(np.abs(maps.sweep)))
    if change > LONE_SPIKE_TOLERANCE:
        raise ValueError(
            f"the {role} waveform alone moves a barrier class by {change:.3g} "
            f"(> {LONE_SPIKE_TOLERANCE}): device STDP needs each spike below the switching "
            "threshold on its own — lower its amplitude or shorten it"
        )


def stdp_synapses(
    device,
    source,
    target,
    pre_waveform,
    post_waveform,
    window=None,
    resolution=None,
    on_pre_extra="",
    on_post_extra="",
    name="cogd_stdp*",
    model=None,
    **kwargs,
):
    """Brian2 Synapses with Co/Gd device STDP generated from two spike waveforms.

    See :meth:`spinbrian.devices.cogd.CoGdDevice.stdp_synapses`.
    """
    for label, value in (("window", window), ("resolution", resolution)):
        if value is not None:
            require_range(label, require_unit(label, value, second), 0, low_open=True)
    check_lone_spike(device, pre_waveform, "presynaptic")
    check_lone_spike(device, post_waveform, "postsynaptic")
    window = float(
        (window if window is not None else _default_window(pre_waveform, post_waveform)) / second
    )
    clock_dt = kwargs.get("dt", None)
    step = (
        resolution
        if resolution is not None
        else (clock_dt if clock_dt is not None else defaultclock.dt)
    )
    step = float(step / second)
    if 2 * window / step > MAX_TABLE_ROWS:
        raise ValueError(
            f"window = {window * second}, resolution = {step * second}: the table would hold "
            f"{2 * window / step:.3g} rows; need 2·window/resolution ≤ {MAX_TABLE_ROWS}"
        )
    n = int(round(2 * window / step)) + 1
    maps = pair_maps(device, pre_waveform, post_waveform, np.linspace(-window, window, n))
    table = TimedArray(np.column_stack([maps.a, maps.b, maps.sweep]), dt=step * second)
    K = device.K
    own_model = "\n".join(
        [
            class_equations(K),
            "t_pre_shifted : second",
            "t_post_shifted : second",
            f"w = {up_fraction(K)} : 1",
        ]
    )
    # Last spike times are stored shifted by NEVER, so that the default 0 reads as a spike
    # long before any window ("no partner yet") without flags to test.
    on_pre = [
        f"w_read = {up_fraction(K)}",
        on_pre_extra,
        "pair_delay = t_post_shifted - stdp_never - t",
        # a post spike in the same time step pairs at the post side (Δt = 0), once
        pair_code(K, "pair_delay", "stdp_window", "stdp_table", gate="int(pair_delay < 0*second)"),
        "t_pre_shifted = t + stdp_never",
    ]
    on_post = [
        f"w_read = {up_fraction(K)}",
        on_post_extra,
        "pair_delay = t - (t_pre_shifted - stdp_never)",
        pair_code(K, "pair_delay", "stdp_window", "stdp_table"),
        "t_post_shifted = t + stdp_never",
    ]
    namespace = dict(
        device.namespace, stdp_window=window * second, stdp_table=table, stdp_never=NEVER
    )
    own = dict(
        on_pre="\n".join(filter(None, on_pre)),
        on_post="\n".join(filter(None, on_post)),
        namespace=namespace,
        name=name,
    )
    return Synapses(
        source,
        target,
        model=extend_model(own_model, model, inputs=()),
        **merge_keywords("CoGdDevice.stdp_synapses", own, kwargs, hints=EVENT_CODE_HINTS),
    )


def _default_window(pre, post):
    """Longest delay at which the two waveforms still overlap (s, as a Quantity)."""
    return max(pre.duration, post.duration) * second
