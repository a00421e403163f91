"""An :class:`~spinbrian.networks.MTJReservoir` as Brian2 objects, full LLG in every junction.

The junctions are one NeuronGroup with the device's LLG + STT equations (RK4 at ``dt``);
the RNN runs on a second clock of one RNN step (1.5 ns):

* recurrent, feedback and input weights are Synapses whose summed variables (``I_rec``,
  ``I_fb``, ``I_in``) collect into ``drive``, a NeuronGroup on the RNN clock holding each
  junction's filtered drive x; one-to-one Synapses carry its current density into the
  junction (``j_syn``); outputs are a NeuronGroup whose ``z`` is summed from the junctions
  through the readout Synapses (``w``). (Brian2 updates a summed variable on its
  *target's* clock, so summing into the 1.5 ns ``drive`` group rather than into the
  junctions avoids re-summing every synapse at every ``dt``);
* at every RNN tick the junction measures its output r of the step just ended (last
  peak-to-peak of R, tracked at every ``dt`` with the same parabola refinement as
  :func:`spinbrian.analysis.transfer.last_peak_to_peak`), the synapses sum, ``drive``
  updates x, and the junction takes the new current and (``protocol="reset"``) returns
  to rest;
* FORCE training (runtime targets only) is a ``network_operation`` on the RNN clock that,
  after the tick's output z has been summed and fed back (Sussillo & Abbott's order: the
  output before the update), runs the RLS step and writes the readout weights back; a
  trained network has no Python in the loop and runs on every target, ``cpp_standalone``
  included.

Brian2 schedules a step as start → groups (summed variables at ``order − 1`` of their
target, then the groups) → after_groups; the explicit orders below make one RNN tick
compute exactly the discrete map of :meth:`MTJReservoir.step`.
"""

from dataclasses import replace
from typing import NamedTuple

import numpy as np
from brian2 import (
    Network,
    NeuronGroup,
    StateMonitor,
    Synapses,
    TimedArray,
    get_device,
    network_operation,
    ohm,
)

from spinbrian.networks.learning import ForceReadout
from spinbrian.networks.responses import LLG_DT, STEP

_DRIVE_MODEL = """
x : 1
b : 1 (constant)
I_rec : 1
I_fb : 1
I_in : 1
j_drive = (j_lo + (j_hi - j_lo)*clip(x, 0, 1))*j_unit : amp/meter**2
"""

_JUNCTION_MODEL = """
r : 1
R_1 : ohm
R_2 : ohm
R_top : ohm
R_bot : ohm
"""

# Output of the window just ended, centred as the synapses carry it.
_MEASURE = "r = (R_top - R_bot - dR_lo)/(dR_hi - dR_lo)"

_TRACK = """
top = int(R_1 > R_2 and R_1 >= R)
bot = int(R_1 < R_2 and R_1 <= R)
curv = R_2 - 2*R_1 + R
curv_safe = (top + bot)*curv + (1 - top - bot)*ohm
vertex = R_1 - 0.125*(R_2 - R)**2/curv_safe
R_top = top*vertex + (1 - top)*R_top
R_bot = bot*vertex + (1 - bot)*R_bot
R_2 = R_1
R_1 = R
"""

_REST = "mx = ux\nmy = uy\nmz = uz\n"

_ADVANCE = "x = (1 - leak)*x + leak*(b + I_rec + I_fb + I_in)"

_NEW_WINDOW = """
{rest}R_1 = R
R_2 = R
"""

# Carried state: a window without an extremum reads ΔR = 0 (no oscillation left), not the
# previous window's peaks.
_CLEAR_PEAKS = "R_top = R\nR_bot = R\n"

# Per-junction constants a set of non-identical junctions can differ in.
_VARYING = ("Hk", "Meff", "stt_per_j", "thermal_sigma", "R_P", "dR_TMR")


class BrianReservoir(NamedTuple):
    """The Brian2 objects of a reservoir (see :func:`brian2_reservoir`)."""

    network: Network
    junctions: NeuronGroup
    outputs: NeuronGroup
    readout: Synapses
    monitor: StateMonitor
    n_steps: int

    def run(self, report=None):
        """Run every step; returns z (n_steps, n_out) aligned with :meth:`MTJReservoir.run`.

        On a standalone device with ``build_on_run=False`` nothing has run yet when this
        returns ``None``: call ``device.build(...)``, then :meth:`outputs_z`.
        """
        # One extra dt lets the tick that closes the last window happen.
        self.network.run(self.n_steps * STEP + self.junctions.clock.dt, report=report)
        if getattr(get_device(), "build_on_run", True) is False:
            return None
        return self.outputs_z()

    def outputs_z(self):
        """Outputs of every completed step (tick n records the output of window n − 1)."""
        return np.asarray(self.monitor.z).T[1 : self.n_steps + 1]


def brian2_reservoir(net, n_steps, inputs=None, targets=None, train=None, dt=LLG_DT, protocol=None):
    """Build ``net`` (an :class:`MTJReservoir`) as Brian2 objects for ``n_steps`` steps.

    Parameters
    ----------
    net : MTJReservoir
        Weights, biases, filter and read-out scaling; its readout's weights are the start
        values (trained in place when ``train`` is given). Recurrent delays are not
        supported here (``net.delay`` must be 0).
    n_steps : int
        RNN steps to run.
    inputs : ndarray, optional
        (n_steps, n_in) input values (a TimedArray on the RNN clock).
    targets, train : ndarray, optional
        Targets (n_steps, n_out) and a boolean mask of the steps to train on (FORCE with
        ``net.readout``; runtime targets only).
    dt : Quantity
        RK4 step of the junctions.
    protocol : {"reset", "continuous"}, optional
        As for :class:`~spinbrian.networks.responses.LLGResponse` (default: the reading of
        ``net.response``, "reset" for a reduced one); ``"continuous"`` needs ``net.response``
        to be an ``LLGResponse`` of that reading (its rest state and read-out scale).

    Returns
    -------
    BrianReservoir

    Examples
    --------
    >>> from spinbrian import presets
    >>> from spinbrian.networks import MTJReservoir, TransferResponse
    >>> net = MTJReservoir(TransferResponse([presets.zheng2020_mtj()] * 10), seed=1)
    >>> b2 = brian2_reservoir(net, n_steps=3)
    >>> b2.junctions.N, b2.outputs.N
    (10, 1)
    """
    if net.delay:
        raise ValueError("recurrent delays are not supported in the Brian2 network (delay=0)")
    if protocol is None:
        protocol = getattr(net.response, "protocol", "reset")
    if protocol not in ("reset", "continuous"):
        raise ValueError(f"protocol = {protocol!r}: choose 'reset' or 'continuous'")
    if protocol == "continuous" and getattr(net.response, "protocol", None) != "continuous":
        raise ValueError(
            "protocol = 'continuous': net.response must be LLGResponse(..., "
            "protocol='continuous') (its rest state and read-out scale)"
        )
    training = train is not None  # without it, no FORCE operation (standalone-friendly)
    n_steps, inputs, targets, train = net.run_arguments(n_steps, inputs, targets, train)
    resp = net.response
    devices = resp.devices
    nominal = resp.nominal
    identical = all(d is devices[0] for d in devices)
    template = devices[0] if identical else _varying(nominal)
    junctions = template.neurons(
        net.N, j=0 * template.j_unit, dt=dt, name="junctions", model=_JUNCTION_MODEL
    )
    if not identical:
        for name in _VARYING:
            setattr(junctions, name, [d._constants()[name] for d in devices])
    junctions.r = 0.5
    if protocol == "continuous":
        junctions.mx, junctions.my, junctions.mz = np.asarray(resp.m).T
    # Before the first window closes, the tracker reports r = ½ (the discrete map's
    # zero history).
    junctions.R_top = (resp.dR_range[0] + resp.dR_range[1]) / 2 * ohm
    junctions.R_bot = 0 * ohm
    junctions.R_1 = "R"
    junctions.R_2 = "R"
    lo, hi = resp.dR_range
    junctions.namespace.update({"dR_lo": lo * ohm, "dR_hi": hi * ohm})
    junctions.run_regularly(_MEASURE, dt=STEP, when="start", order=0, name="measure")
    # After the current arrives (j_syn's updater runs at order −1), before the step.
    junctions.run_regularly(
        _NEW_WINDOW.format(rest=_REST if protocol == "reset" else _CLEAR_PEAKS),
        dt=STEP,
        when="groups",
        order=junctions.order - 0.5,
        name="new_window",
    )
    # After the renormalisation (after_groups, order 0): sample the step's R.
    junctions.run_regularly(_TRACK, when="after_groups", order=1, name="track")

    drive_constants = {
        "leak": net.leak,
        "j_lo": resp.j_range[0],
        "j_hi": resp.j_range[1],
        "j_unit": nominal.j_unit,
    }
    drive = NeuronGroup(
        net.N, _DRIVE_MODEL, dt=STEP, order=-20, name="drive", namespace=drive_constants
    )
    drive.b = net.bias
    drive.x = net.bias
    # After the summed variables (order −21), before the current reaches the junctions.
    drive.run_regularly(_ADVANCE, dt=STEP, when="groups", order=-19.5, name="advance")
    current = Synapses(
        drive,
        junctions,
        "j_syn_post = j_drive_pre : amp/meter**2 (summed)",
        dt=STEP,
        namespace=drive_constants,  # j_drive_pre is evaluated in the synapses' code
        name="current",
    )
    current.connect(j="i")

    objects = [junctions, drive, current]
    # Outputs first (their sum at order −31): the feedback into drive uses this tick's z.
    outputs = NeuronGroup(net.n_out, "z : 1", dt=STEP, order=-30, name="outputs")
    readout = Synapses(
        junctions, outputs, "w : 1\nz_post = w*(r_pre - 0.5) : 1 (summed)", dt=STEP, name="w_out"
    )
    # Explicit index lists: standalone cannot read synapse indices back before the run.
    pre, post = _all_to_all(net.N, net.n_out)
    readout.connect(i=pre, j=post)
    readout_index = (post, pre)
    if net.readout is None:
        net.readout = ForceReadout(net.N, net.n_out)
    readout.w = net.readout.W[readout_index]
    objects += [outputs, readout]

    rows, cols = np.nonzero(net.W)
    if rows.size:
        recurrent = Synapses(
            junctions,
            drive,
            "w : 1 (constant)\nI_rec_post = w*(r_pre - 0.5) : 1 (summed)",
            dt=STEP,
            name="w_rec",
        )
        recurrent.connect(i=cols, j=rows)
        recurrent.w = net.W[rows, cols]
        objects.append(recurrent)
    if net.n_out and np.any(net.F):
        fb = Synapses(
            outputs,
            drive,
            "w : 1 (constant)\nI_fb_post = w*z_pre : 1 (summed)",
            dt=STEP,
            name="w_fb",
        )
        pre, post = _all_to_all(net.n_out, net.N)
        fb.connect(i=pre, j=post)
        fb.w = net.F[post, pre]
        objects.append(fb)
    if net.n_in:
        if inputs is None:
            raise ValueError(f"the network has {net.n_in} inputs: pass inputs")
        values = np.vstack([np.asarray(inputs, float), np.zeros((1, net.n_in))])
        stimulus = TimedArray(values, dt=STEP, name="stimulus")
        source = NeuronGroup(
            net.n_in,
            "u = stimulus(t, i) : 1",
            dt=STEP,
            namespace={"stimulus": stimulus},
            name="inputs",
        )
        inp = Synapses(
            source,
            drive,
            "w : 1 (constant)\nI_in_post = w*u_pre : 1 (summed)",
            dt=STEP,
            namespace={"stimulus": stimulus},  # u_pre is evaluated in the synapses' code
            name="w_in",
        )
        pre, post = _all_to_all(net.n_in, net.N)
        inp.connect(i=pre, j=post)
        inp.w = net.U[post, pre]
        objects += [source, inp]

    monitor = StateMonitor(outputs, "z", record=True, dt=STEP, when="after_groups", name="z_mon")
    objects.append(monitor)
    if training:
        objects.append(_force_operation(net, junctions, readout, readout_index, targets, train))
    return BrianReservoir(Network(objects), junctions, outputs, readout, monitor, n_steps)


def _all_to_all(n_pre, n_post):
    """Index arrays (pre, post) of every pair."""
    pre, post = np.meshgrid(np.arange(n_pre), np.arange(n_post), indexing="ij")
    return pre.ravel(), post.ravel()


def _varying(nominal):
    """The nominal device with the size-dependent constants declared per junction."""
    return replace(nominal, per_neuron=_VARYING)


def _force_operation(net, junctions, readout, index, targets, train):
    """RLS on the readout at every RNN tick that closes a training window."""
    train = np.asarray(train, bool)
    counter = {"tick": 0}

    # After the groups: z of this tick (the closed window's output) is summed and fed back
    # with the weights before the update.
    @network_operation(dt=STEP, when="after_groups", order=2, name="force")
    def force():
        n = counter["tick"] - 1  # the window this tick closes
        counter["tick"] += 1
        if 0 <= n < len(train) and train[n]:
            net.readout.train(np.asarray(junctions.r[:]) - 0.5, targets[n])
            readout.w = net.readout.W[index]

    return force
