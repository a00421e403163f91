"""Magnetic tunnel junction / spin-torque oscillator free layer as a Brian2 device."""

from dataclasses import dataclass, field, replace

import numpy as np
from brian2 import (
    Hz,
    NeuronGroup,
    Quantity,
    StateUpdateMethod,
    Synapses,
    kelvin,
    meter,
    ohm,
    second,
)
from brian2.units.allunits import amp

from spinbrian import constants as c
from spinbrian.devices.brian2_objects import extend_model, merge_keywords
from spinbrian.devices.display import PaperUnits
from spinbrian.devices.validation import (
    require_count,
    require_dimensionless,
    require_finite_array,
    require_number,
    require_range,
    require_unit,
    unit_vector,
)
from spinbrian.devices.vectorise import vectorise_neuron_loops
from spinbrian.equations.functions import reciprocal
from spinbrian.equations.macrospin import (
    PER_NEURON_UNITS,
    TENSOR_COMPONENTS,
    TORQUES,
    field_coupling_model,
    llg_equations,
    point_dipole_tensors,
    renormalise_code,
    tensor_coupling_model,
    thermal_field_code,
)

#: Largest precession phase (rad) one step may advance; RK4 keeps the Kittel frequency and
#: the damping within 0.1 % well below this (tests/test_macrospin_limits.py).
MAX_PHASE_PER_STEP = 0.3

_A_PER_M = amp / meter
_J_UNIT = amp / meter**2


def _vectors(name, values, finite=True):
    """``values`` as floats with a last axis of 3 (direction or field vectors), else by name.

    ``finite``: also refuse NaN and ±inf entries (entry points; formulas let them propagate).
    """
    v = np.asarray(values, dtype=float)
    if v.ndim == 0 or v.shape[-1] != 3:
        raise ValueError(f"{name} has shape {v.shape}: need 3-vectors, shape (3,) or (N, 3)")
    if finite:
        require_finite_array(name, v, v.shape)
    return v


@dataclass(frozen=True)
class MTJ(PaperUnits):
    """A macrospin free layer with spin torques and a TMR readout.

    Parameters
    ----------
    Ms : Quantity
        Saturation magnetisation (A/m), > 0.
    thickness : Quantity
        Free-layer thickness t (m), > 0.
    area : Quantity
        Pillar cross-section (m²), > 0; the volume V = area·t sets the thermal field.
    alpha : float
        Gilbert damping, ≥ 0.
    Hk : Quantity
        Uniaxial anisotropy field 2K_u/(μ0 M_s) along ``easy_axis`` (A/m); may be negative
        (easy plane).
    easy_axis : tuple
        Anisotropy axis u (normalised on construction).
    Meff : Quantity or None
        Effective demagnetising magnetisation of the thin film (field −M_eff m_z ẑ); ``None``
        means M_s. Set ``demag=False`` to drop the term.
    reference : tuple
        Magnetisation direction p of the fixed (reference) layer: the STT polariser and the
        TMR reference.
    P : float
        Spin polarisation in [0, 1] (seed 004 convention: a_J = γħPj/(e M_s t)).
    Lambda : float
        Slonczewski asymmetry Λ in (0, 1].
    beta : float
        Field-like to damping-like ratio of the STT.
    torques : tuple of str
        Subset of ``("stt", "sot")``.
    theta_SH : float
        Spin Hall angle of the underlayer, for ``"sot"`` (a_SO = γħθ_SH j/(2e M_s t)).
    sot_spin : tuple
        Spin direction σ of the SOT (set by geometry: current direction × interface normal).
    beta_sot : float
        Field-like to damping-like ratio of the SOT.
    R_P : Quantity
        Parallel-state resistance (Ω), > 0.
    TMR : float
        (R_AP − R_P)/R_P, ≥ 0.
    temperature : Quantity
        Bath temperature (K), ≥ 0; > 0 switches the thermal field on.
    gamma : Quantity
        Gyromagnetic ratio (rad s⁻¹ T⁻¹).
    per_neuron : tuple of str
        Constants to make per-neuron parameters of the group instead of namespace constants
        (keys of ``spinbrian.equations.PER_NEURON_UNITS``: ``"stt_per_j"``, ``"Hk"``,
        ``"thermal_sigma"``, ``"R_P"``, …), for junctions that differ from device to device.
        :meth:`neurons` sets them to this device's values; scale them per junction after.

    Examples
    --------
    >>> from brian2 import run, ns, second
    >>> from spinbrian import presets
    >>> mtj = presets.zheng2020_mtj()
    >>> G = mtj.neurons(4, j=[0.8, 0.85, 0.9, 1.0] * mtj.j_unit)
    >>> run(1 * ns)                                     # doctest: +SKIP
    >>> G.R[:]                                          # doctest: +SKIP
    """

    Ms: Quantity
    thickness: Quantity
    area: Quantity
    alpha: float
    Hk: Quantity = field(default_factory=lambda: 0 * _A_PER_M)
    easy_axis: tuple = (0.0, 0.0, 1.0)
    Meff: Quantity | None = None
    demag: bool = True
    reference: tuple = (1.0, 0.0, 0.0)
    P: float = 0.5
    Lambda: float = 1.0
    beta: float = 0.0
    torques: tuple = ("stt",)
    theta_SH: float = 0.0
    sot_spin: tuple = (0.0, 1.0, 0.0)
    beta_sot: float = 0.0
    R_P: Quantity = field(default_factory=lambda: 1000 * ohm)
    TMR: float = 1.0
    temperature: Quantity = field(default_factory=lambda: 0 * kelvin)
    gamma: Quantity = field(default_factory=lambda: c.gamma_e)
    per_neuron: tuple = ()

    #: Unit in which presets quote current densities (10¹⁰ A/m², seed 004).
    j_unit = 1e10 * _J_UNIT

    def __post_init__(self):
        q = {
            "Ms": _A_PER_M,
            "thickness": meter,
            "area": meter**2,
            "Hk": _A_PER_M,
            "R_P": ohm,
            "temperature": kelvin,
            "gamma": Hz / c.tesla,
        }
        for name, unit in q.items():
            object.__setattr__(self, name, require_unit(name, getattr(self, name), unit))
        for name in ("alpha", "P", "Lambda", "theta_SH", "TMR"):
            object.__setattr__(self, name, require_dimensionless(name, getattr(self, name)))
        for name in ("beta", "beta_sot"):  # field-like ratios: either sign
            object.__setattr__(self, name, require_number(name, getattr(self, name)))
        require_range("Ms", self.Ms, 0, low_open=True)  # first: Meff defaults to it
        if self.Meff is None:
            object.__setattr__(self, "Meff", self.Ms)
        object.__setattr__(self, "Meff", require_unit("Meff", self.Meff, _A_PER_M))
        # either sign is physical: Hk < 0 an easy plane, Meff < 0 perpendicular anisotropy
        # beyond the demagnetising field; NaN and inf are not
        require_range("Hk", self.Hk)
        require_range("Meff", self.Meff)
        require_range("thickness", self.thickness, 0, low_open=True)
        require_range("area", self.area, 0, low_open=True)
        require_range("alpha", self.alpha, 0)
        require_range("P", self.P, 0, 1)
        require_range("Lambda", self.Lambda, 0, 1, low_open=True)
        require_range("theta_SH", abs(self.theta_SH), 0, 1)
        require_range("R_P", self.R_P, 0, low_open=True)
        require_range("TMR", self.TMR, 0)
        require_range("temperature", self.temperature, 0)
        require_range("gamma", self.gamma, 0, low_open=True)
        for name in ("easy_axis", "reference", "sot_spin"):
            object.__setattr__(self, name, unit_vector(name, getattr(self, name)))
        torques = tuple(self.torques)
        if not torques or set(torques) - set(TORQUES):
            raise ValueError(f"torques = {torques!r}: choose one or more of {TORQUES}")
        object.__setattr__(self, "torques", torques)
        per_neuron = tuple(self.per_neuron)
        if set(per_neuron) - set(PER_NEURON_UNITS):
            raise ValueError(f"per_neuron = {per_neuron!r}: choose from {tuple(PER_NEURON_UNITS)}")
        object.__setattr__(self, "per_neuron", per_neuron)

    # ------------------------------------------------------------------ derived numbers
    @property
    def volume(self):
        """Free-layer volume V = area·thickness."""
        return self.area * self.thickness

    @property
    def stt_per_j(self):
        """STT rate per current density, γħP/(e M_s t) (rad s⁻¹ per A m⁻²)."""
        return self.gamma * c.hbar * self.P / (c.q_e * self.Ms * self.thickness)

    @property
    def sot_per_j(self):
        """SOT rate per current density, γħθ_SH/(2e M_s t) (rad s⁻¹ per A m⁻²)."""
        return self.gamma * c.hbar * self.theta_SH / (2 * c.q_e * self.Ms * self.thickness)

    @property
    def thermal_sigma(self):
        """√(2αk_BT/(γμ0²M_sV)): thermal field (A/m) times √s; divide by √dt per step."""
        var = (
            2
            * self.alpha
            * c.k_B
            * self.temperature
            / (self.gamma * c.mu0**2 * self.Ms * self.volume)
        )
        return np.sqrt(var)

    @property
    def R_AP(self):
        """Antiparallel-state resistance."""
        return self.R_P * (1 + self.TMR)

    @property
    def thermal(self):
        """Whether the model carries a thermal field (temperature > 0)."""
        return float(self.temperature) > 0

    # ------------------------------------------------------------------ Brian2 interface
    @property
    def equations(self):
        """The model as :class:`brian2.Equations` (see :mod:`spinbrian.equations.macrospin`)."""
        return llg_equations(self.torques, demag=self.demag, per_neuron=self.per_neuron)

    @property
    def method(self):
        """Integrator: classical Runge–Kutta (the thermal field is constant within a step).

        ``"staged_rk4"`` (:mod:`spinbrian.equations.staged_rk4`) is Brian2's ``rk4`` with the
        subexpressions kept per stage; ``"rk4"`` gives the same trajectory to rounding.
        """
        return "staged_rk4"

    @property
    def namespace(self):
        """Constants the equations refer to (all but the :attr:`per_neuron` ones)."""
        ns = {k: v for k, v in self._constants().items() if k not in self.per_neuron}
        return {**ns, "reciprocal": reciprocal}

    def _constants(self):
        ns = {
            "mu0": c.mu0,
            "gyro": self.gamma,
            "alpha": float(self.alpha),
            "Hk": self.Hk,
            "Meff": self.Meff,
            "Lambda": float(self.Lambda),
            "beta_stt": float(self.beta),
            "stt_per_j": self.stt_per_j,
            "beta_sot": float(self.beta_sot),
            "sot_per_j": self.sot_per_j,
            "R_P": self.R_P,
            "dR_TMR": self.R_AP - self.R_P,
            "thermal_sigma": self.thermal_sigma,
        }
        for prefix, vec in (("u", self.easy_axis), ("p", self.reference), ("s", self.sot_spin)):
            ns.update({f"{prefix}{ax}": v for ax, v in zip("xyz", vec, strict=True)})
        return ns

    @property
    def renormalise_code(self):
        """Code for ``run_regularly(..., when="after_groups")`` that keeps |m| = 1."""
        return renormalise_code()

    @property
    def thermal_code(self):
        """Code for ``run_regularly(..., when="start")`` that draws the step's thermal field."""
        return thermal_field_code()

    def fastest_rate(self, H_app=None, j=None):
        """Upper bound (rad/s) on the precession rate for the given fields and currents."""
        H, jmax = 0.0, 0.0
        if H_app is not None:
            H_si = _vectors("H_app", require_unit("H_app", H_app, _A_PER_M) / _A_PER_M)
            H = float(np.max(np.linalg.norm(np.atleast_2d(H_si), axis=-1), initial=0.0))
        if j is not None:
            j_si = np.asarray(require_unit("j", j, _J_UNIT) / _J_UNIT, dtype=float)
            require_finite_array("j", j_si, j_si.shape)
            jmax = float(np.max(np.abs(j_si), initial=0.0))
        # Anisotropy and demag together act as H = N·m with N = H_k u⊗u − M_eff ẑ⊗ẑ; its
        # spectral norm bounds |H| (e.g. |H_k − M_eff| for a perpendicular film).
        u = np.asarray(self.easy_axis)
        z = np.array([0.0, 0.0, 1.0])
        tensor = float(self.Hk / _A_PER_M) * np.outer(u, u)
        tensor -= float(self.Meff / _A_PER_M) * self.demag * np.outer(z, z)
        field_sum = H + np.linalg.norm(tensor, 2)
        rate = float(self.gamma * c.mu0 * field_sum * _A_PER_M)
        torque = jmax * (
            abs(float(self.stt_per_j * _J_UNIT)) * ("stt" in self.torques)
            + abs(float(self.sot_per_j * _J_UNIT)) * ("sot" in self.torques)
        )
        return (rate + torque) * Hz

    def check_dt(self, dt, H_app=None, j=None):
        """Raise ValueError if ``dt`` is too coarse for the fastest precession in the model.

        The criterion is ω_max·dt ≤ MAX_PHASE_PER_STEP, with ω_max the fastest rate from the
        fields, torques and (at T > 0) three standard deviations of the thermal field.
        """
        dt = require_unit("dt", dt, second)
        require_range("dt", dt, 0, low_open=True)
        omega = float(self.fastest_rate(H_app, j))
        if self.thermal:
            omega += 3 * float(self.gamma * c.mu0 * self.thermal_sigma / np.sqrt(dt))
        limit = MAX_PHASE_PER_STEP / omega if omega > 0 else np.inf
        if float(dt) > limit:
            raise ValueError(
                f"dt = {dt} is too coarse for the fastest precession in the model "
                f"(ω_max = {omega:.3g} rad/s, f = {omega / 2 / np.pi / 1e9:.3g} GHz): allowed "
                f"range is dt ≤ {limit * second} (ω_max·dt ≤ {MAX_PHASE_PER_STEP})"
            )

    def neurons(
        self,
        N,
        j=None,
        H_app=None,
        m0=None,
        dt=None,
        name="mtj*",
        method=None,
        model=None,
        **group_kwargs,
    ):
        """A NeuronGroup of ``N`` junctions with this device's physics.

        Parameters
        ----------
        N : int
            Number of junctions.
        j : Quantity, optional
            Current density (A/m²), scalar or one per junction, stored in ``j_ext``.
        H_app : Quantity, optional
            Applied field (A/m), a 3-vector or an (N, 3) array.
        m0 : array-like, optional
            Initial direction, a 3-vector or an (N, 3) array; defaults to the easy axis.
        dt : Quantity, optional
            Time step (default: Brian2's ``defaultclock.dt``); checked by :meth:`check_dt`.
        name : str
            Brian2 name of the group.
        method : str, optional
            Override the integrator (default :attr:`method`).
        model : str or brian2.Equations, optional
            Extra equations merged into the device's (e.g. network variables); an equation
            may replace an input parameter of the same dimensions (``j_syn``, ``j_ext``,
            ``H*_app``, ``H*_c``) unless this call sets it
            (:func:`~spinbrian.devices.brian2_objects.extend_model`).
        **group_kwargs
            Passed to ``brian2.NeuronGroup``: ``threshold``, ``reset``, ``refractory``,
            ``events``, ``order``, ``namespace`` (added to the device's) …

        Returns
        -------
        brian2.NeuronGroup
            With a renormalisation of m after each step and, at T > 0, the per-step thermal
            field draw attached as ``run_regularly`` operations (they run on every target).
            The :attr:`per_neuron` parameters start at this device's values; ``dt`` is
            checked against them, so re-check (:meth:`check_dt`) if you raise them a lot.

        Examples
        --------
        A synaptic current that decays with τ = 1 ns (each spike adds to ``j_syn``), and a
        spike whenever the junction points against the easy axis:

        >>> from brian2 import (SpikeGeneratorGroup, Synapses, amp, defaultclock, meter,
        ...                     nsecond, psecond, run)
        >>> from spinbrian import presets
        >>> defaultclock.dt = 0.25 * psecond  # one clock for every object
        >>> mtj = presets.zheng2020_mtj()
        >>> G = mtj.neurons(1, threshold="mz < 0", reset="",
        ...                 model="dj_syn/dt = -j_syn/tau_syn : amp/meter**2",
        ...                 namespace={"tau_syn": 1 * nsecond})
        >>> kick = SpikeGeneratorGroup(1, [0], [0.1] * nsecond)
        >>> S = Synapses(kick, G, on_pre="j_syn_post += 2e10 * amp/meter**2")
        >>> S.connect()
        >>> run(1.1 * nsecond)
        >>> print(f"{G.j_syn[0] / (amp / meter**2):.3g}")  # 2e10·exp(−1 ns/τ)
        7.36e+09
        """
        from brian2 import defaultclock

        N = require_count("N", N, 1)
        if H_app is not None:
            H_app = require_unit("H_app", H_app, _A_PER_M)  # a bare tuple has no unit
            H_app = require_finite_array("H_app", H_app, (N, 3)) * _A_PER_M
        if j is not None:
            j = require_finite_array("j", require_unit("j", j, _J_UNIT), (N,)) * _J_UNIT
        if m0 is not None:
            m0 = require_finite_array("m0", m0, (N, 3))
            if not np.all(np.any(m0, axis=1)):
                raise ValueError(f"m0 = {m0!r}: every direction must be a non-zero vector")
        if isinstance(method, str) and method not in StateUpdateMethod.stateupdaters:
            raise ValueError(
                f"method = {method!r}: choose a registered integrator "
                f"({', '.join(sorted(StateUpdateMethod.stateupdaters))})"
            )
        step = defaultclock.dt if dt is None else dt
        self.check_dt(step, H_app=H_app, j=j)
        vectorise_neuron_loops()
        written = [*self.per_neuron, *(f"H{ax}_th" for ax in "xyz")]
        written += ["j_ext"] * (j is not None) + [f"H{ax}_app" for ax in "xyz" if H_app is not None]
        group = NeuronGroup(
            N,
            extend_model(self.equations, model, written),
            **merge_keywords(
                "MTJ.neurons",
                dict(method=method or self.method, namespace=self.namespace, dt=dt, name=name),
                group_kwargs,
            ),
        )
        m = np.broadcast_to(np.asarray(self.easy_axis if m0 is None else m0, float), (N, 3))
        m = m / np.linalg.norm(m, axis=1, keepdims=True)
        group.mx, group.my, group.mz = m[:, 0], m[:, 1], m[:, 2]
        if j is not None:
            group.j_ext = j
        if H_app is not None:
            group.Hx_app, group.Hy_app, group.Hz_app = H_app[:, 0], H_app[:, 1], H_app[:, 2]
        constants = self._constants()
        for name in self.per_neuron:
            setattr(group, name, constants[name])
        if self.thermal:
            group.run_regularly(self.thermal_code, when="start", name=f"{group.name}_thermal")
        group.run_regularly(
            self.renormalise_code, when="after_groups", name=f"{group.name}_renormalise"
        )
        return group

    def field_coupling(self, source, target, K, name="mtj_coupling*", **connect):
        """Synapses that couple junctions through their fields: H_c,post += K·m_pre.

        Accuracy: Brian2 computes summed variables once per step, so the neighbour's field is
        held for the whole RK4 step and the coupled system is integrated to first order in
        dt (measured: order 0.98 on a strongly coupled pair, tests/test_composite.py). Where
        the coupling is strong against the step, integrate the layers as one system
        (:class:`spinbrian.devices.composite.CompositeFreeLayer`: fourth order), or use the
        batch kernel's ``coupling`` (evaluated at every RK4 stage).

        Parameters
        ----------
        source, target : brian2.NeuronGroup
            Groups made by :meth:`neurons` (may be the same group).
        K : Quantity
            Coupling strength (A/m), scalar or one per synapse.
        name : str
            Brian2 name of the Synapses.
        **connect
            Passed to ``Synapses.connect`` (default: all-to-all without self-connections).

        Returns
        -------
        brian2.Synapses
        """
        # On the target's clock: Brian2 mixing it with the default 0.1 ms clock can end a
        # run early, depending on the order in which it visits the clocks.
        K_si = np.asarray(require_unit("K", K, _A_PER_M) / _A_PER_M, dtype=float)
        require_finite_array("K", K_si, K_si.shape)
        syn = Synapses(source, target, model=field_coupling_model(), dt=target.clock.dt, name=name)
        syn.connect(**(connect or {"condition": "i != j"}))
        syn.K = require_finite_array("K", K_si, (len(syn),)) * _A_PER_M
        return syn

    def dipolar_coupling(self, group, positions, cutoff=None, name="mtj_dipolar*"):
        """Magnetostatic (point-dipole) coupling between the junctions of ``group``.

        Junction j at r_j feels from junction i the field of a point dipole of moment
        M_s V m_i: H = M_s V [3(m_i·r̂)r̂ − m_i]/(4π r³), r = r_j − r_i, the full 3×3 tensor
        per pair (:func:`~spinbrian.equations.macrospin.tensor_coupling_model`). The point
        dipole is the far-field limit: for disks at centre distances of a few diameters
        it is within ≈ 10 % of the finite-size (Newell) tensor; nearer, use the latter.
        Like :meth:`field_coupling`, first order in dt (the field is held for the step);
        :meth:`dipolar_tensors` hands the same coupling to the compiled kernel, where it is
        fourth order.

        Parameters
        ----------
        group : brian2.NeuronGroup
            Junctions of this device (from :meth:`neurons`).
        positions : Quantity
            Centres (m), shape (N, 3).
        cutoff : Quantity, optional
            Couple only pairs closer than this (e.g. 1.5 × the pitch: nearest neighbours).
        name : str
            Brian2 name of the Synapses.
        """
        i, j, K = self._dipole_pairs(positions, len(group), cutoff)
        syn = Synapses(group, group, model=tensor_coupling_model(), dt=group.clock.dt, name=name)
        syn.connect(i=i, j=j)
        axis = {"x": 0, "y": 1, "z": 2}
        for comp in TENSOR_COMPONENTS:
            setattr(syn, f"K_{comp}", K[:, axis[comp[0]], axis[comp[1]]] * _A_PER_M)
        return syn

    def dipolar_tensors(self, positions, cutoff=None):
        """The coupling of :meth:`dipolar_coupling` for :func:`spinbrian.batch.simulate`.

        There it is evaluated at every RK4 stage, so the coupled run is fourth order in dt.

        Parameters
        ----------
        positions : Quantity
            Centres (m), shape (N, 3).
        cutoff : Quantity, optional
            Couple only pairs closer than this.

        Returns
        -------
        spinbrian.batch.TensorCoupling

        Examples
        --------
        >>> from brian2 import nmeter
        >>> from spinbrian import presets
        >>> sto = presets.hoffmann2022_chain_sto()
        >>> pos = [[0, 0, 0], [80, 0, 0], [160, 0, 0]] * nmeter
        >>> len(sto.dipolar_tensors(pos, cutoff=100 * nmeter).sources)  # nearest neighbours
        4
        """
        from spinbrian.batch import TensorCoupling

        N = len(np.atleast_2d(np.asarray(positions)))
        i, j, K = self._dipole_pairs(positions, N, cutoff)
        return TensorCoupling(sources=i, targets=j, tensors=K * _A_PER_M)

    def _dipole_pairs(self, positions, N, cutoff):
        """Checked positions → point-dipole pairs (sources, targets, tensors in A/m)."""
        pos = np.asarray(require_unit("positions", positions, meter) / meter, float)
        if pos.shape != (N, 3):
            raise ValueError(f"positions: shape {pos.shape}, expected ({N}, 3)")
        require_finite_array("positions", pos, (N, 3))
        limit = None if cutoff is None else float(require_unit("cutoff", cutoff, meter) / meter)
        moment = float(self.Ms / _A_PER_M) * float(self.volume / meter**3)
        i, j, K = point_dipole_tensors(pos, moment, limit)
        if not len(i):
            raise ValueError(f"cutoff = {cutoff}: no two junctions are that close")
        return i, j, K

    def resized(self, diameter):
        """The same stack with a circular free layer of another ``diameter``.

        At a fixed resistance-area product R_P scales as 1/area, the thermal field as
        1/√volume, and the shape anisotropy of a thin disk changes: its in-plane demag
        factor is N_x ≈ (π/4)(t/d) for t ≪ d (Joseph 1966), so
        M_eff(d) = M_eff(d0) + (3π/4) M_s t (1/d0 − 1/d), taken relative to this
        device's diameter d0 = 2√(area/π) so the device itself is unchanged.
        """
        diameter = require_unit("diameter", diameter, meter)
        require_range("diameter", diameter, 0, low_open=True)
        d0 = 2 * np.sqrt(self.area / np.pi)
        shape = 0.75 * np.pi * self.Ms * self.thickness * (1 / d0 - 1 / diameter)
        return replace(
            self,
            area=np.pi * diameter**2 / 4,
            Meff=self.Meff + shape,
            R_P=self.R_P * float(d0 / diameter) ** 2,
        )

    def thermal_directions(self, n, rng):
        """``n`` directions about the easy axis from the Boltzmann distribution at T.

        Small-angle (equipartition) form: on the tangent plane of the easy axis u the energy
        is ½ θᵀKθ, with K the Hessian of :meth:`energy` (central differences), so the tilt
        θ is Gaussian with covariance k_B T K⁻¹. This is the state a junction reaches after a
        current-free relaxation much longer than 1/(αω); at T = 0 it is u itself.

        Parameters
        ----------
        n : int
            Number of directions.
        rng : numpy.random.Generator
            Source of the draws.

        Returns
        -------
        ndarray
            (n, 3) unit vectors.
        """
        u = np.asarray(self.easy_axis, float)
        if not self.thermal:
            return np.tile(u, (n, 1))
        e1 = np.cross(u, (1.0, 0.0, 0.0) if abs(u[0]) < 0.9 else (0.0, 1.0, 0.0))
        e1 /= np.linalg.norm(e1)
        basis = np.array([e1, np.cross(u, e1)])  # (2, 3) tangent directions
        h = 1e-4
        steps = np.array([[a, b] for a in (-h, 0, h) for b in (-h, 0, h)])
        m = u + steps @ basis
        E = self.energy(m / np.linalg.norm(m, axis=1)[:, None]).reshape(3, 3)
        K = np.array(
            [
                [E[2, 1] - 2 * E[1, 1] + E[0, 1], (E[2, 2] - E[2, 0] - E[0, 2] + E[0, 0]) / 4],
                [0.0, E[1, 2] - 2 * E[1, 1] + E[1, 0]],
            ]
        )
        K[1, 0] = K[0, 1]
        K /= h**2
        if np.any(np.linalg.eigvalsh(K) <= 0):
            raise ValueError("the easy axis is not an energy minimum: no thermal rest state")
        cov = float(c.k_B * self.temperature / c.joule) * np.linalg.inv(K)
        theta = rng.multivariate_normal(np.zeros(2), cov, size=n)
        m = u + theta @ basis
        return m / np.linalg.norm(m, axis=1)[:, None]

    # ------------------------------------------------------------------ analysis helpers
    def energy(self, m, H_app=None):
        """Magnetic energy (J) of direction(s) ``m`` (…, 3) in the applied field.

        E = −μ0 M_s V [H·m + (H_k/2)(m·u)² − (M_eff/2) m_z²]; conserved at α = 0 without
        torques.
        """
        m = _vectors("m", m, finite=False)
        H = np.zeros(3)
        if H_app is not None:
            H = _vectors("H_app", require_unit("H_app", H_app, _A_PER_M) / _A_PER_M, False)
        u = np.asarray(self.easy_axis)
        e = (m * H).sum(-1) + 0.5 * float(self.Hk / _A_PER_M) * (m @ u) ** 2
        if self.demag:
            e = e - 0.5 * float(self.Meff / _A_PER_M) * m[..., 2] ** 2
        return -float(c.MU0 * self.Ms / _A_PER_M * self.volume / meter**3) * e

    def resistance(self, m):
        """TMR readout R(m·p) in ohm for direction(s) ``m`` (…, 3)."""
        mp = _vectors("m", m, finite=False) @ np.asarray(self.reference)
        return self.R_P + (self.R_AP - self.R_P) * (1 - mp) / 2

    def si(self):
        """Plain SI floats of every parameter the kernels need (see ``cython_kernels``)."""

        def f(q):
            return float(np.asarray(q))

        return {
            "gamma": f(self.gamma),
            "alpha": f(self.alpha),
            "mu0": c.MU0,
            "Hk": f(self.Hk),
            "u": np.array(self.easy_axis),
            "Meff": f(self.Meff) * self.demag,
            "p": np.array(self.reference),
            "Lambda": f(self.Lambda),
            "beta_stt": f(self.beta),
            "stt_per_j": f(self.stt_per_j) * ("stt" in self.torques),
            "s": np.array(self.sot_spin),
            "beta_sot": f(self.beta_sot),
            "sot_per_j": f(self.sot_per_j) * ("sot" in self.torques),
            "thermal_sigma": f(self.thermal_sigma),
            "R_P": f(self.R_P),
            "dR_TMR": f(self.R_AP - self.R_P),
        }
