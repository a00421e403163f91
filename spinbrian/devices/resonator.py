"""A voltage-tuned spin-resonator synapse: a Joule-heated LSMO channel as a spin diode.

Seed 000 (conclusion) and seed 003 (Fig. 7): an RF current near a ferromagnet's resonance
drives its magnetisation, and the precession mixes the RF down to a DC voltage (spin-diode
effect, the ST-FMR mixing voltage). The presynaptic neuron's RF output, at frequency f in
the applied field μ0H0, is therefore rectified into a DC input to the postsynaptic neuron,
of size V_rect·w with the weight

    w = Σ_i a_i ΔH²/((H0 − H_r,i)² + ΔH²),

the symmetric Lorentzian of the mixing voltage summed over the channel's thermal zones,
each weighted by its area fraction a_i, with its own M_eff(T_i) and Kittel resonance field
H_r,i at f (:func:`spinbrian.equations.resonance.zone_spectrum`); a zone at or above T_c is
paramagnetic and contributes nothing. The synapse's own DC bias V_bias Joule-heats the
channel (steady-state zone temperatures from :mod:`spinbrian.cython_kernels.thermal`),
which moves the zones' resonances: the bias sets the weight w(V_bias). Where the channel
is bistable (a model variant with a hysteretic jump, see ``chen2024_iv``) the up- and
down-sweep branches differ and the weight remembers the bias history.

The heating is quasi-static: C/G of a zone is 0.5 µs for ``presets.chen2024_lsmo`` (0.05 µs at
the contact), and the slowest relaxation of the whole channel
(:meth:`SpinResonatorSynapse.relaxation_times`, from the linearised heat balance) is
0.21 µs at zero bias and stays below 0.3 µs along the tables of every ``chen2024_iv``
variant — three to four orders of magnitude below spike intervals (ms). So w follows
V_bias at once and is tabulated once, on the up and the down branch, over a bias grid;
the Brian2 synapse looks the tables up in code (a TimedArray, on every target).
"""

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from brian2 import Synapses, TimedArray, defaultclock, hertz, kelvin, second, volt
from brian2.units.allunits import Ghertz, tesla, uvolt

from spinbrian.cython_kernels import thermal as thermal_kernel
from spinbrian.devices.brian2_objects import EVENT_CODE_HINTS, extend_model, merge_keywords
from spinbrian.devices.display import PaperUnits
from spinbrian.devices.lsmo import LSMOChannel
from spinbrian.devices.validation import (
    require_count,
    require_finite_array,
    require_number,
    require_range,
    require_unit,
)
from spinbrian.equations import resonance
from spinbrian.equations.resonator import bias_code

#: Two branches differ at a bias when a zone temperature differs by more than this (K).
BRANCH_TOLERANCE = 1e-6


@dataclass(frozen=True)
class BiasTables:
    """Steady states and weights of the channel on the up and down bias sweeps.

    Attributes
    ----------
    V : ndarray
        Source voltages (V), (n,), evenly spaced from 0 to ``V_max``.
    T_up, T_down : ndarray
        Zone temperatures (K), (n, n_zones), on the sweeps 0 → V_max and V_max → 0.
    p_up, p_down : ndarray
        The zones' phase memories (0 metallic, 1 insulating), (n, n_zones).
    w_up, w_down : ndarray
        Weights (n,) on the two branches.
    loop : tuple of float or None
        (V_fold_down, V_fold_up): the lowest and highest table voltages at which the two
        branches differ (the loop of the bias hysteresis); ``None`` without hysteresis.
    """

    V: np.ndarray
    T_up: np.ndarray
    T_down: np.ndarray
    p_up: np.ndarray
    p_down: np.ndarray
    w_up: np.ndarray
    w_down: np.ndarray
    loop: tuple | None

    @property
    def step(self):
        """Bias step of the tables (V)."""
        return float(self.V[1] - self.V[0])

    @property
    def folds(self):
        """(V_fold_down, V_fold_up) in V; both ``V_max`` without hysteresis.

        The branch memory turns hot (down-sweep branch) above V_fold_up, the last table
        bias at which the up sweep is still on the cold branch, and cold (up-sweep branch)
        below V_fold_down, the lowest table bias of the hot branch; it holds in between.
        """
        return self.loop if self.loop is not None else (float(self.V[-1]), float(self.V[-1]))


@dataclass(frozen=True)
class SpinResonatorSynapse(PaperUnits):
    """An LSMO spin resonator as a synapse whose DC bias sets its RF→DC weight.

    Parameters
    ----------
    channel : LSMOChannel
        The Joule-heated channel (geometry, ρ(T), heat paths; its variant decides whether
        the bias has hysteresis). Its zone fractions are the zones' area weights.
    f : Quantity
        Frequency of the presynaptic RF signal (Hz).
    H0 : Quantity or None
        Applied field μ0H0 (T); ``None``: the zero-bias resonance field at ``T_bath``, so
        that w(0) = 1 and heating lowers the weight.
    V_rect : Quantity
        Rectified DC voltage of the whole device on resonance (w = 1) at the presynaptic
        RF power: the spin-diode voltage is ∝ P_rf, so this is the RF power/gain scale
        (namespace constant ``V_rect``). Assumed: 1 µV, the scale of the seed's mixing
        voltages.
    T_bath : Quantity
        Bath (cryostat) temperature.
    Meff_ref, T_ref : Quantity
        μ0M_eff (T) at ``T_ref``; M_eff(T) falls to 0 at the channel's T_c
        (:func:`~spinbrian.equations.resonance.meff_at`). Seed 000 Fig. 2d: 0.96 T at 100 K.
    Ha : Quantity
        μ0H_a (T). Seed 000 Fig. 2d: 13.8 mT.
    alpha : float
        Gilbert damping. Seed 000 Fig. 2c: 0.0045.
    dH0 : Quantity
        Inhomogeneous HWHM μ0ΔH0 (T). Seed 000 Fig. 2c: 0.47 mT.
    V_max : Quantity
        Top of the bias tables; larger biases read as ``V_max``. Choose it above the
        jump of a hysteretic variant, so that the tables hold the whole loop.
    n_bias : int
        Number of table biases (0 … V_max).
    """

    channel: LSMOChannel
    Meff_ref: object
    Ha: object
    alpha: float
    dH0: object
    T_ref: object = field(default_factory=lambda: 100 * kelvin)
    f: object = field(default_factory=lambda: 6 * Ghertz)
    H0: object = None
    V_rect: object = field(default_factory=lambda: 1 * uvolt)
    T_bath: object = field(default_factory=lambda: 100 * kelvin)
    V_max: object = field(default_factory=lambda: 16 * volt)
    n_bias: int = 321

    def __post_init__(self):
        if not isinstance(self.channel, LSMOChannel):
            raise TypeError(f"channel = {self.channel!r}: expected an LSMOChannel")
        units = {
            "f": hertz,
            "V_rect": volt,
            "T_bath": kelvin,
            "Meff_ref": tesla,
            "T_ref": kelvin,
            "Ha": tesla,
            "dH0": tesla,
            "V_max": volt,
        }
        for name, unit in units.items():
            object.__setattr__(self, name, require_unit(name, getattr(self, name), unit))
        T_c = float(self.channel.T_c / kelvin)
        for name in ("f", "V_rect", "Meff_ref", "V_max"):
            require_range(name, getattr(self, name), 0, low_open=True)
        require_range("T_bath", self.T_bath, 0, T_c, low_open=True, high_open=True)
        require_range("T_ref", self.T_ref, 0, T_c, high_open=True)
        require_range("Ha", self.Ha, 0)
        require_range("dH0", self.dH0, 0)
        object.__setattr__(self, "alpha", require_number("alpha", self.alpha, 0, low_open=True))
        object.__setattr__(self, "n_bias", require_count("n_bias", self.n_bias, 3))
        if self.H0 is None:
            meff = self._meff(float(self.T_bath / kelvin))
            H0 = resonance.kittel_field(self._si("f"), meff, self._si("Ha")) * tesla
        else:
            H0 = require_unit("H0", self.H0, tesla)
            require_range("H0", H0, 0)
        object.__setattr__(self, "H0", H0)

    def _si(self, name):
        return float(np.asarray(getattr(self, name)))

    @staticmethod
    def _branches(branch):
        """``branch`` (0 up, 1 down; scalar or array) as ints, else a ValueError by name."""
        b = np.asarray(branch)
        if b.dtype == bool or not np.isin(b, (0, 1)).all():
            raise ValueError(f"branch = {branch!r}: every entry must be 0 (up) or 1 (down)")
        return b.astype(int)

    def _meff(self, T):
        return resonance.meff_at(
            T, self._si("Meff_ref"), self._si("T_ref"), Tc=float(self.channel.T_c / kelvin)
        )

    # ------------------------------------------------------------------ physics (NumPy)
    def zones(self, T):
        """:class:`~spinbrian.equations.resonance.Zones` of the channel at temperatures ``T`` (K).

        ``T`` has shape (..., n_zones); symmetric lines of unit amplitude per unit area.
        """
        T = np.asarray(T, float)
        n = self.channel.n_zones
        if T.ndim == 0 or T.shape[-1] != n:
            raise ValueError(
                f"T has shape {T.shape}: need (..., n_zones) temperatures, n_zones = {n}"
            )
        require_finite_array("T", T, T.shape)  # Zones refuses a NaN M_eff: name T instead
        return resonance.Zones(
            weight=np.array(self.channel.fractions),
            Meff=self._meff(T),
            Ha=self._si("Ha"),
            alpha=self.alpha,
            dH0=self._si("dH0"),
        )

    def weight(self, T):
        """Weight w at zone temperatures ``T`` (K), shape (..., n_zones) → (...).

        The area-weighted symmetric Lorentzian of the zones' lines at (H0, f); 1 when every
        zone resonates at H0.
        """
        return resonance.zone_spectrum(np.array([self._si("H0")]), self._si("f"), self.zones(T))[
            ..., 0
        ]

    @cached_property
    def tables(self):
        """:class:`BiasTables` from the channel's sweeps 0 → V_max → 0 at ``T_bath``.

        Raises
        ------
        ValueError
            If the branches differ on more than one bias interval (two loops): one branch
            memory describes one loop — lower ``V_max``.
        """
        V = np.linspace(0.0, self._si("V_max"), self.n_bias)
        up, down = self.channel.sweep_up_down(V[-1], self.T_bath, self.n_bias)
        differ = np.flatnonzero(np.abs(up[0] - down[0]).max(axis=1) > BRANCH_TOLERANCE)
        loop = None
        if differ.size:
            if differ[-1] - differ[0] + 1 != differ.size:
                raise ValueError(
                    f"the up and down sweeps to V_max = {self.V_max} differ on more than one "
                    f"bias interval (between {V[differ[0]]:.3g} and {V[differ[-1]]:.3g} V): "
                    "one branch memory holds one hysteresis loop — lower V_max"
                )
            loop = (round(float(V[differ[0]]), 9), round(float(V[differ[-1]]), 9))
        w_up, w_down = self.weight(up[0]), self.weight(down[0])
        return BiasTables(V, up[0], down[0], up[1], down[1], w_up, w_down, loop)

    def branch_after(self, V, branch):
        """Branch memory (0 cold/up, 1 hot/down) after bias ``V`` (V) from ``branch``.

        NumPy twin of ``equations.resonator.branch_code``; broadcasts.
        """
        branch = self._branches(branch)
        lo, hi = self.tables.folds
        V = np.abs(np.asarray(V, float))
        return np.where(V > hi, 1, np.where(V < lo, 0, branch))

    def lookup(self, V, branch):
        """Weight at bias ``V`` (V) on ``branch`` (0 up, 1 down), linear in the tables.

        NumPy twin of ``equations.resonator.lookup_code``; biases above ``V_max`` read
        as ``V_max``.
        """
        branch = self._branches(branch)
        t = self.tables
        u = np.clip(np.abs(np.asarray(V, float)), 0, t.V[-1]) / t.step
        # a NaN bias indexes row 0 and reads NaN (the formula convention), not a stray row
        k = np.minimum(np.floor(np.nan_to_num(u)).astype(int), len(t.V) - 1)
        table = np.stack([t.w_up, t.w_down], axis=-1)
        upper = table[np.minimum(k + 1, len(t.V) - 1), branch]
        return (1 - (u - k)) * table[k, branch] + (u - k) * upper

    def follow(self, V_path, branch=0):
        """Weights along a sequence of biases (V), each after its branch update.

        Returns ``(w, branches)``, both shaped like ``V_path``: what the Brian2 synapse
        delivers when its bias goes through ``V_path`` (starting from ``branch``).
        """
        branch = int(self._branches(branch))
        V_path = np.asarray(V_path, float)
        branches = np.empty(V_path.shape, int)
        for i, V in enumerate(V_path.flat):
            branch = int(self.branch_after(V, branch))
            branches.flat[i] = branch
        return self.lookup(V_path, branches), branches

    def relaxation_times(self):
        """Slowest thermal relaxation time (s) at every table bias, (n, 2): up, down.

        1/min(−Re λ) over the eigenvalues λ of C⁻¹·∂F/∂T, the heat balance linearised at the
        steady state (voltage source included); it grows near a fold, where a branch ends.
        """
        rlen, C, G, K = self.channel.zone_constants()
        par = self.channel.parameters(self.T_bath)
        t = self.tables
        out = np.empty((len(t.V), 2))
        for j, (T, p) in enumerate(((t.T_up, t.p_up), (t.T_down, t.p_down))):
            for k, V in enumerate(t.V):
                J = thermal_kernel.balance(T[k], p[k], float(V), True, rlen, G, K, par)[1]
                out[k, j] = 1 / np.min(-np.linalg.eigvals(J / C[:, None]).real)
        return out

    # ------------------------------------------------------------------ Brian2
    def namespace(self, dt=None):
        """Constants and the weight table of the bias code for a group with time step ``dt``.

        ``dt`` (default ``defaultclock.dt``) is also the TimedArray's step ``table_dt``, the
        stand-in "time" that indexes the bias rows.
        """
        table_dt = require_unit("dt", defaultclock.dt if dt is None else dt, second)
        require_range("dt", table_dt, 0, low_open=True)
        t = self.tables
        lo, hi = t.folds
        return {
            "V_rect": self.V_rect,
            "V_table_max": t.V[-1] * volt,
            "V_table_step": t.step * volt,
            "V_fold_down": lo * volt,
            "V_fold_up": hi * volt,
            "table_dt": table_dt,
            "w_table": TimedArray(np.stack([t.w_up, t.w_down], axis=-1), dt=table_dt),
        }

    @property
    def model(self):
        """Synapse model: the bias, the branch memory and the weight."""
        return "\n".join(["V_bias : volt", "branch : integer", "w : 1"])

    def synapses(
        self,
        source,
        target,
        on_pre_extra="",
        bias_dt=None,
        name="resonator*",
        model=None,
        **kwargs,
    ):
        """Brian2 Synapses whose weight follows each synapse's own DC bias ``V_bias``.

        Every synapse has a ``V_bias`` (volt; set it, or change it during a run), a branch
        memory ``branch`` (0: the up-sweep branch, 1: the down-sweep one) that flips when
        |V_bias| crosses the fold voltages, and the weight ``w``, looked up from
        :attr:`tables` by ``equations.resonator.bias_code`` before the synapses act in every
        step (or every
        ``bias_dt``) and again at each presynaptic spike. The spike stores the weight in
        the local ``w_read``, then runs ``on_pre_extra`` (e.g. ``"v_post += w_read*V_rect"``:
        the rectified DC voltage).

        Parameters
        ----------
        source, target : brian2.NeuronGroup
            RF-emitting presynaptic neurons and their targets.
        on_pre_extra : str
            Code run at each presynaptic spike after ``w_read`` is set.
        bias_dt : Quantity, optional
            Interval of the bias/branch update between spikes (default: every step); a
            bias excursion across a fold shorter than this is missed.
        name : str
            Brian2 name.
        model : str or brian2.Equations, optional
            Extra synapse equations; one may replace the input ``V_bias`` by an expression
            (e.g. ``V_bias = 2*v_pre : volt``), while ``branch`` and ``w`` are the device's.
        **kwargs
            Passed to ``brian2.Synapses`` (e.g. ``dt``, ``delay``, ``namespace``).

        Examples
        --------
        >>> from brian2 import NeuronGroup, ms, run, volt
        >>> from spinbrian import presets
        >>> dev = presets.chen2024_resonator()  # 100 K, 6 GHz, H0 on the zero-bias resonance
        >>> pre = NeuronGroup(1, "", threshold="True", reset="")  # an RF burst every step
        >>> post = NeuronGroup(3, "v : volt")
        >>> S = dev.synapses(pre, post, on_pre_extra="v_post += w_read*V_rect")
        >>> S.connect()
        >>> S.V_bias = [0, 6, 12] * volt
        >>> run(1 * ms)
        >>> print(S.w[:].round(2))
        [1.   0.43 0.23]
        """
        if bias_dt is not None:
            require_range("bias_dt", require_unit("bias_dt", bias_dt, second), 0, low_open=True)
        code = bias_code()
        on_pre = "\n".join(filter(None, [code, "w_read = w", on_pre_extra]))
        own = dict(on_pre=on_pre, namespace=self.namespace(kwargs.get("dt")), name=name)
        syn = Synapses(
            source,
            target,
            model=extend_model(self.model, model, inputs=("V_bias",)),
            **merge_keywords("SpinResonatorSynapse.synapses", own, kwargs, hints=EVENT_CODE_HINTS),
        )
        syn.run_regularly(code, dt=bias_dt, when="before_synapses", name=f"{syn.name}_bias")
        return syn
