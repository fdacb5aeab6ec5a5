"""Tests of helpers.forecast.targets: target probabilities and plan-versus-actual summaries."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from helpers import models
from helpers.forecast import targets
from helpers.forecast.targets import TargetError


def test_lognormal_probability_hand_computed():
    # log Y ~ N(log 100, 0.1^2); P(Y >= 110) = 1 - Phi(log(1.1) / 0.1)
    p = targets.lognormal_prob_at_least(110, math.log(100), 0.1)
    assert p == pytest.approx(1 - stats.norm.cdf(math.log(1.1) / 0.1))
    assert p == pytest.approx(0.17036, abs=1e-4)
    assert targets.lognormal_prob_at_least(100, math.log(100), 0.3) == pytest.approx(0.5)
    assert targets.lognormal_prob_at_least(-5, 0.0, 1.0) == 1.0
    assert targets.lognormal_prob_at_least(2.0, 0.0, 0.0) == 0.0


def test_probability_from_a_forecast_result_matches_closed_form():
    res = models.lognormal_result([math.log(100), math.log(120)], [0.1, 0.2], 2025)
    for year, target, mu, sd in [
        (2025, 110, math.log(100), 0.1),
        (2026, 100, math.log(120), 0.2),
        (2026, 200, math.log(120), 0.2),
    ]:
        expected = targets.lognormal_prob_at_least(target, mu, sd)
        assert targets.prob_at_least(res, target, year) == pytest.approx(expected, abs=1e-9)
    # growth target: 10% over a base of 100 in 2025
    assert targets.prob_growth_at_least(res, 100, 0.10, 2025) == pytest.approx(0.17036, abs=1e-4)


def test_probability_from_samples():
    res = models.lognormal_result([math.log(100)], [0.1], 2025)
    draws = res.sample(200_000, np.random.default_rng(3))
    p = targets.prob_from_samples(draws[:, 0], 110)
    assert p == pytest.approx(0.17036, abs=0.005)
    assert targets.prob_from_samples([1.0, 2.0, 3.0, 4.0], 3.0) == pytest.approx(0.5)
    per_year = targets.prob_from_samples(np.array([[1.0, 5.0], [3.0, 1.0]]), [2.0, 2.0])
    np.testing.assert_allclose(per_year, [0.5, 0.5])


def test_probability_all_targets_met():
    draws = np.array([[1.0, 5.0], [3.0, 3.0], [3.0, 1.0], [0.0, 0.0]])
    assert targets.prob_all_met(draws, [2.0, 2.0]) == pytest.approx(0.25)
    assert targets.prob_all_met(draws, [2.0, np.nan]) == pytest.approx(0.5)
    with pytest.raises(TargetError):
        targets.prob_all_met(draws, [1.0])


def test_target_probabilities_frame():
    res = models.lognormal_result([math.log(100), math.log(110)], [0.1, 0.1], 2024)
    tab = targets.target_probabilities(res, {2024: 100.0, 2025: 121.0})
    assert tab["year"].tolist() == [2024, 2025]
    assert tab.loc[0, "prob_meet"] == pytest.approx(0.5)
    assert tab.loc[1, "prob_meet"] == pytest.approx(1 - stats.norm.cdf(math.log(1.1) / 0.1))
    with pytest.raises(TargetError, match="not among"):
        targets.prob_at_least(res, 100, 2030)
    with pytest.raises(TargetError, match="which year"):
        targets.prob_at_least(res, 100)


def test_plan_vs_actual_hand_computed():
    table = pd.DataFrame(
        {
            "year": [2020, 2021, 2022, 2023],
            "target": [100.0, 120.0, 130.0, 150.0],
            "actual": [105.0, 115.0, 132.0, np.nan],
        }
    )
    pv = targets.plan_vs_actual(table)
    assert pv["met"].tolist()[:3] == [True, False, True]
    assert pd.isna(pv["met"].iloc[3])
    np.testing.assert_allclose(pv["ratio"].iloc[:3], [1.05, 115 / 120, 132 / 130])
    np.testing.assert_allclose(pv["gap"].iloc[:3], [5.0, -5.0, 2.0])
    assert np.isnan(pv["planned_growth"].iloc[0])
    assert pv["planned_growth"].iloc[1] == pytest.approx(120 / 105 - 1)
    assert pv["actual_growth"].iloc[2] == pytest.approx(132 / 115 - 1)
    assert pv["planned_growth"].iloc[3] == pytest.approx(150 / 132 - 1)

    s = targets.plan_vs_actual_summary(table)
    assert s["n_years"] == 3 and s["n_met"] == 2
    assert s["share_met"] == pytest.approx(2 / 3)
    ratios = np.array([1.05, 115 / 120, 132 / 130])
    assert s["mean_ratio"] == pytest.approx(ratios.mean())
    assert s["geometric_mean_ratio"] == pytest.approx(np.exp(np.log(ratios).mean()))
    assert s["worst_year"] == 2021 and s["best_year"] == 2020
    assert s["n_growth_years"] == 2
    planned = np.array([120 / 105 - 1, 130 / 115 - 1])
    actual = np.array([115 / 105 - 1, 132 / 115 - 1])
    assert s["mean_planned_growth"] == pytest.approx(planned.mean())
    assert s["mean_growth_shortfall"] == pytest.approx(planned.mean() - actual.mean())


def test_growth_needs_the_previous_calendar_year():
    table = pd.DataFrame({"year": [2018, 2020], "target": [10.0, 12.0], "actual": [10.0, 13.0]})
    pv = targets.plan_vs_actual(table)
    assert pv["planned_growth"].isna().all()  # 2019 is missing: no growth for 2020


@pytest.mark.parametrize(
    "table, match",
    [
        (pd.DataFrame({"year": [1, 2], "target": [1.0, 2.0]}), "lacks"),
        (pd.DataFrame({"year": [1, 1], "target": [1.0, 2.0], "actual": [1.0, 2.0]}), "duplicate"),
        (pd.DataFrame({"year": [1, 2], "target": [1.0, "x"], "actual": [1.0, 2.0]}), "non-numeric"),
        (pd.DataFrame({"year": [1, 2], "target": [1.0, 2.0], "actual": [0.0, 2.0]}), "> 0"),
        (pd.DataFrame({"year": [1.5, 2], "target": [1.0, 2.0], "actual": [1.0, 2.0]}), "non-integer"),
    ],
)
def test_plan_table_errors(table, match):
    with pytest.raises(TargetError, match=match):
        targets.plan_vs_actual(table)


def test_summary_needs_an_observed_year():
    table = pd.DataFrame({"year": [2030], "target": [1.0], "actual": [np.nan]})
    with pytest.raises(TargetError, match="no year"):
        targets.plan_vs_actual_summary(table)
