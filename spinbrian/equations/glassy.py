"""Glassy log-barrier relaxation of a molecular spin-valve synapse (seed 002, PHYSICS.md §3).

Oxygen impurities in the Gaq3/AlOx bilayer hop over barriers whose heights are spread
flat over 0…E_max ≈ 1 eV (seed 002, Fig. 5b). Barrier class k (height E_k, a share w_k
of the band) holds a fraction x_k of its impurities on the conducting side. During a
pulse of voltage V the landscape is tilted by t(V) (Fig. 5c): a hop towards the favoured
side over class k takes ν0 exp(−max(E_k − t, 0)/k_BT), a hop back ν0 exp(−(E_k + t)/k_BT).
The tilt is the work of the electromigration force, which follows the current (seed 002,
text of Fig. 5 and its ref. 42): t = A_pol·sinh(|V|/V_pol), the sinh of a tunnelling
I–V with an amplitude and a scale per polarity. Barriers below t are smeared out and
move without activation; the others need "the combined effect of pulses and activation".
The rates are constant during a rectangular pulse, so x_k relaxes exactly towards
x_eq = f/(f + b) at the rate f + b:

    x_k ← x_eq,k + (x_k − x_eq,k) exp(−(f_k + b_k) τ)

Between pulses (V = 0) every class relaxes towards ½ at γ_k = 2 ν0 exp(−E_k/k_BT). Because
ln γ_k is spread uniformly, the sum relaxes as σ0 + σ1 log t over the window of classes
whose 1/γ_k lies in the observation time — 3 s to 10⁵ s at 76–100 K for
E_k ≈ 0.19–0.34 eV — and a train of pulses moves, after N pulses, the classes with
(f + b) N τ ≈ 1: σ0 ± σ1 log N_p (Fig. 3). Barriers far above that window never relax at
rest: what a strong pulse set there stays (non-volatility). Classes below E_lo equilibrate
within any pulse and any read and add a constant; the read state is X = Σ w_k x_k.

This module gives the model as Brian2 code, in the deviations d_k = x_k − ½ (zero at
rest, Brian2's default). Between events the relaxation is linear, so it is applied
exactly when a spike arrives (the ``(event-driven)`` idea, written out as code:
:func:`relaxation_code`) and an idle synapse costs nothing per time step; the pulse of a
pathway is a per-class affine map in ``on_pre``/``on_post`` code (:func:`pulse_code`).
"""

import numpy as np


def sinh_iv(V, G, scales):
    """Cell current G·V_s·sinh(V/V_s) (A) and its conductance dI/dV = G·cosh(V/V_s) (S).

    ``scales`` = (V_pos, V_neg) (V): the tunnelling scale of each polarity (the two
    interfaces differ); dI/dV = G at V = 0 on both sides. NumPy, broadcasting.
    """
    V = np.asarray(V, float)
    s = np.where(V >= 0, *scales)
    return G * s * np.sinh(V / s), G * np.cosh(V / s)


def relaxation_equations(K):
    """Brian2 model lines: the deviations d_k = x_k − ½ and the time of the last event.

    d_k = 0 (Brian2's default) is rest; :func:`relaxation_code` decays them at events.
    """
    return "\n".join([*(f"d_{k} : 1" for k in range(K)), "t_last : second"])


#: Classes that relax slower than this (1/s) are left out of the compiled relaxation: over
#: 10¹⁰ s (three centuries) they move by < 10⁻¹⁶, below double precision.
FROZEN_RATE = 1e-26


def relaxation_code(rates):
    """Code that brings every d_k from ``t_last`` to ``t``: d_k ← d_k·exp(−γ_k (t − t_last)).

    This is what Brian2 does for ``(event-driven)`` equations, written out: Brian2's
    exact integrator would solve the K equations as one linear system in SymPy, which
    takes minutes for K = 24 (measured: 125 s), although they are independent. The rates
    γ_k (1/s) are written into the code as literals: on Brian2's cython target every
    namespace constant is loaded on every time step, whether a spike arrives or not, so 31
    named rates and 124 named pulse constants cost an idle network ≈ 2× a plain one.
    """
    lines = [
        f"d_{k} = d_{k}*exp(-{float(g)!r}*(t - t_last)/second)"
        for k, g in enumerate(rates)
        if g >= FROZEN_RATE
    ]
    return "\n".join([*lines, "t_last = t"])


def _weighted_sum(weights, term):
    return " + ".join(f"{float(w)!r}*{term.format(k=k)}" for k, w in enumerate(weights))


def state_deviation(weights):
    """Expression of X − ½ = Σ w_k d_k at the last event (w_k: the classes' shares)."""
    return f"({_weighted_sum(weights, 'd_{k}')})"


def current_deviation(weights, rates):
    """Expression of X − ½ now: Σ w_k d_k·exp(−γ_k (t − t_last)).

    The deviations are stored as they were at the last event; this relaxes them to the
    present time, so a model variable built on it (``sigma``) shows the device's state at
    any time — in a StateMonitor, or read after ``run()`` — at no cost to idle synapses
    unless it is recorded.
    """
    terms = [
        f"{float(w)!r}*d_{k}"
        + (f"*exp(-{float(g)!r}*(t - t_last)/second)" if g >= FROZEN_RATE else "")
        for k, (w, g) in enumerate(zip(weights, rates, strict=True))
    ]
    return f"({' + '.join(terms)})"


def read_code(weights, name="sigma_read"):
    """Code that stores the read conductance σ_mid·exp(log_on_off·(X − ½)) in a local ``name``.

    Use it after :func:`relaxation_code` in the same block: the model's ``sigma``
    subexpression would be evaluated from the values stored *before* the block on the
    compiled targets (cython, cpp_standalone).
    """
    return f"{name} = sigma_mid*exp(log_on_off*{state_deviation(weights)})"


def pulse_code(x_eq, decay):
    """Code that applies one rectangular pulse to every class, its constants as literals.

    A pulse of one amplitude and duration acts on class k as the exact affine map
    d_k ← d_eq,k + (d_k − d_eq,k)·decay_k = a_k + decay_k·d_k, with a_k = d_eq,k·(1 − decay_k)
    and d_eq = x_eq − ½ (:meth:`spinbrian.devices.glassy.GlassySynapse.pulse_factors`): no
    exponential per event. Classes the pulse leaves unchanged (decay_k = 1) get no line.
    """
    lines = []
    for k, (eq, dec) in enumerate(zip(np.ravel(x_eq), np.ravel(decay), strict=True)):
        if dec == 1.0:
            continue
        a = (float(eq) - 0.5) * (1.0 - float(dec))
        lines.append(f"d_{k} = {a!r}" if dec == 0.0 else f"d_{k} = {a!r} + {float(dec)!r}*d_{k}")
    return "\n".join(lines)
