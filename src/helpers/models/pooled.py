"""``pooled``: a series' growth forecast by one regression pooled over many yearly series.

A random walk with drift continues a series' own past growth. Over thousands of yearly series
that growth is a noisy guide: the growth of the next ``h`` years is better predicted by a
blend of the series' own growth and the growth yearly series typically show. ``pooled``
learns that blend once, by least squares over the training parts of the benchmark panels
(``bench/forecast_bench.py --pooled-table``), and ships it as a small table
(:data:`_POOLED_ROWS`): for each horizon ``h``, the log change over ``h`` years is

    c0[h] + c1[h] * median yearly log change + c2[h] * mean yearly log change

of the years up to the forecast origin (both clipped at :data:`CLIP`). It is a global model in
the sense of Montero-Manso and Hyndman (2021), in its simplest linear form: the coefficients
come from other series, the features from the series itself, so a single series is forecast as
well as a panel. Its own intervals are those of the random walk with drift of the log values,
centred on its path; in a combination the project's calibration replaces them.

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

#: Fewest horizons :func:`train` fits; a longer horizon continues the last row in proportion.
TABLE_HORIZONS = 10

#: Per horizon 1..10: intercept, coefficient of the median and of the mean yearly log change.
#: Trained on the training parts of M1 yearly, Tourism yearly and the statsmodels yearly panels,
#: each set weighing the same (``python bench/forecast_bench.py --pooled-table`` prints and checks
#: it).
_POOLED_ROWS = [
    (0.0241, 0.3086, 0.0064),  # h=1
    (0.0542, 0.5963, -0.0403),  # h=2
    (0.0852, 0.7794, -0.0075),  # h=3
    (0.1131, 1.0070, -0.0016),  # h=4
    (0.1405, 1.2335, -0.0216),  # h=5
    (0.1685, 1.4068, 0.0041),  # h=6
    (0.1992, 1.5205, 0.0722),  # h=7
    (0.2293, 1.6488, 0.1280),  # h=8
    (0.2597, 1.7933, 0.1408),  # h=9
    (0.2928, 1.9584, 0.1060),  # h=10
]

_override: np.ndarray | None = None


def features(x: np.ndarray) -> np.ndarray:
    """``(1, median yearly log change, mean yearly log change)`` of log values ``x`` (a complete
    grid of years, ``NaN`` where missing), the changes clipped at :data:`CLIP`."""
    mean, *_ = _drift(x, "mean")
    median, *_ = _drift(x, "median")
    return np.array([1.0, np.clip(median, -CLIP, CLIP), np.clip(mean, -CLIP, CLIP)])


def coefficients(H: int) -> np.ndarray:
    """The ``(H, 3)`` coefficients for horizons 1..H: the table's rows (or those of
    :func:`using`), and past its last row that row times ``h / rows``."""
    rows = np.asarray(_POOLED_ROWS if _override is None else _override, float)
    k = rows.shape[0]
    if k >= H:
        return rows[:H]
    extra = rows[-1][None, :] * (np.arange(k + 1, H + 1) / k)[:, None]
    return np.vstack([rows, extra])


@contextlib.contextmanager
def using(rows: np.ndarray | Sequence[Sequence[float]]) -> Iterator[None]:
    """Forecast with ``rows`` instead of the shipped table inside the block (benchmarks that
    leave the scored set out of the training)."""
    global _override
    before, _override = _override, np.asarray(rows, float)
    try:
        yield
    finally:
        _override = before


def train(sets: Iterable[Iterable[np.ndarray]], H: int = TABLE_HORIZONS) -> np.ndarray:
    """Least-squares rows ``(H, 3)`` from ``sets`` of log series (each a complete grid).

    Every origin of every series with at least :data:`MIN_OBS` years before it (and the year it
    starts from observed) gives one row per horizon ``h`` whose year is observed: the features
    of the years up to the origin, and the log change over the ``h`` years after it, clipped at
    ``CLIP * h``. At each horizon the sets weigh the same, whatever their numbers of rows.

    Raises
    ------
    ValueError
        When a horizon has no row (every series too short for it).
    """
    per_set = []
    for series in sets:
        X: list[list[np.ndarray]] = [[] for _ in range(H)]
        Y: list[list[float]] = [[] for _ in range(H)]
        for x in series:
            x = np.asarray(x, float)
            for t in range(MIN_OBS - 1, x.size - 1):
                if np.isnan(x[t]) or np.count_nonzero(~np.isnan(x[: t + 1])) < MIN_OBS:
                    continue
                f = features(x[: t + 1])
                for j in range(1, min(H, x.size - 1 - t) + 1):
                    if not np.isnan(x[t + j]):
                        X[j - 1].append(f)
                        Y[j - 1].append(float(np.clip(x[t + j] - x[t], -CLIP * j, CLIP * j)))
        per_set.append((X, Y))
    rows = []
    for j in range(H):
        A, b, w = [], [], []
        for X, Y in per_set:
            if Y[j]:
                A += X[j]
                b += Y[j]
                w += [1.0 / len(Y[j])] * len(Y[j])
        if not b:
            raise ValueError(f"no series is long enough for a {j + 1}-year change")
        sw = np.sqrt(np.array(w))
        rows.append(np.linalg.lstsq(np.array(A) * sw[:, None], np.array(b) * sw, rcond=None)[0])
    return np.array(rows)


def _point_pooled(x: np.ndarray, H: int) -> np.ndarray:
    """The point forecasts of :func:`_fit_pooled` alone (log scale)."""
    last = x[np.flatnonzero(~np.isnan(x))[-1]]
    return last + coefficients(H) @ features(x)


def _fit_pooled(x: np.ndarray, H: int, probs) -> _Fit:
    """``pooled`` on log values ``x``: its path, the random walk's intervals centred on it, and
    one-year fitted values from the same blend."""
    f = features(x)
    point = _point_pooled(x, H)
    rw_point, knots, _, info = _rw_drift(x, H, probs)
    if knots is not None:
        knots = knots + (point - rw_point)[:, None]
    _, _, g, pos, _ = _drift(x, "mean")
    fitted = np.full(x.size, np.nan)
    fitted[pos[1:]] = x[pos[:-1]] + (coefficients(1)[0] @ f) * g
    return _Fit(point, knots, fitted, info={**info, "yearly_growth": float(coefficients(1)[0] @ f)})
