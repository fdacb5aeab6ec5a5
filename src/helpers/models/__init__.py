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
``sf_ets``     statsforecast's ``AutoETS`` on the original scale (:mod:`helpers.models.external`).
``sf_dotm``    statsforecast's ``DynamicOptimizedTheta`` on the original scale.
``sf_ces``     statsforecast's ``AutoCES`` (complex exponential smoothing, Svetunkov and
               Kourentzes) on the original scale.
``sf_arima``   statsforecast's ``AutoARIMA`` on the original scale (slow: about 1 s a fit).
``pooled``     constant log growth from one regression pooled over many yearly series: an
               intercept plus coefficients on the series' median and mean yearly log growth,
               learned once from the benchmark panels' training parts and shipped as three
               numbers (:mod:`helpers.models.pooled`); a single series is forecast as well as a
               panel.
``combo``      median (``COMBO_AGG``), year by year, of the log forecasts of ``COMBO_MEMBERS``.

``naive``, the four random walks with drift, ``ses``, ``theta``, ``otheta``, ``damped``,
``loglinear``, ``piecewise``, ``pooled`` are small numpy implementations (a fit takes well under a
millisecond to a few milliseconds); ``sf_dotm`` (about 1 ms), ``sf_ces`` (well under 1 ms a
point forecast, about 60 ms with its own simulated intervals, which it gives only from 10 years
on: below, they would take some 4 s a series, and a fit that needs them stops as too short) and ``sf_ets`` (about 10 ms) call statsforecast (imported on
first use) and fill a missing year inside the series by log-linear interpolation, since
statsforecast needs consecutive values; ``llt``, ``arima`` (statsmodels)
and ``sf_arima`` are meant for single series. The intervals of every member, statsforecast's
included, are calibrated by the project's own rolling-origin rule below.

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
is available from :meth:`ForecastResult.mean`. Forecasts of the models fitted on the
original scale (``rwd``, ``rwd_med``, ``rwd_shrunk``, ``sf_*``) are floored at ``RWD_FLOOR``
(1e-3) times the last value so that they can be combined on the log scale. In ``combo`` a
member of that kind whose path reaches the floor within ``base.FLOOR_LOOKAHEAD`` (10) years,
whatever the horizon (a linear decline crossing zero, which a positive series cannot follow),
leaves the combination for that series, unless every member does; ``info["members_dropped"]``
names it. The look-ahead does not depend on the horizon asked, so neither does the forecast of
a year: a member crossing zero in year 8 leaves a 5-year forecast as it leaves a 10-year one. Without this rule a series
falling steadily by 18% a year was forecast to lose 83% of its value in the first year
(members at the floor pulling the median down); with the default, its linear member
(``rwd_med``) leaves and the median of the rest (SES flat, the log random walk following the
decline, ``pooled`` damping it) falls by only a few percent a year: a known weakness on steady
declines (``bench/shape_probe.py``), rather than a collapse. Putting the same model on log
values in the fallen member's place (``base.FLOORED_MEMBER = "log"``) follows such a decline at
about half its pace, but scored worse on M1's training windows (``bench/RESULTS.md``): the
default leaves the member out (``"drop"``).

Intervals
---------
Each model has its own (model-based) intervals: Student-t or Gaussian on the log scale with
the usual variance formulas (parameter uncertainty of the drift or of the regression
coefficients included where the model has them). Those are known to be too narrow for short
annual series, so the default (``intervals="auto"``) replaces them by **calibrated**
intervals, built from the model's own out-of-sample errors:

1. Rolling origins (``ORIGIN_SCHEME = "shared"``): the ``N_ORIGINS`` (3) most recent origins
   of the series whose ``H``-step-ahead year is observed (``H`` the longest horizon that has
   such origins; each leaving at least ``MIN_TRAIN`` (3) observations, or the model's minimum,
   for the fit) are refitted once each, and give one log error at every horizon they can see.
   The alternative ``"per_horizon"`` takes for every horizon its own most recent origins (up
   to ``H + N_ORIGINS - 1`` refits). Scheme and count were chosen by a stated rule on the
   training holdouts of the benchmarks: the cheapest calibration whose MSIS and 95% coverage
   are no worse than those of the earlier one (4 origins per horizon, every series), within a
   stated tolerance (``bench/calibration_bench.py``, ``bench/RESULTS.md``).
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
   ``PRIOR_WEIGHT`` = 50. The blend may be stretched about its median by ``base.STRETCH``
   (``pool_scores(stretch=...)``), for errors at the next origin that spread wider than past
   ones; ``STRETCH`` = 1.05, the factor whose 95% coverage on six holdout windows of each of the
   three training sets is closest to 0.95 among those that raise their MSIS by at most 1%
   (``calibration_bench.py --stretch --with-package-data``).
4. The interval is ``exp(log point + s * q)``, with ``s`` the scale at the forecast origin.
5. When fewer than ``MIN_CALIBRATION`` (50) errors exist at a horizon (a single short series,
   or a small panel), the interval is the union of the calibrated and the model-based
   interval, so it is never narrower than what the model itself implies.

6. Tails (:mod:`helpers.models.tails`, every method and the fallbacks): an upper quantile of
   the year ``j`` years after the last observation never exceeds
   ``max(TAIL_MULTIPLE * max(history), last * G_j)``, ``G_j`` the largest rise the series
   showed within ``j`` years, ``TAIL_MULTIPLE`` = 10; lower quantiles get the mirror image.
   Without this a two-point series after a hundredfold jump got bounds near 1e97 (Student-t
   with one degree of freedom through step 5).

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
``DEFAULT_METHOD = "combo"`` with ``COMBO_MEMBERS = ("ses", "rwd_log", "rwd_med", "pooled")``,
aggregated by the median (``COMBO_AGG``), year by year, of the log forecasts: SES of the logs,
the random walk with drift of the logs, the random walk with the median yearly change as drift
(original scale) and ``pooled``; the median of four is the mean of the middle two, year by
year. Rule (training parts only, unchanged since the second selection but for the sets it
reads): hold out ``h`` years of every series and forecast them from the years before
(calibration also from those years only), three times: the last ``h`` years, then the ``h``
years ending one year earlier, then two years earlier. Score every candidate by ``mean over the
sets of (sMAPE / sMAPE_rwd + MSIS / MSIS_rwd) / 2``, each metric averaged over the three
windows, ``rwd`` being the random walk with drift on the same holdouts; the lowest score is the
default. The sets: the M1 yearly (h = 6) and Tourism yearly (h = 4) training parts, and the
yearly panels statsmodels ships (h = 6) as one set whose series are weighted so that no dataset
counts for more than a quarter of it (the fertility rates of 199 countries are one indicator).
A series too short for a candidate's most demanding member is scored on naive, as the library
forecasts it. ``pooled`` is learned from these same training parts, so on each set it is scored
with a table trained on the other sets only (leave one set out), as it meets an unseen panel.
Fifth candidate set (5440): each fast model; the mean and the median of every 2 to 4 of
``naive, ses, rwd, rwd_log, theta, damped, loglinear, piecewise, rwd_med, rwd_shrunk,
rwd_log_med, otheta, sf_ets, sf_dotm, sf_ces, pooled``; combinations counting ``rwd`` twice;
means on the original scale; per-series choices (``sf_arima`` left out: at about 1 s a fit the
rule would need hours). Run with the library's calibration and floor rule (``python
bench/forecast_bench.py --select --current-calibration --with-package-data``), it chose
``median(ses, rwd_log, rwd_med, pooled)`` (score 0.9226; the default before it, ``median(naive,
rwd, rwd_log_med)``, 88th at 0.9438; the twelve best all have ``pooled``); the calibration
rule, run again for it (each set with a prior table built without it), kept 250 series and 3
origins.
bench/RESULTS.md records the outputs and their history (the earlier rules and defaults).

Errors
------
:class:`ModelError` (a ``ValueError``) names the reason: non-numeric values, duplicate or
non-integer years, a series too short for the model, non-positive values for a log model,
a horizon <= 0, an unknown method.
"""

from __future__ import annotations

from .base import (
    COMBO_AGG,
    COMBO_MEMBERS,
    DEFAULT_METHOD,
    LEVELS,
    MIN_CALIBRATION,
    MIN_TRAIN,
    N_ORIGINS,
    ORIGIN_SCHEME,
    PRIOR_WEIGHT,
    RWD_FLOOR,
    SCALE_FLOOR,
    SCALE_POWER,
    SCALE_WINDOW,
    ModelError,
    ModelProblem,
    series_scale,
)
from .calibration import ZTable, calibration_scores, default_z_table, pool_scores
from .fit import (
    PreparedFit,
    finish_fit,
    finish_knots,
    fit_forecast,
    level_fallback,
    point_forecast,
    prepare_fit,
)
from .registry import MODELS, ModelSpec
from .result import ForecastResult, lognormal_result

__all__ = [
    "MIN_CALIBRATION",
    "MIN_TRAIN",
    "N_ORIGINS",
    "ORIGIN_SCHEME",
    "PRIOR_WEIGHT",
    "RWD_FLOOR",
    "SCALE_FLOOR",
    "SCALE_POWER",
    "SCALE_WINDOW",
    "LEVELS",
    "DEFAULT_METHOD",
    "COMBO_MEMBERS",
    "COMBO_AGG",
    "MODELS",
    "ModelError",
    "ModelProblem",
    "ModelSpec",
    "ForecastResult",
    "ZTable",
    "PreparedFit",
    "fit_forecast",
    "prepare_fit",
    "finish_fit",
    "finish_knots",
    "level_fallback",
    "point_forecast",
    "calibration_scores",
    "series_scale",
    "pool_scores",
    "default_z_table",
    "lognormal_result",
]
