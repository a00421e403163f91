"""Classical Runge–Kutta for Brian2 with subexpressions evaluated once per stage.

Brian2's ``rk4`` substitutes every subexpression into every right-hand side before it
writes the stages. For a model built from named pieces — the macrospin's field ``B``,
torque ``T`` and ``m·p`` feed all three components — that multiplies the arithmetic: the
generated macrospin step is 21 kB of code in which ``m·p`` alone is recomputed dozens of
times per stage, and neither the Cython nor the C++ compiler recovers the common terms
(``-ffast-math`` does not reorder division-heavy expressions far enough).

:data:`staged_rk4` writes the same scheme with each stage's state, each subexpression the
right-hand sides need and each increment as its own temporary, so every piece is computed
once per stage. The arithmetic is the classical RK4 of Brian2's ``rk4`` (same stages, same
weights); only rounding differs. The output is abstract code, so it runs on every Brian2
target (numpy, cython, cpp_standalone) with no target-specific body to keep in step.

Use it as ``NeuronGroup(..., method=staged_rk4)`` or by its registered name
``method="staged_rk4"``.
"""

from brian2 import StateUpdateMethod
from brian2.equations.equations import DIFFERENTIAL_EQUATION, SUBEXPRESSION
from brian2.stateupdaters.base import UnsupportedEquationsException, extract_method_options
from brian2.utils.stringtools import word_substitute

#: (stage, fraction of the step at which it is evaluated, fraction of the previous
#: increment added to the state) of the classical scheme.
_STAGES = ((1, "0", None), (2, "0.5", "0.5"), (3, "0.5", "0.5"), (4, "1", "1"))


def _depends_on_state(equations):
    """Names of the subexpressions whose value changes within a step (state or time)."""
    moving = set(equations.diff_eq_names) | {"t"}
    result = set()
    for eq in equations.ordered:  # dependencies come before their users
        if eq.type == SUBEXPRESSION and eq.identifiers & (moving | result):
            result.add(eq.varname)
    return result


def _needed_subexpressions(equations):
    """Subexpressions the right-hand sides use, directly or through other subexpressions."""
    subexpressions = {eq.varname: eq for eq in equations.ordered if eq.type == SUBEXPRESSION}
    needed = set()
    pending = [eq for eq in equations.ordered if eq.type == DIFFERENTIAL_EQUATION]
    while pending:
        eq = pending.pop()
        for name in eq.identifiers & set(subexpressions):
            if name not in needed:
                needed.add(name)
                pending.append(subexpressions[name])
    return [eq for eq in equations.ordered if eq.varname in needed]


class StagedRK4(StateUpdateMethod):
    """Classical RK4 whose stages keep the model's subexpressions as temporaries.

    Examples
    --------
    >>> from brian2 import Equations
    >>> eqs = Equations('''dv/dt = -v/tau + I : 1
    ...                    I = v**2/tau : Hz''')
    >>> print(staged_rk4(eqs))  # doctest: +NORMALIZE_WHITESPACE
    __I_1 = v**2/tau
    __k_1_v = dt*(-v/tau + __I_1)
    __v_2 = v + 0.5*__k_1_v
    __I_2 = __v_2**2/tau
    __k_2_v = dt*(-__v_2/tau + __I_2)
    __v_3 = v + 0.5*__k_2_v
    __I_3 = __v_3**2/tau
    __k_3_v = dt*(-__v_3/tau + __I_3)
    __v_4 = v + 1*__k_3_v
    __I_4 = __v_4**2/tau
    __k_4_v = dt*(-__v_4/tau + __I_4)
    v = v + (__k_1_v + 2*__k_2_v + 2*__k_3_v + __k_4_v)/6
    """

    def __call__(self, equations, variables=None, method_options=None):
        """Abstract code for one step of ``equations`` (deterministic ones only)."""
        extract_method_options(method_options, {})
        if equations.is_stochastic:
            raise UnsupportedEquationsException(
                "staged_rk4 integrates deterministic equations only: draw noise per step in a "
                "run_regularly operation (as spinbrian's thermal fields do) or use a "
                "stochastic method"
            )
        diff_eqs = [eq for eq in equations.ordered if eq.type == DIFFERENTIAL_EQUATION]
        subexpressions = _needed_subexpressions(equations)
        moving = _depends_on_state(equations)
        lines = []
        # Subexpressions that do not change within the step stay as names (Brian2 inserts
        # their definition once); the moving ones are recomputed at every stage.
        for stage, time_fraction, increment in _STAGES:
            names = {}
            if stage > 1:
                for eq in diff_eqs:
                    x = eq.varname
                    lines.append(f"__{x}_{stage} = {x} + {increment}*__k_{stage - 1}_{x}")
                    names[x] = f"__{x}_{stage}"
                names["t"] = f"(t + {time_fraction}*dt)"
            for eq in subexpressions:
                if eq.varname in moving:
                    target = f"__{eq.varname}_{stage}"
                    lines.append(f"{target} = {word_substitute(eq.expr.code, names)}")
                    names[eq.varname] = target
            for eq in diff_eqs:
                rhs = word_substitute(eq.expr.code, names)
                lines.append(f"__k_{stage}_{eq.varname} = dt*({rhs})")
        for eq in diff_eqs:
            x = eq.varname
            lines.append(f"{x} = {x} + (__k_1_{x} + 2*__k_2_{x} + 2*__k_3_{x} + __k_4_{x})/6")
        return "\n".join(lines)


#: The state updater instance; also registered with Brian2 as ``"staged_rk4"``.
staged_rk4 = StagedRK4()
if "staged_rk4" not in StateUpdateMethod.stateupdaters:
    StateUpdateMethod.register("staged_rk4", staged_rk4)
