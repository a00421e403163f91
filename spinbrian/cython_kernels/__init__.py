"""Compiled batch kernels: the device physics with plain SI floats, no units, C loops.

``macrospin``: N independent or linearly coupled macrospins, RK4 with a per-step Brown
field, the same physics as :func:`spinbrian.equations.macrospin.llg_equations` (use it
through :func:`spinbrian.batch.simulate`, which takes Brian2 quantities).
"""
