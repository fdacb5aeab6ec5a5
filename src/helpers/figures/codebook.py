"""The data dictionary of the figures stage's files, ``figures.csv`` and ``checks.csv``: their
columns in the order :data:`helpers.figures.table.FIGURE_COLUMNS` and
:data:`~helpers.figures.table.CHECK_COLUMNS` write them, each column of codes with the list of
:mod:`helpers.figures.values` it takes (see :mod:`helpers.common.codebook`)."""

from __future__ import annotations

from helpers.common.codebook import Field, Table
from helpers.figures.extract.regions import SCOPES
from helpers.figures.values import KINDS, PRICE_BASES, QUALIFIERS, STATUSES, UNITS

#: Indicators the extractor and the cited figures use (others may come with a new document).
INDICATORS = (
    "industrial_production_value",
    "industrial_production_value_increase",
    "handicraft_production_value",
    "industry_construction_share",
)

FIGURES = Table(
    "figures.csv",
    (
        Field("figure_id"),
        Field("source"),
        Field("also_in"),
        Field("indicator", codes=INDICATORS, group="indicator", open=True),
        Field("region"),
        Field("scope", codes=SCOPES, group="scope_word"),
        Field("period"),
        Field("year", "integer"),
        Field("value", "number"),
        Field("unit", codes=UNITS, group="unit_word"),
        Field("qualifier", codes=QUALIFIERS, group="qualifier_word"),
        Field("price_base", codes=PRICE_BASES, group="base_word"),
        Field("status", codes=STATUSES, group="status_word"),
        Field("growth_pct", "number"),
        Field("compared_to"),
        Field("kind", codes=KINDS, group="kind_word"),
        Field("derived_from"),
        Field("derivation"),
        Field("flags"),
        Field("curation"),
        Field("value_text"),
        Field("quote"),
        Field("start", "integer"),
        Field("end", "integer"),
        Field("file"),
        Field("citation"),
        Field("excluded"),
    ),
)

CHECKS = Table(
    "checks.csv",
    (
        Field("check_id"),
        Field("check", codes=("growth", "increase", "conflict"), group="check_word"),
        Field("figure_ids"),
        Field("year", "integer"),
        Field("expected", "number"),
        Field("observed", "number"),
        Field("difference", "number"),
        Field("tolerance", "number"),
        Field("result", codes=("ok", "flag"), group="result_word"),
        Field("message"),
    ),
)

#: The files of the figures stage.
TABLES = (FIGURES, CHECKS)
