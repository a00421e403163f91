"""Error measures for generated time series (reservoir outputs vs targets)."""

import numpy as np


def nrmse(output, target, scale=None):
    """Root-mean-square error of ``output`` against ``target``, divided by ``scale``.

    ``scale`` defaults to the target's amplitude √2·RMS (for a sine, its amplitude A).
    Arrays may be (T,) or (T, k); all columns count together.
    """
    output, target = np.asarray(output, float), np.asarray(target, float)
    if scale is None:
        scale = np.sqrt(2 * np.mean(target**2))
    return float(np.sqrt(np.mean((output - target) ** 2)) / scale)


def period_and_amplitude(signal, dt, oversample=16):
    """Dominant period (zero-padded FFT peak) and amplitude √2·std of ``signal``."""
    y = np.asarray(signal, float)
    y = y - y.mean()
    n = oversample * len(y)
    spectrum = np.abs(np.fft.rfft(y * np.hanning(len(y)), n))
    freqs = np.fft.rfftfreq(n, dt)
    k = 1 + np.argmax(spectrum[1:])
    return 1.0 / freqs[k], float(np.sqrt(2) * y.std())
