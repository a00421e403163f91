"""Run a batch of independent junctions and return their trajectories as plain arrays.

Sweeps use the compiled batch kernel (:mod:`spinbrian.batch`); runs that show the model a
user puts in a network use one Brian2 NeuronGroup holding every junction (numpy target).
"""

import time

import numpy as np
from brian2 import Network, StateMonitor, prefs, second
from brian2.units.allunits import amp, meter

from spinbrian import batch


def say(progress, text):
    """Pass one progress line to ``progress`` (a callable, or None for silence)."""
    if progress is not None:
        progress(text)


def _brian2_progress(progress, label):
    if progress is None:
        return None

    def report(elapsed, completed, start, duration):
        progress(f"  {label}: {100 * completed:3.0f} % ({float(elapsed):.0f} s)")

    return report


def simulate(
    device,
    duration,
    dt,
    j=None,
    H_app=None,
    m0=None,
    progress=None,
    label="run",
    use_brian2=False,
):
    """Integrate N independent junctions of ``device`` at T = 0.

    Parameters
    ----------
    device : spinbrian.devices.MTJ
        The device (its temperature is used as given).
    duration, dt : Quantity
        Simulated time and time step.
    j : Quantity, optional
        Current density, one per junction (sets N).
    H_app : Quantity, optional
        Applied field, (N, 3).
    m0 : array-like, optional
        Initial directions, (N, 3) or a 3-vector.
    progress : callable, optional
        Called with a progress line (str) during long runs.
    label : str
        Name of the run in progress lines.
    use_brian2 : bool
        Integrate with a Brian2 NeuronGroup (numpy target) instead of the batch kernel.

    Returns
    -------
    t : ndarray
        Sample times (s), one per step, starting at 0.
    m : ndarray
        Directions, shape (N, 3, len(t)).
    """
    sizes = [len(np.atleast_2d(np.asarray(H_app))) if H_app is not None else 0]
    if j is not None:
        sizes.append(np.size(np.asarray(j)))
    if m0 is not None and np.ndim(m0) == 2:
        sizes.append(len(m0))
    N = max(max(sizes), 1)
    t0 = time.perf_counter()
    if use_brian2:
        t, m = _brian2(device, duration, dt, N, j, H_app, m0, progress, label)
    else:
        res = batch.simulate(device, duration, dt, N=N, j=j, H_app=H_app, m0=m0)
        t, m = _from_batch(res, N)
    if progress is not None:
        how = "Brian2 (numpy)" if use_brian2 else "batch kernel"
        progress(
            f"  {label}: {N} junctions, {len(t) - 1} steps, {how}, {time.perf_counter() - t0:.1f} s"
        )
    return t, m


def _from_batch(res, N):
    # BatchResult: t (n_rec,) from 0, m (n_rec, N, 3) with the initial state first.
    t = np.asarray(res.t / second, float)
    m = np.asarray(res.m, float).transpose(1, 2, 0)
    if m.shape != (N, 3, len(t)):
        raise ValueError(f"unexpected batch trajectory shape {res.m.shape} for N={N}")
    return t, m


def _brian2(device, duration, dt, N, j, H_app, m0, progress, label):
    old = prefs.codegen.target
    prefs.codegen.target = "numpy"
    try:
        group = device.neurons(N, j=j, H_app=H_app, m0=m0, dt=dt, name="experiment_mtj*")
        # Record at the start of each step: the first sample is the initial state.
        mon = StateMonitor(group, ["mx", "my", "mz"], record=True, dt=dt, when="start")
        net = Network(group, mon)
        net.run(
            duration,
            report=_brian2_progress(progress, label),
            report_period=10 * second,
        )
    finally:
        prefs.codegen.target = old
    # Append the final state so that both back ends return t = 0, dt, ..., duration.
    t = np.append(mon.t_[:], float(net.t))
    final = np.stack([group.mx[:], group.my[:], group.mz[:]], axis=1)[:, :, None]
    m = np.concatenate([np.stack([mon.mx[:], mon.my[:], mon.mz[:]], axis=1), final], axis=2)
    return t, m


J_UNIT = amp / meter**2
A_PER_M = amp / meter
