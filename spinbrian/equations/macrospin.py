"""Macrospin (single-domain free layer) dynamics as Brian2 equations.

The Landau–Lifshitz–Gilbert equation with spin-transfer torque (seed 004, Eq. 1),

    dm/dt = −γ m×B + α m×dm/dt + T,

is integrated in its explicit Landau–Lifshitz form (PHYSICS.md §1),

    (1+α²) dm/dt = −γ m×B − αγ m×(m×B) + T + α m×T,

where B = μ0 H_eff and T collects every torque other than precession and damping:

* Slonczewski spin-transfer torque from the reference layer p (seed 004 convention,
  as in MuMax3): T = a_J [ε(m·p) m×(p×m) − β m×p], a_J = γħPj/(e M_s t),
  ε = Λ²/[(Λ²+1) + (Λ²−1) m·p]. At Λ = 1, ε = 1/2, so the damping-like prefactor is
  the usual γħPj/(2e M_s t).
* spin-orbit torque from a heavy-metal underlayer with spin direction σ:
  T = a_SO [m×(σ×m) − β_SO m×σ], a_SO = γħθ_SH j/(2e M_s t) (no angular dependence).

Vector products are written out with |m|² kept explicit (m×(p×m) = |m|²p − (m·p)m), so
the drift is exact even when the integrator lets |m| wander between renormalisations.

Variables every model has (per neuron):

* ``mx, my, mz`` — the free-layer unit vector;
* ``j_ext`` — the current density set by the user, ``j_syn`` — the current density
  delivered by Synapses (summed variable target), ``j = j_ext + j_syn``;
* ``Hx_app, Hy_app, Hz_app`` — the applied field;
* ``Hx_c, Hy_c, Hz_c`` — coupling fields from other junctions (summed variable targets);
* ``Hx_th, Hy_th, Hz_th`` — the thermal (Brown) field, resampled once per step by
  :func:`thermal_field_code` when the model is thermal;
* ``R`` — the TMR readout R = R_P + ΔR_TMR (1 − m·p)/2.

Constants come from the namespace (see :class:`spinbrian.devices.MTJ.namespace`), and so
does the Function ``reciprocal`` (:mod:`spinbrian.equations.functions`). Integrate with
:data:`~spinbrian.equations.staged_rk4.staged_rk4`: the same RK4 as Brian2's ``rk4`` with
the field, torque and m·p computed once per stage.
"""

import numpy as np
from brian2 import Equations

#: Torque terms this module knows.
TORQUES = ("stt", "sot")

#: Constants of the equations that may instead be per-neuron parameters (device-to-device
#: variation), with their units as Brian2 unit strings.
PER_NEURON_UNITS = {
    "Hk": "amp/meter",
    "Meff": "amp/meter",
    "stt_per_j": "meter**2/amp/second",
    "sot_per_j": "meter**2/amp/second",
    "thermal_sigma": "amp/meter*second**0.5",
    "R_P": "ohm",
    "dR_TMR": "ohm",
}

_AXES = ("x", "y", "z")


def _cyclic(axis):
    """Return the two other axes (b, c) so that (axis, b, c) is right-handed."""
    i = _AXES.index(axis)
    return _AXES[(i + 1) % 3], _AXES[(i + 2) % 3]


def _cross(a, b, axis):
    """Component ``axis`` of a×b, for vectors named by prefix (``m`` → mx, my, mz)."""
    u, v = _cyclic(axis)
    return f"({a(u)}*{b(v)} - {a(v)}*{b(u)})"


def _m(axis):
    return f"m{axis}"


def _field_lines(demag):
    lines = []
    for ax in _AXES:
        demag_term = " - Meff*mz" if (demag and ax == "z") else ""
        lines.append(
            f"B{ax} = mu0*(H{ax}_app + H{ax}_c + H{ax}_th + Hk*m_u*u{ax}{demag_term}) : tesla"
        )
    return lines


def _torque_lines(torques):
    """Subexpressions Tx, Ty, Tz (rad/s) for the chosen torque terms."""
    pieces = {ax: [] for ax in _AXES}
    lines = []
    if "stt" in torques:
        lines += [
            "m_p = mx*px + my*py + mz*pz : 1",
            # the denominator is ≥ 2 for |m·p| ≤ 1: no zero check (spinbrian.equations.functions)
            "eps_stt = Lambda**2*reciprocal((Lambda**2 + 1) + (Lambda**2 - 1)*m_p) : 1",
            "a_stt = stt_per_j*j : Hz",
        ]
        for ax in _AXES:
            fl = _cross(_m, lambda a: f"p{a}", ax)
            pieces[ax].append(f"a_stt*(eps_stt*(m_sq*p{ax} - m_p*m{ax}) - beta_stt*{fl})")
    if "sot" in torques:
        lines += ["m_s = mx*sx + my*sy + mz*sz : 1", "a_sot = sot_per_j*j : Hz"]
        for ax in _AXES:
            fl = _cross(_m, lambda a: f"s{a}", ax)
            pieces[ax].append(f"a_sot*((m_sq*s{ax} - m_s*m{ax}) - beta_sot*{fl})")
    for ax in _AXES:
        body = " + ".join(pieces[ax]) if pieces[ax] else "0*Hz"
        lines.append(f"T{ax} = {body} : Hz")
    return lines


def llg_equations(torques=("stt",), demag=True, per_neuron=()):
    """Landau–Lifshitz–Gilbert equations of a macrospin with the chosen torques.

    Parameters
    ----------
    torques : tuple of str
        Any of ``"stt"`` (Slonczewski torque from the reference layer, current through the
        junction) and ``"sot"`` (spin-orbit torque from the underlayer). Both are driven by
        the same current density ``j``.
    demag : bool
        Include the thin-film demagnetising field −M_eff m_z ẑ (film normal along z).
    per_neuron : tuple of str
        Constants (keys of :data:`PER_NEURON_UNITS`) to declare as per-neuron parameters
        instead of taking them from the namespace, e.g. for junctions of different sizes.

    Returns
    -------
    brian2.Equations
        The model; the thermal field variables are always present (zero unless a
        :func:`thermal_field_code` operation drives them).

    Examples
    --------
    >>> print(llg_equations(torques=("stt",)))  # doctest: +ELLIPSIS
    dmx/dt = ...
    """
    unknown = set(torques) - set(TORQUES)
    if unknown:
        raise ValueError(
            f"torques = {tuple(torques)!r}: unknown {sorted(unknown)}; allowed {TORQUES}"
        )
    unknown = set(per_neuron) - set(PER_NEURON_UNITS)
    if unknown:
        raise ValueError(
            f"per_neuron = {tuple(per_neuron)!r}: unknown {sorted(unknown)}; "
            f"allowed {tuple(PER_NEURON_UNITS)}"
        )
    lines = []
    for ax in _AXES:
        precession = _cross(_m, lambda a: f"B{a}", ax)
        stt_rotation = _cross(_m, lambda a: f"T{a}", ax)
        lines.append(
            f"dm{ax}/dt = (-gyro*{precession} - alpha*gyro*(m_B*m{ax} - m_sq*B{ax})"
            f" + T{ax} + alpha*{stt_rotation})/(1 + alpha**2) : 1"
        )
    lines += [
        "m_sq = mx**2 + my**2 + mz**2 : 1",
        "m_u = mx*ux + my*uy + mz*uz : 1",
        *_field_lines(demag),
        "m_B = mx*Bx + my*By + mz*Bz : tesla",
        *_torque_lines(torques),
        "j = j_ext + j_syn : amp/meter**2",
        "R = R_P + dR_TMR*(1 - (mx*px + my*py + mz*pz))/2 : ohm",
        "j_ext : amp/meter**2",
        "j_syn : amp/meter**2",
    ]
    for ax in _AXES:
        lines += [f"H{ax}_app : amp/meter", f"H{ax}_c : amp/meter", f"H{ax}_th : amp/meter"]
    lines += [f"{name} : {PER_NEURON_UNITS[name]} (constant)" for name in per_neuron]
    return Equations("\n".join(lines))


#: Independent components of a symmetric 3×3 coupling tensor, as Synapses parameters.
TENSOR_COMPONENTS = ("xx", "yy", "zz", "xy", "xz", "yz")


def tensor_coupling_model():
    """Synapses model that adds K·m_pre to the coupling field, K a symmetric 3×3 tensor.

    Per synapse ``K_xx … K_yz`` (A/m), e.g. the point-dipole tensor of magnetostatic
    coupling. Same summed targets as :func:`field_coupling_model`, so a group takes one of
    the two (Brian2 lets one Synapses object write a summed variable).
    """

    def k(a, b):
        return "K_" + "".join(sorted(a + b))

    lines = [f"K_{c} : amp/meter" for c in TENSOR_COMPONENTS]
    for a in _AXES:
        terms = " + ".join(f"{k(a, b)}*m{b}_pre" for b in _AXES)
        lines.append(f"H{a}_c_post = {terms} : amp/meter (summed)")
    return "\n".join(lines)


def point_dipole_tensors(positions, moments, cutoff=None):
    """Pairwise point-dipole tensors: junction j feels K_e·m_i from junction i.

    H_j = M_s,i V_i [3(m_i·r̂)r̂ − m_i]/(4π r³), r = r_j − r_i, so
    K_e = M_s,i V_i (3 r̂ r̂ᵀ − I)/(4π r³) per ordered pair e = (i → j).

    Parameters
    ----------
    positions : ndarray, shape (N, 3)
        Centres (m), plain SI floats.
    moments : float or ndarray, shape (N,)
        M_s V of each junction (A m²).
    cutoff : float, optional
        Keep only pairs closer than this (m); ``None`` keeps every pair.

    Returns
    -------
    sources, targets : ndarray of int, shape (nnz,)
        The pairs i → j, sorted by target.
    tensors : ndarray, shape (nnz, 3, 3)
        K_e (A/m per unit m), symmetric.
    """
    pos = np.asarray(positions, float)
    n = len(pos)
    moment = np.broadcast_to(np.asarray(moments, float), (n,))
    target, source = np.nonzero(~np.eye(n, dtype=bool))  # row-major: sorted by target
    r = pos[target] - pos[source]
    dist = np.linalg.norm(r, axis=1)
    if np.any(dist == 0):
        raise ValueError("positions: two junctions share a centre")
    keep = np.ones(len(target), bool) if cutoff is None else dist < cutoff
    target, source, r, dist = target[keep], source[keep], r[keep], dist[keep]
    unit = r / dist[:, None]
    scale = moment[source] / (4 * np.pi * dist**3)
    tensors = 3 * unit[:, :, None] * unit[:, None, :] - np.eye(3)
    return source, target, scale[:, None, None] * tensors


def thermal_field_code():
    """Abstract code that draws a fresh Brown field for the coming step.

    Run it with ``group.run_regularly(thermal_field_code(), when="start")``: the field is
    held constant while a deterministic Runge–Kutta step integrates the drift, which
    converges to the Stratonovich solution (Wong–Zakai) and keeps the second-order
    accuracy of the drift. ``thermal_sigma`` is √(2αk_BT/(γμ0²M_sV)) in A m⁻¹ s^½.
    """
    return "\n".join(f"H{ax}_th = thermal_sigma*randn()/sqrt(dt)" for ax in _AXES)


def renormalise_code():
    """Abstract code that projects m back onto the unit sphere after each step."""
    return "\n".join(
        ["m_norm = sqrt(mx**2 + my**2 + mz**2)"] + [f"m{ax} = m{ax}/m_norm" for ax in _AXES]
    )


def field_coupling_model():
    """Synapses model that adds K·m_pre to the coupling field of the postsynaptic junction.

    ``K`` (A/m, per synapse) is an isotropic coupling strength: positive for ferromagnetic
    (interlayer-exchange-like) coupling, negative for antiferromagnetic. The three field
    components are separate summed variables, so one Synapses object carries them all; a
    second coupling object onto the same group needs its own target variables.
    """
    lines = ["K : amp/meter"]
    lines += [f"H{ax}_c_post = K*m{ax}_pre : amp/meter (summed)" for ax in _AXES]
    return "\n".join(lines)
