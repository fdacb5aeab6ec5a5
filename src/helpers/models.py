"""Trend and forecast models of one annual series, behind one interface.

Every model takes a :class:`pandas.Series` of positive values indexed by integer year,
possibly with missing years (``NaN`` values or years absent inside the range), and returns a
:class:`ForecastResult` with point forecasts and 80% and 95% intervals on the original scale::

    from helpers.models import fit_forecast
    res = fit_forecast(series, h=5)              # DEFAULT_METHOD, calibrated intervals
    res.frame                                    # year, forecast, lo_80, hi_80, lo_95, hi_95
    draws = res.sample(10_000, np.random.default_rng(1))   # (10000, 5), original scale

Models (``MODELS``)
-------------------
``naive``      random walk of the log values (no drift).
``rwd``        random walk with drift on the original scale (the classic benchmark: a straight
               line through the first and last observation, continued).
``rwd_log``    random walk with drift of the log values (constant growth from the last value).
``rwd_med``    random walk with drift on the original scale, the drift being the median of the
               yearly changes (robust to a few jumps).
``rwd_shrunk`` random walk with drift on the original scale, the drift shrunk towards zero by
               ``t**2 / (t**2 + 1)``, ``t`` its ratio to its standard error.
``rwd_log_med`` random walk of the log values with the median yearly log growth as drift.
``ses``        simple exponential smoothing of the log values.
``theta``      classic Theta method (SES plus half the slope of the linear trend) on the log
               values.
``otheta``     Theta method on the log values with the theta coefficient (1 to 5) chosen by the
               in-sample one-step error.
``damped``     damped additive trend exponential smoothing (ETS(A,Ad,N)) of the log values.
``loglinear``  log-linear trend, OLS with Newey-West (HAC) standard errors.
``piecewise``  broken (continuous, hinged) log-linear trend; a break is kept only if it lowers
               the BIC, with at least ``min_segment`` observed years on each side.
``llt``        local linear trend (statsmodels ``UnobservedComponents``) of the log values.
``arima``      ARIMA(p,1,q) with drift of the log values (statsmodels ``SARIMAX``, trend 'c'),
               (p, q) in {(0,0), (1,0), (0,1)} chosen by AICc.
``combo``      median, year by year, of the log forecasts of ``COMBO_MEMBERS``.

``naive``, the four random walks with drift, ``ses``, ``theta``, ``otheta``, ``damped``,
``loglinear``, ``piecewise`` and ``combo`` are small numpy implementations (a fit takes well under a millisecond to a few
milliseconds); ``llt`` and ``arima`` use statsmodels state-space models and are meant for
single series.

Missing years
-------------
The series is placed on a complete grid of years from its first to its last observed year,
with ``NaN`` for the missing ones. The recursive models (SES, Theta's SES, damped trend) skip a
missing year the way a Kalman filter does: the state is propagated through it with no update,
so no value is invented, and the first error after a gap counts as the multi-step error it is
(weighted by the inverse of its variance factor in the fit); statsmodels' ``ETSModel`` would
instead return ``NaN`` silently, which is why it is not used. Random walks use the exact gap-aware estimates (the drift is the change
per year between first and last observation; each increment over a gap of ``g`` years is
scaled by ``1/sqrt(g)``). Regressions use the observed years only. ``llt`` and ``arima`` get
``NaN`` for missing years, which their Kalman filter handles. Years missing at the end of the
index are bridged: forecasts are made from the last observed year, and the reported years
continue the index.

Log scale and back-transform
----------------------------
All models except ``rwd`` are fitted to log values. The point forecast reported in
``forecast`` is the **median** of the predictive distribution, ``exp`` of the log-scale point
forecast: it is consistent with the quantile intervals (which also transform by ``exp``). The
mean, which needs the lognormal correction ``exp(mu + sigma**2 / 2)`` in the Gaussian case,
is available from :meth:`ForecastResult.mean`. ``rwd`` forecasts are floored at 1e-3 times
the last value so that it can be combined on the log scale.

Intervals
---------
Each model has its own (model-based) intervals: Student-t or Gaussian on the log scale with
the usual variance formulas (parameter uncertainty of the drift or of the regression
coefficients included where the model has them). Those are known to be too narrow for short
annual series, so the default (``intervals="auto"``) replaces them by **calibrated**
intervals, built from the model's own out-of-sample errors:

1. Rolling origins: for every horizon ``j`` the ``N_ORIGINS`` (4) most recent origins of the
   series whose ``j``-step-ahead year is observed (and which leave at least ``MIN_TRAIN`` (3)
   observations, or the model's minimum, for the fit) give one log error each.
2. Each error is divided by the series' scale at its origin,
   ``s = (mean |diff(log y)| over the last SCALE_WINDOW (10) years) ** SCALE_POWER (0.5)``.
   The square root is a partial standardisation: the interval width grows with the series'
   volatility, but less than proportionally, which on the training parts of the benchmarks
   gave far better MSIS than a full or no standardisation.
3. The standardised errors are pooled (over the series of a panel, or of the one series) and
   their empirical quantiles per horizon are blended with a prior table
   (:func:`default_z_table`, the same quantity pooled over the training parts of the M1 and
   Tourism yearly sets for ``DEFAULT_METHOD``) with weights ``m / (m + PRIOR_WEIGHT)`` and
   ``PRIOR_WEIGHT / (m + PRIOR_WEIGHT)``, ``m`` the number of errors at that horizon,
   ``PRIOR_WEIGHT`` = 50.
4. The interval is ``exp(log point + s * q)``, with ``s`` the scale at the forecast origin.
5. When fewer than ``MIN_CALIBRATION`` (50) errors exist at a horizon (a single short series,
   or a small panel), the interval is the union of the calibrated and the model-based
   interval, so it is never narrower than what the model itself implies.

``intervals="calibrated"`` skips step 5, ``intervals="model"`` keeps the model's own intervals.
For methods other than ``DEFAULT_METHOD`` the prior table is still that of the default method,
so a lone short series gets roughly the default method's widths (step 5 then matters).

Predictive distribution and sampling
------------------------------------
The predictive distribution of each year is defined by its quantile knots (probabilities
0.025, 0.1, 0.5, 0.9, 0.975 for the default levels) on the log scale, joined piecewise
linearly in the normal score ``z = Phi^-1(p)`` and extended linearly beyond the outer knots.
For a Gaussian (knots linear in ``z``) this is exactly the Gaussian. :meth:`ForecastResult.sample`
draws paths through a Gaussian copula whose correlation between horizons ``i`` and ``j`` is
``sqrt(min(i, j) / max(i, j))`` (that of a random walk), then maps each margin through its
quantile function and back-transforms.

Choice of the default (evidence, not taste)
-------------------------------------------
``DEFAULT_METHOD = "combo"`` with ``COMBO_MEMBERS = ("naive", "theta", "rwd_med")``, aggregated
by the median, year by year, of the log forecasts (a no-trend forecast, a damped log trend and
a linear trend with a robust drift: the median keeps the middle one). Rule (training parts
only): on the M1 yearly (h = 6) and Tourism yearly (h = 4) training parts, hold out ``h`` years
of every series and forecast them from the years before (calibration also from those years
only), three times: the last ``h`` years, then the ``h`` years ending one year earlier, then two
years earlier. Score every candidate (1890 in all: each fast model; the mean and the median of
every 2 to 4 of ``naive, ses, rwd, rwd_log, theta, damped, loglinear, piecewise, rwd_med,
rwd_shrunk, rwd_log_med, otheta``; combinations counting ``rwd`` twice; means on the original
scale of ``rwd`` with one or two others; a per-series choice between ``rwd`` and 1 to 3 other
models by the series' own rolling-origin errors) by
``mean over the two sets of (sMAPE / sMAPE_rwd + MSIS / MSIS_rwd) / 2``, each metric averaged
over the three windows, ``rwd`` being the random walk with drift on the same holdouts. The
lowest score is the default. ``python bench/forecast_bench.py --select`` reruns the rule;
bench/RESULTS.md records its output and its history (the earlier rules and defaults, which
were scored on the test parts before this selection).

Errors
------
:class:`ModelError` (a ``ValueError``) names the reason: non-numeric values, duplicate or
non-integer years, a series too short for the model, non-positive values for a log model,
a horizon <= 0, an unknown method.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np
import pandas as pd
from scipy import stats

__all__ = [
    "LEVELS",
    "DEFAULT_METHOD",
    "COMBO_MEMBERS",
    "MODELS",
    "ModelError",
    "ModelSpec",
    "ForecastResult",
    "ZTable",
    "PreparedFit",
    "fit_forecast",
    "prepare_fit",
    "finish_fit",
    "level_fallback",
    "point_forecast",
    "calibration_scores",
    "series_scale",
    "pool_scores",
    "default_z_table",
    "lognormal_result",
]

LEVELS: tuple[int, ...] = (80, 95)
DEFAULT_METHOD = "combo"
COMBO_MEMBERS: tuple[str, ...] = ("naive", "theta", "rwd_med")

N_ORIGINS = 4
MIN_TRAIN = 3
SCALE_WINDOW = 10
SCALE_POWER = 0.5
SCALE_FLOOR = 1e-6
PRIOR_WEIGHT = 50.0
MIN_CALIBRATION = 50
RWD_FLOOR = 1e-3


class ModelError(ValueError):
    """A series or a request that a model cannot handle; the message says why."""


# --------------------------------------------------------------------------------------
# Input handling
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Grid:
    """A series on a complete grid of years (first to last observed year)."""

    years: np.ndarray  # int64, consecutive
    values: np.ndarray  # float, NaN where missing
    end_year: int  # last year of the input index (may be after the last observed year)

    @property
    def observed(self) -> np.ndarray:
        return ~np.isnan(self.values)

    @property
    def n_obs(self) -> int:
        return int(self.observed.sum())

    @property
    def lead(self) -> int:
        """Years between the last observed year and the end of the input index."""
        return int(self.end_year - self.years[-1])


def _to_grid(y, name: str | None = None) -> _Grid:
    """Validate ``y`` and place it on a complete grid of years."""
    label = f"series {name!r}: " if name is not None else ""
    if isinstance(y, pd.DataFrame):
        raise ModelError(f"{label}expected a Series indexed by year, got a DataFrame")
    if not isinstance(y, pd.Series):
        try:
            y = pd.Series(y)
        except Exception as exc:  # noqa: BLE001
            raise ModelError(f"{label}cannot read the series: {exc}") from exc
    if len(y) == 0:
        raise ModelError(f"{label}too short: the series is empty")
    idx = pd.to_numeric(pd.Index(y.index), errors="coerce")
    idx_f = np.asarray(idx, dtype=float)
    if np.isnan(idx_f).any() or not np.all(np.isfinite(idx_f)) or np.any(idx_f != np.round(idx_f)):
        bad = [v for v, f in zip(y.index, idx_f) if not (np.isfinite(f) and f == round(f))][:5]
        raise ModelError(f"{label}the index must be integer years; bad entries: {bad}")
    years = idx_f.astype(np.int64)
    if len(np.unique(years)) != len(years):
        dup = sorted({int(v) for v in years[pd.Series(years).duplicated().to_numpy()]})
        raise ModelError(f"{label}duplicate years {dup[:10]}")
    raw = y.to_numpy(dtype=object)
    vals = pd.to_numeric(pd.Series(raw), errors="coerce").to_numpy(dtype=float)
    was_missing = pd.isna(pd.Series(raw)).to_numpy()
    nonnum = np.isnan(vals) & ~was_missing
    if nonnum.any():
        bad = [(int(yr), raw[i]) for i, yr in enumerate(years) if nonnum[i]][:5]
        raise ModelError(f"{label}non-numeric values (year, value): {bad}")
    if np.isinf(vals).any():
        bad = [int(yr) for yr, v in zip(years, vals) if np.isinf(v)][:5]
        raise ModelError(f"{label}infinite values in years {bad}")
    order = np.argsort(years)
    years, vals = years[order], vals[order]
    end_year = int(years[-1])
    obs = ~np.isnan(vals)
    if not obs.any():
        raise ModelError(f"{label}too short: no observed values")
    first, last = years[obs][0], years[obs][-1]
    grid_years = np.arange(first, last + 1, dtype=np.int64)
    grid = np.full(grid_years.size, np.nan)
    keep = obs
    grid[years[keep] - first] = vals[keep]
    return _Grid(grid_years, grid, end_year)


def _check_h(h) -> int:
    if isinstance(h, bool) or not isinstance(h, (int, np.integer)):
        try:
            hf = float(h)
        except (TypeError, ValueError):
            raise ModelError(f"horizon must be a positive integer, got {h!r}") from None
        if not hf.is_integer():
            raise ModelError(f"horizon must be a positive integer, got {h!r}")
        h = int(hf)
    if h <= 0:
        raise ModelError(f"horizon must be a positive integer, got {h}")
    return int(h)


def _probs_for(levels: Sequence[float]) -> np.ndarray:
    lv = []
    for level in levels:
        level = float(level)
        if not 0 < level < 100:
            raise ModelError(f"interval levels must lie strictly between 0 and 100, got {level}")
        lv.append(level)
    lo = [(1 - v / 100) / 2 for v in lv]
    p = sorted(set(np.round(lo + [0.5] + [1 - q for q in lo], 12)))
    return np.array(p)


def _level_name(level: float) -> str:
    return f"{int(level)}" if float(level).is_integer() else f"{level:g}".replace(".", "_")


# --------------------------------------------------------------------------------------
# Small numerical pieces
# --------------------------------------------------------------------------------------


def _interp(x: np.ndarray) -> np.ndarray:
    """Linear interpolation over missing grid points (the ends are observed)."""
    obs = ~np.isnan(x)
    if obs.all():
        return x
    t = np.arange(x.size)
    return np.interp(t, t[obs], x[obs])


def series_scale(x: np.ndarray) -> float:
    """Scale used to standardise log forecast errors of one series.

    Parameters
    ----------
    x : ndarray
        Log values on a complete grid of years (``NaN`` for missing years).

    Returns
    -------
    float
        ``(mean |diff|) ** SCALE_POWER`` over the last ``SCALE_WINDOW`` year-to-year changes of
        the log-linearly interpolated series, the mean floored at ``SCALE_FLOOR``.
    """
    xi = _interp(np.asarray(x, float))
    d = np.abs(np.diff(xi))[-SCALE_WINDOW:]
    m = float(d.mean()) if d.size else 0.0
    return max(m, SCALE_FLOOR) ** SCALE_POWER


def _gap_increments(x: np.ndarray):
    """Increments between consecutive observations and their gaps in years."""
    pos = np.flatnonzero(~np.isnan(x))
    return np.diff(x[pos]), np.diff(pos).astype(float), pos


def _t_or_norm(p: np.ndarray, df: float) -> np.ndarray:
    if df is None or not np.isfinite(df) or df > 1e6:
        return stats.norm.ppf(p)
    return stats.t.ppf(p, max(df, 1.0))


@dataclass
class _Fit:
    """Output of one model on one grid: everything on the model's own scale."""

    point: np.ndarray  # (H,)
    knots: np.ndarray  # (H, P) model-based quantiles
    fitted: np.ndarray  # (n,) in-sample predictions, NaN where none
    log: bool = True
    info: dict = field(default_factory=dict)


def _gauss_knots(mean: np.ndarray, sd: np.ndarray, probs: np.ndarray | None, df=None):
    """Gaussian (or Student-t) quantile knots; ``None`` when ``probs`` is ``None``."""
    if probs is None:
        return None
    z = _t_or_norm(probs, df)
    return mean[:, None] + np.asarray(sd, float)[:, None] * z[None, :]


# --------------------------------------------------------------------------------------
# Exponential smoothing on a grid with missing values
# --------------------------------------------------------------------------------------

_ALPHAS = np.array([0.01, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8,
                    0.9, 0.99])


def _ets_grid(x: np.ndarray, alpha, beta, phi, trend: bool):
    """Fit an additive (damped) trend or level ETS by Gaussian likelihood over a parameter grid.

    For fixed smoothing parameters the one-step errors are affine in the initial states,
    so the initial level (and slope) are solved in closed form (weighted least squares) for
    every grid point. Missing values (``NaN``) propagate the state without an update; the
    first error after ``k - 1`` missing years is a ``k``-step error, whose variance is
    ``v_k = 1 + sum_{j<k} c_j**2`` times that of a one-step error, so it gets weight ``1 / v_k``
    and the criterion is the concentrated log-likelihood ``m log(SSE_w / m) + sum log v_k``
    (plain least squares when no year is missing).

    Returns
    -------
    dict with alpha, beta, phi, l0, b0, sse (weighted), nobs.
    """
    a = np.asarray(alpha, float)
    b = np.asarray(beta, float)
    p = np.asarray(phi, float)
    G = a.size
    lc = np.zeros(G); lu = np.ones(G); lv = np.zeros(G)
    bc = np.zeros(G); bu = np.zeros(G); bv = np.ones(G) if trend else np.zeros(G)
    s_cc = np.zeros(G); s_cu = np.zeros(G); s_cv = np.zeros(G)
    s_uu = np.zeros(G); s_uv = np.zeros(G); s_vv = np.zeros(G)
    logdet = np.zeros(G)
    gap = 0
    for xt in x:
        yc = lc + p * bc
        yu = lu + p * bu
        yv = lv + p * bv
        if np.isnan(xt):
            lc, lu, lv = yc, yu, yv
            bc, bu, bv = p * bc, p * bu, p * bv
            gap += 1
            continue
        ec = xt - yc
        eu = -yu
        ev = -yv
        if gap:
            v = np.ones(G)
            damp = np.zeros(G)
            for _ in range(gap):
                damp = p * (1.0 + damp)  # sum_{i=1..j} phi**i
                v += (a + b * damp) ** 2
            w = 1.0 / v
            logdet += np.log(v)
            gap = 0
            s_cc += w * ec * ec; s_cu += w * ec * eu; s_cv += w * ec * ev
            s_uu += w * eu * eu; s_uv += w * eu * ev; s_vv += w * ev * ev
        else:
            s_cc += ec * ec; s_cu += ec * eu; s_cv += ec * ev
            s_uu += eu * eu; s_uv += eu * ev; s_vv += ev * ev
        lc, lu, lv = yc + a * ec, yu + a * eu, yv + a * ev
        bc, bu, bv = p * bc + b * ec, p * bu + b * eu, p * bv + b * ev
    if trend:
        ridge = 1e-10 * (s_uu + s_vv) + 1e-14
        a11 = s_uu + ridge
        a22 = s_vv + ridge
        det = a11 * a22 - s_uv * s_uv
        l0 = (a22 * (-s_cu) - s_uv * (-s_cv)) / det
        b0 = (a11 * (-s_cv) - s_uv * (-s_cu)) / det
    else:
        l0 = -s_cu / (s_uu + 1e-14)
        b0 = np.zeros(G)
    sse = (s_cc + 2 * l0 * s_cu + 2 * b0 * s_cv + l0 * l0 * s_uu
           + 2 * l0 * b0 * s_uv + b0 * b0 * s_vv)
    sse = np.where(np.isfinite(sse), np.maximum(sse, 0.0), np.inf)
    m = int((~np.isnan(x)).sum())
    crit = m * np.log(np.maximum(sse, 1e-300) / m) + logdet
    k = int(np.argmin(np.where(np.isfinite(crit), crit, np.inf)))
    return dict(alpha=float(a[k]), beta=float(b[k]), phi=float(p[k]), l0=float(l0[k]),
                b0=float(b0[k]), sse=float(sse[k]), nobs=m)


def _ets_filter(x, alpha, beta, phi, l0, b0):
    """Run the recursion with given parameters; return one-step predictions and final states."""
    n = x.size
    pred = np.empty(n)
    lev, sl = l0, b0
    for i in range(n):
        yh = lev + phi * sl
        pred[i] = yh
        if np.isnan(x[i]):
            lev, sl = yh, phi * sl
        else:
            e = x[i] - yh
            lev, sl = yh + alpha * e, phi * sl + beta * e
    return pred, lev, sl


def _ets_psi(alpha, beta, phi, H):
    """Coefficients c_j (j=1..H-1) of the h-step forecast variance of ETS(A,Ad,N)."""
    j = np.arange(1, H)
    if beta == 0:
        return np.full(j.size, alpha)
    if phi == 1.0:
        return alpha + beta * j
    return alpha + beta * phi * (1 - phi**j) / (1 - phi)


def _ets_var_factor(alpha, beta, phi, H):
    c = _ets_psi(alpha, beta, phi, H)
    return np.concatenate([[1.0], 1.0 + np.cumsum(c * c)])


def _grid_ses():
    return _ALPHAS, np.zeros_like(_ALPHAS), np.zeros_like(_ALPHAS)


def _grid_damped():
    bfrac = np.array([0.0, 0.05, 0.1, 0.2, 0.4, 0.7, 1.0])
    phis = np.array([0.8, 0.85, 0.9, 0.95, 0.98])
    A, B, P = np.meshgrid(_ALPHAS, bfrac, phis, indexing="ij")
    return A.ravel(), (A * B).ravel(), P.ravel()


_GRID_SES = _grid_ses()
_GRID_DAMPED = _grid_damped()


# --------------------------------------------------------------------------------------
# The fast models: fn(x, H, probs) -> _Fit, x on a complete grid with NaN for missing
# --------------------------------------------------------------------------------------


def _fit_naive(x, H, probs):
    d, g, pos = _gap_increments(x)
    k = d.size
    sigma = math.sqrt(float(np.sum(d * d / g)) / k) if k else 0.0
    steps = np.arange(1, H + 1)
    point = np.full(H, x[pos[-1]])
    knots = _gauss_knots(point, sigma * np.sqrt(steps), probs, df=k)
    fitted = np.full(x.size, np.nan)
    fitted[pos[1:]] = x[pos[:-1]]
    return _Fit(point, knots, fitted, info={"sigma": sigma})


def _rw_drift(v, H, probs, drift: str = "mean"):
    """Random walk with drift on ``v`` (a complete grid, ``NaN`` where missing).

    ``drift``: ``"mean"`` (change per year between the first and last observation, the
    classic estimate), ``"median"`` (median of the per-year changes ``d / g`` of the
    increments, robust to a few jumps) or ``"shrunk"`` (the mean drift times
    ``t**2 / (t**2 + 1)``, ``t`` its ratio to its standard error: a weakly identified drift
    is pulled towards zero).
    """
    d, g, pos = _gap_increments(v)
    span = float(pos[-1] - pos[0])
    mu = (v[pos[-1]] - v[pos[0]]) / span
    k = d.size
    if drift == "median":
        mu = float(np.median(d / g))
    elif drift == "shrunk" and k > 1:
        r = (d - mu * g) / np.sqrt(g)
        se2 = float(np.sum(r**2)) / (k - 1) / span
        mu = mu * mu * mu / (mu * mu + se2) if mu * mu + se2 > 0 else 0.0
    resid = (d - mu * g) / np.sqrt(g)
    sigma = math.sqrt(float(np.sum(resid**2)) / (k - 1)) if k > 1 else 0.0
    steps = np.arange(1, H + 1)
    point = v[pos[-1]] + mu * steps
    sd = sigma * np.sqrt(steps + steps**2 / span)
    knots = _gauss_knots(point, sd, probs, df=k - 1)
    fitted = np.full(v.size, np.nan)
    fitted[pos[1:]] = v[pos[:-1]] + mu * g
    return point, knots, fitted, {"drift": mu, "sigma": sigma}


def _fit_rwd_log(x, H, probs):
    point, knots, fitted, info = _rw_drift(x, H, probs)
    return _Fit(point, knots, fitted, info=info)


def _fit_rwd(y, H, probs):
    point, knots, fitted, info = _rw_drift(y, H, probs)
    return _Fit(point, knots, fitted, log=False, info=info)


def _fit_rwd_med(y, H, probs):
    point, knots, fitted, info = _rw_drift(y, H, probs, drift="median")
    return _Fit(point, knots, fitted, log=False, info=info)


def _fit_rwd_shrunk(y, H, probs):
    point, knots, fitted, info = _rw_drift(y, H, probs, drift="shrunk")
    return _Fit(point, knots, fitted, log=False, info=info)


def _fit_rwd_log_med(x, H, probs):
    point, knots, fitted, info = _rw_drift(x, H, probs, drift="median")
    return _Fit(point, knots, fitted, info=info)


def _fit_ses(x, H, probs):
    par = _ets_grid(x, *_GRID_SES, trend=False)
    pred, lev, _ = _ets_filter(x, par["alpha"], 0.0, 0.0, par["l0"], 0.0)
    m = par["nobs"]
    sigma2 = par["sse"] / max(m - 2, 1)
    point = np.full(H, lev)
    var = sigma2 * _ets_var_factor(par["alpha"], 0.0, 0.0, H)
    knots = _gauss_knots(point, np.sqrt(var), probs, df=max(m - 2, 1))
    return _Fit(point, knots, pred, info={"alpha": par["alpha"], "sigma": math.sqrt(sigma2)})


def _ols_slope(x):
    pos = np.flatnonzero(~np.isnan(x))
    t = pos.astype(float)
    tc = t - t.mean()
    return float(np.dot(tc, x[pos] - x[pos].mean()) / np.dot(tc, tc))


def _fit_theta(x, H, probs):
    par = _ets_grid(x, *_GRID_SES, trend=False)
    alpha = par["alpha"]
    pred, lev, _ = _ets_filter(x, alpha, 0.0, 0.0, par["l0"], 0.0)
    slope = _ols_slope(x)
    n = x.size
    steps = np.arange(1, H + 1)
    point = lev + 0.5 * slope * ((steps - 1) + (1 - (1 - alpha) ** n) / alpha)
    i = np.arange(n)
    fitted = pred + 0.5 * slope * (1 - (1 - alpha) ** np.maximum(i, 1)) / alpha
    m = par["nobs"]
    sigma2 = par["sse"] / max(m - 2, 1)  # the SES fit's variance, as in the classic method
    var = sigma2 * _ets_var_factor(alpha, 0.0, 0.0, H)
    knots = _gauss_knots(point, np.sqrt(var), probs, df=max(m - 2, 1))
    return _Fit(point, knots, fitted, info={"alpha": alpha, "slope": slope,
                                            "sigma": math.sqrt(sigma2)})


_THETAS = np.array([1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0])


def _fit_otheta(x, H, probs):
    """Theta method with the theta coefficient chosen by in-sample one-step error.

    For each ``theta`` in ``_THETAS`` the theta line ``Z = theta x + (1 - theta) L`` (``L``
    the OLS linear trend of the observed years) is smoothed by SES, and the forecast is
    ``(1 - 1/theta) L + (1/theta) SES(Z)``; ``theta = 2`` is the classic split, ``theta = 1``
    plain SES. The coefficient with the lowest mean squared one-step error (observed years
    after the first) is kept.
    """
    pos = np.flatnonzero(~np.isnan(x))
    t = pos.astype(float)
    X = np.column_stack([np.ones(t.size), t])
    (a, b), *_ = np.linalg.lstsq(X, x[pos], rcond=None)
    n = x.size
    trend = a + b * np.arange(n, dtype=float)
    steps = np.arange(1, H + 1)
    trend_f = a + b * (n - 1 + steps)
    best = None
    for th in _THETAS:
        z = th * x + (1 - th) * trend
        par = _ets_grid(z, *_GRID_SES, trend=False)
        pred, lev, _ = _ets_filter(z, par["alpha"], 0.0, 0.0, par["l0"], 0.0)
        w = 1 - 1 / th
        fitted = w * trend + (1 - w) * pred
        e = (x - fitted)[pos[1:]]
        mse = float(np.mean(e * e)) if e.size else 0.0
        if best is None or mse < best[0] - 1e-12:
            best = (mse, th, par["alpha"], fitted, w * trend_f + (1 - w) * lev)
    mse, th, alpha, fitted, point = best
    m = pos.size
    sigma2 = mse * max(m - 1, 1) / max(m - 3, 1)
    var = sigma2 * _ets_var_factor(alpha, 0.0, 0.0, H)
    knots = _gauss_knots(point, np.sqrt(var), probs, df=max(m - 3, 1))
    return _Fit(point, knots, fitted, info={"theta": float(th), "alpha": alpha,
                                            "slope": float(b), "sigma": math.sqrt(sigma2)})


def _fit_damped(x, H, probs):
    par = _ets_grid(x, *_GRID_DAMPED, trend=True)
    a, b, phi = par["alpha"], par["beta"], par["phi"]
    pred, lev, sl = _ets_filter(x, a, b, phi, par["l0"], par["b0"])
    steps = np.arange(1, H + 1)
    point = lev + np.cumsum(phi**steps) * sl
    m = par["nobs"]
    sigma2 = par["sse"] / max(m - 5, 1)
    var = sigma2 * _ets_var_factor(a, b, phi, H)
    knots = _gauss_knots(point, np.sqrt(var), probs, df=max(m - 5, 1))
    return _Fit(point, knots, pred, info={"alpha": a, "beta": b, "phi": phi,
                                          "sigma": math.sqrt(sigma2)})


def _hac_cov(X, u, maxlags, t):
    """Newey-West covariance of OLS coefficients with Bartlett weights.

    Lags are counted in years (``t``), so a missing year does not make two residuals look
    adjacent. Includes the small-sample factor n / (n - k).
    """
    n, k = X.shape
    xtx_inv = np.linalg.inv(X.T @ X)
    Xu = X * u[:, None]
    S = Xu.T @ Xu
    pos = {int(v): i for i, v in enumerate(t)}
    for lag in range(1, maxlags + 1):
        w = 1 - lag / (maxlags + 1)
        G = np.zeros((k, k))
        for i, tv in enumerate(t):
            j = pos.get(int(tv) - lag)
            if j is not None:
                G += np.outer(Xu[i], Xu[j])
        S += w * (G + G.T)
    return xtx_inv @ S @ xtx_inv * n / (n - k)


def _nw_lags(n: int) -> int:
    return int(math.floor(4 * (n / 100) ** (2 / 9)))


def _ols_trend_forecast(t, xo, X, Xf, probs, hac_lags=None):
    """OLS fit; forecasts with HAC parameter covariance plus residual variance (t dist)."""
    n, k = X.shape
    beta, *_ = np.linalg.lstsq(X, xo, rcond=None)
    u = xo - X @ beta
    df = n - k
    sigma2 = float(u @ u) / df
    lags = _nw_lags(n) if hac_lags is None else hac_lags
    cov = _hac_cov(X, u, lags, t)
    mean = Xf @ beta
    var = np.einsum("ij,jk,ik->i", Xf, cov, Xf) + sigma2
    knots = _gauss_knots(mean, np.sqrt(var), probs, df=df)
    return beta, cov, u, sigma2, mean, knots


def _fit_loglinear(x, H, probs):
    pos = np.flatnonzero(~np.isnan(x))
    t = pos.astype(float)
    X = np.column_stack([np.ones(t.size), t])
    tf = x.size - 1 + np.arange(1, H + 1, dtype=float)
    Xf = np.column_stack([np.ones(H), tf])
    beta, cov, u, sigma2, mean, knots = _ols_trend_forecast(t, x[pos], X, Xf, probs)
    fitted = beta[0] + beta[1] * np.arange(x.size, dtype=float)
    return _Fit(mean, knots, fitted, info={
        "intercept": float(beta[0]), "growth_log": float(beta[1]),
        "growth_rate": float(math.expm1(beta[1])), "se_growth_hac": float(math.sqrt(cov[1, 1])),
        "sigma": math.sqrt(sigma2), "hac_lags": _nw_lags(t.size)})


def _piecewise_search(t, xo, min_segment):
    """Best hinge year by residual sum of squares, with the BIC of both models and sup-F."""
    n = t.size
    X0 = np.column_stack([np.ones(n), t])
    b0, *_ = np.linalg.lstsq(X0, xo, rcond=None)
    rss0 = float(np.sum((xo - X0 @ b0) ** 2))
    best = None
    sup_f = None
    for i in range(min_segment - 1, n - min_segment + 1):
        tau = t[i]
        X1 = np.column_stack([X0, np.maximum(t - tau, 0.0)])
        b1, *_ = np.linalg.lstsq(X1, xo, rcond=None)
        rss1 = float(np.sum((xo - X1 @ b1) ** 2))
        f = (rss0 - rss1) / (max(rss1, 1e-300) / (n - 3)) if n > 3 else np.inf
        sup_f = f if sup_f is None else max(sup_f, f)
        if best is None or rss1 < best[1]:
            best = (tau, rss1)
    eps = 1e-300
    bic0 = n * math.log(max(rss0, eps) / n) + 2 * math.log(n)
    if best is None:
        return None, bic0, None, None
    bic1 = n * math.log(max(best[1], eps) / n) + 4 * math.log(n)
    return best[0], bic0, bic1, sup_f


def _fit_piecewise(x, H, probs, min_segment: int = 3):
    pos = np.flatnonzero(~np.isnan(x))
    t = pos.astype(float)
    xo = x[pos]
    tau, bic0, bic1, sup_f = _piecewise_search(t, xo, min_segment)
    use_break = tau is not None and bic1 < bic0
    tf = x.size - 1 + np.arange(1, H + 1, dtype=float)
    tg = np.arange(x.size, dtype=float)
    if use_break:
        X = np.column_stack([np.ones(t.size), t, np.maximum(t - tau, 0.0)])
        Xf = np.column_stack([np.ones(H), tf, np.maximum(tf - tau, 0.0)])
        Xg = np.column_stack([np.ones(x.size), tg, np.maximum(tg - tau, 0.0)])
    else:
        X = np.column_stack([np.ones(t.size), t])
        Xf = np.column_stack([np.ones(H), tf])
        Xg = np.column_stack([np.ones(x.size), tg])
    beta, cov, u, sigma2, mean, knots = _ols_trend_forecast(t, xo, X, Xf, probs)
    slope_end = float(beta[1] + (beta[2] if use_break else 0.0))
    info = {"break_index": int(tau) if use_break else None, "bic_no_break": bic0,
            "bic_break": bic1, "sup_f": sup_f, "min_segment": min_segment,
            "growth_log_before": float(beta[1]), "growth_log_after": slope_end,
            "growth_rate_after": float(math.expm1(slope_end)), "sigma": math.sqrt(sigma2)}
    if not use_break:
        info["growth_log"] = float(beta[1])
    return _Fit(mean, knots, Xg @ beta, info=info)


# --------------------------------------------------------------------------------------
# statsmodels state-space models (single series)
# --------------------------------------------------------------------------------------


def _fit_llt(x, H, probs):
    from statsmodels.tsa.statespace.structural import UnobservedComponents

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            mod = UnobservedComponents(x, level="local linear trend")
            res = mod.fit(disp=False, maxiter=500)
            fc = res.get_forecast(H)
            mean = np.asarray(fc.predicted_mean, float)
            var = np.asarray(fc.var_pred_mean, float)
            fitted = np.asarray(res.fittedvalues, float)
        except Exception as exc:  # noqa: BLE001
            raise ModelError(f"llt: the state-space fit failed: {exc}") from exc
    if not (np.all(np.isfinite(mean)) and np.all(np.isfinite(var))):
        raise ModelError("llt: the state-space fit returned non-finite forecasts")
    fitted[:2] = np.nan  # diffuse initialisation: the first predictions carry no information
    knots = _gauss_knots(mean, np.sqrt(np.maximum(var, 0.0)), probs)
    return _Fit(mean, knots, fitted, info={"params": dict(zip(res.model.param_names,
                                                                map(float, res.params)))})


def _fit_arima(x, H, probs, order=None):
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    best = None
    m = int((~np.isnan(x)).sum())
    orders = ((0, 1, 0), (1, 1, 0), (0, 1, 1)) if order is None else (tuple(order),)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for order in orders:
            try:
                res = SARIMAX(x, order=order, trend="c").fit(disp=False, maxiter=200)
            except Exception:  # noqa: BLE001
                continue
            k = len(res.params)
            nobs = m - 1
            if nobs - k - 1 <= 0:
                continue
            aicc = res.aic + 2 * k * (k + 1) / (nobs - k - 1)
            if np.isfinite(aicc) and (best is None or aicc < best[0]):
                best = (aicc, order, res)
    if best is None:
        raise ModelError("arima: no ARIMA(p,1,q) with drift could be fitted")
    aicc, order, res = best
    fc = res.get_forecast(H)
    mean = np.asarray(fc.predicted_mean, float)
    var = np.asarray(fc.var_pred_mean, float)
    if not (np.all(np.isfinite(mean)) and np.all(np.isfinite(var))):
        raise ModelError("arima: the fit returned non-finite forecasts")
    fitted = np.asarray(res.fittedvalues, float).copy()
    fitted[0] = np.nan
    knots = _gauss_knots(mean, np.sqrt(np.maximum(var, 0.0)), probs)
    return _Fit(mean, knots, fitted, info={"order": order, "aicc": float(aicc),
                                           "params": dict(zip(res.model.param_names,
                                                              map(float, res.params))),
                                           # rolling-origin refits reuse the chosen order
                                           "calibration_kw": {"order": order}})


# --------------------------------------------------------------------------------------
# Registry
# --------------------------------------------------------------------------------------


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
    """

    name: str
    fit: Callable | None
    log: bool
    min_obs: int
    fast: bool
    description: str


MODELS: dict[str, ModelSpec] = {
    s.name: s
    for s in [
        ModelSpec("naive", _fit_naive, True, 2, True, "random walk of log values"),
        ModelSpec("rwd", _fit_rwd, False, 3, True,
                  "random walk with drift, original scale (benchmark)"),
        ModelSpec("rwd_log", _fit_rwd_log, True, 3, True, "random walk with drift of log values"),
        ModelSpec("rwd_med", _fit_rwd_med, False, 3, True,
                  "random walk with the median yearly change as drift, original scale"),
        ModelSpec("rwd_shrunk", _fit_rwd_shrunk, False, 3, True,
                  "random walk with drift shrunk towards zero by its t-ratio, original scale"),
        ModelSpec("rwd_log_med", _fit_rwd_log_med, True, 3, True,
                  "random walk of log values with the median yearly log growth as drift"),
        ModelSpec("ses", _fit_ses, True, 3, True, "simple exponential smoothing of log values"),
        ModelSpec("theta", _fit_theta, True, 4, True, "classic Theta method on log values"),
        ModelSpec("otheta", _fit_otheta, True, 4, True,
                  "Theta method on log values, theta coefficient chosen in-sample"),
        ModelSpec("damped", _fit_damped, True, 5, True,
                  "damped additive trend exponential smoothing of log values"),
        ModelSpec("loglinear", _fit_loglinear, True, 4, True,
                  "log-linear trend, OLS with Newey-West standard errors"),
        ModelSpec("piecewise", _fit_piecewise, True, 4, True,
                  "hinged log-linear trend, break chosen by BIC"),
        ModelSpec("llt", _fit_llt, True, 5, False, "local linear trend (UnobservedComponents)"),
        ModelSpec("arima", _fit_arima, True, 6, False, "ARIMA(p,1,q) with drift (SARIMAX)"),
        ModelSpec("combo", None, True, 4, True, "median of " + ", ".join(COMBO_MEMBERS)),
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
            raise ModelError(f"combo member {m!r} is not a model; choose from "
                             f"{sorted(k for k in MODELS if k != 'combo')}")
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
        return _Fit(np.log(np.maximum(fit.point, floor)), knots,
                    np.log(np.maximum(fit.fitted, floor)), True, fit.info)


def _run(values: np.ndarray, H: int, method: str, probs: np.ndarray,
         members: Sequence[str] = (), **kw) -> _Fit:
    """Fit ``method`` on positive level values on a grid; return a log-scale fit.

    (Level-scale models are converted to the log scale.)
    """
    logv = np.log(values)
    last = values[np.flatnonzero(~np.isnan(values))[-1]]
    if method == "combo":
        fits = [_run(values, H, m, probs) for m in members]
        P = np.stack([f.point for f in fits])
        if probs is None:  # point forecasts only (calibration, backtests)
            return _Fit(np.median(P, axis=0), None, None, True, {})
        K = np.stack([f.knots for f in fits])
        F = np.stack([f.fitted for f in fits])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            fitted = np.nanmedian(F, axis=0)
        return _Fit(np.median(P, axis=0), np.median(K, axis=0), fitted, True,
                    {"members": list(members),
                     "member_forecasts_log": {m: f.point for m, f in zip(members, fits)}})
    spec = MODELS[method]
    if spec.log:
        fit = spec.fit(logv, H, probs, **kw)
    else:
        fit = spec.fit(values, H, probs, **kw)
    return _as_log(fit, last)


# --------------------------------------------------------------------------------------
# Calibration of intervals
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ZTable:
    """Quantiles of standardised log forecast errors per horizon.

    Attributes
    ----------
    probs : ndarray, shape (P,)
    q : ndarray, shape (H, P)
        ``q[j, k]`` is the ``probs[k]`` quantile at horizon ``j + 1``.
    m : ndarray, shape (H,)
        Number of errors behind each horizon's quantiles.
    """

    probs: np.ndarray
    q: np.ndarray
    m: np.ndarray

    def at(self, H: int) -> "ZTable":
        """Return the table for horizons 1..H, extending beyond its last horizon.

        Beyond the last tabulated horizon ``L`` the quantiles grow like ``sqrt(h / L)``.
        """
        L = self.q.shape[0]
        if H <= L:
            return ZTable(self.probs, self.q[:H], self.m[:H])
        extra = np.sqrt(np.arange(L + 1, H + 1) / L)[:, None] * self.q[-1][None, :]
        return ZTable(self.probs, np.vstack([self.q, extra]),
                      np.concatenate([self.m, np.zeros(H - L)]))


def _knots_at(table_probs: np.ndarray, table_q: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """Interpolate quantile rows to other probabilities, linearly in the normal score."""
    zt = stats.norm.ppf(table_probs)
    z = stats.norm.ppf(probs)
    out = np.empty((table_q.shape[0], probs.size))
    for j in range(table_q.shape[0]):
        row = table_q[j]
        out[j] = np.interp(z, zt, row)
        lo = z < zt[0]
        hi = z > zt[-1]
        if lo.any():
            s = (row[1] - row[0]) / (zt[1] - zt[0])
            out[j, lo] = row[0] + s * (z[lo] - zt[0])
        if hi.any():
            s = (row[-1] - row[-2]) / (zt[-1] - zt[-2])
            out[j, hi] = row[-1] + s * (z[hi] - zt[-1])
    return out


_Z_PROBS = np.array([0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.975])
_Z_ROWS = [
    # Pooled quantiles (probabilities _Z_PROBS) of standardised log errors of DEFAULT_METHOD,
    # over the training parts of bench/data (M1 yearly + Tourism yearly, 699 series), by
    # horizon 1..10. Regenerate with: python bench/forecast_bench.py --z-table
    [-0.8814, -0.6456, -0.4383, -0.1519, 0.0829, 0.2963, 0.5338, 0.7066, 0.8692],  # h=1, m=2781
    [-1.1725, -0.9041, -0.6223, -0.2021, 0.1516, 0.4636, 0.7963, 1.0823, 1.3086],  # h=2, m=2766
    [-1.4898, -1.0826, -0.6908, -0.1994, 0.2069, 0.5666, 1.0248, 1.3830, 1.6951],  # h=3, m=2747
    [-1.6518, -1.2255, -0.7969, -0.2272, 0.2606, 0.7195, 1.2018, 1.6486, 2.0390],  # h=4, m=2716
    [-1.9200, -1.3777, -0.8987, -0.2478, 0.3266, 0.8330, 1.4008, 1.9138, 2.3712],  # h=5, m=2691
    [-1.9567, -1.4222, -0.9806, -0.2121, 0.4152, 1.0294, 1.6793, 2.2411, 2.7399],  # h=6, m=2583
    [-1.8459, -1.4160, -0.9419, -0.1401, 0.5531, 1.2139, 1.9376, 2.5173, 3.0912],  # h=7, m=2428
    [-1.9197, -1.4125, -0.8818, -0.0545, 0.6782, 1.4556, 2.2081, 2.9077, 3.4335],  # h=8, m=2280
    [-1.9521, -1.4454, -0.8404, 0.0114, 0.8420, 1.6265, 2.4043, 3.1621, 3.7937],  # h=9, m=2126
    [-2.0984, -1.5130, -0.8933, 0.0707, 0.9374, 1.7310, 2.6078, 3.4035, 4.0952],  # h=10, m=2041
]


def default_z_table() -> ZTable:
    """The prior table of standardised log errors of ``DEFAULT_METHOD``."""
    q = np.array(_Z_ROWS, dtype=float)
    return ZTable(_Z_PROBS.copy(), q, np.full(q.shape[0], np.inf))


def _calibration_origins(obs_pos: np.ndarray, n: int, H: int, n_origins: int, min_train: int):
    """For each horizon, the grid positions of the last ``n_origins`` usable origins."""
    obs_set = np.zeros(n, bool)
    obs_set[obs_pos] = True
    rank = np.cumsum(obs_set)  # observations up to and including position i
    per_h = []
    for j in range(1, H + 1):
        cands = [o for o in obs_pos if o + j < n and obs_set[o + j] and rank[o] >= min_train]
        per_h.append(cands[-n_origins:])
    return per_h


def calibration_scores(y, h: int, method: str = DEFAULT_METHOD, *,
                       n_origins: int = N_ORIGINS, min_train: int = MIN_TRAIN,
                       members: Sequence[str] | None = None, name: str | None = None,
                       model_kw: dict | None = None, _grid: _Grid | None = None) -> np.ndarray:
    """Standardised out-of-sample log errors of ``method`` on the series' own rolling origins.

    Parameters
    ----------
    y : pandas.Series
        Positive values indexed by integer year.
    h : int
        Largest horizon.
    method : str
        A name in :data:`MODELS`.
    n_origins : int
        Origins per horizon (the most recent ones).
    min_train : int
        Fewest observations a calibration fit may use (raised to the model's minimum).
    members : sequence of str, optional
        Members of ``combo``.
    model_kw : dict, optional
        Keyword arguments of the model (e.g. ``min_segment``; ``arima`` refits reuse the order
        chosen on the whole series this way).

    Returns
    -------
    ndarray, shape (n_origins, h)
        ``(log actual - log forecast) / scale at the origin``; row 0 is the most recent origin
        of each horizon; ``NaN`` where the series is too short to have that many origins.
    """
    H = _check_h(h)
    spec = _spec(method)
    mem = _members(method, members)
    grid = _grid if _grid is not None else _to_grid(y, name)
    _check_positive(grid, method, mem, name)
    v = grid.values
    x = np.log(v)
    n = v.size
    pos = np.flatnonzero(~np.isnan(v))
    mt = max(min_train, _min_obs(spec.name, mem))
    per_h = _calibration_origins(pos, n, H, n_origins, mt)
    origins = sorted({o for lst in per_h for o in lst})
    out = np.full((n_origins, H), np.nan)
    probs = None
    fc = {}
    for o in origins:
        need = max(j + 1 for j in range(H) if o in per_h[j])
        try:
            fit = _run(v[: o + 1], need, spec.name, probs, mem, **(model_kw or {}))
        except (ModelError, np.linalg.LinAlgError, ValueError, FloatingPointError):
            continue
        fc[o] = (fit.point, series_scale(x[: o + 1]))
    for j in range(H):
        for r, o in enumerate(reversed(per_h[j])):
            if o in fc:
                point, s = fc[o]
                out[r, j] = (x[o + j + 1] - point[j]) / s
    return out


def pool_scores(scores: Sequence[np.ndarray] | np.ndarray, probs: Sequence[float],
                prior: ZTable | None = None, prior_weight: float = PRIOR_WEIGHT) -> ZTable:
    """Pool standardised errors per horizon into quantiles, shrunk towards a prior table.

    Parameters
    ----------
    scores : array (m, H) or sequence of such arrays
        Standardised errors, ``NaN`` where absent (e.g. from :func:`calibration_scores`).
    probs : sequence of float
        Probabilities of the quantiles wanted.
    prior : ZTable, optional
        Defaults to :func:`default_z_table`.
    prior_weight : float
        Pseudo-count of the prior: the pooled quantile at a horizon with ``m`` errors is
        ``(m * empirical + prior_weight * prior) / (m + prior_weight)``.

    Returns
    -------
    ZTable
    """
    if isinstance(scores, np.ndarray):
        S = scores if scores.ndim == 2 else scores[None, :]
    else:
        arrs = [np.asarray(s, float) for s in scores]
        H = max((a.shape[1] for a in arrs), default=0)
        S = (np.vstack([np.pad(a, ((0, 0), (0, H - a.shape[1])), constant_values=np.nan)
                        for a in arrs]) if arrs else np.empty((0, 0)))
    probs = np.asarray(probs, float)
    H = S.shape[1]
    prior = prior or default_z_table()
    if H == 0:  # nothing to pool: the prior alone
        return ZTable(probs, _knots_at(prior.probs, prior.q, probs), np.zeros(prior.q.shape[0]))
    pq = _knots_at(prior.probs, prior.at(max(H, 1)).q, probs)[:H]
    q = np.empty((H, probs.size))
    m = np.zeros(H)
    for j in range(H):
        col = S[:, j]
        col = col[np.isfinite(col)]
        m[j] = col.size
        if col.size:
            emp = np.quantile(col, probs)
            w = col.size / (col.size + prior_weight)
            q[j] = w * emp + (1 - w) * pq[j]
        else:
            q[j] = pq[j]
    q = np.maximum.accumulate(q, axis=1)
    return ZTable(probs, q, m)


# --------------------------------------------------------------------------------------
# Result object and sampling
# --------------------------------------------------------------------------------------


def _rw_corr(H: int) -> np.ndarray:
    i = np.arange(1, H + 1, dtype=float)
    return np.sqrt(np.minimum.outer(i, i) / np.maximum.outer(i, i))


def _quantile_map(z: np.ndarray, probs: np.ndarray, knots: np.ndarray) -> np.ndarray:
    """Map normal scores ``z`` (..., H) through per-horizon piecewise-linear quantile functions."""
    zk = stats.norm.ppf(probs)
    out = np.empty_like(z, dtype=float)
    for j in range(knots.shape[0]):
        row = knots[j]
        zz = z[..., j]
        v = np.interp(zz, zk, row)
        if zk.size >= 2:
            s_lo = (row[1] - row[0]) / (zk[1] - zk[0])
            s_hi = (row[-1] - row[-2]) / (zk[-1] - zk[-2])
            v = np.where(zz < zk[0], row[0] + s_lo * (zz - zk[0]), v)
            v = np.where(zz > zk[-1], row[-1] + s_hi * (zz - zk[-1]), v)
        out[..., j] = v
    return out


@dataclass
class ForecastResult:
    """Forecasts of one series by one method.

    Attributes
    ----------
    method : str
        The model's name (with ``" (fallback)"`` where a panel fell back to a simpler model).
    years : ndarray of int
        Forecast years.
    probs : ndarray
        Probabilities of the quantile knots (always includes 0.5).
    knots : ndarray, shape (h, P)
        Predictive quantiles on the log scale (``log_scale=True``) or the original scale.
    levels : tuple
        Interval levels in percent.
    log_scale : bool
    fitted : pandas.Series
        In-sample one-step (or regression) predictions on the original scale, by year.
    residuals : pandas.Series
        Log-scale residuals ``log y - log fitted`` (level residuals if ``log_scale`` is False).
    interval_method : str
        'model', 'calibrated' or 'calibrated+model' (the union rule).
    info : dict
        Model details (parameters, chosen break, calibration counts...).
    """

    method: str
    years: np.ndarray
    probs: np.ndarray
    knots: np.ndarray
    levels: tuple
    log_scale: bool
    fitted: pd.Series
    residuals: pd.Series
    interval_method: str = "model"
    info: dict = field(default_factory=dict)

    def _q(self, p: float) -> np.ndarray:
        k = int(np.argmin(np.abs(self.probs - p)))
        if abs(self.probs[k] - p) > 1e-9:
            raise KeyError(p)
        v = self.knots[:, k]
        return np.exp(v) if self.log_scale else v

    @property
    def forecast(self) -> np.ndarray:
        """Point forecasts (the predictive median) on the original scale."""
        return self._q(0.5)

    @property
    def frame(self) -> pd.DataFrame:
        """DataFrame with year, forecast and ``lo_L``/``hi_L`` for every level ``L``."""
        d = {"year": self.years.astype(int), "forecast": self.forecast}
        for level in self.levels:
            a = (1 - level / 100) / 2
            nm = _level_name(level)
            d[f"lo_{nm}"] = self._q(a)
            d[f"hi_{nm}"] = self._q(1 - a)
        return pd.DataFrame(d)

    def summary_frame(self) -> pd.DataFrame:
        """The forecast frame plus the predictive mean and the method, indexed by year."""
        f = self.frame.set_index("year")
        f.insert(1, "mean", self.mean())
        f["method"] = self.method
        f["intervals"] = self.interval_method
        return f

    def quantile(self, p: float | Sequence[float]) -> np.ndarray:
        """Predictive quantiles at probability ``p`` (scalar or sequence) on the original scale.

        Returns an array of shape (h,) for a scalar and (h, len(p)) otherwise.
        """
        ps = np.atleast_1d(np.asarray(p, float))
        if np.any((ps <= 0) | (ps >= 1)):
            raise ValueError("probabilities must lie strictly between 0 and 1")
        z = np.broadcast_to(stats.norm.ppf(ps)[:, None], (ps.size, self.knots.shape[0]))
        v = _quantile_map(np.array(z), self.probs, self.knots).T
        v = np.exp(v) if self.log_scale else v
        return v[:, 0] if np.ndim(p) == 0 else v

    def cdf(self, value: float | np.ndarray) -> np.ndarray:
        """Predictive probability ``P(Y <= value)`` for every forecast year (original scale)."""
        val = np.broadcast_to(np.asarray(value, float), (self.knots.shape[0],))
        zk = stats.norm.ppf(self.probs)
        out = np.empty(self.knots.shape[0])
        for j, row in enumerate(self.knots):
            if self.log_scale:
                if val[j] <= 0:
                    out[j] = 0.0
                    continue
                t = math.log(val[j])
            else:
                t = float(val[j])
            out[j] = stats.norm.cdf(_invert_row(t, zk, row))
        return out

    def mean(self) -> np.ndarray:
        """Predictive mean on the original scale.

        For a Gaussian on the log scale this is the lognormal ``exp(mu + sigma**2 / 2)``;
        in general it is integrated numerically over the quantile function.
        """
        z = np.linspace(-9, 9, 4001)
        w = stats.norm.pdf(z)
        w = w / w.sum()
        Z = np.repeat(z[:, None], self.knots.shape[0], axis=1)
        v = _quantile_map(Z, self.probs, self.knots)
        v = np.exp(v) if self.log_scale else v
        return (w[:, None] * v).sum(axis=0)

    def sample(self, n: int, rng: np.random.Generator | int | None = None) -> np.ndarray:
        """Draw ``n`` paths from the predictive distribution.

        Parameters
        ----------
        n : int
            Number of paths.
        rng : numpy.random.Generator or int, optional

        Returns
        -------
        ndarray, shape (n, h)
            Draws on the original scale. Margins follow the quantile knots; horizons are joined
            by a Gaussian copula with random-walk correlation ``sqrt(min(i,j)/max(i,j))``.
        """
        rng = np.random.default_rng(rng)
        H = self.knots.shape[0]
        L = np.linalg.cholesky(_rw_corr(H))
        z = rng.standard_normal((int(n), H)) @ L.T
        v = _quantile_map(z, self.probs, self.knots)
        return np.exp(v) if self.log_scale else v


def _invert_row(t: float, zk: np.ndarray, row: np.ndarray) -> float:
    """Normal score at which the piecewise-linear quantile function reaches ``t``."""
    if row[-1] == row[0]:
        return -np.inf if t < row[0] else np.inf
    if t < row[0]:
        s = (row[1] - row[0]) / (zk[1] - zk[0])
        return zk[0] + (t - row[0]) / s if s > 0 else -np.inf
    if t > row[-1]:
        s = (row[-1] - row[-2]) / (zk[-1] - zk[-2])
        return zk[-1] + (t - row[-1]) / s if s > 0 else np.inf
    k = int(np.searchsorted(row, t, side="right"))
    k = min(max(k, 1), row.size - 1)
    r0, r1 = row[k - 1], row[k]
    if r1 == r0:
        return float(zk[k - 1])
    return float(zk[k - 1] + (t - r0) / (r1 - r0) * (zk[k] - zk[k - 1]))


def lognormal_result(mu: Sequence[float], sigma: Sequence[float], first_year: int,
                     levels: Sequence[float] = LEVELS, method: str = "lognormal") -> ForecastResult:
    """A :class:`ForecastResult` whose log values are Gaussian (mean ``mu``, sd ``sigma``).

    Useful to express an external forecast, or for tests of the back-transform.
    """
    mu = np.asarray(mu, float)
    sigma = np.asarray(sigma, float)
    probs = _probs_for(levels)
    knots = _gauss_knots(mu, sigma, probs)
    years = np.arange(first_year, first_year + mu.size)
    empty = pd.Series(dtype=float)
    return ForecastResult(method, years, probs, knots, tuple(levels), True, empty, empty,
                          "model", {"mu": mu, "sigma": sigma})


# --------------------------------------------------------------------------------------
# Public entry points
# --------------------------------------------------------------------------------------


def _check_positive(grid: _Grid, method: str, members: Sequence[str], name) -> None:
    if _needs_log(method, members) or method == "rwd":
        obs = grid.values[~np.isnan(grid.values)]
        if np.any(obs <= 0):
            bad = [int(yr) for yr, v in zip(grid.years, grid.values) if v <= 0][:5]
            label = f"series {name!r}: " if name is not None else ""
            raise ModelError(f"{label}non-positive values in years {bad}: method {method!r} "
                             "works on log values and needs every value > 0")


def _check_length(grid: _Grid, method: str, members: Sequence[str], name) -> None:
    need = _min_obs(method, members)
    if grid.n_obs < need:
        label = f"series {name!r}: " if name is not None else ""
        raise ModelError(f"{label}too short for {method!r}: {grid.n_obs} observed years, "
                         f"need at least {need}")


def point_forecast(y, h: int, method: str = DEFAULT_METHOD, *,
                   members: Sequence[str] | None = None, name: str | None = None) -> np.ndarray:
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
    fit = _run(grid.values, H + grid.lead, spec.name, None, mem)
    return np.exp(fit.point[grid.lead:])


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


def prepare_fit(y, h: int, method: str = DEFAULT_METHOD, levels: Sequence[float] = LEVELS, *,
                members: Sequence[str] | None = None, name: str | None = None,
                calibrate: bool = True, **model_kw) -> PreparedFit:
    """Validate, fit and (optionally) compute calibration errors for one series.

    Parameters are those of :func:`fit_forecast`; ``calibrate=False`` skips the rolling-origin
    errors (``scores`` is then ``None``).

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
        fit = _run(grid.values, Ht, spec.name, probs, mem, **model_kw)
    except np.linalg.LinAlgError as exc:
        raise ModelError(f"{method}: numerical failure in the fit ({exc})") from exc
    if not (np.all(np.isfinite(fit.point)) and np.all(np.isfinite(fit.knots))):
        label = f"series {name!r}: " if name is not None else ""
        raise ModelError(f"{label}{method}: the fit produced non-finite forecasts")
    cal_kw = {**model_kw, **fit.info.get("calibration_kw", {})}
    if cal_kw:
        fit.info["calibration_kw"] = cal_kw
    scores = (calibration_scores(None, Ht, spec.name, members=mem, model_kw=cal_kw, _grid=grid)
              if calibrate else None)
    return PreparedFit(spec.name, mem, name, grid, H, probs, tuple(levels), fit, scores,
                       series_scale(np.log(grid.values)))


def finish_fit(prep: PreparedFit, table: ZTable | None = None, intervals: str = "auto", *,
               scale: float | None = None, label: str | None = None) -> ForecastResult:
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
    if intervals not in ("auto", "calibrated", "model"):
        raise ModelError(f"intervals must be 'auto', 'calibrated' or 'model', got {intervals!r}")
    grid, fit, probs = prep.grid, prep.fit, prep.probs
    Ht = prep.h + grid.lead
    point = fit.point
    info = dict(fit.info)
    imethod = "model"
    knots = fit.knots
    if intervals != "model":
        if table is None:
            scores = prep.scores
            if scores is None:
                scores = calibration_scores(None, Ht, prep.method, members=prep.members,
                                            model_kw=prep.fit.info.get("calibration_kw"),
                                            _grid=grid)
            table = pool_scores([scores], probs)
        tab = table.at(Ht)
        tq = _knots_at(tab.probs, tab.q, probs)
        m = tab.m
        s = prep.scale if scale is None else float(scale)
        cal = point[:, None] + s * tq
        imethod = "calibrated"
        if intervals == "auto":
            thin = m < MIN_CALIBRATION
            if thin.any():
                lower = np.flatnonzero(probs < 0.5)
                upper = np.flatnonzero(probs > 0.5)
                rows = np.flatnonzero(thin)
                cal[np.ix_(rows, lower)] = np.minimum(cal[np.ix_(rows, lower)],
                                                      fit.knots[np.ix_(rows, lower)])
                cal[np.ix_(rows, upper)] = np.maximum(cal[np.ix_(rows, upper)],
                                                      fit.knots[np.ix_(rows, upper)])
                imethod = "calibrated+model" if thin.all() else "calibrated(+model where thin)"
        info["calibration_counts"] = [int(v) if np.isfinite(v) else None for v in m[grid.lead:]]
        info["scale"] = s
        knots = cal
    knots = _order_knots(point, knots, probs)
    years = np.arange(grid.end_year + 1, grid.end_year + 1 + prep.h)
    obs = ~np.isnan(grid.values)
    fitted = pd.Series(np.exp(fit.fitted), index=grid.years, name="fitted")
    with np.errstate(invalid="ignore"):
        resid = np.where(obs, np.log(grid.values) - fit.fitted, np.nan)
    resid = pd.Series(resid, index=grid.years, name="residual")
    return ForecastResult(label or prep.method, years, probs, knots[grid.lead:], prep.levels,
                          True, fitted, resid, imethod, info)


def fit_forecast(y, h: int, method: str = DEFAULT_METHOD, levels: Sequence[float] = LEVELS, *,
                 intervals: str = "auto", table: ZTable | None = None,
                 members: Sequence[str] | None = None, name: str | None = None,
                 **model_kw) -> ForecastResult:
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
    prep = prepare_fit(y, h, method, levels, members=members, name=name,
                       calibrate=(intervals != "model" and table is None), **model_kw)
    return finish_fit(prep, table, intervals)


def level_fallback(y, h: int, levels: Sequence[float] = LEVELS, *,
                   name: str | None = None) -> ForecastResult:
    """Random walk with drift on the original scale, with its own Gaussian intervals.

    The fallback for series that a log model cannot take (zero or negative values). Needs
    three observed years.

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
        raise ModelError(f"{label}too short for the level fallback: {grid.n_obs} observed "
                         "years, need at least 3")
    Ht = H + grid.lead
    point, knots, fitted, info = _rw_drift(grid.values, Ht, probs)
    knots = _order_knots(point, knots, probs)
    years = np.arange(grid.end_year + 1, grid.end_year + 1 + H)
    fitted_s = pd.Series(fitted, index=grid.years, name="fitted")
    resid = pd.Series(grid.values - fitted, index=grid.years, name="residual")
    return ForecastResult("rwd-level (fallback)", years, probs, knots[grid.lead:], tuple(levels),
                          False, fitted_s, resid, "model", info)


def _order_knots(point: np.ndarray, knots: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """Force the median knot to the point forecast and the knots to be ordered."""
    k = knots.copy()
    mid = int(np.argmin(np.abs(probs - 0.5)))
    k[:, mid] = point
    k[:, :mid] = np.minimum(k[:, :mid], point[:, None])
    k[:, mid + 1:] = np.maximum(k[:, mid + 1:], point[:, None])
    k[:, :mid + 1] = np.minimum.accumulate(k[:, :mid + 1][:, ::-1], axis=1)[:, ::-1]
    k[:, mid:] = np.maximum.accumulate(k[:, mid:], axis=1)
    return k
