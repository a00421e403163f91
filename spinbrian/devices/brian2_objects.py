"""What every device builder shares: a user's model code and Brian2 keywords merged in.

A device's ``neurons(...)`` / ``synapses(...)`` should behave like Brian2's own
constructors: ``threshold=``, ``reset=``, ``refractory=``, ``events=``, ``order=``,
``namespace=`` … go through to ``NeuronGroup`` / ``Synapses``, and ``model=`` code extends
the device model. Two rules keep the device's physics intact:

* ``model=`` may *replace* a device parameter, an input such as ``j_syn`` or ``I_syn``, by an
  equation of the same dimensions (e.g. ``dj_syn/dt = -j_syn/tau_syn : amp/meter**2``, a
  synaptic current that decays); any other name the device defines, or a parameter the
  builder's own operations write, is refused by name;
* a keyword the builder sets itself (a p-bit's flip is its threshold and reset) is refused
  by name with what to use instead; ``namespace`` entries are added to the device's, and
  one that would change a device constant is refused.
"""

import numpy as np
from brian2 import Equations
from brian2.equations.equations import PARAMETER, SingleEquation

from spinbrian.devices.compile_notice import announce_first_compile


def extend_model(model, extra=None, written=(), inputs=None):
    """The device ``model`` with the user's ``extra`` equations merged in.

    Parameters
    ----------
    model : str or brian2.Equations
        The device's equations.
    extra : str or brian2.Equations, optional
        The user's equations: new variables, or a replacement for a device parameter.
    written : iterable of str
        Device parameters the builder or its operations assign (the thermal field, values
        the builder sets from its arguments): these cannot be replaced.
    inputs : iterable of str, optional
        If given, the only parameters that can be replaced (a synapse's state variables,
        which its event code writes, are all the others).

    Returns
    -------
    brian2.Equations
    """
    model = model if isinstance(model, Equations) else Equations(str(model))
    if extra is None:
        return model
    extra = extra if isinstance(extra, Equations) else Equations(str(extra))
    written = set(written)
    if inputs is not None:
        written |= model.parameter_names - set(inputs)
    for name, eq in extra.items():
        if name not in model:
            continue
        own = model[name]
        if own.type != PARAMETER or name in written:
            what = "a parameter the device sets itself" if own.type == PARAMETER else own.type
            raise ValueError(
                f"model= defines {name!r}, which the device model already defines ({what}): "
                f"rename it; only the device's input parameters can be replaced"
            )
        if own.dim != eq.dim:
            raise ValueError(
                f"model= redefines {name!r} in {eq.unit!r}; the device model has it in "
                f"{own.unit!r}: give it the same dimensions"
            )
    merged = [extra[name] if name in extra else eq for name, eq in model.items()]
    merged += [eq for name, eq in extra.items() if name not in model]
    return Equations([_copy(eq) for eq in merged])


def _copy(eq):
    """A fresh copy of a SingleEquation, private to one merged model.

    Brian2 caches parsed equations and stores each model's subexpression order on the
    shared objects, so a merged model that orders them differently from the device's own
    would reorder them for every other group built from the device (seen: a later plain
    group left a replaced ``j_syn`` unsubstituted in the first group's RK4 code).
    """
    return SingleEquation(eq.type, eq.varname, eq.dim, eq.var_type, eq.expr, list(eq.flags))


#: What to do instead of passing on_pre / on_post to a device's Synapses builder.
EVENT_CODE_HINTS = {
    "on_pre": "the device's event code runs the physics; put yours in on_pre_extra=",
    "on_post": "the device's event code runs the physics; put yours in on_post_extra=",
}


def merge_keywords(owner, device, user, hints=None):
    """The keyword arguments of a Brian2 constructor: the builder's and the user's.

    Parameters
    ----------
    owner : str
        The builder's name, for messages (e.g. ``"PBit.neurons"``).
    device : dict
        Keywords the builder sets (``namespace`` included).
    user : dict
        The user's extra keywords.
    hints : dict, optional
        For a keyword the builder sets, what the user should do instead.

    Returns
    -------
    dict

    Notes
    -----
    Every builder passes through here, so this is also where the notice that Brian2 is
    compiling for the first time is installed (:mod:`spinbrian.devices.compile_notice`).
    """
    announce_first_compile()
    merged = dict(device)
    for key, value in user.items():
        if key == "namespace":
            merged["namespace"] = _merge_namespace(owner, device.get("namespace") or {}, value)
        elif key in device:
            hint = (hints or {}).get(key, "it is part of the device model")
            raise TypeError(f"{owner} sets {key}= itself: {hint}")
        else:
            merged[key] = value
    return merged


def _merge_namespace(owner, device, user):
    merged = dict(device)
    for key, value in user.items():
        if key in device and not _same(device[key], value):
            raise ValueError(
                f"{owner}: namespace entry {key!r} = {value!r} would change the device "
                f"constant {key} = {device[key]!r}: change the device instead (e.g. "
                "dataclasses.replace) or use another name"
            )
        merged[key] = value
    return merged


def _same(a, b):
    try:
        return bool(np.all(np.asarray(a) == np.asarray(b)))
    except (TypeError, ValueError):  # objects that do not compare (Functions, TimedArrays)
        return a is b
