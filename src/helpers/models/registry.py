"""The model registry (``MODELS``): each method's specification, its members for combinations, minimum length, and the dispatcher that runs a method on a series."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from . import base
from .base import COMBO_AGG, COMBO_MEMBERS, RWD_FLOOR, ModelError, _Fit, _Grid
from .external import _fit_sf_arima, _fit_sf_ces, _fit_sf_dotm, _fit_sf_ets
from .kernels import (
    _fit_arima,
    _fit_damped,
    _fit_llt,
    _fit_loglinear,
    _fit_naive,
    _fit_otheta,
    _fit_piecewise,
    _fit_rwd,
    _fit_rwd_log,
    _fit_rwd_log_med,
    _fit_rwd_med,
    _fit_rwd_shrunk,
    _fit_ses,
    _fit_theta,
    _point_naive,
    _point_rwd,
    _point_rwd_med,
    _point_rwd_shrunk,
    _point_ses,
)
from .pooled import MIN_OBS as _POOLED_MIN_OBS
from .pooled import _fit_pooled, _point_pooled


@dataclass(frozen=True)
class ModelSpec:
    """One entry of :data:`MODELS`.

    Attributes
    ----------
    name : str
    fit : callable or None
        ``fit(values_on_grid, H, probs) -> _Fit``; ``None`` for the combination.
    log : bool
        Whether the model is fitted to log values (needs positive values).
    min_obs : int
        Fewest observed years the model accepts.
    fast : bool
        A numpy implementation, cheap enough for panels of thousands of series.
    description : str
    point : callable or None
        ``point(values_on_grid, H) -> ndarray``: the point forecasts of ``fit`` alone (the same
        numbers, on the model's scale) without its intervals and fitted values, for the
        rolling-origin refits that need nothing else; ``None``: ``fit`` serves.
    """

    name: str
    fit: Callable | None
    log: bool
    min_obs: int
    fast: bool
    description: str
    point: Callable | None = None


MODELS: dict[str, ModelSpec] = {
    s.name: s
    for s in [
        ModelSpec("naive", _fit_naive, True, 2, True, "random walk of log values", _point_naive),
        ModelSpec("rwd", _fit_rwd, False, 3, True, "random walk with drift, original scale (benchmark)", _point_rwd),
        ModelSpec("rwd_log", _fit_rwd_log, True, 3, True, "random walk with drift of log values", _point_rwd),
        ModelSpec(
            "rwd_med",
            _fit_rwd_med,
            False,
            3,
            True,
            "random walk with the median yearly change as drift, original scale",
            _point_rwd_med,
        ),
        ModelSpec(
            "rwd_shrunk",
            _fit_rwd_shrunk,
            False,
            3,
            True,
            "random walk with drift shrunk towards zero by its t-ratio, original scale",
            _point_rwd_shrunk,
        ),
        ModelSpec(
            "rwd_log_med",
            _fit_rwd_log_med,
            True,
            3,
            True,
            "random walk of log values with the median yearly log growth as drift",
            _point_rwd_med,
        ),
        ModelSpec("ses", _fit_ses, True, 3, True, "simple exponential smoothing of log values", _point_ses),
        ModelSpec(
            "pooled",
            _fit_pooled,
            True,
            _POOLED_MIN_OBS,
            True,
            "log growth from one regression pooled over many yearly series (median and mean yearly growth)",
            _point_pooled,
        ),
        ModelSpec("theta", _fit_theta, True, 4, True, "classic Theta method on log values"),
        ModelSpec(
            "otheta", _fit_otheta, True, 4, True, "Theta method on log values, theta coefficient chosen in-sample"
        ),
        ModelSpec("damped", _fit_damped, True, 5, True, "damped additive trend exponential smoothing of log values"),
        ModelSpec("loglinear", _fit_loglinear, True, 4, True, "log-linear trend, OLS with Newey-West standard errors"),
        ModelSpec("piecewise", _fit_piecewise, True, 4, True, "hinged log-linear trend, break chosen by BIC"),
        ModelSpec("llt", _fit_llt, True, 5, False, "local linear trend (UnobservedComponents)"),
        ModelSpec("arima", _fit_arima, True, 6, False, "ARIMA(p,1,q) with drift (SARIMAX)"),
        ModelSpec("sf_ets", _fit_sf_ets, False, 7, True, "AutoETS (statsforecast), original scale"),
        ModelSpec("sf_dotm", _fit_sf_dotm, False, 5, True, "DynamicOptimizedTheta (statsforecast), original scale"),
        ModelSpec(
            "sf_ces",
            _fit_sf_ces,
            False,
            5,
            True,
            "AutoCES, complex exponential smoothing (statsforecast), original scale",
        ),
        ModelSpec("sf_arima", _fit_sf_arima, False, 4, False, "AutoARIMA (statsforecast), original scale"),
        ModelSpec("combo", None, True, 4, True, f"{COMBO_AGG} of " + ", ".join(COMBO_MEMBERS)),
    ]
}


def _spec(method: str) -> ModelSpec:
    if not isinstance(method, str) or method not in MODELS:
        raise ModelError(f"unknown method {method!r}; choose one of {sorted(MODELS)}")
    return MODELS[method]


def _members(method: str, members: Sequence[str] | None) -> tuple[str, ...]:
    if method != "combo":
        return ()
    mem = tuple(members) if members else COMBO_MEMBERS
    for m in mem:
        if m == "combo" or m not in MODELS:
            raise ModelError(
                f"combo member {m!r} is not a model; choose from {sorted(k for k in MODELS if k != 'combo')}"
            )
    return mem


def _min_obs(method: str, members: Sequence[str] = ()) -> int:
    if method == "combo":
        return max(MODELS[m].min_obs for m in members)
    return MODELS[method].min_obs


def _needs_log(method: str, members: Sequence[str] = ()) -> bool:
    if method == "combo":
        return True
    return MODELS[method].log


def _as_log(fit: _Fit, last_level: float) -> _Fit:
    """Express a level-scale fit on the log scale (floored at RWD_FLOOR x last value)."""
    if fit.log:
        return fit
    floor = RWD_FLOOR * last_level
    with np.errstate(invalid="ignore"):
        knots = None if fit.knots is None else np.log(np.maximum(fit.knots, floor))
        return _Fit(np.log(np.maximum(fit.point, floor)), knots, np.log(np.maximum(fit.fitted, floor)), True, fit.info)


#: The log-scale model that takes the place of an original-scale member fallen to the floor
#: (``helpers.models.base.FLOORED_MEMBER = "log"``).
LOG_COUNTERPART = {"rwd": "rwd_log", "rwd_med": "rwd_log_med"}


def _floored_member() -> str:
    """:data:`helpers.models.base.FLOORED_MEMBER`, read at each call and checked."""
    how = base.FLOORED_MEMBER
    if how not in ("drop", "log"):
        raise ModelError(f"FLOORED_MEMBER must be 'drop' or 'log', got {how!r}")
    return how


def _falls(values: np.ndarray, H: int, member: str, fit: _Fit, floor: float) -> bool:
    """True when the path of an original-scale member reaches ``floor`` within its first
    :data:`helpers.models.base.FLOOR_LOOKAHEAD` years, however many are asked (its path is
    extended for the test when fewer are): the same members for every horizon."""
    look = base.FLOOR_LOOKAHEAD
    if np.any(fit.point[:look] <= floor):
        return True
    if look <= H:
        return False
    return bool(np.any(_run(values, look, member, None, point_only=True).point <= floor))


def _run(
    values: np.ndarray,
    H: int,
    method: str,
    probs: np.ndarray,
    members: Sequence[str] = (),
    point_only: bool = False,
    **kw,
) -> _Fit:
    """Fit ``method`` on positive level values on a grid; return a log-scale fit.

    (Level-scale models are converted to the log scale.) ``point_only`` (with ``probs``
    ``None``): only the point forecasts are wanted, as by rolling-origin refits; the returned
    fit has no knots or fitted values and no info beyond the combination's dropped or
    replaced members.
    """
    last = values[np.flatnonzero(~np.isnan(values))[-1]]
    if method == "combo":
        fits = [_run(values, H, m, probs, point_only=point_only) for m in members]
        # A level-scale member whose path falls to the floor (a linear decline crossing zero)
        # is the wrong model for this series: if others remain, it leaves the combination
        # (info "members_dropped") or, with base.FLOORED_MEMBER = "log", the same model on log
        # values takes its place (info "members_replaced"). When every member falls, all stay.
        floor = np.log(RWD_FLOOR * last) + 1e-9
        out = [not MODELS[m].log and _falls(values, H, m, f, floor) for m, f in zip(members, fits)]
        dropped = [m for m, o in zip(members, out) if o]
        replaced = {}
        if dropped and len(dropped) < len(members):
            if _floored_member() == "log":  # the same model on log values takes its place,
                # unless it is a member already (it would count twice)
                replaced = {
                    m: LOG_COUNTERPART[m] for m in dropped if m in LOG_COUNTERPART and LOG_COUNTERPART[m] not in members
                }
                dropped = [m for m in dropped if m not in replaced]
                fits = [
                    _run(values, H, replaced[m], probs, point_only=point_only) if m in replaced else f
                    for m, f in zip(members, fits)
                ]
                members = tuple(replaced.get(m, m) for m in members)
            keep = [m not in dropped for m in members]
            members = tuple(m for m, k in zip(members, keep) if k)
            fits = [f for f, k in zip(fits, keep) if k]
        else:
            dropped = []
        P = np.stack([f.point for f in fits])
        agg = np.mean if COMBO_AGG == "mean" else np.median
        info = {"members_dropped": dropped} if dropped else {}
        if replaced:
            info["members_replaced"] = replaced
        if probs is None:  # point forecasts only (calibration, backtests)
            return _Fit(agg(P, axis=0), None, None, True, info)
        K = np.stack([f.knots for f in fits])
        F = np.stack([f.fitted for f in fits])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            fitted = np.nanmean(F, axis=0) if COMBO_AGG == "mean" else np.nanmedian(F, axis=0)
        return _Fit(
            agg(P, axis=0),
            agg(K, axis=0),
            fitted,
            True,
            {"members": list(members), "member_forecasts_log": {m: f.point for m, f in zip(members, fits)}, **info},
        )
    spec = MODELS[method]
    v = np.log(values) if spec.log else values
    if point_only and probs is None and not kw:
        point = spec.point(v, H) if spec.point is not None else spec.fit(v, H, None).point
        if not spec.log:
            with np.errstate(invalid="ignore"):
                point = np.log(np.maximum(point, RWD_FLOOR * last))
        return _Fit(point, None, None, True, {})
    return _as_log(spec.fit(v, H, probs, **kw), last)


def _check_positive(grid: _Grid, method: str, members: Sequence[str], name) -> None:
    if _needs_log(method, members) or method == "rwd":
        obs = grid.values[~np.isnan(grid.values)]
        if np.any(obs <= 0):
            bad = [int(yr) for yr, v in zip(grid.years, grid.values) if v <= 0][:5]
            label = f"series {name!r}: " if name is not None else ""
            raise ModelError(
                f"{label}non-positive values in years {bad}: method {method!r} "
                "works on log values and needs every value > 0",
                "non_positive",
                years=bad,
            )


def _check_length(grid: _Grid, method: str, members: Sequence[str], name) -> None:
    need = _min_obs(method, members)
    if grid.n_obs < need:
        label = f"series {name!r}: " if name is not None else ""
        raise ModelError(
            f"{label}too short for {method!r}: {grid.n_obs} observed years, need at least {need}",
            "too_short",
            n=grid.n_obs,
            need=need,
        )
