"""Device ablation: every network experiment reruns its protocol with an idealised device.

The report's *idealised* column is only as good as this: each listed experiment must
measure the same targets with the replacement and say what the replacement is.
"""

import math

import pytest

from spinbrian import experiments

#: Network experiment → the targets its idealised run must measure.
ABLATED = {
    "zheng2020_sine": {"match1", "free1", "dev2", "match2", "free2", "held_out", "period2"},
    "zheng2020_recognition": {"recognised", "held_out"},
    "zheng2020_robustness": {"sizes_sustained", "noise_rises"},
    "zheng2020_readings": {"free1_reset", "free1_continuous", "recognised_continuous"},
    "zheng2020_character": {"nrmse", "robustness_ratio", "invariance_ratio"},
    "li2022_digits": {"accuracy"},
    "li2022_song_abbott": {"weight_corr", "bimodal"},
    "mott_neuristor": {"pair_thermal", "pair_electrical", "chain_reached"},
    "hoffmann2022_pbits": {"tv_boltzmann"},
    "hoffmann2022_ising": {"G1_cut", "G11_cut", "G14_cut", "capacity", "brian2_low_load"},
}


@pytest.fixture(scope="module", params=sorted(ABLATED))
def quick_result(request):
    return request.param, experiments.get(request.param).run(quick=True)


def test_the_idealised_run_measures_the_same_targets(quick_result):
    name, result = quick_result
    assert result.ideal_device.strip()
    assert ABLATED[name] <= set(result.ideal)
    for key in ABLATED[name]:
        assert result.ideal[key] is not None and not math.isnan(float(result.ideal[key])), key
