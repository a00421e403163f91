"""The Co/Gd ferrimagnetic SOT Hall device of seed 001 (Li et al. 2022) as a device.

Physics: :mod:`spinbrian.equations.nucleation` (the continuum of K barrier classes, as Brian2
code) and :mod:`spinbrian.cython_kernels.nucleation` (the finite film of N grains). Both
views use the numbers of one :class:`CoGdDevice`.
"""

from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np
from brian2 import Hz, NeuronGroup, Synapses, amp, kelvin, meter, ohm, second
from scipy.special import ndtri

from spinbrian import constants as c
from spinbrian.cython_kernels.nucleation import ensemble_pulses
from spinbrian.devices import cogd_stdp
from spinbrian.devices.brian2_objects import EVENT_CODE_HINTS, extend_model, merge_keywords
from spinbrian.devices.display import PaperUnits
from spinbrian.devices.validation import (
    in_si,
    require_count,
    require_finite_array,
    require_number,
    require_range,
    require_unit,
)
from spinbrian.equations.nucleation import (
    class_equations,
    pulse_code,
    sigmoid_neuron_equations,
    up_fraction,
)

_A_PER_M = amp / meter
_EV = c.Q_E


@dataclass(frozen=True)
class CoGdDevice(PaperUnits):
    """A Co/Gd multilayer Hall bar switched by spin–orbit torque through nucleation.

    Parameters
    ----------
    Hk : Quantity
        Effective perpendicular anisotropy field (A/m; seed 001 Fig. 2f).
    Hx : Quantity
        In-plane bias field (A/m, signed): sets the switching direction sign(I·H_x) and
        tilts the magnetisation (sin θ_M = |H_x|/H_k).
    Hk_ref : Quantity
        Anisotropy at which ``barrier_mean`` is given; the barriers scale as H_k/H_k,ref.
    barrier_mean, barrier_sigma : float
        Mean and standard deviation (eV) of the zero-drive nucleation barriers at
        H_k = H_k,ref, H_x = 0 (normally distributed over the film, seed 001 p. 3).
    nucleation_field_0 : Quantity
        Nucleation field H_n0 at H_k = H_k,ref, H_x = 0: the spin–orbit field that removes
        a nucleus's barrier at zero temperature (A/m; nuclei form at defects, far below the
        coherent field). Under (H_k, H_x) it is H_n = H_n0 (H_k/H_k,ref)^ν (1 − h^{2/3})^{3/2},
        h = |H_x|/H_k: the Stoner–Wohlfarth astroid of the nucleus, whose size follows the
        wall energy σ_w ∝ √(A K) (ν = ``nucleation_hk_exponent``).
    nucleation_hk_exponent : float
        ν, how the nucleation field scales with H_k (1/2: with the wall energy; 0: set by the
        defect alone; 1: with the anisotropy itself).
    depinning_field_0 : Quantity
        Propagation (depinning) field H_p0 at H_k = H_k,ref, H_x = 0: above it domain walls
        depin and sweep the film. Under (H_k, H_x) it is H_p = H_p0 (H_k/H_k,ref)^{1/2}/cos θ_M
        (Kondorsky: the pinning follows the wall energy, the drive acts on the tilted m_z).
    sot_efficiency : Quantity
        Damping-like field per current density (m; seed 001: 25 Oe per 10⁷ A/cm²).
    width, thickness : Quantity
        Channel width and current-carrying thickness (j = I/(w·t)).
    temperature : Quantity
        Film temperature.
    f0 : Quantity
        Attempt frequency (PHYSICS.md §2: 10⁹–10¹⁰ Hz).
    pulse_width : Quantity
        Default pulse duration (seed 001: 10 ms).
    n_sites : int
        Nucleation sites (grains) in the Hall cross: the finite-ensemble size and the
        smallest sweeping nucleus (1/n_sites) of the continuum.
    K : int
        Barrier classes of the continuum (equal weights, at the normal quantiles).
    R_AHE : Quantity
        Anomalous Hall resistance of the saturated film (R_hall = R_AHE(2p − 1)cos θ_M).
    """

    Hk: object
    Hx: object
    Hk_ref: object = field(default_factory=lambda: 2000 * c.oersted)
    barrier_mean: float = 6.0
    barrier_sigma: float = 1.0
    nucleation_field_0: object = field(default_factory=lambda: 358.593 * c.oersted)
    nucleation_hk_exponent: float = 0.5
    depinning_field_0: object = field(default_factory=lambda: 66.9842 * c.oersted)
    sot_efficiency: object = field(default_factory=lambda: 25 * c.oersted / c.TEN_MA_PER_CM2)
    width: object = field(default_factory=lambda: 10e-6 * meter)
    thickness: object = field(default_factory=lambda: 11.2e-9 * meter)
    temperature: object = field(default_factory=lambda: 300 * kelvin)
    f0: object = field(default_factory=lambda: 1e9 * Hz)
    pulse_width: object = field(default_factory=lambda: 10e-3 * second)
    n_sites: int = 10_000
    K: int = 16
    R_AHE: object = field(default_factory=lambda: 1.0 * ohm)

    def __post_init__(self):
        units = {
            "Hk": _A_PER_M,
            "Hx": _A_PER_M,
            "Hk_ref": _A_PER_M,
            "nucleation_field_0": _A_PER_M,
            "depinning_field_0": _A_PER_M,
            "sot_efficiency": meter,
            "width": meter,
            "thickness": meter,
            "temperature": kelvin,
            "f0": Hz,
            "pulse_width": second,
            "R_AHE": ohm,
        }
        for name, unit in units.items():
            object.__setattr__(self, name, require_unit(name, getattr(self, name), unit))
        for name in ("Hk", "Hk_ref", "width", "thickness", "temperature", "f0", "pulse_width"):
            require_range(name, getattr(self, name), 0, low_open=True)
        if not abs(float(self.Hx / self.Hk)) < 1:
            raise ValueError(
                f"Hx = {self.Hx} with Hk = {self.Hk}: the in-plane field must stay below the "
                "anisotropy field, |Hx|/Hk < 1 (the film would lie in plane)"
            )
        for name, low, low_open in (("barrier_mean", 0, True), ("barrier_sigma", 0, False)):
            object.__setattr__(
                self, name, require_number(name, getattr(self, name), low, low_open=low_open)
            )
        require_range("nucleation_field_0", self.nucleation_field_0, 0, low_open=True)
        require_range("depinning_field_0", self.depinning_field_0, 0)
        object.__setattr__(
            self,
            "nucleation_hk_exponent",
            require_number("nucleation_hk_exponent", self.nucleation_hk_exponent, -2, 2),
        )
        require_range("sot_efficiency", self.sot_efficiency, 0)  # the sign is sign(I·H_x)
        require_range("R_AHE", self.R_AHE, 0, low_open=True)
        object.__setattr__(self, "n_sites", require_count("n_sites", self.n_sites, 1))
        object.__setattr__(self, "K", require_count("K", self.K, 1))
        if self.Hx == 0:
            raise ValueError("Hx = 0: SOT switching needs an in-plane field to pick a direction")

    # ------------------------------------------------------------------ derived numbers
    def with_field(self, Hx):
        """The same film under another in-plane field."""
        return replace(self, Hx=Hx)

    @property
    def kT(self):
        """k_BT in eV."""
        return c.K_B * float(self.temperature / kelvin) / _EV

    @property
    def hx(self):
        """Reduced in-plane field |H_x|/H_k."""
        return float(abs(self.Hx / self.Hk))

    @property
    def cos_theta(self):
        """Cosine of θ_M, the tilt of the magnetisation: sin θ_M = |H_x|/H_k (Stoner–Wohlfarth)."""
        return float(np.sqrt(1 - self.hx**2))

    @cached_property
    def nucleation_field(self):
        """H_n = H_n0 (H_k/H_k,ref)^ν (1 − h^{2/3})^{3/2}: the nuclei's Stoner–Wohlfarth astroid."""
        return (
            self.nucleation_field_0
            * float(self.Hk / self.Hk_ref) ** self.nucleation_hk_exponent
            * (1 - self.hx ** (2 / 3)) ** 1.5
        )

    @cached_property
    def propagation_field(self):
        """H_p = H_p0 (H_k/H_k,ref)^{1/2}/cos θ_M: Kondorsky-like depinning of the walls."""
        return self.depinning_field_0 * float(self.Hk / self.Hk_ref) ** 0.5 / self.cos_theta

    @property
    def barrier_scale(self):
        """Factor (H_k/H_k,ref)(1 − |H_x|/H_k)² of the zero-drive barriers."""
        return float(self.Hk / self.Hk_ref) * (1 - self.hx) ** 2

    @property
    def sot_per_current(self):
        """Damping-like field per ampere of pulse current (A/m per A)."""
        return self.sot_efficiency / (self.width * self.thickness)

    @cached_property
    def _si_numbers(self):
        """Plain floats of the hot numeric paths: units are checked once, not per pulse."""
        return {
            "drive_per_amp": float(self.sot_per_current * amp / self.nucleation_field),
            "sweep_drive": float(self.propagation_field / self.nucleation_field),
            "f0": float(self.f0 / Hz),
            "hx_sign": float(np.sign(self.Hx / _A_PER_M)),
            "beta": self._barriers_kT(
                self.barrier_mean + self.barrier_sigma * ndtri((np.arange(self.K) + 0.5) / self.K)
            ),
        }

    def drive(self, current):
        """Reduced drive h = H_DL/H_n of a current (A or Quantity), any shape."""
        return np.abs(in_si("current", current, amp)) * self._si_numbers["drive_per_amp"]

    def current_for_field(self, H):
        """Pulse current (A) whose damping-like field is H (A/m)."""
        return float(in_si("H", H, _A_PER_M) / float(self.sot_per_current * amp / _A_PER_M))

    @property
    def class_barriers(self):
        """β_k: zero-drive barrier of class k in units of k_BT, (K,)."""
        return self._si_numbers["beta"].copy()

    def sample_barriers(self, n_devices=1, seed=0):
        """Zero-drive barriers (k_BT) of ``n_devices`` films of ``n_sites`` grains each."""
        return self._draw_barriers(n_devices, seed, self.barrier_scale)

    def _draw_barriers(self, n_devices, seed, scale):
        n_devices = require_count("n_devices", n_devices, 1)
        seed = require_count("seed", seed, 0)
        rng = np.random.default_rng(seed)
        U = rng.normal(self.barrier_mean, self.barrier_sigma, (n_devices, self.n_sites))
        return np.clip(U, 0, None) * scale / self.kT

    def _barriers_kT(self, U_eV):
        return np.clip(U_eV, 0, None) * self.barrier_scale / self.kT

    def with_anisotropy_spread(self, n_devices, relative_sigma, seed=0):
        """``n_devices`` films of this one whose H_k is drawn from N(H_k, (σ·H_k)²).

        Device-to-device variation of the anisotropy (each Hall bar its own PMA); each film
        keeps H_x, so its tilt, barriers, nucleation and propagation fields follow its own
        H_k. Draws that would lay a film in plane (|H_x| ≥ H_k) are drawn again.
        """
        n_devices = require_count("n_devices", n_devices, 1)
        sigma = require_number("relative_sigma", relative_sigma, 0, 0.5)
        rng = np.random.default_rng(require_count("seed", seed, 0))
        films = []
        while len(films) < n_devices:
            Hk = self.Hk * (1 + sigma * rng.standard_normal())
            if Hk > abs(self.Hx):
                films.append(replace(self, Hk=Hk))
        return films

    def retention_time(self, quantile=0.5):
        """Mean time (s) for a grain at a barrier quantile in [0, 1) to flip at rest (I = 0)."""
        quantile = require_number("quantile", quantile, 0, 1, high_open=True)
        beta = self._barriers_kT(self.barrier_mean + self.barrier_sigma * ndtri(quantile))
        return float(np.exp(beta) / (self.f0 / Hz))

    # ------------------------------------------------------------------ continuum (NumPy)
    def switch_probability(self, current, duration=None, barriers=None):
        """P of one rectangular pulse per class (or per given barrier), shape (..., K).

        ``current`` broadcasts against the leading axes; ``barriers`` (k_BT at zero
        drive) default to :attr:`class_barriers`.
        """
        numbers = self._si_numbers
        beta = numbers["beta"] if barriers is None else np.asarray(barriers, float)
        tau = self._duration(duration)
        h = np.clip(1 - self.drive(current), 0, None)[..., None]
        return -np.expm1(-numbers["f0"] * tau * np.exp(-beta * h**2))

    def _duration(self, duration):
        """Pulse width (s, float): :attr:`pulse_width` if ``None``; finite and ≥ 0."""
        if duration is None:
            return float(self.pulse_width / second)
        tau = float(in_si("duration", duration, second))
        require_range("duration", tau, 0)
        return tau

    def _classes(self, x, finite=False):
        """``x`` as floats of class fractions, shape (..., K); ``finite``: entries in [0, 1]."""
        x = np.asarray(x, float)
        if x.ndim == 0 or x.shape[-1] != self.K:
            raise ValueError(f"x has shape {x.shape}: need (..., K) class fractions, K = {self.K}")
        if finite and not np.all((x >= 0) & (x <= 1)):
            raise ValueError(f"x = {x!r}: every class fraction must be in [0, 1]")
        return x

    def direction(self, current):
        """Switching direction sign(I·H_x): +1 drives up (+z), −1 down."""
        return np.sign(in_si("current", current, amp)) * self._si_numbers["hx_sign"]

    def sweeps(self, current):
        """True where the pulse's spin–orbit field depins domain walls (≥ H_p)."""
        return self.drive(current) >= self._si_numbers["sweep_drive"]

    def pulse(self, x, current, duration=None):
        """Class up-fractions after one rectangular pulse (expected values, exact).

        Parameters
        ----------
        x : ndarray
            (..., K) up-fractions before the pulse.
        current : Quantity or float
            Pulse amplitude (A), signed, broadcast against ``x[..., 0]``.
        duration : Quantity, optional
            Pulse width (default :attr:`pulse_width`).
        """
        x = self._classes(x)
        P = self.switch_probability(current, duration)
        d = self.direction(current)[..., None]
        x = np.where(d > 0, x + (1 - x) * P, np.where(d < 0, x * (1 - P), x))
        return self._sweep(x, np.where(self.sweeps(current), self.direction(current), 0))

    def _sweep(self, x, direction):
        """Domain-wall sweep in ``direction`` where a nucleus (≥ 1 site) exists."""
        p = x.mean(axis=-1)
        d = np.asarray(direction)
        up = (d > 0) & (p * self.n_sites >= 1)
        down = (d < 0) & ((1 - p) * self.n_sites >= 1)
        return np.where(up[..., None], 1.0, np.where(down[..., None], 0.0, x))

    def apply_pulses(self, currents, x=None, duration=None):
        """Up-fraction p after each pulse of a sequence (continuum), and the final classes."""
        x = self.saturated(-1) if x is None else np.array(self._classes(x, finite=True))
        currents = np.asarray(in_si("currents", currents, amp))
        require_finite_array("currents", currents, np.shape(currents))
        self._duration(duration)
        p = np.empty(len(currents))
        for i, current in enumerate(currents):
            x = self.pulse(x, current, duration)
            p[i] = x.mean()
        return p, x

    def saturated(self, direction):
        """Class fractions of a film saturated up (+1) or down (−1)."""
        if direction not in (1, -1):
            raise ValueError(f"direction = {direction!r}: choose +1 (up) or −1 (down)")
        return np.full(self.K, 1.0 if direction > 0 else 0.0)

    def hall_resistance(self, p):
        """R_hall (Ω) of up-fraction p: R_AHE(2p − 1)cos θ_M."""
        return float(self.R_AHE / ohm) * (2 * np.asarray(p) - 1) * self.cos_theta

    # ------------------------------------------------------------------ finite film (Cython)
    def ensemble(self, currents, n_devices=1, seed=0, duration=None, state=None):
        """Up-fraction after each pulse for ``n_devices`` films of ``n_sites`` grains.

        Device-to-device randomness: each film draws its own barriers; cycle-to-cycle:
        each grain switches with its probability in every pulse (seeded).

        Returns
        -------
        p : ndarray
            (n_devices, n_pulses) up-fractions.
        state : ndarray
            (n_devices, n_sites) final grain states (int8, ±1).
        """
        n_devices = require_count("n_devices", n_devices, 1)
        seed = require_count("seed", seed, 0)
        currents = np.atleast_1d(np.asarray(in_si("currents", currents, amp), dtype=float))
        if currents.ndim != 1 or not np.all(np.isfinite(currents)):
            raise ValueError(f"currents = {currents!r}: need a finite 1-D sequence of pulses")
        if duration is not None:
            require_range("duration", require_unit("duration", duration, second), 0, low_open=True)
        barriers = self.sample_barriers(n_devices, seed)
        if state is None:
            state = -np.ones(barriers.shape, dtype=np.int8)
        else:  # the kernel indexes it without bounds checks
            given = np.asarray(state)
            if given.shape != barriers.shape or not np.isin(given, (-1, 1)).all():
                raise ValueError(
                    f"state has shape {given.shape} and values {np.unique(given)[:5]}: need "
                    f"shape (n_devices, n_sites) = {barriers.shape} of grain states ±1"
                )
            state = np.ascontiguousarray(given, dtype=np.int8)
        p = ensemble_pulses(
            barriers,
            state,
            self.drive(currents),
            self.direction(currents).astype(np.int8),
            self.sweeps(currents).astype(np.int8),
            float(self.f0 / Hz)
            * float(in_si("duration", self.pulse_width if duration is None else duration, second)),
            seed + 1,
        )
        return p, state

    def field_loop(self, fields, dwell, seed=0):
        """Up-fraction of a finite film along an out-of-plane field sweep (seed 001 Fig. 1b).

        The in-plane field is off (H_x = 0, no tilt): the barriers scale as H_k/H_k,ref, a
        nucleus switches at H_n0 (H_k/H_k,ref)^ν (the astroid's tip) and walls depin at
        H_p0 (H_k/H_k,ref)^{1/2}. Each field value is held for ``dwell`` and acts as one
        pulse in its own direction; the film starts saturated against the first field.

        Parameters
        ----------
        fields : Quantity
            H_z at each step (A/m), any order.
        dwell : Quantity
            Time at each field.
        seed : int
            Seed of the film's barriers and of the switching draws.

        Returns
        -------
        ndarray
            Up-fraction after each step.
        """
        H = np.atleast_1d(np.asarray(in_si("fields", fields, _A_PER_M), dtype=float))
        require_finite_array("fields", H, H.shape)
        dwell = require_unit("dwell", dwell, second)
        require_range("dwell", dwell, 0, low_open=True)
        seed = require_count("seed", seed, 0)
        ratio = float(self.Hk / self.Hk_ref)
        H_n = float(self.nucleation_field_0 / _A_PER_M) * ratio**self.nucleation_hk_exponent
        H_p = float(self.depinning_field_0 / _A_PER_M) * ratio**0.5
        barriers = self._draw_barriers(1, seed, ratio)
        start = -np.sign(H[np.nonzero(H)[0][0]]) if np.any(H) else -1
        state = np.full(barriers.shape, start, dtype=np.int8)
        p = ensemble_pulses(
            barriers,
            state,
            np.abs(H) / H_n,
            np.sign(H).astype(np.int8),
            (np.abs(H) >= H_p).astype(np.int8),
            float(self.f0 / Hz) * float(dwell / second),
            seed + 1,
        )
        return p[0]

    # ------------------------------------------------------------------ Brian2
    @property
    def namespace(self):
        """Constants of the device's Brian2 code."""
        ns = {
            "f0": self.f0,
            "H_n": self.nucleation_field,
            "H_p": self.propagation_field,
            "sot_per_current": self.sot_per_current,
            "hx_sign": float(np.sign(self.Hx / _A_PER_M)),
            "N_sites": float(self.n_sites),
            "tau_p": self.pulse_width,
        }
        ns.update({f"beta_{k}": float(b) for k, b in enumerate(self.class_barriers)})
        return ns

    def state_dict(self, x):
        """``{"x_k": value}`` to assign class fractions ``x`` (K,) or (n, K) to a group."""
        x = self._classes(x, finite=True)
        return {f"x_{k}": x[..., k] for k in range(self.K)}

    def sigmoid_neurons(self, N, name="cogd_neuron*", model=None, **kwargs):
        """NeuronGroup of device sigmoid neurons: set ``I_in`` (A), read ``y``.

        ``y`` is the up-fraction after a reset pulse and one ``tau_p`` pulse of ``I_in``
        (seed 001 Fig. 4b: "an additional RESET pulse before the set pulse"). ``model`` may
        replace the input ``I_in`` (e.g. by a summed synaptic current) or add variables;
        ``kwargs`` go to ``NeuronGroup`` (``threshold``, ``events``, ``namespace`` …).
        """
        N = require_count("N", N, 1)
        return NeuronGroup(
            N,
            extend_model(sigmoid_neuron_equations(self.K), model),
            **merge_keywords(
                "CoGdDevice.sigmoid_neurons", dict(namespace=self.namespace, name=name), kwargs
            ),
        )

    def pulse_synapses(
        self, source, target, pre_current, on_pre_extra="", name="cogd*", model=None, **kw
    ):
        """Synapses whose presynaptic spikes each apply one rectangular pulse.

        ``pre_current`` (Quantity, signed) of duration ``tau_p``; ``on_pre_extra`` runs
        before the pulse with the local ``w_read`` = up-fraction (e.g. ``"g_post += w_read*gmax"``).
        ``model`` adds synapse equations (the class fractions are the device's); ``kw`` go
        to ``Synapses`` (``delay``, ``dt``, ``namespace`` …).
        """
        I_pulse = require_unit("pre_current", pre_current, amp)
        require_range("pre_current", I_pulse)
        ns = dict(self.namespace, I_pulse=I_pulse)
        on_pre = "\n".join(
            filter(
                None,
                [
                    f"w_read = {up_fraction(self.K)}",
                    on_pre_extra,
                    pulse_code(self.K, "I_pulse", "tau_p"),
                ],
            )
        )
        own_model = class_equations(self.K) + f"\nw = {up_fraction(self.K)} : 1"
        return Synapses(
            source,
            target,
            model=extend_model(own_model, model, inputs=()),
            **merge_keywords(
                "CoGdDevice.pulse_synapses",
                dict(on_pre=on_pre, namespace=ns, name=name),
                kw,
                hints=EVENT_CODE_HINTS,
            ),
        )

    def pair_maps(self, pre_waveform, post_waveform, delays):
        """Per-class maps of spike pairs at the delays Δt = t_post − t_pre (s, floats).

        Returns a :class:`spinbrian.devices.cogd_stdp.PairMaps`; ``maps.apply(x)`` gives the
        class fractions after each pair from the state ``x``.
        """
        return cogd_stdp.pair_maps(self, pre_waveform, post_waveform, delays)

    def stdp_synapses(self, source, target, pre_waveform, post_waveform, **kwargs):
        """Brian2 Synapses with device STDP generated from the two spikes' current waveforms.

        Each synapse is one film (K class fractions ``x_k``; weight ``w`` = up-fraction).
        When the second spike of a pre/post pair arrives, the pair's superposed waveform
        I_pre(t) − I_post(t − Δt) acts on the film through the nucleation physics
        (tabulated over Δt at the clock's resolution; nearest-neighbour pairs, each
        applied once, at its later spike). Runs on every Brian2 target.

        Parameters
        ----------
        source, target : brian2.NeuronGroup or PoissonGroup
            Pre- and postsynaptic groups.
        pre_waveform, post_waveform : SpikeWaveform
            Current waveforms of a presynaptic and a postsynaptic spike; each alone must
            stay below threshold (checked).
        window : Quantity, optional
            Largest |Δt| that pairs (default: the longer waveform's duration).
        resolution : Quantity, optional
            Δt step of the tables (default: the synapses' ``dt`` or ``defaultclock.dt``).
        on_pre_extra, on_post_extra : str
            Code run before the pair update, with the local ``w_read`` (the weight the
            spike sees), e.g. ``"ge_post += gmax*w_read"``.
        model : str or brian2.Equations, optional
            Extra synapse equations (the class fractions and spike times are the device's).
        **kwargs
            Passed to ``brian2.Synapses`` (``delay``, ``dt``, ``namespace`` …).

        Examples
        --------
        >>> from brian2 import NeuronGroup, PoissonGroup, Hz, ms, mA
        >>> from spinbrian import presets
        >>> from spinbrian.devices.waveforms import SpikeWaveform
        >>> dev = presets.li2022_cogd(alox_nm=2.0)
        >>> spike = presets.li2022_spike()
        >>> inputs = PoissonGroup(10, 15 * Hz)
        >>> neuron = NeuronGroup(1, "dv/dt = -v/(10*ms) : 1", threshold="v > 1", reset="v = 0")
        >>> S = dev.stdp_synapses(inputs, neuron, spike, spike, on_pre_extra="v_post += 0.5*w_read")
        >>> S.connect()
        """
        return cogd_stdp.stdp_synapses(self, source, target, pre_waveform, post_waveform, **kwargs)
