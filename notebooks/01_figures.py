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
# checked by helpers.figures.stage.FiguresParams
lang = "en"  # report language: "en" or "vi"
input_dir = ""  # folder of the source documents (empty: data/raw)
output_dir = ""  # where figures.csv goes (empty: the scratch folder scratch/figures; `laocai reports` writes data/processed)

# %%
from IPython.display import HTML, Markdown, display

from helpers.common.i18n import t
from helpers.common.plots import figures_chart, notebook_setup, show, show_notes
from helpers.figures import present as P
from helpers.figures import stage
from helpers.reports.provenance import run_header

params = stage.FiguresParams.from_globals(globals())
notebook_setup()
display(run_header(params.record(), lang=lang))

# %% [markdown] tags=["remove-cell"]
# Every figure of the industrial production value found in the source documents, with the
# sentence it came from; the levels their growth rates imply; and the checks that compare them.

# %%
result = stage.run(params).result
sources = result.sources
display(P.key_numbers(result, lang))
show(figures_chart(result.figures, lang))
show_notes(P.chart_note(result.figures, lang))  # the price bases do not line up: said under the chart
display(Markdown(t("figures.intro", lang)))
display(Markdown("## " + t("figures.sources_heading", lang)))
display(P.sources_table(sources, lang))

# %%
display(Markdown("## " + t("figures.table_heading", lang)))
show_notes(P.region_note(result.figures, lang))  # a region shared by every figure, said once
display(P.summary_table(result.figures, lang))

# %%
display(Markdown("## " + t("figures.notes_heading", lang)))
display(P.notes_html(result, lang))

# %%
display(Markdown("## " + t("figures.checks_heading", lang)))
display(P.checks_table(result.checks, lang))

# %%
display(Markdown("## " + t("figures.provenance_heading", lang)))
display(HTML(P.provenance_html(result.figures, sources, lang, result.citations)))
