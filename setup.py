"""Build the Cython kernels at install time (metadata lives in pyproject.toml).

The Cython directives of every kernel are set here, not in the .pyx headers, so that one
switch changes them all. Environment variables:

* ``SPINBRIAN_PORTABLE=1`` builds for the generic architecture (no ``-march=native``).
* ``SPINBRIAN_BOUNDSCHECK=1`` compiles every kernel with ``boundscheck``, ``wraparound``
  and ``initializedcheck`` on: an out-of-range index raises IndexError instead of reading
  or writing past an array. Slower; for the test job (``tests/test_boundscheck_build.py``).
  ``cdivision`` stays on, so integer arithmetic is the same in both builds.
"""

import os
import tempfile
from pathlib import Path

import numpy as np
from Cython.Build import cythonize
from setuptools import Extension, setup
from setuptools._distutils import ccompiler
from setuptools._distutils.errors import CompileError
from setuptools._distutils.sysconfig import customize_compiler


def native_flags():
    """``-march=native`` where the compiler accepts it.

    The kernels are built on the machine that runs them (``pip install .``); the native
    vector width (AVX2/AVX-512) makes the macrospin kernel ≈ 3× faster than the SSE2
    baseline. Set SPINBRIAN_PORTABLE=1 to build for the generic architecture instead
    (e.g. a wheel for other machines).
    """
    if os.environ.get("SPINBRIAN_PORTABLE", "") not in ("", "0"):
        return []
    compiler = ccompiler.new_compiler()
    customize_compiler(compiler)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "probe.c")
        src.write_text("int main(void) { return 0; }\n")
        try:
            compiler.compile([str(src)], output_dir=tmp, extra_postargs=["-march=native"])
        except CompileError:
            return []
    return ["-march=native"]


extensions = [
    Extension(
        f"spinbrian.cython_kernels.{pyx.stem}",
        [str(pyx)],
        include_dirs=[np.get_include()],
        extra_compile_args=["-O3", *native_flags()],
        define_macros=[("NPY_NO_DEPRECATED_API", "NPY_1_7_API_VERSION")],
    )
    for pyx in sorted(Path("spinbrian/cython_kernels").glob("*.pyx"))
]

CHECKED = os.environ.get("SPINBRIAN_BOUNDSCHECK", "") not in ("", "0")
DIRECTIVES = {
    "language_level": "3",
    "boundscheck": CHECKED,
    "wraparound": CHECKED,
    "initializedcheck": CHECKED,
    "cdivision": True,
}

# force: the generated C depends on the directives, which Cython's timestamps do not see
setup(ext_modules=cythonize(extensions, compiler_directives=DIRECTIVES, force=True))
