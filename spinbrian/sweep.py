"""Parameter sweeps on dask.distributed, results as labelled arrays (xarray, netCDF).

Every point of a grid is one independent task ``func(**point, **fixed)`` that runs on a
dask.distributed worker: an embedded ``LocalCluster`` by default, or any scheduler given by
its address. Brian2 objects do not pickle (brian2#224), so a task receives plain values and
Brian2 quantities, builds its network inside and returns numbers or arrays; the results are
assembled in grid order into an :class:`xarray.Dataset` and can be written to netCDF.

Each task starts in a fresh Brian2 scope on the worker's default device and preferences,
which are restored when it ends, so one task's ``set_device``, ``prefs`` or
``defaultclock.dt`` do not leak into the next task run by the same worker. Brian2's state is
global per process: keep ``threads_per_worker=1`` (the default) for Brian2 tasks.

A sweep keeps what finished: with ``path=`` every finished point goes to a point log next
to the file as it arrives (:mod:`spinbrian.sweep_store`), so a failure, Ctrl-C or SIGTERM
loses nothing that ran and ``resume=True`` runs only the rest; ``on_error="record"`` lets
the other points go on past a failing one.
"""

import contextlib
import importlib
import inspect
import itertools
import logging
import os
import signal
import sys
import threading
import time
import traceback
import warnings
from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple

import brian2
import numpy as np
import xarray as xr
from brian2 import Quantity, get_unit
from brian2.devices import reinit_devices, reset_device
from distributed import Client, LocalCluster, as_completed

from spinbrian import __version__
from spinbrian.devices.validation import require_count
from spinbrian.sweep_store import PointLog, log_path

#: How long to wait for a scheduler given by its address before giving up (s).
CONNECT_TIMEOUT = 5
#: How often the progress line refreshes while no task finishes (s).
_POLL = 0.25


class SweepError(RuntimeError):
    """A sweep task failed; ``point`` holds the parameters it was called with."""

    def __init__(self, message, point):
        super().__init__(message)
        self.point = point


class SweepInterrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM stopped a sweep; what finished is in ``log`` (None without path)."""

    def __init__(self, message, done, total, log):
        super().__init__(message)
        self.done, self.total, self.log = done, total, log


class _TaskError(Exception):
    """A task's exception as text: Brian2's exceptions hold objects that do not unpickle."""


class _Output(NamedTuple):
    """One output of one task: SI values without units, as the worker sends it back."""

    dims: tuple
    values: np.ndarray
    units: str | None
    coords: dict  # name -> (values, units)


def _split_units(value):
    """``value`` as a plain array in SI base units, and the unit's name (None if none)."""
    if isinstance(value, list | tuple) and any(isinstance(v, Quantity) for v in value):
        value = Quantity(value)
    if isinstance(value, Quantity) and not value.is_dimensionless:
        unit = get_unit(value.dim)
        return np.asarray(value / unit), str(unit)
    return np.asarray(value), None


def _output(name, value):
    if not isinstance(value, tuple):
        values, units = _split_units(value)
        if values.ndim:
            raise ValueError(f"output {name!r} is an array: return (dims, values[, coords])")
        return _Output((), values, units, {})
    dims, data, coords = (*value, {}) if len(value) == 2 else value
    values, units = _split_units(data)
    if values.ndim != len(dims):
        raise ValueError(f"output {name!r}: {values.ndim}-d values for dims {tuple(dims)}")
    if set(coords) - set(dims):
        raise ValueError(f"output {name!r}: coordinates {sorted(coords)} not all in {dims}")
    return _Output(tuple(dims), values, units, {k: _split_units(v) for k, v in coords.items()})


@contextlib.contextmanager
def _fresh_brian2():
    """A new Brian2 scope; device, preferences and default dt restored afterwards."""
    device, dt, prefs = brian2.get_device(), brian2.defaultclock.dt, dict(brian2.prefs)
    # Worker processes share Brian2's Cython cache (~/.cython/brian_extensions): with this
    # preference Brian2 holds a file lock on each module while it compiles or loads it.
    brian2.prefs.codegen.runtime.cython.multiprocess_safe = True
    brian2.start_scope()
    try:
        yield
    finally:
        reinit_devices()  # a built standalone project would refuse the next task's run
        reset_device(device)
        brian2.prefs.update(prefs)
        brian2.defaultclock.dt = dt


def _run_task(func, kwargs):
    """Run one grid point on a worker and return its outputs as plain arrays."""
    try:
        with _fresh_brian2():
            return {name: _output(name, value) for name, value in func(**kwargs).items()}
    except Exception as exc:
        raise _TaskError("".join(traceback.format_exception(exc)).rstrip()) from None


def _format(value):
    return f"{value:g}" if isinstance(value, float) else str(value)


def _label(point):
    return ", ".join(f"{name}={_format(value)}" for name, value in point.items())


def _clock(seconds):
    minutes, secs = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class _Progress:
    """One status line on stderr, rewritten in place as tasks complete."""

    def __init__(self, name, total, enabled, done=0):
        self.name, self.total, self.enabled = name, total, enabled
        self.done, self.first, self.start = done, done, time.monotonic()
        self._show()

    def _show(self, end=""):
        if not self.enabled:
            return
        elapsed = time.monotonic() - self.start
        line = f"sweep {self.name}: {self.done}/{self.total} tasks, {_clock(elapsed)} elapsed"
        if 0 < self.done - self.first < self.total - self.first:
            rate = elapsed / (self.done - self.first)
            line += f", ~{_clock(rate * (self.total - self.done))} left"
        sys.stderr.write(f"\r{line}{end}")
        sys.stderr.flush()

    def advance(self):
        self.done += 1
        self._show()

    def refresh(self):
        """Rewrite the line (elapsed time) while a long task runs; at most once a second."""
        now = time.monotonic()
        if now - getattr(self, "_shown", 0) >= 1:
            self._shown = now
            self._show()

    def close(self):
        self._show(end="\n")


def local_cluster(n_workers=2, threads_per_worker=1):
    """A quiet local dask cluster of worker processes, to share between sweeps.

    No dashboard; the scheduler and its HTTP endpoint listen on free loopback ports, so
    several clusters can run side by side. Use it as a context manager and pass
    ``cluster.scheduler_address`` to :func:`sweep` to pay the worker start-up once.

    Parameters
    ----------
    n_workers, threads_per_worker : int
        Worker processes and threads in each (Brian2 tasks need one thread).

    Returns
    -------
    distributed.LocalCluster
    """
    return LocalCluster(
        n_workers=require_count("n_workers", n_workers, 1),
        threads_per_worker=require_count("threads_per_worker", threads_per_worker, 1),
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},  # else it tries port 8787
        silence_logs=logging.CRITICAL,  # failures come back as SweepError
    )


@contextlib.contextmanager
def _client(scheduler, n_workers, threads_per_worker):
    if scheduler is not None:
        try:
            client = Client(scheduler, set_as_default=False, timeout=CONNECT_TIMEOUT)
        except (OSError, ValueError, TimeoutError) as exc:
            raise ConnectionError(
                f"no dask scheduler answered at {scheduler!r} within {CONNECT_TIMEOUT} s "
                f"({type(exc).__name__}: {exc})"
            ) from None
        with client:
            yield client
        return
    with (
        local_cluster(n_workers, threads_per_worker) as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        yield client


def _check_import(module, qualname):
    """On a worker: import the task function as pickle will (raises if it cannot)."""
    target = importlib.import_module(module)
    for part in qualname.split("."):
        target = getattr(target, part)


def _check_workers_import(client, func):
    """Fail now, not never: a worker that cannot unpickle a task leaves it pending forever."""
    module = getattr(func, "__module__", None)
    if not inspect.isfunction(func) or module in (None, "__main__") or "<" in func.__qualname__:
        return  # shipped by value (cloudpickle), not imported by name
    answers = client.run(_check_import, module, func.__qualname__, on_error="return")
    failed = {worker: exc for worker, exc in answers.items() if isinstance(exc, Exception)}
    if failed:
        worker, exc = next(iter(failed.items()))
        raise SweepError(
            f"{len(failed)} of {len(answers)} workers cannot import {module}:"
            f"{func.__qualname__} (e.g. {worker}: {type(exc).__name__}: {exc}); install the "
            "module where the workers run, or name it as module:function on the spinbrian "
            "sweep command line, which ships it by value",
            None,
        )


def _why(exc):
    return str(exc) if isinstance(exc, _TaskError) else f"{type(exc).__name__}: {exc}"


@contextlib.contextmanager
def _sigterm_as_interrupt():
    """SIGTERM stops the sweep like Ctrl-C (main thread only: Python's signal rule)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _compute(client, func, points, fixed, todo, log, on_error, progress):
    """Run the points ``todo``; each outcome goes to ``log`` (if any) as it arrives.

    Returns
    -------
    dict
        ``{index: (outputs, None)}`` or ``{index: (None, error text)}`` of the points run.
    """
    submitted = [client.submit(_run_task, func, {**points[i], **fixed}, pure=False) for i in todo]
    index = {future.key: i for future, i in zip(submitted, todo, strict=True)}
    finished = {}
    queue = as_completed(submitted, loop=client.loop)
    try:
        while not queue.is_empty():
            batch = queue.next_batch(block=False)
            if not batch:  # poll, so the elapsed time moves and Ctrl-C is heard
                progress.refresh()
                time.sleep(_POLL)
            for future in batch:
                i = index[future.key]
                try:
                    outcome = (future.result(), None)
                except Exception as exc:
                    outcome = (None, _why(exc))
                if log is not None:
                    log.add(i, *outcome)
                finished[i] = outcome
                progress.advance()
                if outcome[1] is not None and on_error == "raise":
                    raise SweepError(
                        f"sweep {progress.name}: the task at {_label(points[i])} failed:\n"
                        f"{outcome[1]}",
                        points[i],
                    )
    finally:
        client.cancel(submitted)
        progress.close()
    return finished


def _check_writable(path):
    """Refuse an output path the result could not be written to, before any task runs."""
    path = Path(path)
    if path.is_dir():
        raise ValueError(f"path = '{path}' is a directory: give a file name (.nc)")
    if not path.parent.is_dir():
        raise ValueError(f"path = '{path}': the directory '{path.parent}' does not exist")
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise PermissionError(f"path = '{path}' is not writable")


def _axis(name, values):
    """Coordinate values (SI, no units), their unit's name and the values func receives."""
    if isinstance(values, str) or np.ndim(values) != 1 or len(values) == 0:
        raise ValueError(f"grid[{name!r}] must be a non-empty 1-D sequence, not {values!r}")
    plain, units = _split_units(values)
    unit = get_unit(Quantity(values).dim) if units else None
    return plain, units, [v.item() if unit is None else v * unit for v in plain]


def _attr(value):
    """An attribute netCDF3 can hold: numbers and strings as they are, the rest as text."""
    ok = isinstance(value, str | int | float | np.number) and not isinstance(value, bool)
    return value if ok else str(value)


def _variable(name, first, results, points):
    for result, point in zip(results, points, strict=True):
        out = result.get(name)
        same = (
            out is not None
            and (out.dims, out.values.shape, out.units)
            == (first.dims, first.values.shape, first.units)
            and out.coords.keys() == first.coords.keys()
            and all(
                np.array_equal(out.coords[k][0], c) and out.coords[k][1] == u
                for k, (c, u) in first.coords.items()
            )
        )
        if not same:
            raise ValueError(
                f"output {name!r} at {_label(point)} differs from the first point in presence, "
                "dims, shape, units or coordinates"
            )
    return np.stack([result[name].values for result in results])


def _blank(output):
    """What a failed point holds for ``output``: NaN, or "" for text."""
    text = output.values.dtype.kind in "USO"
    return output._replace(values=np.full(output.values.shape, "" if text else np.nan))


def _assemble(axes, outcomes, points, record_errors):
    """The Dataset of every point's ``(outputs, error)``; failed points hold NaN."""
    shape = tuple(len(plain) for plain, _, _ in axes.values())
    coords = {
        dim: (dim, plain, {"units": units} if units else {})
        for dim, (plain, units, _) in axes.items()
    }
    data_vars = {}
    if record_errors:
        errors = np.array([error or "" for _, error in outcomes]).reshape(shape)
        data_vars["error"] = (tuple(axes), errors, {"description": "traceback, '' if it ran"})
    ran = [outputs for outputs, error in outcomes if error is None]
    template = ran[0] if ran else {}
    results = [
        outputs if error is None else {k: _blank(v) for k, v in template.items()}
        for outputs, error in outcomes
    ]
    for name, first in template.items():
        values = _variable(name, first, results, points).reshape(shape + first.values.shape)
        data_vars[name] = (
            (*axes, *first.dims),
            values,
            {"units": first.units} if first.units else {},
        )
        for cname, (cvalues, cunits) in first.coords.items():
            coords[cname] = (cname, cvalues, {"units": cunits} if cunits else {})
    if extra := set().union(*ran).difference(data_vars):
        raise ValueError(f"outputs {sorted(extra)} are missing at the first point")
    return xr.Dataset(data_vars, coords=coords)


def _flag_nans(ds, name, failed):
    """Warn about (and note in attrs) NaN outputs at points whose task did not fail."""
    flagged = []
    for var in ds.data_vars:
        if ds[var].dtype.kind != "f":
            continue
        values = ds[var].values.reshape((*failed.shape, -1))
        nan = np.isnan(values).any(axis=-1) & ~failed
        if nan.any():
            flagged.append(f"{var} ({nan.sum()} of {nan.size} points)")
    if flagged:
        ds.attrs["nan_outputs"] = ", ".join(flagged)
        warnings.warn(f"sweep {name}: NaN results in {ds.attrs['nan_outputs']}", stacklevel=3)


def _signature(func, axes, fixed):
    """What identifies a sweep in its point log."""
    return {
        "task": f"{func.__module__}:{func.__qualname__}",
        "grid": {name: (plain.tolist(), units) for name, (plain, units, _) in axes.items()},
        "fixed": {name: repr(value) for name, value in fixed.items()},
    }


def sweep(
    func,
    grid,
    *,
    fixed=None,
    scheduler=None,
    n_workers=2,
    threads_per_worker=1,
    progress=True,
    path=None,
    attrs=None,
    on_error="raise",
    resume=False,
):
    """Run ``func`` at every point of a parameter grid on dask.distributed.

    Parameters
    ----------
    func : callable
        ``func(**point, **fixed)`` → mapping of output name to a scalar (number, bool,
        string or Brian2 quantity) or to ``(dims, values[, coords])`` for an array output
        (``dims`` a tuple of names, ``coords`` a dict of 1-D coordinates). It must be
        importable by the workers (a module-level function) and build any Brian2 objects
        inside: they do not pickle (brian2#224). Each call starts in a fresh Brian2 scope.
    grid : dict
        Parameter name → 1-D sequence of values (numbers, strings or Brian2 quantities).
        The Cartesian product is swept; the names become the leading dimensions in order.
    fixed : dict, optional
        Further keyword arguments, the same at every point.
    scheduler : str, optional
        Address of a running dask scheduler (``"tcp://host:8786"``). Default: an embedded
        ``LocalCluster`` of worker processes, closed at the end.
    n_workers, threads_per_worker : int
        Size of the embedded cluster. Brian2's state is per process: keep one thread.
    progress : bool
        Write a progress line (tasks done, elapsed, estimated time left) to stderr.
    path : str or path-like, optional
        Also write the result to this netCDF file (see :func:`save`), checked before any
        task runs. Meanwhile each finished point is kept in the point log ``path +
        ".points"`` (:mod:`spinbrian.sweep_store`), deleted when the file is written.
    attrs : dict, optional
        Extra global attributes (non-numbers are stored as strings).
    on_error : {"raise", "record"}
        ``"raise"``: the first failing task stops the sweep (what finished stays in the
        point log). ``"record"``: the other points go on; the result gets a variable
        ``error`` (the traceback, ``""`` where the task ran) and NaN (``""`` for text)
        in every output of a failed point.
    resume : bool
        Continue the sweep whose point log lies next to ``path``: only the points it does
        not hold, or that failed, run again. The log must be of the same task, grid and
        fixed values.

    Returns
    -------
    xarray.Dataset
        One variable per output, dims ``(*grid, *output dims)``. Quantities are stored in
        SI base units with the unit's name in ``attrs["units"]``; global attributes record
        the task, the grid, the fixed parameters, the spinbrian version and the wall time.

    Raises
    ------
    SweepError
        When a task fails (``on_error="raise"``): the message names the parameter point
        and holds the task's traceback from the worker; or when the workers cannot import
        ``func``.
    SweepInterrupted
        On Ctrl-C or SIGTERM (a ``KeyboardInterrupt``): the message says how many points
        finished and where they are kept.
    ConnectionError
        When no scheduler answers at ``scheduler`` within :data:`CONNECT_TIMEOUT` seconds.

    Warns
    -----
    UserWarning
        When a task that ran returned NaN in an output (also ``attrs["nan_outputs"]``).

    Notes
    -----
    The embedded cluster's workers are spawned processes that import the main module: in
    a script, call :func:`sweep` under ``if __name__ == "__main__":``. Tasks that build
    ``cpp_standalone`` projects need a directory per task (``directory=None``, a fresh
    temporary one), not a shared one. Several sweeps can share one :func:`local_cluster`.

    Examples
    --------
    >>> from brian2 import ms
    >>> from spinbrian.sweep import sweep
    >>> from spinbrian.sweep_tasks import lif_rate
    >>> ds = sweep(lif_rate, {"current": [0.5, 1.5, 3.0]}, fixed={"tau": 20 * ms},
    ...            progress=False)  # doctest: +SKIP
    >>> ds.rate.sel(current=1.5).item(), ds.rate.attrs["units"]  # doctest: +SKIP
    (41.7..., 'Hz')
    """
    if not callable(func):
        raise TypeError(f"func = {func!r}: need a callable task (see spinbrian.sweep_tasks)")
    fixed = dict(fixed or {})
    if not grid:
        raise ValueError("grid is empty: give at least one parameter to sweep")
    if scheduler is None:
        require_count("n_workers", n_workers, 1)  # 0 would wait forever
        require_count("threads_per_worker", threads_per_worker, 1)
    if on_error not in ("raise", "record"):
        raise ValueError(f"on_error = {on_error!r}: use 'raise' or 'record'")
    if resume and path is None:
        raise ValueError("resume=True needs path=: the point log lies next to that file")
    if both := set(grid) & set(fixed):
        raise ValueError(f"parameters {sorted(both)} are both swept and fixed")
    if path is not None:
        _check_writable(path)
    axes = {name: _axis(name, values) for name, values in grid.items()}
    points = [
        dict(zip(axes, combo, strict=True))
        for combo in itertools.product(*(values for _, _, values in axes.values()))
    ]
    try:
        inspect.signature(func).bind(**points[0], **fixed)
    except TypeError as exc:
        names = sorted({*grid, *fixed})
        raise TypeError(
            f"grid/fixed = {names}: {func.__name__} cannot be called with them ({exc})"
        ) from None
    name = func.__name__
    log = None if path is None else PointLog(log_path(path), _signature(func, axes, fixed), resume)
    outcomes = dict(log.finished) if log else {}
    todo = [i for i in range(len(points)) if outcomes.get(i, (None, "to run"))[1] is not None]
    start = time.monotonic()
    try:
        with _sigterm_as_interrupt():
            if todo:
                with _client(scheduler, n_workers, threads_per_worker) as client:
                    _check_workers_import(client, func)
                    bar = _Progress(name, len(points), progress, done=len(points) - len(todo))
                    outcomes.update(_compute(client, func, points, fixed, todo, log, on_error, bar))
    except KeyboardInterrupt:
        raise _interrupted(name, log, len(points)) from None
    except SweepError as exc:
        if log is not None:
            log.close()
            kept = sum(error is None for _, error in log.finished.values())
            exc.args = (
                f"{exc.args[0]}\n(points finished: {kept}, kept in {log.path}; fix the "
                "task and run the same sweep with resume=True, --resume, for the rest)",
            )
        raise
    ds = _assemble(axes, [outcomes[i] for i in range(len(points))], points, on_error == "record")
    failed = np.array([outcomes[i][1] is not None for i in range(len(points))])
    _flag_nans(ds, name, failed.reshape(tuple(len(v) for _, _, v in axes.values())))
    ds.attrs = {
        "sweep": name,
        "task": f"{func.__module__}:{func.__qualname__}",
        "grid": " x ".join(f"{name}[{len(values)}]" for name, (_, _, values) in axes.items()),
        "fixed": ", ".join(f"{name}={_format(value)}" for name, value in fixed.items()),
        "spinbrian_version": __version__,
        "wall_time_s": round(time.monotonic() - start, 3),
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        **({"failed_points": int(failed.sum())} if on_error == "record" else {}),
        **({"nan_outputs": ds.attrs["nan_outputs"]} if "nan_outputs" in ds.attrs else {}),
        **{key: _attr(value) for key, value in (attrs or {}).items()},
    }
    if path is not None:
        save(ds, path)
        log.close(delete=True)
    return ds


def _interrupted(name, log, total):
    """The :class:`SweepInterrupted` to raise, with what finished and where it is."""
    if log is None:
        return SweepInterrupted(
            f"sweep {name}: interrupted; nothing was kept (give path= to keep finished points)",
            0,
            total,
            None,
        )
    log.close()
    done = sum(error is None for _, error in log.finished.values())
    return SweepInterrupted(
        f"sweep {name}: interrupted with {done} of {total} points finished; they are kept "
        f"in {log.path}: run the same sweep with resume=True (--resume) for the rest",
        done,
        total,
        log.path,
    )


def _recast(ds, dtype_of):
    """``ds`` with each variable for which ``dtype_of(var)`` is a dtype cast to it."""
    new = {}
    for name, var in ds.variables.items():
        dtype = dtype_of(var)
        if dtype is not None:
            new[name] = var.astype(dtype)
    coords = {name: var for name, var in new.items() if name in ds.coords}
    return ds.assign_coords(coords).assign({n: v for n, v in new.items() if n not in coords})


def _netcdf3_dtype(var):
    if var.dtype.kind not in "iu":
        return None  # xarray encodes bool (as int8) and strings (as chars) itself
    info = np.iinfo(np.int32)
    fits = var.size == 0 or (info.min <= var.values.min() and var.values.max() <= info.max)
    return np.int32 if fits else np.float64


def save(ds, path):
    """Write a sweep's Dataset to a netCDF3 file (scipy engine, no netCDF4 library).

    Integers become int32 (float64 when they do not fit), booleans and strings are encoded
    by xarray, and attributes netCDF3 cannot hold are stored as strings.

    Parameters
    ----------
    ds : xarray.Dataset
        The result of :func:`sweep` (or any Dataset of numbers, booleans and strings).
    path : str or path-like
        The file to write (``.nc``).
    """
    if not isinstance(ds, xr.Dataset):
        raise TypeError(f"ds = {ds!r:.60}: need an xarray.Dataset (a sweep's result)")
    _check_writable(path)
    ds = _recast(ds, _netcdf3_dtype)
    ds.attrs = {key: _attr(value) for key, value in ds.attrs.items()}
    for var in ds.variables.values():
        var.attrs = {key: _attr(value) for key, value in var.attrs.items()}
    ds.to_netcdf(path, engine="scipy", format="NETCDF3_64BIT")


def load(path):
    """Read a sweep written by :func:`sweep` or :func:`save` into memory.

    Parameters
    ----------
    path : str or path-like
        The netCDF file.

    Returns
    -------
    xarray.Dataset
        The sweep, strings back as ``str`` arrays; the file is closed.
    """
    if not Path(path).is_file():
        raise FileNotFoundError(f"path = '{path}': no such file")
    try:
        ds = xr.load_dataset(path, engine="scipy")
    except (TypeError, ValueError, OSError) as exc:
        raise ValueError(f"path = '{path}' is not a netCDF3 sweep file ({exc})") from None
    return _recast(ds, lambda var: str if var.dtype == object else None)


__all__ = ["SweepError", "SweepInterrupted", "load", "local_cluster", "save", "sweep"]
