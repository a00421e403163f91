"""Networks of spinbrian devices: MTJ reservoirs (seed 004) with FORCE and innate training."""

from spinbrian.networks.ideal_units import LinearResponse, TanhResponse, glauber_pbits
from spinbrian.networks.learning import ForceReadout, InnateTrainer
from spinbrian.networks.reservoir import MTJReservoir, RunResult
from spinbrian.networks.reservoir_brian2 import BrianReservoir, brian2_reservoir
from spinbrian.networks.responses import LLGResponse, TransferResponse

__all__ = [
    "BrianReservoir",
    "ForceReadout",
    "InnateTrainer",
    "LLGResponse",
    "LinearResponse",
    "MTJReservoir",
    "RunResult",
    "TanhResponse",
    "TransferResponse",
    "brian2_reservoir",
    "glauber_pbits",
]
