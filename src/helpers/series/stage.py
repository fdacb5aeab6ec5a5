"""The series stage: ``run(params)`` builds series.csv from a figures table.

The parameters are one typed object (:class:`SeriesStageParams`) used by
notebooks/02_series.ipynb, ``laocai series``, the report builder's pre-check and the tests.
A run writes ``series.params.json`` beside series.csv: the parameters, the link factor they
resolved to and the figures table read, so that the trend and forecast stages rebuild the
series exactly as it was made (:func:`read_series_run`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, ClassVar, Literal

import pandas as pd
from pydantic import field_validator, model_validator

from helpers.common import paths
from helpers.common.errors import InputError
from helpers.common.io import write_csv_atomic
from helpers.common.stage import StageParams, portable_path, read_params, write_params
from helpers.figures.table import read_figures
from helpers.series import codebook
from helpers.series.bridge import LinkEstimate, data_params, estimate_link_factor
from helpers.series.build import build_series, split_observations
from helpers.series.linking import SeriesParams, link_factor_reference
from helpers.series.nowcast import add_nowcast

#: Link factors that may be given by name: the prior's central value (``default`` in
#: data/raw/references.yaml, which stays the only place their values are written) and the ends
#: of its plausible range. The name ``default`` means what leaving the factor out means: the
#: prior combined with the years published in both bases (:mod:`helpers.series.bridge`).
NAMED_LINK_FACTORS = ("prior", "low", "high")


def named_link_factor(name: str) -> float:
    """The link factor called ``name`` (prior, low or high) in references.yaml."""
    prior, (low, high) = link_factor_reference()
    return {"prior": prior, "low": low, "high": high}[name]


class SeriesStageParams(StageParams):
    """Parameters of the series stage.

    ``link_factor`` is a number, the name of a value of references.yaml (``prior``, ``low``,
    ``high``), or ``None``, also written ``default``: the prior combined with the years
    published in both bases. Every value is checked by
    :class:`~helpers.series.linking.SeriesParams`, the one definition of the accepted ranges.
    """

    stage: ClassVar[str] = "series"

    method: str = "link_factor"
    #: None (or "default"): the prior of references.yaml combined with the years published in
    #: both bases (:mod:`helpers.series.bridge`); a number or a name is used as given (a scenario).
    link_factor: float | Literal["default", "prior", "low", "high"] | None = None
    level: float = 95.0
    gap_method: str = "loglinear"
    weight: float = 0.5
    overlap_year: int | None = None

    @field_validator("link_factor", mode="before")
    @classmethod
    def _default_is_none(cls, value: Any) -> Any:
        if isinstance(value, str) and re.fullmatch(r"\s*\d+,\d+\s*", value):
            raise ValueError(f"write the decimal with a dot ({value.strip().replace(',', '.')}), not a comma")
        return None if isinstance(value, str) and value == "default" else value

    @model_validator(mode="after")
    def _check(self) -> SeriesStageParams:
        self.series_params()  # raises ParameterError (a ValueError) naming the bad value
        return self

    def resolved_link_factor(self) -> float | None:
        """The link factor as a number (a name resolved through references.yaml)."""
        if isinstance(self.link_factor, str):
            return named_link_factor(self.link_factor)
        return self.link_factor

    def series_params(self) -> SeriesParams:
        """The :class:`SeriesParams` of the build."""
        return SeriesParams(
            method=self.method,
            link_factor=self.resolved_link_factor(),
            level=self.level,
            weight=self.weight,
            overlap_year=self.overlap_year,
            gap_method=self.gap_method,
        )

    def title_values(self) -> dict[str, Any]:
        """Values a report title may quote (``{link_factor}``), resolved from references.yaml."""
        return {"link_factor": self.series_params().link_params().link_factor}


@dataclass
class SeriesRun:
    """The series of a run with everything it was built from.

    ``series_params`` are the parameters the series was built with: with no link factor
    chosen, the link factor and its range estimated from the data (``link_estimate``).
    ``annual`` is the series of published and estimated years; ``series`` adds the nowcasts
    of years known only from part-year figures (:mod:`helpers.series.nowcast`).
    """

    params: SeriesStageParams
    series_params: SeriesParams
    observations: pd.DataFrame
    plans: pd.DataFrame
    annual: pd.DataFrame
    series: pd.DataFrame
    figures: pd.DataFrame
    figures_csv: Path
    link_estimate: LinkEstimate | None = None
    #: The link-factor estimate of the default series (its parameters as shipped), which the
    #: page compares this run's factor with; the run's own when it is the default series.
    default_estimate: LinkEstimate | None = None
    output: Path | None = None


def build(params: SeriesStageParams, figures_csv: Path | None = None) -> SeriesRun:
    """Build the series of ``params`` from ``<input>/figures.csv`` (or ``figures_csv``) without
    writing anything."""
    figures_csv = Path(figures_csv) if figures_csv is not None else params.input_path() / "figures.csv"
    figures = read_figures(figures_csv)
    try:  # what the table holds, or lacks, is said with its name
        obs, plans = split_observations(figures)
        base = params.series_params()
        sp, estimate = base, None
        if params.link_factor is None:  # no factor chosen: the prior combined with the bridge years
            sp, estimate = data_params(obs, base)
        default = (
            estimate if estimate is not None and base == SeriesParams() else estimate_link_factor(obs, SeriesParams())
        )
        annual = build_series(obs, sp, plans=plans)
    except ValueError as exc:
        from helpers.common.errors import LaocaiError

        if isinstance(exc, LaocaiError) or str(figures_csv) in str(exc):  # a parameter's error, or named
            raise
        raise ValueError(f"{figures_csv}: {exc}") from None
    series = add_nowcast(annual, figures, sp)
    return SeriesRun(params, sp, obs, plans, annual, series, figures, figures_csv, estimate, default)


def run(params: SeriesStageParams) -> SeriesRun:
    """Build the series and write series.csv and series.params.json to ``params.output_path()``."""
    done = build(params)
    out = params.output_path()
    write_csv_atomic(done.series, out / "series.csv")
    write_params(out, params.stage, _record(done), codebook.TABLES)
    return replace(done, output=out)


def _record(done: SeriesRun) -> dict[str, Any]:
    lp = done.series_params.link_params()
    return {
        "parameters": done.params.record(),
        "link_factor": lp.link_factor,
        "link_factor_range": list(lp.link_factor_range or ()),
        "figures_csv": portable_path(done.figures_csv),
    }


@dataclass
class SeriesInput:
    """A series read by a later stage, with how it was made (when its folder says)."""

    series: pd.DataFrame
    params: SeriesStageParams | None
    figures_csv: Path
    folder: Path
    record: dict[str, Any] | None = None

    def series_params(self) -> SeriesParams | None:
        """The parameters the series was built with, link factor and range as recorded
        (estimated from the data when the run chose none); ``None`` without a record."""
        if self.params is None or self.record is None:
            return None
        sp = self.params.series_params()
        k, rng = self.record.get("link_factor"), self.record.get("link_factor_range")
        if k is None or not rng:
            return sp
        return replace(sp, link_factor=float(k), link_factor_range=(float(rng[0]), float(rng[1])))


def read_series_run(folder: str | Path | None) -> SeriesInput:
    """Read ``series.csv`` and ``series.params.json`` from ``folder`` (empty: data/processed).

    Without a parameter file (a series made elsewhere) ``params`` is ``None``: the series is
    used as given, and a stage that must rebuild it says so.
    """
    folder = paths.processed_dir(folder)
    path = folder / "series.csv"
    if not path.is_file():
        raise InputError(f"{path}: no series here; build it first (notebooks/02_series.ipynb or laocai reports)")
    series = pd.read_csv(path)
    record = read_params(folder, "series")
    if record is None:
        return SeriesInput(series, None, paths.FIGURES_CSV, folder)
    params = SeriesStageParams.parse(f"{folder / 'series.params.json'}", **record.get("parameters", {}))
    figures = Path(record.get("figures_csv") or paths.FIGURES_CSV)
    return SeriesInput(series, params, figures if figures.is_absolute() else paths.ROOT / figures, folder, record)
