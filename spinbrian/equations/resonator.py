"""Brian2 code of the spin-resonator synapse: branch memory and the tabulated weight.

The numbers (fold voltages, the weight tables) come from
:class:`spinbrian.devices.resonator.SpinResonatorSynapse`; names used: ``V_bias``,
``branch``, ``w``, ``V_fold_up``, ``V_fold_down``, ``V_table_max``, ``V_table_step``,
``table_dt`` and the 2-D TimedArray ``w_table``.
"""


def branch_code():
    """Code that updates ``branch`` from |V_bias|: 1 above V_fold_up, 0 below V_fold_down."""
    return (
        "branch = int(abs(V_bias) > V_fold_up)"
        " + int(abs(V_bias) >= V_fold_down and abs(V_bias) <= V_fold_up)*branch"
    )


def lookup_code():
    """Code that sets ``w`` by linear interpolation in the 2-D TimedArray ``w_table``.

    Row k of ``w_table`` is the bias k·V_table_step, column the branch; the row index is
    passed as the time k·table_dt, which the TimedArray rounds to exactly k.
    """
    return "\n".join(
        [
            "bias_u = clip(abs(V_bias), 0*volt, V_table_max)/V_table_step",
            "bias_k = floor(bias_u)",
            "w = (1 - (bias_u - bias_k))*w_table(bias_k*table_dt, branch)"
            " + (bias_u - bias_k)*w_table((bias_k + 1)*table_dt, branch)",
        ]
    )


def bias_code():
    """Branch update, then the weight lookup (:func:`branch_code`, :func:`lookup_code`)."""
    return "\n".join([branch_code(), lookup_code()])
