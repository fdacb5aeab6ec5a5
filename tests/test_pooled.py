"""The ``pooled`` member: a growth regression trained over many series, shipped as three numbers."""

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
    coefs = pooled.train(sets)
    x = steady(0.07, n=12)
    with pooled.using(coefs):
        point = fit_forecast(pd.Series(np.exp(x), index=range(2000, 2012)), 5, "pooled").frame["forecast"]
    assert np.allclose(np.log(point.to_numpy()), x[-1] + 0.07 * np.arange(1, 6), atol=1e-6)


def test_every_set_weighs_the_same_whatever_its_size():
    rng = np.random.default_rng(1)
    small = [steady(0.0, n=12) + rng.normal(0, 0.05, 12) for _ in range(5)]
    large = [steady(0.1, n=12) + rng.normal(0, 0.05, 12) for _ in range(30)]
    coefs = pooled.train([small, large])
    assert np.allclose(pooled.train([small * 4, large]), coefs)  # the same set, four times the rows
    assert not np.allclose(pooled.train([small + large]), coefs)  # one set: the series weigh the same


def test_a_jump_counts_no_more_than_the_clip():
    """Features and targets are clipped (CLIP a year): a series that rose a millionfold in one
    year and one that rose a trillionfold train the same table."""
    rng = np.random.default_rng(2)
    base = [steady(g, n=12) + rng.normal(0, 0.02, 12) for g in rng.uniform(0, 0.1, 30)]

    def jumped(factor):
        x = steady(0.05, n=12)
        x[6:] += np.log(factor)
        return x

    coefs = pooled.train([base + [jumped(1e6)]], horizons=3)
    assert np.allclose(pooled.train([base + [jumped(1e12)]], horizons=3), coefs)
    assert not np.allclose(pooled.train([base + [jumped(10)]], horizons=3), coefs)


def test_the_path_is_constant_growth_whatever_the_history():
    """One yearly growth for every horizon: a path never turns back nor wiggles, at any
    horizon (a falling series, a jumpy one, a long horizon)."""
    for x in (steady(-0.2, n=20), np.log([1, 1, 1, 1000, 1000]), np.log([1000, 1000, 1, 1])):
        path = fit_forecast(pd.Series(np.exp(x), index=range(2000, 2000 + x.size)), 25, "pooled").frame["forecast"]
        steps = np.diff(np.log(path.to_numpy()))
        assert np.allclose(steps, steps[0])
    assert pooled.coefficients().shape == (3,)


def test_using_puts_the_shipped_coefficients_back():
    before = pooled.coefficients().copy()
    with pytest.raises(RuntimeError), pooled.using(np.zeros(3)):
        assert np.all(pooled.coefficients() == 0)
        raise RuntimeError
    assert np.array_equal(pooled.coefficients(), before)


def test_a_missing_year_and_a_short_series():
    y = pd.Series(np.exp(steady(0.05, n=10)), index=range(2010, 2020))
    y.loc[2014] = np.nan
    res = fit_forecast(y, 4, "pooled")
    assert np.all(np.isfinite(res.frame[["forecast", "lo_95", "hi_95"]].to_numpy()))
    assert np.all(res.frame["lo_95"] < res.frame["forecast"]) and np.all(res.frame["forecast"] < res.frame["hi_95"])
    with pytest.raises(ModelError):
        fit_forecast(y.loc[2010:2011], 2, "pooled")
    with pytest.raises(ValueError, match="long enough"):
        pooled.train([[steady(0.1, n=3)]])


def test_series_weights_within_a_set():
    rng = np.random.default_rng(3)
    kept = [steady(g, n=12) + rng.normal(0, 0.03, 12) for g in rng.uniform(0, 0.1, 20)]
    dropped = [steady(g, n=12) + rng.normal(0, 0.03, 12) for g in rng.uniform(-0.2, 0.0, 20)]
    weighted = pooled.train([kept + dropped], [[1.0] * 20 + [0.0] * 20])
    assert np.allclose(weighted, pooled.train([kept]))


@pytest.fixture
def bench(monkeypatch):
    """bench/forecast_bench.py, its ``load`` refusing every test part."""
    sys.path.insert(0, str(BENCH))
    try:
        import forecast_bench as fb
    finally:
        sys.path.remove(str(BENCH))
    load = fb.load

    def train_only(name, part):
        assert part == "train", f"the pooled table read the {part} part of {name}"
        return load(name, part)

    monkeypatch.setattr(fb, "load", train_only)
    fb.pooled_coefs_without.cache_clear()  # trained again here, through train_only
    return fb


def test_the_shipped_table_is_the_one_the_training_parts_give(bench):
    """``_POOLED_GROWTH`` is what ``bench/forecast_bench.py --pooled-table`` trains on the
    training parts of the benchmark sets (never their test parts)."""
    assert np.allclose(np.round(bench.pooled_coefs_without(None), 4), pooled._POOLED_GROWTH, atol=6e-5)


def test_each_benchmark_set_is_forecast_with_a_table_trained_without_it(bench):
    shipped = bench.pooled_coefs_without(None)
    for name in bench.pooled_sets():
        assert not np.allclose(bench.pooled_coefs_without(name), shipped), name
    with pytest.raises(KeyError, match="not a set"):
        bench.pooled_coefs_without("M3 yearly")
    # the selection's per-series payload forecasts with the table it is given
    v = np.exp(steady(0.08, n=14))
    task = ("s", v, v[-3:], 3, ("pooled",), (4, "shared"))
    a = bench._series_payload((*task, shipped))["G"]
    b = bench._series_payload((*task, np.zeros_like(shipped)))["G"]
    assert np.allclose(b, np.log(v[-1])) and not np.allclose(a, b)
