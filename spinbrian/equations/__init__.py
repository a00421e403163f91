"""Device physics as Brian2 equation strings: pure functions, no state, no I/O."""

from spinbrian.equations.macrospin import (
    PER_NEURON_UNITS,
    TORQUES,
    field_coupling_model,
    llg_equations,
    renormalise_code,
    tensor_coupling_model,
    thermal_field_code,
)
from spinbrian.equations.staged_rk4 import staged_rk4

__all__ = [
    "PER_NEURON_UNITS",
    "TORQUES",
    "field_coupling_model",
    "llg_equations",
    "renormalise_code",
    "staged_rk4",
    "tensor_coupling_model",
    "thermal_field_code",
]
