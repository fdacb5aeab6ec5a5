"""The trend and forecast pages tell the reader what the models used: gap years and converted
years apart from the observed ones, nowcast years with their part-year figures, steps of
trend models explained, plans compared at one price base."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers.common import plots  # noqa: E402
from helpers.common.i18n import t  # noqa: E402
from helpers.common.present import number  # noqa: E402
from helpers.figures.table import read_figures  # noqa: E402
from helpers.forecast import outlook as O  # noqa: E402
from helpers.forecast import pages  # noqa: E402
from helpers.forecast import plans as P  # noqa: E402
from helpers.series.report import last_unit  # noqa: E402


@pytest.fixture(scope="module")
def series():
    return O.read_series()


@pytest.fixture(scope="module")
def figures():
    return read_figures()


def _y(years, missing=()):
    return pd.Series([np.nan if y in missing else 100.0 * 1.1**i for i, y in enumerate(years)], index=years)


# --------------------------------------------------------------------------- gap years
def test_gap_years_are_counted_and_named_from_the_data_in_both_languages():
    y = _y(range(2010, 2024), missing=(2014, 2017))
    assert pages.gap_years(y) == [2014, 2017]
    assert pages.gaps_phrase(y, "en") == "with 2 gap years (2014 and 2017)"
    assert pages.gaps_phrase(y, "vi") == "thiếu số liệu 2 năm (2014 và 2017)"
    one = _y(range(2010, 2024), missing=(2009, 2012))  # 2009 is outside the years the models see
    assert pages.gaps_phrase(one, "en") == "with 1 gap year (2012)"
    assert pages.gaps_phrase(_y(range(2010, 2020)), "en") == "without a gap year"


def test_trend_notes_state_the_gaps_never_a_fixed_number(series):
    y = O.model_input(series, 2010)
    gaps = pages.gap_years(y)
    note_en, note_vi = pages.backtest_note(y, "en"), pages.backtest_note(y, "vi")
    assert "six" not in note_en and "sáu" not in note_vi
    assert all(str(g) in note_en and str(g) in note_vi for g in gaps)
    assert f"{int(y.notna().sum())} published years" in note_en
    intro = pages.trend_intro(y, "en")
    assert all(str(g) in intro for g in gaps) and "given to them as missing" in intro


# --------------------------------------------------------------------------- charts
def _legend(ax) -> list[str]:
    return [x.get_text() for x in ax.get_legend().get_texts()]


def test_trend_chart_draws_gap_years_apart_from_the_observed_ones(series):
    y = O.model_input(series, 2010)
    h = pages.history(series, y, 2010)
    results, _ = O.fit_models(y, 3, ["loglinear", "damped"])
    fig = plots.trend_chart(h, {m: r.fitted for m, r in results.items()}, "en")
    ax = fig.axes[0]
    labels = _legend(ax)
    assert t("series.observed", "en") in labels and "Gap year (estimate)" in labels
    observed = ax.collections[labels.index(t("series.observed", "en")) + 1]  # after the band
    drawn = {int(round(x)) for x, _ in observed.get_offsets()}
    assert drawn == {int(v) for v in y.dropna().index}
    assert not drawn & set(pages.gap_years(y))
    plt.close(fig)


def test_trend_chart_continues_each_trend_over_the_horizon_with_its_interval(series):
    y = O.model_input(series, 2010)
    results, _ = O.fit_models(y, 10, ["loglinear", "llt"])
    fig = plots.trend_chart(
        pages.history(series, y, 2010),
        {m: r.fitted for m, r in results.items()},
        "vi",
        {m: r.frame for m, r in results.items()},
    )
    ax = fig.axes[0]
    end = int(y.last_valid_index()) + 10
    assert max(max(line.get_xdata()) for line in ax.get_lines() if len(line.get_xdata())) == end
    assert "Khoảng 80% của từng xu hướng" in _legend(ax) and f"kéo dài đến năm {end}" in fig.laocai_alt
    # the legend sits beside the plot, over no data
    fig.canvas.draw()
    assert ax.get_legend().get_window_extent().x0 >= ax.get_window_extent().x1
    plt.close(fig)


def test_default_fan_chart_alt_text_speaks_of_the_series_not_of_years_left_unused(series):
    """Gap years are in no model's input, yet the default chart uses every published year: its
    alt text is the plain one, not that of the new-base scenario."""
    y = O.model_input(series, 2010)
    h = pages.history(series, y, 2010)
    assert (~h["used"]).any()  # the gap years
    out = O.forecast_outlook(series, 3, "rwd_log", n_draws=1000)
    fig = plots.fan_chart(h, out.frame, "en")
    assert "years the models used" not in fig.laocai_alt
    assert pages.new_base_note(h, y, "en") == ""  # nothing shown for context only
    assert fig.laocai_alt == plots.fan_chart(O.history(series, 2010), out.frame, "en").laocai_alt
    plt.close("all")


def test_new_base_chart_marks_the_converted_years_as_not_used(series):
    y = O.scenario_input(series, 2010, "new_base")
    h = pages.history(series, y, 2010)
    out = O.forecast_outlook(series, 3, "rwd_log", link_scenario="new_base", n_draws=1000)
    fig = plots.fan_chart(h, out.frame, "en")
    ax = fig.axes[0]
    labels = _legend(ax)
    assert "From 1994 prices, not used" in labels
    # the dots are only figures published at 2010 prices: none is said to be converted
    assert t("series.observed_2010", "en") in labels and t("series.observed", "en") not in labels
    dots = [line for line in ax.get_lines() if line.get_marker() == "o"]
    assert len(dots) == 1 and sorted(int(v) for v in dots[0].get_xdata()) == [int(v) for v in y.dropna().index]
    used = y.dropna()
    assert f"the {len(used)} years the models used, {int(used.index[0])}–{int(used.index[-1])}" in fig.laocai_alt
    note = pages.new_base_note(h, y, "en")
    assert f"{len(used)} years, {int(used.index[0])} to {int(used.index[-1])}" in note
    assert "for context only" in note and "did not use them" in note
    plt.close(fig)


def test_residual_legend_covers_no_residual(series):
    y = O.model_input(series, 2010)
    results, _ = O.fit_models(y, 2, ["loglinear", "damped"])
    fig = plots.residual_chart({m: r.residuals for m, r in results.items()}, "en")
    fig.canvas.draw()
    ax = fig.axes[0]
    assert ax.get_legend().get_window_extent().x0 >= ax.get_window_extent().x1
    plt.close(fig)


def test_target_chart_alt_text_of_one_target_is_singular():
    fig = plots.target_chart(pd.DataFrame({"year": [2025], "target": [60000.0], "probability": [0.14]}), "en")
    assert "1 targets" not in fig.laocai_alt and "the 2025 target of 60,000 billion VND: 14%" in fig.laocai_alt
    plt.close(fig)


# --------------------------------------------------------------------------- nowcasts
def test_nowcast_years_keep_the_series_value_and_interval_at_every_horizon(series):
    nc = series[series["kind"] == "nowcast"].set_index("year")
    assert len(nc)
    for h in (len(nc) + 1, len(nc) + 4):
        f = O.forecast_outlook(series, h, "loglinear", link_scenario="fixed", n_draws=1800).frame.set_index("year")
        for year, r in nc.iterrows():
            assert f.loc[year, "forecast"] == pytest.approx(r["value"], rel=1e-6)
            assert f.loc[year, "lo_95"] == pytest.approx(r["lo"], rel=2e-3)
            assert f.loc[year, "hi_95"] == pytest.approx(r["hi"], rel=2e-3)


def test_nowcast_note_names_the_part_year_figures_and_their_sources(series, figures):
    nc = series[series["kind"] == "nowcast"]
    years = [int(v) for v in nc["year"]] + [int(nc["year"].max()) + 1]
    en = pages.nowcast_note(series, figures, years, "en")
    vi = pages.nowcast_note(series, figures, years, "vi")
    for r in nc.itertuples():
        main = r.figure_ids.split(";")[0]
        assert f"`{main}`" in en and f"`{main}`" in vi  # an identifier, shown as code
        assert f"{r.year}: {round(r.value):,} billion VND" in en
        assert f"{r.year}: {round(r.value):,} tỷ đồng".replace(",", ".") in vi
    assert "the same for every model" in en and "giống nhau cho mọi mô hình" in vi
    assert "“" in en  # the title of the source, as published
    assert "-06)" not in vi  # dates the Vietnamese way
    assert pages.nowcast_note(series, figures, [1990], "en") == ""
    # a part-year figure the estimate does not rest on shows its period and its own growth rate
    for r in nc.itertuples():
        for other in r.figure_ids.split(";")[1:]:
            f = figures.set_index("figure_id").loc[other]
            assert f"`{other}` (" in en and "not used (the estimate rests on the figure covering the most" in en
            if pd.notna(f["growth_pct"]):
                assert f"{float(f['growth_pct']):+.2f}%".replace(".", ",") in vi


# --------------------------------------------------------------------------- steps
def _two_nowcasts() -> pd.DataFrame:
    """A series published 2010-2023 with 2024-2025 estimated from part-year figures: the shape
    the step notes are about, independent of the documents the repository holds."""
    years = list(range(2010, 2026))
    return pd.DataFrame(
        {
            "year": years,
            "value": [1000.0 * 1.1 ** (y - 2010) for y in years],
            "kind": ["reported" if y <= 2023 else "nowcast" for y in years],
            "price_base_source": ["2010"] * len(years),
        }
    )


def test_a_step_back_to_the_fitted_trend_is_explained_with_its_numbers():
    series = _two_nowcasts()
    nowcast_last = int(series.loc[series["kind"] == "nowcast", "year"].max())
    years = np.arange(nowcast_last - 1, nowcast_last + 4)
    steady = 100.0 * 1.05 ** np.arange(len(years))
    stepped = steady.copy()
    stepped[2:] *= 1.4  # the first model year jumps 40% above the trend of the others
    y = O.model_input(series, 2010)

    def outlook(v):
        return O.Outlook("loglinear", pd.DataFrame({"year": years, "forecast": v}), np.empty((1, len(v))), "fixed")

    assert pages.step_notes({"damped": outlook(steady)}, y, series, "en") == []
    (note,) = pages.step_notes({"loglinear": outlook(stepped)}, y, series, "en")
    assert note.startswith(
        f"The forecast of Constant growth changes by +47.0% from {nowcast_last} to {nowcast_last + 1}"
    )
    assert f"then by +5.0% in {nowcast_last + 2}" in note and "40% above" in note
    # both values of that year named: the model's path and the level it steps from
    path, level = 105.0 * 1.47 / 1.05, 105.0
    assert (
        f"path is at about {number(path, 'en')} billion VND in {nowcast_last}, 40% above that year's level of 105"
        in note
    )
    (vi,) = pages.step_notes({"loglinear": outlook(stepped)}, y, series, "vi")
    assert (
        "+47,0%" in vi and "khoảng 40%" in vi and vi.startswith("Dự báo của mô hình “Tăng trưởng không đổi” thay đổi")
    )
    assert (
        f"đường đó ở mức khoảng {number(path, 'vi')} tỷ đồng vào năm {nowcast_last}, cao hơn mức {number(level, 'vi')}"
        in vi
    )
    # a small fall, then a steeper one: the trend lies above the level, the step is still a fall
    falling = np.array([105.0, 100.0, 98.0, 98.0 * 0.9, 98.0 * 0.9**2])
    (down,) = pages.step_notes({"damped": outlook(falling)}, y, series, "en")
    assert "changes by -2.0%" in down and "then by -10.0% in" in down and "above that year's level" in down


def test_a_trend_continued_from_the_last_full_year_explains_its_step_as_a_trend():
    """On the trend page a model's trend is continued from the last full-year figure (the
    part-year estimates play no part): its first year's step is explained from that figure, in
    the words of a trend, not of a forecast."""
    series = _two_nowcasts()
    last_full = int(series.loc[series["kind"] == "reported", "year"].max())
    y = O.model_input(series, 2010)
    y = y[y.index <= last_full]  # what the trend page fits
    years = np.arange(last_full + 1, last_full + 6)
    path = float(y.loc[last_full]) * 1.3 * 1.1 ** np.arange(1, len(years) + 1)  # 30% above the last figure
    o = O.Outlook("loglinear", pd.DataFrame({"year": years, "forecast": path}), np.empty((1, len(years))), "fixed")
    (en,) = pages.step_notes({"loglinear": o}, y, None, "en", kind="trend")
    assert en.startswith(
        f"The continued trend of Constant growth changes by +43.0% from {last_full} to {last_full + 1}"
    )
    assert "30% above that year's level" in en and "forecast" not in en
    (vi,) = pages.step_notes({"loglinear": o}, y, None, "vi", kind="trend")
    assert (
        vi.startswith("Đường xu hướng kéo dài của mô hình “Tăng trưởng không đổi” thay đổi +43,0%")
        and "khoảng 30%" in vi
    )
    # with the series' nowcasts taken into account, the same path would start after them
    assert pages.step_notes({"loglinear": o}, y, series, "en", kind="trend") != [en]
    with pytest.raises(ValueError, match="kind"):
        pages.step_notes({"loglinear": o}, y, None, "en", kind="chart")
    # a path whose growth quickens year by year (ARIMA's) starts from the last level: no step
    quick = float(y.loc[last_full]) * np.cumprod([1.04, 1.067, 1.088, 1.103, 1.114])
    arima = O.Outlook("arima", pd.DataFrame({"year": years, "forecast": quick}), np.empty((1, len(years))), "fixed")
    assert pages.step_notes({"arima": arima}, y, None, "vi", kind="trend") == []


# --------------------------------------------------------------------------- plans at one base
def _plans():
    def row(fid, year, value, status, base="unstated", kind="reported"):
        return dict(figure_id=fid, indicator="industrial_production_value", period="FY", unit="bn_vnd", year=year,
                    value=value, status=status, kind=kind, price_base=base, qualifier="", excluded="",
                    derived_from="")  # fmt: skip

    return pd.DataFrame(
        [
            row("a2013", 2013, 3942.0, "actual", "1994"),
            row("a2015-94", 2015, 6527.4, "actual", "1994"),
            row("a2015-10", 2015, 18006.0, "actual", "2010"),
            row("t2015", 2015, 5200.0, "target"),  # no base: its size points to 1994 prices
            row("a2016", 2016, 20815.0, "actual", "2010"),
            row("t2016-94", 2016, 7000.0, "target", "1994"),
        ]
    )


def test_a_target_is_set_against_an_outcome_at_its_own_price_base():
    pa = P.plans_and_actuals(_plans()).set_index("figure_id")
    assert pa.loc["t2015", "price_base"] == "unstated->1994"
    assert pa.loc["t2015", "actual_id"] == "a2015-94" and pa.loc["t2015", "actual_base"] == "1994"
    # a 1994-price target has no 1994-price outcome in 2016: the 2010-price outcome is not used
    assert np.isnan(pa.loc["t2016-94", "actual"])
    table, text = P.plan_history(_plans(), "en")
    frame = table.frame
    assert "Price base of the target" in frame.columns and "Price base of the actual" in frame.columns
    assert "not stated, probably 1994 prices" in set(frame["Price base of the target"])
    assert "same price base" in text and "`t2015` (not stated, probably 1994 prices)" in text
    _, vi = P.plan_history(_plans(), "vi")
    assert "cùng loại giá" in vi


def test_plan_bases_are_assigned_by_the_rule_of_the_series_they_are_compared_with():
    """The series' parameters reach the rule that assigns unstated bases: its switch year is the
    one the page names."""
    from dataclasses import replace

    from helpers.series.linking import SeriesParams

    _, text = P.plan_history(_plans(), "en")
    assert "2010 prices from 2016)" in text
    _, text = P.plan_history(_plans(), "en", params=replace(SeriesParams(), switch_year=2014))
    assert "2010 prices from 2014)" in text


def test_future_targets_at_another_base_are_named_not_set_against_the_forecast():
    years = np.array([2015, 2016])
    o = O.Outlook(
        "x", pd.DataFrame({"year": years, "forecast": [18000.0, 21000.0]}), np.full((10, 2), 20000.0), "fixed"
    )
    df, text = P.future_target_probabilities(_plans(), o, {2016: 20000.0}, "en")
    assert list(df["source"]) == ["parameter extra_targets"]
    assert "The 2016 target of 7,000 billion VND (`t2016-94`, constant 1994 prices) is not at 2010 prices" in text
    assert "The 2015 target of 5,200" in text  # probably at 1994 prices: named, not assessed
    assert "Forecast (median, constant 2010 prices)" in P.targets_display(df, "en").frame.columns


# --------------------------------------------------------------------------- headings and notes
def test_forecast_headings_and_notes_read_as_prose():
    heading = t("forecast.fan_heading", "en", model="Combination (median)")
    assert "((" not in heading and "))" not in heading
    note = t("forecast.models_note", "en", model="Combination (median)")
    assert "first row of each year" not in note and "Combination (median)" in note
    for lang in ("en", "vi"):
        for key in ("forecast.choice_note", "trend.backtest_note"):
            text = t(key, lang, n=12, gaps="x")
            assert "bench/" not in text and "`" not in text


def test_key_cards_say_when_the_last_levels_price_base_was_assigned():
    """A last level whose source states no price base (46,100 for 2023 in the documents held)
    was given 2010 prices as probable by the series: the trend and forecast key cards say so,
    as the series page does; a level published at 2010 prices gets the plain unit."""
    series = _two_nowcasts()
    series.loc[series["year"] == 2023, "price_base_source"] = "unstated->2010"
    assert last_unit(series, 2023, "en") == "billion VND; price base not stated, probably 2010 prices"
    assert last_unit(series, 2023, "vi").startswith("tỷ đồng; loại giá không ghi")
    assert last_unit(series, 2016, "en") == t("keys.unit", "en")  # published at 2010 prices
    assert last_unit(None, 2023, "vi") == t("keys.unit", "vi")


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_backtest_note_explains_every_measure_the_table_shows(lang):
    note = t("backtest.metrics_note", lang, h=3)
    table = O.backtest_table(_y(range(2005, 2020)), ["rwd"], horizon=3, lang=lang)
    headers = [c.header(lang) for c in table.cols if c.key not in ("model", "n")]
    explained = note.lower()
    for h in headers:  # "sMAPE (%)", "80% coverage", "Độ phủ 95%": the measure's name
        word = h.split(" (")[0].replace("80%", "").replace("95%", "").strip().lower()
        assert f"**{word}**" in explained, (h, word)
    assert " 3 " in note
    # the note sends the reader to the yardstick row, which is there, last, scored like the models
    models = table.frame[t("col.model", lang)].tolist()
    assert models == [t("model.rwd", lang), t("model.benchmark", lang)]
    assert ("last row" if lang == "en" else "dòng cuối") in note


def test_new_base_chart_draws_no_gap_year_outside_the_years_the_models_were_given():
    """A gap year before the first 2010-price year is no gap of the models' series: the chart
    leaves it out rather than drawing it as one; gap years inside are still drawn."""
    kinds = {y: "linked" for y in range(2010, 2014)} | {2014: "interpolated", 2015: "reported", 2016: "reported"}
    kinds |= {2017: "interpolated"} | {y: "reported" for y in range(2018, 2024)}
    series = pd.DataFrame(
        [dict(year=y, value=100.0 * 1.1 ** (y - 2010), lo=0.0, hi=0.0, level=95, kind=k) for y, k in kinds.items()]
    )
    y = O.scenario_input(series, 2010, "new_base")
    h = pages.history(series, y, 2010)
    assert 2014 not in set(h["year"]) and 2017 in set(h["year"])
    assert pages.unused_years(h) == [2010, 2011, 2012, 2013]
    fig = plots.fan_chart(h, pd.DataFrame({"year": [2024], "forecast": [300.0], "lo_80": [250.0],
                                           "hi_80": [350.0], "lo_95": [200.0], "hi_95": [400.0]}), "en")  # fmt: skip
    crosses = [c for c in fig.axes[0].collections if c.get_label() == "Gap year (estimate)"]
    assert len(crosses) == 1 and [int(v) for v in crosses[0].get_offsets()[:, 0]] == [2017]
    plt.close(fig)
    # the default scenario keeps every gap year
    d = O.scenario_input(series, 2010, "default")
    assert {2014, 2017} <= set(pages.history(series, d, 2010)["year"])


# --------------------------------------------------------------------------- tail cap
@pytest.fixture(scope="module")
def long_trend(series):
    y = O.model_input(series, 2010)
    return y, O.fit_models(y, 10, ["loglinear", "llt"])[0]


def test_bounds_at_the_tail_cap_are_found_marked_and_said_in_both_languages(long_trend):
    from helpers.common.present import number
    from helpers.forecast import caps

    y, results = long_trend
    capped = caps.capped_bounds(results)
    cap = 10 * float(y.max())
    assert capped and all(c.cap == pytest.approx(cap) and c.rule == "multiple" for c in capped)
    frame = results["loglinear"].frame.set_index("year")
    for c in capped:  # every capped bound is the cap; every bound at the cap is found
        assert frame.loc[c.year, c.column] == pytest.approx(cap)
    at_cap = {(int(yr), col) for col in ("hi_80", "hi_95") for yr in frame.index[frame[col] >= cap * (1 - 1e-9)]}
    assert at_cap == {(c.year, c.column) for c in capped if c.model == "loglinear"}
    first = min(c.year for c in capped if c.model == "loglinear")
    en, vi = caps.cap_note(capped, results, "en"), caps.cap_note(capped, results, "vi")
    assert f"Constant growth from {first} on" in en and f"capped at {number(cap, 'en')} billion VND" in en
    assert f"10 times the highest level the models were given ({number(y.max(), 'en')} in {y.idxmax()})" in en
    assert f"Tăng trưởng không đổi từ năm {first} trở đi" in vi and f"{number(cap, 'vi')} tỷ đồng" in vi
    table = O.models_display(results, "en", capped).frame
    col = "Upper bound 95%"
    marked = table[table[col].str.endswith(caps.MARK)]
    assert len(marked) == sum(c.column == "hi_95" for c in capped)
    assert set(marked[col]) == {f"{number(cap, 'en')} {caps.MARK}"}
    assert caps.cap_note([], results, "en") == ""
    # the one-row-per-model table compares the last year, its capped bound marked as well
    last = int(y.last_valid_index())
    summary = O.models_summary(results, y, "en", capped)
    rows = summary.frame.set_index("Model")
    end = int(results["loglinear"].frame["year"].iloc[-1])
    assert list(rows.index) == ["Constant growth", "Local linear trend"] and summary.stacked
    assert rows.loc["Constant growth", f"95% range {end}"].endswith(caps.MARK)
    median = results["loglinear"].frame["forecast"].iloc[-1]
    assert rows.loc["Constant growth", f"Forecast {end} (median)"] == number(median, "en")
    growth = ((median / float(y.loc[last])) ** (1 / (end - last)) - 1) * 100
    assert rows.loc["Constant growth", f"Growth a year, {last} figure to {end} median (%)"] == number(growth, "en", 1)


def test_bounds_below_the_cap_are_not_marked(series):
    from helpers.forecast import caps

    results = O.fit_models(O.model_input(series, 2010), 3, ["loglinear", "combo"])[0]
    assert caps.capped_bounds(results) == []
    assert caps.MARK not in O.models_display(results, "en", []).frame.to_string()


def _outlook(held, cap=1000.0, max_value=100.0):
    from helpers.forecast.outlook import Outlook

    frame = pd.DataFrame({"year": [2024, 2025, 2026], "forecast": [120.0, 150.0, 190.0], "lo_80": [1.0] * 3,
                          "hi_80": [300.0, 700.0, 990.0], "lo_95": [1.0] * 3, "hi_95": [400.0, 900.0, 1200.0]})  # fmt: skip
    rule = "multiple" if cap == 10.0 * max_value else "rise"
    info = {
        "cap": [float("nan"), cap, cap],
        "rule": ["", rule, rule],
        "max": max_value,
        "max_year": 2023,
        "multiple": 10.0,
    }
    return Outlook("loglinear", frame, np.empty((0, 3)), "fixed", None, np.asarray(held, float), [info])


def test_an_outlook_bound_is_held_by_the_cap_when_more_draws_were_held_than_its_tail():
    from helpers.forecast import caps

    capped = caps.outlook_caps("loglinear", _outlook([0.0, 0.03, 0.2]))
    assert {(c.year, c.column) for c in capped} == {(2025, "hi_95"), (2026, "hi_95"), (2026, "hi_80")}
    assert not any(c.exact for c in capped)  # the shown bounds are not the cap itself
    note = caps.cap_note(capped, {"loglinear": _outlook([0, 0, 0])}, "en")
    assert "Constant growth from 2025 on" in note and "held down by a cap of 1,000 billion VND" in note
    # a cap from the series' own largest rise (not the multiple) is said as such
    rise = caps.outlook_caps("loglinear", _outlook([0.0, 0.0, 0.2], cap=1500.0))
    assert "largest rise the series itself has shown" in caps.cap_note(rise, {"loglinear": _outlook([0] * 3)}, "en")
    assert "Constant growth in 2026" in caps.cap_note(rise[:1], {"loglinear": _outlook([0] * 3)}, "en")


def test_a_cap_raised_to_the_forecast_itself_is_said_as_such():
    """Where the point forecast lies above both limits of the cap rule, the fit records that the
    cap is the forecast, and the page says so instead of naming a rule that did not set it."""
    from helpers.forecast import caps
    from helpers.models import base, fit

    grid = base._to_grid(pd.Series([10.0, 20.0, 40.0], index=[2021, 2022, 2023]))
    info = fit.tail_cap_info(grid, np.array([400.0, 400.0, 500.0]), np.array([300.0, 450.0, 450.0]))
    assert info["rule"] == ["multiple", "point", "rise"] and info["cap"] == [400.0, 450.0, 500.0]
    bounds = [caps.CappedBound("loglinear", 2025, "hi_95", 450.0, 450.0, "point", 40.0, 2023, 10.0, True, 450.0)]
    frame = _outlook([0, 0, 0])
    note = caps.cap_note(bounds, {"loglinear": frame}, "en")
    assert "the forecast itself" in note and "ten times" in note
    assert "chính giá trị dự báo" in caps.cap_note(bounds, {"loglinear": frame}, "vi")


def test_forecast_draws_report_the_share_held_at_the_cap(series):
    """The forecast of a run whose bounds the cap holds says so; the nowcast years never are."""
    from helpers.forecast import caps

    out = O.forecast_outlook(series, 12, "loglinear", link_scenario="fixed", n_draws=2000)
    assert out.held is not None and out.held.shape == (len(out.years),)
    nowcasts = set(pages.nowcast_years(series))
    assert all(out.held[i] == 0 for i, yr in enumerate(out.years) if int(yr) in nowcasts)
    capped = caps.outlook_caps("loglinear", out)
    assert capped and all(out.held[list(out.years).index(c.year)] > 0.025 for c in capped)
    cell = O.forecast_display(out, "en", capped).frame.iloc[-1]["Upper bound 95%"]
    assert cell.endswith(caps.MARK)
    # the nowcasts' uncertainty multiplies the draws after the cap: a bound above it says so
    assert nowcasts and any(c.bound > c.cap_high for c in capped)
    note = caps.cap_note(capped, {"loglinear": out}, "en")
    assert "added after the cap, so a marked bound can lie above it" in note
    # the largest level the models were given is the last nowcast: the note says it is an estimate
    last_nowcast = max(nowcasts)
    assert all(c.max_is_nowcast == (c.max_year == last_nowcast) for c in capped)
    assert any(c.max_is_nowcast for c in capped)
    assert f"in {last_nowcast}, an estimate from part-year figures)" in note
    assert "giá trị ước tính từ số liệu một phần năm)" in caps.cap_note(capped, {"loglinear": out}, "vi")


# --------------------------------------------------------------------------- the default combination
def test_combination_note_names_its_members_from_the_models_package(monkeypatch):
    import helpers.models as M
    from helpers.common.present import word

    for lang in ("en", "vi"):
        note = pages.combo_note(["combo", "damped"], lang)
        assert all(word("model", m, lang) in note for m in M.COMBO_MEMBERS)
        assert word("model", "combo", lang) in note and f" {len(M.COMBO_MEMBERS)} " in note
    assert "not the median of the other models" in pages.combo_note(["combo"], "en")
    monkeypatch.setattr(M, "COMBO_MEMBERS", ("ses", "theta"))
    note = pages.combo_note(["combo"], "en")
    assert "Theta method" in note and "Random walk" not in note and " 2 simple models" in note
    assert pages.combo_note(["damped", "llt"], "en") == ""
    assert "median" not in word("model", "combo", "en").lower()  # the label does not suggest the table's median


# --------------------------------------------------------------------------- longer horizons
def test_a_longer_horizon_says_how_its_numbers_differ_from_the_default_horizons():
    years = [2024, 2025]
    base = {
        "a": pd.DataFrame({"year": years, "forecast": [100.0, 110.0], "lo_80": [90.0, 95.0], "hi_80": [110, 130.0]})
    }
    same = {"a": base["a"].copy()}
    wider = {"a": base["a"].assign(hi_80=[110.0, 136.5])}
    assert pages.calibration_note(same, base, 10, 5, "en") == ""
    assert pages.calibration_note(wider, base, 5, 5, "en") == ""
    en = pages.calibration_note(wider, base, 10, 5, "en")
    assert "up to 5.0% (the medians are the same)" in en and "2024–2025" in en and "5-year report" in en
    moved = {"a": wider["a"].assign(forecast=[100.0, 111.1])}
    assert "medians by up to 1.0%" in pages.calibration_note(moved, base, 10, 5, "en")
    assert "tối đa 5,0%" in pages.calibration_note(wider, base, 10, 5, "vi")


def test_the_ten_year_trend_page_measures_its_difference_from_the_five_year_one(tmp_path):
    from helpers.forecast import caps, stage

    run = stage.run_trend(stage.TrendParams(horizon=10, models=["loglinear", "damped"], output_dir=str(tmp_path)))
    base, frames = run.base  # computed by the stage, once: the page only words it
    assert base == 5 and all(len(f) == 5 for f in frames.values())
    capped = caps.capped_bounds(run.results)
    notes = pages.interval_notes(run, capped, "en")
    assert any("10 years ahead" in n and "the medians are the same" in n for n in notes)
    # a model whose cap the page has said already (the headline, under its own table) is not said again
    assert {c.model for c in capped} == {"loglinear"} and any("Constant growth" in n for n in notes)
    again = pages.interval_notes(run, capped, "en", exclude=["loglinear"])
    assert not any("capped" in n for n in again) and len(again) == len(notes) - 1
    short = stage.run_trend(stage.TrendParams(horizon=5, models=["loglinear"], output_dir=str(tmp_path)))
    assert short.base is None and pages.interval_notes(short, [], "en") == []


def test_growth_table_has_its_own_sentence_in_both_languages():
    y = _y(range(2015, 2024))
    en, vi = pages.growth_note(y, "en"), pages.growth_note(y, "vi")
    assert "above 214 (billion VND, constant 2010 prices), the level published for 2023" in en
    assert "cao hơn 214 (tỷ đồng, giá so sánh 2010), mức công bố của năm 2023" in vi
    # a last level whose source states no price base is said to be at the base the series gave it
    series = pd.DataFrame({"year": [2022, 2023], "price_base_source": ["2010", "unstated->2010"]})
    en, vi = pages.growth_note(y, "en", series), pages.growth_note(y, "vi", series)
    assert "above 214 (billion VND; price base not stated, probably 2010 prices)" in en, en
    assert "cao hơn 214 (tỷ đồng; loại giá không ghi, nhiều khả năng giá 2010)" in vi, vi
    assert t("targets.growth_heading", "en") == "Probability of exceeding the last published level"


def test_the_forecast_page_says_why_its_models_differ_from_the_trend_page():
    """The same model gives other numbers on the trend page: said only when the forecast starts
    from part-year estimates, with their years and the last full-year figure, in both languages."""
    assert pages.trend_page_note([], 2023, "en") == ""
    en = pages.trend_page_note([2024, 2025], 2023, "en")
    assert en.startswith("These forecasts start from the estimates for 2024 and 2025") and "(2023)" in en
    vi = pages.trend_page_note([2024], 2023, "vi")
    assert vi.startswith("Các dự báo này xuất phát từ ước tính cho năm 2024") and "(2023)" in vi
    # a scenario page: the trend page rests on the default factor's series as well
    high = pages.trend_page_note([2024], 2023, "vi", 4.29)
    assert high.endswith("không phải hệ số 4,29 của trang này.")
    factor = pages.trend_page_note([], 2023, "en", 2.38)
    assert factor.startswith("The [trend page](#page-trend) also rests on the series")  # linked when built
