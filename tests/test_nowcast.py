"""Nowcast of a year known only from part-year cumulative figures."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from helpers.series import nowcast as N
from helpers.series.build import SERIES_COLUMNS


def series(*pairs, kind="reported"):
    rows = [dict(year=y, value=v, lo=v, hi=v, level=95.0, kind=kind, price_base_source="2010", figure_ids=f"s@{y}",
                 method="as published", note="") for y, v in pairs]  # fmt: skip
    return pd.DataFrame(rows, columns=SERIES_COLUMNS)


def part(fid, year, period, value, growth=None, base="unstated", excluded=""):
    return dict(figure_id=fid, indicator="industrial_production_value", unit="bn_vnd", period=period, year=year,
                value=value, status="estimate", kind="cited", price_base=base, growth_pct=growth,
                compared_to=str(year - 1) if growth is not None else "", excluded=excluded)  # fmt: skip


BASE = series((2020, 100.0), (2021, 110.0), (2022, 121.0), (2023, 130.0))


@pytest.mark.parametrize(
    "period, months", [("M1-5", 5), ("H1", 6), ("Q1", 3), ("M3", None), ("H2", None), ("FY", None)]
)
def test_months_covered_by_cumulative_periods(period, months):
    assert N.months_covered(period) == months


def test_growth_of_the_longest_period_is_applied_to_the_previous_year():
    figs = pd.DataFrame([part("a", 2024, "M1-4", 40.0, -1.0), part("b", 2024, "H1", 66.0, 7.0)])
    out = N.add_nowcast(BASE, figs)
    row = out.iloc[-1]
    assert row["kind"] == "nowcast" and row["year"] == 2024
    assert row["value"] == pytest.approx(130.0 * 1.07)
    assert row["lo"] < row["value"] < row["hi"] and row["figure_ids"] == "b;a"


def test_more_months_give_a_narrower_interval():
    two = N.add_nowcast(BASE, pd.DataFrame([part("a", 2024, "M1-2", 20.0, 5.0)])).iloc[-1]
    ten = N.add_nowcast(BASE, pd.DataFrame([part("a", 2024, "M1-10", 110.0, 5.0)])).iloc[-1]
    assert ten["hi"] / ten["lo"] < two["hi"] / two["lo"]


def test_pairs_with_large_errors_widen_the_interval_and_the_prior_dominates_few_pairs():
    quiet = pd.DataFrame([part("q", 2022, "M1-6", 60.0, 10.0), part("n", 2024, "M1-6", 65.0, 5.0)])
    loud = pd.DataFrame([part("q", 2022, "M1-6", 60.0, -30.0), part("n", 2024, "M1-6", 65.0, 5.0)])
    w_quiet = N.add_nowcast(BASE, quiet).iloc[-1]
    w_loud = N.add_nowcast(BASE, loud).iloc[-1]
    assert w_loud["hi"] / w_loud["lo"] > w_quiet["hi"] / w_quiet["lo"]
    sd, df = N.pooled_sd([0.0], prior_sd=0.15)
    assert df == N.PRIOR_PAIRS + 1 and sd == pytest.approx(0.15 * math.sqrt(4 / 5))


def test_a_chained_year_carries_the_previous_nowcast_uncertainty():
    figs = pd.DataFrame([part("a", 2024, "H1", 66.0, 4.0), part("b", 2025, "H1", 70.0, 4.0)])
    out = N.add_nowcast(BASE, figs)
    assert out["kind"].tolist()[-2:] == ["nowcast", "nowcast"]
    sd = N.nowcast_log_sd(out)
    assert sd[2025] > sd[2024] and out.iloc[-1]["value"] == pytest.approx(130 * 1.04 * 1.04)
    assert "merged" in out.iloc[-1]["note"]


def test_unstated_base_is_checked_on_the_level_and_adds_uncertainty():
    stated = N.add_nowcast(BASE, pd.DataFrame([part("a", 2024, "H1", 66.0, 4.0, base="2010")])).iloc[-1]
    unstated = N.add_nowcast(BASE, pd.DataFrame([part("a", 2024, "H1", 66.0, 4.0)])).iloc[-1]
    assert unstated["hi"] / unstated["lo"] > stated["hi"] / stated["lo"]
    assert unstated["price_base_source"] == "unstated->2010" and "fits 2010 prices only" in unstated["note"]


def test_without_growth_the_level_is_scaled_by_the_months():
    row = N.add_nowcast(BASE, pd.DataFrame([part("a", 2024, "H1", 66.0, base="2010")])).iloc[-1]
    assert row["value"] == pytest.approx(132.0) and "x 12/6" in row["method"]


def test_no_part_year_figure_or_an_excluded_one_adds_nothing():
    assert len(N.add_nowcast(BASE, pd.DataFrame([part("a", 2025, "H1", 66.0, 4.0)]))) == len(BASE)
    off = pd.DataFrame([part("a", 2024, "H1", 66.0, 4.0, excluded="use: false")])
    assert len(N.add_nowcast(BASE, off)) == len(BASE)


def test_the_forecast_starts_from_the_nowcast():
    from helpers.forecast import outlook as O

    hist = series(*[(y, 100.0 * 1.08 ** (y - 2010)) for y in range(2010, 2024)])
    figs = pd.DataFrame([part("a", 2024, "H1", 150.0, 20.0, base="2010")])
    withnc = N.add_nowcast(hist, figs)
    d, years = O.nowcast_draws(withnc, 3, "rwd_log", (80, 95), 2010, 4000, np.random.default_rng(1))
    assert years == [2024, 2025, 2026]
    nc = float(withnc.iloc[-1]["value"])
    assert np.median(d[:, 0]) == pytest.approx(nc, rel=0.02)
    assert np.median(d[:, 1]) > nc  # the trend continues from the nowcast, not from 2023
