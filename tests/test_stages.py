"""Stages: typed parameters, parameters that travel with the data, and safe exploring."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from helpers.common import paths as common_paths
from helpers.common import stage as common_stage
from helpers.common.errors import UsageError
from helpers.forecast import stage as forecast_stage
from helpers.series import stage as series_stage
from helpers.series.linking import link_factor_reference


def _series(tmp_path, name, **values):
    params = series_stage.SeriesStageParams(output_dir=str(tmp_path / name), **values)
    return series_stage.run(params)


def _forecast(tmp_path, series_dir, name, **values):
    params = forecast_stage.ForecastParams(
        input_dir=str(series_dir), output_dir=str(tmp_path / name), models=["combo"], **values
    )
    return forecast_stage.run_forecast(params)


def test_series_parameters_are_written_beside_the_series(tmp_path):
    done = _series(tmp_path, "low", link_factor="low")
    record = json.loads((tmp_path / "low" / "series.params.json").read_text(encoding="utf-8"))
    assert record["parameters"]["link_factor"] == "low"
    assert record["link_factor"] == pytest.approx(link_factor_reference()[1][0])
    back = series_stage.read_series_run(tmp_path / "low")
    assert back.params == done.params
    pd.testing.assert_frame_equal(back.series, pd.read_csv(tmp_path / "low" / "series.csv"))


def test_a_series_parameter_reaches_the_forecast_and_the_trend(tmp_path):
    """The forecast and the trend rebuild and fit the series they are given, not the default one."""
    base = _series(tmp_path, "base")
    other = _series(tmp_path, "other", link_factor="high", gap_method="state_space")
    assert not base.series["value"].equals(other.series["value"])
    _forecast(tmp_path, tmp_path / "base", "fa")
    fb = _forecast(tmp_path, tmp_path / "other", "fb")
    a = pd.read_csv(tmp_path / "fa" / "forecasts.csv")
    b = pd.read_csv(tmp_path / "fb" / "forecasts.csv")
    assert (a["forecast"] - b["forecast"]).abs().max() > 1, "the forecast ignored the series it was given"
    assert fb.source.params.link_factor == "high" and fb.source.params.gap_method == "state_space"
    ta = forecast_stage.run_trend(
        forecast_stage.TrendParams(
            input_dir=str(tmp_path / "base"), output_dir=str(tmp_path / "ta"), models=["loglinear"]
        )
    )
    tb = forecast_stage.run_trend(
        forecast_stage.TrendParams(
            input_dir=str(tmp_path / "other"), output_dir=str(tmp_path / "tb"), models=["loglinear"]
        )
    )
    assert not ta.y.equals(tb.y)
    record = json.loads((tmp_path / "fb" / "forecast.params.json").read_text(encoding="utf-8"))
    assert record["series"]["parameters"]["gap_method"] == "state_space"


def test_headline_equals_the_headline_models_row(tmp_path):
    _series(tmp_path, "base")
    params = forecast_stage.ForecastParams(
        input_dir=str(tmp_path / "base"), output_dir=str(tmp_path / "f"), models=["combo", "loglinear"]
    )
    done = forecast_stage.run_forecast(params)
    pd.testing.assert_frame_equal(done.outlook.frame, done.outlooks["combo"].frame)
    written = pd.read_csv(tmp_path / "f" / "forecasts.csv")
    assert written["forecast"].to_numpy() == pytest.approx(done.outlooks["combo"].frame["forecast"].to_numpy())


def test_default_scenario_needs_to_know_how_the_series_was_built(tmp_path):
    _series(tmp_path, "base")
    (tmp_path / "base" / "series.params.json").unlink()
    with pytest.raises(UsageError, match="series.params.json"):
        _forecast(tmp_path, tmp_path / "base", "f")
    done = _forecast(tmp_path, tmp_path / "base", "f", link_scenario="fixed")
    assert done.source.params is None and (tmp_path / "f" / "forecasts.csv").is_file()


def test_a_run_without_output_dir_writes_to_scratch_not_data_processed(tmp_path, monkeypatch):
    monkeypatch.setattr(common_stage, "SCRATCH", tmp_path / "scratch")
    params = series_stage.SeriesStageParams()
    assert params.output_path() == tmp_path / "scratch" / "series"
    series_stage.run(params)
    assert (tmp_path / "scratch" / "series" / "series.csv").is_file()


@pytest.mark.parametrize(
    "values, needle",
    [
        ({"horizon": 5.5}, "horizon"),
        ({"horizon": -3}, "horizon"),
        ({"models": []}, "models"),
        ({"models": ["nope"]}, "nope"),
        ({"levels": [120]}, "levels"),
        ({"link_scenario": "other"}, "link_scenario"),
        ({"horizn": 3}, "unknown parameter"),
    ],
)
def test_bad_forecast_parameters_are_refused_with_their_name(values, needle):
    with pytest.raises(UsageError) as err:
        forecast_stage.ForecastParams.parse("reports.yaml run 'forecast'", **values)
    assert needle in str(err.value) and "reports.yaml run 'forecast'" in str(err.value)


def test_bad_series_parameters_are_refused_by_the_one_definition():
    with pytest.raises(UsageError, match="link_factor"):
        series_stage.SeriesStageParams.parse("cell", link_factor=-1.0)
    with pytest.raises(UsageError, match="link_factor"):
        series_stage.SeriesStageParams.parse("cell", link_factor="medium")
    with pytest.raises(UsageError, match="gap_method"):
        series_stage.SeriesStageParams.parse("cell", gap_method="spline")


def test_link_factor_default_means_the_default_series_and_prior_the_references_value():
    """``--link-factor default`` builds the series a run without the option builds (the prior
    combined with the bridge years); the prior's own value is asked for by name ``prior``."""
    from helpers.series.linking import link_factor_reference

    given = series_stage.SeriesStageParams.parse("cell", link_factor="default")
    assert given.link_factor is None and given.record() == series_stage.SeriesStageParams().record()
    prior = series_stage.SeriesStageParams.parse("cell", link_factor="prior")
    assert prior.resolved_link_factor() == link_factor_reference()[0]
    built = {name: series_stage.build(series_stage.SeriesStageParams(link_factor=name)) for name in (None, "default")}
    assert built[None].series["value"].tolist() == built["default"].series["value"].tolist()
    assert built[None].series_params.link_factor != prior.resolved_link_factor()  # the bridge years count


def test_committed_parameter_records_match_the_canonical_build(tmp_path):
    """data/processed/*.params.json say how the committed tables were made (canonical build)."""
    from helpers.common import paths

    for stage_name in ("series", "trend", "forecast"):
        committed = json.loads((paths.DATA_PROCESSED / f"{stage_name}.params.json").read_text(encoding="utf-8"))
        assert committed["parameters"]["output_dir"] == "data/processed", stage_name
    series = json.loads((paths.DATA_PROCESSED / "series.params.json").read_text(encoding="utf-8"))
    assert series["figures_csv"] == "data/processed/figures.csv"  # portable: relative to the project root
    source = series_stage.read_series_run(paths.DATA_PROCESSED)
    # the series was built with the link factor the run resolved (from the data when none was chosen)
    assert source.series_params().link_params().link_factor == pytest.approx(series["link_factor"])
    forecast = json.loads((paths.DATA_PROCESSED / "forecast.params.json").read_text(encoding="utf-8"))
    assert forecast["series"]["parameters"] == series["parameters"]
    assert forecast_stage.ForecastParams(**forecast["parameters"]).models[0] == "combo"


def test_charts_draw_nowcasts_as_forecasts_not_as_history():
    from helpers.forecast import outlook as O

    series = pd.DataFrame(
        {
            "year": [2009, 2010, 2011, 2012],
            "value": [1.0, 2.0, 3.0, 4.0],
            "kind": ["reported", "reported", "implied", "nowcast"],
        }
    )
    assert list(O.history(series, 2010)["year"]) == [2010, 2011]


def test_a_value_no_member_of_a_union_accepts_is_one_part_in_words():
    with pytest.raises(UsageError) as err:
        series_stage.SeriesStageParams.parse("cell", link_factor="hihg")
    assert (
        str(err.value)
        == "cell: link_factor: expected a number or one of 'default', 'prior', 'low', 'high' (got 'hihg')"
    )


@pytest.mark.parametrize(
    "args, line",
    [
        (
            ["--link-factor", "hi"],
            "--link-factor: expected a number or one of 'default', 'prior', 'low', 'high' (got 'hi')",
        ),
        (["--gap-method", "kalman"], "--gap-method: unknown gap method 'kalman'; accepted values: loglinear"),
        (["--link-factor", "2,9"], "--link-factor: write the decimal with a dot (2.9), not a comma (got '2,9')"),
    ],
)
def test_laocai_series_names_a_bad_option_once_as_the_option(args, line, capsys):
    from helpers import cli

    with pytest.raises(SystemExit) as done:
        cli.main(["series", *args])
    assert done.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"laocai series: error: {line}") and err.count("laocai series") == 1 and "\n" not in err


def test_a_parameter_given_to_a_notebook_under_a_wrong_name_is_refused_with_the_right_one():
    """papermill -p levl 90 only warns; the notebook's first cells (its parameters cell and the
    one papermill injects) are read from the kernel's history, and a name no field has stops it."""
    cells = ["", 'lang = "en"  # report language\nlevel = 95\n', "# Parameters\nlevl = 90\n", "from x import y\n"]
    namespace = {"In": cells, "lang": "en", "level": 95, "levl": 90}
    with pytest.raises(UsageError) as err:
        series_stage.SeriesStageParams.from_globals(namespace)
    assert "unknown parameter(s) 'levl' (did you mean 'level'?)" in str(err.value)
    # a reader's own cell run later in JupyterLab is not a parameter
    later = {"In": [*cells[:2], "from x import y\n", "year = 2020\n"], "lang": "vi", "level": 90, "year": 2020}
    assert series_stage.SeriesStageParams.from_globals(later).level == 90
    # papermill's own names (--inject-paths) are not parameters of the notebook
    paths = {"In": [*cells[:2], "PAPERMILL_INPUT_PATH = 'a.ipynb'\nPAPERMILL_OUTPUT_PATH = 'b.ipynb'\n"], "level": 95}
    assert series_stage.SeriesStageParams.from_globals(paths).level == 95


@pytest.mark.parametrize("folder", ["data/processed", "./data/processed/", str(common_paths.DATA_PROCESSED)])
def test_a_notebook_run_outside_a_build_may_not_write_the_committed_tables(monkeypatch, folder):
    """papermill -p output_dir data/processed -p link_factor high would replace the committed
    series with a scenario; only the report build (which sets LAOCAI_BUILD in its kernels) writes there."""
    from helpers.common.stage import BUILD_VARIABLE
    from helpers.reports.execute import build_variables

    monkeypatch.delenv(BUILD_VARIABLE, raising=False)
    namespace = {"In": ["", f"output_dir = {folder!r}\nlink_factor = 'high'\n"], "output_dir": folder}
    with pytest.raises(UsageError) as err:
        series_stage.SeriesStageParams.from_globals(namespace)
    assert "is in data/processed, which holds the committed tables" in str(err.value) and "scratch/series" in str(
        err.value
    )
    assert series_stage.SeriesStageParams.from_globals({**namespace, "output_dir": "scratch/mine"}).output_dir
    monkeypatch.setenv(BUILD_VARIABLE, build_variables(common_paths.ROOT)[BUILD_VARIABLE])
    assert series_stage.SeriesStageParams.from_globals(namespace).output_dir == folder


@pytest.mark.parametrize(
    "folder, place", [("data/processed/mine", "data/processed"), ("data/raw", "data/raw"), ("data/raw/x", "data/raw")]
)
def test_a_notebook_never_writes_inside_the_committed_folders(monkeypatch, folder, place):
    """Not a sub-folder of data/processed (untracked files among the committed tables), and not
    data/raw (the next build would take the files for unregistered documents), in a build too."""
    from helpers.common.stage import BUILD_VARIABLE
    from helpers.reports.execute import build_variables

    namespace = {"In": ["", f"output_dir = {folder!r}\n"], "output_dir": folder}
    for build in (False, True):
        if build:
            monkeypatch.setenv(BUILD_VARIABLE, build_variables(common_paths.ROOT)[BUILD_VARIABLE])
        else:
            monkeypatch.delenv(BUILD_VARIABLE, raising=False)
        with pytest.raises(UsageError, match=f"is in {place}, which holds"):
            series_stage.SeriesStageParams.from_globals(namespace)
