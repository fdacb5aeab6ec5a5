"""Rolling-origin backtests and forecast accuracy metrics.

Metric definitions (the M3/M4 conventions, non-seasonal, ``m = 1``):

``smape``
    ``mean(200 * |y - f| / (|y| + |f|))``, a term is 0 when ``y = f = 0``.
``mase``
    ``mean(|y - f|) / scale``, ``scale = mean |y_t - y_{t-m}|`` over the training part
    (consecutive observed years only when years are missing).
``coverage``
    share of outcomes with ``lo <= y <= hi``.
``msis``
    M4 mean scaled interval score of a ``1 - alpha`` interval (``alpha = 0.05`` for 95%):
    ``mean((U - L) + 2/alpha * (L - y) * 1{y < L} + 2/alpha * (y - U) * 1{y > U}) / scale``.

A panel's score (:func:`score_panel`) averages each metric over a series' horizons, then over
series.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers import models
from helpers.models import registry

__all__ = [
    "Split",
    "rolling_origin",
    "holdout_split",
    "smape",
    "mase_scale",
    "mase",
    "coverage",
    "interval_score",
    "msis",
    "backtest",
    "summarize",
    "score_panel",
]


@dataclass(frozen=True)
class Split:
    """One rolling origin: the training part (up to and including ``origin``) and what follows."""

    origin: int
    train: pd.Series
    test: pd.Series


def _clean(y: pd.Series) -> pd.Series:
    if not isinstance(y, pd.Series):
        y = pd.Series(y)
    y = y.sort_index()
    if y.index.has_duplicates:
        raise ValueError("duplicate years in the series")
    return y


def rolling_origin(y: pd.Series, h: int, min_train: int, step: int = 1, *, allow_partial: bool = False) -> list[Split]:
    """Rolling-origin splits of an annual series.

    Origins are observed years such that the training part (every year up to and including
    the origin) holds at least ``min_train`` observed values. The test part is the ``h``
    years after the origin (years absent from the series are absent from the test part too).
    Origins advance by ``step`` observed years, starting from the first admissible one.

    Parameters
    ----------
    y : pandas.Series
        Values indexed by integer year (``NaN`` for missing years).
    h : int
        Test window in years (> 0).
    min_train : int
        Fewest observed values in a training part (>= 1).
    step : int
        Observed years between consecutive origins (>= 1).
    allow_partial : bool
        Keep origins whose ``h``-year window runs past the last year of the series.

    Returns
    -------
    list of Split
        In chronological order; each test part has at least one observed value.
    """
    if h <= 0 or min_train < 1 or step < 1:
        raise ValueError(f"need h > 0, min_train >= 1 and step >= 1 (got {h}, {min_train}, {step})")
    y = _clean(y)
    years = np.asarray(y.index, dtype=np.int64)
    obs = y.notna().to_numpy()
    last_year = int(years.max())
    out: list[Split] = []
    obs_years = years[obs]
    for k in range(min_train - 1, obs_years.size, step):
        origin = int(obs_years[k])
        if not allow_partial and origin + h > last_year:
            break
        train = y[y.index <= origin]
        test = y[(y.index > origin) & (y.index <= origin + h)]
        if test.notna().sum() == 0:
            continue
        out.append(Split(origin, train, test))
    return out


def holdout_split(df: pd.DataFrame, h: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split a long ``unique_id, year, value`` frame into all-but-the-last-``h`` rows per series
    and the last ``h`` rows (series with ``h`` rows or fewer are dropped)."""
    d = df.sort_values(["unique_id", "year"])
    n = d.groupby("unique_id")["year"].transform("size")
    d = d[n > h]
    rank_from_end = d.groupby("unique_id").cumcount(ascending=False)
    return d[rank_from_end >= h].copy(), d[rank_from_end < h].copy()


def holdout_windows(df: pd.DataFrame, h: int, windows: int = 3) -> list[tuple[pd.DataFrame, pd.DataFrame]]:
    """The rolling holdout windows of a training part: the last ``h`` years of every series held
    out, then the ``h`` years ending one year earlier, and so on (``windows`` in all).

    Each window is ``(fit part, held-out part)`` (:func:`holdout_split` of the series cut by
    0, 1, ... years); series with fewer than two years left to fit are left out of both.
    """
    d = df.sort_values(["unique_id", "year"])
    out = []
    for w in range(windows):
        part = d[d.groupby("unique_id").cumcount(ascending=False) >= w] if w else d
        fit, hold = holdout_split(part, h)
        fit = fit[fit.groupby("unique_id")["year"].transform("size") >= 2]
        out.append((fit, hold[hold["unique_id"].isin(set(fit["unique_id"]))]))
    return out


def smape(actual, forecast) -> float:
    """Symmetric MAPE in percent (0 for a point where actual = forecast = 0)."""
    y = np.asarray(actual, float)
    f = np.asarray(forecast, float)
    den = np.abs(y) + np.abs(f)
    terms = np.where(den > 0, 200 * np.abs(y - f) / np.where(den > 0, den, 1.0), 0.0)
    return float(np.mean(terms))


def mase_scale(train, m: int = 1) -> float:
    """In-sample mean absolute ``m``-step naive error of the training values.

    With a Series indexed by year, only pairs exactly ``m`` years apart count.
    """
    if isinstance(train, pd.Series):
        s = train.dropna()
        yrs = np.asarray(s.index, dtype=np.int64)
        v = s.to_numpy(float)
        lookup = dict(zip(yrs.tolist(), v.tolist()))
        d = [abs(lookup[t] - lookup[t - m]) for t in yrs.tolist() if (t - m) in lookup]
        if not d:
            raise ValueError("the training part is too short for the MASE scale")
        return float(np.mean(d))
    v = np.asarray(train, float)
    if v.size <= m:
        raise ValueError("the training part is too short for the MASE scale")
    return float(np.mean(np.abs(v[m:] - v[:-m])))


def mase(actual, forecast, train, m: int = 1) -> float:
    """Mean absolute scaled error."""
    y = np.asarray(actual, float)
    f = np.asarray(forecast, float)
    return float(np.mean(np.abs(y - f)) / mase_scale(train, m))


def coverage(actual, lo, hi) -> float:
    """Share of outcomes inside ``[lo, hi]``."""
    y = np.asarray(actual, float)
    return float(np.mean((y >= np.asarray(lo, float)) & (y <= np.asarray(hi, float))))


def interval_score(actual, lo, hi, alpha: float = 0.05) -> np.ndarray:
    """Interval (Winkler) score of each point for a ``1 - alpha`` interval (unscaled)."""
    y = np.asarray(actual, float)
    lo = np.asarray(lo, float)
    hi = np.asarray(hi, float)
    return (hi - lo) + (2 / alpha) * (lo - y) * (y < lo) + (2 / alpha) * (y - hi) * (y > hi)


def msis(actual, lo, hi, train, alpha: float = 0.05, m: int = 1) -> float:
    """Mean scaled interval score (M4 definition)."""
    return float(np.mean(interval_score(actual, lo, hi, alpha)) / mase_scale(train, m))


def backtest(
    y: pd.Series,
    h: int,
    method: str = models.DEFAULT_METHOD,
    *,
    min_train: int | None = None,
    step: int = 1,
    levels: Sequence[float] = (80, 95),
    intervals: str = "auto",
    allow_partial: bool = True,
    **fit_kw,
) -> pd.DataFrame:
    """Rolling-origin backtest of one method on one series.

    Every split of :func:`rolling_origin` is forecast with :func:`helpers.models.fit_forecast`
    from its training part only (calibration included). Origins the model cannot handle
    (too short) are skipped.

    Returns
    -------
    pandas.DataFrame
        One row per origin and observed test year: ``origin, year, h, actual, forecast,
        lo_L, hi_L ...``.
    """
    spec = registry._spec(method)
    mem = registry._members(method, fit_kw.pop("members", None))
    if min_train is None:
        min_train = max(models.MIN_TRAIN + 1, registry._min_obs(spec.name, mem))
    rows = []
    for sp in rolling_origin(y, h, min_train, step, allow_partial=allow_partial):
        try:
            res = models.fit_forecast(sp.train, h, method, levels, intervals=intervals, members=mem or None, **fit_kw)
        except models.ModelError:
            continue
        f = res.frame.set_index("year")
        for yr, val in sp.test.dropna().items():
            r = f.loc[int(yr)]
            rows.append(
                {"origin": sp.origin, "year": int(yr), "h": int(yr) - sp.origin, "actual": float(val), **r.to_dict()}
            )
    return pd.DataFrame(rows)


def summarize(bt: pd.DataFrame, y: pd.Series, by_horizon: bool = False) -> pd.DataFrame | dict:
    """Metrics of a :func:`backtest` frame (MASE/MSIS scaled by each origin's training part).

    Returns a dict (or a frame by horizon) with smape, mase, coverage_L and msis.
    """
    y = _clean(y)
    if bt.empty:
        raise ValueError("empty backtest")
    scales = {o: mase_scale(y[y.index <= o]) for o in bt["origin"].unique()}
    d = bt.copy()
    d["scale"] = d["origin"].map(scales)
    d["ape"] = [smape([a], [f]) for a, f in zip(d["actual"], d["forecast"])]
    d["ase"] = np.abs(d["actual"] - d["forecast"]) / d["scale"]
    cols = ["ape", "ase"]
    for c in d.columns:
        if c.startswith("lo_"):
            lv = c[3:]
            d[f"cov_{lv}"] = ((d["actual"] >= d[c]) & (d["actual"] <= d[f"hi_{lv}"])).astype(float)
            cols.append(f"cov_{lv}")
    if "lo_95" in d.columns:
        d["sis"] = interval_score(d["actual"], d["lo_95"], d["hi_95"]) / d["scale"]
        cols.append("sis")
    ren = {
        "ape": "smape",
        "ase": "mase",
        "sis": "msis",
        **{c: "coverage_" + c[4:] for c in cols if c.startswith("cov_")},
    }
    if by_horizon:
        return d.groupby("h")[cols].mean().rename(columns=ren)
    return {ren.get(c, c): float(d[c].mean()) for c in cols} | {"n": int(len(d))}


def score_panel(
    train: pd.DataFrame,
    test: pd.DataFrame,
    forecasts: pd.DataFrame,
    levels: Sequence[int] = (80, 95),
    alpha: float = 0.05,
    weights: Mapping[str, float] | None = None,
) -> dict:
    """Score long-format forecasts of a panel against its test part.

    Every metric is averaged over a series' test years, then over series (as the reference
    scorer of the benchmarks does), each series weighing the same unless ``weights`` are given.
    Every test point must have a forecast.

    Parameters
    ----------
    train, test : pandas.DataFrame
        ``unique_id, year, value``.
    forecasts : pandas.DataFrame
        ``unique_id, year, forecast`` and ``lo_L, hi_L`` for the levels.
    weights : mapping, optional
        A weight per series id for the average over series (a panel of several datasets
        weighted by dataset, say); every scored series needs one, and they need not sum to 1.

    Returns
    -------
    dict
        smape, mase, coverage80, coverage95, msis, n_series, n_points.
    """
    tr = train.copy()
    te = test.copy()
    fc = forecasts.copy()
    for d in (tr, te, fc):
        d["unique_id"] = d["unique_id"].astype(str)
        d["year"] = d["year"].astype(np.int64)
    df = te.merge(fc, on=["unique_id", "year"], how="left", validate="one_to_one")
    if df["forecast"].isna().any():
        miss = df.loc[df["forecast"].isna(), ["unique_id", "year"]].head(5).values.tolist()
        raise ValueError(f"forecasts missing for {int(df['forecast'].isna().sum())} test points, e.g. {miss}")
    trs = tr.sort_values(["unique_id", "year"])
    scale = trs.groupby("unique_id")["value"].apply(lambda v: float(np.mean(np.abs(np.diff(v.to_numpy(float))))))
    df["scale"] = df["unique_id"].map(scale)
    y = df["value"].to_numpy(float)
    f = df["forecast"].to_numpy(float)
    den = np.abs(y) + np.abs(f)
    df["smape"] = np.where(den > 0, 200 * np.abs(y - f) / np.where(den > 0, den, 1.0), 0.0)
    df["mase"] = np.abs(y - f) / df["scale"]
    cols = ["smape", "mase"]
    for lv in levels:
        lo, hi = f"lo_{lv}", f"hi_{lv}"
        if lo in df.columns:
            df[f"coverage{lv}"] = ((y >= df[lo]) & (y <= df[hi])).astype(float)
            cols.append(f"coverage{lv}")
    if "lo_95" in df.columns:
        df["msis"] = interval_score(y, df["lo_95"], df["hi_95"], alpha) / df["scale"]
        cols.append("msis")
    per = df.groupby("unique_id")[cols].mean()
    if weights is None:
        out = {c: float(per[c].mean()) for c in cols}
    else:
        w = per.index.map(lambda u: weights.get(u, np.nan)).to_numpy(float)
        if not np.isfinite(w).all() or (w < 0).any() or w.sum() <= 0:
            bad = [u for u, x in zip(per.index, w) if not np.isfinite(x) or x < 0][:5]
            raise ValueError(f"weights must be finite, non-negative and not all 0 for every scored series, e.g. {bad}")
        out = {c: float(np.average(per[c], weights=w)) for c in cols}
    out["n_series"] = int(len(per))
    out["n_points"] = int(len(df))
    return out
