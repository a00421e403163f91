"""Device parameter classes: units, validation, and ready-made Brian2 groups and synapses."""

from spinbrian.devices.cogd import CoGdDevice
from spinbrian.devices.glassy import GlassySynapse
from spinbrian.devices.mtj import MTJ

__all__ = ["CoGdDevice", "GlassySynapse", "MTJ"]
