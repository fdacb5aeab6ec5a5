"""Sane tails: the cap on upper bounds, and non-negative bounds for non-negative series.

The cap (:func:`upper_cap`)
---------------------------
No upper quantile (the 95% and 80% upper bounds among them) of forecast year ``j`` (``j``
years after the last observed year) may exceed

    ``cap_j = max(TAIL_MULTIPLE * M, last * G_j)``

where ``M`` is the largest observed value of the series, ``last`` its last observed value and
``G_j`` the largest rise the series itself has shown over any span of at most ``j`` years
(``max y[t + k] / y[t]`` over observed pairs with ``1 <= k <= j``). ``TAIL_MULTIPLE`` is 10.
So a bound may pass ten times the series' historical maximum only when the series has, at some
point of its own history, grown that much within the same number of years (the evidence); a
series that jumped a hundredfold once is allowed a hundredfold rise again, not ``1e97``. The
point forecast is never changed: when it lies above the cap, the cap is raised to it. The lower
quantiles of a positive series get the mirror image (:func:`lower_floor`): not below the
smallest observed value divided by ``TAIL_MULTIPLE`` unless the series has fallen that much
within ``j`` years.

The cap binds mostly where the intervals are not backed by many errors (a very short series
whose model-based interval is a Student-t with one or two degrees of freedom, the union rule of
thin calibration, fallback models). Its effect on the benchmarks is measured by
``bench/tails_bench.py`` and recorded in bench/RESULTS.md.

Non-negative series
-------------------
Log models cannot go below zero. The level fallback (random walk with drift on the original
scale, for series with zeros) can: when no observed value is negative, its lower bounds are
floored at zero (:func:`floor_at_zero`).
"""

from __future__ import annotations

import numpy as np

TAIL_MULTIPLE: float | None = 10.0


def _log_rises(values: np.ndarray, H: int) -> tuple[np.ndarray, np.ndarray]:
    """The largest log rise and the largest log fall over spans of at most ``j`` years,
    ``j = 1..H``, found in one pass (0 where there is none)."""
    v = np.asarray(values, float)
    n = v.size
    with np.errstate(invalid="ignore", divide="ignore"):
        lv = np.log(v)
    up = np.zeros(H)
    down = np.zeros(H)
    ru = rd = 0.0
    for j in range(1, H + 1):
        if j < n:
            d = lv[j:] - lv[:-j]
            d = d[np.isfinite(d)]
            if d.size:
                ru = max(ru, float(d.max()))
                rd = max(rd, float(-d.min()))
        up[j - 1] = ru
        down[j - 1] = rd
    return up, down


def max_rise(values: np.ndarray, H: int, fall: bool = False) -> np.ndarray:
    """``G_j`` for ``j = 1..H``: the largest ratio ``y[t + k] / y[t]`` with ``1 <= k <= j``
    (``fall=True``: the largest ratio ``y[t] / y[t + k]``).

    Parameters
    ----------
    values : ndarray
        Positive values on a complete grid of years (``NaN`` for missing years).

    Returns
    -------
    ndarray, shape (H,)
        Non-decreasing in ``j``; 1 where the series never rose (or has one observation).
    """
    return np.exp(_log_rises(values, H)[1 if fall else 0])


def cap_and_floor(
    values: np.ndarray, H: int, lead: int = 0, multiple: float | None = None
) -> tuple[np.ndarray | None, np.ndarray | None]:
    """The cap of the upper quantiles and the floor of the log-scale lower quantiles for ``H``
    forecast years (original scale), ``None`` where there is none.

    Cap: ``max(multiple * max, last * G_j)``; floor: ``min(m / multiple, last / F_j)``, ``m``
    the smallest observed value, ``G_j`` and ``F_j`` the largest rise and fall over at most
    ``j`` years. ``lead`` years lie between the last observed year and the first of the ``H``
    years; a year's bounds use its full distance from the last observation. A series with
    zeros or negative values (level fallback) gets ``multiple * max`` as its cap and no floor.
    Both are ``None`` when switched off (``multiple`` and :data:`TAIL_MULTIPLE` both ``None``).
    """
    mult = TAIL_MULTIPLE if multiple is None else multiple
    if mult is None:
        return None, None
    v = np.asarray(values, float)
    obs = v[np.isfinite(v)]
    if obs.size == 0 or obs.max() <= 0:
        return None, None
    if np.any(obs <= 0):  # zeros or negatives: no ratio evidence, the multiple alone
        return np.full(H, mult * obs.max()), None
    up, down = _log_rises(v, H + lead)
    with np.errstate(over="ignore"):  # beyond the range of floats: no cap (such output is refused later)
        cap = np.maximum(mult * obs.max(), obs[-1] * np.exp(up[lead:]))
        floor = np.minimum(obs.min() / mult, obs[-1] / np.exp(down[lead:]))
    return cap, floor


def upper_cap(values: np.ndarray, H: int, lead: int = 0, multiple: float | None = None) -> np.ndarray | None:
    """The cap of :func:`cap_and_floor` alone."""
    return cap_and_floor(values, H, lead, multiple)[0]


def lower_floor(values: np.ndarray, H: int, lead: int = 0, multiple: float | None = None) -> np.ndarray | None:
    """The floor of :func:`cap_and_floor` alone (log-scale lower quantiles of a positive series)."""
    return cap_and_floor(values, H, lead, multiple)[1]


def cap_knots(
    knots: np.ndarray,
    probs: np.ndarray,
    point: np.ndarray,
    cap: np.ndarray | None,
    log: bool,
    floor: np.ndarray | None = None,
) -> np.ndarray:
    """Apply ``cap`` (and ``floor``; original scale, one per row) to the knots above (below)
    the median; the point forecast is never moved."""
    k = knots.copy()
    if cap is not None:
        c = np.maximum(np.log(cap) if log else cap, point)
        upper = probs > 0.5
        k[:, upper] = np.minimum(k[:, upper], c[:, None])
    if floor is not None:
        f = np.minimum(np.log(floor) if log else floor, point)
        lower = probs < 0.5
        k[:, lower] = np.maximum(k[:, lower], f[:, None])
    return k


def floor_at_zero(knots: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Floor level-scale knots at zero when no observed value is negative."""
    obs = np.asarray(values, float)
    obs = obs[np.isfinite(obs)]
    if obs.size and np.all(obs >= 0):
        return np.maximum(knots, 0.0)
    return knots
