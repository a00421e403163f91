"""Joule heating of an oxide channel as thermal zones in series (seed 000, PHYSICS.md §4).

A current I flows through n zones in series along the channel; the channel is symmetric,
so only half of it is modelled (zone 0 at the centre, zone n−1 at a contact) and the
other half mirrors it. Zone i has the resistance R_i = rlen_i·ρ(T_i), heat capacity C_i,
conductance G_i to the bath (largest at the contacts) and K_i to zone i+1:

    C_i dT_i/dt = I² R_i − G_i h(T_i) − K_{i−1}(T_i − T_{i−1}) − K_i(T_i − T_{i+1}).

Every zone carries the same current, so a hotter, more resistive zone takes more power:
positive feedback, N-type negative differential resistance and, where the cool zones act
as a series load on a runaway hot zone, a jump at a critical voltage.

* ρ(T) = ρ_m(T)(1 − s) + ρ_i(T)s: metallic ρ_m = ρ_res + ρ0 (T/T0)^m e^{a(T − T0)}
  below the transition,
  activated paramagnetic insulator ρ_i = ρ_p e^{E_a/T − E_a/T_c} above it, blended by
  s = 1/(1 + e^{−(T − T_t)/w}). With hysteresis, T_t = T_heat in a zone that is metallic
  (memory p = 0) and T_cool in one that is insulating (p = 1); p flips to 1 above T_heat
  and to 0 below T_cool (:func:`memory_code`, run after every step).
* h(T) = ∫_{T_b}^{T} (T_r/T')^n dT': heat into a substrate whose conductivity goes as
  T^−n (Kirchhoff transform; n = 0 is a constant conductance, n = 1 STO's k ∝ 1/T).
* The channel is driven by a current ``I_bias`` or by a voltage source ``V_bias``
  through a series resistance ``R_s``: I = V/(R_s + 2 Σ R_i).

Two Brian2 forms of the same model:

* :func:`zone_equations` — one channel per neuron, one variable per zone; constants per
  zone come from the namespace with the zone index as suffix (``rlen_0``, ``C_0``, ``G_0``,
  ``K_0``, …; :class:`spinbrian.devices.lsmo.LSMOChannel.namespace`).
* :func:`cell_equations` — one *cell* per neuron (a chain of many cells), with the current
  and the lateral heat flow exchanged through Synapses: a source group per channel sums
  its cells' resistances (:data:`RESISTANCE_LINK`) and hands the current back
  (:data:`CURRENT_LINK`), neighbours exchange heat (:data:`HEAT_LINK`);
  :meth:`spinbrian.devices.lsmo.LSMOChannel.cell_network` builds them.

:mod:`spinbrian.cython_kernels.thermal` solves the same model for its steady states.
"""

from brian2 import Equations


def _resistivity(T, p):
    """Expression of ρ(T) for temperature ``T`` and phase memory ``p`` (variable names)."""
    s = f"1/(1 + exp(-({T} - (T_heat - {p}*(T_heat - T_cool)))/w_t))"
    metal = f"(rho_res + rho0*({T}/T0_rho)**m_rho*exp(a_rho*({T} - T0_rho)))"
    insulator = f"rho_p*exp(E_a/{T} - E_a/T_c)"
    return f"({metal}*(1 - {s}) + {insulator}*{s})"


def resistivity(i):
    """Expression of ρ(T_i) with the zone's memory ``p_i`` choosing T_t."""
    return _resistivity(f"T_{i}", f"p_{i}")


def _sink(T, G, exponent):
    """Expression of G·h(T), the heat flow into the bath, for a substrate k ∝ T^−n."""
    if exponent == 0:
        return f"{G}*({T} - T_bath)"
    if exponent == 1:
        return f"{G}*T_r*log({T}/T_bath)"
    m = 1 - exponent
    return f"{G}*T_r*(({T}/T_r)**{m:g} - (T_bath/T_r)**{m:g})/{m:g}"


def sink(i, exponent):
    """Expression of G_i h(T_i), the heat flow into the bath, for a substrate k ∝ T^−n."""
    return _sink(f"T_{i}", f"G_{i}", exponent)


def zone_equations(n, sink_exponent=0, drive="voltage"):
    """Brian2 equations of one channel of ``n`` zones (one channel per neuron).

    Parameters
    ----------
    n : int
        Number of zones in the modelled half (≥ 1).
    sink_exponent : float
        n of the substrate conductivity k ∝ T^−n (0: constant, 1: STO-like 1/T).
    drive : {"voltage", "current"}
        ``V_bias`` through ``R_s`` or a current ``I_bias`` (both per-neuron parameters).

    Returns
    -------
    brian2.Equations
        Temperatures ``T_i`` (K), memories ``p_i``, resistances ``R_i``, the current
        ``I_dev``, the channel resistance ``R_dev`` and the heat flows ``Q_i`` into the bath.
    """
    if n < 1:
        raise ValueError(f"n = {n}: need at least one zone")
    if drive not in ("voltage", "current"):
        raise ValueError(f"drive = {drive!r}: choose 'voltage' or 'current'")
    lines = []
    for i in range(n):
        flow = [f"I_dev**2*R_{i}", f"Q_{i}"]
        if i > 0:
            flow.append(f"K_{i - 1}*(T_{i} - T_{i - 1})")
        if i < n - 1:
            flow.append(f"K_{i}*(T_{i} - T_{i + 1})")
        lines += [
            f"dT_{i}/dt = ({' - '.join(flow)})/C_{i} : kelvin",
            f"R_{i} = rlen_{i}*{resistivity(i)} : ohm",
            f"Q_{i} = {sink(i, sink_exponent)} : watt",
            f"p_{i} : 1",
        ]
    lines.append(f"R_dev = 2*({' + '.join(f'R_{i}' for i in range(n))}) : ohm")
    if drive == "voltage":
        lines += ["I_dev = V_bias/(R_s + R_dev) : amp", "V_bias : volt", "R_s : ohm"]
    else:
        lines += ["I_dev = I_bias : amp", "I_bias : amp"]
    lines.append("T_bath : kelvin")
    return Equations("\n".join(lines))


def _memory(T, p):
    return f"{p} = int({T} > T_heat) + int({T} >= T_cool and {T} <= T_heat)*{p}"


def memory_code(n):
    """Code that updates every zone's phase memory: p → 1 above T_heat, → 0 below T_cool.

    Run it after each step (``run_regularly(..., when="after_groups")``); with
    T_heat = T_cool it is a no-op for ρ (both branches use the same T_t).
    """
    return "\n".join(_memory(f"T_{i}", f"p_{i}") for i in range(n))


def cell_equations(sink_exponent=0):
    """Brian2 equations of one cell of a chain (one cell per neuron).

    The cell's current ``I_cell`` and the heat ``Q_lat`` it gives its neighbours are summed
    variables written by the channel's links (:func:`source_equations`,
    :data:`HEAT_LINK`); ``rlen`` (1/m), ``C`` (J/K) and ``G`` (W/K) are per-cell constants.
    """
    return Equations(
        "\n".join(
            [
                "dT/dt = (I_cell**2*R - Q - Q_lat)/C : kelvin",
                f"R = rlen*{_resistivity('T', 'p')} : ohm",
                f"Q = {_sink('T', 'G', sink_exponent)} : watt",
                "Q_lat : watt",
                "I_cell : amp",
                "p : 1",
                "rlen : metre**-1 (constant)",
                "C : joule/kelvin (constant)",
                "G : watt/kelvin (constant)",
                "T_bath : kelvin (constant)",
            ]
        )
    )


def source_equations():
    """Brian2 equations of a channel's voltage source (one channel per neuron).

    ``R_half`` is the summed resistance of the modelled half (:data:`RESISTANCE_LINK`); the
    mirrored half doubles it.
    """
    return Equations(
        """
        I_dev = V_bias/(R_s + 2*R_half) : amp
        R_half : ohm
        V_bias : volt
        R_s : ohm
        """
    )


#: Synapses model from the cells to their source: the half channel's resistance.
RESISTANCE_LINK = "R_half_post = R_pre : ohm (summed)"
#: Synapses model from a source to its cells: every cell carries the channel's current.
CURRENT_LINK = "I_cell_post = I_dev_pre : amp (summed)"
#: Synapses model between neighbouring cells (both directions): lateral heat flow.
HEAT_LINK = "K : watt/kelvin (constant)\nQ_lat_post = K*(T_post - T_pre) : watt (summed)"
#: Phase-memory update of a cell (run after every step), as :func:`memory_code`.
CELL_MEMORY = _memory("T", "p")
