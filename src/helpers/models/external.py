"""Members taken from statsforecast: AutoETS, DynamicOptimizedTheta, AutoCES and AutoARIMA.

Each adapter has the signature of the kernels of :mod:`helpers.models.kernels`
(``fit(values_on_grid, H, probs) -> _Fit``) and is registered in :data:`MODELS` like them, so
it can be fitted alone, combined in ``combo`` and calibrated from rolling-origin errors by the
project's own code (statsforecast's own intervals are kept only as the model-based intervals).

- The models are fitted to the values on the **original scale**, as statsforecast's own
  benchmarks do (AutoETS may then choose multiplicative error or trend); the registry converts
  the forecasts to the log scale for combinations (floored at ``RWD_FLOOR`` times the last
  value, like the other level-scale models).
- Each series is fitted divided by its mean (:func:`unit_scale`) and the forecasts multiplied
  back, so that a member's forecasts do not depend on the units of the series.
- statsforecast models need consecutive values: a missing year inside the series is filled by
  log-linear interpolation between its neighbours before the fit (stated in ``info``), the
  only place where the project fills a gap for a model.
- statsforecast is imported on first use, so that importing :mod:`helpers.models` (and
  ``laocai --help``) stays fast.
"""

from __future__ import annotations

import contextlib
import warnings

import numpy as np

from .base import ModelError, _Fit, _interp

_CACHE: dict = {}


def _sf_models():
    if "m" not in _CACHE:
        try:
            from statsforecast import models as sfm
        except ImportError as exc:  # pragma: no cover - a broken install
            raise ModelError(f"statsforecast is not installed ({exc}); pip install 'statsforecast>=2,<3'") from exc
        _CACHE["m"] = sfm
    return _CACHE["m"]


def warm_up(names) -> None:
    """Compile (or load from numba's cache) the project's ETS sums and the statsforecast models
    in ``names`` once, in this process: a panel calls it before starting its worker processes, which then
    inherit the compiled code instead of compiling it each."""
    from .kernels import _GRID_DAMPED, _ets_sums

    y0 = np.log(np.array([1.0, 1.1, np.nan, 1.3]))
    _ets_sums(y0, *_GRID_DAMPED, True)  # the compiled ETS sums (numba), used by ses, theta, damped
    fits = {"sf_ets": _fit_sf_ets, "sf_dotm": _fit_sf_dotm, "sf_ces": _fit_sf_ces, "sf_arima": _fit_sf_arima}
    y = np.exp(0.05 * np.arange(12.0) + 0.02 * np.sin(np.arange(12.0)))
    for n in names:
        if n in fits:
            with contextlib.suppress(ModelError):
                fits[n](y, 2, np.array([0.025, 0.1, 0.5, 0.9, 0.975]))


def _levels(probs: np.ndarray | None) -> list[int | float]:
    if probs is None:
        return []
    lv = {round(100 * (1 - 2 * p), 9) for p in probs if p < 0.5}
    return sorted(int(v) if float(v).is_integer() else v for v in lv)


def _fill(y: np.ndarray) -> tuple[np.ndarray, int]:
    """Consecutive positive values: interior missing years filled log-linearly."""
    miss = int(np.isnan(y).sum())
    if not miss:
        return np.ascontiguousarray(y, dtype=np.float64), 0
    return np.exp(_interp(np.log(y))), miss


def unit_scale(v: np.ndarray) -> float:
    """The number a series is divided by before a statsforecast fit: the mean of its values.

    statsforecast's optimisers start from and stop at fixed numbers (DOTM's initial level is
    bounded by 1e10, its tolerances are absolute), so their forecasts depend on the units of
    the series: on the M1 yearly training part, the same series in thousands gave DOTM
    forecasts up to 21% apart, and values near 1e200 could not be fitted at all. Fitted to the
    series over its mean, a member's forecasts in other units are the same forecasts in those
    units, as those of every other model of the project are.
    """
    s = float(np.mean(v))
    return s if np.isfinite(s) and s > 0 else 1.0


def _run_sf(make, y: np.ndarray, H: int, probs: np.ndarray | None, name: str) -> _Fit:
    v, filled = _fill(np.asarray(y, float))
    unit = unit_scale(v)
    levels = _levels(probs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with np.errstate(all="ignore"):
                r = make().forecast(y=v / unit, h=H, level=levels or None, fitted=probs is not None)
        except Exception as exc:  # noqa: BLE001  # statsforecast also raises bare Exception ("no model able ...")
            raise ModelError(
                f"{name}: statsforecast could not fit the series ({type(exc).__name__}: {exc})", "fit_failed"
            ) from exc
    point = unit * np.asarray(r["mean"], float)
    if not np.all(np.isfinite(point)):
        raise ModelError(f"{name}: statsforecast returned non-finite forecasts", "non_finite")
    knots = None
    if probs is not None:
        knots = np.empty((H, probs.size))
        for k, p in enumerate(probs):
            if abs(p - 0.5) < 1e-12:
                knots[:, k] = point
                continue
            lv = round(100 * (1 - 2 * min(p, 1 - p)), 9)
            lv = int(lv) if float(lv).is_integer() else lv
            knots[:, k] = unit * np.asarray(r[f"{'lo' if p < 0.5 else 'hi'}-{lv}"], float)
        knots = np.where(np.isfinite(knots), knots, point[:, None])
    fitted = unit * np.asarray(r["fitted"], float) if "fitted" in r else np.full(v.size, np.nan)
    fitted = np.where(np.isnan(y), np.nan, fitted)
    return _Fit(point, knots, fitted, log=False, info={"filled_years": filled} if filled else {})


def _fit_sf_ets(y, H, probs):
    sfm = _sf_models()
    return _run_sf(lambda: sfm.AutoETS(season_length=1), y, H, probs, "sf_ets")


def _fit_sf_dotm(y, H, probs):
    sfm = _sf_models()
    return _run_sf(lambda: sfm.DynamicOptimizedTheta(season_length=1), y, H, probs, "sf_dotm")


#: Fewest years for which AutoCES is asked for its own intervals: it draws them by simulation,
#: about 60 ms a series from 10 years on, but some 4 s a series below (statsforecast 2.1).
CES_INTERVAL_MIN_OBS = 10


def _fit_sf_ces(y, H, probs):
    n = int(np.sum(~np.isnan(np.asarray(y, float))))
    if probs is not None and n < CES_INTERVAL_MIN_OBS:
        raise ModelError(
            f"sf_ces: its own intervals need at least {CES_INTERVAL_MIN_OBS} years ({n} observed)",
            "too_short",
            n=n,
            need=CES_INTERVAL_MIN_OBS,
        )
    sfm = _sf_models()
    return _run_sf(lambda: sfm.AutoCES(season_length=1), y, H, probs, "sf_ces")


def _fit_sf_arima(y, H, probs):
    sfm = _sf_models()
    return _run_sf(lambda: sfm.AutoARIMA(season_length=1), y, H, probs, "sf_arima")
