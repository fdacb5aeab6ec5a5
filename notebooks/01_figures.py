# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python (laocai)
#     language: python
#     name: laocai
# ---

# %% tags=["parameters"]
lang = "en"  # report language: "en" or "vi"
output_dir = ""  # empty: the canonical data/processed; a scenario run gives its own folder

# %%
from IPython.display import HTML, Markdown, display

from helpers import figures as F
from helpers.i18n import t
from helpers.plots import notebook_setup
from helpers.provenance import run_header

notebook_setup()
display(run_header({"lang": lang, "output_dir": output_dir}, lang=lang))

# %% [markdown] tags=["remove-cell"]
# Every figure of the industrial production value found in the source documents, with the
# sentence it came from; the levels their growth rates imply; and the checks that compare them.

# %%
display(Markdown(t("figures.intro", lang)))
result = F.build_figures()
written = F.write_figures(result, output_dir)
sources = result.sources
display(Markdown("## " + t("figures.sources_heading", lang)))
display(F.sources_table(sources, lang))

# %%
display(Markdown("## " + t("figures.table_heading", lang)))
display(F.summary_table(result.figures, lang))

# %%
display(Markdown("## " + t("figures.notes_heading", lang)))
display(Markdown(F.notes_markdown(result, lang)))

# %%
display(Markdown("## " + t("figures.checks_heading", lang)))
display(F.checks_table(result.checks, lang))

# %%
display(Markdown("## " + t("figures.provenance_heading", lang)))
display(HTML(F.provenance_html(result.figures, sources, lang)))
