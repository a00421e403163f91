"""The kernel tests pass on a build with Cython's bounds checks on.

What is tested: the compiled kernels index their arrays without bounds checks for speed
(setup.py's directives). ``SPINBRIAN_BOUNDSCHECK=1`` builds them with ``boundscheck``,
``wraparound`` and ``initializedcheck`` on; this test builds such a copy of the package in
a scratch directory, checks that the generated C really carries the checks, and runs the
tests that reach the kernels (directly or through the public wrappers) against the copy.
An out-of-bounds read or write anywhere on those paths then fails as an IndexError
instead of passing silently. Test files: test_kernel (macrospin), test_thermal,
test_crossbar, test_cogd (nucleation), test_stfmr, test_reservoir (rls) and test_pbit
(the annealers of networks.ising): every file that imports ``spinbrian.cython_kernels``
or drives a kernel through its wrapper, ≈ 1.5 min checked on two cores, plus ≈ 40 s to
build.
"""

import os
import pathlib
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
KERNEL_TESTS = [
    "test_kernel.py",
    "test_thermal.py",
    "test_crossbar.py",
    "test_cogd.py",
    "test_stfmr.py",
    "test_reservoir.py",
    "test_pbit.py",
]
#: Sources only: no generated C, compiled modules or caches from the working tree.
_SKIP = shutil.ignore_patterns("*.c", "*.so", "*.pyd", "__pycache__", "*.egg-info")


@pytest.mark.slow
def test_kernel_tests_pass_with_bounds_checks_on(tmp_path):
    copy = tmp_path / "checked"
    shutil.copytree(ROOT / "spinbrian", copy / "spinbrian", ignore=_SKIP)
    shutil.copytree(ROOT / "tests", copy / "tests", ignore=_SKIP)
    for name in ("setup.py", "pyproject.toml"):
        shutil.copy2(ROOT / name, copy / name)
    env = {**os.environ, "SPINBRIAN_BOUNDSCHECK": "1", "PYTHONPATH": str(copy)}
    build = subprocess.run(
        [sys.executable, "setup.py", "-q", "build_ext", "--inplace", "-j", "2"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    for c_file in (copy / "spinbrian" / "cython_kernels").glob("*.c"):
        assert "__Pyx_RaiseBufferIndexError" in c_file.read_text(), f"{c_file.name} unchecked"
    where = subprocess.run(
        [sys.executable, "-c", "import spinbrian.cython_kernels.rls as m; print(m.__file__)"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
    )
    assert pathlib.Path(where.stdout.strip()).is_relative_to(copy), where.stdout + where.stderr
    tests = [f"tests/{name}" for name in KERNEL_TESTS]
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not slow", *tests],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
