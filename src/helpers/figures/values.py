"""The allowed values of the figures table, defined once.

The extractor writes them, the figures schema (:func:`helpers.figures.table.figures_schema`)
checks them, and the cited figures of ``data/raw/published.yaml``
(:mod:`helpers.figures.published`) are validated against the same lists.
"""

from __future__ import annotations

STATUSES = ("actual", "estimate", "plan", "target")
"""How the source presents a figure."""

OBSERVED = ("actual", "estimate")
"""Statuses that measure something (plans and targets do not)."""

PRICE_BASES = ("1994", "2010", "current", "unstated")
"""Price bases a figure can state: the two constant-price bases of the national statistics
in this period, current prices, or none stated."""

PRICE_BASE_PATTERN = "^(" + "|".join(PRICE_BASES) + ")$"

UNITS = ("bn_vnd", "mn_usd", "pct", "index")
"""Billions of VND, millions of USD, percent (shares), index (comparison period = 100)."""

QUALIFIERS = ("more_than", "nearly", "about", "less_than", "at_least", "at_most")
"""How a value is hedged in the text ("hơn", "gần", "khoảng", ...); empty when it is not."""

PERIOD_PATTERN = r"^(FY|H[12]|Q[1-4]|M\d{1,2}(-\d{1,2})?|YTD|Y\d{4}-\d{4})$"
"""Full year, half-year, quarter, one month or cumulative months, year to date, multi-year span."""

INDICATOR_PATTERN = r"^[a-z][a-z0-9_]*$"

SERIES_INDICATOR = "industrial_production_value"
"""The indicator the annual series is built from (for the province's total scope)."""

KINDS = ("reported", "implied", "cited")
"""reported: quoted in a registered document; cited: a published figure of published.yaml,
known by citation only; implied: a level computed from one of those and its growth rate."""
