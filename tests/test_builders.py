"""Device builders behave like Brian2's constructors (spinbrian.devices.brian2_objects).

What is tested: Brian2 keywords (threshold, refractory, events, namespace) reach the group
and act on the device's own dynamics (spikes at the Larmor period); ``model=`` code that
replaces a device input is integrated and feeds the physics (an exponential synaptic
current decays as exp(−t/τ); a constant ``j_syn`` expression drives the junction exactly
as ``j_ext`` does); clashes are refused naming the variable or keyword.
"""

import doctest

import numpy as np
import pytest
from brian2 import (
    EventMonitor,
    NeuronGroup,
    SpikeGeneratorGroup,
    SpikeMonitor,
    StateMonitor,
    Synapses,
    defaultclock,
    ms,
    nsecond,
    psecond,
    run,
    volt,
)
from brian2.units.allunits import amp, meter

from spinbrian import MTJ, presets
from spinbrian.constants import MU0
from spinbrian.devices import mtj as mtj_module
from spinbrian.devices.brian2_objects import extend_model

A_PER_M = amp / meter
J_UNIT = amp / meter**2


def _larmor_film():
    """No anisotropy, no demag, no damping: m precesses about H at f = γμ0H/2π."""
    return MTJ(
        Ms=8e5 * A_PER_M,
        thickness=1e-9 * meter,
        area=1e-15 * meter**2,
        alpha=0.0,
        Hk=0 * A_PER_M,
        easy_axis=(0, 0, 1),
        Meff=0 * A_PER_M,
    )


def test_threshold_refractory_and_events_act_on_the_precession():
    """A spike each time m_x passes ½ sin θ: the spike interval is the Larmor period.

    Precession about +z runs x → y (dm/dt = −γ m×B), so m_y first exceeds ½ sin θ at
    ωt = π/6: the custom event fires 1/(12 f) after the first spike. Tolerances: the mean
    interval over ≈ 7 periods to 10⁻³ (one step of 2 ps over 2.5 ns is 8·10⁻⁴), the event
    delay to one step.
    """
    film = _larmor_film()
    H = 0.1 / MU0  # μ0H = 0.1 T, f ≈ 2.8 GHz
    f = float(film.gamma) * MU0 * H / (2 * np.pi)
    theta = 0.5
    dt = 2 * psecond
    group = film.neurons(
        1,
        H_app=(0, 0, H) * A_PER_M,
        m0=(np.sin(theta), 0, np.cos(theta)),
        dt=dt,
        threshold="mx > 0.5*sin_theta",
        refractory="mx > 0",
        events={"quarter": "my > 0.5*sin_theta"},
        namespace={"sin_theta": np.sin(theta)},
    )
    spikes = SpikeMonitor(group)
    quarter = EventMonitor(group, "quarter")
    run(3 * nsecond)
    times = np.asarray(spikes.t / nsecond) * 1e-9
    # the first spike is at t = 0 (m starts at the top of its orbit); later ones at the
    # upward crossing of ½ sin θ, one period apart
    crossings = times[1:]
    interval = (crossings[-1] - crossings[0]) / (len(crossings) - 1)
    print(f"{len(times)} spikes, interval {interval * f:.5f} Larmor periods")
    assert len(crossings) >= 7
    assert interval * f == pytest.approx(1, abs=1e-3)
    first_event = float(quarter.t[0] / nsecond) * 1e-9
    assert first_event - times[0] == pytest.approx(1 / (12 * f), abs=float(dt))


def test_exponential_synaptic_current_replaces_j_syn():
    """dj_syn/dt = −j_syn/τ from ``model=``: a spike's current decays as exp(−t/τ) (RK4)."""
    defaultclock.dt = 0.25 * psecond  # one clock: mixed clocks can end a run early
    mtj = presets.zheng2020_mtj()
    group = mtj.neurons(
        1,
        model="dj_syn/dt = -j_syn/tau_syn : amp/meter**2",
        namespace={"tau_syn": 1 * nsecond},
    )
    kick = SpikeGeneratorGroup(1, [0], [0.1] * nsecond)
    syn = Synapses(kick, group, on_pre="j_syn_post += 2e10*amp/meter**2")
    syn.connect()
    mon = StateMonitor(group, "j_syn", record=[0])
    run(2 * nsecond)
    t = np.asarray(mon.t / nsecond)
    js = np.asarray(mon.j_syn[0] / J_UNIT)
    a, b = np.searchsorted(t, [0.5, 1.5])
    assert js[b] / js[a] == pytest.approx(np.exp(-(t[b] - t[a])), rel=1e-9)
    assert js[a] == pytest.approx(2e10 * np.exp(-(t[a] - 0.1)), rel=1e-3)  # arrival ± a step


def test_replaced_input_feeds_the_spin_torque():
    """``j_syn`` as a constant expression drives the junction exactly as ``j_ext`` does.

    The plain group is built second on purpose: Brian2 stores subexpression order on its
    cached equation objects, and a shared object once broke the first group's RK4 code.
    """
    mtj = presets.zheng2020_mtj()
    kw = dict(m0=(0.1, 0, 1), dt=0.25 * psecond)
    by_expression = mtj.neurons(
        1, model="j_syn = j_in : amp/meter**2", namespace={"j_in": 0.9e10 * J_UNIT}, **kw
    )
    by_parameter = mtj.neurons(1, j=0.9e10 * J_UNIT, **kw)
    a = StateMonitor(by_expression, ["mx", "mz"], record=[0])
    b = StateMonitor(by_parameter, ["mx", "mz"], record=[0])
    run(0.3 * nsecond)
    assert np.ptp(b.mx[0]) > 1e-3  # the current moves m: the comparison is not trivial
    assert np.max(np.abs(a.mx[0] - b.mx[0])) < 1e-12
    assert np.max(np.abs(a.mz[0] - b.mz[0])) < 1e-12


@pytest.mark.parametrize(
    "model, kwargs, message",
    [
        ("mx : 1", {}, "'mx'.*differential equation"),
        ("R = 2*R_P : ohm", {}, "'R'.*subexpression"),
        ("j_ext = 0*amp/meter**2 : amp/meter**2", {"j": 1e10 * J_UNIT}, "'j_ext'.*sets itself"),
        ("Hx_th : amp/meter", {}, "'Hx_th'.*sets itself"),
        ("j_syn : amp", {}, "'j_syn' in .*amp.*same dimensions"),
    ],
)
def test_model_clashes_name_the_variable(model, kwargs, message):
    with pytest.raises(ValueError, match=message):
        presets.zheng2020_mtj().neurons(1, dt=0.25 * psecond, model=model, **kwargs)


def test_keyword_clashes_name_the_keyword():
    """A keyword the builder owns, or a namespace entry that changes a device constant."""
    mtj = presets.zheng2020_mtj()
    key = next(iter(mtj.namespace))
    with pytest.raises(ValueError, match=f"namespace entry '{key}'"):
        mtj.neurons(1, dt=0.25 * psecond, namespace={key: 1.0})
    with pytest.raises(TypeError, match="PBit.neurons sets threshold=.*events="):
        presets.superparamagnetic_pbit().neurons(2, dt=100 * psecond, threshold="s > 0")
    dev = presets.shumilin2024_glassy()
    pre, post = NeuronGroup(1, "v : 1"), NeuronGroup(1, "g : siemens")
    with pytest.raises(TypeError, match="on_pre=.*on_pre_extra"):
        dev.synapses(pre, post, on_pre="g_post += 1*nsiemens")


def test_synapse_builders_take_model_code():
    """``glassy.synapses(model=...)`` (refused before) adds a weight; the device state stays."""
    dev = presets.shumilin2024_glassy()
    pre = NeuronGroup(1, "v : 1", threshold="True")
    post = NeuronGroup(1, "g : siemens")
    syn = dev.synapses(
        pre,
        post,
        pre_pulse=(2 * volt, 5 * ms),
        model="w : 1",
        on_pre_extra="g_post += w*sigma_read",
    )
    syn.connect()
    syn.w = 0.5
    run(0.3 * ms)
    assert float(post.g[0]) > 0
    with pytest.raises(ValueError, match="'d_0'"):
        dev.synapses(pre, post, model="d_0 = 0 : 1")


def test_resonator_bias_from_an_expression():
    """``V_bias`` replaced by an expression of the presynaptic voltage gives the same weight."""
    dev = presets.chen2024_resonator()
    pre = NeuronGroup(2, "v : volt", threshold="True", reset="")
    pre.v = [3, 6] * volt
    post = NeuronGroup(2, "u : 1")
    by_expression = dev.synapses(pre, post, model="V_bias = 2*v_pre : volt")
    by_expression.connect(j="i")
    by_value = dev.synapses(pre, post)
    by_value.connect(j="i")
    by_value.V_bias = [6, 12] * volt
    run(0.2 * ms)
    assert np.ptp(by_value.w[:]) > 0.1  # the two biases give different weights
    np.testing.assert_array_equal(by_expression.w[:], by_value.w[:])
    with pytest.raises(ValueError, match="'branch'"):
        dev.synapses(pre, post, model="branch = 0 : integer")


def test_extend_model_keeps_unrelated_equations():
    merged = extend_model("dv/dt = -v/tau : volt\nI : amp", "I = 2*amp : amp\nx : 1")
    assert merged["I"].type == "subexpression"
    assert set(merged) == {"v", "I", "x"}


def test_mtj_neurons_docstring_example():
    """The README recipe in MTJ.neurons' docstring runs and prints 2e10·exp(−1)."""
    finder = doctest.DocTestFinder()
    (test,) = [t for t in finder.find(mtj_module) if t.name.endswith("MTJ.neurons")]
    result = doctest.DocTestRunner().run(test)
    assert result.failed == 0 and result.attempted > 0
