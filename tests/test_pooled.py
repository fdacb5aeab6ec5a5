"""The ``pooled`` member: a growth regression trained over many series, shipped as a table."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers.models import ModelError, fit_forecast, pooled

BENCH = Path(__file__).resolve().parent.parent / "bench"


def steady(g: float, n: int = 15, start: float = 3.0) -> np.ndarray:
    """Log values growing by ``g`` a year."""
    return start + g * np.arange(n)


def test_a_table_trained_on_steady_growth_continues_it():
    rng = np.random.default_rng(0)
    sets = [[steady(g) for g in rng.uniform(-0.1, 0.2, 40)], [steady(g, n=9) for g in rng.uniform(0, 0.1, 20)]]
    rows = pooled.train(sets, H=5)
    x = steady(0.07, n=12)
    with pooled.using(rows):
        point = fit_forecast(pd.Series(np.exp(x), index=range(2000, 2012)), 5, "pooled").frame["forecast"]
    assert np.allclose(np.log(point.to_numpy()), x[-1] + 0.07 * np.arange(1, 6), atol=1e-6)


def test_every_set_weighs_the_same_whatever_its_size():
    rng = np.random.default_rng(1)
    small = [steady(0.0, n=12) + rng.normal(0, 0.05, 12) for _ in range(5)]
    large = [steady(0.1, n=12) + rng.normal(0, 0.05, 12) for _ in range(30)]
    rows = pooled.train([small, large], H=3)
    assert np.allclose(pooled.train([small * 4, large], H=3), rows)  # the same set, four times the rows
    assert not np.allclose(pooled.train([small + large], H=3), rows)  # one set: the series weigh the same


def test_a_jump_counts_no_more_than_the_clip():
    """Features and targets are clipped (CLIP a year): a series that rose a millionfold in one
    year and one that rose a trillionfold train the same table."""
    rng = np.random.default_rng(2)
    base = [steady(g, n=12) + rng.normal(0, 0.02, 12) for g in rng.uniform(0, 0.1, 30)]

    def jumped(factor):
        x = steady(0.05, n=12)
        x[6:] += np.log(factor)
        return x

    rows = pooled.train([base + [jumped(1e6)]], H=3)
    assert np.allclose(pooled.train([base + [jumped(1e12)]], H=3), rows)
    assert not np.allclose(pooled.train([base + [jumped(10)]], H=3), rows)


def test_past_the_table_the_last_row_continues_in_proportion():
    c = pooled.coefficients(2 * pooled.TABLE_HORIZONS)
    assert c.shape == (2 * pooled.TABLE_HORIZONS, 3)
    assert np.allclose(c[-1], 2 * c[pooled.TABLE_HORIZONS - 1])
    assert np.allclose(c[: pooled.TABLE_HORIZONS], np.array(pooled._POOLED_ROWS))


def test_using_puts_the_shipped_table_back():
    before = pooled.coefficients(3).copy()
    with pytest.raises(RuntimeError), pooled.using(np.zeros((3, 3))):
        assert np.all(pooled.coefficients(3) == 0)
        raise RuntimeError
    assert np.array_equal(pooled.coefficients(3), before)


def test_a_missing_year_and_a_short_series():
    y = pd.Series(np.exp(steady(0.05, n=10)), index=range(2010, 2020))
    y.loc[2014] = np.nan
    res = fit_forecast(y, 4, "pooled")
    assert np.all(np.isfinite(res.frame[["forecast", "lo_95", "hi_95"]].to_numpy()))
    assert np.all(res.frame["lo_95"] < res.frame["forecast"]) and np.all(res.frame["forecast"] < res.frame["hi_95"])
    with pytest.raises(ModelError):
        fit_forecast(y.loc[2010:2011], 2, "pooled")
    with pytest.raises(ValueError, match="2-year change"):
        pooled.train([[steady(0.1, n=4)]], H=2)


def test_the_shipped_table_is_the_one_the_training_parts_give():
    """``_POOLED_ROWS`` is what ``bench/forecast_bench.py --pooled-table`` trains on the
    training parts of the benchmark sets (never their test parts)."""
    sys.path.insert(0, str(BENCH))
    try:
        import forecast_bench as fb

        rows = fb.pooled_rows_without(None)
    finally:
        sys.path.remove(str(BENCH))
    assert np.allclose(np.round(rows, 4), np.array(pooled._POOLED_ROWS), atol=6e-5)
