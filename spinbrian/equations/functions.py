"""Brian2 Functions the device equations call, each with numpy, Cython and C++ bodies.

Brian2's Cython target compiles every ``a/b`` with a zero-division check that raises a
Python exception. The branch stops the C compiler from vectorising the loop over neurons,
and for the macrospin step that costs a factor of four. A division whose denominator
cannot be zero is written as ``a*reciprocal(b)`` instead: the Cython body is compiled with
``cdivision``, and the C++ body is a plain inline function. Both are inlined into the
neuron loop.
"""

from brian2 import Function

_CPP = "inline double spb_reciprocal(double x) { return 1.0 / x; }"
_CYTHON = """
@_cython.cdivision(True)
cdef inline double spb_reciprocal(double x) noexcept nogil:
    return 1.0 / x
"""


def _reciprocal(x):
    return 1.0 / x


#: 1/x of a dimensionless argument that is never zero (no zero check on any target).
reciprocal = Function(_reciprocal, arg_units=[1], return_unit=1, stateless=True)
reciprocal.implementations.add_implementation("cpp", _CPP, name="spb_reciprocal")
reciprocal.implementations.add_implementation("cython", _CYTHON, name="spb_reciprocal")
