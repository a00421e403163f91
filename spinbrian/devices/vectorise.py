"""Compiler flags that let GCC vectorise Brian2's loop over neurons.

Brian2 writes a state update as one C/C++ loop over the neurons, with one array per
variable. A macrospin step reads 16 arrays. GCC vectorises such a loop only after
run-time checks that the arrays do not overlap: Brian2's ``__restrict`` pointers are
local copies, and GCC honours ``restrict`` only on function parameters. By default GCC
gives up beyond 10 checks. In the Cython target it also treats the loop as cold, because
Cython's error exits precede it, and skips it. Measured at N = 10⁴ on one core
(benchmarks/bench_macrospin.py), the junction loop runs about five times faster with both
flags below.

:func:`vectorise_neuron_loops` adds the flags to Brian2's C++ preferences once, and only
where the compiler is GCC and accepts them. ``MTJ.neurons`` calls it. The flags change how
fast the code runs, not what it computes: results agree with the scalar loop to rounding.
"""

import functools
import os
import shlex
import subprocess
import sysconfig

from brian2 import prefs
from brian2.utils.logger import get_logger

logger = get_logger(__name__)

#: Enough run-time alias checks for the device arrays plus a user's extra variables, and
#: the branch-probability guess that marks Cython's neuron loop cold switched off.
FLAGS = ("--param=vect-max-version-for-alias-checks=64", "-fno-guess-branch-probability")


@functools.cache
def _gcc_accepts(flags):
    """Whether the C++ compiler Brian2 will call is GCC and accepts ``flags``."""
    cxx = os.environ.get("CXX") or sysconfig.get_config_var("CXX") or "c++"
    command = [*shlex.split(cxx), *flags, "-x", "c++", "-E", "-dM", "-", "-o", "-"]
    try:
        done = subprocess.run(command, input="", capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    gcc = "__GNUC__" in done.stdout and "__clang__" not in done.stdout
    return done.returncode == 0 and gcc and not done.stderr.strip()


def vectorise_neuron_loops():
    """Add :data:`FLAGS` to ``prefs.codegen.cpp.extra_compile_args_gcc`` (once).

    Returns
    -------
    bool
        Whether the flags are in the preferences (False for a compiler other than GCC).
        Brian2's Cython cache does not key on compiler flags: a code object compiled
        before the flags were added stays scalar until its cache entry is cleared.
    """
    args = prefs.codegen.cpp.extra_compile_args_gcc
    if all(flag in args for flag in FLAGS):
        return True
    if not _gcc_accepts(FLAGS):
        return False
    prefs.codegen.cpp.extra_compile_args_gcc = [*args, *(f for f in FLAGS if f not in args)]
    logger.debug(f"added {' '.join(FLAGS)} to prefs.codegen.cpp.extra_compile_args_gcc")
    return True
