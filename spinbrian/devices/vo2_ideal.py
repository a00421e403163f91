"""Idealised counterparts of the VO2 neuristor, for device ablations (seed 003 §III.A).

Both units have the Brian2 interface that the neuristor's coupling synapses use —
:meth:`~spinbrian.devices.vo2.VO2Neuristor.thermal_synapses` reads ``T`` and writes
``P_th``, :meth:`~spinbrian.devices.vo2.VO2Neuristor.electrical_synapses` reads ``V`` and
writes ``I_el`` — so the same network and protocol run with the device or with them
(``spinbrian.experiments.mott_neuristor``).

* :class:`ThermalLIF`, a leaky integrator of heat with a fixed input power:
  C_th dT/dt = P_in·[not refractory] − G_th (T − T_bath) + P_th; a spike when T crosses
  the device's T_imt, then an instantaneous jump T += ΔT_spike (the heat a spiking
  neuristor dumps from its capacitor, ½CV²/C_th), refractory (no input) while T > T_mit
  and for at least ``t_dead`` after the spike. The input power is P_in = (V_in/V_th)²
  G_th (T_imt − T_bath), so it fires above the device's static threshold V_th. It keeps
  the device's heat capacity, bath conductance and transition temperatures, and drops
  the capacitor, the series resistor and the activated R(T) (the electro-thermal
  feedback).
* :class:`ThresholdSwitch`, a binary threshold switch on the node:
  C dV/dt = (V_in − V)/R_s − V/R_off + I_el with a constant R_off = R_ins(T_imt); a spike
  when V crosses the node voltage V_sw at the device's static threshold, reset V → 0, V
  held there for a fixed ``t_ref``. It keeps the node circuit and drops the channel's
  temperature.

Each has an analytic f–I (:meth:`ThermalLIF.rate`, :meth:`ThresholdSwitch.rate`) and a
rate match to a measured rate at one input (:meth:`ThermalLIF.match_dead_time`,
:meth:`ThresholdSwitch.match_refractory`).
"""

from dataclasses import dataclass, field, replace

import numpy as np
from brian2 import NeuronGroup, farad, joule, kelvin, ohm, second, volt, watt

from spinbrian.devices.brian2_objects import extend_model, merge_keywords
from spinbrian.devices.display import PaperUnits
from spinbrian.devices.validation import require_range, require_unit

_SPIKE = "the unit's spike, reset and refractoriness are its model; add conditions with events="
_SPIKE_HINTS = dict.fromkeys(("threshold", "reset", "refractory"), _SPIKE)

_W_PER_K = watt / kelvin
_J_PER_K = joule / kelvin


def _si(value):
    return np.asarray(value, dtype=float)


def _switching_voltage(dev):
    """Node voltage of the device at its static threshold: √(G_th (T_imt − T_bath) R(T_imt))."""
    R = dev.resistance(dev.T_imt)
    return float(np.sqrt(_si(dev.G_th) * (_si(dev.T_imt) - _si(dev.T_bath)) * R)) * volt


@dataclass(frozen=True)
class ThermalLIF(PaperUnits):
    """A leaky integrator of heat that fires at T_imt: the neuristor without its circuit.

    Parameters
    ----------
    C_th, G_th : Quantity
        Heat capacity (J/K) and conductance to the bath (W/K).
    T_bath, T_imt, T_mit : Quantity
        Bath, spike (heating transition) and end-of-refractoriness (cooling transition)
        temperatures, T_bath < T_mit < T_imt.
    V_th : Quantity
        Source voltage at which the unit starts firing (the device's static threshold).
    dT_spike : Quantity
        Default temperature jump at a spike (K).
    t_dead : Quantity
        Shortest refractory time after a spike (s, ≥ 0).
    """

    C_th: object
    G_th: object
    T_bath: object
    T_imt: object
    T_mit: object
    V_th: object
    dT_spike: object
    t_dead: object = field(default_factory=lambda: 0 * second)

    def __post_init__(self):
        units = {
            "C_th": _J_PER_K,
            "G_th": _W_PER_K,
            "T_bath": kelvin,
            "T_imt": kelvin,
            "T_mit": kelvin,
            "V_th": volt,
            "dT_spike": kelvin,
            "t_dead": second,
        }
        for name, unit in units.items():
            object.__setattr__(self, name, require_unit(name, getattr(self, name), unit))
        for name in ("C_th", "G_th", "V_th", "dT_spike"):
            require_range(name, getattr(self, name), 0, low_open=True)
        require_range("t_dead", self.t_dead, 0)
        require_range("T_mit", self.T_mit, self.T_bath, self.T_imt, low_open=True, high_open=True)

    @classmethod
    def from_device(cls, dev, t_dead=0 * second, dT_spike=None):
        """The thermal LIF of a :class:`~spinbrian.devices.vo2.VO2Neuristor`.

        ``dT_spike`` defaults to ½ C V_sw²/C_th, the heat the device's capacitor holds at
        the node voltage V_sw of its static threshold.
        """
        if dT_spike is None:
            dT_spike = 0.5 * dev.C * _switching_voltage(dev) ** 2 / dev.C_th
        return cls(
            C_th=dev.C_th,
            G_th=dev.G_th,
            T_bath=dev.T_bath,
            T_imt=dev.T_imt,
            T_mit=dev.T_mit,
            V_th=dev.threshold_input(),
            dT_spike=dT_spike,
            t_dead=t_dead,
        )

    @property
    def tau(self):
        """C_th/G_th."""
        return self.C_th / self.G_th

    @property
    def threshold_power(self):
        """Input power at which the steady temperature reaches T_imt: G_th (T_imt − T_bath)."""
        return self.G_th * (self.T_imt - self.T_bath)

    def input_power(self, V_in):
        """P_in = (V_in/V_th)² G_th (T_imt − T_bath) (Quantity, W)."""
        x = _si(require_unit("V_in", V_in, volt)) / _si(self.V_th)
        return x**2 * self.threshold_power

    def rest_temperature(self, V_in):
        """Steady temperature below threshold: T_bath + P_in/G_th (Quantity, K)."""
        return self.T_bath + self.input_power(V_in) / self.G_th

    # ------------------------------------------------------------------ analytic f–I
    def rate(self, V_in, dT_spike=None):
        """Steady firing rate (Hz, float array) at source voltage(s) ``V_in``, from the ODE.

        After a spike the unit is at T_s = T_imt + ΔT and cools without input for
        t_end = max(t_dead, τ ln((T_s − T_bath)/(T_mit − T_bath))) to T_r; it then heats
        towards T_∞ = T_bath + P_in/G_th and fires after τ ln((T_∞ − T_r)/(T_∞ − T_imt)).
        Zero where T_∞ ≤ T_imt.
        """
        tau, T_b = float(_si(self.tau)), float(_si(self.T_bath))
        T_imt, T_mit = float(_si(self.T_imt)), float(_si(self.T_mit))
        dT = _si(self.dT_spike if dT_spike is None else require_unit("dT", dT_spike, kelvin))
        T_inf = T_b + _si(self.input_power(V_in)) / float(_si(self.G_th))
        T_s = T_imt + dT
        t_end = np.maximum(float(_si(self.t_dead)), tau * np.log((T_s - T_b) / (T_mit - T_b)))
        T_r = T_b + (T_s - T_b) * np.exp(-t_end / tau)
        with np.errstate(divide="ignore", invalid="ignore"):
            period = t_end + tau * np.log((T_inf - T_r) / (T_inf - T_imt))
        return np.where(T_inf > T_imt, 1 / period, 0.0)

    def match_dead_time(self, V_in, rate, dT_spike=None):
        """A copy with the ``t_dead`` at which it fires at ``rate`` (Hz) at ``V_in``.

        The period grows with t_dead (a longer rest cools the unit further), so the match
        is a root. If even t_dead = 0 is too slow, t_dead stays 0.
        """
        from scipy.optimize import brentq

        target = 1 / float(rate)

        def excess(t_dead):
            unit = replace(self, t_dead=t_dead * second)
            return 1 / float(unit.rate(V_in, dT_spike)) - target

        if excess(0.0) >= 0:
            return replace(self, t_dead=0 * second)
        t_dead = brentq(excess, 0.0, target, xtol=1e-13)
        return replace(self, t_dead=t_dead * second)

    # ------------------------------------------------------------------ Brian2
    #: Spike: heating through the transition; refractory while hot or within t_dead.
    threshold = "T > T_imt"
    reset = "T += dT_spike"
    refractory = "T > T_mit or (t - lastspike) < t_dead"

    @property
    def equations(self):
        """Brian2 equations: ``T``, the input ``P_in``, ``T_bath``, ``dT_spike``, ``P_th``."""
        return """
        dT/dt = (P_in*int(not_refractory) - G_th*(T - T_bath) + P_th)/C_th : kelvin
        P_in : watt
        T_bath : kelvin
        dT_spike : kelvin
        P_th : watt
        """

    @property
    def namespace(self):
        """Constants of :attr:`equations`, :attr:`threshold` and :attr:`refractory`."""
        return {
            "C_th": self.C_th,
            "G_th": self.G_th,
            "T_imt": self.T_imt,
            "T_mit": self.T_mit,
            "t_dead": self.t_dead,
        }

    def neurons(
        self, N, V_in=None, dT_spike=None, dt=None, name="thermal_lif*", model=None, **group_kwargs
    ):
        """A NeuronGroup of ``N`` units at the bath temperature.

        Parameters
        ----------
        N : int
            Number of units.
        V_in : Quantity, optional
            Source voltage, scalar or one per unit (sets ``P_in``, :meth:`input_power`);
            default 0.
        dT_spike : Quantity, optional
            Temperature jump at a spike, scalar or one per unit; default :attr:`dT_spike`.
        dt : Quantity, optional
            Time step (default: Brian2's ``defaultclock.dt``).
        name : str
            Brian2 name of the group.
        model, **group_kwargs
            As for :meth:`spinbrian.devices.vo2.VO2Neuristor.neurons`; threshold, reset and
            refractoriness are the unit's.
        """
        written = ["T_bath", "dT_spike"] + ["P_in"] * (V_in is not None)
        own = dict(
            threshold=self.threshold,
            reset=self.reset,
            refractory=self.refractory,
            method="exact",
            namespace=self.namespace,
            dt=dt,
            name=name,
        )
        group = NeuronGroup(
            N,
            extend_model(self.equations, model, written),
            **merge_keywords("ThermalLIF.neurons", own, group_kwargs, hints=_SPIKE_HINTS),
        )
        group.T_bath = self.T_bath
        group.T = self.T_bath
        group.dT_spike = self.dT_spike if dT_spike is None else dT_spike
        if V_in is not None:
            group.P_in = self.input_power(V_in)
        return group


@dataclass(frozen=True)
class ThresholdSwitch(PaperUnits):
    """A binary threshold switch on the neuristor's node: the neuristor without its heat.

    Parameters
    ----------
    C, R_s, R_off : Quantity
        Node capacitor, series resistor and the switch's (constant) off resistance.
    V_sw : Quantity
        Node voltage at which it switches (spikes).
    t_ref : Quantity
        Time the node is held at 0 after a spike.
    """

    C: object
    R_s: object
    R_off: object
    V_sw: object
    t_ref: object = field(default_factory=lambda: 0 * second)

    def __post_init__(self):
        units = {"C": farad, "R_s": ohm, "R_off": ohm, "V_sw": volt, "t_ref": second}
        for name, unit in units.items():
            object.__setattr__(self, name, require_unit(name, getattr(self, name), unit))
        for name in ("C", "R_s", "R_off", "V_sw"):
            require_range(name, getattr(self, name), 0, low_open=True)
        require_range("t_ref", self.t_ref, 0)

    @classmethod
    def from_device(cls, dev, t_ref=0 * second):
        """The switch of a neuristor: R_off = R_ins(T_imt), V_sw its static node voltage.

        The static threshold is then the device's: V_sw (R_s + R_off)/R_off = V_th.
        """
        return cls(
            C=dev.C,
            R_s=dev.R_s,
            R_off=float(dev.resistance(dev.T_imt)) * ohm,
            V_sw=_switching_voltage(dev),
            t_ref=t_ref,
        )

    @property
    def tau(self):
        """C (R_s ∥ R_off): the node's charging time."""
        return self.C * self.R_s * self.R_off / (self.R_s + self.R_off)

    def threshold_input(self):
        """Source voltage above which the node reaches V_sw: V_sw (R_s + R_off)/R_off."""
        return self.V_sw * (self.R_s + self.R_off) / self.R_off

    def rate(self, V_in):
        """Steady rate (Hz, float array): 1/(t_ref + τ ln(V_∞/(V_∞ − V_sw))), 0 at V_∞ ≤ V_sw."""
        V_inf = _si(require_unit("V_in", V_in, volt)) * float(
            _si(self.R_off / (self.R_s + self.R_off))
        )
        V_sw = float(_si(self.V_sw))
        with np.errstate(divide="ignore", invalid="ignore"):
            period = float(_si(self.t_ref)) + float(_si(self.tau)) * np.log(V_inf / (V_inf - V_sw))
        return np.where(V_inf > V_sw, 1 / period, 0.0)

    def match_refractory(self, V_in, rate):
        """A copy with the ``t_ref`` at which it fires at ``rate`` (Hz) at ``V_in``.

        t_ref = 1/rate − τ ln(V_∞/(V_∞ − V_sw)), at least 0.
        """
        charge = 1 / float(replace(self, t_ref=0 * second).rate(V_in))
        return replace(self, t_ref=max(1 / float(rate) - charge, 0.0) * second)

    #: Spike: the node reaches the switching voltage; it is then shorted to 0.
    threshold = "V > V_sw"
    reset = "V = 0*volt"

    @property
    def equations(self):
        """Brian2 equations: ``V`` (held during t_ref), the source ``V_in``, the input ``I_el``."""
        return """
        dV/dt = ((V_in - V)/R_s - V/R_off + I_el)/C_node : volt (unless refractory)
        V_in : volt
        I_el : amp
        """

    @property
    def namespace(self):
        """Constants of :attr:`equations` and :attr:`threshold`."""
        return {"C_node": self.C, "R_s": self.R_s, "R_off": self.R_off, "V_sw": self.V_sw}

    def neurons(self, N, V_in=None, dt=None, name="threshold_switch*", model=None, **group_kwargs):
        """A NeuronGroup of ``N`` switches, V = 0; ``V_in`` scalar or one per unit.

        ``model`` and ``group_kwargs`` as for :meth:`ThermalLIF.neurons`.
        """
        own = dict(
            threshold=self.threshold,
            reset=self.reset,
            refractory=self.t_ref,
            method="exact",
            namespace=self.namespace,
            dt=dt,
            name=name,
        )
        group = NeuronGroup(
            N,
            extend_model(self.equations, model, ["V_in"] * (V_in is not None)),
            **merge_keywords("ThresholdSwitch.neurons", own, group_kwargs, hints=_SPIKE_HINTS),
        )
        if V_in is not None:
            group.V_in = require_unit("V_in", V_in, volt)
        return group


__all__ = ["ThermalLIF", "ThresholdSwitch"]
