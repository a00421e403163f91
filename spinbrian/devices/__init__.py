"""Device parameter classes: units, validation, and ready-made Brian2 groups."""

from spinbrian.devices.mtj import MTJ

__all__ = ["MTJ"]
