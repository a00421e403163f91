"""A small feed-forward network with a device sigmoid as its hidden activation.

Reproduces seed 001 Fig. 4c–e (Li et al., Chin. Phys. B 2022): a 784-100-10 network whose
hidden units use the measured Co/Gd device sigmoid reached 97.7 % on MNIST against 97.8 %
with the ideal sigmoid. MNIST is not bundled and nothing here downloads, so the default data
set is scikit-learn's 8x8 handwritten digits (a 64-100-10 network); a local keras-style
``mnist.npz`` can be given instead.

* :func:`load_digits_data` — the data, inputs scaled to [0, 1].
* :class:`Logistic` — the ideal sigmoid; :class:`TabulatedActivation` — a device curve
  (one for all hidden units, or one per unit for device-to-device variation).
* :class:`MLP` — input → activation → softmax, cross-entropy, mini-batch SGD with momentum.

numpy only (scikit-learn just loads and splits the bundled digits).

The constructors, :func:`load_digits_data` and :meth:`MLP.train` check every argument; the
activations and the network's forward pass are formulas (shapes checked, a NaN input gives
NaN); labels are checked wherever they index.
"""

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from spinbrian.devices.validation import require_count, require_finite_array, require_number

_MNIST_KEYS = ("x_train", "y_train", "x_test", "y_test")


@dataclass(frozen=True)
class Dataset:
    """A train/test split: inputs (samples, features) in [0, 1] and integer labels."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    name: str

    @property
    def n_features(self):
        """Inputs per sample."""
        return self.x_train.shape[1]

    @property
    def n_classes(self):
        """Number of classes (largest label + 1)."""
        return int(max(self.y_train.max(), self.y_test.max())) + 1


def load_digits_data(mnist_path=None, test_fraction=0.25, seed=0):
    """Handwritten digits for the sigmoid-neuron network (seed 001 Fig. 4c–e).

    Parameters
    ----------
    mnist_path : str or pathlib.Path, optional
        A local keras-style ``mnist.npz`` (arrays ``x_train``, ``y_train``, ``x_test``,
        ``y_test``; pixels 0–255). Its own train/test split is used and the images are
        flattened (28x28 → 784). Without it: scikit-learn's bundled 8x8 digits (64 inputs,
        pixels 0–16). Nothing is ever downloaded.
    test_fraction : float
        Share of the bundled digits held out for testing (stratified by class), in (0, 1).
    seed : int
        Seed of the bundled digits' split.

    Returns
    -------
    Dataset
        float64 inputs scaled to [0, 1] and int64 labels.
    """
    require_count("seed", seed)
    if mnist_path is not None:
        return _load_mnist(Path(mnist_path))
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction = {test_fraction}: allowed range is (0, 1)")
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    x = digits.data.astype(np.float64) / 16.0
    y = digits.target.astype(np.int64)
    x_tr, x_te, y_tr, y_te = train_test_split(
        x, y, test_size=test_fraction, random_state=seed, stratify=y
    )
    return Dataset(x_tr, y_tr, x_te, y_te, name="scikit-learn digits (8x8)")


def _load_mnist(path):
    if not path.is_file():
        raise FileNotFoundError(
            f"MNIST file {path} not found. spinbrian never downloads data: put a keras-style "
            f"mnist.npz (arrays {', '.join(_MNIST_KEYS)}) there, or pass mnist_path=None "
            "for scikit-learn's bundled 8x8 digits."
        )
    with np.load(path, allow_pickle=False) as npz:
        missing = [k for k in _MNIST_KEYS if k not in npz.files]
        if missing:
            raise ValueError(
                f"{path} has arrays {sorted(npz.files)} but lacks {missing}; expected a "
                f"keras-style mnist.npz with {', '.join(_MNIST_KEYS)}"
            )
        x_tr, y_tr, x_te, y_te = (npz[k] for k in _MNIST_KEYS)
    return Dataset(
        x_tr.reshape(len(x_tr), -1).astype(np.float64) / 255.0,
        y_tr.astype(np.int64),
        x_te.reshape(len(x_te), -1).astype(np.float64) / 255.0,
        y_te.astype(np.int64),
        name=f"MNIST ({path.name})",
    )


class Logistic:
    """Ideal sigmoid Y = 1 / (1 + exp(-(X - x0) / k)).

    Parameters
    ----------
    x0 : float
        Centre (Y = 1/2).
    k : float
        Width, > 0; the slope at the centre is 1 / (4k).
    """

    n_units = None  # the same curve for every unit

    def __init__(self, x0=0.0, k=1.0):
        require_number("x0", x0)
        require_number("k", k, 0, low_open=True)
        self.x0 = float(x0)
        self.k = float(k)

    def __call__(self, x):
        """Y(X), without overflow for any |X|."""
        z = (np.asarray(x, dtype=float) - self.x0) / self.k
        e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
        return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))

    def derivative(self, x):
        """dY/dX = Y (1 − Y) / k."""
        y = self(x)
        return y * (1.0 - y) / self.k


class TabulatedActivation:
    """A measured or simulated device curve Y(X), linearly interpolated.

    The network's pre-activation X is looked up on ``x_grid`` directly: the caller chooses
    the grid so that X is the device input (e.g. current in the units the curve was taken
    in). Outside the grid Y is clamped to the end values and the slope is zero.

    The slope used by backpropagation (unless ``slope_width=0``) is not the piecewise-constant
    slope of the linear interpolant, which on a staircase curve (quantised domain nucleation)
    is zero on the treads and spikes on the risers. Instead: the central difference of the
    table at the grid points (``numpy.gradient``, one-sided at the ends), averaged with
    Gaussian weights exp(−(xᵢ − xⱼ)² / 2w²) over the grid points xⱼ (normalised row by row,
    so uneven grids and the ends are handled), then interpolated linearly in X. The weights form an
    n_grid x n_grid matrix, built once.

    Parameters
    ----------
    x_grid : array_like, shape (n_grid,)
        Device inputs, strictly increasing, at least 2 points.
    y_table : array_like, shape (n_grid,) or (n_units, n_grid)
        One curve for all units, or one curve per hidden unit (device-to-device variation).
    slope_width : float, optional
        Gaussian width w of the slope smoothing, in the units of ``x_grid``. 0 turns the
        smoothing off and gives the exact, piecewise-constant slope of the interpolant.
        Default: two mean grid spacings.
    """

    def __init__(self, x_grid, y_table, slope_width=None):
        self.x_grid = np.asarray(x_grid, dtype=float)
        table = np.asarray(y_table, dtype=float)
        if (
            self.x_grid.ndim != 1
            or self.x_grid.size < 2
            or not np.all(np.isfinite(self.x_grid))
            or np.any(np.diff(self.x_grid) <= 0)
        ):
            raise ValueError(
                f"x_grid = {x_grid!r}: need 1-D, finite, strictly increasing, at least 2 points"
            )
        if table.ndim not in (1, 2) or table.shape[-1] != self.x_grid.size:
            raise ValueError(
                f"y_table has shape {table.shape}; allowed: ({self.x_grid.size},) or "
                f"(n_units, {self.x_grid.size}) to match x_grid"
            )
        require_finite_array("y_table", table, table.shape)
        if slope_width is None:
            slope_width = 2 * np.mean(np.diff(self.x_grid))
        require_number("slope_width", slope_width, 0)
        self.n_units = table.shape[0] if table.ndim == 2 else None
        self.slope_width = float(slope_width)
        self._y = np.atleast_2d(table)
        self._slope = self._backprop_slope()

    def _backprop_slope(self):
        """Segment slopes (slope_width = 0), else smoothed slopes at the grid points."""
        if self.slope_width == 0:
            return np.diff(self._y, axis=-1) / np.diff(self.x_grid)
        slope = np.gradient(self._y, self.x_grid, axis=-1)
        d = (self.x_grid[:, None] - self.x_grid[None, :]) / self.slope_width
        w = np.exp(-0.5 * d**2)
        return slope @ (w / w.sum(axis=1, keepdims=True)).T

    def _locate(self, x):
        """Rows, left grid index and fraction of each X on the (clamped) grid."""
        x = np.asarray(x, dtype=float)
        if self.n_units is not None and x.shape[-1] != self.n_units:
            raise ValueError(
                f"this activation has {self.n_units} per-unit curves but got {x.shape[-1]} units"
            )
        g = self.x_grid
        xc = np.clip(x, g[0], g[-1])
        i = np.clip(np.searchsorted(g, xc, side="right") - 1, 0, g.size - 2)
        rows = np.arange(x.shape[-1]) if self.n_units is not None else 0
        return rows, i, (xc - g[i]) / (g[i + 1] - g[i])

    def __call__(self, x):
        """Y(X), clamped outside the grid; x shaped (..., units)."""
        rows, i, t = self._locate(x)
        return (1 - t) * self._y[rows, i] + t * self._y[rows, i + 1]

    def derivative(self, x):
        """Smoothed dY/dX (see the class notes); zero outside the grid, NaN at a NaN X."""
        rows, i, t = self._locate(x)
        if self.slope_width == 0:
            dy = self._slope[rows, i]
        else:
            dy = (1 - t) * self._slope[rows, i] + t * self._slope[rows, i + 1]
        x = np.asarray(x, dtype=float)
        outside = np.where(np.isnan(x), np.nan, 0.0)
        return np.where((x >= self.x_grid[0]) & (x <= self.x_grid[-1]), dy, outside)


@dataclass
class History:
    """Per-epoch learning curves (seed 001 Fig. 4d,e).

    ``train_loss`` is the mean mini-batch cross-entropy over the epoch; ``test_loss`` and
    ``test_accuracy`` are taken on the test set after the epoch.
    """

    train_loss: list = field(default_factory=list)
    test_loss: list = field(default_factory=list)
    test_accuracy: list = field(default_factory=list)


class MLP:
    """Three-layer network: inputs → hidden ``activation`` → softmax, cross-entropy loss.

    Weights start Glorot-normal (std √(2 / (fan_in + fan_out))), biases at zero, drawn from
    ``numpy.random.default_rng(seed)``, so the same seed gives the same numbers.

    Parameters
    ----------
    n_in, n_hidden, n_out : int
        Layer sizes, ≥ 1.
    activation : Logistic or TabulatedActivation, optional
        Hidden activation (default: the ideal ``Logistic()``). Any object with
        ``__call__(x)`` and ``derivative(x)`` on (batch, n_hidden) arrays works.
    seed : int
        Seed of the initial weights.

    Examples
    --------
    >>> data = load_digits_data()
    >>> net = MLP(data.n_features, 100, data.n_classes, Logistic(), seed=0)
    >>> history = net.train(data, epochs=5, lr=0.1)
    >>> len(history.test_accuracy), net.accuracy(data.x_test, data.y_test) > 0.9
    (5, True)
    """

    def __init__(self, n_in, n_hidden, n_out, activation=None, seed=0):
        for name, size in (("n_in", n_in), ("n_hidden", n_hidden), ("n_out", n_out)):
            require_count(name, size, 1)
        require_count("seed", seed)
        if activation is not None and not (
            callable(activation) and callable(getattr(activation, "derivative", None))
        ):
            raise TypeError(f"activation = {activation!r}: need __call__(x) and derivative(x)")
        self.activation = Logistic() if activation is None else activation
        _check_units(self.activation, n_hidden)
        rng = np.random.default_rng(seed)
        self.W1 = rng.normal(0.0, np.sqrt(2.0 / (n_in + n_hidden)), (n_in, n_hidden))
        self.b1 = np.zeros(n_hidden)
        self.W2 = rng.normal(0.0, np.sqrt(2.0 / (n_hidden + n_out)), (n_hidden, n_out))
        self.b2 = np.zeros(n_out)

    @property
    def params(self):
        """[W1, b1, W2, b2] — the arrays themselves, updated in place by training."""
        return [self.W1, self.b1, self.W2, self.b2]

    def _inputs(self, x, name="x"):
        """``x`` as a float array (samples, n_in); its entries are not scanned."""
        x = np.asarray(x, dtype=float)
        if x.ndim != 2 or x.shape[1] != self.W1.shape[0]:
            raise ValueError(f"{name} has shape {x.shape}: need (samples, {self.W1.shape[0]})")
        return x

    def _labels(self, y, n, name="y"):
        """``y`` if it holds one integer label in 0 … n_out − 1 per sample (n ≥ 1)."""
        labels = np.asarray(y)
        if labels.shape != (n,) or n == 0:
            raise ValueError(f"{name} has shape {labels.shape}: need one label per sample, ({n},)")
        if labels.dtype.kind not in "iu" or np.any((labels < 0) | (labels >= self.b2.size)):
            raise ValueError(f"{name} = {y!r}: need integer labels in 0 … {self.b2.size - 1}")
        return y

    def _forward(self, x, activation):
        z = x @ self.W1 + self.b1
        h = activation(z)
        logits = h @ self.W2 + self.b2
        log_p = logits - logits.max(axis=1, keepdims=True)
        log_p -= np.log(np.exp(log_p).sum(axis=1, keepdims=True))
        return z, h, log_p

    def log_proba(self, x, activation=None):
        """Log class probabilities (samples, n_out); ``activation`` overrides the hidden one."""
        act = self.activation if activation is None else activation
        return self._forward(self._inputs(x), act)[2]

    def predict(self, x, activation=None):
        """Most probable class of each sample."""
        return self.log_proba(x, activation).argmax(axis=1)

    def accuracy(self, x, y, activation=None):
        """Fraction of samples classified correctly."""
        self._labels(y, len(self._inputs(x)))
        return float(np.mean(self.predict(x, activation) == np.asarray(y)))

    def loss(self, x, y, activation=None):
        """Mean cross-entropy of labels ``y``."""
        self._labels(y, len(self._inputs(x)))
        log_p = self.log_proba(x, activation)
        return float(-log_p[np.arange(len(log_p)), y].mean())

    def gradients(self, x, y):
        """Loss and its gradients by backpropagation, in the order of :attr:`params`."""
        self._labels(y, len(self._inputs(x)))
        return self._gradients(x, y)

    def _gradients(self, x, y):
        x = np.asarray(x, dtype=float)
        z, h, log_p = self._forward(x, self.activation)
        n = len(x)
        d_logits = np.exp(log_p)
        d_logits[np.arange(n), y] -= 1.0
        d_logits /= n
        dz = (d_logits @ self.W2.T) * self.activation.derivative(z)
        grads = [x.T @ dz, dz.sum(axis=0), h.T @ d_logits, d_logits.sum(axis=0)]
        return float(-log_p[np.arange(n), y].mean()), grads

    def train(
        self,
        data,
        epochs=10,
        lr=0.1,
        batch_size=32,
        seed=0,
        momentum=0.9,
        progress=None,
        eval_activation=None,
    ):
        """Mini-batch SGD with (heavy-ball) momentum: v ← μv − η∇L, θ ← θ + v.

        Parameters
        ----------
        data : Dataset
            Training and test sets (see :func:`load_digits_data`).
        epochs, batch_size : int
            Passes over the shuffled training set (≥ 0) and samples per update (≥ 1).
        lr, momentum : float
            Learning rate η > 0 and momentum μ in [0, 1).
        seed : int
            Seed of the shuffling.
        progress : callable, optional
            Called after every epoch as ``progress(epoch, history)`` (epoch counts from 1).
        eval_activation : optional
            Hidden activation for the test-set curves, e.g. the device curve for a network
            trained on the ideal sigmoid (device in the loop at inference only). Default:
            the training activation.

        Returns
        -------
        History
            Per-epoch train loss, test loss and test accuracy.
        """
        require_count("epochs", epochs)
        require_number("lr", lr, 0, low_open=True)
        require_count("batch_size", batch_size, 1)
        require_count("seed", seed)
        if not 0 <= momentum < 1:
            raise ValueError(f"momentum = {momentum}: allowed range is [0, 1)")
        if data.n_features != self.W1.shape[0]:
            raise ValueError(f"data has {data.n_features} inputs; network has {self.W1.shape[0]}")
        for part in ("train", "test"):
            x = self._inputs(getattr(data, f"x_{part}"), f"data.x_{part}")
            require_finite_array(f"data.x_{part}", x, x.shape)
            self._labels(getattr(data, f"y_{part}"), len(x), f"data.y_{part}")
        if eval_activation is not None:
            _check_units(eval_activation, self.b1.size)
        rng = np.random.default_rng(seed)
        velocity = [np.zeros_like(p) for p in self.params]
        history = History()
        for epoch in range(1, epochs + 1):
            train_loss = self._epoch(data, rng, lr, batch_size, momentum, velocity)
            history.train_loss.append(train_loss)
            history.test_loss.append(self.loss(data.x_test, data.y_test, eval_activation))
            history.test_accuracy.append(self.accuracy(data.x_test, data.y_test, eval_activation))
            if progress is not None:
                progress(epoch, history)
        return history

    def _epoch(self, data, rng, lr, batch_size, momentum, velocity):
        order = rng.permutation(len(data.x_train))
        losses = []
        for start in range(0, len(order), batch_size):
            batch = order[start : start + batch_size]
            loss, grads = self._gradients(data.x_train[batch], data.y_train[batch])
            for p, v, g in zip(self.params, velocity, grads, strict=True):
                v *= momentum
                v -= lr * g
                p += v
            losses.append(loss * len(batch))
        return float(np.sum(losses) / len(order))


def _check_units(activation, n_hidden):
    n_units = getattr(activation, "n_units", None)
    if n_units is not None and n_units != n_hidden:
        raise ValueError(f"activation has {n_units} per-unit curves; n_hidden = {n_hidden}")
