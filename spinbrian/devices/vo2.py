"""The VO2 Mott neuristor (seed 003 §I, §II.A, §III.A): numbers, checks, Brian2 groups."""

from dataclasses import dataclass, field

import numpy as np
from brian2 import NeuronGroup, Synapses, farad, joule, kelvin, ohm, second, volt, watt
from brian2.units.allunits import amp

from spinbrian import constants as c
from spinbrian.devices.brian2_objects import extend_model, merge_keywords
from spinbrian.devices.display import PaperUnits
from spinbrian.devices.validation import (
    require_count,
    require_finite_array,
    require_number,
    require_range,
    require_unit,
)
from spinbrian.equations.mott import (
    REFRACTORY,
    THRESHOLD,
    electrical_coupling_model,
    neuristor_equations,
    thermal_coupling_model,
)

_W_PER_K = watt / kelvin
_J_PER_K = joule / kelvin
#: Melting point of VO2 (1967 °C): no drive may heat the channel beyond it.
MELTING_POINT = 2240 * kelvin


def _si(value):
    """Plain SI float(s) of a Quantity or number."""
    return np.asarray(value, dtype=float)


@dataclass(frozen=True)
class VO2Neuristor(PaperUnits):
    """A VO2 channel in parallel with a capacitor, fed through a series resistor.

    Parameters
    ----------
    R_ins : Quantity
        Insulating-branch resistance at ``T_ref``.
    E_a : float
        Activation energy of the insulating branch (eV): R ∝ exp(E_a/k_BT).
    R_met : Quantity
        Metallic-branch resistance (below ``R_ins``).
    T_imt, T_mit : Quantity
        Transition temperatures on heating (insulator → metal) and on cooling (metal →
        insulator), T_mit < T_imt.
    C_th : Quantity
        Heat capacity of the switching volume (J/K).
    G_th : Quantity
        Thermal conductance to the bath (W/K).
    C : Quantity
        Capacitor in parallel with the channel.
    R_s : Quantity
        Series resistor between the source ``V_in`` and the node.
    T_bath : Quantity
        Bath temperature (the neurons' starting ``T_bath``), below ``T_mit``.
    T_ref : Quantity
        Temperature at which the insulating branch has ``R_ins``.
    """

    R_ins: object
    E_a: float
    R_met: object
    T_imt: object
    T_mit: object
    C_th: object
    G_th: object
    C: object
    R_s: object
    T_bath: object = field(default_factory=lambda: 300 * kelvin)
    T_ref: object = field(default_factory=lambda: 300 * kelvin)

    def __post_init__(self):
        units = {
            "R_ins": ohm,
            "R_met": ohm,
            "T_imt": kelvin,
            "T_mit": kelvin,
            "C_th": _J_PER_K,
            "G_th": _W_PER_K,
            "C": farad,
            "R_s": ohm,
            "T_bath": kelvin,
            "T_ref": kelvin,
        }
        for name, unit in units.items():
            value = require_unit(name, getattr(self, name), unit)
            object.__setattr__(self, name, value)
            require_range(name, value, 0, low_open=True)
        object.__setattr__(self, "E_a", require_number("E_a", self.E_a, 0))
        require_range("R_met", self.R_met, 0, self.R_ins, low_open=True, high_open=True)
        require_range("T_mit", self.T_mit, self.T_bath, self.T_imt, low_open=True, high_open=True)

    # ------------------------------------------------------------------ time scales
    @property
    def tau_thermal(self):
        """C_th/G_th: how fast the channel heats and cools."""
        return self.C_th / self.G_th

    @property
    def tau_discharge(self):
        """C·R_met: the spike (discharge through the metallic channel)."""
        return self.C * self.R_met

    @property
    def tau_charge(self):
        """C·(R_s ∥ R_ins): charging of the node on the insulating branch at T_ref."""
        return self.C * self.R_s * self.R_ins / (self.R_s + self.R_ins)

    def check_dt(self, dt):
        """Raise if ``dt`` exceeds a fifth of the spike's C·R_met (RK4 resolves it)."""
        dt = require_unit("dt", dt, second)
        require_range("dt", dt, 0, low_open=True)
        limit = self.tau_discharge / 5
        if dt > limit:
            raise ValueError(
                f"dt = {dt} is outside the allowed range (0, {limit}]: a fifth of the "
                f"discharge time C·R_met = {self.tau_discharge}"
            )

    def _bath(self, T_bath):
        """Plain kelvin of ``T_bath`` (default this device's), in (0, T_mit), else by name."""
        if T_bath is None:
            return _si(self.T_bath)
        T_bath = require_unit("T_bath", T_bath, kelvin)
        require_range("T_bath", T_bath, 0, self.T_mit, low_open=True, high_open=True)
        return _si(T_bath)

    # ------------------------------------------------------------------ static physics (NumPy)
    def resistance(self, T, metallic=False):
        """Channel resistance (Ω, float) at temperature ``T`` (K) on one branch."""
        if metallic:
            return np.broadcast_to(_si(self.R_met), np.shape(T)).astype(float)
        Ea_over_kB = self.E_a * c.Q_E / c.K_B
        return _si(self.R_ins) * np.exp(Ea_over_kB * (1 / _si(T) - 1 / _si(self.T_ref)))

    def threshold_input(self, T_bath=None):
        """Source voltage V_in (I_in = 0) above which no insulating steady state exists.

        At threshold the insulating steady state reaches T_imt: the channel takes
        P = G_th(T_imt − T_bath) at R = R_ins(T_imt), so V = √(P R) and
        V_in = V (1 + R_s/R). Valid while the insulating branch is thermally stable up to
        T_imt (P·E_a/k_BT² < G_th there), which the defaults satisfy.
        """
        T_b = self._bath(T_bath)
        R = self.resistance(self.T_imt)
        V = np.sqrt(_si(self.G_th) * (_si(self.T_imt) - T_b) * R)
        return float(V * (1 + _si(self.R_s) / R)) * volt

    def latch_input(self, T_bath=None):
        """Source voltage above which the metallic state holds itself (no more spikes).

        The metallic steady state stays above T_mit when the source alone delivers
        G_th(T_mit − T_bath) to R_met: V_in = I_hold (R_s + R_met).
        """
        return self._metallic_input(self.T_mit, T_bath)

    def max_input(self, T_bath=None):
        """Source voltage at which the metallic steady state reaches VO2's melting point.

        Above it the model's channel would be hotter than the solid exists
        (:data:`MELTING_POINT`); ``neurons`` refuses such a ``V_in``.
        """
        return self._metallic_input(MELTING_POINT, T_bath)

    def _metallic_input(self, T, T_bath):
        """V_in whose metallic steady state sits at temperature ``T``."""
        T_b = self._bath(T_bath)
        current = np.sqrt(_si(self.G_th) * (_si(T) - T_b) / _si(self.R_met))
        return float(current * (_si(self.R_s) + _si(self.R_met))) * volt

    def quiescent_point(self, V_in, I_in=0 * amp, T_bath=None):
        """The insulating steady state (V, T) for a DC input below threshold.

        Solves G_th(T − T_bath) = V²/R_ins(T) with V = (V_in/R_s + I_in)·(R_s ∥ R_ins(T))
        for the coolest root (``scipy.optimize.brentq``).

        Returns
        -------
        V, T : Quantity
            Node voltage and channel temperature.

        Raises
        ------
        ValueError
            If the input is above threshold (no insulating steady state below T_imt).
        """
        from scipy.optimize import brentq

        T_b = float(self._bath(T_bath))
        for name, value, unit in (("V_in", V_in, volt), ("I_in", I_in, amp)):
            require_range(name, require_unit(name, value, unit))
        I_norton = float(_si(require_unit("V_in", V_in, volt)) / _si(self.R_s))
        I_norton += float(_si(require_unit("I_in", I_in, amp)))
        R_s, G = float(_si(self.R_s)), float(_si(self.G_th))

        def node_voltage(T):
            R = self.resistance(T)
            return I_norton * R_s * R / (R_s + R)

        def balance(T):
            return node_voltage(T) ** 2 / self.resistance(T) - G * (T - T_b)

        grid = np.linspace(T_b, float(_si(self.T_imt)), 401)
        sign = np.sign([balance(T) for T in grid])
        change = np.flatnonzero(sign[1:] <= 0)
        if sign[0] == 0:
            return node_voltage(T_b) * volt, T_b * kelvin
        if not change.size:
            raise ValueError(
                f"V_in = {V_in}, I_in = {I_in} is above threshold "
                f"({self.threshold_input(T_bath)} at I_in = 0): no insulating steady state"
            )
        k = int(change[0])
        T = brentq(balance, grid[k], grid[k + 1], xtol=1e-12)
        return node_voltage(T) * volt, T * kelvin

    # ------------------------------------------------------------------ Brian2
    @property
    def equations(self):
        """The neuristor's brian2.Equations (:func:`.mott.neuristor_equations`)."""
        return neuristor_equations()

    @property
    def namespace(self):
        """Constants of :attr:`equations`, :attr:`threshold` and :attr:`refractory`."""
        return {
            "R_s": self.R_s,
            "C_node": self.C,
            "R_met": self.R_met,
            "R_ins": self.R_ins,
            "Ea_over_kB": self.E_a * c.Q_E / c.K_B * kelvin,
            "T_ref": self.T_ref,
            "C_th": self.C_th,
            "G_th": self.G_th,
            "T_imt": self.T_imt,
            "T_mit": self.T_mit,
        }

    @property
    def method(self):
        """Integrator: RK4 (the branch is constant within a step)."""
        return "rk4"

    #: Spike condition (the IMT) and refractoriness (metallic while T > T_mit).
    threshold = THRESHOLD
    refractory = REFRACTORY

    def neurons(
        self,
        N,
        V_in=None,
        I_in=None,
        T_bath=None,
        dt=None,
        name="vo2*",
        method=None,
        model=None,
        **group_kwargs,
    ):
        """A NeuronGroup of ``N`` neuristors, insulating at the bath temperature, V = 0.

        Parameters
        ----------
        N : int
            Number of neuristors.
        V_in : Quantity, optional
            Source voltage (through R_s), scalar or one per neuron; default 0.
        I_in : Quantity, optional
            Current injected into the node, scalar or one per neuron; default 0.
        T_bath : Quantity, optional
            Bath temperature, scalar or one per neuron; default this device's.
        dt : Quantity, optional
            Time step (default: Brian2's ``defaultclock.dt``); checked by :meth:`check_dt`.
        name : str
            Brian2 name of the group.
        method : str, optional
            Override the integrator (default :attr:`method`).
        model : str or brian2.Equations, optional
            Extra equations merged into the device's; one may replace an input parameter
            (e.g. ``I_in``, ``I_el``) that this call does not set
            (:func:`~spinbrian.devices.brian2_objects.extend_model`).
        **group_kwargs
            Passed to ``brian2.NeuronGroup`` (``reset``, ``events``, ``order``,
            ``namespace`` …); the spike (the IMT) and refractoriness are the device's.

        Returns
        -------
        brian2.NeuronGroup
            Spikes are insulator → metal transitions; ``metallic`` is 1 while the neuron
            is refractory (hotter than T_mit after a spike).

        Examples
        --------
        >>> from brian2 import SpikeMonitor, nsecond, run, usecond, volt
        >>> from spinbrian.presets import vo2_neuristor
        >>> dev = vo2_neuristor()
        >>> G = dev.neurons(2, V_in=[2.0, 4.0] * volt, dt=0.5 * nsecond)
        >>> spikes = SpikeMonitor(G)
        >>> run(2 * usecond)
        >>> [int(n) for n in spikes.count]  # below threshold (2.92 V): quiet; above: spikes
        [0, 5]
        """
        from brian2 import defaultclock

        self.check_dt(defaultclock.dt if dt is None else dt)
        N = require_count("N", N, 1)
        if V_in is not None:
            V_in = require_unit("V_in", V_in, volt)
            v = require_finite_array("V_in", V_in, (N,))
            limit = float(self.max_input() / volt)
            if np.any(np.abs(v) > limit):
                raise ValueError(
                    f"V_in = {V_in} is outside the allowed range |V_in| ≤ {limit:.4g} V: above "
                    f"it the metallic channel would pass VO2's melting point {MELTING_POINT}"
                )
        if I_in is not None:
            require_finite_array("I_in", require_unit("I_in", I_in, amp), (N,))
        if T_bath is not None:
            T_bath = require_unit("T_bath", T_bath, kelvin)
            T_b = require_finite_array("T_bath", T_bath, (N,))
            if np.any(T_b <= 0) or np.any(T_b >= _si(self.T_mit)):
                raise ValueError(
                    f"T_bath = {T_bath} is outside the allowed range (0 K, {self.T_mit}): "
                    "above T_mit the channel cannot return to the insulating state"
                )
        written = ["T_bath"] + ["V_in"] * (V_in is not None) + ["I_in"] * (I_in is not None)
        own = dict(
            threshold=self.threshold,
            refractory=self.refractory,
            method=method or self.method,
            namespace=self.namespace,
            dt=dt,
            name=name,
        )
        imt = "the spike is the insulator-metal transition; add other conditions with events="
        group = NeuronGroup(
            N,
            extend_model(self.equations, model, written),
            **merge_keywords(
                "VO2Neuristor.neurons",
                own,
                group_kwargs,
                hints={"threshold": imt, "refractory": "the channel is metallic while T > T_mit"},
            ),
        )
        group.T_bath = self.T_bath if T_bath is None else T_bath
        group.T = group.T_bath
        if V_in is not None:
            group.V_in = require_unit("V_in", V_in, volt)
        if I_in is not None:
            group.I_in = require_unit("I_in", I_in, amp)
        return group

    def electrical_synapses(
        self, source, target, R_c, C_c=None, name="vo2_electrical*", method="rk4", **connect
    ):
        """Synapses that couple neuristor nodes through a resistor, or a resistor and capacitor.

        Each synapse puts the branch current into its target's node (``I_el``, a summed
        variable): (V_pre − V_post)/R_c through a resistor; with ``C_c``, through R_c in
        series with C_c (charge ``q`` per synapse), which passes only the changes of the
        source's node voltage. A branch acts on both of its nodes, so connect both
        directions (the default connects every ordered pair i ≠ j); a group takes only
        one such Synapses object. The branch is integrated apart from the nodes (explicit
        coupling), so ``dt`` must be below half the branch's time constant
        R_c·(C ∥ C_c in series), checked here.

        A resistor pulls a neighbour towards the source's mean node voltage — for a
        sawtooth that stays below the switching voltage this synchronises rather than
        excites; a capacitor passes the source's ramps and drops, and the neighbour's
        channel heats on both polarities (Joule heat ∝ V²), so a firing neuristor can
        make an undriven one fire (see ``spinbrian.experiments.mott_neuristor``).

        Parameters
        ----------
        source, target : brian2.NeuronGroup
            Groups made by :meth:`neurons` (may be the same group).
        R_c : Quantity
            Coupling resistance, > 0.
        C_c : Quantity, optional
            Coupling capacitance in series with ``R_c``; ``None``: a plain resistor.
        name : str
            Brian2 name of the Synapses.
        method : str
            Integrator of the capacitor's charge.
        **connect
            Passed to ``Synapses.connect`` (default ``condition="i != j"``).

        Returns
        -------
        brian2.Synapses
        """
        R_c = require_unit("R_c", R_c, ohm)
        require_range("R_c", R_c, 0, low_open=True)
        C_branch = self.C
        if C_c is not None:
            C_c = require_unit("C_c", C_c, farad)
            require_range("C_c", C_c, 0, low_open=True)
            C_branch = C_c * self.C / (C_c + self.C)
        tau = R_c * C_branch
        if target.clock.dt > tau / 2:
            raise ValueError(
                f"R_c = {R_c} is outside the allowed range [{2 * target.clock.dt / C_branch}, "
                f"inf) at dt = {target.clock.dt}: the branch's R_c·C = {tau} must be ≥ 2 dt"
            )
        syn = Synapses(
            source,
            target,
            model=electrical_coupling_model(capacitive=C_c is not None),
            method=method,
            dt=target.clock.dt,
            name=name,
        )
        syn.connect(**(connect or {"condition": "i != j"}))
        syn.R_c = R_c
        if C_c is not None:
            syn.C_c = C_c
        return syn

    def thermal_synapses(self, source, target, G_c, name="vo2_thermal*", **connect):
        """Synapses that share heat: G_c·(T_pre − T_post) flows into each target.

        Heat flows from the hotter device to the cooler one (``P_th``, a summed variable);
        connect both directions for a symmetric link (the default connects every ordered
        pair i ≠ j). A link also adds G_c to each device's cooling when the other is colder.

        Parameters
        ----------
        source, target : brian2.NeuronGroup
            Groups made by :meth:`neurons` (may be the same group).
        G_c : Quantity
            Thermal conductance of the link (W/K), ≥ 0.
        name : str
            Brian2 name of the Synapses.
        **connect
            Passed to ``Synapses.connect`` (default ``condition="i != j"``).

        Returns
        -------
        brian2.Synapses
        """
        G_c = require_unit("G_c", G_c, _W_PER_K)
        require_range("G_c", G_c, 0)
        syn = Synapses(
            source, target, model=thermal_coupling_model(), dt=target.clock.dt, name=name
        )
        syn.connect(**(connect or {"condition": "i != j"}))
        syn.G_c = G_c
        return syn
