# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python (laocai)
#     language: python
#     name: laocai
# ---

# %% tags=["parameters"]
# checked by helpers.forecast.stage.ForecastParams
lang = "en"  # report language: "en" or "vi"
input_dir = ""  # folder holding series.csv (empty: data/processed)
output_dir = ""  # where forecasts.csv goes (empty: the scratch folder scratch/forecast; `laocai reports` writes data/processed)
horizon = 5  # years ahead
models = ["combo", "damped", "piecewise", "llt", "arima", "loglinear"]  # the first is the headline model
levels = [80, 95]  # interval levels in percent
link_scenario = "default"  # default (mix over link factors), fixed (series as given), new_base
first_year = 2010  # first year given to the models
extra_targets = {}  # {year: value in bn VND at 2010 prices}: targets to assess besides published ones

# %% [markdown] tags=["remove-cell"]
# Forecasts with 80% and 95% intervals, the link-factor uncertainty carried in by simulation,
# and the probability of meeting targets.

# %%
from IPython.display import Markdown, display

from helpers.common.i18n import t
from helpers.common.plots import fan_caption, fan_chart, notebook_setup, show, show_notes, target_chart
from helpers.common.present import Folded, model_problem, word
from helpers.forecast import caps, pages, stage
from helpers.forecast import outlook as O
from helpers.forecast import plans as P
from helpers.reports.provenance import run_header

params = stage.ForecastParams.from_globals(globals())
notebook_setup()
display(run_header(params.record(), lang=lang))

# %%
done = stage.run_forecast(params)
series, figures, y, outlook = done.source.series, done.figures, done.y, done.outlook
backtests = O.backtest_table(y, models, lang=lang)
series_params = done.source.series_params()  # the rule that assigns unstated price bases
future, target_text = P.future_target_probabilities(figures, outlook, extra_targets, lang, params=series_params)
display(O.key_numbers(outlook, y, lang, series=series, targets=future))
history = pages.history(series, y, first_year)
nowcasts = pages.nowcast_years(series)
show(fan_chart(history, outlook.frame, lang, nowcasts=nowcasts))
display(Markdown(fan_caption(outlook.frame, lang)))
display(Markdown(O.summary_markdown(outlook, y, backtests, lang, nowcasts)))
show_notes(pages.new_base_note(history, y, lang), pages.nowcast_note(series, figures, outlook.years, lang))

# %%
display(Markdown("## " + t("forecast.fan_heading", lang, model=word("model", models[0], lang))))
capped = caps.capped_bounds(done.outlooks)  # upper bounds held by the tail cap, marked and said
display(O.forecast_display(outlook, lang, capped))
show_notes(caps.cap_note(capped, done.outlooks, lang, model=models[0]))

# %%
display(Markdown("## " + t("forecast.models_heading", lang)))
display(O.models_summary(done.outlooks, y, lang, capped))  # one row per model: the last year
display(Folded(t("models.every_year", lang), O.models_display(done.outlooks, lang, capped)))
display(Markdown(t("forecast.models_note", lang, model=word("model", models[0], lang))))
# the headline's cap was said under its own table above
show_notes(
    pages.trend_page_note(nowcasts, int(y.last_valid_index()), lang, pages.scenario_factor(done.source)),
    pages.combo_note(models, lang),
    *pages.interval_notes(done, capped, lang, exclude=models[:1]),
)
show_notes(*pages.step_notes(done.outlooks, y, series, lang))
for p in done.problems:
    display(Markdown(t("trend.model_failed", lang, problem=model_problem(p, lang))))

# %%
display(Markdown("## " + t("backtest.heading", lang)))
display(backtests)
display(Markdown(t("backtest.metrics_note", lang, h=O.BACKTEST_HORIZON)))
display(Markdown(t("forecast.choice_note", lang)))

# %%
display(Markdown("## " + t("targets.history_heading", lang)))
plans, text = P.plan_history(figures, lang, params=series_params)
display(Markdown(text))
display(plans)

# %%
display(Markdown("## " + t("targets.future_heading", lang)))
if len(future):
    show(target_chart(future, lang))
    display(P.targets_display(future, lang))
display(Markdown(target_text))
display(Markdown("### " + t("targets.growth_heading", lang)))
display(Markdown(pages.growth_note(y, lang, series)))
display(O.growth_display(O.growth_probabilities(outlook, float(y.dropna().iloc[-1]), lang), lang))
