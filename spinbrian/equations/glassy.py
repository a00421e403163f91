"""Glassy log-barrier relaxation of a molecular spin-valve synapse (seed 002, PHYSICS.md §3).

Oxygen impurities in the Gaq3/AlOx bilayer hop over barriers whose heights are spread
flat over 0…E_max ≈ 1 eV (seed 002, Fig. 5b). Barrier class k (height E_k) holds a fraction
x_k of its impurities on the conducting side. A hop towards that side over class k takes
the rate ν0 exp(−max(E_k − q|V|, 0)/k_BT) and a hop back ν0 exp(−(E_k + q|V|)/k_BT) for
V > 0 (the reverse for V < 0): a voltage tilts the landscape by q|V| (Fig. 5c; the
effective charge q differs for the two polarities), so
during a pulse x_k relaxes towards x_eq = f/(f + b) at the rate f + b, exactly
(the rates are constant during a rectangular pulse):

    x_k ← x_eq,k + (x_k − x_eq,k) exp(−(f_k + b_k) τ)

Between pulses (V = 0) every class relaxes towards ½ at γ_k = 2 ν0 exp(−E_k/k_BT). Because
ln γ_k is spread uniformly, the sum relaxes as σ0 + σ1 log t over the window of classes
whose 1/γ_k lies in the observation time — 3 s to 10⁵ s at 76–100 K for
E_k ≈ 0.19–0.26 eV — and a train of pulses moves, after N pulses, the classes with
(f + b) N τ ≈ 1: σ0 ± σ1 log N_p (Fig. 3). Classes far below that window equilibrate within
any pulse and any read and classes far above it never move, so only a band
[E_lo, E_hi] of the flat distribution is simulated; the others add constants.

This module gives the model as Brian2 code, in the deviations d_k = x_k − ½ (zero at
rest, Brian2's default). Between events the relaxation is linear, so it is applied
exactly when a spike arrives (the ``(event-driven)`` idea, written out as code:
:func:`relaxation_code`) and an idle synapse costs nothing per time step; the pulse of a
pathway is a per-class affine map in ``on_pre``/``on_post`` code (:func:`pulse_code`).
"""


def relaxation_equations(K):
    """Brian2 model lines: the deviations d_k = x_k − ½ and the time of the last event.

    d_k = 0 (Brian2's default) is rest; :func:`relaxation_code` decays them at events.
    """
    return "\n".join([*(f"d_{k} : 1" for k in range(K)), "t_last : second"])


def relaxation_code(K):
    """Code that brings every d_k from ``t_last`` to ``t``: d_k ← d_k·exp(−γ_k (t − t_last)).

    This is what Brian2 does for ``(event-driven)`` equations, written out: Brian2's
    exact integrator would solve the K equations as one linear system in SymPy, which
    takes minutes for K = 24 (measured: 125 s), although they are independent.
    """
    lines = [f"d_{k} = d_{k}*exp(-gamma_{k}*(t - t_last))" for k in range(K)]
    return "\n".join([*lines, "t_last = t"])


def state_deviation(K):
    """Expression of X − ½ = Σ d_k / K."""
    return "(" + " + ".join(f"d_{k}" for k in range(K)) + f")/{K}"


def read_code(K, name="sigma_read"):
    """Code that stores the read conductance σ_mid·exp(log_on_off·(X − ½)) in a local ``name``.

    Use it after :func:`relaxation_code` in the same block: the model's ``sigma``
    subexpression would be evaluated from the values stored *before* the block on the
    compiled targets (cython, cpp_standalone).
    """
    return f"{name} = sigma_mid*exp(log_on_off*{state_deviation(K)})"


def pulse_code(K, pathway):
    """Code that applies the pulse of a ``pathway`` ("pre" or "post") to every class.

    The pulse of a pathway has one amplitude and duration, so its exact effect is a
    per-class affine map d_k ← d_eq,k + (d_k − d_eq,k)·decay_k with constants
    ``{pathway}_eq_k``, ``{pathway}_decay_k`` from the namespace
    (:meth:`spinbrian.devices.glassy.GlassySynapse.pulse_factors`): no exponential per
    event.
    """
    return "\n".join(
        f"d_{k} = {pathway}_eq_{k} + (d_{k} - {pathway}_eq_{k})*{pathway}_decay_{k}"
        for k in range(K)
    )
