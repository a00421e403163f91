"""A one-line notice when Brian2 compiles Cython code that is not in its cache yet.

A first run on the Cython target spends most of its time in the C++ compiler (tens of
seconds for an MTJ network) and Brian2 says nothing at its default log level, so a new
user cannot tell a compile from a hang. Brian2 logs, at DIAGNOSTIC level, every Cython
module a code object asks for, before loading or building it; the handler here looks for
that module in Brian2's cache directory and, when it is missing, prints once per process
(to stderr)::

    spinbrian: Brian2 is compiling Cython code for this run (once; cached in <dir>)

Device builders install it (:func:`announce_first_compile`); runs that find everything in
the cache print nothing. The cpp_standalone target compiles at ``device.build`` whenever
code changed and is not covered.
"""

import logging
import os
import re
import sys

from brian2.codegen.runtime.cython_rt.extension_manager import (
    cython_extension_manager,
    get_cython_cache_dir,
)

#: The logger of Brian2's Cython extension manager and the record it writes per module.
EXTENSION_LOGGER = "brian2.codegen.runtime.cython_rt.extension_manager"
_USING_MODULE = re.compile(r'^"(?P<owner>.+)" using Cython module "(?P<module>[^"]+)"$')


class FirstCompileNotice(logging.Handler):
    """Print one notice to ``stream`` the first time a Cython module is not cached."""

    def __init__(self, stream=None):
        super().__init__(level=1)
        self.stream = stream
        self.shown = False

    def emit(self, record):
        """Print the notice if ``record`` asks for a module missing from the cache."""
        if self.shown:
            return
        match = _USING_MODULE.match(record.getMessage())
        if match is None:
            return
        cache = os.path.expanduser(get_cython_cache_dir())
        module = match["module"] + cython_extension_manager.so_ext
        if os.path.isfile(os.path.join(cache, module)):
            return
        self.shown = True
        stream = self.stream or sys.stderr
        print(
            f"spinbrian: Brian2 is compiling Cython code for this run (once; cached in {cache})",
            file=stream,
            flush=True,
        )


def announce_first_compile():
    """Install :class:`FirstCompileNotice` on Brian2's extension logger (once per process).

    Returns
    -------
    FirstCompileNotice
        The installed handler.
    """
    logger = logging.getLogger(EXTENSION_LOGGER)
    for handler in logger.handlers:
        if isinstance(handler, FirstCompileNotice):
            return handler
    handler = FirstCompileNotice()
    logger.addHandler(handler)
    return handler
