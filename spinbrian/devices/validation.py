"""Parameter checks shared by the whole package, and the contract they serve.

Each error names the parameter, its value and the allowed range, unit or choices.

Two kinds of public callable, two rules:

* **Entry points** — device constructors and presets, Brian2 builders (``neurons``,
  ``synapses``, couplings), :func:`spinbrian.batch.simulate`, network classes and their
  ``run``/``step``/``train``, protocols that simulate, fits, sweeps, the CLI and every
  wrapper of a compiled kernel — check everything before any work: finite values (NaN and
  ±inf refused unless a parameter documents inf as meaningful), units (a bare number where
  a unit is required is refused; modules that document plain SI floats say so), integers
  where counts are meant, shapes against N, ranges, option names. A finite accepted input
  gives a finite output, or an error that says why (a warning where a result is partial,
  e.g. a thermal runaway).
* **Formulas** — vectorised physics of a given state or drive (``energy(m)``,
  ``conductance(x)``, ``kittel_frequency(H)``, line shapes, …) behave like NumPy ufuncs:
  units and shapes are checked, scalar parameters that would divide by zero are refused, but
  array entries are not scanned: a NaN entry gives NaN there, as in NumPy, so the formulas
  stay cheap inside loops.
"""

import numpy as np
from brian2 import Quantity, get_dimensions, have_same_dimensions


def require_unit(name, value, unit):
    """Check that ``value`` has the dimensions of ``unit``; return it as a Quantity."""
    if not have_same_dimensions(value, unit):
        raise TypeError(
            f"{name} = {value!r} has dimensions {get_dimensions(value)}; expected a quantity "
            f"in units of {unit!r}"
        )
    return Quantity(value)


def require_count(name, value, low=0):
    """An integer ≥ ``low`` (a float such as 3.0, or a bool, is refused); return it as int."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} = {value!r}: expected an integer")
    if value < low:
        raise ValueError(f"{name} = {value} is outside the allowed range [{low}, inf)")
    return int(value)


def require_dimensionless(name, value):
    """Refuse a Quantity with dimensions where a pure number is meant; return a float."""
    if getattr(value, "dim", None) is not None and not value.is_dimensionless:
        raise TypeError(
            f"{name} = {value!r} has dimensions {get_dimensions(value)}; expected a pure number"
        )
    try:
        return float(np.asarray(value))
    except (TypeError, ValueError):
        raise TypeError(f"{name} = {value!r}: expected a pure number") from None


def require_range(name, value, low=None, high=None, low_open=False, high_open=False):
    """Check ``low (<|<=) value (<|<=) high`` for a finite scalar (Quantity or float).

    NaN and ±inf are refused first: a comparison with NaN is False, so a range check alone
    would let it through.
    """
    v = float(np.asarray(value))
    if not np.isfinite(v):
        raise ValueError(f"{name} = {value} is not a finite number")
    bad_low = low is not None and (v <= float(low) if low_open else v < float(low))
    bad_high = high is not None and (v >= float(high) if high_open else v > float(high))
    if bad_low or bad_high:
        lo = "(-inf" if low is None else ("(" if low_open else "[") + f"{low}"
        hi = "inf)" if high is None else f"{high}" + (")" if high_open else "]")
        raise ValueError(f"{name} = {value} is outside the allowed range {lo}, {hi}")


def require_number(name, value, low=None, high=None, low_open=False, high_open=False):
    """A finite pure number in the range (see :func:`require_range`); return it as a float."""
    number = require_dimensionless(name, value)
    require_range(name, number, low, high, low_open, high_open)
    return number


def require_finite_array(name, values, shape):
    """Check that ``values`` broadcasts to ``shape`` and is finite everywhere.

    Returns
    -------
    numpy.ndarray
        The broadcast values without units (SI), read-only.
    """
    plain = np.asarray(values, dtype=float)
    if plain.shape == tuple(shape):  # the common case, per step in the networks: no broadcast
        broadcast = plain.view()
        broadcast.flags.writeable = False
    else:
        try:
            broadcast = np.broadcast_to(plain, shape)
        except ValueError:
            raise ValueError(
                f"{name} has shape {plain.shape}: need shape {shape}, or one that broadcasts to it"
            ) from None
    if not np.isfinite(plain).all():  # broadcasting adds no entries: check the original
        raise ValueError(f"{name} = {values!r} has NaN or infinite entries")
    return broadcast


def unit_vector(name, vector):
    """Return ``vector`` normalised to length 1; it must have 3 finite, not all zero, entries."""
    v = np.asarray(vector, dtype=float)
    if v.shape != (3,) or not np.all(np.isfinite(v)) or not np.any(v):
        raise ValueError(f"{name} = {vector!r} must be a non-zero, finite 3-vector")
    return tuple(float(x) for x in v / np.linalg.norm(v))


def require_choice(name, value, choices):
    """``value`` if it is one of ``choices``, else a ValueError listing them."""
    if not any(type(value) is type(choice) and value == choice for choice in choices):
        raise ValueError(f"{name} = {value!r}: choose one of {', '.join(map(repr, choices))}")
    return value


def in_si(name, value, unit):
    """``value`` as SI floats: a Quantity must have ``unit``'s dimensions, a number is SI.

    For the modules that document plain SI floats: a Quantity of other dimensions is refused
    by name instead of being divided into a wrong number.
    """
    if hasattr(value, "dim"):
        value = require_unit(name, value, unit) / unit
    return np.asarray(value, dtype=float)


def require_si_number(name, value, unit, low=None, high=None, low_open=False, high_open=False):
    """A finite SI float (see :func:`in_si`) in the range (see :func:`require_range`)."""
    return require_number(name, in_si(name, value, unit), low, high, low_open, high_open)
