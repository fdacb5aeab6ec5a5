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
# checked by helpers.series.stage.SeriesStageParams
lang = "en"  # report language: "en" or "vi"
input_dir = ""  # folder holding figures.csv (empty: data/processed)
output_dir = ""  # where series.csv goes (empty: the scratch folder scratch/series; `laocai reports` writes data/processed)
method = "link_factor"  # linking of 1994-price years: link_factor, ratio, interpolation, mixed
link_factor = None  # 2010-price value over 1994-price value: None or "default" (references.yaml combined with the data), a number, or "prior", "low", "high" of references.yaml
level = 95  # interval level in percent
gap_method = "loglinear"  # gap years: loglinear (Brownian bridge) or state_space
weight = 0.5  # weight of the mixed splice (de la Fuente 2014)
overlap_year = None  # a year known in both bases, for ratio / interpolation / mixed splices

# %% [markdown] tags=["remove-cell"]
# One annual series of the industrial production value at constant 2010 prices, built from
# the figures table. Change the parameters above to try another link factor or method; the
# same code runs `laocai series`.

# %%
from IPython.display import Markdown, display

from helpers.common.i18n import t
from helpers.common.plots import notebook_setup, sensitivity_chart, series_chart, show, show_notes
from helpers.reports.provenance import run_header
from helpers.series import loo as L
from helpers.series import report as R
from helpers.series import robustness as RB
from helpers.series import stage

stage_params = stage.SeriesStageParams.from_globals(globals())
notebook_setup()
display(run_header(stage_params.record(), lang=lang))

# %%
done = stage.run(stage_params)
series, obs, plans, params = done.series, done.observations, done.plans, done.series_params
choice = R.link_choice(stage_params.link_factor, params, done.default_estimate)
display(R.key_numbers(series, params, lang, choice))
show(series_chart(series, lang, plans=R.plans_at_2010(obs, plans, params, choice), link_factor=choice.k))
display(Markdown(R.summary_markdown(series, params, lang, choice)))

# %%
display(Markdown("## " + t("series.table_heading", lang)))
display(R.display_table(series, lang))

# %%
display(Markdown("## " + t("series.bases_heading", lang)))
bases = R.bases_table(obs, params, plans, lang)
display(Markdown(R.bases_text(bases, lang)))
if len(bases):
    display(bases)

# %%
display(Markdown("## " + t("series.nowcast_heading", lang)))
display(R.nowcast_table(series, lang))

# %%
display(Markdown("## " + t("series.sensitivity_heading", lang)))
sens = RB.sensitivity(done)
show(sensitivity_chart(sens, lang, params.method))
display(Markdown(RB.sensitivity_markdown(sens, lang, params.method)))

# %%
display(Markdown("## " + t("series.loo_heading", lang)))
loo_table = RB.leave_one_out(done)
show_notes(
    RB.coverage_text(L.coverage(loo_table), lang),
    RB.misses_text(loo_table, lang),
    RB.loo_link_text(loo_table, choice, lang),
)
display(RB.loo_display(loo_table, lang))

# %%
display(Markdown("## " + t("series.bridge_heading", lang)))
display(Markdown(R.bridge_text(done.default_estimate, lang, choice)))
display(R.bridge_display(done.default_estimate, lang))

# %%
display(Markdown("## " + t("series.assumptions_heading", lang)))
display(R.assumptions_display(params, lang, choice))
