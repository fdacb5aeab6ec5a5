"""The data dictionary of the series stage's file, ``series.csv`` (see
:mod:`helpers.common.codebook`)."""

from __future__ import annotations

from helpers.common.codebook import Field, Table

#: How each year of the annual series was obtained (``kind``).
SERIES_KINDS = ("reported", "implied", "linked", "interpolated", "nowcast")

#: Price bases of a series year (``price_base_source``): as stated, assigned by the project's
#: rule to a figure that states none, or none for a gap year.
SERIES_BASES = ("2010", "1994", "unstated->2010", "unstated->1994", "none")

SERIES = Table(
    "series.csv",
    (
        Field("year", "integer"),
        Field("value", "number"),
        Field("lo", "number"),
        Field("hi", "number"),
        Field("level", "integer"),
        Field("kind", codes=SERIES_KINDS, group="series_kind"),
        Field("price_base_source", codes=SERIES_BASES, group="base_word"),
        Field("figure_ids"),
        Field("method"),
        Field("note"),
    ),
)

#: The files of the series stage.
TABLES = (SERIES,)
