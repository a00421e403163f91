"""Presets print in the papers' units; their repr stays Brian2's evaluable SI."""

import brian2
import pytest
from brian2 import amp, cm, meter

from spinbrian import presets
from spinbrian.constants import TEN_MA_PER_CM2, oersted
from spinbrian.devices.display import format_value


def test_cogd_preset_prints_seed_001_units():
    text = str(presets.li2022_cogd())
    # Seed 001 (001_*.txt, Fig. 3) quotes Hx = -500 Oe and 25 Oe per 10⁷ A/cm².
    assert "Hx=-500 Oe" in text
    assert "sot_efficiency=25 Oe/(10⁷ A/cm²)" in text
    assert "-39788" not in text  # the SI value of -500 Oe in A/m


def test_mtj_preset_prints_magnetisation_in_emu_per_cm3():
    text = str(presets.zheng2020_mtj())
    assert "Ms=1000 emu/cm³" in text
    assert " Oe" in text  # Hk is a field


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("Hk", 1 * oersted, "1 Oe"),
        ("Meff", 1e3 * amp / meter, "1 emu/cm³"),
        ("sot_efficiency", 25 * oersted / TEN_MA_PER_CM2, "25 Oe/(10⁷ A/cm²)"),
        ("alpha", 0.01, "0.01"),
    ],
)
def test_format_value_converts_to_paper_units(name, value, expected):
    assert format_value(name, value) == expected


def test_repr_is_still_evaluable_si():
    device = presets.li2022_cogd()
    namespace = vars(brian2).copy()
    namespace.update(vars(presets), cm=cm)
    rebuilt = eval(repr(device), namespace)  # noqa: S307 - our own repr
    # Brian2 prints quantities to about ten significant digits.
    for name in ("Hx", "sot_efficiency", "width"):
        assert float(getattr(rebuilt, name)) == pytest.approx(
            float(getattr(device, name)), rel=1e-9
        )
        assert getattr(rebuilt, name).dim == getattr(device, name).dim
