"""Compiled batch kernels: the device physics with plain SI floats, no units, C loops.

``macrospin``: N independent or linearly coupled macrospins, RK4 with a per-step Brown
field, the same physics as :func:`spinbrian.equations.macrospin.llg_equations` (use it
through :func:`spinbrian.batch.simulate`, which takes Brian2 quantities).

``rls``: recursive-least-squares updates for FORCE and innate training. ``crossbar``: the
nodal residual and Jacobian of a nonlinear crossbar. ``nucleation``: finite-grain
nucleation switching of Co/Gd films (:meth:`spinbrian.devices.CoGdDevice.ensemble`).
``stfmr``: ST-FMR spectrum synthesis (:mod:`spinbrian.equations.resonance`) and batch
Levenberg–Marquardt Lorentzian fits (:mod:`spinbrian.analysis.stfmr`). ``thermal``: steady
states of Joule-heated zones, continued along voltage sweeps and by arclength through the folds
(:class:`spinbrian.devices.LSMOChannel`). ``_random.pxd``: the shared xoshiro256++ streams.

The loops index their arrays without bounds checks (the directives are in setup.py), so
these functions are internal and trust their caller. The public entry points check shapes,
dtypes, index ranges and finiteness before they call compiled code: ``batch.simulate``,
``CoGdDevice.ensemble``, ``LSMOChannel`` (``balance``, ``sweep``, ``arclength`` through
the thermal module's own state check), ``networks.crossbar.Crossbar``, the annealers of
``networks.ising`` and the readouts of ``networks.learning``. ``SPINBRIAN_BOUNDSCHECK=1 pip
install .`` builds them with bounds checks on (``tests/test_boundscheck_build.py`` runs the
kernel tests on such a build).
"""
