"""A Joule-heated LSMO channel as thermal zones in series (seed 000) as a device.

:class:`LSMOChannel` holds the geometry, ρ(T) and the heat paths (Brian2 quantities),
builds the Brian2 group of :mod:`spinbrian.equations.thermal` and drives the compiled
steady-state kernel :mod:`spinbrian.cython_kernels.thermal` for I–V sweeps.
:func:`chen2024_lsmo` is the preset for seed 000 (Chen et al., Nano Lett. 24, 11476, 2024).
"""

import warnings
from dataclasses import dataclass, field, replace

import numpy as np
from brian2 import (
    NeuronGroup,
    Synapses,
    amp,
    joule,
    kelvin,
    meter,
    metre,
    nmeter,
    ohm,
    umeter,
    volt,
    watt,
)

from spinbrian.cython_kernels import thermal as kernel
from spinbrian.devices.brian2_objects import extend_model, merge_keywords
from spinbrian.devices.display import PaperUnits
from spinbrian.devices.validation import (
    in_si,
    require_count,
    require_finite_array,
    require_number,
    require_range,
    require_unit,
)
from spinbrian.equations.thermal import (
    CELL_MEMORY,
    CURRENT_LINK,
    HEAT_LINK,
    RESISTANCE_LINK,
    cell_equations,
    memory_code,
    source_equations,
    zone_equations,
)

_W_PER_K = watt / kelvin


def _tuple(name, values, n=None):
    values = tuple(float(v) for v in np.atleast_1d(values))
    if n is not None and len(values) != n:
        raise ValueError(f"{name} = {values}: need {n} values, one per zone")
    if not np.all(np.isfinite(values)):
        raise ValueError(f"{name} = {values}: NaN or infinite entries")
    return values


def _plain(name, value, unit, low=None, low_open=False):
    """Finite floats of ``value`` in ``unit`` (plain numbers are taken in ``unit``), by name.

    A Quantity of other dimensions is refused; ``low``: every entry ≥ (or >) it.
    """
    values = in_si(name, value, unit)
    require_finite_array(name, values, values.shape)
    if low is not None and not np.all(values > low if low_open else values >= low):
        raise ValueError(
            f"{name} = {value!r} is outside the allowed range {'(' if low_open else '['}{low}, inf)"
        )
    return values


def _warn_failed(biases, status, voltage):
    """Warn of the sweep points without a steady state (their currents are NaN), by cause.

    A thermal runaway (a zone past ``RUNAWAY_TEMPERATURE``) and a relaxation that ends
    at the iteration limit are told apart, each with its count and first bias.
    """
    unit = "V" if voltage else "A"
    runaway = f"thermal runaway (no steady state below {kernel.RUNAWAY_TEMPERATURE:g} K)"
    causes = (
        (kernel.RUNAWAY, runaway),
        (kernel.NOT_CONVERGED, "no steady state found within the iteration limit"),
    )
    for code, cause in causes:
        failed = status == code
        if np.any(failed):
            first = np.asarray(biases, float)[failed][0]
            warnings.warn(
                f"{cause} at {np.sum(failed)} of {len(status)} bias points, the first at "
                f"{first:g} {unit}: their currents are NaN",
                RuntimeWarning,
                stacklevel=3,
            )


@dataclass(frozen=True)
class CellNetwork:
    """Brian2 objects of a cell-resolved channel (:meth:`LSMOChannel.cell_network`).

    Iterate it to add everything to a ``Network``.
    """

    cells: NeuronGroup
    source: NeuronGroup
    resistance: Synapses
    current: Synapses
    heat: Synapses

    def __iter__(self):
        return iter((self.cells, self.source, self.resistance, self.current, self.heat))


@dataclass(frozen=True)
class LSMOChannel(PaperUnits):
    """Geometry, resistivity and heat paths of a channel of zones (half modelled).

    Parameters
    ----------
    thickness, width, length : Quantity
        Film thickness, channel width and contact-to-contact length.
    fractions : tuple of float
        Length of each zone of the modelled half as a fraction of that half, from the
        centre (zone 0) to a contact; they sum to 1.
    rho_scale : tuple of float
        Resistivity multiplier per zone (> 1 on a weak spot); default all 1.
    rho0 : Quantity
        Temperature-dependent part of the metallic resistivity at ``T0_rho``.
    rho_res : Quantity
        Residual (temperature-independent) metallic resistivity; default 0.
    a_rho : Quantity
        Exponential rate of the metal's temperature-dependent part (1/K).
    rho_exponent : float
        Power m of that part: ρ_m = ρ_res + ρ0 (T/T0)^m e^{a(T − T0)} (0: exponential; a = 0,
        m = 2: the T² of electron–magnon scattering in a manganite).
    T0_rho : Quantity
        Reference temperature of ``rho0``.
    rho_p : Quantity
        Insulator resistivity at ``T_c``; ``E_a`` (K) its activation temperature.
    T_c : Quantity
        Metal–insulator (Curie) temperature; the transition is a logistic of width ``w_t``.
    hysteresis : Quantity
        T_heat − T_cool (transition at T_c ± hysteresis/2 on heating/cooling; 0: none).
    g_sink : Quantity
        Conductance to the bath per channel area (W/K/m²) at ``T_r``.
    G_contact : Quantity
        Extra conductance into the contact of the last zone (W/K) at ``T_r``.
    K_lat : Quantity
        Lateral conductance between neighbouring zones (W/K).
    sink_exponent : float
        Substrate conductivity ∝ T^−n (0 constant, 1 STO-like); conductances are given at
        ``T_r``.
    c_area : Quantity
        Effective heat capacity per channel area (J/K/m²: film + heated substrate).
    R_s : Quantity
        Series resistance of the voltage source (leads, contacts).
    """

    thickness: object = field(default_factory=lambda: 20 * nmeter)
    width: object = field(default_factory=lambda: 10 * umeter)
    length: object = field(default_factory=lambda: 10 * umeter)
    fractions: tuple = (0.2, 0.3, 0.5)
    rho_scale: tuple = ()
    rho0: object = field(default_factory=lambda: 1.2e-5 * ohm * meter)
    rho_res: object = field(default_factory=lambda: 0 * ohm * meter)
    a_rho: object = field(default_factory=lambda: 0.011 / kelvin)
    rho_exponent: float = 0.0
    T0_rho: object = field(default_factory=lambda: 100 * kelvin)
    rho_p: object = field(default_factory=lambda: 3e-4 * ohm * meter)
    E_a: object = field(default_factory=lambda: 1000 * kelvin)
    T_c: object = field(default_factory=lambda: 340 * kelvin)
    w_t: object = field(default_factory=lambda: 10 * kelvin)
    hysteresis: object = field(default_factory=lambda: 0 * kelvin)
    g_sink: object = field(default_factory=lambda: 4e6 * watt / kelvin / meter**2)
    G_contact: object = field(default_factory=lambda: 1e-3 * watt / kelvin)
    K_lat: object = field(default_factory=lambda: 2e-4 * watt / kelvin)
    sink_exponent: float = 0.0
    T_r: object = field(default_factory=lambda: 100 * kelvin)
    c_area: object = field(default_factory=lambda: 2.0 * joule / kelvin / meter**2)
    R_s: object = field(default_factory=lambda: 0 * ohm)

    def __post_init__(self):
        units = {
            "thickness": metre,
            "width": metre,
            "length": metre,
            "rho0": ohm * metre,
            "rho_res": ohm * metre,
            "a_rho": 1 / kelvin,
            "T0_rho": kelvin,
            "rho_p": ohm * metre,
            "E_a": kelvin,
            "T_c": kelvin,
            "w_t": kelvin,
            "hysteresis": kelvin,
            "g_sink": _W_PER_K / metre**2,
            "G_contact": _W_PER_K,
            "K_lat": _W_PER_K,
            "T_r": kelvin,
            "c_area": joule / kelvin / metre**2,
            "R_s": ohm,
        }
        for name, unit in units.items():
            object.__setattr__(self, name, require_unit(name, getattr(self, name), unit))
        for name in (
            "thickness",
            "width",
            "length",
            "rho0",
            "rho_p",
            "T_c",
            "w_t",
            "T_r",
            "T0_rho",
        ):
            require_range(name, getattr(self, name), 0, low_open=True)
        require_range("a_rho", self.a_rho, 0)  # a metal: ρ grows with T below T_c
        for name in (
            "rho_res",
            "E_a",
            "hysteresis",
            "g_sink",
            "G_contact",
            "K_lat",
            "c_area",
            "R_s",
        ):
            require_range(name, getattr(self, name), 0)
        object.__setattr__(
            self, "sink_exponent", require_number("sink_exponent", self.sink_exponent, 0, 2)
        )
        object.__setattr__(
            self, "rho_exponent", require_number("rho_exponent", self.rho_exponent, 0, 6)
        )
        fr = _tuple("fractions", self.fractions)
        if not 1 <= len(fr) <= kernel.MAX_ZONES or min(fr) <= 0 or abs(sum(fr) - 1) > 1e-9:
            raise ValueError(
                f"fractions = {fr}: need 1 to {kernel.MAX_ZONES} positive values summing to 1"
            )
        object.__setattr__(self, "fractions", fr)
        scale = _tuple("rho_scale", self.rho_scale or [1.0] * len(fr), len(fr))
        if min(scale) <= 0:
            raise ValueError(f"rho_scale = {scale}: must be > 0")
        object.__setattr__(self, "rho_scale", scale)
        if float(self.hysteresis) >= float(self.T_c):
            raise ValueError(f"hysteresis = {self.hysteresis} must be below T_c = {self.T_c}")

    @classmethod
    def chain(cls, n_cells, spreading, weak_spot=1.0, **fields):
        """A channel of ``n_cells`` equal cells per half: no zones declared in advance.

        Every cell has the same ρ(T), heat capacity and conductance to the substrate per
        area; the last cell also drains into the contact (``G_contact``). Neighbours
        exchange heat through ``K = spreading·width/Δx`` with Δx = length/(2·n_cells):
        ``spreading`` (W/K) is the lateral thermal conductance of the film and the heated
        substrate under it, k·d (the in-plane conductivity times its effective depth), so
        the coupling follows from the geometry. Where the channel gets hot, and how wide
        that region is, comes out of the heat balance.

        Parameters
        ----------
        n_cells : int
            Cells in the modelled half, from the centre to a contact (≥ 3).
        spreading : Quantity
            Lateral thermal conductance k·d (W/K), > 0.
        weak_spot : float
            ρ multiplier of the centre cell (1: a uniform channel; > 1 a locally more
            resistive region, seed 000 p. 4).
        **fields
            Other :class:`LSMOChannel` fields (``K_lat``, ``fractions`` and ``rho_scale``
            are set here).

        Examples
        --------
        >>> from brian2 import kelvin, watt
        >>> ch = LSMOChannel.chain(30, 1e-5 * watt / kelvin)
        >>> ch.n_zones, round(float(ch.K_lat), 7)
        (30, 0.0006)
        """
        n_cells = require_count("n_cells", n_cells, 3)
        if n_cells > kernel.MAX_ZONES:
            raise ValueError(f"n_cells = {n_cells}: at most {kernel.MAX_ZONES} cells per half")
        spreading = require_unit("spreading", spreading, _W_PER_K)
        require_range("spreading", spreading, 0, low_open=True)
        weak_spot = require_number("weak_spot", weak_spot, 0, low_open=True)
        for name in ("K_lat", "fractions", "rho_scale"):
            if name in fields:
                raise ValueError(f"{name} is set by LSMOChannel.chain; do not pass it")
        probe = cls(**fields)  # validates the other fields and supplies the defaults
        dx = probe._si("length") / (2 * n_cells)
        return replace(
            probe,
            fractions=(1.0 / n_cells,) * n_cells,
            rho_scale=(weak_spot,) + (1.0,) * (n_cells - 1),
            K_lat=float(spreading) * probe._si("width") / dx * _W_PER_K,
        )

    # ------------------------------------------------------------------ zones (SI floats)
    @property
    def n_zones(self):
        """Zones in the modelled half."""
        return len(self.fractions)

    def _si(self, name):
        return float(np.asarray(getattr(self, name)))

    def zone_constants(self):
        """(rlen (1/m), C (J/K), G (W/K), K (W/K)) per zone of the modelled half."""
        half = self._si("length") / 2
        lengths = half * np.array(self.fractions)
        area = lengths * self._si("width")
        rlen = np.array(self.rho_scale) * lengths / (self._si("width") * self._si("thickness"))
        C = self._si("c_area") * area
        G = self._si("g_sink") * area
        G[-1] += self._si("G_contact")
        K = np.full(self.n_zones, self._si("K_lat"))
        K[-1] = 0.0
        return rlen, C, G, K

    def parameters(self, T_bath):
        """The kernel's scalar parameters (:data:`~spinbrian.cython_kernels.thermal.PAR_NAMES`)."""
        T_bath = float(require_unit("T_bath", T_bath, kelvin))
        require_range("T_bath", T_bath, 0, low_open=True)
        Tc, dT = self._si("T_c"), self._si("hysteresis")
        values = {
            "rho0": self._si("rho0"),
            "a": self._si("a_rho"),
            "T0": self._si("T0_rho"),
            "rho_p": self._si("rho_p"),
            "E_a": self._si("E_a"),
            "T_heat": Tc + dT / 2,
            "T_cool": Tc - dT / 2,
            "w": self._si("w_t"),
            "n_sink": self.sink_exponent,
            "T_ref": self._si("T_r"),
            "mirror": 2.0,
            "R_s": self._si("R_s"),
            "T_bath": T_bath,
            "T_c": Tc,
            "rho_res": self._si("rho_res"),
            "m_rho": self.rho_exponent,
        }
        return np.array([values[name] for name in kernel.PAR_NAMES])

    def heat_balance(self, T_bath):
        """The NumPy heat balance ``flow(T, V)`` at the bath temperature ``T_bath`` (K).

        ``flow`` gives the net heat into each zone (W), C·dT/dt, at temperatures ``T`` (K)
        and source voltage ``V`` (V): the model of :mod:`spinbrian.equations.thermal` in
        NumPy with metallic memory (the transition at T_heat), a reference for the compiled
        kernel (tests, benchmarks). The constants are evaluated once, here, not per call.
        """
        rlen, _, G, K = self.zone_constants()
        par = dict(zip(kernel.PAR_NAMES, self.parameters(T_bath * kelvin), strict=True))
        n = par["n_sink"]

        def flow(T, V):
            T = np.asarray(T, float)
            s = 1 / (1 + np.exp(-(T - par["T_heat"]) / par["w"]))
            metal = par["rho_res"] + par["rho0"] * (T / par["T0"]) ** par["m_rho"] * np.exp(
                par["a"] * (T - par["T0"])
            )
            insulator = par["rho_p"] * np.exp(par["E_a"] / T - par["E_a"] / par["T_c"])
            R = rlen * (metal * (1 - s) + insulator * s)
            I = V / (par["R_s"] + par["mirror"] * R.sum())
            if n == 1:
                Q = G * par["T_ref"] * np.log(T / T_bath)
            else:  # Kirchhoff transform of k ∝ T^−n (n = 0: G·(T − T_bath))
                Q = G * par["T_ref"] ** n * (T ** (1 - n) - T_bath ** (1 - n)) / (1 - n)
            net = I**2 * R - Q
            lateral = K[:-1] * (T[:-1] - T[1:])
            net[:-1] -= lateral
            net[1:] += lateral
            return net

        return flow

    def resistance(self, T):
        """Channel resistance (Ω) with every zone at temperature ``T`` (K), metallic memory."""
        T = np.atleast_1d(_plain("T", T, kelvin, 0, low_open=True))
        if T.size == 0:
            raise ValueError("T is empty: need at least one temperature (K)")
        rlen, _, G, K = self.zone_constants()
        par = self.parameters(T[0] * kelvin)
        n = self.n_zones
        out = [
            2 * kernel.balance(np.full(n, t), np.zeros(n), 0.0, False, rlen, G, K, par)[4].sum()
            for t in T
        ]
        return np.array(out)

    # ------------------------------------------------------------------ steady states
    def sweep(self, biases, T_bath, voltage=True, T0=None, p0=None):
        """Steady states along ``biases`` (V or A), each continued from the previous one.

        Returns ``(T (n_bias, n), p (n_bias, n), I (n_bias,), V (n_bias,))`` in K, 1, A and
        V; ``V`` is the voltage across the channel (the source minus I·R_s). ``I`` is NaN
        where no steady state was found; a thermal runaway (a zone past
        ``RUNAWAY_TEMPERATURE`` = 5000 K, where Joule heating outgrows the sink) and a
        relaxation that reaches the iteration limit each warn, with the count and first bias.
        """
        rlen, C, G, K = self.zone_constants()
        par = self.parameters(T_bath)
        T, p, I, status = kernel.sweep(
            np.asarray(biases, float), voltage, rlen, C, G, K, par, T0, p0
        )
        _warn_failed(biases, status, voltage)
        if voltage:
            V = np.asarray(biases, float) - I * self._si("R_s")
        else:
            V = I * self._channel_resistance(T, p, T_bath)
        return T, p, I, V

    def sweep_up_down(self, V_max, T_bath, n=121):
        """Voltage sweeps 0 → V_max → 0 (V, K): ``(up, down)``, each as from :meth:`sweep`."""
        V_max = float(_plain("V_max", V_max, volt))
        n = require_count("n", n, 2)
        V = np.linspace(0.0, V_max, n)
        up = self.sweep(V, T_bath)
        down = self.sweep(V[::-1], T_bath, T0=up[0][-1], p0=up[1][-1])
        return up, tuple(x[::-1] for x in down)

    def channel_resistance(self, T, p, T_bath):
        """Channel resistance (Ω) of zone states ``T`` (K), ``p`` of shape (..., n)."""
        T = _plain("T", T, kelvin, 0, low_open=True)
        p = _plain("p", p, 1, 0)
        for name, x in (("T", T), ("p", p)):
            if x.ndim == 0 or x.shape[-1] != self.n_zones or x.size == 0:
                raise ValueError(
                    f"{name} has shape {x.shape}: need (..., n) zone states, n = {self.n_zones}"
                )
        try:
            T, p = (np.array(x) for x in np.broadcast_arrays(T, p))
        except ValueError:
            raise ValueError(f"T has shape {T.shape}, p {p.shape}: they must broadcast") from None
        return self._channel_resistance(T, p, T_bath)

    def _channel_resistance(self, T, p, T_bath):
        """:meth:`channel_resistance` of kernel states, unchecked (NaN rows stay NaN)."""
        rlen, _, G, K = self.zone_constants()
        par = self.parameters(T_bath)
        T, p = (
            np.array(x) for x in np.broadcast_arrays(np.asarray(T, float), np.asarray(p, float))
        )
        flat = [
            2 * kernel.balance(t, q, 0.0, False, rlen, G, K, par)[4].sum()
            for t, q in zip(T.reshape(-1, self.n_zones), p.reshape(-1, self.n_zones), strict=True)
        ]
        return np.array(flat).reshape(T.shape[:-1])

    def curve(self, T_bath, T_max=600.0, memory=0.0):
        """The whole steady-state curve by pseudo-arclength continuation in current.

        Returns ``(T (n_pts, n), I (n_pts,), V (n_pts,))`` with V the channel voltage; the
        memory of every zone is fixed at ``memory`` (0 metallic, 1 insulating).
        """
        memory = require_number("memory", memory, 0, 1)
        T_max = require_number("T_max", T_max, 0, low_open=True)
        rlen, _, G, K = self.zone_constants()
        par = self.parameters(T_bath)
        p = np.full(self.n_zones, float(memory))
        R0 = (
            2
            * kernel.balance(np.full(self.n_zones, par[12]), p, 0.0, False, rlen, G, K, par)[
                4
            ].sum()
        )
        I_scale = np.sqrt(G.sum() * par[12] / R0)
        T, I = kernel.arclength(rlen, G, K, par, p, I_scale, T_max=T_max)
        return T, I, I * self._channel_resistance(T, p[None, :], T_bath)

    # ------------------------------------------------------------------ Brian2
    @property
    def method(self):
        """Integrator of the Brian2 group: midpoint RK2.

        Second order, and Brian2 derives it in ≈ 1 s where rk4 takes ≈ 6 s for three zones.
        The fastest time constant is C_0/K_lat (≈ 0.1 µs for the preset): keep dt ≲ 10 ns.
        """
        return "rk2"

    def equations_for(self, drive="voltage"):
        """Brian2 equations with the given drive ("voltage" or "current")."""
        return zone_equations(self.n_zones, self.sink_exponent, drive)

    @property
    def equations(self):
        """Brian2 equations of the voltage-driven channel (one channel per neuron)."""
        return self.equations_for("voltage")

    @property
    def namespace(self):
        """Constants of :attr:`equations` (Brian2 quantities)."""
        rlen, C, G, K = self.zone_constants()
        Tc, dT = self.T_c, self.hysteresis
        ns = {
            "rho0": self.rho0,
            "rho_res": self.rho_res,
            "m_rho": self.rho_exponent,
            "a_rho": self.a_rho,
            "T0_rho": self.T0_rho,
            "rho_p": self.rho_p,
            "E_a": self.E_a,
            "T_c": Tc,
            "T_heat": Tc + dT / 2,
            "T_cool": Tc - dT / 2,
            "w_t": self.w_t,
            "T_r": self.T_r,
        }
        for i in range(self.n_zones):
            ns.update(
                {
                    f"rlen_{i}": rlen[i] / metre,
                    f"C_{i}": C[i] * joule / kelvin,
                    f"G_{i}": G[i] * _W_PER_K,
                    f"K_{i}": K[i] * _W_PER_K,
                }
            )
        return ns

    def neurons(self, N, T_bath, V=None, I=None, name="lsmo*", model=None, **group_kwargs):
        """A NeuronGroup of ``N`` channels at ``T_bath``, driven by ``V`` (or ``I``).

        Every zone starts at ``T_bath``, metallic; the phase memories are updated after
        every step. ``model`` extends the device's equations
        (:func:`~spinbrian.devices.brian2_objects.extend_model`); ``group_kwargs`` go to
        ``NeuronGroup`` (e.g. ``dt``, ``threshold``, ``events``, ``namespace``).
        """
        if (V is None) == (I is None):
            raise ValueError("give exactly one of V= (voltage source) and I= (current bias)")
        N = require_count("N", N, 1)
        T_bath = require_unit("T_bath", T_bath, kelvin)
        _plain("T_bath", T_bath, kelvin, 0, low_open=True)
        require_finite_array("T_bath", T_bath, (N,))
        for label, value, unit in (("V", V, volt), ("I", I, amp)):
            if value is not None:
                require_finite_array(label, require_unit(label, value, unit), (N,))
        drive = "voltage" if I is None else "current"
        memories = [f"p_{i}" for i in range(self.n_zones)]
        bias = ["V_bias", "R_s"] if drive == "voltage" else ["I_bias"]
        group = NeuronGroup(
            N,
            extend_model(self.equations_for(drive), model, ["T_bath", *memories, *bias]),
            **merge_keywords(
                "LSMOChannel.neurons",
                dict(method=self.method, namespace=self.namespace, name=name),
                group_kwargs,
            ),
        )
        group.T_bath = require_unit("T_bath", T_bath, kelvin)
        for i in range(self.n_zones):
            setattr(group, f"T_{i}", T_bath)
        if drive == "voltage":
            group.V_bias = require_unit("V", V, volt)
            group.R_s = self.R_s
        else:
            group.I_bias = require_unit("I", I, amp)
        group.run_regularly(memory_code(self.n_zones), when="after_groups")
        return group

    def cell_network(self, N, T_bath, V, name="lsmo", dt=None):
        """Brian2 objects of ``N`` channels with one neuron per cell (Synapses couple them).

        Returns a :class:`CellNetwork`: ``cells`` (N·n neurons, channel c's cell i is
        neuron c·n + i; variables ``T``, ``R``, ``Q``, ``p``, ``I_cell``), ``source`` (N
        neurons: ``V_bias``, ``R_s``, ``I_dev``, ``R_half``) and the three link groups of
        :mod:`spinbrian.equations.thermal`. Every cell starts at ``T_bath``, metallic. The
        current and lateral heat are summed variables, refreshed at the start of each step
        and held over it (first order in dt for the coupling; the steady state is exact):
        keep dt ≲ C_cell/K_lat/5 (≈ 1 ns for the 30-cell preset).

        Drive the bias in time through ``source`` (e.g. ``source.run_regularly("V_bias =
        ramp(t)")`` with a TimedArray ``ramp`` in the namespace).

        Examples
        --------
        >>> from brian2 import Network, kelvin, nsecond, usecond, volt
        >>> ch = LSMOChannel.chain(4, 1e-5 * watt / kelvin)
        >>> net = Network(*ch.cell_network(1, 100 * kelvin, [5] * volt, dt=2 * nsecond))
        >>> net.run(2 * usecond)
        """
        N = require_count("N", N, 1)
        T_bath = require_unit("T_bath", T_bath, kelvin)
        _plain("T_bath", T_bath, kelvin, 0, low_open=True)
        V = require_unit("V", V, volt)
        if np.shape(V) != (N,):
            raise ValueError(f"V has shape {np.shape(V)}: need one bias per channel, ({N},)")
        require_finite_array("V", V, (N,))
        n = self.n_zones
        rlen, C, G, K = self.zone_constants()
        # the scalar constants (the per-zone ones, suffixed _0, _1, …, are cell variables here)
        ns = {k: v for k, v in self.namespace.items() if not k.split("_")[-1].isdigit()}
        extra = {} if dt is None else {"dt": dt}
        cells = NeuronGroup(
            N * n,
            cell_equations(self.sink_exponent),
            method=self.method,
            namespace=ns,
            name=f"{name}_cells",
            order=2,
            **extra,
        )
        cells.rlen = np.tile(rlen, N) / metre
        cells.C = np.tile(C, N) * joule / kelvin
        cells.G = np.tile(G, N) * _W_PER_K
        cells.T_bath = T_bath
        cells.T = T_bath
        cells.run_regularly(CELL_MEMORY, when="after_groups", name=f"{name}_memory")
        source = NeuronGroup(
            N, source_equations(), method="euler", name=f"{name}_source", order=0, **extra
        )
        source.V_bias = V
        source.R_s = self.R_s
        channel = np.repeat(np.arange(N), n)
        cell = np.arange(N * n)
        # R_pre is the cells' ρ(T) expression: the link needs their constants too
        resistance = Synapses(
            cells, source, RESISTANCE_LINK, namespace=ns, name=f"{name}_resistance", **extra
        )
        resistance.connect(i=cell, j=channel)
        current = Synapses(source, cells, CURRENT_LINK, name=f"{name}_current", **extra)
        current.connect(i=channel, j=cell)
        left = np.concatenate([c * n + np.arange(n - 1) for c in range(N)])
        heat = Synapses(cells, cells, HEAT_LINK, name=f"{name}_heat", **extra)
        heat.connect(i=np.r_[left, left + 1], j=np.r_[left + 1, left])
        heat.K = np.r_[K[left % n], K[left % n]] * _W_PER_K
        return CellNetwork(cells, source, resistance, current, heat)

    def variant(self, **changes):
        """A copy with some parameters changed (``dataclasses.replace``)."""
        return replace(self, **changes)
