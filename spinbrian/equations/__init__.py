"""Device physics as Brian2 equation strings: pure functions, no state, no I/O."""

from spinbrian.equations.macrospin import (
    TORQUES,
    llg_equations,
    renormalise_code,
    thermal_field_code,
)

__all__ = ["TORQUES", "llg_equations", "renormalise_code", "thermal_field_code"]
