"""Hostile input to the analysis modules: each bad value is refused by name.

What is tested: the bad arguments a census of hostile calls found accepted, returning NaN,
crashing with a foreign exception (ZeroDivisionError, LinAlgError) or failing with a
message that does not name them, in :mod:`spinbrian.analysis` — ``loops``, ``ringdown``,
``stfmr`` (lineshapes, Kittel and linewidth laws, the M_eff(T) model, ``Zones``, the
fits), ``timeseries`` and ``transfer``. Each must raise ``ValueError`` or ``TypeError``
whose message names the argument. The formulas check shapes and scalar parameters only:
a NaN entry of an array gives NaN there, tested at the end. Nothing here runs Brian2.
"""

import numpy as np
import pytest

from spinbrian.analysis import loops, ringdown, stfmr, timeseries, transfer
from spinbrian.equations import resonance

nan, inf = float("nan"), float("inf")
CUR = np.linspace(0.0, 10.0, 11)
RB = 1 / (1 + np.exp(-(CUR - 5)))
TT = np.arange(200) * 1e-11
SIG = np.exp(-TT / 1e-9) * np.cos(2 * np.pi * 5e9 * TT)
H = np.linspace(0.05, 0.15, 101)
YD = resonance.mixing_voltage_derivative(H, 0.1, 0.005, 1.0, 0.3) * 1e-2
P0 = [0.1, 0.005, 1.0, 0.3]
FR = np.array([4e9, 6e9, 8e9, 10e9])
HR = resonance.kittel_field(FR, 0.96, 0.0138)
DH = resonance.linewidth(FR, 0.0045, 0.00047)
ZONES = dict(weight=[0.5, 0.5], Meff=[0.9, 0.8], Ha=0.01, alpha=0.005, dH0=0.0005)
RTR = 100 + np.sin(np.arange(60) / 3.0)


@pytest.fixture(autouse=True)
def brian_scope():
    """Overrides the conftest's fresh Brian2 scope: nothing here runs Brian2."""
    yield


def first(values, bad):
    """``values`` with its first entry replaced by ``bad``."""
    out = np.array(values, float)
    out[0] = bad
    return out


def call(func, /, **kw):
    """A thunk calling ``func`` with the census' valid arguments updated by ``kw``."""
    return lambda: func(**kw)


def zones(**kw):
    return resonance.Zones(**{**ZONES, **kw})


def from_temperatures(**kw):
    args = dict(T=[100.0, 200.0], meff_ref=0.96, T_ref=100.0, **ZONES)
    del args["Meff"]
    return resonance.Zones.from_temperatures(**{**args, **kw})


def meff_model(f, **kw):
    args = dict(meff_ref=0.96, T_ref=100.0, Tc=340.0, a=1.5, b=0.5)
    return lambda: f([0.5, 0.9], **{**args, **kw})


def fit_kittel(**kw):
    return lambda: stfmr.fit_kittel(**{**dict(f=FR, Hr=HR, Hr_err=np.full(4, 1e-4)), **kw})


def fit_linewidth(**kw):
    return lambda: stfmr.fit_linewidth(**{**dict(f=FR, dH=DH, dH_err=np.full(4, 1e-5)), **kw})


CASES = {
    # loops
    "branch_measures resistance NaN": (
        "resistance",
        call(loops.branch_measures, currents=CUR, resistance=first(RB, nan)),
    ),
    "branch_measures currents inf": (
        "currents",
        call(loops.branch_measures, currents=first(CUR, inf), resistance=RB),
    ),
    "branch_measures resistance longer": (
        "resistance",
        call(loops.branch_measures, currents=CUR, resistance=np.r_[RB, 1.0]),
    ),
    "branch_measures empty": (
        "currents",
        call(loops.branch_measures, currents=[], resistance=[]),
    ),
    "logistic k = 0": ("k", call(loops.logistic, x=[0.0, 1.0], x0=0.5, k=0.0)),
    "logistic k NaN": ("k", call(loops.logistic, x=[0.0, 1.0], x0=0.5, k=nan)),
    "logistic x0 inf": ("x0", call(loops.logistic, x=[0.0, 1.0], x0=inf, k=0.1)),
    "fit_sigmoid x NaN": ("x", call(loops.fit_sigmoid, x=first(CUR, nan), y=RB)),
    "fit_sigmoid y inf": ("y", call(loops.fit_sigmoid, x=CUR, y=first(RB, inf))),
    "fit_sigmoid x constant": ("x", call(loops.fit_sigmoid, x=np.zeros(11), y=RB)),
    "fit_sigmoid y constant": ("y", call(loops.fit_sigmoid, x=CUR, y=np.zeros(11))),
    "fit_sigmoid x longer": ("x", call(loops.fit_sigmoid, x=np.r_[CUR, 11.0], y=RB)),
    "fit_sigmoid x empty": ("x", call(loops.fit_sigmoid, x=[], y=RB)),
    "fit_sigmoid y empty": ("y", call(loops.fit_sigmoid, x=CUR, y=[])),
    # ringdown
    "fft_peak_frequency signal NaN": (
        "signal",
        call(ringdown.fft_peak_frequency, t=TT, signal=first(SIG, nan)),
    ),
    "fft_peak_frequency signal zero": (
        "signal",
        call(ringdown.fft_peak_frequency, t=TT, signal=np.zeros(200)),
    ),
    "fft_peak_frequency t longer": (
        "t",
        call(ringdown.fft_peak_frequency, t=np.r_[TT, 2e-9], signal=SIG),
    ),
    "fft_peak_frequency pad = 0": (
        "pad",
        call(ringdown.fft_peak_frequency, t=TT, signal=SIG, pad=0),
    ),
    "fft_peak_frequency pad = 2.5": (
        "pad",
        call(ringdown.fft_peak_frequency, t=TT, signal=SIG, pad=2.5),
    ),
    "fit_damped_sine signal inf": (
        "signal",
        call(ringdown.fit_damped_sine, t=TT, signal=first(SIG, inf)),
    ),
    "fit_damped_sine t empty": ("t", call(ringdown.fit_damped_sine, t=[], signal=SIG)),
    "ringdown_frequency signal NaN": (
        "signal",
        call(ringdown.ringdown_frequency, t=TT, signal=first(SIG, nan)),
    ),
    "ringdown_decay_rate t longer": (
        "t",
        call(ringdown.ringdown_decay_rate, t=np.r_[TT, 2e-9], signal=SIG),
    ),
    "kittel_in_plane gamma = 0": (
        "gamma",
        call(ringdown.kittel_in_plane, H=1e5, Ha=1e3, Meff=1e6, gamma=0.0),
    ),
    "kittel_in_plane Meff NaN": (
        "Meff",
        call(ringdown.kittel_in_plane, H=1e5, Ha=1e3, Meff=nan),
    ),
    "kittel_perpendicular Hk inf": (
        "Hk",
        call(ringdown.kittel_perpendicular, H=1e5, Hk=inf, Ms=1e6),
    ),
    "kittel_perpendicular gamma < 0": (
        "gamma",
        call(ringdown.kittel_perpendicular, H=1e5, Hk=1.2e6, Ms=1e6, gamma=-1.76e11),
    ),
    # stfmr: lineshapes and laws (scalar parameters)
    "lorentzian_symmetric dH = 0": (
        "dH",
        call(resonance.lorentzian_symmetric, H=H, Hr=0.1, dH=0.0),
    ),
    "lorentzian_antisymmetric Hr NaN": (
        "Hr",
        call(resonance.lorentzian_antisymmetric, H=H, Hr=nan, dH=0.005),
    ),
    "mixing_voltage S inf": (
        "S",
        call(resonance.mixing_voltage, H=H, Hr=0.1, dH=0.005, S=inf, A=0.3),
    ),
    "mixing_voltage_derivative A NaN": (
        "A",
        call(resonance.mixing_voltage_derivative, H=H, Hr=0.1, dH=0.005, S=1.0, A=nan),
    ),
    "kittel_frequency gamma NaN": (
        "gamma",
        call(resonance.kittel_frequency, H=0.1, Meff=0.96, Ha=0.0138, gamma=nan),
    ),
    "kittel_frequency Ha inf": (
        "Ha",
        call(resonance.kittel_frequency, H=0.1, Meff=0.96, Ha=inf),
    ),
    "kittel_field gamma = 0": (
        "gamma",
        call(resonance.kittel_field, f=6e9, Meff=0.96, Ha=0.0138, gamma=0.0),
    ),
    "kittel_field Meff -inf": (
        "Meff",
        call(resonance.kittel_field, f=6e9, Meff=-inf, Ha=0.0138),
    ),
    "kittel_meff gamma = 0": (
        "gamma",
        call(resonance.kittel_meff, Hr=0.1, f=6e9, Ha=0.0138, gamma=0.0),
    ),
    "kittel_meff Ha NaN": ("Ha", call(resonance.kittel_meff, Hr=0.1, f=6e9, Ha=nan)),
    "linewidth alpha inf": ("alpha", call(resonance.linewidth, f=6e9, alpha=inf, dH0=4.7e-4)),
    "linewidth gamma = 0": (
        "gamma",
        call(resonance.linewidth, f=6e9, alpha=0.0045, dH0=4.7e-4, gamma=0.0),
    ),
    # the M_eff(T) model
    "meff_at a = 0": ("a", meff_model(resonance.meff_at, a=0.0)),
    "meff_at b NaN": ("b", meff_model(resonance.meff_at, b=nan)),
    "meff_at meff_ref = 0": ("meff_ref", meff_model(resonance.meff_at, meff_ref=0.0)),
    "meff_at Tc inf": ("Tc", meff_model(resonance.meff_at, Tc=inf)),
    "temperature_at_meff a = 0": ("a", meff_model(resonance.temperature_at_meff, a=0.0)),
    "temperature_at_meff b = 0": ("b", meff_model(resonance.temperature_at_meff, b=0.0)),
    "temperature_at_meff b < 0": ("b", meff_model(resonance.temperature_at_meff, b=-0.5)),
    "temperature_at_meff T_ref inf": (
        "T_ref",
        meff_model(resonance.temperature_at_meff, T_ref=inf),
    ),
    "temperature_at_meff Tc = 0": ("Tc", meff_model(resonance.temperature_at_meff, Tc=0.0)),
    "temperature_at_meff meff_ref inf": (
        "meff_ref",
        meff_model(resonance.temperature_at_meff, meff_ref=inf),
    ),
    # zones
    "Zones weight inf": ("weight", lambda: zones(weight=[inf, 0.5])),
    "Zones Meff NaN": ("Meff", lambda: zones(Meff=[nan, 0.8])),
    "Zones Ha -inf": ("Ha", lambda: zones(Ha=-inf)),
    "Zones S inf": ("S", lambda: zones(S=inf)),
    "Zones A NaN": ("A", lambda: zones(A=nan)),
    "Zones weight of another length": ("weight", lambda: zones(weight=[0.5, 0.5, 0.5])),
    "Zones Meff empty": ("Meff", lambda: zones(Meff=[])),
    "Zones.lines gamma = 0": ("gamma", lambda: zones().lines(6e9, gamma=0.0)),
    "Zones.lines gamma NaN": ("gamma", lambda: zones().lines(6e9, gamma=nan)),
    "from_temperatures T NaN": ("T", lambda: from_temperatures(T=[nan, 200.0])),
    "from_temperatures T inf": ("T", lambda: from_temperatures(T=[inf, 200.0])),
    "from_temperatures T < 0": ("T", lambda: from_temperatures(T=[-100.0, 200.0])),
    "from_temperatures T empty": ("T", lambda: from_temperatures(T=[])),
    "from_temperatures weight longer": (
        "weight",
        lambda: from_temperatures(weight=[0.5, 0.5, 0.5]),
    ),
    "from_temperatures meff_ref NaN": ("meff_ref", lambda: from_temperatures(meff_ref=nan)),
    "from_temperatures a < 0": ("a", lambda: from_temperatures(a=-1.5)),
    "from_temperatures b inf": ("b", lambda: from_temperatures(b=inf)),
    "from_temperatures Tc inf": ("Tc", lambda: from_temperatures(Tc=inf)),
    "from_temperatures Ha NaN": ("Ha", lambda: from_temperatures(Ha=nan)),
    "from_temperatures dH0 inf": ("dH0", lambda: from_temperatures(dH0=inf)),
    "zone_spectrum gamma = 0": (
        "gamma",
        lambda: resonance.zone_spectrum(H, 6e9, zones(), gamma=0.0),
    ),
    "zone_spectrum zones not Zones": ("zones", lambda: resonance.zone_spectrum(H, 6e9, ZONES)),
    "zone_spectrum backend": (
        "backend",
        lambda: resonance.zone_spectrum(H, 6e9, zones(), backend="bogus"),
    ),
    # one-line fits
    "guess_lineshape Y NaN": ("Y", call(stfmr.guess_lineshape, H=H, Y=first(YD, nan))),
    "guess_lineshape H inf at the end": (
        "H",
        call(stfmr.guess_lineshape, H=np.r_[H[:-1], inf], Y=YD),
    ),
    "fit_lineshape y NaN": ("y", call(stfmr.fit_lineshape, H=H, y=first(YD, nan), p0=P0)),
    "fit_lineshape y longer": ("y", call(stfmr.fit_lineshape, H=H, y=np.r_[YD, 0.0], p0=P0)),
    "fit_lineshape y two spectra": (
        "y",
        call(stfmr.fit_lineshape, H=H, y=np.stack([YD, YD])),
    ),
    "fit_lineshape p0 NaN": ("p0", call(stfmr.fit_lineshape, H=H, y=YD, p0=first(P0, nan))),
    "fit_lineshape p0 zero": ("p0", call(stfmr.fit_lineshape, H=H, y=YD, p0=np.zeros(4))),
    "fit_lineshape p0 five values": (
        "p0",
        call(stfmr.fit_lineshape, H=H, y=YD, p0=P0 + [0.0]),
    ),
    "fit_lineshape p0 empty": ("p0", call(stfmr.fit_lineshape, H=H, y=YD, p0=[])),
    "fit_lineshapes Y inf": (
        "Y",
        call(stfmr.fit_lineshapes, H=H, Y=np.stack([first(YD, inf), YD])),
    ),
    "fit_lineshapes p0 NaN": (
        "p0",
        call(stfmr.fit_lineshapes, H=H, Y=np.stack([YD, YD]), p0=[first(P0, nan), P0]),
    ),
    "fit_lineshapes p0 zero": (
        "p0",
        call(stfmr.fit_lineshapes, H=H, Y=np.stack([YD, YD]), p0=np.zeros((2, 4))),
    ),
    "fit_lineshapes p0 empty": (
        "p0",
        call(stfmr.fit_lineshapes, H=H, Y=np.stack([YD, YD]), p0=[]),
    ),
    "fit_lineshapes max_iter = 0": (
        "max_iter",
        call(stfmr.fit_lineshapes, H=H, Y=YD, max_iter=0),
    ),
    "fit_lineshapes max_iter = 2.5": (
        "max_iter",
        call(stfmr.fit_lineshapes, H=H, Y=YD, max_iter=2.5),
    ),
    "fit_lineshapes max_iter NaN": (
        "max_iter",
        call(stfmr.fit_lineshapes, H=H, Y=YD, max_iter=nan),
    ),
    "fit_lineshapes backend": ("backend", call(stfmr.fit_lineshapes, H=H, Y=YD, backend="x")),
    # several lines
    "fit_peaks H NaN": ("H", call(stfmr.fit_peaks, H=first(H, nan), y=YD, n_peaks=1, p0=[P0])),
    "fit_peaks y inf": ("y", call(stfmr.fit_peaks, H=H, y=first(YD, inf), n_peaks=1, p0=[P0])),
    "fit_peaks H longer": (
        "H",
        call(stfmr.fit_peaks, H=np.r_[H, 0.151], y=YD, n_peaks=1, p0=[P0]),
    ),
    "fit_peaks H empty": ("H", call(stfmr.fit_peaks, H=[], y=YD, n_peaks=1, p0=[P0])),
    "fit_peaks H zero": ("H", call(stfmr.fit_peaks, H=np.zeros(101), y=YD, n_peaks=1, p0=[P0])),
    "fit_peaks n_peaks = 0": ("n_peaks", call(stfmr.fit_peaks, H=H, y=YD, n_peaks=0, p0=[P0])),
    "fit_peaks n_peaks = -1": ("n_peaks", call(stfmr.fit_peaks, H=H, y=YD, n_peaks=-1)),
    "fit_peaks n_peaks = 2.5": ("n_peaks", call(stfmr.fit_peaks, H=H, y=YD, n_peaks=2.5)),
    "fit_peaks p0 NaN": ("p0", call(stfmr.fit_peaks, H=H, y=YD, n_peaks=1, p0=[first(P0, nan)])),
    "fit_peaks p0 inf": ("p0", call(stfmr.fit_peaks, H=H, y=YD, n_peaks=1, p0=[first(P0, inf)])),
    "fit_peaks p0 zero": ("p0", call(stfmr.fit_peaks, H=H, y=YD, n_peaks=1, p0=np.zeros((1, 4)))),
    "fit_peaks p0 of another shape": (
        "p0",
        call(stfmr.fit_peaks, H=H, y=YD, n_peaks=1, p0=[P0 + [0.0]]),
    ),
    "select_peaks y NaN": ("y", call(stfmr.select_peaks, H=H, y=first(YD, nan))),
    "select_peaks y zero": ("y", call(stfmr.select_peaks, H=H, y=np.zeros(101))),
    "select_peaks y empty": ("y", call(stfmr.select_peaks, H=H, y=[])),
    "select_peaks max_peaks = 0": ("max_peaks", call(stfmr.select_peaks, H=H, y=YD, max_peaks=0)),
    "select_peaks max_peaks NaN": (
        "max_peaks",
        call(stfmr.select_peaks, H=H, y=YD, max_peaks=nan),
    ),
    # linewidth and Kittel fits
    "fit_kittel f NaN": ("f", fit_kittel(f=first(FR, nan))),
    "fit_kittel f zero": ("f", fit_kittel(f=np.zeros(4))),
    "fit_kittel f < 0": ("f", fit_kittel(f=-FR)),
    "fit_kittel f longer": ("f", fit_kittel(f=np.r_[FR, 12e9])),
    "fit_kittel Hr NaN": ("Hr", fit_kittel(Hr=first(HR, nan))),
    "fit_kittel Hr inf": ("Hr", fit_kittel(Hr=first(HR, inf))),
    "fit_kittel Hr zero": ("Hr", fit_kittel(Hr=np.zeros(4))),
    "fit_kittel Hr empty": ("Hr", fit_kittel(Hr=[])),
    "fit_kittel Hr_err zero": ("Hr_err", fit_kittel(Hr_err=np.zeros(4))),
    "fit_kittel Hr_err NaN": ("Hr_err", fit_kittel(Hr_err=first(np.full(4, 1e-4), nan))),
    "fit_kittel Hr_err inf": ("Hr_err", fit_kittel(Hr_err=first(np.full(4, 1e-4), inf))),
    "fit_kittel Hr_err < 0": ("Hr_err", fit_kittel(Hr_err=np.full(4, -1e-4))),
    "fit_kittel Hr_err longer": ("Hr_err", fit_kittel(Hr_err=np.full(5, 1e-4))),
    "fit_kittel gamma = 0": ("gamma", fit_kittel(gamma=0.0)),
    "fit_kittel gamma NaN": ("gamma", fit_kittel(gamma=nan)),
    "fit_linewidth f inf": ("f", fit_linewidth(f=first(FR, inf))),
    "fit_linewidth f zero": ("f", fit_linewidth(f=np.zeros(4))),
    "fit_linewidth f empty": ("f", fit_linewidth(f=[])),
    "fit_linewidth dH NaN": ("dH", fit_linewidth(dH=first(DH, nan))),
    "fit_linewidth dH zero": ("dH", fit_linewidth(dH=np.zeros(4))),
    "fit_linewidth dH < 0": ("dH", fit_linewidth(dH=-DH)),
    "fit_linewidth dH empty": ("dH", fit_linewidth(dH=[])),
    "fit_linewidth dH_err zero": ("dH_err", fit_linewidth(dH_err=np.zeros(4))),
    "fit_linewidth dH_err empty": ("dH_err", fit_linewidth(dH_err=[])),
    "fit_linewidth gamma inf": ("gamma", fit_linewidth(gamma=inf)),
    # timeseries and transfer
    "nrmse output longer": (
        "output",
        call(timeseries.nrmse, output=[0.1, 0.9, 0.2, 0.0], target=[0.0, 1.0, 0.0]),
    ),
    "nrmse target empty": ("target", call(timeseries.nrmse, output=[0.1, 0.9], target=[])),
    "nrmse scale = 0": ("scale", call(timeseries.nrmse, output=[0.1], target=[0.0], scale=0.0)),
    "nrmse scale NaN": ("scale", call(timeseries.nrmse, output=[0.1], target=[0.0], scale=nan)),
    "nrmse scale < 0": ("scale", call(timeseries.nrmse, output=[0.1], target=[0.0], scale=-1.0)),
    "nrmse target zero, no scale": ("target", call(timeseries.nrmse, output=[0.1], target=[0.0])),
    "period_and_amplitude dt = 0": (
        "dt",
        call(timeseries.period_and_amplitude, signal=SIG, dt=0.0),
    ),
    "period_and_amplitude dt NaN": (
        "dt",
        call(timeseries.period_and_amplitude, signal=SIG, dt=nan),
    ),
    "period_and_amplitude dt -inf": (
        "dt",
        call(timeseries.period_and_amplitude, signal=SIG, dt=-inf),
    ),
    "period_and_amplitude signal empty": (
        "signal",
        call(timeseries.period_and_amplitude, signal=[], dt=0.1),
    ),
    "period_and_amplitude oversample = 0": (
        "oversample",
        call(timeseries.period_and_amplitude, signal=SIG, dt=0.1, oversample=0),
    ),
    "period_and_amplitude oversample = 2.5": (
        "oversample",
        call(timeseries.period_and_amplitude, signal=SIG, dt=0.1, oversample=2.5),
    ),
    "last_peak_to_peak R empty": ("R", call(transfer.last_peak_to_peak, R=[])),
    "last_peak_to_peak R scalar": ("R", call(transfer.last_peak_to_peak, R=1.0)),
}


@pytest.mark.parametrize("label", list(CASES))
def test_bad_input_is_refused_by_name(label):
    name, thunk = CASES[label]
    with pytest.raises((ValueError, TypeError)) as info:
        thunk()
    assert name in str(info.value), f"{label}: {info.value}"


def test_formulas_propagate_nan_entries_and_keep_negative_widths():
    """Formula convention: a NaN entry of an array gives NaN there; the rest is unchanged."""
    Hn = first(H, nan)
    for y in (
        resonance.lorentzian_symmetric(Hn, 0.1, 0.005),
        resonance.mixing_voltage_derivative(Hn, 0.1, 0.005, 1.0, 0.3),
        resonance.kittel_frequency(Hn, 0.96, 0.0138),
        resonance.kittel_field(first(FR, nan), np.array([0.96, 0.9, 0.8, 0.7]), 0.0138),
        resonance.meff_at(first([100.0, 200.0], nan), 0.96, 100.0),
        loops.logistic(first([0.0, 1.0], nan), 0.5, 0.1),
        ringdown.kittel_in_plane(first([1e5, 2e5], nan), 1e3, 1e6),
    ):
        assert np.isnan(y[0]) and np.all(np.isfinite(y[1:]))
    # an array parameter is not scanned either
    M = resonance.kittel_field(6e9, np.array([nan, 0.96]), 0.0138)
    assert np.isnan(M[0]) and np.isfinite(M[1])
    # a negative HWHM is the same line with A flipped: allowed, as the fits rely on it
    np.testing.assert_allclose(
        resonance.mixing_voltage(H, 0.1, -0.005, 1.0, 0.3),
        resonance.mixing_voltage(H, 0.1, 0.005, 1.0, -0.3),
    )
    # a NaN sample gives NaN, not a made-up period
    period, amplitude = timeseries.period_and_amplitude(first(SIG, nan), 0.1)
    assert np.isnan(period) and np.isnan(amplitude)
    assert np.isnan(timeseries.nrmse([nan, 1.0], [1.0, 1.0]))
    # a trace with no oscillation gives NaN (documented), a NaN sample is never an extremum
    assert np.isnan(transfer.last_peak_to_peak(np.full(10, nan)))
    assert np.isfinite(transfer.last_peak_to_peak(first(RTR, nan)))
