"""Reproduced results: one module per figure, each checked against the paper's numbers.

Every experiment module declares

* ``NAME`` — the registry key (``spinbrian run NAME``);
* ``TITLE`` — one line for ``spinbrian list``;
* ``TARGETS`` — a list of :class:`Target`: the paper's numbers with their tolerances;
* ``run(quick=False, progress=None)`` → :class:`Result` with a measured value per target;
* ``plot(result)`` → a :class:`matplotlib.figure.Figure` (Agg canvas, never shown).

``spinbrian.report.reproduce`` runs them, saves the figures and writes the table.
"""

import importlib
import math
from dataclasses import dataclass, field

#: Module names (under ``spinbrian.experiments``) in the order ``reproduce`` runs them.
REGISTRY = (
    "zheng2020_transfer",
    "kittel_ringdown",
    "zheng2020_sine",
    "zheng2020_recognition",
    "zheng2020_robustness",
    "zheng2020_innate",
    "shumilin2024_pulses",
    "shumilin2024_relaxation",
    "shumilin2024_memory",
    "shumilin2024_crossbar",
    "li2022_loops",
    "li2022_synapse",
    "li2022_digits",
    "chen2024_stfmr",
    "chen2024_iv",
    "chen2024_bias",
    "mott_neuristor",
)

_KINDS = ("close", "max", "min")


@dataclass(frozen=True)
class Target:
    """A number from the paper and how close the model must come to it.

    Parameters
    ----------
    key : str
        Key of the measured value in :attr:`Result.measured`.
    quantity : str
        What is measured, as the report prints it.
    paper_value : float
        The paper's number in ``unit`` (for ``kind="max"``/``"min"``: the bound).
    unit : str
        Unit of ``paper_value`` and of the measured value (plain text).
    rel, abs : float, optional
        Relative or absolute tolerance for ``kind="close"`` (exactly one of them).
    kind : str
        ``"close"``: |measured − paper| within the tolerance; ``"max"``: measured ≤ paper;
        ``"min"``: measured ≥ paper.
    source : str
        Where the number comes from (figure of a seed paper, or a textbook limit).
    """

    key: str
    quantity: str
    paper_value: float
    unit: str = ""
    rel: float | None = None
    abs: float | None = None
    kind: str = "close"
    source: str = ""

    def __post_init__(self):
        if self.kind not in _KINDS:
            raise ValueError(f"kind = {self.kind!r}: choose one of {_KINDS}")
        if self.kind == "close" and (self.rel is None) == (self.abs is None):
            raise ValueError(f"target {self.key!r}: give exactly one of rel= and abs=")
        for name in ("rel", "abs"):
            value = getattr(self, name)
            if value is not None and not value > 0:
                raise ValueError(f"{name} = {value!r} for target {self.key!r}: must be > 0")
        if not math.isfinite(self.paper_value):
            raise ValueError(f"paper_value = {self.paper_value!r}: must be finite")

    @property
    def tolerance(self):
        """The tolerance as the report prints it (``±2 %``, ``±0.1 Ω``, ``≤ 0.5 %``)."""
        if self.kind in ("max", "min"):
            sign = "≤" if self.kind == "max" else "≥"
            return f"{sign} {self.paper_value:g} {self.unit}".rstrip()
        if self.rel is not None:
            return f"±{100 * self.rel:g} %"
        return f"±{self.abs:g} {self.unit}".rstrip()

    def check(self, measured):
        """Whether ``measured`` meets the target (NaN or None never does)."""
        if measured is None or not math.isfinite(measured):
            return False
        if self.kind == "max":
            return measured <= self.paper_value
        if self.kind == "min":
            return measured >= self.paper_value
        tol = self.abs if self.abs is not None else self.rel * abs(self.paper_value)
        return abs(measured - self.paper_value) <= tol


@dataclass(frozen=True)
class Check:
    """One row of the report: a target, its measured value and the verdict."""

    target: Target
    measured: float | None
    passed: bool


@dataclass
class Result:
    """What an experiment's ``run`` returns.

    Attributes
    ----------
    name : str
        The experiment's ``NAME``.
    targets : list of Target
        The experiment's ``TARGETS``.
    measured : dict
        Measured value (float, in the target's unit) for each target key.
    info : list of tuple
        Informational rows ``(quantity, value, unit, note)`` printed under the table.
    data : dict
        Arrays for :func:`plot`.
    quick : bool
        Whether the run was the quick variant.
    """

    name: str
    targets: list
    measured: dict = field(default_factory=dict)
    info: list = field(default_factory=list)
    data: dict = field(default_factory=dict)
    quick: bool = False

    def checks(self):
        """One :class:`Check` per target (a target with no measured value fails)."""
        rows = []
        for target in self.targets:
            value = self.measured.get(target.key)
            value = None if value is None else float(value)
            rows.append(Check(target, value, target.check(value)))
        return rows

    @property
    def passed(self):
        """True when every target is met."""
        return all(c.passed for c in self.checks())


def names():
    """Names of the registered experiments, in run order."""
    return list(REGISTRY)


def get(name):
    """The experiment module called ``name`` (ValueError naming the choices otherwise)."""
    if name not in REGISTRY:
        raise ValueError(f"unknown experiment {name!r}: choose one of {', '.join(REGISTRY)}")
    return importlib.import_module(f"{__name__}.{name}")


__all__ = ["REGISTRY", "Check", "Result", "Target", "get", "names"]
