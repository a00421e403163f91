"""A superparamagnetic tunnel junction as a probabilistic bit (p-bit), two ways.

* The full thermal LLG of a low-barrier free layer (:class:`~spinbrian.MTJ` at T > 0, run
  through the compiled kernel): :meth:`PBit.telegraph` reads its random telegraph signal.
* The two-state reduced model: the read flips with the exact Néel–Brown rates of
  :mod:`spinbrian.equations.neel_brown`, tilted by the current through the spin-transfer
  torque. :meth:`PBit.neurons` builds it as a Brian2 NeuronGroup, :func:`couplings` the
  J_ij s_j input as Synapses, so a network of p-bits is plain Brian2.

Both describe the same junction: easy axis and polariser along ±ẑ (axial symmetry), where
the reduced model is exact for the LLG's m_z (no fitted number links them); the tests and
``spinbrian run hoffmann2022_pbits`` check that they agree.
"""

from dataclasses import dataclass, field

import numpy as np
from brian2 import Hz, NeuronGroup, Synapses, TimedArray, second
from brian2.units.allunits import amp, meter

from spinbrian import constants as c
from spinbrian.batch import simulate
from spinbrian.devices.brian2_objects import extend_model, merge_keywords
from spinbrian.devices.display import PaperUnits
from spinbrian.devices.mtj import MTJ
from spinbrian.devices.validation import (
    require_count,
    require_finite_array,
    require_number,
    require_range,
    require_unit,
)
from spinbrian.equations import neel_brown

_J_UNIT = amp / meter**2
_A_PER_M = amp / meter

#: Largest |h| a p-bit's input reaches: it is clipped there. The mean read from the exact
#: dwell times holds for any |h| < 1 (the disfavoured well vanishes at |h| = 1); the
#: exponential-dwell (Markov) picture of the two-state model fades beyond ≈ 0.5, where the
#: disfavoured barrier Δ(1 − |h|)² falls below Δ/4 — the Brian2 group's default clip.
H_MAX = 0.9
#: Default clip of the Brian2 p-bit group (see H_MAX).
H_MAX_MARKOV = 0.5
#: Points of the flip-rate table of the Brian2 p-bit over h ∈ [−H_MAX, H_MAX].
RATE_TABLE_POINTS = 2001
#: Largest flip probability per step the Brian2 p-bit allows (rate·dt, first order in dt).
MAX_FLIP_PER_STEP = 0.05


class Telegraph:
    """What :meth:`PBit.telegraph` measured (times in seconds, plain floats).

    Attributes
    ----------
    up, down : ndarray
        Every complete dwell in the up and the down read (both censored ends dropped).
    tau_up, tau_down : float
        Mean dwell times, as total time spent in the state over the number of exits (the
        estimator that the censored first and last dwells do not bias).
    fraction_up : ndarray
        Fraction of time each junction's read was up, shape (N,).
    switches : int
        Number of read flips seen, all junctions together.
    duration : float
        Simulated time per junction.
    """

    def __init__(self, up, down, tau_up, tau_down, fraction_up, switches, duration):
        self.up, self.down = up, down
        self.tau_up, self.tau_down = tau_up, tau_down
        self.fraction_up, self.switches, self.duration = fraction_up, switches, duration

    @property
    def mean_state(self):
        """Time-averaged read ⟨s⟩ = 2·(fraction up) − 1, all junctions together."""
        return float(2 * np.mean(self.fraction_up) - 1)


@dataclass(frozen=True)
class PBit(PaperUnits):
    """A superparamagnetic junction read as ±1 through a hysteretic threshold on m_z.

    Parameters
    ----------
    junction : spinbrian.MTJ
        The free layer: easy axis and reference layer along ±ẑ, spin-transfer torque only
        (Λ = 1, no field-like term), T > 0, α > 0 and a positive effective anisotropy.
    H_stray : Quantity
        Field along ẑ at zero current (A/m), e.g. the reference layer's stray field; it
        shifts the sigmoid (offset) as a current −H_stray/H_k·j_c would.
    threshold : float
        Dead band of the read: up once m_z > threshold, down once m_z < −threshold.

    Examples
    --------
    >>> from spinbrian import presets
    >>> pbit = presets.superparamagnetic_pbit(Delta=3)
    >>> round(pbit.Delta, 2)
    3.0
    >>> pbit.mean_state(0 * pbit.j_unit)                     # doctest: +SKIP
    """

    junction: MTJ
    H_stray: object = field(default_factory=lambda: 0 * _A_PER_M)
    threshold: float = 0.5

    def __post_init__(self):
        d = self.junction
        object.__setattr__(self, "H_stray", require_unit("H_stray", self.H_stray, _A_PER_M))
        require_range("H_stray", self.H_stray)  # either sign: the stray field's direction
        threshold = require_number("threshold", self.threshold, 0, 1, low_open=True, high_open=True)
        object.__setattr__(self, "threshold", threshold)
        for name, axis in (("easy_axis", d.easy_axis), ("reference", d.reference)):
            if abs(abs(axis[2]) - 1) > 1e-12:
                raise ValueError(
                    f"junction.{name} = {axis}: a p-bit needs it along ±z (axial symmetry, "
                    f"where the two-state model is exact)"
                )
        if d.torques != ("stt",) or d.Lambda != 1 or d.beta != 0:
            raise ValueError(
                f"junction: torques = {d.torques}, Lambda = {d.Lambda}, beta = {d.beta}; a "
                f"p-bit needs torques=('stt',), Lambda=1, beta=0 (the torque the reduced model "
                f"maps onto a field)"
            )
        require_range("junction.temperature", d.temperature, 0, low_open=True)
        require_range("junction.alpha", d.alpha, 0, low_open=True)
        require_range("H_k_eff", self.H_k_eff, 0, low_open=True)
        if d.per_neuron:
            raise ValueError(f"junction.per_neuron = {d.per_neuron}: a p-bit needs none")

    # ------------------------------------------------------------------ derived numbers
    @property
    def H_k_eff(self):
        """Effective axial anisotropy field H_k − M_eff (demag on) or H_k (A/m)."""
        d = self.junction
        return d.Hk - (d.Meff if d.demag else 0 * _A_PER_M)

    @property
    def Delta(self):
        """Barrier Δ = μ0 M_s H_k,eff V/(2k_BT) in units of k_BT."""
        d = self.junction
        return float(c.mu0 * d.Ms * self.H_k_eff * d.volume / (2 * c.k_B * d.temperature))

    @property
    def tau_N(self):
        """Time unit of the Néel–Brown theory, (1 + α²) M_s V/(2αγk_BT)."""
        d = self.junction
        return (1 + d.alpha**2) * d.Ms * d.volume / (2 * d.alpha * d.gamma * c.k_B * d.temperature)

    @property
    def j_c(self):
        """Current density whose torque tilts like H_k,eff (h = 1): αγμ0H_k,eff/(ε a_J/j), ε = ½."""
        d = self.junction
        sign = d.reference[2] * d.easy_axis[2]  # a_J pushes m toward p
        return sign * d.alpha * d.gamma * c.mu0 * self.H_k_eff / (0.5 * d.stt_per_j)

    j_unit = MTJ.j_unit

    def h(self, j):
        """Reduced axial field h = H_stray/H_k,eff + j/j_c (positive favours m_z = +1)."""
        j = require_unit("j", j, _J_UNIT)
        sign = self.junction.easy_axis[2]
        return np.asarray(sign * self.H_stray / self.H_k_eff + j / self.j_c, float)

    # ------------------------------------------------------------------ reduced model
    def _finite_h(self, j):
        """:meth:`h` of finite current densities ``j`` (NaN and ±inf refused by name)."""
        j = require_unit("j", j, _J_UNIT)
        require_finite_array("j", j, np.shape(j))
        return self.h(j)

    def dwell_times(self, j):
        """Mean (τ_up, τ_down) of the read at current density ``j`` (scalar), from Néel–Brown."""
        up, down = neel_brown.dwell_times(self.Delta, float(self._finite_h(j)), self.threshold)
        return up * self.tau_N, down * self.tau_N

    def mean_state(self, j):
        """Time-averaged read ⟨s⟩ = (τ_up − τ_down)/(τ_up + τ_down) at each current density."""
        h = np.atleast_1d(self._finite_h(j))
        return np.array([self.transfer(x) for x in h]).reshape(np.shape(self.h(j)))

    def transfer(self, h):
        """⟨s⟩ of the read at reduced field ``h`` (scalar): the p-bit's sigmoid."""
        up, down = neel_brown.dwell_times(self.Delta, float(h), self.threshold)
        return (up - down) / (up + down)

    def sigmoid_slope(self, dh=1e-3):
        """d⟨s⟩/dh at the zero-current operating point (central difference), 0 < dh < 1."""
        dh = require_number("dh", dh, 0, 1, low_open=True, high_open=True)
        h0 = float(self.h(0 * _J_UNIT))
        return (self.transfer(h0 + dh) - self.transfer(h0 - dh)) / (2 * dh)

    # ------------------------------------------------------------------ full LLG
    def telegraph(self, duration, dt, N=1, j=None, seed=None, chunk_steps=4000, progress=None):
        """Run N junctions with the thermal LLG and read their telegraph signals.

        Parameters
        ----------
        duration, dt : Quantity
            Simulated time per junction and the LLG time step.
        N : int
            Number of independent junctions (one stream each).
        j : Quantity, optional
            Current density (A/m²), scalar or (N,).
        seed : int, optional
            Seed of the thermal noise.
        chunk_steps : int
            Steps kept in memory at once (24·N bytes each).
        progress : callable, optional
            Called with a fraction in [0, 1] after each chunk.

        Returns
        -------
        Telegraph
        """
        N = require_count("N", N, 1)
        for name, value in (("duration", duration), ("dt", dt)):
            require_range(name, require_unit(name, value, second), 0, low_open=True)
        chunk_steps = require_count("chunk_steps", chunk_steps, 1)
        if seed is not None:
            require_count("seed", seed)
        n_steps = int(round(float(duration / dt)))
        if n_steps < 1:
            raise ValueError(f"duration = {duration} is shorter than dt = {dt}")
        H = np.zeros((N, 3))
        H[:, 2] = float(self.H_stray / _A_PER_M)
        seeds = np.random.SeedSequence(seed).generate_state(n_steps // chunk_steps + 1)
        m = np.tile(self.junction.easy_axis, (N, 1))
        state = np.ones(N)
        last_flip = np.full(N, np.nan)  # time of the last flip (NaN: none yet, censored)
        up, down = [], []
        time_up = np.zeros(N)
        exits = {1.0: 0, -1.0: 0}
        dt_s, done = float(dt), 0
        while done < n_steps:
            steps = min(chunk_steps, n_steps - done)
            res = simulate(
                self.junction,
                steps * dt,
                dt,
                N=N,
                j=j,
                H_app=H * _A_PER_M,
                m0=m,
                record_every=1,
                seed=int(seeds[done // chunk_steps]),
            )
            mz = res.m[1:, :, 2]
            read = np.where(mz > self.threshold, 1.0, np.where(mz < -self.threshold, -1.0, 0.0))
            read[0] = np.where(read[0] == 0, state, read[0])
            # forward-fill the dead band with the last definite read
            idx = np.where(read != 0, np.arange(steps)[:, None], 0)
            np.maximum.accumulate(idx, axis=0, out=idx)
            read = read[idx, np.arange(N)]
            time_up += (read > 0).sum(axis=0) * dt_s
            prev = np.vstack([state[None], read[:-1]])
            for step, i in zip(*np.nonzero(read != prev), strict=True):
                t = (done + step + 1) * dt_s
                old = prev[step, i]
                exits[old] += 1
                if not np.isnan(last_flip[i]):
                    (up if old > 0 else down).append(t - last_flip[i])
                last_flip[i] = t
            state, m = read[-1], res.m_final
            done += steps
            if progress is not None:
                progress(done / n_steps)
        total = n_steps * dt_s
        time_down = N * total - time_up.sum()
        return Telegraph(
            up=np.array(up),
            down=np.array(down),
            tau_up=time_up.sum() / exits[1.0] if exits[1.0] else np.inf,
            tau_down=time_down / exits[-1.0] if exits[-1.0] else np.inf,
            fraction_up=time_up / total,
            switches=exits[1.0] + exits[-1.0],
            duration=total,
        )

    # ------------------------------------------------------------------ Brian2 network
    def flip_rate_table(self, h_max=H_MAX_MARKOV):
        """Escape rate R(x) = 1/τ_up(x) (Hz, plain floats) on a grid x ∈ [−h_max, h_max].

        The rate out of the present state s under tilt h is R(s·h): by symmetry
        τ_down(h) = τ_up(−h). Returns ``(x, R)``.
        """
        require_range("h_max", h_max, 0, H_MAX, low_open=True)
        x = np.linspace(-h_max, h_max, RATE_TABLE_POINTS)
        tau = np.array([neel_brown.dwell_times(self.Delta, v, self.threshold)[0] for v in x])
        return x, 1 / (tau * float(self.tau_N / second))

    def neurons(
        self,
        N,
        gain=1.0,
        bias=0.0,
        dt=None,
        name="pbit*",
        seed_state=None,
        h_max=H_MAX_MARKOV,
        model=None,
        **group_kwargs,
    ):
        """A NeuronGroup of ``N`` two-state p-bits with the junction's Néel–Brown flip rates.

        The input is dimensionless: ``I = I_syn + bias`` (``I_syn`` is the target of
        :func:`couplings`), and the junction sees h = clip(gain·I, −h_max, h_max), i.e. a
        current density gain·I·j_c through its spin-transfer torque. The read ``s`` (±1)
        flips with probability R(s·h)·dt per step (Brian2 threshold and reset).

        Parameters
        ----------
        N : int
            Number of p-bits.
        gain : float
            Reduced field per unit input.
        bias : float or array
            Constant input per p-bit (``bias`` is a per-neuron parameter).
        dt : Quantity, optional
            Time step (default ``defaultclock.dt``); must keep R·dt ≤ MAX_FLIP_PER_STEP.
        name : str
            Brian2 name.
        seed_state : int, optional
            Seed of the random initial reads (default: all +1).
        h_max : float
            Clip of the reduced field, in (0, H_MAX].
        model : str or brian2.Equations, optional
            Extra equations merged into the device's; one may replace the input ``I_syn``
            (:func:`~spinbrian.devices.brian2_objects.extend_model`).
        **group_kwargs
            Passed to ``brian2.NeuronGroup`` (``events``, ``order``, ``namespace`` …); the
            flips are the group's threshold and reset, so those two are the device's.
        """
        from brian2 import defaultclock

        N = require_count("N", N, 1)
        require_number("gain", gain)
        require_finite_array("bias", require_unit("bias", bias, 1), (N,))  # a pure number
        if seed_state is not None:
            require_count("seed_state", seed_state)
        x, rates = self.flip_rate_table(h_max)
        step = require_unit("dt", defaultclock.dt if dt is None else dt, second)
        require_range("dt", step, 0, low_open=True)
        # The table is a TimedArray indexed by the grid position times dt: its time step
        # is the group's, so Brian2 sees aligned clocks (nearest grid point is read).
        table = TimedArray(rates * Hz, dt=step)
        fastest = float(rates.max() * step)
        if fastest > MAX_FLIP_PER_STEP:
            raise ValueError(
                f"dt = {step}: the fastest flip rate {rates.max():.3g} Hz needs "
                f"dt ≤ {MAX_FLIP_PER_STEP / rates.max() * second} "
                f"(rate·dt ≤ {MAX_FLIP_PER_STEP})"
            )
        eqs = """
        s : 1
        I_syn : 1
        bias : 1 (constant)
        h = clip(gain*(I_syn + bias), -h_max, h_max) : 1
        flip_rate = escape_rate((s*h + h_max)/dx_table*dt) : Hz
        """
        namespace = {
            "gain": float(gain),
            "h_max": float(h_max),
            "dx_table": x[1] - x[0],
            "escape_rate": table,
        }
        own = dict(
            threshold="rand() < flip_rate*dt",
            reset="s = -s",
            dt=step,
            name=name,
            namespace=namespace,
        )
        flips = "a p-bit's flips are its threshold and reset; add other conditions with events="
        group = NeuronGroup(
            N,
            extend_model(eqs, model, written=("s", "bias")),
            **merge_keywords(
                "PBit.neurons", own, group_kwargs, hints={"threshold": flips, "reset": flips}
            ),
        )
        group.bias = bias
        rng = np.random.default_rng(seed_state)
        group.s = 1.0 if seed_state is None else rng.choice([-1.0, 1.0], N)
        return group


def couplings(group, J, name="pbit_couplings*"):
    """Synapses that feed each p-bit the input Σ_j J_ij s_j (``I_syn``, summed).

    Parameters
    ----------
    group : brian2.NeuronGroup
        P-bits from :meth:`PBit.neurons` or :func:`~spinbrian.networks.glauber_pbits`.
    J : array or scipy.sparse matrix, shape (N, N)
        Couplings, J[i, j] from p-bit j onto p-bit i; the diagonal must be zero.
    """
    import scipy.sparse as sp

    N = len(group)
    J = sp.coo_matrix(J)
    if J.shape != (N, N):
        raise ValueError(f"J has shape {J.shape}; the group has {N} p-bits: expected ({N}, {N})")
    if not np.all(np.isfinite(J.data)):
        raise ValueError("J has non-finite entries")
    if np.any((J.row == J.col) & (J.data != 0)):
        raise ValueError("J has a non-zero diagonal: a p-bit must not drive itself")
    keep = J.data != 0
    syn = Synapses(group, group, "w : 1\nI_syn_post = w*s_pre : 1 (summed)", name=name)
    syn.connect(i=J.col[keep], j=J.row[keep])
    syn.w = J.data[keep]
    return syn
