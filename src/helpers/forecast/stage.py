"""The trend and forecast stages: ``run_trend(params)`` and ``run_forecast(params)``.

Both read the series of their input folder together with ``series.params.json`` (see
:func:`helpers.series.stage.read_series_run`), so a trend or forecast always rests on the
series it was given: its link factor, linking method and gap method. Under the ``default``
link scenario the forecast rebuilds that series at each link-factor node with the series'
own parameters and figures table; the per-model table is made the same way, so the headline
model's row equals the headline forecast.

Each stage writes its table and ``<stage>.params.json`` (its parameters plus those of the
series it read) to its output folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal

import pandas as pd
from pydantic import Field, model_validator

from helpers.common.errors import UsageError
from helpers.common.io import write_csv_atomic
from helpers.common.stage import StageParams, portable_path, write_params
from helpers.figures.table import read_figures
from helpers.forecast import codebook
from helpers.forecast import outlook as O
from helpers.models import ModelError, ModelProblem
from helpers.series.stage import SeriesInput, read_series_run


class _ModelStageParams(StageParams):
    horizon: int = Field(5, ge=1, le=50, strict=True)
    models: list[str] = Field(default_factory=lambda: ["combo"], min_length=1)
    levels: list[float] = Field(default_factory=lambda: [80.0, 95.0], min_length=1)
    link_scenario: Literal["default", "fixed", "new_base"] = "default"
    first_year: int = Field(2010, ge=1990, le=2100, strict=True)

    @model_validator(mode="after")
    def _check(self):
        O.check_params(self.horizon, self.models, self.levels, self.link_scenario, self.first_year)
        return self


class TrendParams(_ModelStageParams):
    """Parameters of the trend stage (notebooks/03_trend.ipynb)."""

    stage: ClassVar[str] = "trend"
    models: list[str] = Field(
        default_factory=lambda: ["loglinear", "piecewise", "llt", "damped", "arima"], min_length=1
    )


class ForecastParams(_ModelStageParams):
    """Parameters of the forecast stage (notebooks/04_forecast.ipynb); the first model is the headline."""

    stage: ClassVar[str] = "forecast"
    models: list[str] = Field(
        default_factory=lambda: ["combo", "damped", "piecewise", "llt", "arima", "loglinear"], min_length=1
    )
    extra_targets: dict[int, float] = Field(default_factory=dict)


def _series_record(source: SeriesInput) -> dict[str, Any]:
    return {
        "folder": portable_path(source.folder),
        "parameters": source.params.record() if source.params is not None else None,
        "figures_csv": portable_path(source.figures_csv),
    }


def _require_rebuild(params: _ModelStageParams, source: SeriesInput) -> None:
    if params.link_scenario == "default" and source.params is None:
        raise UsageError(
            f"link_scenario 'default' rebuilds the series at each link factor, but {source.folder} has no "
            "series.params.json saying how series.csv was built; build it with the series stage "
            "(notebooks/02_series.ipynb) or use link_scenario='fixed'"
        )


@dataclass
class TrendRun:
    """A run of the trend stage: the series it read, the values the models saw and their fits."""

    params: TrendParams
    source: SeriesInput
    y: pd.Series
    results: dict
    problems: list[ModelProblem]
    output: Path
    #: every model's frame at the stage's default horizon when this run's is longer
    #: (:func:`base_horizon_frames`), for the page's note on how the two differ
    base: tuple[int, dict[str, pd.DataFrame]] | None = None


def run_trend(params: TrendParams) -> TrendRun:
    """Fit every trend model to the series of ``params.input_dir``; write trend.csv and trend.params.json."""
    source = read_series_run(params.input_dir)
    y = O.scenario_input(source.series, params.first_year, params.link_scenario)
    results, problems = O.fit_models(y, params.horizon, params.models, params.levels)
    if not results:
        raise ModelError("no trend model could be fitted: " + "; ".join(map(str, problems)))
    out = params.output_path()
    write_csv_atomic(O.forecasts_long(results), out / "trend.csv")
    write_params(out, params.stage, {"parameters": params.record(), "series": _series_record(source)}, codebook.TABLES)
    run = TrendRun(params, source, y, results, problems, out)
    run.base = base_horizon_frames(run)
    return run


@dataclass
class ForecastRun:
    """A run of the forecast stage; every table and chart of the report reads these objects."""

    params: ForecastParams
    source: SeriesInput
    y: pd.Series
    outlook: O.Outlook
    outlooks: dict[str, O.Outlook]
    problems: list[ModelProblem]
    figures: pd.DataFrame
    output: Path
    notes: list[str] = field(default_factory=list)
    #: as :attr:`TrendRun.base`
    base: tuple[int, dict[str, pd.DataFrame]] | None = None


def _outlook(params: ForecastParams, source: SeriesInput, model: str) -> O.Outlook:
    return O.forecast_outlook(
        source.series,
        params.horizon,
        model,
        params.levels,
        link_scenario=params.link_scenario,
        first_year=params.first_year,
        figures_path=source.figures_csv,
        series_params=source.series_params(),
    )


def run_forecast(params: ForecastParams) -> ForecastRun:
    """Forecast the series of ``params.input_dir`` with every model under the run's link scenario.

    Writes forecasts.csv (the headline model) and forecast.params.json to the output folder.
    """
    source = read_series_run(params.input_dir)
    _require_rebuild(params, source)
    y = O.scenario_input(source.series, params.first_year, params.link_scenario)
    headline = params.models[0]
    outlooks, problems = {}, []
    for m in params.models:
        try:
            outlooks[m] = _outlook(params, source, m)
        except ModelError as exc:
            if m == headline:
                raise
            problems.append(ModelProblem.of(m, exc))
    out = params.output_path()
    frame = outlooks[headline].frame.assign(model=headline, link_scenario=params.link_scenario)
    write_csv_atomic(frame, out / "forecasts.csv")
    write_params(out, params.stage, {"parameters": params.record(), "series": _series_record(source)}, codebook.TABLES)
    figures = read_figures(source.figures_csv)
    run = ForecastRun(params, source, y, outlooks[headline], outlooks, problems, figures, out)
    run.base = base_horizon_frames(run)
    return run


def base_horizon_frames(run: TrendRun | ForecastRun) -> tuple[int, dict[str, pd.DataFrame]] | None:
    """Each model's frame of the same run at its stage's default horizon (the horizon of the
    canonical reports), when the run's horizon is longer; ``None`` otherwise. A page with a
    longer horizon says how its numbers differ from those
    (:func:`helpers.forecast.pages.calibration_note`)."""
    base = type(run.params).model_fields["horizon"].default
    if run.params.horizon <= base:
        return None
    if isinstance(run, TrendRun):
        fits, _ = O.fit_models(run.y, base, list(run.results), run.params.levels)
        return base, {m: r.frame for m, r in fits.items()}
    params = run.params.model_copy(update={"horizon": base})
    frames = {}
    for m in run.outlooks:
        try:
            frames[m] = _outlook(params, run.source, m).frame
        except ModelError:
            continue
    return base, frames
