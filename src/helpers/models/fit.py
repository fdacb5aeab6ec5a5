"""Fitting a forecast: point forecasts, the two-step prepare/finish fit used by the panel, ``fit_forecast`` and the level fallback."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .base import (
    DEFAULT_METHOD,
    LEVELS,
    MIN_CALIBRATION,
    ModelError,
    _check_h,
    _Fit,
    _Grid,
    _probs_for,
    _to_grid,
    series_scale,
)
from .calibration import ZTable, _knots_at, calibration_scores, pool_scores
from .kernels import _rw_drift
from .registry import _check_length, _check_positive, _members, _run, _spec
from .result import ForecastResult
from .tails import cap_and_floor, cap_knots, floor_at_zero, upper_cap


def point_forecast(
    y, h: int, method: str = DEFAULT_METHOD, *, members: Sequence[str] | None = None, name: str | None = None
) -> np.ndarray:
    """Median forecasts only (no intervals, no calibration): fast path for backtests.

    Returns
    -------
    ndarray, shape (h,)
        Forecasts on the original scale for the ``h`` years after the end of the index.
    """
    H = _check_h(h)
    spec = _spec(method)
    mem = _members(method, members)
    grid = _to_grid(y, name)
    _check_positive(grid, spec.name, mem, name)
    _check_length(grid, spec.name, mem, name)
    fit = _run(grid.values, H + grid.lead, spec.name, None, mem, point_only=True)
    return np.exp(fit.point[grid.lead :])


@dataclass
class PreparedFit:
    """A model fitted to one series, before its intervals are calibrated.

    Produced by :func:`prepare_fit` (picklable, so a panel can prepare series in worker
    processes, pool their calibration errors, then call :func:`finish_fit`).
    """

    method: str
    members: tuple
    name: str | None
    grid: _Grid
    h: int
    probs: np.ndarray
    levels: tuple
    fit: _Fit
    scores: np.ndarray | None
    scale: float
    #: The cap of the upper and the floor of the lower quantiles of the fitted years
    #: (:func:`.tails.cap_and_floor`): properties of the series alone, found with the fit so
    #: that a panel finds them in its worker processes; ``None``: found when finishing.
    bounds: tuple | None = None


def prepare_fit(
    y,
    h: int,
    method: str = DEFAULT_METHOD,
    levels: Sequence[float] = LEVELS,
    *,
    members: Sequence[str] | None = None,
    name: str | None = None,
    calibrate: bool = True,
    model_intervals: bool = True,
    **model_kw,
) -> PreparedFit:
    """Validate, fit and (optionally) compute calibration errors for one series.

    Parameters are those of :func:`fit_forecast`; ``calibrate=False`` skips the rolling-origin
    errors (``scores`` is then ``None``); ``model_intervals=False`` skips the model's own
    intervals (and in-sample fit), which only the union rule of thin calibration and
    ``intervals="model"`` use: a panel whose pooled table is not thin saves their cost.

    Raises
    ------
    ModelError
    """
    H = _check_h(h)
    spec = _spec(method)
    mem = _members(method, members)
    probs = _probs_for(levels)
    grid = _to_grid(y, name)
    _check_positive(grid, spec.name, mem, name)
    _check_length(grid, spec.name, mem, name)
    Ht = H + grid.lead
    try:
        fit = _run(grid.values, Ht, spec.name, probs if model_intervals else None, mem, **model_kw)
    except np.linalg.LinAlgError as exc:
        raise ModelError(f"{method}: numerical failure in the fit ({exc})", "fit_failed") from exc
    if not (np.all(np.isfinite(fit.point)) and (fit.knots is None or np.all(np.isfinite(fit.knots)))):
        label = f"series {name!r}: " if name is not None else ""
        raise ModelError(f"{label}{method}: the fit produced non-finite forecasts", "non_finite")
    cal_kw = {**model_kw, **fit.info.get("calibration_kw", {})}
    if cal_kw:
        fit.info["calibration_kw"] = cal_kw
    scores = calibration_scores(None, Ht, spec.name, members=mem, model_kw=cal_kw, _grid=grid) if calibrate else None
    return PreparedFit(
        spec.name,
        mem,
        name,
        grid,
        H,
        probs,
        tuple(levels),
        fit,
        scores,
        series_scale(np.log(grid.values)),
        cap_and_floor(grid.values, Ht),
    )


def finish_fit(
    prep: PreparedFit,
    table: ZTable | None = None,
    intervals: str = "auto",
    *,
    scale: float | None = None,
    label: str | None = None,
) -> ForecastResult:
    """Turn a :class:`PreparedFit` into a :class:`ForecastResult`.

    Parameters
    ----------
    prep : PreparedFit
    table : ZTable, optional
        Pooled calibration quantiles; by default the series' own errors pooled with the prior.
    intervals : {'auto', 'calibrated', 'model'}
    scale : float, optional
        Scale at the forecast origin (default: the series' own, :func:`series_scale`).
    label : str, optional
        Method label for the result (default: the method name).
    """
    knots, imethod, info = finish_knots(prep, table, intervals, scale=scale)
    grid, fit = prep.grid, prep.fit
    years = np.arange(grid.end_year + 1, grid.end_year + 1 + prep.h)
    obs = ~np.isnan(grid.values)
    fv = np.full(grid.values.size, np.nan) if fit.fitted is None else fit.fitted
    fitted = pd.Series(np.exp(fv), index=grid.years, name="fitted")
    with np.errstate(invalid="ignore"):
        resid = np.where(obs, np.log(grid.values) - fv, np.nan)
    resid = pd.Series(resid, index=grid.years, name="residual")
    return ForecastResult(
        label or prep.method, years, prep.probs, knots, prep.levels, True, fitted, resid, imethod, info
    )


_TABLE_KNOTS: dict = {}


def _table_knots(table: ZTable, H: int, probs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``table`` at ``H`` horizons interpolated to ``probs`` (cached: a panel asks the same
    question for every series)."""
    key = (table.probs.tobytes(), table.q.tobytes(), table.m.tobytes(), H, probs.tobytes())
    hit = _TABLE_KNOTS.get(key)
    if hit is None:
        if len(_TABLE_KNOTS) > 64:
            _TABLE_KNOTS.clear()
        tab = table.at(H)
        hit = _TABLE_KNOTS[key] = (_knots_at(tab.probs, tab.q, probs), tab.m)
    return hit


def finish_knots(
    prep: PreparedFit,
    table: ZTable | None = None,
    intervals: str = "auto",
    *,
    scale: float | None = None,
    describe: bool = True,
) -> tuple[np.ndarray, str, dict]:
    """The forecast years' quantile knots (log scale, columns ``prep.probs``) of
    :func:`finish_fit`, without the in-sample parts of a :class:`ForecastResult`.

    ``describe=False`` leaves out of ``info`` what only a result's reader needs (the tail cap's
    per-year rule, ``tail_cap``): a panel that keeps only the output rows saves its cost.

    Returns
    -------
    knots : ndarray, shape (h, len(prep.probs))
    interval_method : str
    info : dict
    """
    if intervals not in ("auto", "calibrated", "model"):
        raise ModelError(f"intervals must be 'auto', 'calibrated' or 'model', got {intervals!r}")
    grid, fit, probs = prep.grid, prep.fit, prep.probs
    Ht = prep.h + grid.lead
    point = fit.point
    info = dict(fit.info)
    imethod = "model"
    knots = fit.knots
    if intervals == "model" and fit.knots is None:
        raise ModelError("intervals='model' needs the model's own intervals: prepare with model_intervals=True")
    if intervals != "model":
        if table is None:
            scores = prep.scores
            if scores is None:
                scores = calibration_scores(
                    None,
                    Ht,
                    prep.method,
                    members=prep.members,
                    model_kw=prep.fit.info.get("calibration_kw"),
                    _grid=grid,
                )
            table = pool_scores([scores], probs)
        tq, m = _table_knots(table, Ht, probs)
        if fit.knots is None and intervals == "auto" and np.any(m < MIN_CALIBRATION):
            raise ModelError("thin calibration needs the model's own intervals: prepare with model_intervals=True")
        s = prep.scale if scale is None else float(scale)
        cal = point[:, None] + s * tq
        imethod = "calibrated"
        if intervals == "auto":
            thin = m < MIN_CALIBRATION
            if thin.any():
                lower = np.flatnonzero(probs < 0.5)
                upper = np.flatnonzero(probs > 0.5)
                rows = np.flatnonzero(thin)
                cal[np.ix_(rows, lower)] = np.minimum(cal[np.ix_(rows, lower)], fit.knots[np.ix_(rows, lower)])
                cal[np.ix_(rows, upper)] = np.maximum(cal[np.ix_(rows, upper)], fit.knots[np.ix_(rows, upper)])
                imethod = "calibrated+model" if thin.all() else "calibrated(+model where thin)"
        info["calibration_counts"] = [int(v) if np.isfinite(v) else None for v in m[grid.lead :]]
        info["scale"] = s
        knots = cal
    knots = widening(point, knots, probs)
    cap, floor = prep.bounds if prep.bounds is not None else cap_and_floor(grid.values, Ht)
    knots = cap_knots(knots, probs, point, cap, True, floor)
    knots = _order_knots(point, knots, probs)
    if cap is not None and describe:
        info["tail_cap"] = tail_cap_info(grid, cap, np.exp(point))
    return knots[grid.lead :], imethod, info


def widening(point: np.ndarray, knots: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """Quantile knots (log scale, rows the years ahead) whose distance from the point forecast
    never shrinks from one year to the next: a later year is never known better than an
    earlier one. Where the pooled errors are few (a small panel, a long horizon) their
    quantiles can dip at a horizon; each bound is then held at its widest so far."""
    if knots is None or knots.shape[0] < 2:
        return knots
    width = knots - point[:, None]
    upper, lower = probs > 0.5, probs < 0.5
    width[:, upper] = np.maximum.accumulate(width[:, upper], axis=0)
    width[:, lower] = np.minimum.accumulate(width[:, lower], axis=0)
    return point[:, None] + width


def tail_cap_info(grid: _Grid, cap: np.ndarray, point: np.ndarray) -> dict:
    """What a result's ``info["tail_cap"]`` says of the cap on its upper bounds
    (:mod:`.tails`), so that a page can say which bounds it holds and why.

    Keys: ``cap`` (one per forecast year, original scale, raised to the point forecast where
    that lies above it, as applied), ``rule`` (one per forecast year: ``"multiple"`` where the
    cap is ``multiple * max``, ``"rise"`` where it is the last level times the series' own
    largest rise, ``"point"`` where it was raised to the point forecast), ``max`` and
    ``max_year`` (the largest observed value and its year) and ``multiple``
    (:data:`.tails.TAIL_MULTIPLE`).
    """
    from . import tails

    obs = np.flatnonzero(~np.isnan(grid.values))
    i = obs[np.argmax(grid.values[obs])]
    mx, mult = float(grid.values[i]), tails.TAIL_MULTIPLE
    applied = np.maximum(cap, point)[grid.lead :]
    by_multiple = mult is not None and np.isclose(cap[grid.lead :], mult * mx, rtol=1e-9, atol=0.0)
    rule = np.where(point[grid.lead :] > cap[grid.lead :], "point", np.where(by_multiple, "multiple", "rise"))
    return {
        "cap": [float(v) for v in applied],
        "rule": [str(r) for r in rule],
        "max": mx,
        "max_year": int(grid.years[i]),
        "multiple": mult,
    }


def fit_forecast(
    y,
    h: int,
    method: str = DEFAULT_METHOD,
    levels: Sequence[float] = LEVELS,
    *,
    intervals: str = "auto",
    table: ZTable | None = None,
    members: Sequence[str] | None = None,
    name: str | None = None,
    **model_kw,
) -> ForecastResult:
    """Fit one model to one annual series and forecast ``h`` years.

    Parameters
    ----------
    y : pandas.Series
        Positive values indexed by integer year; missing years allowed (``NaN`` or absent).
    h : int
        Horizon in years (> 0). Forecast years continue the index.
    method : str
        A name in :data:`MODELS` (default :data:`DEFAULT_METHOD`).
    levels : sequence of float
        Interval levels in percent (default 80 and 95).
    intervals : {'auto', 'calibrated', 'model'}
        How intervals are made (see the module docstring).
    table : ZTable, optional
        Pooled calibration quantiles to use instead of the series' own errors (a panel passes
        its pooled table here).
    members : sequence of str, optional
        Members of ``combo`` (default :data:`COMBO_MEMBERS`).
    name : str, optional
        Series name used in error messages.
    **model_kw
        Passed to the model (e.g. ``min_segment`` for ``piecewise``).

    Returns
    -------
    ForecastResult

    Raises
    ------
    ModelError
        Non-numeric values, duplicate years, too short, non-positive values, bad horizon,
        unknown method, unknown ``intervals``.
    """
    if intervals not in ("auto", "calibrated", "model"):
        raise ModelError(f"intervals must be 'auto', 'calibrated' or 'model', got {intervals!r}")
    prep = prepare_fit(
        y, h, method, levels, members=members, name=name, calibrate=(intervals != "model" and table is None), **model_kw
    )
    return finish_fit(prep, table, intervals)


#: Floors of the level fallback's spread of yearly changes, as fractions of the series' mean
#: absolute change and of the mean absolute level of its last three years: the 5th percentiles
#: over the training parts of M1 and Tourism (``bench/level_floor.py``; no series is taken to be
#: more regular than 19 in 20 of those). Without them a series that rose by the same amount
#: every year got intervals of zero width.
LEVEL_SD_FLOOR = (0.54, 0.019)


def level_fallback(y, h: int, levels: Sequence[float] = LEVELS, *, name: str | None = None) -> ForecastResult:
    """Random walk with drift on the original scale, with its own Gaussian intervals.

    The fallback for series that a log model cannot take (zero or negative values). Needs
    three observed years. The spread of the yearly changes is at least ``LEVEL_SD_FLOOR`` of
    the series' mean absolute change or of its recent level, whichever is larger.

    Returns
    -------
    ForecastResult
        ``log_scale=False``, ``method='rwd-level (fallback)'``.
    """
    H = _check_h(h)
    probs = _probs_for(levels)
    grid = _to_grid(y, name)
    if grid.n_obs < 3:
        label = f"series {name!r}: " if name is not None else ""
        raise ModelError(
            f"{label}too short for the level fallback: {grid.n_obs} observed years, need at least 3",
            "too_short",
            n=grid.n_obs,
            need=3,
        )
    Ht = H + grid.lead
    pos = np.flatnonzero(~np.isnan(grid.values))
    obs = grid.values[pos]
    per_year = np.abs(np.diff(obs)) / np.diff(pos)  # a change over a gap of missing years, per year
    min_sd = max(LEVEL_SD_FLOOR[0] * float(np.mean(per_year)), LEVEL_SD_FLOOR[1] * float(np.mean(np.abs(obs[-3:]))))
    point, knots, fitted, info = _rw_drift(grid.values, Ht, probs, min_sigma=min_sd)
    cap = upper_cap(grid.values, Ht)
    knots = cap_knots(knots, probs, point, cap, log=False)
    knots = floor_at_zero(_order_knots(point, knots, probs), grid.values)
    if cap is not None:
        info = {**info, "tail_cap": tail_cap_info(grid, cap, point)}
    years = np.arange(grid.end_year + 1, grid.end_year + 1 + H)
    fitted_s = pd.Series(fitted, index=grid.years, name="fitted")
    resid = pd.Series(grid.values - fitted, index=grid.years, name="residual")
    return ForecastResult(
        "rwd-level (fallback)", years, probs, knots[grid.lead :], tuple(levels), False, fitted_s, resid, "model", info
    )


def _order_knots(point: np.ndarray, knots: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """Force the median knot to the point forecast and the knots to be ordered."""
    k = knots.copy()
    mid = int(np.argmin(np.abs(probs - 0.5)))
    k[:, mid] = point
    k[:, :mid] = np.minimum(k[:, :mid], point[:, None])
    k[:, mid + 1 :] = np.maximum(k[:, mid + 1 :], point[:, None])
    k[:, : mid + 1] = np.minimum.accumulate(k[:, : mid + 1][:, ::-1], axis=1)[:, ::-1]
    k[:, mid:] = np.maximum.accumulate(k[:, mid:], axis=1)
    return k
