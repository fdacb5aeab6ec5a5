"""Trend and forecast of the Lào Cai series: parameters, inputs, link-factor mixture, targets."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.figures.table import read_figures
from helpers.forecast import outlook as O
from helpers.forecast import plans as P
from helpers.forecast import trend as T
from helpers.series.linking import SeriesParams


@pytest.fixture(scope="module")
def series():
    return O.read_series()


@pytest.mark.parametrize(
    "kw, name",
    [
        (dict(horizon=0), "horizon"),
        (dict(horizon=2.5), "horizon"),
        (dict(models=["prophet"]), "models"),
        (dict(models=[]), "models"),
        (dict(levels=[80, 100]), "levels"),
        (dict(link_scenario="median"), "link_scenario"),
        (dict(first_year="2010"), "first_year"),
    ],
)
def test_bad_parameters_are_refused_naming_them(kw, name):
    args = dict(horizon=5, models=["combo"], levels=[80, 95], link_scenario="default", first_year=2010)
    args.update(kw)
    with pytest.raises(O.OutlookError, match=name):
        O.check_params(**args)


def _kinds_series():
    """A series with every kind of year: linked, gap, implied, reported, nowcast."""
    kinds = {y: "linked" for y in range(2008, 2014)} | {2014: "interpolated", 2015: "implied", 2016: "reported"}
    kinds |= {2017: "interpolated", 2018: "implied"} | {y: "reported" for y in range(2019, 2024)}
    kinds |= {2024: "nowcast", 2025: "nowcast"}
    return pd.DataFrame(
        [dict(year=y, value=1000.0 * 1.1 ** (y - 2008), lo=0.0, hi=0.0, level=95, kind=k) for y, k in kinds.items()]
    )


def test_gap_years_reach_the_models_as_missing():
    series = _kinds_series()
    y = O.model_input(series, 2010)
    gap_years = [2014, 2017]
    assert y.loc[gap_years].isna().all()
    assert y.drop(gap_years).notna().all()
    # nowcast years are not observations: the model input ends at the last published year
    assert y.index.min() == 2010 and y.index.max() == 2023


def test_new_base_keeps_only_2010_price_years():
    series = _kinds_series()
    y = O.scenario_input(series, 2010, "new_base")
    assert y.index.min() == 2015 and y.index.max() == 2023
    assert y.drop([2017]).notna().all() and np.isnan(y[2017])
    assert O.scenario_input(series, 2010, "default").index.min() == 2010


def test_first_year_after_the_data_is_an_error(series):
    with pytest.raises(O.OutlookError, match="first_year"):
        O.model_input(series, 2031)


def test_link_factor_nodes_are_quantiles_of_the_link_law():
    p = SeriesParams()
    nodes = O.link_factor_nodes(9, p)
    lp = p.link_params()
    low, high = lp.link_factor_range
    from helpers.series.linking import two_piece_cdf

    assert len(nodes) == 9 and np.all(np.diff(nodes) > 0)
    s_lo, s_hi = lp.log_spreads()
    probs = two_piece_cdf(np.log(nodes / lp.link_factor), s_lo, s_hi)
    np.testing.assert_allclose(probs, (np.arange(9) + 0.5) / 9, atol=1e-6)
    assert low < nodes[0] and nodes[-1] < high  # the 5.6% and 94.4% quantiles lie inside the 95% range


def test_mixture_covers_the_forecasts_at_every_link_factor(tmp_path):
    from dataclasses import replace

    from helpers.series import build as S
    from helpers.series import nowcast as N
    from helpers.series.bridge import data_params

    mix = O.forecast_outlook(None, 3, "loglinear", link_scenario="default", n_nodes=5, n_draws=5000)
    figures = read_figures()
    obs, plans = S.split_observations(figures)
    params = data_params(obs, SeriesParams())[0]
    rng = np.random.default_rng(0)
    for k in (mix.nodes[0], mix.nodes[-1]):
        node = replace(params, link_factor=float(k))
        built = N.add_nowcast(S.build_series(obs, node, plans=plans), figures, node)
        d, years = O.nowcast_draws(built, 3, "loglinear", (80, 95), 2010, 2000, rng)
        median_k = np.median(d, axis=0)
        assert np.all(mix.frame["lo_95"].to_numpy() < median_k) and np.all(median_k < mix.frame["hi_95"].to_numpy())
    # the nodes span the link factor's law: below and above the factor in use, inside its range
    low, high = params.link_factor_range
    assert low < mix.nodes[0] < params.link_factor < mix.nodes[-1] < high
    assert mix.draws.shape == (5000, 3)
    f = mix.frame
    assert np.all(f["lo_95"] <= f["lo_80"]) and np.all(f["lo_80"] <= f["forecast"])
    assert np.all(f["forecast"] <= f["hi_80"]) and np.all(f["hi_80"] <= f["hi_95"])
    last = int(O.model_input(S.build_series(obs, params, plans=plans), 2010).index.max())
    assert f["year"].tolist() == [last + 1, last + 2, last + 3]  # from the year after the last published one


def test_forecasts_are_reproducible(series):
    a = O.forecast_outlook(series, 2, "combo", link_scenario="fixed", seed=7)
    b = O.forecast_outlook(series, 2, "combo", link_scenario="fixed", seed=7)
    pd.testing.assert_frame_equal(a.frame, b.frame)


def test_a_years_draws_do_not_depend_on_the_horizon():
    from helpers.models import lognormal_result

    short = lognormal_result([1.0, 1.1, 1.2], [0.1, 0.2, 0.3], 2024)
    long = lognormal_result([1.0, 1.1, 1.2, 1.3, 1.4], [0.1, 0.2, 0.3, 0.4, 0.5], 2024)
    a, b = short.sample(500, np.random.default_rng(3)), long.sample(500, np.random.default_rng(3))
    np.testing.assert_allclose(a, b[:, :3])
    assert not np.allclose(b[:, 3], b[:, 4])  # later years are drawn, not copied


@pytest.mark.parametrize("scenario", ["default", "fixed"])
def test_sibling_horizons_give_the_same_numbers_when_the_calibration_is_the_same(series, scenario, monkeypatch):
    """The draws of a year do not depend on the horizon: with the calibration made independent
    of it too (each horizon its own origins), a 3- and a 6-year forecast agree on their years."""
    import helpers.models.calibration as C

    monkeypatch.setattr(C, "ORIGIN_SCHEME", "per_horizon")
    kw = dict(link_scenario=scenario, n_nodes=3, n_draws=1500)
    short = O.forecast_outlook(series, 3, "loglinear", **kw).frame
    long = O.forecast_outlook(series, 6, "loglinear", **kw).frame
    pd.testing.assert_frame_equal(short, long.iloc[:3])


def _plan_figures():
    """A small figures table: plans and targets with and without a published outcome."""

    def row(fid, year, value, status, kind="reported", base="unstated", excluded="", derived_from=""):
        return dict(figure_id=fid, indicator="industrial_production_value", period="FY", unit="bn_vnd", year=year,
                    value=value, status=status, kind=kind, price_base=base, qualifier="", excluded=excluded,
                    derived_from=derived_from)  # fmt: skip

    return pd.DataFrame(
        [
            row("doc@1", 2020, 36180, "plan", base="2010"),
            row("doc@9>2020", 2020, 37050.36, "actual", kind="implied", derived_from="doc@9"),
            row("site-2021-fy2020", 2020, 37050.8, "actual", kind="cited"),
            row("doc@2", 2012, 2750, "target", base="1994"),
            row("doc@3", 2022, 47000, "target"),
            row("doc@4>2022", 2022, 46067.75, "actual", kind="implied", derived_from="doc@4"),
            row(
                "site-2022-target",
                2022,
                46000,
                "target",
                kind="cited",
                excluded="duplicate by doc@3; use: false in published.yaml",
            ),
        ]
    )


def test_plans_are_set_against_published_outcomes():
    pa = P.plans_and_actuals(_plan_figures()).set_index("year")
    # a published outcome (here cited) is preferred to a level implied by a growth rate
    assert pa.loc[2020, "target"] == 36180 and pa.loc[2020, "actual_id"] == "site-2021-fy2020"
    assert pa.loc[2022, "actual"] == pytest.approx(46067.75) and pa.loc[2022, "target"] == 47000
    assert np.isnan(pa.loc[2012, "actual"])  # a target whose year has no outcome stays unknown
    assert len(pa) == 3  # a figure kept visible only (use: false) is not a plan


def test_plan_history_counts_met_targets():
    table, text = P.plan_history(_plan_figures(), "en")
    assert "2 can be set against a published outcome, and 1 of those were met" in text
    assert "No outcome is published for: 2012" in text
    # the target kept visible only is said to be published but not used, by its id
    assert "1 more plan or target is published but not used" in text and "`site-2022-target`" in text
    # with its reason and the figure it repeats
    assert "`site-2022-target` (the same figure as another source gives: `doc@3`)" in text
    _, vi = P.plan_history(_plan_figures(), "vi")
    assert "Ngoài ra có 1 kế hoạch hoặc mục tiêu được công bố nhưng không dùng" in vi
    assert "(trùng với số liệu của một nguồn khác: `doc@3`)" in vi
    figures = _plan_figures()
    used = figures[figures["figure_id"] != "site-2022-target"]
    assert "not used" not in P.plan_history(used, "en")[1]


def test_two_plans_for_one_year_are_each_set_against_its_outcome():
    """A new document that repeats or revises a year's plan (press articles often do) adds a row
    to the plan history; it does not stop the page."""
    figures = _plan_figures()
    revised = figures.iloc[[0]].assign(figure_id="doc2@5", value=35000.0)
    table, text = P.plan_history(pd.concat([figures, revised], ignore_index=True), "en")
    rows = table.data.set_index("figure_id")
    assert rows.loc["doc@1", "ratio"] == pytest.approx(37050.8 / 36180)
    assert rows.loc["doc2@5", "ratio"] == pytest.approx(37050.8 / 35000)
    assert "3 can be set against a published outcome, and 2 of those were met" in text
    target = figures[figures["figure_id"] == "doc@2"].assign(figure_id="doc2@6", value=2800.0)
    _, text = P.plan_history(pd.concat([figures, target], ignore_index=True), "en")
    assert "No outcome is published for: 2012." in text  # the year once, however many plans


def test_extra_targets_get_probabilities(series):
    o = O.forecast_outlook(series, 3, "rwd_log", link_scenario="fixed", n_draws=4000)
    last = float(series["value"].iloc[-1])
    df, _ = P.future_target_probabilities(read_figures(), o, {2025: last, 2026: last * 100})
    p = df[df["source"] == "parameter extra_targets"].set_index("year")["probability"]
    assert 0.3 < p[2025] < 1.0
    assert p[2026] < 0.01


def test_a_trend_growth_over_the_forecast_says_which_years(series):
    """The growth of a model without a growth parameter is measured over the forecast years,
    so it depends on the horizon: the row names them."""
    y = O.model_input(series, 2010)
    results, _ = O.fit_models(y, 5, ["damped", "loglinear"])
    first, last = int(results["damped"].frame["year"].iloc[0]), int(results["damped"].frame["year"].iloc[-1])
    en = T.trend_table(results, "en").frame
    vi = T.trend_table(results, "vi").frame
    assert f"yearly growth of the forecast, {first}–{last}" in set(en.iloc[:, 1])
    assert f"tốc độ tăng bình quân năm của dự báo, {first}–{last}" in set(vi.iloc[:, 1])


def test_the_trend_page_sets_the_recent_pace_beside_the_trend():
    """The recent growth runs from the last published year at least five years back (a gap year
    there moves the start back to a published one) to the last year, compound; a series that
    does not reach that far gets none."""
    y = pd.Series([100.0, 110.0, np.nan, 130.0, 140.0, 150.0, 160.0, 200.0], index=range(2010, 2018))
    start, g = T.recent_growth(y)
    assert start == 2011 and g == pytest.approx(((200 / 110) ** (1 / 6) - 1) * 100)
    assert T.recent_growth(y.loc[2013:]) is None
    keys = dict((a, b) for a, b, _ in T.trend_key_numbers({}, y, "vi").items)
    assert "Tăng trưởng bình quân năm 2011–2017" not in keys  # only beside a fitted trend


def test_the_trend_page_leads_with_todays_pace_not_the_whole_span_average():
    """A series that grew fast and then slowed: the cards give the last level, the recent
    growth and the growth before and after the break the broken trend finds, and only then the
    constant growth over the whole span (which the recent years no longer follow)."""
    from helpers.models import fit_forecast

    years = range(2008, 2024)
    y = pd.Series([100 * 1.25**i if i <= 9 else 100 * 1.25**9 * 1.05 ** (i - 9) for i in range(16)], index=years)
    results = {m: fit_forecast(y, 3, m) for m in ("loglinear", "piecewise")}
    labels = [label for label, _, _ in T.trend_key_numbers(results, y, "vi").items]
    assert labels == [
        "Số liệu cả năm gần nhất (2023)",
        "Tăng trưởng bình quân năm 2018–2023",
        "Tăng trưởng trước và sau năm 2017",
        "Xu hướng tăng trưởng không đổi 2008–2023",
    ]
    year, before, after = T.break_growth(results["piecewise"])
    assert year == 2017 and before == pytest.approx(25.0, abs=0.5) and after == pytest.approx(5.0, abs=0.5)
    # no break found: no card of its own
    noise = np.random.default_rng(3).normal(0, 0.03, 16)
    steady = pd.Series(100 * 1.1 ** np.arange(16.0) * np.exp(noise), index=years)
    assert T.break_growth(fit_forecast(steady, 3, "piecewise")) is None


def test_the_forecast_page_puts_the_chance_of_the_nearest_target_among_its_key_numbers():
    """A planner's first question, the chance of meeting the next published target, stands
    beside the forecast (with the target and the median it is set against); none without a
    target in the forecast years."""
    rng = np.random.default_rng(1)
    draws = np.exp(np.log([50_000.0, 55_000.0]) + rng.normal(0, 0.1, (4000, 2)))
    outlook = O.Outlook("combo", O._frame_from_draws(draws, np.array([2025, 2026]), (80, 95)), draws, "fixed")
    y = pd.Series([40_000.0, 46_100.0], index=[2022, 2023])
    targets = pd.DataFrame(
        {
            "year": [2026, 2025],
            "target": [70_000.0, 60_000.0],
            "forecast": [55_000.0, 50_000.0],
            "probability": [0.01, 0.04],
        }
    )
    cards = O.key_numbers(outlook, y, "vi", targets=targets).items
    assert cards[-1] == ("Khả năng đạt mục tiêu năm 2025", "4%", "mục tiêu 60.000 tỷ đồng; dự báo trung vị 50.000")
    assert len(O.key_numbers(outlook, y, "vi", targets=targets.iloc[:0]).items) == len(cards) - 1
