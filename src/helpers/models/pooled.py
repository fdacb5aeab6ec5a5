"""``pooled``: a series' growth forecast by one regression pooled over many yearly series.

A random walk with drift continues a series' own past growth. Over thousands of yearly series
that growth is a noisy guide: the growth of the coming years is better predicted by a blend of
the series' own growth and the growth yearly series typically show. ``pooled`` learns that
blend once, by least squares over the training parts of the benchmark panels
(``bench/forecast_bench.py --pooled-table``), and ships it as three numbers
(:data:`_POOLED_GROWTH`): the yearly log growth it forecasts is

    c0 + c1 * median yearly log change + c2 * mean yearly log change

of the years up to the forecast origin (both clipped at :data:`CLIP`), the same every year, so
the path is a straight line in logs (constant growth): it can neither turn back nor wiggle.
It is a global model in the sense of Montero-Manso and Hyndman (2021), in its simplest linear
form: the coefficients come from other series, the features from the series itself, so a
single series is forecast as well as a panel. Its own intervals are those of the random walk
with drift of the log values, centred on its path; in a combination the project's
calibration replaces them.

Benchmarks that score it on a set it was trained on would flatter it: they pass coefficients
trained without that set through :func:`using` (leave one set out).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence

import numpy as np

from .base import _Fit
from .kernels import _drift, _rw_drift

#: Largest yearly log change a feature or a target counts with (a factor of e, 2.7, a year):
#: a series that tripled once does not set the blend for every other.
CLIP = 1.0

#: Years of history the features need (two yearly changes).
MIN_OBS = 3

#: Horizons whose changes train the coefficients (1 to 10 years ahead).
TRAIN_HORIZONS = 10

#: Intercept, coefficient of the median and of the mean yearly log change, for the yearly log
#: growth forecast. Trained on the training parts of M1 yearly, Tourism yearly and the
#: statsmodels yearly panels, each set weighing the same (within the statsmodels set, its
#: datasets as the selection rule weighs them): ``python bench/forecast_bench.py
#: --pooled-table`` prints and checks them.
_POOLED_GROWTH = (0.0357, 0.2088, -0.0024)

_SHIPPED = np.array(_POOLED_GROWTH, dtype=float)
_override: np.ndarray | None = None


def features(x: np.ndarray) -> np.ndarray:
    """``(1, median yearly log change, mean yearly log change)`` of log values ``x`` (a complete
    grid of years, ``NaN`` where missing), the changes clipped at :data:`CLIP`."""
    median, _, _, pos, span = _drift(x, "median")
    mean = (x[pos[-1]] - x[pos[0]]) / span  # the change per year between first and last year
    return np.array([1.0, np.clip(median, -CLIP, CLIP), np.clip(mean, -CLIP, CLIP)])


def coefficients() -> np.ndarray:
    """The three coefficients of the yearly growth: the shipped ones, or those of :func:`using`."""
    return _SHIPPED if _override is None else _override


@contextlib.contextmanager
def using(coefs: np.ndarray | Sequence[float]) -> Iterator[None]:
    """Forecast with ``coefs`` instead of the shipped coefficients inside the block
    (benchmarks that leave the scored set out of the training)."""
    global _override
    before, _override = _override, np.array(coefs, dtype=float)
    try:
        yield
    finally:
        _override = before


def train(
    sets: Iterable[Sequence[np.ndarray]],
    weights: Iterable[Sequence[float] | None] | None = None,
    horizons: int = TRAIN_HORIZONS,
) -> np.ndarray:
    """Least-squares coefficients of the yearly growth from ``sets`` of log series (each a
    complete grid of years, ``NaN`` where missing).

    Every origin of every series with at least :data:`MIN_OBS` years up to it (the origin's
    year observed) gives one row per horizon ``h`` up to ``horizons`` whose year is observed:
    the features of the years up to the origin, and the log change per year over the ``h``
    years after it, clipped at :data:`CLIP`. The sets weigh the same, whatever their numbers of
    rows; within a set the rows weigh the same, or in proportion to their series' weight in
    ``weights`` (one sequence per set, ``None`` for equal weights).

    Raises
    ------
    ValueError
        When no series is long enough for a single row.
    """
    sets = list(sets)
    weights = list(weights) if weights is not None else [None] * len(sets)
    A: list[np.ndarray] = []
    b: list[float] = []
    w: list[float] = []
    for series, wts in zip(sets, weights, strict=True):
        X, Y, W = [], [], []
        for i, x in enumerate(series):
            w_series = 1.0 if wts is None else float(wts[i])
            x = np.asarray(x, float)
            for t in range(MIN_OBS - 1, x.size - 1):
                if np.isnan(x[t]) or np.count_nonzero(~np.isnan(x[: t + 1])) < MIN_OBS:
                    continue
                f = features(x[: t + 1])
                for j in range(1, min(horizons, x.size - 1 - t) + 1):
                    if not np.isnan(x[t + j]):
                        X.append(f)
                        Y.append(float(np.clip((x[t + j] - x[t]) / j, -CLIP, CLIP)))
                        W.append(w_series)
        if Y and sum(W) > 0:
            A += X
            b += Y
            w += list(np.array(W) / sum(W))
    if not b:
        raise ValueError("no series is long enough to train on")
    sw = np.sqrt(np.array(w))
    return np.linalg.lstsq(np.array(A) * sw[:, None], np.array(b) * sw, rcond=None)[0]


def _point_pooled(x: np.ndarray, H: int) -> np.ndarray:
    """The point forecasts of :func:`_fit_pooled` alone (log scale)."""
    last = x[np.flatnonzero(~np.isnan(x))[-1]]
    return last + (coefficients() @ features(x)) * np.arange(1, H + 1)


def _fit_pooled(x: np.ndarray, H: int, probs) -> _Fit:
    """``pooled`` on log values ``x``: its path, the random walk's intervals centred on it, and
    one-year fitted values from the same blend."""
    f = features(x)
    point = _point_pooled(x, H)
    rw_point, knots, _, _ = _rw_drift(x, H, probs)
    if knots is not None:
        knots = knots + (point - rw_point)[:, None]
    _, _, g, pos, _ = _drift(x, "mean")
    growth = float(coefficients() @ f)
    fitted = np.full(x.size, np.nan)
    fitted[pos[1:]] = x[pos[:-1]] + growth * g
    return _Fit(point, knots, fitted, info={"yearly_growth": growth})
