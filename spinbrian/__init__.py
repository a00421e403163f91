"""spinbrian: spintronic and quantum-material neuromorphic device physics for Brian2.

Each device family is a Brian2 ``Equations`` (``spinbrian.equations``) wrapped by a
parameter class with units and validation (``spinbrian.devices``); ``spinbrian.presets``
holds parameter sets traced to the source papers, and ``spinbrian.experiments``
reproduces their results (``spinbrian reproduce``).
"""

from spinbrian import presets
from spinbrian.devices import MTJ, CoGdDevice, GlassySynapse

__all__ = ["CoGdDevice", "GlassySynapse", "MTJ", "presets"]
__version__ = "0.1.0"
