"""Yearly panels that statsmodels ships, as extra training evidence for the selection rule.

Usage (from the repository root)::

    .venv/bin/python bench/package_yearly.py      # writes the two files below, prints counts

Writes, in the long ``unique_id, year, value`` form of ``bench/data``:

``statsmodels_fertility_yearly.csv``
    Total fertility rate (births per woman) of every country of
    ``statsmodels.datasets.fertility`` (World Bank, World Development Indicators), 1960-2013,
    each country's run of consecutive observed years.
``statsmodels_other_yearly.csv``
    The other positive yearly level series statsmodels ships: the US macro data of
    ``macrodata`` (real GDP, consumption, investment, government spending, disposable income,
    CPI, M1, population; yearly means of the quarters, 1959-2009), the 11 firms of
    ``grunfeld`` (investment, value, capital, 1935-1954), ``nile`` (yearly flow, 1871-1970),
    ``co2`` (Mauna Loa, yearly means of the complete years), ``copper`` (5 series, 1951-1975)
    and ``longley`` (6 series, 1947-1962).

A series is kept when every value is positive and it has at least ``MIN_YEARS`` consecutive
observed years (three holdout windows of 6 years need some years before them). The files
have no test part: ``forecast_bench.py --select --with-package-data`` uses them whole as
training parts, beside the training parts of M1 and Tourism. The data are read from the
installed statsmodels, so the files are the same on every machine with the pinned version.
"""

from __future__ import annotations

import sys
import warnings

import numpy as np
import pandas as pd

from helpers.common import paths

MIN_YEARS = 15
FILES = {
    "fertility": "statsmodels_fertility_yearly.csv",
    "other": "statsmodels_other_yearly.csv",
}


def _longest_run(years: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The longest run of consecutive years with a positive value."""
    ok = np.isfinite(values) & (values > 0)
    best, start = (0, 0), None
    for i in range(len(values) + 1):
        if i < len(values) and ok[i]:
            start = i if start is None else start
        elif start is not None:
            if i - start > best[1] - best[0]:
                best = (start, i)
            start = None
    return years[best[0] : best[1]], values[best[0] : best[1]]


def _rows(uid: str, years, values) -> list[tuple]:
    y, v = _longest_run(np.asarray(years, int), np.asarray(values, float))
    if len(v) < MIN_YEARS:
        return []
    return [(uid, int(a), float(b)) for a, b in zip(y, v)]


def fertility() -> pd.DataFrame:
    import statsmodels.api as sm

    d = sm.datasets.fertility.load_pandas().data
    year_cols = [c for c in d.columns if str(c).isdigit()]
    rows = []
    for _, r in d.iterrows():
        rows += _rows(f"fert_{r['Country Code']}", [int(c) for c in year_cols], r[year_cols].to_numpy(float))
    return pd.DataFrame(rows, columns=["unique_id", "year", "value"])


def other() -> pd.DataFrame:
    import statsmodels.api as sm

    rows = []
    m = sm.datasets.macrodata.load_pandas().data
    yearly = m.groupby("year").mean(numeric_only=True)
    yearly = yearly[m.groupby("year").size() == 4]
    for col in ("realgdp", "realcons", "realinv", "realgovt", "realdpi", "cpi", "m1", "pop"):
        rows += _rows(f"macro_{col}", yearly.index.to_numpy(int), yearly[col].to_numpy(float))
    g = sm.datasets.grunfeld.load_pandas().data
    for (firm, col), part in (
        (k, g[g["firm"] == k[0]])
        for k in [(f, c) for f in sorted(g["firm"].unique()) for c in ("invest", "value", "capital")]
    ):
        part = part.sort_values("year")
        rows += _rows(
            f"grunfeld_{str(firm).replace(' ', '_').lower()}_{col}",
            part["year"].to_numpy(int),
            part[col].to_numpy(float),
        )
    n = sm.datasets.nile.load_pandas().data
    rows += _rows("nile", n["year"].to_numpy(int), n["volume"].to_numpy(float))
    c = sm.datasets.co2.load_pandas().data["co2"]
    by_year = c.groupby(c.index.year)
    full = by_year.count() >= 50  # weekly readings: a complete year
    means = by_year.mean()[full]
    rows += _rows("co2", means.index.to_numpy(int), means.to_numpy(float))
    cu = sm.datasets.copper.load_pandas().data
    years = 1950 + cu["TIME"].to_numpy(int)
    for col in ("WORLDCONSUMPTION", "COPPERPRICE", "INCOMEINDEX", "ALUMPRICE", "INVENTORYINDEX"):
        rows += _rows(f"copper_{col.lower()}", years, cu[col].to_numpy(float))
    lo = sm.datasets.longley.load_pandas().data
    for col in ("TOTEMP", "GNPDEFL", "GNP", "UNEMP", "ARMED", "POP"):
        rows += _rows(f"longley_{col.lower()}", lo["YEAR"].to_numpy(int), lo[col].to_numpy(float))
    return pd.DataFrame(rows, columns=["unique_id", "year", "value"])


def main() -> int:
    warnings.filterwarnings("ignore")
    for key, make in (("fertility", fertility), ("other", other)):
        df = make()
        path = paths.BENCH_DATA / FILES[key]
        df.to_csv(path, index=False, float_format="%.10g")
        lengths = df.groupby("unique_id").size()
        print(f"{path.name}: {lengths.size} series, {len(df)} rows, lengths {lengths.min()} to {lengths.max()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
