"""Clusters of a one-dimensional distribution: the zones of a heated channel.

Seed 000 infers three zone temperatures from three resonance lines; a chain of cells has a
temperature per cell instead. :func:`weighted_clusters` groups the cells into ``k``
contiguous temperature ranges with the least area-weighted within-cluster variance (exact
1-D k-means by dynamic programming, O(k n²): n is a few dozen cells), so the zones are
read off the distribution, not declared.
"""

from dataclasses import dataclass

import numpy as np

from spinbrian.devices.validation import require_count, require_finite_array


@dataclass(frozen=True)
class Clusters:
    """``k`` clusters of a weighted sample, hottest (largest value) first.

    Attributes
    ----------
    centres : ndarray (k,)
        Weighted mean of each cluster.
    weights : ndarray (k,)
        Total weight of each cluster.
    labels : ndarray of int (n,)
        Cluster of each sample (0: the largest values).
    """

    centres: np.ndarray
    weights: np.ndarray
    labels: np.ndarray


def weighted_clusters(x, weights=None, k=3):
    """The exact weighted 1-D k-means partition of ``x`` into ``k`` clusters.

    Parameters
    ----------
    x : array_like
        Samples (e.g. cell temperatures), finite, at least ``k`` of them.
    weights : array_like, optional
        Non-negative weight of each sample (e.g. cell areas); default all 1.
    k : int
        Number of clusters (≥ 1).

    Returns
    -------
    Clusters

    Examples
    --------
    >>> c = weighted_clusters([100, 101, 160, 161, 250], k=3)
    >>> [round(float(t), 1) for t in c.centres]
    [250.0, 160.5, 100.5]
    """
    x = np.asarray(x, float).ravel()
    k = require_count("k", k, 1)
    require_finite_array("x", x, x.shape)
    if x.size < k:
        raise ValueError(f"x has {x.size} samples: need at least k = {k}")
    w = np.ones_like(x) if weights is None else np.asarray(weights, float).ravel()
    require_finite_array("weights", w, x.shape)
    if np.any(w < 0) or not np.any(w > 0):
        raise ValueError("weights must be ≥ 0 with at least one > 0")
    order = np.argsort(x)
    xs, ws = x[order], w[order]
    n = xs.size
    W = np.concatenate([[0.0], np.cumsum(ws)])
    S = np.concatenate([[0.0], np.cumsum(ws * xs)])
    Q = np.concatenate([[0.0], np.cumsum(ws * xs * xs)])

    def cost(i, j):  # weighted variance sum of xs[i:j]
        m = W[j] - W[i]
        return 0.0 if m <= 0 else Q[j] - Q[i] - (S[j] - S[i]) ** 2 / m

    best = np.full((k + 1, n + 1), np.inf)
    cut = np.zeros((k + 1, n + 1), int)
    best[0, 0] = 0.0
    for c in range(1, k + 1):
        for j in range(c, n + 1):
            costs = [best[c - 1, i] + cost(i, j) for i in range(c - 1, j)]
            i = int(np.argmin(costs))
            best[c, j], cut[c, j] = costs[i], i + c - 1
    bounds = [n]
    for c in range(k, 0, -1):
        bounds.append(cut[c, bounds[-1]])
    bounds = bounds[::-1]
    sorted_labels = np.empty(n, int)
    centres, sizes = [], []
    for c in range(k):
        i, j = bounds[c], bounds[c + 1]
        m = W[j] - W[i]
        centres.append((S[j] - S[i]) / m if m > 0 else xs[i:j].mean())
        sizes.append(m)
        sorted_labels[i:j] = k - 1 - c
    labels = np.empty(n, int)
    labels[order] = sorted_labels
    return Clusters(np.array(centres[::-1]), np.array(sizes[::-1]), labels)


__all__ = ["Clusters", "weighted_clusters"]
