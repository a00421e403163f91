"""Seed 001 experiments (quick variants): every Fig. 2–4 target is met."""

import pytest

from spinbrian.experiments import li2022_digits, li2022_loops, li2022_synapse


@pytest.mark.parametrize("module", [li2022_loops, li2022_synapse, li2022_digits])
def test_quick_run_meets_the_paper_targets(module):
    result = module.run(quick=True)
    failed = [(c.target.key, c.measured) for c in result.checks() if not c.passed]
    assert not failed
    assert module.plot(result) is not None
