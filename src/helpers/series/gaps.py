"""Estimates for years with no published figure (gap years), with honest intervals.

Two estimators, each stating its assumption, both on the log of the series:

``loglinear`` (Brownian bridge)
    Assumption: between the nearest known years ``a < t < b`` the log series is a random
    walk with drift whose annual shocks have standard deviation ``sigma``. Given both
    ends, the path is a Brownian bridge: the estimate is the log-linear interpolation

        m(t) = (1 - w) y_a + w y_b,  w = (t - a) / (b - a),

    (constant growth between the known years) and its variance is

        V(t) = (t - a)(b - t) / (b - a) * sigma^2 + (1 - w)^2 v_a + w^2 v_b,

    the bridge variance plus the measurement variances ``v_a``, ``v_b`` of the two ends.
    The bridge term is zero at the known years and largest mid-gap, so intervals widen
    with the distance from data.
``state_space`` (local linear trend smoother)
    Assumption: the log series is a local linear trend, ``y_t = mu_t + e_t``,
    ``mu_{t+1} = mu_t + beta_t + eta_t``, ``beta_{t+1} = beta_t + zeta_t``, with level
    shocks ``eta`` (sd ``level_sd``), slope shocks ``zeta`` (sd ``slope_sd``) and
    measurement errors ``e_t`` whose variance is that of each observed year (none in gap
    years). The growth rates next to the gap inform the path through it. Smoothed states
    and their variances come from statsmodels ``UnobservedComponents`` (exact diffuse
    initialisation, Kalman smoother); missing years are simply unobserved. The variances
    are fixed from priors, not estimated: eight observations cannot identify them.

``sigma`` is the sample standard deviation of the observed annual log growth rates,
floored at ``sigma_floor`` (references.yaml ``volatility-prior``): a handful of smooth
years must not make the gap look predictable when the province's output grew by
commissioning large plants (steel, DAP fertiliser, copper smelter) in 2012-2017.

The link-factor uncertainty enters through the known years on the old base: their log
values move one for one (times their exposure ``1 - a(t)``, see :mod:`helpers.series.linking`)
with ``log k``. Both estimators are linear in the known log values, so a gap year's log
estimate is ``m0 + beta X + e``: ``X`` the two-piece normal deviation of ``log k``,
``beta`` its exposure, ``e`` the normal error of the estimator at the link factor in use.
The interval is taken from that exact law (the normal convolved with the scaled two-piece
normal, :func:`link_quantiles`), so it holds both the within-gap volatility and the link
uncertainty.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.series.linking import GAP_METHODS, ParameterError

MIN_OBS_VAR = 1e-10
"""Variance given to an observed year whose figure is taken as exact (keeps the filter regular)."""


@dataclass(frozen=True)
class SigmaEstimate:
    """Standard deviation of annual log growth used by the estimators.

    ``sigma = max(sample_sd, floor)``; ``sample_sd`` is NaN with fewer than two growth
    rates.
    """

    sigma: float
    sample_sd: float
    n_growth: int
    floor: float

    @property
    def source(self) -> str:
        if not math.isnan(self.sample_sd) and self.sample_sd >= self.floor:
            return f"sample sd {self.sample_sd:.3f} of {self.n_growth} annual log growth rates"
        shown = "n/a" if math.isnan(self.sample_sd) else f"{self.sample_sd:.3f}"
        return f"floor {self.floor:.3f} (sample sd {shown} of {self.n_growth} annual log growth rates)"


def estimate_sigma(log_values: pd.Series, floor: float) -> SigmaEstimate:
    """Sigma of annual log growth from consecutive known years, with a floor.

    Parameters
    ----------
    log_values : pd.Series
        Log values indexed by year (gaps allowed: only pairs of consecutive years count).
    floor : float
        Lower bound on the returned sigma.
    """
    s = log_values.dropna().sort_index()
    years = s.index.values.astype(int)
    growth = [s.iloc[i + 1] - s.iloc[i] for i in range(len(s) - 1) if years[i + 1] - years[i] == 1]
    n = len(growth)
    sample = float(np.std(growth, ddof=1)) if n >= 2 else math.nan
    sigma = floor if math.isnan(sample) else max(sample, floor)
    return SigmaEstimate(sigma=float(sigma), sample_sd=sample, n_growth=n, floor=float(floor))


def bridge(known: pd.DataFrame, target_years: Sequence[int], sigma: float) -> pd.DataFrame:
    """Brownian-bridge (log-linear) estimate of ``target_years`` between known years.

    Parameters
    ----------
    known : pd.DataFrame
        Columns ``year``, ``mean`` (log value), ``var`` (its measurement variance).
    target_years : sequence of int
        Years strictly inside the span of ``known`` and not in it.
    sigma : float
        Standard deviation of annual log growth shocks.

    Returns
    -------
    pd.DataFrame
        Columns ``year``, ``mean``, ``var``, ``left``, ``right`` (the bracketing years).

    Raises
    ------
    ValueError
        For a target year outside the known span (extrapolation is not a bridge).
    """
    k = known.sort_values("year")
    ky = k["year"].to_numpy(dtype=int)
    km = k["mean"].to_numpy(dtype=float)
    kv = k["var"].to_numpy(dtype=float)
    out = []
    for t in target_years:
        t = int(t)
        pos = np.searchsorted(ky, t)
        if pos == 0 or pos >= len(ky) or ky[pos] == t:
            raise ValueError(f"year {t} is not strictly between two known years ({ky.tolist()})")
        a, b = ky[pos - 1], ky[pos]
        w = (t - a) / (b - a)
        mean = (1 - w) * km[pos - 1] + w * km[pos]
        var = (t - a) * (b - t) / (b - a) * sigma**2 + (1 - w) ** 2 * kv[pos - 1] + w**2 * kv[pos]
        out.append((t, mean, var, int(a), int(b)))
    return pd.DataFrame(out, columns=["year", "mean", "var", "left", "right"])


def smooth_state_space(
    years: Sequence[int],
    log_values: Sequence[float],
    obs_var: Sequence[float],
    level_sd: float,
    slope_sd: float,
) -> pd.DataFrame:
    """Local-linear-trend Kalman smoother of a log series with missing years.

    Parameters
    ----------
    years : sequence of int
        Consecutive years.
    log_values : sequence of float
        Log values, NaN where unobserved.
    obs_var : sequence of float
        Measurement variance of each observed year (ignored where unobserved).
    level_sd, slope_sd : float
        Standard deviations of the level and slope shocks (fixed, not estimated).

    Returns
    -------
    pd.DataFrame
        Columns ``year``, ``mean`` (smoothed level), ``var`` (its smoothed variance),
        ``slope`` (smoothed growth rate).
    """
    from statsmodels.tsa.statespace.structural import UnobservedComponents

    years = np.asarray(years, dtype=int)
    if len(years) > 1 and not np.all(np.diff(years) == 1):
        raise ValueError("years must be consecutive")
    y = np.asarray(log_values, dtype=float)
    ov = np.where(np.isnan(y), 0.0, np.maximum(np.asarray(obs_var, dtype=float), MIN_OBS_VAR))
    mod = UnobservedComponents(
        y,
        level=True,
        trend=True,
        stochastic_level=True,
        stochastic_trend=True,
        irregular=False,
        use_exact_diffuse=True,
    )
    # Time-varying measurement variance: the model has no irregular parameter, so the
    # observation covariance set here is left alone by the parameter updates.
    mod.ssm["obs_cov"] = ov[None, None, :]
    res = mod.smooth(np.array([level_sd**2, max(slope_sd, 0.0) ** 2]))
    return pd.DataFrame(
        {
            "year": years,
            "mean": res.smoothed_state[0],
            "var": np.maximum(res.smoothed_state_cov[0, 0], 0.0),
            "slope": res.smoothed_state[1],
        }
    )


def link_quantiles(m0: float, beta: float, var: float, s_lo: float, s_hi: float, probs: Sequence[float]) -> np.ndarray:
    """Quantiles of ``m0 + beta * X + e`` with ``X`` two-piece normal, ``e ~ N(0, var)``.

    ``X = log(k_true / k)`` follows the two-piece normal law of the link factor
    (:func:`helpers.series.linking.two_piece_cdf`, spreads ``s_lo``, ``s_hi``); ``beta`` is the
    exposure of the quantity to ``log k``. The CDF
    ``E_X[Phi((y - m0 - beta X) / sd)]`` is integrated on a grid of
    :data:`N_LINK_GRID` equal-probability points of ``X`` and inverted with
    :func:`scipy.optimize.brentq`. Without exposure the law is normal; without ``e`` it is
    the scaled two-piece normal itself (exact quantiles).
    """
    from scipy.optimize import brentq
    from scipy.special import ndtr
    from scipy.stats import norm

    from helpers.series.linking import two_piece_ppf

    probs = np.asarray(probs, dtype=float)
    sd = math.sqrt(max(var, 0.0))
    if abs(beta) < 1e-12:
        return m0 + sd * norm.ppf(probs)
    if sd == 0.0:
        q = probs if beta > 0 else 1.0 - probs
        return m0 + beta * two_piece_ppf(q, s_lo, s_hi)
    xs = m0 + beta * _link_grid(s_lo, s_hi)

    def cdf(y: float, p: float) -> float:
        return float(np.mean(ndtr((y - xs) / sd))) - p

    lo = float(xs.min()) - 10 * sd
    hi = float(xs.max()) + 10 * sd
    return np.array([brentq(cdf, lo, hi, args=(float(p),), xtol=1e-12) for p in probs])


N_LINK_GRID = 4000
"""Grid size of the link-factor law in :func:`link_quantiles`."""

_GRID_CACHE: dict[tuple[float, float], np.ndarray] = {}


def _link_grid(s_lo: float, s_hi: float) -> np.ndarray:
    from helpers.series.linking import two_piece_ppf

    key = (round(s_lo, 14), round(s_hi, 14))
    if key not in _GRID_CACHE:
        _GRID_CACHE[key] = two_piece_ppf((np.arange(N_LINK_GRID) + 0.5) / N_LINK_GRID, s_lo, s_hi)
    return _GRID_CACHE[key]


def link_variance(s_lo: float, s_hi: float) -> float:
    """Variance of ``log(k_true / k)`` under the two-piece normal law."""
    return float(np.var(_link_grid(s_lo, s_hi)))


def estimate_gaps(
    known: pd.DataFrame,
    years: Sequence[int],
    method: str,
    level: float,
    sigma_floor: float,
    link_spreads: tuple[float, float] | None = None,
    ss_level_sd: float | None = None,
    ss_slope_sd: float = 0.03,
) -> tuple[pd.DataFrame, SigmaEstimate]:
    """Estimate the gap years of ``years`` with intervals holding the link uncertainty.

    Parameters
    ----------
    known : pd.DataFrame
        One row per known year: ``year``, ``log_value`` (at the link factor in use),
        ``obs_var`` (measurement variance on logs), ``k_exposure`` (how much the log value
        moves with ``log k``: 1 for years linked with an explicit factor, 0 for figures at
        2010 prices).
    years : sequence of int
        All years of the series (first to last known year).
    method : str
        ``'loglinear'`` or ``'state_space'``.
    level : float
        Interval level in percent.
    sigma_floor : float
        Floor on the sigma of annual log growth.
    link_spreads : (float, float) or None
        Spreads of the two-piece normal law of ``log(k_true / k)``
        (:meth:`helpers.series.linking.LinkParams.log_spreads`); None: no link uncertainty.
    ss_level_sd, ss_slope_sd : float
        State-space shock standard deviations (``None``: ``sigma``).

    Returns
    -------
    (pd.DataFrame, SigmaEstimate)
        Frame with one row per gap year: ``year``, ``value`` (estimate at the link factor in
        use), ``lo``, ``hi``, ``sd_log`` (sd at the link factor in use), ``sd_log_total``
        (sd including the link-factor uncertainty), ``k_exposure`` (sensitivity of the log
        estimate to ``log k``), ``left``, ``right`` (nearest known years); and the sigma.

    Notes
    -----
    Both estimators are linear in the known log values and their variances do not depend
    on those values, so the log estimate is ``m0(t) + beta(t) X + e(t)``, with ``m0`` and
    ``Var e`` from a run at the link factor in use, ``beta`` from a second run with the
    linked years shifted by one unit of ``log k``, and ``X`` the two-piece normal
    deviation of ``log k``. Quantiles: :func:`link_quantiles`.
    """
    if method not in GAP_METHODS:
        raise ParameterError("gap_method", f"unknown gap method {method!r}; accepted values: {', '.join(GAP_METHODS)}")
    cols = ["year", "value", "lo", "hi", "sd_log", "sd_log_total", "k_exposure", "left", "right"]
    kn = known.sort_values("year").reset_index(drop=True)
    all_years = np.arange(int(min(years)), int(max(years)) + 1)
    kyears = set(kn["year"].astype(int))
    gap_years = [int(y) for y in all_years if int(y) not in kyears]
    sig = estimate_sigma(pd.Series(kn["log_value"].values, index=kn["year"].astype(int)), sigma_floor)
    if not gap_years:
        return pd.DataFrame(columns=cols), sig

    def run(offset: float) -> pd.DataFrame:
        means = kn["log_value"].to_numpy(float) + kn["k_exposure"].to_numpy(float) * offset
        if method == "loglinear":
            kd = pd.DataFrame({"year": kn["year"].astype(int), "mean": means, "var": kn["obs_var"].to_numpy(float)})
            return bridge(kd, gap_years, sig.sigma)[["year", "mean", "var"]]
        y = pd.Series(np.nan, index=all_years)
        v = pd.Series(0.0, index=all_years)
        y.loc[kn["year"].astype(int).values] = means
        v.loc[kn["year"].astype(int).values] = kn["obs_var"].to_numpy(float)
        res = smooth_state_space(
            all_years,
            y.values,
            v.values,
            level_sd=sig.sigma if ss_level_sd is None else ss_level_sd,
            slope_sd=ss_slope_sd,
        )
        return res[res["year"].isin(gap_years)][["year", "mean", "var"]].reset_index(drop=True)

    r0 = run(0.0)
    r1 = run(1.0)
    beta = (r1["mean"] - r0["mean"]).to_numpy()
    alpha = (1.0 - level / 100.0) / 2.0
    s_lo, s_hi = link_spreads if link_spreads is not None else (1.0, 1.0)
    var_x = link_variance(s_lo, s_hi) if link_spreads is not None else 0.0
    ky = np.array(sorted(kyears))
    out = []
    for i, t in enumerate(r0["year"].astype(int)):
        m0, v0 = float(r0.at[i, "mean"]), float(r0.at[i, "var"])
        b = float(beta[i]) if link_spreads is not None else 0.0
        q_lo, q_hi = link_quantiles(m0, b, v0, s_lo, s_hi, [alpha, 1.0 - alpha])
        out.append(
            (
                t,
                math.exp(m0),
                math.exp(q_lo),
                math.exp(q_hi),
                math.sqrt(v0),
                math.sqrt(v0 + b * b * var_x),
                float(beta[i]),
                int(ky[ky < t].max()),
                int(ky[ky > t].min()),
            )
        )
    return pd.DataFrame(out, columns=cols), sig


def span_others(lo: float, hi: float, others: Sequence[float], z: float) -> tuple[float, float, float, str]:
    """Widen a published year's interval ``[lo, hi]`` to the other figures published for the
    year at the same base (``others``, on the same scale): sources that disagree leave the year
    that uncertain, whichever of them the series keeps.

    Returns lo, hi, the variance on logs the widened interval reads as at the quantile ``z``
    (for the gap years estimated around the year; 0 when nothing widened) and a note ("" when
    the interval already held every other figure)."""
    low, high = min([lo, *others]), max([hi, *others])
    if low >= lo and high <= hi:
        return lo, hi, 0.0, ""
    var = (math.log(high / low) / (2 * z)) ** 2 if z > 0 else 0.0
    return low, high, var, f"interval spans the other figures of the year ({low:,.1f} to {high:,.1f})"
