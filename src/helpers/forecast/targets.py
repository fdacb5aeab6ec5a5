"""Plan targets: the probability of meeting them, and how past plans compared with outcomes.

Vietnamese provinces set an annual target for industrial production value (a level, or a
growth rate over the previous year). Two questions follow:

- Given a forecast distribution, how likely is the target to be met?
  :func:`prob_at_least` reads it off a :class:`helpers.models.ForecastResult` exactly (from its
  quantile function); :func:`prob_from_samples` does it from simulated draws (e.g. draws mixed
  over alternative versions of the series); :func:`lognormal_prob_at_least` is the closed form
  when the log value is Gaussian.
- How did past targets compare with what happened? :func:`plan_vs_actual` gives one row per
  year, :func:`plan_vs_actual_summary` the summary (share of years met, average ratio of actual
  to target, planned versus achieved growth).

A target is "met" when the value is greater than or equal to it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd
from scipy import stats

from helpers.common.errors import InputError

__all__ = [
    "TargetError",
    "lognormal_prob_at_least",
    "prob_at_least",
    "prob_growth_at_least",
    "prob_from_samples",
    "prob_all_met",
    "target_probabilities",
    "plan_vs_actual",
    "plan_vs_actual_summary",
]


class TargetError(InputError):
    """A target or a plan table that cannot be used; the message says why."""


def _positive_target(target) -> float:
    try:
        t = float(target)
    except (TypeError, ValueError):
        raise TargetError(f"target must be a number, got {target!r}") from None
    if not math.isfinite(t):
        raise TargetError(f"target must be finite, got {target!r}")
    return t


def lognormal_prob_at_least(target: float, mu: float, sigma: float) -> float:
    """``P(Y >= target)`` for ``log Y ~ Normal(mu, sigma**2)``.

    Equals ``1 - Phi((log(target) - mu) / sigma)``; 1 for a target <= 0.
    """
    t = _positive_target(target)
    if sigma < 0:
        raise TargetError(f"sigma must be >= 0, got {sigma}")
    if t <= 0:
        return 1.0
    if sigma == 0:
        return 1.0 if mu >= math.log(t) else 0.0
    return float(stats.norm.sf((math.log(t) - mu) / sigma))


def _year_index(result, year) -> int:
    years = [int(v) for v in result.years]
    if year is None:
        if len(years) != 1:
            raise TargetError(f"the forecast covers years {years}; say which year the target is for")
        return 0
    if int(year) not in years:
        raise TargetError(f"year {year} is not among the forecast years {years}")
    return years.index(int(year))


def prob_at_least(result, target: float, year: int | None = None) -> float:
    """Probability that the value of ``year`` is at least ``target`` under a forecast.

    Parameters
    ----------
    result : helpers.models.ForecastResult
    target : float
        Target level, on the original scale of the series.
    year : int, optional
        Forecast year (may be omitted when the forecast covers a single year).

    Returns
    -------
    float
        ``1 - F(target)`` with ``F`` the predictive distribution function (the quantile
        function of the result inverted exactly).
    """
    t = _positive_target(target)
    j = _year_index(result, year)
    cdf = result.cdf(np.full(len(result.years), t))
    return float(1.0 - cdf[j])


def prob_growth_at_least(result, base_value: float, growth: float, year: int | None = None) -> float:
    """Probability that the value of ``year`` is at least ``base_value * (1 + growth)``.

    ``growth`` is a fraction (0.12 for 12%); ``base_value`` is typically last year's actual.
    """
    if not base_value > 0:
        raise TargetError(f"base value must be > 0, got {base_value}")
    return prob_at_least(result, base_value * (1.0 + growth), year)


def prob_from_samples(samples, target: float) -> float | np.ndarray:
    """Share of draws at least ``target``.

    Parameters
    ----------
    samples : array_like, shape (n,) or (n, h)
        Draws, e.g. from :meth:`ForecastResult.sample`, possibly pooled over alternative
        series.
    target : float or array_like of shape (h,)

    Returns
    -------
    float or ndarray of shape (h,)
    """
    s = np.asarray(samples, float)
    if s.size == 0:
        raise TargetError("no samples")
    if not np.all(np.isfinite(s)):
        raise TargetError("samples contain non-finite values")
    t = np.asarray(target, float)
    p = (s >= t).mean(axis=0)
    return float(p) if np.ndim(p) == 0 else p


def prob_all_met(samples, targets) -> float:
    """Probability that every year's target is met, from joint draws.

    Parameters
    ----------
    samples : array_like, shape (n, h)
        Joint draws (paths) over ``h`` years.
    targets : array_like, shape (h,)
        One target per column; ``NaN`` means no target that year.
    """
    s = np.asarray(samples, float)
    t = np.asarray(targets, float)
    if s.ndim != 2 or t.shape != (s.shape[1],):
        raise TargetError(f"need samples (n, h) and h targets; got {s.shape} and {t.shape}")
    keep = ~np.isnan(t)
    if not keep.any():
        raise TargetError("no targets given")
    return float(np.all(s[:, keep] >= t[keep], axis=1).mean())


def target_probabilities(result, targets: Mapping[int, float] | pd.DataFrame | pd.Series) -> pd.DataFrame:
    """Probability of meeting each year's target under a forecast.

    Parameters
    ----------
    result : helpers.models.ForecastResult
    targets : mapping year -> target, Series indexed by year, or DataFrame with ``year`` and
        ``target`` columns.

    Returns
    -------
    pandas.DataFrame
        year, target, forecast (median), prob_meet, and ``target / forecast``.
    """
    if isinstance(targets, pd.DataFrame):
        if not {"year", "target"} <= set(targets.columns):
            raise TargetError("a targets frame needs columns 'year' and 'target'")
        items = list(zip(targets["year"], targets["target"]))
    elif isinstance(targets, pd.Series):
        items = list(targets.items())
    else:
        items = list(dict(targets).items())
    fc = dict(zip([int(y) for y in result.years], result.forecast))
    rows = []
    for year, target in items:
        t = _positive_target(target)
        p = prob_at_least(result, t, int(year))
        rows.append(
            {
                "year": int(year),
                "target": t,
                "forecast": fc[int(year)],
                "prob_meet": p,
                "target_to_forecast": t / fc[int(year)],
            }
        )
    return pd.DataFrame(rows)


def _plan_table(table: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(table, pd.DataFrame):
        raise TargetError("the plan table must be a DataFrame with year, target, actual")
    cols = {c.lower().strip(): c for c in table.columns}
    need = ["year", "target", "actual"]
    missing = [c for c in need if c not in cols]
    if missing:
        raise TargetError(f"the plan table lacks column(s) {missing}; has {list(table.columns)}")
    d = pd.DataFrame({c: table[cols[c]] for c in need})
    yr = pd.to_numeric(d["year"], errors="coerce")
    if yr.isna().any() or (yr != np.round(yr)).any():
        raise TargetError(
            f"non-integer years in the plan table: {d.loc[yr.isna() | (yr != np.round(yr)), 'year'].tolist()[:5]}"
        )
    d["year"] = yr.astype(int)
    if d["year"].duplicated().any():
        raise TargetError(
            f"duplicate years in the plan table: {sorted(d.loc[d['year'].duplicated(), 'year'].unique().tolist())}"
        )
    for c in ("target", "actual"):
        v = pd.to_numeric(d[c], errors="coerce")
        bad = v.isna() & d[c].notna()
        if bad.any():
            raise TargetError(f"non-numeric {c} in years {d.loc[bad, 'year'].tolist()[:5]}")
        if (v <= 0).any():
            raise TargetError(f"{c} must be > 0; years {d.loc[v <= 0, 'year'].tolist()[:5]}")
        d[c] = v.astype(float)
    return d.sort_values("year").reset_index(drop=True)


def plan_vs_actual(table: pd.DataFrame) -> pd.DataFrame:
    """Year-by-year comparison of targets with outcomes.

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``year``, ``target``, ``actual`` (``actual`` may be missing for years not yet
        observed; ``target`` may be missing for years without a published target).

    Returns
    -------
    pandas.DataFrame
        year, target, actual, gap (actual - target), ratio (actual / target), met
        (actual >= target; missing when either is), planned_growth (target over the previous
        year's actual, minus 1) and actual_growth (actual over the previous year's actual,
        minus 1), both only where the previous calendar year's actual is known.
    """
    d = _plan_table(table)
    prev = d.set_index("year")["actual"]
    prev_actual = d["year"].map(lambda y: prev.get(y - 1, np.nan))
    out = d.copy()
    out["gap"] = d["actual"] - d["target"]
    out["ratio"] = d["actual"] / d["target"]
    both = d["actual"].notna() & d["target"].notna()
    out["met"] = pd.Series(pd.NA, index=d.index, dtype="boolean")
    out.loc[both, "met"] = (d.loc[both, "actual"] >= d.loc[both, "target"]).to_numpy()
    out["planned_growth"] = d["target"] / prev_actual - 1
    out["actual_growth"] = d["actual"] / prev_actual - 1
    return out


def plan_vs_actual_summary(table: pd.DataFrame) -> dict:
    """Summary of :func:`plan_vs_actual` over the years with both a target and an actual.

    Returns
    -------
    dict
        n_years, n_met, share_met, mean_ratio, median_ratio, geometric_mean_ratio,
        sd_log_ratio (spread of the log ratio), worst_year / best_year (by ratio), and, over
        years where both growth rates exist, mean_planned_growth, mean_actual_growth and
        mean_growth_shortfall (planned minus actual).
    """
    pv = plan_vs_actual(table)
    both = pv[pv["actual"].notna() & pv["target"].notna()]
    if both.empty:
        raise TargetError("no year has both a target and an actual value")
    lr = np.log(both["ratio"].to_numpy(float))
    g = pv[pv["planned_growth"].notna() & pv["actual_growth"].notna()]
    out = {
        "n_years": int(len(both)),
        "n_met": int(both["met"].sum()),
        "share_met": float(both["met"].mean()),
        "mean_ratio": float(both["ratio"].mean()),
        "median_ratio": float(both["ratio"].median()),
        "geometric_mean_ratio": float(np.exp(lr.mean())),
        "sd_log_ratio": float(lr.std(ddof=1)) if lr.size > 1 else float("nan"),
        "worst_year": int(both.loc[both["ratio"].idxmin(), "year"]),
        "best_year": int(both.loc[both["ratio"].idxmax(), "year"]),
        "n_growth_years": int(len(g)),
        "mean_planned_growth": float(g["planned_growth"].mean()) if len(g) else float("nan"),
        "mean_actual_growth": float(g["actual_growth"].mean()) if len(g) else float("nan"),
    }
    out["mean_growth_shortfall"] = out["mean_planned_growth"] - out["mean_actual_growth"]
    return out
