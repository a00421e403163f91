"""Reproduced results: one module per figure, each checked against the paper's numbers.

Every experiment module declares

* ``NAME`` — the registry key (``spinbrian run NAME``);
* ``TITLE`` — one line for ``spinbrian list``;
* ``TARGETS`` — a list of :class:`Target`: the paper's numbers with their tolerances, each
  with its role (:data:`ROLES`) and source;
* ``run(quick=False, progress=None)`` → :class:`Result` with a measured value per target
  (and, for a network experiment, the same targets measured with the device replaced by its
  idealised counterpart: :attr:`Result.ideal`);
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
    "zheng2020_readings",
    "zheng2020_reservoir_tasks",
    "zheng2020_innate",
    "zheng2020_character",
    "shumilin2024_pulses",
    "shumilin2024_relaxation",
    "shumilin2024_memory",
    "shumilin2024_crossbar",
    "li2022_loops",
    "li2022_synapse",
    "li2022_digits",
    "li2022_song_abbott",
    "chen2024_stfmr",
    "chen2024_iv",
    "chen2024_bias",
    "chen2024_chain",
    "mott_neuristor",
    "hoffmann2022_composite",
    "hoffmann2022_chain",
    "hoffmann2022_pbits",
    "hoffmann2022_ising",
)

_KINDS = ("close", "max", "min")

#: What a target tests, and how the report counts it.
ROLES = {
    "prediction": "a paper's number no parameter was set or fitted from: the model could miss it",
    "fitted": "a parameter was set or fitted from this number: shown, never counted as reproduced",
    "consistency": "an analysis chain recovering what was put in (synthetic data, refits)",
    "limit": "a textbook or analytic limit, or a numerical-convergence check",
}


@dataclass(frozen=True)
class Target:
    """A number from a paper (or a limit) and how close the model must come to it.

    Parameters
    ----------
    key : str
        Key of the measured value in :attr:`Result.measured`.
    quantity : str
        What is measured, as the report prints it.
    paper_value : float
        For ``kind="close"``: the paper's number in ``unit``; for ``"max"``/``"min"``: the
        bound.
    unit : str
        Unit of ``paper_value`` and of the measured value (plain text).
    rel, abs : float, optional
        Relative or absolute tolerance for ``kind="close"`` (exactly one of them).
    kind : str
        ``"close"``: |measured − paper| within the tolerance; ``"max"``: measured ≤ bound;
        ``"min"``: measured ≥ bound.
    source : str
        Where the number comes from (file and figure of a seed paper, or the textbook limit).
    role : str
        One of :data:`ROLES`: ``"prediction"``, ``"fitted"``, ``"consistency"`` or ``"limit"``.
    paper : str
        What the paper states, as the report's "paper" column prints it: a number with its
        unit or a trend in the paper's words. Required for a bound (the bound itself goes in
        the tolerance column); a ``"close"`` target defaults to ``paper_value`` and ``unit``.
    calibrates : str
        For ``role="fitted"``: the parameter this number set or fitted (required there).
    """

    key: str
    quantity: str
    paper_value: float
    unit: str = ""
    rel: float | None = None
    abs: float | None = None
    kind: str = "close"
    source: str = ""
    role: str = ""
    paper: str = ""
    calibrates: str = ""

    def __post_init__(self):
        if self.kind not in _KINDS:
            raise ValueError(f"kind = {self.kind!r}: choose one of {_KINDS}")
        if self.role not in ROLES:
            raise ValueError(
                f"target {self.key!r}: role = {self.role!r}: choose one of {tuple(ROLES)}"
            )
        if not self.source:
            raise ValueError(f"target {self.key!r}: give source= (seed file and figure, or limit)")
        if (self.role == "fitted") != bool(self.calibrates):
            raise ValueError(
                f"target {self.key!r}: calibrates= names the fitted parameter, "
                f"and only a role='fitted' target has one"
            )
        if self.kind != "close" and not self.paper:
            raise ValueError(f"target {self.key!r}: a bound needs paper= (what the paper states)")
        if self.kind == "close" and (self.rel is None) == (self.abs is None):
            raise ValueError(f"target {self.key!r}: give exactly one of rel= and abs=")
        for name in ("rel", "abs"):
            value = getattr(self, name)
            if value is not None and not value > 0:
                raise ValueError(f"{name} = {value!r} for target {self.key!r}: must be > 0")
        if not math.isfinite(self.paper_value):
            raise ValueError(f"paper_value = {self.paper_value!r}: must be finite")

    @property
    def counted(self):
        """Whether a miss of this target fails ``reproduce`` (predictions and limits)."""
        return self.role in ("prediction", "limit")

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
    ideal : dict
        Device ablation: the same targets (by key) measured by the same network and protocol
        with the device replaced by its idealised counterpart; empty where not run.
    ideal_device : str
        What replaced the device in :attr:`ideal` (e.g. "clip(x, 0, 1)").
    """

    name: str
    targets: list
    measured: dict = field(default_factory=dict)
    info: list = field(default_factory=list)
    data: dict = field(default_factory=dict)
    quick: bool = False
    ideal: dict = field(default_factory=dict)
    ideal_device: str = ""

    def __post_init__(self):
        if bool(self.ideal) != bool(self.ideal_device):
            raise ValueError("Result: ideal= and ideal_device= go together")
        unknown = set(self.ideal) - {t.key for t in self.targets}
        if unknown:
            raise ValueError(f"Result.ideal has keys that are no target: {sorted(unknown)}")

    def checks(self):
        """One :class:`Check` per target (a target with no measured value fails)."""
        rows = []
        for target in self.targets:
            value = self.measured.get(target.key)
            value = None if value is None else float(value)
            rows.append(Check(target, value, target.check(value)))
        return rows

    def ideal_check(self, target):
        """Whether the idealised device meets ``target`` (None where it was not measured)."""
        if target.key not in self.ideal:
            return None
        return target.check(
            None if self.ideal[target.key] is None else float(self.ideal[target.key])
        )

    @property
    def passed(self):
        """True when every prediction and limit is met (fits and consistency rows aside)."""
        return all(c.passed for c in self.checks() if c.target.counted)


def names():
    """Names of the registered experiments, in run order."""
    return list(REGISTRY)


def get(name):
    """The experiment module called ``name`` (ValueError naming the choices otherwise)."""
    if name not in REGISTRY:
        raise ValueError(f"unknown experiment {name!r}: choose one of {', '.join(REGISTRY)}")
    return importlib.import_module(f"{__name__}.{name}")


__all__ = ["REGISTRY", "ROLES", "Check", "Result", "Target", "get", "names"]
