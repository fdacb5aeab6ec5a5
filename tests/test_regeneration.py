"""The committed canonical outputs (data/processed/*.csv) are what the code makes of data/raw.

This is the only test that compares committed outputs: every other test runs on fixtures and
survives new evidence. After adding a document or a cited figure, regenerate the outputs
(`laocai add-source` does it; else `laocai reports --only figures --only series --only trend
--only forecast`) and commit them.
"""

from __future__ import annotations

import pytest

from helpers.common import paths
from helpers.common.io import write_csv_atomic
from helpers.figures import table as F
from helpers.forecast import outlook as O

pytestmark = pytest.mark.slow

STALE = "data/processed/{name} is stale: run `laocai reports --only figures --only series --only trend --only forecast` and commit it"


def _notebook_defaults(name: str) -> dict:
    from helpers.reports import inspect_parameters

    return {k: spec.value for k, spec in inspect_parameters(paths.NOTEBOOKS / name).items()}


def _same(tmp, name: str) -> None:
    assert (tmp / name).read_bytes() == (paths.DATA_PROCESSED / name).read_bytes(), STALE.format(name=name)


def test_committed_figures_and_checks_are_up_to_date(tmp_path):
    F.write_figures(F.build_figures(), tmp_path)
    _same(tmp_path, "figures.csv")
    _same(tmp_path, "checks.csv")


def test_committed_series_is_up_to_date(tmp_path):
    """series.csv is what notebooks/02_series.ipynb writes with its defaults."""
    from helpers.series.bridge import canonical_series

    write_csv_atomic(canonical_series(), tmp_path / "series.csv")
    _same(tmp_path, "series.csv")


def test_committed_trend_is_up_to_date(tmp_path):
    """trend.csv is what notebooks/03_trend.ipynb writes with its defaults."""
    p = _notebook_defaults("03_trend.ipynb")
    y = O.model_input(O.read_series(), p["first_year"])
    results, problems = O.fit_models(y, p["horizon"], p["models"], p["levels"])
    assert not problems
    write_csv_atomic(O.forecasts_long(results), tmp_path / "trend.csv")
    _same(tmp_path, "trend.csv")


def test_committed_forecasts_are_up_to_date(tmp_path):
    """forecasts.csv is what notebooks/04_forecast.ipynb writes with its defaults."""
    p = _notebook_defaults("04_forecast.ipynb")
    out = O.forecast_outlook(
        O.read_series(), p["horizon"], p["models"][0], p["levels"], link_scenario=p["link_scenario"],
        first_year=p["first_year"],
    )  # fmt: skip
    write_csv_atomic(
        out.frame.assign(model=p["models"][0], link_scenario=p["link_scenario"]), tmp_path / "forecasts.csv"
    )
    _same(tmp_path, "forecasts.csv")
