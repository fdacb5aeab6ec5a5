"""Do a 5-year and a 10-year report agree on the years they share?

Usage (from the repository root)::

    .venv/bin/python bench/horizon_agreement.py        # ~30 s

For every model of the trend and forecast reports, on the canonical series
(data/processed), the largest relative difference between the horizon-5 and horizon-10 numbers
of the years both show: the medians and the interval bounds. Trend rows are the model fits
(``fit_forecast``), forecast rows the outlooks of the default link scenario (mixture of draws
over the link-factor nodes). Each is measured with the calibration as it is (origin scheme
``shared``: the origins of the longest horizon calibrate every horizon) and with each horizon
calibrated on its own origins (``per_horizon``), which isolates what the draws contribute.
"""

from __future__ import annotations

import pandas as pd

import helpers.models.calibration as C
from helpers.forecast import outlook as O
from helpers.forecast.stage import ForecastParams, TrendParams
from helpers.series.stage import read_series_run


def _diff(a: pd.DataFrame, b: pd.DataFrame) -> tuple[float, float]:
    a, b = a.set_index("year"), b.set_index("year").loc[a["year"]]
    r = (b / a - 1).abs()
    return float(r["forecast"].max()), float(r.drop(columns="forecast").max().max())


def main() -> None:
    src = read_series_run("")
    y = O.scenario_input(src.series, 2010, "default")
    kw = dict(link_scenario="default", figures_path=src.figures_csv, series_params=src.series_params())
    rows = []
    for scheme in ("shared", "per_horizon"):
        C.ORIGIN_SCHEME = scheme
        for m in TrendParams().models:
            med, bnd = _diff(O.fit_forecast(y, 5, m).frame, O.fit_forecast(y, 10, m).frame)
            rows.append(("trend", m, scheme, med, bnd))
        for m in ForecastParams().models:
            a = O.forecast_outlook(src.series, 5, m, **kw).frame
            b = O.forecast_outlook(src.series, 10, m, **kw).frame
            rows.append(("forecast", m, scheme, *_diff(a, b)))
    df = pd.DataFrame(rows, columns=["page", "model", "calibration origins", "median", "bounds"])
    df[["median", "bounds"]] = (df[["median", "bounds"]] * 100).round(2)
    print("largest |h10 / h5 - 1| in % over the shared years")
    print(df.to_string(index=False))


if __name__ == "__main__":
    main()
