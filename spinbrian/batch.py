"""Many junctions at once through the compiled kernel, with Brian2 units at the boundary.

The physics is that of :meth:`spinbrian.MTJ.neurons` (same equations, RK4, per-step Brown
field, |m| renormalised each step); :mod:`spinbrian.cython_kernels.macrospin` integrates
it with plain floats. Use it for device characterisation and statistics; use Brian2 groups
when the junctions sit in a network.

Coupled junctions (interlayer exchange, dipolar fields) are integrated as one system: the
coupling field is recomputed from every RK4 stage, so the coupled run is fourth order in
dt, where Brian2's summed variables hold the neighbour's field for the step (first order).
Junctions may differ in every parameter (one :class:`~spinbrian.MTJ` each).
"""

from typing import NamedTuple

import numpy as np
from brian2 import Quantity, ohm, second, volt
from brian2.units.allunits import amp, meter

from spinbrian.cython_kernels import macrospin as _kernel
from spinbrian.devices.validation import (
    require_choice,
    require_count,
    require_finite_array,
    require_range,
    require_unit,
)

_A_PER_M = amp / meter
_J_UNIT = amp / meter**2


class TensorCoupling(NamedTuple):
    """Sparse 3×3 coupling: junction ``targets[e]`` feels ``tensors[e] @ m[sources[e]]``.

    Build it with :meth:`spinbrian.MTJ.dipolar_tensors` (magnetostatic) or directly, e.g.
    interlayer exchange K·I between two layers.
    """

    sources: np.ndarray
    """Source junction of each pair, shape (nnz,)."""
    targets: np.ndarray
    """Target junction of each pair, shape (nnz,)."""
    tensors: Quantity
    """K_e (A/m per unit m), shape (nnz, 3, 3)."""


class SharedSource(NamedTuple):
    """Junctions wired to voltage sources through load resistors (Kirchhoff, no reactance).

    The kernel's form of :func:`spinbrian.devices.electrical.shared_source`: each junction's
    share of its circuit's current, for the resistances R = R_P + ΔR(1 − m·p)/2 at every RK4
    stage, adds to its ``j`` (fourth order, where Brian2's summed variables are first).
    """

    V: Quantity
    """Source voltage (V), one value or one per circuit."""
    R_load: Quantity
    """Load resistance (Ω), one value or one per circuit; > 0 for parallel wiring."""
    topology: str = "series"
    """``"series"`` or ``"parallel"`` (every circuit)."""
    circuit: np.ndarray | None = None
    """The circuit of each junction (0, 1, …; −1: not wired); default: all in circuit 0."""


class BatchResult(NamedTuple):
    """Output of :func:`simulate`."""

    t: Quantity
    """Record times, shape (n_rec,)."""
    m: np.ndarray
    """Directions at the record times, shape (n_rec, N, 3)."""
    R: Quantity
    """TMR readout at the record times (ohm), shape (n_rec, N)."""
    m_final: np.ndarray
    """Directions at the end of the run, shape (N, 3)."""


def _size(value, ndim_row):
    a = np.asarray(value)
    return a.shape[0] if a.ndim > ndim_row else None


def _devices(device):
    """The device, or the per-junction list of devices, checked to be MTJs."""
    from spinbrian.devices.mtj import MTJ

    if isinstance(device, MTJ):
        return [device], False
    devices = list(device) if isinstance(device, (list, tuple)) else [device]
    if not devices or not all(isinstance(d, MTJ) for d in devices):
        raise TypeError(f"device = {device!r}: expected a spinbrian.MTJ or a list of them")
    return devices, True


def _coupling(coupling, N):
    """(plain coupling for the kernel, per-junction bound on the coupling field in A/m)."""
    if isinstance(coupling, TensorCoupling):
        ten = np.asarray(require_unit("coupling", coupling.tensors, _A_PER_M) / _A_PER_M, float)
        src = np.asarray(coupling.sources)
        tgt = np.asarray(coupling.targets)
        for label, idx in (("sources", src), ("targets", tgt)):
            if idx.shape != (len(ten),) or not np.issubdtype(idx.dtype, np.integer):
                raise ValueError(f"coupling.{label}: need {len(ten)} integer indices")
            if len(idx) and (idx.min() < 0 or idx.max() >= N):
                raise ValueError(f"coupling.{label}: indices must lie in [0, {N})")
        require_finite_array("coupling.tensors", ten, (len(ten), 3, 3))
        bound = np.bincount(tgt, np.abs(ten).sum(axis=2).max(axis=1), minlength=N)
        return (tgt, src, ten), bound
    K = np.asarray(require_unit("coupling", coupling, _A_PER_M) / _A_PER_M, float)
    if K.shape != (N, N):
        raise ValueError(f"coupling: shape {K.shape}, expected ({N}, {N})")
    require_finite_array("coupling", K, (N, N))
    return K, np.abs(K).sum(axis=1)


def _source(source, devices, at, N):
    """(plain circuit dict for the kernel, bound on each junction's circuit current density)."""
    from spinbrian.devices.electrical import TOPOLOGIES

    if not isinstance(source, SharedSource):
        raise TypeError(f"source = {source!r}: expected a spinbrian.batch.SharedSource")
    require_choice("source.topology", source.topology, TOPOLOGIES)
    member = np.zeros(N, int) if source.circuit is None else np.asarray(source.circuit)
    if member.shape != (N,) or not np.issubdtype(member.dtype, np.integer) or member.min() < -1:
        raise ValueError(f"source.circuit: need {N} circuit indices (−1: not wired)")
    count = int(member.max()) + 1
    if count < 1:
        raise ValueError("source.circuit: no junction is wired")
    V = np.asarray(require_unit("source.V", source.V, volt) / volt, float)
    R_load = np.asarray(require_unit("source.R_load", source.R_load, ohm) / ohm, float)
    V = require_finite_array("source.V", V, (count,))
    R_load = require_finite_array("source.R_load", R_load, (count,))
    parallel = source.topology == "parallel"
    if np.any(R_load < 0) or (parallel and np.any(R_load <= 0)):
        need = "> 0 for parallel wiring" if parallel else ">= 0"
        raise ValueError(f"source.R_load = {source.R_load}: allowed range is R_load {need}")
    area = np.array([float(devices[k].area / meter**2) for k in at])
    R_P = np.array([float(devices[k].R_P / ohm) for k in at])
    wired = member >= 0
    bound = np.zeros(N)  # |I_i| ≤ |V|/R_i ≤ |V|/R_P in either topology
    bound[wired] = np.abs(V[member[wired]]) / R_P[wired] / area[wired]
    circuit = {
        "member": member,
        "parallel": np.full(count, parallel),
        "V": V,
        "R_load": R_load,
        "area": area,
    }
    return circuit, bound


def simulate(
    device,
    duration,
    dt,
    N=None,
    j=None,
    H_app=None,
    m0=None,
    coupling=None,
    record_every=None,
    seed=None,
    source=None,
):
    """Integrate N junctions of ``device`` for ``duration``.

    Parameters
    ----------
    device : spinbrian.MTJ or list of spinbrian.MTJ
        The device, or one device per junction (they may differ in every parameter);
        T > 0 switches the Brown field on.
    duration, dt : Quantity
        Simulated time and time step (``duration`` is rounded to whole steps).
    N : int, optional
        Number of junctions (default: from the number of devices or the shapes of ``j``,
        ``H_app``, ``m0``, ``coupling``, else 1).
    j : Quantity, optional
        Current density (A/m²), scalar or (N,).
    H_app : Quantity, optional
        Applied field (A/m), a 3-vector or (N, 3).
    m0 : array_like, optional
        Initial direction, a 3-vector or (N, 3); default the easy axis.
    coupling : Quantity or TensorCoupling, optional
        An (N, N) matrix K (A/m): junction i feels H_c,i = Σ_k K[i, k] m_k; or a
        :class:`TensorCoupling` (a 3×3 tensor per pair). Evaluated at every RK4 stage.
    record_every : int or Quantity, optional
        Record every this many steps (or this interval), starting with the initial state;
        ``None`` records every step (24·N bytes per step), ``0`` only the final state.
    seed : int, optional
        Seed of the thermal noise: the same seed gives the same run.
    source : SharedSource, optional
        Voltage sources the junctions share (series or parallel): each junction's circuit
        current density adds to ``j``, evaluated at every RK4 stage.

    Returns
    -------
    BatchResult
        ``t``, ``m`` (n_rec, N, 3), ``R`` (n_rec, N) and ``m_final`` (N, 3).

    Examples
    --------
    >>> from brian2 import nsecond, psecond
    >>> from spinbrian import presets
    >>> mtj = presets.zheng2020_mtj()
    >>> res = simulate(mtj, 1 * nsecond, 0.5 * psecond, j=[0.8, 1.0] * mtj.j_unit,
    ...                m0=(0.05, 0, 1), record_every=100)
    >>> res.m.shape, res.R.shape
    ((21, 2, 3), (21, 2))
    """
    devices, per_junction = _devices(device)
    dt = require_unit("dt", dt, second)
    duration = require_unit("duration", duration, second)
    if seed is not None:
        seed = require_count("seed", seed)  # 1.5 used to run as seed 1
    if N is not None:
        N = require_count("N", N, 1)
    require_range("dt", dt, 0, low_open=True)
    require_range("duration", duration, 0)
    n_steps = int(round(float(duration / dt)))

    rows = (("j", j, 0), ("H_app", H_app, 1), ("m0", m0, 1))
    if coupling is not None and not isinstance(coupling, TensorCoupling):
        rows += (("coupling", coupling, 1),)
    sizes = {
        name: _size(value, ndim_row)
        for name, value, ndim_row in rows
        if value is not None and _size(value, ndim_row) is not None
    }
    if per_junction:
        sizes["device"] = len(devices)
    if N is None:
        N = max(sizes.values(), default=1)
    for name, size in sizes.items():
        if size != N:
            raise ValueError(f"{name} has {size} rows for N = {N} junctions (one per junction)")
    at = np.arange(N) if per_junction else np.zeros(N, dtype=int)

    j_si = np.zeros(N)
    if j is not None:
        j_si = require_finite_array("j", require_unit("j", j, _J_UNIT) / _J_UNIT, (N,))
    H_si = np.zeros((N, 3))
    if H_app is not None:
        H_si = require_finite_array(
            "H_app", require_unit("H_app", H_app, _A_PER_M) / _A_PER_M, (N, 3)
        )
    if m0 is None:
        m0 = np.array([devices[k].easy_axis for k in at], float)
    m_init = require_finite_array("m0", m0, (N, 3))
    if not np.all(np.linalg.norm(m_init, axis=1) > 0):
        raise ValueError(f"m0 = {m0!r}: every initial direction must be non-zero")
    K_si, K_bound = None, np.zeros(N)
    if coupling is not None:
        K_si, K_bound = _coupling(coupling, N)

    circuit, j_bound = None, np.abs(j_si)
    if source is not None:
        circuit, bound = _source(source, devices, at, N)
        j_bound = j_bound + bound

    # The coupling field counts toward the precession-rate bound of the dt check, the
    # circuit current toward the torque's.
    H_bound = np.linalg.norm(H_si, axis=1) + K_bound
    for k, dev in enumerate(devices):
        mine = at == k
        device_H = np.column_stack([H_bound[mine], 0 * H_bound[mine], 0 * H_bound[mine]])
        dev.check_dt(dt, H_app=device_H * _A_PER_M, j=j_bound[mine] * _J_UNIT)

    if record_every is None:
        every = 1
    elif isinstance(record_every, Quantity):
        require_range("record_every", require_unit("record_every", record_every, second), 0)
        every = int(round(float(record_every / dt)))
        if every < 1:
            raise ValueError(f"record_every = {record_every} is shorter than dt = {dt}")
    else:
        every = require_count("record_every", record_every)

    params = [dev.si() for dev in devices] if per_junction else devices[0].si()
    m_final, rec = _kernel.integrate(
        params,
        m_init,
        H_si,
        j_si,
        float(dt),
        n_steps,
        coupling=K_si,
        record_every=every,
        seed=seed,
        circuit=circuit,
    )
    if rec is None:
        rec = m_final[None]
        t = np.array([n_steps]) * dt
    else:
        t = np.arange(len(rec)) * every * dt
    if per_junction:  # each junction read through its own stack
        R = np.stack([dev.resistance(rec[:, k]) / ohm for k, dev in enumerate(devices)], 1) * ohm
    else:
        R = devices[0].resistance(rec)
    return BatchResult(t=t, m=rec, R=R, m_final=m_final)
