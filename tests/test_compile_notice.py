"""The first-compile notice: printed once when a Cython module is not cached, else silent."""

import io
import logging

import pytest
from brian2 import Network, NeuronGroup, ms, prefs
from brian2.codegen.runtime.cython_rt.extension_manager import cython_extension_manager

from spinbrian.devices.compile_notice import EXTENSION_LOGGER, FirstCompileNotice


def _record(module):
    message = f'"neurongroup_stateupdater" using Cython module "{module}"'
    return logging.LogRecord(EXTENSION_LOGGER, 5, __file__, 0, message, None, None)


@pytest.fixture
def cache_dir(tmp_path):
    before = prefs.codegen.runtime.cython.cache_dir
    prefs.codegen.runtime.cython.cache_dir = str(tmp_path)
    yield tmp_path
    prefs.codegen.runtime.cython.cache_dir = before


def test_notice_once_for_a_module_missing_from_the_cache(cache_dir):
    out = io.StringIO()
    notice = FirstCompileNotice(out)
    notice.emit(_record("_cython_magic_missing"))
    notice.emit(_record("_cython_magic_missing_too"))
    assert out.getvalue().count("compiling Cython code") == 1
    assert str(cache_dir) in out.getvalue()


def test_no_notice_for_a_cached_module_or_another_message(cache_dir):
    (cache_dir / ("_cython_magic_cached" + cython_extension_manager.so_ext)).write_bytes(b"")
    out = io.StringIO()
    notice = FirstCompileNotice(out)
    notice.emit(_record("_cython_magic_cached"))
    notice.emit(logging.LogRecord(EXTENSION_LOGGER, 5, __file__, 0, "other", None, None))
    assert out.getvalue() == ""


def test_brian2_compile_triggers_the_notice(cache_dir):
    """Brian2's own log record (its wording is not an API) still reaches the handler."""
    out = io.StringIO()
    notice = FirstCompileNotice(out)
    logger = logging.getLogger(EXTENSION_LOGGER)
    logger.addHandler(notice)
    target = prefs.codegen.target
    prefs.codegen.target = "cython"
    try:
        # A variable name of its own, so no earlier code object of this process matches.
        group = NeuronGroup(1, "dv_compile_notice/dt = -v_compile_notice/(10*ms) : 1")
        Network(group).run(0.1 * ms)
    finally:
        prefs.codegen.target = target
        logger.removeHandler(notice)
    assert "compiling Cython code" in out.getvalue()
