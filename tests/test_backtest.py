"""Tests of helpers.models.backtest: rolling-origin splits and metrics against hand-computed values."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from helpers.models import backtest as bt


def series(n=10, start=2000):
    return pd.Series(np.arange(1.0, n + 1) * 10, index=range(start, start + n))


def test_rolling_origin_splits():
    y = series(8)  # 2000..2007
    sp = bt.rolling_origin(y, h=2, min_train=4)
    assert [s.origin for s in sp] == [2003, 2004, 2005]
    assert sp[0].train.index.tolist() == [2000, 2001, 2002, 2003]
    assert sp[0].test.index.tolist() == [2004, 2005]
    assert sp[-1].test.index.tolist() == [2006, 2007]
    for s in sp:
        assert s.train.index.max() < s.test.index.min()  # no leakage
        assert len(s.test) == 2


def test_rolling_origin_step_and_partial():
    y = series(8)
    assert [s.origin for s in bt.rolling_origin(y, 2, 3, step=2)] == [2002, 2004]
    part = bt.rolling_origin(y, 2, 4, allow_partial=True)
    assert [s.origin for s in part] == [2003, 2004, 2005, 2006]
    assert part[-1].test.index.tolist() == [2007]


def test_rolling_origin_with_missing_years():
    y = series(8)
    y.loc[2002] = np.nan
    sp = bt.rolling_origin(y, 1, 3)
    # origins are observed years with >= 3 observed values up to them; 2002 is never an origin
    assert [s.origin for s in sp] == [2003, 2004, 2005, 2006]
    y2 = series(8).drop(2005)
    sp2 = bt.rolling_origin(y2, 1, 3)
    # origin 2004 would forecast 2005, which is absent: no test value, no split
    assert 2004 not in [s.origin for s in sp2]


def test_rolling_origin_rejects_bad_arguments():
    with pytest.raises(ValueError):
        bt.rolling_origin(series(), 0, 3)
    with pytest.raises(ValueError):
        bt.rolling_origin(series(), 2, 0)


def test_holdout_split():
    df = pd.DataFrame(
        {"unique_id": ["a"] * 5 + ["b"] * 2, "year": [1, 2, 3, 4, 5, 1, 2], "value": [1, 2, 3, 4, 5, 6, 7]}
    )
    fit, hold = bt.holdout_split(df, 2)
    assert fit["year"].tolist() == [1, 2, 3]
    assert hold["year"].tolist() == [4, 5]
    assert set(fit["unique_id"]) == {"a"}  # b has only h rows


def test_smape_hand_computed():
    y = [100.0, 200.0, 0.0]
    f = [110.0, 150.0, 0.0]
    expected = (200 * 10 / 210 + 200 * 50 / 350 + 0.0) / 3
    assert bt.smape(y, f) == pytest.approx(expected)


def test_mase_hand_computed():
    train = [10.0, 12.0, 11.0, 15.0]  # scale = (2 + 1 + 4) / 3
    assert bt.mase_scale(train) == pytest.approx(7 / 3)
    assert bt.mase([16.0, 20.0], [15.0, 15.0], train) == pytest.approx(3 / (7 / 3))


def test_mase_scale_skips_gaps_in_years():
    s = pd.Series([10.0, 12.0, np.nan, 20.0, 21.0], index=[1, 2, 3, 4, 5])
    assert bt.mase_scale(s) == pytest.approx((2 + 1) / 2)


def test_coverage_and_msis_hand_computed():
    y = np.array([5.0, 12.0, 0.0])
    lo = np.array([4.0, 4.0, 4.0])
    hi = np.array([10.0, 10.0, 10.0])
    assert bt.coverage(y, lo, hi) == pytest.approx(1 / 3)
    a = 0.05
    scores = np.array([6.0, 6 + 2 / a * 2, 6 + 2 / a * 4])
    np.testing.assert_allclose(bt.interval_score(y, lo, hi, a), scores)
    train = [1.0, 3.0, 2.0]  # scale 1.5
    assert bt.msis(y, lo, hi, train) == pytest.approx(scores.mean() / 1.5)


def _two_series_panel():
    train = pd.DataFrame(
        {"unique_id": ["a", "a", "a", "b", "b"], "year": [1, 2, 3, 1, 2], "value": [1.0, 2.0, 4.0, 10.0, 20.0]}
    )
    test = pd.DataFrame({"unique_id": ["a", "a", "b"], "year": [4, 5, 3], "value": [5.0, 6.0, 30.0]})
    fc = pd.DataFrame(
        {
            "unique_id": ["a", "a", "b"],
            "year": [4, 5, 3],
            "forecast": [4.0, 6.0, 25.0],
            "lo_80": [3.0, 5.0, 20.0],
            "hi_80": [4.5, 7.0, 28.0],
            "lo_95": [2.0, 4.0, 15.0],
            "hi_95": [6.0, 8.0, 35.0],
        }
    )
    return train, test, fc


def test_score_panel_hand_computed():
    train, test, fc = _two_series_panel()
    s = bt.score_panel(train, test, fc)
    smape_a = (200 * 1 / 9 + 0) / 2
    smape_b = 200 * 5 / 55
    assert s["smape"] == pytest.approx((smape_a + smape_b) / 2)
    mase_a = (1 / 1.5 + 0) / 2  # scale of a: (1 + 2) / 2
    mase_b = 5 / 10
    assert s["mase"] == pytest.approx((mase_a + mase_b) / 2)
    assert s["coverage80"] == pytest.approx((0.5 + 0.0) / 2)
    assert s["coverage95"] == pytest.approx(1.0)
    msis_a = ((4 + 4) / 2) / 1.5
    msis_b = 20 / 10
    assert s["msis"] == pytest.approx((msis_a + msis_b) / 2)
    assert s["n_series"] == 2 and s["n_points"] == 3


def test_score_panel_weights_series_as_asked():
    train, test, fc = _two_series_panel()
    s = bt.score_panel(train, test, fc, weights={"a": 3.0, "b": 1.0})
    assert s["coverage80"] == pytest.approx(0.75 * 0.5 + 0.25 * 0.0)
    assert s["smape"] == pytest.approx(0.75 * (200 / 9) / 2 + 0.25 * 200 * 5 / 55)
    same = bt.score_panel(train, test, fc, weights={"a": 2.0, "b": 2.0})
    assert same["msis"] == pytest.approx(bt.score_panel(train, test, fc)["msis"])
    with pytest.raises(ValueError, match="weights"):
        bt.score_panel(train, test, fc, weights={"a": 1.0})  # b has none


def test_score_panel_requires_every_test_point():
    train = pd.DataFrame({"unique_id": ["a"] * 3, "year": [1, 2, 3], "value": [1.0, 2.0, 3.0]})
    test = pd.DataFrame({"unique_id": ["a", "a"], "year": [4, 5], "value": [4.0, 5.0]})
    fc = pd.DataFrame({"unique_id": ["a"], "year": [4], "forecast": [4.0]})
    with pytest.raises(ValueError, match="missing"):
        bt.score_panel(train, test, fc)


def test_backtest_and_summarize_on_a_series():
    rng = np.random.default_rng(0)
    y = pd.Series(np.exp(math.log(100) + 0.05 * np.arange(14) + rng.normal(0, 0.02, 14)), index=range(2010, 2024))
    y.loc[2013] = np.nan
    frame = bt.backtest(y, 2, "rwd_log", min_train=6)
    assert not frame.empty
    assert (frame["year"] > frame["origin"]).all()
    assert set(frame["h"]) <= {1, 2}
    assert frame[["forecast", "lo_95", "hi_95"]].notna().all().all()
    # each row's forecast equals a fit on the data up to its origin only
    row = frame.iloc[0]
    from helpers.models import fit_forecast

    f = fit_forecast(y.loc[: int(row["origin"])], 2, "rwd_log").frame.set_index("year")
    assert f.loc[int(row["year"]), "forecast"] == pytest.approx(row["forecast"])
    summ = bt.summarize(frame, y)
    assert set(summ) >= {"smape", "mase", "coverage_80", "coverage_95", "msis", "n"}
    by_h = bt.summarize(frame, y, by_horizon=True)
    assert list(by_h.index) == [1, 2]


def test_holdout_windows_step_back_one_year_each_and_drop_series_too_short():
    from helpers.models.backtest import holdout_windows

    rows = [("a", y, float(y)) for y in range(2000, 2010)] + [("b", y, 1.0) for y in range(2000, 2005)]
    df = pd.DataFrame(rows, columns=["unique_id", "year", "value"])
    wins = holdout_windows(df, 3, 3)
    assert [sorted(h.loc[h.unique_id == "a", "year"]) for _, h in wins] == [
        [2007, 2008, 2009],
        [2006, 2007, 2008],
        [2005, 2006, 2007],
    ]
    # b: 5 years; from the second window on it has fewer than two years to fit: out of both
    assert [set(f.unique_id) for f, _ in wins] == [{"a", "b"}, {"a"}, {"a"}]
    assert [set(h.unique_id) for _, h in wins] == [{"a", "b"}, {"a"}, {"a"}]
