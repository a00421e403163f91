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

Constants per zone come from the namespace with the zone index as suffix (``rlen_0``,
``C_0``, ``G_0``, ``K_0``, …); see :class:`spinbrian.devices.lsmo.LSMOChannel.namespace`.
:mod:`spinbrian.cython_kernels.thermal` solves the same model for its steady states.
"""

from brian2 import Equations


def resistivity(i):
    """Expression of ρ(T_i) with the zone's memory ``p_i`` choosing T_t."""
    T = f"T_{i}"
    s = f"1/(1 + exp(-({T} - (T_heat - p_{i}*(T_heat - T_cool)))/w_t))"
    metal = f"(rho_res + rho0*({T}/T0_rho)**m_rho*exp(a_rho*({T} - T0_rho)))"
    insulator = f"rho_p*exp(E_a/{T} - E_a/T_c)"
    return f"({metal}*(1 - {s}) + {insulator}*{s})"


def sink(i, exponent):
    """Expression of G_i h(T_i), the heat flow into the bath, for a substrate k ∝ T^−n."""
    T = f"T_{i}"
    if exponent == 0:
        return f"G_{i}*({T} - T_bath)"
    if exponent == 1:
        return f"G_{i}*T_r*log({T}/T_bath)"
    m = 1 - exponent
    return f"G_{i}*T_r*(({T}/T_r)**{m:g} - (T_bath/T_r)**{m:g})/{m:g}"


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


def memory_code(n):
    """Code that updates every zone's phase memory: p → 1 above T_heat, → 0 below T_cool.

    Run it after each step (``run_regularly(..., when="after_groups")``); with
    T_heat = T_cool it is a no-op for ρ (both branches use the same T_t).
    """
    return "\n".join(
        f"p_{i} = int(T_{i} > T_heat) + int(T_{i} >= T_cool and T_{i} <= T_heat)*p_{i}"
        for i in range(n)
    )
