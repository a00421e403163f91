"""Device parameter classes: units, validation, and ready-made Brian2 groups and synapses."""

from spinbrian.devices.cogd import CoGdDevice
from spinbrian.devices.glassy import GlassySynapse
from spinbrian.devices.lsmo import LSMOChannel
from spinbrian.devices.mtj import MTJ
from spinbrian.devices.resonator import SpinResonatorSynapse
from spinbrian.devices.vo2 import VO2Neuristor
from spinbrian.devices.vo2_ideal import ThermalLIF, ThresholdSwitch

__all__ = [
    "CoGdDevice",
    "GlassySynapse",
    "LSMOChannel",
    "MTJ",
    "SpinResonatorSynapse",
    "ThermalLIF",
    "ThresholdSwitch",
    "VO2Neuristor",
]
