"""Parameter values from command-line text: numbers, Brian2 quantities, grids.

Used by ``spinbrian sweep --set KEY=VALUES --fixed KEY=VALUE``. Units are looked up by
name in Brian2's unit tables, never evaluated.
"""

import contextlib
import re

import brian2
import numpy as np
from brian2 import Unit
from brian2.units import allunits, stdunits

_NUMBER = re.compile(r"\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(?:\*?\s*(\S+?))?\s*")


def _unit_table():
    """Brian2's units by name (``msecond``, ``ms``) and by symbol (``ns``, ``T``, ``A``)."""
    table = {}
    for module in (allunits, stdunits):
        for name, unit in vars(module).items():
            if isinstance(unit, Unit):
                table.setdefault(name, unit)
                table.setdefault(str(unit), unit)
    return table


_UNITS = _unit_table()


def _number(text):
    """``(number, unit or None)`` for numeric text, None for anything else."""
    match = _NUMBER.fullmatch(text)
    if match is None:
        return None
    number, unit = match.groups()
    if unit is not None and unit not in _UNITS:
        raise ValueError(f"unknown unit {unit!r} in {text!r} (use a Brian2 unit: ms, nA, mV)")
    return float(number), _UNITS.get(unit)


def parse_value(text):
    """A value from text: int, float, Brian2 quantity (``12ms``, ``1.5 nA``) or string.

    A number followed by a Brian2 unit name or symbol is a quantity (the unit is looked
    up by name, never evaluated); text that does not start with a number is a string.

    Parameters
    ----------
    text : str
        E.g. ``"200"``, ``"0.5"``, ``"-12ms"``, ``"2 kohm"``, ``"rk4"``.

    Returns
    -------
    int, float, Quantity or str
    """
    for kind in (int, float):
        with contextlib.suppress(ValueError):
            return kind(text)
    number = _number(text)
    if number is None:
        return text.strip()
    return number[0] * number[1]


def parse_values(text):
    """Grid values from text: ``"200,400,800"`` or the inclusive range ``"start:stop:num"``.

    Parameters
    ----------
    text : str
        A comma list of :func:`parse_value` items, or ``start:stop:num`` (``num`` points,
        both ends included, as :func:`numpy.linspace`); with a unit on one end only, the
        bare number takes that unit (``0:3nA:7``).

    Returns
    -------
    list or numpy.ndarray or Quantity
    """
    if text.count(":") != 2:
        return [parse_value(item) for item in text.split(",")]
    start, stop, num = (item.strip() for item in text.split(":"))
    ends = [_number(start), _number(stop)]
    if None in ends or not num.isdigit() or int(num) < 1:
        raise ValueError(f"range {text!r}: expected start:stop:num, numbers and num >= 1")
    unit = next((u for _, u in ends if u is not None), None)
    if unit is None:
        return np.linspace(ends[0][0], ends[1][0], int(num))
    lo, hi = (x if u is None else x * u / unit for x, u in ends)
    if not brian2.have_same_dimensions(hi, lo):
        raise ValueError(f"range {text!r}: the two ends have different units")
    return np.linspace(float(lo), float(hi), int(num)) * unit


__all__ = ["parse_value", "parse_values"]
