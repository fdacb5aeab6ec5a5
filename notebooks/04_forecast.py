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
lang = "en"  # report language: "en" or "vi"
input_dir = ""  # folder holding series.csv (empty: data/processed)
output_dir = ""  # where forecasts.csv goes (empty: data/processed)
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

from helpers.common import paths
from helpers.common.i18n import t
from helpers.common.io import write_csv_atomic
from helpers.common.plots import fan_chart, notebook_setup, target_chart
from helpers.figures.table import read_figures
from helpers.forecast import outlook as O
from helpers.reports.provenance import run_header

notebook_setup()
display(run_header(dict(lang=lang, input_dir=input_dir, output_dir=output_dir, horizon=horizon, models=models,
                        levels=levels, link_scenario=link_scenario, first_year=first_year,
                        extra_targets=extra_targets), lang=lang))

# %%
O.check_params(horizon, models, levels, link_scenario, first_year)
series = O.read_series(input_dir)
figures = read_figures()
y = O.scenario_input(series, first_year, link_scenario)
outlook = O.forecast_outlook(series, horizon, models[0], levels, link_scenario=link_scenario, first_year=first_year)
write_csv_atomic(outlook.frame.assign(model=models[0], link_scenario=link_scenario),
                 paths.processed_dir(output_dir) / "forecasts.csv")
backtests = O.backtest_table(y, models, horizon=3, lang=lang)
display(Markdown(O.summary_markdown(outlook, y, backtests, lang)))

# %%
display(Markdown("## " + t("forecast.fan_heading", lang, model=models[0])))
fig = fan_chart(series[(series["year"] >= first_year) & (series["kind"] != "nowcast")], outlook.frame, lang)
display(O.forecast_display(outlook, lang))

# %%
display(Markdown("## " + t("forecast.models_heading", lang)))
results, problems = O.fit_models(y, horizon, models, levels)
display(O.models_display(results, lang))
for p in problems:
    display(Markdown(t("trend.model_failed", lang, problem=p)))

# %%
display(Markdown("## " + t("forecast.backtest_heading", lang)))
display(backtests)
display(Markdown(t("forecast.choice_note", lang)))

# %%
display(Markdown("## " + t("targets.history_heading", lang)))
history, text = O.plan_history(figures, lang)
display(Markdown(text))
display(history)

# %%
display(Markdown("## " + t("targets.future_heading", lang)))
future, text = O.future_target_probabilities(figures, outlook, extra_targets, lang)
if len(future):
    fig = target_chart(future, lang)
    display(future.round(3))
else:
    display(Markdown(text))
display(O.growth_probabilities(outlook, float(y.dropna().iloc[-1]), lang).round(3))
