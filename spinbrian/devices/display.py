"""Device parameters printed in the units the seed papers use.

A device's ``repr`` is Brian2's: SI, and it evaluates back to the same quantities. Its
``str`` (what ``print`` shows) is for reading against a paper: magnetic fields in Oe,
magnetisations in emu/cm³ and seed 001's SOT efficiency in Oe per 10⁷ A/cm², every other
quantity in Brian2's best unit. A quantity of dimension A/m is a magnetisation when its
name starts with ``M`` (``Ms``, ``Meff``) and a field otherwise (``Hk``, ``Hx``,
``nucleation_field``). Example::

    >>> from spinbrian import presets
    >>> print(presets.li2022_cogd())  # doctest: +ELLIPSIS
    CoGdDevice(Hk=1400 Oe, Hx=-500 Oe, Hk_ref=2000 Oe, ..., sot_efficiency=25 Oe/(10⁷ A/cm²), ...)
"""

import dataclasses

import numpy as np
from brian2 import Quantity, amp, meter

from spinbrian.constants import TEN_MA_PER_CM2, oersted

_EMU_PER_CM3 = 1e3 * amp / meter  # 1 emu/cm³ of magnetisation
#: Fields shown in a unit of their own, by name: (unit, symbol).
_BY_NAME = {"sot_efficiency": (oersted / TEN_MA_PER_CM2, "Oe/(10⁷ A/cm²)")}
_SIGNIFICANT = 6


def _number(value):
    return f"{value:.{_SIGNIFICANT}g}"


def _in(value, unit, symbol):
    return f"{_number(float(value / unit))} {symbol}"


def format_value(name, value):
    """``value`` of the parameter ``name`` as text in the papers' units."""
    if isinstance(value, PaperUnits):
        return str(value)
    if name in _BY_NAME:
        return _in(value, *_BY_NAME[name])
    if isinstance(value, Quantity) and np.ndim(value) == 0:
        if value.dim == (amp / meter).dim:
            if name.startswith("M"):
                return _in(value, _EMU_PER_CM3, "emu/cm³")
            return _in(value, oersted, "Oe")
        return value.in_best_unit(precision=_SIGNIFICANT)
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, tuple) and all(isinstance(v, float) for v in value):
        return "(" + ", ".join(_number(v) for v in value) + ")"
    return repr(value)


class PaperUnits:
    """Mixin for device dataclasses: ``str(device)`` in the papers' units (see module)."""

    def __str__(self):
        fields = (f for f in dataclasses.fields(self) if f.repr)
        body = ", ".join(f"{f.name}={format_value(f.name, getattr(self, f.name))}" for f in fields)
        return f"{type(self).__name__}({body})"
