"""Physical constants, as plain SI floats and as Brian2 quantities.

Values follow PHYSICS.md: mu0 = 4*pi*1e-7 T m/A and the free-electron gyromagnetic
ratio gamma = 1.7609e11 rad s^-1 T^-1; k_B, hbar and e are CODATA (scipy.constants).
"""

import numpy as np
from brian2 import Hz, cm, joule, kelvin, meter, second
from brian2.units.allunits import amp, coulomb, tesla
from scipy import constants as _codata

MU0 = 4e-7 * np.pi  # T m / A
GAMMA_E = 1.7609e11  # rad s^-1 T^-1
K_B = _codata.k  # J / K
HBAR = _codata.hbar  # J s
Q_E = _codata.e  # C

mu0 = MU0 * tesla * meter / amp
gamma_e = GAMMA_E * Hz / tesla
k_B = K_B * joule / kelvin
hbar = HBAR * joule * second
q_e = Q_E * coulomb

#: The CGS field unit the seed papers quote (1 Oe = 10³/4π A/m), as a Brian2 quantity of H.
OERSTED = 1e3 / (4 * np.pi)  # A / m
oersted = OERSTED * amp / meter
#: Current density in the units of seed 001's SOT efficiency (25 Oe per 10⁷ A/cm²).
TEN_MA_PER_CM2 = 1e7 * amp / cm**2
