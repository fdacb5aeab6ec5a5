"""The data dictionary of the trend and forecast stages' files, ``trend.csv`` and
``forecasts.csv``: a model is one of the registered models, a link scenario one of
:data:`helpers.forecast.outlook.LINK_SCENARIOS` (see :mod:`helpers.common.codebook`)."""

from __future__ import annotations

from helpers.common.codebook import Field, Table
from helpers.forecast.outlook import LINK_SCENARIOS
from helpers.models.registry import MODELS

_MODEL = Field("model", codes=tuple(MODELS), group="model")

_BOUNDS = (
    Field("year", "integer"),
    Field("forecast", "number"),
    Field("lo_80", "number"),
    Field("hi_80", "number"),
    Field("lo_95", "number"),
    Field("hi_95", "number"),
)

TREND = Table("trend.csv", (_MODEL, *_BOUNDS))

FORECASTS = Table(
    "forecasts.csv",
    (*_BOUNDS, _MODEL, Field("link_scenario", codes=LINK_SCENARIOS, group="link_scenario_word")),
)

#: The files of the trend and forecast stages.
TABLES = (TREND, FORECASTS)
