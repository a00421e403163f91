"""Every Python block of the README runs and prints the output the README shows after it.

What is tested: a reader who copies a block gets the numbers printed below it. Each
```python block is followed by a ```text block with its expected output; the block runs as a
script of its own (fresh interpreter, Brian2's default target, a scratch directory) and
its output must match: the words exactly, every number to within ``RTOL`` (the README's
numbers are rounded; runs repeat on a given target since the blocks seed their random
numbers). The block on random numbers across targets also runs on cpp_standalone and must
print the same. These are minutes of physics, so the test is ``slow``.
"""

import pathlib
import re
import subprocess
import sys

import pytest

README = pathlib.Path(__file__).resolve().parents[1] / "README.md"
#: Relative tolerance on each printed number (the README rounds to two or three digits).
RTOL = 0.02
#: Absolute tolerance, for numbers printed near zero.
ATOL = 1e-3
_PYTHON = re.compile(r"```python\n(?P<code>.*?)```\n(?:\s*```text\n(?P<out>.*?)```)?", re.DOTALL)
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
#: The block that must print the same on runtime and standalone targets.
_ACROSS_TARGETS = "TimedArray"


def readme_blocks():
    """(code, expected output or None) of every README python block, in order."""
    text = README.read_text(encoding="utf-8")
    return [(m["code"], m["out"]) for m in _PYTHON.finditer(text)]


def run_block(code, tmp_path):
    """Stdout of ``code`` run as a script in ``tmp_path``."""
    script = tmp_path / "block.py"
    script.write_text(code, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def assert_same_output(actual, expected):
    """Words equal, numbers equal to ``RTOL`` / ``ATOL``."""
    message = f"printed:\n{actual}\nREADME:\n{expected}"
    words = [_NUMBER.sub("#", text).split() for text in (actual, expected)]
    assert words[0] == words[1], message
    got, want = ([float(x) for x in _NUMBER.findall(text)] for text in (actual, expected))
    assert got == pytest.approx(want, rel=RTOL, abs=ATOL), message


def test_every_python_block_shows_its_output():
    blocks = readme_blocks()
    assert len(blocks) >= 10
    missing = [code.splitlines()[0] for code, out in blocks if not out or "print(" not in code]
    assert not missing, f"README blocks without a print and its ```text output: {missing}"


@pytest.mark.slow
@pytest.mark.parametrize("index", range(len(readme_blocks())))
def test_readme_block_prints_what_the_readme_shows(index, tmp_path):
    code, expected = readme_blocks()[index]
    printed = run_block(code, tmp_path)
    assert_same_output(printed, expected)
    if _ACROSS_TARGETS in code:  # seeded input: the very same numbers on cpp_standalone
        standalone = 'from brian2 import set_device\nset_device("cpp_standalone")\n' + code
        assert run_block(standalone, tmp_path) == printed
