"""Error measures for generated time series (reservoir outputs vs targets).

Both are formulas of a given trace: shapes, ``scale``, ``dt`` and ``oversample`` are
checked, the samples are not scanned — a NaN sample gives a NaN result.
"""

import numpy as np

from spinbrian.devices.validation import require_count, require_range


def nrmse(output, target, scale=None):
    """Root-mean-square error of ``output`` against ``target``, divided by ``scale``.

    ``scale`` defaults to the target's amplitude √2·RMS (for a sine, its amplitude A).
    Arrays may be (T,) or (T, k); all columns count together. An explicit ``scale`` must be
    finite and > 0; without one, ``target`` must not be zero everywhere.
    """
    output, target = np.asarray(output, float), np.asarray(target, float)
    try:
        shape = np.broadcast_shapes(output.shape, target.shape)
    except ValueError:
        shape = None
    if shape is None or not np.prod(shape, dtype=int):
        raise ValueError(
            f"output has shape {output.shape} and target {target.shape}: need non-empty "
            "arrays of one shape"
        )
    if scale is None:
        scale = np.sqrt(2 * np.mean(target**2))
        if scale == 0:
            raise ValueError("target is zero everywhere: pass the error's scale explicitly")
    else:
        require_range("scale", scale, 0, low_open=True)
    return float(np.sqrt(np.mean((output - target) ** 2)) / scale)


def period_and_amplitude(signal, dt, oversample=16):
    """Dominant period (zero-padded FFT peak) and amplitude √2·std of ``signal``.

    ``signal``: 1-D, ≥ 2 samples, ``dt`` apart (finite, > 0); ``oversample``: the zero-padding
    factor, an integer ≥ 1. A NaN or infinite sample gives (NaN, NaN).
    """
    y = np.asarray(signal, float)
    if y.ndim != 1 or y.size < 2:
        raise ValueError(f"signal has shape {y.shape}: need a 1-D trace of ≥ 2 samples")
    require_range("dt", dt, 0, low_open=True)
    oversample = require_count("oversample", oversample, 1)
    y = y - y.mean()
    n = oversample * len(y)
    spectrum = np.abs(np.fft.rfft(y * np.hanning(len(y)), n))
    freqs = np.fft.rfftfreq(n, dt)
    k = 1 + np.argmax(spectrum[1:])
    period = 1.0 / freqs[k] if np.isfinite(spectrum[k]) else np.float64(np.nan)
    return period, float(np.sqrt(2) * y.std())
