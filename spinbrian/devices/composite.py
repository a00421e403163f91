"""An exchange-coupled composite free layer: two macrospins integrated as one system.

Seed 003 (003_cb68a8b132582be2.txt, §II.B, Fig. 6) describes a field-free spin-torque oscillator
made of a soft and a hard sub-layer coupled antiferromagnetically through a thin spacer (Ru),
with a perpendicular polariser under the hard layer. Interlayer exchange of surface energy
density J_ex (J/m²; E/area = −J_ex m_s·m_h, negative for antiferromagnetic coupling) acts on
each layer as the field

    H_ex,i = J_ex/(μ0 M_s,i t_i) · m_j,

and the two Landau–Lifshitz–Gilbert equations (those of :mod:`spinbrian.equations.macrospin`,
one copy per layer with the layer's constants) form one six-variable model of a single Brian2
neuron. Brian2's RK4 therefore integrates the coupled system as a whole — the neighbour's
direction is re-evaluated at every stage, fourth order in dt — whereas coupling two neurons
through summed variables (:meth:`spinbrian.MTJ.field_coupling`) holds the neighbour's field
for the whole step and is first order (tests/test_composite.py measures both).
"""

from dataclasses import dataclass, field

import numpy as np
from brian2 import Equations, NeuronGroup, Quantity, joule, meter
from brian2.core.namespace import DEFAULT_UNITS
from brian2.units.allunits import amp

from spinbrian import constants as c
from spinbrian.devices.compile_notice import announce_first_compile
from spinbrian.devices.display import PaperUnits
from spinbrian.devices.mtj import MTJ
from spinbrian.devices.validation import (
    require_count,
    require_finite_array,
    require_range,
    require_unit,
)
from spinbrian.devices.vectorise import vectorise_neuron_loops
from spinbrian.equations.macrospin import llg_equations, thermal_field_code

_A_PER_M = amp / meter
_J_UNIT = amp / meter**2
#: Names both layers share (the current through the stack).
_SHARED = ("j", "j_ext", "j_syn", "mu0", "reciprocal")
LAYERS = ("s", "h")


@dataclass(frozen=True)
class CompositeFreeLayer(PaperUnits):
    """A soft and a hard macrospin coupled by interlayer exchange, with one polariser.

    Parameters
    ----------
    soft, hard : spinbrian.MTJ
        The two sub-layers (their own M_s, thickness, anisotropy, damping, demag). The hard
        layer's ``reference`` is the polariser and its torques are applied to it; the soft
        layer's ``reference`` is the read-out direction of its TMR.
    J_ex : Quantity
        Interlayer exchange energy per area (J/m²); negative is antiferromagnetic.

    Only the hard layer feels the polariser's spin-transfer torque: that is the reading taken
    of seed 003 Fig. 6 (the polariser sits under the hard layer, whose thickness absorbs the
    transverse spin current it polarises); the soft layer is driven through the exchange.

    Examples
    --------
    >>> from spinbrian import presets
    >>> afc = presets.hoffmann2022_composite()
    >>> [round(float(x / (1e6 * amp / meter)), 3) for x in afc.exchange_fields]
    [-1.842, -5.291]
    """

    soft: MTJ
    hard: MTJ
    J_ex: Quantity = field(default_factory=lambda: -1e-3 * joule / meter**2)

    def __post_init__(self):
        object.__setattr__(self, "J_ex", require_unit("J_ex", self.J_ex, joule / meter**2))
        require_range("J_ex", self.J_ex)  # either sign: ferro- or antiferromagnetic
        for name in ("soft", "hard"):
            layer = getattr(self, name)
            if not isinstance(layer, MTJ):
                raise TypeError(f"{name} = {layer!r}: expected a spinbrian.MTJ")
            if layer.per_neuron:
                raise ValueError(f"{name}.per_neuron = {layer.per_neuron}: not supported here")
        if self.soft.thermal != self.hard.thermal:
            raise ValueError("soft and hard layer must both be thermal (T > 0) or both not")

    # ------------------------------------------------------------------ physics
    @property
    def exchange_fields(self):
        """(H_s, H_h): the exchange field per unit neighbour direction on each layer (A/m)."""
        return tuple(
            self.J_ex / (c.mu0 * layer.Ms * layer.thickness) for layer in (self.soft, self.hard)
        )

    def _layer_equations(self, layer, suffix, torques):
        eqs = llg_equations(torques, demag=layer.demag)
        constants = {n for n in eqs.identifiers if n not in DEFAULT_UNITS}  # not "Hz"
        rename = {n: f"{n}_{suffix}" for n in eqs.names | constants if n not in _SHARED}
        return eqs.substitute(**rename)

    @property
    def equations(self):
        """Both layers' LLG in one :class:`brian2.Equations`; layer variables end in _s, _h."""
        soft = self._layer_equations(self.soft, "s", ())
        hard = self._layer_equations(self.hard, "h", self.hard.torques)
        coupling = {f"H{ax}_c_{a}" for ax in "xyz" for a in LAYERS}
        kept = [eq for eq in soft.ordered if eq.varname not in coupling]
        shared = {"j", "j_ext", "j_syn"}
        kept += [eq for eq in hard.ordered if eq.varname not in coupling | shared]
        lines = [
            f"H{ax}_c_{a} = Hex_{a}*m{ax}_{b} : amp/meter"
            for ax in "xyz"
            for a, b in (("s", "h"), ("h", "s"))
        ]
        return Equations(kept) + Equations("\n".join(lines))

    @property
    def namespace(self):
        """Constants of :attr:`equations` (each layer's, suffixed, and the exchange fields)."""
        ns = {k: v for k, v in self.soft.namespace.items() if k in _SHARED}
        for layer, a in ((self.soft, "s"), (self.hard, "h")):
            for k, v in layer.namespace.items():
                if k not in _SHARED:
                    ns[f"{k}_{a}"] = v
        ns["Hex_s"], ns["Hex_h"] = self.exchange_fields
        return ns

    def check_dt(self, dt, j=None):
        """Each layer's step check with its neighbour's exchange field counted as applied."""
        H_s, H_h = (abs(float(H / _A_PER_M)) for H in self.exchange_fields)
        self.soft.check_dt(dt, H_app=[H_s, 0, 0] * _A_PER_M)  # no spin torque on it
        self.hard.check_dt(dt, H_app=[H_h, 0, 0] * _A_PER_M, j=j)

    def neurons(self, N, j=None, m0_soft=None, m0_hard=None, dt=None, name="composite*"):
        """A NeuronGroup of ``N`` composite free layers (variables ``mx_s`` … ``mz_h``).

        Parameters
        ----------
        N : int
            Number of composites.
        j : Quantity, optional
            Current density through each stack (A/m²), scalar or (N,).
        m0_soft, m0_hard : array-like, optional
            Initial directions (3-vector or (N, 3)); default the layers' easy axes.
        dt : Quantity, optional
            Time step (default ``defaultclock.dt``), checked by :meth:`check_dt`.
        name : str
            Brian2 name.
        """
        from brian2 import defaultclock

        N = require_count("N", N, 1)
        if j is not None:
            j = require_unit("j", j, _J_UNIT)
        for label, m0 in (("m0_soft", m0_soft), ("m0_hard", m0_hard)):
            if m0 is not None:
                m0 = require_finite_array(label, m0, (N, 3))
                if not np.all(np.any(m0, axis=1)):
                    raise ValueError(f"{label} = {m0!r}: every direction must be a non-zero vector")
        self.check_dt(defaultclock.dt if dt is None else dt, j=j)
        vectorise_neuron_loops()
        announce_first_compile()
        group = NeuronGroup(
            N, self.equations, method="staged_rk4", namespace=self.namespace, dt=dt, name=name
        )
        for a, layer, m0 in (("s", self.soft, m0_soft), ("h", self.hard, m0_hard)):
            m = np.broadcast_to(np.asarray(layer.easy_axis if m0 is None else m0, float), (N, 3))
            m = m / np.linalg.norm(m, axis=1, keepdims=True)
            for k, ax in enumerate("xyz"):
                setattr(group, f"m{ax}_{a}", m[:, k])
        if j is not None:
            group.j_ext = j
        codes = []
        for a in LAYERS:
            if self.soft.thermal:
                thermal = thermal_field_code().replace("_th", f"_th_{a}")
                codes.append(thermal.replace("thermal_sigma", f"thermal_sigma_{a}"))
        if codes:
            group.run_regularly("\n".join(codes), when="start", name=f"{group.name}_thermal")
        renorm = []
        for a in LAYERS:
            renorm.append(f"m_norm_{a} = sqrt(mx_{a}**2 + my_{a}**2 + mz_{a}**2)")
            renorm += [f"m{ax}_{a} = m{ax}_{a}/m_norm_{a}" for ax in "xyz"]
        group.run_regularly("\n".join(renorm), when="after_groups", name=f"{group.name}_renorm")
        return group

    def simulate(
        self, duration, dt, N=1, j=None, m0_soft=None, m0_hard=None, record_every=None, seed=None
    ):
        """``N`` composites through the compiled kernel (:func:`spinbrian.batch.simulate`).

        The same physics as :meth:`neurons`: the two layers are two junctions with their
        own parameters, coupled by the exchange fields as a :class:`TensorCoupling` that the
        kernel re-evaluates at every RK4 stage; only the hard layer feels the current.

        Parameters
        ----------
        duration, dt : Quantity
            Simulated time and time step.
        N : int
            Number of composites.
        j : Quantity, optional
            Current density through each stack (A/m²), scalar or (N,).
        m0_soft, m0_hard : array-like, optional
            Initial directions (3-vector or (N, 3)); default the layers' easy axes.
        record_every : int or Quantity, optional
            As in :func:`spinbrian.batch.simulate`.
        seed : int, optional
            Seed of the thermal noise.

        Returns
        -------
        t : Quantity
            Record times.
        m_soft, m_hard : ndarray, shape (n_rec, N, 3)
            The layers' directions at the record times.
        """
        from spinbrian.batch import TensorCoupling, simulate

        N = require_count("N", N, 1)
        j_stack = np.zeros(N) * _J_UNIT if j is None else require_unit("j", j, _J_UNIT)
        j_stack = require_finite_array("j", j_stack / _J_UNIT, (N,))
        m0 = []
        for label, m, layer in (("m0_soft", m0_soft, self.soft), ("m0_hard", m0_hard, self.hard)):
            m0.append(require_finite_array(label, layer.easy_axis if m is None else m, (N, 3)))
        H_s, H_h = (float(H / _A_PER_M) for H in self.exchange_fields)
        soft, hard = 2 * np.arange(N), 2 * np.arange(N) + 1
        exchange = TensorCoupling(
            sources=np.r_[hard, soft],
            targets=np.r_[soft, hard],
            tensors=np.r_[[H_s * np.eye(3)] * N, [H_h * np.eye(3)] * N] * _A_PER_M,
        )
        res = simulate(
            [self.soft, self.hard] * N,
            duration,
            dt,
            j=np.column_stack([0 * j_stack, j_stack]).ravel() * _J_UNIT,
            m0=np.stack(m0, axis=1).reshape(2 * N, 3),
            coupling=exchange,
            record_every=record_every,
            seed=seed,
        )
        return res.t, res.m[:, soft], res.m[:, hard]

    def energy_per_area(self, m_soft, m_hard):
        """Magnetic energy per area (J/m²) of the two directions: both layers plus exchange.

        ``m_soft``, ``m_hard``: one 3-vector each (a NaN entry gives NaN, as in NumPy).
        """
        ms, mh = np.asarray(m_soft, float), np.asarray(m_hard, float)
        for label, m in (("m_soft", ms), ("m_hard", mh)):
            if m.shape != (3,):
                raise ValueError(f"{label} has shape {m.shape}: need one 3-vector, shape (3,)")
        e = sum(
            float(layer.energy(m) / (layer.area / meter**2))
            for layer, m in ((self.soft, ms), (self.hard, mh))
        )
        return e - float(self.J_ex / (joule / meter**2)) * float(ms @ mh)
