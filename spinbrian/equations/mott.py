"""The VO2 Mott neuristor as Brian2 code (seed 003 §I, §II.A, §III.A; PHYSICS.md §4).

A VO2 channel is insulating when cold and metallic above its insulator–metal transition
(IMT); the transition is first order and hysteretic: on heating the channel turns
metallic at ``T_imt``, on cooling it turns back at the lower ``T_mit``, and between the
two it keeps the phase it came from. The channel is Joule-heated by its own current and
cooled to the bath through G_th (Newton's law, heat capacity C_th). In a neuristor it sits
in parallel with a capacitor C, fed through a series resistor R_s from a source V_in
(plus a direct input current I_in):

    C dV/dt    = (V_in − V)/R_s + I_in + I_el − V/R
    C_th dT/dt = V²/R − G_th (T − T_bath) + P_th

with R = R_met on the metallic branch and R = R_ins exp[(E_a/k_B)(1/T − 1/T_ref)] (an
activated semiconductor, smooth in T) on the insulating one. ``I_el`` and ``P_th`` are
the current and the heat that coupling synapses deliver (summed variables).

The branch memory is Brian2's refractoriness: the IMT is the spike (threshold
``T > T_imt``), and the neuron stays refractory — metallic — while ``T > T_mit``, so
``metallic = 1 − not_refractory`` and every oscillation gives exactly one spike. A DC
input above threshold gives relaxation oscillations: C charges until the channel heats
through T_imt; the metallic channel discharges C in ≈ C·R_met and dumps ½CV² into C_th;
the channel cools through T_mit and the cycle restarts.

Constants (from :attr:`spinbrian.devices.vo2.VO2Neuristor.namespace`): ``R_s``,
``C_node``, ``R_met``, ``R_ins``, ``Ea_over_kB``, ``T_ref``, ``C_th``, ``G_th``,
``T_imt``, ``T_mit``. Per-neuron parameters: ``V_in``, ``I_in``, ``T_bath``.
"""

from brian2 import Equations

#: Spike condition: the insulating channel heats through the IMT.
THRESHOLD = "T > T_imt"
#: Refractory (metallic) while hotter than the cooling transition.
REFRACTORY = "T > T_mit"


def insulating_resistance():
    """Expression of the insulating branch's R(T): activated, R_ins at T_ref."""
    return "R_ins*exp(Ea_over_kB*(1/T - 1/T_ref))"


def neuristor_equations():
    """Brian2 equations of one neuristor per neuron.

    Returns
    -------
    brian2.Equations
        State ``V`` (node voltage) and ``T`` (channel temperature); subexpressions
        ``metallic`` (0/1, the branch), ``R`` (channel resistance), ``I_dev`` (channel
        current) and ``P_joule``; parameters ``V_in``, ``I_in``, ``T_bath`` and the
        coupling targets ``I_el`` (A) and ``P_th`` (W). Use with :data:`THRESHOLD` and
        :data:`REFRACTORY`: ``metallic`` reads Brian2's ``not_refractory``.
    """
    return Equations(
        f"""
        dV/dt = ((V_in - V)/R_s + I_in + I_el - I_dev)/C_node : volt
        dT/dt = (P_joule - G_th*(T - T_bath) + P_th)/C_th : kelvin
        metallic = 1 - int(not_refractory) : 1
        R = metallic*R_met + (1 - metallic)*{insulating_resistance()} : ohm
        I_dev = V/R : amp
        P_joule = V**2/R : watt
        V_in : volt
        I_in : amp
        T_bath : kelvin
        I_el : amp
        P_th : watt
        """
    )


def electrical_coupling_model(capacitive=False):
    """Synapse model of a coupling branch between two nodes, current into the target.

    A resistor ``R_c`` (current (V_pre − V_post)/R_c) or, with ``capacitive=True``, a
    resistor in series with a capacitor ``C_c`` whose charge ``q`` is the synapse's state
    (current (V_pre − V_post − q/C_c)/R_c, dq/dt = that current; integrate it with the
    synapses' ``method``). A branch acts on both of its nodes: connect both directions
    (i→j and j→i) with the same values; the two charges stay opposite and each node
    receives its share.
    """
    if not capacitive:
        return "R_c : ohm\nI_el_post = (V_pre - V_post)/R_c : amp (summed)"
    return "\n".join(
        [
            "dq/dt = i_c : coulomb (clock-driven)",
            "i_c = (V_pre - V_post - q/C_c)/R_c : amp",
            "I_el_post = i_c : amp (summed)",
            "R_c : ohm",
            "C_c : farad",
        ]
    )


def thermal_coupling_model():
    """Synapse model of a thermal link: heat G_c·(T_pre − T_post) into the target.

    Heat flows from the hotter device; connect both directions for a symmetric link.
    """
    return "G_c : watt/kelvin\nP_th_post = G_c*(T_pre - T_post) : watt (summed)"
