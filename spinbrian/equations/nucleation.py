"""Nucleation-probability switching of a Co/Gd SOT device as Brian2 code (seed 001, PHYSICS.md §2).

The film is a set of nucleation sites whose zero-drive barriers are normally distributed.
The continuum view groups them into K equal-weight classes at the quantiles of that
distribution; class k holds the fraction x_k of its sites magnetised up (+z). A current
pulse of amplitude I and duration τ drives the spin–orbit field H_DL = χ·j, which lowers
the barrier of class k to

    E_k(I) = β_k·kT·(1 − H_DL/H_n)²₊,    β_k = U_k (H_k/H_k,ref)(1 − |H_x|/H_k)² / kT,

(Stoner–Wohlfarth-like: the barrier grows with the anisotropy and falls with the in-plane
field, and the drive h = H_DL/H_n vanishes it at h = 1; the film's H_n and the propagation
field H_p follow from H_k and H_x, see :class:`spinbrian.devices.cogd.CoGdDevice`), and the
pulse switches a site of
the class towards sign(I·H_x) with probability P_k = 1 − exp(−τ f0 exp(−E_k/kT)). That
is, for the expected fractions (exact for a train of rectangular pulses):

    towards +z:  x_k ← x_k + (1 − x_k)·P_k,     towards −z:  x_k ← x_k·(1 − P_k).

Domain-wall propagation competes with nucleation: once H_DL exceeds the propagation
(depinning) field H_p, any existing domain of the driven direction sweeps the film. The
expected-fraction version floods when the driven domains hold at least one site's worth
(1/N_sites) of the film.

Everything here is code text for Brian2; the numbers come from
:class:`spinbrian.devices.cogd.CoGdDevice`. Constant names used: ``beta_k`` (barrier of
class k in kT at zero drive), ``f0`` (attempt rate), ``H_n`` (zero-temperature nucleation
field), ``H_p`` (propagation field), ``sot_per_current`` (H_DL per ampere), ``hx_sign``
(sign of H_x) and ``N_sites``.
"""


def class_equations(K):
    """Brian2 model lines: the up-fractions x_k of the K barrier classes."""
    return "\n".join(f"x_{k} : 1" for k in range(K))


def up_fraction(K):
    """Expression of the film's up-fraction p = Σ x_k / K."""
    return "(" + " + ".join(f"x_{k}" for k in range(K)) + f")/{K}"


def switch_probability(k, current, duration):
    """Expression of P_k for a rectangular pulse of ``current`` (A) lasting ``duration`` (s)."""
    drive = f"clip(1 - sot_per_current*abs({current})/H_n, 0, 1)"
    return f"-expm1(-f0*{duration}*exp(-beta_{k}*{drive}**2))"


def pulse_code(K, current, duration, local="p_switch"):
    """Code that applies a rectangular pulse to the K classes, then the wall propagation.

    ``current`` and ``duration`` are expressions (a variable name or a constant); the
    direction is sign(I·H_x). Locals named ``{local}_k`` hold the switching probabilities.
    """
    lines = [f"pulse_dir = sign({current})*hx_sign"]
    for k in range(K):
        p = f"{local}_{k}"
        lines.append(f"{p} = {switch_probability(k, current, duration)}")
        lines.append(
            f"x_{k} = x_{k} + int(pulse_dir > 0)*(1 - x_{k})*{p} - int(pulse_dir < 0)*x_{k}*{p}"
        )
    lines.append(f"sweeps = int(sot_per_current*abs({current}) >= H_p)")
    lines.append(flood_code(K, "sweeps*pulse_dir"))
    return "\n".join(lines)


def flood_code(K, direction):
    """Code for domain-wall propagation in ``direction`` (+1 up, −1 down, 0 none).

    The film is swept when the driven direction already holds at least one site
    (fraction ≥ 1/N_sites) — a nucleus to grow from.
    """
    p = up_fraction(K)
    lines = [
        f"p_before_sweep = {p}",
        f"sweep_up = int({direction} > 0.5)*int(p_before_sweep*N_sites >= 1)",
        f"sweep_down = int({direction} < -0.5)*int((1 - p_before_sweep)*N_sites >= 1)",
    ]
    lines += [f"x_{k} = x_{k} + sweep_up*(1 - x_{k}) - sweep_down*x_{k}" for k in range(K)]
    return "\n".join(lines)


def pair_code(K, delay, window, table, gate="1"):
    """Code that applies the tabulated effect of a pre/post spike pair to the K classes.

    The superposed waveform of a pair with delay Δt = t_post − t_pre acts on class k as
    an exact affine map x_k ← a_k(Δt)·x_k + b_k(Δt) (a composition of the affine maps of
    its time slices), followed by a sweep in the direction s(Δt) when the drive crossed
    the propagation field. ``delay`` is an expression of Δt; ``table`` is one Brian2
    TimedArray over Δt + ``window`` ∈ [0, 2·window] whose columns are a_0 … a_{K−1},
    b_0 … b_{K−1} and s (one array for all: the Cython runtime pays per array per call);
    ``gate`` (an expression, 0 or 1) switches the pair off.
    """
    lines = [
        f"pair_in_window = ({gate})*int(abs({delay}) <= {window})",
        f"pair_u = clip({delay} + {window}, 0*second, 2*{window})",
    ]
    for k in range(K):
        lines.append(
            f"x_{k} = x_{k} + pair_in_window*(({table}(pair_u, {k}) - 1)*x_{k}"
            f" + {table}(pair_u, {K + k}))"
        )
    lines.append(flood_code(K, f"pair_in_window*{table}(pair_u, {2 * K})"))
    return "\n".join(lines)


def sigmoid_neuron_equations(K, current="I_in"):
    """Equations of a device sigmoid neuron: the up-fraction after a reset and one pulse.

    Each step the neuron's film is reset fully down, then a pulse of ``current`` (a
    parameter, A) of duration ``tau_p`` is applied: its output ``y`` is the switched
    fraction — the device activation of seed 001 Fig. 4b — including the wall sweep.
    """
    fresh = " + ".join(
        f"({switch_probability(k, f'{current}*hx_sign', 'tau_p')})*int({current}*hx_sign > 0*amp)"
        for k in range(K)
    )
    return "\n".join(
        [
            f"{current} : amp",
            f"y_nucleated = ({fresh})/{K} : 1",
            f"y = y_nucleated + (1 - y_nucleated)*int(sot_per_current*abs({current}) >= H_p)"
            f"*int({current}*hx_sign > 0*amp)*floor(clip(y_nucleated*N_sites, 0, 1)) : 1",
        ]
    )
