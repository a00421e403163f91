"""Electrical coupling of junctions through a shared voltage source (series or parallel).

Junctions wired to one source share its current: a junction's resistance R_i = R_P + ΔR(1 −
m_i·p)/2 changes the current through all of them, so their magnetisations couple (seed 003,
§III.B: oscillators "electrically coupled" through a common current). Kirchhoff's laws for a
source V with a load resistor R_L:

* series: one current I = V/(R_L + Σ_i R_i) through every junction;
* parallel: node voltage U = V G_L/(G_L + Σ_i G_i) (G = 1/R), current I_i = U/R_i.

Each junction's current density I_i/area enters as ``j_syn``. The sums run through Brian2
Synapses into a one-neuron ``circuit`` group; like every summed variable they use the state
at the start of the step, so the coupling is first order in dt (the circuit has no
capacitance, so it follows the junctions instantly). Inductance and capacitance of the
wiring, which set the phase of the coupling at GHz frequencies, are not modelled.
:class:`spinbrian.batch.SharedSource` hands the same circuit to the compiled kernel, which
recomputes the current at every RK4 stage (fourth order; tests/test_coupled_kernel.py).
"""

from brian2 import NeuronGroup, Synapses, ohm, volt

from spinbrian.devices.validation import require_choice, require_range, require_unit

TOPOLOGIES = ("series", "parallel")


def shared_source(device, group, V, R_load, topology="series", name="circuit*"):
    """Wire the junctions of ``group`` to one voltage source through a load resistor.

    Parameters
    ----------
    device : spinbrian.MTJ
        The junctions' device (its area converts current to current density).
    group : brian2.NeuronGroup
        Junctions from ``device.neurons`` (their ``j_syn`` receives the current density).
    V : Quantity
        Source voltage (V); its sign sets the current direction (positive: j > 0).
    R_load : Quantity
        Load resistance (Ω), ≥ 0 (> 0 for parallel wiring).
    topology : str
        ``"series"`` or ``"parallel"``.
    name : str
        Brian2 name of the circuit group.

    Returns
    -------
    circuit, sense, drive
        The one-neuron circuit group (``I`` the source current, ``R_sum`` or ``G_sum`` the
        summed junction resistances or conductances) and the two Synapses; keep references
        to all three so that ``run()`` collects them.

    Examples
    --------
    >>> from brian2 import mV, ohm, psecond
    >>> from spinbrian import presets
    >>> mtj = presets.zheng2020_mtj()
    >>> G = mtj.neurons(2, dt=0.25 * psecond)
    >>> circuit, sense, drive = shared_source(mtj, G, 800 * mV, 1000 * ohm, "parallel")
    """
    V = require_unit("V", V, volt)
    require_range("V", V)
    R_load = require_unit("R_load", R_load, ohm)
    require_choice("topology", topology, TOPOLOGIES)
    require_range("R_load", R_load, 0, low_open=topology == "parallel")
    dt = group.clock.dt
    area = device.area
    if topology == "series":
        eqs = "R_sum : ohm\nI = V_source/(R_load + R_sum) : amp"
        sensed, current = "R_sum_post = R_pre : ohm (summed)", "I_pre/area"
    else:
        eqs = "G_sum : siemens\nU = V_source/(R_load*(1/R_load + G_sum)) : volt\nI = U*G_sum : amp"
        sensed, current = "G_sum_post = 1/R_pre : siemens (summed)", "U_pre/(R_post*area)"
    constants = {"V_source": V, "R_load": R_load}  # the drive evaluates I_pre, U_pre too
    circuit = NeuronGroup(1, eqs, dt=dt, name=name, namespace=constants)
    # R_pre, R_post are the junctions' subexpressions: the Synapses need their constants.
    sense = Synapses(
        group, circuit, sensed, dt=dt, name=f"{circuit.name}_sense", namespace=device.namespace
    )
    sense.connect()
    drive = Synapses(
        circuit,
        group,
        f"j_syn_post = {current} : amp/meter**2 (summed)",
        dt=dt,
        name=f"{circuit.name}_drive",
        namespace={"area": area, **constants, **device.namespace},
    )
    drive.connect()
    # Sum the junctions first, then hand the current back, within the same step (summed
    # updaters run at order −1 of the "groups" slot, before the state updaters).
    sense.summed_updaters["G_sum_post" if topology == "parallel" else "R_sum_post"].order = -2
    return circuit, sense, drive


__all__ = ["TOPOLOGIES", "shared_source"]
