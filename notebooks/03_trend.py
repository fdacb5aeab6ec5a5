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
# checked by helpers.forecast.stage.TrendParams
lang = "en"  # report language: "en" or "vi"
input_dir = ""  # folder holding series.csv (empty: data/processed)
output_dir = ""  # where trend.csv goes (empty: the scratch folder scratch/trend; `laocai reports` writes data/processed)
models = ["loglinear", "piecewise", "llt", "damped", "arima"]  # trend models to fit
levels = [80, 95]  # interval levels in percent
horizon = 5  # years the trends are continued
link_scenario = "default"  # default (mix over link factors), fixed (series as given), new_base
first_year = 2010  # first year given to the models

# %% [markdown] tags=["remove-cell"]
# Trend models of the annual series: constant growth, a broken trend, a local linear trend.
# Gap years are given to the models as missing, not as data.

# %%
from IPython.display import Markdown, display

from helpers.common.i18n import t
from helpers.common.plots import notebook_setup, residual_chart, show, show_notes, trend_chart
from helpers.common.present import Folded, model_problem
from helpers.forecast import caps, pages, stage
from helpers.forecast import outlook as O
from helpers.forecast import trend as T
from helpers.reports.provenance import run_header

params = stage.TrendParams.from_globals(globals())
notebook_setup()
display(run_header(params.record(), lang=lang))

# %%
done = stage.run_trend(params)
series, y, results, problems = done.source.series, done.y, done.results, done.problems
display(T.trend_key_numbers(results, y, lang, series=series))
fits = {m: r.fitted for m, r in results.items()}
show(trend_chart(pages.history(series, y, first_year), fits, lang, {m: r.frame for m, r in results.items()}))
display(Markdown(pages.trend_intro(y, lang)))
for p in problems:
    display(Markdown(t("trend.model_failed", lang, problem=model_problem(p, lang))))

# %%
display(Markdown("## " + t("trend.fitted_heading", lang)))
display(T.trend_table(results, lang))

# %%
display(Markdown("## " + t("trend.continued_heading", lang, end=int(y.last_valid_index()) + horizon)))
capped = caps.capped_bounds(results)  # upper bounds held by the tail cap, marked and said
display(O.models_summary(results, y, lang, capped))  # one row per model: the last year
display(Folded(t("models.every_year", lang), O.models_display(results, lang, capped)))
last = int(y.last_valid_index())
display(Markdown(t("trend.continued_note", lang, h=horizon, last=last, end=last + horizon)))
show_notes(*pages.step_notes(results, y, None, lang, kind="trend"))
show_notes(*pages.interval_notes(done, capped, lang))

# %%
display(Markdown("## " + t("trend.residuals_heading", lang)))
show(residual_chart({m: r.residuals for m, r in results.items()}, lang))
display(T.residual_diagnostics(results, lang))
display(Markdown(t("trend.residuals_note", lang)))

# %%
display(Markdown("## " + t("backtest.heading", lang)))
display(O.backtest_table(y, models, lang=lang))
display(Markdown(t("backtest.metrics_note", lang, h=O.BACKTEST_HORIZON)))
display(Markdown(pages.backtest_note(y, lang)))
