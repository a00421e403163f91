"""Named sweep tasks for ``spinbrian sweep NAME``: a function and its default grid.

A task is a module-level function ``func(**params)`` that builds its Brian2 objects
inside (they do not pickle, brian2#224) and returns a mapping of outputs, as
:func:`spinbrian.sweep.sweep` expects. Register one with :func:`register_sweep`; any
importable function is also reachable as ``"module:function"`` through :func:`get_sweep`.
Importing this module defines the tasks and nothing else (no simulation, no cluster).
"""

import importlib
import inspect
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import cloudpickle
import numpy as np
from brian2 import (
    Hz,
    Mohm,
    Network,
    NeuronGroup,
    NumpyCodeObject,
    SpikeMonitor,
    mA,
    ms,
    mV,
    second,
)

from spinbrian.devices.validation import require_number, require_range, require_unit


@dataclass(frozen=True)
class SweepTask:
    """A sweep task: the function, its default grid and fixed parameters.

    Attributes
    ----------
    name : str
        Registry key (``spinbrian sweep NAME``).
    func : callable
        ``func(**point, **fixed)`` → mapping of outputs (see :func:`spinbrian.sweep.sweep`).
    grid : dict
        Default grid: parameter name → 1-D values.
    fixed : dict
        Default fixed parameters.
    description : str
        One line for ``spinbrian sweep --list``.
    """

    name: str
    func: Callable
    grid: dict = field(default_factory=dict)
    fixed: dict = field(default_factory=dict)
    description: str = ""


#: Registered tasks by name, in registration order.
SWEEPS = {}


def register_sweep(name, grid, description="", fixed=None):
    """Decorator: register ``func`` as the sweep task ``name`` with its default grid.

    Parameters
    ----------
    name : str
        Registry key.
    grid : dict
        Default grid: parameter name → 1-D values.
    description : str, optional
        One line for ``spinbrian sweep --list``.
    fixed : dict, optional
        Default fixed parameters.

    Returns
    -------
    callable
        The decorator; it returns ``func`` unchanged.
    """

    def decorator(func):
        if name in SWEEPS:
            raise ValueError(f"sweep task {name!r} is already registered")
        SWEEPS[name] = SweepTask(name, func, dict(grid), dict(fixed or {}), description)
        return func

    return decorator


def get_sweep(name):
    """The task registered as ``name``, or the function ``"module:function"``.

    A ``"module:function"`` that is registered (its module registers it on import) comes
    with its default grid; any other function comes with an empty grid.

    Parameters
    ----------
    name : str
        A key of :data:`SWEEPS` or ``"package.module:function"``.

    Returns
    -------
    SweepTask
    """
    if ":" not in name:
        if name not in SWEEPS:
            raise ValueError(
                f"unknown sweep {name!r}: choose one of {', '.join(SWEEPS)} or give module:function"
            )
        return SWEEPS[name]
    module_name, _, attr = name.partition(":")
    module, from_cwd = _import_task_module(module_name)
    func = getattr(module, attr, None)
    if not callable(func):
        raise ValueError(f"module {module_name!r} ({module.__file__}) has no function {attr!r}")
    registered = [task for task in SWEEPS.values() if task.func is func]
    if registered:
        return registered[0]
    doc = (func.__doc__ or "").strip().splitlines()
    return SweepTask(
        attr, ByValue(func, module) if from_cwd else func, description=doc[0] if doc else ""
    )


def _import_task_module(module_name):
    """The module, and whether it was found only in the current directory.

    The console script's ``sys.path`` starts with its own bin directory, not the current
    directory, so a ``mytasks.py`` next to the user needs the current directory added (as
    ``python -m`` would). Workers may not have it on their path: such a module's functions
    travel by value (:class:`ByValue`), also when it is asked for again once imported.
    """
    top = module_name.split(".")[0]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != top:
            raise  # the module exists but imports something missing: show that
        cwd = str(Path.cwd())
        if cwd not in sys.path:
            sys.path.insert(0, cwd)
            _ADDED_TO_PATH.add(cwd)
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != top:
                raise
            raise ValueError(
                f"cannot import {module_name!r}: no such module in {cwd} or on the Python path"
            ) from None
    where = Path(getattr(module, "__file__", None) or "").resolve()
    return module, any(where.is_relative_to(Path(d).resolve()) for d in _ADDED_TO_PATH)


_ADDED_TO_PATH = set()  # directories _import_task_module put on sys.path


class ByValue:
    """A task function that travels to the workers by value.

    Workers on another machine, or started before the module's directory was on their
    path, cannot import a module that lives in the user's directory. This wrapper holds the
    function pickled by value (cloudpickle: its code and the module globals it uses) and
    runs it from that copy. It keeps the function's name and signature for :func:`sweep`.
    """

    def __init__(self, func, module):
        cloudpickle.register_pickle_by_value(module)
        try:
            self._pickled = cloudpickle.dumps(func)
        finally:
            cloudpickle.unregister_pickle_by_value(module)
        self.__name__, self.__qualname__ = func.__name__, func.__qualname__
        self.__module__, self.__doc__ = func.__module__, func.__doc__
        self.__signature__ = inspect.signature(func)

    def __call__(self, **params):
        """Run the shipped copy of the function."""
        return cloudpickle.loads(self._pickled)(**params)


@register_sweep(
    "lif_rate",
    grid={"current": np.linspace(0.5, 3.0, 6)},
    description="leaky integrate-and-fire neuron: simulated against analytic firing rate",
)
def lif_rate(
    current,
    tau=10 * ms,
    theta=20 * mV,
    R=100 * Mohm,
    t_ref=2 * ms,
    duration=0.5 * second,
    dt=0.05 * ms,
):
    """Firing rate of a leaky integrate-and-fire neuron under a constant current.

    ``dv/dt = (R I - v)/tau`` from rest (v = 0), spike and reset to 0 when v > θ, clamped
    for ``t_ref``; numpy target, exact integration. Above the rheobase I = θ/R the rate is
    1/(t_ref + τ ln(RI/(RI − θ))), below it zero.

    Parameters
    ----------
    current : float
        Drive in units of the rheobase θ/R.
    tau, theta, R, t_ref : Quantity
        Membrane time constant, threshold above rest, resistance, refractory period.
    duration, dt : Quantity
        Simulated time and time step.

    Returns
    -------
    dict
        ``rate`` (from the mean inter-spike interval, without the first spike's missing
        refractory period and the count's ±1 spike; 0 Hz with fewer than two spikes),
        ``rate_analytic`` and ``n_spikes``.
    """
    current = require_number("current", current, 0)
    for name, value, unit in (
        ("tau", tau, second),
        ("theta", theta, mV),
        ("R", R, Mohm),
        ("t_ref", t_ref, second),
        ("duration", duration, second),
        ("dt", dt, second),
    ):
        require_range(name, require_unit(name, value, unit), 0, low_open=name != "t_ref")
    I = current * theta / R
    group = NeuronGroup(
        1,
        "dv/dt = (R*I - v)/tau : volt (unless refractory)",
        threshold="v > theta",
        reset="v = 0*volt",
        refractory=t_ref,
        method="exact",
        namespace={"R": R, "I": I, "tau": tau, "theta": theta},
        dt=dt,
        codeobj_class=NumpyCodeObject,
    )
    spikes = SpikeMonitor(group, codeobj_class=NumpyCodeObject)
    Network(group, spikes).run(duration)
    t = spikes.t[:]
    rate = (len(t) - 1) / (t[-1] - t[0]) if len(t) > 1 else 0 * Hz
    analytic = 1 / (t_ref + tau * np.log(current / (current - 1))) if current > 1 else 0 * Hz
    return {"rate": rate, "rate_analytic": analytic, "n_spikes": len(t)}


@register_sweep(
    "stdp_window",
    grid={"delay": np.arange(-12.0, 12.5, 2.0), "hx": np.array([300.0, 400.0, 500.0])},
    description="Co/Gd device STDP: ΔR_hall of a spike pair over (Δt in ms × |H_x| in Oe)",
)
def stdp_window_point(delay, hx, alox_nm=2.0, amplitude=13.0, tail=14.0):
    """ΔR_hall of one spike pair through a Brian2 Co/Gd synapse (seed 001 Fig. 3d).

    The film (:func:`spinbrian.presets.li2022_cogd`, H_x = −``hx``) is demagnetised by the
    seed's sequence, then the pair of :func:`spinbrian.presets.li2022_spike` waveforms
    arrives Δt = ``delay`` apart (:func:`spinbrian.networks.stdp_window.stdp_window`).

    Parameters
    ----------
    delay : float
        t_post − t_pre (ms).
    hx : float
        In-plane field magnitude (Oe); the field points along −x as in the seed.
    alox_nm : float
        AlOx thickness of the sample (nm).
    amplitude, tail : float
        Spike amplitude (mA) and tail duration (ms).

    Returns
    -------
    dict
        ``delta_R`` (Ω) and ``w_after`` (up-fraction after the pair).
    """
    from spinbrian import presets
    from spinbrian.constants import oersted
    from spinbrian.networks.stdp_window import stdp_window

    delay, hx = require_number("delay", delay), require_number("hx", hx, 0)
    device = presets.li2022_cogd(alox_nm=alox_nm, Hx=-hx * oersted)
    spike = presets.li2022_spike(amplitude=amplitude * mA, tail=tail * ms)
    window = stdp_window(device, spike, spike, [delay] * ms)
    return {"delta_R": float(window.delta_R[0]), "w_after": float(window.w_after[0])}


__all__ = ["SWEEPS", "SweepTask", "get_sweep", "lif_rate", "register_sweep", "stdp_window_point"]
