"""Parameter sets traced to the source papers (``../shared/seeds``).

Each preset says which numbers come from the paper and which were assumed or fitted.
"""

import numpy as np
from brian2 import joule, kelvin, kohm, mA, meter, ms, ohm, pF, volt, watt
from brian2.units.allunits import Ghertz, amp, tesla, uvolt

from spinbrian.constants import K_B, MU0, oersted
from spinbrian.devices import MTJ, CoGdDevice, GlassySynapse
from spinbrian.devices.lsmo import LSMOChannel
from spinbrian.devices.resonator import SpinResonatorSynapse
from spinbrian.devices.validation import require_number, require_range, require_unit
from spinbrian.devices.vo2 import VO2Neuristor
from spinbrian.devices.waveforms import SpikeWaveform

_NM = 1e-9 * meter
_A_PER_M = amp / meter

#: Seed 004 (Zheng et al. 2020), Fig. 1d: resistance at equilibrium (m ⊥ p).
ZHENG2020_R0 = 11.05 * kohm


def zheng2020_mtj(temperature=0 * kelvin):
    """The MTJ neuron of seed 004 (Zheng et al. 2020, Fig. 1b–d).

    Geometry from the paper (004, text of Fig. 1): fixed layer magnetised in plane (p = x̂),
    free layer perpendicular to it at equilibrium (easy axis ẑ); the current makes the free
    layer precess about its easy axis with a damped oscillation, read out through TMR.

    ========================  ===============================  =======================
    number                    value                            source
    ========================  ===============================  =======================
    R0 = R(m ⊥ p)             11.05 kΩ                         paper (004, Fig. 1d)
    geometry (p ∥ x, u ∥ z)   —                                paper (004, Fig. 1b)
    Ms, thickness, diameter   1.0 MA/m, 1 nm, 40 nm            assumed (CoFeB-like)
    α, P, Λ, β                0.01, 0.5, 1, 0                  assumed (β ≪ 1 in paper)
    μ0 H_k,eff = μ0(H_k − M_s) 0.1 T (f ≈ 2.8 GHz)             assumed ("fast precession")
    TMR                       1.907                            fitted: ΔR = 114 Ω at
                                                               j = 0.8·10¹⁰ A/m² (004,
                                                               Fig. 1d), closed form
    ========================  ===============================  =======================

    The fit is redone by ``spinbrian.experiments.zheng2020_transfer.fit_tmr`` and a test
    checks that it still gives this value. The macrospin ΔR(j) is linear in j over
    [0.8, 1.0]·10¹⁰ A/m² (ratio ΔR(1.0)/ΔR(0.8) = 1.250), while the paper's micromagnetic
    curve has 145/114 = 1.272, so the upper edge, a prediction, comes out 1.7 % low (142.5 Ω).
    """
    Ms = 1.0e6 * _A_PER_M
    tmr = 1.907
    return MTJ(
        Ms=Ms,
        thickness=1.0 * _NM,
        area=np.pi * (20 * _NM) ** 2,
        alpha=0.01,
        Hk=Ms + 0.1 / MU0 * _A_PER_M,
        easy_axis=(0, 0, 1),
        reference=(1, 0, 0),
        P=0.5,
        Lambda=1.0,
        beta=0.0,
        R_P=ZHENG2020_R0 / (1 + tmr / 2),
        TMR=tmr,
        temperature=temperature,
    )


def shumilin2024_glassy(temperature=76 * kelvin):
    """The LSMO/Gaq3/AlOx/Co molecular spin-valve synapse of seed 002 (Shumilin et al.).

    ===========================  ===================  ======================================
    number                       value                source
    ===========================  ===================  ======================================
    barrier distribution         flat, 0…1 eV         paper (002, Fig. 5b and text: "heights
                                                      from 0 to ≈ 1 eV")
    temperature                  76 K (100 K)         paper (002, Figs. 2, 3 (Fig. 4))
    attempt rate ν0              10¹² s⁻¹             assumed (phonon frequency)
    simulated band, classes      0.10–1.0 eV, K = 31  chosen: below 0.1 eV every class is at
                                                      rest within µs; 10 meV ≈ 1.5 k_BT
                                                      classes over 0.16–0.40 eV (what relaxes
                                                      in 10 ms…10⁵ s at 76–100 K), 0.1 eV
                                                      outside, each weighted by its width
                                                      (256 even classes move the predictions
                                                      by ≤ 3 %)
    tilt A·sinh(|V|/V_pol)       electromigration     paper (002, text of Fig. 5: the force
                                 force ∝ current      follows the current, whose I–V is a
                                                      sinh)
    V_p                          0.35 V               assumed: the I–V scale of the
                                                      potentiating polarity (002, Fig. S1
                                                      not available); the same number the
                                                      symmetric I–V had before
    tilt amplitudes A_p, A_d     0.317 meV, 20.0 meV  fitted to the thresholds +1.75 V and
                                                      −1 V (002, text of Fig. 2): a 50 ms
                                                      pulse leaves a 1 % change read 3 s on
    ln(σ(X=1)/σ(X=0))            10.53                fitted to the ≈ 50 % range of 50
                                                      +2 V, 50 ms pulses after a −4 V reset
                                                      (002, Fig. 3a)
    V_d                          0.996 V              fitted to the ≈ 500 % range of 50
                                                      −2.8 V, 50 ms pulses after a +4 V
                                                      reset (002, Fig. 3b); all four jointly
    σ_mid                        1 µS                 assumed (the paper's maps are relative)
    MR of the potentiated state  10 %, from X = ½     assumed shape (002, Fig. 2b,d: present
                                 to X = 1             when potentiated, absent when
                                                      depressed)
    cell I–V                     G·V_pol·sinh(V/V_pol)  the tilt's scales: the current that
                                                      drives the electromigration
    ===========================  ===================  ======================================

    The fit is redone by ``spinbrian.networks.glassy_protocols.calibrate`` and a test
    checks that it still gives these values. Everything of Fig. 4 (on/off, endurance,
    non-volatility, the relaxation during a read and over 10⁵ s) and of the crossbar is
    predicted, not fitted: see the ``shumilin2024_pulses`` and ``shumilin2024_relaxation``
    experiments for the measured values.
    """
    return GlassySynapse(
        temperature=temperature,
        tilt_p=3.168521e-4,
        tilt_d=1.9975841e-2,
        V_d=0.9964404 * volt,
        log_on_off=10.527639,
    )


#: Seed 001 (Li et al. 2022): AlOx thicknesses of the sample series (nm), Fig. 1b, 2b,c.
LI2022_ALOX_NM = (0.0, 0.5, 1.0, 1.5, 2.0)
#: Grain size assumed for the sputtered [Co/Gd]6 multilayer (typical 10–30 nm for sputtered
#: Pt/Co-type stacks); one nucleation site per grain of the 10 µm × 10 µm Hall cross.
LI2022_GRAIN_NM = 20.0
#: Device-to-device spread of H_k (relative σ), assumed: a few per cent of PMA variation
#: between Hall bars of one wafer. Used where each unit is its own film (li2022_digits).
LI2022_HK_SPREAD = 0.03


def li2022_anisotropy(alox_nm):
    """Effective PMA field H_k of the AlOx(t) sample (seed 001, Fig. 2f trend).

    H_k falls with the AlOx thickness (Pt/AlOx interdiffusion weakens the Co/Pt
    hybridisation, 001 p. 3). Fig. 2f's values are not in the text, so the line
    H_k = 2800 Oe − 700 Oe/nm·t is an estimate: it makes H_x/H_k = 0.5 reachable with the
    paper's fields (800 Oe at t = 2 nm, 1000 Oe at t = 1 nm).
    """
    alox_nm = require_number("alox_nm", alox_nm, 0, 2.0)  # nm: the seed's sample range
    return (2800 - 700 * alox_nm) * oersted


def li2022_cogd(alox_nm=2.0, Hx=-500 * oersted, **overrides):
    """The Ta/Pt/[Co/Gd]6/Pt/AlOx(t) Hall bar of seed 001 (Li et al., Chin. Phys. B 2022).

    The default is the synapse and neuron device of Figs. 3c and 4a (t = 2 nm,
    H_x = −500 Oe).

    ===========================  =====================  ====================================
    number                       value                  source
    ===========================  =====================  ====================================
    channel width                10 µm                  paper (001, §2)
    current-carrying thickness   11.2 nm                paper's stack (001, Fig. 1a):
                                                        Ta 1 + Pt 5 + [Co/Gd]6 4.2 + Pt 1
    SOT efficiency               25 Oe / 10⁷ A cm⁻²     paper (001, p. 3)
    pulse width                  10 ms                  paper (001, p. 2)
    H_k(t)                       2800 − 700·t Oe        estimate of Fig. 2f's trend
                                                        (:func:`li2022_anisotropy`)
    barriers at H_k = 2000 Oe    N(6.0 eV, 1.0 eV)      chosen (see below)
    H_n at this film             105 Oe                 chosen → H_n0 = 358.593 Oe
    H_p at this film             60 Oe (26.9 mA)        chosen → H_p0 = 66.9842 Oe
    ν (H_n ∝ H_k^ν)              1/2                    wall energy σ_w ∝ √(A·K)
    f0, T                        10⁹ Hz, 300 K          PHYSICS.md §2 (10⁹–10¹⁰ Hz), room T
    nucleation sites             (10 µm / 20 nm)²       one per grain, :data:`LI2022_GRAIN_NM`
                                 = 250 000
    R_AHE                        1 Ω                    scale only (Fig. 1b not in the text)
    ===========================  =====================  ====================================

    Field model (:class:`~spinbrian.devices.cogd.CoGdDevice`): a nucleus switches at
    H_n = H_n0 (H_k/H_k,ref)^ν (1 − h^{2/3})^{3/2} (the Stoner–Wohlfarth astroid, h = |H_x|/H_k)
    against barriers ∝ (H_k/H_k,ref)(1 − h)², walls depin at
    H_p = H_p0 (H_k/H_k,ref)^{1/2}/cos θ_M (Kondorsky). The four chosen numbers (barrier mean
    and σ, H_n and H_p) are the values an earlier hand grid gave with constant fields; they
    are now set at this one film — the threshold and sigmoid of Figs. 3c and 4 — and every
    other film's fields follow from the model: the Fig. 2 series (``li2022_loops``) and
    the Fig. 1b loops are predictions of it, not fits to them.
    """
    params = dict(Hk=li2022_anisotropy(alox_nm), Hx=Hx, n_sites=_li2022_sites())
    params.update(overrides)
    return CoGdDevice(**params)


def _li2022_sites():
    """Grains of LI2022_GRAIN_NM in the 10 µm × 10 µm Hall cross."""
    return int(round((10e3 / LI2022_GRAIN_NM) ** 2))


def li2022_spike(amplitude=13 * mA, tail=14 * ms):
    """An engineered spike for Co/Gd STDP in the spirit of seed 001 Fig. 3b.

    A 1 ms pulse of +``amplitude`` followed by a tail of −``amplitude`` that decays
    linearly to 0 over ``tail``. Alone it stays below the switching threshold of
    :func:`li2022_cogd` (≈ 18 mA for 1 ms); a pre/post pair superposes to up to
    2·``amplitude`` when the second spike's pulse meets the first spike's tail, less the
    longer the delay. Fig. 3b's exact shapes are not in the text; this is an assumption.
    """
    amplitude = require_unit("amplitude", amplitude, mA)
    require_range("amplitude", amplitude)
    tail = require_unit("tail", tail, ms)
    require_range("tail", tail, 0, low_open=True)
    return SpikeWaveform([0, 1, 1, 1 + float(tail / ms)] * ms, [1, 1, -1, 0] * amplitude)


#: Seed 000 (Chen et al. 2024) ST-FMR numbers at 100 K, zero bias (p. 2, Figs. 2c,d):
#: Gilbert damping, inhomogeneous HWHM μ0ΔH0 (T), μ0M_eff (T), μ0H_a (T), temperature (K).
CHEN2024_STFMR = {"alpha": 0.0045, "dH0": 0.47e-3, "Meff": 0.96, "Ha": 13.8e-3, "T": 100.0}

_WEAK_SPOT = {"fractions": (0.05, 0.15, 0.3, 0.5), "rho_scale": (1.5, 1.0, 1.0, 1.0)}
_SINK = {"sink_exponent": 1.0}
_HYSTERESIS = {"hysteresis": 30 * kelvin}
_STEEP = {"w_t": 3 * kelvin}
#: Model variants of the LSMO channel (PHYSICS.md §4, "Known tensions"): name → the
#: ingredients switched on over :func:`chen2024_lsmo` — heat sinking G ∝ 1/T (STO), a
#: hysteretic ρ(T) (T_c ± 15 K), a weak spot (5 % of the half channel at the centre,
#: ρ × 1.5), a steep transition (3 K wide). ``chen2024_iv`` tabulates what each meets.
CHEN2024_VARIANTS = {
    "baseline (preset)": {},
    "+ G ∝ 1/T": _SINK,
    "+ hysteretic ρ": _HYSTERESIS,
    "+ weak spot": _WEAK_SPOT,
    "+ steep ρ": _STEEP,
    "+ weak spot + steep ρ": {**_WEAK_SPOT, **_STEEP},
    "+ G ∝ 1/T + weak spot + steep ρ": {**_SINK, **_WEAK_SPOT, **_STEEP},
    "+ hysteretic ρ + weak spot + steep ρ": {**_HYSTERESIS, **_WEAK_SPOT, **_STEEP},
    "+ all four": {**_SINK, **_HYSTERESIS, **_WEAK_SPOT, **_STEEP},
}


def chen2024_lsmo(variant="baseline (preset)", **changes):
    """The Joule-heated LSMO channel of seed 000 (Chen et al., Nano Lett. 2024).

    =====================  =====================  ==========================================
    number                 value                  source
    =====================  =====================  ==========================================
    thickness              20 nm                  paper (text before Fig. 1)
    width × length         10 µm × 10 µm          paper (Fig. 1a)
    T_c                    340 K                  paper (Fig. 1b)
    zones (half channel)   0.2 / 0.3 / 0.5        assumed (hot centre, intermediate, contact)
    ρ0 at 100 K            1.2e-5 Ω·m → 600 Ω     assumed (PHYSICS.md §4: 0.5–1 kΩ)
    d ln ρ/dT              0.011 /K               assumed (PHYSICS.md §4 smooth model)
    ρ_p, E_a               3e-4 Ω·m, 1000 K       assumed (insulator ≈ 1.8× metal at T_c)
    w_t                    10 K                   assumed (transition width)
    g_sink                 4e6 W/K/m²             fitted by hand (hot zone ≈ 250 K, 11 V)
    G_contact              1 mW/K                 fitted by hand (cool zone barely heated)
    K_lat                  0.2 mW/K               assumed (substrate-mediated spreading)
    c_area                 2 J/K/m²               assumed (film + ≈ 1 µm of substrate; τ ≈ µs)
    hysteresis, n_sink     0 K, 0                 baseline: switched off
    R_s                    0 Ω                    assumed (ideal voltage source)
    =====================  =====================  ==========================================

    ``variant`` names a row of :data:`CHEN2024_VARIANTS`; ``changes`` override fields.
    """
    if variant not in CHEN2024_VARIANTS:
        raise ValueError(f"variant = {variant!r}: choose one of {list(CHEN2024_VARIANTS)}")
    return LSMOChannel(**{**CHEN2024_VARIANTS[variant], **changes})


#: The electro-thermal chain of seed 000 (:func:`chen2024_chain`): 30 equal cells per half
#: channel, no zones declared. Everything but ``g_sink`` is set from physics or assumed;
#: ``g_sink`` was fitted to V_c(100 K) = 12 V (seed 000 Fig. 1c), once, on a 0.5 MW/K/m²
#: grid (4, 4.5, 5, 6 MW/K/m² gave 11.3, 11.7, 12.1, 12.8 V).
CHEN2024_CHAIN = {
    "n_cells": 30,
    "spreading": 1e-5 * watt / kelvin,  # k·d: SrTiO3 ≈ 10 W/m/K over ≈ 1 µm of substrate
    "rho0": 0.7 * 1.2e-5 * ohm * meter,  # ρ(100 K) = 1.2 mΩ·cm → R(100 K) = 600 Ω
    "rho_res": 0.3 * 1.2e-5 * ohm * meter,  # residual 30 % of ρ(100 K) (assumed)
    "a_rho": 0 / kelvin,
    "rho_exponent": 2.0,  # ρ_m = ρ_res + A T² (electron–magnon scattering, a manganite)
    "w_t": 3 * kelvin,  # a sharp rise into the insulator at T_c (first-order-like)
    "sink_exponent": 1.0,  # SrTiO3: k ∝ 1/T
    "g_sink": 5e6 * watt / kelvin / meter**2,  # fitted: V_c(100 K) = 12 V
    "G_contact": 3e-3 * watt / kelvin,  # Pd/Au pads: a strong sink at each end
}
#: Ingredients switched on or off over :func:`chen2024_chain` (name → changes); the chain
#: experiment tabulates which facts each meets. None was tuned to pass.
CHEN2024_CHAIN_VARIANTS = {
    "chain (preset)": {},
    "− steep ρ (w_t 10 K)": {"w_t": 10 * kelvin},
    "− STO k ∝ 1/T (constant k)": {"sink_exponent": 0.0},
    "− residual ρ (ρ ∝ T² only)": {"rho0": 1.2e-5 * ohm * meter, "rho_res": 0 * ohm * meter},
    "+ hysteretic ρ (T_c ± 5 K)": {"hysteresis": 10 * kelvin},
    "+ weak spot (centre cell ρ × 1.5)": {"weak_spot": 1.5},
    "weak lateral spreading (k·d ÷ 3)": {"spreading": 1e-5 / 3 * watt / kelvin},
    "strong lateral spreading (k·d × 3)": {"spreading": 3e-5 * watt / kelvin},
}


def chen2024_chain(variant="chain (preset)", **changes):
    """Seed 000's channel as a chain of equal electro-thermal cells (no declared zones).

    ========================  ======================  ==========================================
    number                    value                   source
    ========================  ======================  ==========================================
    thickness, width, length  20 nm, 10 µm, 10 µm     paper (text before Fig. 1, Fig. 1a)
    T_c                       340 K                   paper (Fig. 1b)
    cells (half channel)      30 equal                chosen (converged: see the tests)
    ρ_m(T)                    ρ_res + A T²            form assumed (Fig. 1b: R falls on cooling
                                                      below T_c; the figure is not digitised)
    ρ(100 K)                  1.2 mΩ·cm → 600 Ω       assumed (PHYSICS.md §4: 0.5–1 kΩ)
    ρ_res                     30 % of ρ(100 K)        assumed (a film's residual resistivity)
    ρ_p, E_a                  3e-4 Ω·m, 1000 K        assumed (as :func:`chen2024_lsmo`)
    w_t                       3 K                     assumed (a sharp, first-order-like rise)
    substrate k(T)            ∝ 1/T (SrTiO3)          physics (Kirchhoff transform)
    g_sink at 100 K           5 MW/K/m² (0.5 mW/K)    **fitted**: V_c(100 K) = 12 V
    G_contact                 3 mW/K per contact      assumed (Pd/Au pads, strong sinks)
    spreading k·d             10 µW/K                 physics (SrTiO3 10 W/m/K × ≈ 1 µm)
    ========================  ======================  ==========================================

    ``variant`` names a row of :data:`CHEN2024_CHAIN_VARIANTS`; ``changes`` override fields
    (``n_cells``, ``spreading``, ``weak_spot`` or any :class:`LSMOChannel` field).

    Examples
    --------
    >>> ch = chen2024_chain()
    >>> ch.n_zones, round(float(ch.resistance(100.0)[0]))
    (30, 600)
    """
    if variant not in CHEN2024_CHAIN_VARIANTS:
        raise ValueError(f"variant = {variant!r}: choose one of {list(CHEN2024_CHAIN_VARIANTS)}")
    fields = {**CHEN2024_CHAIN, **CHEN2024_CHAIN_VARIANTS[variant], **changes}
    return LSMOChannel.chain(fields.pop("n_cells"), fields.pop("spreading"), **fields)


def chen2024_resonator(variant="baseline (preset)", channel=None, **changes):
    """The LSMO channel of seed 000 as a voltage-tuned spin-resonator synapse.

    ===========================  ==================  ======================================
    number                       value               source
    ===========================  ==================  ======================================
    channel                      chen2024_lsmo       :func:`chen2024_lsmo` (``variant``)
    α, μ0ΔH0, μ0M_eff, μ0H_a     :data:`CHEN2024_STFMR`  paper (000, Figs. 2c,d; 100 K)
    drive frequency f            6 GHz               paper (000, Fig. 3: the bias map)
    bath temperature             100 K               paper (000, Figs. 2, 3)
    μ0H0                         zero-bias resonance chosen (w(0) = 1; heating lowers w)
    V_rect on resonance          1 µV                assumed (the scale of the seed's V_mix)
    ===========================  ==================  ======================================

    Use ``variant="+ hysteretic ρ + weak spot + steep ρ"`` for a weight with memory (a
    2.1 V wide loop at 13–15 V), or ``channel=chen2024_chain()`` for the cell chain whose
    hot domain emerges (a 0.1 V loop at its V_c ≈ 12 V); ``changes`` go to
    :class:`SpinResonatorSynapse`.
    """
    stfmr = CHEN2024_STFMR
    params = {
        "f": 6 * Ghertz,
        "V_rect": 1 * uvolt,
        "T_bath": stfmr["T"] * kelvin,
        "Meff_ref": stfmr["Meff"] * tesla,
        "T_ref": stfmr["T"] * kelvin,
        "Ha": stfmr["Ha"] * tesla,
        "alpha": stfmr["alpha"],
        "dH0": stfmr["dH0"] * tesla,
    }
    channel = chen2024_lsmo(variant) if channel is None else channel
    return SpinResonatorSynapse(channel, **{**params, **changes})


def vo2_neuristor(**changes):
    """A nanoscale VO2 neuristor: a channel of ≈ 300 nm on an oxide substrate, 5 pF, 50 kΩ.

    Seed 003 gives the behaviour (§I, §II.A: insulating when cold, metallic above ≈ 340 K,
    volatile threshold switching, leaky integrate-and-fire spiking; §III.A: a Mott device
    in parallel with a capacitor is a spiking oscillator), not device numbers; the
    numbers are textbook VO2 values and an assumed device, chosen so the time scales are
    consistent (below).

    ====================  ===============  ============================================
    number                value            source
    ====================  ===============  ============================================
    T_imt (heating)       342 K            textbook (bulk VO2 ≈ 340 K; seed 003 §II.A
                                           "near room temperature")
    T_mit (cooling)       334 K            textbook (thin-film hysteresis 5–10 K)
    R_ins at 300 K        100 kΩ           assumed (nanoscale gap, 10–100 kΩ)
    E_a (insulating)      0.20 eV          textbook (0.1–0.3 eV in VO2 films)
    R_met                 1 kΩ             assumed (R_ins/R_met = 100 at 300 K, ≈ 38
                                           at T_imt; films reach 10³–10⁴)
    G_th                  1 µW/K           assumed: spreading into an oxide substrate
                                           from a ≈ 300 nm hot spot, ≈ 4 k d with
                                           k ≈ 1.4 W/(m K)
    C_th                  100 fJ/K         assumed: (≈ 320 nm)³ × 3 J/(cm³ K) (VO2's
                                           volumetric heat capacity, textbook)
    C                     5 pF             assumed (on-chip capacitor)
    R_s                   50 kΩ            assumed (sets the input window)
    T_bath                300 K            room temperature
    ====================  ===============  ============================================

    Time scales: C_th/G_th = 100 ns; charging C·(R_s ∥ R_ins) = 167 ns at 300 K; spike
    (discharge) C·R_met = 5 ns ≪ C_th/G_th, so a spike dumps ½CV² ≈ 5 pJ into C_th
    (ΔT ≈ 50 K; steady peaks 390–460 K across the input window). Threshold
    (``VO2Neuristor.threshold_input``) 2.92 V (V_in/R_s = 58 µA); the metallic state latches
    above 9.40 V (``VO2Neuristor.latch_input``). Not modelled: latent heat of the
    transition (≈ 235 J/cm³, it would lengthen the switching), filament formation and
    the spread of the transition over grains (a nanoscale channel switches as one).

    Parameters
    ----------
    **changes
        Fields of :class:`spinbrian.devices.VO2Neuristor` to override.
    """
    params = {
        "R_ins": 100 * kohm,
        "E_a": 0.20,
        "R_met": 1 * kohm,
        "T_imt": 342 * kelvin,
        "T_mit": 334 * kelvin,
        "C_th": 100e-15 * joule / kelvin,
        "G_th": 1e-6 * watt / kelvin,
        "C": 5 * pF,
        "R_s": 50 * kohm,
    }
    params.update(changes)
    return VO2Neuristor(**params)


def superparamagnetic_pbit(Delta=3.0, alpha=0.1, diameter=20e-9 * meter, H_stray=None):
    """A perpendicular superparamagnetic tunnel junction read as a p-bit (seed 003).

    Seed 003 (003_cb68a8b132582be2.txt, §III.B and refs. 23, 24, 209) names superparamagnetic
    junctions as random-bit and stochastic-computing elements and Ising/Boltzmann machines
    built from coupled magnets, but gives no device numbers; these are assumed, of the kind
    such junctions are made with (a CoFeB free layer thinned to a barrier of a few k_BT).

    ======================  ======================  =====================================
    number                  value                   source
    ======================  ======================  =====================================
    geometry                easy axis, p ∥ ẑ        assumed: axial, so the Néel–Brown
                                                    two-state model is exact for m_z
    M_s, t, D               1 MA/m, 1.2 nm, 20 nm   assumed (CoFeB-like)
    α, P, Λ, β              0.1, 0.6, 1, 0          assumed (α large: short τ_N keeps the
                                                    LLG runs short; Δ sets the physics)
    H_k (demag folded in)   from Δ at 300 K         chosen: Δ = μ0M_sH_kV/(2k_BT)
    T                       300 K                   room temperature
    ======================  ======================  =====================================

    Parameters
    ----------
    Delta : float
        Barrier in units of k_BT at 300 K, in [0.5, 60].
    alpha : float
        Gilbert damping (sets τ_N, not the stationary statistics).
    diameter : Quantity
        Pillar diameter.
    H_stray : Quantity, optional
        Stray field of the reference layer along ẑ (A/m); default none.
    """
    from spinbrian.devices.pbit import PBit

    Delta = require_number("Delta", Delta, 0.5, 60)
    diameter = require_unit("diameter", diameter, meter)
    require_range("diameter", diameter, 0, low_open=True)
    Ms = 1.0e6 * _A_PER_M
    area = np.pi * (diameter / 2) ** 2
    volume = area * 1.2 * _NM
    T = 300 * kelvin
    Hk = 2 * Delta * K_B * 300.0 / (MU0 * float(Ms / _A_PER_M) * float(volume / meter**3))
    junction = MTJ(
        Ms=Ms,
        thickness=1.2 * _NM,
        area=area,
        alpha=alpha,
        Hk=Hk * _A_PER_M,
        easy_axis=(0, 0, 1),
        demag=False,
        reference=(0, 0, 1),
        P=0.6,
        temperature=T,
    )
    return PBit(junction, H_stray=0 * _A_PER_M if H_stray is None else H_stray)


def hoffmann2022_composite(J_ex=-1e-3 * joule / meter**2, P=0.5):
    """The antiferromagnetically coupled composite oscillator of seed 003 Fig. 6.

    Seed 003 (003_cb68a8b132582be2.txt, §II.B, caption of Fig. 6) gives every number of the
    two-macrospin model but J_ex and the polarisation:

    ========================  ===========================  ===============================
    number                    value                        source
    ========================  ===========================  ===============================
    D, t_h = t_s              20 nm, 0.8 nm                paper (003, Fig. 6)
    t_spacer                  0.3 nm (Ru)                  paper; enters only through J_ex
    M_s,s, M_s,h              13.5·10⁵, 4.7·10⁵ A/m         paper (003, Fig. 6)
    K_u,h                     0.4 MJ/m³ (H_k = 2K_u/μ0M_s)   paper; soft layer: no K_u
    α_h = α_s                 0.008                        paper (003, Fig. 6)
    polariser                 ẑ, under the hard layer      paper (text of Fig. 6)
    applied field             none                         paper ("without field")
    demag                     thin film, M_eff = M_s       assumed (both layers)
    J_ex                      −1 mJ/m² (default)           assumed: the paper plots
                                                           "different J_ex", values unstated
    P, Λ, β                   0.5, 1, 0                    assumed
    soft-layer readout        in-plane x̂ (TMR 100 %)        assumed (text: "a pinned
                                                           in-plane layer")
    ========================  ===========================  ===============================

    Parameters
    ----------
    J_ex : Quantity
        Interlayer exchange energy per area (negative: antiferromagnetic).
    P : float
        Spin polarisation of the current at the hard layer.
    """
    from spinbrian.devices.composite import CompositeFreeLayer

    area = np.pi * (10 * _NM) ** 2
    Ms_s, Ms_h = 13.5e5 * _A_PER_M, 4.7e5 * _A_PER_M
    common = {"thickness": 0.8 * _NM, "area": area, "alpha": 0.008, "easy_axis": (0, 0, 1)}
    soft = MTJ(Ms=Ms_s, Hk=0 * _A_PER_M, reference=(1, 0, 0), P=P, **common)
    hard = MTJ(Ms=Ms_h, Hk=2 * 0.4e6 / (MU0 * 4.7e5) * _A_PER_M, reference=(0, 0, 1), P=P, **common)
    return CompositeFreeLayer(soft=soft, hard=hard, J_ex=J_ex)


#: Seed 003 Fig. 11: the perpendicular field on the chain, 4 kOe.
HOFFMANN2022_CHAIN_FIELD = 4000 * oersted


def hoffmann2022_chain_sto(P=0.5):
    """The spin-torque oscillator of the coupled chain of seed 003 Fig. 11.

    Seed 003 (003_cb68a8b132582be2.txt, caption of Fig. 11) gives the free ("soft") layer:

    ======================  ===========================  =================================
    number                  value                        source
    ======================  ===========================  =================================
    D, t                    60 nm, 1 nm                  paper (003, Fig. 11)
    M_s                     1000 emu/cm³ = 10⁶ A/m        paper
    K_u                     1 kerg/cm³ = 100 J/m³ (⊥)    paper (H_k = 2K_u/μ0M_s = 159 A/m)
    α                       0.01                         paper
    field                   4 kOe ⊥ (HOFFMANN2022_…)     paper
    current spread          2 % random                   paper (used by the experiment)
    demag                   thin film, M_eff = M_s       assumed
    polariser               ẑ (perpendicular)            assumed: the caption names none;
                                                         with field and polariser ⊥ the
                                                         precession is a circle about ẑ
    P, Λ, β                 0.5, 1, 0                    assumed
    ======================  ===========================  =================================

    Parameters
    ----------
    P : float
        Spin polarisation.
    """
    Ms = 1.0e6 * _A_PER_M
    return MTJ(
        Ms=Ms,
        thickness=1.0 * _NM,
        area=np.pi * (30 * _NM) ** 2,
        alpha=0.01,
        Hk=2 * 100.0 / (MU0 * 1.0e6) * _A_PER_M,
        easy_axis=(0, 0, 1),
        reference=(0, 0, 1),
        P=P,
    )
