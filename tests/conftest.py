"""Shared test set-up: a fresh Brian2 scope on the numpy target for every test."""

import brian2
import pytest
from brian2.devices import reinit_devices


@pytest.fixture(autouse=True)
def brian_scope():
    """Each test starts from a clean Brian2 state (numpy target, runtime device, default dt)."""
    reinit_devices()
    brian2.set_device("runtime")
    brian2.prefs.codegen.target = "numpy"
    brian2.prefs.logging.file_log = False
    brian2.defaultclock.dt = 0.1 * brian2.ms
    brian2.start_scope()
    yield
    reinit_devices()
    brian2.set_device("runtime")
