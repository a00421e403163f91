"""The glassy molecular spin-valve synapse (LSMO/Gaq3/AlOx/Co, seed 002) as a device."""

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from brian2 import Synapses, kelvin, second, siemens, volt
from scipy.special import expit

from spinbrian import constants as c
from spinbrian.devices.brian2_objects import EVENT_CODE_HINTS, extend_model, merge_keywords
from spinbrian.devices.display import PaperUnits
from spinbrian.devices.validation import (
    in_si,
    require_count,
    require_number,
    require_range,
    require_unit,
)
from spinbrian.equations.glassy import (
    current_deviation,
    pulse_code,
    read_code,
    relaxation_code,
    relaxation_equations,
    sinh_iv,
)

_EV = c.Q_E  # J per eV


def _read_only(a):
    """``a`` made read-only: the cached class grid is shared by every caller."""
    a.setflags(write=False)
    return a


def _band(name, band):
    """``band`` as a pair (lo, hi) of finite floats (eV), else a ValueError by name."""
    values = np.asarray(band, dtype=float) if np.ndim(band) else None
    if values is None or values.shape != (2,) or not np.all(np.isfinite(values)):
        raise ValueError(f"{name} = {band!r}: need a pair (lo, hi) of finite energies (eV)")
    return band


def _elapsed(name, value):
    """A duration (Quantity in s, or a plain SI float) ≥ 0; a scalar NaN or < 0 is refused.

    Arrays broadcast unchecked (the formula convention: a NaN entry gives NaN there);
    +inf is allowed: the classes then sit at their equilibrium.
    """
    tau = in_si(name, value, second)
    if tau.ndim == 0 and not tau >= 0:
        raise ValueError(f"{name} = {value} is outside the allowed range [0, inf]")
    return tau


@dataclass(frozen=True)
class GlassySynapse(PaperUnits):
    """Barrier classes, their kinetics, the read-out and the I–V of one cross-point.

    Parameters
    ----------
    temperature : Quantity
        Device temperature (seed 002: 76–100 K).
    nu0 : float
        Attempt rate (1/s).
    E_band : tuple of float
        (E_lo, E_hi) in eV: the simulated band of the flat 0…≈1 eV distribution (seed 002,
        Fig. 5b: "heights from 0 to ≈ 1 eV"); classes below E_lo equilibrate within
        microseconds at 76–100 K and are at rest at every read.
    fine_band : tuple of float
        (E_a, E_b) in eV: the part of the band divided finely, ``fine_step`` wide classes:
        the barriers that relax between 10 ms and 10⁵ s at 76–100 K, where the thresholds,
        the weak trains and the logarithmic relaxation are decided.
    fine_step, coarse_step : float
        Class widths (eV) inside and outside ``fine_band``. Each class is weighted by its
        width (the distribution is flat), so the coarse classes cost no accuracy where
        barriers either follow a pulse fully or never move (:attr:`weights`).
    tilt_p, tilt_d : float
        Tilt amplitudes (eV) of the potentiating (V > 0) and depressing (V < 0) polarity.
    V_p, V_d : Quantity
        Voltage scales of the two polarities, of the cell's tunnelling I–V,
        I = G·V_pol·sinh(V/V_pol) (linear at the 0.1 V read; the crossbar solves with it),
        and of the tilt: a pulse of voltage V tilts the landscape by
        tilt_pol·sinh(|V|/V_pol) eV, the work of the electromigration force over a hop,
        which follows the current (seed 002, text of Fig. 5 and its ref. 42). The two
        polarities drive the current through different interfaces (LSMO/Gaq3 and
        Gaq3/AlOx/Co), so each has its own scale.
    sigma_mid : Quantity
        Read conductance at X = ½ (all classes at rest).
    log_on_off : float
        ln(σ(X=1)/σ(X=0)): the read conductance is σ_mid·exp(log_on_off·(X − ½)).
    mr_max : float
        Spin-valve magnetoresistance (ΔG/G) of the impurity-level channel alone (assumed:
        seed 002 gives no magnitude; 10 % is of the order of LSMO/organic/Co valves).
        The cell's MR follows from two parallel channels (:meth:`magnetoresistance`).
    """

    temperature: object = field(default_factory=lambda: 76 * kelvin)
    nu0: float = 1e12
    E_band: tuple = (0.10, 1.0)
    fine_band: tuple = (0.16, 0.40)
    fine_step: float = 0.01
    coarse_step: float = 0.10
    tilt_p: float = 1e-3
    tilt_d: float = 1e-2
    V_p: object = field(default_factory=lambda: 0.35 * volt)
    V_d: object = field(default_factory=lambda: 1.0 * volt)
    sigma_mid: object = field(default_factory=lambda: 1e-6 * siemens)
    log_on_off: float = float(np.log(1e4))
    mr_max: float = 0.1

    def __post_init__(self):
        object.__setattr__(
            self, "temperature", require_unit("temperature", self.temperature, kelvin)
        )
        object.__setattr__(self, "sigma_mid", require_unit("sigma_mid", self.sigma_mid, siemens))
        for name in ("V_p", "V_d"):
            object.__setattr__(self, name, require_unit(name, getattr(self, name), volt))
            require_range(name, getattr(self, name), 0, low_open=True)
        require_range("temperature", self.temperature, 0, low_open=True)
        require_range("sigma_mid", self.sigma_mid, 0, low_open=True)
        for name in ("nu0", "fine_step", "coarse_step", "tilt_p", "tilt_d"):
            object.__setattr__(
                self, name, require_number(name, getattr(self, name), 0, low_open=True)
            )
        # an on/off ratio e^L beyond e^1400 would overflow σ_mid·e^(L/2) (far past any device)
        object.__setattr__(
            self, "log_on_off", require_number("log_on_off", self.log_on_off, 0, 1400, True)
        )
        object.__setattr__(self, "mr_max", require_number("mr_max", self.mr_max, 0))
        lo, hi = _band("E_band", self.E_band)
        if not 0 <= lo < hi:
            raise ValueError(f"E_band = {self.E_band}: need 0 ≤ E_lo < E_hi (eV)")
        a, b = _band("fine_band", self.fine_band)
        if not lo <= a < b <= hi:
            raise ValueError(
                f"fine_band = {self.fine_band}: need E_lo ≤ E_a < E_b ≤ E_hi (E_band = "
                f"{self.E_band}, eV)"
            )

    # ------------------------------------------------------------------ kinetics (NumPy)
    @cached_property
    def edges(self):
        """Class boundaries (eV), (K + 1,): coarse below and above ``fine_band``, fine in it."""
        (lo, hi), (a, b) = self.E_band, self.fine_band

        def split(x0, x1, step):
            return np.linspace(x0, x1, max(1, round((x1 - x0) / step)) + 1) if x1 > x0 else []

        parts = [
            split(lo, a, self.coarse_step),
            split(a, b, self.fine_step),
            split(b, hi, self.coarse_step),
        ]
        return _read_only(np.unique(np.round(np.concatenate(parts), 12)))

    @property
    def K(self):
        """Number of barrier classes."""
        return len(self.edges) - 1

    @cached_property
    def energies(self):
        """Barrier heights E_k (eV), the class centres, (K,)."""
        e = self.edges
        return _read_only(0.5 * (e[1:] + e[:-1]))

    @cached_property
    def weights(self):
        """Share of the flat band held by each class (its width over the band's), (K,)."""
        e = self.edges
        return _read_only(np.diff(e) / (e[-1] - e[0]))

    @property
    def kT(self):
        """k_BT in eV."""
        return c.K_B * float(self.temperature / kelvin) / _EV

    @cached_property
    def rest_rates(self):
        """γ_k = 2ν0 exp(−E_k/k_BT) (1/s): relaxation towards ½ between pulses."""
        return _read_only(2 * self.nu0 * np.exp(-self.energies / self.kT))

    def rest_state(self, shape=()):
        """Occupancies of a device at rest: every class at ½, shape (*shape, K).

        ``shape`` is a count or a tuple of counts (≥ 0).
        """
        for size in shape if isinstance(shape, (tuple, list)) else (shape,):
            require_count("shape", size)
        return np.full((*np.shape(np.empty(shape, dtype=bool)), self.K), 0.5)

    def tilt(self, V):
        """Tilt of the landscape (eV) during a pulse of voltage ``V`` (V): A·sinh(|V|/V_pol)."""
        V = in_si("V", V, volt)
        scale = np.where(V > 0, float(self.V_p / volt), float(self.V_d / volt))
        return np.where(V > 0, self.tilt_p, self.tilt_d) * np.sinh(np.abs(V) / scale)

    def pulse_factors(self, V, duration):
        """(x_eq, decay) of a rectangular pulse: x ← x_eq + (x − x_eq)·decay, per class.

        Hops towards the favoured side take ν0 exp(−max(E_k − t, 0)/k_BT), back
        ν0 exp(−(E_k + t)/k_BT) with the tilt t = :meth:`tilt`; x_eq is their detailed
        balance and decay exp(−(f + b)τ). Barriers below the tilt are smeared out (the
        field alone moves them, seed 002 Fig. 5c); the others need "the combined effect of
        pulses and activation". ``V`` (V) broadcasts against the leading axes; returns
        (..., K).
        """
        V = in_si("V", V, volt)[..., None]
        tau = float(_elapsed("duration", duration))
        tilt = self.tilt(V)
        E = self.energies
        log_up = -np.clip(E - tilt, 0, None) / self.kT
        log_down = -(E + tilt) / self.kT
        up, down = self.nu0 * np.exp(log_up), self.nu0 * np.exp(log_down)
        # detailed balance from the log-rates: cold cells have both rates underflow to 0
        x_eq = expit(np.where(V >= 0, log_up - log_down, log_down - log_up))
        return x_eq, np.exp(-(up + down) * tau)

    def pulse(self, x, V, duration):
        """Occupancies after a rectangular pulse (exact for constant rates).

        Parameters
        ----------
        x : ndarray
            (..., K) occupancies before the pulse.
        V : Quantity or float
            Pulse voltage (V), broadcast against ``x[..., 0]``.
        duration : Quantity or float
            Pulse duration (s).
        """
        x = self._classes(x)
        x_eq, decay = self.pulse_factors(V, duration)
        return x_eq + (x - x_eq) * decay

    def relax(self, x, t):
        """Occupancies after a time ``t`` (s) at V = 0 (also valid during a low-V read).

        ``t`` may be an array that broadcasts against ``x[..., :1]``.
        """
        x = self._classes(x)
        tau = _elapsed("t", t)
        return 0.5 + (x - 0.5) * np.exp(-self.rest_rates * tau)

    # ------------------------------------------------------------------ read-out
    def mean_state(self, x):
        """X = occupancy averaged over the band (each class weighted by its width)."""
        return self._classes(x) @ self.weights

    def _classes(self, x):
        """``x`` as a float array of class occupancies, shape (..., K), else by name."""
        x = np.asarray(x, float)
        if x.ndim == 0 or x.shape[-1] != self.K:
            raise ValueError(f"x has shape {x.shape}: need (..., K) occupancies, K = {self.K}")
        return x

    def conductance(self, x):
        """Read conductance σ (S) at low voltage: σ_mid·exp(log_on_off·(X − ½))."""
        X = self.mean_state(x)
        return float(self.sigma_mid / siemens) * np.exp(self.log_on_off * (X - 0.5))

    @property
    def background_conductance(self):
        """σ at X = 0 (S): the cell with no impurity levels in its Gaq3 layer."""
        return float(self.sigma_mid / siemens) * np.exp(-self.log_on_off / 2)

    def magnetoresistance(self, x):
        """Spin-valve MR (ΔG/G) of the cell: the spin-coherent share of its conductance.

        Two channels in parallel: the background σ_0 = :attr:`background_conductance` of a
        cell whose Gaq3 holds no migrated impurities, spin-incoherent (no MR), and the
        impurity-level channel σ − σ_0 that the pulses build (seed 002: the oxygen species
        "create impurity conduction levels in the Gaq3 film"), which carries the spin
        polarisation of the electrodes with the MR ``mr_max``. So
        MR = mr_max·(σ − σ_0)/σ = mr_max·(1 − e^(−log_on_off·X)): zero at X = 0, rising
        with the conductance as the paper describes ("when the synapse is potentiated by
        increasing its conductance, the magnetoresistance is gradually recovered").
        """
        X = self.mean_state(x)
        return self.mr_max * -np.expm1(-self.log_on_off * np.asarray(X))

    @property
    def iv_scales(self):
        """(V_p, V_d) in volts: the I–V and tilt scales of the two polarities."""
        return float(self.V_p / volt), float(self.V_d / volt)

    def current(self, V, G):
        """Cell current (A) at voltage V (V) for read conductance G (S): G·V_s·sinh(V/V_s).

        V_s is V_p for V ≥ 0 and V_d below (the current's derivative is G at V = 0 on
        both sides).
        """
        return sinh_iv(V, G, self.iv_scales)[0]

    # ------------------------------------------------------------------ Brian2
    @property
    def namespace(self):
        """Constants of :meth:`synapses`' code (the class rates and pulses are literals)."""
        return {"sigma_mid": self.sigma_mid, "log_on_off": self.log_on_off}

    def pulse_statements(self, pathway, V, duration):
        """Code of one rectangular pulse (:func:`~spinbrian.equations.glassy.pulse_code`).

        ``V`` (volt) and ``duration`` (second, ≥ 0) must be finite: they become literals.
        """
        V = require_unit(f"{pathway} pulse voltage", V, volt)
        duration = require_unit(f"{pathway} pulse duration", duration, second)
        require_range(f"{pathway} pulse voltage", V)
        require_range(f"{pathway} pulse duration", duration, 0)
        return pulse_code(*self.pulse_factors(V, duration))

    def synapses(
        self,
        source,
        target,
        pre_pulse=None,
        post_pulse=None,
        on_pre_extra="",
        on_post_extra="",
        name="glassy*",
        model=None,
        **kwargs,
    ):
        """Brian2 Synapses whose spikes program the device with their pathway's pulse.

        Each synapse holds the deviations d_k = x_k − ½ of its K occupancies (0 at rest)
        and ``t_last``; at a spike they are first relaxed exactly from ``t_last`` (so idle
        synapses cost nothing per time step), the read conductance is stored in the
        local ``sigma_read``, ``on_pre_extra`` runs (e.g. ``"g_post += sigma_read*w"`` to
        deliver the weight the spike sees), then the pathway's pulse acts as the exact
        change of a rectangular pulse (durations ≪ the intervals between spikes). The
        model's ``sigma`` is the read conductance *now*: it relaxes the stored state from
        ``t_last`` to the present time (:func:`~spinbrian.equations.glassy.current_deviation`),
        so a StateMonitor or a read after ``run()`` shows the device's state at that time;
        inside ``on_pre`` code use ``sigma_read`` (the value before this event's pulse).

        Parameters
        ----------
        source, target : brian2.NeuronGroup
            Presynaptic (e.g. input lines) and postsynaptic groups.
        pre_pulse, post_pulse : tuple of Quantity, optional
            (voltage, duration) applied by each presynaptic / postsynaptic spike (seed 002:
            +1.75 V and −1 V thresholds); ``None``: that pathway only reads.
        on_pre_extra, on_post_extra : str
            Code run after the read, before the pulse.
        name : str
            Brian2 name.
        model : str or brian2.Equations, optional
            Extra synapse equations (e.g. ``w : 1``); the device's state cannot be replaced.
        **kwargs
            Passed to ``brian2.Synapses`` (e.g. ``dt``, ``delay``, ``namespace``).

        Examples
        --------
        >>> from brian2 import NeuronGroup, ms, volt
        >>> from spinbrian import presets
        >>> dev = presets.shumilin2024_glassy()
        >>> pre = NeuronGroup(1, "v : 1", threshold="True")
        >>> post = NeuronGroup(1, "g : siemens")
        >>> S = dev.synapses(pre, post, pre_pulse=(2 * volt, 5 * ms),
        ...                  on_pre_extra="g_post += sigma_read")
        >>> S.connect()
        """
        now = current_deviation(self.weights, self.rest_rates)
        own_model = "\n".join(
            [relaxation_equations(self.K), f"sigma = sigma_mid*exp(log_on_off*{now}) : siemens"]
        )
        head = [relaxation_code(self.rest_rates), read_code(self.weights)]
        pathways = {}
        for pathway, pulse, extra in (
            ("pre", pre_pulse, on_pre_extra),
            ("post", post_pulse, on_post_extra),
        ):
            body = [*head, extra] if extra else list(head)
            if pulse is not None:
                if not isinstance(pulse, (tuple, list)) or len(pulse) != 2:
                    raise ValueError(
                        f"{pathway}_pulse = {pulse!r}: need a pair (voltage, duration) or None"
                    )
                body.append(self.pulse_statements(pathway, *pulse))
            if pulse is not None or extra:
                pathways[pathway] = "\n".join(body)
        own = dict(
            on_pre=pathways.get("pre", "\n".join(head)),
            on_post=pathways.get("post"),
            namespace=self.namespace,
            name=name,
        )
        return Synapses(
            source,
            target,
            model=extend_model(own_model, model, inputs=()),
            **merge_keywords("GlassySynapse.synapses", own, kwargs, hints=EVENT_CODE_HINTS),
        )
