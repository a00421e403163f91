"""The sigmoid-neuron feed-forward network of seed 001 Fig. 4c–e (spinbrian.networks.ann)."""

import doctest
import time

import numpy as np
import pytest

from spinbrian.networks import ann
from spinbrian.networks.ann import MLP, Logistic, TabulatedActivation, load_digits_data

GRID = np.linspace(-10, 10, 2001)  # spacing 0.01


@pytest.fixture(scope="module")
def digits():
    return load_digits_data()


def _numerical_gradients(net, x, y, eps=1e-6):
    grads = []
    for p in net.params:
        g = np.zeros_like(p)
        for idx in np.ndindex(p.shape):
            old = p[idx]
            p[idx] = old + eps
            up = net.loss(x, y)
            p[idx] = old - eps
            down = net.loss(x, y)
            p[idx] = old
            g[idx] = (up - down) / (2 * eps)
        grads.append(g)
    return grads


@pytest.mark.parametrize(
    "activation",
    [Logistic(x0=0.3, k=0.8), TabulatedActivation(GRID, Logistic()(GRID), slope_width=0)],
    ids=["logistic", "tabulated"],
)
def test_backprop_matches_finite_differences(activation):
    rng = np.random.default_rng(3)
    net = MLP(4, 5, 3, activation, seed=1)
    net.b1[:] = rng.normal(0, 0.5, 5)
    x, y = rng.random((6, 4)), rng.integers(0, 3, 6)
    loss, grads = net.gradients(x, y)
    assert loss == pytest.approx(net.loss(x, y))
    # slope_width=0: the exact slope of the interpolant, so backprop is exact for it too.
    for analytic, numeric in zip(grads, _numerical_gradients(net, x, y), strict=True):
        np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-9)


def test_logistic_is_the_sigmoid_and_stable():
    x = np.linspace(-30, 30, 601)
    np.testing.assert_allclose(Logistic()(x), 1 / (1 + np.exp(-x)), rtol=1e-12)
    act = Logistic(x0=1.0, k=2.0)
    np.testing.assert_allclose(act(x), 1 / (1 + np.exp(-(x - 1) / 2)), rtol=1e-12)
    with np.errstate(over="raise", invalid="raise"):
        y = Logistic()(np.array([[-1000.0, 1000.0]]))
        dy = Logistic().derivative(np.array([[-1000.0, 1000.0]]))
    np.testing.assert_array_equal(y, [[0.0, 1.0]])
    assert np.all(np.isfinite(dy))
    with pytest.raises(ValueError, match="k = 0"):
        Logistic(k=0)


def test_tabulated_logistic_reproduces_logistic():
    ideal = Logistic(x0=0.5, k=0.7)
    table = TabulatedActivation(GRID, ideal(GRID), slope_width=0.05)
    x = np.random.default_rng(0).uniform(-9, 9, (50, 8))
    np.testing.assert_allclose(table(x), ideal(x), atol=1e-5)
    np.testing.assert_allclose(table.derivative(x), ideal.derivative(x), atol=2e-3)
    # Clamped flat outside the grid.
    far = np.array([[-50.0, 50.0]])
    np.testing.assert_allclose(table(far), ideal(GRID[[0, -1]])[None, :])
    np.testing.assert_array_equal(table.derivative(far), 0.0)


def test_smoothing_turns_a_staircase_slope_into_a_usable_gradient():
    x = np.linspace(-8, 8, 401)
    stair = np.round(Logistic()(x) * 8) / 8
    raw = TabulatedActivation(x, stair, slope_width=0).derivative(x[None, :])
    smooth = TabulatedActivation(x, stair, slope_width=1.0).derivative(x[None, :])
    centre = np.abs(x) < 3
    assert np.mean(raw[0, centre] == 0) > 0.5  # the treads are flat
    assert np.all(smooth[0, centre] > 0.02)  # smoothed: a slope everywhere on the rise
    assert np.sum(smooth[0] * np.gradient(x)) == pytest.approx(1.0, rel=0.05)  # still ≈ ΔY


def test_per_unit_tables_apply_per_unit():
    curves = [Logistic(x0=-1.0), Logistic(k=0.5), Logistic(x0=2.0, k=2.0)]
    table = TabulatedActivation(GRID, np.array([c(GRID) for c in curves]))
    assert table.n_units == 3
    x = np.random.default_rng(1).uniform(-5, 5, (7, 3))
    for j, c in enumerate(curves):
        np.testing.assert_allclose(table(x)[:, j], c(x[:, j]), atol=1e-4)
        np.testing.assert_allclose(table.derivative(x)[:, j], c.derivative(x[:, j]), atol=5e-3)
    with pytest.raises(ValueError, match="3 per-unit curves"):
        table(np.zeros((2, 4)))
    with pytest.raises(ValueError, match="n_hidden = 5"):
        MLP(4, 5, 2, table)


def test_tabulated_validates_its_table():
    with pytest.raises(ValueError, match="strictly increasing"):
        TabulatedActivation([0.0, 0.0, 1.0], [0.0, 0.5, 1.0])
    with pytest.raises(ValueError, match="shape"):
        TabulatedActivation([0.0, 1.0], [0.0, 0.5, 1.0])


def test_digits_data_is_scaled_and_stratified(digits):
    assert digits.n_features == 64 and digits.n_classes == 10
    assert len(digits.x_train) + len(digits.x_test) == 1797
    assert digits.x_train.dtype == np.float64 and digits.y_train.dtype == np.int64
    assert digits.x_train.min() == 0.0 and digits.x_train.max() == 1.0
    everything = np.bincount(np.concatenate([digits.y_train, digits.y_test]))
    assert np.all(np.abs(np.bincount(digits.y_test) - 0.25 * everything) <= 1)  # stratified


def test_training_on_digits_reaches_95_percent(digits):
    # 64-100-10, ideal sigmoid, 30 epochs of batch-32 SGD, lr 0.1, momentum 0.9: ≈ 0.3 s.
    start = time.perf_counter()
    net = MLP(64, 100, 10, Logistic(), seed=0)
    history = net.train(digits, epochs=30, lr=0.1, batch_size=32, seed=0)
    assert time.perf_counter() - start < 10
    assert history.test_accuracy[-1] >= 0.95
    assert history.test_accuracy[-1] == net.accuracy(digits.x_test, digits.y_test)
    assert history.train_loss[-1] < 0.2 * history.train_loss[0]
    assert len(history.test_loss) == 30


def test_same_seed_same_history_and_progress(digits):
    calls = []
    runs = [
        MLP(64, 20, 10, Logistic(), seed=5).train(
            digits, epochs=3, seed=7, progress=lambda e, h: calls.append(e)
        )
        for _ in range(2)
    ]
    assert runs[0] == runs[1]
    assert calls == [1, 2, 3, 1, 2, 3]
    other = MLP(64, 20, 10, Logistic(), seed=6).train(digits, epochs=3, seed=7)
    assert other.train_loss != runs[0].train_loss


def test_eval_activation_changes_only_the_test_curves(digits):
    device = TabulatedActivation(GRID, np.round(Logistic()(GRID) * 4) / 4)  # a 4-step curve
    plain = MLP(64, 20, 10, Logistic(), seed=0).train(digits, epochs=2)
    net = MLP(64, 20, 10, Logistic(), seed=0)
    on_device = net.train(digits, epochs=2, eval_activation=device)
    assert on_device.train_loss == plain.train_loss
    assert on_device.test_loss != plain.test_loss
    assert on_device.test_accuracy[-1] == net.accuracy(digits.x_test, digits.y_test, device)


def test_missing_mnist_file_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="never downloads"):
        load_digits_data(mnist_path=tmp_path / "mnist.npz")


def test_local_mnist_npz_loads(tmp_path):
    rng = np.random.default_rng(0)
    path = tmp_path / "mnist.npz"
    np.savez(
        path,
        x_train=rng.integers(0, 256, (12, 28, 28), dtype=np.uint8),
        y_train=np.arange(12) % 10,
        x_test=np.full((5, 28, 28), 255, dtype=np.uint8),
        y_test=np.arange(5, dtype=np.uint8),
    )
    data = load_digits_data(mnist_path=path)
    assert data.x_train.shape == (12, 784) and data.x_test.shape == (5, 784)
    assert data.x_train.dtype == np.float64 and data.x_train.max() <= 1.0
    np.testing.assert_array_equal(data.x_test, 1.0)
    assert data.y_test.dtype == np.int64 and data.n_classes == 10
    assert "mnist.npz" in data.name
    np.savez(tmp_path / "other.npz", images=np.zeros((2, 28, 28)))
    with pytest.raises(ValueError, match="lacks"):
        load_digits_data(mnist_path=tmp_path / "other.npz")


def test_docstring_example():
    result = doctest.testmod(ann)
    assert result.attempted > 0 and result.failed == 0
