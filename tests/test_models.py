"""Tests of helpers.models: every model, missing years, back-transforms, calibration, errors."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from helpers import models
from helpers.models import ModelError, calibration, fit_forecast, kernels, panel

FAST = [m for m, s in models.MODELS.items() if s.fast]
SLOW = [m for m, s in models.MODELS.items() if not s.fast]


def growth_series(n=14, start=2010, g=0.08, noise=0.03, seed=0, missing=()):
    rng = np.random.default_rng(seed)
    x = math.log(1000) + g * np.arange(n) + rng.normal(0, noise, n).cumsum() * 0.5
    y = pd.Series(np.exp(x), index=np.arange(start, start + n), dtype=float)
    for yr in missing:
        y.loc[yr] = np.nan
    return y


def check_frame(res, h, first_year):
    f = res.frame
    assert list(f.columns) == ["year", "forecast", "lo_80", "hi_80", "lo_95", "hi_95"]
    assert len(f) == h
    assert f["year"].tolist() == list(range(first_year, first_year + h))
    vals = f[["forecast", "lo_80", "hi_80", "lo_95", "hi_95"]].to_numpy()
    assert np.all(np.isfinite(vals))
    assert np.all(f["lo_95"] <= f["lo_80"])
    assert np.all(f["lo_80"] <= f["forecast"])
    assert np.all(f["forecast"] <= f["hi_80"])
    assert np.all(f["hi_80"] <= f["hi_95"])
    assert np.all(f["lo_95"] > 0)


# ---------------------------------------------------------------------------- every model


@pytest.mark.parametrize("method", FAST)
@pytest.mark.parametrize("intervals", ["auto", "model"])
def test_fast_models_with_missing_years(method, intervals):
    # NaN inside the range, and 2013 absent from the index altogether
    y = growth_series(missing=(2012, 2017)).drop(2013)
    res = fit_forecast(y, 5, method, intervals=intervals)
    check_frame(res, 5, 2024)
    assert res.method == method
    assert res.fitted.index.min() == 2010 and res.fitted.index.max() == 2023
    assert np.isnan(res.residuals.loc[2012]) and np.isnan(res.residuals.loc[2013])
    assert res.residuals.notna().sum() >= 8


@pytest.mark.parametrize("method", SLOW)
def test_state_space_models_with_missing_years(method):
    y = growth_series(n=12, missing=(2013, 2016))
    res = fit_forecast(y, 3, method)
    check_frame(res, 3, 2022)
    res_m = fit_forecast(y, 3, method, intervals="model")
    check_frame(res_m, 3, 2022)
    # the point forecast does not depend on the interval rule
    np.testing.assert_allclose(res.forecast, res_m.forecast)


def test_trailing_missing_years_are_bridged():
    y = growth_series(n=12)
    y.loc[2022] = np.nan  # index ends in 2022 but the last value is 2021
    res = fit_forecast(y, 3, "rwd_log", intervals="model")
    assert res.frame["year"].tolist() == [2023, 2024, 2025]
    full = fit_forecast(y.loc[:2021], 4, "rwd_log", intervals="model")
    np.testing.assert_allclose(res.forecast, full.forecast[1:])


def test_combo_point_is_median_of_members():
    y = growth_series(missing=(2015,))
    res = fit_forecast(y, 4, "combo", intervals="model")
    members = np.log(np.stack([fit_forecast(y, 4, m, intervals="model").forecast for m in models.COMBO_MEMBERS]))
    np.testing.assert_allclose(np.log(res.forecast), np.median(members, axis=0))
    assert res.info["members"] == list(models.COMBO_MEMBERS)


def test_default_method_is_registered():
    assert models.DEFAULT_METHOD in models.MODELS
    assert all(m in models.MODELS for m in models.COMBO_MEMBERS)
    assert fit_forecast(growth_series(), 2).method == models.DEFAULT_METHOD


# ------------------------------------------------------------------- known-answer checks


def test_robust_drifts_known_answers():
    # yearly changes 1, 1, 1, 10 (a jump), then a 2-year gap with a change of 4
    y = pd.Series([10.0, 11.0, 12.0, 13.0, 23.0, np.nan, 27.0], index=range(2000, 2007))
    med = fit_forecast(y, 2, "rwd_med", intervals="model")
    np.testing.assert_allclose(med.forecast, [28.0, 29.0])  # median of 1, 1, 1, 10, 2
    np.testing.assert_allclose(med.info["drift"], 1.0)
    mean = fit_forecast(y, 1, "rwd", intervals="model").info["drift"]
    shr = fit_forecast(y, 1, "rwd_shrunk", intervals="model").info["drift"]
    assert 0 < shr < mean
    x = np.log(y.to_numpy())
    lm = fit_forecast(y, 1, "rwd_log_med", intervals="model")
    g = np.array([x[1] - x[0], x[2] - x[1], x[3] - x[2], x[4] - x[3], (x[6] - x[4]) / 2])
    np.testing.assert_allclose(np.log(lm.forecast), x[6] + np.median(g))


def test_otheta_chooses_a_listed_theta_and_theta_one_is_ses():
    y = growth_series(n=20, missing=(2015,))
    res = fit_forecast(y, 3, "otheta", intervals="model")
    assert res.info["theta"] in kernels._THETAS
    flat = pd.Series(np.exp(np.sin(np.arange(20.0))), index=range(2000, 2020))
    x = np.log(flat.to_numpy())
    old = kernels._THETAS
    try:
        kernels._THETAS = np.array([1.0])
        one = kernels._fit_otheta(x, 3, None)
    finally:
        kernels._THETAS = old
    ses = kernels._fit_ses(x, 3, None)
    np.testing.assert_allclose(one.point, ses.point)


def test_rwd_log_hand_computed():
    # log values with a gap: drift = change per year; increments over a gap scaled by 1/sqrt(g)
    x = np.array([0.0, 0.1, 0.25, np.nan, 0.5, 0.58])
    y = pd.Series(np.exp(x), index=range(2000, 2006))
    res = fit_forecast(y, 2, "rwd_log", intervals="model", levels=(95,))
    mu = 0.58 / 5
    d = np.array([0.1, 0.15, 0.25, 0.08])
    g = np.array([1, 1, 2, 1])
    sigma = math.sqrt(np.sum((d - mu * g) ** 2 / g) / 3)
    steps = np.array([1, 2])
    sd = sigma * np.sqrt(steps + steps**2 / 5)
    t = stats.t.ppf(0.975, 3)
    np.testing.assert_allclose(res.forecast, np.exp(0.58 + mu * steps))
    np.testing.assert_allclose(res.frame["lo_95"], np.exp(0.58 + mu * steps - t * sd))
    np.testing.assert_allclose(res.frame["hi_95"], np.exp(0.58 + mu * steps + t * sd))


def test_rwd_on_original_scale():
    y = pd.Series([10.0, 12, 13, 16], index=[1, 2, 3, 4])
    res = fit_forecast(y, 2, "rwd", intervals="model")
    np.testing.assert_allclose(res.forecast, [18.0, 20.0])


def test_theta_adds_half_the_trend_slope():
    y = growth_series(n=20, g=0.1, noise=0.02)
    res = fit_forecast(y, 4, "theta", intervals="model")
    step = np.diff(np.log(res.forecast))
    np.testing.assert_allclose(step, res.info["slope"] / 2)
    slope = np.polyfit(np.arange(20), np.log(y.to_numpy()), 1)[0]
    assert res.info["slope"] == pytest.approx(slope)


def test_loglinear_hac_matches_statsmodels():
    import statsmodels.api as sm

    y = growth_series(n=16, noise=0.05, seed=3)
    res = fit_forecast(y, 2, "loglinear", intervals="model")
    X = sm.add_constant(np.arange(16.0))
    ols = sm.OLS(np.log(y.to_numpy()), X).fit(
        cov_type="HAC", cov_kwds={"maxlags": res.info["hac_lags"], "use_correction": True}
    )
    assert res.info["growth_log"] == pytest.approx(ols.params[1])
    assert res.info["se_growth_hac"] == pytest.approx(ols.bse[1], rel=1e-8)


def test_loglinear_interval_includes_parameter_uncertainty():
    y = growth_series(n=12, noise=0.05, seed=4)
    res = fit_forecast(y, 10, "loglinear", intervals="model")
    width = np.log(res.frame["hi_95"] / res.frame["lo_95"]).to_numpy()
    assert np.all(np.diff(width) > 0)  # residual-only intervals would have constant width
    half = width / 2 / stats.t.ppf(0.975, 10)
    assert half[0] > res.info["sigma"]


def test_piecewise_detects_a_stall_and_respects_min_segment():
    years = np.arange(2010, 2024)
    x = np.where(years <= 2019, 0.12 * (years - 2010), 0.12 * 9 + 0.0 * (years - 2019))
    x = x + np.random.default_rng(5).normal(0, 0.01, years.size)
    y = pd.Series(np.exp(x + 5), index=years)
    res = fit_forecast(y, 3, "piecewise", intervals="model")
    assert res.info["break_index"] is not None
    break_year = 2010 + res.info["break_index"]
    assert 2018 <= break_year <= 2020
    assert abs(res.info["growth_log_after"]) < 0.03
    assert res.info["bic_break"] < res.info["bic_no_break"]
    # the minimum segment length binds: a stall in the last two years only
    t = np.arange(14.0)
    x2 = np.minimum(0.1 * t, 0.1 * 12)  # hinge at index 12, one point after it
    tau3 = kernels._piecewise_search(t, x2, 3)[0]
    tau2 = kernels._piecewise_search(t, x2, 2)[0]
    assert tau2 == 12.0
    assert tau3 <= 11.0  # at least 3 observations on or after the break


def test_piecewise_keeps_a_straight_line():
    y = growth_series(n=14, noise=0.0)
    y = pd.Series(
        np.exp(np.log(1000) + 0.07 * np.arange(14) + np.random.default_rng(8).normal(0, 0.01, 14)), index=y.index
    )
    res = fit_forecast(y, 2, "piecewise", intervals="model")
    assert res.info["break_index"] is None


def test_ets_grid_initial_states_are_least_squares():
    from scipy.optimize import minimize

    rng = np.random.default_rng(0)
    x = np.cumsum(rng.normal(0.05, 0.1, 15))
    x[5] = np.nan
    a, b, p = 0.4, 0.1, 0.9
    par = kernels._ets_grid(x, [a], [b], [p], trend=True)

    def sse(z):
        # the error after the missing year is a 2-step error: weight 1 / (1 + (a + b p)^2)
        lev, sl = z
        s, w = 0.0, 1.0
        for xt in x:
            yh = lev + p * sl
            if np.isnan(xt):
                lev, sl = yh, p * sl
                w = 1.0 / (1.0 + (a + b * p) ** 2)
                continue
            e = xt - yh
            s += w * e * e
            w = 1.0
            lev, sl = yh + a * e, p * sl + b * e
        return s

    opt = minimize(sse, [0.0, 0.0], method="BFGS", options={"gtol": 1e-10})
    assert par["sse"] == pytest.approx(opt.fun, rel=1e-6)
    assert [par["l0"], par["b0"]] == pytest.approx(list(opt.x), abs=1e-4)


def test_gap_errors_are_multi_step_errors():
    # a level shift hidden in a long gap must not blow up the one-step variance of SES
    years = np.arange(2010, 2024)
    x = np.where(years < 2018, 8.7 + 0.15 * (years - 2010), 10.3 + 0.12 * (years - 2018))
    x = x + np.random.default_rng(2).normal(0, 0.01, years.size)
    y = pd.Series(np.exp(x), index=years)
    y.loc[2012:2017] = np.nan
    res = fit_forecast(y, 2, "ses", intervals="model")
    assert res.info["sigma"] < 0.3
    dense = fit_forecast(y.loc[2018:], 2, "ses", intervals="model")
    assert res.info["sigma"] < 3 * max(dense.info["sigma"], 0.05)


def test_missing_year_propagates_state_without_update():
    # With the parameters fixed, a missing year must equal "predict, do not update".
    x = np.array([1.0, 1.1, np.nan, 1.35, 1.4])
    pred, lev, sl = kernels._ets_filter(x, 0.5, 0.2, 0.9, 1.0, 0.1)
    l_, b_ = 1.0, 0.1
    for xt in x:
        yh = l_ + 0.9 * b_
        if np.isnan(xt):
            l_, b_ = yh, 0.9 * b_
        else:
            e = xt - yh
            l_, b_ = yh + 0.5 * e, 0.9 * b_ + 0.2 * e
    assert (lev, sl) == pytest.approx((l_, b_))
    y = pd.Series(np.exp(x), index=range(2000, 2005))
    y_dense = growth_series(n=8)
    y_dense.iloc[3] = np.nan
    for method in ("damped", "ses", "theta"):
        assert np.all(np.isfinite(fit_forecast(y_dense, 3, method).forecast))
    assert np.all(np.isfinite(fit_forecast(y, 2, "ses", intervals="model").forecast))


# -------------------------------------------------------------------------- back-transform


def test_lognormal_back_transform():
    mu = np.array([math.log(100), math.log(120)])
    sigma = np.array([0.1, 0.3])
    res = models.lognormal_result(mu, sigma, 2030)
    f = res.frame
    np.testing.assert_allclose(f["forecast"], np.exp(mu))  # the median
    z95 = stats.norm.ppf(0.975)
    np.testing.assert_allclose(f["lo_95"], np.exp(mu - z95 * sigma))
    np.testing.assert_allclose(f["hi_80"], np.exp(mu + stats.norm.ppf(0.9) * sigma))
    np.testing.assert_allclose(res.mean(), np.exp(mu + sigma**2 / 2), rtol=1e-5)
    assert np.all(res.mean() > res.forecast)
    draws = res.sample(200_000, np.random.default_rng(0))
    assert draws.shape == (200_000, 2)
    np.testing.assert_allclose(np.median(draws, axis=0), np.exp(mu), rtol=0.01)
    np.testing.assert_allclose(draws.mean(axis=0), np.exp(mu + sigma**2 / 2), rtol=0.01)
    np.testing.assert_allclose(np.log(draws).std(axis=0), sigma, rtol=0.01)


def test_samples_follow_the_intervals_and_are_reproducible():
    res = fit_forecast(growth_series(missing=(2014,)), 4)
    a = res.sample(40_000, np.random.default_rng(7))
    b = res.sample(40_000, np.random.default_rng(7))
    np.testing.assert_array_equal(a, b)
    assert a.shape == (40_000, 4) and np.all(a > 0)
    f = res.frame
    for lv in (80, 95):
        inside = ((a >= f[f"lo_{lv}"].to_numpy()) & (a <= f[f"hi_{lv}"].to_numpy())).mean(axis=0)
        np.testing.assert_allclose(inside, lv / 100, atol=0.01)
    corr = np.corrcoef(np.log(a).T)
    assert corr[0, 1] > 0.5  # paths, not independent years


def test_quantile_and_cdf_are_inverse():
    res = fit_forecast(growth_series(), 3)
    q = res.quantile(0.3)
    np.testing.assert_allclose(res.cdf(q), 0.3, atol=1e-9)
    np.testing.assert_allclose(res.quantile(0.5), res.forecast)


def test_summary_frame_has_mean_and_method():
    res = fit_forecast(growth_series(), 3, "theta")
    s = res.summary_frame()
    assert s.index.name == "year"
    assert {"forecast", "mean", "lo_95", "hi_95", "method"} <= set(s.columns)
    assert (s["method"] == "theta").all()


# ------------------------------------------------------------------------------ intervals


def test_pool_scores_blends_with_prior():
    prior = models.ZTable(np.array([0.1, 0.5, 0.9]), np.array([[-1.0, 0.0, 1.0]]), np.array([np.inf]))
    scores = np.array([[-2.0], [0.0], [2.0], [4.0]])  # 4 errors at horizon 1
    t = models.pool_scores([scores], [0.1, 0.5, 0.9], prior=prior, prior_weight=4, stretch=1.0)
    emp = np.quantile([-2.0, 0.0, 2.0, 4.0], [0.1, 0.5, 0.9])
    np.testing.assert_allclose(t.q[0], 0.5 * emp + 0.5 * np.array([-1.0, 0.0, 1.0]))
    assert t.m[0] == 4
    t0 = models.pool_scores([np.full((2, 1), np.nan)], [0.1, 0.5, 0.9], prior=prior, stretch=1.0)
    np.testing.assert_allclose(t0.q[0], [-1.0, 0.0, 1.0])


def test_stretch_widens_the_pooled_quantiles_about_their_median(monkeypatch):
    rng = np.random.default_rng(3)
    scores = rng.normal(0.3, 1.0, size=(400, 2))  # a biased forecast: errors centred on 0.3
    probs = [0.025, 0.1, 0.5, 0.9, 0.975]
    plain = models.pool_scores([scores], probs, stretch=1.0)
    wide = models.pool_scores([scores], probs, stretch=1.5)
    np.testing.assert_allclose(wide.q[:, 2], plain.q[:, 2])  # the bias is kept, not scaled
    np.testing.assert_allclose(wide.q - wide.q[:, [2]], 1.5 * (plain.q - plain.q[:, [2]]))
    # the library's default is used when no stretch is given, and a panel's bounds follow it
    monkeypatch.setattr(models.base, "STRETCH", 1.5)
    np.testing.assert_allclose(models.pool_scores([scores], probs).q, wide.q)
    # without 0.5 among the probabilities the median is read between them
    pair = models.pool_scores([scores], [0.1, 0.9], stretch=1.5)
    assert pair.q[0, 1] - pair.q[0, 0] == pytest.approx(1.5 * (plain.q[0, 3] - plain.q[0, 1]), rel=0.02)
    # ... and that median stays where it was: both bounds move away from it alike
    mid = (plain.q[0, 1] + plain.q[0, 3]) / 2
    assert (pair.q[0, 0] + pair.q[0, 1]) / 2 == pytest.approx(mid, abs=0.02)
    assert abs((pair.q[0, 0] + pair.q[0, 1]) / 2 - 1.5 * mid) > 0.05  # not stretched about zero
    for bad in (0.0, -1.0, float("nan")):
        with pytest.raises(ModelError, match="stretch must be a positive number"):
            models.pool_scores([scores], probs, stretch=bad)
    with pytest.raises(ModelError, match="both sides of 0.5"):
        models.pool_scores([scores], [0.9, 0.975], stretch=1.5)


def test_stretched_calibration_widens_a_panel_forecast(monkeypatch):
    df = pd.DataFrame(
        [
            (u, 2000 + t, 100 * (1.05 + 0.01 * k) ** t * (1 + 0.03 * np.sin(t + k)))
            for k, u in enumerate("abcdef")
            for t in range(14)
        ],
        columns=["unique_id", "year", "value"],
    )
    before = panel.forecast_panel(df, 3, n_jobs=1, progress=False).frame
    monkeypatch.setattr(models.base, "STRETCH", 1.4)
    after = panel.forecast_panel(df, 3, n_jobs=1, progress=False).frame
    np.testing.assert_allclose(after["forecast"], before["forecast"])
    assert (after["hi_95"] - after["lo_95"] > before["hi_95"] - before["lo_95"]).all()


def test_table_extends_beyond_its_horizons():
    t = models.default_z_table()
    ext = t.at(14)
    assert ext.q.shape[0] == 14
    np.testing.assert_allclose(ext.q[13], t.q[9] * math.sqrt(14 / 10))


def test_calibration_scores_use_only_past_data():
    y = growth_series(n=12)
    x = np.log(y.to_numpy())
    end = int(y.index[-1])

    def expected(origin: int, j: int) -> float:
        part = y.loc[:origin]
        f = fit_forecast(part, j, "rwd_log", intervals="model").forecast[j - 1]
        return (x[y.index.get_loc(origin + j)] - math.log(f)) / models.series_scale(np.log(part.to_numpy()))

    s = models.calibration_scores(y, 3, "rwd_log", scheme="per_horizon")
    assert s.shape == (models.N_ORIGINS, 3)
    # per horizon: the most recent origin for horizon 1 is the year before the last
    assert s[0, 0] == pytest.approx(expected(end - 1, 1))
    assert s[0, 2] == pytest.approx(expected(end - 3, 3))
    # shared: the origins of the longest horizon serve every horizon
    s = models.calibration_scores(y, 3, "rwd_log", scheme="shared")
    assert s.shape == (models.N_ORIGINS, 3)
    for r in range(models.N_ORIGINS):
        for j in (1, 2, 3):
            assert s[r, j - 1] == pytest.approx(expected(end - 3 - r, j))


def test_shared_origins_cost_fewer_fits_than_per_horizon():
    y = growth_series(n=30)
    calls = []
    real = calibration._run

    def counting(*a, **k):
        calls.append(1)
        return real(*a, **k)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(calibration, "_run", counting)
        models.calibration_scores(y, 6, "rwd_log", scheme="per_horizon")
        per_h = len(calls)
        calls.clear()
        models.calibration_scores(y, 6, "rwd_log", scheme="shared")
    assert per_h == 6 + models.N_ORIGINS - 1 and len(calls) == models.N_ORIGINS


def test_unknown_origin_scheme_is_refused():
    with pytest.raises(models.ModelError, match="origin scheme"):
        models.calibration_scores(growth_series(n=12), 3, "rwd_log", scheme="recent")


def test_auto_intervals_never_narrower_than_model_for_short_series():
    y = growth_series(n=9, noise=0.08, seed=2)
    for method in ("loglinear", "theta", "combo"):
        a = fit_forecast(y, 4, method).frame
        m = fit_forecast(y, 4, method, intervals="model").frame
        c = fit_forecast(y, 4, method, intervals="calibrated").frame
        for col in ("lo_80", "lo_95"):
            assert np.all(a[col] <= np.minimum(m[col], c[col]) * (1 + 1e-12))
        for col in ("hi_80", "hi_95"):
            assert np.all(a[col] >= np.maximum(m[col], c[col]) * (1 - 1e-12))


def test_union_rule_takes_the_model_interval_where_it_is_wider():
    # a smooth cycle: small year-to-year changes (narrow calibrated interval) but large
    # residuals around a log-linear trend (wide model interval)
    t = np.arange(9)
    y = pd.Series(np.exp(5 + 0.6 * np.sin(2 * np.pi * t / 14)), index=2000 + t)
    a = fit_forecast(y, 3, "loglinear").frame
    m = fit_forecast(y, 3, "loglinear", intervals="model").frame
    c = fit_forecast(y, 3, "loglinear", intervals="calibrated").frame
    assert np.any(m["hi_95"] > c["hi_95"] * 1.01)
    np.testing.assert_allclose(a["hi_95"], np.maximum(m["hi_95"], c["hi_95"]))
    np.testing.assert_allclose(a["lo_95"], np.minimum(m["lo_95"], c["lo_95"]))


def test_calibrated_intervals_widen_with_horizon_and_volatility():
    calm = fit_forecast(growth_series(noise=0.01, seed=1), 5, intervals="calibrated")
    wild = fit_forecast(growth_series(noise=0.2, seed=1), 5, intervals="calibrated")
    w_calm = np.log(calm.frame["hi_95"] / calm.frame["lo_95"]).to_numpy()
    w_wild = np.log(wild.frame["hi_95"] / wild.frame["lo_95"]).to_numpy()
    assert np.all(np.diff(w_calm) > 0)
    assert np.all(w_wild > w_calm)


def test_other_levels():
    res = fit_forecast(growth_series(), 2, levels=(50, 90))
    f = res.frame
    assert {"lo_50", "hi_50", "lo_90", "hi_90"} <= set(f.columns)
    assert np.all(f["lo_90"] <= f["lo_50"]) and np.all(f["hi_50"] <= f["hi_90"])


# --------------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "y, h, method, match",
    [
        (pd.Series([1.0, 2.0, 3.0], index=[1, 2, 3]), 2, "theta", "too short"),
        (pd.Series([1.0], index=[1]), 2, "naive", "too short"),
        (pd.Series([1.0, 0.0, 3.0, 4.0, 5.0], index=range(5)), 2, "theta", "non-positive"),
        (pd.Series([1.0, -2.0, 3.0, 4.0, 5.0], index=range(5)), 2, "combo", "non-positive"),
        (pd.Series([1.0, 2.0, 3.0, 4.0, 5.0], index=range(5)), 0, "combo", "horizon"),
        (pd.Series([1.0, 2.0, 3.0, 4.0, 5.0], index=range(5)), -3, "combo", "horizon"),
        (pd.Series([1.0, 2.0, 3.0, 4.0, 5.0], index=range(5)), 2.5, "combo", "horizon"),
        (pd.Series([1.0, "x", 3.0, 4.0, 5.0], index=range(5)), 2, "combo", "non-numeric"),
        (pd.Series([1.0, 2.0, 3.0, 4.0, 5.0], index=[1, 2, 2, 3, 4]), 2, "combo", "duplicate"),
        (pd.Series([1.0, 2.0, 3.0, 4.0, 5.0], index=list("abcde")), 2, "combo", "integer years"),
        (pd.Series([1.0, 2.0, 3.0, 4.0, 5.0], index=range(5)), 2, "nope", "unknown method"),
        (pd.Series([np.nan, np.nan], index=[1, 2]), 2, "naive", "too short"),
    ],
)
def test_model_errors(y, h, method, match):
    with pytest.raises(ModelError, match=match):
        fit_forecast(y, h, method)


def test_model_error_is_value_error():
    assert issubclass(ModelError, ValueError)


def test_rwd_rejects_non_positive_but_level_fallback_accepts():
    y = pd.Series([3.0, 0.0, 2.0, 5.0], index=[1, 2, 3, 4])
    with pytest.raises(ModelError):
        fit_forecast(y, 2, "rwd")
    res = models.level_fallback(y, 2)
    assert not res.log_scale
    np.testing.assert_allclose(res.forecast, [5 + 2 / 3, 5 + 4 / 3])
    assert np.all(res.frame["lo_95"] <= res.frame["forecast"])


@pytest.mark.parametrize("values", [[0.0, 10.0, 20.0, 30.0, 40.0], [-5.0, -6.0, -7.0, -8.0]])
def test_the_level_fallback_never_gives_intervals_of_zero_width(values):
    """A series that changed by the same amount every year still has uncertain years ahead:
    its bounds are apart, by at least the floor of the spread (LEVEL_SD_FLOOR)."""
    y = pd.Series(values, index=range(2010, 2010 + len(values)))
    f = models.level_fallback(y, 3).frame
    step = abs(values[1] - values[0])
    assert (f["lo_95"] < f["lo_80"]).all() and (f["lo_80"] < f["forecast"]).all()
    assert (f["forecast"] < f["hi_80"]).all() and (f["hi_80"] < f["hi_95"]).all()
    assert (f["hi_80"] - f["lo_80"]).iloc[0] >= 2 * 1.28 * models.fit.LEVEL_SD_FLOOR[0] * step


@pytest.mark.parametrize("method", [m for m, s in models.MODELS.items() if s.point is not None])
def test_point_only_refits_give_the_full_fits_numbers(method):
    # rolling-origin refits take the point-only path; their forecasts must be the full fit's,
    # to the last bit: with missing years, with an even and an odd number of increments, and
    # for a falling series whose level-scale paths reach the floor
    from helpers.models.registry import _run

    falling = pd.Series(1000 * np.exp(-0.35 * np.arange(12.0)) + 1, index=np.arange(2000, 2012))
    for y in (growth_series(missing=(2012, 2017)), growth_series(n=9, seed=3), falling):
        v = y.reindex(range(int(y.index[0]), int(y.index[-1]) + 1)).to_numpy(float)
        full = _run(v, 6, method, None)
        quick = _run(v, 6, method, None, point_only=True)
        assert quick.knots is None and quick.fitted is None
        np.testing.assert_array_equal(quick.point, full.point)


def test_short_median_equals_numpy():
    rng = np.random.default_rng(4)
    for n in range(1, 12):
        a = rng.normal(size=n)
        assert kernels._median(a) == np.median(a)
    assert np.isnan(kernels._median(np.array([])))


def test_point_forecast_matches_fit_forecast():
    y = growth_series(missing=(2016,))
    np.testing.assert_allclose(models.point_forecast(y, 3), fit_forecast(y, 3, intervals="model").forecast)


# ------------------------------------------------------------------------------------------
# statsforecast members and sane tails
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["sf_ets", "sf_dotm", "sf_ces"])
def test_statsforecast_members_fit_and_fill_missing_years(method):
    y = growth_series(n=16, missing=(2014,))
    res = fit_forecast(y, 4, method)
    check_frame(res, 4, 2026)
    assert res.info.get("filled_years") == 1
    # a growing series: the forecasts stay within a sane range of the last value
    assert 0.7 * y.iloc[-1] < res.forecast[0] < 1.5 * y.iloc[-1]


@pytest.mark.parametrize("method", ["sf_ets", "sf_dotm", "sf_ces", "sf_arima"])
def test_statsforecast_members_give_the_same_forecast_in_other_units(method):
    # the optimisers' fixed starting points and tolerances must not make a series in
    # thousands (or billions) forecast differently from the same series in units
    rng = np.random.default_rng(3)
    y = pd.Series(40 * np.exp(np.cumsum(rng.normal(0.05, 0.08, 18))), index=range(2000, 2018))
    base_ = fit_forecast(y, 4, method, intervals="model").frame
    for unit in (1e-3, 7.0, 1e6):
        other = fit_forecast(y * unit, 4, method, intervals="model").frame
        for col in ("forecast", "lo_80", "hi_95"):
            np.testing.assert_allclose(other[col] / unit, base_[col], rtol=1e-6)


def test_a_panel_forecast_in_other_units_is_the_same_forecast():
    rows = []
    for i in range(12):
        rng = np.random.default_rng(i)
        v = 500 * np.exp(np.cumsum(rng.normal(0.03, 0.1, 14)))
        rows += [(f"s{i}", 2000 + k, v[k]) for k in range(14)]
    df = pd.DataFrame(rows, columns=["unique_id", "year", "value"])
    a = panel.forecast_panel(df, 5, n_jobs=1, progress=False).frame
    b = panel.forecast_panel(df.assign(value=df["value"] * 1000), 5, n_jobs=1, progress=False).frame
    for col in ("forecast", "lo_80", "hi_80", "lo_95", "hi_95"):
        np.testing.assert_allclose(b[col] / 1000, a[col], rtol=1e-6)


def test_ces_on_a_short_series_gives_points_but_not_its_slow_own_intervals():
    # AutoCES simulates its own intervals; below 10 years that takes seconds a series, so a
    # request for them is refused by name (the panel then falls back), while points are given
    from helpers.models.registry import _run

    y = growth_series(n=8)
    assert np.all(np.isfinite(_run(y.to_numpy(float), 3, "sf_ces", None).point))
    with pytest.raises(ModelError, match="at least 10 years") as err:
        fit_forecast(y, 3, "sf_ces")
    assert err.value.reason == "too_short"
    check_frame(fit_forecast(growth_series(n=10), 3, "sf_ces"), 3, 2020)


def test_statsforecast_member_too_short_is_a_model_error():
    with pytest.raises(ModelError, match="too short"):
        fit_forecast(growth_series(n=5), 3, "sf_ets")


def test_max_rise_is_the_largest_rise_within_j_years():
    from helpers.models.tails import max_rise

    v = np.array([1.0, 2.0, 1.0, 8.0, np.nan, 8.0])
    np.testing.assert_allclose(max_rise(v, 4), [8.0, 8.0, 8.0, 8.0])
    np.testing.assert_allclose(max_rise(np.array([4.0, 2.0, 1.0]), 2), [1.0, 1.0])
    np.testing.assert_allclose(max_rise(np.array([1.0, 2.0, 4.0]), 3), [2.0, 4.0, 4.0])


def test_a_steady_decline_is_not_forecast_as_a_collapse():
    # 18% a year down: the linear members (median drift, DOTM on the original scale) cross
    # zero within the horizon; they leave the combination instead of dragging it to the floor
    v = 1000 * np.exp(-0.2 * np.arange(20))
    y = pd.Series(v, index=range(2000, 2020))
    f = fit_forecast(y, 6)
    path = f.frame["forecast"].to_numpy()
    # no fall beyond the series' own pace, and no rise
    assert v[-1] * np.exp(-0.2 * 6) * 0.8 < path[-1] and np.all(path <= v[-1] * 1.01)
    assert np.all(np.diff(path) <= 1e-9) and path[0] > 0.6 * v[-1]
    assert (f.frame["lo_95"] < f.frame["forecast"]).all()
    fit = models.registry._run(v, 6, "combo", None, models.COMBO_MEMBERS)
    level_members = [m for m in models.COMBO_MEMBERS if not models.MODELS[m].log]
    assert fit.info["members_dropped"] == level_members


def test_a_fallen_level_member_can_give_way_to_the_same_model_on_logs(monkeypatch):
    from helpers.models import registry

    v = 100 * 0.85 ** np.arange(20)  # 15% a year down: the median drift on levels crosses zero
    monkeypatch.setattr(models.base, "FLOORED_MEMBER", "drop")
    dropped = registry._run(v, 6, "combo", None, ("ses", "rwd_log", "rwd_med", "pooled"))
    monkeypatch.setattr(models.base, "FLOORED_MEMBER", "log")
    swapped = registry._run(v, 6, "combo", None, ("ses", "rwd_log", "rwd_med", "pooled"))
    assert dropped.info == {"members_dropped": ["rwd_med"]}
    assert swapped.info == {"members_replaced": {"rwd_med": "rwd_log_med"}}
    twin = registry._run(v, 6, "rwd_log_med", None)
    np.testing.assert_allclose(
        swapped.point,
        np.median(
            np.stack([registry._run(v, 6, m, None).point for m in ("ses", "rwd_log", "pooled")] + [twin.point]), axis=0
        ),
    )
    # it follows the decline, more slowly than the series' own pace; without the swap it is flat
    path = np.exp(swapped.point)
    assert np.all(np.diff(path) < 0) and path[-1] > v[-1] * 0.85**6
    np.testing.assert_allclose(np.exp(dropped.point), v[-1], rtol=0.01)
    assert np.ptp(dropped.point) < 1e-9
    # with intervals the replaced member's own fit is used, and a member without a log twin leaves
    probs = models.base._probs_for((80, 95))
    full = registry._run(v, 6, "combo", probs, ("ses", "rwd_shrunk", "rwd_med"))
    assert full.info["members_replaced"] == {"rwd_med": "rwd_log_med"}
    assert full.info["members_dropped"] == ["rwd_shrunk"] and full.info["members"] == ["ses", "rwd_log_med"]
    own = [registry._run(v, 6, m, probs) for m in ("ses", "rwd_log_med")]
    np.testing.assert_allclose(full.knots, np.median(np.stack([f.knots for f in own]), axis=0))
    # a twin that is a member already is not counted twice: the fallen member just leaves
    both = registry._run(v, 6, "combo", None, ("ses", "rwd", "rwd_log"))
    assert both.info == {"members_dropped": ["rwd"]}
    monkeypatch.setattr(models.base, "FLOORED_MEMBER", "Log")
    with pytest.raises(ModelError, match="FLOORED_MEMBER must be 'drop' or 'log'"):
        registry._run(v, 6, "combo", None, ("ses", "rwd_med", "pooled"))


def test_the_forecast_of_a_year_does_not_depend_on_how_many_years_are_asked():
    # a linear decline whose median-drift member reaches the floor in its eighth year: it leaves
    # the combination of a 5-year forecast as it leaves that of a 10-year one
    rng = np.random.default_rng(3)
    v = 100.0 - 5.0 * np.arange(13) + rng.normal(0, 0.3, 13)
    y = pd.Series(v, index=range(2000, 2013))
    short, long, longer = (fit_forecast(y, h).frame["forecast"] for h in (5, 10, 15))
    np.testing.assert_allclose(short, long.iloc[:5], rtol=1e-12)
    np.testing.assert_allclose(long, longer.iloc[:10], rtol=1e-12)
    fit = models.registry._run(v, 5, "combo", None, models.COMBO_MEMBERS)
    assert fit.info["members_dropped"] == ["rwd_med"]
    # one that reaches the floor only in its twelfth year stays, for 10 years asked as for 15
    w = pd.Series(120.0 - 5.0 * np.arange(13) + rng.normal(0, 0.3, 13), index=range(2000, 2013))
    ten, fifteen = (fit_forecast(w, h).frame["forecast"] for h in (10, 15))
    np.testing.assert_allclose(ten, fifteen.iloc[:10], rtol=1e-12)


def test_members_stay_when_every_member_falls_to_the_floor():
    v = np.array([100.0, 80.0, 60.0, 40.0, 20.0])
    fit = models.registry._run(v, 4, "combo", None, ("rwd", "rwd_med"))
    assert "members_dropped" not in fit.info and np.all(np.isfinite(fit.point))


def test_cap_and_floor_follow_the_stated_rule_pair_by_pair():
    from helpers.models import tails

    rng = np.random.default_rng(5)
    for trial in range(40):
        n = int(rng.integers(1, 25))
        v = np.exp(np.cumsum(rng.normal(0.03, 0.4, n)))
        if trial % 3 == 0 and n > 2:
            v[rng.integers(0, n, 2)] = np.nan
        if np.isnan(v).all():
            continue
        H, lead = int(rng.integers(1, 9)), int(rng.integers(0, 3))
        cap, floor = tails.cap_and_floor(v, H, lead)
        obs = v[~np.isnan(v)]
        for j in range(1, H + 1):
            span = j + lead  # years from the last observation
            pairs = [v[t + k] / v[t] for t in range(n) for k in range(1, span + 1) if t + k < n]
            pairs = [r for r in pairs if np.isfinite(r)]
            rise, fall = max(pairs + [1.0]), max([1 / r for r in pairs] + [1.0])
            assert cap[j - 1] == pytest.approx(max(10 * obs.max(), obs[-1] * rise))
            assert floor[j - 1] == pytest.approx(min(obs.min() / 10, obs[-1] / fall))
    with_zero = np.array([0.0, 1.0, 3.0])
    cap, floor = tails.cap_and_floor(with_zero, 2)
    assert floor is None and np.allclose(cap, 30.0)


def test_upper_bounds_of_a_jump_are_capped_by_the_stated_rule():
    # a hundredfold jump between two observations: the model's own Student-t with one degree of
    # freedom would give bounds near 1e97; the cap is max(10 x max, last x largest rise)
    y = pd.Series([1.0, 100.0], index=[2000, 2001])
    f = fit_forecast(y, 5, "naive").frame
    assert (f["hi_95"] <= 100.0 * 100.0 + 1e-6).all()
    assert (f["hi_95"] >= f["hi_80"]).all() and (f["hi_80"] >= f["forecast"]).all()
    assert (f["lo_95"] >= 1.0 / 10 - 1e-9).all()


def test_the_cap_does_not_touch_ordinary_intervals():
    from helpers.models import tails

    y = growth_series(n=20, noise=0.05)
    on = fit_forecast(y, 6).frame
    old = tails.TAIL_MULTIPLE
    tails.TAIL_MULTIPLE = None
    try:
        off = fit_forecast(y, 6).frame
    finally:
        tails.TAIL_MULTIPLE = old
    pd.testing.assert_frame_equal(on, off)


def test_the_cap_follows_the_evidence_of_fast_growth():
    # a series that has grown 3x a year: bounds above 10x its maximum are allowed
    y = pd.Series(3.0 ** np.arange(8), index=np.arange(2000, 2008))
    f = fit_forecast(y, 4, "rwd_log").frame
    assert f["hi_95"].iloc[-1] > 10 * y.max()


def test_a_cap_beyond_the_range_of_floats_is_no_cap_and_no_warning():
    import warnings

    from helpers.models import tails

    v = np.array([1e300, 1e305, 1e307, 1.5e308])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cap, floor = tails.cap_and_floor(v, 3)
    assert np.all(np.isinf(cap)) and np.all(np.isfinite(floor))


def test_compiled_ets_sums_equal_the_numpy_reference():
    rng = np.random.default_rng(3)
    A, B, P = kernels._GRID_DAMPED
    for trial in range(30):
        n = int(rng.integers(4, 30))
        x = np.cumsum(rng.normal(0.05, 0.1, n))
        if trial % 2:
            x[rng.integers(1, n - 1, 2)] = np.nan
        for a, b, p, trend in [(*kernels._GRID_SES, False), (A, B, P, True)]:
            ref = kernels._ets_sums_numpy(x, a, b, p, trend)
            got = kernels._ets_sums(x, a, b, p, trend)
            for r, g in zip(ref, got):
                np.testing.assert_allclose(g, r, rtol=1e-12, atol=1e-15)


def test_a_prepared_fit_finished_for_output_only_has_the_same_bounds():
    # a panel finishes its series without the reader's description of the tail cap, with the
    # cap and floor found beside the fit; the numbers must be those of a full finish
    from helpers.models import tails

    y = pd.Series(np.exp(np.r_[np.linspace(0, 0.2, 12), 2.5, 2.6]), index=range(2000, 2014))  # a jump: capped
    prep = models.prepare_fit(y, 5)
    np.testing.assert_array_equal(prep.bounds[0], tails.cap_and_floor(y.to_numpy(), 5)[0])
    full, method, info = models.finish_knots(prep)
    lean, method2, info2 = models.finish_knots(prep, describe=False)
    np.testing.assert_array_equal(full, lean)
    assert method == method2
    assert "tail_cap" in info and "tail_cap" not in info2
    # a fit prepared without its bounds (an older pickle) finds them when finished
    prep.bounds = None
    np.testing.assert_array_equal(models.finish_knots(prep)[0], full)
